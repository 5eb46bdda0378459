//! The report's third-generation pieces: the backend-split rule and its override, the plan
//! (which pair runs in which process), the paired tables with the A/A marking, the backend
//! split table or its one line, two runs side by side, `pairs.json`, the command line and the
//! duration estimate.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;
use std::time::Duration;

use oxen_benches::paired::PairSpec;
use oxen_benches::paired::stats::Verdict;
use oxen_benches::report::duration::Work;
use oxen_benches::report::environment::{BACKEND_OVERRIDE_ENV, detected_backend, with_override};
use oxen_benches::report::options::{Parsed, parse};
use oxen_benches::report::pairs::{
    JobKind, PairsReport, Proc, Select, Split, plan, runs_avx2, runs_ifma, split_rule,
};
use oxen_benches::report::pairs_md::{
    markdown_compare, markdown_pairs, markdown_split, ratio_cell,
};

mod common;
use common::{flat, outcome, report, wobble};

const IFMA: &str = "AVX-512 IFMA (build cfg curve25519_dalek_backend = avx512; CPU: avx512ifma+avx512vl yes, avx2 yes)";
const AVX2_ON_IFMA_CPU: &str =
    "AVX2 (build cfg curve25519_dalek_backend = simd; CPU: avx512ifma+avx512vl yes, avx2 yes)";
const AVX2_CPU: &str =
    "AVX2 (build cfg curve25519_dalek_backend = avx512; CPU: avx512ifma+avx512vl no, avx2 yes)";

#[test]
fn the_backend_split_needs_ifma_against_avx2() {
    assert_eq!(split_rule(IFMA, Some(AVX2_ON_IFMA_CPU)), Split::Measured);
    // The researcher's machine: the main build falls back to AVX2; whatever the other build
    // runs, the split is one line.
    for other in [None, Some(AVX2_CPU)] {
        let Split::NotMeasured(why) = split_rule(AVX2_CPU, other) else {
            panic!("measured on an AVX2-only machine");
        };
        assert!(why.contains("not AVX-512 IFMA"), "{why}");
        assert_eq!(why.lines().count(), 1);
    }
    let Split::NotMeasured(why) = split_rule(IFMA, None) else {
        panic!()
    };
    assert!(why.contains("--no-avx2"), "{why}");
    let Split::NotMeasured(why) = split_rule(IFMA, Some("serial (build cfg …)")) else {
        panic!()
    };
    assert!(why.contains("runs serial"), "{why}");
    // Two IFMA builds are not a split either.
    assert!(matches!(
        split_rule(IFMA, Some(IFMA)),
        Split::NotMeasured(_)
    ));
    assert!(runs_ifma(IFMA) && !runs_ifma(AVX2_CPU) && runs_avx2(AVX2_CPU) && !runs_avx2(IFMA));
}

#[test]
fn the_override_turns_this_machine_into_the_researchers() {
    // OXEN_BENCH_BACKEND=AVX2 on an IFMA machine: the line starts with the override, so the
    // rule does not measure the split, and it says it was overridden.
    let line = with_override(IFMA.to_owned(), Some("AVX2"));
    assert!(line.starts_with("AVX2 (overridden by OXEN_BENCH_BACKEND; detected: AVX-512 IFMA"));
    assert!(matches!(
        split_rule(&line, Some(AVX2_ON_IFMA_CPU)),
        Split::NotMeasured(_)
    ));
    assert_eq!(with_override(IFMA.to_owned(), None), IFMA);
    assert_eq!(with_override(IFMA.to_owned(), Some("  ")), IFMA);
    assert_eq!(BACKEND_OVERRIDE_ENV, "OXEN_BENCH_BACKEND");
    // What this build detects names the cfg and the CPU.
    assert!(detected_backend().contains("build cfg"));
}

fn specs() -> Vec<PairSpec> {
    vec![
        PairSpec::control("v", "oxen"),
        PairSpec::new("v", "oxen", "peer").headline().split(),
        PairSpec::new("v", "oxen", "floor").headline(),
        PairSpec::new("v", "oxen", "other-peer").split(),
        PairSpec::new("s", "oxen", "peer").split(),
    ]
}

