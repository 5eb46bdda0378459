//! Fuzz the client's reply handling (`ReplyDecryptor::handle_reply`, raw/base64 detection,
//! plain-text path-error classification) and the snode reply parser. Never panics; a
//! classified path error only names hops that exist.
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use libfuzzer_sys::fuzz_target;
use oxen_onion::reply::SnodeResponse;
use oxen_onion::*;

fuzz_target!(|data: &[u8]| {
    let Some((&s, body)) = data.split_first() else {
        return;
    };
    let final_pair = X25519KeyPair::from_secret(X25519SecretKey::from_bytes([3; 32]));
    let dest = X25519KeyPair::from_secret(X25519SecretKey::from_bytes([4; 32])).public;
    let path = vec![
        Ed25519PublicKey([1; 32]),
        Ed25519PublicKey([2; 32]),
        Ed25519PublicKey([3; 32]),
    ];
    let t = if s & 1 == 0 {
        EncType::AesGcm
    } else {
        EncType::XChaCha20
    };
    let dec = ReplyDecryptor::from_keys(final_pair, dest, t, path).unwrap();
    let status = [200u16, 400, 413, 500, 502, 503, 504, 418][usize::from(s >> 5)];
    match dec.handle_reply(status, body) {
        Ok(plain) => {
            let _ = SnodeResponse::from_bytes(&plain);
        }
        Err(Error::PathFailure(f)) => {
            assert_eq!(f.status, status);
            assert!(f.hop.is_none_or(|h| h < 3));
        }
        Err(Error::CiphertextTooShort | Error::DecryptionFailed) => assert_eq!(status, 200),
        Err(e) => panic!("unexpected {e:?}"),
    }
    if let Ok(r) = SnodeResponse::from_bytes(body) {
        assert_eq!(SnodeResponse::from_bytes(&r.to_bytes()).unwrap(), r);
    }
    if let Ok(raw) = codec::from_base64(body) {
        assert!(raw.len() <= body.len());
        let _ = dec.decrypt(&raw);
    }
});
