//! `cargo run --release -p oxen-benches --bin report [--quick] [--pairs-only] [--repeat N] ...`
//! (`--help` lists every option; `oxen_benches::report::options`).
//!
//! Builds the bench binaries, then measures in passes:
//! 1. **pairs**: every ratio, measured in pairs (`oxen_benches::paired`) by the `pairs` bench
//!    binary serving the report: in the main build, and, when the main build runs AVX-512
//!    IFMA, also in the AVX2 build and across the two builds (the backend split);
//! 2. criterion timing, main build (`.cargo/config.toml`: IFMA where the CPU has it);
//! 3. criterion timing of our own benchmarks of the curve crates in the AVX2 build
//!    (`--cfg curve25519_dalek_backend="simd"`, own target dir `<target>/avx2`), only when the
//!    backend split is measured;
//! 4. memory: the main build with `--features memory`, one counted run per benchmark.
//!
//! Writes `target/bench-report/`: `REPORT.md` (paired ratios with intervals, times, memory,
//! growth curves), `pairs.json`, `ratios.svg`, `curve-<group>.svg`, `run.log`; with
//! `--pairs-only`, `PAIRS.md` and `pairs.json` only; with `--repeat N`, one directory per run
//! and `COMPARE.md`. Uses `CARGO_TARGET_DIR` when it is set.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use oxen_benches::harness::AllocStats;
use oxen_benches::paired::Settings;
use oxen_benches::report::curve_plot::render_curve_svg;
use oxen_benches::report::curves::{curve_point, curves, markdown_curves, svg_name};
use oxen_benches::report::duration::Work;
use oxen_benches::report::options::{Options, Parsed, USAGE, parse};
use oxen_benches::report::pairs::{PairsReport, Select, plan, runs_ifma};
use oxen_benches::report::pairs_md::{markdown_compare, markdown_pairs};
use oxen_benches::report::pairs_run::{PairsPass, list_pairs, probe_backend, run_pairs_pass};
use oxen_benches::report::run::{
    BenchExe, Build, Log, Pass, build, format_duration, list, run_pass,
};
use oxen_benches::report::saved::{fresh, from_log};
use oxen_benches::report::{
    Environment, add_avx2, add_memory, bars, build_rows, criterion_dir, markdown_report, render_svg,
};

/// The quick-mode criterion arguments.
const QUICK_ARGS: [&str; 8] = [
    "--warm-up-time",
    "0.5",
    "--measurement-time",
    "1",
    "--sample-size",
    "10",
    "--nresamples",
    "10000",
];

/// The AVX2 pass: our own benchmarks only (the peers do not change), in the binaries whose
/// operations use the curve, and the `pairs` binary.
const AVX2_FILTER: &str = "/oxen";
const AVX2_BINARIES: [&str; 4] = ["crypto", "onion", "tx", "tx_rct"];
/// The paired-measurement bench target (never run as a criterion binary).
const PAIRS: &str = "pairs";

/// `RUSTFLAGS` of the AVX2 build.
const AVX2_RUSTFLAGS: &str = "--cfg curve25519_dalek_backend=\"simd\"";

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
    let o = match parse(std::env::args().skip(1)) {
        Parsed::Run(o) => o,
        Parsed::Help => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Parsed::Error(e) => {
            eprintln!("{e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let target = target_dir();
    let out = target.join("bench-report");
    if let Err(e) = std::fs::create_dir_all(&out) {
        eprintln!("{}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    if !o.compare.is_empty() {
        let runs: Result<Vec<PairsReport>, String> = o.compare.iter().map(|p| load(p)).collect();
        return match runs {
            Ok(runs) => write_compare(&runs, &out),
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        };
    }
    if o.run {
        // Measured on the 2-core machine: --pairs-only about 3 min (2026-12-07, loaded); --quick
        // 14 min 23 s and 14 min 20 s of passes (2026-12-07, quiet, no memory pass) plus its
        // builds, about 5 min after a change to the benches alone.
        let (what, one) = if o.pairs_only {
            ("--pairs-only", 5)
        } else if o.quick {
            ("--quick", 20)
        } else {
            ("criterion's default settings", 180)
        };
        println!(
            "[{}] {what} on a 2-core machine: about {one} min per run with incremental builds{}; \
             a refined estimate follows the builds",
            oxen_benches::report::utc_now(),
            if o.repeat > 1 {
                format!(", {} runs about {} min", o.repeat, one * o.repeat)
            } else {
                String::new()
            }
        );
    }
    let mut reports = Vec::new();
    for k in 1..=o.repeat {
        let dir = if o.repeat > 1 {
            out.join(format!("run-{k}"))
        } else {
            out.clone()
        };
        match one_run(&o, &target, &dir, k) {
            Ok(p) => reports.extend(p),
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        }
    }
    if o.repeat > 1 && reports.len() > 1 {
        return write_compare(&reports, &out);
    }
    ExitCode::SUCCESS
}

fn load(path: &Path) -> Result<PairsReport, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn write_compare(runs: &[PairsReport], out: &Path) -> ExitCode {
    let mut md = String::from("# Paired ratios, run by run\n\n");
    for (i, r) in runs.iter().enumerate() {
        md.push_str(&format!(
            "- run {}: {}, {}; main build: {}; {}\n",
            i + 1,
            r.date,
            r.cpu,
            r.main_backend,
            oxen_benches::report::load::describe(r.other_cpus)
        ));
    }
    md.push('\n');
    md.push_str(&markdown_compare(runs));
    println!("\n{md}");
    match std::fs::write(out.join("COMPARE.md"), &md) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}: {e}", out.join("COMPARE.md").display());
            ExitCode::FAILURE
        }
    }
}

