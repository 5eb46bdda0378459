//! Secret-bearing types of oxen-onion: compile-time `!Copy` / `ZeroizeOnDrop`, runtime `Debug`
//! redaction, and the X25519 output type.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use oxen_onion::keys::{SharedSecret, x25519, x25519_ladder};
use oxen_onion::*;
use oxen_vector_harness::assert_debug_redacted;
use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;
use static_assertions::{assert_impl_all, assert_not_impl_any};
use zeroize::{Zeroize, ZeroizeOnDrop};

assert_not_impl_any!(X25519SecretKey: Copy);
assert_not_impl_any!(X25519KeyPair: Copy);
assert_not_impl_any!(SharedSecret: Copy, Clone);
assert_not_impl_any!(HopKey: Copy);
assert_not_impl_any!(NodeKeys: Copy);
assert_not_impl_any!(ReplyDecryptor: Copy, Clone);
assert_not_impl_any!(OnionReqParser: Copy, Clone);
assert_impl_all!(X25519SecretKey: Zeroize, ZeroizeOnDrop, core::fmt::Debug);
assert_impl_all!(SharedSecret: Zeroize, ZeroizeOnDrop, core::fmt::Debug);
assert_impl_all!(HopKey: Zeroize, ZeroizeOnDrop, core::fmt::Debug);
// public keys stay Copy
assert_impl_all!(X25519PublicKey: Copy);

fn pair(seed: u64) -> X25519KeyPair {
    X25519KeyPair::generate(&mut ChaCha20Rng::seed_from_u64(seed))
}

#[test]
fn secret_keys_and_pairs_are_redacted() {
    let p = pair(1);
    let secret = *p.secret.expose_bytes();
    assert_eq!(format!("{:?}", p.secret), "X25519SecretKey(..)");
    let dbg = format!("{p:?}");
    assert_debug_redacted(&dbg, &secret);
    // the public half is still shown (the check above is not vacuous)
    assert!(dbg.contains(&p.public.to_hex()));
    let node = NodeKeys {
        x25519: p.clone(),
        ed25519: Ed25519PublicKey([7; 32]),
    };
    assert_debug_redacted(&format!("{node:#?}"), &secret);
}

#[test]
fn shared_secrets_and_hop_keys_are_redacted() {
    let (a, b) = (pair(2), pair(3));
    let s = a.secret.diffie_hellman(&b.public).unwrap();
    assert_eq!(format!("{s:?}"), "SharedSecret(..)");
    assert_debug_redacted(&format!("{s:?}"), s.expose_bytes());
    for t in [EncType::XChaCha20, EncType::AesGcm, EncType::AesCbc] {
        let k = HopKey::derive(t, &a, &b.public, Role::Client).unwrap();
        assert_debug_redacted(&format!("{k:?}"), k.expose_bytes());
        assert_debug_redacted(&format!("{k:?}"), s.expose_bytes());
    }
    let reply =
        ReplyDecryptor::from_keys(a.clone(), b.public, EncType::XChaCha20, Vec::new()).unwrap();
    let dbg = format!("{reply:?}");
    assert_debug_redacted(&dbg, a.secret.expose_bytes());
    assert_debug_redacted(&dbg, s.expose_bytes());
}

#[test]
fn x25519_returns_a_shared_secret_equal_to_the_ladder_and_dh() {
    let (a, b) = (pair(4), pair(5));
    let edwards = x25519(a.secret.expose_bytes(), b.public.as_bytes());
    assert_eq!(
        edwards,
        x25519_ladder(a.secret.expose_bytes(), b.public.as_bytes())
    );
    assert_eq!(edwards, a.secret.diffie_hellman(&b.public).unwrap());
    assert_eq!(edwards, b.secret.diffie_hellman(&a.public).unwrap());
    let mut nine = [0u8; 32];
    nine[0] = 9;
    assert_eq!(
        x25519(a.secret.expose_bytes(), &nine).expose_bytes(),
        a.public.as_bytes()
    );
}

#[test]
fn zeroize_clears_keys() {
    let mut k = X25519SecretKey::from_bytes([0x5a; 32]);
    k.zeroize();
    assert_eq!(*k.expose_bytes(), [0u8; 32]);
    let mut h = HopKey::from_raw(EncType::XChaCha20, [0x5a; 32]);
    h.zeroize();
    assert_eq!(*h.expose_bytes(), [0u8; 32]);
}
