//! Benchmarks for oxen-ons. Each operation is timed as `op/oxen` (the crate) beside `op/floor`:
//! the bare BLAKE2b / XChaCha20-Poly1305 work the operation must contain, done directly with
//! the same primitive crates, in the same run. The legacy argon2id decryption is benchmarked
//! apart (`decrypt_heavy`), with few samples: it takes about a second per call by design.
//!
//! `cargo bench -p oxen-benches --bench ons -- --warm-up-time 1 --measurement-time 3`
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use oxen_crypto::address::{AddressKind, PaymentId};
use oxen_crypto::{Point, Scalar};
use oxen_ons::__floor::blake2::digest::consts::U32;
use oxen_ons::__floor::blake2::digest::{FixedOutput, Update};
use oxen_ons::__floor::blake2::{Blake2b256, Blake2bMac};
use oxen_ons::__floor::chacha20poly1305::aead::{AeadInOut, KeyInit};
use oxen_ons::__floor::chacha20poly1305::{Tag, XChaCha20Poly1305, XNonce};
use oxen_ons::encryption::{encrypt_with_nonce, name_to_encryption_key};
use oxen_ons::owner::Ed25519Owner;
use oxen_ons::*;
use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;

/// A 17-character lokinet name, as in the reference timings.
const NAME: &str = "mydomain-abc.loki";

fn blake2b(data: &[u8]) -> [u8; 32] {
    let mut h = Blake2b256::default();
    h.update(data);
    h.finalize_fixed().into()
}

fn blake2b_keyed(data: &[u8], key: &[u8; 32]) -> [u8; 32] {
    let mut h = <Blake2bMac<U32>>::new_from_slice(key).unwrap();
    h.update(data);
    h.finalize_fixed().into()
}

/// The floor of encryption: the two BLAKE2b calls of the key and one XChaCha20-Poly1305 seal.
fn floor_encrypt(name: &[u8], plain: &[u8], nonce: &[u8; 24], out: &mut [u8; 113]) -> usize {
    let key = blake2b_keyed(name, &blake2b(name));
    let n = plain.len();
    out[..n].copy_from_slice(plain);
    let cipher = XChaCha20Poly1305::new((&key).into());
    let tag = cipher
        .encrypt_inout_detached(&XNonce::from(*nonce), &[], (&mut out[..n]).into())
        .unwrap();
    out[n..n + 16].copy_from_slice(&tag);
    out[n + 16..n + 40].copy_from_slice(nonce);
    n + 40
}

/// The floor of decryption: the two BLAKE2b calls and one XChaCha20-Poly1305 open.
fn floor_decrypt(name: &[u8], stored: &[u8], out: &mut [u8; 73]) -> usize {
    let key = blake2b_keyed(name, &blake2b(name));
    let n = stored.len() - 40;
    let tag: [u8; 16] = stored[n..n + 16].try_into().unwrap();
    let nonce: [u8; 24] = stored[n + 16..].try_into().unwrap();
    out[..n].copy_from_slice(&stored[..n]);
    let cipher = XChaCha20Poly1305::new((&key).into());
    cipher
        .decrypt_inout_detached(
            &XNonce::from(nonce),
            &[],
            (&mut out[..n]).into(),
            &Tag::from(tag),
        )
        .unwrap();
    n
}

fn values() -> Vec<(&'static str, MappingType, Value)> {
    let key = |b: u8| Point::mul_base(&Scalar::from_bytes_mod_order([b; 32])).compress();
    vec![
        (
            "session",
            MappingType::Session,
            Value::Session(SessionId::from_x25519([0x11; 32])),
        ),
        (
            "lokinet",
            MappingType::Lokinet,
            Value::Lokinet(LokinetAddress([0x22; 32])),
        ),
        (
            "wallet",
            MappingType::Wallet,
            Value::Wallet(WalletValue {
                kind: AddressKind::Integrated(PaymentId([0x33; 8])),
                spend: key(1),
                view: key(2),
            }),
        ),
    ]
}

