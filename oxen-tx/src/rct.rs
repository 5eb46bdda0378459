//! RingCT signatures (reference `src/ringct/rctTypes.h`, `src/ringct/rctSigs.cpp`): the wire
//! format of every RingCT type oxen-core parses (0..=5), and for type CLSAG (5) the signing
//! message, the semantic and non-semantic verifiers and a builder (`genRctSimple`).
//!
//! # Notes: what a CLSAG transaction proves
//!
//! For inputs `i` with ring `(P_ij, C_ij)`, pseudo-output commitments `C'_i`, outputs with
//! commitments `C_k = γ_k·G + a_k·H` and fee `f`:
//!
//! * **balance** (`verRctSemanticsSimple`): `Σ_i C'_i == Σ_k C_k + f·H`, compared as point
//!   encodings. With `C'_i = α_i·G + a_i·H` and `Σ α_i = Σ γ_k` (the builder makes the last
//!   pseudo mask the difference), this holds iff `Σ a_i = Σ a_k + f` (mod l).
//! * **range** (same function): one aggregated Bulletproof over `V_k = C_k / 8` shows every
//!   `a_k < 2^64`, which rules out the wrap-around mod l.
//! * **ownership** (`verRctNonSemanticsSimple`): input `i`'s CLSAG over ring `P_ij` and
//!   commitment offsets `C_ij − C'_i` shows knowledge of `x` with `P_il = x·G`, `I_i = x·Hp(P_il)`
//!   and of `z` with `C_il − C'_i = z·G`, for some hidden `l`, signing
//!   `m = keccak(prefix_hash || keccak(rctSigBase) || keccak(bulletproof fields))`
//!   ([`RctSig::pre_clsag_hash`]).
//!
//! # Wire layout (types 4 and 5)
//! ```text
//! base     = varint(type) varint(fee) ecdhInfo[outputs]: 8 bytes each   outPk[outputs]: 32 each
//! prunable = varint(nbp) Bulletproof*nbp
//!            CLSAG[inputs]: s[ring]:32 each || c1 || D      (type 5)
//!            | MG[inputs]: ss[ring][2]:32 each || cc        (types 2..4)
//!            pseudoOuts[inputs]: 32 each                     (types 3..5)
//! ```
//! Types 1 and 2 carry Borromean range signatures (6176 bytes per output) instead of
//! Bulletproofs, 64-byte ecdhInfo, and type 2 its pseudoOuts in the base; type 1 has one MG of
//! `inputs + 1` rows. Type 3 writes `nbp` as a 4-byte little-endian integer.

use alloc::vec::Vec;

use oxen_crypto::hash::{Keccak256, keccak256};

use crate::Error;
use crate::bulletproof::Bulletproof;
use crate::commitment::{Commitment, amount_times_h, commit};
use crate::ecdh::{AmountKey, commitment_mask, ecdh_encode};
use crate::transaction::{Key, Reader, check_fits, write_varint};
use oxen_crypto::clsag::sign as clsag_sign;
use oxen_crypto::{
    Clsag, ClsagSecret, CompressedPoint, KeyImage, Point, PublicKey, RingMember, Scalar, SecretKey,
    generate_key_image,
};
use rand_core::CryptoRng;
use zeroize::Zeroize;

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
    pub dest: Key,
    /// Amount commitment `C`.
    pub mask: Key,
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

/// An MLSAG signature (types 1..=4; reference `rct::mgSig`, verification is out of scope here).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MgSig {
    /// `ss[ring][rows]`.
    pub ss: Vec<Vec<Key>>,
    /// `cc`.
    pub cc: Key,
}

/// A CLSAG signature as serialized in a transaction (reference `rct::clsag`; the key image `I`
/// is not serialized: it is the input's key image).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ClsagSig {
    /// Responses, one per ring member.
    pub s: Vec<Key>,
    /// The challenge entering ring index 0.
    pub c1: Key,
    /// Commitment key image, stored multiplied by 1/8.
    pub d: Key,
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
    /// MLSAGs (types 1..=4).
    pub mgs: Vec<MgSig>,
    /// CLSAGs (type 5), one per input.
    pub clsags: Vec<ClsagSig>,
    /// Pseudo-output commitments (types 3..=5), one per input.
    pub pseudo_outs: Vec<Key>,
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
    pub pseudo_outs: Vec<Key>,
    /// Encrypted amounts, one per output.
    pub ecdh_info: Vec<EcdhTuple>,
    /// Output commitments `C = γ·G + a·H`, one per output.
    pub out_pk: Vec<Key>,
    /// The prunable part (empty for type Null).
    pub prunable: RctSigPrunable,
}

impl Default for RctSig {
    fn default() -> Self {
        Self::null()
    }
}

fn read_keys(r: &mut Reader<'_>, n: usize) -> Result<Vec<Key>, Error> {
    let n = check_fits(n as u64, 32, r.remaining())?;
    let mut v = Vec::with_capacity(n);
    for _ in 0..n {
        v.push(r.array()?);
    }
    Ok(v)
}

