//! Criterion benchmarks for the oxen-rs crates. See `benches/` and the workspace `BENCHMARKS.md`.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
