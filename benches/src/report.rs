//! Reads criterion's saved estimates and turns them into the researchers' report: a Markdown
//! table of times and ratios (`REPORT.md`) and a bar chart of the ratios (`ratios.svg`).
//!
//! Benchmark ids follow `operation/implementation` (`bp_verify_1x64/oxen`,
//! `bp_verify_1x64/monero-bulletproofs`, `bp_verify_1x64/floor`). `oxen` is ours, `floor` is
//! the cost of the unavoidable core of the operation (for example the one multi-exponentiation a
//! verifier must do), and every other implementation is a peer crate doing the same job.
//! Ratios are always `oxen time / other time`: below 1 means oxen-rs is faster.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::Deserialize;

/// Implementation name of our own code in benchmark ids.
pub const OURS: &str = "oxen";
/// Implementation name of the lower bound ("floor") in benchmark ids.
pub const FLOOR: &str = "floor";

/// Why the report could not be built.
#[derive(Debug)]
pub enum ReportError {
    /// Reading a file or directory failed.
    Io(PathBuf, std::io::Error),
    /// A criterion JSON file did not parse.
    Json(PathBuf, serde_json::Error),
    /// The criterion directory holds no estimates at all.
    NoEstimates(PathBuf),
    /// Drawing the chart failed.
    Plot(String),
}

impl std::fmt::Display for ReportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReportError::Io(p, e) => write!(f, "{}: {e}", p.display()),
            ReportError::Json(p, e) => write!(f, "{}: invalid criterion JSON: {e}", p.display()),
            ReportError::NoEstimates(p) => write!(
                f,
                "{}: no criterion estimates (run `cargo bench -p oxen-benches` first)",
                p.display()
            ),
            ReportError::Plot(e) => write!(f, "drawing the chart: {e}"),
        }
    }
}

impl std::error::Error for ReportError {}

/// One point estimate from criterion's `estimates.json`.
#[derive(Debug, Clone, Copy, Deserialize)]
struct PointEstimate {
    point_estimate: f64,
}

/// The parts of criterion's `estimates.json` the report uses (times in nanoseconds).
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct Estimates {
    mean: PointEstimate,
    median: PointEstimate,
}

impl Estimates {
    /// Parses criterion's `estimates.json`.
    ///
    /// # Errors
    /// The JSON error if the text is not such a file.
    pub fn parse(json: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(json)
    }

    /// Median time per iteration, nanoseconds (what the report uses: robust on a shared machine).
    #[must_use]
    pub fn median_ns(&self) -> f64 {
        self.median.point_estimate
    }

    /// Mean time per iteration, nanoseconds.
    #[must_use]
    pub fn mean_ns(&self) -> f64 {
        self.mean.point_estimate
    }
}

/// The id fields of criterion's `benchmark.json`.
#[derive(Debug, Clone, Deserialize)]
pub struct BenchmarkId {
    /// The group name (or the whole id for a plain `bench_function`).
    pub group_id: String,
    /// The function name inside a group.
    pub function_id: Option<String>,
    /// The parameter, for `BenchmarkId::new(function, parameter)`.
    pub value_str: Option<String>,
}

impl BenchmarkId {
    /// Parses criterion's `benchmark.json`.
    ///
    /// # Errors
    /// The JSON error if the text is not such a file.
    pub fn parse(json: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(json)
    }

    /// `(operation, implementation)`: `group/impl` gives `(group, impl)`; a parameterised
    /// `group/impl/param` gives `(group/param, impl)`; a plain `bench_function("op/impl")` is
    /// split at its last `/`.
    #[must_use]
    pub fn operation_and_implementation(&self) -> (String, String) {
        match (&self.function_id, &self.value_str) {
            (Some(f), Some(v)) => (format!("{}/{v}", self.group_id), f.clone()),
            (Some(f), None) => (self.group_id.clone(), f.clone()),
            (None, Some(v)) => (self.group_id.clone(), v.clone()),
            (None, None) => match self.group_id.rsplit_once('/') {
                Some((op, imp)) => (op.to_owned(), imp.to_owned()),
                None => (self.group_id.clone(), String::new()),
            },
        }
    }
}