fn write_keys(out: &mut Vec<u8>, keys: &[Key], expected: usize) -> Result<(), Error> {
    if keys.len() != expected {
        return Err(Error::RctCountMismatch);
    }
    for k in keys {
        out.extend_from_slice(k);
    }
    Ok(())
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
    pub fn get_pseudo_outs(&self) -> &[Key] {
        if self.rct_type.is_bulletproof() {
            &self.prunable.pseudo_outs
        } else {
            &self.pseudo_outs
        }
    }

    /// Parses a RingCT signature on its own (base then, unless type Null, prunable part) for a
    /// transaction with `inputs` inputs, `outputs` outputs and rings of `ring_size` members (the
    /// counts are not on the wire: they come from the prefix). Must consume all of `bytes`.
    ///
    /// # Errors
    /// As [`crate::transaction::Transaction::from_bytes`] for the RingCT part.
    pub fn from_bytes(
        bytes: &[u8],
        inputs: usize,
        outputs: usize,
        ring_size: usize,
    ) -> Result<Self, Error> {
        let mut r = Reader::new(bytes);
        let mut rv = Self::read_base(&mut r, inputs, outputs)?;
        if rv.rct_type != RctType::Null {
            rv.read_prunable(&mut r, inputs, outputs, ring_size)?;
        }
        if r.remaining() != 0 {
            return Err(Error::TrailingBytes);
        }
        Ok(rv)
    }

    /// Serializes base and prunable part (the inverse of [`RctSig::from_bytes`]).
    ///
    /// # Errors
    /// As [`RctSig::write_base`] and [`RctSig::write_prunable`].
    pub fn to_bytes(
        &self,
        inputs: usize,
        outputs: usize,
        ring_size: usize,
    ) -> Result<Vec<u8>, Error> {
        let mut out = Vec::new();
        self.write_base(&mut out, inputs, outputs)?;
        if self.rct_type != RctType::Null {
            self.write_prunable(&mut out, inputs, outputs, ring_size)?;
        }
        Ok(out)
    }

    /// Reads `rctSigBase` for a transaction with `inputs` inputs and `outputs` outputs
    /// (reference `serialize_rctsig_base`).
    pub(crate) fn read_base(
        r: &mut Reader<'_>,
        inputs: usize,
        outputs: usize,
    ) -> Result<Self, Error> {
        let mut rv = Self::null();
        rv.rct_type = RctType::try_from(r.varint_max(u64::from(u8::MAX))?)?;
        if rv.rct_type == RctType::Null {
            return Ok(rv);
        }
        rv.txn_fee = r.varint()?;
        if rv.rct_type == RctType::Simple {
            rv.pseudo_outs = read_keys(r, inputs)?;
        }
        let compact = rv.rct_type.has_compact_ecdh();
        let n = check_fits(outputs as u64, if compact { 8 } else { 64 }, r.remaining())?;
        rv.ecdh_info.reserve_exact(n);
        for _ in 0..n {
            let mut e = EcdhTuple::default();
            if compact {
                let amount: [u8; 8] = r.array()?;
                if let Some(dst) = e.amount.get_mut(..8) {
                    dst.copy_from_slice(&amount);
                }
            } else {
                e.mask = r.array()?;
                e.amount = r.array()?;
            }
            rv.ecdh_info.push(e);
        }
        rv.out_pk = read_keys(r, outputs)?;
        Ok(rv)
    }

    /// Writes `rctSigBase` (reference `serialize_rctsig_base`).
    ///
    /// # Errors
    /// [`Error::RctCountMismatch`] when ecdhInfo/outPk (and type-2 pseudoOuts) do not have one
    /// entry per output (input).
    pub fn write_base(
        &self,
        out: &mut Vec<u8>,
        inputs: usize,
        outputs: usize,
    ) -> Result<(), Error> {
        write_varint(out, self.rct_type as u64);
        if self.rct_type == RctType::Null {
            return Ok(());
        }
        write_varint(out, self.txn_fee);
        if self.rct_type == RctType::Simple {
            write_keys(out, &self.pseudo_outs, inputs)?;
        }
        if self.ecdh_info.len() != outputs {
            return Err(Error::RctCountMismatch);
        }
        for e in &self.ecdh_info {
            if self.rct_type.has_compact_ecdh() {
                out.extend_from_slice(e.amount.get(..8).unwrap_or_default());
            } else {
                out.extend_from_slice(&e.mask);
                out.extend_from_slice(&e.amount);
            }
        }
        write_keys(out, &self.out_pk, outputs)
    }

    /// Reads `rctSigPrunable` into `self` (reference `serialize_rctsig_prunable`); `ring_size`
    /// is `mixin + 1` as computed by [`crate::transaction::TransactionPrefix::rct_ring_size`].
    pub(crate) fn read_prunable(
        &mut self,
        r: &mut Reader<'_>,
        inputs: usize,
        outputs: usize,
        ring_size: usize,
    ) -> Result<(), Error> {
        let ty = self.rct_type;
        let p = &mut self.prunable;
        if ty == RctType::Null {
            return Ok(());
        }
        if ty.is_bulletproof() {
            let nbp = if ty == RctType::Bulletproof {
                u64::from(r.u32_le()?)
            } else {
                r.varint_max(u64::from(u32::MAX))?
            };
            if nbp > outputs as u64 {
                return Err(Error::TooManyBulletproofs);
            }
            let nbp = check_fits(nbp, MIN_BULLETPROOF_LEN, r.remaining())?;
            p.bulletproofs.reserve_exact(nbp);
            for _ in 0..nbp {
                p.bulletproofs.push(read_bulletproof(r)?);
            }
            if n_bulletproof_max_amounts(&p.bulletproofs) < outputs {
                return Err(Error::BulletproofTooSmall);
            }
        } else {
            let n = check_fits(outputs as u64, BORROMEAN_RANGE_SIG_LEN, r.remaining())?;
            p.range_sigs.reserve_exact(n);
            for _ in 0..n {
                p.range_sigs.push(BorromeanRangeSig(
                    r.bytes(BORROMEAN_RANGE_SIG_LEN)?.to_vec(),
                ));
            }
        }
        if ty == RctType::Clsag {
            let per = ring_size
                .checked_add(2)
                .and_then(|n| n.checked_mul(32))
                .ok_or(Error::CountTooLarge)?;
            let n = check_fits(inputs as u64, per, r.remaining())?;
            p.clsags.reserve_exact(n);
            for _ in 0..n {
                let s = read_keys(r, ring_size)?;
                let c1 = r.array()?;
                let d = r.array()?;
                p.clsags.push(ClsagSig { s, c1, d });
            }
        } else {
            let (mg_elements, rows) = if ty == RctType::Full {
                (1, inputs.saturating_add(1))
            } else {
                (inputs, 2)
            };
            let per = ring_size
                .checked_mul(rows)
                .and_then(|n| n.checked_add(1))
                .and_then(|n| n.checked_mul(32))
                .ok_or(Error::CountTooLarge)?;
            let n = check_fits(mg_elements as u64, per, r.remaining())?;
            p.mgs.reserve_exact(n);
            for _ in 0..n {
                let mut ss = Vec::with_capacity(ring_size);
                for _ in 0..ring_size {
                    ss.push(read_keys(r, rows)?);
                }
                let cc = r.array()?;
                p.mgs.push(MgSig { ss, cc });
            }
        }
        if ty.is_bulletproof() {
            p.pseudo_outs = read_keys(r, inputs)?;
        }
        Ok(())
    }

    /// Writes `rctSigPrunable` (reference `serialize_rctsig_prunable`).
    ///
    /// # Errors
    /// [`Error::RctCountMismatch`] / [`Error::TooManyBulletproofs`] /
    /// [`Error::BulletproofTooSmall`] where the reference serializer throws.
    pub fn write_prunable(
        &self,
        out: &mut Vec<u8>,
        inputs: usize,
        outputs: usize,
        ring_size: usize,
    ) -> Result<(), Error> {
        let ty = self.rct_type;
        let p = &self.prunable;
        if ty == RctType::Null {
            return Ok(());
        }
        if ty.is_bulletproof() {
            let nbp =
                u32::try_from(p.bulletproofs.len()).map_err(|_| Error::TooManyBulletproofs)?;
            if ty == RctType::Bulletproof {
                out.extend_from_slice(&nbp.to_le_bytes());
            } else {
                write_varint(out, u64::from(nbp));
            }
            if p.bulletproofs.len() > outputs {
                return Err(Error::TooManyBulletproofs);
            }
            for bp in &p.bulletproofs {
                write_bulletproof(out, bp)?;
            }
            if n_bulletproof_max_amounts(&p.bulletproofs) < outputs {
                return Err(Error::BulletproofTooSmall);
            }
        } else {
            if p.range_sigs.len() != outputs {
                return Err(Error::RctCountMismatch);
            }
            for s in &p.range_sigs {
                out.extend_from_slice(&s.0);
            }
        }
        if ty == RctType::Clsag {
            if p.clsags.len() != inputs {
                return Err(Error::RctCountMismatch);
            }
            for c in &p.clsags {
                write_keys(out, &c.s, ring_size)?;
                out.extend_from_slice(&c.c1);
                out.extend_from_slice(&c.d);
            }
        } else {
            let (mg_elements, rows) = if ty == RctType::Full {
                (1, inputs.saturating_add(1))
            } else {
                (inputs, 2)
            };
            if p.mgs.len() != mg_elements {
                return Err(Error::RctCountMismatch);
            }
            for mg in &p.mgs {
                if mg.ss.len() != ring_size {
                    return Err(Error::RctCountMismatch);
                }
                for row in &mg.ss {
                    write_keys(out, row, rows)?;
                }
                out.extend_from_slice(&mg.cc);
            }
        }
        if ty.is_bulletproof() {
            write_keys(out, &p.pseudo_outs, inputs)?;
        }
        Ok(())
    }

    /// The CLSAG/MLSAG signing message (reference `get_pre_clsag_hash`, `get_pre_mlsag_hash` in
    /// Monero):
    /// `keccak(message || keccak(rctSigBase bytes) || keccak(range proof fields))` where the
    /// range-proof part is, per bulletproof, `A,S,T1,T2,taux,mu,L*,R*,a,b,t` (no `V`, no
    /// lengths), or per Borromean signature its 6176 bytes. A plain hash, not reduced.
    ///
    /// `inputs` is the number of inputs (the base layout of type 2 depends on it).
    ///
    /// # Errors
    /// [`Error::RctCountMismatch`] if the base does not serialize for these counts.
    pub fn pre_clsag_hash(&self, message: &[u8; 32], inputs: usize) -> Result<[u8; 32], Error> {
        let mut base = Vec::new();
        self.write_base(&mut base, inputs, self.ecdh_info.len())?;
        let mut kv = Keccak256::new();
        if self.rct_type.is_bulletproof() {
            for bp in &self.prunable.bulletproofs {
                hash_bulletproof_fields(&mut kv, bp);
            }
        } else {
            for rs in &self.prunable.range_sigs {
                kv.update(&rs.0);
            }
        }
        let mut h = Keccak256::new();
        h.update(message)
            .update(&keccak256(&base))
            .update(&kv.finalize());
        Ok(h.finalize())
    }
}

