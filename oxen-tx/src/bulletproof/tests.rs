//! Unit and property tests: prove/verify round trips, batches with one tampered proof, and one
//! test per error variant.

use alloc::vec;
use alloc::vec::Vec;

use oxen_crypto::SecretScalar;
use proptest::prelude::*;
use rand_chacha::ChaCha20Rng;
use rand_core::SeedableRng;

use super::*;
use crate::commitment::commit;

fn rng(seed: u64) -> ChaCha20Rng {
    ChaCha20Rng::seed_from_u64(seed)
}

fn proof_for(amounts: &[u64], seed: u64) -> (Bulletproof, Vec<Commitment>) {
    let mut r = rng(seed);
    let masks: Vec<SecretScalar> = amounts
        .iter()
        .map(|_| SecretScalar::random(&mut r))
        .collect();
    Bulletproof::prove(amounts, &masks, &mut r).unwrap()
}

const L_BYTES: [u8; 32] = [
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, .. ProptestConfig::default() })]

    #[test]
    fn prove_verify_round_trip(
        amounts in prop::collection::vec(any::<u64>(), 1..=MAX_AMOUNTS),
        seed in any::<u64>(),
    ) {
        let (proof, cs) = proof_for(&amounts, seed);
        let mut r = rng(seed);
        let masks: Vec<SecretScalar> = amounts.iter().map(|_| SecretScalar::random(&mut r)).collect();
        for ((c, a), m) in cs.iter().zip(&amounts).zip(&masks) {
            prop_assert_eq!(*c, commit(*a, m));
        }
        let bytes = proof.to_bytes();
        prop_assert_eq!(bytes.len(), proof.serialized_len());
        prop_assert_eq!(proof.rounds(), LOG_N + log_m(amounts.len()));
        prop_assert!(proof.max_amounts() >= amounts.len());
        let parsed = Bulletproof::from_bytes(&bytes).unwrap();
        prop_assert_eq!(&parsed, &proof);
        prop_assert!(parsed.verify(&cs).is_ok());
        // The commitments are bound: changing one amount breaks the proof.
        let mut wrong = cs.clone();
        wrong[0] = commit(amounts[0].wrapping_add(1), &masks[0]);
        prop_assert_eq!(parsed.verify(&wrong), Err(Error::BulletproofVerification));
    }

    #[test]
    fn batch_fails_iff_one_proof_tampered(
        sizes in prop::collection::vec(1usize..=3, 2..=4),
        victim in any::<prop::sample::Index>(),
        byte in any::<prop::sample::Index>(),
        flip in 1u8..=255,
        seed in any::<u64>(),
    ) {
        let proofs: Vec<(Bulletproof, Vec<Commitment>)> = sizes
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let amounts: Vec<u64> = (0..*n as u64).map(|k| seed.rotate_left(k as u32 + i as u32)).collect();
                proof_for(&amounts, seed ^ i as u64)
            })
            .collect();
        let items: Vec<(&Bulletproof, &[Commitment])> =
            proofs.iter().map(|(p, c)| (p, c.as_slice())).collect();
        prop_assert!(Bulletproof::batch_verify(&items).is_ok());

        let v = victim.index(proofs.len());
        let mut bytes = proofs[v].0.to_bytes();
        let b = byte.index(bytes.len());
        bytes[b] ^= flip;
        if let Ok(tampered) = Bulletproof::from_bytes(&bytes) {
            let mut items = items.clone();
            items[v].0 = &tampered;
            prop_assert!(Bulletproof::batch_verify(&items).is_err());
        }
    }
}

#[test]
fn serialized_sizes_match_the_reference() {
    for (n, len) in [(1usize, 674usize), (2, 738), (16, 930)] {
        let amounts: Vec<u64> = (0..n as u64).collect();
        let (p, cs) = proof_for(&amounts, 3);
        assert_eq!(p.to_bytes().len(), len);
        assert!(p.verify(&cs).is_ok());
    }
}

#[test]
fn extreme_amounts() {
    let (p, cs) = proof_for(&[0, u64::MAX, 1 << 63], 4);
    assert!(p.verify(&cs).is_ok());
}

#[test]
fn empty_batch_is_valid() {
    assert_eq!(Bulletproof::batch_verify(&[]), Ok(()));
}

#[test]
fn keys_are_in_pre_clsag_order() {
    let (p, _) = proof_for(&[1], 5);
    let keys: Vec<[u8; 32]> = p.keys().copied().collect();
    assert_eq!(keys.len(), 9 + 2 * p.rounds());
    assert_eq!(keys[0], *p.point_a());
    assert_eq!(keys[6], p.l()[0]);
    assert_eq!(keys[6 + p.rounds()], p.r()[0]);
    assert_eq!(keys[keys.len() - 1], *p.t());
}

// --- one test per error variant ---

#[test]
fn error_truncated_and_trailing() {
    let (p, _) = proof_for(&[7], 6);
    let bytes = p.to_bytes();
    for cut in [0, 31, 100, 200, bytes.len() - 1] {
        assert_eq!(
            Bulletproof::from_bytes(&bytes[..cut]),
            Err(Error::BulletproofTruncated)
        );
    }
    let mut long = bytes.clone();
    long.push(0);
    assert_eq!(
        Bulletproof::from_bytes(&long),
        Err(Error::BulletproofTrailingBytes)
    );
    assert_eq!(Bulletproof::read(&long).map(|(_, n)| n), Ok(bytes.len()));
    // A hostile count is refused before allocating.
    let mut hostile = bytes[..192].to_vec();
    hostile.extend_from_slice(&[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]);
    assert_eq!(
        Bulletproof::from_bytes(&hostile),
        Err(Error::BulletproofTruncated)
    );
    // A bad varint is the crypto crate's error.
    let mut overlong = bytes[..192].to_vec();
    overlong.extend_from_slice(&[0x80, 0x00]);
    assert!(matches!(
        Bulletproof::from_bytes(&overlong),
        Err(Error::Crypto(_))
    ));
}

