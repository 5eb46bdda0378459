//! Bulletproofs (the criterion rows `bp_verify_1x64`, `bp_batch_verify_32x1`,
//! `bp_batch_verify_v_32x1`, `bp_prove_1x64`): ours against monero-bulletproofs, the
//! `bulletproofs` crate (Ristretto) and the floors, with the inputs and floors of
//! `benches/benches/tx.rs` (included here as a module, so both measure the same code).

#[path = "../../benches/tx.rs"]
#[allow(dead_code)]
mod tx_bench;

use std::hint::black_box;

use curve25519_dalek::edwards::EdwardsPoint;
use curve25519_dalek::traits::VartimeMultiscalarMul;
use oxen_benches::paired::{Bench, batched, bench, plain};
use oxen_benches::report::{FLOOR, OURS};
use oxen_crypto::SecretScalar;
use oxen_tx::bulletproof::Bulletproof;
use oxen_tx::commitment::Commitment;
use oxen_tx::range_proof::merlin::Transcript;
use oxen_tx::range_proof::{RangeProof, RistrettoBlinding, RistrettoRangeProof};
use rand_chacha_03::rand_core::SeedableRng as SeedableRng03;

/// Verification of one 1-output proof.
pub const VERIFY: &str = "bp_verify_1x64";
/// Batch verification of 32 1-output proofs from their commitments.
pub const BATCH: &str = "bp_batch_verify_32x1";
/// The same batch from `V = C/8`.
pub const BATCH_V: &str = "bp_batch_verify_v_32x1";
/// Proving one 64-bit amount.
pub const PROVE: &str = "bp_prove_1x64";
/// The closest peer crate.
pub const PEER: &str = "monero-bulletproofs";
/// The `bulletproofs` crate (Ristretto, Merlin transcript).
pub const RISTRETTO: &str = "ristretto";

/// Verification of one 1-output proof: ours, monero-bulletproofs, ristretto and the floor
/// (one multiscalar multiplication of the verification equation's size).
pub fn verify_setup() -> Vec<Bench> {
    let mut r = tx_bench::rng();
    let mut r03 = rand_chacha_03::ChaCha20Rng::seed_from_u64(7);
    let (p, cs, _) = tx_bench::oxen_proof(1, &mut r);
    let (m, mc) = tx_bench::monero_proof(1, &mut r03);
    let (rp, rc) = tx_bench::ristretto_proof(1, &mut r);
    let (s, pts) = tx_bench::floor_input(tx_bench::equation_size(1));
    vec![
        bench(
            VERIFY,
            OURS,
            plain(move || p.verify(black_box(&cs)).unwrap()),
        ),
        bench(
            VERIFY,
            PEER,
            plain(move || assert!(m.verify(&mut r03, black_box(&mc)))),
        ),
        bench(
            VERIFY,
            RISTRETTO,
            plain(move || {
                assert!(rp.verify(&mut Transcript::new(b"oxen-bench"), black_box(&rc)));
            }),
        ),
        bench(
            VERIFY,
            FLOOR,
            plain(move || EdwardsPoint::vartime_multiscalar_mul(black_box(&s), &pts)),
        ),
    ]
}

/// Batch verification of 32 1-output proofs: ours (from `C` and from `V`), monero-bulletproofs'
/// batch verifier and the batch floor.
pub fn batch_setup() -> Vec<Bench> {
    let mut r = tx_bench::rng();
    let mut r03 = rand_chacha_03::ChaCha20Rng::seed_from_u64(9);
    let ours: Vec<(Bulletproof, Vec<Commitment>)> = (0..32)
        .map(|_| {
            let (p, c, _) = tx_bench::oxen_proof(1, &mut r);
            (p, c)
        })
        .collect();
    let theirs: Vec<tx_bench::MoneroProof> = (0..32)
        .map(|_| tx_bench::monero_proof(1, &mut r03))
        .collect();
    let floor = tx_bench::BatchFloor::new(&ours);
    let floor_v = tx_bench::BatchFloor::new(&ours);
    // The routines borrow the proofs for the whole process, as the criterion closures do.
    let vs: &'static [Vec<[u8; 32]>] = Vec::leak(tx_bench::commitments_over_8(&ours));
    let ours: &'static [(Bulletproof, Vec<Commitment>)] = Vec::leak(ours);
    let items: Vec<(&Bulletproof, &[Commitment])> =
        ours.iter().map(|(p, c)| (p, c.as_slice())).collect();
    Bulletproof::batch_verify(&items).unwrap();
    let items_v: Vec<(&Bulletproof, &[[u8; 32]])> = ours
        .iter()
        .zip(vs)
        .map(|((p, _), v)| (p, v.as_slice()))
        .collect();
    Bulletproof::batch_verify_v(&items_v).unwrap();
    vec![
        bench(
            BATCH,
            OURS,
            plain(move || Bulletproof::batch_verify(black_box(&items)).unwrap()),
        ),
        bench(
            BATCH,
            PEER,
            batched(monero_bulletproofs::BatchVerifier::new, move |mut v| {
                for (p, cs) in &theirs {
                    assert!(p.batch_verify(&mut r03, &mut v, cs));
                }
                assert!(v.verify());
            }),
        ),
        bench(BATCH, FLOOR, plain(move || floor.run())),
        bench(
            BATCH_V,
            OURS,
            plain(move || Bulletproof::batch_verify_v(black_box(&items_v)).unwrap()),
        ),
        bench(BATCH_V, FLOOR, plain(move || floor_v.run())),
    ]
}

/// Proving one 64-bit amount: ours, ristretto and monero-bulletproofs (as `prove_cases`).
pub fn prove_setup() -> Vec<Bench> {
    let mut r = tx_bench::rng();
    let mut r03 = rand_chacha_03::ChaCha20Rng::seed_from_u64(5);
    let amounts = tx_bench::amounts(1);
    let masks: Vec<SecretScalar> = (0..1).map(|_| SecretScalar::random(&mut r)).collect();
    let blindings: Vec<RistrettoBlinding> =
        (0..1).map(|_| RistrettoBlinding::random(&mut r)).collect();
    let openings: Vec<monero_ed25519::Commitment> = amounts
        .iter()
        .zip(&masks)
        .map(|(&a, m)| {
            let m = m.to_bytes();
            monero_ed25519::Commitment::new(monero_ed25519::Scalar::read(&mut &m[..]).unwrap(), a)
        })
        .collect();
    let mut r2 = tx_bench::rng();
    let ristretto_amounts = amounts.clone();
    vec![
        bench(
            PROVE,
            OURS,
            plain(move || Bulletproof::prove(&amounts, &masks, &mut r).unwrap()),
        ),
        bench(
            PROVE,
            RISTRETTO,
            plain(move || {
                RistrettoRangeProof::prove(
                    &mut Transcript::new(b"oxen-bench"),
                    &ristretto_amounts,
                    &blindings,
                    &mut r2,
                )
                .unwrap()
            }),
        ),
        bench(
            PROVE,
            PEER,
            batched(
                move || openings.clone(),
                move |o| monero_bulletproofs::Bulletproof::prove(&mut r03, o).unwrap(),
            ),
        ),
    ]
}
