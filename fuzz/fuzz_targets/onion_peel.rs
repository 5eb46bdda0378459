//! Fuzz the node side (`peel_edge`, `peel_relay`) on arbitrary bytes, and on arbitrary
//! plaintext inside a correctly encrypted layer (so the inner frame/JSON parser is reached).
//! Never panics; each outcome is in its reference class; relay messages re-decode.
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use libfuzzer_sys::fuzz_target;
use oxen_onion::node::{self, Decision, Rejection};
use oxen_onion::rand_core::{TryCryptoRng, TryRng};
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

fn check(out: &Result<Decision, Rejection>) {
    match out {
        Ok(Decision::RelayToNode(r)) => {
            let bytes = r.message.to_bytes();
            if r.message.hop_no <= MAX_ONION_HOPS {
                assert_eq!(RelayMessage::from_bytes(&bytes).as_ref(), Ok(&r.message));
            }
        }
        Ok(Decision::ForwardToServer(s)) => assert!(s.route.is_allowed()),
        Ok(Decision::Deliver(_)) => {}
        Err(r) => {
            let status = r.http_status();
            assert!(status == 200 || status == 400 || status == 413);
            assert_eq!(r.is_encrypted(), status == 200);
            let _ = r.body();
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let node_keys = NodeKeys {
        x25519: X25519KeyPair::from_secret(X25519SecretKey::from_bytes([7; 32])),
        ed25519: Ed25519PublicKey([1; 32]),
    };
    let mut rng = CountRng(0);
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    match mode % 3 {
        0 => check(&node::peel_edge(&node_keys, rest, &mut rng)),
        1 => check(&node::peel_relay(&node_keys, rest, &mut rng)),
        _ => {
            let t = if mode & 0x80 != 0 {
                EncType::XChaCha20
            } else {
                EncType::AesGcm
            };
            let client = X25519KeyPair::from_secret(X25519SecretKey::from_bytes([9; 32]));
            let key = HopKey::derive(t, &client, &node_keys.x25519.public, Role::Client).unwrap();
            let ct = key.encrypt(&mut rng, rest).unwrap();
            let json = control::EdgeRoute {
                ephemeral_key: client.public,
                enc_type: t,
                hop_no: None,
            }
            .to_json();
            let body = frame::Frame {
                blob: &ct,
                json: &json,
            }
            .to_bytes()
            .unwrap();
            let out = node::peel_edge(&node_keys, &body, &mut rng);
            assert!(!matches!(
                out,
                Err(Rejection::InvalidCiphertext(_) | Rejection::EdgeParse(_))
            ));
            check(&out);
        }
    }
});
