use super::*;
use crate::Error;
use crate::commitment::{Commitment, commit};
use crate::ecdh::AmountKey;
use crate::transaction::{Transaction, build_clsag_transaction};
use oxen_crypto::{CompressedPoint, KeyImage, Point, Scalar, SecretKey, SecretScalar};
use proptest::prelude::*;
use rand_chacha::ChaCha20Rng;
use rand_core::{Rng, SeedableRng};

/// A spendable input of `amount` in a ring of `ring_size` random decoys, with its absolute
/// output indices.
pub(crate) fn make_input(
    rng: &mut ChaCha20Rng,
    amount: u64,
    ring_size: usize,
) -> (RctInput, Vec<u64>) {
    let real_index = (rng.next_u32() as usize) % ring_size;
    let secret_key = SecretKey::random(rng);
    let mask = SecretScalar::random(rng);
    let ring = (0..ring_size)
        .map(|i| {
            if i == real_index {
                CtKey {
                    dest: secret_key.public_key().compressed(),
                    mask: CompressedPoint(commit(amount, &mask).to_bytes()),
                }
            } else {
                CtKey {
                    dest: Point::mul_base(&Scalar::random(rng)).compress(),
                    mask: Point::mul_base(&Scalar::random(rng)).compress(),
                }
            }
        })
        .collect();
    let base = u64::from(rng.next_u32());
    let offsets = (0..ring_size as u64).map(|i| base + 3 * i + 1).collect();
    (
        RctInput {
            ring,
            real_index,
            secret_key,
            mask,
            amount,
        },
        offsets,
    )
}

pub(crate) fn make_output(rng: &mut ChaCha20Rng, amount: u64) -> RctOutput {
    let mut key = [0u8; 32];
    rng.fill_bytes(&mut key);
    RctOutput {
        dest: Point::mul_base(&Scalar::random(rng)).compress(),
        amount,
        amount_key: AmountKey::from_bytes(key),
    }
}

/// A valid transaction with `n_in` inputs and `n_out` outputs, and its rings.
pub(crate) fn make_tx(seed: u64, n_in: usize, n_out: usize) -> (Transaction, Vec<Vec<CtKey>>) {
    let mut rng = ChaCha20Rng::seed_from_u64(seed);
    let fee = 1_000_000 + u64::from(rng.next_u32());
    let out_amounts: Vec<u64> = (0..n_out).map(|_| u64::from(rng.next_u32()) << 8).collect();
    let total = out_amounts.iter().sum::<u64>() + fee;
    // Split the total over the inputs.
    let mut in_amounts: Vec<u64> = (1..n_in)
        .map(|_| u64::from(rng.next_u32() % 1000))
        .collect();
    in_amounts.push(total - in_amounts.iter().sum::<u64>());
    let inputs: Vec<_> = in_amounts
        .iter()
        .map(|a| make_input(&mut rng, *a, RING_SIZE))
        .collect();
    let outputs: Vec<_> = out_amounts
        .iter()
        .map(|a| make_output(&mut rng, *a))
        .collect();
    let mut extra = alloc::vec![0x01];
    extra.extend_from_slice(&Point::mul_base(&Scalar::random(&mut rng)).to_bytes());
    let (tx, _secrets) =
        build_clsag_transaction(inputs.clone(), &outputs, fee, extra, &mut rng).unwrap();
    // Rings in the transaction's (sorted) input order.
    let rings = tx
        .prefix
        .vin
        .iter()
        .map(|vin| {
            let ki = vin.key_image().unwrap();
            inputs
                .iter()
                .find(|(i, _)| &i.key_image().unwrap() == ki)
                .unwrap()
                .0
                .ring
                .clone()
        })
        .collect();
    (tx, rings)
}

