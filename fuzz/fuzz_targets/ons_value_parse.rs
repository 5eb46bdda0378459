//! Fuzz the value parsers per type: `type byte || network byte || input`. The input is parsed
//! both as the human form (text) and as the binary form. Never panics; what parses re-encodes
//! to the same value.
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use libfuzzer_sys::fuzz_target;
use oxen_crypto::address::Network;
use oxen_ons::{MappingType, Value};

fuzz_target!(|data: &[u8]| {
    let [t, net, input @ ..] = data else { return };
    let Ok(ty) = MappingType::from_u16(u16::from(*t % 6)) else {
        return;
    };
    let network = Network::ALL[usize::from(*net) % Network::ALL.len()];
    if let Ok(s) = core::str::from_utf8(input)
        && let Ok(v) = Value::parse(network, ty, s)
    {
        let shown = v.to_readable_value(network);
        assert_eq!(Value::parse(network, ty, &shown), Ok(v));
        // Session hex may be upper-case on input; everything else shows as given.
        assert!(shown.eq_ignore_ascii_case(s));
    }
    if let Ok(v) = Value::from_bytes(ty, input) {
        assert_eq!(v.to_plaintext().as_bytes(), input);
    }
});
