//! Benchmarks of the node's verdict (oxen-tx `consensus`): MLSAG simple verification beside
//! monero-oxide's `monero-mlsag` (same signature), a type-4 (Bulletproof2, MLSAG) 2-in/2-out
//! transaction, and a block of 100 2-in/2-out CLSAG transactions (ring 10) through
//! `verify_block_for_node` on 1 and 2 threads against the sum of 100 single
//! `verify_for_node` calls, with the block's own duplicate check (`check_block_duplicates`:
//! key images spent twice, repeated transactions; the first step of `verify_block_for_node`)
//! alone as `block_dup_check_100`, to compare with `batch_1_thread` (target: under 1%), and
//! the transaction hashes the chain lookup of the block's rules needs as
//! `block_tx_hashes_100`.
//!
//! `cargo bench -p oxen-benches --features parallel --bench tx_verify -- --warm-up-time 1 --measurement-time 5`
//! (without `--features parallel` the 2-thread figure is a second 1-thread run).
//!
//! Reference (tx.md 8.1, C++ oxen-core on this machine, one thread): verRctMGSimple ring 11
//! 2.92 ms; the block of 100 CLSAG transactions 480 ms.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

// The transaction builders of oxen-tx's tests (types 1..=5 from oxen-crypto primitives).
#[path = "../../oxen-tx/tests/support/builders.rs"]
pub(crate) mod builders;
#[path = "../../oxen-tx/tests/support/signers.rs"]
mod signers;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use oxen_crypto::clsag::ClsagSecret;
use oxen_crypto::mlsag::sign_simple;
use oxen_crypto::{CompressedPoint, Point, Scalar, SecretKey, SecretScalar};
use oxen_tx::consensus::{
    ConsensusRules, KnownRings, check_block_duplicates, verify_block_for_node,
};
use oxen_tx::rct::RctType;
use oxen_tx::transaction::Transaction;
use rand_chacha::ChaCha20Rng;
use rand_chacha::rand_core::SeedableRng;

pub(crate) mod peer {
    //! monero-mlsag (curve25519-dalek 4 types): everything crosses as bytes.
    use monero_ed25519::CompressedPoint;
    use monero_mlsag::{Mlsag, RingMatrix};

    pub struct Input {
        pub ring: Vec<[CompressedPoint; 2]>,
        pub pseudo_out: CompressedPoint,
        pub key_image: CompressedPoint,
        pub message: [u8; 32],
        pub sig: Mlsag,
    }

    pub fn input(
        ring: &[([u8; 32], [u8; 32])],
        pseudo_out: [u8; 32],
        key_image: [u8; 32],
        message: [u8; 32],
        sig_bytes: &[u8],
    ) -> Input {
        Input {
            ring: ring
                .iter()
                .map(|(p, c)| [CompressedPoint::from(*p), CompressedPoint::from(*c)])
                .collect(),
            pseudo_out: CompressedPoint::from(pseudo_out),
            key_image: CompressedPoint::from(key_image),
            message,
            sig: Mlsag::read(ring.len(), 2, &mut &sig_bytes[..]).unwrap(),
        }
    }

    /// `verRctMGSimple`: the matrix (decoding the ring) and the verification.
    pub fn verify(i: &Input) -> bool {
        let Ok(matrix) = RingMatrix::individual(&i.ring, i.pseudo_out) else {
            return false;
        };
        i.sig
            .verify(&i.message, &matrix, core::slice::from_ref(&i.key_image))
            .is_ok()
    }
}

/// An MLSAG (simple, ring 11) with its ring, key image, pseudo output and message, and
/// monero-mlsag's decoding of the same.
pub(crate) struct MlsagInput {
    sig: oxen_crypto::Mlsag,
    ring: Vec<(CompressedPoint, CompressedPoint)>,
    ki: oxen_crypto::KeyImage,
    pseudo: CompressedPoint,
    message: [u8; 32],
    pub(crate) peer: peer::Input,
}

