//! Key images of transactions that are accepted but not yet on chain: the transactions of one
//! block, or a node's pool. A key image may be spent once among them (oxen-core: the pool's
//! `m_spent_key_images` and `tx_memory_pool::have_tx_keyimges_as_spent`; for a block,
//! `BlockchainLMDB::add_spent_key`, which refuses a key image already added).

use alloc::collections::BTreeMap;

use crate::Error;
use crate::prefix::TxIn;
use crate::transaction::Transaction;
use oxen_crypto::KeyImage;

/// The key images of pending transactions, each with the position of the transaction that
/// spends it (its index in a block, or any number the caller gives a pool transaction).
///
/// The mempool helper: [`PendingKeyImages::insert`] refuses a transaction that spends a key
/// image already pending with [`Error::KeyImageConflict`], the error
/// [`super::verify_block_for_node`] gives for two transactions of one block. Public data only;
/// lookups are variable time.
///
/// ```
/// use oxen_tx::Error;
/// use oxen_tx::consensus::PendingKeyImages;
/// use oxen_tx::prefix::{TxIn, TxType, TxVersion};
/// use oxen_tx::rct::RctSig;
/// use oxen_tx::transaction::{Transaction, TransactionPrefix};
///
/// // Transactions spending the given key images (only the inputs matter here).
/// let spending = |images: &[[u8; 32]]| Transaction {
///     prefix: TransactionPrefix {
///         version: TxVersion::V4,
///         tx_type: TxType::Standard,
///         unlock_time: 0,
///         output_unlock_times: vec![],
///         vin: images
///             .iter()
///             .map(|k| TxIn::ToKey { amount: 0, key_offsets: vec![1], key_image: (*k).into() })
///             .collect(),
///         vout: vec![],
///         extra: vec![],
///     },
///     signatures: vec![],
///     rct: RctSig::null(),
/// };
/// let (a, b) = (spending(&[[9; 32], [7; 32]]), spending(&[[8; 32], [7; 32]]));
///
/// let mut pool = PendingKeyImages::new();
/// pool.insert(0, &a)?; // accepted: its key images are pending under position 0
/// assert_eq!(pool.check(&b), Err(Error::KeyImageConflict { input: 1, earlier: 0 }));
/// pool.remove(&a); // `a` was mined or dropped
/// pool.insert(1, &b)?;
/// # Ok::<(), Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PendingKeyImages(BTreeMap<[u8; 32], usize>);

impl PendingKeyImages {
    /// An empty set.
    #[must_use]
    pub const fn new() -> Self {
        Self(BTreeMap::new())
    }

    /// Whether `tx` may join: none of its key images is pending, and none appears twice in
    /// `tx` itself. Inputs other than `txin_to_key` are skipped (the node's checks refuse them).
    ///
    /// # Errors
    /// For the first input that fails, in input order: [`Error::KeyImageConflict`] (naming the
    /// position of the pending transaction), [`Error::DuplicateKeyImage`] (naming both inputs,
    /// as [`super::check_key_images_distinct`]).
    pub fn check(&self, tx: &Transaction) -> Result<(), Error> {
        let mut own = BTreeMap::new();
        for (input, key_image) in key_images(tx) {
            if let Some(&earlier) = self.0.get(&key_image.0) {
                return Err(Error::KeyImageConflict { input, earlier });
            }
            if let Some(first) = own.insert(key_image.0, input) {
                return Err(Error::DuplicateKeyImage {
                    first,
                    second: input,
                });
            }
        }
        Ok(())
    }

    /// [`PendingKeyImages::check`], then records `tx`'s key images under `position`. On error
    /// nothing is recorded.
    ///
    /// # Errors
    /// As [`PendingKeyImages::check`].
    pub fn insert(&mut self, position: usize, tx: &Transaction) -> Result<(), Error> {
        self.check(tx)?;
        for (_, key_image) in key_images(tx) {
            self.0.insert(key_image.0, position);
        }
        Ok(())
    }

    /// Forgets `tx`'s key images (it was mined, or dropped from the pool).
    pub fn remove(&mut self, tx: &Transaction) {
        for (_, key_image) in key_images(tx) {
            self.0.remove(&key_image.0);
        }
    }

    /// The position of the pending transaction that spends `key_image`.
    #[must_use]
    pub fn position_of(&self, key_image: &KeyImage) -> Option<usize> {
        self.0.get(&key_image.0).copied()
    }

    /// Number of pending key images.
    #[must_use]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// No key image pending.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// `(input index, key image)` of every `txin_to_key` input.
fn key_images(tx: &Transaction) -> impl Iterator<Item = (usize, &KeyImage)> {
    tx.prefix
        .vin
        .iter()
        .enumerate()
        .filter_map(|(i, vin)| match vin {
            TxIn::ToKey { key_image, .. } => Some((i, key_image)),
            _ => None,
        })
}