impl RctSig {
    /// The semantic checks of a RingCT signature (reference `verRctSemanticsSimple` for one
    /// signature), for the bulletproof types 3..=5. Variable time (public data only).
    ///
    /// In order: exactly one bulletproof whose size fits the outputs (`n_bulletproof_amounts`
    /// with `V` restored from `outPk` as `expand_transaction_1` does); for CLSAG no MGs and
    /// one pseudo-output per CLSAG (for types 3 and 4: no CLSAGs and one per MG); no pseudo-outputs
    /// in the base; one ecdhInfo per output; **balance** `Σ pseudoOuts == Σ outPk + fee·H`;
    /// and the bulletproof verifies for `V = outPk / 8`.
    ///
    /// # Errors
    /// [`Error::RctTypeUnsupported`], [`Error::BulletproofCountInvalid`],
    /// [`Error::RctCountMismatch`], [`Error::Crypto`] (an undecodable commitment),
    /// [`Error::RctBalanceMismatch`], or the bulletproof verifier's error.
    pub fn verify_semantics(&self) -> Result<(), Error> {
        self.check_semantics_counts()?;
        self.check_balance()?;
        let [bp] = self.prunable.bulletproofs.as_slice() else {
            return Err(Error::BulletproofCountInvalid);
        };
        let commitments: Vec<Commitment> = self.out_pk.iter().map(|c| Commitment(*c)).collect();
        bp.verify(&commitments)
    }

