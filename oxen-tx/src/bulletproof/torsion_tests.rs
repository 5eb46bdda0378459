//! Regression tests: torsion on a proof's points, hashed as sent.
//!
//! The reference's verifier multiplies every proof point by 8 (`rct::scalarmult8` on `V`, `A`,
//! `S`, `T1`, `T2`, `L`, `R` in `bulletproof_VERIFY`) before the multiexponentiation, which
//! clears any torsion. A prover who adds a small-order point to a point *before* hashing it
//! therefore makes a proof the reference accepts. Folding the 8 into the scalar (mod `l`) does
//! not clear the torsion, so the verifier checks that the sum is of small order instead of the
//! identity (the sum of prime-order parts is the reference's sum). Before that fix these proofs
//! were rejected: a consensus split.

use alloc::vec::Vec;

use curve25519_dalek::constants::EIGHT_TORSION;
use curve25519_dalek::edwards::{CompressedEdwardsY, EdwardsPoint};
use curve25519_dalek::scalar::Scalar;
use rand_chacha::ChaCha20Rng;
use rand_core::SeedableRng;

use super::generators::with_generators;
use super::prover::{WireField, prove_with, random_scalar};
use super::{Bulletproof, N_BITS, inv_eight, log_m};
use crate::Error;
use crate::commitment::Commitment;

fn add(bytes: [u8; 32], t: &EdwardsPoint) -> [u8; 32] {
    let p = CompressedEdwardsY(bytes).decompress().unwrap_or_default();
    (p + t).compress().to_bytes()
}

/// A proof whose `field` had `t` added before hashing, its commitments `C`, and its `V` as
/// hashed.
fn torsioned(
    field: WireField,
    t: EdwardsPoint,
    amounts: &[u64],
    seed: u64,
) -> (Bulletproof, Vec<Commitment>, Vec<[u8; 32]>) {
    let mut rng = ChaCha20Rng::seed_from_u64(seed);
    let masks: Vec<Scalar> = amounts.iter().map(|_| random_scalar(&mut rng)).collect();
    let mn = (1usize << log_m(amounts.len())) * N_BITS;
    let tweak = |f: WireField, bytes: [u8; 32]| if f == field { add(bytes, &t) } else { bytes };
    let (proof, cs) = with_generators(mn, |g| prove_with(g, amounts, &masks, mn, &mut rng, tweak));
    let v = cs
        .iter()
        .map(|c| {
            let v = CompressedEdwardsY(c.0).decompress().unwrap_or_default() * inv_eight();
            tweak(WireField::V, v.compress().to_bytes())
        })
        .collect();
    (proof, cs, v)
}

const FIELDS: [WireField; 5] = [
    WireField::V,
    WireField::A,
    WireField::S,
    WireField::T1,
    WireField::T2,
];

#[test]
fn torsion_hashed_as_sent_is_accepted_as_the_reference_accepts_it() {
    for (i, field) in FIELDS.into_iter().enumerate() {
        // orders 8, 4 and 2
        for (j, t) in [EIGHT_TORSION[1], EIGHT_TORSION[2], EIGHT_TORSION[4]]
            .into_iter()
            .enumerate()
        {
            let (proof, cs, v) = torsioned(field, t, &[7, 1 << 40], (10 * i + j) as u64);
            assert_eq!(proof.verify_v(&v), Ok(()), "{field:?}, torsion {j}");
            assert_eq!(Bulletproof::batch_verify_v(&[(&proof, &v)]), Ok(()));
            if field == WireField::V {
                // From the outputs, V = C/8 has no torsion: not the V the proof hashed.
                assert_eq!(proof.verify(&cs), Err(Error::BulletproofVerification));
            } else {
                assert_eq!(proof.verify(&cs), Ok(()), "{field:?}, torsion {j}");
            }
        }
    }
}

#[test]
fn a_torsioned_proof_in_a_batch_of_clean_ones() {
    let (clean_a, cs0, _) = torsioned(WireField::A, EdwardsPoint::default(), &[1], 90);
    let (tors, cs1, _) = torsioned(WireField::T2, EIGHT_TORSION[3], &[2, 3, 4], 91);
    let (clean, cs2, _) = torsioned(WireField::S, EdwardsPoint::default(), &[5, 6], 92);
    let items = [
        (&clean_a, cs0.as_slice()),
        (&tors, cs1.as_slice()),
        (&clean, cs2.as_slice()),
    ];
    assert_eq!(Bulletproof::batch_verify(&items), Ok(()));
    // ...and a real failure next to it is still found.
    let items = [(&tors, cs1.as_slice()), (&clean, cs0.as_slice())];
    assert!(Bulletproof::batch_verify(&items).is_err());
}
