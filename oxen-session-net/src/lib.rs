#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

extern crate alloc;

pub mod community;
pub mod envelope;
mod error;
pub mod padding;
pub mod proto;
pub mod storage;

pub use error::Error;
/// The Session protocol layer this crate builds on (keys, ids, sealing, blinding).
pub use oxen_session;
