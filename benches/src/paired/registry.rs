//! The pair registry: named routines (`operation/implementation`, as in the criterion ids),
//! grouped by the setup they share, and the pairs to measure.
//!
//! A routine times `n` runs of one operation and returns the elapsed time ([`Routine`]);
//! [`plain`] and [`batched`] build one from a closure, as criterion's `iter` and
//! `iter_batched` do (a batched routine prepares its inputs before the clock starts). A group
//! names the operations it provides and is set up the first time one of its routines is timed,
//! so a process measuring only the headline pairs never builds the others' inputs.

use std::hint::black_box;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::PairError;
use super::rounds::{MAX_ITERS, Timer};

/// Times `n` runs of an operation.
pub type Routine = Box<dyn FnMut(u64) -> Duration>;

/// A routine and its benchmark id (`operation/implementation`).
pub type Bench = (String, Routine);

/// A routine running `f` once per iteration (criterion's `iter`).
pub fn plain<O>(mut f: impl FnMut() -> O + 'static) -> Routine {
    Box::new(move |iters| {
        let start = Instant::now();
        for _ in 0..iters {
            black_box(f());
        }
        start.elapsed()
    })
}

/// A routine that prepares one input per iteration with `setup` before the clock starts, then
/// times `run` over them; outputs are dropped after the clock stops (criterion's
/// `iter_batched`).
pub fn batched<I, O>(
    mut setup: impl FnMut() -> I + 'static,
    mut run: impl FnMut(I) -> O + 'static,
) -> Routine {
    Box::new(move |iters| {
        let n = usize::try_from(iters.min(MAX_ITERS)).unwrap_or(0);
        let inputs: Vec<I> = (0..n).map(|_| setup()).collect();
        let mut outputs = Vec::with_capacity(n);
        let start = Instant::now();
        for input in inputs {
            outputs.push(black_box(run(input)));
        }
        let elapsed = start.elapsed();
        drop(outputs);
        elapsed
    })
}

/// `(operation/implementation, routine)`.
pub fn bench(operation: &str, implementation: &str, routine: Routine) -> Bench {
    (format!("{operation}/{implementation}"), routine)
}

/// One pair: `operation/a` against `operation/b`, reported as the ratio `a / b`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairSpec {
    /// The operation (`clsag_verify_10`).
    pub operation: String,
    /// The numerator's implementation (`oxen`).
    pub a: String,
    /// The denominator's implementation (`monero-clsag`, `floor`).
    pub b: String,
    /// One of the headline ratios (`--pairs-only` measures only these).
    pub headline: bool,
    /// Our side uses the curve backend: on a machine with two backends, also measure it in the
    /// other build (code against code) and against itself across builds (the backend alone).
    pub split: bool,
    /// The A/A control: a benchmark paired with itself.
    pub control: bool,
}

impl PairSpec {
    /// `operation/a` against `operation/b`.
    #[must_use]
    pub fn new(operation: &str, a: &str, b: &str) -> Self {
        PairSpec {
            operation: operation.to_owned(),
            a: a.to_owned(),
            b: b.to_owned(),
            headline: false,
            split: false,
            control: false,
        }
    }

    /// The A/A control: `operation/implementation` against itself.
    #[must_use]
    pub fn control(operation: &str, implementation: &str) -> Self {
        PairSpec {
            control: true,
            ..PairSpec::new(operation, implementation, implementation)
        }
    }

    /// Marks it a headline ratio.
    #[must_use]
    pub fn headline(mut self) -> Self {
        self.headline = true;
        self
    }

    /// Marks it for the backend split (see [`PairSpec::split`]).
    #[must_use]
    pub fn split(mut self) -> Self {
        self.split = true;
        self
    }

    /// The numerator's benchmark id.
    #[must_use]
    pub fn a_id(&self) -> String {
        format!("{}/{}", self.operation, self.a)
    }

    /// The denominator's benchmark id.
    #[must_use]
    pub fn b_id(&self) -> String {
        format!("{}/{}", self.operation, self.b)
    }
}

type Setup = Box<dyn FnOnce() -> Vec<Bench>>;

enum State {
    Pending(Setup),
    Ready(Vec<Bench>),
    Failed,
}

struct Group {
    operations: Vec<String>,
    state: State,
}

/// The routines and pairs of one process: groups of routines set up on first use, and the
/// pairs to measure, in the order they were added. Operation names hold no `/` (a benchmark
/// id is `operation/implementation`, and the implementation may hold one:
/// `batch_1_thread/oxen`).
#[derive(Default)]
pub struct Registry {
    groups: Vec<Group>,
    pairs: Vec<PairSpec>,
    /// State of the heap jitter (see [`JITTER_MIN`]).
    jitter: u64,
}

impl Registry {
    /// An empty registry.
    #[must_use]
    pub fn new() -> Self {
        Registry::default()
    }

    /// Adds a group providing `operations`: `setup` runs the first time one of its routines is
    /// timed and returns them (ids `operation/implementation`, operations from the list).
    pub fn group(
        &mut self,
        operations: &[&str],
        setup: impl FnOnce() -> Vec<Bench> + 'static,
    ) -> &mut Self {
        self.groups.push(Group {
            operations: operations.iter().map(|s| (*s).to_owned()).collect(),
            state: State::Pending(Box::new(setup)),
        });
        self
    }

    /// Adds a pair.
    pub fn pair(&mut self, spec: PairSpec) -> &mut Self {
        self.pairs.push(spec);
        self
    }

