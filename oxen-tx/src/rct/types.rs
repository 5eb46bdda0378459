//! The RingCT wire structs (reference `src/ringct/rctTypes.h`).

use alloc::vec::Vec;

use oxen_crypto::{Clsag, CompressedPoint, Mlsag};

use crate::Error;
use crate::bulletproof::Bulletproof;
use crate::codec::Key;

/// The largest number of outputs one transaction's aggregated bulletproof covers
/// (`TX_BULLETPROOF_MAX_OUTPUTS`).
pub const MAX_OUTPUTS: usize = crate::bulletproof::MAX_AMOUNTS;

/// Ring size Oxen's consensus requires (`TX_OUTPUT_DECOYS + 1`).
pub const RING_SIZE: usize = 10;

/// RingCT signature type (reference `rct::RCTType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[repr(u8)]
pub enum RctType {
    /// 0: no RingCT data (miner transactions, transactions without inputs).
    Null = 0,
    /// 1: full MLSAG, Borromean range proofs.
    Full = 1,
    /// 2: simple MLSAG, Borromean range proofs.
    Simple = 2,
    /// 3: MLSAG, bulletproofs (count as u32).
    Bulletproof = 3,
    /// 4: MLSAG, bulletproofs, compact (8-byte) ecdhInfo.
    Bulletproof2 = 4,
    /// 5: CLSAG, bulletproofs, compact ecdhInfo: what Oxen wallets make today.
    Clsag = 5,
}

impl RctType {
    /// Reference `is_rct_bulletproof`: types 3, 4, 5.
    #[must_use]
    pub fn is_bulletproof(self) -> bool {
        matches!(self, Self::Bulletproof | Self::Bulletproof2 | Self::Clsag)
    }

    /// Reference `is_rct_simple`: types 2..=5 (one signature per input).
    #[must_use]
    pub fn is_simple(self) -> bool {
        matches!(
            self,
            Self::Simple | Self::Bulletproof | Self::Bulletproof2 | Self::Clsag
        )
    }

    /// Types 4 and 5 serialize only the 8 amount bytes of each ecdhInfo.
    #[must_use]
    pub fn has_compact_ecdh(self) -> bool {
        matches!(self, Self::Bulletproof2 | Self::Clsag)
    }
}

impl TryFrom<u64> for RctType {
    type Error = Error;
    fn try_from(v: u64) -> Result<Self, Error> {
        Ok(match v {
            0 => Self::Null,
            1 => Self::Full,
            2 => Self::Simple,
            3 => Self::Bulletproof,
            4 => Self::Bulletproof2,
            5 => Self::Clsag,
            _ => return Err(Error::RctTypeInvalid),
        })
    }
}

/// Encrypted amount information of one output (reference `rct::ecdhTuple`).
///
/// For types 4 and 5 only `amount[0..8]` is on the wire (the parser leaves the rest and `mask`
/// zero); older types carry both 32-byte values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct EcdhTuple {
    /// Encrypted mask (legacy types only).
    pub mask: Key,
    /// Encrypted amount.
    pub amount: Key,
}

/// A ring member as the RingCT verifier needs it (reference `rct::ctkey`): the output's one-time
/// key and its amount commitment. Rings come from the chain (via the inputs' key offsets); they
/// are not part of the transaction bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CtKey {
    /// One-time output public key `P`.
    pub dest: CompressedPoint,
    /// Amount commitment `C`.
    pub mask: CompressedPoint,
}

/// Length of one Borromean range signature on the wire: `s0[64] || s1[64] || ee || Ci[64]`.
pub const BORROMEAN_RANGE_SIG_LEN: usize = (64 + 64 + 1 + 64) * 32;

/// A legacy Borromean range signature (types 1 and 2), kept as its 6176 wire bytes (the
/// pre-signature hash uses exactly these bytes in this order).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BorromeanRangeSig(Vec<u8>);

impl BorromeanRangeSig {
    /// Wraps exactly [`BORROMEAN_RANGE_SIG_LEN`] bytes.
    ///
    /// # Errors
    /// [`Error::Truncated`] for any other length.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        if bytes.len() != BORROMEAN_RANGE_SIG_LEN {
            return Err(Error::Truncated);
        }
        Ok(Self(bytes.to_vec()))
    }

    /// The wire bytes.
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

/// The prunable part of a RingCT signature (reference `rct::rctSigPrunable`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RctSigPrunable {
    /// Borromean range signatures (types 1, 2), one per output.
    pub range_sigs: Vec<BorromeanRangeSig>,
    /// Bulletproofs (types 3..=5).
    #[cfg_attr(feature = "serde", serde(with = "bulletproofs_serde"))]
    pub bulletproofs: Vec<Bulletproof>,
    /// MLSAGs (types 1..=4; reference `rct::mgSig`), as parsed: scalars unchecked until
    /// verification.
    pub mgs: Vec<Mlsag>,
    /// CLSAGs (type 5; reference `rct::clsag`, without `I`, which is the input's key image),
    /// one per input, as parsed: scalars and `D` unchecked until verification.
    pub clsags: Vec<Clsag>,
    /// Pseudo-output commitments (types 3..=5), one per input.
    pub pseudo_outs: Vec<CompressedPoint>,
}

/// A RingCT signature (reference `rct::rctSig`): base (`rctSigBase`) plus prunable part.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RctSig {
    /// The type.
    pub rct_type: RctType,
    /// Fee in atomic units.
    pub txn_fee: u64,
    /// Pseudo-outputs in the base (type 2 only).
    pub pseudo_outs: Vec<CompressedPoint>,
    /// Encrypted amounts, one per output.
    pub ecdh_info: Vec<EcdhTuple>,
    /// Output commitments `C = γ·G + a·H`, one per output.
    pub out_pk: Vec<CompressedPoint>,
    /// The prunable part (empty for type Null).
    pub prunable: RctSigPrunable,
}

impl Default for RctSig {
    fn default() -> Self {
        Self::null()
    }
}

impl RctSig {
    /// An empty signature of type Null.
    #[must_use]
    pub fn null() -> Self {
        Self {
            rct_type: RctType::Null,
            txn_fee: 0,
            pseudo_outs: Vec::new(),
            ecdh_info: Vec::new(),
            out_pk: Vec::new(),
            prunable: RctSigPrunable::default(),
        }
    }

    /// The pseudo-output commitments wherever this type keeps them (reference
    /// `get_pseudo_outs`).
    #[must_use]
    pub fn get_pseudo_outs(&self) -> &[CompressedPoint] {
        if self.rct_type.is_bulletproof() {
            &self.prunable.pseudo_outs
        } else {
            &self.pseudo_outs
        }
    }
}

#[cfg(feature = "serde")]
mod bulletproofs_serde {
    //! serde for a list of bulletproofs, as their wire bytes.
    use alloc::vec::Vec;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::bulletproof::Bulletproof;

    pub(super) fn serialize<S: Serializer>(v: &[Bulletproof], s: S) -> Result<S::Ok, S::Error> {
        let bytes: Vec<Vec<u8>> = v.iter().map(Bulletproof::to_bytes).collect();
        bytes.serialize(s)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Vec<Bulletproof>, D::Error> {
        let bytes: Vec<Vec<u8>> = Vec::deserialize(d)?;
        bytes
            .iter()
            .map(|b| Bulletproof::from_bytes(b).map_err(serde::de::Error::custom))
            .collect()
    }
}
