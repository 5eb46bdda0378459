#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

extern crate alloc;

pub mod bencode;
pub mod builder;
pub mod codec;
pub mod control;
mod enc_type;
mod error;
pub mod frame;
pub mod hop;
pub mod keys;
pub mod node;
pub mod padding;
pub mod replay;
pub mod reply;
pub mod server;
pub mod sphinx_comparison;

/// The RNG traits this crate's APIs take (`rand_core` 0.10), re-exported so callers can name them.
pub use rand_core;

pub use bencode::{RelayMessage, V4Request, V4Response};
pub use builder::{Builder, Destination, Hop, OnionRequest, Protocol, ServerDestination};
pub use enc_type::EncType;
pub use error::Error;
pub use hop::{HopKey, Role};
pub use keys::{Ed25519PublicKey, NodeKeys, X25519KeyPair, X25519PublicKey, X25519SecretKey};
pub use node::{Decision, Rejection, peel_edge, peel_relay};
pub use padding::Padding;
pub use replay::{ReplayCache, ReplayTag};
pub use reply::{EncryptedReply, PathFailure, PathFailureKind, ReplyDecryptor, ResponseBody};
pub use server::OnionReqParser;

/// Longest path oxenss relays (`MAX_ONION_HOPS`): a relay message with `hop_no` above this is
/// refused, and the builder accepts 1..=15 path hops.
pub const MAX_ONION_HOPS: u32 = 15;

/// Largest request body a node accepts (oxenss `MAX_REQUEST_BODY_SIZE`, also the OMQ message
/// limit): 10 MiB.
pub const MAX_REQUEST_BODY_SIZE: usize = 10 * 1024 * 1024;
