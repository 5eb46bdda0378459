//! The node's entry point ([`Transaction::verify_for_node`]): one test per consensus error
//! variant, the torsioned-key-image attack on CLSAG and MLSAG transactions, and the
//! undecodable-outPk parse admission regression.
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

use builders::{bytes32, clsag_tx, mlsag_tx, pt, spends_for};
use oxen_crypto::Point;
use oxen_tx::Error;
use oxen_tx::commitment::zero_commit;
use oxen_tx::consensus::{self, ConsensusRules, KnownRings};
use oxen_tx::prefix::{TxIn, TxOutTarget, TxType, TxVersion};
use oxen_tx::rct::{CtKey, RctType};
use oxen_tx::transaction::Transaction;
use rand_chacha::ChaCha20Rng;
use rand_core::SeedableRng;
use signers::{clsag_sign, t8};

fn hf21() -> ConsensusRules {
    ConsensusRules::for_hf(21).unwrap()
}

fn node(tx: &Transaction, rings: &[Vec<CtKey>]) -> Result<(), Error> {
    tx.verify_for_node(&hf21(), &KnownRings::for_tx(tx, rings))
}

fn key_offsets(tx: &mut Transaction, input: usize) -> &mut Vec<u64> {
    match &mut tx.prefix.vin[input] {
        TxIn::ToKey { key_offsets, .. } => key_offsets,
        _ => unreachable!(),
    }
}

fn set_key_image(tx: &mut Transaction, input: usize, ki: [u8; 32]) {
    match &mut tx.prefix.vin[input] {
        TxIn::ToKey { key_image, .. } => *key_image = ki.into(),
        _ => unreachable!(),
    }
}

#[test]
fn valid_transactions_pass() {
    for (n_in, n_out) in [(1, 2), (2, 2), (3, 5)] {
        let (tx, rings, _, _) = clsag_tx(n_in as u64, n_in, n_out);
        assert_eq!(node(&tx, &rings), Ok(()));
        let blob = tx.to_bytes().unwrap();
        let known = KnownRings::for_tx(&tx, &rings);
        assert_eq!(
            consensus::verify_blob_for_node(&blob, &hf21(), &known).as_ref(),
            Ok(&tx)
        );
    }
}

/// Regression (issue 10): an outPk that does not decode passed `parse_and_validate`; the
/// reference's parse restores `V = outPk / 8` and throws.
#[test]
fn undecodable_out_pk_fails_parse_admission() {
    let (mut tx, rings, _, _) = clsag_tx(1, 1, 2);
    let bad = (0u8..=255)
        .map(|b| [b; 32])
        .find(|k| Point::from_bytes(k).is_err())
        .unwrap();
    tx.rct.out_pk[1] = bad.into();
    let blob = tx.to_bytes().unwrap();
    assert!(Transaction::from_bytes(&blob).is_ok());
    assert_eq!(
        Transaction::parse_and_validate(&blob),
        Err(Error::OutPkInvalid { output: 1 })
    );
    assert_eq!(node(&tx, &rings), Err(Error::OutPkInvalid { output: 1 }));
}