fn kinds(jobs: &[oxen_benches::report::pairs::Job]) -> Vec<(JobKind, String, String)> {
    jobs.iter()
        .map(|j| {
            let side = |(p, b): &(Proc, String)| format!("{p:?}:{b}");
            (j.kind, side(&j.a), side(&j.b))
        })
        .collect()
}

#[test]
fn plans_without_and_with_the_split() {
    let headline = Select {
        headline_only: true,
        filter: None,
    };
    let s = |a: &str, b: &str| (a.to_owned(), b.to_owned());
    let jobs = plan(&specs(), &headline, false);
    let k = kinds(&jobs);
    assert_eq!(
        k,
        [
            (
                JobKind::Control,
                s("Main:v/oxen", "Main:v/oxen").0,
                s("", "Main:v/oxen").1
            ),
            (JobKind::Pair, "Main:v/oxen".into(), "Main:v/peer".into()),
            (JobKind::Pair, "Main:v/oxen".into(), "Main:v/floor".into()),
            (JobKind::Control, "Main:v/oxen".into(), "Main:v/oxen".into()),
        ]
    );
    assert!(!PairsReport::uses(&jobs, Proc::Other) && !PairsReport::uses(&jobs, Proc::MainTwin));

    // Everything, with the split: the backend ratio once per routine, the code ratio per pair.
    let jobs = plan(&specs(), &Select::default(), true);
    let k = kinds(&jobs);
    let expect = [
        (JobKind::Control, "Main:v/oxen", "Main:v/oxen"),
        (JobKind::Pair, "Main:v/oxen", "Main:v/peer"),
        (JobKind::Pair, "Main:v/oxen", "Main:v/floor"),
        (JobKind::Pair, "Main:v/oxen", "Main:v/other-peer"),
        (JobKind::Pair, "Main:s/oxen", "Main:s/peer"),
        (JobKind::CrossControl, "Main:v/oxen", "MainTwin:v/oxen"),
        (JobKind::Backend, "Main:v/oxen", "Other:v/oxen"),
        (JobKind::Backend, "Main:s/oxen", "Other:s/oxen"),
        (JobKind::Code, "Other:v/oxen", "Other:v/peer"),
        (JobKind::Code, "Other:v/oxen", "Other:v/other-peer"),
        (JobKind::Code, "Other:s/oxen", "Other:s/peer"),
        (JobKind::Control, "Main:v/oxen", "Main:v/oxen"),
    ];
    let expect: Vec<(JobKind, String, String)> = expect
        .iter()
        .map(|(k, a, b)| (*k, (*a).to_owned(), (*b).to_owned()))
        .collect();
    assert_eq!(k, expect);
    assert!(PairsReport::uses(&jobs, Proc::Other) && PairsReport::uses(&jobs, Proc::MainTwin));

    // A filter narrows the pairs, never the control.
    let only_s = Select {
        headline_only: false,
        filter: Some("s/".into()),
    };
    let k = kinds(&plan(&specs(), &only_s, false));
    assert_eq!(k.len(), 3);
    assert_eq!(k[1].1, "Main:s/oxen");
    assert_eq!(k[0].0, JobKind::Control);
}

/// A report with the A/A control at ±1%, a clear ratio, one within the noise, and (when
/// `split`) the cross-process control at ±2%, a backend ratio and a code ratio.
fn sample(split: bool) -> PairsReport {
    let c = PairSpec::control("clsag_verify_10", "oxen");
    let peer = PairSpec::new("clsag_verify_10", "oxen", "monero-clsag")
        .headline()
        .split();
    let floor = PairSpec::new("clsag_verify_10", "oxen", "floor").headline();
    let other = PairSpec::new("x25519_dh", "oxen", "x25519-dalek").split();
    let mut o = vec![
        outcome(JobKind::Control, &c, &wobble(0.01)),
        outcome(JobKind::Pair, &peer, &flat(0.32)),
        outcome(JobKind::Pair, &floor, &wobble(0.008)),
        outcome(JobKind::Pair, &other, &flat(0.45)),
    ];
    if split {
        o.push(outcome(JobKind::CrossControl, &c, &wobble(0.02)));
        o.push(outcome(JobKind::Backend, &peer, &flat(0.64)));
        o.push(outcome(JobKind::Code, &peer, &flat(0.5)));
    }
    o.push(outcome(JobKind::Control, &c, &wobble(0.005)));
    let split = if split {
        Split::Measured
    } else {
        Split::NotMeasured("Backend split not measured: the main build runs AVX2 (test).".into())
    };
    report(o, split)
}

