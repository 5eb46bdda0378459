//! `cargo run --profile bench -p oxen-benches --features ct --bin ct -- [--samples N] [--filter NAME]`
//!
//! dudect-style constant-time evidence (Reparaz, Balasch, Verbauwhede, "Dude, is my code
//! constant time?", 2017) for every secret-dependent operation of the workspace, measured with
//! the `dudect-bencher` crate: each test times one operation on inputs of two classes, class A
//! and class B, interleaved at random, and Welch's t-test (on the raw timings and on 100
//! percentile-cropped subsets) compares the two timing distributions. The table gives the
//! largest |t| found:
//!
//! - |t| < 4.5: no evidence of a leak at this sample size;
//! - 4.5 <= |t| <= 10: inconclusive (rerun on a quiet machine, with more samples);
//! - |t| > 10: a clear leak.
//!
//! Not in CI: timings need a quiet machine. Each test runs in its own child process (this same
//! binary with `--child NAME`), so the tests do not share caches or allocator state, and the
//! parent reads dudect-bencher's result line from the child.
//!
//! `--samples N` sets the number of timed calls of every test (default: per test, see the
//! table); `--filter NAME` runs only the tests whose name contains NAME.

mod crypto;
mod protocol;
mod session;

use std::process::{Command, ExitCode};
use std::sync::OnceLock;

use dudect_bencher::ctbench::{BenchMetadata, BenchName, BenchOpts, run_benches_console};
use dudect_bencher::{BenchRng, Class, CtRunner};
use rand::RngExt;

/// One constant-time test.
struct Test {
    /// The dudect bench name (unique, and no name is a substring of another).
    name: &'static str,
    /// What class A holds.
    class_a: &'static str,
    /// What class B holds.
    class_b: &'static str,
    /// Default number of timed calls.
    samples: usize,
    /// The bench function.
    run: fn(&mut CtRunner, &mut BenchRng),
    /// A positive control: variable time on purpose, it must show a leak (else the harness
    /// cannot see one on this machine and the other rows mean nothing).
    control: bool,
}

