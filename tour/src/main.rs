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
mod onion;
mod ons;
mod scan;
mod session;
mod swarm;
mod tx;

use oxen_tour::timed;

fn main() {
    println!("oxen-rs tour");
    crypto::run();
    tx::run();
    onion::run();
    swarm::run();
    ons::run();
    scan::run();
    session::run();
    oxen_tour::end_to_end::run();
    println!("\ntour finished: every step above checked its own result");
}