    /// The non-semantic checks (reference `verRctNonSemanticsSimple`) for type CLSAG: every
    /// input's CLSAG verifies over its ring (`mix_ring[i]`, from the chain), its pseudo-output
    /// and its key image (`key_images[i]`, the input's `k_image`), signing
    /// [`RctSig::pre_clsag_hash`] of `message` (the transaction prefix hash). Variable time.
    ///
    /// # Errors
    /// [`Error::RctTypeUnsupported`] for other types, [`Error::RctCountMismatch`] when rings,
    /// key images, CLSAGs and pseudo-outputs differ in number, [`Error::ClsagInvalid`] naming the
    /// first input whose signature fails.
    pub fn verify_non_semantics(
        &self,
        message: &[u8; 32],
        inputs: usize,
        mix_ring: &[Vec<CtKey>],
        key_images: &[Key],
    ) -> Result<(), Error> {
        if self.rct_type != RctType::Clsag {
            return Err(Error::RctTypeUnsupported);
        }
        let p = &self.prunable;
        let n = mix_ring.len();
        if p.pseudo_outs.len() != n || p.clsags.len() != n || key_images.len() != n {
            return Err(Error::RctCountMismatch);
        }
        let m = self.pre_clsag_hash(message, inputs)?;
        let check = |i: usize| -> Result<(), Error> {
            let ok = match (
                p.clsags.get(i),
                mix_ring.get(i),
                p.pseudo_outs.get(i),
                key_images.get(i),
            ) {
                (Some(sig), Some(ring), Some(pseudo), Some(ki)) => {
                    verify_clsag(&m, sig, ring, pseudo, ki)
                }
                _ => false,
            };
            if ok {
                Ok(())
            } else {
                Err(Error::ClsagInvalid { input: i })
            }
        };
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            (0..n).into_par_iter().try_for_each(check)
        }
        #[cfg(not(feature = "parallel"))]
        {
            (0..n).try_for_each(check)
        }
    }

    /// Everything in [`RctSig::verify_semantics`] except the bulletproof itself.
    pub(crate) fn check_semantics_counts(&self) -> Result<(), Error> {
        if !self.rct_type.is_bulletproof() {
            return Err(Error::RctTypeUnsupported);
        }
        let [bp] = self.prunable.bulletproofs.as_slice() else {
            return Err(Error::BulletproofCountInvalid);
        };
        // n_bulletproof_amounts with |V| = |outPk|: 0 (mismatch) unless 2^(|L|-6) >= |V| > 2^(|L|-7).
        let max = bp.max_amounts();
        let n = self.out_pk.len();
        if max == 0 || n == 0 || n > max || n * 2 <= max {
            return Err(Error::BulletproofTooSmall);
        }
        let p = &self.prunable;
        if self.rct_type == RctType::Clsag {
            if !p.mgs.is_empty() || p.pseudo_outs.len() != p.clsags.len() {
                return Err(Error::RctCountMismatch);
            }
        } else if !p.clsags.is_empty() || p.pseudo_outs.len() != p.mgs.len() {
            return Err(Error::RctCountMismatch);
        }
        if !self.pseudo_outs.is_empty() || self.out_pk.len() != self.ecdh_info.len() {
            return Err(Error::RctCountMismatch);
        }
        Ok(())
    }

    /// The balance check `Σ pseudoOuts == Σ outPk + fee·H` (compared as points, which is the
    /// reference's comparison of canonical encodings).
    ///
    /// # Errors
    /// [`Error::Crypto`] for an undecodable commitment, [`Error::RctBalanceMismatch`].
    pub fn check_balance(&self) -> Result<(), Error> {
        let mut outs = amount_times_h(self.txn_fee);
        for c in &self.out_pk {
            outs += &Point::from_bytes(c)?;
        }
        let mut ins = Point::identity();
        for c in self.get_pseudo_outs() {
            ins += &Point::from_bytes(c)?;
        }
        if ins != outs {
            return Err(Error::RctBalanceMismatch);
        }
        Ok(())
    }
}

// -------------------------------------------------------------------------------------------------
// Builder (genRctSimple)
// -------------------------------------------------------------------------------------------------

/// The largest number of outputs one transaction's aggregated bulletproof covers
/// (`TX_BULLETPROOF_MAX_OUTPUTS`).
pub const MAX_OUTPUTS: usize = crate::bulletproof::MAX_AMOUNTS;

/// Ring size Oxen's consensus requires (`TX_OUTPUT_DECOYS + 1`).
pub const RING_SIZE: usize = 10;

/// One input to spend: its ring (from the chain), which member is ours and its secrets.
/// Secrets are zeroized on drop and never printed.
#[derive(Clone)]
pub struct RctInput {
    /// The ring `(P_i, C_i)`, as on the chain (Oxen consensus: [`RING_SIZE`] members).
    pub ring: Vec<CtKey>,
    /// Index of the real output in `ring`.
    pub real_index: usize,
    /// One-time spend secret `p` with `ring[real_index].dest = p·G`.
    pub secret_key: SecretKey,
    /// Mask `γ` of the real output's commitment `ring[real_index].mask = γ·G + amount·H`.
    pub mask: Scalar,
    /// The real output's amount.
    pub amount: u64,
}

