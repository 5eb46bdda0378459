use super::*;
use crate::Error;
use crate::bulletproof::Bulletproof;
use crate::rct::{BORROMEAN_RANGE_SIG_LEN, BorromeanRangeSig, EcdhTuple};
use crate::rct::{RctSig, RctType};
use oxen_crypto::hash::keccak256;
use oxen_crypto::{Clsag, Mlsag};
use proptest::prelude::*;
use rand_chacha::ChaCha20Rng;
use rand_core::{Rng, SeedableRng};

fn key<T: From<[u8; 32]>>(rng: &mut ChaCha20Rng) -> T {
    let mut k = [0u8; 32];
    rng.fill_bytes(&mut k);
    T::from(k)
}

fn small(rng: &mut ChaCha20Rng, n: u32) -> usize {
    (rng.next_u32() % n) as usize
}

fn varint_value(rng: &mut ChaCha20Rng) -> u64 {
    match rng.next_u32() % 3 {
        0 => u64::from(rng.next_u32() % 128),
        1 => u64::from(rng.next_u32()),
        _ => rng.next_u64(),
    }
}

fn rbytes(rng: &mut ChaCha20Rng, max: u32) -> Vec<u8> {
    let n = small(rng, max);
    bytes(rng, n)
}

fn bytes(rng: &mut ChaCha20Rng, n: usize) -> Vec<u8> {
    let mut v = alloc::vec![0u8; n];
    rng.fill_bytes(&mut v);
    v
}

fn bulletproof(rng: &mut ChaCha20Rng, rounds: usize) -> Bulletproof {
    let mut b = bytes(rng, 6 * 32);
    b.push(rounds as u8);
    b.extend(bytes(rng, 32 * rounds));
    b.push(rounds as u8);
    b.extend(bytes(rng, 32 * rounds));
    b.extend(bytes(rng, 3 * 32));
    Bulletproof::from_bytes(&b).unwrap()
}

