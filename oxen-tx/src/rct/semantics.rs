//! The semantic checks of a RingCT signature: counts, balance and the range proof (reference
//! `verRctSemanticsSimple`).

use alloc::vec::Vec;

use oxen_crypto::Point;

use super::types::{RctSig, RctType};
use crate::Error;
use crate::commitment::{Commitment, amount_times_h};

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
        let commitments: Vec<Commitment> = self.out_pk.iter().map(|c| Commitment(c.0)).collect();
        bp.verify(&commitments)
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
