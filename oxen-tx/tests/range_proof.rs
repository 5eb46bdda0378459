//! The `range_proof` trait over both backends: round trips, tampering (including field-level
//! mutations of valid proofs), batches, serde and every error variant the module adds.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

/// Generic code over the trait: prove, round-trip through bytes, verify alone and in a batch.
fn generic_round_trip<P: oxen_tx::range_proof::RangeProof>(
    new_transcript: impl Fn() -> P::Transcript,
    amounts: &[u64],
    blindings: &[P::Blinding],
    seed: u64,
) -> (P, Vec<P::Commitment>) {
    use oxen_tx::range_proof::Statement;
    use rand_core::SeedableRng;
    let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(seed);
    let (proof, commitments) =
        P::prove(&mut new_transcript(), amounts, blindings, &mut rng).unwrap();
    assert_eq!(commitments.len(), amounts.len());
    let proof = P::from_bytes(&proof.to_bytes()).unwrap();
    assert!(
        proof.verify(&mut new_transcript(), &commitments),
        "{}",
        P::BACKEND
    );
    assert!(P::batch_verify([Statement::new(
        &proof,
        &commitments,
        new_transcript()
    )]));
    (proof, commitments)
}

mod oxen {
    use oxen_crypto::SecretScalar;
    use oxen_tx::Error;
    use oxen_tx::bulletproof::Bulletproof;
    use oxen_tx::commitment::{Commitment, commit};
    use oxen_tx::range_proof::{MAX_AMOUNTS, RangeProof, Statement};
    use rand_chacha::ChaCha20Rng;
    use rand_core::SeedableRng;

    fn masks(seed: u64, n: usize) -> Vec<SecretScalar> {
        let mut rng = ChaCha20Rng::seed_from_u64(seed);
        (0..n).map(|_| SecretScalar::random(&mut rng)).collect()
    }

    fn prove(seed: u64, amounts: &[u64]) -> (Bulletproof, Vec<Commitment>) {
        super::generic_round_trip::<Bulletproof>(|| (), amounts, &masks(seed, amounts.len()), seed)
    }

    #[test]
    fn round_trip_and_commitments_open() {
        for n in [1usize, 2, 3, 16] {
            let amounts: Vec<u64> = (0..n as u64).map(|i| u64::MAX - 3 * i).collect();
            let m = masks(n as u64, n);
            let (proof, commitments) =
                super::generic_round_trip::<Bulletproof>(|| (), &amounts, &m, n as u64);
            for ((c, a), mask) in commitments.iter().zip(&amounts).zip(&m) {
                assert_eq!(*c, commit(*a, mask));
            }
            // Through the trait and through the inherent API alike.
            assert_eq!(RangeProof::to_bytes(&proof), proof.to_bytes());
            assert!(proof.verify(&commitments).is_ok());
        }
    }

    #[test]
    fn tampering_is_rejected() {
        let (proof, commitments) = prove(1, &[10, 20, 30]);
        let check = |c: &[Commitment]| RangeProof::verify(&proof, &mut (), c);
        assert!(check(&commitments));
        let mut other = commitments.clone();
        other[2] = commit(31, &masks(1, 3)[2]);
        assert!(!check(&other));
        let mut swapped = commitments.clone();
        swapped.swap(0, 1);
        assert!(!check(&swapped));
        assert!(!check(&commitments[..2]));
        assert!(!check(&[]));
        let bytes = RangeProof::to_bytes(&proof);
        for i in (0..bytes.len()).step_by(11) {
            let mut t = bytes.clone();
            t[i] ^= 0x10;
            if let Ok(p) = <Bulletproof as RangeProof>::from_bytes(&t) {
                assert!(!RangeProof::verify(&p, &mut (), &commitments), "byte {i}");
            }
        }
    }