/// A random transaction that the reference's serializer accepts.
fn random_tx(seed: u64, version: u8, rct_type: u8, n_in: usize, n_out: usize) -> Transaction {
    let rng = &mut ChaCha20Rng::seed_from_u64(seed);
    let version = TxVersion::try_from(u64::from(version)).unwrap();
    let ring = 1 + small(rng, 4);
    let tx_type = match version {
        TxVersion::V1 | TxVersion::V2 => TxType::Standard,
        TxVersion::V3 => TxType::try_from(rng.next_u64() % 2).unwrap(),
        TxVersion::V4 => TxType::try_from(rng.next_u64() % 10).unwrap(),
    };
    let mut vin = Vec::new();
    for i in 0..n_in {
        // Input 0 fixes the RingCT ring size: make it a txin_to_key of `ring` members.
        let kind = if i == 0 { 3 } else { small(rng, 4) };
        vin.push(match kind {
            0 => TxIn::Gen {
                height: varint_value(rng),
            },
            1 => TxIn::ToScript {
                prev: key(rng),
                prevout: varint_value(rng),
                sigset: rbytes(rng, 5),
            },
            2 => TxIn::ToScriptHash {
                prev: key(rng),
                prevout: varint_value(rng),
                script: ScriptTarget {
                    keys: (0..small(rng, 3)).map(|_| key(rng)).collect(),
                    script: rbytes(rng, 4),
                },
                sigset: rbytes(rng, 5),
            },
            _ => TxIn::ToKey {
                amount: varint_value(rng),
                key_offsets: (0..if i == 0 { ring } else { small(rng, 4) })
                    .map(|_| varint_value(rng))
                    .collect(),
                key_image: key(rng),
            },
        });
    }
    let vout: Vec<TxOut> = (0..n_out)
        .map(|_| TxOut {
            amount: varint_value(rng),
            target: match small(rng, 4) {
                0 => TxOutTarget::ToScript(ScriptTarget {
                    keys: alloc::vec![key(rng)],
                    script: bytes(rng, 2),
                }),
                1 => TxOutTarget::ToScriptHash(key(rng)),
                _ => TxOutTarget::ToKey(key(rng)),
            },
        })
        .collect();
    let prefix = TransactionPrefix {
        version,
        tx_type,
        unlock_time: varint_value(rng),
        output_unlock_times: if version >= TxVersion::V3 {
            (0..n_out).map(|_| varint_value(rng)).collect()
        } else {
            Vec::new()
        },
        vin,
        vout,
        extra: rbytes(rng, 40),
    };
    let mut signatures = Vec::new();
    let mut rct = RctSig::null();
    if version == TxVersion::V1 {
        for i in &prefix.vin {
            signatures.push(
                (0..i.signature_count())
                    .map(|_| Signature {
                        c: key(rng),
                        r: key(rng),
                    })
                    .collect(),
            );
        }
    } else if n_in > 0 {
        rct.rct_type = RctType::try_from(u64::from(rct_type)).unwrap();
        if rct.rct_type != RctType::Null {
            rct.txn_fee = varint_value(rng);
            let compact = rct.rct_type.has_compact_ecdh();
            rct.ecdh_info = (0..n_out)
                .map(|_| {
                    let mut e = EcdhTuple {
                        mask: key(rng),
                        amount: key(rng),
                    };
                    if compact {
                        e.mask = [0; 32];
                        e.amount[8..].fill(0);
                    }
                    e
                })
                .collect();
            rct.out_pk = (0..n_out).map(|_| key(rng)).collect();
            if rct.rct_type == RctType::Simple {
                rct.pseudo_outs = (0..n_in).map(|_| key(rng)).collect();
            }
            let p = &mut rct.prunable;
            if rct.rct_type.is_bulletproof() {
                let rounds =
                    6 + (usize::BITS - n_out.max(1).saturating_sub(1).leading_zeros()) as usize;
                p.bulletproofs.push(bulletproof(rng, rounds));
                p.pseudo_outs = (0..n_in).map(|_| key(rng)).collect();
            } else {
                p.range_sigs = (0..n_out)
                    .map(|_| {
                        BorromeanRangeSig::from_bytes(&bytes(rng, BORROMEAN_RANGE_SIG_LEN)).unwrap()
                    })
                    .collect();
            }
            if rct.rct_type == RctType::Clsag {
                p.clsags = (0..n_in)
                    .map(|_| Clsag {
                        s: (0..ring).map(|_| key(rng)).collect(),
                        c1: key(rng),
                        d: key(rng),
                    })
                    .collect();
            } else {
                let (n, rows) = if rct.rct_type == RctType::Full {
                    (1, n_in + 1)
                } else {
                    (n_in, 2)
                };
                p.mgs = (0..n)
                    .map(|_| Mlsag {
                        ss: (0..ring)
                            .map(|_| (0..rows).map(|_| key(rng)).collect())
                            .collect(),
                        cc: key(rng),
                    })
                    .collect();
            }
        }
    }
    Transaction {
        prefix,
        signatures,
        rct,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn serialize_parse_round_trip(seed: u64, version in 1u8..5, rct_type in 0u8..6, n_in in 0usize..4, n_out in 1usize..4) {
        let tx = random_tx(seed, version, rct_type, n_in, n_out);
        let (blob, layout) = tx.to_bytes_with_layout().unwrap();
        let (parsed, layout2) = Transaction::from_bytes_with_layout(&blob).unwrap();
        prop_assert_eq!(&parsed, &tx);
        prop_assert_eq!(layout, layout2);
        prop_assert_eq!(parsed.to_bytes().unwrap(), blob.clone());
        // Every strict prefix of the blob is rejected without panicking.
        for cut in [0, 1, blob.len() / 2, blob.len() - 1] {
            prop_assert!(Transaction::from_bytes(&blob[..cut]).is_err());
        }
        // Trailing bytes are rejected.
        let mut longer = blob.clone();
        longer.push(0);
        prop_assert_eq!(Transaction::from_bytes(&longer), Err(Error::TrailingBytes));
        // Hash composition: v1 hashes the blob, v2+ three hashes (when defined).
        if tx.prefix.version == TxVersion::V1 {
            prop_assert_eq!(tx.hash().unwrap(), keccak256(&blob));
        } else if let Ok([a, b, c]) = tx.hash_components() {
            prop_assert_eq!(a, keccak256(&blob[..layout.prefix_size]));
            let mut cat = Vec::new();
            cat.extend_from_slice(&a);
            cat.extend_from_slice(&b);
            cat.extend_from_slice(&c);
            prop_assert_eq!(tx.hash().unwrap(), keccak256(&cat));
        }
    }

    #[test]
    fn parser_never_panics(data: Vec<u8>) {
        if let Ok(tx) = Transaction::from_bytes(&data) {
            prop_assert_eq!(tx.to_bytes().unwrap(), data);
        }
    }
}

fn tx_bytes(tx: &Transaction) -> Vec<u8> {
    tx.to_bytes().unwrap()
}

#[test]
fn error_variants_format() {
    let base = random_tx(1, 4, 5, 1, 1);
    let blob = tx_bytes(&base);
    // Truncated.
    assert_eq!(
        Transaction::from_bytes(&[0x02, 0x00, 0x01, 0x02, 0x00, 0x01, 0x00, 1, 2, 3, 4, 5]),
        Err(Error::Truncated)
    );
    assert_eq!(
        Transaction::from_bytes(&blob[..blob.len() - 1]),
        Err(Error::CountTooLarge)
    );
    // TrailingBytes.
    let mut b = blob.clone();
    b.push(7);
    assert_eq!(Transaction::from_bytes(&b), Err(Error::TrailingBytes));
    // TxVersionInvalid: 0 and 5; VarintOutOfRange: 2^16 does not fit the u16 version.
    assert_eq!(
        Transaction::from_bytes(&[0x00]),
        Err(Error::TxVersionInvalid)
    );
    assert_eq!(
        Transaction::from_bytes(&[0x05]),
        Err(Error::TxVersionInvalid)
    );
    assert_eq!(
        Transaction::from_bytes(&[0x80, 0x80, 0x04]),
        Err(Error::VarintOutOfRange)
    );
    // Crypto(varint) for an overlong varint.
    assert!(matches!(
        Transaction::from_bytes(&[0x82, 0x00]),
        Err(Error::Crypto(_))
    ));
    // CountTooLarge: a hostile vin count allocates nothing.
    assert_eq!(
        Transaction::from_bytes(&[
            0x02, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f
        ]),
        Err(Error::CountTooLarge)
    );
    // BoolInvalid: v3 is_state_change byte 2. UnlockTimesMismatch: 1 unlock time, 0 outputs.
    assert_eq!(
        Transaction::from_bytes(&[0x03, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00]),
        Err(Error::BoolInvalid)
    );
    assert_eq!(
        Transaction::from_bytes(&[0x03, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]),
        Err(Error::UnlockTimesMismatch)
    );
    // TxTypeInvalid: v4 type 10.
    assert_eq!(
        Transaction::from_bytes(&[0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0a]),
        Err(Error::TxTypeInvalid)
    );
    let ok = [0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01];
    let t = Transaction::from_bytes(&ok).unwrap();
    assert_eq!(t.prefix.tx_type, TxType::StateChange);
    // InputTagUnknown / OutputTagUnknown (Monero's view-tagged 0x03).
    assert_eq!(
        Transaction::from_bytes(&[0x02, 0x00, 0x01, 0x05, 0x00, 0x00]),
        Err(Error::InputTagUnknown)
    );
    assert_eq!(
        Transaction::from_bytes(&[0x02, 0x00, 0x00, 0x01, 0x00, 0x03]),
        Err(Error::OutputTagUnknown)
    );
    // RctTypeInvalid: type 6 (Monero BulletproofPlus).
    let mut t = base.clone();
    t.rct = RctSig::null();
    let b = tx_bytes(&t);
    let mut b6 = b.clone();
    *b6.last_mut().unwrap() = 6;
    assert_eq!(Transaction::from_bytes(&b6), Err(Error::RctTypeInvalid));
    // SignatureCountMismatch (serializer).
    let mut v1 = random_tx(2, 1, 0, 1, 1);
    v1.signatures[0].pop();
    assert_eq!(v1.to_bytes(), Err(Error::SignatureCountMismatch));
    v1.signatures.clear();
    assert_eq!(v1.to_bytes(), Err(Error::SignatureCountMismatch));
    // UnlockTimesMismatch (serializer).
    let mut t = base.clone();
    t.prefix.output_unlock_times.push(1);
    assert_eq!(t.to_bytes(), Err(Error::UnlockTimesMismatch));
    // HashUnavailable: v1 components; v2 transfer without inputs.
    assert_eq!(
        random_tx(3, 1, 0, 1, 1).hash_components(),
        Err(Error::HashUnavailable)
    );
    let no_in = random_tx(4, 2, 0, 0, 1);
    assert_eq!(no_in.hash(), Err(Error::HashUnavailable));
    // ... while a state change without inputs hashes the base of a Null signature (0x00).
    let mut sc = random_tx(4, 4, 0, 0, 1);
    sc.prefix.tx_type = TxType::StateChange;
    let [p, b, c] = sc.hash_components().unwrap();
    assert_eq!(p, sc.prefix_hash().unwrap());
    assert_eq!(b, keccak256(&[0]));
    assert_eq!(c, [0; 32]);
    // TooManyBulletproofs: nbp 2 > 1 output. BulletproofTooSmall: |L| = 6 for 2 outputs.
    let bpblob = tx_bytes(&base);
    let (_, layout) = Transaction::from_bytes_with_layout(&bpblob).unwrap();
    let mut b = bpblob.clone();
    b[layout.unprunable_size] = 2;
    assert_eq!(Transaction::from_bytes(&b), Err(Error::TooManyBulletproofs));
    let mut t2 = random_tx(5, 4, 5, 1, 2);
    t2.rct.prunable.bulletproofs = alloc::vec![bulletproof(&mut ChaCha20Rng::seed_from_u64(0), 6)];
    assert_eq!(t2.to_bytes(), Err(Error::BulletproofTooSmall));
    // OutputNotToKey, BulletproofCountInvalid (expand).
    let mut t = base.clone();
    t.prefix.vout[0].target = TxOutTarget::ToScriptHash([0; 32]);
    assert_eq!(t.expand(), Err(Error::OutputNotToKey));
    let mut t = base.clone();
    t.prefix.vout.clear();
    t.prefix.output_unlock_times.clear();
    t.rct.ecdh_info.clear();
    t.rct.out_pk.clear();
    t.rct.prunable.bulletproofs.clear();
    let t = Transaction::from_bytes(&tx_bytes(&t)).unwrap();
    assert_eq!(t.expand(), Err(Error::BulletproofCountInvalid));
}

#[test]
fn offsets_and_accessors() {
    assert_eq!(absolute_to_relative_offsets(&[5, 9, 9, 20]), [5, 4, 0, 11]);
    assert_eq!(relative_to_absolute_offsets(&[5, 4, 0, 11]), [5, 9, 9, 20]);
    let tx = random_tx(6, 3, 0, 2, 2);
    assert_eq!(
        tx.prefix.get_unlock_time(1),
        tx.prefix.output_unlock_times[1]
    );
    assert_eq!(tx.prefix.get_unlock_time(9), tx.prefix.unlock_time);
    let s = Signature {
        c: [1; 32],
        r: [2; 32],
    };
    assert_eq!(Signature::from_bytes(&s.to_bytes()), s);
    assert!(TxType::OxenNameSystem.is_transfer() && !TxType::StateChange.is_transfer());
}

#[test]
fn batch_verification() {
    use crate::rct::tests::make_tx;
    let txs: Vec<_> = (0..3)
        .map(|i| make_tx(100 + i, 1 + i as usize, 2))
        .collect();
    let items: Vec<(&Transaction, &[Vec<crate::rct::CtKey>])> =
        txs.iter().map(|(t, r)| (t, r.as_slice())).collect();
    assert_eq!(verify_ringct_only_batch(&items), Ok(()));
    assert_eq!(verify_ringct_only_batch(&[]), Ok(()));
    // A balance failure in tx 2.
    let mut bad = txs[2].0.clone();
    bad.rct.txn_fee += 1;
    let mut items2 = items.clone();
    items2[2].0 = &bad;
    assert_eq!(
        verify_ringct_only_batch(&items2),
        Err((2, Error::RctBalanceMismatch))
    );
    // Another transaction's bulletproof in tx 1 is rejected (the proof does not match the
    // commitments and the CLSAG message changes with it).
    let mut bp_bad = txs[1].0.clone();
    bp_bad.rct.prunable.bulletproofs = txs[0].0.rct.prunable.bulletproofs.clone();
    let mut items3 = items.clone();
    items3[1].0 = &bp_bad;
    assert!(matches!(verify_ringct_only_batch(&items3), Err((1, _))));
}

#[cfg(feature = "serde")]
#[test]
fn serde_round_trip() {
    for (seed, version, ty) in [(1, 4, 5), (2, 2, 2), (3, 1, 0), (4, 3, 4)] {
        let tx = random_tx(seed, version, ty, 2, 2);
        let json = serde_json::to_string(&tx).unwrap();
        assert_eq!(serde_json::from_str::<Transaction>(&json).unwrap(), tx);
    }
    let extra = crate::extra::TxExtra::parse(&[1; 33]).unwrap();
    let json = serde_json::to_string(&extra).unwrap();
    assert_eq!(
        serde_json::from_str::<crate::extra::TxExtra>(&json).unwrap(),
        extra
    );
}
