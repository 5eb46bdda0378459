//! Paired measurement: every ratio the report prints is measured with both sides interleaved,
//! so that a change of load or clock during the run moves both sides alike and cancels in the
//! ratio.
//!
//! **Method.** A pair is `operation/a` against `operation/b`. Each side is calibrated to a
//! short share of a round (20 ms with `--quick`); then the rounds alternate `a` and `b` (the
//! order drawn at random in each round, from a fixed seed), and each round gives one ratio
//! `(a time / a iterations) / (b time / b iterations)`. The reported ratio is the median of the
//! per-round ratios with a bootstrap 95% interval ([`stats`]). Both sides of a pair run in one
//! process when they can be linked together (ours and a peer crate, ours and the floor); the
//! same routine in two builds (the AVX-512 IFMA build against the AVX2 build) runs in two
//! serving processes, the report alternating between them round by round ([`protocol`],
//! [`child`]).
//!
//! **Noise.** Every report measures an A/A control (one benchmark paired with itself); its
//! interval is the machine's noise floor, and a ratio whose interval overlaps `1 ± noise` is
//! reported as "no measurable difference" ([`stats::Verdict`]).
//!
//! **Where the pairs are.** The routines and the list of pairs live in the `pairs` bench
//! target (`benches/src/pairs/`, a `[[bench]]` so it can link the peer crates, which are
//! dev-dependencies). Its `registry.rs` is the one place that lists them; to add a pair:
//!
//! 1. write (or extend) a setup function returning the routines, ids `operation/implementation`
//!    as in the criterion benches, with [`registry::plain`] or [`registry::batched`];
//! 2. in `benches/src/pairs/registry.rs`, register it with the operations it provides and add
//!    the pair:
//!
//! ```ignore
//! r.group(&["session_encrypt"], session::setup);
//! r.pair(PairSpec::new("session_encrypt", OURS, "libsodium").headline());
//! ```
//!
//! `headline()` puts it in `--pairs-only`; `split()` (our side uses the curve) also measures it
//! in the AVX2 build where the machine has two backends. The `pairs` binary's test mode
//! (`cargo test -p oxen-benches --benches`) sets every group up and runs every side once.

pub mod child;
pub mod error;
pub mod protocol;
pub mod registry;
pub mod rounds;
pub mod stats;

pub use error::PairError;
pub use registry::{Bench, PairSpec, Registry, Routine, batched, bench, plain};
pub use rounds::{Rounds, Settings, Side, Summary, Timer, measure};
pub use stats::{Interval, Verdict};
