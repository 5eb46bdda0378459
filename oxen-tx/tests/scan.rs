//! The scanner against transactions built here with the sender-side reference functions
//! (oxen-crypto derivations, oxen-tx ECDH and commitments), never with the scanner: random
//! subaddresses with and without additional keys, integrated payment ids, coinbase, outputs to
//! another wallet, tampered amounts and commitments, table growth, many transactions, spend keys.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use oxen_crypto::keys::encrypt_payment_id;
use oxen_crypto::{
    CompressedPoint, KeyDerivation, PublicKey, SecretKey, derivation_to_scalar, derive_public_key,
    generate_key_derivation, generate_key_image, get_subaddress,
};
use oxen_tx::Error;
use oxen_tx::commitment::commit;
use oxen_tx::ecdh::{AmountKey, commitment_mask, ecdh_encode};
use oxen_tx::rct::{EcdhTuple, RctSig, RctType};
use oxen_tx::scan::{
    AmountSource, Lookahead, OutputRejection, PaymentId, Scanner, SubaddressIndex, TxIssue,
    TxKeyUsed, ViewKeys,
};
use oxen_tx::transaction::{
    Transaction, TransactionPrefix, TxIn, TxOut, TxOutTarget, TxType, TxVersion,
};
use proptest::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;

const LA: Lookahead = Lookahead { major: 3, minor: 8 };

/// A wallet: (a, A), (b, B).
struct Wallet {
    a: SecretKey,
    b: SecretKey,
    big_b: PublicKey,
}

impl Wallet {
    fn new(rng: &mut ChaCha20Rng) -> Self {
        let a = SecretKey::random(rng);
        let b = SecretKey::random(rng);
        let big_b = b.public_key();
        Self { a, b, big_b }
    }

    /// (spend, view) public keys of a subaddress (main for (0, 0)).
    fn address(&self, idx: SubaddressIndex) -> (PublicKey, PublicKey) {
        get_subaddress(&self.big_b, &self.a, idx.major, idx.minor).unwrap()
    }

    fn scanner(&self) -> Scanner {
        Scanner::new(ViewKeys::new(self.a.clone(), self.big_b).unwrap(), LA).unwrap()
    }
}

/// One payment: to `wallet` (0 = ours, 1 = the other wallet) at `idx`, `amount`.
#[derive(Debug, Clone)]
struct Pay {
    ours: bool,
    idx: SubaddressIndex,
    amount: u64,
    unlock: u64,
}

/// Sender side. `additional`: one extra key per output (R_i = r_i D_i); otherwise the one key
/// R = r G (main destinations) or r D (when the only destination is one subaddress).
fn build(
    rng: &mut ChaCha20Rng,
    wallets: [&Wallet; 2],
    pays: &[Pay],
    additional: bool,
    coinbase: bool,
    payment_id: Option<[u8; 8]>,
) -> Transaction {
    let r = SecretKey::random(rng);
    let dests: Vec<(PublicKey, PublicKey, bool)> = pays
        .iter()
        .map(|p| {
            let (d, c) = wallets[usize::from(!p.ours)].address(p.idx);
            (d, c, !p.idx.is_main())
        })
        .collect();
    // single-subaddress rule: R = r D when all destinations are that one subaddress
    let single_sub = !additional
        && dests
            .first()
            .is_some_and(|f| f.2 && dests.iter().all(|d| d.0 == f.0));
    let main_r = if single_sub {
        PublicKey::from_point(&(dests[0].0.decompress().unwrap() * r.as_secret_scalar()))
    } else {
        r.public_key()
    };
    let mut extra = vec![0x01];
    extra.extend_from_slice(main_r.as_bytes());
    let mut add_keys = Vec::new();
    let mut vout = Vec::new();
    let mut ecdh = Vec::new();
    let mut out_pk = Vec::new();
    for (i, ((d, c, is_sub), p)) in dests.iter().zip(pays).enumerate() {
        let der: KeyDerivation = if additional {
            let ri = SecretKey::random(rng);
            let big_ri = if *is_sub {
                PublicKey::from_point(&(d.decompress().unwrap() * ri.as_secret_scalar()))
            } else {
                ri.public_key()
            };
            add_keys.push(big_ri);
            generate_key_derivation(c, &ri).unwrap()
        } else {
            generate_key_derivation(c, &r).unwrap()
        };
        let key = derive_public_key(&der, i as u64, d).unwrap();
        let k = AmountKey::from_secret_scalar(&derivation_to_scalar(&der, i as u64));
        vout.push(TxOut {
            amount: if coinbase { p.amount } else { 0 },
            target: TxOutTarget::ToKey(key.compressed()),
        });
        ecdh.push(EcdhTuple {
            mask: [0; 32],
            amount: ecdh_encode(p.amount, &k).to_key(),
        });
        out_pk.push(CompressedPoint(
            commit(p.amount, &commitment_mask(&k)).to_bytes(),
        ));
    }
    if additional {
        extra.push(0x04);
        extra.push(add_keys.len() as u8);
        for k in &add_keys {
            extra.extend_from_slice(k.as_bytes());
        }
    }
    if let Some(pid) = payment_id {
        // integrated address: the main wallet's view key, main tx key
        let (_, big_a) = wallets[0].address(SubaddressIndex::MAIN);
        let der = generate_key_derivation(&big_a, &r).unwrap();
        extra.extend_from_slice(&[0x02, 9, 0x01]);
        extra.extend_from_slice(&encrypt_payment_id(pid, &der));
    }
    let mut rct = RctSig::null();
    if !coinbase {
        rct.rct_type = RctType::Clsag;
        rct.ecdh_info = ecdh;
        rct.out_pk = out_pk;
    }
    Transaction {
        prefix: TransactionPrefix {
            version: TxVersion::V4,
            tx_type: if coinbase {
                TxType::Standard
            } else {
                TxType::Stake
            },
            unlock_time: 0,
            output_unlock_times: pays.iter().map(|p| p.unlock).collect(),
            vin: if coinbase {
                vec![TxIn::Gen { height: 7 }]
            } else {
                vec![]
            },
            vout,
            extra,
        },
        signatures: vec![],
        rct,
    }
}

