#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

extern crate alloc;

pub mod blinded_dm;
pub mod blinding;
pub mod config;
pub mod curve25519_sign;
pub mod ed25519;
pub mod error;
mod field;
pub mod hash;
pub mod id;
pub mod incoming;
pub mod keys;
pub mod multi;
pub mod one_to_one;
pub mod ons;
pub mod point;
pub mod push;
pub mod recovery;
pub mod scalar;
pub mod sealed_box;
pub mod subaccount;
pub mod xed25519;

/// The key crate shared with `oxen-onion` (its codecs, batched X25519, …).
pub use oxen_keys;
/// The key types this crate shares with `oxen-onion` (re-exported).
pub use oxen_keys::{
    Ed25519PublicKey, SharedSecret, X25519KeyPair, X25519PublicKey, X25519SecretKey,
};
/// The word scheme of the recovery phrase (`oxen_mnemonic::Error` is inside [`Error::Mnemonic`]).
pub use oxen_mnemonic;
/// The RNG traits this crate's APIs take (`rand_core` 0.10), re-exported so callers can name them.
pub use rand_core;

pub use ed25519::Signature;
pub use error::{Error, Input, PointCheck, SignatureCheck};
pub use id::{BlindedId, Blinding, GroupId, ServerPubkey, SessionId};
pub use incoming::{IncomingKey, decrypt_incoming, decrypt_incoming_session_id};
pub use keys::{
    Ed25519SecretKey, Seed, diffie_hellman, ed25519_key_pair, edsk_to_x, seed_for_ed_privkey,
};
pub use one_to_one::{
    Recipient, encrypt_for_recipient, encrypt_for_recipient_deterministic,
    encrypt_for_recipient_with, sign_for_recipient,
};
pub use ons::decrypt_ons_response;
pub use point::ed_to_x;
pub use push::decrypt_push_notification;
pub use scalar::SecretScalar;
pub use sealed_box::BoxKey;
