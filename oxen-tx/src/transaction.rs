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

/// A 64-byte signature `c || r` (CryptoNote Schnorr / ring-signature element), as on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Signature {
    /// The challenge half, bytes 0..32.
    pub c: Key,
    /// The response half, bytes 32..64.
    pub r: Key,
}

impl Signature {
    /// The 64 wire bytes `c || r`.
    #[must_use]
    pub fn to_bytes(&self) -> [u8; 64] {
        let mut out = [0u8; 64];
        let (c, r) = out.split_at_mut(32);
        c.copy_from_slice(&self.c);
        r.copy_from_slice(&self.r);
        out
    }

    /// From the 64 wire bytes `c || r`.
    #[must_use]
    pub fn from_bytes(bytes: &[u8; 64]) -> Self {
        let mut c = [0u8; 32];
        let mut r = [0u8; 32];
        let (a, b) = bytes.split_at(32);
        c.copy_from_slice(a);
        r.copy_from_slice(b);
        Self { c, r }
    }
}

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
        if self.version >= TxVersion::V3 {
            if let Some(t) = self.output_unlock_times.get(index) {
                return *t;
            }
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
        self.expand()?;
        self.rct.verify_semantics()?;
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
    keyed.sort_by(|a, b| b.0.cmp(&a.0));
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