/// One measured benchmark.
#[derive(Debug, Clone, PartialEq)]
pub struct Measurement {
    /// The operation (`bp_verify_1x64`).
    pub operation: String,
    /// The implementation (`oxen`, `floor` or a peer crate's name).
    pub implementation: String,
    /// Median time per iteration, nanoseconds.
    pub median_ns: f64,
    /// When criterion wrote the estimate.
    pub modified: Option<std::time::SystemTime>,
}

/// Splits measurements into those written at or after `since` and older (stale) ones, for
/// example results of benchmarks that no longer exist or failed in this run. A measurement
/// without a modification time counts as stale.
#[must_use]
pub fn split_stale(
    measurements: Vec<Measurement>,
    since: std::time::SystemTime,
) -> (Vec<Measurement>, Vec<Measurement>) {
    measurements
        .into_iter()
        .partition(|m| m.modified.is_some_and(|t| t >= since))
}

/// The criterion output directory for a target directory: `<target>/criterion`.
#[must_use]
pub fn criterion_dir(target_dir: &Path) -> PathBuf {
    target_dir.join("criterion")
}

/// Reads every `<...>/new/benchmark.json` + `estimates.json` pair under `dir` (criterion's
/// output directory), sorted by operation then implementation.
///
/// # Errors
/// [`ReportError::Io`] or [`ReportError::Json`] on an unreadable or malformed file, and
/// [`ReportError::NoEstimates`] when nothing was found.
pub fn read_criterion_dir(dir: &Path) -> Result<Vec<Measurement>, ReportError> {
    let mut found = Vec::new();
    collect_new_dirs(dir, &mut found)?;
    let mut out = Vec::new();
    for new_dir in found {
        let id_path = new_dir.join("benchmark.json");
        let est_path = new_dir.join("estimates.json");
        if !id_path.is_file() || !est_path.is_file() {
            continue;
        }
        let id_text = read(&id_path)?;
        let id = BenchmarkId::parse(&id_text).map_err(|e| ReportError::Json(id_path.clone(), e))?;
        let est_text = read(&est_path)?;
        let est =
            Estimates::parse(&est_text).map_err(|e| ReportError::Json(est_path.clone(), e))?;
        let (operation, implementation) = id.operation_and_implementation();
        let modified = std::fs::metadata(&est_path).and_then(|m| m.modified()).ok();
        out.push(Measurement {
            operation,
            implementation,
            median_ns: est.median_ns(),
            modified,
        });
    }
    if out.is_empty() {
        return Err(ReportError::NoEstimates(dir.to_owned()));
    }
    out.sort_by(|a, b| {
        (a.operation.as_str(), a.implementation.as_str())
            .cmp(&(b.operation.as_str(), b.implementation.as_str()))
    });
    Ok(out)
}

fn read(path: &Path) -> Result<String, ReportError> {
    std::fs::read_to_string(path).map_err(|e| ReportError::Io(path.to_owned(), e))
}

/// Finds directories named `new` below `dir` (criterion keeps `base`, `change` and `report`
/// beside them; those are skipped).
fn collect_new_dirs(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), ReportError> {
    let entries = std::fs::read_dir(dir).map_err(|e| ReportError::Io(dir.to_owned(), e))?;
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for d in dirs {
        match d.file_name().and_then(|n| n.to_str()) {
            Some("new") => out.push(d),
            Some("base" | "change" | "report") => {}
            _ => collect_new_dirs(&d, out)?,
        }
    }
    Ok(())
}

/// One operation's line of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The operation.
    pub operation: String,
    /// Our median time, nanoseconds.
    pub ours: Option<f64>,
    /// The floor's median time, nanoseconds.
    pub floor: Option<f64>,
    /// Every other implementation's median time, by name.
    pub peers: Vec<(String, f64)>,
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
}

fn ratio(num: Option<f64>, den: Option<f64>) -> Option<f64> {
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
            floor: None,
            peers: Vec::new(),
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
    let digits = if v >= 100.0 {
        0
    } else if v >= 10.0 {
        1
    } else {
        2
    };
    format!("{v:.digits$} {unit}")
}

/// A ratio as `0.75×`.
#[must_use]
pub fn format_ratio(r: f64) -> String {
    if r >= 100.0 {
        format!("{r:.0}×")
    } else if r >= 10.0 {
        format!("{r:.1}×")
    } else {
        format!("{r:.2}×")
    }
}

