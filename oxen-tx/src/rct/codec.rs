//! RingCT (de)serialization: `rctSigBase` and `rctSigPrunable` (reference
//! `serialize_rctsig_base`, `serialize_rctsig_prunable` in `src/ringct/rctTypes.h`).

use alloc::vec::Vec;

use oxen_crypto::{Clsag, CompressedPoint, Mlsag, ScalarBytes};

use super::types::{BORROMEAN_RANGE_SIG_LEN, BorromeanRangeSig, EcdhTuple, RctSig, RctType};
use crate::Error;
use crate::bulletproof::Bulletproof;
use crate::codec::{Reader, check_fits, write_varint};

/// `n` 32-byte values (point or scalar encodings, unchecked, as the reference's parser reads
/// them), bounded by the remaining input before allocating.
fn read_keys<T: From<[u8; 32]>>(r: &mut Reader<'_>, n: usize) -> Result<Vec<T>, Error> {
    let n = check_fits(n as u64, 32, r.remaining())?;
    let mut v = Vec::with_capacity(n);
    for _ in 0..n {
        v.push(T::from(r.array()?));
    }
    Ok(v)
}

fn write_keys<T: AsRef<[u8]>>(out: &mut Vec<u8>, keys: &[T], expected: usize) -> Result<(), Error> {
    if keys.len() != expected {
        return Err(Error::RctCountMismatch);
    }
    for k in keys {
        out.extend_from_slice(k.as_ref());
    }
    Ok(())
}

impl RctSig {
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
                p.range_sigs.push(BorromeanRangeSig::from_bytes(
                    r.bytes(BORROMEAN_RANGE_SIG_LEN)?,
                )?);
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
                let c1 = ScalarBytes(r.array()?);
                let d = CompressedPoint(r.array()?);
                p.clsags.push(Clsag { s, c1, d });
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
                let cc = ScalarBytes(r.array()?);
                p.mgs.push(Mlsag { ss, cc });
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
                out.extend_from_slice(s.as_bytes());
            }
        }
        if ty == RctType::Clsag {
            if p.clsags.len() != inputs {
                return Err(Error::RctCountMismatch);
            }
            for c in &p.clsags {
                write_keys(out, &c.s, ring_size)?;
                out.extend_from_slice(c.c1.as_bytes());
                out.extend_from_slice(c.d.as_bytes());
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
                out.extend_from_slice(mg.cc.as_bytes());
            }
        }
        if ty.is_bulletproof() {
            write_keys(out, &p.pseudo_outs, inputs)?;
        }
        Ok(())
    }
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