fn build(l: usize, r: usize) -> Vec<u8> {
    let mut b = vec![0u8; 192];
    oxen_crypto::varint::write(&mut b, l as u64);
    b.extend(core::iter::repeat_n(1u8, 32 * l));
    oxen_crypto::varint::write(&mut b, r as u64);
    b.extend(core::iter::repeat_n(1u8, 32 * r));
    b.extend_from_slice(&[0u8; 96]);
    b
}

#[test]
fn error_lr_mismatch_and_empty() {
    assert_eq!(
        Bulletproof::from_bytes(&build(6, 5)),
        Err(Error::BulletproofLrMismatch { l: 6, r: 5 })
    );
    assert_eq!(
        Bulletproof::from_bytes(&build(0, 0)),
        Err(Error::BulletproofEmptyLr)
    );
    assert!(Bulletproof::from_bytes(&build(6, 6)).is_ok());
}

#[test]
fn error_non_canonical_scalar_and_invalid_point() {
    let (p, cs) = proof_for(&[9], 7);
    let mut q = p.clone();
    q.t = L_BYTES;
    assert_eq!(
        q.verify(&cs),
        Err(Error::BulletproofNonCanonicalScalar("t"))
    );
    let mut q = p.clone();
    q.taux = [0xff; 32];
    assert_eq!(
        q.verify(&cs),
        Err(Error::BulletproofNonCanonicalScalar("taux"))
    );
    let mut q = p.clone();
    q.big_a = [0u8; 32];
    q.big_a[0] = 2; // y = 2 is not on the curve
    assert_eq!(q.verify(&cs), Err(Error::BulletproofInvalidPoint("A")));
    let mut q = p.clone();
    q.r[3] = [0xff; 32]; // y >= p
    assert_eq!(q.verify(&cs), Err(Error::BulletproofInvalidPoint("R")));
    let mut bad = [0u8; 32];
    bad[0] = 2;
    assert_eq!(
        p.verify(&[Commitment(bad)]),
        Err(Error::BulletproofInvalidPoint("commitment"))
    );
}

#[test]
fn error_amount_counts() {
    let mut r = rng(8);
    let m = SecretScalar::random(&mut r);
    assert_eq!(
        Bulletproof::prove(&[], &[], &mut r).err(),
        Some(Error::BulletproofNoAmounts)
    );
    assert_eq!(
        Bulletproof::prove(&[1, 2], core::slice::from_ref(&m), &mut r).err(),
        Some(Error::BulletproofAmountsMasksMismatch {
            amounts: 2,
            masks: 1
        })
    );
    assert_eq!(
        Bulletproof::prove(
            &[1; 17],
            &core::array::from_fn::<_, 17, _>(|_| m.clone()),
            &mut r
        )
        .err(),
        Some(Error::BulletproofTooManyAmounts { count: 17 })
    );
    let (p, cs) = proof_for(&[1], 9);
    assert_eq!(p.verify(&[]), Err(Error::BulletproofNoAmounts));
    let many = vec![cs[0]; 17];
    assert_eq!(
        p.verify(&many),
        Err(Error::BulletproofTooManyAmounts { count: 17 })
    );
}

#[test]
fn error_wrong_round_count() {
    let (p, cs) = proof_for(&[1], 10);
    assert_eq!(
        p.verify(&[cs[0], cs[0]]),
        Err(Error::BulletproofWrongRoundCount {
            expected: 7,
            actual: 6
        })
    );
}

#[test]
fn error_zero_challenge() {
    // A zero challenge needs a Keccak preimage of a multiple of l; the check itself:
    assert_eq!(
        verifier::nonzero(curve25519_dalek::Scalar::ZERO, "w"),
        Err(Error::BulletproofZeroChallenge("w"))
    );
    assert!(verifier::nonzero(curve25519_dalek::Scalar::ONE, "w").is_ok());
}

#[test]
fn error_verification() {
    let (p, _) = proof_for(&[1], 11);
    let (_, other) = proof_for(&[1], 12);
    assert_eq!(p.verify(&other), Err(Error::BulletproofVerification));
    assert!(!p.is_valid(&other));
}

#[test]
fn generators_match_the_definition() {
    // Hi[0] = get_exponent(H, 0), Gi[0] = get_exponent(H, 1), distinct and prime order.
    generators::with_generators(64, |g| {
        assert_eq!(g.hi[0], generators::get_exponent(0));
        assert_eq!(g.gi[0], generators::get_exponent(1));
        assert_ne!(g.gi[0], g.hi[0]);
        assert!(g.gi[63].is_torsion_free());
    });
}

#[test]
fn inv_eight_is_the_inverse_of_8() {
    assert_eq!(
        inv_eight() * curve25519_dalek::Scalar::from(8u8),
        curve25519_dalek::Scalar::ONE
    );
}

#[cfg(feature = "serde")]
#[test]
fn serde_round_trip() {
    let (p, _) = proof_for(&[1], 13);
    let json = serde_json::to_string(&p).unwrap();
    assert_eq!(serde_json::from_str::<Bulletproof>(&json).unwrap(), p);
}
