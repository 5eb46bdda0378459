//! The chain state a node checks and this crate cannot: the caller's side of the verdict.

use alloc::collections::BTreeMap;
use alloc::vec::Vec;

use crate::Error;
use crate::rct::CtKey;
use crate::transaction::Transaction;
use oxen_crypto::KeyImage;

/// What the node knows from its chain and this crate cannot: the caller implements it over its
/// database. Every rule here is checked by oxen-core's `Blockchain::check_tx_inputs` /
/// `check_tx_outputs` / the pool, and [`Transaction::verify_for_node`] calls it.
pub trait ChainState {
    /// The ring of the input spending `key_image`: `(P, C)` of the outputs at the absolute
    /// global indices `absolute_offsets` (from the input's relative key offsets), in that
    /// order. `None` when an output does not exist, is still locked, or (from hf 16) is younger
    /// than 10 blocks (reference `check_tx_input`, `ENFORCE_MIN_AGE`).
    fn ring(&self, key_image: &KeyImage, absolute_offsets: &[u64]) -> Option<Vec<CtKey>>;

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

/// Rings known in advance, by key image (tests, replaying blocks whose chain context was
/// checked elsewhere): [`ChainState::ring`] returns the ring recorded for the key image
/// whatever the offsets, and **no key image counts as spent**. A node implements
/// [`ChainState`] over its chain instead.
#[derive(Debug, Clone, Default)]
pub struct KnownRings(BTreeMap<[u8; 32], Vec<CtKey>>);

impl KnownRings {
    /// The rings of `tx`'s inputs, `rings[input]` in input order.
    #[must_use]
    pub fn for_tx(tx: &Transaction, rings: &[Vec<CtKey>]) -> Self {
        let mut known = Self::default();
        known.add_tx(tx, rings);
        known
    }

    /// Adds the rings of another transaction's inputs (for a block).
    pub fn add_tx(&mut self, tx: &Transaction, rings: &[Vec<CtKey>]) {
        for (ki, ring) in tx.key_images().iter().zip(rings) {
            self.0.insert(ki.0, ring.clone());
        }
    }
}

impl ChainState for KnownRings {
    fn ring(&self, key_image: &KeyImage, _absolute_offsets: &[u64]) -> Option<Vec<CtKey>> {
        self.0.get(&key_image.0).cloned()
    }

    fn key_image_spent(&self, _key_image: &KeyImage) -> bool {
        false
    }
}
