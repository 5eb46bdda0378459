//! Building the bench binaries and running them with progress: which binary and benchmark is
//! running, how many are left and an ETA (an `indicatif` bar on a terminal, plain log lines
//! otherwise), every line of their output copied to a log file.

use std::io::{BufRead, BufReader, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

use crate::harness::{AllocStats, parse_memory_line};

pub use crate::harness::BACKEND_MARKER;

/// One build of the bench binaries.
#[derive(Debug, Clone)]
pub struct Build {
    /// Short name (`main`, `avx2`, `memory`).
    pub name: String,
    /// `CARGO_TARGET_DIR` of the build.
    pub target_dir: PathBuf,
    /// `RUSTFLAGS` (replacing `build.rustflags` of `.cargo/config.toml`), or None to keep it.
    pub rustflags: Option<String>,
    /// Cargo features of `oxen-benches` to enable.
    pub features: Vec<String>,
    /// The bench targets to build (empty: every one). Only `[[bench]]` targets are built, never
    /// the lib's and the `report` binary's own test harnesses.
    pub benches: Vec<String>,
}

/// A built bench binary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BenchExe {
    /// The bench target's name (`tx`).
    pub name: String,
    /// Its executable.
    pub path: PathBuf,
}

/// Builds every bench target of `oxen-benches` (`cargo bench --no-run`) and returns the
/// executables, in name order.
///
/// # Errors
/// A message when cargo cannot start or the build fails.
pub fn build(workspace: &Path, b: &Build, log: &mut Log) -> Result<Vec<BenchExe>, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(workspace)
        .env("CARGO_TARGET_DIR", &b.target_dir)
        .args([
            "bench",
            "-p",
            "oxen-benches",
            "--no-run",
            "--message-format=json-render-diagnostics",
        ]);
    if b.benches.is_empty() {
        cmd.args(["--bench", "*"]);
    }
    for name in &b.benches {
        cmd.args(["--bench", name]);
    }
    if !b.features.is_empty() {
        cmd.arg("--features").arg(b.features.join(","));
    }
    if let Some(flags) = &b.rustflags {
        cmd.env("RUSTFLAGS", flags);
    }
    log.line(&format!("build {}: {cmd:?}", b.name));
    let spinner = log.spinner(&format!("building the {} bench binaries", b.name));
    let out = cmd
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("could not start cargo: {e}"))?;
    spinner.finish_and_clear();
    if !out.status.success() {
        return Err(format!(
            "cargo bench --no-run ({}) failed: {}",
            b.name, out.status
        ));
    }
    let mut exes: Vec<BenchExe> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(bench_artifact)
        .collect();
    exes.sort_by(|a, b| a.name.cmp(&b.name));
    exes.dedup();
    log.line(&format!("build {}: {} bench binaries", b.name, exes.len()));
    Ok(exes)
}

/// A bench executable from one line of cargo's JSON messages.
#[must_use]
pub fn bench_artifact(line: &str) -> Option<BenchExe> {
    let v: serde_json::Value = serde_json::from_str(line).ok()?;
    if v.get("reason")?.as_str()? != "compiler-artifact" {
        return None;
    }
    let target = v.get("target")?;
    let is_bench = target
        .get("kind")?
        .as_array()?
        .iter()
        .any(|k| k.as_str() == Some("bench"));
    if !is_bench {
        return None;
    }
    Some(BenchExe {
        name: target.get("name")?.as_str()?.to_owned(),
        path: PathBuf::from(v.get("executable")?.as_str()?),
    })
}

/// One pass over bench binaries.
#[derive(Debug, Clone)]
pub struct Pass {
    /// Shown in the progress (`timing, main build`).
    pub title: String,
    /// The binaries to run.
    pub exes: Vec<BenchExe>,
    /// Criterion arguments after `--bench` (settings and an optional filter).
    pub args: Vec<String>,
    /// Where criterion writes its results (`CRITERION_HOME`).
    pub criterion_home: PathBuf,
}