    #[test]
    fn batch_verify_accepts_good_and_rejects_one_bad() {
        let proofs: Vec<_> = (0..5u64)
            .map(|i| prove(50 + i, &vec![i; (i as usize % 2) + 1]))
            .collect();
        let statements = || -> Vec<Statement<'_, Bulletproof>> {
            proofs
                .iter()
                .map(|(p, c)| Statement::new(p, c, ()))
                .collect()
        };
        assert!(<Bulletproof as RangeProof>::batch_verify(statements()));
        assert!(<Bulletproof as RangeProof>::batch_verify(Vec::new()));
        let mut bad = statements();
        bad[3].commitments = &proofs[1].1;
        assert!(!<Bulletproof as RangeProof>::batch_verify(bad));
    }

    /// Offsets of the 32-byte fields of a proof with `rounds` L/R pairs (one varint byte before
    /// each vector).
    fn field_offsets(rounds: usize) -> Vec<usize> {
        let mut o: Vec<usize> = (0..6).map(|i| 32 * i).collect();
        o.extend((0..rounds).map(|i| 193 + 32 * i));
        o.extend((0..rounds).map(|i| 194 + 32 * (rounds + i)));
        let end = 194 + 64 * rounds;
        o.extend([end, end + 32, end + 64]);
        o
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// Field-level mutations of a valid proof (a flipped bit, a scalar plus `l`, a field
        /// copied from another field, a field from another valid proof): the result fails to
        /// parse or fails to verify, alone and in a batch with a valid proof.
        #[test]
        fn mutated_valid_proofs_never_verify(
            edits in proptest::collection::vec((0usize..64, 0u8..4, 0usize..256), 1..=3),
        ) {
            use std::sync::OnceLock;
            static VALID: OnceLock<[(Bulletproof, Vec<Commitment>); 2]> = OnceLock::new();
            const L: [u8; 32] = [
                0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9,
                0xde, 0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
            ];
            let [(good, cs), (other, _)] = VALID.get_or_init(|| [prove(90, &[3, 4]), prove(91, &[5, 6])]);
            let bytes = good.to_bytes();
            let donor = other.to_bytes();
            let offsets = field_offsets(good.l().len());
            let mut b = bytes.clone();
            for (field, op, arg) in edits {
                let at = offsets[field % offsets.len()];
                match op {
                    0 => b[at + arg / 8 % 32] ^= 1 << (arg % 8),
                    1 => {
                        let mut carry = 0u16;
                        for i in 0..32 {
                            let s = u16::from(b[at + i]) + u16::from(L[i]) + carry;
                            b[at + i] = s as u8;
                            carry = s >> 8;
                        }
                    }
                    2 => {
                        let from = offsets[arg % offsets.len()];
                        let src: [u8; 32] = bytes[from..from + 32].try_into().unwrap();
                        b[at..at + 32].copy_from_slice(&src);
                    }
                    _ => b[at..at + 32].copy_from_slice(&donor[at..at + 32]),
                }
            }
            if b != bytes
                && let Ok(p) = <Bulletproof as RangeProof>::from_bytes(&b)
            {
                proptest::prop_assert!(!RangeProof::verify(&p, &mut (), cs));
                proptest::prop_assert!(!<Bulletproof as RangeProof>::batch_verify([
                    Statement::new(&p, cs, ()),
                    Statement::new(good, cs, ()),
                ]));
            }
        }
    }

    #[test]
    fn count_errors_are_the_traits() {
        let mut rng = ChaCha20Rng::seed_from_u64(2);
        assert_eq!(
            <Bulletproof as RangeProof>::prove(&mut (), &[], &[], &mut rng).unwrap_err(),
            Error::RangeProofAmountCount {
                count: 0,
                max: MAX_AMOUNTS
            }
        );
        let m = masks(2, MAX_AMOUNTS + 1);
        assert_eq!(
            <Bulletproof as RangeProof>::prove(&mut (), &[7; MAX_AMOUNTS + 1], &m, &mut rng)
                .unwrap_err(),
            Error::RangeProofAmountCount {
                count: MAX_AMOUNTS + 1,
                max: MAX_AMOUNTS
            }
        );
        assert_eq!(
            <Bulletproof as RangeProof>::prove(&mut (), &[1, 2, 3], &m[..2], &mut rng).unwrap_err(),
            Error::RangeProofBlindingCount {
                amounts: 3,
                blindings: 2
            }
        );
        assert_eq!(
            Error::RangeProofBlindingCount {
                amounts: 3,
                blindings: 2
            }
            .to_string(),
            "range proof over 3 amounts given 2 blinding factors"
        );
    }

    #[test]
    fn from_bytes_errors_pass_through() {
        let (proof, _) = prove(3, &[3]);
        let bytes = RangeProof::to_bytes(&proof);
        assert_eq!(
            <Bulletproof as RangeProof>::from_bytes(&bytes[..100]).unwrap_err(),
            Error::BulletproofTruncated
        );
    }

    #[cfg(feature = "serde")]
    #[test]
    fn serde_round_trips() {
        let (proof, commitments) = prove(4, &[4, 5]);
        let back: Bulletproof =
            serde_json::from_str(&serde_json::to_string(&proof).unwrap()).unwrap();
        assert_eq!(RangeProof::to_bytes(&back), RangeProof::to_bytes(&proof));
        let c: Vec<Commitment> =
            serde_json::from_str(&serde_json::to_string(&commitments).unwrap()).unwrap();
        assert_eq!(c, commitments);
        assert!(RangeProof::verify(&back, &mut (), &c));
    }

    /// tx.md §4.5: the two formats do not interoperate.
    #[cfg(feature = "ristretto")]
    #[test]
    fn a_ristretto_proof_is_not_an_oxen_proof() {
        use oxen_tx::range_proof::merlin::Transcript;
        use oxen_tx::range_proof::{RistrettoBlinding, RistrettoRangeProof};
        let mut rng = ChaCha20Rng::seed_from_u64(5);
        let b = [RistrettoBlinding::random(&mut rng)];
        let (rp, rc) =
            RistrettoRangeProof::prove(&mut Transcript::new(b"x"), &[5], &b, &mut rng).unwrap();
        let commitments = [Commitment::from_bytes(rc[0].to_bytes())];
        match <Bulletproof as RangeProof>::from_bytes(&RangeProof::to_bytes(&rp)) {
            Ok(p) => assert!(!RangeProof::verify(&p, &mut (), &commitments)),
            Err(e) => assert!(
                matches!(
                    e,
                    Error::BulletproofTruncated
                        | Error::BulletproofTrailingBytes
                        | Error::BulletproofLrMismatch { .. }
                        | Error::BulletproofEmptyLr
                        | Error::BulletproofNonCanonicalScalar(_)
                ),
                "{e:?}"
            ),
        }
        let (op, _) = prove(6, &[5]);
        assert!(
            RistrettoRangeProof::from_bytes(&RangeProof::to_bytes(&op))
                .map(|p| !p.verify(&mut Transcript::new(b"x"), &rc))
                .unwrap_or(true)
        );
    }
}