#[test]
fn the_a_a_control_sets_the_noise_and_marks_what_it_covers() {
    let r = sample(true);
    // The wider of the two controls.
    assert!((r.noise().unwrap() - 0.01).abs() < 1e-12);
    assert!((r.cross_noise().unwrap() - 0.02).abs() < 1e-12);
    let v = |i: usize| r.verdict(&r.outcomes[i]);
    assert_eq!(v(0), None);
    assert_eq!(v(1), Some(Verdict::Faster));
    assert_eq!(v(2), Some(Verdict::NoMeasurableDifference));
    assert_eq!(
        ratio_cell(&r, Some(&r.outcomes[2])),
        "1.01× [0.992, 1.01] ≈"
    );
    assert_eq!(
        ratio_cell(&r, Some(&r.outcomes[1])),
        "0.320× [0.320, 0.320]"
    );
    assert_eq!(ratio_cell(&r, None), "—");
    // Without a control there is no verdict, and the table says so.
    let mut bare = sample(false);
    bare.outcomes.retain(|o| o.job.kind != JobKind::Control);
    assert_eq!(bare.verdict(&bare.outcomes[0]), None);
    assert!(markdown_pairs(&bare).contains("A/A control: not measured"));
}

#[test]
fn the_paired_tables() {
    let md = markdown_pairs(&sample(false));
    for expected in [
        "- A/A control (first and last): noise ±1.0%; a ratio whose interval overlaps 1 ±1.0% is \"no measurable difference\" (≈ in the tables)",
        "| clsag_verify_10 | oxen vs itself (A/A control) | 1.01× | [0.990, 1.01] | noise ±1.0% | 21 × (7, 9) | 1.01 µs | 1.00 µs |",
        "| clsag_verify_10 | oxen vs monero-clsag | 0.320× | [0.320, 0.320] | faster | 21 × (7, 9) | 320 ns | 1.00 µs |",
        "| clsag_verify_10 | oxen vs floor | 1.01× | [0.992, 1.01] | no measurable difference | 21 × (7, 9) | 1.01 µs | 1.00 µs |",
        "| clsag_verify_10 | oxen vs itself (A/A control) | 1.00× | [0.995, 1.00] | noise ±0.5% | 21 × (7, 9) | 1.00 µs | 1.00 µs |",
        "### Other paired ratios",
        "| x25519_dh | oxen vs x25519-dalek | 0.450× | [0.450, 0.450] | faster | 21 × (7, 9) | 450 ns | 1.00 µs |",
        "Backend split not measured: the main build runs AVX2 (test).",
    ] {
        assert!(
            md.lines().any(|l| l == expected),
            "missing {expected:?} in\n{md}"
        );
    }
    // The headline table holds the controls and the headline pairs only.
    let headline = &md[md.find("### Headline").unwrap()..md.find("### Other").unwrap()];
    assert_eq!(headline.matches("| clsag_verify_10 |").count(), 4);
    assert!(!headline.contains("x25519"));
    // A failed pair is shown as failed.
    let mut r = sample(false);
    r.outcomes[1].summary = None;
    r.outcomes[1].error = Some("pairs process reported: boom".into());
    assert!(markdown_pairs(&r).contains(
        "| clsag_verify_10 | oxen vs monero-clsag | — | — | failed: pairs process reported: boom | — | — | — |"
    ));
}

