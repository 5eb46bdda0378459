#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

extern crate alloc;

mod error;
pub use error::Error;

// Wire codec and the generator H, shared below.
mod codec;
mod h;

// Amounts and range proofs.
pub mod borromean;
pub mod bulletproof;
pub mod commitment;
pub mod ecdh;
pub mod range_proof;

// RingCT signatures and the transaction format.
pub mod extra;
pub mod prefix;
pub mod rct;
pub mod transaction;

// The node's verdict: consensus checks around the signatures, one transaction or a block.
pub mod consensus;

// Wallet side: finding and opening our outputs.
pub mod scan;
