//! The table: measurements grouped into one row per operation, times and ratios formatted,
//! and the whole `REPORT.md`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::criterion_data::Measurement;
use super::environment::Environment;
use super::{FLOOR, OURS};
use crate::harness::AllocStats;

/// One operation's line of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The operation.
    pub operation: String,
    /// Our median time, nanoseconds (the main build: IFMA where the CPU has it).
    pub ours: Option<f64>,
    /// Our median time in the AVX2 build (curve25519-dalek's `simd` backend), nanoseconds.
    pub ours_avx2: Option<f64>,
    /// The floor's median time, nanoseconds.
    pub floor: Option<f64>,
    /// Every other implementation's median time, by name.
    pub peers: Vec<(String, f64)>,
    /// Allocations and peak heap of one run, by implementation (the memory pass).
    pub memory: BTreeMap<String, AllocStats>,
}

impl Row {
    /// `ours / floor`, when both exist.
    #[must_use]
    pub fn ratio_to_floor(&self) -> Option<f64> {
        ratio(self.ours, self.floor)
    }

    /// `ours / peer` for each peer (None where we have no measurement).
    pub fn ratios_to_peers(&self) -> impl Iterator<Item = (&str, f64, Option<f64>)> + '_ {
        self.peers
            .iter()
            .map(|(name, t)| (name.as_str(), *t, ratio(self.ours, Some(*t))))
    }

    /// `ours in the AVX2 build / peer` for each peer: code against code where the peer runs
    /// AVX2 too.
    pub fn avx2_ratios_to_peers(&self) -> impl Iterator<Item = (&str, Option<f64>)> + '_ {
        self.peers
            .iter()
            .map(|(name, t)| (name.as_str(), ratio(self.ours_avx2, Some(*t))))
    }

    /// `ours (main build) / ours (AVX2 build)`: what the backend alone changes.
    #[must_use]
    pub fn backend_ratio(&self) -> Option<f64> {
        ratio(self.ours, self.ours_avx2)
    }
}

/// `num / den` when both exist, are finite and `den > 0`.
#[must_use]
pub fn ratio(num: Option<f64>, den: Option<f64>) -> Option<f64> {
    match (num, den) {
        (Some(n), Some(d)) if d > 0.0 && n.is_finite() && d.is_finite() => Some(n / d),
        _ => None,
    }
}

/// Groups measurements by operation.
#[must_use]
pub fn build_rows(measurements: &[Measurement]) -> Vec<Row> {
    let mut by_op: BTreeMap<&str, Row> = BTreeMap::new();
    for m in measurements {
        let row = by_op.entry(&m.operation).or_insert_with(|| Row {
            operation: m.operation.clone(),
            ours: None,
            ours_avx2: None,
            floor: None,
            peers: Vec::new(),
            memory: BTreeMap::new(),
        });
        match m.implementation.as_str() {
            OURS => row.ours = Some(m.median_ns),
            FLOOR => row.floor = Some(m.median_ns),
            other => row.peers.push((other.to_owned(), m.median_ns)),
        }
    }
    let mut rows: Vec<Row> = by_op.into_values().collect();
    for r in &mut rows {
        r.peers.sort_by(|a, b| a.0.cmp(&b.0));
    }
    rows
}

/// Fills [`Row::ours_avx2`] from the AVX2 build's measurements (only `oxen` ones are used).
pub fn add_avx2(rows: &mut [Row], avx2: &[Measurement]) {
    for m in avx2.iter().filter(|m| m.implementation == OURS) {
        if let Some(row) = rows.iter_mut().find(|r| r.operation == m.operation) {
            row.ours_avx2 = Some(m.median_ns);
        }
    }
}

/// Fills [`Row::memory`] from the memory pass (`(benchmark id, figures)`).
pub fn add_memory(rows: &mut [Row], memory: &[(String, AllocStats)]) {
    for (id, stats) in memory {
        let (op, imp) = split_id(id);
        if let Some(row) = rows.iter_mut().find(|r| r.operation == op) {
            row.memory.insert(imp, *stats);
        }
    }
}

/// `(operation, implementation)` of a criterion id string: `op/impl`, or `group/impl/param`
/// (a parameterised benchmark, operation `group/param`).
#[must_use]
pub fn split_id(id: &str) -> (String, String) {
    let parts: Vec<&str> = id.split('/').collect();
    match parts.as_slice() {
        [group, imp, param] => (format!("{group}/{param}"), (*imp).to_owned()),
        [op @ .., imp] if !op.is_empty() => (op.join("/"), (*imp).to_owned()),
        _ => (id.to_owned(), String::new()),
    }
}

/// A duration in nanoseconds with three significant digits and a unit (`1.23 ms`).
#[must_use]
pub fn format_time(ns: f64) -> String {
    let (v, unit) = if ns < 1e3 {
        (ns, "ns")
    } else if ns < 1e6 {
        (ns / 1e3, "µs")
    } else if ns < 1e9 {
        (ns / 1e6, "ms")
    } else {
        (ns / 1e9, "s")
    };
    format!("{} {unit}", three_digits(v))
}

fn three_digits(v: f64) -> String {
    let digits = if v >= 100.0 {
        0
    } else if v >= 10.0 {
        1
    } else {
        2
    };
    format!("{v:.digits$}")
}

/// A byte count with a binary unit (`512 B`, `3.25 KiB`, `1.50 MiB`).
#[must_use]
pub fn format_bytes(bytes: u64) -> String {
    #[allow(clippy::cast_precision_loss)]
    let b = bytes as f64;
    if b < 1024.0 {
        format!("{bytes} B")
    } else if b < 1024.0 * 1024.0 {
        format!("{} KiB", three_digits(b / 1024.0))
    } else {
        format!("{} MiB", three_digits(b / (1024.0 * 1024.0)))
    }
}

