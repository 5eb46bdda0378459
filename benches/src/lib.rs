//! Criterion benchmarks for the oxen-rs crates (see `benches/` and the workspace
//! `BENCHMARKS.md`), the [`harness`] they share, the [`paired`] measurement every printed
//! ratio comes from, and the [`report`] that runs them and turns their results into ratio
//! tables with intervals, memory figures and growth-curve charts
//! (`cargo run --release -p oxen-benches --bin report`).
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod harness;
pub mod paired;
pub mod report;
