//! Helpers shared by the vector checkers: field access, the per-case loop that names each
//! failure, and the comparisons (every failure case must fail with its exact `Error`).
#![allow(dead_code)] // each checker uses a subset

use core::fmt::Debug;

use oxen_session::{Ed25519SecretKey, Seed};
use oxen_vector_harness::CheckResult;
use serde_json::Value;

/// The `cases` array.
pub fn cases(v: &Value) -> &Vec<Value> {
    v["cases"].as_array().expect("cases array")
}

/// A string field (panics, failing the test, if absent: the vector file is malformed).
pub fn s<'a>(c: &'a Value, k: &str) -> &'a str {
    c[k].as_str()
        .unwrap_or_else(|| panic!("missing string field {k}"))
}

/// An optional string field.
pub fn opt_s<'a>(c: &'a Value, k: &str) -> Option<&'a str> {
    c[k].as_str()
}

/// A hex field as bytes.
pub fn bytes(c: &Value, k: &str) -> Vec<u8> {
    hex::decode(s(c, k)).unwrap_or_else(|e| panic!("field {k} is not hex: {e}"))
}

/// A hex field of exactly `N` bytes.
pub fn arr<const N: usize>(c: &Value, k: &str) -> [u8; N] {
    bytes(c, k)
        .try_into()
        .unwrap_or_else(|_| panic!("field {k} is not {N} bytes"))
}

/// An unsigned integer field.
pub fn u(c: &Value, k: &str) -> u64 {
    c[k].as_u64()
        .unwrap_or_else(|| panic!("missing integer field {k}"))
}

/// A signed integer field.
pub fn i(c: &Value, k: &str) -> i64 {
    c[k].as_i64()
        .unwrap_or_else(|| panic!("missing integer field {k}"))
}

/// An account key from a hex seed field.
pub fn key(c: &Value, k: &str) -> Ed25519SecretKey {
    Ed25519SecretKey::from_seed(Seed::from_array(arr::<32>(c, k)))
}

/// The case's name.
pub fn name(c: &Value) -> &str {
    c["name"].as_str().unwrap_or("")
}

/// Runs `check` on every case, collecting failures as "case i (name): message".
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
pub fn eq<T: PartialEq + Debug>(what: &str, got: T, want: T) -> Result<(), String> {
    if got == want {
        Ok(())
    } else {
        Err(format!("{what}: got {got:?}, want {want:?}"))
    }
}

/// `got` is the error `want` (the exact variant and data).
pub fn fails_with<T: Debug, E: PartialEq + Debug>(
    got: Result<T, E>,
    want: E,
) -> Result<(), String> {
    match got {
        Err(e) if e == want => Ok(()),
        other => Err(format!("expected Err({want:?}), got {other:?}")),
    }
}

/// `got` succeeded; its value, or the error as a message.
pub fn ok<T, E: Debug>(what: &str, got: Result<T, E>) -> Result<T, String> {
    got.map_err(|e| format!("{what}: unexpected error {e:?}"))
}
