//! Vector tests: every `*.json` in `$OXEN_VECTORS_DIR` (default `tests/vectors/`), from
//! `shared/vectors/session-net/` (each file's `source` names the reference code that produced
//! it). Fails on an unknown file, on any mismatch, on a known file missing or short in the
//! crate's own directory, and when it ran no case (`oxen-vector-harness`). Every failure case
//! asserts its `Error` variant.
//!
//! One checker module per vector file under `harness/`; adding a file is one module line and
//! one row of `KNOWN`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "harness/msg_support.rs"]
mod msg_support;
#[path = "harness/proto_json.rs"]
mod proto_json;

#[path = "harness/envelope.rs"]
mod envelope;
#[path = "harness/message_padding.rs"]
mod message_padding;
#[path = "harness/protobuf.rs"]
mod protobuf;
#[path = "harness/sogs_post.rs"]
mod sogs_post;

#[path = "harness/support.rs"]
mod support;

#[path = "harness/snode_signatures.rs"]
mod snode_signatures;
#[path = "harness/snode_verify.rs"]
mod snode_verify;
#[path = "harness/subaccount.rs"]
mod subaccount;

#[path = "harness/sogs_auth.rs"]
mod sogs_auth;

use oxen_vector_harness::{CheckResult, Known, known, run_vector_dir};

/// A file checker: cases checked, or the failures (each naming its case).
type Checker = fn(&serde_json::Value) -> CheckResult;

/// Every known vector file, the fewest cases it must yield (its count when it was added), and
/// its checker.
const KNOWN: &[Known<Checker>] = &[
    // message formats (§14)
    known("message_padding.json", 18, message_padding::message_padding),
    known("protobuf.json", 39, protobuf::protobuf),
    known("envelope.json", 21, envelope::envelope_file),
    known("sogs_post.json", 4, sogs_post::sogs_post),
    // storage-server requests and subaccounts (§15, §17, §18)
    known(
        "snode_signatures.json",
        33,
        snode_signatures::snode_signatures,
    ),
    known("snode_verify.json", 144, snode_verify::snode_verify),
    known("subaccount.json", 16, subaccount::subaccount),
    // community requests (§16)
    known("sogs_auth.json", 47, sogs_auth::sogs_auth),
];

#[test]
fn vectors() {
    run_vector_dir(env!("CARGO_MANIFEST_DIR"), KNOWN, |_, check, v| check(v));
}
