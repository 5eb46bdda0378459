//! Front door: `decrypt_incoming` and `decrypt_incoming_session_id` on arbitrary bytes, with
//! the recipient as an Ed25519 key and as its X25519 pair. Input: byte 0 picks one of four
//! recipient accounts (seed `[b % 4; 32]`), the rest is the ciphertext. Checks: no panic; both
//! key kinds give the same verdict; the Session-ID form is `decrypt_incoming` then
//! `SessionId::from_ed25519` of the sender; the verdict equals libsodium's composition
//! (`sodium_diff::incoming_theirs`: the same message and sender, or the same typed refusal).
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use libfuzzer_sys::fuzz_target;
use oxen_fuzz::session_valid::account;
use oxen_fuzz::sodium_diff::compare_incoming;
use oxen_session::{
    SessionId, X25519KeyPair, X25519SecretKey, decrypt_incoming, decrypt_incoming_session_id,
};

fuzz_target!(|data: &[u8]| {
    let Some((&k, rest)) = data.split_first() else {
        return;
    };
    let Some((secret, ct)) = rest.split_first_chunk::<32>() else {
        return;
    };
    let key = account(*secret);
    let pair = if k % 2 == 0 {
        key.x25519_key_pair()
    } else {
        X25519KeyPair::from_secret(X25519SecretKey::from_bytes(*secret))
    };
    let by_x = decrypt_incoming(&pair, ct);
    if k % 2 == 0 {
        assert_eq!(decrypt_incoming(&key, ct), by_x, "key kinds disagree");
        assert_eq!(
            decrypt_incoming_session_id(&key, ct),
            decrypt_incoming_session_id(&pair, ct)
        );
    }
    let sid = decrypt_incoming_session_id(&pair, ct);
    match &by_x {
        Ok((m, a)) => {
            let expected = SessionId::from_ed25519(a).map(|s| (m.clone(), s));
            assert_eq!(sid, expected);
        }
        Err(e) => assert_eq!(sid.as_ref().err(), Some(e)),
    }
    let (pk, sk) = (pair.public.to_bytes(), *pair.secret.expose_bytes());
    if let Err(d) = compare_incoming(ct, &pk, &sk) {
        panic!("{d}");
    }
});
