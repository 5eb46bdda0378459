//! `pairs`: the paired measurements behind every ratio of the report (see
//! `oxen_benches::paired` for the method; `registry.rs` lists the pairs).
//!
//! A bench target (not a `[[bin]]`) so that it can link the peer crates, which are
//! dev-dependencies. Modes:
//!
//! - `pairs --serve`: answer the report's requests on stdin/stdout (its paired pass runs one
//!   such process per build);
//! - `cargo bench -p oxen-benches --bench pairs [-- [--full] [--headline] [FILTER]]`: measure
//!   every pair (or the headline ones, or those whose benchmark ids contain FILTER) in this
//!   one process, with the quick settings (`--full`: the longer ones), and print the table;
//! - `--list`: print the registered pairs;
//! - anything else (`cargo test -p oxen-benches --benches`): set every group up and run each
//!   side of every pair once.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod block;
mod bulletproof;
mod clsag;
mod onion;
mod ons;
mod registry;
mod session;
mod session_net;
mod tx_misc;

use std::io::Write as _;
use std::process::ExitCode;

use oxen_benches::paired::protocol::{Reply, serve};
use oxen_benches::paired::{Registry, Settings, Timer};
use oxen_benches::report::load::LoadProbe;
use oxen_benches::report::pairs::{PairsReport, Proc, Select, Split, plan};
use oxen_benches::report::pairs_md::markdown_pairs;
use oxen_benches::report::pairs_run::run_jobs;
use oxen_benches::report::{cpu_model, dalek_backend, utc_now};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let has = |flag: &str| args.iter().any(|a| a == flag);
    // Single-threaded, as the criterion benches (the 2-thread block pair builds its own pool).
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build_global();
    let mut reg = registry::registry();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    reg.seed_jitter((u64::from(std::process::id()) << 32) ^ u64::from(nanos));
    if let Err(e) = reg.validate() {
        eprintln!("pairs: {e}");
        return ExitCode::FAILURE;
    }
    if has("--serve") {
        let out = std::io::stdout().lock();
        return match serve(&mut reg, &dalek_backend(), std::io::stdin().lock(), out) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("pairs: {e}");
                ExitCode::FAILURE
            }
        };
    }
    if has("--list") {
        let mut out = std::io::stdout().lock();
        for p in reg.pairs() {
            let _ = writeln!(out, "{}", Reply::Pair(p.clone()).to_line());
        }
        return ExitCode::SUCCESS;
    }
    if has("--bench") {
        let filter = args.iter().find(|a| !a.starts_with("--")).cloned();
        let select = Select {
            headline_only: has("--headline"),
            filter,
        };
        let settings = if has("--full") {
            Settings::FULL
        } else {
            Settings::QUICK
        };
        standalone(&mut reg, &select, settings);
        return ExitCode::SUCCESS;
    }
    match reg.smoke() {
        Ok(n) => {
            println!(
                "pairs: {n} benchmarks of {} pairs ran once",
                reg.pairs().len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("pairs: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Every selected pair in this process, then the table.
fn standalone(reg: &mut Registry, select: &Select, settings: Settings) {
    let started = std::time::Instant::now();
    let jobs = plan(reg.pairs(), select, false);
    let date = utc_now();
    let probe = LoadProbe::start(&[]);
    let outcomes = {
        let mut timers: Vec<&mut dyn Timer> = vec![reg];
        let index = |p: Proc| (p == Proc::Main).then_some(0);
        run_jobs(&jobs, &mut timers, &index, &[], &settings, &mut |i, job| {
            eprintln!("[{}/{}] {}", i + 1, jobs.len(), job.label());
        })
    };
    let other_cpus = probe.other_cpus(&[]);
    let report = PairsReport {
        date,
        cpu: cpu_model(),
        settings,
        main_backend: dalek_backend(),
        other_backend: None,
        split: Split::NotMeasured(
            "Backend split not measured: a standalone run has one build (the report measures \
             it: `cargo run --release -p oxen-benches --bin report -- --pairs-only`)."
                .to_owned(),
        ),
        outcomes,
        seconds: started.elapsed().as_secs_f64(),
        other_cpus,
    };
    println!("{}", markdown_pairs(&report));
}
