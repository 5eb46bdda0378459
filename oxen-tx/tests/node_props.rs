//! Property tests of the node's verdict: MLSAG transactions of every type round-trip through
//! the wire and verify (and a tampered signature does not); a batch of valid transactions
//! verifies and one tampered transaction anywhere in it is named by its index; a block with
//! one key image spent twice, or one transaction repeated, at random positions is refused
//! naming both positions, and a block without is judged as the single-transaction calls.
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

use builders::{clsag_tx, clsag_tx_spending, mlsag_tx, spend, spends_for};
use oxen_tx::Error;
use oxen_tx::consensus::{BlockError, ConsensusRules, KnownRings, verify_block_for_node};
use oxen_tx::rct::RctType;
use oxen_tx::transaction::Transaction;
use proptest::prelude::*;
use rand_chacha::ChaCha20Rng;
use rand_core::{Rng, SeedableRng};

const TYPES: [RctType; 4] = [
    RctType::Full,
    RctType::Simple,
    RctType::Bulletproof,
    RctType::Bulletproof2,
];

/// The hard fork at which each type was current.
fn hf_for(ty: RctType) -> ConsensusRules {
    let hf = match ty {
        RctType::Full | RctType::Simple => 9,
        RctType::Bulletproof => 10,
        RctType::Bulletproof2 => 11,
        _ => 21,
    };
    ConsensusRules::for_hf(hf).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    /// Build (test signer) -> serialize -> parse -> the node's verdict, for types 1..=4; any
    /// MLSAG scalar bit flipped is rejected with `MlsagInvalid`.
    #[test]
    fn mlsag_transaction_round_trip(
        seed: u64,
        ty in 0usize..4,
        n_in in 1usize..4,
        n_out in 1usize..4,
        pick: prop::sample::Index,
        bit in 0u8..8,
    ) {
        let ty = TYPES[ty];
        let mut rng = ChaCha20Rng::seed_from_u64(seed);
        let amounts: Vec<u64> = (0..n_out).map(|_| u64::from(rng.next_u32())).collect();
        let fee = 1_000;
        let spends = spends_for(&mut rng, ty, n_in, &amounts, fee);
        let (tx, rings) = mlsag_tx(&mut rng, ty, spends, &amounts, fee, None);
        let blob = tx.to_bytes().unwrap();
        let parsed = Transaction::parse_and_validate(&blob).unwrap();
        prop_assert_eq!(&parsed, &tx);
        prop_assert_eq!(parsed.verify_ringct_only(&rings), Ok(()));
        let known = KnownRings::for_tx(&tx, &rings);
        prop_assert_eq!(parsed.verify_for_node(&hf_for(ty), &known), Ok(()));

        let mut bad = tx.clone();
        let mgs = &mut bad.rct.prunable.mgs;
        let m = pick.index(mgs.len());
        let cols = mgs[m].ss.len();
        let rows = mgs[m].ss[0].len();
        let k = pick.index(cols * rows + 1);
        builders::flip_mg_bit(&mut mgs[m], k, bit);
        let e = bad.verify_for_node(&hf_for(ty), &KnownRings::for_tx(&bad, &rings));
        let input = if ty == RctType::Full { 0 } else { m };
        prop_assert!(
            matches!(e, Err(Error::MlsagInvalid { input: i, .. }) if i == input),
            "{:?}", e
        );
    }

    /// A block of valid CLSAG transactions verifies; tampering one (a CLSAG response, the
    /// Bulletproof, or the fee) is reported with its index.
    #[test]
    fn batch_names_the_tampered_transaction(
        seed: u64,
        n in 2usize..6,
        which: prop::sample::Index,
        how in 0u8..3,
    ) {
        let built: Vec<_> = (0..n).map(|i| clsag_tx(seed.wrapping_add(i as u64), 2, 2)).collect();
        let mut known = KnownRings::default();
        for (tx, rings, _, _) in &built {
            known.add_tx(tx, rings);
        }
        let rules = ConsensusRules::for_hf(21).unwrap();
        let mut txs: Vec<Transaction> = built.iter().map(|b| b.0.clone()).collect();
        {
            let refs: Vec<&Transaction> = txs.iter().collect();
            prop_assert_eq!(verify_block_for_node(&refs, &rules, &known), Ok(()));
        }
        let j = which.index(n);
        match how {
            0 => builders::flip_clsag_bit(&mut txs[j].rct.prunable.clsags[1]),
            1 => txs[j].rct.prunable.bulletproofs[0] = builders::tampered_bp(&txs[j]),
            _ => txs[j].rct.txn_fee += 1,
        }
        let refs: Vec<&Transaction> = txs.iter().collect();
        let got = verify_block_for_node(&refs, &rules, &known);
        prop_assert!(matches!(got, Err(BlockError { index, .. }) if index == j), "{:?}", got);
        // The single-transaction verdict agrees.
        prop_assert!(txs[j].verify_for_node(&rules, &known).is_err());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    /// A block of valid transactions in which transaction `j` spends a key image of an
    /// earlier transaction `i` (a double spend valid on its own), or repeats it: always
    /// refused at `j`, naming `i` (and for the double spend, the input of `j`).
    #[test]
    fn block_double_spend_names_both_positions(
        seed: u64,
        n in 2usize..6,
        a: prop::sample::Index,
        b: prop::sample::Index,
        shared_input in 0usize..2,
        repeat: bool,
    ) {
        let built: Vec<_> = (0..n).map(|k| clsag_tx(seed.wrapping_add(k as u64), 2, 2)).collect();
        let (x, y) = (a.index(n), b.index(n - 1));
        let (i, j) = if y >= x { (x, y + 1) } else { (y, x) };
        let mut txs: Vec<Transaction> = built.iter().map(|b| b.0.clone()).collect();
        let mut known = KnownRings::default();
        for (tx, rings, _, _) in &built {
            known.add_tx(tx, rings);
        }
        let shared = built[i].2[shared_input].clone();
        let expected = if repeat {
            txs[j] = txs[i].clone();
            Error::TransactionRepeated { earlier: i }
        } else {
            let mut rng = ChaCha20Rng::seed_from_u64(seed ^ 0x5eed);
            let fresh = spend(&mut rng, 1_000_000_000, 10, 2);
            let (tx, rings, _, _) = clsag_tx_spending(seed ^ 0xd0b1e, vec![shared.clone(), fresh], 2);
            known.add_tx(&tx, &rings);
            // The double spend is valid on its own.
            prop_assert_eq!(tx.verify_for_node(&ConsensusRules::for_hf(21).unwrap(), &known), Ok(()));
            let input = tx.key_images().iter().position(|k| k.0 == shared.key_image()).unwrap();
            txs[j] = tx;
            Error::KeyImageConflict { input, earlier: i }
        };
        let refs: Vec<&Transaction> = txs.iter().collect();
        let got = verify_block_for_node(&refs, &ConsensusRules::for_hf(21).unwrap(), &known);
        prop_assert_eq!(got, Err(BlockError { index: j, error: expected }));
    }

    /// Without a duplicate, the block's verdict is the single calls' verdict: `Ok` iff every
    /// transaction passes alone, and a refused block names a transaction whose single call
    /// gives the same error.
    #[test]
    fn block_without_duplicates_agrees_with_single_calls(
        seed: u64,
        n in 1usize..6,
        tamper: Option<(prop::sample::Index, u8)>,
    ) {
        let built: Vec<_> = (0..n).map(|k| clsag_tx(seed.wrapping_add(k as u64), 2, 2)).collect();
        let mut known = KnownRings::default();
        for (tx, rings, _, _) in &built {
            known.add_tx(tx, rings);
        }
        let mut txs: Vec<Transaction> = built.iter().map(|b| b.0.clone()).collect();
        if let Some((which, how)) = tamper {
            let j = which.index(n);
            match how % 3 {
                0 => builders::flip_clsag_bit(&mut txs[j].rct.prunable.clsags[0]),
                1 => txs[j].rct.prunable.bulletproofs[0] = builders::tampered_bp(&txs[j]),
                _ => txs[j].rct.txn_fee += 1,
            }
        }
        let rules = ConsensusRules::for_hf(21).unwrap();
        let singles: Vec<Result<(), Error>> =
            txs.iter().map(|t| t.verify_for_node(&rules, &known)).collect();
        let refs: Vec<&Transaction> = txs.iter().collect();
        match verify_block_for_node(&refs, &rules, &known) {
            Ok(()) => prop_assert!(singles.iter().all(Result::is_ok), "{:?}", singles),
            Err(BlockError { index, error }) => {
                prop_assert_eq!(singles[index], Err(error));
            }
        }
    }
}

/// A block of the historical types (at hf 10, where Borromean and Bulletproof transactions
/// coexist): valid, then a Borromean range signature tampered in the second transaction.
#[test]
fn batch_of_historical_types() {
    let mut rng = ChaCha20Rng::seed_from_u64(21);
    let mut txs = Vec::new();
    let mut known = KnownRings::default();
    for ty in [RctType::Full, RctType::Simple, RctType::Bulletproof] {
        let amounts = [3_000, 4_000];
        let spends = spends_for(&mut rng, ty, 1, &amounts, 50);
        let (tx, rings) = mlsag_tx(&mut rng, ty, spends, &amounts, 50, None);
        known.add_tx(&tx, &rings);
        txs.push(tx);
    }
    let rules = ConsensusRules::for_hf(10).unwrap();
    let refs: Vec<&Transaction> = txs.iter().collect();
    assert_eq!(verify_block_for_node(&refs, &rules, &known), Ok(()));
    let mut bad = txs.clone();
    bad[1].rct.prunable.range_sigs[0] = builders::tampered_range_sig(&bad[1], 0);
    let refs: Vec<&Transaction> = bad.iter().collect();
    let got = verify_block_for_node(&refs, &rules, &known);
    assert!(matches!(got, Err(BlockError { index: 1, .. })), "{got:?}");
}
