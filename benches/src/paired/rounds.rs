//! The rounds of one paired measurement: calibrate each side to a short, fixed share of a
//! round, then alternate `a` and `b` round after round, the order of the two drawn at random
//! in each round, and keep each side's time per iteration.
//!
//! The two sides may live in one process (ours and a peer, linked together) or in two (the
//! same routine in two builds); a [`Timer`] hides which: it runs `n` iterations of a named
//! benchmark and reports the elapsed nanoseconds, measured where the routine runs.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::PairError;
use super::stats::{
    BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED, Interval, SplitMix64, bootstrap_mean_of_medians,
    bootstrap_median,
};

/// The most iterations one side of a round may ask for (calibration stays far below).
pub const MAX_ITERS: u64 = 1 << 24;

/// Something that can time `iters` runs of a named benchmark.
pub trait Timer {
    /// Runs benchmark `bench` (`operation/implementation`) `iters` times; the elapsed
    /// nanoseconds.
    ///
    /// # Errors
    /// An unknown benchmark, or a failure talking to the process that runs it.
    fn time(&mut self, bench: &str, iters: u64) -> Result<f64, PairError>;
}

/// How long and how often to alternate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Each side's share of a round (the iteration counts are calibrated to it).
    pub side_target: Duration,
    /// Rounds measured at most.
    pub max_rounds: usize,
    /// Rounds measured at least, even when a round is longer than the budget allows.
    pub min_rounds: usize,
    /// Rounds run first and discarded.
    pub warmup_rounds: usize,
    /// Time the measured rounds of one pair should take (sets the round count between the
    /// two bounds).
    pub pair_budget: Duration,
    /// Seed of the per-round order.
    pub seed: u64,
    /// Fresh processes the report spreads a headline pair's rounds over (1: one process).
    /// A routine's speed can depend on its process (2026-12-07: monero-bulletproofs' verify
    /// ran about 1.04 ms in some processes and 1.14 ms in others, each steady within itself),
    /// which no number of rounds in one process averages out.
    #[serde(default = "one_process")]
    pub processes: usize,
}

fn one_process() -> usize {
    1
}

impl Settings {
    /// The `--quick` settings: 20 ms per side, 21 to 61 rounds in about 5 s per pair.
    pub const QUICK: Settings = Settings {
        side_target: Duration::from_millis(20),
        max_rounds: 61,
        min_rounds: 21,
        warmup_rounds: 3,
        pair_budget: Duration::from_secs(5),
        seed: 0x5eed_0f0a_11be_c4a1,
        processes: 8,
    };

    /// The default settings: 50 ms per side, 31 to 201 rounds in about 20 s per pair.
    pub const FULL: Settings = Settings {
        side_target: Duration::from_millis(50),
        max_rounds: 201,
        min_rounds: 31,
        warmup_rounds: 5,
        pair_budget: Duration::from_secs(20),
        seed: 0x5eed_0f0a_11be_c4a1,
        processes: 8,
    };

    /// The settings of one of [`Settings::processes`] processes: the rounds' bounds and the
    /// budget divided among them (rounded up), the warm-up kept.
    #[must_use]
    pub fn per_process(&self) -> Settings {
        let p = self.processes.max(1);
        Settings {
            max_rounds: self.max_rounds.div_ceil(p),
            min_rounds: self.min_rounds.div_ceil(p),
            pair_budget: self.pair_budget / u32::try_from(p).unwrap_or(u32::MAX),
            processes: 1,
            ..*self
        }
    }

    /// The measured rounds for a round of `round_ns` nanoseconds: the budget's worth, within
    /// `min_rounds..=max_rounds`.
    #[must_use]
    pub fn rounds_for(&self, round_ns: f64) -> usize {
        let budget = self.pair_budget.as_secs_f64() * 1e9;
        let fit = if round_ns > 0.0 && round_ns.is_finite() {
            (budget / round_ns).floor()
        } else {
            0.0
        };
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let fit = fit.min(1e9) as usize;
        fit.clamp(self.min_rounds, self.max_rounds.max(self.min_rounds))
    }

    /// An upper estimate of one pair's time (calibration, warm-up and measured rounds, at
    /// most the budget or the minimum rounds of one side's target each).
    #[must_use]
    pub fn estimated_pair_time(&self) -> Duration {
        let round = self.side_target * 2;
        let measured = self
            .pair_budget
            .max(round * u32::try_from(self.min_rounds).unwrap_or(u32::MAX));
        measured + round * u32::try_from(self.warmup_rounds + 2).unwrap_or(u32::MAX)
    }
}