const TESTS: &[Test] = &[
    Test {
        name: "secret_key_to_public_key",
        class_a: "secret = 1",
        class_b: "random secret",
        samples: 100_000,
        control: false,
        run: crypto::secret_key_to_public_key,
    },
    Test {
        name: "generate_key_derivation",
        class_a: "secret = 1",
        class_b: "random secret",
        samples: 50_000,
        control: false,
        run: crypto::generate_key_derivation,
    },
    Test {
        name: "generate_key_image",
        class_a: "secret = 1",
        class_b: "random secret",
        samples: 50_000,
        control: false,
        run: crypto::generate_key_image,
    },
    Test {
        name: "clsag_sign",
        class_a: "real index 0",
        class_b: "random real index",
        samples: 10_000,
        control: false,
        run: crypto::clsag_sign,
    },
    Test {
        name: "mlsag_sign",
        class_a: "real index 0",
        class_b: "random real index",
        samples: 10_000,
        control: false,
        run: crypto::mlsag_sign,
    },
    Test {
        name: "ring_signature_sign",
        class_a: "real index 0",
        class_b: "random real index",
        samples: 10_000,
        control: false,
        run: crypto::ring_signature_sign,
    },
    Test {
        name: "ecdh_decode",
        class_a: "fixed amount key",
        class_b: "random amount key",
        samples: 200_000,
        control: false,
        run: protocol::ecdh_decode,
    },
    Test {
        name: "onion_hop_key_derive",
        class_a: "fixed X25519 secret",
        class_b: "random X25519 secret",
        samples: 50_000,
        control: false,
        run: protocol::onion_hop_key_derive,
    },
    Test {
        name: "x25519_edwards",
        class_a: "fixed scalar",
        class_b: "random scalar",
        samples: 50_000,
        control: false,
        run: protocol::x25519_edwards,
    },
    Test {
        name: "ons_decrypt",
        class_a: "fixed name",
        class_b: "random name",
        samples: 200_000,
        control: false,
        run: protocol::ons_decrypt,
    },
    Test {
        name: "session_ed25519_key_from_seed",
        class_a: "fixed seed",
        class_b: "random seed",
        samples: 50_000,
        control: false,
        run: session::ed25519_key_from_seed,
    },
    Test {
        name: "session_ed25519_sign",
        class_a: "fixed seed",
        class_b: "random seed",
        samples: 50_000,
        control: false,
        run: session::ed25519_sign,
    },
    Test {
        name: "session_xed25519_sign",
        class_a: "fixed X25519 secret",
        class_b: "random X25519 secret",
        samples: 50_000,
        control: false,
        run: session::xed25519_sign,
    },
    Test {
        name: "session_blind15_key_pair",
        class_a: "fixed seed",
        class_b: "random seed",
        samples: 50_000,
        control: false,
        run: session::blind15_key_pair_row,
    },
    Test {
        name: "session_blind25_key_pair",
        class_a: "fixed seed",
        class_b: "random seed",
        samples: 50_000,
        control: false,
        run: session::blind25_key_pair_row,
    },
    Test {
        name: "session_blind15_sign",
        class_a: "fixed seed",
        class_b: "random seed",
        samples: 20_000,
        control: false,
        run: session::blind15_sign_row,
    },
    Test {
        name: "session_blind25_sign",
        class_a: "fixed seed",
        class_b: "random seed",
        samples: 20_000,
        control: false,
        run: session::blind25_sign_row,
    },
    Test {
        name: "session_box_key",
        class_a: "fixed X25519 secret",
        class_b: "random X25519 secret",
        samples: 50_000,
        control: false,
        run: session::box_key,
    },
    Test {
        name: "session_sealed_box_seal",
        class_a: "fixed ephemeral secret",
        class_b: "random ephemeral secret",
        samples: 20_000,
        control: false,
        run: session::sealed_box_seal,
    },
    Test {
        name: "session_sealed_box_open",
        class_a: "fixed recipient secret",
        class_b: "random recipient secret",
        samples: 20_000,
        control: false,
        run: session::sealed_box_open,
    },
    Test {
        name: "session_multi_encrypt_key",
        class_a: "fixed sender secret",
        class_b: "random sender secret",
        samples: 50_000,
        control: false,
        run: session::multi_encrypt_key,
    },
    Test {
        name: "session_config_encrypt_key",
        class_a: "fixed key base",
        class_b: "random key base",
        samples: 100_000,
        control: false,
        run: session::config_encrypt_key,
    },
    Test {
        name: "session_blinded_dm_decrypt",
        class_a: "fixed recipient seed",
        class_b: "random recipient seed",
        samples: 10_000,
        control: false,
        run: session::blinded_dm_decrypt,
    },
    Test {
        name: "control_vartime_mul",
        class_a: "scalar = 1",
        class_b: "random scalar",
        samples: 20_000,
        control: true,
        run: crypto::control_vartime_mul,
    },
];

/// The sample count of the running child (set once from its arguments).
static SAMPLES: OnceLock<usize> = OnceLock::new();

/// The number of timed calls for this run.
pub(crate) fn samples() -> usize {
    SAMPLES.get().copied().unwrap_or(10_000)
}

/// Class A or B with probability 1/2 each.
pub(crate) fn draw_class(rng: &mut BenchRng) -> Class {
    if rng.random::<bool>() {
        Class::Left
    } else {
        Class::Right
    }
}

/// Stops the process on a setup error (never on a timed path).
pub(crate) fn fail(what: &str) -> ! {
    eprintln!("ct: setup failed: {what}");
    std::process::exit(2)
}

const USAGE: &str = "usage: ct [--samples N] [--filter NAME] [--list]\n\
  --samples N    timed calls per test (default: per test, see --list)\n\
  --filter NAME  only the tests whose name contains NAME\n\
  --list         print the tests (name, classes, default samples) and exit";

