//! The two signers Session desktop uses for community posts and requests (spec §14.4):
//! `blind15_sign_desktop` (desktop's 15-blinded nonce) and `curve25519_sign` (curve25519-js,
//! the sign bit carried in the signature). Byte-exactness is pinned by
//! `oxen-session-net`'s `sogs_post.json`; here: the equations, round trips, refusals.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use oxen_session::blinding::{blind15_key_pair, blind15_sign, blind15_sign_desktop};
use oxen_session::*;
use proptest::prelude::*;
use sha2::{Digest, Sha512};

fn account(seed: [u8; 32]) -> Ed25519SecretKey {
    Ed25519SecretKey::from_seed(Seed::from_array(seed))
}

fn clear_top(sig: &Signature) -> Signature {
    let mut b = sig.to_bytes();
    b[63] &= 0x7f;
    Signature::from(b)
}

#[test]
fn desktop_blind15_nonce_is_rfc8032_prefix_not_libsessions() {
    let key = account([5; 32]);
    let server = ServerPubkey([6; 32]);
    let m = b"message";
    let sig = blind15_sign_desktop(&key, &server, m);
    let pair = blind15_key_pair(&key, &server);
    // R = r·B with r = reduce64(SHA-512(SHA-512(seed)[32..] ‖ A' ‖ M))
    let prefix = Sha512::digest(key.seed().expose_bytes());
    let r_hash: [u8; 64] = Sha512::new()
        .chain_update(&prefix[32..])
        .chain_update(pair.public_key().as_bytes())
        .chain_update(m)
        .finalize()
        .into();
    let r = curve25519_dalek::Scalar::from_bytes_mod_order_wide(&r_hash);
    let big_r = curve25519_dalek::EdwardsPoint::mul_base(&r)
        .compress()
        .to_bytes();
    assert_eq!(&sig.to_bytes()[..32], &big_r);
    assert_eq!(ed25519::verify(&sig, pair.public_key(), m), Ok(()));
    assert_ne!(sig, blind15_sign(&key, &server, m));
}

#[test]
fn curve25519_sign_carries_the_sign_bit_of_a() {
    // find accounts of both signs
    for want in [0u8, 1] {
        let key = (0u8..)
            .map(|i| account([i; 32]))
            .find(|k| k.public_key().as_bytes()[31] >> 7 == want)
            .unwrap();
        let sig = curve25519_sign::sign(&edsk_to_x(&key), b"m");
        assert_eq!(sig.to_bytes()[63] >> 7, want);
        assert_eq!(
            curve25519_sign::verify(&sig, key.session_id().x25519(), b"m"),
            Ok(())
        );
        assert_eq!(
            ed25519::verify(&clear_top(&sig), key.public_key(), b"m"),
            Ok(())
        );
        // without its bit restored, an account with a negative key does not verify plainly
        if want == 1 {
            assert!(ed25519::verify(&sig, key.public_key(), b"m").is_err());
        }
    }
}

#[test]
fn curve25519_verify_refusals_name_their_rule() {
    let key = account([9; 32]);
    let sid = key.session_id();
    let sig = curve25519_sign::sign(&edsk_to_x(&key), b"m");
    assert_eq!(
        curve25519_sign::verify(&sig, sid.x25519(), b"n"),
        Err(Error::InvalidSignature(SignatureCheck::Equation))
    );
    // S ≥ L (bit 252 set with the top bit cleared by verify is still ≥ L)
    let mut b = sig.to_bytes();
    b[32..63].fill(0xff);
    b[63] = (b[63] & 0x80) | 0x7f;
    assert_eq!(
        curve25519_sign::verify(&Signature::from(b), sid.x25519(), b"m"),
        Err(Error::InvalidSignature(SignatureCheck::NonCanonicalS))
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn curve25519_sign_round_trips_and_refuses_changes(
        seed in any::<[u8; 32]>(), m in prop::collection::vec(any::<u8>(), 0..64),
        i in any::<prop::sample::Index>(), x in 1u8..,
    ) {
        let key = account(seed);
        let sid = key.session_id();
        let sig = curve25519_sign::sign(&edsk_to_x(&key), &m);
        prop_assert_eq!(curve25519_sign::verify(&sig, sid.x25519(), &m), Ok(()));
        prop_assert_eq!(ed25519::verify(&clear_top(&sig), key.public_key(), &m), Ok(()));
        let mut bad = sig.to_bytes();
        let k = i.index(64);
        bad[k] ^= x;
        prop_assert!(curve25519_sign::verify(&Signature::from(bad), sid.x25519(), &m).is_err());
    }

    #[test]
    fn desktop_blind15_signatures_verify_under_the_blinded_id(
        seed in any::<[u8; 32]>(), server in any::<[u8; 32]>(), m in prop::collection::vec(any::<u8>(), 0..64),
    ) {
        let key = account(seed);
        let server = ServerPubkey(server);
        let sig = blind15_sign_desktop(&key, &server, &m);
        let id = blind15_key_pair(&key, &server).id();
        prop_assert_eq!(ed25519::verify(&sig, id.key(), &m), Ok(()));
    }
}
