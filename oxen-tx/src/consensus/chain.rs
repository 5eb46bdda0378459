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
/// `check_tx_outputs` / the pool, and [`Transaction::verify_for_node`] calls it.
pub trait ChainState {
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

    /// True when the key image is already spent on chain (`have_tx_keyimg_as_spent`), or (from
    /// hf 11) blacklisted or locked in a stake by the service-node list.
    fn key_image_spent(&self, key_image: &KeyImage) -> bool;

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
/// locked or pooled**. A node implements [`ChainState`] over its chain instead.
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
    fn ring(&self, amount: u64, absolute_offsets: &[u64]) -> Option<Vec<CtKey>> {
        absolute_offsets
            .iter()
            .map(|index| self.0.get(&(amount, *index)).copied())
            .collect()
    }

    fn key_image_spent(&self, _key_image: &KeyImage) -> bool {
        false
    }
}
