//! Fuzz ONS name validation (arbitrary bytes, often not UTF-8) and name-hash input parsing:
//! never panic; an accepted name is its lower-cased input, re-validates to itself and is
//! lower-case; a parsed name hash re-parses from its canonical base64 and hex forms.
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use libfuzzer_sys::fuzz_target;
use oxen_ons::{MappingType, NameHash, validate_ons_name};

fuzz_target!(|data: &[u8]| {
    for ty in MappingType::ALL {
        if let Ok(name) = validate_ons_name(ty, data) {
            let s = name.as_str();
            assert_eq!(s.as_bytes(), &data.to_ascii_lowercase()[..]);
            assert!(!s.bytes().any(|c| c.is_ascii_uppercase()));
            assert_eq!(validate_ons_name(ty, s.as_bytes()).as_ref(), Ok(&name));
            assert_eq!(NameHash::of(s), Ok(name.hash()));
        }
    }
    if let Ok(h) = NameHash::from_input(data) {
        assert_eq!(NameHash::from_input(h.to_base64().as_bytes()), Ok(h));
        let hex: String = h.0.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(NameHash::from_input(hex.as_bytes()), Ok(h));
    }
});
