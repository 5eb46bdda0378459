//! Vector tests: every `*.json` in `$OXEN_VECTORS_DIR` (default `tests/vectors/`), produced by
//! compiling libsession-util (`shared/oracles/session/`). Fails on an unknown file, on any
//! mismatch, on a known file missing or short in the crate's own directory, and when it ran no
//! case (`oxen-vector-harness`). Every failure case asserts its `Error` variant.
//!
//! One checker module per vector file under `harness/`; adding a file is one module line and
//! one row of `KNOWN`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "harness/support.rs"]
mod support;

#[path = "harness/blind_keys.rs"]
mod blind_keys;
#[path = "harness/blind_sign.rs"]
mod blind_sign;
#[path = "harness/blinded_id_match.rs"]
mod blinded_id_match;
#[path = "harness/decrypt_from_blinded_recipient.rs"]
mod decrypt_from_blinded_recipient;
#[path = "harness/ed25519.rs"]
mod ed25519;
#[path = "harness/encrypt_for_blinded_recipient.rs"]
mod encrypt_for_blinded_recipient;
#[path = "harness/hash.rs"]
mod hash;
#[path = "harness/keys.rs"]
mod keys;
#[path = "harness/version_blinding.rs"]
mod version_blinding;
#[path = "harness/xed25519.rs"]
mod xed25519;

use oxen_vector_harness::{CheckResult, Known, known, run_vector_dir};

/// A file checker: cases checked, or the failures (each naming its case).
type Checker = fn(&serde_json::Value) -> CheckResult;

/// Every known vector file, the fewest cases it must yield (its count when it was added), and
/// its checker.
const KNOWN: &[Known<Checker>] = &[
    known("keys.json", 44, keys::keys),
    known("ed25519.json", 21, ed25519::ed25519),
    known("hash.json", 32, hash::hash),
    known("xed25519.json", 40, xed25519::xed25519),
    known("blind_keys.json", 62, blind_keys::blind_keys),
    known("blind_sign.json", 42, blind_sign::blind_sign),
    known(
        "blinded_id_match.json",
        73,
        blinded_id_match::blinded_id_match,
    ),
    known(
        "version_blinding.json",
        44,
        version_blinding::version_blinding,
    ),
    known(
        "encrypt_for_blinded_recipient.json",
        25,
        encrypt_for_blinded_recipient::encrypt_for_blinded_recipient,
    ),
    known(
        "decrypt_from_blinded_recipient.json",
        68,
        decrypt_from_blinded_recipient::decrypt_from_blinded_recipient,
    ),
];

#[test]
fn vectors() {
    run_vector_dir(env!("CARGO_MANIFEST_DIR"), KNOWN, |_, check, v| check(v));
}
