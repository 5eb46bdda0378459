//! Code shared by the fuzz targets (not published): field edits applied to valid objects
//! ([`edit`]), builders of valid objects ([`valid`]) and the differential comparisons with
//! monero-oxide with their allow-list ([`diff`]).
#![forbid(unsafe_code)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

pub mod diff;
pub mod edit;
pub mod valid;

/// A deterministic RNG for our APIs (`rand_core` 0.10), seeded by the fuzzer.
#[must_use]
pub fn rng(seed: u64) -> rand_chacha::ChaCha20Rng {
    rand_chacha::rand_core::SeedableRng::seed_from_u64(seed)
}