#[test]
fn input_and_output_rule_errors() {
    let (tx, rings, _, _) = clsag_tx(2, 2, 2);
    // NoInputs.
    let mut t = tx.clone();
    t.prefix.vin.clear();
    assert_eq!(consensus::check_input_count(&t), Err(Error::NoInputs));
    // NonTransferWithInputsOrOutputs.
    let mut t = tx.clone();
    t.prefix.tx_type = TxType::StateChange;
    assert_eq!(
        consensus::check_input_count(&t),
        Err(Error::NonTransferWithInputsOrOutputs)
    );
    // NonTransferWithFee: a state change has no inputs, no outputs and no fee.
    let mut t = tx.clone();
    t.prefix.tx_type = TxType::StateChange;
    t.prefix.vin.clear();
    t.prefix.vout.clear();
    t.prefix.output_unlock_times.clear();
    t.rct = oxen_tx::rct::RctSig::null();
    assert_eq!(node(&t, &rings), Ok(()));
    t.rct.txn_fee = 1;
    assert_eq!(node(&t, &rings), Err(Error::NonTransferWithFee));
    // InputNotToKey.
    let mut t = tx.clone();
    t.prefix.vin[1] = TxIn::Gen { height: 5 };
    assert_eq!(
        consensus::check_input_types(&t),
        Err(Error::InputNotToKey { input: 1 })
    );
    assert_eq!(
        consensus::check_key_images_distinct(&t),
        Err(Error::InputNotToKey { input: 1 })
    );
    // OutputKeyInvalid.
    let mut t = tx.clone();
    let bad = (0u8..=255)
        .map(|b| [b; 32])
        .find(|k| !Point::check_key(k))
        .unwrap();
    t.prefix.vout[0].target = TxOutTarget::ToKey(bad.into());
    assert_eq!(
        consensus::check_outputs(&t),
        Err(Error::OutputKeyInvalid { output: 0 })
    );
    // OutputAmountInvalid (RingCT outputs carry amount 0).
    let mut t = tx.clone();
    t.prefix.vout[1].amount = 1;
    assert_eq!(
        consensus::check_outputs(&t),
        Err(Error::OutputAmountInvalid { output: 1 })
    );
    // AmountOverflow (input amounts).
    let mut t = tx.clone();
    for i in 0..2 {
        if let TxIn::ToKey { amount, .. } = &mut t.prefix.vin[i] {
            *amount = u64::MAX;
        }
    }
    assert_eq!(consensus::check_outputs(&t), Err(Error::AmountOverflow));
    // BulletproofLayoutNotCanonical.
    let mut t = tx.clone();
    let bp = t.rct.prunable.bulletproofs[0].clone();
    t.rct.prunable.bulletproofs.push(bp);
    assert_eq!(
        consensus::check_bulletproof_layout(&t),
        Err(Error::BulletproofLayoutNotCanonical)
    );
    // RctTypeNullOnTransfer.
    let mut t = tx.clone();
    t.rct.rct_type = RctType::Null;
    assert_eq!(node(&t, &rings), Err(Error::RctTypeNullOnTransfer));
}

#[test]
fn key_image_and_ring_member_errors() {
    let (tx, rings, _, _) = clsag_tx(3, 2, 2);
    let kis = tx.key_images();
    // DuplicateKeyImage.
    let mut t = tx.clone();
    set_key_image(&mut t, 1, bytes32(&kis[0]));
    assert_eq!(
        consensus::check_key_images_distinct(&t),
        Err(Error::DuplicateKeyImage {
            first: 0,
            second: 1
        })
    );
    assert_eq!(
        node(&t, &rings),
        Err(Error::DuplicateKeyImage {
            first: 0,
            second: 1
        })
    );
    // DuplicateRingMember: a relative offset of 0 after the first; 0 first is fine.
    let mut t = tx.clone();
    key_offsets(&mut t, 1)[4] = 0;
    assert_eq!(
        consensus::check_ring_members_distinct(&t),
        Err(Error::DuplicateRingMember {
            input: 1,
            position: 4
        })
    );
    let mut t = tx.clone();
    key_offsets(&mut t, 0)[0] = 0;
    assert_eq!(consensus::check_ring_members_distinct(&t), Ok(()));
    // KeyImageInvalid / KeyImageNotInPrimeSubgroup.
    let mut t = tx.clone();
    let bad = (0u8..=255)
        .map(|b| [b; 32])
        .find(|k| Point::from_bytes(k).is_err())
        .unwrap();
    set_key_image(&mut t, 0, bad);
    assert_eq!(
        consensus::check_key_images_in_prime_subgroup(&t),
        Err(Error::KeyImageInvalid { input: 0 })
    );
    let mut t = tx.clone();
    let torsioned = pt(&kis[1]) + t8();
    set_key_image(&mut t, 1, torsioned.to_bytes());
    assert_eq!(
        consensus::check_key_images_in_prime_subgroup(&t),
        Err(Error::KeyImageNotInPrimeSubgroup { input: 1 })
    );
}

#[test]
fn ring_shape_errors() {
    let (tx, rings, _, _) = clsag_tx(4, 2, 2);
    let rules = hf21();
    // KeyOffsetsEmpty.
    let mut t = tx.clone();
    key_offsets(&mut t, 1).clear();
    assert_eq!(
        consensus::check_ring_shape(&t, &rules),
        Err(Error::KeyOffsetsEmpty { input: 1 })
    );
    // RingSizeInvalid, and the size is a parameter.
    let mut t = tx.clone();
    key_offsets(&mut t, 0).push(3);
    assert_eq!(
        consensus::check_ring_shape(&t, &rules),
        Err(Error::RingSizeInvalid {
            input: 0,
            size: 11,
            expected: 10
        })
    );
    let eleven = ConsensusRules::for_test_network(21, 11).unwrap();
    assert_eq!(
        consensus::check_ring_shape(&tx, &eleven),
        Err(Error::RingSizeInvalid {
            input: 0,
            size: 10,
            expected: 11
        })
    );
    // KeyImagesUnsorted: swapped inputs; equal counts as unsorted.
    let mut t = tx.clone();
    t.prefix.vin.swap(0, 1);
    assert_eq!(
        consensus::check_ring_shape(&t, &rules),
        Err(Error::KeyImagesUnsorted { input: 1 })
    );
    let mut t = tx.clone();
    let k0 = tx.key_images()[0];
    set_key_image(&mut t, 1, bytes32(&k0));
    assert_eq!(
        consensus::check_ring_shape(&t, &rules),
        Err(Error::KeyImagesUnsorted { input: 1 })
    );
    // RingShapeInvalid: no rings; RctCountMismatch: one ring missing.
    assert_eq!(
        consensus::expand_rings(&tx, &[]),
        Err(Error::RingShapeInvalid { input: 0 })
    );
    assert_eq!(consensus::expand_rings(&tx, &rings[..1]), Ok(()));
}