/// One side of a pair: which timer, which benchmark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side {
    /// Index into the timers passed to [`measure`].
    pub timer: usize,
    /// The benchmark id.
    pub bench: String,
}

/// What the rounds measured: each side's iteration count and its time per iteration in each
/// measured round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rounds {
    /// Iterations of `a` per round.
    pub iters_a: u64,
    /// Iterations of `b` per round.
    pub iters_b: u64,
    /// `a`'s nanoseconds per iteration, round by round.
    pub a_ns: Vec<f64>,
    /// `b`'s nanoseconds per iteration, round by round.
    pub b_ns: Vec<f64>,
    /// When the rounds were spread over processes: how many came from each, in order (their
    /// sum is the number of rounds); empty for one process.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub processes: Vec<usize>,
}

/// The summary of [`Rounds`]: the ratio with its interval, and each side's median time.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// `a / b`: the median of the per-round ratios and its bootstrap 95% interval.
    pub ratio: Interval,
    /// `a`'s median nanoseconds per iteration.
    pub a_ns: f64,
    /// `b`'s median nanoseconds per iteration.
    pub b_ns: f64,
    /// Measured rounds.
    pub rounds: usize,
}

impl Rounds {
    /// The per-round ratios `a / b`.
    #[must_use]
    pub fn ratios(&self) -> Vec<f64> {
        self.a_ns
            .iter()
            .zip(&self.b_ns)
            .map(|(a, b)| a / b)
            .collect()
    }

    /// The rounds of one pair measured in several processes, as one (iteration counts of the
    /// first; [`Rounds::processes`] records the split). None without parts.
    #[must_use]
    pub fn spread(parts: Vec<Rounds>) -> Option<Rounds> {
        let first = parts.first()?;
        let mut out = Rounds {
            iters_a: first.iters_a,
            iters_b: first.iters_b,
            a_ns: Vec::new(),
            b_ns: Vec::new(),
            processes: Vec::with_capacity(parts.len()),
        };
        for p in parts {
            let n = p.a_ns.len().min(p.b_ns.len());
            out.a_ns.extend(p.a_ns.into_iter().take(n));
            out.b_ns.extend(p.b_ns.into_iter().take(n));
            out.processes.push(n);
        }
        Some(out)
    }

    /// The ratio with its bootstrap interval (the median of the per-round ratios; with rounds
    /// from several processes the mean of each process's median, [`bootstrap_mean_of_medians`]),
    /// and each side's median time; None without rounds, with a non-finite ratio, or with a
    /// split that does not add up to the rounds.
    #[must_use]
    pub fn summary(&self) -> Option<Summary> {
        let ratios = self.ratios();
        let ratio = if self.processes.len() > 1 {
            let mut groups = Vec::with_capacity(self.processes.len());
            let mut rest = ratios.as_slice();
            for &n in &self.processes {
                let (g, r) = rest.split_at_checked(n)?;
                groups.push(g);
                rest = r;
            }
            if !rest.is_empty() {
                return None;
            }
            bootstrap_mean_of_medians(&groups, BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED)?
        } else {
            bootstrap_median(&ratios, BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED)?
        };
        Some(Summary {
            ratio,
            a_ns: super::stats::median(&self.a_ns)?,
            b_ns: super::stats::median(&self.b_ns)?,
            rounds: self.a_ns.len().min(self.b_ns.len()),
        })
    }
}

/// Iterations that take about `target` at `ns_per_iter` (at least 1, at most [`MAX_ITERS`]).
#[must_use]
pub fn iterations_for(ns_per_iter: f64, target: Duration) -> u64 {
    if !(ns_per_iter > 0.0 && ns_per_iter.is_finite()) {
        return 1;
    }
    let n = (target.as_secs_f64() * 1e9 / ns_per_iter).round();
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let n = n.clamp(1.0, MAX_ITERS as f64) as u64;
    n
}

/// Timings of the final iteration count taken by [`calibrate`]; the fastest counts.
pub const CALIBRATION_REPEATS: usize = 3;

