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

use alloc::vec::Vec;

use oxen_crypto::hash::{Keccak256, keccak256};
use oxen_crypto::varint;

use crate::Error;
use crate::rct::{RctSig, RctType};

/// A 32-byte value as it appears on the wire (a point encoding, key image, hash or scalar). It is
/// not validated by the parser, exactly as the reference's parser does not validate it.
pub type Key = [u8; 32];

/// A 64-byte signature `c || r` (CryptoNote Schnorr / ring-signature element), as on the wire:
/// oxen-crypto's type, reused (not validated by the parser, as the reference's parser does not).
pub use oxen_crypto::Signature;

// -------------------------------------------------------------------------------------------------
// Wire reader/writer shared by the transaction, RingCT and tx_extra codecs.
// -------------------------------------------------------------------------------------------------

/// A bounds-checked cursor over untrusted bytes.
#[derive(Debug, Clone)]
pub(crate) struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(buf: &'a [u8]) -> Self {
        Self { buf, pos: 0 }
    }

    pub(crate) fn position(&self) -> usize {
        self.pos
    }

    pub(crate) fn remaining(&self) -> usize {
        self.buf.len().saturating_sub(self.pos)
    }

    pub(crate) fn rest(&self) -> &'a [u8] {
        self.buf.get(self.pos..).unwrap_or_default()
    }

    pub(crate) fn bytes(&mut self, n: usize) -> Result<&'a [u8], Error> {
        let end = self.pos.checked_add(n).ok_or(Error::Truncated)?;
        let out = self.buf.get(self.pos..end).ok_or(Error::Truncated)?;
        self.pos = end;
        Ok(out)
    }

    pub(crate) fn array<const N: usize>(&mut self) -> Result<[u8; N], Error> {
        let b = self.bytes(N)?;
        let mut out = [0u8; N];
        out.copy_from_slice(b);
        Ok(out)
    }

    pub(crate) fn u8(&mut self) -> Result<u8, Error> {
        Ok(self.array::<1>()?[0])
    }

    /// A C++ `bool` read as one raw byte. Only 0 and 1 are accepted (see [`Error::BoolInvalid`]).
    pub(crate) fn bool(&mut self) -> Result<bool, Error> {
        match self.u8()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(Error::BoolInvalid),
        }
    }

    pub(crate) fn u32_le(&mut self) -> Result<u32, Error> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    pub(crate) fn u64_le(&mut self) -> Result<u64, Error> {
        Ok(u64::from_le_bytes(self.array()?))
    }

    /// A canonical varint into a `u64` (reference `tools::read_varint`).
    pub(crate) fn varint(&mut self) -> Result<u64, Error> {
        let (v, n) = varint::read(self.rest())?;
        self.pos += n;
        Ok(v)
    }

    /// A varint read into an integer of `max`'s width: larger values are rejected as the
    /// reference's `read_varint<T>` rejects them (`EVARINT_OVERFLOW`).
    pub(crate) fn varint_max(&mut self, max: u64) -> Result<u64, Error> {
        let v = self.varint()?;
        if v > max {
            return Err(Error::VarintOutOfRange);
        }
        Ok(v)
    }

    /// An element count (varint) for items of at least `min_item_len` bytes each; rejects counts
    /// that the remaining input cannot hold, before anything is allocated.
    pub(crate) fn count(&mut self, min_item_len: usize) -> Result<usize, Error> {
        let n = self.varint()?;
        check_fits(n, min_item_len, self.remaining())
    }
}

/// `n` items of at least `item_len` bytes fit in `remaining` bytes.
pub(crate) fn check_fits(n: u64, item_len: usize, remaining: usize) -> Result<usize, Error> {
    let n = usize::try_from(n).map_err(|_| Error::CountTooLarge)?;
    let need = n.checked_mul(item_len.max(1)).ok_or(Error::CountTooLarge)?;
    if need > remaining {
        return Err(Error::CountTooLarge);
    }
    Ok(n)
}

pub(crate) fn write_varint(out: &mut Vec<u8>, v: u64) {
    varint::write(out, v);
}

pub(crate) fn write_len(out: &mut Vec<u8>, n: usize) {
    varint::write(out, n as u64);
}

// -------------------------------------------------------------------------------------------------
// Versions and types
// -------------------------------------------------------------------------------------------------

/// Transaction version (reference `cryptonote::txversion`, a `uint16_t` enum).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[repr(u16)]
pub enum TxVersion {
    /// v1: CryptoNote ring signatures, no RingCT.
    V1 = 1,
    /// v2: RingCT.
    V2 = 2,
    /// v3: per-output unlock times and the `is_state_change` byte.
    V3 = 3,
    /// v4: per-output unlock times and a transaction type (current).
    V4 = 4,
}

impl TryFrom<u64> for TxVersion {
    type Error = Error;
    fn try_from(v: u64) -> Result<Self, Error> {
        Ok(match v {
            1 => Self::V1,
            2 => Self::V2,
            3 => Self::V3,
            4 => Self::V4,
            _ => return Err(Error::TxVersionInvalid),
        })
    }
}