#[cfg(feature = "ristretto")]
mod ristretto {
    use oxen_tx::Error;
    use oxen_tx::range_proof::merlin::Transcript;
    use oxen_tx::range_proof::{
        MAX_AMOUNTS, RangeProof, RistrettoBlinding, RistrettoCommitment, RistrettoRangeProof,
        Statement,
    };
    use proptest::prelude::*;
    use rand_chacha::ChaCha20Rng;
    use rand_core::SeedableRng;

    const LABEL: &[u8] = b"oxen-tx range_proof test";

    fn blindings(rng: &mut ChaCha20Rng, n: usize) -> Vec<RistrettoBlinding> {
        (0..n).map(|_| RistrettoBlinding::random(rng)).collect()
    }

    fn prove(seed: u64, amounts: &[u64]) -> (RistrettoRangeProof, Vec<RistrettoCommitment>) {
        let mut rng = ChaCha20Rng::seed_from_u64(seed.wrapping_add(1 << 40));
        let b = blindings(&mut rng, amounts.len());
        super::generic_round_trip::<RistrettoRangeProof>(
            || Transcript::new(LABEL),
            amounts,
            &b,
            seed,
        )
    }

    fn verifies(proof: &RistrettoRangeProof, commitments: &[RistrettoCommitment]) -> bool {
        proof.verify(&mut Transcript::new(LABEL), commitments)
    }

