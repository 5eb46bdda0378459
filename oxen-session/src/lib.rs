#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

extern crate alloc;

pub mod blinded_dm;
pub mod blinding;
pub mod ed25519;
pub mod error;
mod field;
pub mod hash;
pub mod id;
pub mod keys;
pub mod point;
pub mod scalar;
pub mod xed25519;

/// The key crate shared with `oxen-onion` (its codecs, batched X25519, …).
pub use oxen_keys;
/// The key types this crate shares with `oxen-onion` (re-exported).
pub use oxen_keys::{
    Ed25519PublicKey, SharedSecret, X25519KeyPair, X25519PublicKey, X25519SecretKey,
};
/// The RNG traits this crate's APIs take (`rand_core` 0.10), re-exported so callers can name them.
pub use rand_core;

pub use ed25519::Signature;
pub use error::{Error, Input, PointCheck, SignatureCheck};
pub use id::{BlindedId, Blinding, ServerPubkey, SessionId};
pub use keys::{
    Ed25519SecretKey, Seed, diffie_hellman, ed25519_key_pair, edsk_to_x, seed_for_ed_privkey,
};
pub use point::ed_to_x;
pub use scalar::SecretScalar;
