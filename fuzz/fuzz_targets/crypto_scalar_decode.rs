//! Scalar decoding: canonical values round-trip, others are rejected and reduce to something
//! else.
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use libfuzzer_sys::fuzz_target;
use oxen_crypto::Scalar;

fuzz_target!(|data: &[u8]| {
    let Some(bytes) = data.get(..32).and_then(|b| <[u8; 32]>::try_from(b).ok()) else {
        return;
    };
    match Scalar::from_canonical_bytes(&bytes) {
        Ok(s) => assert_eq!(s.to_bytes(), bytes),
        Err(_) => assert_ne!(Scalar::from_bytes_mod_order(bytes).to_bytes(), bytes),
    }
});
