//! Reads criterion's saved estimates and turns them into the researchers' report: a Markdown
//! table of times, ratios and memory (`REPORT.md`), a bar chart of the ratios (`ratios.svg`)
//! and one log-log chart per growth curve (`curve-<group>.svg`).
//!
//! Benchmark ids follow `operation/implementation` (`bp_verify_1x64/oxen`,
//! `bp_verify_1x64/monero-bulletproofs`, `bp_verify_1x64/floor`), and `group/implementation/n`
//! for a point of a growth curve (`clsag_verify/oxen/16`). `oxen` is ours, `floor` is the cost
//! of the unavoidable core of the operation (for example the one multi-exponentiation a verifier
//! must do), and every other implementation is a peer crate doing the same job. Ratios are
//! always `oxen time / other time`: below 1 means oxen-rs is faster. Criterion gives the times
//! and the growth curves; every ratio comes from the paired measurement ([`crate::paired`]).
//!
//! One module per concern: [`criterion_data`] (reading criterion's files), [`table`] (rows,
//! Markdown), [`mod@format`] (times, bytes, ratios), [`chart`] (the ratio bars), [`curves`] and
//! [`curve_plot`] (growth curves, fits and their SVGs), [`environment`] (machine and backend), [`run`] (building and running
//! the bench binaries with progress), and the paired ratios: [`pairs`] (which pair runs in
//! which process, the backend-split rule, the results), [`pairs_run`] (running them) and
//! [`pairs_md`] (their tables and the comparison of two runs), [`load`] (what else the machine ran
//! while they measured).

pub mod chart;
pub mod criterion_data;
pub mod curve_plot;
pub mod curves;
pub mod duration;
pub mod environment;
pub mod error;
pub mod format;
pub mod load;
pub mod options;
pub mod pairs;
pub mod pairs_md;
pub mod pairs_run;
pub mod run;
pub mod saved;
pub mod table;

pub use chart::{Bar, bars, render_svg};
pub use criterion_data::{
    BenchmarkId, Estimates, Measurement, criterion_dir, read_criterion_dir, split_stale,
};
pub use environment::{Environment, cpu_model, dalek_backend, format_utc, utc_now};
pub use error::ReportError;
pub use table::{
    Row, add_avx2, add_memory, build_rows, format_bytes, format_ratio, format_time,
    markdown_report, markdown_table,
};

/// Implementation name of our own code in benchmark ids.
pub const OURS: &str = "oxen";
/// Implementation name of the lower bound ("floor") in benchmark ids.
pub const FLOOR: &str = "floor";
