//! Transaction inputs (reference `txin_v`) and the key-offset helpers.

use alloc::vec::Vec;

use crate::Error;
use oxen_crypto::KeyImage;

use crate::codec::{Key, Reader, write_len, write_varint};

/// Wire tag of `txin_gen` / output or input "script" variants, see [`TxIn`] and
/// [`TxOutTarget`](crate::prefix::TxOutTarget).
pub const TXIN_GEN_TAG: u8 = 0xff;
/// Wire tag of the (unused) script variants.
pub const TX_SCRIPT_TAG: u8 = 0x00;
/// Wire tag of the (unused) script-hash variants.
pub const TX_SCRIPTHASH_TAG: u8 = 0x01;
/// Wire tag of `txin_to_key` / `txout_to_key`.
pub const TX_KEY_TAG: u8 = 0x02;

/// The (unused) `txout_to_script` target, also embedded in `txin_to_scripthash`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ScriptTarget {
    /// `keys`.
    pub keys: Vec<Key>,
    /// `script`.
    pub script: Vec<u8>,
}

impl ScriptTarget {
    pub(super) fn read(r: &mut Reader<'_>) -> Result<Self, Error> {
        let n = r.count(32)?;
        let mut keys = Vec::with_capacity(n);
        for _ in 0..n {
            keys.push(r.array()?);
        }
        let n = r.count(1)?;
        let script = r.bytes(n)?.to_vec();
        Ok(Self { keys, script })
    }

    pub(super) fn write(&self, out: &mut Vec<u8>) {
        write_len(out, self.keys.len());
        for k in &self.keys {
            out.extend_from_slice(k);
        }
        write_len(out, self.script.len());
        out.extend_from_slice(&self.script);
    }
}

/// A transaction input (reference `txin_v`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum TxIn {
    /// `txin_gen` (tag 0xff): the coinbase input of a miner transaction.
    Gen {
        /// Block height.
        height: u64,
    },
    /// `txin_to_script` (tag 0x00), never used on chain but accepted by the parser.
    ToScript {
        /// `prev`.
        prev: Key,
        /// `prevout`.
        prevout: u64,
        /// `sigset`.
        sigset: Vec<u8>,
    },
    /// `txin_to_scripthash` (tag 0x01), never used on chain but accepted by the parser.
    ToScriptHash {
        /// `prev`.
        prev: Key,
        /// `prevout`.
        prevout: u64,
        /// `script`.
        script: ScriptTarget,
        /// `sigset`.
        sigset: Vec<u8>,
    },
    /// `txin_to_key` (tag 0x02): spends one of a ring of outputs.
    ToKey {
        /// Amount (0 for RingCT inputs).
        amount: u64,
        /// Ring member global output indices, relative (each is the delta from the previous).
        key_offsets: Vec<u64>,
        /// The key image (unchecked, as the reference's parser leaves it: its subgroup check is a
        /// consensus rule, [`KeyImage::check_domain`]).
        key_image: KeyImage,
    },
}

impl TxIn {
    pub(super) fn read(r: &mut Reader<'_>) -> Result<Self, Error> {
        Ok(match r.u8()? {
            TXIN_GEN_TAG => Self::Gen {
                height: r.varint()?,
            },
            TX_SCRIPT_TAG => {
                let prev = r.array()?;
                let prevout = r.varint()?;
                let n = r.count(1)?;
                Self::ToScript {
                    prev,
                    prevout,
                    sigset: r.bytes(n)?.to_vec(),
                }
            }
            TX_SCRIPTHASH_TAG => {
                let prev = r.array()?;
                let prevout = r.varint()?;
                let script = ScriptTarget::read(r)?;
                let n = r.count(1)?;
                Self::ToScriptHash {
                    prev,
                    prevout,
                    script,
                    sigset: r.bytes(n)?.to_vec(),
                }
            }
            TX_KEY_TAG => {
                let amount = r.varint()?;
                let n = r.count(1)?;
                let mut key_offsets = Vec::with_capacity(n);
                for _ in 0..n {
                    key_offsets.push(r.varint()?);
                }
                Self::ToKey {
                    amount,
                    key_offsets,
                    key_image: KeyImage(r.array()?),
                }
            }
            _ => return Err(Error::InputTagUnknown),
        })
    }

    pub(super) fn write(&self, out: &mut Vec<u8>) {
        match self {
            Self::Gen { height } => {
                out.push(TXIN_GEN_TAG);
                write_varint(out, *height);
            }
            Self::ToScript {
                prev,
                prevout,
                sigset,
            } => {
                out.push(TX_SCRIPT_TAG);
                out.extend_from_slice(prev);
                write_varint(out, *prevout);
                write_len(out, sigset.len());
                out.extend_from_slice(sigset);
            }
            Self::ToScriptHash {
                prev,
                prevout,
                script,
                sigset,
            } => {
                out.push(TX_SCRIPTHASH_TAG);
                out.extend_from_slice(prev);
                write_varint(out, *prevout);
                script.write(out);
                write_len(out, sigset.len());
                out.extend_from_slice(sigset);
            }
            Self::ToKey {
                amount,
                key_offsets,
                key_image,
            } => {
                out.push(TX_KEY_TAG);
                write_varint(out, *amount);
                write_len(out, key_offsets.len());
                for o in key_offsets {
                    write_varint(out, *o);
                }
                out.extend_from_slice(key_image.as_bytes());
            }
        }
    }

    /// The key image of a `txin_to_key` input.
    #[must_use]
    pub fn key_image(&self) -> Option<&KeyImage> {
        match self {
            Self::ToKey { key_image, .. } => Some(key_image),
            _ => None,
        }
    }

    /// Number of v1 signatures this input carries (reference `get_signature_size`).
    pub(crate) fn signature_count(&self) -> usize {
        match self {
            Self::ToKey { key_offsets, .. } => key_offsets.len(),
            _ => 0,
        }
    }
}

/// Converts relative key offsets (as in [`TxIn::ToKey`]) to absolute output indices
/// (reference `relative_output_offsets_to_absolute`; wrapping like the C++ `uint64_t` sum).
#[must_use]
pub fn relative_to_absolute_offsets(relative: &[u64]) -> Vec<u64> {
    let mut acc = 0u64;
    relative
        .iter()
        .map(|o| {
            acc = acc.wrapping_add(*o);
            acc
        })
        .collect()
}

/// Converts absolute output indices to relative key offsets (reference
/// `absolute_output_offsets_to_relative`; the input must be sorted ascending).
#[must_use]
pub fn absolute_to_relative_offsets(absolute: &[u64]) -> Vec<u64> {
    let mut prev = 0u64;
    absolute
        .iter()
        .map(|a| {
            let d = a.wrapping_sub(prev);
            prev = *a;
            d
        })
        .collect()
}
