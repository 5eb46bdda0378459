//! Structure-aware: a valid ONS record (a valid name, a typed value of the right length:
//! Session ID, wallet 65/73 bytes, lokinet 32 bytes, encrypted for the name with a fuzzer
//! nonce), then fuzzer-chosen edits of the plaintext (before encryption: the value's own
//! fields), of the stored ciphertext (bit flips, truncation, extension) and of the name used to
//! decrypt. Checks: the unedited record decrypts to its plaintext; decrypt's typed verdict
//! equals `Value::from_bytes` on that plaintext; any changed ciphertext, or a different
//! name, fails; an upper-case name is refused before any decryption.
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use oxen_ons::encryption::{encrypt_with_nonce, is_heavy};
use oxen_ons::{
    Error, MappingType, Value, decrypt, decrypt_raw, name_to_encryption_key, validate_ons_name,
};

#[derive(Arbitrary, Debug)]
enum CtEdit {
    FlipBit(u16),
    Truncate(u8),
    Extend(u8),
}

#[derive(Arbitrary, Debug)]
struct Input {
    ty: u8,
    name: String,
    other_name: Option<String>,
    upper: bool,
    /// The value's bytes (taken cyclically to the type's length) and edits of them.
    value: Vec<u8>,
    value_flips: Vec<u16>,
    integrated: bool,
    nonce: [u8; 24],
    ct_edits: Vec<CtEdit>,
}

fn valid_name(ty: MappingType, raw: &str, fallback: &str) -> String {
    validate_ons_name(ty, raw.as_bytes())
        .map(|n| n.as_str().to_owned())
        .unwrap_or_else(|_| fallback.to_owned())
}

fuzz_target!(|inp: Input| {
    let (ty, len, fallback) = match inp.ty % 3 {
        0 => (MappingType::Session, 33, "alice"),
        1 => (
            MappingType::Wallet,
            if inp.integrated { 73 } else { 65 },
            "wallet",
        ),
        _ => (MappingType::Lokinet, 32, "site.loki"),
    };
    let name = valid_name(ty, &inp.name, fallback);
    // a plaintext of the type's length: a valid value's bytes unless the fuzzer edits them
    let mut plain: Vec<u8> = (0..len)
        .map(|i| {
            inp.value
                .get(i % inp.value.len().max(1))
                .copied()
                .unwrap_or(0)
        })
        .collect();
    match ty {
        MappingType::Session => plain[0] = 0x05,
        MappingType::Wallet => plain[0] = if inp.integrated { 2 } else { plain[0] % 2 },
        _ => {}
    }
    for f in inp.value_flips.iter().take(4) {
        let bit = usize::from(*f) % (8 * len);
        plain[bit / 8] ^= 1 << (bit % 8);
    }
    let key = name_to_encryption_key(&name).unwrap();
    let stored = encrypt_with_nonce(&key, &plain, &inp.nonce).unwrap();
    let mut ct = stored.as_bytes().to_vec();
    let original = ct.clone();
    for e in inp.ct_edits.iter().take(3) {
        match *e {
            CtEdit::FlipBit(b) => {
                let bit = usize::from(b) % (8 * ct.len().max(1));
                if let Some(x) = ct.get_mut(bit / 8) {
                    *x ^= 1 << (bit % 8);
                }
            }
            CtEdit::Truncate(n) => ct.truncate(ct.len().saturating_sub(usize::from(n % 8) + 1)),
            CtEdit::Extend(n) => ct.extend(core::iter::repeat_n(n, usize::from(n % 8) + 1)),
        }
    }
    if is_heavy(ty, ct.len()) {
        return; // the 49-byte argon2 path (~1 s) is covered by the vectors
    }
    let decrypt_name = match &inp.other_name {
        Some(o) => valid_name(ty, o, &name),
        None => name.clone(),
    };
    let raw = decrypt_raw(&decrypt_name, ty, &ct);
    let typed = decrypt(&decrypt_name, ty, &ct);
    if ct == original && decrypt_name == name {
        assert_eq!(
            raw.as_ref().map(|p| p.as_bytes().to_vec()),
            Ok(plain.clone())
        );
        assert_eq!(typed.is_ok(), Value::from_bytes(ty, &plain).is_ok());
        if let Ok(v) = typed {
            assert_eq!(v.to_plaintext().as_bytes(), &plain[..]);
        }
    } else if ct != original {
        assert!(raw.is_err() && typed.is_err(), "edited ciphertext accepted");
    } else {
        // another valid name: another key (names are case-folded by validation)
        assert!(raw.is_err(), "decrypted under another name");
    }
    if inp.upper && name.bytes().any(|b| b.is_ascii_lowercase()) {
        let up = name.to_ascii_uppercase();
        assert_eq!(
            decrypt_raw(&up, ty, &original).err(),
            Some(Error::NameNotLowercase)
        );
    }
});