#[test]
fn hard_fork_errors() {
    assert_eq!(
        ConsensusRules::for_hf(6),
        Err(Error::HardForkUnknown { hf: 6 })
    );
    assert_eq!(
        ConsensusRules::for_hf(22),
        Err(Error::HardForkUnknown { hf: 22 })
    );
    let (tx, rings, _, _) = clsag_tx(6, 1, 2);
    let known = KnownRings::for_tx(&tx, &rings);
    // A v4 CLSAG transaction before hf 11: version 4 not allowed.
    assert_eq!(
        tx.verify_for_node(&ConsensusRules::for_hf(10).unwrap(), &known),
        Err(Error::TxVersionNotAllowed { version: 4, hf: 10 })
    );
    // CLSAG before hf 16.
    assert_eq!(
        tx.verify_for_node(&ConsensusRules::for_hf(15).unwrap(), &known),
        Err(Error::RctTypeNotAllowed { hf: 15 })
    );
    // Transaction type above the fork's maximum.
    let mut t = tx.clone();
    t.prefix.tx_type = TxType::EthereumNewServiceNodeV2;
    assert_eq!(
        consensus::check_hard_fork_rules(&t, &ConsensusRules::for_hf(20).unwrap()),
        Err(Error::TxTypeNotAllowed { hf: 20 })
    );
    // One output from hf 16.
    let (one, one_rings, _, _) = clsag_tx(7, 1, 1);
    assert_eq!(node(&one, &one_rings), Err(Error::TooFewOutputs));
    assert_eq!(one.prefix.version, TxVersion::V4);
}

#[test]
fn mlsag_invalid_names_input_and_check() {
    let mut rng = ChaCha20Rng::seed_from_u64(11);
    let amounts = [5_000, 7_000];
    let spends = spends_for(&mut rng, RctType::Bulletproof, 2, &amounts, 100);
    let (tx, rings) = mlsag_tx(&mut rng, RctType::Bulletproof, spends, &amounts, 100, None);
    let rules = ConsensusRules::for_hf(10).unwrap();
    assert_eq!(
        tx.verify_for_node(&rules, &KnownRings::for_tx(&tx, &rings)),
        Ok(())
    );
    let mut t = tx.clone();
    t.rct.prunable.mgs[1].cc.0[0] ^= 1;
    let e = t.verify_for_node(&rules, &KnownRings::for_tx(&t, &rings));
    assert!(
        matches!(e, Err(Error::MlsagInvalid { input: 1, .. })),
        "{e:?}"
    );
}

/// The 2017 CryptoNote key-image bug on CLSAG: the signature over `I + T8` verifies (upstream
/// too), only the node's subgroup check rejects it.
#[test]
fn torsioned_key_image_clsag() {
    let (mut tx, rings, spends, out_masks) = clsag_tx(12, 1, 2);
    let s = &spends[0];
    let image = pt(&s.key_image()) + t8();
    set_key_image(&mut tx, 0, image.to_bytes());
    let message = tx
        .rct
        .pre_clsag_hash(&tx.prefix_hash().unwrap(), 1)
        .unwrap();
    let ring: Vec<(Point, Point)> = s.ring.iter().map(|m| (pt(&m.dest), pt(&m.mask))).collect();
    let pseudo_mask: oxen_crypto::Scalar = out_masks.iter().sum();
    let pseudo = pt(&tx.rct.prunable.pseudo_outs[0]);
    let mut rng = ChaCha20Rng::seed_from_u64(13);
    let (sig, used) = clsag_sign(
        &message,
        &ring,
        &pseudo,
        &s.p,
        &(s.mask - pseudo_mask),
        s.real,
        Some(t8()),
        &mut || oxen_crypto::Scalar::random(&mut rng),
    );
    assert_eq!(used.0, image.to_bytes());
    tx.rct.prunable.clsags[0] = builders::clsag_wire(&sig);
    // The bare RingCT verifier accepts (parity with upstream's verRctNonSemanticsSimple) ...
    assert_eq!(tx.verify_ringct_only(&rings), Ok(()));
    // ... the node does not.
    assert_eq!(
        node(&tx, &rings),
        Err(Error::KeyImageNotInPrimeSubgroup { input: 0 })
    );
}

