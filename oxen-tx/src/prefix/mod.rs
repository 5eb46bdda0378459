//! The transaction prefix (reference `transaction_prefix` in
//! `src/cryptonote_basic/cryptonote_basic.h`): version, type, unlock times, inputs, outputs and
//! the raw extra bytes; everything the signatures sign. Wire layout in [`crate::transaction`].

use alloc::vec::Vec;

use oxen_crypto::hash::keccak256;

use crate::Error;
use crate::codec::{Reader, write_len, write_varint};

mod input;
mod output;
mod version;

pub use input::{
    ScriptTarget, TX_KEY_TAG, TX_SCRIPT_TAG, TX_SCRIPTHASH_TAG, TXIN_GEN_TAG, TxIn,
    absolute_to_relative_offsets, relative_to_absolute_offsets,
};
pub use output::{TxOut, TxOutTarget};
pub use version::{TxType, TxVersion};

/// The transaction prefix (reference `transaction_prefix`): everything the signatures sign.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TransactionPrefix {
    /// Version 1..4.
    pub version: TxVersion,
    /// Transaction type. Serialized only from v3 on: v3 stores one byte `type == StateChange`,
    /// v4 stores the type as a varint. v1/v2 parse as [`TxType::Standard`].
    pub tx_type: TxType,
    /// Legacy whole-transaction unlock time (still serialized in every version).
    pub unlock_time: u64,
    /// Per-output unlock times (v3+; must have one entry per output).
    pub output_unlock_times: Vec<u64>,
    /// Inputs.
    pub vin: Vec<TxIn>,
    /// Outputs.
    pub vout: Vec<TxOut>,
    /// Raw `tx_extra` bytes (parse them with [`crate::extra::TxExtra::parse`]).
    pub extra: Vec<u8>,
}

impl TransactionPrefix {
    /// The reference's `is_miner_tx`: exactly one input, of type `txin_gen`.
    #[must_use]
    pub fn is_miner_tx(&self) -> bool {
        matches!(self.vin.as_slice(), [TxIn::Gen { .. }])
    }

    /// Unlock time of output `index` (reference `get_unlock_time`): the per-output time from v3
    /// on, the legacy `unlock_time` before (or when the per-output entry is missing).
    #[must_use]
    pub fn get_unlock_time(&self, index: usize) -> u64 {
        if self.version >= TxVersion::V3
            && let Some(t) = self.output_unlock_times.get(index)
        {
            return *t;
        }
        self.unlock_time
    }

    pub(crate) fn read(r: &mut Reader<'_>) -> Result<Self, Error> {
        let version = TxVersion::try_from(r.varint_max(u64::from(u16::MAX))?)?;
        let mut tx_type = TxType::Standard;
        let mut output_unlock_times = Vec::new();
        if version >= TxVersion::V3 {
            let n = r.count(1)?;
            output_unlock_times.reserve_exact(n);
            for _ in 0..n {
                output_unlock_times.push(r.varint()?);
            }
            if version == TxVersion::V3 && r.bool()? {
                tx_type = TxType::StateChange;
            }
        }
        let unlock_time = r.varint()?;
        let n = r.count(2)?;
        let mut vin = Vec::with_capacity(n);
        for _ in 0..n {
            vin.push(TxIn::read(r)?);
        }
        let n = r.count(2)?;
        let mut vout = Vec::with_capacity(n);
        for _ in 0..n {
            vout.push(TxOut::read(r)?);
        }
        if version >= TxVersion::V3 && vout.len() != output_unlock_times.len() {
            return Err(Error::UnlockTimesMismatch);
        }
        let n = r.count(1)?;
        let extra = r.bytes(n)?.to_vec();
        if version >= TxVersion::V4 {
            tx_type = TxType::try_from(r.varint_max(u64::from(u16::MAX))?)?;
        }
        Ok(Self {
            version,
            tx_type,
            unlock_time,
            output_unlock_times,
            vin,
            vout,
            extra,
        })
    }

    /// Serializes the prefix (reference `transaction_prefix::serialize_object`).
    ///
    /// # Errors
    /// [`Error::UnlockTimesMismatch`] for a v3+ prefix whose `output_unlock_times` does not have
    /// one entry per output (the reference throws there too).
    pub fn write(&self, out: &mut Vec<u8>) -> Result<(), Error> {
        write_varint(out, self.version as u64);
        if self.version >= TxVersion::V3 {
            write_len(out, self.output_unlock_times.len());
            for t in &self.output_unlock_times {
                write_varint(out, *t);
            }
            if self.version == TxVersion::V3 {
                out.push(u8::from(self.tx_type == TxType::StateChange));
            }
        }
        write_varint(out, self.unlock_time);
        write_len(out, self.vin.len());
        for i in &self.vin {
            i.write(out);
        }
        write_len(out, self.vout.len());
        for o in &self.vout {
            o.write(out);
        }
        if self.version >= TxVersion::V3 && self.vout.len() != self.output_unlock_times.len() {
            return Err(Error::UnlockTimesMismatch);
        }
        write_len(out, self.extra.len());
        out.extend_from_slice(&self.extra);
        if self.version >= TxVersion::V4 {
            write_varint(out, self.tx_type as u64);
        }
        Ok(())
    }

    /// The prefix bytes.
    ///
    /// # Errors
    /// As [`TransactionPrefix::write`].
    pub fn to_bytes(&self) -> Result<Vec<u8>, Error> {
        let mut out = Vec::new();
        self.write(&mut out)?;
        Ok(out)
    }

    /// The prefix hash `keccak(prefix bytes)` (reference `get_transaction_prefix_hash`): the
    /// message CryptoNote signatures sign and the `message` of the RingCT signature.
    ///
    /// # Errors
    /// As [`TransactionPrefix::write`].
    pub fn hash(&self) -> Result<[u8; 32], Error> {
        Ok(keccak256(&self.to_bytes()?))
    }

    /// Ring size of the transaction's inputs as the RingCT (de)serializer sees it: the number of
    /// key offsets of input 0 when it is a `txin_to_key`, else 1 (reference: `mixin + 1` with
    /// `mixin = key_offsets.size() - 1`; an empty offset list wraps to a ring of 0 there too).
    #[must_use]
    pub fn rct_ring_size(&self) -> usize {
        match self.vin.first() {
            Some(TxIn::ToKey { key_offsets, .. }) => key_offsets.len(),
            _ => 1,
        }
    }
}
