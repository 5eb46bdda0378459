//! The transaction struct (reference `cryptonote::transaction`) and its blob layout.

use alloc::vec::Vec;

use oxen_crypto::Signature;

use crate::prefix::{TransactionPrefix, TxIn};
use crate::rct::RctSig;

/// A full transaction (reference `cryptonote::transaction`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Transaction {
    /// The signed prefix.
    pub prefix: TransactionPrefix,
    /// v1 only: for each input, one signature per ring member (`txin_to_key` key offsets);
    /// inputs of other kinds have none. Empty for v2+.
    pub signatures: Vec<Vec<Signature>>,
    /// v2+ only: the RingCT signature (type Null for miner and input-less transactions).
    pub rct: RctSig,
}

/// Byte offsets recorded while (de)serializing, as the reference's `prefix_size` /
/// `unprunable_size`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlobLayout {
    /// Length of the prefix.
    pub prefix_size: usize,
    /// Length of prefix + RingCT base (v1: the prefix length; v2+ without inputs: 0, as the
    /// reference leaves it unset).
    pub unprunable_size: usize,
    /// Total length.
    pub total_size: usize,
}

impl Transaction {
    /// The key images of the inputs, in input order (`txin_to_key` inputs only).
    #[must_use]
    pub fn key_images(&self) -> Vec<oxen_crypto::KeyImage> {
        self.prefix
            .vin
            .iter()
            .filter_map(TxIn::key_image)
            .copied()
            .collect()
    }
}
