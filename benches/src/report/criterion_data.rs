//! Reading criterion's output: `benchmark.json` ids and `estimates.json` medians under a
//! criterion directory, split into operation and implementation.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::ReportError;

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
