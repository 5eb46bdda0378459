//! Wallet scanning (oxen-tx `scan`): 1,000 two-output RingCT transactions against a 50x200
//! subaddress table, beside a floor of the curve work no scanner can avoid: one variable-base
//! multiplication per transaction key (the derivation `a R`) plus, per output, one fixed-base
//! multiplication (`Hs(D || i) G`) and one point subtraction (`P - ...`), on points decoded
//! beforehand.
//!
//! `cargo bench -p oxen-benches --features parallel --bench tx_scan -- --warm-up-time 1 --measurement-time 5`
//!
//! Without `--features parallel` only the 1-thread scan and the floor run. Cases:
//! `scan/not_ours` (no output is ours: the common case when scanning a chain),
//! `scan/one_ours` (output 0 of every transaction is ours, at a random subaddress: adds the
//! amount decode and commitment check; the table has already grown past those subaddresses),
//! each on 1 thread and (with `parallel`) 2 threads.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::hint::black_box;

use criterion::BatchSize::LargeInput;
use criterion::{Criterion, criterion_group, criterion_main};
use oxen_crypto::{
    CompressedPoint, Point, PublicKey, Scalar, SecretKey, derivation_to_scalar, derive_public_key,
    generate_key_derivation, get_subaddress,
};
use oxen_tx::commitment::commit;
use oxen_tx::ecdh::{AmountKey, commitment_mask, ecdh_encode};
use oxen_tx::rct::{EcdhTuple, RctSig, RctType};
use oxen_tx::scan::{Lookahead, Scanner, ViewKeys};
use oxen_tx::transaction::{Transaction, TransactionPrefix, TxOut, TxOutTarget, TxType, TxVersion};
use rand_chacha::ChaCha20Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};

const TXS: usize = 1000;
const TABLE: Lookahead = Lookahead {
    major: 50,
    minor: 200,
};

/// A two-output transaction with one main key `R`: output 0 to `(spend0, view0)` (with
/// `R = r D` when that is a subaddress), output 1 to a random address.
fn tx(rng: &mut ChaCha20Rng, to: (PublicKey, PublicKey, bool)) -> Transaction {
    let r = SecretKey::random(rng);
    let big_r = if to.2 {
        PublicKey::from_point(&(to.0.decompress().unwrap() * r.as_secret_scalar()))
    } else {
        r.public_key()
    };
    let other = (
        SecretKey::random(rng).public_key(),
        SecretKey::random(rng).public_key(),
    );
    let mut rct = RctSig::null();
    rct.rct_type = RctType::Clsag;
    let mut vout = Vec::new();
    for (i, (spend, view)) in [(to.0, to.1), other].into_iter().enumerate() {
        let d = generate_key_derivation(&view, &r).unwrap();
        let p = derive_public_key(&d, i as u64, &spend).unwrap();
        let k = AmountKey::from_secret_scalar(&derivation_to_scalar(&d, i as u64));
        let amount = rng.next_u64() >> 8;
        vout.push(TxOut {
            amount: 0,
            target: TxOutTarget::ToKey(p.compressed()),
        });
        rct.ecdh_info.push(EcdhTuple {
            mask: [0; 32],
            amount: ecdh_encode(amount, &k).to_key(),
        });
        rct.out_pk.push(CompressedPoint(
            commit(amount, &commitment_mask(&k)).to_bytes(),
        ));
    }
    let mut extra = vec![0x01];
    extra.extend_from_slice(big_r.as_bytes());
    Transaction {
        prefix: TransactionPrefix {
            version: TxVersion::V4,
            tx_type: TxType::Standard,
            unlock_time: 0,
            output_unlock_times: vec![0, 0],
            vin: vec![],
            vout,
            extra,
        },
        signatures: vec![],
        rct,
    }
}

/// The floor: per transaction `a R` (constant time, as the derivation), per output `s G` and
/// `P - s G`, on decoded points and ready scalars.
fn floor(a: &SecretKey, work: &[(Point, [(Point, Scalar); 2])]) -> Point {
    let mut acc = Point::identity();
    for (r, outs) in work {
        acc += &(*r * a.as_secret_scalar());
        for (p, s) in outs {
            acc += &(*p - Point::mul_base(s));
        }
    }
    acc
}

/// The floor plus the encodings a scanner cannot skip either: decode `R` and each `P` from their
/// 32 bytes, encode the derivation (it is hashed), encode the candidate points (in one batch,
/// as the scanner does) and two Keccak hashes `Hs(D || i)`. Not a target, an explanation of
/// what separates the scanner from the floor.
fn floor_with_encodings(a: &SecretKey, txs: &[Transaction]) -> usize {
    let mut cand = Vec::with_capacity(2 * txs.len());
    for t in txs {
        let r = Point::from_bytes(&t.prefix.extra[1..33].try_into().unwrap()).unwrap();
        let d = (r * a.as_secret_scalar()).mul_by_cofactor().compress();
        for (i, o) in t.prefix.vout.iter().enumerate() {
            let p = o.key().unwrap().decompress().unwrap();
            let mut h = oxen_crypto::hash::Keccak256::new();
            h.update(d.as_bytes()).update(&[i as u8]);
            cand.push(p - Point::mul_base(&h.finalize_scalar()));
        }
    }
    Point::compress_batch(&cand).len()
}