/// Transaction type (reference `cryptonote::txtype`, v4 prefixes; v3 carries only
/// standard/state-change; v1 and v2 are always standard).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[repr(u16)]
pub enum TxType {
    /// 0: an ordinary transfer.
    Standard = 0,
    /// 1: a service-node state change (no inputs).
    StateChange = 1,
    /// 2: a key image unlock request.
    KeyImageUnlock = 2,
    /// 3: a stake.
    Stake = 3,
    /// 4: an Oxen Name System purchase/update.
    OxenNameSystem = 4,
    /// 5: an Ethereum service-node exit request.
    EthereumServiceNodeExitRequest = 5,
    /// 6: an Ethereum service-node exit.
    EthereumServiceNodeExit = 6,
    /// 7: an Ethereum staking requirement update.
    EthereumStakingRequirementUpdated = 7,
    /// 8: purge of a missing service node.
    EthereumPurgeMissingServiceNode = 8,
    /// 9: an Ethereum new service node (v2).
    EthereumNewServiceNodeV2 = 9,
}

impl TxType {
    /// The reference's `transaction_prefix::is_transfer`: standard, stake or ONS.
    #[must_use]
    pub fn is_transfer(self) -> bool {
        matches!(self, Self::Standard | Self::Stake | Self::OxenNameSystem)
    }
}

impl TryFrom<u64> for TxType {
    type Error = Error;
    fn try_from(v: u64) -> Result<Self, Error> {
        Ok(match v {
            0 => Self::Standard,
            1 => Self::StateChange,
            2 => Self::KeyImageUnlock,
            3 => Self::Stake,
            4 => Self::OxenNameSystem,
            5 => Self::EthereumServiceNodeExitRequest,
            6 => Self::EthereumServiceNodeExit,
            7 => Self::EthereumStakingRequirementUpdated,
            8 => Self::EthereumPurgeMissingServiceNode,
            9 => Self::EthereumNewServiceNodeV2,
            _ => return Err(Error::TxTypeInvalid),
        })
    }
}

// -------------------------------------------------------------------------------------------------
// Inputs and outputs
// -------------------------------------------------------------------------------------------------

/// Wire tag of `txin_gen` / output or input "script" variants, see [`TxIn`] and [`TxOutTarget`].
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
    fn read(r: &mut Reader<'_>) -> Result<Self, Error> {
        let n = r.count(32)?;
        let mut keys = Vec::with_capacity(n);
        for _ in 0..n {
            keys.push(r.array()?);
        }
        let n = r.count(1)?;
        let script = r.bytes(n)?.to_vec();
        Ok(Self { keys, script })
    }

    fn write(&self, out: &mut Vec<u8>) {
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
        /// The key image.
        key_image: Key,
    },
}

impl TxIn {
    fn read(r: &mut Reader<'_>) -> Result<Self, Error> {
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
                    key_image: r.array()?,
                }
            }
            _ => return Err(Error::InputTagUnknown),
        })
    }

    fn write(&self, out: &mut Vec<u8>) {
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
                out.extend_from_slice(key_image);
            }
        }
    }

    /// The key image of a `txin_to_key` input.
    #[must_use]
    pub fn key_image(&self) -> Option<&Key> {
        match self {
            Self::ToKey { key_image, .. } => Some(key_image),
            _ => None,
        }
    }

    /// Number of v1 signatures this input carries (reference `get_signature_size`).
    fn signature_count(&self) -> usize {
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

/// An output target (reference `txout_target_v`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum TxOutTarget {
    /// `txout_to_script` (tag 0x00), unused on chain.
    ToScript(ScriptTarget),
    /// `txout_to_scripthash` (tag 0x01), unused on chain.
    ToScriptHash(Key),
    /// `txout_to_key` (tag 0x02): the one-time output public key.
    ToKey(Key),
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
    fn read(r: &mut Reader<'_>) -> Result<Self, Error> {
        let amount = r.varint()?;
        let target = match r.u8()? {
            TX_SCRIPT_TAG => TxOutTarget::ToScript(ScriptTarget::read(r)?),
            TX_SCRIPTHASH_TAG => TxOutTarget::ToScriptHash(r.array()?),
            TX_KEY_TAG => TxOutTarget::ToKey(r.array()?),
            // Includes Monero's 0x03 (txout_to_tagged_key), which oxen-core does not know.
            _ => return Err(Error::OutputTagUnknown),
        };
        Ok(Self { amount, target })
    }

    fn write(&self, out: &mut Vec<u8>) {
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
                out.extend_from_slice(k);
            }
        }
    }

    /// The one-time public key of a `txout_to_key` output.
    #[must_use]
    pub fn key(&self) -> Option<&Key> {
        match &self.target {
            TxOutTarget::ToKey(k) => Some(k),
            _ => None,
        }
    }
}

// -------------------------------------------------------------------------------------------------
// Prefix
// -------------------------------------------------------------------------------------------------

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

