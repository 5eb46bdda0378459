//! Secret-bearing types of oxen-session: compile-time `!Copy` / `ZeroizeOnDrop`, runtime
//! `Debug` redaction, constant-time equality, explicit zeroization.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use oxen_session::hash::Blake2b;
use oxen_session::*;
use oxen_vector_harness::assert_debug_redacted;
use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;
use static_assertions::{assert_impl_all, assert_not_impl_any};
use zeroize::{Zeroize, ZeroizeOnDrop};

assert_not_impl_any!(Seed: Copy);
assert_not_impl_any!(Ed25519SecretKey: Copy);
assert_not_impl_any!(SecretScalar: Copy);
assert_not_impl_any!(Blake2b: Copy);
assert_not_impl_any!(BoxKey: Copy);
assert_impl_all!(BoxKey: Zeroize, ZeroizeOnDrop, core::fmt::Debug, Eq);
assert_not_impl_any!(blinding::BlindedKeyPair: Copy);
assert_not_impl_any!(blinding::Blind25KeyPair: Copy);
assert_impl_all!(blinding::BlindedKeyPair: Zeroize, ZeroizeOnDrop, core::fmt::Debug, Eq);
assert_impl_all!(blinding::Blind25KeyPair: Zeroize, ZeroizeOnDrop, core::fmt::Debug, Eq);
assert_impl_all!(Seed: Zeroize, ZeroizeOnDrop, core::fmt::Debug, Eq);
assert_impl_all!(Ed25519SecretKey: Zeroize, ZeroizeOnDrop, core::fmt::Debug);
assert_impl_all!(SecretScalar: Zeroize, ZeroizeOnDrop, core::fmt::Debug, Eq);
// the X25519 secrets come from oxen-keys (tested there); re-exported here
assert_not_impl_any!(X25519SecretKey: Copy);
assert_not_impl_any!(SharedSecret: Copy, Clone);
// public values stay Copy
assert_impl_all!(Signature: Copy);
assert_impl_all!(SessionId: Copy);
assert_impl_all!(BlindedId: Copy);
assert_impl_all!(ServerPubkey: Copy);
assert_impl_all!(point::Point: Copy);
assert_impl_all!(blinding::BlindingFactor: Copy);

fn account(seed: u64) -> Ed25519SecretKey {
    Ed25519SecretKey::generate(&mut ChaCha20Rng::seed_from_u64(seed))
}

#[test]
fn seeds_are_redacted_and_compared() {
    let sk = account(1);
    let seed = sk.seed().clone();
    assert_eq!(format!("{seed:?}"), "Seed(..)");
    assert_debug_redacted(&format!("{seed:#?}"), seed.expose_bytes());
    assert_eq!(seed, Seed::from_array(*seed.expose_bytes()));
    assert_ne!(seed, account(2).seed().clone());
}

#[test]
fn secret_keys_show_only_their_public_key() {
    let sk = account(3);
    let dbg = format!("{sk:#?}");
    assert_debug_redacted(&dbg, sk.seed().expose_bytes());
    assert_debug_redacted(&dbg, sk.scalar().expose_bytes());
    assert_debug_redacted(&dbg, &edsk_to_x(&sk).expose_bytes()[..]);
    assert_debug_redacted(&dbg, &sk.to_bytes()[..32]);
    // the public key is shown (so the checks above are not vacuous)
    assert!(dbg.contains(&sk.public_key().to_hex()));
}

#[test]
fn secret_scalars_are_redacted() {
    let s = account(4).scalar().clone();
    assert_eq!(format!("{s:?}"), "SecretScalar(..)");
    assert_debug_redacted(&format!("{:?}", vec![s.clone()]), s.expose_bytes());
}

#[test]
fn hash_state_does_not_print_its_key() {
    let key = [0x5a; 32];
    let h = Blake2b::new(32, &key).unwrap();
    assert_debug_redacted(&format!("{h:?}"), &key);
}

#[test]
fn explicit_zeroize_wipes() {
    let mut seed = Seed::from_array([9; 32]);
    seed.zeroize();
    assert_eq!(seed.expose_bytes(), &[0; 32]);
    let mut s = account(5).scalar().clone();
    s.zeroize();
    assert!(bool::from(s.is_zero()));
    let mut sk = account(6);
    sk.zeroize();
    assert_eq!(sk.seed().expose_bytes(), &[0; 32]);
    assert!(bool::from(sk.scalar().is_zero()));
}

// ---- config key base, recovery phrase ----