#[test]
fn the_backend_split_table_only_where_two_backends_ran() {
    let not = markdown_split(&sample(false));
    assert_eq!(
        not,
        "Backend split not measured: the main build runs AVX2 (test).\n"
    );
    let md = markdown_split(&sample(true));
    for expected in [
        "| clsag_verify_10 | A/A across processes | — | 1.02× [0.980, 1.02] | — |",
        "| clsag_verify_10 | oxen vs monero-clsag | 0.320× [0.320, 0.320] | 0.640× [0.640, 0.640] | 0.500× [0.500, 0.500] |",
    ] {
        assert!(
            md.lines().any(|l| l == expected),
            "missing {expected:?} in\n{md}"
        );
    }
    // x25519 has no backend or code measurement in this sample: no line.
    assert!(!md.contains("x25519"));
}

#[test]
fn two_runs_side_by_side() {
    let a = sample(false);
    let mut b = sample(false);
    // Run 2: the peer ratio 3% higher (fine), the floor ratio 8% higher (outside ±5%),
    // the first control wider than 0.95-1.05.
    b.outcomes[1] = outcome(JobKind::Pair, &a.outcomes[1].job.spec, &flat(0.32 * 1.03));
    b.outcomes[2] = outcome(JobKind::Pair, &a.outcomes[2].job.spec, &flat(1.0 * 1.08));
    b.outcomes[0] = outcome(JobKind::Control, &a.outcomes[0].job.spec, &wobble(0.06));
    let md = markdown_compare(&[a, b]);
    for expected in [
        "| operation | a vs b | headline | run 1 | run 2 | largest change from run 1 | check |",
        "| clsag_verify_10 | oxen vs monero-clsag | yes | 0.320× [0.320, 0.320] | 0.330× [0.330, 0.330] | +3.0% | within ±5% |",
        "| clsag_verify_10 | oxen vs floor | yes | 1.01× [0.992, 1.01] ≈ | 1.08× [1.08, 1.08] | +7.1% | outside ±5% |",
        "| clsag_verify_10 | oxen vs itself (A/A control) |  | 1.01× [0.990, 1.01] | 1.06× [0.940, 1.06] | +5.0% | A/A outside 0.95–1.05 |",
        "| clsag_verify_10 | oxen vs itself (A/A control) |  | 1.00× [0.995, 1.00] | 1.00× [0.995, 1.00] | +0.0% | A/A within 0.95–1.05 |",
        "| x25519_dh | oxen vs x25519-dalek |  | 0.450× [0.450, 0.450] | 0.450× [0.450, 0.450] | +0.0% |  |",
        "2 of 4 checks passed (headline ratios within ±5% of run 1, A/A intervals within 0.95–1.05).",
    ] {
        assert!(
            md.lines().any(|l| l == expected),
            "missing {expected:?} in\n{md}"
        );
    }
    assert_eq!(markdown_compare(&[]), "");
}

#[test]
fn pairs_json_round_trips() {
    let r = sample(true);
    let json = serde_json::to_string(&r).unwrap();
    let back: PairsReport = serde_json::from_str(&json).unwrap();
    // serde_json's default float parsing may be one ulp off: compare the floats closely and
    // everything else exactly.
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * b.abs();
    assert_eq!(back.outcomes.len(), r.outcomes.len());
    for (x, y) in back.outcomes.iter().zip(&r.outcomes) {
        assert_eq!(x.job, y.job);
        let (sx, sy) = (x.summary.unwrap(), y.summary.unwrap());
        assert!(close(sx.ratio.estimate, sy.ratio.estimate) && close(sx.ratio.low, sy.ratio.low));
        assert!(close(sx.ratio.high, sy.ratio.high) && close(sx.a_ns, sy.a_ns));
        let (rx, ry) = (x.rounds.as_ref().unwrap(), y.rounds.as_ref().unwrap());
        assert_eq!((rx.iters_a, rx.a_ns.len()), (ry.iters_a, ry.a_ns.len()));
    }
    let strip = |mut p: PairsReport| {
        p.outcomes.clear();
        p
    };
    assert_eq!(strip(back), strip(r));
    assert!(serde_json::from_str::<PairsReport>("{}").is_err());
}

