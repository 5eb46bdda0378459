#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

use std::path::{Path, PathBuf};

pub mod case;
mod redaction;

pub use redaction::assert_debug_redacted;

pub use serde_json::Value;

/// What a file checker returns: the number of cases checked, or the failures (each should
/// name its case).
pub type CheckResult = Result<usize, Vec<String>>;

/// One row of a crate's table: a vector file, the fewest cases it must yield, its checker.
#[derive(Clone, Copy, Debug)]
pub struct Known<C> {
    /// File name inside the vector directory, e.g. `"ecdh.json"`.
    pub file: &'static str,
    /// Fewest cases the file must yield (at least 1).
    pub min_cases: usize,
    /// The checker, called with the parsed file.
    pub check: C,
}

/// A row: `known("ecdh.json", 52, amounts::ecdh)`.
#[must_use]
pub const fn known<C>(file: &'static str, min_cases: usize, check: C) -> Known<C> {
    Known {
        file,
        min_cases,
        check,
    }
}

/// Runs a checker that pushes its failures into a vector and returns its case count.
pub fn collect(f: impl FnOnce(&mut Vec<String>) -> usize) -> CheckResult {
    let mut failures = Vec::new();
    let n = f(&mut failures);
    if failures.is_empty() {
        Ok(n)
    } else {
        Err(failures)
    }
}

/// The outcome of one file found in the directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileOutcome {
    /// The checker ran: cases or failures.
    Checked(CheckResult),
    /// The file could not be read or is not JSON.
    Unreadable(String),
}

/// What [`evaluate`] concluded.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Lines to print (per-file counts, absent or short files in a subset directory).
    pub notes: Vec<String>,
    /// Everything that makes the test fail.
    pub failures: Vec<String>,
    /// Cases checked in all.
    pub total: usize,
}

/// The rules, without the file system: `found` are the `*.json` files present (name and
/// outcome, `None` for a file not in `table`), `strict` is true on the crate's own directory.
#[must_use]
pub fn evaluate(
    table: &[(&str, usize)],
    found: &[(String, Option<FileOutcome>)],
    strict: bool,
) -> Report {
    let mut r = Report::default();
    for (name, min) in table {
        if *min == 0 {
            r.failures
                .push(format!("{name}: table row with a minimum of 0 cases"));
        }
        if !found.iter().any(|(f, _)| f == name) {
            if strict {
                r.failures.push(format!(
                    "{name}: known vector file missing (expected at least {min} cases)"
                ));
            } else {
                r.notes.push(format!("{name}: absent from this directory"));
            }
        }
    }
    for (name, outcome) in found {
        let min = table.iter().find(|(f, _)| f == name).map(|(_, m)| *m);
        match (min, outcome) {
            (None, _) | (_, None) => r.failures.push(format!(
                "{name}: unknown vector file (add it to the table in tests/vectors.rs)"
            )),
            (Some(_), Some(FileOutcome::Unreadable(e))) => {
                r.failures.push(format!("{name}: unreadable: {e}"));
            }
            (Some(_), Some(FileOutcome::Checked(Err(fs)))) => {
                r.notes.push(format!("{name}: {} FAILED", fs.len()));
                r.failures.extend(fs.iter().map(|f| format!("{name}: {f}")));
            }
            (Some(min), Some(FileOutcome::Checked(Ok(n)))) => {
                r.notes.push(format!("{name}: {n} cases"));
                r.total += n;
                if *n < min {
                    let msg = format!("{name}: {n} cases, fewer than the known {min}");
                    if strict {
                        r.failures.push(msg);
                    } else {
                        r.notes.push(msg);
                    }
                }
            }
        }
    }
    if r.total == 0 {
        r.failures.push("no vector case ran".into());
    }
    r
}

/// The directory to read and whether it is the crate's own: `$OXEN_VECTORS_DIR` if set
/// (strict only if it is the same directory), else `<manifest_dir>/tests/vectors`.
#[must_use]
pub fn vector_dir(manifest_dir: &str) -> (PathBuf, bool) {
    let own = Path::new(manifest_dir).join("tests").join("vectors");
    match std::env::var_os("OXEN_VECTORS_DIR") {
        None => (own, true),
        Some(d) => {
            let d = PathBuf::from(d);
            let same = match (d.canonicalize(), own.canonicalize()) {
                (Ok(a), Ok(b)) => a == b,
                _ => false,
            };
            (d, same)
        }
    }
}

