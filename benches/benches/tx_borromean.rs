//! Borromean range signatures (RingCT types 1-2, 64 bits): verification beside monero-oxide's
//! `monero-borromean` on the same proof (the first valid proof of oxen-tx's `borromean.json`),
//! and proving.
//!
//! `cargo bench -p oxen-benches --bench tx_borromean -- --warm-up-time 1 --measurement-time 5`
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

use criterion::{Criterion, criterion_group, criterion_main};
use oxen_crypto::Scalar;
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

fn benches(c: &mut Criterion) {
    let (c_bytes, sig_bytes) = vector_proof();

    let commitment = Commitment::from_bytes(c_bytes);
    let ours = RangeSig::from_bytes(&sig_bytes).unwrap();
    assert!(ours.verify(&commitment).is_ok());
    c.bench_function("borromean_verify/oxen", |b| {
        b.iter(|| black_box(&ours).verify(black_box(&commitment)).unwrap());
    });

    let peer = monero_borromean::BorromeanRange::read(&mut sig_bytes.as_slice()).unwrap();
    let peer_c = monero_ed25519::CompressedPoint::from(c_bytes);
    assert!(peer.verify(&peer_c));
    c.bench_function("borromean_verify/monero-borromean", |b| {
        b.iter(|| assert!(black_box(&peer).verify(black_box(&peer_c))));
    });

    let mut rng = ChaCha20Rng::seed_from_u64(3);
    let mask = Scalar::random(&mut rng);
    c.bench_function("borromean_prove/oxen", |b| {
        b.iter(|| RangeSig::prove(black_box(123_456_789_000), &mask, &mut rng));
    });
}

criterion_group!(group, benches);
criterion_main!(group);
