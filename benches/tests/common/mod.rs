//! Paired results with known ratios, for the report tests.
#![allow(dead_code, missing_docs, clippy::unwrap_used)]

use oxen_benches::paired::{PairSpec, Rounds, Settings};
use oxen_benches::report::pairs::{Job, JobKind, Outcome, PairsReport, Proc, Split};

/// An outcome of `kind` for `spec` whose per-round ratios are `ratios` (b takes 1000 ns).
pub fn outcome(kind: JobKind, spec: &PairSpec, ratios: &[f64]) -> Outcome {
    let (pa, pb) = match kind {
        JobKind::Control | JobKind::Pair => (Proc::Main, Proc::Main),
        JobKind::CrossControl => (Proc::Main, Proc::MainTwin),
        JobKind::Backend => (Proc::Main, Proc::Other),
        JobKind::Code => (Proc::Other, Proc::Other),
    };
    let b_id = if kind == JobKind::Backend || kind == JobKind::CrossControl {
        spec.a_id()
    } else {
        spec.b_id()
    };
    let rounds = Rounds {
        iters_a: 7,
        iters_b: 9,
        a_ns: ratios.iter().map(|r| r * 1000.0).collect(),
        b_ns: vec![1000.0; ratios.len()],
        processes: Vec::new(),
    };
    Outcome {
        job: Job {
            kind,
            spec: spec.clone(),
            a: (pa, spec.a_id()),
            b: (pb, b_id),
        },
        summary: rounds.summary(),
        rounds: Some(rounds),
        error: None,
    }
}

/// 21 rounds all at `r`.
pub fn flat(r: f64) -> Vec<f64> {
    vec![r; 21]
}

/// 21 rounds alternating `1 - d` and `1 + d`: interval `[1 - d, 1 + d]`.
pub fn wobble(d: f64) -> Vec<f64> {
    (0..21)
        .map(|i| if i % 2 == 0 { 1.0 + d } else { 1.0 - d })
        .collect()
}

pub fn report(outcomes: Vec<Outcome>, split: Split) -> PairsReport {
    PairsReport {
        date: "2026-12-07 01:00".into(),
        cpu: "Test CPU (2 logical CPUs)".into(),
        settings: Settings::QUICK,
        main_backend: "AVX-512 IFMA (test)".into(),
        other_backend: (split == Split::Measured).then(|| "AVX2 (test)".to_owned()),
        split,
        outcomes,
        seconds: 125.0,
        other_cpus: Some(0.03),
    }
}
