#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

extern crate alloc;

mod checksum;
mod encode;
mod error;
mod language;
pub mod oxen_core;
mod secret;
pub mod session;
mod triple;
mod word_list;
mod wordlists;

pub use encode::bytes_to_words;
pub use error::Error;
pub use language::Language;
pub use oxen_core::{WALLET_SEED_BYTES, WALLET_SEED_WORDS, words_to_bytes, words_to_wallet_seed};
pub use secret::{Phrase, SecretBytes, SessionEntropy, WalletSeed};
pub use session::{SESSION_ENTROPY_BYTES, SESSION_PHRASE_WORDS, mn_decode, mn_encode};
pub use word_list::WORD_COUNT;
