//! RingCT verification of CLSAG transactions, one at a time or batched.

use alloc::vec::Vec;

use super::types::Transaction;
use crate::Error;
use crate::bulletproof::Bulletproof;
use crate::commitment::Commitment;
use crate::prefix::TxVersion;
use crate::rct::{CtKey, RctType};

impl Transaction {
    /// Full RingCT verification of a CLSAG transaction against its rings (`mix_ring[i]` = the
    /// `(P, C)` of input `i`'s ring members, resolved from the chain via the key offsets):
    /// [`Transaction::expand`], [`RctSig::verify_semantics`](crate::rct::RctSig::verify_semantics) (counts, balance, bulletproof) and
    /// [`RctSig::verify_non_semantics`](crate::rct::RctSig::verify_non_semantics) (every CLSAG over the prefix-bound message).
    ///
    /// Consensus rules outside the signature (ring size 10, key-image order and subgroup, fee
    /// and output-count limits) are not checked here.
    ///
    /// # Errors
    /// The first failed check.
    pub fn verify_rct(&self, mix_ring: &[Vec<CtKey>]) -> Result<(), Error> {
        if self.prefix.version == TxVersion::V1 || self.rct.rct_type != RctType::Clsag {
            return Err(Error::RctTypeUnsupported);
        }
        self.verify_rct_without_bulletproof(mix_ring)?;
        // Counts and balance were checked above: only the range proof is left.
        let [bp] = self.rct.prunable.bulletproofs.as_slice() else {
            return Err(Error::BulletproofCountInvalid);
        };
        let commitments: Vec<Commitment> =
            self.rct.out_pk.iter().map(|c| Commitment(c.0)).collect();
        bp.verify(&commitments)
    }

    /// [`Transaction::verify_rct`] minus the bulletproof verification (for batching).
    fn verify_rct_without_bulletproof(&self, mix_ring: &[Vec<CtKey>]) -> Result<(), Error> {
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

/// Verifies many CLSAG transactions (each with its rings) as a node verifies a block or a pool
/// batch (reference `verRctSemanticsSimple` over a vector, then `verRctNonSemanticsSimple` per
/// transaction): every per-transaction check and CLSAG, and **one** batched multiscalar
/// verification of all the bulletproofs. With the `parallel` feature the transactions (and the
/// CLSAGs inside each) are checked on rayon's thread pool. Variable time (public data).
///
/// # Errors
/// `(index, error)` of a failing transaction (the lowest index among the failures found; if
/// only the combined bulletproof check fails, each proof is re-checked alone to name it).
pub fn verify_rct_batch(items: &[(&Transaction, &[Vec<CtKey>])]) -> Result<(), (usize, Error)> {
    let check = |(i, (tx, rings)): (usize, &(&Transaction, &[Vec<CtKey>]))| {
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

    let commitments: Vec<Vec<Commitment>> = items
        .iter()
        .map(|(tx, _)| tx.rct.out_pk.iter().map(|c| Commitment(c.0)).collect())
        .collect();
    let mut proofs = Vec::with_capacity(items.len());
    for ((tx, _), c) in items.iter().zip(&commitments) {
        // verify_rct_without_bulletproof checked there is exactly one.
        if let Some(bp) = tx.rct.prunable.bulletproofs.first() {
            proofs.push((bp, c.as_slice()));
        }
    }
    if Bulletproof::batch_verify(&proofs).is_ok() {
        return Ok(());
    }
    for (i, (bp, c)) in proofs.iter().enumerate() {
        bp.verify(c).map_err(|e| (i, e))?;
    }
    Err((0, Error::BulletproofVerification))
}
