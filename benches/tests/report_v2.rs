//! The report's second-generation pieces: the AVX2 and memory columns (the v2 backend split
//! from criterion medians is gone: see `report_v3.rs` for the paired one), growth curves and their
//! fits and charts, the memory and progress lines the bench binaries print, cargo's artifact
//! messages.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use oxen_benches::harness::{AllocStats, parse_memory_line};
use oxen_benches::report::curve_plot::render_curve_svg;
use oxen_benches::report::curves::{
    AVX2, curve_point, curves, fit_power_law, format_n, markdown_curves,
};
use oxen_benches::report::run::{bench_artifact, eta, format_duration, progress_id};
use oxen_benches::report::table::split_id;
use oxen_benches::report::{
    Measurement, Row, add_avx2, add_memory, build_rows, format_bytes, markdown_table,
    read_criterion_dir,
};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/criterion")
}

fn m(op: &str, imp: &str, ns: f64) -> Measurement {
    Measurement {
        operation: op.into(),
        implementation: imp.into(),
        median_ns: ns,
        modified: None,
    }
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * b.abs().max(1.0)
}

#[test]
fn avx2_and_memory_columns() {
    let mut rows = build_rows(&read_criterion_dir(&fixture()).unwrap());
    // Only `oxen` figures of the AVX2 build count; unknown operations are ignored.
    add_avx2(
        &mut rows,
        &[
            m("bp_verify_1x64", "oxen", 3_000_000.0),
            m("bp_verify_1x64", "floor", 1.0),
            m("nowhere", "oxen", 1.0),
        ],
    );
    let stats = |allocations, peak| AllocStats {
        allocations,
        bytes: peak * 2,
        peak,
    };
    add_memory(
        &mut rows,
        &[
            ("bp_verify_1x64/oxen".into(), stats(12, 2048)),
            (
                "bp_verify_1x64/monero-bulletproofs".into(),
                stats(900, 3 << 20),
            ),
            ("bp_prove/oxen/2".into(), stats(5, 100)),
        ],
    );
    let bp = rows
        .iter()
        .find(|r| r.operation == "bp_verify_1x64")
        .unwrap();
    assert_eq!(bp.ours_avx2, Some(3_000_000.0));
    assert_eq!(bp.memory["monero-bulletproofs"].peak, 3 << 20);
    let prove = rows.iter().find(|r| r.operation == "bp_prove/2").unwrap();
    assert_eq!(prove.memory["oxen"].allocations, 5);

    // With an AVX2 time somewhere, the table has the `oxen (AVX2)` column.
    let table = markdown_table(&rows, None);
    assert!(table.starts_with("| operation | oxen | oxen (AVX2) | oxen allocs / peak |"));
    for expected in [
        "| bp_verify_1x64 | 2.00 ms | 3.00 ms | 12 / 2.00 KiB | monero-bulletproofs | 4.00 ms | 900 / 3.00 MiB | — | 1.60 ms | — |",
        "| ″ |  |  |  | ristretto | 1.00 ms | — | — |  |  |",
        "| bp_prove/2 | 40.0 ms | — | 5 / 100 B | — | — | — | — | 10.0 ms | — |",
    ] {
        assert!(
            table.lines().any(|l| l == expected),
            "missing {expected:?} in\n{table}"
        );
    }
}

#[test]
fn ids_split_into_operation_and_implementation() {
    assert_eq!(split_id("op/oxen"), ("op".into(), "oxen".into()));
    assert_eq!(
        split_id("clsag_verify/oxen/16"),
        ("clsag_verify/16".into(), "oxen".into())
    );
    assert_eq!(split_id("lonely"), ("lonely".into(), String::new()));
    assert_eq!(curve_point("clsag_verify/16"), Some(("clsag_verify", 16.0)));
    assert_eq!(curve_point("bp_verify_1x64"), None);
    assert_eq!(curve_point("x/0"), None);
    assert_eq!(curve_point("x/abc"), None);
}

#[test]
fn power_law_fits_recover_the_exponent() {
    let pts: Vec<(f64, f64)> = [1.0, 2.0, 4.0, 8.0, 16.0]
        .iter()
        .map(|&n: &f64| (n, 3.0 * n.powf(1.5)))
        .collect();
    let (a, k) = fit_power_law(&pts).unwrap();
    assert!(close(a, 3.0, 1e-9) && close(k, 1.5, 1e-9), "{a} {k}");
    assert_eq!(fit_power_law(&pts[..1]), None);
    assert_eq!(fit_power_law(&[(2.0, 1.0), (2.0, 5.0)]), None);
    // Non-positive points are left out, not turned into NaN.
    let (_, k) = fit_power_law(&[(0.0, 1.0), (1.0, 2.0), (10.0, 20.0)]).unwrap();
    assert!(close(k, 1.0, 1e-9));
}

fn curve_rows() -> Vec<Row> {
    let mut ms = Vec::new();
    for n in [1u32, 4, 16] {
        let n_f = f64::from(n);
        ms.push(m(&format!("bp_batch_verify/{n}"), "oxen", 1000.0 * n_f));
        ms.push(m(
            &format!("bp_batch_verify/{n}"),
            "monero-bulletproofs",
            3000.0 * n_f,
        ));
        ms.push(m(&format!("bp_batch_verify/{n}"), "floor", 800.0 * n_f));
        ms.push(m(&format!("onion_build/{}", 1024 * n), "oxen", 100.0 * n_f));
    }
    let mut rows = build_rows(&ms);
    add_avx2(&mut rows, &[m("bp_batch_verify/4", "oxen", 8000.0)]);
    rows
}

