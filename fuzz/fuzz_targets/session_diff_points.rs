//! Differential against libsodium: `ed_to_x` against `crypto_sign_ed25519_pk_to_curve25519`
//! and `Point::decode` + `Point::mul` against `crypto_scalarmult_ed25519_noclamp`, on raw
//! bytes and on valid points edited by the fuzzer (torsion of every order, `y + p`, sign
//! flips, identity, zero). Outputs must be equal byte for byte, except for the allow-listed
//! difference (`SodiumDifference::Order2ComponentRefused`: 1.0.18's subgroup check, kept by
//! the reference and by us, accepts an order-2 component; 1.0.22 refuses it).
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
use oxen_fuzz::edit::{Edit, apply};
use oxen_fuzz::sodium_diff::{compare_ed_to_x, compare_scalarmult};

#[derive(Arbitrary, Debug)]
struct Input {
    point: [u8; 32],
    scalar: [u8; 32],
    /// Start from the valid point `point·B`.
    valid: bool,
    edits: Vec<Edit>,
}

fuzz_target!(|inp: Input| {
    let mut slots = [inp.point];
    if inp.valid {
        slots[0] = (dalek4::constants::ED25519_BASEPOINT_POINT
            * dalek4::scalar::Scalar::from_bytes_mod_order(inp.point))
        .compress()
        .to_bytes();
    }
    for e in inp.edits.iter().take(3) {
        apply(&mut slots, e);
    }
    let p = slots[0];
    if let Err(d) = compare_ed_to_x(&p) {
        panic!("{d}");
    }
    if let Err(d) = compare_scalarmult(&inp.scalar, &p) {
        panic!("{d}");
    }
});