fn args(s: &str) -> Parsed {
    parse(s.split_whitespace().map(str::to_owned))
}

#[test]
fn command_lines() {
    let Parsed::Run(o) = args("--quick --repeat 2 --plots benches/plots") else {
        panic!()
    };
    // --quick drops the memory build and pass unless asked for.
    assert!(o.quick && o.run && o.avx2 && !o.memory && o.pairs && !o.pairs_only);
    assert_eq!(
        (o.repeat, o.plots),
        (2, Some(PathBuf::from("benches/plots")))
    );
    let Parsed::Run(o) = args("--quick --memory") else {
        panic!()
    };
    assert!(o.quick && o.memory);
    let Parsed::Run(o) = args("--no-memory") else {
        panic!()
    };
    assert!(!o.quick && !o.memory);
    let Parsed::Run(o) = args("") else { panic!() };
    assert!(!o.quick && o.memory);
    let Parsed::Run(o) = args("--pairs-only --rounds 15 --filter clsag") else {
        panic!()
    };
    // --pairs-only drops the memory build.
    assert!(o.pairs_only && !o.memory);
    assert_eq!((o.rounds, o.filter.as_deref()), (Some(15), Some("clsag")));
    let Parsed::Run(o) = args("--compare a.json b.json") else {
        panic!()
    };
    assert_eq!(
        o.compare,
        [PathBuf::from("a.json"), PathBuf::from("b.json")]
    );
    assert_eq!(args("--help"), Parsed::Help);
    for bad in [
        "--repeat 0",
        "--repeat",
        "--rounds x",
        "--plots",
        "--compare a.json",
        "--pairs-only --no-pairs",
        "--pairs-only --memory",
        "--fast",
    ] {
        assert!(matches!(args(bad), Parsed::Error(_)), "{bad}");
    }
}

#[test]
fn duration_estimates() {
    let w = Work {
        pairs: 24,
        pair_time: Duration::from_secs(5),
        criterion: 0,
        avx2: 0,
        memory: 0,
        quick: true,
    };
    // 24 × 5 s + 20 s setup.
    assert_eq!(w.expected(), Duration::from_secs(140));
    assert!(
        w.describe(2).contains("about 3 min for the passes"),
        "{}",
        w.describe(2)
    );
    assert!(
        w.describe(2).contains("2 runs: about 5 min"),
        "{}",
        w.describe(2)
    );
    let full = Work {
        criterion: 187,
        avx2: 70,
        memory: 187,
        ..w
    };
    // + (187 + 70) × 2 s + 187 × 2.5 s.
    assert_eq!(
        full.expected(),
        Duration::from_secs_f64(140.0 + 514.0 + 467.5)
    );
}

#[test]
fn a_saved_log_gives_memory_and_both_backends() {
    use oxen_benches::report::saved::from_log;
    let path = std::env::temp_dir().join(format!("oxen-report-log-{}", std::process::id()));
    std::fs::write(
        &path,
        "[2026-12-07 02:00] criterion 1/3, main build: 10 benchmarks in 2 binaries\n\
         oxen-backend AVX-512 IFMA (main)\n\
         oxen-backend AVX-512 IFMA (second binary, ignored)\n\
         oxen-memory x/oxen allocations=1 bytes=2 peak=3\n\
         [2026-12-07 02:05] criterion 2/3, AVX2 build: 5 benchmarks in 1 binaries\n\
         oxen-backend AVX2 (other)\n",
    )
    .unwrap();
    let last = from_log(&path);
    std::fs::remove_file(&path).unwrap();
    assert_eq!(last.main_backend.as_deref(), Some("AVX-512 IFMA (main)"));
    assert_eq!(last.avx2_backend.as_deref(), Some("AVX2 (other)"));
    assert_eq!(last.memory.len(), 1);
    assert_eq!(last.memory[0].0, "x/oxen");
    let none = from_log(std::path::Path::new("/nonexistent/run.log"));
    assert!(none.main_backend.is_none() && none.memory.is_empty());
}
