//! The Oxen transaction format: prefix versions 1..4, inputs, outputs, v1 ring signatures and the
//! RingCT part, with byte-exact (de)serialization and the transaction hashes.
//!
//! Reference: oxen-core `src/cryptonote_basic/cryptonote_basic.h` (`transaction_prefix`,
//! `transaction::serialize_object`), `src/cryptonote_basic/txtypes.h` and
//! `src/cryptonote_basic/cryptonote_format_utils.cpp` (`parse_and_validate_tx_from_blob`,
//! `expand_transaction_1`, `calculate_transaction_hash`).
//!
//! # Wire layout
//! ```text
//! prefix   = varint(version 1..4)
//!            [v>=3] varint(n) varint(output_unlock_time)*n      (n must equal |vout|)
//!            [v==3] u8 is_state_change (0 or 1)
//!            varint(unlock_time)
//!            varint(|vin|)  vin*      (tag 0xff gen | 0x00 script | 0x01 scripthash | 0x02 key)
//!            varint(|vout|) vout*     (varint amount, tag 0x00 script | 0x01 scripthash | 0x02 key)
//!            varint(|extra|) extra bytes
//!            [v>=4] varint(type 0..9)
//! v1 body  = for each txin_to_key: |key_offsets| 64-byte signatures (no count)
//! v2+ body = if vin is not empty: rctSigBase, then (unless type Null) rctSigPrunable
//! ```
//!
//! Every count read from the wire is checked against the bytes that remain before anything is
//! allocated, so a hostile length prefix costs nothing.
//!
//! The prefix types live in [`crate::prefix`] (re-exported here). Files of this module: `types`
//! ([`Transaction`], [`BlobLayout`]), `codec` (blob <-> [`Transaction`]), `hash` (prefix hash,
//! transaction id), `expand` (parse admission: [`Transaction::expand`],
//! [`Transaction::parse_and_validate`]), `verify` (RingCT verification of CLSAG transactions, one
//! or batched) and `build` ([`build_clsag_transaction`]). This file only declares and re-exports
//! them; they import each other by path, never through it.
//!
//! ```
//! use oxen_tx::transaction::{Transaction, TxVersion};
//!
//! // A v2 miner transaction (oxen-core tests/data/fuzz/transaction/TX1).
//! let blob = hex_literal(
//!     "02a9d85101ffedd75101e4fadfc1b3d601028e9379e2e1ab045047927a661a3262780e1d1c6acebd27e0833e1\
//!      72ce6766f2e2b01413e5702cec18c019779299e65080df9ca172beb38018289b46ad752cb2c5dc8020800000000\
//!      56ce015000",
//! );
//! let tx = Transaction::from_bytes(&blob)?;
//! assert_eq!(tx.prefix.version, TxVersion::V2);
//! assert!(tx.prefix.is_miner_tx());
//! assert_eq!(tx.to_bytes()?, blob);
//! assert_eq!(
//!     tx.hash()?[..4],
//!     [0xb1, 0x12, 0x71, 0x12],
//! );
//! # fn hex_literal(s: &str) -> Vec<u8> {
//! #     let s: String = s.chars().filter(|c| !c.is_whitespace() && *c != '\\').collect();
//! #     (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
//! # }
//! # Ok::<(), oxen_tx::Error>(())
//! ```

pub use crate::codec::Key;
pub use crate::prefix::{
    ScriptTarget, TX_KEY_TAG, TX_SCRIPT_TAG, TX_SCRIPTHASH_TAG, TXIN_GEN_TAG, TransactionPrefix,
    TxIn, TxOut, TxOutTarget, TxType, TxVersion, absolute_to_relative_offsets,
    relative_to_absolute_offsets,
};

/// A 64-byte signature `c || r` (CryptoNote Schnorr / ring-signature element), as on the wire:
/// oxen-crypto's type, reused (not validated by the parser, as the reference's parser does not).
pub use oxen_crypto::Signature;

mod build;
mod codec;
mod expand;
mod hash;
mod types;
mod verify;

pub use build::build_clsag_transaction;
pub use types::{BlobLayout, Transaction};
#[allow(deprecated)]
pub use verify::verify_rct_batch;
pub use verify::verify_ringct_only_batch;

#[cfg(test)]
#[path = "transaction_tests.rs"]
mod tests;
