//! The other-work figure of a paired pass (`report::load`): parsing `/proc`, the arithmetic,
//! the line the report prints, and the field in saved `pairs.json` files.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{flat, outcome, report, wobble};
use oxen_benches::paired::PairSpec;
use oxen_benches::report::load::{
    LoadProbe, QUIET_BELOW, describe, other_cpus, parse_machine_busy, parse_process_ticks,
};
use oxen_benches::report::pairs::{JobKind, PairsReport, Split};
use oxen_benches::report::pairs_md::{markdown_compare, markdown_pairs};

#[test]
fn machine_busy_counts_everything_but_idle_and_iowait() {
    // user nice system idle iowait irq softirq steal guest guest_nice
    let stat = "cpu  100 20 30 5000 70 1 2 3 0 0\ncpu0 50 10 15 2500 35 0 1 1 0 0\nintr 1\n";
    assert_eq!(parse_machine_busy(stat), Some(100 + 20 + 30 + 1 + 2 + 3));
    // Older kernels without steal.
    assert_eq!(
        parse_machine_busy("cpu  1 2 3 4 5 6 7\n"),
        Some(1 + 2 + 3 + 6 + 7)
    );
    for bad in [
        "",
        "cpu0 1 2 3 4 5 6 7\n",
        "cpu  1 2 x 4 5 6 7\n",
        "cpu  1 2 3 4 5\n",
    ] {
        assert_eq!(parse_machine_busy(bad), None, "{bad:?}");
    }
}

#[test]
fn process_ticks_skip_a_command_name_with_spaces_and_parentheses() {
    let line = "4242 (pairs (x) y) S 1 2 3 4 5 6 7 8 9 10 1234 567 0 0 20 0 1 0 99\n";
    assert_eq!(parse_process_ticks(line), Some(1234 + 567));
    assert_eq!(parse_process_ticks("4242 (pairs) S 1 2"), None);
    assert_eq!(parse_process_ticks("no parenthesis"), None);
}

#[test]
fn other_work_is_machine_minus_own_per_second() {
    // 300 machine ticks, 100 of them ours, over 2 s at 100 ticks/s: one CPU of other work.
    assert_eq!(other_cpus(300, 100, 2.0), Some(1.0));
    // Counters read microseconds apart can make ours look larger: never negative.
    assert_eq!(other_cpus(100, 103, 1.0), Some(0.0));
    assert_eq!(other_cpus(1, 1, 0.0), None);
}

#[test]
fn the_line_says_quiet_or_busy() {
    assert!(describe(Some(0.02)).contains("0.02 CPUs (quiet"));
    let busy = describe(Some(QUIET_BELOW + 0.9));
    assert!(
        busy.contains("1.00 CPUs") && !busy.contains("quiet:"),
        "{busy}"
    );
    assert!(describe(None).contains("not measured"));
}

#[test]
fn this_process_reads_on_linux() {
    let probe = LoadProbe::start(&[]);
    let mut x = 0u64;
    for i in 0..2_000_000u64 {
        x = x.wrapping_mul(31).wrapping_add(i);
    }
    std::hint::black_box(x);
    let got = probe.other_cpus(&[]);
    if cfg!(target_os = "linux") {
        let c = got.expect("/proc is readable on Linux");
        assert!(c.is_finite() && c >= 0.0, "{c}");
    } else {
        assert_eq!(got, None);
    }
}

fn run(other: Option<f64>) -> PairsReport {
    let c = PairSpec::control("bp_verify_1x64", "oxen");
    let peer = PairSpec::new("bp_verify_1x64", "oxen", "monero-bulletproofs").headline();
    let mut r = report(
        vec![
            outcome(JobKind::Control, &c, &wobble(0.01)),
            outcome(JobKind::Pair, &peer, &flat(0.46)),
        ],
        Split::NotMeasured("Backend split not measured (test).".into()),
    );
    r.other_cpus = other;
    r
}

#[test]
fn reports_and_comparisons_carry_the_figure() {
    assert!(
        markdown_pairs(&run(Some(0.02)))
            .contains("- other work on the machine during the pass: 0.02 CPUs (quiet")
    );
    let quiet = markdown_compare(&[run(Some(0.02)), run(Some(0.01))]);
    assert!(!quiet.contains("measured beside"), "{quiet}");
    let busy = markdown_compare(&[run(Some(0.02)), run(Some(1.0))]);
    assert!(
        busy.contains("Run 2 measured beside 1.00 CPUs of other work"),
        "{busy}"
    );
    assert!(!busy.contains("Run 1 measured beside"), "{busy}");
}

#[test]
fn reports_saved_before_the_figure_still_load() {
    let mut v = serde_json::to_value(run(Some(0.5))).unwrap();
    assert_eq!(v["other_cpus"], serde_json::json!(0.5));
    v.as_object_mut().unwrap().remove("other_cpus");
    let back: PairsReport = serde_json::from_value(v).unwrap();
    assert_eq!(back.other_cpus, None);
    assert!(markdown_pairs(&back).contains("not measured (no /proc)"));
}
