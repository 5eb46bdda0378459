//! Fuzz the destination-server parser (`OnionReqParser`) on arbitrary bytes and on arbitrary
//! JSON trailers next to a valid ciphertext. Never panics; a parse that succeeds decrypts to
//! the payload that was encrypted.
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use libfuzzer_sys::fuzz_target;
use oxen_onion::rand_core::{TryCryptoRng, TryRng};
use oxen_onion::server::DEFAULT_MAX_SIZE;
use oxen_onion::*;

struct CountRng(u8);
impl TryRng for CountRng {
    type Error = core::convert::Infallible;
    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        Ok(0)
    }
    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        Ok(0)
    }
    fn try_fill_bytes(&mut self, d: &mut [u8]) -> Result<(), Self::Error> {
        for b in d {
            self.0 = self.0.wrapping_add(1);
            *b = self.0;
        }
        Ok(())
    }
}
impl TryCryptoRng for CountRng {}

fn reply_round_trip(p: &OnionReqParser, client: Option<&X25519KeyPair>, server: &X25519KeyPair) {
    let mut rng = CountRng(3);
    let r = p.encrypt_reply(&mut rng, b"reply").unwrap();
    if let Some(c) = client {
        let dec =
            ReplyDecryptor::from_keys(c.clone(), server.public, p.enc_type(), vec![]).unwrap();
        assert_eq!(dec.decrypt(r.as_bytes()).unwrap(), b"reply");
    }
}

fuzz_target!(|data: &[u8]| {
    let server = X25519KeyPair::from_secret(X25519SecretKey::from_bytes([5; 32]));
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    if mode & 1 == 0 {
        let max = if mode & 2 == 0 {
            DEFAULT_MAX_SIZE
        } else {
            rest.len().saturating_sub(1)
        };
        if let Ok(p) = OnionReqParser::new(&server, rest, max) {
            reply_round_trip(&p, None, &server);
        }
        return;
    }
    // valid ciphertext of a fixed payload, fuzzed JSON trailer
    let client = X25519KeyPair::from_secret(X25519SecretKey::from_bytes([6; 32]));
    let t = if mode & 2 == 0 {
        EncType::AesGcm
    } else {
        EncType::XChaCha20
    };
    let key = HopKey::derive(t, &client, &server.public, Role::Client).unwrap();
    let ct = key.encrypt(&mut CountRng(0), b"payload").unwrap();
    let body = frame::Frame {
        blob: &ct,
        json: rest,
    }
    .to_bytes()
    .unwrap();
    if let Ok(p) = OnionReqParser::new(&server, &body, DEFAULT_MAX_SIZE) {
        // only the real key and scheme can decrypt an authenticated ciphertext
        assert_eq!(p.payload(), b"payload");
        assert_eq!(p.remote_pubkey(), &client.public);
        reply_round_trip(&p, Some(&client), &server);
    }
});
