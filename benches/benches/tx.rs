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
use curve25519_dalek::edwards::{CompressedEdwardsY, EdwardsPoint};
use curve25519_dalek::traits::VartimeMultiscalarMul;
use oxen_benches::harness::{id, iter, iter_batched};
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

pub(crate) fn rng() -> ChaCha20Rng {
    ChaCha20Rng::seed_from_u64(42)
}

pub(crate) fn amounts(n: usize) -> Vec<u64> {
    (0..n as u64)
        .map(|i| 1_000_000_007u64.wrapping_mul(i + 1))
        .collect()
}

pub(crate) fn oxen_proof(
    n: usize,
    r: &mut ChaCha20Rng,
) -> (Bulletproof, Vec<Commitment>, Vec<SecretScalar>) {
    let masks: Vec<SecretScalar> = (0..n).map(|_| SecretScalar::random(r)).collect();
    let (p, c) = Bulletproof::prove(&amounts(n), &masks, r).unwrap();
    (p, c, masks)
}

/// A monero-bulletproofs proof and its commitments, built through bytes only.
pub(crate) fn monero_proof(
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

pub(crate) fn ristretto_proof(
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
pub(crate) fn floor_input(size: usize) -> (Vec<curve25519_dalek::Scalar>, Vec<EdwardsPoint>) {
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
pub(crate) fn equation_size(m: usize) -> usize {
    let log_m = m.next_power_of_two().trailing_zeros() as usize;
    2 + 2 * 64 * (1 << log_m) + m + 4 + 2 * (6 + log_m)
}

fn bench_commitments(c: &mut Criterion) {
    let mut r = rng();
    let mask = SecretScalar::random(&mut r);
    let _ = commit(1, &mask); // build the H table outside the timing
    c.bench_function("commit/oxen", |b| {
        iter(b, || commit(black_box(123_456_789), &mask))
    });
    let key = AmountKey::from_secret_scalar(&SecretScalar::random(&mut r));
    c.bench_function("ecdh_encode/oxen", |b| {
        iter(b, || ecdh_encode(black_box(123_456_789), &key))
    });
    let enc = ecdh_encode(123_456_789, &key);
    c.bench_function("ecdh_decode/oxen", |b| {
        iter(b, || ecdh_decode(black_box(&enc), &key))
    });
}

/// Output counts of the prove and verify growth curves.
const OUTPUTS: [usize; 5] = [1, 2, 4, 8, 16];
/// Batch sizes of the batch-verification growth curve (1-output proofs).
const BATCHES: [usize; 5] = [1, 4, 16, 64, 256];

fn bench_prove(c: &mut Criterion) {
    let mut r = rng();
    let mut r03 = rand_chacha_03::ChaCha20Rng::seed_from_u64(5);
    // generators are built once, outside the timing
    let _ = oxen_proof(1, &mut r);
    let _ = ristretto_proof(1, &mut r);
    let _ = monero_proof(1, &mut r03);
    prove_cases(c, "bp_prove_1x64", 1, None, &mut r, &mut r03);
    for n in OUTPUTS {
        prove_cases(c, "bp_prove", n, Some(n), &mut r, &mut r03);
    }
}

fn prove_cases(
    c: &mut Criterion,
    group: &str,
    n: usize,
    at: Option<usize>,
    r: &mut ChaCha20Rng,
    r03: &mut rand_chacha_03::ChaCha20Rng,
) {
    let amounts = amounts(n);
    let masks: Vec<SecretScalar> = (0..n).map(|_| SecretScalar::random(r)).collect();
    let blindings: Vec<RistrettoBlinding> = (0..n).map(|_| RistrettoBlinding::random(r)).collect();
    let openings: Vec<monero_ed25519::Commitment> = amounts
        .iter()
        .zip(&masks)
        .map(|(&a, m)| {
            let m = m.to_bytes();
            monero_ed25519::Commitment::new(monero_ed25519::Scalar::read(&mut &m[..]).unwrap(), a)
        })
        .collect();
    let mut g = c.benchmark_group(group);
    g.bench_function(id("oxen", at), |b| {
        iter(b, || Bulletproof::prove(&amounts, &masks, &mut *r).unwrap())
    });
    g.bench_function(id("ristretto", at), |b| {
        iter(b, || {
            RistrettoRangeProof::prove(
                &mut Transcript::new(b"oxen-bench"),
                &amounts,
                &blindings,
                &mut *r,
            )
            .unwrap()
        })
    });
    g.bench_function(id("monero-bulletproofs", at), |b| {
        iter_batched(
            b,
            || openings.clone(),
            |o| monero_bulletproofs::Bulletproof::prove(&mut *r03, o).unwrap(),
            BatchSize::SmallInput,
        )
    });
    g.finish();
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

    verify_cases(c, "bp_verify_1x64", 1, None, &mut r, &mut r03);
    for n in OUTPUTS {
        verify_cases(c, "bp_verify", n, Some(n), &mut r, &mut r03);
    }
    let _ = Statement::<RistrettoRangeProof>::new; // the trait's batch type, unused here
}

fn verify_cases(
    c: &mut Criterion,
    group: &str,
    n: usize,
    at: Option<usize>,
    r: &mut ChaCha20Rng,
    r03: &mut rand_chacha_03::ChaCha20Rng,
) {
    let (p, cs, _) = oxen_proof(n, r);
    let (m, mc) = monero_proof(n, r03);
    let (rp, rc) = ristretto_proof(n, r);
    let (s, pts) = floor_input(equation_size(n));
    let mut g = c.benchmark_group(group);
    g.bench_function(id("oxen", at), |b| {
        iter(b, || p.verify(black_box(&cs)).unwrap())
    });
    g.bench_function(id("monero-bulletproofs", at), |b| {
        iter(b, || assert!(m.verify(&mut *r03, black_box(&mc))))
    });
    g.bench_function(id("ristretto", at), |b| {
        iter(b, || {
            assert!(rp.verify(&mut Transcript::new(b"oxen-bench"), black_box(&rc)))
        })
    });
    g.bench_function(id("floor", at), |b| {
        iter(b, || {
            EdwardsPoint::vartime_multiscalar_mul(black_box(&s), &pts)
        })
    });
    g.finish();
}

fn bench_batch(c: &mut Criterion) {
    let mut r = rng();
    let mut r03 = rand_chacha_03::ChaCha20Rng::seed_from_u64(9);
    let most = BATCHES.iter().copied().max().unwrap_or(32).max(32);
    let ours: Vec<(Bulletproof, Vec<Commitment>)> = (0..most)
        .map(|_| {
            let (p, c, _) = oxen_proof(1, &mut r);
            (p, c)
        })
        .collect();
    let theirs: Vec<_> = (0..most).map(|_| monero_proof(1, &mut r03)).collect();
    batch_cases(
        c,
        "bp_batch_verify_32x1",
        32,
        None,
        (&ours, &theirs),
        &mut r03,
    );
    batch_from_v(c, &ours[..32]);
    for n in BATCHES {
        batch_cases(c, "bp_batch_verify", n, Some(n), (&ours, &theirs), &mut r03);
    }
}

pub(crate) type MoneroProof = (
    monero_bulletproofs::Bulletproof,
    Vec<monero_ed25519::CompressedPoint>,
);

fn batch_cases(
    c: &mut Criterion,
    group: &str,
    n: usize,
    at: Option<usize>,
    (ours, theirs): (&[(Bulletproof, Vec<Commitment>)], &[MoneroProof]),
    r03: &mut rand_chacha_03::ChaCha20Rng,
) {
    let items: Vec<(&Bulletproof, &[Commitment])> =
        ours[..n].iter().map(|(p, c)| (p, c.as_slice())).collect();
    Bulletproof::batch_verify(&items).unwrap();
    let floor = BatchFloor::new(&ours[..n]);
    let mut g = c.benchmark_group(group);
    g.bench_function(id("oxen", at), |b| {
        iter(b, || Bulletproof::batch_verify(black_box(&items)).unwrap())
    });
    g.bench_function(id("monero-bulletproofs", at), |b| {
        iter_batched(
            b,
            monero_bulletproofs::BatchVerifier::new,
            |mut v| {
                for (p, cs) in &theirs[..n] {
                    assert!(p.batch_verify(&mut *r03, &mut v, cs));
                }
                assert!(v.verify());
            },
            BatchSize::SmallInput,
        )
    });
    g.bench_function(id("floor", at), |b| iter(b, || floor.run()));
    g.finish();
}

/// The same batch of 32 from `V` (each commitment already divided by 8, as a node has it after
/// `expand_transaction_1`): the verifier alone, without restoring `V = C/8` (one variable-base
/// scalar multiplication per commitment, which the floor leaves out), against the same floor.
fn batch_from_v(c: &mut Criterion, proofs: &[(Bulletproof, Vec<Commitment>)]) {
    let vs = commitments_over_8(proofs);
    let items: Vec<(&Bulletproof, &[[u8; 32]])> = proofs
        .iter()
        .zip(&vs)
        .map(|((p, _), v)| (p, v.as_slice()))
        .collect();
    Bulletproof::batch_verify_v(&items).unwrap();
    let floor = BatchFloor::new(proofs);
    let mut g = c.benchmark_group("bp_batch_verify_v_32x1");
    g.bench_function(id("oxen", None), |b| {
        iter(b, || {
            Bulletproof::batch_verify_v(black_box(&items)).unwrap()
        })
    });
    g.bench_function(id("floor", None), |b| iter(b, || floor.run()));
    g.finish();
}

/// Each proof's commitments divided by 8 (`V = C/8`, as `batch_verify_v` takes them).
pub(crate) fn commitments_over_8(proofs: &[(Bulletproof, Vec<Commitment>)]) -> Vec<Vec<[u8; 32]>> {
    let inv8 =
        curve25519_dalek::Scalar::from_bytes_mod_order(oxen_tx::bulletproof::INV_EIGHT_BYTES);
    proofs
        .iter()
        .map(|(_, cs)| {
            cs.iter()
                .map(|c| {
                    let p = CompressedEdwardsY(c.to_bytes()).decompress().unwrap();
                    (p * inv8).compress().to_bytes()
                })
                .collect()
        })
        .collect()
}

/// The floor of batch verification: decompress every point of every proof (and its
/// commitments), then one multiscalar multiplication of the batch's size: the `2 + 2·64`
/// shared generator terms plus each proof's `1 + 4 + 2·6` points, with random scalars.
pub(crate) struct BatchFloor {
    compressed: Vec<CompressedEdwardsY>,
    scalars: Vec<curve25519_dalek::Scalar>,
    fixed: Vec<EdwardsPoint>,
}

impl BatchFloor {
    pub(crate) fn new(proofs: &[(Bulletproof, Vec<Commitment>)]) -> Self {
        let mut compressed = Vec::new();
        for (p, cs) in proofs {
            compressed.extend(cs.iter().map(|c| CompressedEdwardsY(c.to_bytes())));
            // The proof's points, read from its wire form: every 32-byte field that is a point
            // (A, S, T1, T2, L[], R[]), as a verifier decompresses them.
            compressed.extend(proof_points(p).into_iter().map(CompressedEdwardsY));
        }
        let (scalars, fixed) = floor_input(2 + 2 * 64 + compressed.len());
        let fixed = fixed[..2 + 2 * 64].to_vec();
        BatchFloor {
            compressed,
            scalars,
            fixed,
        }
    }

    pub(crate) fn run(&self) -> EdwardsPoint {
        let mut points = self.fixed.clone();
        points.extend(
            self.compressed
                .iter()
                .map(|c| c.decompress().unwrap_or_default()),
        );
        EdwardsPoint::vartime_multiscalar_mul(&self.scalars, &points)
    }
}

/// A 1-output proof's points in wire order (A, S, T1, T2, then L and R), from its bytes:
/// `A S T1 T2 taux mu | n L[] | n R[] | a b t`, each a 32-byte field, the counts as varints.
fn proof_points(p: &Bulletproof) -> Vec<[u8; 32]> {
    let bytes = p.to_bytes();
    let field = |i: usize| -> [u8; 32] { bytes[i..i + 32].try_into().unwrap() };
    let mut out: Vec<[u8; 32]> = (0..4).map(|i| field(32 * i)).collect();
    // after the six fixed fields: a one-byte count, then the L points, a count, the R points
    let mut at = 6 * 32;
    for _ in 0..2 {
        let n = usize::from(bytes[at]);
        at += 1;
        for _ in 0..n {
            out.push(field(at));
            at += 32;
        }
    }
    out
}

criterion_group! {
    name = group;
    config = oxen_benches::harness::config();
    targets = bench_commitments,
    bench_prove,
    bench_verify,
    bench_batch
}
criterion_main!(group);
