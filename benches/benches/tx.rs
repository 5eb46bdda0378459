//! Benchmarks for oxen-tx amounts: commitments, ECDH, Bulletproofs (Oxen's format) beside
//! monero-bulletproofs (the same original-Bulletproofs construction, dalek 4), the `bulletproofs`
//! crate (Ristretto, through `oxen_tx::range_proof`) and a "floor": one dalek multiscalar
//! multiplication of the size of the Bulletproof verification equation.
//!
//! `cargo bench -p oxen-benches --bench tx -- --warm-up-time 1 --measurement-time 3`
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use curve25519_dalek::edwards::EdwardsPoint;
use curve25519_dalek::traits::VartimeMultiscalarMul;
use oxen_crypto::{Scalar, SecretScalar};
use oxen_tx::bulletproof::Bulletproof;
use oxen_tx::commitment::{Commitment, commit};
use oxen_tx::ecdh::{AmountKey, ecdh_decode, ecdh_encode};
use oxen_tx::range_proof::merlin::Transcript;
use oxen_tx::range_proof::{
    RangeProof, RistrettoBlinding, RistrettoCommitment, RistrettoRangeProof, Statement,
};
use rand_chacha::ChaCha20Rng;
use rand_chacha::rand_core::SeedableRng;
use rand_chacha_03::rand_core::SeedableRng as SeedableRng03;

fn rng() -> ChaCha20Rng {
    ChaCha20Rng::seed_from_u64(42)
}

fn amounts(n: usize) -> Vec<u64> {
    (0..n as u64)
        .map(|i| 1_000_000_007u64.wrapping_mul(i + 1))
        .collect()
}

fn oxen_proof(n: usize, r: &mut ChaCha20Rng) -> (Bulletproof, Vec<Commitment>, Vec<SecretScalar>) {
    let masks: Vec<SecretScalar> = (0..n).map(|_| SecretScalar::random(r)).collect();
    let (p, c) = Bulletproof::prove(&amounts(n), &masks, r).unwrap();
    (p, c, masks)
}

/// A monero-bulletproofs proof and its commitments, built through bytes only.
fn monero_proof(
    n: usize,
    r: &mut rand_chacha_03::ChaCha20Rng,
) -> (
    monero_bulletproofs::Bulletproof,
    Vec<monero_ed25519::CompressedPoint>,
) {
    let mut ours = rng();
    let openings: Vec<monero_ed25519::Commitment> = amounts(n)
        .into_iter()
        .map(|a| {
            let m = Scalar::random(&mut ours).to_bytes();
            monero_ed25519::Commitment::new(monero_ed25519::Scalar::read(&mut &m[..]).unwrap(), a)
        })
        .collect();
    let cs = openings.iter().map(|o| o.commit().compress()).collect();
    (
        monero_bulletproofs::Bulletproof::prove(r, openings).unwrap(),
        cs,
    )
}

fn ristretto_proof(
    n: usize,
    r: &mut ChaCha20Rng,
) -> (RistrettoRangeProof, Vec<RistrettoCommitment>) {
    let blindings: Vec<RistrettoBlinding> = (0..n).map(|_| RistrettoBlinding::random(r)).collect();
    RistrettoRangeProof::prove(
        &mut Transcript::new(b"oxen-bench"),
        &amounts(n),
        &blindings,
        r,
    )
    .unwrap()
}

/// Random points and scalars for a floor multiscalar multiplication of `size` terms.
fn floor_input(size: usize) -> (Vec<curve25519_dalek::Scalar>, Vec<EdwardsPoint>) {
    let mut r = rng();
    let scalars: Vec<curve25519_dalek::Scalar> = (0..size)
        .map(|_| Scalar::random(&mut r).to_dalek())
        .collect();
    let points = scalars
        .iter()
        .map(|s| EdwardsPoint::mul_base(&(s + curve25519_dalek::Scalar::ONE)))
        .collect();
    (scalars, points)
}

/// Size of the verification equation for `m` amounts: `2 + 2·64M` fixed points plus
/// `m + 4 + 2·(6 + log2 M)` proof points.
fn equation_size(m: usize) -> usize {
    let log_m = m.next_power_of_two().trailing_zeros() as usize;
    2 + 2 * 64 * (1 << log_m) + m + 4 + 2 * (6 + log_m)
}

fn bench_commitments(c: &mut Criterion) {
    let mut r = rng();
    let mask = SecretScalar::random(&mut r);
    let _ = commit(1, &mask); // build the H table outside the timing
    c.bench_function("commit/oxen", |b| {
        b.iter(|| commit(black_box(123_456_789), &mask))
    });
    let key = AmountKey::from_secret_scalar(&SecretScalar::random(&mut r));
    c.bench_function("ecdh_encode/oxen", |b| {
        b.iter(|| ecdh_encode(black_box(123_456_789), &key))
    });
    let enc = ecdh_encode(123_456_789, &key);
    c.bench_function("ecdh_decode/oxen", |b| {
        b.iter(|| ecdh_decode(black_box(&enc), &key))
    });
}