/// The executables of the builds a run needs.
#[derive(Default)]
struct Builds {
    main: Vec<BenchExe>,
    main_pairs: Option<PathBuf>,
    avx2: Option<Vec<BenchExe>>,
    avx2_pairs: Option<PathBuf>,
    memory: Option<Vec<BenchExe>>,
}

fn take_pairs(exes: &mut Vec<BenchExe>) -> Option<PathBuf> {
    let at = exes.iter().position(|e| e.name == PAIRS)?;
    Some(exes.remove(at).path)
}

/// Builds everything first (compile errors show before any measuring): the main build, then
/// the AVX2 build only when the main build's `pairs` binary says it runs IFMA.
fn builds(o: &Options, target: &Path, dir: &Path, log: &mut Log) -> Result<Builds, String> {
    let root = workspace_root();
    let only_pairs = if o.pairs_only {
        vec![PAIRS.to_owned()]
    } else {
        Vec::new()
    };
    let mut main = build(
        &root,
        &Build {
            name: "main".into(),
            target_dir: target.to_owned(),
            rustflags: None,
            features: Vec::new(),
            benches: only_pairs.clone(),
        },
        log,
    )?;
    let main_pairs = take_pairs(&mut main);
    let ifma = match &main_pairs {
        Some(exe) if o.pairs => {
            let b = probe_backend(exe, dir)?;
            log.line(&format!("main build backend: {b}"));
            runs_ifma(&b)
        }
        _ => oxen_benches::report::dalek_backend().starts_with("AVX-512 IFMA"),
    };
    let mut b = Builds {
        main,
        main_pairs,
        ..Builds::default()
    };
    if o.avx2 && ifma {
        let mut names: Vec<String> = if o.pairs_only {
            Vec::new()
        } else {
            AVX2_BINARIES.iter().map(|s| (*s).to_owned()).collect()
        };
        names.push(PAIRS.to_owned());
        let mut exes = build(
            &root,
            &Build {
                name: "avx2".into(),
                target_dir: target.join("avx2"),
                rustflags: Some(AVX2_RUSTFLAGS.into()),
                features: Vec::new(),
                benches: names,
            },
            log,
        )?;
        b.avx2_pairs = take_pairs(&mut exes);
        exes.retain(|e| AVX2_BINARIES.contains(&e.name.as_str()));
        b.avx2 = (!o.pairs_only).then_some(exes);
    } else if o.avx2 {
        log.line("no AVX2 build: the main build does not run AVX-512 IFMA, so it would run the same backend");
    }
    if o.memory {
        // The criterion binaries of the main build, by name (not `pairs`: nothing to count).
        let names: Vec<String> = b.main.iter().map(|e| e.name.clone()).collect();
        let mut exes = build(
            &root,
            &Build {
                name: "memory".into(),
                target_dir: target.to_owned(),
                rustflags: None,
                features: vec!["memory".into()],
                benches: names,
            },
            log,
        )?;
        exes.retain(|e| e.name != PAIRS);
        b.memory = Some(exes);
    }
    Ok(b)
}

