//! Fuzz target: RingCT signature parsing (types 0..=5) for counts taken from the first bytes,
//! re-serialization equality, and the semantic checks / signing-message hash on what parses.
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use libfuzzer_sys::fuzz_target;
use oxen_tx::rct::RctSig;

fuzz_target!(|data: &[u8]| {
    let [a, b, c, rest @ ..] = data else { return };
    let inputs = usize::from(*a % 4);
    let outputs = usize::from(*b % 17);
    let ring = usize::from(*c % 12);
    if let Ok(rv) = RctSig::from_bytes(rest, inputs, outputs, ring) {
        let again = rv
            .to_bytes(inputs, outputs, ring)
            .expect("a parsed signature serializes");
        assert_eq!(again, rest, "re-serialization differs");
        let _ = rv.pre_clsag_hash(&[0u8; 32], inputs);
        let _ = rv.check_balance();
        let _ = rv.verify_semantics();
    }
});
