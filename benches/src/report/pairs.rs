//! The paired pass: which pairs run in which process (the plan), the backend-split rule, and
//! the results the report prints and saves (`pairs.json`).
//!
//! Processes: the main build's `pairs --serve` ([`Proc::Main`]) measures every registered
//! pair and the A/A control (first and last). Only when the backend split is measured (the
//! main build runs AVX-512 IFMA and the other build AVX2, see [`split_rule`]) do two more
//! processes start: the AVX2 build's ([`Proc::Other`]), where each `split` pair is measured
//! again (code against code, both on AVX2) and whose routine is paired round by round with the
//! main build's (the backend alone), and a second main-build process ([`Proc::MainTwin`]) for
//! the A/A control across processes, the noise floor of those cross-build ratios.

use serde::{Deserialize, Serialize};

use crate::paired::stats::{Verdict, noise};
use crate::paired::{PairSpec, Rounds, Settings, Summary};

/// A process of the paired pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Proc {
    /// The main build (AVX-512 IFMA where the CPU has it).
    Main,
    /// A second process of the main build (the A/A control across processes).
    MainTwin,
    /// The AVX2 build (`--cfg curve25519_dalek_backend="simd"`).
    Other,
}

/// What a job measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum JobKind {
    /// The A/A control in the main build (measured first and last).
    Control,
    /// A registered pair in the main build.
    Pair,
    /// The A/A control across two main-build processes.
    CrossControl,
    /// Our routine in the main build against the same routine in the AVX2 build.
    Backend,
    /// A `split` pair measured in the AVX2 build.
    Code,
}

/// One paired measurement to make.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Job {
    /// What it measures.
    pub kind: JobKind,
    /// The registered pair it comes from.
    pub spec: PairSpec,
    /// The numerator's process and benchmark.
    pub a: (Proc, String),
    /// The denominator's process and benchmark.
    pub b: (Proc, String),
}

impl Job {
    fn new(kind: JobKind, spec: &PairSpec, a: (Proc, String), b: (Proc, String)) -> Self {
        Job {
            kind,
            spec: spec.clone(),
            a,
            b,
        }
    }

    /// Whether the report spreads this job's rounds over fresh processes of the main build:
    /// a headline pair with both sides in the main build ([`crate::paired::Settings::processes`]).
    #[must_use]
    pub fn spreads(&self) -> bool {
        self.kind == JobKind::Pair
            && self.spec.headline
            && self.a.0 == Proc::Main
            && self.b.0 == Proc::Main
    }

    /// A short description for progress lines.
    #[must_use]
    pub fn label(&self) -> String {
        let side = |(p, b): &(Proc, String)| match p {
            Proc::Main => b.clone(),
            Proc::MainTwin => format!("{b} (2nd main process)"),
            Proc::Other => format!("{b} (AVX2 build)"),
        };
        format!("{} vs {}", side(&self.a), side(&self.b))
    }
}

/// Whether the backend split is measured, and why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Split {
    /// Measured: the main build runs IFMA, the other AVX2.
    Measured,
    /// Not measured, with the reason (one line in the report).
    NotMeasured(String),
}

/// Whether a backend line (`oxen-backend …`, [`crate::report::dalek_backend`]) says AVX-512
/// IFMA runs.
#[must_use]
pub fn runs_ifma(backend: &str) -> bool {
    backend.starts_with("AVX-512 IFMA")
}

/// Whether a backend line says AVX2 runs.
#[must_use]
pub fn runs_avx2(backend: &str) -> bool {
    backend.starts_with("AVX2")
}

/// The backend split rule: measured only when the main build runs AVX-512 IFMA and the other
/// build (None: not built) runs AVX2; otherwise the one line the report prints instead.
#[must_use]
pub fn split_rule(main: &str, other: Option<&str>) -> Split {
    if !runs_ifma(main) {
        return Split::NotMeasured(format!(
            "Backend split not measured: the main build runs {main}, not AVX-512 IFMA, so an \
             AVX2 build would run the same backend."
        ));
    }
    match other {
        None => Split::NotMeasured(
            "Backend split not measured: the AVX2 build was not run (--no-avx2).".to_owned(),
        ),
        Some(o) if !runs_avx2(o) => Split::NotMeasured(format!(
            "Backend split not measured: the other build runs {o}, not AVX2."
        )),
        Some(_) => Split::Measured,
    }
}

/// Which registered pairs a run measures.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Select {
    /// Only the headline pairs (`--pairs-only`).
    pub headline_only: bool,
    /// Only pairs whose `operation/a` or `operation/b` contains this text.
    pub filter: Option<String>,
}

impl Select {
    fn keeps(&self, p: &PairSpec) -> bool {
        (!self.headline_only || p.headline)
            && self
                .filter
                .as_deref()
                .is_none_or(|f| p.a_id().contains(f) || p.b_id().contains(f))
    }
}

