//! The oxen-rs tour: composes every crate end to end and prints real results with timings.
//!
//! Run it with `cargo run --release -p oxen-tour`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod crypto;
mod end_to_end;
mod onion;
mod ons;
mod scan;
mod session;
mod swarm;
mod tx;

use std::time::{Duration, Instant};

/// Runs `f` once and returns its result with the elapsed time.
pub fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

fn main() {
    println!("oxen-rs tour");
    crypto::run();
    tx::run();
    onion::run();
    swarm::run();
    ons::run();
    scan::run();
    session::run();
    end_to_end::run();
    println!("\ntour finished: every step above checked its own result");
}
