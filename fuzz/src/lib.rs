//! Code shared by the fuzz targets (not published): field edits applied to valid objects
//! ([`edit`]), builders of valid objects ([`valid`], [`session_valid`]), the differential
//! comparisons with monero-oxide ([`diff`]) and with libsodium ([`sodium_diff`]), each with
//! its allow-list. The only `unsafe` code is the libsodium FFI in [`sodium`].
#![deny(unsafe_code)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

pub mod diff;
pub mod edit;
pub mod session_valid;
#[allow(unsafe_code)]
pub mod sodium;
pub mod sodium_diff;
#[cfg(test)]
mod sodium_vectors;
pub mod valid;

/// A deterministic RNG for our APIs (`rand_core` 0.10), seeded by the fuzzer.
#[must_use]
pub fn rng(seed: u64) -> rand_chacha::ChaCha20Rng {
    rand_chacha::rand_core::SeedableRng::seed_from_u64(seed)
}
