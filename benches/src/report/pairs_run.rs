//! Running the paired pass: starting the serving `pairs` processes a plan needs, asking each
//! which backend it runs, measuring the jobs in order with progress and ETA, and collecting
//! the results.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Instant;

use super::environment::{cpu_model, utc_now};
use super::load::LoadProbe;
use super::pairs::{Job, Outcome, PairsReport, Proc, Select, Split, plan, runs_ifma, split_rule};
use super::run::Log;
use crate::paired::child::Served;
use crate::paired::{PairError, Rounds, Settings, Side, Timer, measure};

/// Measures `jobs` in order. `index` maps a process to its timer in `timers`; `spread` are
/// the timers of further fresh processes of the main build: a headline pair measured within
/// the main build has its rounds spread over the main process and those
/// ([`Settings::per_process`] each, [`Rounds::spread`]; none: one process). `progress` is
/// called before each job with its position. A job that fails is kept with its error and the
/// others still run.
pub fn run_jobs(
    jobs: &[Job],
    timers: &mut [&mut dyn Timer],
    index: &dyn Fn(Proc) -> Option<usize>,
    spread: &[usize],
    settings: &Settings,
    progress: &mut dyn FnMut(usize, &Job),
) -> Vec<Outcome> {
    let mut out = Vec::with_capacity(jobs.len());
    for (i, job) in jobs.iter().enumerate() {
        progress(i, job);
        let side = |(p, b): &(Proc, String)| {
            index(*p).map(|timer| Side {
                timer,
                bench: b.clone(),
            })
        };
        let result = match (side(&job.a), side(&job.b)) {
            (Some(a), Some(b)) if job.spreads() && !spread.is_empty() => {
                measure_spread(timers, &a, &b, spread, settings)
            }
            (Some(a), Some(b)) => measure(timers, &a, &b, settings),
            _ => Err(PairError::Io("that process is not running".to_owned())),
        };
        out.push(match result {
            Ok(rounds) => Outcome {
                job: job.clone(),
                summary: rounds.summary(),
                error: None,
                rounds: Some(rounds),
            },
            Err(e) => Outcome {
                job: job.clone(),
                rounds: None,
                summary: None,
                error: Some(e.to_string()),
            },
        });
    }
    out
}

/// One pair (both sides in the process of `a.timer`) measured in that process and then in each
/// of `spread`, a share of the rounds in each.
fn measure_spread(
    timers: &mut [&mut dyn Timer],
    a: &Side,
    b: &Side,
    spread: &[usize],
    settings: &Settings,
) -> Result<Rounds, PairError> {
    let per = Settings {
        processes: spread.len() + 1,
        ..*settings
    }
    .per_process();
    let mut parts = Vec::with_capacity(spread.len() + 1);
    for timer in std::iter::once(a.timer).chain(spread.iter().copied()) {
        let on = |s: &Side| Side {
            timer,
            bench: s.bench.clone(),
        };
        parts.push(measure(timers, &on(a), &on(b), &per)?);
    }
    Rounds::spread(parts).ok_or_else(|| PairError::Io("no process to measure in".to_owned()))
}

/// What the paired pass needs.
#[derive(Debug, Clone)]
pub struct PairsPass {
    /// The main build's `pairs` binary.
    pub main_exe: PathBuf,
    /// The AVX2 build's `pairs` binary, when that build exists.
    pub other_exe: Option<PathBuf>,
    /// Round settings.
    pub settings: Settings,
    /// Which pairs.
    pub select: Select,
    /// Where the processes' stderr goes (`pairs-<process>.stderr` in this directory).
    pub log_dir: PathBuf,
}

fn start(exe: &Path, label: &str, log_dir: &Path) -> Result<Served, String> {
    let file = std::fs::File::create(log_dir.join(format!("pairs-{label}.stderr")))
        .map_or_else(|_| Stdio::null(), Stdio::from);
    Served::spawn(exe, label, file).map_err(|e| format!("pairs ({label}): {e}"))
}

/// The backend line of a `pairs` binary (starts it, asks, ends it).
///
/// # Errors
/// A message when it cannot start or answer.
pub fn probe_backend(exe: &Path, log_dir: &Path) -> Result<String, String> {
    let mut p = start(exe, "probe", log_dir)?;
    p.conn().backend().map_err(|e| format!("pairs: {e}"))
}

/// The pairs a `pairs` binary registers (its `--list`).
///
/// # Errors
/// A message when it cannot run or prints no pair.
pub fn list_pairs(exe: &Path) -> Result<Vec<crate::paired::PairSpec>, String> {
    let out = std::process::Command::new(exe)
        .arg("--list")
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("{}: {e}", exe.display()))?;
    let specs: Vec<_> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| match crate::paired::protocol::Reply::parse(l) {
            Some(crate::paired::protocol::Reply::Pair(p)) => Some(p),
            _ => None,
        })
        .collect();
    if specs.is_empty() {
        return Err(format!("{}: no pairs listed", exe.display()));
    }
    Ok(specs)
}

