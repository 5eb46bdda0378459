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

#[path = "harness/ed25519.rs"]
mod ed25519;
#[path = "harness/hash.rs"]
mod hash;
#[path = "harness/keys.rs"]
mod keys;
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
];

#[test]
fn vectors() {
    run_vector_dir(env!("CARGO_MANIFEST_DIR"), KNOWN, |_, check, v| check(v));
}