// -------------------------------------------------------------------------------------------------
// Transaction
// -------------------------------------------------------------------------------------------------

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
    /// Parses a transaction blob, consuming all of it (reference `serialization::serialize` into a
    /// `transaction`, the first half of `parse_and_validate_tx_from_blob`).
    ///
    /// No point, scalar or signature is validated here; see
    /// [`Transaction::expand`] for the reference's post-parse checks.
    ///
    /// # Errors
    /// The check that failed: [`Error::Truncated`], [`Error::CountTooLarge`],
    /// [`Error::TrailingBytes`], [`Error::TxVersionInvalid`], [`Error::RctTypeInvalid`], ...
    pub fn from_bytes(blob: &[u8]) -> Result<Self, Error> {
        Self::from_bytes_with_layout(blob).map(|(tx, _)| tx)
    }

    /// As [`Transaction::from_bytes`], also returning the blob's layout.
    ///
    /// # Errors
    /// As [`Transaction::from_bytes`].
    pub fn from_bytes_with_layout(blob: &[u8]) -> Result<(Self, BlobLayout), Error> {
        let mut r = Reader::new(blob);
        let prefix = TransactionPrefix::read(&mut r)?;
        let prefix_size = r.position();
        let mut unprunable_size = 0;
        let mut signatures = Vec::new();
        let mut rct = RctSig::null();
        if prefix.version == TxVersion::V1 {
            unprunable_size = prefix_size;
            if !prefix.vin.is_empty() {
                signatures.reserve_exact(prefix.vin.len());
                for input in &prefix.vin {
                    let n = check_fits(input.signature_count() as u64, 64, r.remaining())?;
                    let mut sigs = Vec::with_capacity(n);
                    for _ in 0..n {
                        sigs.push(Signature::from_bytes(&r.array()?));
                    }
                    signatures.push(sigs);
                }
            }
        } else if !prefix.vin.is_empty() {
            let inputs = prefix.vin.len();
            let outputs = prefix.vout.len();
            rct = RctSig::read_base(&mut r, inputs, outputs)?;
            unprunable_size = r.position();
            if rct.rct_type != RctType::Null {
                rct.read_prunable(&mut r, inputs, outputs, prefix.rct_ring_size())?;
            }
        }
        if r.remaining() != 0 {
            return Err(Error::TrailingBytes);
        }
        let layout = BlobLayout {
            prefix_size,
            unprunable_size,
            total_size: blob.len(),
        };
        Ok((
            Self {
                prefix,
                signatures,
                rct,
            },
            layout,
        ))
    }

    /// Serializes the transaction (reference `tx_to_blob`).
    ///
    /// # Errors
    /// The reference serializer's consistency checks: [`Error::UnlockTimesMismatch`],
    /// [`Error::SignatureCountMismatch`], [`Error::RctCountMismatch`], ...
    pub fn to_bytes(&self) -> Result<Vec<u8>, Error> {
        self.to_bytes_with_layout().map(|(b, _)| b)
    }

    /// As [`Transaction::to_bytes`], also returning the layout.
    ///
    /// # Errors
    /// As [`Transaction::to_bytes`].
    pub fn to_bytes_with_layout(&self) -> Result<(Vec<u8>, BlobLayout), Error> {
        let mut out = Vec::new();
        self.prefix.write(&mut out)?;
        let prefix_size = out.len();
        let mut unprunable_size = 0;
        let vin = &self.prefix.vin;
        if self.prefix.version == TxVersion::V1 {
            unprunable_size = prefix_size;
            let expected = !self.signatures.is_empty();
            if expected && self.signatures.len() != vin.len() {
                return Err(Error::SignatureCountMismatch);
            }
            for (i, input) in vin.iter().enumerate() {
                let n = input.signature_count();
                if !expected {
                    if n > 0 {
                        return Err(Error::SignatureCountMismatch);
                    }
                    continue;
                }
                let sigs = self
                    .signatures
                    .get(i)
                    .ok_or(Error::SignatureCountMismatch)?;
                if sigs.len() != n {
                    return Err(Error::SignatureCountMismatch);
                }
                for s in sigs {
                    out.extend_from_slice(&s.to_bytes());
                }
            }
        } else if !vin.is_empty() {
            self.rct
                .write_base(&mut out, vin.len(), self.prefix.vout.len())?;
            unprunable_size = out.len();
            if self.rct.rct_type != RctType::Null {
                self.rct.write_prunable(
                    &mut out,
                    vin.len(),
                    self.prefix.vout.len(),
                    self.prefix.rct_ring_size(),
                )?;
            }
        }
        let total_size = out.len();
        Ok((
            out,
            BlobLayout {
                prefix_size,
                unprunable_size,
                total_size,
            },
        ))
    }

    /// The prefix hash (see [`TransactionPrefix::hash`]).
    ///
    /// # Errors
    /// As [`TransactionPrefix::write`].
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

    /// The reference's post-parse checks (`expand_transaction_1`) for a RingCT transaction that
    /// is not a miner transaction: one output commitment per output, every output a
    /// `txout_to_key`, and for Bulletproof types exactly one proof with `|L| >= 6` covering every
    /// output. Succeeds trivially for v1, miner and Null-type transactions.
    ///
    /// (The reference also restores each proof's `V = outPk / 8` here; this crate does that when
    /// it verifies, see [`crate::rct::RctSig::verify_semantics`].)
    ///
    /// # Errors
    /// [`Error::RctCountMismatch`], [`Error::OutputNotToKey`], [`Error::BulletproofCountInvalid`],
    /// [`Error::BulletproofTooSmall`].
    pub fn expand(&self) -> Result<(), Error> {
        if self.prefix.version == TxVersion::V1 || self.prefix.is_miner_tx() {
            return Ok(());
        }
        let rv = &self.rct;
        if rv.rct_type == RctType::Null {
            return Ok(());
        }
        if rv.out_pk.len() != self.prefix.vout.len() {
            return Err(Error::RctCountMismatch);
        }
        if self.prefix.vout.iter().any(|o| o.key().is_none()) {
            return Err(Error::OutputNotToKey);
        }
        if rv.rct_type.is_bulletproof() {
            let [bp] = rv.prunable.bulletproofs.as_slice() else {
                return Err(Error::BulletproofCountInvalid);
            };
            let rounds = bp.rounds();
            if rounds < 6 {
                return Err(Error::BulletproofTooSmall);
            }
            // 1 << (|L| - 6) as size_t; |L| - 6 >= 64 shifts out everything in practice, which
            // the bounded parser cannot reach (|L| <= input/32).
            let max_outputs = 1u128.checked_shl((rounds - 6) as u32).unwrap_or(0);
            if max_outputs < self.prefix.vout.len() as u128 {
                return Err(Error::BulletproofTooSmall);
            }
        }
        Ok(())
    }

    /// `from_bytes` followed by [`Transaction::expand`]: the reference's
    /// `parse_and_validate_tx_from_blob`.
    ///
    /// # Errors
    /// As the two steps.
    pub fn parse_and_validate(blob: &[u8]) -> Result<Self, Error> {
        let tx = Self::from_bytes(blob)?;
        tx.expand()?;
        Ok(tx)
    }

    /// The key images of the inputs, in input order (`txin_to_key` inputs only).
    #[must_use]
    pub fn key_images(&self) -> Vec<Key> {
        self.prefix
            .vin
            .iter()
            .filter_map(TxIn::key_image)
            .copied()
            .collect()
    }

    /// Full RingCT verification of a CLSAG transaction against its rings (`mix_ring[i]` = the
    /// `(P, C)` of input `i`'s ring members, resolved from the chain via the key offsets):
    /// [`Transaction::expand`], [`RctSig::verify_semantics`] (counts, balance, bulletproof) and
    /// [`RctSig::verify_non_semantics`] (every CLSAG over the prefix-bound message).
    ///
    /// Consensus rules outside the signature (ring size 10, key-image order and subgroup, fee
    /// and output-count limits) are not checked here.
    ///
    /// # Errors
    /// The first failed check.
    pub fn verify_rct(&self, mix_ring: &[Vec<crate::rct::CtKey>]) -> Result<(), Error> {
        if self.prefix.version == TxVersion::V1 || self.rct.rct_type != RctType::Clsag {
            return Err(Error::RctTypeUnsupported);
        }
        self.verify_rct_without_bulletproof(mix_ring)?;
        // Counts and balance were checked above: only the range proof is left.
        let [bp] = self.rct.prunable.bulletproofs.as_slice() else {
            return Err(Error::BulletproofCountInvalid);
        };
        let commitments: Vec<crate::commitment::Commitment> = self
            .rct
            .out_pk
            .iter()
            .map(|c| crate::commitment::Commitment(*c))
            .collect();
        bp.verify(&commitments)
    }

    /// [`Transaction::verify_rct`] minus the bulletproof verification (for batching).
    fn verify_rct_without_bulletproof(
        &self,
        mix_ring: &[Vec<crate::rct::CtKey>],
    ) -> Result<(), Error> {
        if self.prefix.version == TxVersion::V1 || self.rct.rct_type != RctType::Clsag {
            return Err(Error::RctTypeUnsupported);
        }
        self.expand()?;
        self.rct.check_semantics_counts()?;
        self.rct.check_balance()?;
        let message = self.prefix_hash()?;
        self.rct.verify_non_semantics(
            &message,
            self.prefix.vin.len(),
            mix_ring,
            &self.key_images(),
        )
    }
}