impl Drop for RctInput {
    fn drop(&mut self) {
        self.mask.zeroize();
        self.amount.zeroize();
        self.real_index.zeroize();
    }
}

impl core::fmt::Debug for RctInput {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("RctInput")
            .field("ring_size", &self.ring.len())
            .finish_non_exhaustive()
    }
}

impl RctInput {
    /// The input's key image `I = p·Hp(P)` (reference `generate_key_image`), which the
    /// transaction prefix carries and the CLSAG signs with.
    ///
    /// # Errors
    /// [`Error::BuilderArguments`] if `real_index` is outside the ring.
    pub fn key_image(&self) -> Result<Key, Error> {
        let real = self
            .ring
            .get(self.real_index)
            .ok_or(Error::BuilderArguments)?;
        Ok(generate_key_image(&PublicKey(real.dest), &self.secret_key).0)
    }
}

/// One output to create.
#[derive(Clone, Debug)]
pub struct RctOutput {
    /// One-time destination key.
    pub dest: Key,
    /// Amount.
    pub amount: u64,
    /// The per-output amount key shared with the receiver (masks and ECDH derive from it).
    pub amount_key: AmountKey,
}

/// What [`gen_rct_simple`] returns besides the signature.
#[derive(Clone)]
pub struct RctSecrets {
    /// The output commitment masks (`outSk`), zeroized on drop.
    pub output_masks: Vec<Scalar>,
}

impl Drop for RctSecrets {
    fn drop(&mut self) {
        self.output_masks.zeroize();
    }
}

impl core::fmt::Debug for RctSecrets {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("RctSecrets { .. }")
    }
}

/// Builds a CLSAG RingCT signature (reference `genRctSimple` with
/// `RCTConfig{PaddedBulletproof, 3}`, as Oxen wallets call it) over `message` (the transaction
/// prefix hash, which must already contain the inputs' key images, see
/// [`RctInput::key_image`]).
///
/// In the reference's order: output masks `γ_k = genCommitmentMask(amount_key_k)`; one
/// aggregated bulletproof over all outputs (`outPk = 8·V`); ecdhInfo `amount ⊕ ecdhHash`;
/// pseudo-output masks random except the last, which makes `Σ α_i = Σ γ_k`; pseudo-outputs
/// `α_i·G + a_i·H`; the message [`RctSig::pre_clsag_hash`]; one CLSAG per input with
/// `z_i = γ_in,i − α_i`. All randomness comes from `rng`. Constant time in the secrets except
/// where the bulletproof prover documents otherwise.
///
/// # Errors
/// [`Error::BuilderArguments`] (no inputs, 0 or more than [`MAX_OUTPUTS`] outputs, a real index
/// outside its ring), [`Error::AmountsUnbalanced`] (`Σ in ≠ Σ out + fee`, overflow included),
/// bulletproof prover or CLSAG signer errors (e.g. a secret that does not match its ring member).
pub fn gen_rct_simple<R: CryptoRng + ?Sized>(
    message: &[u8; 32],
    inputs: &[RctInput],
    outputs: &[RctOutput],
    fee: u64,
    rng: &mut R,
) -> Result<(RctSig, RctSecrets), Error> {
    if inputs.is_empty() || outputs.is_empty() || outputs.len() > MAX_OUTPUTS {
        return Err(Error::BuilderArguments);
    }
    if inputs.iter().any(|i| i.real_index >= i.ring.len()) {
        return Err(Error::BuilderArguments);
    }
    let sum_in = inputs
        .iter()
        .try_fold(0u64, |acc, i| acc.checked_add(i.amount));
    let sum_out = outputs
        .iter()
        .try_fold(fee, |acc, o| acc.checked_add(o.amount));
    match (sum_in, sum_out) {
        (Some(a), Some(b)) if a == b => {}
        _ => return Err(Error::AmountsUnbalanced),
    }

    let amounts: Vec<u64> = outputs.iter().map(|o| o.amount).collect();
    let output_masks: Vec<Scalar> = outputs
        .iter()
        .map(|o| commitment_mask(&o.amount_key))
        .collect();
    let secrets = RctSecrets { output_masks };
    let (bp, commitments) = Bulletproof::prove(&amounts, &secrets.output_masks, rng)?;

    let mut rv = RctSig::null();
    rv.rct_type = RctType::Clsag;
    rv.txn_fee = fee;
    rv.out_pk = commitments.iter().map(Commitment::to_bytes).collect();
    rv.ecdh_info = outputs
        .iter()
        .map(|o| EcdhTuple {
            mask: [0; 32],
            amount: ecdh_encode(o.amount, &o.amount_key).to_key(),
        })
        .collect();
    rv.prunable.bulletproofs.push(bp);

    // Pseudo-output masks: random, the last one balancing the output masks.
    let sum_out_masks: Scalar = secrets.output_masks.iter().sum();
    let mut pseudo_masks: Vec<Scalar> = Vec::with_capacity(inputs.len());
    let mut acc = Scalar::ZERO;
    for _ in 1..inputs.len() {
        let a = Scalar::random(rng);
        acc += a;
        pseudo_masks.push(a);
    }
    pseudo_masks.push(sum_out_masks - acc);
    acc.zeroize();
    rv.prunable.pseudo_outs = inputs
        .iter()
        .zip(&pseudo_masks)
        .map(|(i, a)| commit(i.amount, a).to_bytes())
        .collect();

    let full_message = rv.pre_clsag_hash(message, inputs.len())?;
    for ((input, a), pseudo) in inputs
        .iter()
        .zip(&pseudo_masks)
        .zip(&rv.prunable.pseudo_outs)
    {
        let ring: Vec<RingMember> = input
            .ring
            .iter()
            .map(|m| (CompressedPoint(m.dest), CompressedPoint(m.mask)))
            .collect();
        let mut z = input.mask - a;
        let secret = ClsagSecret {
            p: &input.secret_key,
            z: &z,
            real_index: input.real_index,
        };
        let signed = clsag_sign(
            &full_message,
            &ring,
            &CompressedPoint(*pseudo),
            &secret,
            rng,
        );
        z.zeroize();
        let (sig, _image) = signed?;
        rv.prunable.clsags.push(ClsagSig::from_clsag(&sig));
    }
    pseudo_masks.zeroize();
    Ok((rv, secrets))
}

