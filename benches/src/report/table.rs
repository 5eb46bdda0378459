//! The table: criterion's measurements grouped into one row per operation (times and memory),
//! the paired ratios beside them, and the whole `REPORT.md`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::criterion_data::Measurement;
use super::environment::Environment;
pub use super::format::{format_bytes, format_ratio, format_time};
use super::pairs::{JobKind, PairsReport};
use super::pairs_md::{markdown_pairs, ratio_cell};
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

fn opt_time(t: Option<f64>) -> String {
    t.map_or_else(|| "—".to_owned(), format_time)
}

fn opt_memory(m: Option<&AllocStats>) -> String {
    m.map_or_else(
        || "—".to_owned(),
        |m| format!("{} / {}", m.allocations, format_bytes(m.peak)),
    )
}

/// The table header (see [`markdown_table`]); `avx2`: with the `oxen (AVX2)` column.
#[must_use]
pub fn table_header(avx2: bool) -> String {
    let (col, sep) = if avx2 {
        (" oxen (AVX2) |", "---:|")
    } else {
        ("", "")
    };
    format!(
        "| operation | oxen |{col} oxen allocs / peak | compared with | its time | its allocs / peak | oxen / it (paired, 95%) | floor | oxen / floor (paired, 95%) |\n\
         |---|---:|{sep}---:|---|---:|---:|---|---:|---|\n"
    )
}

/// The Markdown table: one line per (operation, other implementation), operations without one
/// get one line. Times and memory are criterion's and the memory pass's; every ratio is the
/// paired measurement's (with its interval, `≈` when no measurable difference), `—` where no
/// pair was measured. The `oxen (AVX2)` column appears when a row has an AVX2 time.
#[must_use]
pub fn markdown_table(rows: &[Row], pairs: Option<&PairsReport>) -> String {
    let avx2 = rows.iter().any(|r| r.ours_avx2.is_some());
    let mut s = table_header(avx2);
    let cell = |op: &str, other: &str| match pairs {
        Some(p) => ratio_cell(p, p.find(JobKind::Pair, op, OURS, other)),
        None => "—".to_owned(),
    };
    for row in rows {
        let floor = opt_time(row.floor);
        let to_floor = if row.floor.is_some() {
            cell(&row.operation, FLOOR)
        } else {
            "—".to_owned()
        };
        let ours = opt_time(row.ours);
        let avx2_cell = if avx2 {
            format!(" {} |", opt_time(row.ours_avx2))
        } else {
            String::new()
        };
        let mem = opt_memory(row.memory.get(OURS));
        if row.peers.is_empty() {
            let _ = writeln!(
                s,
                "| {} | {ours} |{avx2_cell} {mem} | — | — | — | — | {floor} | {to_floor} |",
                row.operation
            );
            continue;
        }
        for (i, (peer, t)) in row.peers.iter().enumerate() {
            let ratio = if row.ours.is_some() {
                cell(&row.operation, peer)
            } else {
                "—".to_owned()
            };
            if i == 0 {
                let _ = writeln!(
                    s,
                    "| {} | {ours} |{avx2_cell} {mem} | {peer} | {} | {} | {ratio} | {floor} | {to_floor} |",
                    row.operation,
                    format_time(*t),
                    opt_memory(row.memory.get(peer)),
                );
            } else {
                let blank = if avx2 { "  |" } else { "" };
                let _ = writeln!(
                    s,
                    "| ″ |  |{blank}  | {peer} | {} | {} | {ratio} |  |  |",
                    format_time(*t),
                    opt_memory(row.memory.get(peer)),
                );
            }
        }
    }
    s
}

/// The whole `REPORT.md`: the header, the paired ratios (when measured), and the table of
/// times, memory and ratios (the caller appends the growth curves).
#[must_use]
pub fn markdown_report(rows: &[Row], env: &Environment, pairs: Option<&PairsReport>) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# oxen-rs benchmark report\n");
    let _ = writeln!(s, "- date: {} UTC", env.date);
    let _ = writeln!(s, "- CPU: {} ({} logical CPUs)", env.cpu, env.cpus);
    let _ = writeln!(
        s,
        "- curve25519-dalek 5 backend (oxen-rs, main build): {}",
        env.dalek_backend
    );
    if let Some(avx2) = &env.avx2_backend {
        let _ = writeln!(
            s,
            "- AVX2 build (`--cfg curve25519_dalek_backend=\"simd\"`, own target dir): {avx2}"
        );
    }
    let _ = writeln!(
        s,
        "- peers built on curve25519-dalek 4 (`bulletproofs`, `monero-*`, `sphinx-packet`) \
         select AVX2 or serial at run time (dalek 4 has no run-time IFMA backend on stable \
         Rust); `x25519-dalek` rows are the Montgomery ladder through dalek 5"
    );
    let _ = writeln!(s, "- measurements: {}", env.mode);
    let memory = if rows.iter().all(|r| r.memory.is_empty()) {
        "allocations and peak heap were not measured in this run (`--quick` measures them only \
         with `--memory`)"
    } else {
        "allocations and peak heap are of one run on the calling thread, from a separate memory \
         build and pass"
    };
    let _ = writeln!(
        s,
        "- times are criterion medians; every ratio is a paired measurement (below); `floor` is \
         the unavoidable core of the operation; {memory}"
    );
    if let Some(p) = pairs {
        let _ = writeln!(s, "\n## Paired ratios\n");
        s.push_str(&markdown_pairs(p));
    }
    let _ = writeln!(s, "\n## Times, memory and ratios\n");
    s.push_str(&markdown_table(rows, pairs));
    s
}
