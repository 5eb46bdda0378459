//! Transaction hashes (reference `get_transaction_prefix_hash`, `calculate_transaction_hash`).

use alloc::vec::Vec;

use oxen_crypto::hash::{Keccak256, keccak256};

use super::types::{BlobLayout, Transaction};
use crate::Error;
use crate::prefix::TxVersion;
use crate::rct::RctType;

impl Transaction {
    /// The prefix hash (see [`TransactionPrefix::hash`](crate::prefix::TransactionPrefix::hash)).
    ///
    /// # Errors
    /// As [`TransactionPrefix::write`](crate::prefix::TransactionPrefix::write).
    pub fn prefix_hash(&self) -> Result<[u8; 32], Error> {
        self.prefix.hash()
    }

    /// The three component hashes of a v2+ transaction: prefix hash, RingCT base hash and RingCT
    /// prunable hash (all-zero when the RingCT type is Null).
    ///
    /// # Errors
    /// [`Error::HashUnavailable`] for v1 (hashed whole) and for an input-less transfer (the
    /// reference fails there: its `unprunable_size` is never set); serialization errors.
    pub fn hash_components(&self) -> Result<[[u8; 32]; 3], Error> {
        let (blob, layout) = self.to_bytes_with_layout()?;
        self.hash_components_of(&blob, &layout)
    }

    fn hash_components_of(&self, blob: &[u8], layout: &BlobLayout) -> Result<[[u8; 32]; 3], Error> {
        if self.prefix.version == TxVersion::V1 {
            return Err(Error::HashUnavailable);
        }
        let prefix = blob
            .get(..layout.prefix_size)
            .ok_or(Error::HashUnavailable)?;
        let prefix_hash = keccak256(prefix);
        let inputs = self.prefix.vin.len();
        let outputs = self.prefix.vout.len();
        // Reference quirk (calculate_transaction_hash): transfers hash the blob slice between the
        // recorded offsets, other types re-serialize the RingCT base. They differ only without
        // inputs: a transfer then fails (prefix_size > unprunable_size = 0), a state change
        // hashes the base of a Null signature (one 0x00 byte) that is not in the blob.
        let base_hash = if self.prefix.tx_type.is_transfer() {
            if layout.prefix_size > layout.unprunable_size {
                return Err(Error::HashUnavailable);
            }
            keccak256(
                blob.get(layout.prefix_size..layout.unprunable_size)
                    .ok_or(Error::HashUnavailable)?,
            )
        } else {
            let mut base = Vec::new();
            self.rct.write_base(&mut base, inputs, outputs)?;
            keccak256(&base)
        };
        let prunable_hash = if self.rct.rct_type == RctType::Null {
            [0u8; 32]
        } else if layout.unprunable_size != 0 {
            keccak256(
                blob.get(layout.unprunable_size..)
                    .ok_or(Error::HashUnavailable)?,
            )
        } else {
            let mut p = Vec::new();
            self.rct
                .write_prunable(&mut p, inputs, outputs, self.prefix.rct_ring_size())?;
            keccak256(&p)
        };
        Ok([prefix_hash, base_hash, prunable_hash])
    }

    /// The transaction hash (id) (reference `calculate_transaction_hash`): v1 = `keccak(blob)`;
    /// v2+ = `keccak(prefix_hash || rct_base_hash || rct_prunable_hash)`.
    ///
    /// # Errors
    /// As [`Transaction::hash_components`] (except that v1 is fine).
    pub fn hash(&self) -> Result<[u8; 32], Error> {
        let (blob, layout) = self.to_bytes_with_layout()?;
        if self.prefix.version == TxVersion::V1 {
            return Ok(keccak256(&blob));
        }
        let [a, b, c] = self.hash_components_of(&blob, &layout)?;
        let mut h = Keccak256::new();
        h.update(&a).update(&b).update(&c);
        Ok(h.finalize())
    }
}
