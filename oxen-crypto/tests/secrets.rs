//! Secret-bearing types: compile-time `!Copy` and `ZeroizeOnDrop`, runtime `Debug` redaction,
//! explicit zeroization, and `SecretScalar` arithmetic agreeing with `Scalar` arithmetic.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::op_ref,
    missing_docs
)]

use oxen_crypto::clsag::ClsagSecret;
use oxen_crypto::*;
use oxen_vector_harness::assert_debug_redacted;
use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;
use static_assertions::{assert_impl_all, assert_not_impl_any};
use zeroize::{Zeroize, ZeroizeOnDrop};

assert_not_impl_any!(SecretScalar: Copy);
assert_not_impl_any!(SecretKey: Copy);
assert_not_impl_any!(KeyDerivation: Copy);
assert_not_impl_any!(ClsagSecret<'static>: Copy, Clone, core::fmt::Debug);
assert_impl_all!(SecretScalar: Zeroize, ZeroizeOnDrop, core::fmt::Debug);
assert_impl_all!(SecretKey: Zeroize, ZeroizeOnDrop, core::fmt::Debug);
assert_impl_all!(KeyDerivation: Zeroize, ZeroizeOnDrop, core::fmt::Debug);
// public values stay Copy
assert_impl_all!(Scalar: Copy);
assert_impl_all!(PublicKey: Copy);
assert_impl_all!(KeyImage: Copy);

fn rng() -> ChaCha20Rng {
    ChaCha20Rng::seed_from_u64(0x5ec2e7)
}

#[test]
fn secret_scalar_debug_is_redacted() {
    let s = SecretScalar::random(&mut rng());
    let dbg = format!("{s:?}");
    assert_eq!(dbg, "SecretScalar(..)");
    assert_debug_redacted(&dbg, s.expose_bytes());
    assert_debug_redacted(&format!("{s:#?}"), s.expose_bytes());
    // inside a container too
    assert_debug_redacted(&format!("{:?}", vec![s.clone()]), s.expose_bytes());
    // and the public Scalar still prints (the test above could not pass by printing nothing)
    let public = format!("{:?}", s.expose_scalar());
    assert!(public.contains(&hex::encode(s.expose_bytes())));
}

#[test]
fn secret_key_debug_is_redacted() {
    let (sec, _) = generate_keys(&mut rng());
    let dbg = format!("{sec:?}");
    assert_eq!(dbg, "SecretKey(<redacted>)");
    assert_debug_redacted(&dbg, &sec.to_bytes()[..]);
}

#[test]
fn key_derivation_debug_is_redacted() {
    let mut r = rng();
    let (_, big_a) = generate_keys(&mut r);
    let (tx, _) = generate_keys(&mut r);
    let d = generate_key_derivation(&big_a, &tx).unwrap();
    let dbg = format!("{d:?}");
    assert_eq!(dbg, "KeyDerivation(..)");
    assert_debug_redacted(&dbg, d.expose_bytes());
    assert_debug_redacted(
        &format!("{:?}", Ok::<_, Error>(d.clone())),
        d.expose_bytes(),
    );
    let scalar = derivation_to_scalar(&d, 3);
    assert_debug_redacted(&format!("{scalar:?}"), scalar.expose_bytes());
}

#[test]
fn zeroize_clears_the_value() {
    let mut s = SecretScalar::random(&mut rng());
    assert!(!bool::from(s.is_zero()));
    s.zeroize();
    assert!(bool::from(s.is_zero()));

    let mut k = SecretKey::random(&mut rng());
    k.zeroize();
    assert_eq!(*k.to_bytes(), [0u8; 32]);

    let mut d = KeyDerivation::from_bytes([0xab; 32]);
    d.zeroize();
    assert_eq!(*d.expose_bytes(), [0u8; 32]);
}

#[test]
fn secret_arithmetic_matches_scalar_arithmetic() {
    let mut r = rng();
    for _ in 0..32 {
        let (a, b) = (SecretScalar::random(&mut r), SecretScalar::random(&mut r));
        let p = Scalar::random(&mut r);
        let (ra, rb) = (*a.expose_scalar(), *b.expose_scalar());
        let check = |got: SecretScalar, want: Scalar| assert_eq!(*got.expose_scalar(), want);
        check(&a + &b, ra + rb);
        check(&a - &b, ra - rb);
        check(&a * &b, ra * rb);
        check(a.clone() + &b, ra + rb);
        check(a.clone() - b.clone(), ra - rb);
        check(a.clone() * p, ra * p);
        check(&a - p, ra - p);
        check(&a + b.clone(), ra + rb);
        check(p - &a, p - ra);
        check(p * a.clone(), p * ra);
        check(&p + a.clone(), p + ra);
        check(-&a, -ra);
        check(-a.clone(), -ra);
        check(a.invert(), ra.invert());
        let mut m = a.clone();
        m *= &b;
        m += p;
        m -= b.clone();
        check(m, ra * rb + p - rb);
        check([a.clone(), b.clone()].iter().sum(), ra + rb);
        check([a.clone(), b.clone()].into_iter().sum(), ra + rb);
        assert_eq!(a.mul_base(), Point::mul_base(&ra));
        assert_eq!(b.mul_base() * &a, Point::mul_base(&rb) * ra);
        let mut sel = a.clone();
        sel.conditional_assign(&b, subtle::Choice::from(0));
        assert_eq!(sel, a);
        sel.conditional_assign(&b, subtle::Choice::from(1));
        assert_eq!(sel, b);
        assert_eq!(*a.to_bytes(), ra.to_bytes());
    }
}

#[test]
fn secret_scalar_decoding() {
    let l_minus_1 = (-Scalar::ONE).to_bytes();
    assert!(SecretScalar::from_canonical_bytes(&l_minus_1).is_ok());
    let mut l = l_minus_1;
    l[0] += 1;
    assert_eq!(
        SecretScalar::from_canonical_bytes(&l).unwrap_err(),
        Error::NonCanonicalScalar
    );
    assert!(bool::from(SecretScalar::from_bytes_mod_order(&l).is_zero()));
    let wide = [0xffu8; 64];
    assert_eq!(
        *SecretScalar::from_bytes_mod_order_wide(&wide).expose_scalar(),
        Scalar::from_bytes_mod_order_wide(&wide)
    );
    let d = Scalar::from_u64(7).to_dalek();
    assert_eq!(SecretScalar::from(d), SecretScalar::from_dalek(d));
    assert_eq!(
        SecretKey::from(SecretScalar::from_scalar(Scalar::ONE)).public_key(),
        PublicKey::from_point(&Point::mul_base(&Scalar::ONE))
    );
}

#[cfg(feature = "serde")]
#[test]
fn serde_exports_the_secret_and_rejects_non_canonical() {
    let s = SecretScalar::random(&mut rng());
    let json = serde_json::to_string(&s).unwrap();
    let back: SecretScalar = serde_json::from_str(&json).unwrap();
    assert_eq!(back, s);
    let bad = serde_json::to_string(&[0xffu8; 32]).unwrap();
    assert!(serde_json::from_str::<SecretScalar>(&bad).is_err());
    let d = KeyDerivation::from_bytes([5; 32]);
    let back: KeyDerivation = serde_json::from_str(&serde_json::to_string(&d).unwrap()).unwrap();
    assert_eq!(back, d);
}

#[cfg(feature = "mnemonic")]
mod seed {
    use super::*;
    use oxen_crypto::seed::{Language, Phrase, WalletKeys};

    assert_not_impl_any!(WalletKeys: Copy);
    assert_impl_all!(WalletKeys: ZeroizeOnDrop, core::fmt::Debug);
    assert_not_impl_any!(Phrase: Copy);
    assert_impl_all!(Phrase: ZeroizeOnDrop, core::fmt::Debug);

    #[test]
    fn wallet_keys_debug_shows_only_public_keys() {
        let w = WalletKeys::from_spend_secret(SecretKey::random(&mut rng()));
        let dbg = format!("{w:?}");
        assert_debug_redacted(&dbg, &w.spend_secret().to_bytes()[..]);
        assert_debug_redacted(&dbg, &w.view_secret().to_bytes()[..]);
        assert_debug_redacted(&format!("{w:#?}"), &w.spend_secret().to_bytes()[..]);
        // The public keys do print (the checks above could not pass by printing nothing).
        assert!(dbg.contains(&hex::encode(w.spend_public().as_bytes())));
        // The words are a secret type too.
        let words = w.to_words(Language::English).unwrap();
        let first = words.expose_str().split(' ').next().unwrap().to_string();
        assert!(!format!("{words:?}").contains(&first));
    }
}