/// Reference `n_bulletproof_max_amounts` over a proof list: `Σ 2^(|L|-6)`, or 0 when any proof
/// has `|L|` outside `6..=10`.
fn n_bulletproof_max_amounts(proofs: &[Bulletproof]) -> usize {
    let mut n = 0usize;
    for p in proofs {
        let m = p.max_amounts();
        if m == 0 {
            return 0;
        }
        n += m;
    }
    n
}

// -------------------------------------------------------------------------------------------------
// Bulletproofs: the proof type and its codec live in `crate::bulletproof`.
// -------------------------------------------------------------------------------------------------

/// Smallest serialized bulletproof (6 keys, two one-byte counts, one L and R key, 3 scalars):
/// bounds the proof count against the remaining input before allocating.
const MIN_BULLETPROOF_LEN: usize = 11 * 32 + 2;

fn read_bulletproof(r: &mut Reader<'_>) -> Result<Bulletproof, Error> {
    let (bp, used) = Bulletproof::read(r.rest())?;
    r.bytes(used)?;
    Ok(bp)
}

fn write_bulletproof(out: &mut Vec<u8>, bp: &Bulletproof) -> Result<(), Error> {
    // The type cannot hold an empty or mismatched L/R (the reference serializer's throw).
    bp.write(out);
    Ok(())
}

