//! Point decoding: never panics; whatever decodes re-encodes to the same bytes (the reference's
//! ge_frombytes_vartime rule); the raw hash-to-point map is total and lands on the curve.
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use libfuzzer_sys::fuzz_target;
use oxen_crypto::{Point, hash_to_point};

fuzz_target!(|data: &[u8]| {
    let Some(bytes) = data.get(..32).and_then(|b| <[u8; 32]>::try_from(b).ok()) else {
        return;
    };
    if let Ok(p) = Point::from_bytes(&bytes) {
        // only the canonical encoding decodes
        assert_eq!(p.to_bytes(), bytes);
    }
    // the raw map is total and lands on the curve
    let m = hash_to_point::ge_fromfe_frombytes_vartime(&bytes);
    assert!(Point::from_bytes(&m.to_bytes()).is_ok());
});
