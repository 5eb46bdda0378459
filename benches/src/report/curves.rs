//! Growth curves: the points of parameterised benchmarks (`group/implementation/n`, read as
//! operation `group/n`), one series per implementation, and a least-squares fit of
//! `time ≈ a · n^k` on log-log axes (the growth exponent `k`).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::table::{Row, format_bytes, format_time};
use super::{FLOOR, OURS};

/// What the report knows about a curve: its x axis and whether the per-item time (`time / n`)
/// is the figure of interest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CurveKind {
    /// The benchmark group.
    pub group: &'static str,
    /// The x axis.
    pub x_label: &'static str,
    /// Plot `time / n` instead of the time (batch verification: time per proof).
    pub per_item: bool,
    /// The parameter is a byte count (shown as KiB/MiB).
    pub bytes: bool,
}

/// The curves the benches define (groups not listed here are still plotted, with the group
/// name as the x axis).
pub const KNOWN_CURVES: [CurveKind; 11] = [
    kind("clsag_sign", "ring size", false, false),
    kind("clsag_verify", "ring size", false, false),
    kind("mlsag_verify", "ring size", false, false),
    kind("bp_prove", "outputs (64-bit amounts)", false, false),
    kind("bp_verify", "outputs (64-bit amounts)", false, false),
    kind(
        "bp_batch_verify",
        "batch size (1-output proofs)",
        true,
        false,
    ),
    kind("block_verify", "threads", false, false),
    kind("onion_build", "payload bytes", false, true),
    kind("onion_peel", "payload bytes", false, true),
    kind("calc_swarm_changes", "service nodes", false, false),
    kind("ons_encrypt", "value bytes", false, true),
];

const fn kind(
    group: &'static str,
    x_label: &'static str,
    per_item: bool,
    bytes: bool,
) -> CurveKind {
    CurveKind {
        group,
        x_label,
        per_item,
        bytes,
    }
}

/// One implementation's points on a curve.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// `oxen`, `oxen (AVX2)`, `floor` or a peer's name.
    pub name: String,
    /// `(n, nanoseconds)` sorted by `n` (per item for per-item curves).
    pub points: Vec<(f64, f64)>,
}

impl Series {
    /// The least-squares fit of `log t = log a + k log n`: `(a, k)`; None with fewer than two
    /// distinct `n`.
    #[must_use]
    pub fn fit(&self) -> Option<(f64, f64)> {
        fit_power_law(&self.points)
    }
}

/// One growth curve.
#[derive(Debug, Clone, PartialEq)]
pub struct Curve {
    /// The benchmark group (`clsag_verify`).
    pub group: String,
    /// What the x axis is, and how to read the points.
    pub kind: CurveKind,
    /// One series per implementation, ours first.
    pub series: Vec<Series>,
}

/// Least-squares fit of `y = a · x^k` on log-log axes: `(a, k)`.
#[must_use]
pub fn fit_power_law(points: &[(f64, f64)]) -> Option<(f64, f64)> {
    let logs: Vec<(f64, f64)> = points
        .iter()
        .filter(|(x, y)| *x > 0.0 && *y > 0.0)
        .map(|(x, y)| (x.ln(), y.ln()))
        .collect();
    #[allow(clippy::cast_precision_loss)]
    let n = logs.len() as f64;
    if n < 2.0 {
        return None;
    }
    let mx = logs.iter().map(|p| p.0).sum::<f64>() / n;
    let my = logs.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = logs.iter().map(|p| (p.0 - mx).powi(2)).sum();
    if sxx <= 0.0 {
        return None;
    }
    let sxy: f64 = logs.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    let k = sxy / sxx;
    Some(((my - k * mx).exp(), k))
}

/// Splits `group/n` into the group and a numeric `n`.
#[must_use]
pub fn curve_point(operation: &str) -> Option<(&str, f64)> {
    let (group, n) = operation.rsplit_once('/')?;
    let n: f64 = n.parse().ok()?;
    (n > 0.0).then_some((group, n))
}

/// A curve's points by series name.
type PointsByName = BTreeMap<String, Vec<(f64, f64)>>;