/// Reads every `*.json` of the vector directory (see [`vector_dir`]), runs each known file's
/// checker through `run`, prints the report and panics (failing the test) on any failure.
///
/// # Panics
/// On any failure of [`evaluate`]'s rules, naming the files, or if the directory is unreadable.
#[allow(clippy::panic)]
pub fn run_vector_dir<C>(
    manifest_dir: &str,
    table: &[Known<C>],
    mut run: impl FnMut(&str, &C, &Value) -> CheckResult,
) {
    let (dir, strict) = vector_dir(manifest_dir);
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect(),
        Err(e) => panic!("cannot read vector directory {}: {e}", dir.display()),
    };
    paths.sort();
    let mut found = Vec::with_capacity(paths.len());
    for path in &paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let outcome =
            table.iter().find(|k| k.file == name).map(|k| {
                match std::fs::read_to_string(path)
                    .map_err(|e| e.to_string())
                    .and_then(|t| serde_json::from_str::<Value>(&t).map_err(|e| e.to_string()))
                {
                    Ok(v) => FileOutcome::Checked(run(&name, &k.check, &v)),
                    Err(e) => FileOutcome::Unreadable(e),
                }
            });
        found.push((name, outcome));
    }
    let rows: Vec<(&str, usize)> = table.iter().map(|k| (k.file, k.min_cases)).collect();
    let report = evaluate(&rows, &found, strict);
    println!(
        "vector directory {} ({})",
        dir.display(),
        if strict {
            "the crate's own: every known file required"
        } else {
            "OXEN_VECTORS_DIR subset: absent files allowed"
        }
    );
    for n in &report.notes {
        println!("{n}");
    }
    println!("{} cases in all", report.total);
    assert!(
        report.failures.is_empty(),
        "{} vector failures in {}:\n{}",
        report.failures.len(),
        dir.display(),
        report.failures.join("\n")
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &[(&str, usize)] = &[("a.json", 3), ("b.json", 2)];

    fn ok(name: &str, n: usize) -> (String, Option<FileOutcome>) {
        (name.into(), Some(FileOutcome::Checked(Ok(n))))
    }

    #[test]
    fn complete_directory_passes() {
        let r = evaluate(TABLE, &[ok("a.json", 3), ok("b.json", 5)], true);
        assert!(r.failures.is_empty(), "{:?}", r.failures);
        assert_eq!(r.total, 8);
    }

    #[test]
    fn missing_file_fails_strict_and_is_named() {
        let r = evaluate(TABLE, &[ok("a.json", 3)], true);
        assert_eq!(r.failures.len(), 1);
        assert!(r.failures[0].starts_with("b.json: known vector file missing"));
    }

    #[test]
    fn short_file_fails_strict_only() {
        let r = evaluate(TABLE, &[ok("a.json", 2), ok("b.json", 2)], true);
        assert_eq!(r.failures, ["a.json: 2 cases, fewer than the known 3"]);
        let r = evaluate(TABLE, &[ok("a.json", 2), ok("b.json", 2)], false);
        assert!(r.failures.is_empty());
        assert!(r.notes.iter().any(|n| n.contains("fewer than the known 3")));
    }

    #[test]
    fn subset_prints_absent_files() {
        let r = evaluate(TABLE, &[ok("b.json", 2)], false);
        assert!(r.failures.is_empty());
        assert!(
            r.notes
                .contains(&"a.json: absent from this directory".to_string())
        );
    }

    #[test]
    fn zero_total_fails_even_in_a_subset() {
        let r = evaluate(TABLE, &[], false);
        assert_eq!(r.failures, ["no vector case ran"]);
        let r = evaluate(TABLE, &[ok("a.json", 0)], false);
        assert!(r.failures.contains(&"no vector case ran".to_string()));
    }

    #[test]
    fn unknown_unreadable_and_failed_files_fail() {
        let found = [
            ok("a.json", 3),
            ok("b.json", 2),
            ("c.json".to_string(), None),
            (
                "a.json".to_string(),
                Some(FileOutcome::Unreadable("bad".into())),
            ),
            (
                "b.json".to_string(),
                Some(FileOutcome::Checked(Err(vec!["case 1".into()]))),
            ),
        ];
        let r = evaluate(TABLE, &found, false);
        assert_eq!(
            r.failures,
            [
                "c.json: unknown vector file (add it to the table in tests/vectors.rs)",
                "a.json: unreadable: bad",
                "b.json: case 1"
            ]
        );
        assert!(
            evaluate(&[("z.json", 0)], &[ok("z.json", 1)], true)
                .failures
                .iter()
                .any(|f| f.contains("minimum of 0"))
        );
    }

    #[test]
    fn collect_splits_failures() {
        assert_eq!(collect(|_| 4), Ok(4));
        assert_eq!(
            collect(|f| {
                f.push("x".into());
                4
            }),
            Err(vec!["x".to_string()])
        );
    }
}
