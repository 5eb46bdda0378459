//! What a scan reports: the outputs that are ours (decoded), the ones that are ours by key but
//! must not be credited (with the reason), and what was wrong with the transaction itself.

use alloc::vec::Vec;

use oxen_crypto::{CompressedPoint, KeyImage, SecretKey, SecretScalar};

use super::subaddress::SubaddressIndex;
use crate::Error;
use crate::prefix::TxType;

/// Where an output's amount came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum AmountSource {
    /// In clear in the output (coinbase, pre-RingCT transactions: RingCT type Null).
    Cleartext,
    /// RingCT compact 8-byte ECDH (types Bulletproof2 and CLSAG), commitment checked.
    EcdhV2,
    /// RingCT legacy 64-byte ECDH (types Full, Simple, Bulletproof), commitment checked.
    EcdhV1,
}

/// Which transaction key an output was found with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum TxKeyUsed {
    /// The `n`-th main transaction public key (tag 0x01).
    Main(usize),
    /// The output's own additional public key (tag 0x04, same index as the output).
    Additional,
}

/// With the spend secret: what spending an owned output needs.
#[derive(Clone, Debug)]
pub struct SpendData {
    /// One-time secret `x = Hs(8aR || i) + b (+ m(major, minor) for a subaddress)`, `x G = P`.
    pub one_time_secret: SecretKey,
    /// Key image `x Hp(P)`: a later spend of this output carries it (spent detection).
    pub key_image: KeyImage,
}

/// An output that is ours, with its amount decoded and its commitment opened.
#[derive(Clone, Debug)]
pub struct OwnedOutput {
    /// Index of the output in the transaction.
    pub index: usize,
    /// The subaddress it was paid to.
    pub subaddress: SubaddressIndex,
    /// The one-time output key `P`.
    pub output_key: CompressedPoint,
    /// The amount.
    pub amount: u64,
    /// The commitment mask (`1` for cleartext amounts, as the reference's `zeroCommit`).
    /// Secret: spending the output needs it.
    pub mask: SecretScalar,
    /// Oxen's per-output unlock time (reference `get_unlock_time(i)`: the v3+ per-output entry,
    /// else the transaction's).
    pub unlock_time: u64,
    /// Where the amount came from.
    pub amount_source: AmountSource,
    /// Which transaction key found it.
    pub tx_key: TxKeyUsed,
    /// With the spend secret: the one-time secret and key image.
    pub spend: Option<SpendData>,
}

/// Why an output that is ours by its key must not be credited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum OutputRejection {
    /// The decoded amount and mask do not open the output commitment (tampered amount or
    /// commitment, or a sender error): crediting it would credit coins that are not there.
    CommitmentDoesNotOpen,
    /// RingCT transaction without a commitment (`outPk`) for this output.
    MissingCommitment,
    /// RingCT transaction without encrypted amount (`ecdhInfo`) for this output.
    MissingEcdhInfo,
    /// The one-time output key was already credited: earlier in this scan, or in the set the
    /// scanner was given ([`super::Scanner::with_seen_output_keys`]). Outputs that share a key
    /// share its key image, so only one of them can ever be spent: crediting both counts coins
    /// twice (the "burning bug"; wallet2 keeps `m_pub_keys` for this). `amount` is this
    /// output's decoded amount (wallet2 keeps the larger output when the earlier one is still
    /// unspent: the wallet can do the same).
    OutputKeySeen {
        /// This output's amount.
        amount: u64,
    },
}

/// An output that is ours by its key but is not credited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RejectedOutput {
    /// Index of the output in the transaction.
    pub index: usize,
    /// The subaddress its key belongs to.
    pub subaddress: SubaddressIndex,
    /// Why it is not credited.
    pub reason: OutputRejection,
}

/// Something wrong with the transaction that limited the scan (none of these is silent: each
/// names what could not be looked at).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TxIssue {
    /// tx_extra did not parse to the end; the fields before `offset` were used (as the
    /// reference wallet uses what `parse_tx_extra` left).
    ExtraPartiallyParsed {
        /// Byte offset of the field that failed.
        offset: usize,
        /// Why it failed.
        error: Error,
    },
    /// No transaction public key in tx_extra (only additional keys, if any, were tried).
    NoTxPublicKey,
    /// A transaction public key does not decode (skipped).
    TxPublicKeyInvalid {
        /// Which main key (0-based).
        index: usize,
    },
    /// The number of additional public keys is neither 0 nor the number of outputs (they are
    /// used by position where present).
    AdditionalKeysCount {
        /// Additional keys present.
        keys: usize,
        /// Outputs of the transaction.
        outputs: usize,
    },
    /// An additional public key does not decode (skipped).
    AdditionalKeyInvalid {
        /// Output index it belongs to.
        index: usize,
    },
    /// An output key does not decode, so it cannot be anyone's.
    OutputKeyInvalid {
        /// Output index.
        index: usize,
    },
    /// An output is not `txout_to_key` (script outputs are unused on chain; not scanned).
    OutputNotToKey {
        /// Output index.
        index: usize,
    },
}

/// A payment id found in the transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum PaymentId {
    /// The 8-byte encrypted payment id of an integrated address, decrypted with the main
    /// transaction key's derivation.
    Short([u8; 8]),
    /// A legacy unencrypted 32-byte payment id.
    Long([u8; 32]),
}

/// The result of scanning one transaction.
#[derive(Clone, Debug)]
pub struct TxScan {
    /// The transaction type (standard, stake, ONS, ...).
    pub tx_type: TxType,
    /// A miner (coinbase) transaction.
    pub is_coinbase: bool,
    /// The payment id, if the transaction carries one and (for an encrypted one) it has a main
    /// transaction key. Only meaningful when outputs are ours.
    pub payment_id: Option<PaymentId>,
    /// Outputs that are ours, decoded and opened.
    pub owned: Vec<OwnedOutput>,
    /// Outputs that are ours by key but not credited.
    pub rejected: Vec<RejectedOutput>,
    /// What limited the scan.
    pub issues: Vec<TxIssue>,
}

impl TxScan {
    /// Total amount of the owned outputs (saturating).
    #[must_use]
    pub fn received(&self) -> u64 {
        self.owned
            .iter()
            .fold(0u64, |a, o| a.saturating_add(o.amount))
    }

    /// The subaddresses this transaction paid (owned or rejected outputs).
    pub fn subaddresses(&self) -> impl Iterator<Item = SubaddressIndex> + '_ {
        self.owned
            .iter()
            .map(|o| o.subaddress)
            .chain(self.rejected.iter().map(|r| r.subaddress))
    }
}
