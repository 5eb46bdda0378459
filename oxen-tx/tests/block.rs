//! The block's own rules in [`verify_block_for_node`]: a key image spent twice in one block
//! (across or within transactions) and a transaction repeated in one block are refused, with
//! the later transaction's index and the earlier one it collides with, before any signature
//! or range proof is checked. Regression tests of issue 19 (both blocks passed before).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "support/builders.rs"]
mod builders;
#[path = "support/signers.rs"]
mod signers;

use builders::{Spend, bytes32, clsag_tx, clsag_tx_spending, spend};
use oxen_tx::Error;
use oxen_tx::consensus::{
    BlockError, ConsensusRules, KnownRings, PendingKeyImages, check_block_duplicates,
    verify_block_for_node,
};
use oxen_tx::prefix::{TxIn, TxType};
use oxen_tx::rct::CtKey;
use oxen_tx::transaction::Transaction;
use rand_chacha::ChaCha20Rng;
use rand_core::SeedableRng;

fn hf21() -> ConsensusRules {
    ConsensusRules::for_hf(21).unwrap()
}

type Built = (Transaction, Vec<Vec<CtKey>>, Vec<Spend>);

fn built(seed: u64) -> Built {
    let (tx, rings, spends, _) = clsag_tx(seed, 2, 2);
    (tx, rings, spends)
}

/// A transaction valid on its own that spends `shared` (already spent elsewhere) and one
/// fresh output: the double spend.
fn double_spend_of(shared: &Spend, seed: u64) -> Built {
    let mut rng = ChaCha20Rng::seed_from_u64(seed);
    let fresh = spend(&mut rng, 1_000_000_000, 10, 4);
    let (tx, rings, spends, _) = clsag_tx_spending(seed, vec![shared.clone(), fresh], 2);
    (tx, rings, spends)
}

fn known(all: &[&Built]) -> KnownRings {
    let mut known = KnownRings::default();
    for (tx, rings, _) in all {
        known.add_tx(tx, rings);
    }
    known
}

fn input_of(tx: &Transaction, key_image: [u8; 32]) -> usize {
    tx.key_images()
        .iter()
        .position(|k| k.0 == key_image)
        .unwrap()
}

#[test]
fn key_image_spent_in_two_transactions_is_refused() {
    let a = built(101);
    let f = built(102);
    let b = double_spend_of(&a.2[1], 103);
    let chain = known(&[&a, &f, &b]);
    // Each transaction alone is valid: the chain has not seen the key image.
    for (tx, _, _) in [&a, &f, &b] {
        assert_eq!(tx.verify_for_node(&hf21(), &chain), Ok(()));
    }
    let shared = a.2[1].key_image();
    let got = verify_block_for_node(&[&a.0, &f.0, &b.0], &hf21(), &chain);
    assert_eq!(
        got,
        Err(BlockError {
            index: 2,
            error: Error::KeyImageConflict {
                input: input_of(&b.0, shared),
                earlier: 0,
            },
        })
    );
    // In the other order the other transaction is the later one.
    let got = verify_block_for_node(&[&b.0, &f.0, &a.0], &hf21(), &chain);
    assert_eq!(
        got,
        Err(BlockError {
            index: 2,
            error: Error::KeyImageConflict {
                input: input_of(&a.0, shared),
                earlier: 0,
            },
        })
    );
}

#[test]
fn repeated_transaction_is_refused() {
    let a = built(111);
    let f = built(112);
    let chain = known(&[&a, &f]);
    let got = verify_block_for_node(&[&f.0, &a.0, &a.0], &hf21(), &chain);
    assert_eq!(
        got,
        Err(BlockError {
            index: 2,
            error: Error::TransactionRepeated { earlier: 1 },
        })
    );
}

/// A transaction without inputs (a service-node state change) has no key image to collide
/// on: its repetition is found by its hash.
#[test]
fn repeated_non_transfer_is_refused() {
    let a = built(121);
    let chain = known(&[&a]);
    let mut s = a.0.clone();
    s.prefix.tx_type = TxType::StateChange;
    s.prefix.vin.clear();
    s.prefix.vout.clear();
    s.prefix.output_unlock_times.clear();
    s.rct = oxen_tx::rct::RctSig::null();
    assert_eq!(s.verify_for_node(&hf21(), &chain), Ok(()));
    assert_eq!(verify_block_for_node(&[&s, &a.0], &hf21(), &chain), Ok(()));
    assert_eq!(
        verify_block_for_node(&[&s, &a.0, &s], &hf21(), &chain),
        Err(BlockError {
            index: 2,
            error: Error::TransactionRepeated { earlier: 0 },
        })
    );
}

