//! Secret-bearing types of oxen-mnemonic: compile-time `!Copy` / `ZeroizeOnDrop`, runtime
//! `Debug` redaction of phrases and decoded bytes (also inside `Result`s), constant-time
//! equality, and zeroization.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use oxen_mnemonic::*;
use oxen_vector_harness::assert_debug_redacted;
use static_assertions::{assert_impl_all, assert_not_impl_any};
use zeroize::{Zeroize, ZeroizeOnDrop};

assert_not_impl_any!(Phrase: Copy);
assert_not_impl_any!(SecretBytes: Copy);
assert_not_impl_any!(WalletSeed: Copy);
assert_not_impl_any!(SessionEntropy: Copy);
assert_impl_all!(Phrase: Zeroize, ZeroizeOnDrop, core::fmt::Debug, Eq);
assert_impl_all!(SecretBytes: Zeroize, ZeroizeOnDrop, core::fmt::Debug, Eq);
assert_impl_all!(WalletSeed: Zeroize, ZeroizeOnDrop, core::fmt::Debug, Eq);
assert_impl_all!(SessionEntropy: Zeroize, ZeroizeOnDrop, core::fmt::Debug, Eq);
// Errors carry no input: they may be Copy and printed.
assert_impl_all!(Error: Copy, Eq);

const KEY: [u8; 32] = [
    0x1b, 0x3b, 0x86, 0x11, 0x4a, 0xa6, 0x33, 0x70, 0xa0, 0x98, 0xff, 0x30, 0xaf, 0xc2, 0x7e, 0x5d,
    0x42, 0x11, 0x3c, 0x8e, 0x77, 0x9a, 0x5b, 0x6f, 0x04, 0xd1, 0xc8, 0xe2, 0xf0, 0x01, 0x99, 0x64,
];

#[test]
fn phrase_is_redacted() {
    let phrase = bytes_to_words(&KEY, Language::German).unwrap();
    let dbg = format!("{phrase:?}");
    assert_eq!(dbg, "Phrase(..)");
    assert_debug_redacted(&dbg, phrase.expose_str().as_bytes());
    for word in phrase.expose_str().split(' ') {
        assert!(!dbg.contains(word));
    }
    let r: Result<Phrase, Error> = Ok(phrase.clone());
    assert_debug_redacted(&format!("{r:?}"), phrase.expose_str().as_bytes());
}

#[test]
fn decoded_bytes_are_redacted() {
    let phrase = bytes_to_words(&KEY, Language::English).unwrap();
    let (seed, lang) = words_to_wallet_seed(phrase.expose_str()).unwrap();
    assert_eq!(lang, Language::English);
    assert_eq!(seed.expose_bytes(), &KEY);
    assert_eq!(format!("{seed:?}"), "WalletSeed(..)");
    assert_debug_redacted(&format!("{:?}", Ok::<_, Error>(&seed)), &KEY);

    let (bytes, _) = words_to_bytes(phrase.expose_str(), 32).unwrap();
    assert_eq!(format!("{bytes:?}"), "SecretBytes(..)");
    assert_debug_redacted(&format!("{bytes:?}"), bytes.expose_bytes());

    let entropy = SessionEntropy::from_bytes(KEY[..16].try_into().unwrap());
    let words = mn_encode(&entropy);
    let decoded = mn_decode(words.expose_str()).unwrap();
    assert_eq!(format!("{decoded:?}"), "SessionEntropy(..)");
    assert_debug_redacted(&format!("{:?}", Ok::<_, Error>(&decoded)), &KEY[..16]);
}

#[test]
fn equality_and_zeroize() {
    let a = WalletSeed::from_bytes(KEY);
    let mut other = KEY;
    other[31] ^= 1;
    assert_eq!(a, WalletSeed::from_bytes(KEY));
    assert_ne!(a, WalletSeed::from_bytes(other));
    let mut z = a.clone();
    z.zeroize();
    assert_eq!(z.expose_bytes(), &[0; 32]);

    let mut e = SessionEntropy::from_bytes([9; 16]);
    assert_ne!(e, SessionEntropy::from_bytes([8; 16]));
    e.zeroize();
    assert_eq!(e.expose_bytes(), &[0; 16]);

    let p = mn_encode(&SessionEntropy::from_bytes([9; 16]));
    let q = mn_encode(&SessionEntropy::from_bytes([10; 16]));
    assert_eq!(p, p.clone());
    assert_ne!(p, q);
    let mut z = p.clone();
    z.zeroize();
    assert!(z.expose_str().is_empty());

    let (b, _) = words_to_bytes(p.expose_str(), 16).unwrap();
    let (c, _) = words_to_bytes(q.expose_str(), 16).unwrap();
    assert_ne!(b, c);
    let mut z = b.clone();
    assert_eq!(z, b);
    z.zeroize();
    assert!(z.is_empty());
}
