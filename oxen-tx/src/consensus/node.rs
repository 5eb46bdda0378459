//! The node's entry point: every check oxen-core runs on a RingCT transaction before it enters
//! the pool or a block, in one call.

use alloc::vec::Vec;

use super::chain::ChainState;
use super::hard_fork::{ConsensusRules, check_hard_fork_rules};
use super::inputs::to_key_with_amount;
use super::inputs::{
    check_input_count, check_input_types, check_key_images_distinct,
    check_key_images_in_prime_subgroup, check_ring_members_distinct, check_ring_shape,
};
use super::outputs::{check_bulletproof_layout, check_outputs};
use super::rings::check_expanded_rings;
use super::rings::expand_rings;
use crate::Error;
use crate::prefix::TxIn;
use crate::rct::{CtKey, RctType};
use crate::transaction::{Transaction, relative_to_absolute_offsets};

/// Where the transaction goes: the pool (its key images checked against the pool's) or a
/// block (whose transactions come out of the pool).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Admission {
    /// [`Transaction::verify_for_node`]: pool admission.
    Pool,
    /// [`super::verify_block_for_node`].
    Block,
}

/// A transaction that passed every check except its range proofs and signatures, with what
/// those need (the batch verifies many of them at once).
pub(super) struct Prepared {
    /// The rings, `[input][member]`, from the caller's chain.
    pub(super) rings: Vec<Vec<CtKey>>,
    /// The transaction prefix hash (`rv.message`).
    pub(super) prefix_hash: [u8; 32],
}

impl Transaction {
    /// **The node's verdict** on a RingCT transaction (types 1..=5): `Ok` iff oxen-core would
    /// accept it into its pool at hard fork [`ConsensusRules::hf_version`], given the chain
    /// and pool state the caller supplies through `chain`. Variable time (public data). A
    /// block's transactions go through [`super::verify_block_for_node`] instead (no pool
    /// rule; the block's own rules).
    ///
    /// Runs, cheapest first (the verdict is the AND of all; the error is the first failure in
    /// this order): parse admission ([`Transaction::expand`], incl. decoding every `outPk` of
    /// the Bulletproof types); a transaction the chain already holds
    /// ([`ChainState::transaction_on_chain`]); the `check_tx_semantic` input and output checks
    /// ([`super::check_input_count`], [`super::check_input_types`], [`super::check_outputs`],
    /// [`super::check_key_images_distinct`], [`super::check_ring_members_distinct`],
    /// [`super::check_key_images_in_prime_subgroup`]); pool conflicts
    /// ([`ChainState::key_image_in_pool`]); the hard-fork rules
    /// ([`super::check_hard_fork_rules`]); the ring shape ([`super::check_ring_shape`]); chain
    /// state per input ([`ChainState::key_image_spent`], [`ChainState::ring`] under the input's
    /// amount, from hf 11 [`ChainState::key_image_blacklisted`] and
    /// [`ChainState::key_image_stake_locked`]); the Bulletproof layout,
    /// signature counts and balance; [`super::expand_rings`]; the range proofs
    /// (Bulletproof or Borromean); every CLSAG/MLSAG ([`crate::rct::RctSig::verify_non_semantics`]);
    /// finally [`ChainState::check_policy`] (fee, weight, height-dependent rules).
    ///
    /// Not for miner transactions (their `txin_gen` input is rejected as by
    /// `check_inputs_types_supported`; oxen-core validates them separately).
    ///
    /// # Errors
    /// The typed error of the first failed check (see the [`crate::consensus`] table).
    pub fn verify_for_node<C: ChainState + ?Sized>(
        &self,
        rules: &ConsensusRules,
        chain: &C,
    ) -> Result<(), Error> {
        let prepared = self.prepare_for_node(rules, chain, Admission::Pool)?;
        if prepared.rings.is_empty() {
            // A non-transfer (no inputs, no outputs): nothing signed.
            return chain.check_policy(self);
        }
        self.rct.verify_range_proofs()?;
        self.rct.verify_non_semantics(
            &prepared.prefix_hash,
            self.prefix.vin.len(),
            &prepared.rings,
            &self.key_images(),
        )?;
        chain.check_policy(self)
    }