/// A ratio as `0.75×`.
#[must_use]
pub fn format_ratio(r: f64) -> String {
    format!("{}×", three_digits(r))
}

fn opt_time(t: Option<f64>) -> String {
    t.map_or_else(|| "—".to_owned(), format_time)
}

fn opt_ratio(r: Option<f64>) -> String {
    r.map_or_else(|| "—".to_owned(), format_ratio)
}

fn opt_memory(m: Option<&AllocStats>) -> String {
    m.map_or_else(
        || "—".to_owned(),
        |m| format!("{} / {}", m.allocations, format_bytes(m.peak)),
    )
}

/// The table header (see [`markdown_table`]).
pub const TABLE_HEADER: &str = "| operation | oxen | oxen (AVX2) | oxen allocs / peak | compared with | its time | its allocs / peak | oxen / it | oxen (AVX2) / it | floor | oxen / floor |\n\
|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|\n";

/// The Markdown table: one line per (operation, peer); operations without a peer get one line.
#[must_use]
pub fn markdown_table(rows: &[Row]) -> String {
    let mut s = String::from(TABLE_HEADER);
    for row in rows {
        let floor = opt_time(row.floor);
        let to_floor = opt_ratio(row.ratio_to_floor());
        let ours = opt_time(row.ours);
        let avx2 = opt_time(row.ours_avx2);
        let mem = opt_memory(row.memory.get(OURS));
        if row.peers.is_empty() {
            let _ = writeln!(
                s,
                "| {} | {ours} | {avx2} | {mem} | — | — | — | — | — | {floor} | {to_floor} |",
                row.operation
            );
            continue;
        }
        let avx2_ratios: Vec<Option<f64>> = row.avx2_ratios_to_peers().map(|(_, r)| r).collect();
        for (i, ((peer, t, r), r2)) in row.ratios_to_peers().zip(avx2_ratios).enumerate() {
            let (op, ours, avx2, mem, floor, to_floor) = if i == 0 {
                (
                    row.operation.as_str(),
                    ours.as_str(),
                    avx2.as_str(),
                    mem.as_str(),
                    floor.as_str(),
                    to_floor.as_str(),
                )
            } else {
                ("″", "", "", "", "", "")
            };
            let _ = writeln!(
                s,
                "| {op} | {ours} | {avx2} | {mem} | {peer} | {} | {} | {} | {} | {floor} | {to_floor} |",
                format_time(t),
                opt_memory(row.memory.get(peer)),
                opt_ratio(r),
                opt_ratio(r2),
            );
        }
    }
    s
}

/// What part of each ratio against a peer is the backend and what part the code:
/// `oxen / it = (oxen / oxen (AVX2)) × (oxen (AVX2) / it)`, for every row measured in both
/// builds. Where the peer runs AVX2 (dalek 4 on an AVX2 CPU), the second factor compares code
/// against code on the same backend.
#[must_use]
pub fn markdown_backend_split(rows: &[Row]) -> String {
    let mut s = String::from(
        "| operation | compared with | oxen / it | backend: oxen / oxen (AVX2) | code: oxen (AVX2) / it |\n\
         |---|---|---:|---:|---:|\n",
    );
    for row in rows {
        let Some(backend) = row.backend_ratio() else {
            continue;
        };
        for ((peer, _, r), (_, r2)) in row.ratios_to_peers().zip(row.avx2_ratios_to_peers()) {
            let _ = writeln!(
                s,
                "| {} | {peer} | {} | {} | {} |",
                row.operation,
                opt_ratio(r),
                format_ratio(backend),
                opt_ratio(r2)
            );
        }
    }
    s
}

/// The whole `REPORT.md`: the header, the table, and `extra` (the growth-curve sections).
#[must_use]
pub fn markdown_report(rows: &[Row], env: &Environment) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# oxen-rs benchmark report\n");
    let _ = writeln!(s, "- date: {} UTC", env.date);
    let _ = writeln!(s, "- CPU: {} ({} logical CPUs)", env.cpu, env.cpus);
    let _ = writeln!(
        s,
        "- curve25519-dalek 5 backend (oxen-rs): {}",
        env.dalek_backend
    );
    if let Some(avx2) = &env.avx2_backend {
        let _ = writeln!(
            s,
            "- `oxen (AVX2)` column: the same benches built with \
             `--cfg curve25519_dalek_backend=\"simd\"` (own target dir); its backend: {avx2}"
        );
    }
    let _ = writeln!(
        s,
        "- peers built on curve25519-dalek 4 (`bulletproofs`, `monero-*`, `sphinx-packet`) \
         select AVX2 or serial at run time; dalek 4 has no run-time IFMA backend on stable \
         Rust (`x25519-dalek` rows: the Montgomery ladder through dalek 5, serial in both builds). Where the CPU has AVX2, `oxen (AVX2) / it` compares code against code \
         on the same backend; `oxen / it` adds the IFMA backend's gain; `oxen / oxen (AVX2)` is \
         the backend alone"
    );
    let _ = writeln!(s, "- measurements: {}", env.mode);
    let _ = writeln!(
        s,
        "- times are criterion medians; ratios are oxen time / other time (below 1: oxen-rs \
         is faster); `floor` is the unavoidable core of the operation; allocations and peak \
         heap are of one run on the calling thread, from a separate memory build and pass\n"
    );
    s.push_str(&markdown_table(rows));
    s
}
