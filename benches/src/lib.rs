//! Criterion benchmarks for the oxen-rs crates (see `benches/` and the workspace
//! `BENCHMARKS.md`), and the [`report`] that turns their results into ratio tables and a chart
//! (`cargo run --release -p oxen-benches --bin report`).
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod report;