#[test]
fn build_verify_2in_2out() {
    let (tx, rings) = make_tx(1, 2, 2);
    tx.verify_ringct_only(&rings).unwrap();
    let blob = tx.to_bytes().unwrap();
    let parsed = Transaction::parse_and_validate(&blob).unwrap();
    assert_eq!(parsed, tx);
    parsed.verify_ringct_only(&rings).unwrap();
    // Key images strictly decreasing.
    let kis = tx.key_images();
    assert!(kis[0] > kis[1]);
    // Output amounts decrypt with the amount keys (see make_tx: same RNG stream).
    assert_eq!(tx.rct.rct_type, RctType::Clsag);
    assert_eq!(tx.rct.prunable.bulletproofs.len(), 1);
}

#[test]
fn outputs_decode_and_open() {
    let mut rng = ChaCha20Rng::seed_from_u64(9);
    let (input, _) = make_input(&mut rng, 1000, RING_SIZE);
    let outputs = [make_output(&mut rng, 600), make_output(&mut rng, 300)];
    let message = [7u8; 32];
    let (rv, secrets) = gen_rct_simple(
        &message,
        core::slice::from_ref(&input),
        &outputs,
        100,
        &mut rng,
    )
    .unwrap();
    for (k, o) in outputs.iter().enumerate() {
        let enc = crate::ecdh::EcdhAmount(rv.ecdh_info[k].amount[..8].try_into().unwrap());
        let (amount, mask) = crate::ecdh::ecdh_decode(&enc, &o.amount_key);
        assert_eq!(amount, o.amount);
        assert_eq!(mask, secrets.output_masks[k]);
        assert!(Commitment(rv.out_pk[k].0).opens(amount, &mask));
    }
    rv.verify_semantics().unwrap();
    rv.verify_non_semantics(
        &message,
        1,
        core::slice::from_ref(&input.ring),
        &[input.key_image().unwrap()],
    )
    .unwrap();
    // Wrong message, wrong key image, wrong ring.
    assert_eq!(
        rv.verify_non_semantics(
            &[8u8; 32],
            1,
            core::slice::from_ref(&input.ring),
            &[input.key_image().unwrap()]
        ),
        Err(Error::ClsagInvalid {
            input: 0,
            error: oxen_crypto::Error::SignatureMismatch
        })
    );
    assert!(matches!(
        rv.verify_non_semantics(
            &message,
            1,
            core::slice::from_ref(&input.ring),
            &[KeyImage([9u8; 32])]
        ),
        Err(Error::ClsagInvalid { input: 0, .. })
    ));
    let mut ring = input.ring.clone();
    ring.swap(0, 1);
    assert_eq!(
        rv.verify_non_semantics(&message, 1, &[ring], &[input.key_image().unwrap()]),
        Err(Error::ClsagInvalid {
            input: 0,
            error: oxen_crypto::Error::SignatureMismatch
        })
    );
}

