//! The statistics of a paired measurement: the median of the per-round ratios, its bootstrap
//! 95% interval, and the rule that calls a ratio "no measurable difference" against the noise
//! the A/A control shows.
//!
//! - **Estimate**: the median of the per-round ratios `(a time / a iterations) / (b time / b
//!   iterations)`. A round disturbed by another process moves one ratio, not the median.
//! - **Interval**: the percentile bootstrap of that median: [`BOOTSTRAP_RESAMPLES`] resamples
//!   of the rounds drawn with replacement, the median of each, and the 2.5% and 97.5% points
//!   of those medians (nearest rank: sorted, indices `⌊0.025·R⌋` and `⌈0.975·R⌉ − 1`). The
//!   resampling uses [`SplitMix64`] from a fixed seed, so the same rounds always give the same
//!   interval.
//! - **Spread over processes** (the report's headline pairs): a routine's speed can depend on
//!   the process (where its once-per-process tables landed), so those rounds are spread over
//!   `P` fresh processes. The estimate is then the mean over processes of each process's
//!   median, and the interval a two-level bootstrap ([`bootstrap_mean_of_medians`]): processes
//!   drawn with replacement, each drawn process's rounds drawn with replacement.
//! - **Noise and verdict**: the A/A control pairs one benchmark with itself; its interval
//!   `[l, h]` gives the machine's noise `max(1 − l, h − 1)`. A ratio whose interval overlaps
//!   `[1 − noise, 1 + noise]` is [`Verdict::NoMeasurableDifference`].

use serde::{Deserialize, Serialize};

/// Resamples of the bootstrap.
pub const BOOTSTRAP_RESAMPLES: usize = 2000;

/// Seed of the bootstrap's resampling (any fixed value; fixed so reports are reproducible).
pub const BOOTSTRAP_SEED: u64 = 0x0be7_c4a1_2026_1130;

/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", 2014):
/// a 64-bit state advanced by the golden-ratio increment and mixed by two xor-shift-multiply
/// steps. Not cryptographic; used to resample rounds and to randomise the order of the two
/// sides in each round, reproducibly from a seed.
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator whose first output is the SplitMix64 output for `seed`.
    #[must_use]
    pub const fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    /// The next 64-bit output.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (Lemire's multiply-shift; `n = 0` gives 0).
    pub fn below(&mut self, n: usize) -> usize {
        let n = n as u128;
        usize::try_from((u128::from(self.next_u64()) * n) >> 64).unwrap_or(0)
    }

    /// A fair coin (the top bit).
    pub fn coin(&mut self) -> bool {
        self.next_u64() >> 63 == 1
    }
}

/// The median of `values` (the mean of the middle two for an even count); None when empty or
/// when a value is not finite.
#[must_use]
pub fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() || values.iter().any(|v| !v.is_finite()) {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    median_of_sorted(&v)
}

fn median_of_sorted(v: &[f64]) -> Option<f64> {
    let n = v.len();
    let hi = *v.get(n / 2)?;
    if n % 2 == 1 {
        Some(hi)
    } else {
        Some(f64::midpoint(*v.get(n / 2 - 1)?, hi))
    }
}

/// An estimate with its 95% interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    /// The point estimate (the median of the per-round ratios).
    pub estimate: f64,
    /// Lower end of the 95% interval.
    pub low: f64,
    /// Upper end of the 95% interval.
    pub high: f64,
}

impl Interval {
    /// Whether `[low, high]` and `[lo, hi]` share a point.
    #[must_use]
    pub fn overlaps(&self, lo: f64, hi: f64) -> bool {
        self.low <= hi && self.high >= lo
    }

    /// Whether the whole interval lies within `[lo, hi]`.
    #[must_use]
    pub fn within(&self, lo: f64, hi: f64) -> bool {
        self.low >= lo && self.high <= hi
    }
}

