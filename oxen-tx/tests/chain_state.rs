//! The caller's chain state ([`ChainState`]): each reason a key image cannot be spent is its
//! own error, asked in oxen-core's order (the transaction on chain first; pool before the
//! hard-fork rules; per input spent, ring, then from hf 11 blacklisted and stake-locked); the
//! pool is asked at pool admission only; the rules are built only through validating
//! constructors.
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

use builders::{bytes32, clsag_tx, mlsag_tx, spends_for};
use oxen_crypto::KeyImage;
use oxen_tx::Error;
use oxen_tx::consensus::{
    BlockError, ChainState, ConsensusRules, KnownRings, MIN_TEST_RING_SIZE, verify_block_for_node,
};
use oxen_tx::prefix::TxIn;
use oxen_tx::rct::{CtKey, RctType};
use oxen_tx::transaction::{Transaction, relative_to_absolute_offsets};
use rand_chacha::ChaCha20Rng;
use rand_core::SeedableRng;

/// A chain (and pool) where chosen key images are unusable for a chosen reason and one output
/// (by its index) is missing.
#[derive(Default, Clone)]
struct Chain {
    known: KnownRings,
    /// Hashes of the transactions the chain holds.
    on_chain: Vec<[u8; 32]>,
    spent: Option<[u8; 32]>,
    blacklisted: Option<[u8; 32]>,
    locked: Option<[u8; 32]>,
    pooled: Option<[u8; 32]>,
    missing: Option<u64>,
    policy: Option<Error>,
}

impl ChainState for Chain {
    fn transaction_on_chain(&self, tx_hash: &[u8; 32]) -> bool {
        self.on_chain.contains(tx_hash)
    }
    fn ring(&self, amount: u64, offsets: &[u64]) -> Option<Vec<CtKey>> {
        if self.missing.is_some_and(|m| offsets.contains(&m)) {
            return None;
        }
        self.known.ring(amount, offsets)
    }
    fn key_image_spent(&self, key_image: &KeyImage) -> bool {
        self.spent == Some(key_image.0)
    }
    fn key_image_blacklisted(&self, key_image: &KeyImage) -> bool {
        self.blacklisted == Some(key_image.0)
    }
    fn key_image_stake_locked(&self, key_image: &KeyImage) -> bool {
        self.locked == Some(key_image.0)
    }
    fn key_image_in_pool(&self, key_image: &KeyImage) -> bool {
        self.pooled == Some(key_image.0)
    }
    fn check_policy(&self, _tx: &Transaction) -> Result<(), Error> {
        self.policy.map_or(Ok(()), Err)
    }
}

fn hf21() -> ConsensusRules {
    ConsensusRules::for_hf(21).unwrap()
}

/// The absolute index of ring member `member` of input `input`.
fn member(tx: &Transaction, input: usize, member: usize) -> u64 {
    match &tx.prefix.vin[input] {
        TxIn::ToKey { key_offsets, .. } => relative_to_absolute_offsets(key_offsets)[member],
        _ => unreachable!(),
    }
}

#[test]
fn chain_state_errors() {
    let (tx, rings, _, _) = clsag_tx(5, 2, 2);
    let k = |i: usize| Some(bytes32(&tx.key_images()[i]));
    let base = || Chain {
        known: KnownRings::for_tx(&tx, &rings),
        ..Chain::default()
    };
    let rules = hf21();
    assert_eq!(tx.verify_for_node(&rules, &base()), Ok(()));
    let cases = [
        (
            Chain {
                on_chain: vec![tx.hash().unwrap()],
                ..base()
            },
            Error::TransactionOnChain,
        ),
        (
            Chain {
                spent: k(1),
                ..base()
            },
            Error::KeyImageSpent { input: 1 },
        ),
        (
            Chain {
                blacklisted: k(0),
                ..base()
            },
            Error::KeyImageBlacklisted { input: 0 },
        ),
        (
            Chain {
                locked: k(1),
                ..base()
            },
            Error::KeyImageStakeLocked { input: 1 },
        ),
        (
            Chain {
                pooled: k(1),
                ..base()
            },
            Error::KeyImageInPool { input: 1 },
        ),
        (
            Chain {
                missing: Some(member(&tx, 0, 3)),
                ..base()
            },
            Error::RingUnavailable { input: 0 },
        ),
        (
            Chain {
                policy: Some(Error::ChainPolicy),
                ..base()
            },
            Error::ChainPolicy,
        ),
    ];
    for (chain, expected) in &cases {
        assert_eq!(tx.verify_for_node(&rules, chain), Err(*expected));
    }
    // A ring shorter than the key offsets is unavailable too.
    let mut short = rings.clone();
    short[1].pop();
    let known = KnownRings::for_tx(&tx, &short);
    assert_eq!(
        tx.verify_for_node(&rules, &known),
        Err(Error::RingUnavailable { input: 1 })
    );
}

