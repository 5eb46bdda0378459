//! RingCT verification without the consensus rules around it (every RingCT type), one at a
//! time or batched. A node calls [`Transaction::verify_for_node`] instead.

use alloc::vec::Vec;

use super::types::Transaction;
use crate::Error;
use crate::bulletproof::Bulletproof;
use crate::commitment::Commitment;
use crate::prefix::TxVersion;
use crate::rct::{CtKey, RctType};

impl Transaction {
    /// RingCT verification ONLY, every type 1..=5, against the rings (`mix_ring[i]` = the
    /// `(P, C)` of input `i`'s ring members, resolved from the chain via the key offsets):
    /// parse admission ([`Transaction::expand`]),
    /// [`RctSig::verify_semantics`](crate::rct::RctSig::verify_semantics) (counts, balance,
    /// range proofs) and
    /// [`RctSig::verify_non_semantics`](crate::rct::RctSig::verify_non_semantics) (every CLSAG
    /// or MLSAG over the prefix-bound message). Variable time.
    ///
    /// **Not a node's verdict**: the consensus rules around the signatures are NOT checked
    /// (a key image with a torsion component, a key image twice, a ring member twice, ring
    /// size, input order, the hard fork's versions and types), nor any chain state (spent key
    /// images, whether the ring members exist). Use [`Transaction::verify_for_node`].
    ///
    /// # Errors
    /// The first failed check.
    pub fn verify_ringct_only(&self, mix_ring: &[Vec<CtKey>]) -> Result<(), Error> {
        self.verify_ringct_only_without_range_proofs(mix_ring)?;
        self.rct.verify_range_proofs()
    }

    /// The former name of [`Transaction::verify_ringct_only`], which is not a full verification.
    ///
    /// # Errors
    /// As [`Transaction::verify_ringct_only`].
    #[deprecated(
        since = "0.1.0",
        note = "checks RingCT only: use `verify_for_node` for a node's verdict, or `verify_ringct_only`"
    )]
    pub fn verify_rct(&self, mix_ring: &[Vec<CtKey>]) -> Result<(), Error> {
        self.verify_ringct_only(mix_ring)
    }

    /// [`Transaction::verify_ringct_only`] minus the range proofs (for batching).
    fn verify_ringct_only_without_range_proofs(
        &self,
        mix_ring: &[Vec<CtKey>],
    ) -> Result<(), Error> {
        if self.prefix.version == TxVersion::V1 || self.rct.rct_type == RctType::Null {
            return Err(Error::RctTypeUnsupported);
        }
        self.expand()?;
        self.rct.check_semantics_without_range_proofs()?;
        let message = self.prefix_hash()?;
        self.rct.verify_non_semantics(
            &message,
            self.prefix.vin.len(),
            mix_ring,
            &self.key_images(),
        )
    }
}

/// [`Transaction::verify_ringct_only`] for many transactions (each with its rings): every
/// per-transaction check and signature, **one** batched multiscalar verification of all the
/// Bulletproofs, every Borromean signature. With the `parallel` feature the transactions (and
/// the signatures inside each) are checked on rayon's thread pool. Variable time.
///
/// Like [`Transaction::verify_ringct_only`], not a node's verdict: see
/// [`crate::consensus::verify_block_for_node`].
///
/// # Errors
/// `(index, error)` of a failing transaction (the lowest index among the failures found; if
/// only the combined bulletproof check fails, each proof is re-checked alone to name it).
pub fn verify_ringct_only_batch(
    items: &[(&Transaction, &[Vec<CtKey>])],
) -> Result<(), (usize, Error)> {
    let check = |(i, (tx, rings)): (usize, &(&Transaction, &[Vec<CtKey>]))| {
        tx.verify_ringct_only_without_range_proofs(rings)
            .and_then(|()| {
                if tx.rct.rct_type.is_bulletproof() {
                    Ok(())
                } else {
                    tx.rct.verify_range_proofs()
                }
            })
            .map_err(|e| (i, e))
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
    for (i, ((tx, _), c)) in items.iter().zip(&commitments).enumerate() {
        // The counts were checked above: exactly one per Bulletproof-type transaction.
        if let Some(bp) = tx.rct.prunable.bulletproofs.first() {
            proofs.push((i, bp, c.as_slice()));
        }
    }
    let pairs: Vec<(&Bulletproof, &[Commitment])> =
        proofs.iter().map(|(_, bp, c)| (*bp, *c)).collect();
    if Bulletproof::batch_verify(&pairs).is_ok() {
        return Ok(());
    }
    for (i, bp, c) in &proofs {
        bp.verify(c).map_err(|e| (*i, e))?;
    }
    Err((0, Error::BulletproofVerification))
}

/// The former name of [`verify_ringct_only_batch`], which is not a node's verdict.
///
/// # Errors
/// As [`verify_ringct_only_batch`].
#[deprecated(
    since = "0.1.0",
    note = "checks RingCT only: use `consensus::verify_block_for_node` for a node's verdict, or `verify_ringct_only_batch`"
)]
pub fn verify_rct_batch(items: &[(&Transaction, &[Vec<CtKey>])]) -> Result<(), (usize, Error)> {
    verify_ringct_only_batch(items)
}