/// The in-block checks run first: a block whose first transaction has a bad signature and
/// whose third double-spends is refused for the double spend, before any CLSAG is verified.
#[test]
fn in_block_checks_run_before_signatures() {
    let mut a = built(131);
    let f = built(132);
    let b = double_spend_of(&a.2[0], 133);
    let chain = known(&[&a, &f, &b]);
    builders::flip_clsag_bit(&mut a.0.rct.prunable.clsags[1]);
    assert!(matches!(
        a.0.verify_for_node(&hf21(), &chain),
        Err(Error::ClsagInvalid { input: 1, .. })
    ));
    let got = verify_block_for_node(&[&a.0, &f.0, &b.0], &hf21(), &chain);
    assert_eq!(
        got,
        Err(BlockError {
            index: 2,
            error: Error::KeyImageConflict {
                input: input_of(&b.0, a.2[0].key_image()),
                earlier: 0,
            },
        })
    );
}

/// A key image used twice inside one transaction: the block names the transaction and both
/// inputs, with the error of the single-transaction call.
#[test]
fn key_image_twice_within_a_transaction() {
    let f = built(141);
    let mut t = built(142);
    let k0 = bytes32(&t.0.key_images()[0]);
    if let TxIn::ToKey { key_image, .. } = &mut t.0.prefix.vin[1] {
        *key_image = k0.into();
    }
    let chain = known(&[&f, &t]);
    let single = Error::DuplicateKeyImage {
        first: 0,
        second: 1,
    };
    assert_eq!(t.0.verify_for_node(&hf21(), &chain), Err(single));
    assert_eq!(
        verify_block_for_node(&[&f.0, &t.0], &hf21(), &chain),
        Err(BlockError {
            index: 1,
            error: single
        })
    );
}

/// The mempool helper gives the block's error for a transaction that conflicts with the
/// pending key images, records nothing on failure, and forgets a removed transaction.
#[test]
fn pending_key_images_refuse_a_conflicting_transaction() {
    let a = built(151);
    let f = built(152);
    let b = double_spend_of(&a.2[1], 153);
    let mut pool = PendingKeyImages::new();
    assert!(pool.is_empty());
    pool.insert(7, &a.0).unwrap();
    pool.insert(8, &f.0).unwrap();
    assert_eq!(pool.len(), 4);
    assert_eq!(pool.position_of(&a.0.key_images()[1]), Some(7));
    let shared = input_of(&b.0, a.2[1].key_image());
    let conflict = Error::KeyImageConflict {
        input: shared,
        earlier: 7,
    };
    assert_eq!(pool.check(&b.0), Err(conflict));
    assert_eq!(pool.insert(9, &b.0), Err(conflict));
    assert_eq!(pool.len(), 4, "a refused transaction records nothing");
    // The same error as the block's (there the position is the block index).
    assert_eq!(
        check_block_duplicates(&[&a.0, &b.0]),
        Err(BlockError {
            index: 1,
            error: Error::KeyImageConflict {
                input: shared,
                earlier: 0
            }
        })
    );
    // Once `a` leaves the pool, `b` may enter.
    pool.remove(&a.0);
    assert_eq!(pool.position_of(&a.0.key_images()[1]), None);
    pool.insert(9, &b.0).unwrap();
    assert_eq!(pool.len(), 4);
    // A key image twice in one transaction: the transaction's own error.
    let mut t = built(154).0;
    let k0 = bytes32(&t.key_images()[0]);
    if let TxIn::ToKey { key_image, .. } = &mut t.prefix.vin[1] {
        *key_image = k0.into();
    }
    assert_eq!(
        PendingKeyImages::new().check(&t),
        Err(Error::DuplicateKeyImage {
            first: 0,
            second: 1
        })
    );
}