/// Builds a complete v4 standard transaction spending `inputs` with CLSAG RingCT (the wallet
/// flow around the reference's `genRctSimple`): each input is given with the absolute global
/// output indices of its ring members (ascending, in ring order); outputs become
/// `txout_to_key` with amount 0 and per-output unlock time 0; `extra` is copied as is (normally
/// `0x01 || tx public key`).
///
/// Inputs are ordered by key image, strictly decreasing in `memcmp` order, as consensus requires.
/// All randomness comes from `rng`.
///
/// # Errors
/// As [`crate::rct::gen_rct_simple`]; [`Error::BuilderArguments`] if an input's offsets do not
/// match its ring size or two inputs share a key image.
pub fn build_clsag_transaction<R: rand_core::CryptoRng + ?Sized>(
    inputs: Vec<(crate::rct::RctInput, Vec<u64>)>,
    outputs: &[crate::rct::RctOutput],
    fee: u64,
    extra: Vec<u8>,
    rng: &mut R,
) -> Result<(Transaction, crate::rct::RctSecrets), Error> {
    let mut keyed = Vec::with_capacity(inputs.len());
    for (input, offsets) in inputs {
        if offsets.len() != input.ring.len() {
            return Err(Error::BuilderArguments);
        }
        keyed.push((input.key_image()?, input, offsets));
    }
    keyed.sort_by_key(|k| core::cmp::Reverse(k.0));
    if keyed.windows(2).any(|w| matches!(w, [a, b] if a.0 == b.0)) {
        return Err(Error::BuilderArguments);
    }
    let prefix = TransactionPrefix {
        version: TxVersion::V4,
        tx_type: TxType::Standard,
        unlock_time: 0,
        output_unlock_times: alloc::vec![0; outputs.len()],
        vin: keyed
            .iter()
            .map(|(ki, _, offsets)| TxIn::ToKey {
                amount: 0,
                key_offsets: absolute_to_relative_offsets(offsets),
                key_image: *ki,
            })
            .collect(),
        vout: outputs
            .iter()
            .map(|o| TxOut {
                amount: 0,
                target: TxOutTarget::ToKey(o.dest),
            })
            .collect(),
        extra,
    };
    let message = prefix.hash()?;
    let inputs: Vec<crate::rct::RctInput> = keyed.into_iter().map(|(_, i, _)| i).collect();
    let (rct, secrets) = crate::rct::gen_rct_simple(&message, &inputs, outputs, fee, rng)?;
    Ok((
        Transaction {
            prefix,
            signatures: Vec::new(),
            rct,
        },
        secrets,
    ))
}