/// oxen-core's order: the pool before the hard-fork rules (`tx_memory_pool::add_tx`); per
/// input spent, then the ring, then blacklisted, then stake-locked (`check_tx_inputs`).
#[test]
fn chain_state_order_is_the_reference_order() {
    let (tx, rings, _, _) = clsag_tx(6, 2, 2);
    let k = |i: usize| Some(bytes32(&tx.key_images()[i]));
    let known = || KnownRings::for_tx(&tx, &rings);
    // CLSAG is not allowed at hf 15, but the pool conflict is found first.
    let pooled = Chain {
        known: known(),
        pooled: k(0),
        spent: k(0),
        ..Chain::default()
    };
    let hf15 = ConsensusRules::for_hf(15).unwrap();
    assert_eq!(
        tx.verify_for_node(&hf15, &pooled),
        Err(Error::KeyImageInPool { input: 0 })
    );
    // The transaction on chain before everything but parsing: before the pool, the hard-fork
    // rules and the input checks (a key image twice in the transaction).
    let mut twice = tx.clone();
    if let TxIn::ToKey { key_image, .. } = &mut twice.prefix.vin[1] {
        *key_image = tx.key_images()[0];
    }
    for t in [&tx, &twice] {
        let held = Chain {
            on_chain: vec![t.hash().unwrap()],
            ..pooled.clone()
        };
        assert_eq!(
            t.verify_for_node(&hf15, &held),
            Err(Error::TransactionOnChain)
        );
    }
    assert_eq!(
        twice.verify_for_node(&hf21(), &Chain::default()),
        Err(Error::DuplicateKeyImage {
            first: 0,
            second: 1
        })
    );
    // Spent before the ring; the ring before blacklisted; blacklisted before locked.
    let all = Chain {
        known: known(),
        spent: k(1),
        blacklisted: k(0),
        locked: k(0),
        missing: Some(member(&tx, 0, 0)),
        ..Chain::default()
    };
    assert_eq!(
        tx.verify_for_node(&hf21(), &all),
        Err(Error::RingUnavailable { input: 0 })
    );
    let no_missing = Chain {
        missing: None,
        ..all
    };
    assert_eq!(
        tx.verify_for_node(&hf21(), &no_missing),
        Err(Error::KeyImageBlacklisted { input: 0 })
    );
    let spent_first = Chain {
        spent: k(0),
        ..no_missing
    };
    assert_eq!(
        tx.verify_for_node(&hf21(), &spent_first),
        Err(Error::KeyImageSpent { input: 0 })
    );
}

/// Blacklisted and stake-locked key images exist from hf 11 (infinite staking): before it the
/// service-node list is not asked.
#[test]
fn service_node_key_image_rules_start_at_hf_11() {
    let mut rng = ChaCha20Rng::seed_from_u64(8);
    let amounts = [5_000, 7_000];
    for (ty, hf, refused) in [
        (RctType::Bulletproof, 10, false),
        (RctType::Bulletproof2, 11, true),
    ] {
        let spends = spends_for(&mut rng, ty, 1, &amounts, 100);
        let (tx, rings) = mlsag_tx(&mut rng, ty, spends, &amounts, 100, None);
        let ki = Some(bytes32(&tx.key_images()[0]));
        let rules = ConsensusRules::for_hf(hf).unwrap();
        for (chain, error) in [
            (
                Chain {
                    known: KnownRings::for_tx(&tx, &rings),
                    blacklisted: ki,
                    ..Chain::default()
                },
                Error::KeyImageBlacklisted { input: 0 },
            ),
            (
                Chain {
                    known: KnownRings::for_tx(&tx, &rings),
                    locked: ki,
                    ..Chain::default()
                },
                Error::KeyImageStakeLocked { input: 0 },
            ),
        ] {
            let expected = if refused { Err(error) } else { Ok(()) };
            assert_eq!(tx.verify_for_node(&rules, &chain), expected, "hf {hf}");
        }
    }
}

/// The pool is asked at pool admission only: a block's transactions come out of the pool.
#[test]
fn pool_conflicts_are_not_a_block_rule() {
    let (tx, rings, _, _) = clsag_tx(9, 2, 2);
    let chain = Chain {
        known: KnownRings::for_tx(&tx, &rings),
        pooled: Some(bytes32(&tx.key_images()[1])),
        ..Chain::default()
    };
    assert_eq!(
        tx.verify_for_node(&hf21(), &chain),
        Err(Error::KeyImageInPool { input: 1 })
    );
    assert_eq!(verify_block_for_node(&[&tx], &hf21(), &chain), Ok(()));
}

