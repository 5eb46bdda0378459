//! Headline pairs spread over several processes: the two-level bootstrap, the spread rounds'
//! summary, the per-process settings, and `run_jobs` sending a headline pair's rounds to every
//! process while everything else stays in one.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use oxen_benches::paired::stats::{BOOTSTRAP_SEED, bootstrap_mean_of_medians};
use oxen_benches::paired::{PairError, PairSpec, Rounds, Settings, Timer};
use oxen_benches::report::pairs::{Job, JobKind, Proc};
use oxen_benches::report::pairs_run::run_jobs;

#[test]
fn mean_of_medians_and_its_interval() {
    let fast = [1.0; 9];
    let slow = [1.1; 9];
    let iv = bootstrap_mean_of_medians(&[&fast, &slow], 2000, BOOTSTRAP_SEED).unwrap();
    assert!((iv.estimate - 1.05).abs() < 1e-12, "{iv:?}");
    assert!(iv.low >= 1.0 && iv.high <= 1.1 && iv.low < iv.estimate && iv.estimate < iv.high);
    // The same groups, the same interval.
    assert_eq!(
        bootstrap_mean_of_medians(&[&fast, &slow], 2000, BOOTSTRAP_SEED),
        Some(iv)
    );
    // Each group's median, not the pooled one: 3 fast processes and 5 slow give 1.0625,
    // where the median of the pooled rounds would be 1.1.
    let mut groups: Vec<&[f64]> = vec![&fast; 3];
    groups.extend(vec![&slow[..]; 5]);
    let iv = bootstrap_mean_of_medians(&groups, 500, 1).unwrap();
    assert!((iv.estimate - 1.0625).abs() < 1e-12, "{iv:?}");
    let empty: [f64; 0] = [];
    assert_eq!(bootstrap_mean_of_medians(&[], 10, 1), None);
    assert_eq!(bootstrap_mean_of_medians(&[&fast, &empty], 10, 1), None);
    assert_eq!(
        bootstrap_mean_of_medians(&[&fast, &[f64::NAN]], 10, 1),
        None
    );
    assert_eq!(bootstrap_mean_of_medians(&[&fast], 0, 1), None);
}

fn rounds(ratio: f64, n: usize) -> Rounds {
    Rounds {
        iters_a: 3,
        iters_b: 5,
        a_ns: vec![ratio * 100.0; n],
        b_ns: vec![100.0; n],
        processes: Vec::new(),
    }
}

#[test]
fn spread_rounds_keep_their_split_and_summarise_per_process() {
    let r = Rounds::spread(vec![rounds(2.0, 4), rounds(2.2, 4), rounds(2.2, 4)]).unwrap();
    assert_eq!(r.processes, [4, 4, 4]);
    assert_eq!((r.a_ns.len(), r.iters_a, r.iters_b), (12, 3, 5));
    let s = r.summary().unwrap();
    assert!((s.ratio.estimate - 6.4 / 3.0).abs() < 1e-9, "{s:?}");
    assert_eq!(s.rounds, 12);
    // One process: the plain median, as before.
    assert_eq!(rounds(2.0, 5).summary().unwrap().ratio.estimate, 2.0);
    // A split that does not add up is refused, not summarised wrongly.
    let mut bad = r.clone();
    bad.processes = vec![4, 4];
    assert_eq!(bad.summary(), None);
    bad.processes = vec![4, 4, 5];
    assert_eq!(bad.summary(), None);
    assert_eq!(Rounds::spread(Vec::new()), None);
    // Saved rounds of one process carry no split, and read back without one.
    let json = serde_json::to_string(&rounds(1.0, 2)).unwrap();
    assert!(!json.contains("processes"), "{json}");
    let back: Rounds = serde_json::from_str(&json).unwrap();
    assert!(back.processes.is_empty());
}

#[test]
fn per_process_settings_share_the_rounds_and_the_budget() {
    let s = Settings::QUICK;
    assert_eq!(s.processes, 8);
    let p = s.per_process();
    assert_eq!(
        (p.max_rounds, p.min_rounds, p.pair_budget, p.processes),
        (8, 3, Duration::from_millis(625), 1)
    );
    assert_eq!(
        (p.side_target, p.warmup_rounds, p.seed),
        (s.side_target, s.warmup_rounds, s.seed)
    );
    // Settings saved before the field existed read as one process.
    let mut v = serde_json::to_value(s).unwrap();
    v.as_object_mut().unwrap().remove("processes");
    let old: Settings = serde_json::from_value(v).unwrap();
    assert_eq!(old.processes, 1);
    assert_eq!(old.per_process().max_rounds, s.max_rounds);
}

