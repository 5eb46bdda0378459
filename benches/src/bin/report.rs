//! `cargo run --release -p oxen-benches --bin report [--quick] [--no-run]`
//!
//! Runs the whole criterion suite (`cargo bench -p oxen-benches --bench '*'`), then reads
//! criterion's saved estimates and writes `target/bench-report/REPORT.md` (times and ratios per
//! operation) and `target/bench-report/ratios.svg` (the ratios as a bar chart). Uses
//! `CARGO_TARGET_DIR` when it is set.
//!
//! - `--quick`: short criterion settings (`--warm-up-time 0.5 --measurement-time 2
//!   --sample-size 10 --nresamples 10000`), so the suite finishes in minutes even on a small
//!   machine.
//! - `--no-run`: do not run anything; report the estimates criterion already saved.

use std::path::PathBuf;
use std::process::{Command, ExitCode};

use oxen_benches::report::{
    Environment, bars, build_rows, criterion_dir, markdown_report, read_criterion_dir, render_svg,
    split_stale,
};

const USAGE: &str = "usage: report [--quick] [--no-run]\n\
  --quick   short criterion settings (warm-up 0.5 s, measurement 2 s, 10 samples)\n\
  --no-run  only read the estimates criterion already saved";

/// The quick-mode criterion arguments.
const QUICK_ARGS: [&str; 8] = [
    "--warm-up-time",
    "0.5",
    "--measurement-time",
    "2",
    "--sample-size",
    "10",
    "--nresamples",
    "10000",
];

fn workspace_root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => workspace_root().join("target"),
    }
}

fn main() -> ExitCode {
    let mut quick = false;
    let mut run = true;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--quick" => quick = true,
            "--no-run" => run = false,
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("unknown argument {other:?}\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }

    let env_mode = match (run, quick) {
        (false, _) => "existing criterion results (--no-run)",
        (true, true) => {
            "quick: cargo bench -p oxen-benches --bench '*' -- --warm-up-time 0.5 --measurement-time 2 --sample-size 10 --nresamples 10000"
        }
        (true, false) => "full: cargo bench -p oxen-benches --bench '*' (criterion defaults)",
    };
    let env = Environment::detect(env_mode);
    println!("CPU: {} ({} logical CPUs)", env.cpu, env.cpus);
    println!("curve25519-dalek 5 backend: {}", env.dalek_backend);

    let started = std::time::SystemTime::now();
    if run {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut cmd = Command::new(cargo);
        cmd.current_dir(workspace_root())
            // `--bench '*'`: only the criterion targets (`--benches` would also run the lib's and
            // this bin's libtest harnesses, which reject criterion's options).
            .args([
                "bench",
                "-p",
                "oxen-benches",
                "--bench",
                "*",
                "--no-fail-fast",
            ]);
        if quick {
            cmd.arg("--").args(QUICK_ARGS);
        }
        println!("running: {cmd:?}");
        match cmd.status() {
            Ok(status) if status.success() => {}
            Ok(status) => {
                // Report what did run: a failing bench target must not hide the others.
                eprintln!("warning: cargo bench exited with {status}; reporting what was saved");
            }
            Err(e) => {
                eprintln!("could not start cargo bench: {e}");
                return ExitCode::FAILURE;
            }
        }
    }

    let target = target_dir();
    let measurements = match read_criterion_dir(&criterion_dir(&target)) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let measurements = if run {
        let (fresh, stale) = split_stale(measurements, started);
        for m in &stale {
            eprintln!(
                "note: {}/{} was not measured in this run; left out",
                m.operation, m.implementation
            );
        }
        fresh
    } else {
        measurements
    };
    let rows = build_rows(&measurements);
    let report = markdown_report(&rows, &env);
    let svg = match render_svg(
        &bars(&rows),
        &format!("oxen-rs vs peers and floors, {} UTC", env.date),
    ) {
        Ok(svg) => svg,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };

    let out = target.join("bench-report");
    let written = std::fs::create_dir_all(&out)
        .and_then(|()| std::fs::write(out.join("REPORT.md"), &report))
        .and_then(|()| std::fs::write(out.join("ratios.svg"), &svg));
    if let Err(e) = written {
        eprintln!("{}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    println!("\n{report}");
    println!(
        "{} benchmarks in {} operations; wrote {} and {}",
        measurements.len(),
        rows.len(),
        out.join("REPORT.md").display(),
        out.join("ratios.svg").display()
    );
    ExitCode::SUCCESS
}
