//! Secret-bearing types of oxen-ons: compile-time `!Copy` / `ZeroizeOnDrop`, runtime `Debug`
//! redaction of keys and plaintexts.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use oxen_ons::encryption::{
    EncryptionKey, decrypt_raw, encrypt_with_nonce, name_to_encryption_key,
};
use oxen_ons::*;
use oxen_vector_harness::assert_debug_redacted;
use static_assertions::{assert_impl_all, assert_not_impl_any};
use zeroize::{Zeroize, ZeroizeOnDrop};

assert_not_impl_any!(EncryptionKey: Copy);
assert_not_impl_any!(Plaintext: Copy);
assert_impl_all!(EncryptionKey: Zeroize, ZeroizeOnDrop, core::fmt::Debug);
assert_impl_all!(Plaintext: Zeroize, ZeroizeOnDrop, core::fmt::Debug);

#[test]
fn encryption_key_is_redacted() {
    let k = name_to_encryption_key("secret-name").unwrap();
    assert_eq!(format!("{k:?}"), "EncryptionKey(..)");
    assert_debug_redacted(&format!("{k:?}"), k.expose_bytes());
}

#[test]
fn decrypted_plaintext_is_redacted() {
    let sid = SessionId::from_x25519([0x42; 32]);
    let value = Value::Session(sid);
    let key = name_to_encryption_key("alice").unwrap();
    let enc = encrypt_with_nonce(&key, value.to_plaintext().as_bytes(), &[3; 24]).unwrap();
    let plain = decrypt_raw("alice", MappingType::Session, enc.as_bytes()).unwrap();
    assert_eq!(plain.as_bytes(), &sid.to_bytes()[..]);
    let dbg = format!("{plain:?}");
    assert_eq!(dbg, "Plaintext(<33 bytes redacted>)");
    assert_debug_redacted(&dbg, plain.as_bytes());
    assert_debug_redacted(
        &format!("{:?}", Ok::<_, Error>(plain.clone())),
        plain.as_bytes(),
    );
}

#[test]
fn plaintext_equality_and_zeroize() {
    let a = Plaintext::from_slice(&[1, 2, 3]).unwrap();
    let b = Plaintext::from_slice(&[1, 2, 3]).unwrap();
    let c = Plaintext::from_slice(&[1, 2, 4]).unwrap();
    let d = Plaintext::from_slice(&[1, 2]).unwrap();
    assert_eq!(a, b);
    assert_ne!(a, c);
    assert_ne!(a, d);
    let mut z = a.clone();
    z.zeroize();
    assert!(z.is_empty());
    let mut k = EncryptionKey::from_bytes([9; 32]);
    k.zeroize();
    assert_eq!(*k.expose_bytes(), [0u8; 32]);
}