#[test]
fn error_variants_rct() {
    let (tx, rings) = make_tx(2, 2, 2);
    // RctBalanceMismatch: fee + 1.
    let mut t = tx.clone();
    t.rct.txn_fee += 1;
    assert_eq!(t.rct.verify_semantics(), Err(Error::RctBalanceMismatch));
    assert_eq!(t.rct.check_balance(), Err(Error::RctBalanceMismatch));
    // ClsagInvalid: s tampered in input 1.
    let mut t = tx.clone();
    t.rct.prunable.clsags[1].s[3].0[0] ^= 1;
    assert_eq!(
        t.verify_ringct_only(&rings),
        Err(Error::ClsagInvalid {
            input: 1,
            error: oxen_crypto::Error::SignatureMismatch
        })
    );
    // A non-canonical response parses (the reference's parser does not sc_check) and fails
    // verification with the check named.
    let mut t = tx.clone();
    t.rct.prunable.clsags[0].s[0].0[31] |= 0xf0;
    let blob = t.to_bytes().unwrap();
    assert_eq!(Transaction::parse_and_validate(&blob).unwrap(), t);
    assert_eq!(
        t.verify_ringct_only(&rings),
        Err(Error::ClsagInvalid {
            input: 0,
            error: oxen_crypto::Error::NonCanonicalScalar
        })
    );
    // RctCountMismatch: a ring missing; an ecdh entry missing.
    assert_eq!(
        tx.verify_ringct_only(&rings[..1]),
        Err(Error::RctCountMismatch)
    );
    let mut t = tx.clone();
    t.rct.ecdh_info.pop();
    assert_eq!(t.to_bytes(), Err(Error::RctCountMismatch));
    assert_eq!(t.rct.verify_semantics(), Err(Error::RctCountMismatch));
    // BulletproofCountInvalid / BulletproofTooSmall.
    let mut t = tx.clone();
    t.rct.prunable.bulletproofs.clear();
    assert_eq!(
        t.rct.verify_semantics(),
        Err(Error::BulletproofCountInvalid)
    );
    assert_eq!(t.expand(), Err(Error::BulletproofCountInvalid));
    let mut t = tx.clone();
    t.rct.out_pk.push(CompressedPoint([1; 32]));
    t.rct.ecdh_info.push(EcdhTuple::default());
    t.rct.out_pk.push(CompressedPoint([1; 32]));
    t.rct.ecdh_info.push(EcdhTuple::default());
    assert_eq!(t.rct.verify_semantics(), Err(Error::BulletproofTooSmall));
    // Undecodable commitment: the balance check reports the decoding error.
    let mut t = tx.clone();
    t.rct.out_pk[0] = CompressedPoint([0xff; 32]);
    assert!(matches!(t.rct.verify_semantics(), Err(Error::Crypto(_))));
    // Bulletproof failure: outPk shifted by H on both outputs keeps the balance.
    let mut t = tx.clone();
    let h = crate::commitment::h();
    let c0 = t.rct.out_pk[0].decompress().unwrap() + h;
    let c1 = t.rct.out_pk[1].decompress().unwrap() - h;
    t.rct.out_pk[0] = c0.compress();
    t.rct.out_pk[1] = c1.compress();
    t.rct.check_balance().unwrap();
    assert!(t.rct.verify_semantics().is_err());
    // RctTypeUnsupported: type Null has nothing to verify.
    let mut t = tx.clone();
    t.rct.rct_type = RctType::Null;
    assert_eq!(t.rct.verify_semantics(), Err(Error::RctTypeUnsupported));
    assert_eq!(t.verify_ringct_only(&rings), Err(Error::RctTypeUnsupported));
    assert_eq!(
        t.rct
            .verify_non_semantics(&[0; 32], 2, &rings, &tx.key_images()),
        Err(Error::RctTypeUnsupported)
    );
    // A CLSAG signature relabelled as an MLSAG type: the counts no longer fit.
    let mut t = tx.clone();
    t.rct.rct_type = RctType::Bulletproof2;
    assert_eq!(t.rct.verify_semantics(), Err(Error::RctCountMismatch));
    assert_eq!(
        t.rct
            .verify_non_semantics(&[0; 32], 2, &rings, &tx.key_images()),
        Err(Error::RctCountMismatch)
    );
}

