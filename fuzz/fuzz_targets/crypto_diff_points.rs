//! Differential against monero-oxide: point decoding, `hash_to_ec`, and key derivation with
//! `derive_public_key`, on fuzzer bytes and on valid points edited by the fuzzer (torsion,
//! non-canonical `y + p`, `-0`, sign flips). Outputs must be equal byte for byte.
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
use oxen_fuzz::diff::*;
use oxen_fuzz::edit::{Edit, apply};

#[derive(Arbitrary, Debug)]
struct Input {
    /// Raw fields: a point (or key), a secret scalar, a base point.
    a: [u8; 32],
    r: [u8; 32],
    b: [u8; 32],
    index: u64,
    /// Start from valid points `a·G`, `b·G` instead of raw bytes.
    valid: bool,
    edits: Vec<Edit>,
}

fuzz_target!(|inp: Input| {
    let mut slots = [inp.a, inp.b];
    if inp.valid {
        for s in &mut slots {
            *s = (dalek4::constants::ED25519_BASEPOINT_POINT
                * dalek4::scalar::Scalar::from_bytes_mod_order(*s))
            .compress()
            .to_bytes();
        }
    }
    for e in inp.edits.iter().take(4) {
        apply(&mut slots, e);
    }
    let [a, b] = slots;
    for p in [&a, &b] {
        assert_eq!(decode_ours(p), decode_theirs(p), "decode {p:02x?}");
        assert_eq!(
            hash_to_ec_ours(p),
            hash_to_ec_theirs(p),
            "hash_to_ec {p:02x?}"
        );
    }
    assert_eq!(
        derive_ours(&a, &inp.r, inp.index, &b),
        derive_theirs(&a, &inp.r, inp.index, &b),
        "derivation"
    );
});