    /// The pairs, in the order they were added.
    #[must_use]
    pub fn pairs(&self) -> &[PairSpec] {
        &self.pairs
    }

    /// Checks the names and that every pair's operation belongs to exactly one group (without
    /// running any setup).
    ///
    /// # Errors
    /// [`PairError::InvalidName`], [`PairError::Duplicate`] or [`PairError::UnknownBenchmark`].
    pub fn validate(&self) -> Result<(), PairError> {
        let mut seen = std::collections::BTreeSet::new();
        for op in self.groups.iter().flat_map(|g| &g.operations) {
            check_name(op)?;
            if op.contains('/') {
                return Err(PairError::InvalidName(op.clone()));
            }
            if !seen.insert(op.as_str()) {
                return Err(PairError::Duplicate(op.clone()));
            }
        }
        for p in &self.pairs {
            for name in [&p.operation, &p.a, &p.b] {
                check_name(name)?;
            }
            if !seen.contains(p.operation.as_str()) {
                return Err(PairError::UnknownBenchmark(p.a_id()));
            }
        }
        Ok(())
    }

    /// Sets up the group that provides `bench` (nothing when it is set up already).
    ///
    /// # Errors
    /// [`PairError::UnknownBenchmark`] when no group provides its operation,
    /// [`PairError::Missing`] when the setup did not return it.
    pub fn prepare(&mut self, bench: &str) -> Result<(), PairError> {
        self.routine(bench).map(|_| ())
    }

    fn routine(&mut self, bench: &str) -> Result<&mut Routine, PairError> {
        let op = bench.split_once('/').map_or(bench, |(op, _)| op);
        let group = self
            .groups
            .iter_mut()
            .find(|g| g.operations.iter().any(|o| o == op))
            .ok_or_else(|| PairError::UnknownBenchmark(bench.to_owned()))?;
        if matches!(group.state, State::Pending(_)) {
            let State::Pending(setup) = std::mem::replace(&mut group.state, State::Failed) else {
                return Err(PairError::Missing(bench.to_owned()));
            };
            let benches = setup();
            for (id, _) in &benches {
                check_name(id)?;
                let own = id
                    .split_once('/')
                    .is_some_and(|(o, _)| group.operations.iter().any(|g| g == o));
                if !own {
                    return Err(PairError::UnknownBenchmark(id.clone()));
                }
            }
            group.state = State::Ready(benches);
        }
        match &mut group.state {
            State::Ready(benches) => benches
                .iter_mut()
                .find(|(id, _)| id == bench)
                .map(|(_, r)| r)
                .ok_or_else(|| PairError::Missing(bench.to_owned())),
            _ => Err(PairError::Missing(bench.to_owned())),
        }
    }

    /// Sets up every group and runs each side of every pair once: the check that every pair
    /// can be measured. Returns how many distinct benchmarks ran.
    ///
    /// # Errors
    /// The first benchmark that is missing or does not run.
    pub fn smoke(&mut self) -> Result<usize, PairError> {
        let mut ids: Vec<String> = self
            .pairs
            .iter()
            .flat_map(|p| [p.a_id(), p.b_id()])
            .collect();
        ids.sort();
        ids.dedup();
        for id in &ids {
            self.time(id, 1)?;
        }
        Ok(ids.len())
    }
}

/// Heap jitter: a block of `JITTER_MIN + JITTER_STEP * k` bytes (`k < JITTER_STEPS`) is held
/// while a round is timed, `k` drawn afresh every round. A routine that allocates per call
/// gets its buffers at addresses that depend on the heap's history, and some routines'
/// speed depends on where their buffers fall (2026-12-07, two quiet `--quick` reports:
/// `bp_verify_1x64`'s floor 632 µs in one process and 687 µs in the next, monero-bulletproofs
/// 1.06 and 1.14 ms, ours 521 and 517 µs). Drawing the layout every round makes the median
/// of the per-round ratios one over layouts rather than over the one a process happened on.
pub const JITTER_MIN: usize = 64;
/// See [`JITTER_MIN`].
pub const JITTER_STEP: usize = 16;
/// See [`JITTER_MIN`].
pub const JITTER_STEPS: u64 = 256;

impl Registry {
    /// The next jitter size in bytes (xorshift64*, seeded by [`Registry::seed_jitter`]).
    pub fn next_jitter(&mut self) -> usize {
        let mut x = self.jitter | 1;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.jitter = x;
        let k = x.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 32;
        #[allow(clippy::cast_possible_truncation)]
        let k = (k % JITTER_STEPS) as usize;
        JITTER_MIN + JITTER_STEP * k
    }

    /// Seeds the jitter (the process id and the clock, so that processes differ).
    pub fn seed_jitter(&mut self, seed: u64) {
        self.jitter = seed;
    }
}

impl Timer for Registry {
    fn time(&mut self, bench: &str, iters: u64) -> Result<f64, PairError> {
        let pad = vec![0u8; self.next_jitter()];
        let routine = self.routine(bench)?;
        let elapsed = routine(iters.clamp(1, MAX_ITERS));
        std::hint::black_box(&pad);
        drop(pad);
        Ok(elapsed.as_secs_f64() * 1e9)
    }
}

/// A name that can travel in the line protocol: not empty, no whitespace.
fn check_name(name: &str) -> Result<(), PairError> {
    if name.is_empty() || name.chars().any(char::is_whitespace) {
        return Err(PairError::InvalidName(name.to_owned()));
    }
    Ok(())
}