fn settings(o: &Options) -> Settings {
    let mut s = if o.quick || o.pairs_only {
        Settings::QUICK
    } else {
        Settings::FULL
    };
    if let Some(n) = o.rounds {
        s.max_rounds = n;
        s.min_rounds = s.min_rounds.min(n);
    }
    s
}

/// One run: builds, passes, files. Returns the paired results, when measured or saved.
fn one_run(o: &Options, target: &Path, dir: &Path, k: u32) -> Result<Option<PairsReport>, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let log_name = if o.run { "run.log" } else { "report.log" };
    let mut log = Log::new(Some(&dir.join(log_name)));
    if o.repeat > 1 {
        log.line(&format!("run {k} of {}", o.repeat));
    }
    let settings_text = if o.quick {
        "quick (criterion --warm-up-time 0.5 --measurement-time 1 --sample-size 10 --nresamples 10000)"
    } else {
        "full (criterion defaults)"
    };
    let mut env = Environment::detect(settings_text);
    log.line(&format!("CPU: {} ({} logical CPUs)", env.cpu, env.cpus));
    let t0 = std::time::Instant::now();
    let started = std::time::SystemTime::now();
    let mut memory = Vec::new();
    let mut pairs = None;
    let criterion_home = |t: &Path| criterion_dir(t);
    if o.run {
        let b = builds(o, target, dir, &mut log)?;
        let work = Work {
            pairs: match &b.main_pairs {
                Some(exe) if o.pairs => plan(
                    &list_pairs(exe)?,
                    &Select {
                        headline_only: o.pairs_only,
                        filter: o.filter.clone(),
                    },
                    b.avx2_pairs.is_some(),
                )
                .len(),
                _ => 0,
            },
            pair_time: settings(o).estimated_pair_time(),
            criterion: count(&b.main, o.filter.as_deref(), o.pairs_only),
            avx2: b.avx2.as_ref().map_or(0, |e| {
                count(e, Some(o.filter.as_deref().unwrap_or(AVX2_FILTER)), false)
            }),
            memory: b
                .memory
                .as_ref()
                .map_or(0, |e| count(e, o.filter.as_deref(), false)),
            quick: o.quick,
        };
        log.line(&work.describe(o.repeat.saturating_sub(k) + 1));
        if let (true, Some(main_exe)) = (o.pairs, &b.main_pairs) {
            let pass = PairsPass {
                main_exe: main_exe.clone(),
                other_exe: b.avx2_pairs.clone(),
                settings: settings(o),
                select: Select {
                    headline_only: o.pairs_only,
                    filter: o.filter.clone(),
                },
                log_dir: dir.to_owned(),
            };
            let p = run_pairs_pass(&pass, "paired pass", &mut log)?;
            let json = serde_json::to_string_pretty(&p).map_err(|e| e.to_string())?;
            std::fs::write(dir.join("pairs.json"), json).map_err(|e| e.to_string())?;
            pairs = Some(p);
        }
        if !o.pairs_only {
            let passes = criterion_passes(o, target, b, &mut log);
            memory = passes.memory;
            if let Some(bk) = passes.main_backend {
                env.dalek_backend = bk;
            }
            env.avx2_backend = passes.avx2_backend;
        }
    } else {
        let last = from_log(&dir.join("run.log"));
        memory = last.memory;
        if let Some(b) = last.main_backend {
            env.dalek_backend = b;
        }
        env.avx2_backend = last.avx2_backend;
        pairs = load(&dir.join("pairs.json")).ok();
    }
    if let Some(p) = &pairs {
        env.dalek_backend.clone_from(&p.main_backend);
        if p.other_backend.is_some() {
            env.avx2_backend.clone_from(&p.other_backend);
        }
    }
    if o.pairs_only {
        let Some(p) = &pairs else {
            return Err("--pairs-only: no paired results".into());
        };
        let md = format!("# oxen-rs paired ratios\n\n{}", markdown_pairs(p));
        println!("\n{md}");
        std::fs::write(dir.join("PAIRS.md"), md).map_err(|e| e.to_string())?;
        log.line(&format!(
            "wrote {}; whole run {}",
            dir.join("PAIRS.md").display(),
            format_duration(t0.elapsed())
        ));
        return Ok(pairs);
    }
    let since = o.run.then_some(started);
    let main = fresh(&criterion_home(target), since, &mut log)?;
    let avx2 = fresh(&criterion_home(&target.join("avx2")), since, &mut log).unwrap_or_default();
    let mut rows = build_rows(&main);
    if env.avx2_backend.is_some() {
        add_avx2(&mut rows, &avx2);
    }
    add_memory(&mut rows, &memory);
    let (curve_rows, table_rows): (Vec<_>, Vec<_>) = rows
        .into_iter()
        .partition(|r| curve_point(&r.operation).is_some());
    let curves = curves(&curve_rows);
    let mut report = markdown_report(&table_rows, &env, pairs.as_ref());
    report.push('\n');
    report.push_str(&markdown_curves(&curves, "."));
    if o.run {
        report.push_str(&format!(
            "\nWhole run (builds and passes): {}\n",
            format_duration(t0.elapsed())
        ));
    }
    let mut files = vec![("REPORT.md".to_owned(), report.clone())];
    if let Some(p) = &pairs {
        match render_svg(
            &bars(p),
            &format!("oxen-rs vs peers and floors, paired, {} UTC", env.date),
        ) {
            Ok(svg) => files.push(("ratios.svg".to_owned(), svg)),
            Err(e) => log.line(&e.to_string()),
        }
    }
    for c in &curves {
        match render_curve_svg(c) {
            Ok(svg) => files.push((svg_name(&c.group), svg)),
            Err(e) => log.line(&format!("{}: {e}", c.group)),
        }
    }
    for (name, text) in &files {
        std::fs::write(dir.join(name), text)
            .map_err(|e| format!("{}: {e}", dir.join(name).display()))?;
        if let Some(plots) = &o.plots
            && name.ends_with(".svg")
        {
            let copied = std::fs::create_dir_all(plots)
                .and_then(|()| std::fs::write(plots.join(name), text));
            if let Err(e) = copied {
                log.line(&format!("{}: {e}", plots.display()));
            }
        }
    }
    println!("\n{report}");
    log.line(&format!(
        "{} benchmarks ({} AVX2, {} memory, {} paired ratios) in {} operations and {} curves; wrote {} files to {}",
        main.len(),
        avx2.len(),
        memory.len(),
        pairs.as_ref().map_or(0, |p| p.outcomes.len()),
        table_rows.len(),
        curves.len(),
        files.len(),
        dir.display()
    ));
    Ok(pairs)
}