fn idx_in_table() -> impl Strategy<Value = SubaddressIndex> {
    (0..LA.major, 0..LA.minor).prop_map(|(a, b)| SubaddressIndex::new(a, b))
}

fn pay() -> impl Strategy<Value = Pay> {
    (any::<bool>(), idx_in_table(), any::<u64>(), 0u64..1_000_000).prop_map(
        |(ours, idx, amount, unlock)| Pay {
            ours,
            idx,
            amount,
            unlock,
        },
    )
}

/// Checks a scan of `tx` built from `pays` against what was paid.
fn check(w: &Wallet, tx: &Transaction, pays: &[Pay], coinbase: bool) {
    let mut scanner = w.scanner().with_spend_secret(w.b.clone()).unwrap();
    let s = scanner.scan(tx);
    assert!(s.rejected.is_empty(), "{:?}", s.rejected);
    assert!(s.issues.is_empty(), "{:?}", s.issues);
    assert_eq!(s.is_coinbase, coinbase);
    let ours: Vec<usize> = (0..pays.len()).filter(|&i| pays[i].ours).collect();
    let found: Vec<usize> = s.owned.iter().map(|o| o.index).collect();
    assert_eq!(found, ours, "exactly our outputs, never the other wallet's");
    for o in &s.owned {
        let p = &pays[o.index];
        assert_eq!(o.subaddress, p.idx);
        assert_eq!(o.amount, p.amount);
        assert_eq!(o.unlock_time, p.unlock);
        assert_eq!(
            o.amount_source,
            if coinbase {
                AmountSource::Cleartext
            } else {
                AmountSource::EcdhV2
            }
        );
        let spend = o.spend.as_ref().unwrap();
        // x G = P: the one-time secret really spends the output
        assert_eq!(
            spend.one_time_secret.public_key().compressed(),
            o.output_key
        );
        assert_eq!(
            spend.key_image,
            generate_key_image(&PublicKey::from(o.output_key), &spend.one_time_secret)
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn random_subaddresses_with_additional_keys(seed in any::<u64>(), pays in prop::collection::vec(pay(), 1..6)) {
        let mut rng = ChaCha20Rng::seed_from_u64(seed);
        let (w, other) = (Wallet::new(&mut rng), Wallet::new(&mut rng));
        let tx = build(&mut rng, [&w, &other], &pays, true, false, None);
        check(&w, &tx, &pays, false);
        let s = w.scanner().scan(&tx);
        prop_assert!(s.owned.iter().all(|o| o.tx_key == TxKeyUsed::Additional || o.subaddress.is_main()));
        prop_assert!(s.owned.iter().all(|o| o.spend.is_none()), "view-only: no spend data");
    }

    #[test]
    fn one_subaddress_without_additional_keys(seed in any::<u64>(), idx in idx_in_table(), amounts in prop::collection::vec(any::<u64>(), 1..4), coinbase in any::<bool>()) {
        let mut rng = ChaCha20Rng::seed_from_u64(seed);
        let (w, other) = (Wallet::new(&mut rng), Wallet::new(&mut rng));
        let pays: Vec<Pay> = amounts.iter().map(|&amount| Pay { ours: true, idx, amount, unlock: 5 }).collect();
        let tx = build(&mut rng, [&w, &other], &pays, false, coinbase, None);
        check(&w, &tx, &pays, coinbase);
        // the other wallet sees nothing
        let s = other.scanner().scan(&tx);
        prop_assert!(s.owned.is_empty() && s.rejected.is_empty());
    }

    #[test]
    fn integrated_address_payment_id(seed in any::<u64>(), pid in any::<[u8; 8]>(), amount in any::<u64>()) {
        let mut rng = ChaCha20Rng::seed_from_u64(seed);
        let (w, other) = (Wallet::new(&mut rng), Wallet::new(&mut rng));
        let pays = [Pay { ours: true, idx: SubaddressIndex::MAIN, amount, unlock: 0 },
                    Pay { ours: false, idx: SubaddressIndex::MAIN, amount: 1, unlock: 0 }];
        let tx = build(&mut rng, [&w, &other], &pays, false, false, Some(pid));
        check(&w, &tx, &pays, false);
        let s = w.scanner().scan(&tx);
        prop_assert_eq!(s.payment_id, Some(PaymentId::Short(pid)));
        prop_assert_eq!(s.tx_type, TxType::Stake);
    }

    #[test]
    fn tampered_amount_or_commitment_does_not_open(seed in any::<u64>(), pays in prop::collection::vec(pay(), 1..5), which in any::<prop::sample::Index>(), byte in 0usize..8, commitment in any::<bool>()) {
        let mut rng = ChaCha20Rng::seed_from_u64(seed);
        let (w, other) = (Wallet::new(&mut rng), Wallet::new(&mut rng));
        let mut pays = pays;
        let t = which.index(pays.len());
        pays[t].ours = true;
        let mut tx = build(&mut rng, [&w, &other], &pays, true, false, None);
        if commitment {
            // another valid commitment: the same amount with another mask
            let m = oxen_crypto::SecretScalar::random(&mut rng);
            tx.rct.out_pk[t] = CompressedPoint(commit(pays[t].amount, &m).to_bytes());
        } else {
            tx.rct.ecdh_info[t].amount[byte] ^= 1;
        }
        let s = w.scanner().scan(&tx);
        prop_assert!(s.owned.iter().all(|o| o.index != t), "never credited");
        prop_assert_eq!(s.rejected.len(), 1);
        prop_assert_eq!(s.rejected[0].index, t);
        prop_assert_eq!(s.rejected[0].subaddress, pays[t].idx);
        prop_assert_eq!(s.rejected[0].reason, OutputRejection::CommitmentDoesNotOpen);
        prop_assert_eq!(s.owned.len(), pays.iter().filter(|p| p.ours).count() - 1);
    }
}

#[test]
fn table_grows_as_outputs_are_found() {
    let mut rng = ChaCha20Rng::seed_from_u64(3);
    let (w, other) = (Wallet::new(&mut rng), Wallet::new(&mut rng));
    let far = SubaddressIndex::new(1, LA.minor + 4);
    let near = SubaddressIndex::new(1, LA.minor - 1);
    let pay = |idx| {
        [Pay {
            ours: true,
            idx,
            amount: 9,
            unlock: 0,
        }]
    };
    let tx_far = build(&mut rng, [&w, &other], &pay(far), true, false, None);
    let tx_near = build(&mut rng, [&w, &other], &pay(near), true, false, None);
    let far_major = SubaddressIndex::new(LA.major + 1, 0);
    let tx_far_major = build(&mut rng, [&w, &other], &pay(far_major), true, false, None);

    let mut s = w.scanner();
    assert_eq!(s.table().len(), (LA.major * LA.minor) as usize);
    assert!(s.scan(&tx_far).owned.is_empty(), "beyond the lookahead");
    assert_eq!(s.scan(&tx_near).owned[0].subaddress, near);
    assert_eq!(s.table().minor_end(1), near.minor + LA.minor + 1);
    assert_eq!(s.table().major_end(), 1 + LA.major + 1);
    assert_eq!(s.scan(&tx_far).owned[0].subaddress, far);
    assert_eq!(s.scan(&tx_far_major).owned[0].subaddress, far_major);

    // scan_many gives what scanning one by one gives, re-scanning after growth
    let txs = [tx_far.clone(), tx_near, tx_far, tx_far_major];
    let many = w.scanner().scan_many(&txs);
    let mut one = w.scanner();
    let single: Vec<_> = txs.iter().map(|t| one.scan(t)).collect();
    assert_eq!(many.len(), 4);
    for (m, s) in many.iter().zip(&single) {
        let key = |x: &oxen_tx::scan::TxScan| -> Vec<(usize, SubaddressIndex, u64)> {
            x.owned
                .iter()
                .map(|o| (o.index, o.subaddress, o.amount))
                .collect()
        };
        assert_eq!(key(m), key(s));
    }
    assert_eq!(key_count(&many), 3);
}

fn key_count(s: &[oxen_tx::scan::TxScan]) -> usize {
    s.iter().map(|t| t.owned.len()).sum()
}

#[test]
fn tx_issues_are_reported() {
    let mut rng = ChaCha20Rng::seed_from_u64(4);
    let (w, other) = (Wallet::new(&mut rng), Wallet::new(&mut rng));
    let pays = [Pay {
        ours: true,
        idx: SubaddressIndex::MAIN,
        amount: 1,
        unlock: 0,
    }];
    let base = build(&mut rng, [&w, &other], &pays, true, false, None);

    // truncated extra after the main key: the fields before are used
    let mut tx = base.clone();
    tx.prefix.extra.truncate(33);
    tx.prefix.extra.push(0x7a);
    let s = w.scanner().scan(&tx);
    assert!(matches!(
        s.issues[..],
        [TxIssue::ExtraPartiallyParsed { offset: 33, .. }]
    ));
    // no tx key at all (the additional keys still find the output)
    let mut tx = base.clone();
    tx.prefix.extra.drain(..33);
    let s = w.scanner().scan(&tx);
    assert_eq!(s.issues, vec![TxIssue::NoTxPublicKey]);
    assert_eq!(s.owned.len(), 1);
    // undecodable main key / additional key / output key, a script output, a count mismatch
    let bad = (0u8..=255)
        .map(|b| [b; 32])
        .find(|k| oxen_crypto::Point::from_bytes(k).is_err())
        .unwrap();
    let mut tx = base.clone();
    tx.prefix.extra[1..33].copy_from_slice(&bad);
    tx.prefix.extra[35..67].copy_from_slice(&bad);
    let s = w.scanner().scan(&tx);
    assert_eq!(
        s.issues,
        vec![
            TxIssue::TxPublicKeyInvalid { index: 0 },
            TxIssue::AdditionalKeyInvalid { index: 0 }
        ]
    );
    assert!(s.owned.is_empty());
    let mut tx = base.clone();
    tx.prefix.vout[0].target = TxOutTarget::ToKey(CompressedPoint(bad));
    tx.prefix.vout.push(TxOut {
        amount: 0,
        target: TxOutTarget::ToScriptHash([0; 32]),
    });
    let s = w.scanner().scan(&tx);
    assert_eq!(
        s.issues,
        vec![
            TxIssue::AdditionalKeysCount {
                keys: 1,
                outputs: 2
            },
            TxIssue::OutputKeyInvalid { index: 0 },
            TxIssue::OutputNotToKey { index: 1 }
        ]
    );
    // missing RingCT data for an owned output
    let mut tx = base.clone();
    tx.rct.out_pk.clear();
    assert_eq!(
        w.scanner().scan(&tx).rejected[0].reason,
        OutputRejection::MissingCommitment
    );
    let mut tx = base;
    tx.rct.ecdh_info.clear();
    assert_eq!(
        w.scanner().scan(&tx).rejected[0].reason,
        OutputRejection::MissingEcdhInfo
    );
}

#[test]
fn spend_key_must_match() {
    let mut rng = ChaCha20Rng::seed_from_u64(5);
    let w = Wallet::new(&mut rng);
    let err = w
        .scanner()
        .with_spend_secret(SecretKey::random(&mut rng))
        .unwrap_err();
    assert_eq!(err, Error::ScanSpendKeyMismatch);
    assert!(format!("{:?}", w.scanner()).contains("has_spend_secret: false"));
}

#[test]
fn legacy_v1_ecdh_amounts() {
    let mut rng = ChaCha20Rng::seed_from_u64(6);
    let (w, other) = (Wallet::new(&mut rng), Wallet::new(&mut rng));
    let pays = [Pay {
        ours: true,
        idx: SubaddressIndex::new(2, 3),
        amount: 77,
        unlock: 0,
    }];
    let mut tx = build(&mut rng, [&w, &other], &pays, true, false, None);
    // re-encode output 0 the v1 way with the same amount key
    let der = {
        let ri_pub = PublicKey(tx.prefix.extra[35..67].try_into().unwrap());
        generate_key_derivation(&ri_pub, &w.a).unwrap()
    };
    let k = AmountKey::from_secret_scalar(&derivation_to_scalar(&der, 0));
    let mask = oxen_crypto::SecretScalar::random(&mut rng);
    let v1 = oxen_tx::ecdh::ecdh_encode_v1(77, &mask, &k);
    tx.rct.rct_type = RctType::Bulletproof;
    tx.rct.ecdh_info[0] = EcdhTuple {
        mask: v1.mask,
        amount: v1.amount,
    };
    tx.rct.out_pk[0] = CompressedPoint(commit(77, &mask).to_bytes());
    let s = w.scanner().scan(&tx);
    assert_eq!(s.owned[0].amount, 77);
    assert_eq!(s.owned[0].amount_source, AmountSource::EcdhV1);
    assert_eq!(s.owned[0].subaddress, SubaddressIndex::new(2, 3));
    assert_eq!(s.received(), 77);
}