#[test]
fn error_variants_builder() {
    let mut rng = ChaCha20Rng::seed_from_u64(3);
    let (input, offsets) = make_input(&mut rng, 1000, RING_SIZE);
    let out = make_output(&mut rng, 900);
    let m = [0u8; 32];
    // AmountsUnbalanced, including overflow.
    assert_eq!(
        gen_rct_simple(
            &m,
            core::slice::from_ref(&input),
            core::slice::from_ref(&out),
            99,
            &mut rng
        )
        .err(),
        Some(Error::AmountsUnbalanced)
    );
    let big = make_output(&mut rng, u64::MAX);
    assert_eq!(
        gen_rct_simple(
            &m,
            core::slice::from_ref(&input),
            &[big.clone(), big],
            0,
            &mut rng
        )
        .err(),
        Some(Error::AmountsUnbalanced)
    );
    // BuilderArguments: no inputs, no outputs, 17 outputs, bad real index, offsets mismatch.
    assert_eq!(
        gen_rct_simple(&m, &[], core::slice::from_ref(&out), 0, &mut rng).err(),
        Some(Error::BuilderArguments)
    );
    assert_eq!(
        gen_rct_simple(&m, core::slice::from_ref(&input), &[], 1000, &mut rng).err(),
        Some(Error::BuilderArguments)
    );
    let many: Vec<_> = (0..17).map(|_| make_output(&mut rng, 0)).collect();
    assert_eq!(
        gen_rct_simple(&m, core::slice::from_ref(&input), &many, 1000, &mut rng).err(),
        Some(Error::BuilderArguments)
    );
    let mut bad = input.clone();
    bad.real_index = RING_SIZE;
    assert_eq!(bad.key_image(), Err(Error::BuilderArguments));
    assert_eq!(
        gen_rct_simple(
            &m,
            core::slice::from_ref(&bad),
            core::slice::from_ref(&out),
            100,
            &mut rng
        )
        .err(),
        Some(Error::BuilderArguments)
    );
    assert_eq!(
        build_clsag_transaction(
            alloc::vec![(input.clone(), offsets[..9].to_vec())],
            core::slice::from_ref(&out),
            100,
            alloc::vec![],
            &mut rng
        )
        .err(),
        Some(Error::BuilderArguments)
    );
    // The same input twice (same key image).
    assert_eq!(
        build_clsag_transaction(
            alloc::vec![(input.clone(), offsets.clone()), (input.clone(), offsets)],
            &[make_output(&mut rng, 1900)],
            100,
            alloc::vec![],
            &mut rng
        )
        .err(),
        Some(Error::BuilderArguments)
    );
    // A secret that does not open the ring member: the signer refuses.
    let mut wrong = input.clone();
    wrong.mask = SecretScalar::random(&mut rng);
    assert!(matches!(
        gen_rct_simple(
            &m,
            core::slice::from_ref(&wrong),
            core::slice::from_ref(&make_output(&mut rng, 900)),
            100,
            &mut rng
        ),
        Err(Error::Crypto(_))
    ));
    // Debug never prints secrets.
    let dbg = alloc::format!("{input:?}");
    assert!(dbg.contains("ring_size") && !dbg.contains("mask"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    /// Builder -> serialize -> parse -> verify, for random input/output counts; any single
    /// byte flipped in the blob is rejected (by the parser or by verification).
    #[test]
    fn build_parse_verify_and_tamper(seed: u64, n_in in 1usize..4, n_out in 1usize..17, pos: prop::sample::Index, bit in 0u8..8) {
        let (tx, rings) = make_tx(seed, n_in, n_out);
        let blob = tx.to_bytes().unwrap();
        let parsed = Transaction::parse_and_validate(&blob).unwrap();
        prop_assert_eq!(&parsed, &tx);
        prop_assert!(parsed.verify_ringct_only(&rings).is_ok());
        let mut bad = blob.clone();
        let i = pos.index(bad.len());
        bad[i] ^= 1 << bit;
        let verdict = Transaction::parse_and_validate(&bad).and_then(|t| t.verify_ringct_only(&rings));
        prop_assert!(verdict.is_err(), "flipping bit {} of byte {} went unnoticed", bit, i);
    }
}

/// The signature errors name the input and carry oxen-crypto's failed check in their message.
#[test]
fn signature_errors_name_the_check() {
    let e = Error::ClsagInvalid {
        input: 1,
        error: oxen_crypto::Error::NonCanonicalScalar,
    };
    assert_eq!(
        alloc::format!("{e}"),
        "CLSAG of input 1 does not verify: scalar not canonical (s >= l)"
    );
    let e = Error::MlsagInvalid {
        input: 2,
        error: oxen_crypto::Error::SignatureMismatch,
    };
    assert_eq!(
        alloc::format!("{e}"),
        "MLSAG of input 2 does not verify: signature does not verify"
    );
}
