//! `cargo run --release -p oxen-benches --bin report [--quick] [--no-run] [--no-avx2]
//! [--no-memory] [--plots DIR] [--filter REGEX]`
//!
//! Builds and runs the whole criterion suite, then writes `target/bench-report/REPORT.md`
//! (times, ratios and memory per operation, and the growth curves), `ratios.svg` (the ratios
//! as bars) and `curve-<group>.svg` (one log-log chart per growth curve), plus `run.log` (every
//! line the benches printed). Uses `CARGO_TARGET_DIR` when it is set.
//!
//! Three passes, each over the binaries of its own build:
//! 1. timing, main build (`.cargo/config.toml`: the AVX-512 IFMA backend where the CPU has it);
//! 2. timing of our own (`oxen`) benchmarks of the curve crates, AVX2 build
//!    (`--cfg curve25519_dalek_backend="simd"`, own target dir `<target>/avx2`);
//! 3. memory: the main build with `--features memory`, criterion's profile mode, one counted
//!    run per benchmark.
//!
//! - `--quick`: short criterion settings (warm-up 0.5 s, measurement 2 s, 10 samples).
//! - `--no-run`: run nothing; report the estimates criterion already saved.
//! - `--no-avx2`, `--no-memory`: skip that pass.
//! - `--plots DIR`: also copy the SVG charts into DIR (e.g. `benches/plots`).
//! - `--filter REGEX`: only the benchmarks whose id matches (criterion's filter; the AVX2 pass
//!   then runs every matching benchmark instead of only ours).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use oxen_benches::harness::{AllocStats, parse_memory_line};
use oxen_benches::report::curve_plot::render_curve_svg;
use oxen_benches::report::curves::{curves, markdown_curves, svg_name};
use oxen_benches::report::run::BACKEND_MARKER;
use oxen_benches::report::run::{Build, Log, Pass, PassOutput, build, run_pass};
use oxen_benches::report::{
    Environment, Measurement, add_avx2, add_memory, bars, build_rows, criterion_dir,
    markdown_backend_split, markdown_report, read_criterion_dir, render_svg, split_stale,
};

const USAGE: &str = "usage: report [--quick] [--no-run] [--no-avx2] [--no-memory] [--plots DIR] [--filter REGEX]\n\
  --quick      short criterion settings (warm-up 0.5 s, measurement 2 s, 10 samples)\n\
  --no-run     only read the estimates criterion already saved\n\
  --no-avx2    skip the AVX2 build and its pass\n\
  --no-memory  skip the memory build and its pass\n\
  --plots DIR  also copy the SVG charts into DIR\n\
  --filter RE  only the benchmarks whose id matches RE";

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

/// The AVX2 pass: our own benchmarks only (the peers do not change), in the binaries whose
/// operations use the curve.
const AVX2_FILTER: &str = "/oxen";
const AVX2_BINARIES: [&str; 4] = ["crypto", "onion", "tx", "tx_rct"];

/// `RUSTFLAGS` of the AVX2 build.
const AVX2_RUSTFLAGS: &str = "--cfg curve25519_dalek_backend=\"simd\"";

struct Options {
    quick: bool,
    run: bool,
    avx2: bool,
    memory: bool,
    plots: Option<PathBuf>,
    filter: Option<String>,
}

fn parse_args() -> Result<Options, ExitCode> {
    let mut o = Options {
        quick: false,
        run: true,
        avx2: true,
        memory: true,
        plots: None,
        filter: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--quick" => o.quick = true,
            "--no-run" => o.run = false,
            "--no-avx2" => o.avx2 = false,
            "--no-memory" => o.memory = false,
            "--plots" => match args.next() {
                Some(dir) => o.plots = Some(PathBuf::from(dir)),
                None => {
                    eprintln!("--plots needs a directory\n{USAGE}");
                    return Err(ExitCode::from(2));
                }
            },
            "--filter" => match args.next() {
                Some(re) => o.filter = Some(re),
                None => {
                    eprintln!("--filter needs a regular expression\n{USAGE}");
                    return Err(ExitCode::from(2));
                }
            },
            "-h" | "--help" => {
                println!("{USAGE}");
                return Err(ExitCode::SUCCESS);
            }
            other => {
                eprintln!("unknown argument {other:?}\n{USAGE}");
                return Err(ExitCode::from(2));
            }
        }
    }
    Ok(o)
}

fn workspace_root() -> PathBuf {
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    std::fs::canonicalize(&root).unwrap_or(root)
}

fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => workspace_root().join("target"),
    }
}