fn opt_time(t: Option<f64>) -> String {
    t.map_or_else(|| "—".to_owned(), format_time)
}

fn opt_ratio(r: Option<f64>) -> String {
    r.map_or_else(|| "—".to_owned(), format_ratio)
}

/// The Markdown table: one line per (operation, peer); operations without a peer get one line.
#[must_use]
pub fn markdown_table(rows: &[Row]) -> String {
    let mut s = String::from(
        "| operation | oxen | compared with | its time | oxen / it | floor | oxen / floor |\n\
         |---|---:|---|---:|---:|---:|---:|\n",
    );
    for row in rows {
        let floor = opt_time(row.floor);
        let to_floor = opt_ratio(row.ratio_to_floor());
        let ours = opt_time(row.ours);
        if row.peers.is_empty() {
            let _ = writeln!(
                s,
                "| {} | {ours} | — | — | — | {floor} | {to_floor} |",
                row.operation
            );
            continue;
        }
        for (i, (peer, t, r)) in row.ratios_to_peers().enumerate() {
            let (op, ours, floor, to_floor) = if i == 0 {
                (
                    row.operation.as_str(),
                    ours.as_str(),
                    floor.as_str(),
                    to_floor.as_str(),
                )
            } else {
                ("″", "", "", "")
            };
            let _ = writeln!(
                s,
                "| {op} | {ours} | {peer} | {} | {} | {floor} | {to_floor} |",
                format_time(t),
                opt_ratio(r)
            );
        }
    }
    s
}

/// What the report says about the machine and build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Environment {
    /// CPU model from `/proc/cpuinfo`.
    pub cpu: String,
    /// Logical CPUs available.
    pub cpus: usize,
    /// curve25519-dalek 5 backend in use by oxen-rs, with how it was chosen.
    pub dalek_backend: String,
    /// When the report was written (UTC, `YYYY-MM-DD HH:MM`).
    pub date: String,
    /// How the measurements were taken (`quick` or `full` criterion settings, or `existing`).
    pub mode: String,
}

impl Environment {
    /// Describes this machine and this build.
    #[must_use]
    pub fn detect(mode: &str) -> Self {
        Environment {
            cpu: cpu_model(),
            cpus: std::thread::available_parallelism().map_or(1, usize::from),
            dalek_backend: dalek_backend(),
            date: utc_now(),
            mode: mode.to_owned(),
        }
    }
}

/// The `model name` line of `/proc/cpuinfo`, or `unknown`.
#[must_use]
pub fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".to_owned())
}

/// The curve25519-dalek 5 field backend that runs here: the build-time
/// `curve25519_dalek_backend` cfg (set in `.cargo/config.toml`) combined with the CPU's
/// features, as dalek selects at run time.
#[must_use]
pub fn dalek_backend() -> String {
    let build = if cfg!(curve25519_dalek_backend = "avx512") {
        "avx512"
    } else if cfg!(curve25519_dalek_backend = "simd") {
        "simd"
    } else if cfg!(curve25519_dalek_backend = "serial") {
        "serial"
    } else if cfg!(curve25519_dalek_backend = "fiat") {
        "fiat"
    } else {
        "default"
    };
    let (ifma, avx2) = cpu_simd();
    let simd_build = cfg!(target_arch = "x86_64")
        && cfg!(target_pointer_width = "64")
        && matches!(build, "avx512" | "simd" | "default");
    let running = if build == "avx512" && ifma && simd_build {
        "AVX-512 IFMA"
    } else if build == "default"
        && cfg!(all(
            target_feature = "avx512ifma",
            target_feature = "avx512vl"
        ))
    {
        "AVX-512 IFMA (compile-time target features)"
    } else if simd_build && avx2 {
        "AVX2"
    } else if build == "fiat" {
        "fiat-crypto (serial)"
    } else {
        "serial"
    };
    format!(
        "{running} (build cfg curve25519_dalek_backend = {build}; CPU: avx512ifma+avx512vl {}, avx2 {})",
        yes_no(ifma),
        yes_no(avx2)
    )
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

#[cfg(target_arch = "x86_64")]
fn cpu_simd() -> (bool, bool) {
    (
        std::arch::is_x86_feature_detected!("avx512ifma")
            && std::arch::is_x86_feature_detected!("avx512vl"),
        std::arch::is_x86_feature_detected!("avx2"),
    )
}

#[cfg(not(target_arch = "x86_64"))]
fn cpu_simd() -> (bool, bool) {
    (false, false)
}

/// Now, UTC, as `YYYY-MM-DD HH:MM`.
#[must_use]
pub fn utc_now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    format_utc(secs)
}