/// Benchmarks a criterion pass over `exes` would run.
fn count(exes: &[BenchExe], filter: Option<&str>, skip: bool) -> usize {
    if skip {
        return 0;
    }
    exes.iter().map(|e| list(e, filter).len()).sum()
}

/// What the criterion passes printed that the report uses.
struct CriterionPasses {
    main_backend: Option<String>,
    avx2_backend: Option<String>,
    memory: Vec<(String, AllocStats)>,
}

fn criterion_passes(o: &Options, target: &Path, b: Builds, log: &mut Log) -> CriterionPasses {
    let settings: Vec<String> = if o.quick {
        QUICK_ARGS.iter().map(|s| (*s).to_owned()).collect()
    } else {
        Vec::new()
    };
    let n = 1 + usize::from(b.avx2.is_some()) + usize::from(b.memory.is_some());
    let main = run_pass(
        &Pass {
            title: format!("criterion 1/{n}, main build"),
            exes: b.main,
            args: settings.clone(),
            criterion_home: criterion_dir(target),
        },
        o.filter.as_deref(),
        log,
    );
    let avx2 = b.avx2.map(|exes| {
        run_pass(
            &Pass {
                title: format!("criterion 2/{n}, AVX2 build"),
                exes,
                args: settings.clone(),
                criterion_home: criterion_dir(&target.join("avx2")),
            },
            Some(o.filter.as_deref().unwrap_or(AVX2_FILTER)),
            log,
        )
    });
    let memory = b.memory.map(|exes| {
        run_pass(
            &Pass {
                title: format!("criterion {n}/{n}, memory"),
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
    CriterionPasses {
        main_backend: main.backends.first().map(|(_, b)| b.clone()),
        avx2_backend: avx2.and_then(|a| a.backends.first().map(|(_, b)| b.clone())),
        memory: memory.map(|m| m.memory).unwrap_or_default(),
    }
}