/// A process where `op/oxen` costs 100 ns and `op/peer` `peer` ns per iteration.
struct Proc1 {
    peer: f64,
    calls: Rc<RefCell<usize>>,
}

impl Timer for Proc1 {
    fn time(&mut self, bench: &str, iters: u64) -> Result<f64, PairError> {
        *self.calls.borrow_mut() += 1;
        #[allow(clippy::cast_precision_loss)]
        let n = iters as f64;
        match bench {
            "op/oxen" | "other/oxen" => Ok(100.0 * n),
            "op/peer" | "other/peer" => Ok(self.peer * n),
            _ => Err(PairError::UnknownBenchmark(bench.to_owned())),
        }
    }
}

fn job(op: &str, headline: bool) -> Job {
    let mut spec = PairSpec::new(op, "oxen", "peer");
    if headline {
        spec = spec.headline();
    }
    Job {
        kind: JobKind::Pair,
        a: (Proc::Main, spec.a_id()),
        b: (Proc::Main, spec.b_id()),
        spec,
    }
}

#[test]
fn run_jobs_spreads_headline_pairs_only() {
    let calls: Vec<Rc<RefCell<usize>>> = (0..4).map(|_| Rc::new(RefCell::new(0))).collect();
    // The peer runs 200 ns in the main process and in one fresh process, 250 ns in two others.
    let mut procs: Vec<Proc1> = [200.0, 200.0, 250.0, 250.0]
        .iter()
        .zip(&calls)
        .map(|(&peer, c)| Proc1 {
            peer,
            calls: Rc::clone(c),
        })
        .collect();
    let mut timers: Vec<&mut dyn Timer> = procs.iter_mut().map(|p| p as &mut dyn Timer).collect();
    let index = |p: Proc| (p == Proc::Main).then_some(0);
    let jobs = [job("op", true), job("other", false)];
    let out = run_jobs(
        &jobs,
        &mut timers,
        &index,
        &[1, 2, 3],
        &Settings::QUICK,
        &mut |_, _| {},
    );
    let spread = out[0].rounds.as_ref().unwrap();
    assert_eq!(spread.processes.len(), 4);
    let ratio = out[0].summary.unwrap().ratio.estimate;
    // Mean of 0.5, 0.5, 0.4, 0.4.
    assert!((ratio - 0.45).abs() < 1e-9, "{ratio}");
    // The non-headline pair stayed in the main process.
    let other = out[1].rounds.as_ref().unwrap();
    assert!(other.processes.is_empty());
    assert_eq!(out[1].summary.unwrap().ratio.estimate, 0.5);
    // Every fresh process was used, and only for the headline pair.
    let before: Vec<usize> = calls.iter().map(|c| *c.borrow()).collect();
    assert!(before.iter().all(|&n| n > 0), "{before:?}");
    // Without fresh processes (a standalone run) the headline pair stays in one process too.
    let out = run_jobs(
        &jobs[..1],
        &mut timers,
        &index,
        &[],
        &Settings::QUICK,
        &mut |_, _| {},
    );
    assert!(out[0].rounds.as_ref().unwrap().processes.is_empty());
    assert_eq!(out[0].summary.unwrap().ratio.estimate, 0.5);
    let after: Vec<usize> = calls.iter().map(|c| *c.borrow()).collect();
    assert_eq!(&after[1..], &before[1..]);
}

#[test]
fn the_pairs_text_says_when_headline_pairs_were_spread() {
    use oxen_benches::report::pairs::{Outcome, PairsReport, Split};
    use oxen_benches::report::pairs_md::markdown_pairs;
    let spread = Rounds::spread(vec![rounds(0.5, 4), rounds(0.4, 4)]).unwrap();
    let outcome = |r: Rounds| Outcome {
        job: job("op", true),
        summary: r.summary(),
        rounds: Some(r),
        error: None,
    };
    let report = |r: Rounds| PairsReport {
        date: "2026-12-07 09:00".into(),
        cpu: "Test CPU".into(),
        settings: Settings::QUICK,
        main_backend: "AVX-512 IFMA (test)".into(),
        other_backend: None,
        split: Split::NotMeasured("not measured (test)".into()),
        outcomes: vec![outcome(r)],
        seconds: 1.0,
        other_cpus: Some(0.0),
    };
    let md = markdown_pairs(&report(spread));
    assert!(md.contains("spread over 2 fresh processes"), "{md}");
    assert!(!markdown_pairs(&report(rounds(0.5, 8))).contains("spread over"));
}