/// Starts the processes, decides the backend split, plans and measures, logging progress.
///
/// # Errors
/// A message when the main process cannot start or list its pairs (a failing job is kept in
/// the report with its error instead).
pub fn run_pairs_pass(pass: &PairsPass, title: &str, log: &mut Log) -> Result<PairsReport, String> {
    let started = Instant::now();
    let date = utc_now();
    let mut main = start(&pass.main_exe, "main", &pass.log_dir)?;
    let main_backend = main.conn().backend().map_err(|e| e.to_string())?;
    let specs = main.conn().list().map_err(|e| e.to_string())?;
    let mut other = match (&pass.other_exe, runs_ifma(&main_backend)) {
        (Some(exe), true) => Some(start(exe, "avx2", &pass.log_dir)?),
        _ => None,
    };
    let other_backend = match other.as_mut() {
        Some(o) => Some(o.conn().backend().map_err(|e| e.to_string())?),
        None => None,
    };
    let split = split_rule(&main_backend, other_backend.as_deref());
    let jobs = plan(&specs, &pass.select, split == Split::Measured);
    let mut twin = if PairsReport::uses(&jobs, Proc::MainTwin) {
        Some(start(&pass.main_exe, "main2", &pass.log_dir)?)
    } else {
        None
    };
    let spread_needed = pass.settings.processes > 1 && jobs.iter().any(Job::spreads);
    let mut spread: Vec<Served> = Vec::new();
    if spread_needed {
        for k in 2..=pass.settings.processes {
            spread.push(start(&pass.main_exe, &format!("main-{k}"), &pass.log_dir)?);
        }
    }
    log.line(&format!(
        "{title}: {} paired measurements (about {} each); main build: {main_backend}{}",
        jobs.len(),
        super::run::format_duration(pass.settings.estimated_pair_time()),
        if spread.is_empty() {
            String::new()
        } else {
            format!(
                "; headline pairs spread over {} processes of it",
                spread.len() + 1
            )
        }
    ));
    if let Split::NotMeasured(why) = &split {
        log.line(why);
    }
    let total = jobs.len();
    let bar = log.bar(total as u64, title);
    let pids: Vec<u32> = [Some(&main), twin.as_ref(), other.as_ref()]
        .into_iter()
        .flatten()
        .chain(spread.iter())
        .map(Served::pid)
        .collect();
    let (outcomes, other_cpus) = {
        let mut timers: Vec<&mut dyn Timer> = vec![&mut main];
        let twin_at = twin.as_mut().map(|t| {
            timers.push(t);
            timers.len() - 1
        });
        let other_at = other.as_mut().map(|t| {
            timers.push(t);
            timers.len() - 1
        });
        let spread_at: Vec<usize> = spread
            .iter_mut()
            .map(|t| {
                timers.push(t);
                timers.len() - 1
            })
            .collect();
        let index = move |p: Proc| match p {
            Proc::Main => Some(0),
            Proc::MainTwin => twin_at,
            Proc::Other => other_at,
        };
        let t0 = Instant::now();
        let probe = LoadProbe::start(&pids);
        let outcomes = run_jobs(
            &jobs,
            &mut timers,
            &index,
            &spread_at,
            &pass.settings,
            &mut |i, job| {
                log.progress(&bar, i, total, t0, &format!("{title}: {}", job.label()));
            },
        );
        (outcomes, probe.other_cpus(&pids))
    };
    bar.finish_and_clear();
    for p in [Some(&mut main), twin.as_mut(), other.as_mut()]
        .into_iter()
        .flatten()
        .chain(spread.iter_mut())
    {
        let label = p.label.clone();
        for l in std::mem::take(&mut p.conn().stray) {
            log.raw(&format!("pairs ({label}): {l}"));
        }
    }
    for o in &outcomes {
        if let Some(e) = &o.error {
            log.line(&format!("warning: {} failed: {e}", o.job.label()));
        }
    }
    log.line(&format!(
        "{title}: done in {}; {}",
        super::run::format_duration(started.elapsed()),
        super::load::describe(other_cpus)
    ));
    Ok(PairsReport {
        date,
        cpu: format!(
            "{} ({} logical CPUs)",
            cpu_model(),
            std::thread::available_parallelism().map_or(1, usize::from)
        ),
        settings: pass.settings,
        main_backend,
        other_backend,
        split,
        outcomes,
        seconds: started.elapsed().as_secs_f64(),
        other_cpus,
    })
}
