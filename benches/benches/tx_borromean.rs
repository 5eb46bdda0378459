//! Borromean range signatures (RingCT types 1-2, 64 bits): verification beside monero-oxide's
//! `monero-borromean` on the same proof (the first valid proof of oxen-tx's `borromean.json`),
//! and proving. `borromean_verify/floor`: the 128 dalek `vartime_double_scalar_mul_basepoint`
//! calls a verifier cannot avoid (`ee·Ci + s0·G` and `c·(Ci - 2^i H) + s1·G` per bit), without
//! decoding, compression or hashing.
//!
//! `cargo bench -p oxen-benches --bench tx_borromean -- --warm-up-time 1 --measurement-time 5`
//!
//! On a loaded machine, `BORROMEAN_PAIRED=101` first times oxen, monero-borromean and the floor
//! interleaved (one call each per round, that many rounds) and prints the medians and the median
//! of the per-round ratios, which shifting load affects far less than sequential groups.
//!
//! Reference (tx.md §8.1, C++ oxen-core `verRange` on this machine): 10.4 ms.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use curve25519_dalek::edwards::{CompressedEdwardsY, EdwardsPoint};
use curve25519_dalek::scalar::Scalar as DScalar;
use oxen_crypto::SecretScalar;
use oxen_tx::borromean::RangeSig;
use oxen_tx::commitment::Commitment;
use rand_chacha::ChaCha20Rng;
use rand_chacha::rand_core::SeedableRng;

/// `(C, rangesig bytes)` of the first valid case of the vector file.
fn vector_proof() -> ([u8; 32], Vec<u8>) {
    let json: serde_json::Value =
        serde_json::from_str(include_str!("../../oxen-tx/tests/vectors/borromean.json")).unwrap();
    let case = json["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["expected"] == true)
        .unwrap();
    let c = hex::decode(case["C"].as_str().unwrap()).unwrap();
    let sig = hex::decode(case["rangesig_hex"].as_str().unwrap()).unwrap();
    (c.try_into().unwrap(), sig)
}

/// Median of `v` (sorted in place).
fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Times each closure once per round, interleaved, for `rounds` rounds; prints the medians and
/// the median per-round ratio of the first closure to each other one.
fn paired(rounds: usize, named: &mut [(&str, &mut dyn FnMut())]) {
    let mut times = vec![Vec::with_capacity(rounds); named.len()];
    for _ in 0..rounds {
        for ((_, f), t) in named.iter_mut().zip(&mut times) {
            let start = Instant::now();
            f();
            t.push(start.elapsed().as_secs_f64() * 1e3);
        }
    }
    for (i, (name, _)) in named.iter().enumerate() {
        let mut ratios: Vec<f64> = times[0].iter().zip(&times[i]).map(|(a, b)| a / b).collect();
        println!(
            "paired {name}: median {:.3} ms, oxen/{name} median per-round ratio {:.3} ({rounds} rounds)",
            median(&mut times[i].clone()),
            median(&mut ratios)
        );
    }
}

/// The vector's range signature and commitment, in our types and monero-borromean's, and the
/// floor's points and scalars.
pub(crate) struct Fixture {
    pub(crate) commitment: Commitment,
    pub(crate) ours: RangeSig,
    pub(crate) peer: monero_borromean::BorromeanRange,
    pub(crate) peer_c: monero_ed25519::CompressedPoint,
    points: Vec<EdwardsPoint>,
    scalars: Vec<DScalar>,
    ee: DScalar,
}

impl Fixture {
    pub(crate) fn new() -> Self {
        let (c_bytes, sig_bytes) = vector_proof();
        let commitment = Commitment::from_bytes(c_bytes);
        let ours = RangeSig::from_bytes(&sig_bytes).unwrap();
        assert!(ours.verify(&commitment).is_ok());
        let peer = monero_borromean::BorromeanRange::read(&mut sig_bytes.as_slice()).unwrap();
        let peer_c = monero_ed25519::CompressedPoint::from(c_bytes);
        assert!(peer.verify(&peer_c));
        let points: Vec<EdwardsPoint> = ours
            .ci
            .iter()
            .map(|b| CompressedEdwardsY(*b).decompress().unwrap())
            .collect();
        let scalars: Vec<DScalar> = ours
            .asig
            .s0
            .iter()
            .chain(&ours.asig.s1)
            .map(|b| DScalar::from_bytes_mod_order(*b))
            .collect();
        let ee = DScalar::from_bytes_mod_order(ours.asig.ee);
        Fixture {
            commitment,
            ours,
            peer,
            peer_c,
            points,
            scalars,
            ee,
        }
    }

    /// The floor: the 128 double-base multiplications of the 64 ring pairs.
    pub(crate) fn floor(&self) -> EdwardsPoint {
        let mut acc = EdwardsPoint::default();
        for (p, (s0, s1)) in self
            .points
            .iter()
            .zip(self.scalars.iter().zip(&self.scalars[64..]))
        {
            let ll = EdwardsPoint::vartime_double_scalar_mul_basepoint(&self.ee, p, s0);
            let lv = EdwardsPoint::vartime_double_scalar_mul_basepoint(s1, p, s0);
            acc += ll + lv;
        }
        acc
    }
}

fn benches(c: &mut Criterion) {
    let f = Fixture::new();
    let (ours, commitment, peer, peer_c) = (&f.ours, &f.commitment, &f.peer, &f.peer_c);
    let floor = || f.floor();

    if let Some(rounds) = std::env::var("BORROMEAN_PAIRED")
        .ok()
        .and_then(|r| r.parse().ok())
    {
        paired(
            rounds,
            &mut [
                ("oxen", &mut || ours.verify(commitment).unwrap()),
                ("monero-borromean", &mut || assert!(peer.verify(peer_c))),
                ("floor", &mut || {
                    black_box(floor());
                }),
            ],
        );
    }

    c.bench_function("borromean_verify/oxen", |b| {
        b.iter(|| black_box(ours).verify(black_box(commitment)).unwrap());
    });
    c.bench_function("borromean_verify/monero-borromean", |b| {
        b.iter(|| assert!(black_box(peer).verify(black_box(peer_c))));
    });
    c.bench_function("borromean_verify/floor", |b| b.iter(|| black_box(floor())));

    let mut rng = ChaCha20Rng::seed_from_u64(3);
    let mask = SecretScalar::random(&mut rng);
    c.bench_function("borromean_prove/oxen", |b| {
        b.iter(|| RangeSig::prove(black_box(123_456_789_000), &mask, &mut rng));
    });
}

criterion_group!(group, benches);
criterion_main!(group);