/// Seconds since the Unix epoch as `YYYY-MM-DD HH:MM` (UTC, proleptic Gregorian).
#[must_use]
pub fn format_utc(secs: u64) -> String {
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rem = secs % 86_400;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}",
        rem / 3600,
        rem % 3600 / 60
    )
}

/// The whole `REPORT.md`.
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
    let _ = writeln!(
        s,
        "- peers built on curve25519-dalek 4 (`bulletproofs`, `monero-*`, `sphinx-packet`) \
         select AVX2 or serial at run time; dalek 4 has no run-time IFMA backend on stable Rust"
    );
    let _ = writeln!(s, "- measurements: {}", env.mode);
    let _ = writeln!(
        s,
        "- times are criterion medians; ratios are oxen time / other time (below 1: oxen-rs \
         is faster); `floor` is the unavoidable core of the operation\n"
    );
    s.push_str(&markdown_table(rows));
    s
}

/// One bar of the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// `operation vs other`.
    pub label: String,
    /// `oxen / other`.
    pub ratio: f64,
    /// Whether `other` is the floor (drawn grey) or a peer.
    pub is_floor: bool,
}

/// The bars of the chart: every ratio that exists, operation by operation.
#[must_use]
pub fn bars(rows: &[Row]) -> Vec<Bar> {
    let mut out = Vec::new();
    for row in rows {
        for (peer, _, r) in row.ratios_to_peers() {
            if let Some(ratio) = r.filter(|r| *r > 0.0) {
                out.push(Bar {
                    label: format!("{} vs {peer}", row.operation),
                    ratio,
                    is_floor: false,
                });
            }
        }
        if let Some(ratio) = row.ratio_to_floor().filter(|r| *r > 0.0) {
            out.push(Bar {
                label: format!("{} vs floor", row.operation),
                ratio,
                is_floor: true,
            });
        }
    }
    out
}

const ROW_H: u32 = 28;
const TOP: u32 = 78;
const BOTTOM: u32 = 56;
const LABEL_W: u32 = 420;
const WIDTH: u32 = 1200;
const RIGHT: u32 = 90;

/// Draws the bars as an SVG document: horizontal bars on a log axis, starting at ratio 1
/// (left of the line: oxen-rs faster), each labelled with its operation, peer and ratio.
///
/// # Errors
/// [`ReportError::Plot`] if plotters fails.
pub fn render_svg(bars: &[Bar], title: &str) -> Result<String, ReportError> {
    let n = u32::try_from(bars.len().max(1)).unwrap_or(u32::MAX / ROW_H);
    let height = TOP + BOTTOM + ROW_H * n;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        draw(&root, bars, title, height).map_err(|e| ReportError::Plot(e.to_string()))?;
        root.present()
            .map_err(|e| ReportError::Plot(e.to_string()))?;
    }
    Ok(svg)
}

type DrawResult = Result<(), DrawingAreaErrorKind<std::io::Error>>;