/// The same attack on an MLSAG (type 3) transaction.
#[test]
fn torsioned_key_image_mlsag() {
    let mut rng = ChaCha20Rng::seed_from_u64(14);
    let amounts = [1_000, 2_000];
    let spends = spends_for(&mut rng, RctType::Bulletproof, 1, &amounts, 10);
    let (tx, rings) = mlsag_tx(
        &mut rng,
        RctType::Bulletproof,
        spends,
        &amounts,
        10,
        Some(t8()),
    );
    assert_eq!(tx.verify_ringct_only(&rings), Ok(()));
    let rules = ConsensusRules::for_hf(10).unwrap();
    assert_eq!(
        tx.verify_for_node(&rules, &KnownRings::for_tx(&tx, &rings)),
        Err(Error::KeyImageNotInPrimeSubgroup { input: 0 })
    );
}

/// Regression (issue 19, gap 2): a RingCT input whose `amount` field says 5, signed again over
/// the changed prefix. oxen-core looks the ring up under amount 5
/// (`scan_outputkeys_for_indexes` → `get_output_key(amount, offsets)`) and finds nothing: the
/// RingCT outputs are indexed under amount 0.
#[test]
fn ringct_input_with_nonzero_amount_is_refused() {
    let (tx, rings, spends, out_masks) = clsag_tx(15, 1, 2);
    let mut t = tx.clone();
    match &mut t.prefix.vin[0] {
        TxIn::ToKey { amount, .. } => *amount = 5,
        _ => unreachable!(),
    }
    builders::resign_one_input(&mut t, &spends[0], &out_masks, 16);
    // The signature covers the new prefix: the RingCT verifier alone accepts it.
    assert_eq!(t.verify_ringct_only(&rings), Ok(()));
    // The chain holds the ring's outputs (RingCT, amount 0) and nothing of amount 5.
    let chain = KnownRings::for_tx(&tx, &rings);
    assert_eq!(tx.verify_for_node(&hf21(), &chain), Ok(()));
    assert_eq!(
        t.verify_for_node(&hf21(), &chain),
        Err(Error::RingUnavailableAtAmount {
            input: 0,
            amount: 5
        })
    );
}

/// What upstream does when outputs of the input's amount exist: a RingCT input may spend
/// pre-RingCT outputs of amount `N`, which the chain holds under `N` with the commitment
/// `zeroCommit(N)`; the ring is looked up there, and nowhere else.
#[test]
fn ringct_input_spends_outputs_of_its_amount() {
    const N: u64 = 3_000_000_000;
    let mut rng = ChaCha20Rng::seed_from_u64(17);
    let mut s = builders::spend(&mut rng, N, 10, 6);
    // Pre-RingCT outputs: every member's commitment is zeroCommit(N) (mask 1).
    let c = zero_commit(N).to_bytes().into();
    for m in &mut s.ring {
        m.mask = c;
    }
    s.mask = oxen_crypto::Scalar::ONE;
    let (tx, rings, spends, out_masks) = builders::clsag_tx_spending(18, vec![s.clone()], 2);
    let mut t = tx.clone();
    match &mut t.prefix.vin[0] {
        TxIn::ToKey { amount, .. } => *amount = N,
        _ => unreachable!(),
    }
    builders::resign_one_input(&mut t, &spends[0], &out_masks, 19);
    let mut at_n = KnownRings::default();
    for (index, member) in s.offsets.iter().zip(&rings[0]) {
        at_n.insert(N, *index, *member);
    }
    assert_eq!(t.verify_for_node(&hf21(), &at_n), Ok(()));
    // The same outputs indexed as RingCT outputs (amount 0) are not the input's ring ...
    assert_eq!(
        t.verify_for_node(&hf21(), &KnownRings::for_tx(&t, &rings)),
        Err(Error::RingUnavailableAtAmount {
            input: 0,
            amount: N
        })
    );
    // ... and an input saying amount 0 does not find outputs held under N.
    assert_eq!(
        tx.verify_for_node(&hf21(), &at_n),
        Err(Error::RingUnavailable { input: 0 })
    );
}