struct Args {
    samples: Option<usize>,
    filter: Option<String>,
    child: Option<String>,
    list: bool,
    help: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        samples: None,
        filter: None,
        child: None,
        list: false,
        help: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || {
            it.next()
                .ok_or_else(|| format!("{a} needs a value\n{USAGE}"))
        };
        match a.as_str() {
            "--samples" => {
                let v = value()?;
                args.samples = Some(v.parse().map_err(|_| format!("bad sample count {v}"))?);
            }
            "--filter" => args.filter = Some(value()?),
            "--child" => args.child = Some(value()?),
            "--list" => args.list = true,
            "-h" | "--help" => args.help = true,
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    Ok(args)
}

/// Runs one test in this process with dudect-bencher's console runner.
fn run_child(test: &Test, samples: usize) -> ExitCode {
    let _ = SAMPLES.set(samples);
    let opts = BenchOpts {
        filter: Some(test.name.to_string()),
        ..BenchOpts::default()
    };
    let bench = BenchMetadata {
        name: BenchName(test.name),
        seed: None,
        benchfn: test.run,
    };
    match run_benches_console(opts, vec![bench]) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ct: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The `max t = ..` value of dudect-bencher's result line.
fn parse_max_t(stdout: &str) -> Option<f64> {
    let rest = stdout.split("max t = ").nth(1)?;
    rest.split(',').next()?.trim().parse().ok()
}

fn verdict(t: f64) -> &'static str {
    let t = t.abs();
    if t < 4.5 {
        "no evidence of a leak"
    } else if t <= 10.0 {
        "inconclusive: rerun quiet"
    } else {
        "LEAK"
    }
}

fn control_verdict(t: f64) -> &'static str {
    if t.abs() > 10.0 {
        "control: leak seen, as it must be"
    } else {
        "CONTROL FAILED: the harness sees no leak"
    }
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    if args.help || args.list {
        if args.help {
            println!("{USAGE}\n");
        }
        println!("| test | class A | class B | default samples |\n|---|---|---|---:|");
        for t in TESTS {
            println!(
                "| {} | {} | {} | {} |",
                t.name, t.class_a, t.class_b, t.samples
            );
        }
        return ExitCode::SUCCESS;
    }
    if let Some(name) = &args.child {
        let Some(test) = TESTS.iter().find(|t| t.name == name) else {
            eprintln!("ct: no test {name}");
            return ExitCode::FAILURE;
        };
        return run_child(test, args.samples.unwrap_or(test.samples));
    }
    let Ok(exe) = std::env::current_exe() else {
        eprintln!("ct: cannot find its own executable");
        return ExitCode::FAILURE;
    };
    println!("| operation | class A | class B | samples | max \\|t\\| | verdict |");
    println!("|---|---|---|---:|---:|---|");
    let mut worst = 0f64;
    for test in TESTS {
        if args
            .filter
            .as_ref()
            .is_some_and(|f| !test.name.contains(f.as_str()))
        {
            continue;
        }
        let samples = args.samples.unwrap_or(test.samples);
        let out = Command::new(&exe)
            .args(["--child", test.name, "--samples", &samples.to_string()])
            .output();
        let t = out
            .ok()
            .filter(|o| o.status.success())
            .and_then(|o| parse_max_t(&String::from_utf8_lossy(&o.stdout)));
        match t {
            Some(t) => {
                let v = if test.control {
                    control_verdict(t)
                } else {
                    worst = worst.max(t.abs());
                    verdict(t)
                };
                println!(
                    "| {} | {} | {} | {samples} | {:.2} | {v} |",
                    test.name,
                    test.class_a,
                    test.class_b,
                    t.abs(),
                );
            }
            None => println!(
                "| {} | {} | {} | {samples} | - | run failed |",
                test.name, test.class_a, test.class_b
            ),
        }
    }
    println!(
        "\nlargest |t| (controls excluded): {worst:.2} ({})",
        verdict(worst)
    );
    ExitCode::SUCCESS
}
