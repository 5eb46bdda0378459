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

#[path = "harness/sender_recipient.rs"]
mod sender_recipient;
#[path = "harness/support.rs"]
mod support;

#[path = "harness/blind_keys.rs"]
mod blind_keys;
#[path = "harness/blind_sign.rs"]
mod blind_sign;
#[path = "harness/blinded_id_match.rs"]
mod blinded_id_match;
#[path = "harness/config_encrypt.rs"]
mod config_encrypt;
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
#[path = "harness/multi_encrypt.rs"]
mod multi_encrypt;
#[path = "harness/session_recovery.rs"]
mod session_recovery;
#[path = "harness/version_blinding.rs"]
mod version_blinding;
#[path = "harness/xed25519.rs"]
mod xed25519;

#[path = "harness/decrypt_incoming.rs"]
mod decrypt_incoming;
#[path = "harness/encrypt_for_recipient.rs"]
mod encrypt_for_recipient;
#[path = "harness/ons_response.rs"]
mod ons_response;
#[path = "harness/push_notification.rs"]
mod push_notification;
#[path = "harness/sign_for_recipient.rs"]
mod sign_for_recipient;

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
    known("multi_encrypt.json", 92, multi_encrypt::multi_encrypt),
    known("config_encrypt.json", 74, config_encrypt::config_encrypt),
    known(
        "session_recovery.json",
        37,
        session_recovery::session_recovery,
    ),
    known(
        "sign_for_recipient.json",
        15,
        sign_for_recipient::sign_for_recipient_file,
    ),
    known(
        "encrypt_for_recipient.json",
        34,
        encrypt_for_recipient::encrypt_for_recipient_file,
    ),
    known(
        "decrypt_incoming.json",
        44,
        decrypt_incoming::decrypt_incoming_file,
    ),
    known("ons_response.json", 18, ons_response::ons_response_file),
    known(
        "push_notification.json",
        19,
        push_notification::push_notification_file,
    ),
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
