//! The paired statistics on known inputs: the generator's published outputs, medians,
//! percentile ranks, bootstrap intervals computed independently (a Python replica of the
//! algorithm), the noise of an A/A interval and the overlap rule.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use oxen_benches::paired::stats::{
    BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED, Interval, SplitMix64, Verdict, bootstrap_median, median,
    noise, percentile_ranks,
};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * b.abs().max(1.0)
}

fn iv(low: f64, high: f64) -> Interval {
    Interval {
        estimate: f64::midpoint(low, high),
        low,
        high,
    }
}

#[test]
fn splitmix64_matches_the_reference_outputs() {
    // splitmix64.c (Vigna) from state 0.
    let mut r = SplitMix64::new(0);
    assert_eq!(r.next_u64(), 0xe220_a839_7b1d_cdaf);
    assert_eq!(r.next_u64(), 0x6e78_9e6a_a1b9_65f4);
    assert_eq!(r.next_u64(), 0x06c4_5d18_8009_454f);
    // Multiply-shift reduction, seed 42, n = 10 (computed with the same formula in Python).
    let mut r = SplitMix64::new(42);
    let draws: Vec<usize> = (0..10).map(|_| r.below(10)).collect();
    assert_eq!(draws, [7, 1, 2, 3, 0, 8, 2, 8, 3, 6]);
    assert_eq!(SplitMix64::new(1).below(0), 0);
    // The coin is the top bit: 0xe220… has it set, 0x06c4… does not.
    let mut r = SplitMix64::new(0);
    assert_eq!([r.coin(), r.coin(), r.coin()], [true, false, false]);
}

#[test]
fn medians() {
    assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
    assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
    assert_eq!(median(&[7.0]), Some(7.0));
    assert_eq!(median(&[]), None);
    assert_eq!(median(&[1.0, f64::NAN, 2.0]), None);
    assert_eq!(median(&[1.0, f64::INFINITY]), None);
    // One disturbed round does not move it.
    assert_eq!(median(&[1.0, 1.0, 1.0, 1.0, 50.0]), Some(1.0));
}

#[test]
fn percentile_ranks_are_nearest_rank() {
    assert_eq!(percentile_ranks(2000), (50, 1949));
    assert_eq!(percentile_ranks(1000), (25, 974));
    assert_eq!(percentile_ranks(10), (0, 9));
    assert_eq!(percentile_ranks(1), (0, 0));
}

#[test]
fn bootstrap_intervals_of_known_samples() {
    // 1..=21: median 11; the replica's 2.5% and 97.5% resample medians are 7 and 15.
    let v: Vec<f64> = (1..=21).map(f64::from).collect();
    let i = bootstrap_median(&v, BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED).unwrap();
    assert_eq!((i.estimate, i.low, i.high), (11.0, 7.0, 15.0));
    // An even count: medians are means of the middle two.
    let v = [1.0, 1.1, 0.9, 1.05, 0.95, 1.02, 0.98, 1.3, 0.7, 1.0];
    let i = bootstrap_median(&v, BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED).unwrap();
    assert!(
        close(i.estimate, 1.0) && close(i.low, 0.94) && close(i.high, 1.06),
        "{i:?}"
    );
    let i = bootstrap_median(&v, 100, 7).unwrap();
    assert!(close(i.low, 0.95) && close(i.high, 1.06), "{i:?}");
    // Reproducible from the seed.
    assert_eq!(bootstrap_median(&v, 100, 7), bootstrap_median(&v, 100, 7));
    // Identical rounds: a point.
    let i = bootstrap_median(&[2.0; 15], BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED).unwrap();
    assert_eq!((i.low, i.estimate, i.high), (2.0, 2.0, 2.0));
    // Nothing to resample, or no resamples.
    assert_eq!(bootstrap_median(&[], 100, 1), None);
    assert_eq!(bootstrap_median(&[1.0], 0, 1), None);
    assert_eq!(bootstrap_median(&[1.0, f64::NAN], 100, 1), None);
}

#[test]
fn more_rounds_narrow_the_interval() {
    let spread = |n: usize| -> Vec<f64> {
        let mut r = SplitMix64::new(3);
        (0..n)
            .map(|_| 1.0 + (r.below(2001) as f64 - 1000.0) / 10_000.0)
            .collect()
    };
    let w = |n| {
        let i = bootstrap_median(&spread(n), BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED).unwrap();
        assert!(i.low <= i.estimate && i.estimate <= i.high);
        i.high - i.low
    };
    assert!(w(400) < w(25) / 2.0, "{} vs {}", w(400), w(25));
}

#[test]
fn noise_is_the_reach_of_the_control_from_one() {
    assert!(close(noise(&iv(0.98, 1.01)), 0.02));
    assert!(close(noise(&iv(0.995, 1.03)), 0.03));
    // An interval entirely above 1 still reaches its far end.
    assert!(close(noise(&iv(1.01, 1.02)), 0.02));
    assert_eq!(noise(&iv(1.0, 1.0)), 0.0);
}

#[test]
fn verdicts_follow_the_overlap_rule() {
    let n = 0.02;
    assert_eq!(Verdict::of(&iv(0.5, 0.6), n), Verdict::Faster);
    assert_eq!(Verdict::of(&iv(0.90, 0.979), n), Verdict::Faster);
    assert_eq!(Verdict::of(&iv(1.021, 1.1), n), Verdict::Slower);
    // Overlapping 1 ± 0.02, touching included.
    assert_eq!(
        Verdict::of(&iv(0.97, 0.985), n),
        Verdict::NoMeasurableDifference
    );
    assert_eq!(
        Verdict::of(&iv(1.02, 1.10), n),
        Verdict::NoMeasurableDifference
    );
    assert_eq!(
        Verdict::of(&iv(0.5, 1.5), n),
        Verdict::NoMeasurableDifference
    );
    // Without noise only an interval containing 1 is no difference.
    assert_eq!(Verdict::of(&iv(0.999, 0.9999), 0.0), Verdict::Faster);
    assert_eq!(
        Verdict::of(&iv(0.999, 1.0), 0.0),
        Verdict::NoMeasurableDifference
    );
    assert_eq!(Verdict::Faster.text(), "faster");
    assert_eq!(
        Verdict::NoMeasurableDifference.text(),
        "no measurable difference"
    );
}

#[test]
fn interval_overlap_and_containment() {
    let i = iv(0.97, 1.03);
    assert!(i.overlaps(1.03, 2.0) && !i.overlaps(1.031, 2.0));
    assert!(i.within(0.95, 1.05) && !i.within(0.98, 1.05));
}