#[test]
fn consensus_rules_are_built_validated() {
    assert_eq!(
        ConsensusRules::for_hf(6),
        Err(Error::HardForkUnknown { hf: 6 })
    );
    assert_eq!(
        ConsensusRules::for_test_network(22, 4),
        Err(Error::HardForkUnknown { hf: 22 })
    );
    for size in [0, 1] {
        assert_eq!(
            ConsensusRules::for_test_network(21, size),
            Err(Error::TestRingSizeInvalid { size })
        );
    }
    let small = ConsensusRules::for_test_network(16, MIN_TEST_RING_SIZE).unwrap();
    assert_eq!((small.hf_version(), small.ring_size()), (16, 2));
    let main = ConsensusRules::for_hf(21).unwrap();
    assert_eq!((main.hf_version(), main.ring_size()), (21, 10));
    // A ring-10 transaction does not fit a ring-4 test network.
    let (tx, rings, _, _) = clsag_tx(10, 1, 2);
    let four = ConsensusRules::for_test_network(21, 4).unwrap();
    assert_eq!(
        tx.verify_for_node(&four, &KnownRings::for_tx(&tx, &rings)),
        Err(Error::RingSizeInvalid {
            input: 0,
            size: 10,
            expected: 4
        })
    );
}

/// A block with a transaction the chain holds is refused at that transaction, in block order
/// with the block's other rules (oxen-core asks `tx_exists` before `take_tx` for each
/// transaction), before any signature; the chain's other transactions do not matter.
#[test]
fn transaction_on_chain_is_refused_in_a_block() {
    let (a, ra, _, _) = clsag_tx(11, 2, 2);
    let (b, rb, _, _) = clsag_tx(12, 1, 2);
    let mut known = KnownRings::for_tx(&a, &ra);
    known.add_tx(&b, &rb);
    let chain = |held: &[&Transaction]| Chain {
        known: known.clone(),
        on_chain: held.iter().map(|t| t.hash().unwrap()).collect(),
        ..Chain::default()
    };
    let refused = |index, error| Err(BlockError { index, error });
    let rules = hf21();
    assert_eq!(
        verify_block_for_node(&[&a, &b], &rules, &chain(&[])),
        Ok(())
    );
    assert_eq!(
        verify_block_for_node(&[&a, &b], &rules, &chain(&[&b])),
        refused(1, Error::TransactionOnChain)
    );
    // On chain before the repetition: the first copy is named.
    assert_eq!(
        verify_block_for_node(&[&a, &b, &a], &rules, &chain(&[&a])),
        refused(0, Error::TransactionOnChain)
    );
    // The repetition at index 2 comes before the on-chain transaction at index 3.
    let (c, rc, _, _) = clsag_tx(13, 1, 2);
    let mut with_c = chain(&[&c]);
    with_c.known.add_tx(&c, &rc);
    assert_eq!(
        verify_block_for_node(&[&a, &b, &a, &c], &rules, &with_c),
        refused(2, Error::TransactionRepeated { earlier: 0 })
    );
    // Before any per-transaction check: the first transaction is refused on its own (its fee
    // changed, so its balance no longer holds), yet the held second one is named.
    let mut bad = a.clone();
    bad.rct.txn_fee += 1;
    assert_eq!(
        verify_block_for_node(&[&bad, &b], &rules, &chain(&[])),
        refused(0, Error::RctBalanceMismatch)
    );
    assert_eq!(
        verify_block_for_node(&[&bad, &b], &rules, &chain(&[&b])),
        refused(1, Error::TransactionOnChain)
    );
}

/// A transaction without inputs (a service-node state change) has no key image the chain
/// could know as spent: the chain's transaction hashes are its only guard, in the pool and in
/// a block.
#[test]
fn state_change_on_chain_is_refused() {
    let (a, ra, _, _) = clsag_tx(14, 1, 2);
    let mut s = a.clone();
    s.prefix.tx_type = oxen_tx::prefix::TxType::StateChange;
    s.prefix.vin.clear();
    s.prefix.vout.clear();
    s.prefix.output_unlock_times.clear();
    s.rct = oxen_tx::rct::RctSig::null();
    let fresh = Chain {
        known: KnownRings::for_tx(&a, &ra),
        ..Chain::default()
    };
    let held = Chain {
        on_chain: vec![s.hash().unwrap()],
        ..fresh.clone()
    };
    assert_eq!(s.verify_for_node(&hf21(), &fresh), Ok(()));
    assert_eq!(
        s.verify_for_node(&hf21(), &held),
        Err(Error::TransactionOnChain)
    );
    assert_eq!(verify_block_for_node(&[&a, &s], &hf21(), &fresh), Ok(()));
    assert_eq!(
        verify_block_for_node(&[&a, &s], &hf21(), &held),
        Err(BlockError {
            index: 1,
            error: Error::TransactionOnChain
        })
    );
}
