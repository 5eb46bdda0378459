#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

extern crate alloc;

pub mod batch;
pub mod codec;
mod error;
pub mod public;
pub mod x25519;

/// The RNG traits this crate's APIs take (`rand_core` 0.10), re-exported so callers can name them.
pub use rand_core;

pub use batch::{LiftedPublicKey, keygen_and_dh_batch};
pub use error::Error;
pub use public::{Ed25519PublicKey, KEY_LEN, X25519PublicKey};
pub use x25519::{SharedSecret, X25519KeyPair, X25519SecretKey, x25519, x25519_ladder};