    #[test]
    fn round_trip_every_aggregation_size() {
        for n in [1usize, 2, 3, 4, 5, 8, 16] {
            let amounts: Vec<u64> = (0..n as u64).map(|i| u64::MAX - i * 977).collect();
            let (proof, commitments) = prove(n as u64, &amounts);
            assert_eq!(commitments.len(), n);
            assert!(verifies(&proof, &commitments), "n = {n}");
            // Size: 32·(9 + 2·log2(64·m)), m = n rounded up to a power of two.
            let m = n.next_power_of_two();
            let rounds = (64 * m).trailing_zeros() as usize;
            let bytes = proof.to_bytes();
            assert_eq!(bytes.len(), 32 * (9 + 2 * rounds), "n = {n}");
            let decoded = RistrettoRangeProof::from_bytes(&bytes).unwrap();
            assert_eq!(decoded, proof);
            assert_eq!(decoded.to_bytes(), bytes);
            assert!(verifies(&decoded, &commitments), "n = {n} after decoding");
        }
    }

    #[test]
    fn commitments_open_to_amounts_and_blindings() {
        let mut rng = ChaCha20Rng::seed_from_u64(42);
        let amounts = [0u64, 1, 123_456_789];
        let b = blindings(&mut rng, amounts.len());
        let (_, commitments) =
            RistrettoRangeProof::prove(&mut Transcript::new(LABEL), &amounts, &b, &mut rng)
                .unwrap();
        for ((c, a), bl) in commitments.iter().zip(amounts).zip(&b) {
            assert_eq!(*c, RistrettoCommitment::commit(a, bl));
        }
        // Blinding bytes round-trip.
        let again = RistrettoBlinding::from_bytes(*b[0].to_bytes()).unwrap();
        assert_eq!(*again.to_bytes(), *b[0].to_bytes());
        // Debug never prints the secret.
        assert_eq!(format!("{:?}", b[0]), "RistrettoBlinding(<secret>)");
    }

    #[test]
    fn proving_is_deterministic_given_the_rng() {
        assert_eq!(
            prove(9, &[5, 6]).0.to_bytes(),
            prove(9, &[5, 6]).0.to_bytes()
        );
        assert_ne!(
            prove(9, &[5, 6]).0.to_bytes(),
            prove(10, &[5, 6]).0.to_bytes()
        );
    }

    #[test]
    fn tampering_is_rejected() {
        let (proof, commitments) = prove(1, &[1000, 2000, 3000]);
        assert!(verifies(&proof, &commitments));

        // Another amount in one commitment.
        let mut rng = ChaCha20Rng::seed_from_u64(77);
        let mut other = commitments.clone();
        other[1] = RistrettoCommitment::commit(2001, &RistrettoBlinding::random(&mut rng));
        assert!(!verifies(&proof, &other));
        // Reordered commitments.
        let mut swapped = commitments.clone();
        swapped.swap(0, 2);
        assert!(!verifies(&proof, &swapped));
        // Missing, extra, none, too many.
        assert!(!verifies(&proof, &commitments[..2]));
        let mut extra = commitments.clone();
        extra.push(commitments[0]);
        assert!(!verifies(&proof, &extra));
        assert!(!verifies(&proof, &[]));
        assert!(!verifies(&proof, &vec![commitments[0]; MAX_AMOUNTS + 1]));
        // A different transcript (context).
        assert!(!proof.verify(&mut Transcript::new(b"another context"), &commitments));
        let mut bound = Transcript::new(LABEL);
        bound.append_message(b"extra", b"binding");
        assert!(!proof.verify(&mut bound, &commitments));

        // Every flipped bit of the encoding either fails to parse or fails to verify.
        let bytes = proof.to_bytes();
        for i in (0..bytes.len()).step_by(7) {
            let mut t = bytes.clone();
            t[i] ^= 1 << (i % 8);
            if let Ok(p) = RistrettoRangeProof::from_bytes(&t) {
                assert!(
                    !verifies(&p, &commitments),
                    "byte {i} flipped still verifies"
                );
            }
        }
    }

