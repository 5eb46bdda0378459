//! Helpers shared by the vector checkers: field access, the per-case loop that names each
//! failure, and the comparisons (every failure case must fail with its exact `Error`), from
//! `oxen_vector_harness::case`.
#![allow(unused_imports)] // each checker uses a subset

pub use oxen_vector_harness::case::{
    arr, bytes, cases, each, eq, fails_with, flag, name, num, ok, opt_s, s,
};
