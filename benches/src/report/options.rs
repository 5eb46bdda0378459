//! The `report` binary's command line.

use std::path::PathBuf;

/// The usage text.
pub const USAGE: &str = "usage: report [--quick] [--pairs-only] [--repeat N] [--rounds N] [--no-run] [--no-avx2]\n\
               [--memory | --no-memory] [--no-pairs] [--plots DIR] [--filter TEXT]\n\
               [--compare A.json B.json ...]\n\
  --quick        short settings: criterion 0.5 s warm-up, 1 s measurement, 10 samples; pairs\n\
                 20 ms per side, 21-61 rounds (a headline pair's spread over 8 processes); no\n\
                 memory build and pass unless --memory (about 20 min on 2 cores: 15 min of\n\
                 passes, about 5 min of incremental builds after a change to the benches)\n\
  --pairs-only   only the headline paired ratios, the A/A control and (where two backends run)\n\
                 the backend split; writes PAIRS.md and pairs.json (under 10 min)\n\
  --repeat N     the whole run N times in a row (run-1/, run-2/ ...), then COMPARE.md: every\n\
                 ratio side by side, headline ratios within +-5%, A/A within 0.95-1.05\n\
  --rounds N     at most N measured rounds per pair (and at least min(N, the minimum))\n\
  --no-run       measure nothing: rebuild the report from saved results\n\
  --no-avx2      no AVX2 build: no backend split, no `oxen (AVX2)` column\n\
  --memory       the memory build and pass (allocations and peak heap per call) with --quick\n\
  --no-memory    no memory build and pass\n\
  --no-pairs     no paired pass (the report then prints no ratios)\n\
  --plots DIR    also copy the SVG charts into DIR\n\
  --filter TEXT  criterion regex for the criterion passes; pairs whose ids contain TEXT\n\
  --compare      print and write COMPARE.md for saved pairs.json files, measure nothing";

/// What the command line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// `--quick`.
    pub quick: bool,
    /// Not `--no-run`.
    pub run: bool,
    /// Not `--no-avx2`.
    pub avx2: bool,
    /// The memory build and pass: on by default, off with `--quick` unless `--memory`, off
    /// with `--no-memory` and `--pairs-only`.
    pub memory: bool,
    /// Not `--no-pairs`.
    pub pairs: bool,
    /// `--pairs-only`.
    pub pairs_only: bool,
    /// `--repeat N` (1 without it).
    pub repeat: u32,
    /// `--rounds N`.
    pub rounds: Option<usize>,
    /// `--plots DIR`.
    pub plots: Option<PathBuf>,
    /// `--filter TEXT`.
    pub filter: Option<String>,
    /// `--compare FILE...`.
    pub compare: Vec<PathBuf>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            quick: false,
            run: true,
            avx2: true,
            memory: true,
            pairs: true,
            pairs_only: false,
            repeat: 1,
            rounds: None,
            plots: None,
            filter: None,
            compare: Vec::new(),
        }
    }
}

/// What parsing decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    /// Run with these options.
    Run(Options),
    /// Print the usage and exit successfully (`-h`, `--help`).
    Help,
    /// A usage error, with its message.
    Error(String),
}

/// Parses the arguments (without the program name).
#[must_use]
pub fn parse(args: impl IntoIterator<Item = String>) -> Parsed {
    let mut o = Options::default();
    let mut memory = None;
    let mut args = args.into_iter().peekable();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--quick" => o.quick = true,
            "--no-run" => o.run = false,
            "--no-avx2" => o.avx2 = false,
            "--memory" => memory = Some(true),
            "--no-memory" => memory = Some(false),
            "--no-pairs" => o.pairs = false,
            "--pairs-only" => o.pairs_only = true,
            "--plots" => match args.next() {
                Some(d) => o.plots = Some(PathBuf::from(d)),
                None => return Parsed::Error("--plots needs a directory".into()),
            },
            "--filter" => match args.next() {
                Some(f) => o.filter = Some(f),
                None => return Parsed::Error("--filter needs a text".into()),
            },
            "--repeat" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) if n >= 1 => o.repeat = n,
                _ => return Parsed::Error("--repeat needs a count of at least 1".into()),
            },
            "--rounds" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) if n >= 1 => o.rounds = Some(n),
                _ => return Parsed::Error("--rounds needs a count of at least 1".into()),
            },
            "--compare" => {
                while let Some(f) = args.next_if(|a| !a.starts_with("--")) {
                    o.compare.push(PathBuf::from(f));
                }
                if o.compare.len() < 2 {
                    return Parsed::Error("--compare needs two or more pairs.json files".into());
                }
            }
            "-h" | "--help" => return Parsed::Help,
            other => return Parsed::Error(format!("unknown argument {other:?}")),
        }
    }
    if memory == Some(true) && o.pairs_only {
        return Parsed::Error("--pairs-only measures no memory: drop --memory".into());
    }
    // A quick run is for ratios and times: the memory pass (a third build and about 10 min of
    // criterion's 1 s minimum profile time per benchmark) only when asked for.
    o.memory = memory.unwrap_or(!o.quick);
    if o.pairs_only && !o.pairs {
        return Parsed::Error("--pairs-only and --no-pairs exclude each other".into());
    }
    if o.pairs_only {
        o.memory = false;
    }
    Parsed::Run(o)
}