/// The median of `values` and its percentile-bootstrap 95% interval from `resamples`
/// resamples drawn with [`SplitMix64`] seeded with `seed`. None when `values` is empty, holds a
/// non-finite value, or `resamples` is 0.
#[must_use]
pub fn bootstrap_median(values: &[f64], resamples: usize, seed: u64) -> Option<Interval> {
    let estimate = median(values)?;
    if resamples == 0 {
        return None;
    }
    let mut rng = SplitMix64::new(seed);
    let mut draw = vec![0.0; values.len()];
    let mut medians = Vec::with_capacity(resamples);
    for _ in 0..resamples {
        for d in &mut draw {
            *d = *values.get(rng.below(values.len()))?;
        }
        draw.sort_by(f64::total_cmp);
        medians.push(median_of_sorted(&draw)?);
    }
    percentile_interval(estimate, medians)
}

/// `estimate` with the 2.5% and 97.5% points of the bootstrap `draws` ([`percentile_ranks`]).
fn percentile_interval(estimate: f64, mut draws: Vec<f64>) -> Option<Interval> {
    draws.sort_by(f64::total_cmp);
    let (lo, hi) = percentile_ranks(draws.len());
    Some(Interval {
        estimate,
        low: *draws.get(lo)?,
        high: *draws.get(hi)?,
    })
}

/// The mean over `groups` (one per process) of each group's median, and its two-level
/// percentile bootstrap interval: in each of `resamples` draws, `groups.len()` groups drawn
/// with replacement, each one's values drawn with replacement, the mean of their medians.
/// None without groups, with an empty group, a non-finite value or no resamples.
#[must_use]
pub fn bootstrap_mean_of_medians(
    groups: &[&[f64]],
    resamples: usize,
    seed: u64,
) -> Option<Interval> {
    if groups.is_empty() || resamples == 0 {
        return None;
    }
    let medians: Vec<f64> = groups.iter().map(|g| median(g)).collect::<Option<_>>()?;
    #[allow(clippy::cast_precision_loss)]
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let estimate = mean(&medians);
    let mut rng = SplitMix64::new(seed);
    let mut means = Vec::with_capacity(resamples);
    let mut picked = vec![0.0; groups.len()];
    for _ in 0..resamples {
        for p in &mut picked {
            let g = *groups.get(rng.below(groups.len()))?;
            let mut draw: Vec<f64> = (0..g.len())
                .map(|_| g.get(rng.below(g.len())).copied())
                .collect::<Option<_>>()?;
            draw.sort_by(f64::total_cmp);
            *p = median_of_sorted(&draw)?;
        }
        means.push(mean(&picked));
    }
    percentile_interval(estimate, means)
}

/// The nearest-rank indices of the 2.5% and 97.5% points among `r` sorted values:
/// `⌊0.025·r⌋` and `⌈0.975·r⌉ − 1` (for `r = 2000`: 50 and 1949).
#[must_use]
pub fn percentile_ranks(r: usize) -> (usize, usize) {
    let lo = r * 25 / 1000;
    let hi = (r * 975).div_ceil(1000).saturating_sub(1);
    (lo.min(r.saturating_sub(1)), hi)
}

/// The noise the A/A control shows: how far its interval reaches from 1 on either side (0 when
/// it is a single point at 1).
#[must_use]
pub fn noise(control: &Interval) -> f64 {
    (1.0 - control.low).max(control.high - 1.0).max(0.0)
}

/// What a ratio `a / b` says, given the noise of the A/A control.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    /// The whole interval lies below `1 − noise`: `a` takes less time.
    Faster,
    /// The whole interval lies above `1 + noise`: `a` takes more time.
    Slower,
    /// The interval overlaps `1 ± noise`.
    NoMeasurableDifference,
}

impl Verdict {
    /// The verdict of `ratio` against `1 ± noise`.
    #[must_use]
    pub fn of(ratio: &Interval, noise: f64) -> Self {
        if ratio.overlaps(1.0 - noise, 1.0 + noise) {
            Verdict::NoMeasurableDifference
        } else if ratio.high < 1.0 {
            Verdict::Faster
        } else {
            Verdict::Slower
        }
    }

    /// How the report prints it.
    #[must_use]
    pub fn text(self) -> &'static str {
        match self {
            Verdict::Faster => "faster",
            Verdict::Slower => "slower",
            Verdict::NoMeasurableDifference => "no measurable difference",
        }
    }
}
