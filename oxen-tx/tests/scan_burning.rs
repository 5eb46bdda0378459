//! The burning-bug guard: an output whose one-time key the wallet has already credited (a
//! sender reusing its transaction key and output index) is reported, not credited a second
//! time, whether the first copy was seen earlier in the same scan, in an earlier call, or is
//! in the set of keys the wallet passes in. Regression tests of issue 19 (gap 4).
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use oxen_crypto::{
    CompressedPoint, PublicKey, SecretKey, derivation_to_scalar, derive_public_key,
    generate_key_derivation,
};
use oxen_tx::commitment::commit;
use oxen_tx::ecdh::{AmountKey, commitment_mask, ecdh_encode};
use oxen_tx::rct::{EcdhTuple, RctSig, RctType};
use oxen_tx::scan::{Lookahead, OutputRejection, Scanner, TxScan, ViewKeys};
use oxen_tx::transaction::{
    Transaction, TransactionPrefix, TxIn, TxOut, TxOutTarget, TxType, TxVersion,
};
use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;

const LA: Lookahead = Lookahead { major: 2, minor: 4 };

struct Wallet {
    a: SecretKey,
    big_a: PublicKey,
    big_b: PublicKey,
}

fn wallet(rng: &mut ChaCha20Rng) -> Wallet {
    let a = SecretKey::random(rng);
    let big_a = a.public_key();
    let big_b = SecretKey::random(rng).public_key();
    Wallet { a, big_a, big_b }
}

fn scanner(w: &Wallet) -> Scanner {
    Scanner::new(ViewKeys::new(w.a.clone(), w.big_b).unwrap(), LA).unwrap()
}

/// A CLSAG-type transaction with transaction key `r` paying `amounts[i]` at output `i` to the
/// wallet's main address (the input and signatures do not matter to a scanner). Two such
/// transactions with the same `r` give the same one-time keys.
fn pay(w: &Wallet, r: &SecretKey, amounts: &[u64], tamper_commitment: bool) -> Transaction {
    let d = generate_key_derivation(&w.big_a, r).unwrap();
    let mut rct = RctSig::null();
    rct.rct_type = RctType::Clsag;
    let mut vout = Vec::new();
    for (i, amount) in amounts.iter().enumerate() {
        let p = derive_public_key(&d, i as u64, &w.big_b).unwrap();
        let k = AmountKey::from_secret_scalar(&derivation_to_scalar(&d, i as u64));
        vout.push(TxOut {
            amount: 0,
            target: TxOutTarget::ToKey(p.compressed()),
        });
        rct.ecdh_info.push(EcdhTuple {
            mask: [0; 32],
            amount: ecdh_encode(*amount, &k).to_key(),
        });
        let shown = if tamper_commitment {
            amount + 1
        } else {
            *amount
        };
        rct.out_pk.push(CompressedPoint(
            commit(shown, &commitment_mask(&k)).to_bytes(),
        ));
    }
    let mut extra = vec![0x01];
    extra.extend_from_slice(r.public_key().as_bytes());
    Transaction {
        prefix: TransactionPrefix {
            version: TxVersion::V4,
            tx_type: TxType::Standard,
            unlock_time: 0,
            output_unlock_times: vec![0; amounts.len()],
            vin: vec![TxIn::ToKey {
                amount: 0,
                key_offsets: vec![1; 10],
                key_image: [7; 32].into(),
            }],
            vout,
            extra,
        },
        signatures: vec![],
        rct,
    }
}

fn credited(s: &TxScan) -> Vec<(usize, u64)> {
    s.owned.iter().map(|o| (o.index, o.amount)).collect()
}

fn seen(s: &TxScan) -> Vec<(usize, OutputRejection)> {
    s.rejected.iter().map(|r| (r.index, r.reason)).collect()
}

