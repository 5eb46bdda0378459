//! How long a run will take, from what it will measure (printed before the passes start, so
//! whoever starts `--repeat 2` on a quiet machine knows how long to leave it alone).

use std::time::Duration;

/// Seconds per benchmark of a criterion pass with `--quick` (0.5 s warm-up, 1 s measurement:
/// 221 benchmarks in 7 min 5 s and 72 in 2 min 14 s on the quiet 2-core machine, 2026-12-07;
/// with 2 s of measurement it was 3.0).
pub const QUICK_SECONDS_PER_BENCHMARK: f64 = 2.0;
/// Seconds per benchmark of a criterion pass with criterion's defaults (3 s warm-up, 5 s
/// measurement, analysis).
pub const FULL_SECONDS_PER_BENCHMARK: f64 = 9.0;
/// Seconds per benchmark of the memory pass (setup and one counted run: 187 in 7 min 49 s).
pub const MEMORY_SECONDS_PER_BENCHMARK: f64 = 2.5;
/// Setting up the routines of every group in one `pairs` process (proofs, a block of 100
/// transactions), seconds.
pub const PAIRS_SETUP_SECONDS: f64 = 20.0;

/// What a run will measure.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Work {
    /// Paired measurements.
    pub pairs: usize,
    /// One paired measurement, at most (see `Settings::estimated_pair_time`).
    pub pair_time: Duration,
    /// Benchmarks of the main build's criterion pass.
    pub criterion: usize,
    /// Benchmarks of the AVX2 build's criterion pass.
    pub avx2: usize,
    /// Benchmarks of the memory pass.
    pub memory: usize,
    /// Criterion's quick settings.
    pub quick: bool,
}

impl Work {
    /// The expected time of the passes (builds not included).
    #[must_use]
    pub fn expected(&self) -> Duration {
        let per = if self.quick {
            QUICK_SECONDS_PER_BENCHMARK
        } else {
            FULL_SECONDS_PER_BENCHMARK
        };
        #[allow(clippy::cast_precision_loss)]
        let secs = (self.criterion + self.avx2) as f64 * per
            + self.memory as f64 * MEMORY_SECONDS_PER_BENCHMARK
            + if self.pairs > 0 {
                self.pairs as f64 * self.pair_time.as_secs_f64() + PAIRS_SETUP_SECONDS
            } else {
                0.0
            };
        Duration::from_secs_f64(secs)
    }

    /// One line: the expected time and what it is made of.
    #[must_use]
    pub fn describe(&self, runs: u32) -> String {
        let min = |d: Duration| format!("{:.0} min", (d.as_secs_f64() / 60.0).ceil());
        let one = self.expected();
        let total = one * runs;
        let mut s = format!(
            "expected: about {} for the passes of this run ({} paired measurements, {} + {} criterion benchmarks, {} memory)",
            min(one),
            self.pairs,
            self.criterion,
            self.avx2,
            self.memory
        );
        if runs > 1 {
            s.push_str(&format!("; {runs} runs: about {}", min(total)));
        }
        s
    }
}