fn hash_bulletproof_fields(h: &mut Keccak256, bp: &Bulletproof) {
    for k in bp.keys() {
        h.update(k);
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

/// Verifies one CLSAG (reference `verRctCLSAGSimple`) with `oxen_crypto::clsag`. The wire
/// scalars must be canonical (the reference's `sc_check`); any failure is a rejection.
fn verify_clsag(
    message: &[u8; 32],
    sig: &ClsagSig,
    ring: &[CtKey],
    pseudo_out: &Key,
    key_image: &Key,
) -> bool {
    let Some(sig) = sig.to_clsag() else {
        return false;
    };
    let ring: Vec<RingMember> = ring
        .iter()
        .map(|m| (CompressedPoint(m.dest), CompressedPoint(m.mask)))
        .collect();
    sig.check(
        &ring,
        &KeyImage(*key_image),
        &CompressedPoint(*pseudo_out),
        message,
    )
}

impl ClsagSig {
    /// As `oxen_crypto`'s [`Clsag`], or `None` if a scalar is not canonical (the verifier
    /// rejects such a signature).
    #[must_use]
    pub fn to_clsag(&self) -> Option<Clsag> {
        let s = self
            .s
            .iter()
            .map(|b| Scalar::from_canonical_bytes(b).ok())
            .collect::<Option<Vec<_>>>()?;
        let c1 = Scalar::from_canonical_bytes(&self.c1).ok()?;
        Some(Clsag {
            s,
            c1,
            d: CompressedPoint(self.d),
        })
    }

    /// From `oxen_crypto`'s [`Clsag`].
    #[must_use]
    pub fn from_clsag(sig: &Clsag) -> Self {
        Self {
            s: sig.s.iter().map(Scalar::to_bytes).collect(),
            c1: sig.c1.to_bytes(),
            d: sig.d.0,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::transaction::{Transaction, build_clsag_transaction};
    use proptest::prelude::*;
    use rand_chacha::ChaCha20Rng;
    use rand_core::{Rng, SeedableRng};

    /// A spendable input of `amount` in a ring of `ring_size` random decoys, with its absolute
    /// output indices.
    pub(crate) fn make_input(
        rng: &mut ChaCha20Rng,
        amount: u64,
        ring_size: usize,
    ) -> (RctInput, Vec<u64>) {
        let real_index = (rng.next_u32() as usize) % ring_size;
        let secret_key = SecretKey::random(rng);
        let mask = Scalar::random(rng);
        let ring = (0..ring_size)
            .map(|i| {
                if i == real_index {
                    CtKey {
                        dest: secret_key.public_key().0,
                        mask: commit(amount, &mask).to_bytes(),
                    }
                } else {
                    CtKey {
                        dest: Point::mul_base(&Scalar::random(rng)).to_bytes(),
                        mask: Point::mul_base(&Scalar::random(rng)).to_bytes(),
                    }
                }
            })
            .collect();
        let base = u64::from(rng.next_u32());
        let offsets = (0..ring_size as u64).map(|i| base + 3 * i + 1).collect();
        (
            RctInput {
                ring,
                real_index,
                secret_key,
                mask,
                amount,
            },
            offsets,
        )
    }

    pub(crate) fn make_output(rng: &mut ChaCha20Rng, amount: u64) -> RctOutput {
        let mut key = [0u8; 32];
        rng.fill_bytes(&mut key);
        RctOutput {
            dest: Point::mul_base(&Scalar::random(rng)).to_bytes(),
            amount,
            amount_key: AmountKey::from_bytes(key),
        }
    }

    /// A valid transaction with `n_in` inputs and `n_out` outputs, and its rings.
    pub(crate) fn make_tx(seed: u64, n_in: usize, n_out: usize) -> (Transaction, Vec<Vec<CtKey>>) {
        let mut rng = ChaCha20Rng::seed_from_u64(seed);
        let fee = 1_000_000 + u64::from(rng.next_u32());
        let out_amounts: Vec<u64> = (0..n_out).map(|_| u64::from(rng.next_u32()) << 8).collect();
        let total = out_amounts.iter().sum::<u64>() + fee;
        // Split the total over the inputs.
        let mut in_amounts: Vec<u64> = (1..n_in)
            .map(|_| u64::from(rng.next_u32() % 1000))
            .collect();
        in_amounts.push(total - in_amounts.iter().sum::<u64>());
        let inputs: Vec<_> = in_amounts
            .iter()
            .map(|a| make_input(&mut rng, *a, RING_SIZE))
            .collect();
        let outputs: Vec<_> = out_amounts
            .iter()
            .map(|a| make_output(&mut rng, *a))
            .collect();
        let mut extra = alloc::vec![0x01];
        extra.extend_from_slice(&Point::mul_base(&Scalar::random(&mut rng)).to_bytes());
        let (tx, _secrets) =
            build_clsag_transaction(inputs.clone(), &outputs, fee, extra, &mut rng).unwrap();
        // Rings in the transaction's (sorted) input order.
        let rings = tx
            .prefix
            .vin
            .iter()
            .map(|vin| {
                let ki = vin.key_image().unwrap();
                inputs
                    .iter()
                    .find(|(i, _)| &i.key_image().unwrap() == ki)
                    .unwrap()
                    .0
                    .ring
                    .clone()
            })
            .collect();
        (tx, rings)
    }

    #[test]
    fn build_verify_2in_2out() {
        let (tx, rings) = make_tx(1, 2, 2);
        tx.verify_rct(&rings).unwrap();
        let blob = tx.to_bytes().unwrap();
        let parsed = Transaction::parse_and_validate(&blob).unwrap();
        assert_eq!(parsed, tx);
        parsed.verify_rct(&rings).unwrap();
        // Key images strictly decreasing.
        let kis = tx.key_images();
        assert!(kis[0] > kis[1]);
        // Output amounts decrypt with the amount keys (see make_tx: same RNG stream).
        assert_eq!(tx.rct.rct_type, RctType::Clsag);
        assert_eq!(tx.rct.prunable.bulletproofs.len(), 1);
    }

    #[test]
    fn outputs_decode_and_open() {
        let mut rng = ChaCha20Rng::seed_from_u64(9);
        let (input, _) = make_input(&mut rng, 1000, RING_SIZE);
        let outputs = [make_output(&mut rng, 600), make_output(&mut rng, 300)];
        let message = [7u8; 32];
        let (rv, secrets) = gen_rct_simple(
            &message,
            core::slice::from_ref(&input),
            &outputs,
            100,
            &mut rng,
        )
        .unwrap();
        for (k, o) in outputs.iter().enumerate() {
            let enc = crate::ecdh::EcdhAmount(rv.ecdh_info[k].amount[..8].try_into().unwrap());
            let (amount, mask) = crate::ecdh::ecdh_decode(&enc, &o.amount_key);
            assert_eq!(amount, o.amount);
            assert_eq!(mask, secrets.output_masks[k]);
            assert!(Commitment(rv.out_pk[k]).opens(amount, &mask));
        }
        rv.verify_semantics().unwrap();
        rv.verify_non_semantics(
            &message,
            1,
            core::slice::from_ref(&input.ring),
            &[input.key_image().unwrap()],
        )
        .unwrap();
        // Wrong message, wrong key image, wrong ring.
        assert_eq!(
            rv.verify_non_semantics(
                &[8u8; 32],
                1,
                core::slice::from_ref(&input.ring),
                &[input.key_image().unwrap()]
            ),
            Err(Error::ClsagInvalid { input: 0 })
        );
        assert_eq!(
            rv.verify_non_semantics(
                &message,
                1,
                core::slice::from_ref(&input.ring),
                &[[9u8; 32]]
            ),
            Err(Error::ClsagInvalid { input: 0 })
        );
        let mut ring = input.ring.clone();
        ring.swap(0, 1);
        assert_eq!(
            rv.verify_non_semantics(&message, 1, &[ring], &[input.key_image().unwrap()]),
            Err(Error::ClsagInvalid { input: 0 })
        );
    }

    #[test]
    fn error_variants_rct() {
        let (tx, rings) = make_tx(2, 2, 2);
        // RctBalanceMismatch: fee + 1.
        let mut t = tx.clone();
        t.rct.txn_fee += 1;
        assert_eq!(t.rct.verify_semantics(), Err(Error::RctBalanceMismatch));
        assert_eq!(t.rct.check_balance(), Err(Error::RctBalanceMismatch));
        // ClsagInvalid: s tampered in input 1.
        let mut t = tx.clone();
        t.rct.prunable.clsags[1].s[3][0] ^= 1;
        assert_eq!(t.verify_rct(&rings), Err(Error::ClsagInvalid { input: 1 }));
        // RctCountMismatch: a ring missing; an ecdh entry missing.
        assert_eq!(tx.verify_rct(&rings[..1]), Err(Error::RctCountMismatch));
        let mut t = tx.clone();
        t.rct.ecdh_info.pop();
        assert_eq!(t.to_bytes(), Err(Error::RctCountMismatch));
        assert_eq!(t.rct.verify_semantics(), Err(Error::RctCountMismatch));
        // BulletproofCountInvalid / BulletproofTooSmall.
        let mut t = tx.clone();
        t.rct.prunable.bulletproofs.clear();
        assert_eq!(
            t.rct.verify_semantics(),
            Err(Error::BulletproofCountInvalid)
        );
        assert_eq!(t.expand(), Err(Error::BulletproofCountInvalid));
        let mut t = tx.clone();
        t.rct.out_pk.push([1; 32]);
        t.rct.ecdh_info.push(EcdhTuple::default());
        t.rct.out_pk.push([1; 32]);
        t.rct.ecdh_info.push(EcdhTuple::default());
        assert_eq!(t.rct.verify_semantics(), Err(Error::BulletproofTooSmall));
        // Undecodable commitment: the balance check reports the decoding error.
        let mut t = tx.clone();
        t.rct.out_pk[0] = [0xff; 32];
        assert!(matches!(t.rct.verify_semantics(), Err(Error::Crypto(_))));
        // Bulletproof failure: outPk shifted by H on both outputs keeps the balance.
        let mut t = tx.clone();
        let h = crate::commitment::h();
        let c0 = Point::from_bytes(&t.rct.out_pk[0]).unwrap() + h;
        let c1 = Point::from_bytes(&t.rct.out_pk[1]).unwrap() - h;
        t.rct.out_pk[0] = c0.to_bytes();
        t.rct.out_pk[1] = c1.to_bytes();
        t.rct.check_balance().unwrap();
        assert!(t.rct.verify_semantics().is_err());
        // RctTypeUnsupported.
        let mut t = tx.clone();
        t.rct.rct_type = RctType::Simple;
        assert_eq!(t.rct.verify_semantics(), Err(Error::RctTypeUnsupported));
        assert_eq!(t.verify_rct(&rings), Err(Error::RctTypeUnsupported));
        assert_eq!(
            t.rct
                .verify_non_semantics(&[0; 32], 2, &rings, &tx.key_images()),
            Err(Error::RctTypeUnsupported)
        );
    }

    #[test]
    fn error_variants_builder() {
        let mut rng = ChaCha20Rng::seed_from_u64(3);
        let (input, offsets) = make_input(&mut rng, 1000, RING_SIZE);
        let out = make_output(&mut rng, 900);
        let m = [0u8; 32];
        // AmountsUnbalanced, including overflow.
        assert_eq!(
            gen_rct_simple(
                &m,
                core::slice::from_ref(&input),
                core::slice::from_ref(&out),
                99,
                &mut rng
            )
            .err(),
            Some(Error::AmountsUnbalanced)
        );
        let big = make_output(&mut rng, u64::MAX);
        assert_eq!(
            gen_rct_simple(
                &m,
                core::slice::from_ref(&input),
                &[big.clone(), big],
                0,
                &mut rng
            )
            .err(),
            Some(Error::AmountsUnbalanced)
        );
        // BuilderArguments: no inputs, no outputs, 17 outputs, bad real index, offsets mismatch.
        assert_eq!(
            gen_rct_simple(&m, &[], core::slice::from_ref(&out), 0, &mut rng).err(),
            Some(Error::BuilderArguments)
        );
        assert_eq!(
            gen_rct_simple(&m, core::slice::from_ref(&input), &[], 1000, &mut rng).err(),
            Some(Error::BuilderArguments)
        );
        let many: Vec<_> = (0..17).map(|_| make_output(&mut rng, 0)).collect();
        assert_eq!(
            gen_rct_simple(&m, core::slice::from_ref(&input), &many, 1000, &mut rng).err(),
            Some(Error::BuilderArguments)
        );
        let mut bad = input.clone();
        bad.real_index = RING_SIZE;
        assert_eq!(bad.key_image(), Err(Error::BuilderArguments));
        assert_eq!(
            gen_rct_simple(
                &m,
                core::slice::from_ref(&bad),
                core::slice::from_ref(&out),
                100,
                &mut rng
            )
            .err(),
            Some(Error::BuilderArguments)
        );
        assert_eq!(
            build_clsag_transaction(
                alloc::vec![(input.clone(), offsets[..9].to_vec())],
                core::slice::from_ref(&out),
                100,
                alloc::vec![],
                &mut rng
            )
            .err(),
            Some(Error::BuilderArguments)
        );
        // The same input twice (same key image).
        assert_eq!(
            build_clsag_transaction(
                alloc::vec![(input.clone(), offsets.clone()), (input.clone(), offsets)],
                &[make_output(&mut rng, 1900)],
                100,
                alloc::vec![],
                &mut rng
            )
            .err(),
            Some(Error::BuilderArguments)
        );
        // A secret that does not open the ring member: the signer refuses.
        let mut wrong = input.clone();
        wrong.mask = Scalar::random(&mut rng);
        assert!(matches!(
            gen_rct_simple(
                &m,
                core::slice::from_ref(&wrong),
                core::slice::from_ref(&make_output(&mut rng, 900)),
                100,
                &mut rng
            ),
            Err(Error::Crypto(_))
        ));
        // Debug never prints secrets.
        let dbg = alloc::format!("{input:?}");
        assert!(dbg.contains("ring_size") && !dbg.contains("mask"));
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

        /// Builder -> serialize -> parse -> verify, for random input/output counts; any single
        /// byte flipped in the blob is rejected (by the parser or by verification).
        #[test]
        fn build_parse_verify_and_tamper(seed: u64, n_in in 1usize..4, n_out in 1usize..17, pos: prop::sample::Index, bit in 0u8..8) {
            let (tx, rings) = make_tx(seed, n_in, n_out);
            let blob = tx.to_bytes().unwrap();
            let parsed = Transaction::parse_and_validate(&blob).unwrap();
            prop_assert_eq!(&parsed, &tx);
            prop_assert!(parsed.verify_rct(&rings).is_ok());
            let mut bad = blob.clone();
            let i = pos.index(bad.len());
            bad[i] ^= 1 << bit;
            let verdict = Transaction::parse_and_validate(&bad).and_then(|t| t.verify_rct(&rings));
            prop_assert!(verdict.is_err(), "flipping bit {} of byte {} went unnoticed", bit, i);
        }
    }
}
