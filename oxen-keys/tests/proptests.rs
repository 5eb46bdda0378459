//! Property tests: codecs round-trip, Edwards-form X25519 equals the RFC 7748 ladder on every
//! input (on the curve, on the twist, low order), the batch equals one-at-a-time.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use oxen_keys::codec::{from_base64, from_hex_array, to_base64, to_hex};
use oxen_keys::*;
use proptest::prelude::*;

proptest! {
    #[test]
    fn hex_round_trips_in_either_case(bytes in any::<[u8; 33]>()) {
        let hex = to_hex(&bytes);
        prop_assert_eq!(hex.len(), 66);
        prop_assert_eq!(from_hex_array::<33>(hex.as_bytes()), Ok(bytes));
        prop_assert_eq!(from_hex_array::<33>(hex.to_uppercase().as_bytes()), Ok(bytes));
        prop_assert_eq!(from_hex_array::<32>(hex.as_bytes()), Err(Error::InvalidHexKey));
    }

    #[test]
    fn base64_round_trips_padded_and_unpadded(bytes in proptest::collection::vec(any::<u8>(), 0..100)) {
        let enc = to_base64(&bytes);
        prop_assert_eq!(from_base64(enc.as_bytes()).unwrap(), bytes.clone());
        prop_assert_eq!(from_base64(enc.trim_end_matches('=').as_bytes()).unwrap(), bytes);
    }

    #[test]
    fn edwards_x25519_equals_the_ladder(scalar in any::<[u8; 32]>(), u in any::<[u8; 32]>()) {
        prop_assert_eq!(x25519(&scalar, &u), x25519_ladder(&scalar, &u));
    }

    #[test]
    fn dh_is_symmetric_and_batch_equals_single(a in any::<[u8; 32]>(), b in any::<[u8; 32]>(), c in any::<[u8; 32]>()) {
        let (a, b, c) = (X25519SecretKey::from_bytes(a), X25519SecretKey::from_bytes(b), X25519SecretKey::from_bytes(c));
        let (pa, pb) = (a.public_key(), b.public_key());
        prop_assert_eq!(a.diffie_hellman(&pb).unwrap(), b.diffie_hellman(&pa).unwrap());
        let peers = [LiftedPublicKey::new(pb), LiftedPublicKey::new(pa)];
        let secrets = [a.clone(), c.clone()];
        let out = keygen_and_dh_batch(secrets.iter().zip(&peers)).unwrap();
        prop_assert_eq!(out[0].0, pa);
        prop_assert_eq!(out[1].0, c.public_key());
        prop_assert_eq!(&out[0].1, &a.diffie_hellman(&pb).unwrap());
        prop_assert_eq!(&out[1].1, &c.diffie_hellman(&pa).unwrap());
    }
}
