//! What a previous run left behind: criterion's estimates (without those this run did not
//! measure) and, from its log, the memory figures and each build's backend (`--no-run`).

use std::path::Path;

use super::criterion_data::{Measurement, read_criterion_dir, split_stale};
use super::run::{BACKEND_MARKER, Log};
use crate::harness::{AllocStats, parse_memory_line};

/// The estimates under `dir`, without those older than `since` (named in the log).
///
/// # Errors
/// A message when the directory cannot be read.
pub fn fresh(
    dir: &Path,
    since: Option<std::time::SystemTime>,
    log: &mut Log,
) -> Result<Vec<Measurement>, String> {
    let all = read_criterion_dir(dir).map_err(|e| e.to_string())?;
    let Some(since) = since else { return Ok(all) };
    let (fresh, stale) = split_stale(all, since);
    for m in &stale {
        log.line(&format!(
            "note: {}/{} ({}) was not measured in this run; left out",
            m.operation,
            m.implementation,
            dir.display()
        ));
    }
    Ok(fresh)
}

/// What a previous run's log says: the memory figures and the backend of each build.
#[derive(Default)]
pub struct LastRun {
    /// The memory figures by benchmark id.
    pub memory: Vec<(String, AllocStats)>,
    /// The main build's backend line.
    pub main_backend: Option<String>,
    /// The AVX2 build's backend line.
    pub avx2_backend: Option<String>,
}

/// The memory figures and backends a run logged to `path` (nothing when it cannot be read).
#[must_use]
pub fn from_log(path: &Path) -> LastRun {
    let mut last = LastRun::default();
    let Ok(text) = std::fs::read_to_string(path) else {
        return last;
    };
    let mut avx2_pass = false;
    for line in text.lines() {
        if line.contains("] criterion ") {
            avx2_pass = line.contains("AVX2 build");
        }
        if let Some(m) = parse_memory_line(line) {
            last.memory.push(m);
        } else if let Some(b) = line.strip_prefix(BACKEND_MARKER) {
            let slot = if avx2_pass {
                &mut last.avx2_backend
            } else {
                &mut last.main_backend
            };
            slot.get_or_insert_with(|| b.trim().to_owned());
        }
    }
    last
}