/// What a pass printed that the report uses.
#[derive(Debug, Clone, Default)]
pub struct PassOutput {
    /// The backend line each binary printed (`oxen-backend ...`), by binary.
    pub backends: Vec<(String, String)>,
    /// Memory figures by benchmark id (memory builds only).
    pub memory: Vec<(String, AllocStats)>,
    /// Binaries that exited with an error.
    pub failed: Vec<String>,
}

/// The benchmark ids a criterion binary would run (its `--list`, with the filter).
#[must_use]
pub fn list(exe: &BenchExe, filter: Option<&str>) -> Vec<String> {
    let mut cmd = Command::new(&exe.path);
    cmd.args(["--bench", "--list"]);
    if let Some(f) = filter {
        cmd.arg(f);
    }
    cmd.output()
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .filter_map(|l| l.strip_suffix(": benchmark").map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// The benchmark id of a criterion progress line (`Benchmarking <id>: ...`).
#[must_use]
pub fn progress_id(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("Benchmarking ")?;
    Some(rest.split_once(": ").map_or(rest, |(id, _)| id).trim_end())
}

enum Out {
    Stdout(String),
    Stderr(String),
}

/// Runs every binary of `pass` in turn, showing progress, and collects what the report needs.
/// A binary that fails is named in the output and the log; the others still run.
pub fn run_pass(pass: &Pass, filter: Option<&str>, log: &mut Log) -> PassOutput {
    let lists: Vec<Vec<String>> = pass.exes.iter().map(|e| list(e, filter)).collect();
    let total: usize = lists.iter().map(Vec::len).sum();
    log.line(&format!(
        "{}: {total} benchmarks in {} binaries",
        pass.title,
        pass.exes.len()
    ));
    let bar = log.bar(total as u64, &pass.title);
    let started = Instant::now();
    let mut done = 0usize;
    let mut out = PassOutput::default();
    for (i, (exe, ids)) in pass.exes.iter().zip(&lists).enumerate() {
        if ids.is_empty() {
            continue;
        }
        let which = format!("{} ({}/{})", exe.name, i + 1, pass.exes.len());
        let mut cmd = Command::new(&exe.path);
        cmd.arg("--bench")
            .args(&pass.args)
            .env("CRITERION_HOME", &pass.criterion_home)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some(f) = filter {
            cmd.arg(f);
        }
        log.line(&format!("{}: run {which}: {cmd:?}", pass.title));
        let mut child = match cmd.spawn() {
            Ok(c) => c,
            Err(e) => {
                log.line(&format!("could not start {}: {e}", exe.path.display()));
                out.failed.push(exe.name.clone());
                continue;
            }
        };
        let (tx, rx) = mpsc::channel();
        let readers: Vec<_> = [
            child.stdout.take().map(|s| {
                let tx = tx.clone();
                std::thread::spawn(move || forward(s, &tx, Out::Stdout))
            }),
            child.stderr.take().map(|s| {
                let tx = tx.clone();
                std::thread::spawn(move || forward(s, &tx, Out::Stderr))
            }),
        ]
        .into_iter()
        .flatten()
        .collect();
        drop(tx);
        let mut current: Option<String> = None;
        let mut seen_in_binary = 0usize;
        for msg in rx {
            let line = match msg {
                Out::Stdout(l) => {
                    if let Some(m) = parse_memory_line(&l) {
                        out.memory.push(m);
                    }
                    l
                }
                Out::Stderr(l) => {
                    if let Some(rest) = l.strip_prefix(BACKEND_MARKER) {
                        out.backends
                            .push((exe.name.clone(), rest.trim().to_owned()));
                    }
                    if let Some(id) = progress_id(&l)
                        && current.as_deref() != Some(id)
                    {
                        if current.is_some() {
                            done += 1;
                            seen_in_binary += 1;
                        }
                        current = Some(id.to_owned());
                        log.progress(&bar, done, total, started, &format!("{which}: {id}"));
                    }
                    l
                }
            };
            log.raw(&line);
        }
        for r in readers {
            let _ = r.join();
        }
        if current.is_some() {
            done += 1;
            seen_in_binary += 1;
        }
        // Keep the count right when a binary ran fewer benchmarks than it listed.
        done += ids.len().saturating_sub(seen_in_binary);
        log.progress(&bar, done, total, started, &format!("{which}: finished"));
        match child.wait() {
            Ok(s) if s.success() => {}
            Ok(s) => {
                log.line(&format!("{}: {} exited with {s}", pass.title, exe.name));
                out.failed.push(exe.name.clone());
            }
            Err(e) => {
                log.line(&format!("{}: waiting for {}: {e}", pass.title, exe.name));
                out.failed.push(exe.name.clone());
            }
        }
    }
    bar.finish_and_clear();
    log.line(&format!(
        "{}: done in {}",
        pass.title,
        format_duration(started.elapsed())
    ));
    out
}

fn forward(r: impl std::io::Read, tx: &mpsc::Sender<Out>, wrap: fn(String) -> Out) {
    for line in BufReader::new(r).lines() {
        let Ok(line) = line else { break };
        // criterion rewrites its progress line with carriage returns on a terminal
        for part in line.split('\r').filter(|p| !p.is_empty()) {
            if tx.send(wrap(part.to_owned())).is_err() {
                return;
            }
        }
    }
}

/// `h:mm:ss`.
#[must_use]
pub fn format_duration(d: Duration) -> String {
    let s = d.as_secs();
    format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// The remaining time if the rest goes at the rate so far.
#[must_use]
pub fn eta(done: usize, total: usize, elapsed: Duration) -> Option<Duration> {
    if done == 0 || done > total {
        return None;
    }
    let per = elapsed.as_secs_f64() / f64::from(u32::try_from(done).unwrap_or(u32::MAX));
    let left = f64::from(u32::try_from(total - done).unwrap_or(u32::MAX));
    Some(Duration::from_secs_f64(per * left))
}

/// Where progress and output go: an `indicatif` bar when stderr is a terminal, plain progress
/// lines on stdout otherwise, and every line (the benches' own output too) in the log file.
pub struct Log {
    file: Option<std::fs::File>,
    terminal: bool,
}

impl Log {
    /// Logs to `path` (created; None: no file).
    #[must_use]
    pub fn new(path: Option<&Path>) -> Self {
        Log {
            file: path.and_then(|p| std::fs::File::create(p).ok()),
            terminal: std::io::stderr().is_terminal(),
        }
    }

    /// A line for the reader and the file.
    pub fn line(&mut self, s: &str) {
        let stamped = format!("[{}] {s}", super::environment::utc_now());
        if self.terminal {
            eprintln!("{stamped}");
        } else {
            println!("{stamped}");
        }
        self.raw(&stamped);
    }

    /// A line for the file only.
    pub fn raw(&mut self, s: &str) {
        if let Some(f) = &mut self.file {
            let _ = writeln!(f, "{s}");
        }
    }

    /// A progress bar of `len` steps on a terminal (hidden otherwise).
    #[must_use]
    pub fn bar(&self, len: u64, title: &str) -> ProgressBar {
        if !self.terminal {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::new(len);
        if let Ok(style) = ProgressStyle::with_template(
            "{prefix} [{elapsed_precise}] {wide_bar} {pos}/{len} ETA {eta_precise}\n  {msg}",
        ) {
            bar.set_style(style);
        }
        bar.set_prefix(title.to_owned());
        bar
    }

    fn spinner(&self, msg: &str) -> ProgressBar {
        if !self.terminal {
            return ProgressBar::hidden();
        }
        let s = ProgressBar::new_spinner();
        s.set_message(msg.to_owned());
        s.enable_steady_tick(Duration::from_millis(200));
        s
    }

    /// Progress: the bar's position and message on a terminal, a time-stamped line with the
    /// count, what is left, the elapsed time and the ETA otherwise.
    pub fn progress(
        &mut self,
        bar: &ProgressBar,
        done: usize,
        total: usize,
        started: Instant,
        msg: &str,
    ) {
        if self.terminal {
            bar.set_position(done as u64);
            bar.set_message(msg.to_owned());
            return;
        }
        let eta =
            eta(done, total, started.elapsed()).map_or_else(|| "?".to_owned(), format_duration);
        self.line(&format!(
            "[{done}/{total}, {} left, elapsed {}, ETA {eta}] {msg}",
            total.saturating_sub(done),
            format_duration(started.elapsed())
        ));
    }
}
