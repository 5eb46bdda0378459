//! What the bench binaries share: the criterion configuration and the `iter` wrappers that, in
//! the memory build (`--features memory`), count allocations and peak heap of one run of each
//! routine.
//!
//! The memory pass is separate from the timing pass: the report builds the bench binaries a
//! second time with the `memory` feature (which installs `allocation-counter`'s counting global
//! allocator) and runs them in criterion's profile mode (`--profile-time`). Criterion then
//! tells our [`config`]'s profiler which benchmark starts; the wrapper runs the routine once to
//! warm it up, once under `allocation_counter::measure`, prints one `oxen-memory` line (see
//! [`MEMORY_MARKER`]) and skips criterion's own iterations. Timing builds have no counting
//! allocator, and the wrappers there are plain `Bencher::iter` calls.

use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{BatchSize, Bencher, BenchmarkId, Criterion};

/// Prefix of the line a memory build prints per benchmark:
/// `oxen-memory <id> allocations=<n> bytes=<n> peak=<n>`.
pub const MEMORY_MARKER: &str = "oxen-memory";

/// The line prefix each bench binary prints, followed by the curve backend it runs; the
/// report reads it to show (and check) which backend each build really used.
pub const BACKEND_MARKER: &str = "oxen-backend";

/// The criterion configuration of every bench binary (criterion's defaults, plus the profiler
/// hook the memory pass uses to learn which benchmark runs).
#[must_use]
pub fn config() -> Criterion {
    // Every benchmark is single-threaded except those that build their own pool (block
    // verification vs threads): the `parallel` features of our crates use rayon's global pool.
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build_global();
    // The report reads this line to show (and check) which backend each build really runs.
    eprintln!(
        "{} {}",
        BACKEND_MARKER,
        crate::report::environment::dalek_backend()
    );
    Criterion::default().with_profiler(memory::Hook)
}

/// The id of one implementation inside a benchmark group: `group/imp` for a table row
/// (`n` None), `group/imp/n` for a point of a growth curve.
#[must_use]
pub fn id(imp: &str, n: Option<usize>) -> BenchmarkId {
    match n {
        Some(n) => BenchmarkId::new(imp, n),
        None => BenchmarkId::from_parameter(imp),
    }
}

/// `b.iter(routine)`; in the memory build, measures one run of `routine` instead.
pub fn iter<O>(b: &mut Bencher<'_, WallTime>, mut routine: impl FnMut() -> O) {
    if memory::ENABLED {
        if let Some(id) = memory::take_current() {
            drop(routine());
            let info = memory::measure(|| drop(std::hint::black_box(routine())));
            memory::print(&id, info);
        }
        b.iter_custom(|_| Duration::from_secs(3600));
        return;
    }
    b.iter(routine);
}

/// `b.iter_batched(setup, routine, size)`; in the memory build, measures one run of `routine`
/// (not of `setup`) instead.
pub fn iter_batched<I, O>(
    b: &mut Bencher<'_, WallTime>,
    mut setup: impl FnMut() -> I,
    mut routine: impl FnMut(I) -> O,
    size: BatchSize,
) {
    if memory::ENABLED {
        if let Some(id) = memory::take_current() {
            drop(routine(setup()));
            let input = setup();
            let info = memory::measure(|| drop(std::hint::black_box(routine(input))));
            memory::print(&id, info);
        }
        b.iter_custom(|_| Duration::from_secs(3600));
        return;
    }
    b.iter_batched(setup, routine, size);
}

/// Allocation figures of one run of a routine (the calling thread's allocations only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AllocStats {
    /// Number of allocations (a reallocation counts as one).
    pub allocations: u64,
    /// Bytes allocated in total.
    pub bytes: u64,
    /// Peak heap in use above the level at the start, bytes.
    pub peak: u64,
}

#[cfg(feature = "memory")]
mod memory {
    use std::path::Path;
    use std::sync::Mutex;

    use super::AllocStats;

    pub const ENABLED: bool = true;

    /// The benchmark criterion is profiling and the wrapper has not measured yet.
    static CURRENT: Mutex<Option<String>> = Mutex::new(None);

    pub struct Hook;

    impl criterion::profiler::Profiler for Hook {
        fn start_profiling(&mut self, benchmark_id: &str, _: &Path) {
            if let Ok(mut c) = CURRENT.lock() {
                *c = Some(benchmark_id.to_owned());
            }
        }
        fn stop_profiling(&mut self, _: &str, _: &Path) {}
    }

    pub fn take_current() -> Option<String> {
        CURRENT.lock().ok().and_then(|mut c| c.take())
    }

    pub fn measure(f: impl FnOnce()) -> AllocStats {
        let info = allocation_counter::measure(f);
        AllocStats {
            allocations: info.count_total,
            bytes: info.bytes_total,
            peak: info.bytes_max,
        }
    }

    pub fn print(id: &str, s: AllocStats) {
        println!(
            "{} {id} allocations={} bytes={} peak={}",
            super::MEMORY_MARKER,
            s.allocations,
            s.bytes,
            s.peak
        );
    }
}

#[cfg(not(feature = "memory"))]
mod memory {
    use std::path::Path;

    use super::AllocStats;

    pub const ENABLED: bool = false;

    pub struct Hook;

    impl criterion::profiler::Profiler for Hook {
        fn start_profiling(&mut self, _: &str, _: &Path) {}
        fn stop_profiling(&mut self, _: &str, _: &Path) {}
    }

    pub fn take_current() -> Option<String> {
        None
    }

    pub fn measure(f: impl FnOnce()) -> AllocStats {
        f();
        AllocStats::default()
    }

    pub fn print(_: &str, _: AllocStats) {}
}

/// Parses one `oxen-memory` line into the benchmark id and its figures.
#[must_use]
pub fn parse_memory_line(line: &str) -> Option<(String, AllocStats)> {
    let rest = line.strip_prefix(MEMORY_MARKER)?.strip_prefix(' ')?;
    let mut fields = rest.rsplitn(4, ' ');
    let peak = fields.next()?.strip_prefix("peak=")?.parse().ok()?;
    let bytes = fields.next()?.strip_prefix("bytes=")?.parse().ok()?;
    let allocations = fields.next()?.strip_prefix("allocations=")?.parse().ok()?;
    let id = fields.next()?.to_owned();
    Some((
        id,
        AllocStats {
            allocations,
            bytes,
            peak,
        },
    ))
}
