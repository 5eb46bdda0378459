//! Transaction outputs (reference `tx_out`, `txout_target_v`).

use alloc::vec::Vec;

use super::input::{ScriptTarget, TX_KEY_TAG, TX_SCRIPT_TAG, TX_SCRIPTHASH_TAG};
use crate::Error;
use oxen_crypto::CompressedPoint;

use crate::codec::{Key, Reader, write_varint};

/// An output target (reference `txout_target_v`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum TxOutTarget {
    /// `txout_to_script` (tag 0x00), unused on chain.
    ToScript(ScriptTarget),
    /// `txout_to_scripthash` (tag 0x01), unused on chain.
    ToScriptHash(Key),
    /// `txout_to_key` (tag 0x02): the one-time output public key.
    ToKey(CompressedPoint),
}

/// A transaction output (reference `tx_out`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TxOut {
    /// Amount (0 for RingCT outputs, whose amount is in the commitment).
    pub amount: u64,
    /// Where the output goes.
    pub target: TxOutTarget,
}

impl TxOut {
    pub(super) fn read(r: &mut Reader<'_>) -> Result<Self, Error> {
        let amount = r.varint()?;
        let target = match r.u8()? {
            TX_SCRIPT_TAG => TxOutTarget::ToScript(ScriptTarget::read(r)?),
            TX_SCRIPTHASH_TAG => TxOutTarget::ToScriptHash(r.array()?),
            TX_KEY_TAG => TxOutTarget::ToKey(CompressedPoint(r.array()?)),
            // Includes Monero's 0x03 (txout_to_tagged_key), which oxen-core does not know.
            _ => return Err(Error::OutputTagUnknown),
        };
        Ok(Self { amount, target })
    }

    pub(super) fn write(&self, out: &mut Vec<u8>) {
        write_varint(out, self.amount);
        match &self.target {
            TxOutTarget::ToScript(s) => {
                out.push(TX_SCRIPT_TAG);
                s.write(out);
            }
            TxOutTarget::ToScriptHash(h) => {
                out.push(TX_SCRIPTHASH_TAG);
                out.extend_from_slice(h);
            }
            TxOutTarget::ToKey(k) => {
                out.push(TX_KEY_TAG);
                out.extend_from_slice(k.as_bytes());
            }
        }
    }

    /// The one-time public key of a `txout_to_key` output.
    #[must_use]
    pub fn key(&self) -> Option<&CompressedPoint> {
        match &self.target {
            TxOutTarget::ToKey(k) => Some(k),
            _ => None,
        }
    }
}