fn benches(c: &mut Criterion) {
    let mut rng = ChaCha20Rng::seed_from_u64(42);
    let a = SecretKey::random(&mut rng);
    let b = SecretKey::random(&mut rng).public_key();
    let keys = ViewKeys::new(a.clone(), b).unwrap();
    let scanner = Scanner::new(keys, TABLE).unwrap();
    assert_eq!(scanner.table().len(), 10_000);

    let stranger = |rng: &mut ChaCha20Rng| {
        (
            SecretKey::random(rng).public_key(),
            SecretKey::random(rng).public_key(),
            false,
        )
    };
    let not_ours: Vec<Transaction> = (0..TXS)
        .map(|_| {
            let to = stranger(&mut rng);
            tx(&mut rng, to)
        })
        .collect();
    let one_ours: Vec<Transaction> = (0..TXS)
        .map(|_| {
            let (maj, min) = (rng.next_u32() % 50, rng.next_u32() % 200);
            let (d, cv) = get_subaddress(&b, &a, maj, min).unwrap();
            tx(&mut rng, (d, cv, maj != 0 || min != 0))
        })
        .collect();
    // the wallet has seen these subaddresses before: its table already grew past them, so the
    // timed scans measure scanning, not table growth
    let mut grown = scanner.clone();
    assert_eq!(
        grown
            .scan_many(&one_ours)
            .iter()
            .map(|s| s.owned.len())
            .sum::<usize>(),
        TXS
    );
    // ... but not these outputs: forget their keys, or every timed scan would find them
    // already credited (the burning-bug guard) instead of crediting them.
    let credited: Vec<_> = grown.seen_output_keys().copied().collect();
    for key in &credited {
        grown.forget_output_key(key);
    }
    assert!(
        scanner
            .clone()
            .scan_many(&not_ours)
            .iter()
            .all(|s| s.owned.is_empty())
    );

    let work: Vec<(Point, [(Point, Scalar); 2])> = not_ours
        .iter()
        .map(|t| {
            let r = Point::from_bytes(&t.prefix.extra[1..33].try_into().unwrap()).unwrap();
            let mut out = |i: usize| {
                (
                    t.prefix.vout[i].key().unwrap().decompress().unwrap(),
                    Scalar::random(&mut rng),
                )
            };
            (r, [out(0), out(1)])
        })
        .collect();

    let mut g = c.benchmark_group("tx_scan");
    g.sample_size(10);
    g.bench_function("floor/1000tx", |bch| {
        bch.iter(|| black_box(floor(&a, &work)))
    });
    g.bench_function("floor_with_encodings/1000tx", |bch| {
        bch.iter(|| black_box(floor_with_encodings(&a, &not_ours)));
    });
    for (name, txs, scanner) in [
        ("not_ours", &not_ours, &scanner),
        ("one_ours", &one_ours, &grown),
    ] {
        g.bench_function(format!("scan/{name}/1000tx/1thread"), |bch| {
            bch.iter_batched(
                || scanner.clone(),
                |s| black_box(run(s, txs, 1)),
                LargeInput,
            );
        });
        #[cfg(feature = "parallel")]
        g.bench_function(format!("scan/{name}/1000tx/2threads"), |bch| {
            bch.iter_batched(
                || scanner.clone(),
                |s| black_box(run(s, txs, 2)),
                LargeInput,
            );
        });
    }
    g.finish();
}

/// `scan_many` on `threads` rayon threads (with `parallel`; sequential otherwise).
fn run(mut scanner: Scanner, txs: &[Transaction], threads: usize) -> usize {
    #[cfg(feature = "parallel")]
    {
        thread_pool(threads).install(move || scanner.scan_many(txs).len())
    }
    #[cfg(not(feature = "parallel"))]
    {
        let _ = threads;
        scanner.scan_many(txs).len()
    }
}

#[cfg(feature = "parallel")]
fn thread_pool(threads: usize) -> &'static rayon::ThreadPool {
    use std::sync::OnceLock;
    static ONE: OnceLock<rayon::ThreadPool> = OnceLock::new();
    static TWO: OnceLock<rayon::ThreadPool> = OnceLock::new();
    let cell = if threads == 1 { &ONE } else { &TWO };
    cell.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
    })
}

criterion_group!(group, benches);
criterion_main!(group);
