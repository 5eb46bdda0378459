//! Reading one case of a vector file: typed field access that fails the test, naming the field,
//! when the file is malformed; the per-case loop that names each failing case; and the
//! comparisons a checker returns (`eq`, `fails_with` the exact error, `ok`).
//!
//! ```
//! use oxen_vector_harness::case::{arr, each, eq, num, s};
//! use oxen_vector_harness::Value;
//!
//! let file: Value = serde_json::json!({ "cases": [
//!     { "name": "one", "key": "0102", "len": 2 },
//!     { "name": "two", "key": "0304", "len": 3 },
//! ]});
//! let failures = each(&file, |c| eq("len", arr::<2>(c, "key").len(), num(c, "len"))).unwrap_err();
//! assert_eq!(failures, ["case 1 (two): len: got 2, want 3"]);
//! assert_eq!(s(&file["cases"][0], "name"), "one");
//! ```

// A test-only crate: a malformed vector file fails the test that reads it, naming the field.
#![allow(clippy::panic)]

use core::fmt::Debug;

use serde_json::Value;

use crate::CheckResult;

/// The `cases` array.
///
/// # Panics
/// If the file has none (the vector file is malformed).
pub fn cases(v: &Value) -> &Vec<Value> {
    v["cases"]
        .as_array()
        .unwrap_or_else(|| panic!("the file has no `cases` array"))
}

/// A string field.
///
/// # Panics
/// If it is absent or not a string.
pub fn s<'a>(c: &'a Value, k: &str) -> &'a str {
    c[k].as_str()
        .unwrap_or_else(|| panic!("missing string field {k}"))
}

/// An optional string field.
pub fn opt_s<'a>(c: &'a Value, k: &str) -> Option<&'a str> {
    c[k].as_str()
}

/// A hex field as bytes.
///
/// # Panics
/// If it is absent or not hex.
pub fn bytes(c: &Value, k: &str) -> Vec<u8> {
    hex::decode(s(c, k)).unwrap_or_else(|e| panic!("field {k} is not hex: {e}"))
}

/// A hex field of exactly `N` bytes.
///
/// # Panics
/// If it is absent, not hex, or of another length.
pub fn arr<const N: usize>(c: &Value, k: &str) -> [u8; N] {
    bytes(c, k)
        .try_into()
        .unwrap_or_else(|_| panic!("field {k} is not {N} bytes"))
}

/// A boolean field.
///
/// # Panics
/// If it is absent or not a boolean.
pub fn flag(c: &Value, k: &str) -> bool {
    c[k].as_bool()
        .unwrap_or_else(|| panic!("missing bool field {k}"))
}

/// An unsigned integer field as a `usize` (a count or a length).
///
/// # Panics
/// If it is absent, negative, or beyond `usize`.
pub fn num(c: &Value, k: &str) -> usize {
    usize::try_from(u(c, k)).unwrap_or_else(|_| panic!("field {k} does not fit a usize"))
}

/// An unsigned integer field.
///
/// # Panics
/// If it is absent or not a non-negative integer.
pub fn u(c: &Value, k: &str) -> u64 {
    c[k].as_u64()
        .unwrap_or_else(|| panic!("missing integer field {k}"))
}

/// A signed integer field.
///
/// # Panics
/// If it is absent or not an integer.
pub fn i(c: &Value, k: &str) -> i64 {
    c[k].as_i64()
        .unwrap_or_else(|| panic!("missing integer field {k}"))
}

/// The case's name (empty if it has none).
pub fn name(c: &Value) -> &str {
    c["name"].as_str().unwrap_or("")
}

/// Runs `check` on every case, collecting failures as "case i (name): message"; the number of
/// cases if none failed.
///
/// # Panics
/// If the file has no `cases` array.
pub fn each(v: &Value, check: impl Fn(&Value) -> Result<(), String>) -> CheckResult {
    let cs = cases(v);
    let failures: Vec<String> = cs
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            check(c)
                .err()
                .map(|e| format!("case {i} ({}): {e}", name(c)))
        })
        .collect();
    if failures.is_empty() {
        Ok(cs.len())
    } else {
        Err(failures)
    }
}

/// `got == want`, or a message naming `what`.
///
/// # Errors
/// The message, when they differ.
pub fn eq<T: PartialEq + Debug>(what: &str, got: T, want: T) -> Result<(), String> {
    if got == want {
        Ok(())
    } else {
        Err(format!("{what}: got {got:?}, want {want:?}"))
    }
}

/// `got` is the error `want` (the exact variant and data).
///
/// # Errors
/// A message naming both, when `got` succeeded or failed otherwise.
pub fn fails_with<T: Debug, E: PartialEq + Debug>(
    got: Result<T, E>,
    want: E,
) -> Result<(), String> {
    match got {
        Err(e) if e == want => Ok(()),
        other => Err(format!("expected Err({want:?}), got {other:?}")),
    }
}

/// `got` succeeded; its value.
///
/// # Errors
/// The error as a message naming `what`.
pub fn ok<T, E: Debug>(what: &str, got: Result<T, E>) -> Result<T, String> {
    got.map_err(|e| format!("{what}: unexpected error {e:?}"))
}