/// The curves among the rows (rows whose operation is `group/n`), ours first in each.
#[must_use]
pub fn curves(rows: &[Row]) -> Vec<Curve> {
    let mut by_group: BTreeMap<&str, PointsByName> = BTreeMap::new();
    for row in rows {
        let Some((group, n)) = curve_point(&row.operation) else {
            continue;
        };
        let kind = curve_kind(group);
        let scale = if kind.per_item { n } else { 1.0 };
        let series = by_group.entry(group).or_default();
        let mut push = |name: &str, t: Option<f64>| {
            if let Some(t) = t {
                series
                    .entry(name.to_owned())
                    .or_default()
                    .push((n, t / scale));
            }
        };
        push(OURS, row.ours);
        push(AVX2, row.ours_avx2);
        push(FLOOR, row.floor);
        for (peer, t) in &row.peers {
            push(peer, Some(*t));
        }
    }
    by_group
        .into_iter()
        .map(|(group, series)| {
            let mut series: Vec<Series> = series
                .into_iter()
                .map(|(name, mut points)| {
                    points.sort_by(|a, b| a.0.total_cmp(&b.0));
                    Series { name, points }
                })
                .collect();
            series.sort_by_key(|s| (order(&s.name), s.name.clone()));
            Curve {
                group: group.to_owned(),
                kind: curve_kind(group),
                series,
            }
        })
        .collect()
}

/// Name of our AVX2-build series.
pub const AVX2: &str = "oxen (AVX2)";

fn order(name: &str) -> u8 {
    match name {
        OURS => 0,
        AVX2 => 1,
        FLOOR => 3,
        _ => 2,
    }
}

/// The kind of a group: the known one, or a generic one named after the group.
#[must_use]
pub fn curve_kind(group: &str) -> CurveKind {
    KNOWN_CURVES
        .iter()
        .find(|k| k.group == group)
        .copied()
        .unwrap_or(CurveKind {
            group: "",
            x_label: "n",
            per_item: false,
            bytes: false,
        })
}

/// The file name of a curve's chart.
#[must_use]
pub fn svg_name(group: &str) -> String {
    format!("curve-{group}.svg")
}

/// A parameter value as the x axis shows it.
#[must_use]
pub fn format_n(n: f64, bytes: bool) -> String {
    if bytes {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let b = n.round() as u64;
        format_bytes(b)
    } else {
        format!("{n}")
    }
}

/// The Markdown section of the curves: per curve, a table of the points of each series, the
/// fitted growth exponent beside each, and a link to its chart (`link_dir` is the directory
/// the charts are linked from, e.g. `benches/plots`).
#[must_use]
pub fn markdown_curves(curves: &[Curve], link_dir: &str) -> String {
    let mut s = String::from("## Growth curves\n\n");
    s.push_str(
        "Each curve is fitted as `time ≈ a · n^k` by least squares on log-log axes; `k` is the \
         growth exponent (1: linear, 0: flat).\n",
    );
    for c in curves {
        let what = if c.kind.per_item {
            " (time per item)"
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "\n### {} vs {}{what}\n\n![{}]({link_dir}/{})\n",
            c.group,
            c.kind.x_label,
            c.group,
            svg_name(&c.group)
        );
        let mut xs: Vec<f64> = c
            .series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.0))
            .collect();
        xs.sort_by(f64::total_cmp);
        xs.dedup();
        s.push_str("| series | growth |");
        for x in &xs {
            let _ = write!(s, " {} |", format_n(*x, c.kind.bytes));
        }
        s.push_str("\n|---|---:|");
        for _ in &xs {
            s.push_str("---:|");
        }
        s.push('\n');
        for series in &c.series {
            let growth = series
                .fit()
                .map_or_else(|| "—".to_owned(), |(_, k)| format!("n^{k:.2}"));
            let _ = write!(s, "| {} | {growth} |", series.name);
            for x in &xs {
                let cell = series
                    .points
                    .iter()
                    .find(|p| p.0 == *x)
                    .map_or_else(|| "—".to_owned(), |p| format_time(p.1));
                let _ = write!(s, " {cell} |");
            }
            s.push('\n');
        }
    }
    s
}