    #[test]
    fn proof_does_not_cover_another_amount_under_the_same_blinding() {
        // The prover only takes u64 amounts, so the negative case is a commitment with the
        // same blinding and another amount (2^64 - 1 + 1 wrapped to 0).
        let mut rng = ChaCha20Rng::seed_from_u64(3);
        let b = blindings(&mut rng, 1);
        let (proof, c) =
            RistrettoRangeProof::prove(&mut Transcript::new(LABEL), &[u64::MAX], &b, &mut rng)
                .unwrap();
        assert!(verifies(&proof, &c));
        assert!(!verifies(&proof, &[RistrettoCommitment::commit(0, &b[0])]));
    }

    #[test]
    fn batch_verify_accepts_good_and_rejects_one_bad() {
        let proofs: Vec<_> = (0..6u64)
            .map(|i| prove(100 + i, &vec![i * 10; (i as usize % 3) + 1]))
            .collect();
        let statements = || {
            proofs
                .iter()
                .map(|(p, c)| Statement::new(p, c, Transcript::new(LABEL)))
                .collect::<Vec<_>>()
        };
        assert!(RistrettoRangeProof::batch_verify(statements()));
        assert!(RistrettoRangeProof::batch_verify(Vec::new()));

        // One proof checked against another's commitments spoils the batch.
        let mut bad = statements();
        bad[4].commitments = &proofs[3].1;
        assert!(!RistrettoRangeProof::batch_verify(bad));
        // So does one wrong transcript.
        let mut bad = statements();
        bad[0].transcript = Transcript::new(b"wrong");
        assert!(!RistrettoRangeProof::batch_verify(bad));
    }

    #[test]
    fn error_amount_count() {
        let mut rng = ChaCha20Rng::seed_from_u64(5);
        let too_many = blindings(&mut rng, MAX_AMOUNTS + 1);
        let err = RistrettoRangeProof::prove(
            &mut Transcript::new(LABEL),
            &[1; MAX_AMOUNTS + 1],
            &too_many,
            &mut rng,
        )
        .unwrap_err();
        assert_eq!(
            err,
            Error::RangeProofAmountCount {
                count: MAX_AMOUNTS + 1,
                max: MAX_AMOUNTS
            }
        );
        let err = RistrettoRangeProof::prove(&mut Transcript::new(LABEL), &[], &[], &mut rng)
            .unwrap_err();
        assert_eq!(
            err,
            Error::RangeProofAmountCount {
                count: 0,
                max: MAX_AMOUNTS
            }
        );
        assert_eq!(
            err.to_string(),
            "range proof over 0 amounts: must be 1..=16"
        );
    }

    #[test]
    fn error_blinding_count() {
        let mut rng = ChaCha20Rng::seed_from_u64(6);
        let b = blindings(&mut rng, 1);
        let err = RistrettoRangeProof::prove(&mut Transcript::new(LABEL), &[1, 2], &b, &mut rng)
            .unwrap_err();
        assert_eq!(
            err,
            Error::RangeProofBlindingCount {
                amounts: 2,
                blindings: 1
            }
        );
    }

