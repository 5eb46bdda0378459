//! The chain state a node checks and this crate cannot: the caller's side of the verdict.

use alloc::collections::BTreeMap;
use alloc::vec::Vec;

use crate::Error;
use crate::prefix::TxIn;
use crate::rct::CtKey;
use crate::transaction::{Transaction, relative_to_absolute_offsets};
use oxen_crypto::KeyImage;

/// What the node knows from its chain and this crate cannot: the caller implements it over its
/// database. Every rule here is checked by oxen-core's `Blockchain::check_tx_inputs` /
/// `check_tx_outputs` / the pool, and [`Transaction::verify_for_node`] calls it. Each reason a
/// key image cannot be spent is its own method and its own error, asked in the reference's
/// order: in the pool (before the hard-fork rules, as `tx_memory_pool::add_tx`), then per
/// input spent, ring, blacklisted, stake-locked (`check_tx_inputs`). Before all of them, right
/// after parsing, whether the chain already holds the transaction itself
/// ([`ChainState::transaction_on_chain`]).
pub trait ChainState {
    /// True when the chain already holds a transaction with this hash
    /// ([`Transaction::hash`]; oxen-core `BlockchainDB::tx_exists` through
    /// `Blockchain::have_tx`). Refused as [`Error::TransactionOnChain`], asked for every
    /// transaction before any other chain or consensus check: a block with such a
    /// transaction is refused (`Blockchain::handle_block_to_main_chain`, blockchain.cpp:5073,
    /// "attempting to add transaction already in blockchain", before `take_tx`), and the pool
    /// never adds one (`core::parse_incoming_txs` marks it `already_have`,
    /// cryptonote_core.cpp:1455). For a transaction with inputs [`ChainState::key_image_spent`]
    /// would refuse it later anyway; for one without (a service-node state change) this is the
    /// only rule that does.
    fn transaction_on_chain(&self, tx_hash: &[u8; 32]) -> bool;

    /// The ring of an input: `(P, C)` of the outputs of `amount` at the indices
    /// `absolute_offsets` among the outputs of that amount (from the input's relative key
    /// offsets), in that order, as oxen-core's `Blockchain::scan_outputkeys_for_indexes` reads
    /// them with `BlockchainDB::get_output_key(amount, absolute_offsets)`. The chain indexes
    /// outputs by amount: RingCT outputs (and the outputs of v2+ miner transactions) under
    /// amount 0 with their commitment, each pre-RingCT output under its own amount with the
    /// commitment `zeroCommit(amount)` ([`crate::commitment::zero_commit`]). `None` when an
    /// output does not exist under that amount, is still locked, or (from hf 16) is younger
    /// than 10 blocks (reference `check_tx_input`, `ENFORCE_MIN_AGE`).
    fn ring(&self, amount: u64, absolute_offsets: &[u64]) -> Option<Vec<CtKey>>;

    /// True when the key image is already spent on chain (`Blockchain::have_tx_keyimg_as_spent`;
    /// refused as [`Error::KeyImageSpent`]).
    fn key_image_spent(&self, key_image: &KeyImage) -> bool;

    /// True when the service-node network has blacklisted the key image (the key images of
    /// deregistered nodes' stakes: `service_node_list.get_blacklisted_key_images()`). Asked
    /// from hf 11 only, as `check_tx_inputs` does; refused as [`Error::KeyImageBlacklisted`].
    fn key_image_blacklisted(&self, key_image: &KeyImage) -> bool;

    /// True when the key image is locked in a service-node stake
    /// (`service_node_list.is_key_image_locked`). Asked from hf 11 only; refused as
    /// [`Error::KeyImageStakeLocked`].
    fn key_image_stake_locked(&self, key_image: &KeyImage) -> bool;

    /// True when a transaction already in the pool spends the key image
    /// (`tx_memory_pool::have_tx_keyimges_as_spent`; refused as [`Error::KeyImageInPool`]).
    /// Asked by [`Transaction::verify_for_node`] (pool admission) only, never by
    /// [`super::verify_block_for_node`]: a block's transactions come out of the pool
    /// (`take_tx`), and their conflicts with each other are the block's own rule. A caller
    /// keeping the pool's key images in memory can answer from a
    /// [`super::PendingKeyImages`].
    fn key_image_in_pool(&self, key_image: &KeyImage) -> bool;

    /// Everything else that needs the chain or the pool's policy: fee and weight, the RingCT
    /// type rules that depend on the block height (Borromean at the hf 10 block, CLSAG required
    /// 10 blocks into hf 16), ONS and state-change validation. Default: accept.
    ///
    /// # Errors
    /// Whatever the caller decides ([`Error::ChainPolicy`] when nothing more specific fits).
    fn check_policy(&self, tx: &Transaction) -> Result<(), Error> {
        let _ = tx;
        Ok(())
    }
}

/// Outputs known in advance (tests, replaying blocks whose chain context was checked
/// elsewhere), indexed as the chain indexes them: by amount, then by index among the outputs of
/// that amount. [`ChainState::ring`] returns the members at the input's offsets under the
/// input's amount, or `None` if one is missing; **no key image counts as spent, blacklisted,
/// locked or pooled, and no transaction as on chain**. A node implements [`ChainState`] over
/// its chain instead.
///
/// A later insertion at the same `(amount, index)` replaces the earlier one.
#[derive(Debug, Clone, Default)]
pub struct KnownRings(BTreeMap<(u64, u64), CtKey>);

impl KnownRings {
    /// The rings of `tx`'s inputs (`rings[input]` in input order) as RingCT outputs: each
    /// member under amount 0 at its input's absolute offset.
    #[must_use]
    pub fn for_tx(tx: &Transaction, rings: &[Vec<CtKey>]) -> Self {
        let mut known = Self::default();
        known.add_tx(tx, rings);
        known
    }

    /// Adds the rings of another transaction's inputs (for a block), as [`KnownRings::for_tx`].
    /// Inputs other than `txin_to_key` and members beyond the key offsets are skipped.
    pub fn add_tx(&mut self, tx: &Transaction, rings: &[Vec<CtKey>]) {
        for (vin, ring) in tx.prefix.vin.iter().zip(rings) {
            if let TxIn::ToKey { key_offsets, .. } = vin {
                let absolute = relative_to_absolute_offsets(key_offsets);
                for (index, member) in absolute.into_iter().zip(ring) {
                    self.insert(0, index, *member);
                }
            }
        }
    }

    /// Adds one output: `member` at `index` among the outputs of `amount`. For a pre-RingCT
    /// output (`amount != 0`) the chain's commitment is `zeroCommit(amount)`: pass
    /// `CtKey { dest, mask: zero_commit(amount).to_bytes().into() }`.
    pub fn insert(&mut self, amount: u64, index: u64, member: CtKey) {
        self.0.insert((amount, index), member);
    }
}

impl ChainState for KnownRings {
    fn transaction_on_chain(&self, _tx_hash: &[u8; 32]) -> bool {
        false
    }

    fn ring(&self, amount: u64, absolute_offsets: &[u64]) -> Option<Vec<CtKey>> {
        absolute_offsets
            .iter()
            .map(|index| self.0.get(&(amount, *index)).copied())
            .collect()
    }

    fn key_image_spent(&self, _key_image: &KeyImage) -> bool {
        false
    }

    fn key_image_blacklisted(&self, _key_image: &KeyImage) -> bool {
        false
    }

    fn key_image_stake_locked(&self, _key_image: &KeyImage) -> bool {
        false
    }

    fn key_image_in_pool(&self, _key_image: &KeyImage) -> bool {
        false
    }
}