/// Verifies many CLSAG transactions (each with its rings) as a node verifies a block or a pool
/// batch (reference `verRctSemanticsSimple` over a vector, then `verRctNonSemanticsSimple` per
/// transaction): every per-transaction check and CLSAG, and **one** batched multiscalar
/// verification of all the bulletproofs. With the `parallel` feature the transactions (and the
/// CLSAGs inside each) are checked on rayon's thread pool. Variable time (public data).
///
/// # Errors
/// `(index, error)` of a failing transaction (the lowest index among the failures found; if
/// only the combined bulletproof check fails, each proof is re-checked alone to name it).
pub fn verify_rct_batch(
    items: &[(&Transaction, &[Vec<crate::rct::CtKey>])],
) -> Result<(), (usize, Error)> {
    let check = |(i, (tx, rings)): (usize, &(&Transaction, &[Vec<crate::rct::CtKey>]))| {
        tx.verify_rct_without_bulletproof(rings).map_err(|e| (i, e))
    };
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        let first = items
            .par_iter()
            .enumerate()
            .filter_map(|x| check(x).err())
            .min_by_key(|(i, _)| *i);
        if let Some(e) = first {
            return Err(e);
        }
    }
    #[cfg(not(feature = "parallel"))]
    items.iter().enumerate().try_for_each(check)?;

    let commitments: Vec<Vec<crate::commitment::Commitment>> = items
        .iter()
        .map(|(tx, _)| {
            tx.rct
                .out_pk
                .iter()
                .map(|c| crate::commitment::Commitment(*c))
                .collect()
        })
        .collect();
    let mut proofs = Vec::with_capacity(items.len());
    for ((tx, _), c) in items.iter().zip(&commitments) {
        // verify_rct_without_bulletproof checked there is exactly one.
        if let Some(bp) = tx.rct.prunable.bulletproofs.first() {
            proofs.push((bp, c.as_slice()));
        }
    }
    if crate::bulletproof::Bulletproof::batch_verify(&proofs).is_ok() {
        return Ok(());
    }
    for (i, (bp, c)) in proofs.iter().enumerate() {
        bp.verify(c).map_err(|e| (i, e))?;
    }
    Err((0, Error::BulletproofVerification))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bulletproof::Bulletproof;
    use crate::rct::{BORROMEAN_RANGE_SIG_LEN, BorromeanRangeSig, ClsagSig, EcdhTuple, MgSig};
    use proptest::prelude::*;
    use rand_chacha::ChaCha20Rng;
    use rand_core::{Rng, SeedableRng};

    fn key(rng: &mut ChaCha20Rng) -> Key {
        let mut k = [0u8; 32];
        rng.fill_bytes(&mut k);
        k
    }

    fn small(rng: &mut ChaCha20Rng, n: u32) -> usize {
        (rng.next_u32() % n) as usize
    }

    fn varint_value(rng: &mut ChaCha20Rng) -> u64 {
        match rng.next_u32() % 3 {
            0 => u64::from(rng.next_u32() % 128),
            1 => u64::from(rng.next_u32()),
            _ => rng.next_u64(),
        }
    }

    fn rbytes(rng: &mut ChaCha20Rng, max: u32) -> Vec<u8> {
        let n = small(rng, max);
        bytes(rng, n)
    }

    fn bytes(rng: &mut ChaCha20Rng, n: usize) -> Vec<u8> {
        let mut v = alloc::vec![0u8; n];
        rng.fill_bytes(&mut v);
        v
    }

    fn bulletproof(rng: &mut ChaCha20Rng, rounds: usize) -> Bulletproof {
        let mut b = bytes(rng, 6 * 32);
        b.push(rounds as u8);
        b.extend(bytes(rng, 32 * rounds));
        b.push(rounds as u8);
        b.extend(bytes(rng, 32 * rounds));
        b.extend(bytes(rng, 3 * 32));
        Bulletproof::from_bytes(&b).unwrap()
    }

    /// A random transaction that the reference's serializer accepts.
    fn random_tx(seed: u64, version: u8, rct_type: u8, n_in: usize, n_out: usize) -> Transaction {
        let rng = &mut ChaCha20Rng::seed_from_u64(seed);
        let version = TxVersion::try_from(u64::from(version)).unwrap();
        let ring = 1 + small(rng, 4);
        let tx_type = match version {
            TxVersion::V1 | TxVersion::V2 => TxType::Standard,
            TxVersion::V3 => TxType::try_from(rng.next_u64() % 2).unwrap(),
            TxVersion::V4 => TxType::try_from(rng.next_u64() % 10).unwrap(),
        };
        let mut vin = Vec::new();
        for i in 0..n_in {
            // Input 0 fixes the RingCT ring size: make it a txin_to_key of `ring` members.
            let kind = if i == 0 { 3 } else { small(rng, 4) };
            vin.push(match kind {
                0 => TxIn::Gen {
                    height: varint_value(rng),
                },
                1 => TxIn::ToScript {
                    prev: key(rng),
                    prevout: varint_value(rng),
                    sigset: rbytes(rng, 5),
                },
                2 => TxIn::ToScriptHash {
                    prev: key(rng),
                    prevout: varint_value(rng),
                    script: ScriptTarget {
                        keys: (0..small(rng, 3)).map(|_| key(rng)).collect(),
                        script: rbytes(rng, 4),
                    },
                    sigset: rbytes(rng, 5),
                },
                _ => TxIn::ToKey {
                    amount: varint_value(rng),
                    key_offsets: (0..if i == 0 { ring } else { small(rng, 4) })
                        .map(|_| varint_value(rng))
                        .collect(),
                    key_image: key(rng),
                },
            });
        }
        let vout: Vec<TxOut> = (0..n_out)
            .map(|_| TxOut {
                amount: varint_value(rng),
                target: match small(rng, 4) {
                    0 => TxOutTarget::ToScript(ScriptTarget {
                        keys: alloc::vec![key(rng)],
                        script: bytes(rng, 2),
                    }),
                    1 => TxOutTarget::ToScriptHash(key(rng)),
                    _ => TxOutTarget::ToKey(key(rng)),
                },
            })
            .collect();
        let prefix = TransactionPrefix {
            version,
            tx_type,
            unlock_time: varint_value(rng),
            output_unlock_times: if version >= TxVersion::V3 {
                (0..n_out).map(|_| varint_value(rng)).collect()
            } else {
                Vec::new()
            },
            vin,
            vout,
            extra: rbytes(rng, 40),
        };
        let mut signatures = Vec::new();
        let mut rct = RctSig::null();
        if version == TxVersion::V1 {
            for i in &prefix.vin {
                signatures.push(
                    (0..i.signature_count())
                        .map(|_| Signature {
                            c: key(rng),
                            r: key(rng),
                        })
                        .collect(),
                );
            }
        } else if n_in > 0 {
            rct.rct_type = RctType::try_from(u64::from(rct_type)).unwrap();
            if rct.rct_type != RctType::Null {
                rct.txn_fee = varint_value(rng);
                let compact = rct.rct_type.has_compact_ecdh();
                rct.ecdh_info = (0..n_out)
                    .map(|_| {
                        let mut e = EcdhTuple {
                            mask: key(rng),
                            amount: key(rng),
                        };
                        if compact {
                            e.mask = [0; 32];
                            e.amount[8..].fill(0);
                        }
                        e
                    })
                    .collect();
                rct.out_pk = (0..n_out).map(|_| key(rng)).collect();
                if rct.rct_type == RctType::Simple {
                    rct.pseudo_outs = (0..n_in).map(|_| key(rng)).collect();
                }
                let p = &mut rct.prunable;
                if rct.rct_type.is_bulletproof() {
                    let rounds =
                        6 + (usize::BITS - n_out.max(1).saturating_sub(1).leading_zeros()) as usize;
                    p.bulletproofs.push(bulletproof(rng, rounds));
                    p.pseudo_outs = (0..n_in).map(|_| key(rng)).collect();
                } else {
                    p.range_sigs = (0..n_out)
                        .map(|_| {
                            BorromeanRangeSig::from_bytes(&bytes(rng, BORROMEAN_RANGE_SIG_LEN))
                                .unwrap()
                        })
                        .collect();
                }
                if rct.rct_type == RctType::Clsag {
                    p.clsags = (0..n_in)
                        .map(|_| ClsagSig {
                            s: (0..ring).map(|_| key(rng)).collect(),
                            c1: key(rng),
                            d: key(rng),
                        })
                        .collect();
                } else {
                    let (n, rows) = if rct.rct_type == RctType::Full {
                        (1, n_in + 1)
                    } else {
                        (n_in, 2)
                    };
                    p.mgs = (0..n)
                        .map(|_| MgSig {
                            ss: (0..ring)
                                .map(|_| (0..rows).map(|_| key(rng)).collect())
                                .collect(),
                            cc: key(rng),
                        })
                        .collect();
                }
            }
        }
        Transaction {
            prefix,
            signatures,
            rct,
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn serialize_parse_round_trip(seed: u64, version in 1u8..5, rct_type in 0u8..6, n_in in 0usize..4, n_out in 1usize..4) {
            let tx = random_tx(seed, version, rct_type, n_in, n_out);
            let (blob, layout) = tx.to_bytes_with_layout().unwrap();
            let (parsed, layout2) = Transaction::from_bytes_with_layout(&blob).unwrap();
            prop_assert_eq!(&parsed, &tx);
            prop_assert_eq!(layout, layout2);
            prop_assert_eq!(parsed.to_bytes().unwrap(), blob.clone());
            // Every strict prefix of the blob is rejected without panicking.
            for cut in [0, 1, blob.len() / 2, blob.len() - 1] {
                prop_assert!(Transaction::from_bytes(&blob[..cut]).is_err());
            }
            // Trailing bytes are rejected.
            let mut longer = blob.clone();
            longer.push(0);
            prop_assert_eq!(Transaction::from_bytes(&longer), Err(Error::TrailingBytes));
            // Hash composition: v1 hashes the blob, v2+ three hashes (when defined).
            if tx.prefix.version == TxVersion::V1 {
                prop_assert_eq!(tx.hash().unwrap(), keccak256(&blob));
            } else if let Ok([a, b, c]) = tx.hash_components() {
                prop_assert_eq!(a, keccak256(&blob[..layout.prefix_size]));
                let mut cat = Vec::new();
                cat.extend_from_slice(&a);
                cat.extend_from_slice(&b);
                cat.extend_from_slice(&c);
                prop_assert_eq!(tx.hash().unwrap(), keccak256(&cat));
            }
        }

        #[test]
        fn parser_never_panics(data: Vec<u8>) {
            if let Ok(tx) = Transaction::from_bytes(&data) {
                prop_assert_eq!(tx.to_bytes().unwrap(), data);
            }
        }
    }

    fn tx_bytes(tx: &Transaction) -> Vec<u8> {
        tx.to_bytes().unwrap()
    }

    #[test]
    fn error_variants_format() {
        let base = random_tx(1, 4, 5, 1, 1);
        let blob = tx_bytes(&base);
        // Truncated.
        assert_eq!(
            Transaction::from_bytes(&[0x02, 0x00, 0x01, 0x02, 0x00, 0x01, 0x00, 1, 2, 3, 4, 5]),
            Err(Error::Truncated)
        );
        assert_eq!(
            Transaction::from_bytes(&blob[..blob.len() - 1]),
            Err(Error::CountTooLarge)
        );
        // TrailingBytes.
        let mut b = blob.clone();
        b.push(7);
        assert_eq!(Transaction::from_bytes(&b), Err(Error::TrailingBytes));
        // TxVersionInvalid: 0 and 5; VarintOutOfRange: 2^16 does not fit the u16 version.
        assert_eq!(
            Transaction::from_bytes(&[0x00]),
            Err(Error::TxVersionInvalid)
        );
        assert_eq!(
            Transaction::from_bytes(&[0x05]),
            Err(Error::TxVersionInvalid)
        );
        assert_eq!(
            Transaction::from_bytes(&[0x80, 0x80, 0x04]),
            Err(Error::VarintOutOfRange)
        );
        // Crypto(varint) for an overlong varint.
        assert!(matches!(
            Transaction::from_bytes(&[0x82, 0x00]),
            Err(Error::Crypto(_))
        ));
        // CountTooLarge: a hostile vin count allocates nothing.
        assert_eq!(
            Transaction::from_bytes(&[
                0x02, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f
            ]),
            Err(Error::CountTooLarge)
        );
        // BoolInvalid: v3 is_state_change byte 2. UnlockTimesMismatch: 1 unlock time, 0 outputs.
        assert_eq!(
            Transaction::from_bytes(&[0x03, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00]),
            Err(Error::BoolInvalid)
        );
        assert_eq!(
            Transaction::from_bytes(&[0x03, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]),
            Err(Error::UnlockTimesMismatch)
        );
        // TxTypeInvalid: v4 type 10.
        assert_eq!(
            Transaction::from_bytes(&[0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0a]),
            Err(Error::TxTypeInvalid)
        );
        let ok = [0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01];
        let t = Transaction::from_bytes(&ok).unwrap();
        assert_eq!(t.prefix.tx_type, TxType::StateChange);
        // InputTagUnknown / OutputTagUnknown (Monero's view-tagged 0x03).
        assert_eq!(
            Transaction::from_bytes(&[0x02, 0x00, 0x01, 0x05, 0x00, 0x00]),
            Err(Error::InputTagUnknown)
        );
        assert_eq!(
            Transaction::from_bytes(&[0x02, 0x00, 0x00, 0x01, 0x00, 0x03]),
            Err(Error::OutputTagUnknown)
        );
        // RctTypeInvalid: type 6 (Monero BulletproofPlus).
        let mut t = base.clone();
        t.rct = RctSig::null();
        let b = tx_bytes(&t);
        let mut b6 = b.clone();
        *b6.last_mut().unwrap() = 6;
        assert_eq!(Transaction::from_bytes(&b6), Err(Error::RctTypeInvalid));
        // SignatureCountMismatch (serializer).
        let mut v1 = random_tx(2, 1, 0, 1, 1);
        v1.signatures[0].pop();
        assert_eq!(v1.to_bytes(), Err(Error::SignatureCountMismatch));
        v1.signatures.clear();
        assert_eq!(v1.to_bytes(), Err(Error::SignatureCountMismatch));
        // UnlockTimesMismatch (serializer).
        let mut t = base.clone();
        t.prefix.output_unlock_times.push(1);
        assert_eq!(t.to_bytes(), Err(Error::UnlockTimesMismatch));
        // HashUnavailable: v1 components; v2 transfer without inputs.
        assert_eq!(
            random_tx(3, 1, 0, 1, 1).hash_components(),
            Err(Error::HashUnavailable)
        );
        let no_in = random_tx(4, 2, 0, 0, 1);
        assert_eq!(no_in.hash(), Err(Error::HashUnavailable));
        // ... while a state change without inputs hashes the base of a Null signature (0x00).
        let mut sc = random_tx(4, 4, 0, 0, 1);
        sc.prefix.tx_type = TxType::StateChange;
        let [p, b, c] = sc.hash_components().unwrap();
        assert_eq!(p, sc.prefix_hash().unwrap());
        assert_eq!(b, keccak256(&[0]));
        assert_eq!(c, [0; 32]);
        // TooManyBulletproofs: nbp 2 > 1 output. BulletproofTooSmall: |L| = 6 for 2 outputs.
        let bpblob = tx_bytes(&base);
        let (_, layout) = Transaction::from_bytes_with_layout(&bpblob).unwrap();
        let mut b = bpblob.clone();
        b[layout.unprunable_size] = 2;
        assert_eq!(Transaction::from_bytes(&b), Err(Error::TooManyBulletproofs));
        let mut t2 = random_tx(5, 4, 5, 1, 2);
        t2.rct.prunable.bulletproofs =
            alloc::vec![bulletproof(&mut ChaCha20Rng::seed_from_u64(0), 6)];
        assert_eq!(t2.to_bytes(), Err(Error::BulletproofTooSmall));
        // OutputNotToKey, BulletproofCountInvalid (expand).
        let mut t = base.clone();
        t.prefix.vout[0].target = TxOutTarget::ToScriptHash([0; 32]);
        assert_eq!(t.expand(), Err(Error::OutputNotToKey));
        let mut t = base.clone();
        t.prefix.vout.clear();
        t.prefix.output_unlock_times.clear();
        t.rct.ecdh_info.clear();
        t.rct.out_pk.clear();
        t.rct.prunable.bulletproofs.clear();
        let t = Transaction::from_bytes(&tx_bytes(&t)).unwrap();
        assert_eq!(t.expand(), Err(Error::BulletproofCountInvalid));
    }

    #[test]
    fn offsets_and_accessors() {
        assert_eq!(absolute_to_relative_offsets(&[5, 9, 9, 20]), [5, 4, 0, 11]);
        assert_eq!(relative_to_absolute_offsets(&[5, 4, 0, 11]), [5, 9, 9, 20]);
        let tx = random_tx(6, 3, 0, 2, 2);
        assert_eq!(
            tx.prefix.get_unlock_time(1),
            tx.prefix.output_unlock_times[1]
        );
        assert_eq!(tx.prefix.get_unlock_time(9), tx.prefix.unlock_time);
        let s = Signature {
            c: [1; 32],
            r: [2; 32],
        };
        assert_eq!(Signature::from_bytes(&s.to_bytes()), s);
        assert!(TxType::OxenNameSystem.is_transfer() && !TxType::StateChange.is_transfer());
    }

    #[test]
    fn batch_verification() {
        use crate::rct::tests::make_tx;
        let txs: Vec<_> = (0..3)
            .map(|i| make_tx(100 + i, 1 + i as usize, 2))
            .collect();
        let items: Vec<(&Transaction, &[Vec<crate::rct::CtKey>])> =
            txs.iter().map(|(t, r)| (t, r.as_slice())).collect();
        assert_eq!(verify_rct_batch(&items), Ok(()));
        assert_eq!(verify_rct_batch(&[]), Ok(()));
        // A balance failure in tx 2.
        let mut bad = txs[2].0.clone();
        bad.rct.txn_fee += 1;
        let mut items2 = items.clone();
        items2[2].0 = &bad;
        assert_eq!(
            verify_rct_batch(&items2),
            Err((2, Error::RctBalanceMismatch))
        );
        // Another transaction's bulletproof in tx 1 is rejected (the proof does not match the
        // commitments and the CLSAG message changes with it).
        let mut bp_bad = txs[1].0.clone();
        bp_bad.rct.prunable.bulletproofs = txs[0].0.rct.prunable.bulletproofs.clone();
        let mut items3 = items.clone();
        items3[1].0 = &bp_bad;
        assert!(matches!(verify_rct_batch(&items3), Err((1, _))));
    }

    #[cfg(feature = "serde")]
    #[test]
    fn serde_round_trip() {
        for (seed, version, ty) in [(1, 4, 5), (2, 2, 2), (3, 1, 0), (4, 3, 4)] {
            let tx = random_tx(seed, version, ty, 2, 2);
            let json = serde_json::to_string(&tx).unwrap();
            assert_eq!(serde_json::from_str::<Transaction>(&json).unwrap(), tx);
        }
        let extra = crate::extra::TxExtra::parse(&[1; 33]).unwrap();
        let json = serde_json::to_string(&extra).unwrap();
        assert_eq!(
            serde_json::from_str::<crate::extra::TxExtra>(&json).unwrap(),
            extra
        );
    }
}