impl MlsagInput {
    pub(crate) fn new() -> Self {
        let mut rng = ChaCha20Rng::seed_from_u64(11);
        let n = 11;
        let real = 6;
        let p = SecretKey::random(&mut rng);
        let z = Scalar::random(&mut rng);
        let pseudo = Point::mul_base(&Scalar::random(&mut rng));
        let ring: Vec<(CompressedPoint, CompressedPoint)> = (0..n)
            .map(|i| {
                if i == real {
                    (
                        p.public_key().compressed(),
                        (pseudo + Point::mul_base(&z)).compress(),
                    )
                } else {
                    (
                        Point::mul_base(&Scalar::random(&mut rng)).compress(),
                        Point::mul_base(&Scalar::random(&mut rng)).compress(),
                    )
                }
            })
            .collect();
        let message = [7u8; 32];
        let secret = ClsagSecret {
            p: &p,
            z: &SecretScalar::from_scalar(z),
            real_index: real,
        };
        let pseudo = pseudo.compress();
        let (sig, ki) = sign_simple(&message, &ring, &pseudo, &secret, &mut rng).unwrap();
        sig.verify_simple(&message, &ring, &ki, &pseudo).unwrap();
        let bytes: Vec<_> = ring.iter().map(|(a, b)| (a.0, b.0)).collect();
        let peer = peer::input(&bytes, pseudo.0, ki.0, message, &sig.to_bytes());
        assert!(peer::verify(&peer), "monero-mlsag rejects our MLSAG");
        MlsagInput {
            sig,
            ring,
            ki,
            pseudo,
            message,
            peer,
        }
    }

    /// Our verification.
    pub(crate) fn verify(&self) {
        black_box(&self.sig)
            .verify_simple(black_box(&self.message), &self.ring, &self.ki, &self.pseudo)
            .unwrap();
    }
}

fn mlsag_benches(c: &mut Criterion) {
    let m = MlsagInput::new();
    c.bench_function("mlsag_simple_verify_r11/oxen", |b| b.iter(|| m.verify()));
    c.bench_function("mlsag_simple_verify_r11/monero-mlsag", |b| {
        b.iter(|| assert!(peer::verify(black_box(&m.peer))))
    });
}

fn tx_benches(c: &mut Criterion) {
    // Type 4 (Bulletproof2, one MLSAG per input), 2 in / 2 out, ring 10, at hf 11.
    let mut rng = ChaCha20Rng::seed_from_u64(4);
    let amounts = [7_000_000_000u64, 2_500_000_000];
    let fee = 20_000_000;
    let spends = builders::spends_for(&mut rng, RctType::Bulletproof2, 2, &amounts, fee);
    let (tx4, rings4) =
        builders::mlsag_tx(&mut rng, RctType::Bulletproof2, spends, &amounts, fee, None);
    let known4 = KnownRings::for_tx(&tx4, &rings4);
    let hf11 = ConsensusRules::for_hf(11).unwrap();
    tx4.verify_for_node(&hf11, &known4).unwrap();
    c.bench_function("tx_verify_type4_2in_2out_r10/oxen", |b| {
        b.iter(|| black_box(&tx4).verify_for_node(&hf11, &known4).unwrap())
    });

    // A block of 100 CLSAG transactions, 2 in / 2 out, ring 10.
    let mut known = KnownRings::default();
    let block: Vec<Transaction> = (0..100)
        .map(|i| {
            let (tx, rings, _, _) = builders::clsag_tx(1000 + i, 2, 2);
            known.add_tx(&tx, &rings);
            tx
        })
        .collect();
    let refs: Vec<&Transaction> = block.iter().collect();
    let rules = ConsensusRules::for_hf(21).unwrap();
    let mut group = c.benchmark_group("block_100_clsag_2in_2out_r10");
    group.sample_size(10);
    // Every measurement on an explicit rayon pool (without the `parallel` feature everything
    // runs on the calling thread and the pool is unused).
    let pool = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
    };
    let one = pool(1);
    group.bench_function("sum_of_100_singles_1_thread/oxen", |b| {
        b.iter(|| {
            one.install(|| {
                for tx in &refs {
                    tx.verify_for_node(&rules, &known).unwrap();
                }
            })
        })
    });
    // The in-block duplicate check alone (single-threaded code).
    check_block_duplicates(&refs).unwrap();
    group.bench_function("block_dup_check_100/oxen", |b| {
        b.iter(|| check_block_duplicates(black_box(&refs)).unwrap())
    });
    // What the chain lookup of the block's rules adds (ChainState::transaction_on_chain asks
    // by transaction hash): the 100 hashes.
    group.bench_function("block_tx_hashes_100/oxen", |b| {
        b.iter(|| {
            for tx in black_box(&refs) {
                black_box(tx.hash().unwrap());
            }
        })
    });
    for threads in [1usize, 2] {
        let p = pool(threads);
        group.bench_function(format!("batch_{threads}_thread/oxen"), |b| {
            b.iter(|| {
                p.install(|| verify_block_for_node(black_box(&refs), &rules, &known).unwrap())
            })
        });
    }
    group.finish();
}

criterion_group!(group, mlsag_benches, tx_benches);
criterion_main!(group);