fn draw(
    root: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>,
    bars: &[Bar],
    title: &str,
    height: u32,
) -> DrawResult {
    root.fill(&WHITE)?;
    let x0 = i32::try_from(LABEL_W).unwrap_or(0);
    let x1 = i32::try_from(WIDTH - RIGHT).unwrap_or(0);
    let y_top = i32::try_from(TOP).unwrap_or(0);
    let y_bottom = i32::try_from(height - BOTTOM).unwrap_or(0);

    // Log axis covering every ratio and 1, extended to whole decades.
    let (mut lo, mut hi) = (0.0f64, 0.0f64);
    for b in bars {
        lo = lo.min(b.ratio.log10());
        hi = hi.max(b.ratio.log10());
    }
    let lo = (lo - 0.05).floor();
    let hi = (hi + 0.05).ceil().max(lo + 1.0);
    let px = |r: f64| -> i32 {
        let t = (r.log10() - lo) / (hi - lo);
        let p = f64::from(x0) + t * f64::from(x1 - x0);
        p.round() as i32
    };

    let title_style = ("sans-serif", 26).into_font().color(&BLACK);
    root.draw(&Text::new(title.to_owned(), (20, 14), title_style))?;
    let sub = ("sans-serif", 17).into_font().color(&RGBColor(80, 80, 80));
    root.draw(&Text::new(
        "ratio = oxen-rs time / other time (log scale). Left of 1: oxen-rs faster. Green/red: vs a peer crate; grey: vs the floor.".to_owned(),
        (20, 44),
        sub,
    ))?;

    // Zebra stripes behind every other row.
    let row_h = i32::try_from(ROW_H).unwrap_or(28);
    for i in (1..bars.len()).step_by(2) {
        let y = y_top + i32::try_from(i).unwrap_or(0) * row_h;
        root.draw(&Rectangle::new(
            [(10, y), (x1 + 80, y + row_h)],
            RGBColor(246, 246, 246).filled(),
        ))?;
    }

    // Grid: decades labelled, 2 and 5 between them faint.
    let tick_font = ("sans-serif", 16)
        .into_font()
        .color(&BLACK)
        .pos(Pos::new(HPos::Center, VPos::Top));
    let mut decade = lo;
    while decade <= hi + 1e-9 {
        for (m, major) in [(1.0, true), (2.0, false), (5.0, false)] {
            let r = m * 10f64.powf(decade);
            if r.log10() > hi + 1e-9 {
                continue;
            }
            let x = px(r);
            let color = if major {
                RGBColor(190, 190, 190)
            } else {
                RGBColor(230, 230, 230)
            };
            root.draw(&PathElement::new(vec![(x, y_top), (x, y_bottom)], color))?;
            if major || hi - lo <= 2.0 {
                root.draw(&Text::new(
                    tick_label(r),
                    (x, y_bottom + 6),
                    tick_font.clone(),
                ))?;
            }
        }
        decade += 1.0;
    }
    let one = px(1.0);
    root.draw(&PathElement::new(
        vec![(one, y_top - 6), (one, y_bottom + 2)],
        BLACK.stroke_width(2),
    ))?;
    let axis_font = ("sans-serif", 17)
        .into_font()
        .color(&BLACK)
        .pos(Pos::new(HPos::Center, VPos::Top));
    root.draw(&Text::new(
        "oxen-rs time / other time".to_owned(),
        ((x0 + x1) / 2, y_bottom + 28),
        axis_font,
    ))?;

    let label_font = ("sans-serif", 17)
        .into_font()
        .color(&BLACK)
        .pos(Pos::new(HPos::Right, VPos::Center));
    let value_right = ("sans-serif", 16)
        .into_font()
        .color(&BLACK)
        .pos(Pos::new(HPos::Left, VPos::Center));
    let value_left = ("sans-serif", 16)
        .into_font()
        .color(&BLACK)
        .pos(Pos::new(HPos::Right, VPos::Center));
    for (i, b) in bars.iter().enumerate() {
        let i = i32::try_from(i).unwrap_or(0);
        let y = y_top + i * row_h;
        let mid = y + row_h / 2;
        root.draw(&Text::new(
            b.label.clone(),
            (x0 - 10, mid),
            label_font.clone(),
        ))?;
        let end = px(b.ratio);
        let color = if b.is_floor {
            RGBColor(150, 150, 150)
        } else if b.ratio <= 1.0 {
            RGBColor(46, 139, 87)
        } else {
            RGBColor(205, 70, 60)
        };
        let (l, r) = if end < one {
            (end, one)
        } else {
            (one, end.max(one + 1))
        };
        root.draw(&Rectangle::new(
            [(l, y + 5), (r, y + row_h - 5)],
            color.filled(),
        ))?;
        let text = format_ratio(b.ratio);
        if end < one {
            root.draw(&Text::new(text, (l - 5, mid), value_left.clone()))?;
        } else {
            root.draw(&Text::new(text, (r + 5, mid), value_right.clone()))?;
        }
    }
    Ok(())
}

fn tick_label(r: f64) -> String {
    if r >= 1.0 {
        format!("{r:.0}×")
    } else {
        let s = format!("{r:.3}");
        format!("{}×", s.trim_end_matches('0'))
    }
}