fn main() -> ExitCode {
    let o = match parse_args() {
        Ok(o) => o,
        Err(code) => return code,
    };
    let target = target_dir();
    let out = target.join("bench-report");
    if let Err(e) = std::fs::create_dir_all(&out) {
        eprintln!("{}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    // A run logs to run.log; --no-run keeps that log and reads the memory figures and the
    // backends of the last run from it.
    let log_name = if o.run { "run.log" } else { "report.log" };
    let mut log = Log::new(Some(&out.join(log_name)));
    let avx2_target = target.join("avx2");
    let settings = if o.quick {
        "quick (criterion --warm-up-time 0.5 --measurement-time 2 --sample-size 10 --nresamples 10000)"
    } else {
        "full (criterion defaults)"
    };
    let mode = if o.run {
        format!(
            "{settings}; passes: main build{}{}",
            if o.avx2 {
                ", AVX2 build (oxen benches)"
            } else {
                ""
            },
            if o.memory { ", memory build" } else { "" }
        )
    } else {
        "existing criterion results (--no-run)".to_owned()
    };
    let mut env = Environment::detect(&mode);
    log.line(&format!("CPU: {} ({} logical CPUs)", env.cpu, env.cpus));

    let started = std::time::SystemTime::now();
    let t0 = std::time::Instant::now();
    let mut memory = Vec::new();
    if !o.run {
        let last = from_log(&out.join("run.log"));
        memory = last.memory;
        if let Some(b) = last.main_backend {
            env.dalek_backend = b;
        }
        env.avx2_backend = last.avx2_backend;
    }
    if o.run {
        match run_all(&o, &target, &avx2_target, &mut log) {
            Ok((main, avx2, mem)) => {
                if let Some((_, b)) = main.backends.first() {
                    env.dalek_backend = b.clone();
                }
                env.avx2_backend = avx2.and_then(|a| a.backends.first().map(|(_, b)| b.clone()));
                memory = mem.map(|m| m.memory).unwrap_or_default();
            }
            Err(e) => {
                log.line(&e);
                return ExitCode::FAILURE;
            }
        }
    }
    log.line(&format!(
        "curve25519-dalek 5 backend: {}",
        env.dalek_backend
    ));
    if let Some(b) = &env.avx2_backend {
        log.line(&format!("AVX2 build backend: {b}"));
    }

    let main = match fresh(&criterion_dir(&target), o.run.then_some(started), &mut log) {
        Ok(m) => m,
        Err(e) => {
            log.line(&e);
            return ExitCode::FAILURE;
        }
    };
    let avx2 = if o.avx2 {
        fresh(
            &criterion_dir(&avx2_target),
            o.run.then_some(started),
            &mut log,
        )
        .unwrap_or_default()
    } else {
        Vec::new()
    };
    let mut rows = build_rows(&main);
    add_avx2(&mut rows, &avx2);
    add_memory(&mut rows, &memory);
    let (curve_rows, table_rows): (Vec<_>, Vec<_>) = rows
        .into_iter()
        .partition(|r| oxen_benches::report::curves::curve_point(&r.operation).is_some());
    let curves = curves(&curve_rows);

    let mut report = markdown_report(&table_rows, &env);
    report.push_str(
        "\n## Backend and code\n\nEach ratio against a peer split into what the curve backend \
         changes (our IFMA build against our AVX2 build) and what remains (our AVX2 build \
         against the peer: code against code where the peer runs AVX2).\n\n",
    );
    report.push_str(&markdown_backend_split(&table_rows));
    report.push('\n');
    report.push_str(&markdown_curves(&curves, "."));
    if o.run {
        report.push_str(&format!(
            "\nWhole run (builds and passes): {}\n",
            oxen_benches::report::run::format_duration(t0.elapsed())
        ));
    }
    let mut files = vec![("REPORT.md".to_owned(), report.clone())];
    match render_svg(
        &bars(&table_rows),
        &format!("oxen-rs vs peers and floors, {} UTC", env.date),
    ) {
        Ok(svg) => files.push(("ratios.svg".to_owned(), svg)),
        Err(e) => log.line(&e.to_string()),
    }
    for c in &curves {
        match render_curve_svg(c) {
            Ok(svg) => files.push((svg_name(&c.group), svg)),
            Err(e) => log.line(&format!("{}: {e}", c.group)),
        }
    }
    for (name, text) in &files {
        if let Err(e) = std::fs::write(out.join(name), text) {
            log.line(&format!("{}: {e}", out.join(name).display()));
            return ExitCode::FAILURE;
        }
        if let Some(dir) = &o.plots
            && name.ends_with(".svg")
        {
            let copied =
                std::fs::create_dir_all(dir).and_then(|()| std::fs::write(dir.join(name), text));
            if let Err(e) = copied {
                log.line(&format!("{}: {e}", dir.display()));
            }
        }
    }
    println!("\n{report}");
    log.line(&format!(
        "{} benchmarks ({} AVX2, {} memory) in {} operations and {} curves; wrote {} files to {}",
        main.len(),
        avx2.len(),
        memory.len(),
        table_rows.len(),
        curves.len(),
        files.len(),
        out.display()
    ));
    ExitCode::SUCCESS
}

type Passes = (PassOutput, Option<PassOutput>, Option<PassOutput>);

/// Builds everything first (so compile errors show before any measuring), then runs the passes.
fn run_all(
    o: &Options,
    target: &Path,
    avx2_target: &Path,
    log: &mut Log,
) -> Result<Passes, String> {
    let root = workspace_root();
    let main_build = Build {
        name: "main".into(),
        target_dir: target.to_owned(),
        rustflags: None,
        features: Vec::new(),
        benches: Vec::new(),
    };
    let main_exes = build(&root, &main_build, log)?;
    let avx2_exes = if o.avx2 {
        let b = Build {
            name: "avx2".into(),
            target_dir: avx2_target.to_owned(),
            rustflags: Some(AVX2_RUSTFLAGS.into()),
            features: Vec::new(),
            benches: AVX2_BINARIES.iter().map(|s| (*s).to_owned()).collect(),
        };
        let mut exes = build(&root, &b, log)?;
        exes.retain(|e| AVX2_BINARIES.contains(&e.name.as_str()));
        Some(exes)
    } else {
        None
    };
    let memory_exes = if o.memory {
        let b = Build {
            name: "memory".into(),
            target_dir: target.to_owned(),
            rustflags: None,
            features: vec!["memory".into()],
            benches: Vec::new(),
        };
        Some(build(&root, &b, log)?)
    } else {
        None
    };
    let settings: Vec<String> = if o.quick {
        QUICK_ARGS.iter().map(|s| (*s).to_owned()).collect()
    } else {
        Vec::new()
    };
    let n_passes = 1 + usize::from(o.avx2) + usize::from(o.memory);
    let main = run_pass(
        &Pass {
            title: format!("pass 1/{n_passes} timing, main build"),
            exes: main_exes,
            args: settings.clone(),
            criterion_home: criterion_dir(target),
        },
        o.filter.as_deref(),
        log,
    );
    let avx2 = avx2_exes.map(|exes| {
        run_pass(
            &Pass {
                title: format!("pass 2/{n_passes} timing, AVX2 build"),
                exes,
                args: settings.clone(),
                criterion_home: criterion_dir(avx2_target),
            },
            Some(o.filter.as_deref().unwrap_or(AVX2_FILTER)),
            log,
        )
    });
    let memory = memory_exes.map(|exes| {
        run_pass(
            &Pass {
                title: format!("pass {n_passes}/{n_passes} memory"),
                exes,
                args: vec!["--profile-time".into(), "1".into()],
                criterion_home: target.join("bench-memory"),
            },
            o.filter.as_deref(),
            log,
        )
    });
    for p in [Some(&main), avx2.as_ref(), memory.as_ref()]
        .into_iter()
        .flatten()
    {
        for f in &p.failed {
            log.line(&format!(
                "warning: bench binary {f} failed; reporting what was saved"
            ));
        }
    }
    Ok((main, avx2, memory))
}

/// The estimates under `dir`, without those older than `since` (named in the log).
fn fresh(
    dir: &Path,
    since: Option<std::time::SystemTime>,
    log: &mut Log,
) -> Result<Vec<Measurement>, String> {
    let all = read_criterion_dir(dir).map_err(|e| e.to_string())?;
    let Some(since) = since else { return Ok(all) };
    let (fresh, stale) = split_stale(all, since);
    for m in &stale {
        log.line(&format!(
            "note: {}/{} ({}) was not measured in this run; left out",
            m.operation,
            m.implementation,
            dir.display()
        ));
    }
    Ok(fresh)
}

/// What a previous run's log says: the memory figures and the backend of each build.
#[derive(Default)]
struct LastRun {
    memory: Vec<(String, AllocStats)>,
    main_backend: Option<String>,
    avx2_backend: Option<String>,
}

fn from_log(path: &Path) -> LastRun {
    let mut last = LastRun::default();
    let Ok(text) = std::fs::read_to_string(path) else {
        return last;
    };
    let mut avx2_pass = false;
    for line in text.lines() {
        if line.contains("] pass ") {
            avx2_pass = line.contains("AVX2 build");
        }
        if let Some(m) = parse_memory_line(line) {
            last.memory.push(m);
        } else if let Some(b) = line.strip_prefix(BACKEND_MARKER) {
            let slot = if avx2_pass {
                &mut last.avx2_backend
            } else {
                &mut last.main_backend
            };
            slot.get_or_insert_with(|| b.trim().to_owned());
        }
    }
    last
}
