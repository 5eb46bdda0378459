//! The semantic checks of a RingCT signature: counts, balance and the range proofs (reference
//! `verRctSemanticsSimple` for types 2..=5, `verRct(rv, true)` for type 1).

use alloc::vec::Vec;

use oxen_crypto::Point;

use super::types::{RctSig, RctType};
use crate::Error;
use crate::borromean::verify_bytes;
use crate::commitment::{Commitment, amount_times_h};

impl RctSig {
    /// The semantic checks of a RingCT signature, every type 1..=5. Variable time (public
    /// data only).
    ///
    /// * types 2..=5 (`verRctSemanticsSimple`): the counts of
    ///   [`RctSig::check_semantics_counts`], **balance** `Σ pseudoOuts == Σ outPk + fee·H`
    ///   ([`RctSig::check_balance`]), then the range proofs: the one Bulletproof for
    ///   `V = outPk / 8` (types 3..=5) or every output's Borromean signature (type 2);
    /// * type 1 (`verRct(rv, true)`): the counts, then every Borromean signature (its balance
    ///   is part of the MLSAG, [`RctSig::verify_non_semantics`]).
    ///
    /// # Errors
    /// [`Error::RctTypeUnsupported`] (type Null), [`Error::BulletproofCountInvalid`],
    /// [`Error::BulletproofTooSmall`], [`Error::RctCountMismatch`], [`Error::Crypto`] (an
    /// undecodable commitment), [`Error::RctBalanceMismatch`], or the range proof's error.
    pub fn verify_semantics(&self) -> Result<(), Error> {
        self.check_semantics_without_range_proofs()?;
        self.verify_range_proofs()
    }

    /// [`RctSig::verify_semantics`] without the range proofs: the counts and (types 2..=5) the
    /// balance.
    ///
    /// # Errors
    /// As [`RctSig::check_semantics_counts`] and [`RctSig::check_balance`].
    pub fn check_semantics_without_range_proofs(&self) -> Result<(), Error> {
        self.check_semantics_counts()?;
        if self.rct_type.is_simple() {
            self.check_balance()?;
        }
        Ok(())
    }

    /// The range proofs alone: the Bulletproof (types 3..=5) or every Borromean signature
    /// (types 1, 2). Counts are those of [`RctSig::check_semantics_counts`].
    ///
    /// # Errors
    /// [`Error::BulletproofCountInvalid`], [`Error::RctCountMismatch`], the range proof's error.
    pub fn verify_range_proofs(&self) -> Result<(), Error> {
        if self.rct_type.is_bulletproof() {
            let [bp] = self.prunable.bulletproofs.as_slice() else {
                return Err(Error::BulletproofCountInvalid);
            };
            let commitments: Vec<Commitment> =
                self.out_pk.iter().map(|c| Commitment(c.0)).collect();
            bp.verify(&commitments)
        } else {
            if self.prunable.range_sigs.len() != self.out_pk.len() {
                return Err(Error::RctCountMismatch);
            }
            (0..self.out_pk.len()).try_for_each(|i| self.verify_range_sig(i))
        }
    }

    /// Output `output`'s Borromean range signature against its commitment (`verRange`).
    ///
    /// # Errors
    /// [`Error::RctCountMismatch`] if there is none, else the Borromean verifier's error.
    pub fn verify_range_sig(&self, output: usize) -> Result<(), Error> {
        match (
            self.prunable.range_sigs.get(output),
            self.out_pk.get(output),
        ) {
            (Some(sig), Some(c)) => verify_bytes(sig.as_bytes(), &Commitment(c.0)),
            _ => Err(Error::RctCountMismatch),
        }
    }

    /// The count checks of the semantic verifiers.
    ///
    /// * types 3..=5: exactly one Bulletproof, `|outPk| == n_bulletproof_amounts` (with `V`
    ///   restored one per output: `2^(|L|-7) < |outPk| <= 2^(|L|-6)`); CLSAG: no MGs and one
    ///   pseudo-output per CLSAG; types 3, 4: no CLSAGs and one pseudo-output per MG; no
    ///   pseudo-outputs in the base;
    /// * type 2: one Borromean signature per output, one base pseudo-output per MG, none in the
    ///   prunable part;
    /// * types 2..=5: one ecdhInfo per output;
    /// * type 1: one Borromean signature and one ecdhInfo per output, exactly one MG.
    ///
    /// # Errors
    /// [`Error::RctTypeUnsupported`] (type Null), [`Error::BulletproofCountInvalid`],
    /// [`Error::BulletproofTooSmall`], [`Error::RctCountMismatch`].
    pub fn check_semantics_counts(&self) -> Result<(), Error> {
        let p = &self.prunable;
        let n = self.out_pk.len();
        let ok = match self.rct_type {
            RctType::Null => return Err(Error::RctTypeUnsupported),
            RctType::Full => {
                p.range_sigs.len() == n && self.ecdh_info.len() == n && p.mgs.len() == 1
            }
            RctType::Simple => {
                p.range_sigs.len() == n
                    && self.pseudo_outs.len() == p.mgs.len()
                    && p.pseudo_outs.is_empty()
                    && self.ecdh_info.len() == n
            }
            ty => {
                let [bp] = p.bulletproofs.as_slice() else {
                    return Err(Error::BulletproofCountInvalid);
                };
                // n_bulletproof_amounts: 0 (mismatch) unless 2^(|L|-6) >= |V| > 2^(|L|-7).
                let max = bp.max_amounts();
                if max == 0 || n == 0 || n > max || n * 2 <= max {
                    return Err(Error::BulletproofTooSmall);
                }
                let sigs = if ty == RctType::Clsag {
                    p.mgs.is_empty() && p.pseudo_outs.len() == p.clsags.len()
                } else {
                    p.clsags.is_empty() && p.pseudo_outs.len() == p.mgs.len()
                };
                sigs && self.pseudo_outs.is_empty() && self.ecdh_info.len() == n
            }
        };
        if ok {
            Ok(())
        } else {
            Err(Error::RctCountMismatch)
        }
    }

    /// The balance check `Σ pseudoOuts == Σ outPk + fee·H` (compared as points, which is the
    /// reference's comparison of canonical encodings).
    ///
    /// # Errors
    /// [`Error::Crypto`] for an undecodable commitment, [`Error::RctBalanceMismatch`].
    pub fn check_balance(&self) -> Result<(), Error> {
        let mut outs = amount_times_h(self.txn_fee);
        for c in &self.out_pk {
            outs += &c.decompress()?;
        }
        let mut ins = Point::identity();
        for c in self.get_pseudo_outs() {
            ins += &c.decompress()?;
        }
        if ins != outs {
            return Err(Error::RctBalanceMismatch);
        }
        Ok(())
    }
}
