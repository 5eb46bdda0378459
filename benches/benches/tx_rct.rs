//! Benchmarks for oxen-tx RingCT and transactions: full verification of a 2-in/2-out CLSAG
//! transaction (rings of 10: balance, bulletproof and both CLSAGs), parsing, hashing and
//! building one.
//!
//! `cargo bench -p oxen-benches --bench tx_rct -- --warm-up-time 1 --measurement-time 3`
//!
//! Reference (tx.md §8, C++ oxen-core on this machine, quieter run): genRctSimple 2/2 = 106 ms,
//! verRctSemanticsSimple 2/2 = 9.6 ms + verRctNonSemanticsSimple (2 CLSAG) = 9.3 ms.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use oxen_benches::harness::{id, iter, iter_batched};
use oxen_crypto::{Point, Scalar, SecretKey, SecretScalar};
use oxen_tx::commitment::commit;
use oxen_tx::ecdh::AmountKey;
use oxen_tx::rct::{CtKey, RING_SIZE, RctInput, RctOutput};
use oxen_tx::transaction::{Transaction, build_clsag_transaction, verify_ringct_only_batch};
use rand_chacha::ChaCha20Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};

type Inputs = Vec<(RctInput, Vec<u64>)>;

/// Two spendable inputs in rings of 10 random decoys, two outputs, a fee.
fn setup(rng: &mut ChaCha20Rng) -> (Inputs, Vec<RctOutput>, u64, Vec<u8>) {
    let fee = 20_000_000;
    let out_amounts = [7_000_000_000u64, 2_500_000_000];
    let in_amounts = [4_000_000_000u64, 5_520_000_000];
    let inputs = in_amounts
        .iter()
        .map(|&amount| {
            let real_index = (rng.next_u32() as usize) % RING_SIZE;
            let secret_key = SecretKey::random(rng);
            let mask = SecretScalar::random(rng);
            let ring = (0..RING_SIZE)
                .map(|i| {
                    if i == real_index {
                        CtKey {
                            dest: secret_key.public_key().compressed(),
                            mask: commit(amount, &mask).to_bytes().into(),
                        }
                    } else {
                        CtKey {
                            dest: Point::mul_base(&Scalar::random(rng)).compress(),
                            mask: Point::mul_base(&Scalar::random(rng)).compress(),
                        }
                    }
                })
                .collect();
            let offsets = (0..RING_SIZE as u64).map(|i| 1000 + 17 * i).collect();
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
        })
        .collect();
    let outputs = out_amounts
        .iter()
        .map(|&amount| {
            let mut k = [0u8; 32];
            rng.fill_bytes(&mut k);
            RctOutput {
                dest: Point::mul_base(&Scalar::random(rng)).compress(),
                amount,
                amount_key: AmountKey::from_bytes(k),
            }
        })
        .collect();
    let mut extra = vec![0x01];
    extra.extend_from_slice(&Point::mul_base(&Scalar::random(rng)).to_bytes());
    (inputs, outputs, fee, extra)
}

fn rings_of(tx: &Transaction, inputs: &Inputs) -> Vec<Vec<CtKey>> {
    tx.prefix
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
        .collect()
}

fn benches(c: &mut Criterion) {
    let mut rng = ChaCha20Rng::seed_from_u64(42);
    let (inputs, outputs, fee, extra) = setup(&mut rng);
    let (tx, _) =
        build_clsag_transaction(inputs.clone(), &outputs, fee, extra.clone(), &mut rng).unwrap();
    let rings = rings_of(&tx, &inputs);
    let blob = tx.to_bytes().unwrap();
    tx.verify_ringct_only(&rings).unwrap();

    c.bench_function("tx_verify_2in_2out_ring10/oxen", |b| {
        iter(b, || {
            black_box(&tx)
                .verify_ringct_only(black_box(&rings))
                .unwrap()
        })
    });
    // The two halves the reference times separately (verRctSemanticsSimple,
    // verRctNonSemanticsSimple).
    c.bench_function("tx_ver_semantics_2in_2out/oxen", |b| {
        iter(b, || black_box(&tx.rct).verify_semantics().unwrap())
    });
    let message = tx.prefix_hash().unwrap();
    let key_images = tx.key_images();
    c.bench_function("tx_ver_non_semantics_2in_2out_ring10/oxen", |b| {
        iter(b, || {
            black_box(&tx.rct)
                .verify_non_semantics(&message, 2, black_box(&rings), &key_images)
                .unwrap()
        })
    });
    c.bench_function("tx_parse/oxen", |b| {
        iter(b, || Transaction::from_bytes(black_box(&blob)).unwrap())
    });
    c.bench_function("tx_hash/oxen", |b| {
        iter(b, || black_box(&tx).hash().unwrap())
    });
    c.bench_function("tx_build_2in_2out/oxen", |b| {
        iter_batched(
            b,
            || (inputs.clone(), ChaCha20Rng::seed_from_u64(rng.next_u64())),
            |(ins, mut r)| {
                build_clsag_transaction(ins, &outputs, fee, extra.clone(), &mut r).unwrap()
            },
            BatchSize::SmallInput,
        )
    });
}

/// Transactions in the block of the threads curve.
const BLOCK_TXS: usize = 16;

/// Verifying a block of [`BLOCK_TXS`] 2-in/2-out transactions (`verify_ringct_only_batch`: every
/// per-transaction check and CLSAG, one batched Bulletproof check) on a rayon pool of 1, 2, 4 ...
/// threads, up to the CPUs this machine has.
fn bench_block(c: &mut Criterion) {
    let mut rng = ChaCha20Rng::seed_from_u64(43);
    let block: Vec<(Transaction, Vec<Vec<CtKey>>)> = (0..BLOCK_TXS)
        .map(|_| {
            let (inputs, outputs, fee, extra) = setup(&mut rng);
            let (tx, _) =
                build_clsag_transaction(inputs.clone(), &outputs, fee, extra, &mut rng).unwrap();
            let rings = rings_of(&tx, &inputs);
            (tx, rings)
        })
        .collect();
    let items: Vec<(&Transaction, &[Vec<CtKey>])> =
        block.iter().map(|(t, r)| (t, r.as_slice())).collect();
    verify_ringct_only_batch(&items).unwrap();
    let cpus = std::thread::available_parallelism().map_or(1, usize::from);
    let mut g = c.benchmark_group("block_verify");
    let mut threads = 1;
    while threads <= cpus {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        g.bench_function(id("oxen", Some(threads)), |b| {
            iter(b, || {
                pool.install(|| verify_ringct_only_batch(black_box(&items)).unwrap())
            })
        });
        threads *= 2;
    }
    g.finish();
}

criterion_group! {
    name = group;
    config = oxen_benches::harness::config();
    targets = benches, bench_block
}
criterion_main!(group);
