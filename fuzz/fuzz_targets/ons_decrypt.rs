//! Fuzz value decryption with arbitrary bytes: `type byte || name length || name || value`.
//! Never panics; a value that decrypts re-encrypts (with its own nonce) to the same bytes. The
//! legacy 49-byte session path (argon2id, 256 MiB, ~1 s) is skipped: it is exercised by the
//! vector tests.
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use libfuzzer_sys::fuzz_target;
use oxen_ons::encryption::{encrypt_with_nonce, is_heavy};
use oxen_ons::{EncryptedValue, MappingType, decrypt, decrypt_raw, name_to_encryption_key};

fuzz_target!(|data: &[u8]| {
    let [t, n, rest @ ..] = data else { return };
    let Ok(ty) = MappingType::from_u16(u16::from(*t % 6)) else {
        return;
    };
    let (name, value) = rest.split_at(usize::from(*n).min(rest.len()));
    let Ok(name) = core::str::from_utf8(name) else {
        return;
    };
    if is_heavy(ty, value.len()) {
        return;
    }
    let raw = decrypt_raw(name, ty, value);
    let typed = decrypt(name, ty, value);
    if let Ok(p) = raw {
        let enc = EncryptedValue::new(ty, value).unwrap();
        let key = name_to_encryption_key(name).unwrap();
        let again = encrypt_with_nonce(&key, p.as_bytes(), &enc.nonce(ty)).unwrap();
        assert_eq!(again.as_bytes(), value);
        if let Ok(v) = typed {
            assert_eq!(v.to_plaintext().as_bytes(), p.as_bytes());
        }
    } else {
        assert!(typed.is_err());
    }
});