fn bench_prove(c: &mut Criterion) {
    let mut r = rng();
    let _ = oxen_proof(1, &mut r); // generators are built once, outside the timing
    for n in [1usize, 2, 16] {
        let amounts = amounts(n);
        let masks: Vec<SecretScalar> = (0..n).map(|_| SecretScalar::random(&mut r)).collect();
        c.bench_function(&format!("bp_prove_{n}x64/oxen"), |b| {
            b.iter(|| Bulletproof::prove(&amounts, &masks, &mut r).unwrap())
        });
    }
    let _ = ristretto_proof(1, &mut r);
    let blindings = [RistrettoBlinding::random(&mut r)];
    c.bench_function("bp_prove_1x64/ristretto", |b| {
        b.iter(|| {
            RistrettoRangeProof::prove(
                &mut Transcript::new(b"oxen-bench"),
                &amounts(1),
                &blindings,
                &mut r,
            )
            .unwrap()
        })
    });
}

fn bench_verify(c: &mut Criterion) {
    let mut r = rng();
    let mut r03 = rand_chacha_03::ChaCha20Rng::seed_from_u64(7);

    let (p1, c1, _) = oxen_proof(1, &mut r);
    // Same construction: monero-bulletproofs' proof bytes parse and verify here, and ours there.
    let (m1, mc1) = monero_proof(1, &mut r03);
    let m1_ours = Bulletproof::from_bytes(&m1.serialize()).unwrap();
    let mc1_ours: Vec<Commitment> = mc1
        .iter()
        .map(|c| Commitment::from_bytes(c.to_bytes()))
        .collect();
    m1_ours.verify(&mc1_ours).unwrap();
    let ours_there = monero_bulletproofs::Bulletproof::read(&mut p1.to_bytes().as_slice()).unwrap();
    let c1_there: Vec<monero_ed25519::CompressedPoint> = c1
        .iter()
        .map(|c| monero_ed25519::CompressedPoint::from(c.to_bytes()))
        .collect();
    assert!(ours_there.verify(&mut r03, &c1_there));

    c.bench_function("bp_verify_1x64/oxen", |b| {
        b.iter(|| p1.verify(black_box(&c1)).unwrap())
    });
    c.bench_function("bp_verify_1x64/monero-bulletproofs", |b| {
        b.iter(|| assert!(m1.verify(&mut r03, black_box(&mc1))))
    });
    let (s, p) = floor_input(equation_size(1));
    c.bench_function("bp_verify_1x64/floor", |b| {
        b.iter(|| EdwardsPoint::vartime_multiscalar_mul(black_box(&s), &p))
    });

    let (p2, c2, _) = oxen_proof(2, &mut r);
    c.bench_function("bp_verify_2x64/oxen", |b| {
        b.iter(|| p2.verify(black_box(&c2)).unwrap())
    });

    let (p16, c16, _) = oxen_proof(16, &mut r);
    c.bench_function("bp_verify_16x64/oxen", |b| {
        b.iter(|| p16.verify(black_box(&c16)).unwrap())
    });
    let (rp16, rc16) = ristretto_proof(16, &mut r);
    c.bench_function("bp_verify_16x64/ristretto", |b| {
        b.iter(|| assert!(rp16.verify(&mut Transcript::new(b"oxen-bench"), black_box(&rc16))))
    });
    let (s, p) = floor_input(equation_size(16));
    c.bench_function("bp_verify_16x64/floor", |b| {
        b.iter(|| EdwardsPoint::vartime_multiscalar_mul(black_box(&s), &p))
    });
    let _ = Statement::<RistrettoRangeProof>::new; // the trait's batch type, unused here
}

fn bench_batch(c: &mut Criterion) {
    let mut r = rng();
    let mut r03 = rand_chacha_03::ChaCha20Rng::seed_from_u64(9);
    let ours: Vec<(Bulletproof, Vec<Commitment>)> = (0..32)
        .map(|_| {
            let (p, c, _) = oxen_proof(1, &mut r);
            (p, c)
        })
        .collect();
    let items: Vec<(&Bulletproof, &[Commitment])> =
        ours.iter().map(|(p, c)| (p, c.as_slice())).collect();
    Bulletproof::batch_verify(&items).unwrap();
    c.bench_function("bp_batch_verify_32x1/oxen", |b| {
        b.iter(|| Bulletproof::batch_verify(black_box(&items)).unwrap())
    });

    let theirs: Vec<_> = (0..32).map(|_| monero_proof(1, &mut r03)).collect();
    c.bench_function("bp_batch_verify_32x1/monero-bulletproofs", |b| {
        b.iter_batched(
            monero_bulletproofs::BatchVerifier::new,
            |mut v| {
                for (p, cs) in &theirs {
                    assert!(p.batch_verify(&mut r03, &mut v, cs));
                }
                assert!(v.verify());
            },
            BatchSize::SmallInput,
        )
    });
}

criterion_group!(
    group,
    bench_commitments,
    bench_prove,
    bench_verify,
    bench_batch
);
criterion_main!(group);