fn name_benches(c: &mut Criterion) {
    let mut g = c.benchmark_group("name_validate");
    g.bench_function("oxen", |b| {
        b.iter(|| validate_ons_name(MappingType::Lokinet, black_box(NAME.as_bytes())).unwrap())
    });
    // The floor of validation: one lower-casing copy and one pass over the bytes.
    g.bench_function("floor", |b| {
        b.iter(|| {
            let name = black_box(NAME.as_bytes());
            let mut buf = [0u8; 68];
            buf[..name.len()].copy_from_slice(name);
            buf[..name.len()].make_ascii_lowercase();
            buf[..name.len()]
                .iter()
                .all(|c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b'.')
        })
    });
    g.finish();

    let mut g = c.benchmark_group("name_hash");
    g.bench_function("oxen", |b| {
        b.iter(|| NameHash::of(black_box(NAME)).unwrap())
    });
    g.bench_function("floor", |b| b.iter(|| blake2b(black_box(NAME.as_bytes()))));
    g.finish();

    let mut g = c.benchmark_group("name_hash_base64");
    g.bench_function("oxen", |b| {
        b.iter(|| NameHash::of(black_box(NAME)).unwrap().to_base64())
    });
    g.bench_function("floor", |b| b.iter(|| blake2b(black_box(NAME.as_bytes()))));
    g.finish();
}

fn encryption_benches(c: &mut Criterion) {
    for (label, ty, value) in values() {
        let plain = value.to_plaintext();
        let nonce = [0x5a; 24];
        let mut rng = ChaCha20Rng::seed_from_u64(1);

        let mut g = c.benchmark_group(format!("encrypt_{label}"));
        g.bench_function("oxen", |b| {
            b.iter(|| encrypt(black_box(NAME), black_box(&value), &mut rng).unwrap())
        });
        g.bench_function("floor", |b| {
            let mut out = [0u8; 113];
            b.iter(|| {
                floor_encrypt(
                    black_box(NAME.as_bytes()),
                    black_box(plain.as_bytes()),
                    &nonce,
                    &mut out,
                )
            })
        });
        g.finish();

        let key = name_to_encryption_key(NAME).unwrap();
        let stored = encrypt_with_nonce(&key, plain.as_bytes(), &nonce).unwrap();
        let mut g = c.benchmark_group(format!("decrypt_{label}"));
        g.bench_function("oxen", |b| {
            b.iter(|| decrypt(black_box(NAME), ty, black_box(stored.as_bytes())).unwrap())
        });
        g.bench_function("floor", |b| {
            let mut out = [0u8; 73];
            b.iter(|| {
                floor_decrypt(
                    black_box(NAME.as_bytes()),
                    black_box(stored.as_bytes()),
                    &mut out,
                )
            })
        });
        g.finish();
    }
}

fn signature_benches(c: &mut Criterion) {
    // A 72-byte (lokinet) value and a new ed25519 owner, as in the reference timing.
    let value = [0x77u8; 72];
    let owner = Owner::Ed25519(Ed25519Owner([0x44; 32]));
    let txid = [0x99u8; 32];
    let mut data = Vec::new();
    data.extend_from_slice(&value);
    data.push(1);
    data.extend_from_slice(&[0x44; 32]);
    data.extend_from_slice(&txid);
    assert_eq!(
        update_signature_hash(&value, Some(&owner), None, &txid).unwrap(),
        blake2b(&data)
    );

    let mut g = c.benchmark_group("update_signature_hash");
    g.bench_function("oxen", |b| {
        b.iter(|| {
            update_signature_hash(black_box(&value), Some(black_box(&owner)), None, &txid).unwrap()
        })
    });
    g.bench_function("floor", |b| b.iter(|| blake2b(black_box(&data))));
    g.finish();
}

fn heavy_benches(c: &mut Criterion) {
    let sid = SessionId::from_x25519([0x42; 32]);
    let stored = encrypt_heavy("legacy", &sid).unwrap();
    let mut g = c.benchmark_group("decrypt_heavy");
    g.sample_size(10);
    g.warm_up_time(Duration::from_millis(1));
    g.measurement_time(Duration::from_secs(8));
    g.bench_function("oxen", |b| {
        b.iter(|| decrypt(black_box("legacy"), MappingType::Session, stored.as_bytes()).unwrap())
    });
    g.finish();
}

criterion_group!(
    group,
    name_benches,
    encryption_benches,
    signature_benches,
    heavy_benches
);
criterion_main!(group);
