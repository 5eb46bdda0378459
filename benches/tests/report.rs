//! The report's parsing, table building and chart on the fixture in `tests/fixtures/criterion`
//! (a small criterion output directory with known medians), with paired results of known
//! ratios (`common`).
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use oxen_benches::paired::PairSpec;
use oxen_benches::report::pairs::{JobKind, PairsReport, Split};
use oxen_benches::report::{
    Bar, BenchmarkId, Environment, Estimates, ReportError, Row, bars, build_rows, format_ratio,
    format_time, format_utc, markdown_report, markdown_table, read_criterion_dir, render_svg,
    split_stale,
};

mod common;
use common::{flat, outcome, report, wobble};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/criterion")
}

fn rows() -> Vec<Row> {
    build_rows(&read_criterion_dir(&fixture()).unwrap())
}

fn row<'a>(rows: &'a [Row], op: &str) -> &'a Row {
    rows.iter().find(|r| r.operation == op).unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

#[test]
fn estimates_parse_median_and_mean() {
    let text =
        std::fs::read_to_string(fixture().join("clsag_verify_16/oxen/new/estimates.json")).unwrap();
    let e = Estimates::parse(&text).unwrap();
    assert!(close(e.median_ns(), 500_000.0));
    assert!(close(e.mean_ns(), 510_000.0));
    // A file without the median is rejected, not read as zero.
    assert!(Estimates::parse(r#"{"mean":{"point_estimate":1.0}}"#).is_err());
    assert!(Estimates::parse("not json").is_err());
}

#[test]
fn benchmark_ids_split_into_operation_and_implementation() {
    let cases = [
        (
            r#"{"group_id":"bp_verify_1x64","function_id":"oxen","value_str":null}"#,
            ("bp_verify_1x64", "oxen"),
        ),
        (
            r#"{"group_id":"bp_prove","function_id":"oxen","value_str":"16"}"#,
            ("bp_prove/16", "oxen"),
        ),
        (
            r#"{"group_id":"ons_hash","function_id":null,"value_str":"floor"}"#,
            ("ons_hash", "floor"),
        ),
        (
            r#"{"group_id":"keccak_256/oxen","function_id":null,"value_str":null}"#,
            ("keccak_256", "oxen"),
        ),
        (
            r#"{"group_id":"lonely","function_id":null,"value_str":null}"#,
            ("lonely", ""),
        ),
    ];
    for (json, (op, imp)) in cases {
        let (o, i) = BenchmarkId::parse(json)
            .unwrap()
            .operation_and_implementation();
        assert_eq!((o.as_str(), i.as_str()), (op, imp), "{json}");
    }
}

#[test]
fn reads_every_new_estimate_and_skips_base_and_report() {
    let m = read_criterion_dir(&fixture()).unwrap();
    let ids: Vec<(String, String)> = m
        .iter()
        .map(|m| (m.operation.clone(), m.implementation.clone()))
        .collect();
    let expect = [
        ("bp_prove/2", "floor"),
        ("bp_prove/2", "oxen"),
        ("bp_verify_1x64", "floor"),
        ("bp_verify_1x64", "monero-bulletproofs"),
        ("bp_verify_1x64", "oxen"),
        ("bp_verify_1x64", "ristretto"),
        ("clsag_verify_16", "monero-clsag"),
        ("clsag_verify_16", "oxen"),
        ("keccak_256", "oxen"),
        ("sphinx_create_3hop", "sphinx-packet"),
    ];
    let expect: Vec<(String, String)> = expect
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
    assert_eq!(ids, expect);
    // The `base` (previous run) estimate of bp_verify_1x64/oxen is 9.99 ms; `new` wins.
    let ours = m
        .iter()
        .find(|m| m.operation == "bp_verify_1x64" && m.implementation == "oxen")
        .unwrap();
    assert!(close(ours.median_ns, 2_000_000.0));
    assert!(ours.modified.is_some());
}

#[test]
fn stale_measurements_are_split_off() {
    let m = read_criterion_dir(&fixture()).unwrap();
    let n = m.len();
    let (fresh, stale) = split_stale(m.clone(), std::time::UNIX_EPOCH);
    assert_eq!((fresh.len(), stale.len()), (n, 0));
    let future = std::time::SystemTime::now() + std::time::Duration::from_secs(3600);
    let (fresh, stale) = split_stale(m.clone(), future);
    assert_eq!((fresh.len(), stale.len()), (0, n));
    let mut unknown = m[0].clone();
    unknown.modified = None;
    let (fresh, stale) = split_stale(vec![unknown], std::time::UNIX_EPOCH);
    assert_eq!((fresh.len(), stale.len()), (0, 1));
}

#[test]
fn empty_or_missing_directories_are_errors() {
    let empty = std::env::temp_dir().join(format!("oxen-report-empty-{}", std::process::id()));
    std::fs::create_dir_all(&empty).unwrap();
    assert!(matches!(
        read_criterion_dir(&empty),
        Err(ReportError::NoEstimates(_))
    ));
    std::fs::remove_dir_all(&empty).unwrap();
    assert!(matches!(
        read_criterion_dir(&fixture().join("does-not-exist")),
        Err(ReportError::Io(..))
    ));
}

#[test]
fn malformed_estimates_name_the_file() {
    let dir = std::env::temp_dir().join(format!("oxen-report-bad-{}", std::process::id()));
    let new = dir.join("op/oxen/new");
    std::fs::create_dir_all(&new).unwrap();
    std::fs::write(
        new.join("benchmark.json"),
        r#"{"group_id":"op","function_id":"oxen","value_str":null}"#,
    )
    .unwrap();
    std::fs::write(new.join("estimates.json"), "{").unwrap();
    let err = read_criterion_dir(&dir).unwrap_err();
    assert!(matches!(err, ReportError::Json(..)), "{err:?}");
    assert!(err.to_string().contains("estimates.json"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn rows_group_by_operation() {
    let rows = rows();
    assert_eq!(rows.len(), 5);

    let bp = row(&rows, "bp_verify_1x64");
    assert_eq!(bp.ours, Some(2_000_000.0));
    assert_eq!(bp.floor, Some(1_600_000.0));
    let peers: Vec<(&str, f64)> = bp.peers.iter().map(|(p, t)| (p.as_str(), *t)).collect();
    assert_eq!(
        peers,
        [
            ("monero-bulletproofs", 4_000_000.0),
            ("ristretto", 1_000_000.0)
        ]
    );

    let clsag = row(&rows, "clsag_verify_16");
    assert_eq!(clsag.floor, None);
    assert_eq!(clsag.ours, Some(500_000.0));
    assert_eq!(clsag.peers[0].0, "monero-clsag");

    // A peer without our measurement.
    let sphinx = row(&rows, "sphinx_create_3hop");
    assert_eq!(sphinx.ours, None);
    assert_eq!(sphinx.peers.len(), 1);

    assert_eq!(row(&rows, "bp_prove/2").floor, Some(10_000_000.0));
}

/// Paired results for the fixture's operations: bp_verify against monero-bulletproofs (0.5)
/// and its floor (no measurable difference against the ±1% control), clsag against
/// monero-clsag (1.25); ristretto and bp_prove's floor are not paired.
fn fixture_pairs() -> PairsReport {
    let c = PairSpec::control("bp_verify_1x64", "oxen");
    report(
        vec![
            outcome(JobKind::Control, &c, &wobble(0.01)),
            outcome(
                JobKind::Pair,
                &PairSpec::new("bp_verify_1x64", "oxen", "monero-bulletproofs").headline(),
                &flat(0.5),
            ),
            outcome(
                JobKind::Pair,
                &PairSpec::new("bp_verify_1x64", "oxen", "floor"),
                &wobble(0.005),
            ),
            outcome(
                JobKind::Pair,
                &PairSpec::new("clsag_verify_16", "oxen", "monero-clsag"),
                &flat(1.25),
            ),
        ],
        Split::NotMeasured("Backend split not measured: test.".into()),
    )
}

#[test]
fn markdown_table_lines() {
    let pairs = fixture_pairs();
    let table = markdown_table(&rows(), Some(&pairs));
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(
        lines[0],
        "| operation | oxen | oxen allocs / peak | compared with | its time | its allocs / peak | oxen / it (paired, 95%) | floor | oxen / floor (paired, 95%) |"
    );
    for expected in [
        "| bp_prove/2 | 40.0 ms | — | — | — | — | — | 10.0 ms | — |",
        "| bp_verify_1x64 | 2.00 ms | — | monero-bulletproofs | 4.00 ms | — | 0.500× [0.500, 0.500] | 1.60 ms | 1.00× [0.995, 1.00] ≈ |",
        "| ″ |  |  | ristretto | 1.00 ms | — | — |  |  |",
        "| clsag_verify_16 | 500 µs | — | monero-clsag | 400 µs | — | 1.25× [1.25, 1.25] | — | — |",
        "| keccak_256 | 1.23 µs | — | — | — | — | — | — | — |",
        "| sphinx_create_3hop | — | — | sphinx-packet | 150 µs | — | — | — | — |",
    ] {
        assert!(
            lines.contains(&expected),
            "missing {expected:?} in\n{table}"
        );
    }
    assert_eq!(lines.len(), 2 + 6);
    // Without paired results the table prints no ratio at all: criterion's medians, taken
    // minutes apart, never make one.
    let bare = markdown_table(&rows(), None);
    assert!(bare.lines().skip(2).all(|l| !l.contains('×')), "{bare}");
}

#[test]
fn report_names_machine_and_backend() {
    let env = Environment {
        cpu: "Test CPU".into(),
        cpus: 2,
        dalek_backend: "AVX2 (test)".into(),
        date: "2026-11-28 15:30".into(),
        mode: "quick".into(),
        avx2_backend: Some("AVX2 (simd build)".into()),
    };
    let md = markdown_report(&rows(), &env, Some(&fixture_pairs()));
    assert!(md.contains("- date: 2026-11-28 15:30 UTC"));
    assert!(md.contains("- CPU: Test CPU (2 logical CPUs)"));
    assert!(md.contains("backend (oxen-rs, main build): AVX2 (test)"));
    assert!(md.contains("| clsag_verify_16 | 500 µs |"));
    assert!(md.contains("own target dir): AVX2 (simd build)"));
    // The paired section comes before the table, with its control.
    let paired = md.find("## Paired ratios").unwrap();
    assert!(paired < md.find("## Times, memory and ratios").unwrap());
    assert!(md.contains("| bp_verify_1x64 | oxen vs itself (A/A control) |"));
    // Without paired results, no paired section.
    assert!(!markdown_report(&rows(), &env, None).contains("## Paired ratios"));
    // The detected environment is filled in on any machine.
    let here = Environment::detect("x");
    assert!(!here.cpu.is_empty() && here.cpus >= 1);
    assert!(
        here.dalek_backend.contains("build cfg"),
        "{}",
        here.dalek_backend
    );
}

#[test]
fn formats() {
    assert_eq!(format_time(999.0), "999 ns");
    assert_eq!(format_time(1_234.5), "1.23 µs");
    assert_eq!(format_time(45_600_000.0), "45.6 ms");
    assert_eq!(format_time(2.5e9), "2.50 s");
    assert_eq!(format_ratio(0.5), "0.50×");
    assert_eq!(format_ratio(12.34), "12.3×");
    assert_eq!(format_ratio(250.0), "250×");
    assert_eq!(format_utc(0), "1970-01-01 00:00");
    assert_eq!(format_utc(951_782_400), "2000-02-29 00:00");
    assert_eq!(format_utc(1_795_879_800), "2026-11-28 15:30");
}

#[test]
fn bars_and_svg_label_every_paired_ratio() {
    let b = bars(&fixture_pairs());
    let labels: Vec<&str> = b.iter().map(|b| b.label.as_str()).collect();
    // The control is not a bar; the order is the measuring order.
    assert_eq!(
        labels,
        [
            "bp_verify_1x64 vs monero-bulletproofs",
            "bp_verify_1x64 vs floor",
            "clsag_verify_16 vs monero-clsag",
        ]
    );
    assert!(!b[0].is_floor && b[1].is_floor);
    assert_eq!((b[1].low, b[1].high), (0.995, 1.005));

    let svg = render_svg(&b, "fixture").unwrap();
    assert!(svg.starts_with("<svg"), "{}", &svg[..40]);
    // plotters writes each text on its own line between the tags.
    let svg = svg.replace('\n', "");
    for text in [
        ">fixture<",
        ">bp_verify_1x64 vs monero-bulletproofs<",
        ">bp_verify_1x64 vs floor<",
        ">0.50×<",
        ">1.00×<",
        ">1.25×<",
        ">1×<",
    ] {
        assert!(svg.contains(text), "no {text:?} in the SVG");
    }
    // One filled bar per ratio (plus the zebra stripes, which are lighter).
    let bar_fills = ["#2E8B57", "#CD463C", "#969696"];
    let n: usize = bar_fills.iter().map(|c| svg.matches(c).count()).sum();
    assert_eq!(n, b.len(), "{svg}");
}

#[test]
fn svg_of_no_bars_is_still_a_document() {
    let svg = render_svg(&[] as &[Bar], "empty")
        .unwrap()
        .replace('\n', "");
    assert!(svg.contains(">empty<"));
    assert!(svg.trim_end().ends_with("</svg>"));
}
