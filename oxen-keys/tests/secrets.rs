//! Secret-bearing types of oxen-keys: compile-time `!Copy` / `ZeroizeOnDrop`, runtime `Debug`
//! redaction, constant-time equality of shared secrets.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use oxen_keys::*;
use oxen_vector_harness::assert_debug_redacted;
use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;
use static_assertions::{assert_impl_all, assert_not_impl_any};
use zeroize::{Zeroize, ZeroizeOnDrop};

assert_not_impl_any!(X25519SecretKey: Copy);
assert_not_impl_any!(X25519KeyPair: Copy);
assert_not_impl_any!(SharedSecret: Copy, Clone);
assert_impl_all!(X25519SecretKey: Zeroize, ZeroizeOnDrop, core::fmt::Debug);
assert_impl_all!(SharedSecret: Zeroize, ZeroizeOnDrop, core::fmt::Debug);
// public keys stay Copy
assert_impl_all!(X25519PublicKey: Copy);
assert_impl_all!(Ed25519PublicKey: Copy);

fn pair(seed: u64) -> X25519KeyPair {
    X25519KeyPair::generate(&mut ChaCha20Rng::seed_from_u64(seed))
}

#[test]
fn secret_keys_and_pairs_are_redacted() {
    let p = pair(1);
    let secret = *p.secret.expose_bytes();
    assert_eq!(format!("{:?}", p.secret), "X25519SecretKey(..)");
    let dbg = format!("{p:#?}");
    assert_debug_redacted(&dbg, &secret);
    // the public half is still shown (the check above is not vacuous)
    assert!(dbg.contains(&p.public.to_hex()));
}

#[test]
fn shared_secrets_are_redacted_and_compare_equal_both_ways() {
    let (a, b) = (pair(2), pair(3));
    let s = a.secret.diffie_hellman(&b.public).unwrap();
    assert_eq!(format!("{s:?}"), "SharedSecret(..)");
    assert_debug_redacted(&format!("{s:?}"), s.expose_bytes());
    assert_eq!(s, b.secret.diffie_hellman(&a.public).unwrap());
    assert_ne!(s, pair(4).secret.diffie_hellman(&b.public).unwrap());
    assert!(!bool::from(s.is_zero()));
}

#[test]
fn explicit_zeroize_wipes() {
    let mut k = X25519SecretKey::from_bytes([7; 32]);
    k.zeroize();
    assert_eq!(k.expose_bytes(), &[0; 32]);
    let mut s = x25519(
        &[7; 32],
        X25519SecretKey::from_bytes([8; 32]).public_key().as_bytes(),
    );
    assert_ne!(s.expose_bytes(), &[0; 32]);
    s.zeroize();
    assert_eq!(s.expose_bytes(), &[0; 32]);
}
