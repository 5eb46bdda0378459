//! The rules of a block that no single transaction can break: no key image spent twice in the
//! block, no transaction twice, none already on chain. [`super::verify_block_for_node`] checks
//! them first, before any per-transaction work.

use alloc::collections::BTreeMap;

use super::chain::ChainState;
use super::node::check_not_on_chain;
use super::pending::PendingKeyImages;
use crate::Error;
use crate::prefix::TxIn;
use crate::transaction::Transaction;

/// Which transaction of a batch failed, and the check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("transaction {index}: {error}")]
pub struct BlockError {
    /// Index of the transaction in the slice given.
    pub index: usize,
    /// The failed check.
    pub error: Error,
}

/// The block's own rules, transaction by transaction in block order:
///
/// * a key image spent by an earlier transaction of the block: [`Error::KeyImageConflict`]
///   naming the input and the earlier transaction (oxen-core: `Blockchain::add_block` →
///   `BlockchainLMDB::add_spent_key` throws `KEY_IMAGE_EXISTS` for a key image already added,
///   and the block is refused);
/// * if that earlier transaction is this very transaction again, or a transaction without key
///   images (a state change) has the hash of an earlier one: [`Error::TransactionRepeated`]
///   (oxen-core: `handle_block_to_main_chain` takes each transaction out of the pool with
///   `take_tx`, which finds no second copy; `prepare_handle_incoming_blocks` refuses a
///   duplicate transaction);
/// * a key image twice inside one transaction: [`Error::DuplicateKeyImage`], the error of the
///   transaction's own check (`check_tx_inputs_keyimages_diff`).
///
/// Costs one ordered-map insertion per input (and a hash per transaction without inputs): it
/// runs before, and is negligible beside, the signatures and range proofs. Variable time
/// (public data).
///
/// Asks no chain: [`super::verify_block_for_node`] runs these rules with
/// [`ChainState::transaction_on_chain`] before each transaction's duplicate checks.
///
/// # Errors
/// [`BlockError`] with the index of the later transaction.
pub fn check_block_duplicates(txs: &[&Transaction]) -> Result<(), BlockError> {
    block_rules(txs, |_| Ok(()))
}

/// [`check_block_duplicates`] with, before each transaction's duplicate checks, the chain's
/// [`ChainState::transaction_on_chain`] ([`Error::TransactionOnChain`]), in oxen-core's order:
/// `handle_block_to_main_chain` asks `tx_exists` for each transaction in block order before
/// taking it out of the pool and checking its inputs. Costs a transaction hash per
/// transaction.
pub(super) fn check_block_rules<C: ChainState + ?Sized>(
    txs: &[&Transaction],
    chain: &C,
) -> Result<(), BlockError> {
    block_rules(txs, |tx| check_not_on_chain(tx, chain))
}

/// The block's rules, with `first` run on each transaction before its duplicate checks.
fn block_rules(
    txs: &[&Transaction],
    first: impl Fn(&Transaction) -> Result<(), Error>,
) -> Result<(), BlockError> {
    let mut spent = PendingKeyImages::new();
    let mut without_inputs: BTreeMap<[u8; 32], usize> = BTreeMap::new();
    for (index, tx) in txs.iter().enumerate() {
        let at = |error| BlockError { index, error };
        first(tx).map_err(at)?;
        if !tx
            .prefix
            .vin
            .iter()
            .any(|i| matches!(i, TxIn::ToKey { .. }))
        {
            // Nothing to collide on: compare the transaction hash. A transaction whose hash is
            // undefined is refused by its own checks.
            if let Ok(id) = tx.hash()
                && let Some(earlier) = without_inputs.insert(id, index)
            {
                return Err(at(Error::TransactionRepeated { earlier }));
            }
            continue;
        }
        match spent.insert(index, tx) {
            Err(Error::KeyImageConflict { earlier, .. })
                if txs.get(earlier).is_some_and(|e| *e == *tx) =>
            {
                return Err(at(Error::TransactionRepeated { earlier }));
            }
            Err(error) => return Err(at(error)),
            Ok(()) => {}
        }
    }
    Ok(())
}