#[test]
fn curves_group_series_and_scale_per_item() {
    let c = curves(&curve_rows());
    assert_eq!(c.len(), 2);
    let batch = &c[0];
    assert_eq!(batch.group, "bp_batch_verify");
    assert!(batch.kind.per_item);
    let names: Vec<&str> = batch.series.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["oxen", AVX2, "monero-bulletproofs", "floor"]);
    // per proof: flat
    assert_eq!(
        batch.series[0].points,
        [(1.0, 1000.0), (4.0, 1000.0), (16.0, 1000.0)]
    );
    assert!(close(batch.series[0].fit().unwrap().1, 0.0, 1e-9));
    assert_eq!(batch.series[1].points, [(4.0, 2000.0)]);
    let onion = &c[1];
    assert!(onion.kind.bytes && !onion.kind.per_item);
    assert!(close(onion.series[0].fit().unwrap().1, 1.0, 1e-9));

    let md = markdown_curves(&c, "benches/plots");
    for expected in [
        "### bp_batch_verify vs batch size (1-output proofs) (time per item)",
        "![bp_batch_verify](benches/plots/curve-bp_batch_verify.svg)",
        "| series | growth | 1 | 4 | 16 |",
        "| oxen | n^0.00 | 1.00 µs | 1.00 µs | 1.00 µs |",
        "| oxen (AVX2) | — | — | 2.00 µs | — |",
        "| series | growth | 1.00 KiB | 4.00 KiB | 16.0 KiB |",
        "| oxen | n^1.00 | 100 ns | 400 ns | 1.60 µs |",
    ] {
        assert!(
            md.lines().any(|l| l == expected),
            "missing {expected:?} in\n{md}"
        );
    }
}

#[test]
fn curve_svg_has_axes_legend_and_points() {
    let c = curves(&curve_rows());
    let svg = render_curve_svg(&c[0]).unwrap().replace('\n', "");
    assert!(svg.starts_with("<svg"));
    for text in [
        ">bp_batch_verify (per item): time vs batch size (1-output proofs) (log-log)<",
        ">oxen  ∝ n^0.00<",
        ">oxen (AVX2)<",
        ">floor  ∝ n^0.00<",
        ">1.00 µs<",
        ">10<",
    ] {
        assert!(svg.contains(text), "no {text:?} in the SVG");
    }
    // 3 + 1 + 3 + 3 points
    assert_eq!(svg.matches("<circle").count(), 10);
}

#[test]
fn memory_lines_parse_and_reject_garbage() {
    let (id, s) =
        parse_memory_line("oxen-memory clsag_verify/oxen/16 allocations=3 bytes=4096 peak=2048")
            .unwrap();
    assert_eq!(id, "clsag_verify/oxen/16");
    assert_eq!(
        s,
        AllocStats {
            allocations: 3,
            bytes: 4096,
            peak: 2048
        }
    );
    for bad in [
        "oxen-memory x allocations=3 bytes=4096",
        "oxen-memory x allocations=-1 bytes=1 peak=1",
        "oxen-memoryx allocations=1 bytes=1 peak=1",
        "Benchmarking x",
        "oxen-memory allocations=1 bytes=1 peak=1",
    ] {
        assert_eq!(parse_memory_line(bad), None, "{bad}");
    }
}

#[test]
fn progress_lines_and_eta() {
    assert_eq!(
        progress_id("Benchmarking tx_parse/oxen"),
        Some("tx_parse/oxen")
    );
    assert_eq!(
        progress_id("Benchmarking clsag_verify/oxen/16: Warming up for 500.00 ms"),
        Some("clsag_verify/oxen/16")
    );
    assert_eq!(progress_id("tx_parse/oxen  time: [1 ns 2 ns 3 ns]"), None);
    assert_eq!(eta(0, 10, Duration::from_secs(5)), None);
    assert_eq!(
        eta(5, 10, Duration::from_secs(50)),
        Some(Duration::from_secs(50))
    );
    assert_eq!(eta(11, 10, Duration::from_secs(50)), None);
    assert_eq!(format_duration(Duration::from_secs(3725)), "1:02:05");
    assert_eq!(format_bytes(1023), "1023 B");
    assert_eq!(format_bytes(1536), "1.50 KiB");
    assert_eq!(format_n(1_048_576.0, true), "1.00 MiB");
    assert_eq!(format_n(16.0, false), "16");
}

#[test]
fn bench_artifacts_from_cargo_messages() {
    let bench = r#"{"reason":"compiler-artifact","target":{"kind":["bench"],"name":"tx"},"executable":"/t/release/deps/tx-1"}"#;
    let e = bench_artifact(bench).unwrap();
    assert_eq!(
        (e.name.as_str(), e.path.as_path()),
        ("tx", Path::new("/t/release/deps/tx-1"))
    );
    for not in [
        r#"{"reason":"compiler-artifact","target":{"kind":["lib"],"name":"oxen_benches"},"executable":"/x"}"#,
        r#"{"reason":"compiler-artifact","target":{"kind":["bench"],"name":"tx"},"executable":null}"#,
        r#"{"reason":"build-finished","success":true}"#,
        "not json",
    ] {
        assert_eq!(bench_artifact(not), None, "{not}");
    }
}
