//! A block's worth of transactions at once: the node's verdict on each, with every Bulletproof
//! of every transaction in ONE multiscalar multiplication and the signatures in parallel.

use alloc::vec::Vec;

use super::block::{BlockError, check_block_rules};
use super::chain::ChainState;
use super::hard_fork::ConsensusRules;
use super::node::{Admission, Prepared};
use crate::Error;
use crate::bulletproof::Bulletproof;
use crate::commitment::Commitment;
use crate::transaction::Transaction;

/// One unit of parallel work: a range proof or a signature of transaction `index`.
#[derive(Clone, Copy)]
enum Job {
    /// Borromean range signature of output `output`.
    Borromean { index: usize, output: usize },
    /// All signatures of the transaction (one CLSAG/MLSAG per input, or the type-1 MLSAG).
    Signatures { index: usize },
}

/// The node's verdict on the transactions of a block: `Ok` iff no key image is spent twice,
/// no transaction repeats in the block and none is already on chain, and
/// [`Transaction::verify_for_node`] accepts every one except for its pool rule
/// ([`ChainState::key_image_in_pool`] is not asked: a block's transactions come out of the
/// pool); computed faster than one call each:
///
/// 0. the block's own rules, transaction by transaction in block order, before any other
///    per-transaction work: the transaction is not on chain
///    ([`ChainState::transaction_on_chain`]), then [`super::check_block_duplicates`] (key
///    images spent twice, across or within transactions, and repeated transactions);
/// 1. the cheap checks of every transaction (admission, consensus input rules, chain state,
///    counts, balance, ring expansion), in order;
/// 2. then, concurrently: ONE batched multiscalar verification of every Bulletproof of every
///    transaction (oxen-core's `verRctSemanticsSimple` over a vector), and every Borromean
///    range signature and CLSAG/MLSAG (with the `parallel` feature on rayon's pool, so the
///    caller's pool size decides the threads);
/// 3. [`ChainState::check_policy`] of each.
///
/// If the combined Bulletproof check fails, the batch is bisected (each half one
/// multiscalar multiplication) down to the lowest failing transaction, instead of verifying
/// every proof alone. Variable time.
///
/// For a batch of pool candidates that may conflict with each other, admit them one by one
/// through [`super::PendingKeyImages`] instead: this function refuses the whole batch.
///
/// # Errors
/// The first failing step's [`BlockError`]: step 0 names the transaction already on chain or
/// the later transaction of the colliding pair, whichever comes first in block order; the
/// other steps give the lowest index among the failures found and its check.
pub fn verify_block_for_node<C: ChainState + Sync + ?Sized>(
    txs: &[&Transaction],
    rules: &ConsensusRules,
    chain: &C,
) -> Result<(), BlockError> {
    check_block_rules(txs, chain)?;
    let at = |index: usize| move |error: Error| BlockError { index, error };
    let prepare = |(index, tx): (usize, &&Transaction)| {
        tx.prepare_for_node(rules, chain, Admission::Block)
            .map_err(at(index))
    };
    #[cfg(feature = "parallel")]
    let prepared: Result<Vec<Prepared>, BlockError> = {
        use rayon::prelude::*;
        // Every transaction is prepared; the first failure in index order is reported.
        let all: Vec<Result<Prepared, BlockError>> =
            txs.par_iter().enumerate().map(prepare).collect();
        all.into_iter().collect()
    };
    #[cfg(not(feature = "parallel"))]
    let prepared: Result<Vec<Prepared>, BlockError> = txs.iter().enumerate().map(prepare).collect();
    let prepared = prepared?;
    let commitments: Vec<Vec<Commitment>> = txs
        .iter()
        .map(|tx| tx.rct.out_pk.iter().map(|c| Commitment(c.0)).collect())
        .collect();
    // (transaction index, proof, its commitments)
    let proofs: Vec<(usize, &Bulletproof, &[Commitment])> = txs
        .iter()
        .zip(&commitments)
        .enumerate()
        .flat_map(|(i, (tx, c))| {
            tx.rct
                .prunable
                .bulletproofs
                .iter()
                .map(move |bp| (i, bp, c.as_slice()))
        })
        .collect();
    let mut jobs = Vec::new();
    for (index, tx) in txs.iter().enumerate() {
        for output in 0..tx.rct.prunable.range_sigs.len() {
            jobs.push(Job::Borromean { index, output });
        }
        if prepared.get(index).is_some_and(|p| !p.rings.is_empty()) {
            jobs.push(Job::Signatures { index });
        }
    }
    let run = |job: &Job| -> Result<(), BlockError> {
        match *job {
            Job::Borromean { index, output } => txs
                .get(index)
                .ok_or(Error::RctCountMismatch)
                .and_then(|tx| tx.rct.verify_range_sig(output))
                .map_err(at(index)),
            Job::Signatures { index } => match (txs.get(index), prepared.get(index)) {
                (Some(tx), Some(p)) => tx
                    .rct
                    .verify_non_semantics(
                        &p.prefix_hash,
                        tx.prefix.vin.len(),
                        &p.rings,
                        &tx.key_images(),
                    )
                    .map_err(at(index)),
                _ => Err(at(index)(Error::RctCountMismatch)),
            },
        }
    };
    let lowest = |a: Option<BlockError>, b: Option<BlockError>| match (a, b) {
        (Some(x), Some(y)) => Some(if y.index < x.index { y } else { x }),
        (x, y) => x.or(y),
    };
    #[cfg(feature = "parallel")]
    let (bp_err, job_err) = {
        use rayon::prelude::*;
        rayon::join(
            || bulletproofs_lowest_failure(&proofs),
            || {
                jobs.par_iter()
                    .filter_map(|j| run(j).err())
                    .reduce_with(|a, b| if b.index < a.index { b } else { a })
            },
        )
    };
    #[cfg(not(feature = "parallel"))]
    let (bp_err, job_err) = (
        bulletproofs_lowest_failure(&proofs),
        jobs.iter()
            .filter_map(|j| run(j).err())
            .reduce(|a, b| if b.index < a.index { b } else { a }),
    );
    if let Some(e) = lowest(bp_err, job_err) {
        return Err(e);
    }
    for (index, tx) in txs.iter().enumerate() {
        chain.check_policy(tx).map_err(at(index))?;
    }
    Ok(())
}

/// Verifies all proofs in one multiscalar multiplication; on failure bisects to the lowest
/// failing transaction (each step one batched check of a half).
fn bulletproofs_lowest_failure(
    proofs: &[(usize, &Bulletproof, &[Commitment])],
) -> Option<BlockError> {
    let batch = |part: &[(usize, &Bulletproof, &[Commitment])]| {
        let items: Vec<(&Bulletproof, &[Commitment])> =
            part.iter().map(|(_, bp, c)| (*bp, *c)).collect();
        Bulletproof::batch_verify(&items)
    };
    if batch(proofs).is_ok() {
        return None;
    }
    // Invariant: `part` fails. If its left half passes, the right half fails (a batch of
    // valid proofs is valid), so each step costs one batched check of half the proofs.
    let mut part = proofs;
    while part.len() > 1 {
        let (left, right) = part.split_at(part.len() / 2);
        part = if batch(left).is_err() { left } else { right };
    }
    let (index, bp, c) = part.first()?;
    let error = bp.verify(c).err().unwrap_or(Error::BulletproofVerification);
    Some(BlockError {
        index: *index,
        error,
    })
}
