//! Helpers shared by the vector checkers: field access, the per-case loop that names each
//! failure, and the comparisons (every failure case must fail with its exact `Error`), from
//! `oxen_vector_harness::case`; and the account key of a seed field.
#![allow(dead_code, unused_imports)] // each checker uses a subset

use oxen_session::{Ed25519SecretKey, Seed};
pub use oxen_vector_harness::case::{
    arr, bytes, cases, each, eq, fails_with, i, name, ok, opt_s, s, u,
};
use serde_json::Value;

/// An account key from a hex seed field.
pub fn key(c: &Value, k: &str) -> Ed25519SecretKey {
    Ed25519SecretKey::from_seed(Seed::from_array(arr::<32>(c, k)))
}