/// The jobs of a run, in order: the A/A control, the selected pairs, then (when `split`) the
/// cross-process control, the backend ratios (once per distinct routine) and the code ratios,
/// and the A/A control again. The control always runs, whatever the selection.
#[must_use]
pub fn plan(specs: &[PairSpec], select: &Select, split: bool) -> Vec<Job> {
    let main = |b: String| (Proc::Main, b);
    let controls: Vec<&PairSpec> = specs.iter().filter(|p| p.control).collect();
    let chosen: Vec<&PairSpec> = specs
        .iter()
        .filter(|p| !p.control && select.keeps(p))
        .collect();
    let control_jobs: Vec<Job> = controls
        .iter()
        .map(|c| Job::new(JobKind::Control, c, main(c.a_id()), main(c.b_id())))
        .collect();
    let mut jobs = control_jobs.clone();
    for p in &chosen {
        jobs.push(Job::new(JobKind::Pair, p, main(p.a_id()), main(p.b_id())));
    }
    if split {
        for c in &controls {
            jobs.push(Job::new(
                JobKind::CrossControl,
                c,
                main(c.a_id()),
                (Proc::MainTwin, c.a_id()),
            ));
        }
        let mut seen = Vec::new();
        for p in chosen.iter().filter(|p| p.split) {
            if !seen.contains(&p.a_id()) {
                seen.push(p.a_id());
                jobs.push(Job::new(
                    JobKind::Backend,
                    p,
                    main(p.a_id()),
                    (Proc::Other, p.a_id()),
                ));
            }
        }
        for p in chosen.iter().filter(|p| p.split) {
            jobs.push(Job::new(
                JobKind::Code,
                p,
                (Proc::Other, p.a_id()),
                (Proc::Other, p.b_id()),
            ));
        }
    }
    jobs.extend(control_jobs);
    jobs
}

/// One job's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    /// The job.
    pub job: Job,
    /// Its rounds (None when it failed).
    pub rounds: Option<Rounds>,
    /// The ratio, its interval and both sides' times (None when it failed).
    pub summary: Option<Summary>,
    /// Why it failed.
    pub error: Option<String>,
}

/// Everything the paired pass measured, as saved in `pairs.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairsReport {
    /// When it ran (UTC, `YYYY-MM-DD HH:MM`).
    pub date: String,
    /// CPU model and logical CPUs.
    pub cpu: String,
    /// The rounds' settings.
    pub settings: Settings,
    /// The main build's backend line.
    pub main_backend: String,
    /// The AVX2 build's backend line, when that process ran.
    pub other_backend: Option<String>,
    /// Whether the backend split was measured.
    pub split: Split,
    /// The results, in plan order.
    pub outcomes: Vec<Outcome>,
    /// Wall time of the pass, seconds.
    pub seconds: f64,
    /// CPUs of other work on the machine while the pairs were measured ([`super::load`]);
    /// `None` where it could not be read (and in reports saved before it was recorded).
    #[serde(default)]
    pub other_cpus: Option<f64>,
}

impl PairsReport {
    fn widest(&self, kind: JobKind) -> Option<f64> {
        self.outcomes
            .iter()
            .filter(|o| o.job.kind == kind)
            .filter_map(|o| o.summary.map(|s| noise(&s.ratio)))
            .reduce(f64::max)
    }

    /// The machine's noise: the wider reach from 1 of the A/A control's intervals.
    #[must_use]
    pub fn noise(&self) -> Option<f64> {
        self.widest(JobKind::Control)
    }

    /// The noise across processes (the cross-process A/A control), when measured.
    #[must_use]
    pub fn cross_noise(&self) -> Option<f64> {
        self.widest(JobKind::CrossControl)
    }

    /// The verdict on an outcome: against the cross-process noise for a backend ratio, the
    /// machine's noise otherwise (None for the controls and failures, or without a control).
    #[must_use]
    pub fn verdict(&self, o: &Outcome) -> Option<Verdict> {
        let n = match o.job.kind {
            JobKind::Control | JobKind::CrossControl => return None,
            JobKind::Backend => self.cross_noise()?,
            JobKind::Pair | JobKind::Code => self.noise()?,
        };
        Some(Verdict::of(&o.summary?.ratio, n))
    }

    /// The outcome of a registered pair `operation: a vs b` of this kind.
    #[must_use]
    pub fn find(&self, kind: JobKind, operation: &str, a: &str, b: &str) -> Option<&Outcome> {
        self.outcomes.iter().find(|o| {
            o.job.kind == kind
                && o.job.spec.operation == operation
                && o.job.spec.a == a
                && o.job.spec.b == b
        })
    }

    /// Whether any job needs the AVX2 process or the second main process.
    #[must_use]
    pub fn uses(jobs: &[Job], p: Proc) -> bool {
        jobs.iter().any(|j| j.a.0 == p || j.b.0 == p)
    }
}