/// Nanoseconds per iteration of `bench`: iteration counts grow until one run takes at least a
/// quarter of `target`, then that count is timed [`CALIBRATION_REPEATS`] times and the fastest
/// is kept, so a burst of load during calibration does not shorten this side's rounds (a
/// side much shorter than the other would be interrupted less often, which biases the ratio
/// on a loaded machine). The first call also warms the routine up and, in a serving process,
/// sets its group up outside any timing.
///
/// # Errors
/// The timer's error, or [`PairError::BadTiming`].
pub fn calibrate(timer: &mut dyn Timer, bench: &str, target: Duration) -> Result<f64, PairError> {
    let quarter = target.as_secs_f64() * 1e9 / 4.0;
    let mut n = 1u64;
    timer.time(bench, 1)?;
    let mut t = loop {
        let t = checked(timer.time(bench, n)?, bench)?;
        if t >= quarter || n >= MAX_ITERS {
            break t;
        }
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let grow = (quarter * 2.0 / t).clamp(2.0, 100.0) as u64;
        n = n.saturating_mul(grow).min(MAX_ITERS);
    };
    for _ in 1..CALIBRATION_REPEATS {
        t = t.min(checked(timer.time(bench, n)?, bench)?);
    }
    #[allow(clippy::cast_precision_loss)]
    Ok(t / n as f64)
}

fn checked(ns: f64, bench: &str) -> Result<f64, PairError> {
    if ns > 0.0 && ns.is_finite() {
        Ok(ns)
    } else {
        Err(PairError::BadTiming(bench.to_owned()))
    }
}

fn timer<'a>(
    timers: &'a mut [&mut dyn Timer],
    side: &Side,
) -> Result<&'a mut dyn Timer, PairError> {
    match timers.get_mut(side.timer) {
        Some(t) => Ok(&mut **t),
        None => Err(PairError::UnknownBenchmark(side.bench.clone())),
    }
}

/// Measures `a` against `b`: calibrates both sides to `settings.side_target` (the same
/// iteration count on both sides when they run the same benchmark), runs the warm-up rounds, then the measured rounds (as many as [`Settings::rounds_for`] allows),
/// drawing in each round which side goes first.
///
/// # Errors
/// A timer's error, or [`PairError::BadTiming`].
pub fn measure(
    timers: &mut [&mut dyn Timer],
    a: &Side,
    b: &Side,
    settings: &Settings,
) -> Result<Rounds, PairError> {
    let mut a_per = calibrate(timer(timers, a)?, &a.bench, settings.side_target)?;
    let mut b_per = calibrate(timer(timers, b)?, &b.bench, settings.side_target)?;
    if a.bench == b.bench {
        // The same routine (the A/A controls, the backend ratios): the same count on both
        // sides, from the faster calibration.
        a_per = a_per.min(b_per);
        b_per = a_per;
    }
    let iters_a = iterations_for(a_per, settings.side_target);
    let iters_b = iterations_for(b_per, settings.side_target);
    #[allow(clippy::cast_precision_loss)]
    let round_ns = a_per * iters_a as f64 + b_per * iters_b as f64;
    let rounds = settings.rounds_for(round_ns);
    let mut rng = SplitMix64::new(settings.seed ^ fnv1a(&a.bench) ^ fnv1a(&b.bench).rotate_left(1));
    let mut out = Rounds {
        iters_a,
        iters_b,
        a_ns: Vec::with_capacity(rounds),
        b_ns: Vec::with_capacity(rounds),
        processes: Vec::new(),
    };
    for round in 0..settings.warmup_rounds + rounds {
        let (ta, tb) = if rng.coin() {
            let ta = timer(timers, a)?.time(&a.bench, iters_a)?;
            (ta, timer(timers, b)?.time(&b.bench, iters_b)?)
        } else {
            let tb = timer(timers, b)?.time(&b.bench, iters_b)?;
            (timer(timers, a)?.time(&a.bench, iters_a)?, tb)
        };
        let (ta, tb) = (checked(ta, &a.bench)?, checked(tb, &b.bench)?);
        if round >= settings.warmup_rounds {
            #[allow(clippy::cast_precision_loss)]
            {
                out.a_ns.push(ta / iters_a as f64);
                out.b_ns.push(tb / iters_b as f64);
            }
        }
    }
    Ok(out)
}

/// FNV-1a of a name: mixes the pair into the order seed, so each pair draws its own order.
fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
