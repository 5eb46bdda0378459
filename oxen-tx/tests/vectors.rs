//! Vector tests: every `*.json` in `$OXEN_VECTORS_DIR` (default `tests/vectors/`), produced by the
//! reference C++ (oxen-core). Fails on an unknown file, on any mismatch, on a known file missing
//! or short in the crate's own directory, and when it ran no case (`oxen-vector-harness`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "harness/amounts.rs"]
mod amounts;
#[path = "harness/borromean.rs"]
mod borromean;
#[path = "harness/consensus.rs"]
mod consensus;
#[path = "harness/history.rs"]
mod history;
#[path = "harness/txs.rs"]
mod txs;

use oxen_vector_harness::{CheckResult, Known, known, run_vector_dir};

/// A file checker: cases checked, or the failures (each naming its case).
type Checker = fn(&serde_json::Value) -> CheckResult;

/// Every known vector file, the fewest cases it must yield (the count when it was added), and
/// its checker. Adding a file is one row.
const KNOWN: &[Known<Checker>] = &[
    known("commitments.json", 96, amounts::commitments),
    known("ecdh.json", 52, amounts::ecdh),
    known("bulletproof_valid.json", 11, amounts::bulletproof_valid),
    known("bulletproof_invalid.json", 60, amounts::bulletproof_invalid),
    known("bulletproof_batch.json", 5, amounts::bulletproof_batch),
    known("borromean.json", 80, borromean::borromean),
    known("rct_history.json", 165, history::rct_history),
    known("rct_transactions.json", 12, txs::rct_transactions),
    known("real_transactions.json", 3, txs::real_transactions),
    known("tx_consensus.json", 14, consensus::tx_consensus),
    known("tx_extra.json", 88, txs::tx_extra),
];

#[test]
fn vectors() {
    run_vector_dir(env!("CARGO_MANIFEST_DIR"), KNOWN, |_, check, v| check(v));
}