    #[test]
    fn error_non_canonical_blinding() {
        // The group order l itself, little-endian, is the smallest non-canonical scalar.
        let l = hex::decode("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010")
            .unwrap();
        let l: [u8; 32] = l.try_into().unwrap();
        assert_eq!(
            RistrettoBlinding::from_bytes(l).unwrap_err(),
            Error::RistrettoNonCanonicalBlinding
        );
        let mut below = l;
        below[0] -= 1;
        assert!(RistrettoBlinding::from_bytes(below).is_ok());
        assert!(RistrettoBlinding::from_bytes([0xff; 32]).is_err());
    }

    #[test]
    fn error_invalid_commitment() {
        // 2^255 - 1 is not a canonical field element, so not a Ristretto encoding.
        assert_eq!(
            RistrettoCommitment::from_bytes([0xff; 32]).unwrap_err(),
            Error::RistrettoInvalidCommitment
        );
        // The Ristretto encoding of a point must be non-negative (low bit clear).
        let mut odd = [0u8; 32];
        odd[0] = 1;
        assert_eq!(
            RistrettoCommitment::from_bytes(odd).unwrap_err(),
            Error::RistrettoInvalidCommitment
        );
        // The identity and real commitments are accepted and round-trip.
        assert!(RistrettoCommitment::from_bytes([0; 32]).is_ok());
        let (_, c) = prove(8, &[8]);
        assert_eq!(
            RistrettoCommitment::from_bytes(c[0].to_bytes()).unwrap(),
            c[0]
        );
        assert_eq!(<[u8; 32]>::from(c[0]), *c[0].as_bytes());
    }

    #[test]
    fn error_proof_encoding() {
        let (proof, _) = prove(11, &[11]);
        let bytes = proof.to_bytes();
        for bad in [
            &[][..],
            &bytes[..31],
            &bytes[..bytes.len() - 1],
            &bytes[..32 * 7],
            &bytes[..bytes.len() - 32],
        ] {
            assert_eq!(
                RistrettoRangeProof::from_bytes(bad).unwrap_err(),
                Error::RistrettoProofEncoding,
                "length {}",
                bad.len()
            );
        }
        // A non-canonical t_x scalar (bytes 128..160).
        let mut t = bytes.clone();
        t[128..160].copy_from_slice(&[0xff; 32]);
        assert_eq!(
            RistrettoRangeProof::from_bytes(&t).unwrap_err(),
            Error::RistrettoProofEncoding
        );
    }

    #[test]
    fn error_prover_message() {
        // Not reachable through the API (its preconditions are all checked before the
        // `bulletproofs` prover runs); its message must still say what failed.
        assert_eq!(
            Error::RistrettoProver.to_string(),
            "Ristretto range prover failed internally"
        );
    }

    #[cfg(feature = "serde")]
    #[test]
    fn serde_round_trips() {
        let (proof, commitments) = prove(12, &[1, 2, 3]);
        let json = serde_json::to_string(&proof).unwrap();
        let back: RistrettoRangeProof = serde_json::from_str(&json).unwrap();
        assert_eq!(back, proof);
        let json = serde_json::to_string(&commitments).unwrap();
        let back: Vec<RistrettoCommitment> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, commitments);
        assert!(verifies(&proof, &back));

        // Decoding applies the same checks as from_bytes.
        let bad = serde_json::to_string(&[0xffu8; 32]).unwrap();
        assert!(serde_json::from_str::<RistrettoCommitment>(&bad).is_err());
        let short = serde_json::to_string(&proof.to_bytes()[..100].to_vec()).unwrap();
        let err = serde_json::from_str::<RistrettoRangeProof>(&short).unwrap_err();
        assert!(err.to_string().contains("malformed"), "{err}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(8))]
        #[test]
        fn prop_any_amounts_round_trip(amounts in prop::collection::vec(any::<u64>(), 1..=4), seed: u64) {
            let (proof, commitments) = prove(seed, &amounts);
            let decoded = RistrettoRangeProof::from_bytes(&proof.to_bytes()).unwrap();
            prop_assert!(verifies(&decoded, &commitments));
        }
    }
}
