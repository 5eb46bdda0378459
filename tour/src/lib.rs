//! The oxen-rs tour as a library: the end-to-end chapter ([`end_to_end`]) that the tour binary
//! prints and the benchmarks time, one implementation for both.
//!
//! The tour itself is `cargo run --release -p oxen-tour`. Its checks are assertions: a tour
//! that finishes has verified every result it printed.
//!
//! ```
//! use oxen_tour::Voice;
//! use oxen_tour::end_to_end::swarm_node::SwarmStore;
//! use oxen_tour::end_to_end::{World, trip};
//!
//! let mut rng = rand::rng();
//! // two accounts, Bob's ONS record, 1,000 service nodes in swarms
//! let world = World::generate(&mut rng, Voice::QUIET);
//! // Alice's "hello" from Bob's ONS name to his screen, nothing printed
//! let delivered = trip(&world, &mut SwarmStore::default(), &mut rng, Voice::QUIET);
//! assert_eq!(delivered.bob_id, world.bob.session_id());
//! assert_eq!(delivered.message.sender, world.alice.session_id());
//! ```
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::time::{Duration, Instant};

/// Prints a line when the voice is loud; a quiet voice evaluates none of the arguments.
macro_rules! say {
    ($voice:expr, $($line:tt)*) => {
        if $voice.is_loud() {
            println!($($line)*);
        }
    };
}

pub mod end_to_end;
pub mod voice;

pub use voice::Voice;

/// Runs `f` once and returns its result with the elapsed time.
pub fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}