    /// Everything in [`Transaction::verify_for_node`] before the range proofs (for a block,
    /// without the pool's rule).
    pub(super) fn prepare_for_node<C: ChainState + ?Sized>(
        &self,
        rules: &ConsensusRules,
        chain: &C,
        admission: Admission,
    ) -> Result<Prepared, Error> {
        self.expand()?;
        if admission == Admission::Pool {
            // `core::parse_incoming_txs`: a transaction the chain holds is never added, checked
            // right after parsing. (A block asks this in its own rules, before `take_tx`.) A
            // transaction without a hash is refused by the input checks below.
            check_not_on_chain(self, chain)?;
        }
        check_input_count(self)?;
        check_input_types(self)?;
        check_outputs(self)?;
        check_key_images_distinct(self)?;
        check_ring_members_distinct(self)?;
        check_key_images_in_prime_subgroup(self)?;
        // The semantic batch (`parse_incoming_tx_accumulated_batch`) rejects a transfer
        // without RingCT data before any chain rule runs.
        if self.prefix.tx_type.is_transfer() && self.rct.rct_type == RctType::Null {
            return Err(Error::RctTypeNullOnTransfer);
        }
        if admission == Admission::Pool {
            // `tx_memory_pool::add_tx`: a key image a pool transaction spends, before
            // `check_tx_outputs` and `check_tx_inputs`.
            for (input, vin) in self.prefix.vin.iter().enumerate() {
                if let TxIn::ToKey { key_image, .. } = vin
                    && chain.key_image_in_pool(key_image)
                {
                    return Err(Error::KeyImageInPool { input });
                }
            }
        }
        check_hard_fork_rules(self, rules)?;
        check_ring_shape(self, rules)?;
        if !self.prefix.tx_type.is_transfer() {
            // No inputs, no outputs (checked above): nothing to sign. The fee must be 0.
            return if self.rct.txn_fee == 0 {
                Ok(Prepared {
                    rings: Vec::new(),
                    prefix_hash: self.prefix_hash()?,
                })
            } else {
                Err(Error::NonTransferWithFee)
            };
        }
        let mut rings = Vec::with_capacity(self.prefix.vin.len());
        for input in 0..self.prefix.vin.len() {
            let (amount, offsets, key_image) = to_key_with_amount(self, input)?;
            if chain.key_image_spent(key_image) {
                return Err(Error::KeyImageSpent { input });
            }
            // `scan_outputkeys_for_indexes`: the ring is looked up under the input's amount.
            let absolute = relative_to_absolute_offsets(offsets);
            match chain.ring(amount, &absolute) {
                Some(ring) if ring.len() == offsets.len() => rings.push(ring),
                _ if amount != 0 => return Err(Error::RingUnavailableAtAmount { input, amount }),
                _ => return Err(Error::RingUnavailable { input }),
            }
            // The service-node checks of `check_tx_inputs`, from hf 11 (`hf11_infinite_staking`).
            if rules.hf_version() >= 11 {
                if chain.key_image_blacklisted(key_image) {
                    return Err(Error::KeyImageBlacklisted { input });
                }
                if chain.key_image_stake_locked(key_image) {
                    return Err(Error::KeyImageStakeLocked { input });
                }
            }
        }
        check_bulletproof_layout(self)?;
        self.rct.check_semantics_without_range_proofs()?;
        expand_rings(self, &rings)?;
        check_expanded_rings(self, &rings)?;
        Ok(Prepared {
            rings,
            prefix_hash: self.prefix_hash()?,
        })
    }
}

/// [`ChainState::transaction_on_chain`] for `tx`'s hash; nothing to ask when the hash is
/// undefined (such a transaction fails its own checks).
pub(super) fn check_not_on_chain<C: ChainState + ?Sized>(
    tx: &Transaction,
    chain: &C,
) -> Result<(), Error> {
    match tx.hash() {
        Ok(id) if chain.transaction_on_chain(&id) => Err(Error::TransactionOnChain),
        _ => Ok(()),
    }
}

/// Parses `blob` and gives the node's verdict on it ([`Transaction::from_bytes`] then
/// [`Transaction::verify_for_node`]); returns the transaction when it is accepted.
///
/// # Errors
/// A parse error, or as [`Transaction::verify_for_node`].
pub fn verify_blob_for_node<C: ChainState + ?Sized>(
    blob: &[u8],
    rules: &ConsensusRules,
    chain: &C,
) -> Result<Transaction, Error> {
    let tx = Transaction::from_bytes(blob)?;
    tx.verify_for_node(rules, chain)?;
    Ok(tx)
}