/// The attack: a second transaction with the sender's same key `r` pays output 0 again (same
/// one-time key `P`, another amount). Only the first is spendable (both have the key image of
/// `P`); the second must not be credited.
#[test]
fn output_key_seen_earlier_in_the_same_scan_is_not_credited() {
    let mut rng = ChaCha20Rng::seed_from_u64(1);
    let w = wallet(&mut rng);
    let r = SecretKey::random(&mut rng);
    let first = pay(&w, &r, &[5_000, 6_000], false);
    let again = pay(&w, &r, &[9_000], false);
    assert_eq!(first.prefix.vout[0].target, again.prefix.vout[0].target);
    let found = scanner(&w).scan_many(&[first, again]);
    assert_eq!(credited(&found[0]), [(0, 5_000), (1, 6_000)]);
    assert!(found[0].rejected.is_empty());
    assert_eq!(credited(&found[1]), []);
    assert_eq!(
        seen(&found[1]),
        [(0, OutputRejection::OutputKeySeen { amount: 9_000 })]
    );
    assert_eq!(found[1].received(), 0);
}

/// The scanner remembers the keys it credited across calls.
#[test]
fn output_key_seen_in_an_earlier_call_is_not_credited() {
    let mut rng = ChaCha20Rng::seed_from_u64(2);
    let w = wallet(&mut rng);
    let r = SecretKey::random(&mut rng);
    let mut s = scanner(&w);
    let first = s.scan(&pay(&w, &r, &[5_000], false));
    assert_eq!(credited(&first), [(0, 5_000)]);
    let again = s.scan(&pay(&w, &r, &[5_000], false));
    assert_eq!(credited(&again), []);
    assert_eq!(
        seen(&again),
        [(0, OutputRejection::OutputKeySeen { amount: 5_000 })]
    );
}

/// How a wallet keeps the set across scans: it stores the keys of its credited outputs
/// (`seen_output_keys`) and gives them to the next scanner (`with_seen_output_keys`).
#[test]
fn output_key_in_the_callers_set_is_not_credited() {
    let mut rng = ChaCha20Rng::seed_from_u64(3);
    let w = wallet(&mut rng);
    let r = SecretKey::random(&mut rng);
    let tx = pay(&w, &r, &[5_000, 6_000], false);
    let mut first = scanner(&w);
    assert_eq!(credited(&first.scan(&tx)), [(0, 5_000), (1, 6_000)]);
    let kept: Vec<CompressedPoint> = first.seen_output_keys().copied().collect();
    assert_eq!(kept.len(), 2);
    // A new session (a fresh scanner) with the stored set.
    let mut later = scanner(&w).with_seen_output_keys(kept.iter().copied());
    let again = later.scan(&pay(&w, &r, &[1, 2], false));
    assert_eq!(credited(&again), []);
    assert_eq!(
        seen(&again),
        [
            (0, OutputRejection::OutputKeySeen { amount: 1 }),
            (1, OutputRejection::OutputKeySeen { amount: 2 })
        ]
    );
    // Without the set, the fresh scanner would have credited them.
    assert_eq!(credited(&scanner(&w).scan(&tx)).len(), 2);
    // After a reorganisation drops the first transaction, its keys are forgotten.
    assert!(later.forget_output_key(&kept[1]));
    assert!(!later.forget_output_key(&kept[1]));
    let after = later.scan(&pay(&w, &r, &[1, 2], false));
    assert_eq!(credited(&after), [(1, 2)]);
    assert_eq!(
        seen(&after),
        [(0, OutputRejection::OutputKeySeen { amount: 1 })]
    );
}

/// Only credited outputs are recorded: an output whose commitment does not open is not
/// credited, and a later valid output with its key is.
#[test]
fn uncredited_output_does_not_block_a_later_one() {
    let mut rng = ChaCha20Rng::seed_from_u64(4);
    let w = wallet(&mut rng);
    let r = SecretKey::random(&mut rng);
    let found = scanner(&w).scan_many(&[pay(&w, &r, &[5_000], true), pay(&w, &r, &[5_000], false)]);
    assert_eq!(
        seen(&found[0]),
        [(0, OutputRejection::CommitmentDoesNotOpen)]
    );
    assert_eq!(credited(&found[1]), [(0, 5_000)]);
}