assert_not_impl_any!(config::KeyBase: Copy);
assert_impl_all!(config::KeyBase: Zeroize, ZeroizeOnDrop, core::fmt::Debug, Eq);
// the phrase types come from oxen-mnemonic (tested there); re-exported by `recovery`
assert_not_impl_any!(recovery::Phrase: Copy);
assert_not_impl_any!(recovery::SessionEntropy: Copy);
assert_impl_all!(recovery::Phrase: ZeroizeOnDrop);
assert_impl_all!(recovery::SessionEntropy: ZeroizeOnDrop);
// multi-recipient ciphertexts are public
assert_impl_all!(multi::Ciphertexts: Clone, Eq);

#[test]
fn config_key_base_is_redacted_compared_and_wiped() {
    let kb = config::KeyBase::from_seed(account(7).seed());
    assert_eq!(format!("{kb:?}"), "KeyBase(..)");
    assert_debug_redacted(&format!("{kb:#?}"), kb.expose_bytes());
    assert_eq!(kb, config::KeyBase::from_array(*kb.expose_bytes()));
    assert_ne!(kb, config::KeyBase::from_seed(account(8).seed()));
    let mut k = kb.clone();
    k.zeroize();
    assert_eq!(k.expose_bytes(), &[0; 32]);
}

#[test]
fn recovery_phrase_is_redacted() {
    let (account, phrase) = recovery::new_account(&mut ChaCha20Rng::seed_from_u64(9));
    assert_eq!(format!("{phrase:?}"), "Phrase(..)");
    assert_debug_redacted(
        &format!("{phrase:?} {account:?}"),
        phrase.expose_str().as_bytes(),
    );
    assert_eq!(recovery::phrase_from_seed(account.seed()).unwrap(), phrase);
}

#[test]
fn box_keys_are_redacted_compared_and_wiped() {
    let a = account(7).x25519_key_pair();
    let b = account(8).x25519_key_pair();
    let mut k = BoxKey::beforenm(&b.public, &a.secret).unwrap();
    assert_eq!(format!("{k:?}"), "BoxKey(..)");
    assert_debug_redacted(&format!("{:#?}", vec![k.clone()]), k.expose_bytes());
    assert_eq!(k, BoxKey::beforenm(&a.public, &b.secret).unwrap());
    assert_ne!(k, BoxKey::beforenm(&a.public, &a.secret).unwrap());
    k.zeroize();
    assert_eq!(k.expose_bytes(), &[0; 32]);
}

#[test]
fn blinded_key_pairs_show_only_their_public_key() {
    let sk = account(7);
    let server = ServerPubkey([3; 32]);
    let p15 = blinding::blind15_key_pair(&sk, &server);
    let dbg = format!("{p15:#?}");
    assert_debug_redacted(&dbg, p15.secret().expose_bytes());
    assert!(dbg.contains(&p15.public_key().to_hex()));
    let p25 = blinding::blind25_key_pair(&sk, &server);
    let dbg = format!("{p25:#?} {:?}", p25.key_pair());
    assert_debug_redacted(&dbg, p25.key_pair().secret().expose_bytes());
    assert_debug_redacted(&dbg, p25.k_prime().expose_bytes());
    assert!(dbg.contains(&p25.key_pair().public_key().to_hex()));
}

#[test]
fn blinded_key_pairs_compare_by_value() {
    let server = ServerPubkey([5; 32]);
    let (a, b) = (account(9), account(10));
    assert_eq!(
        blinding::blind15_key_pair(&a, &server),
        blinding::blind15_key_pair(&a, &server)
    );
    assert_ne!(
        blinding::blind15_key_pair(&a, &server),
        blinding::blind15_key_pair(&b, &server)
    );
    assert_eq!(
        blinding::blind25_key_pair(&a, &server),
        blinding::blind25_key_pair(&a, &server)
    );
    assert_ne!(
        blinding::blind25_key_pair(&a, &server),
        blinding::blind25_key_pair(&a, &ServerPubkey([6; 32]))
    );
}

#[test]
fn blinded_key_pairs_zeroize() {
    let sk = account(8);
    let server = ServerPubkey([4; 32]);
    let mut p15 = blinding::blind15_key_pair(&sk, &server);
    assert!(!bool::from(p15.secret().is_zero()));
    p15.zeroize();
    assert!(bool::from(p15.secret().is_zero()));
    let mut p25 = blinding::blind25_key_pair(&sk, &server);
    p25.zeroize();
    assert!(bool::from(p25.key_pair().secret().is_zero()));
    assert!(bool::from(p25.k_prime().is_zero()));
}
