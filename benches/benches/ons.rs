//! Benchmarks for oxen-ons. Each operation is timed as `op/oxen` (the crate) beside `op/floor`:
//! the bare BLAKE2b / XChaCha20 keystream work the operation must contain (without the Poly1305
//! tag), done directly with the same primitive crates, in the same run. Encryption and
//! decryption are also timed as `op/rustcrypto-aead`: the key derivation plus a bare
//! `chacha20poly1305` seal/open, which is what oxen-ons itself calls (the difference is the
//! crate's length checks, random nonce and typed decoding). The legacy argon2id decryption is benchmarked
//! apart (`decrypt_heavy`), with few samples: it takes about a second per call by design.
//!
//! `cargo bench -p oxen-benches --bench ons -- --warm-up-time 1 --measurement-time 3`
//!
//! With `ONS_MIN_TIMES=1` it instead prints, per operation, the fastest-batch time of ours and
//! of the floor beside the reference's figure (an estimate of unloaded times on a busy machine).
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use blake2::digest::consts::U32;
use blake2::digest::{FixedOutput, Update};
use blake2::{Blake2b256, Blake2bMac};
use chacha20::XChaCha20;
use chacha20::cipher::{KeyIvInit, StreamCipher};
use chacha20poly1305::aead::{AeadInOut, KeyInit};
use chacha20poly1305::{Tag, XChaCha20Poly1305, XNonce};
use criterion::{Criterion, criterion_group};
use oxen_benches::harness::{id, iter};
use oxen_crypto::address::{AddressKind, PaymentId};
use oxen_crypto::{Point, Scalar};
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

/// The floor of encryption and decryption: the two BLAKE2b calls of the key and the XChaCha20
/// keystream (HChaCha20, the Poly1305-key block and the data blocks) applied to the value.
fn floor_xchacha(name: &[u8], data: &mut [u8], nonce: &[u8; 24]) {
    let key = blake2b_keyed(name, &blake2b(name));
    let mut c = XChaCha20::new((&key).into(), nonce.into());
    let mut block0 = [0u8; 64];
    c.apply_keystream(&mut block0);
    c.apply_keystream(data);
    black_box(&block0);
}

/// The stock RustCrypto path: the two BLAKE2b calls and one `chacha20poly1305` seal.
fn rustcrypto_encrypt(name: &[u8], plain: &[u8], nonce: &[u8; 24], out: &mut [u8; 113]) -> usize {
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

/// The stock RustCrypto path: the two BLAKE2b calls and one `chacha20poly1305` open.
fn rustcrypto_decrypt(name: &[u8], stored: &[u8], out: &mut [u8; 73]) -> usize {
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

/// A timed body.
pub(crate) type Body = Box<dyn FnMut()>;

/// One operation: ours, its floor, and the reference's time where the spec gives one.
pub(crate) struct Case {
    pub(crate) op: String,
    reference_ns: Option<f64>,
    pub(crate) oxen: Body,
    pub(crate) floor: Body,
    /// Other implementations of the same job: `(name, closure)`.
    pub(crate) peers: Vec<(&'static str, Body)>,
}

fn case(
    op: &str,
    reference_ns: Option<f64>,
    oxen: impl FnMut() + 'static,
    floor: impl FnMut() + 'static,
) -> Case {
    Case {
        op: op.to_string(),
        reference_ns,
        oxen: Box::new(oxen),
        floor: Box::new(floor),
        peers: Vec::new(),
    }
}

pub(crate) fn cases() -> Vec<Case> {
    let mut v = vec![
        case(
            "name_validate",
            Some(90.0),
            || {
                black_box(
                    validate_ons_name(MappingType::Lokinet, black_box(NAME.as_bytes())).unwrap(),
                );
            },
            // The floor of validation: one lower-casing copy and one pass over the bytes.
            || {
                let name = black_box(NAME.as_bytes());
                let mut buf = [0u8; 68];
                buf[..name.len()].copy_from_slice(name);
                buf[..name.len()].make_ascii_lowercase();
                black_box(
                    buf[..name.len()]
                        .iter()
                        .all(|c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b'.'),
                );
            },
        ),
        case(
            "name_hash",
            Some(190.0),
            || {
                black_box(NameHash::of(black_box(NAME)).unwrap());
            },
            || {
                black_box(blake2b(black_box(NAME.as_bytes())));
            },
        ),
        case(
            "name_hash_base64",
            Some(280.0),
            || {
                black_box(NameHash::of(black_box(NAME)).unwrap().to_base64());
            },
            || {
                black_box(blake2b(black_box(NAME.as_bytes())));
            },
        ),
    ];
    for (label, ty, value) in values() {
        let plain = value.to_plaintext();
        let nonce = [0x5a; 24];
        let mut rng = ChaCha20Rng::seed_from_u64(1);
        let reference = (label == "lokinet").then_some(942.0);
        let mut out = [0u8; 113];
        let mut data = [0u8; 73];
        let mut c = case(
            &format!("encrypt_{label}"),
            reference,
            move || {
                black_box(encrypt(black_box(NAME), black_box(&value), &mut rng).unwrap());
            },
            {
                let plain = plain.clone();
                move || {
                    let n = plain.len();
                    data[..n].copy_from_slice(black_box(plain.as_bytes()));
                    floor_xchacha(black_box(NAME.as_bytes()), &mut data[..n], &nonce);
                }
            },
        );
        let peer_plain = plain.clone();
        c.peers.push((
            "rustcrypto-aead",
            Box::new(move || {
                black_box(rustcrypto_encrypt(
                    black_box(NAME.as_bytes()),
                    black_box(peer_plain.as_bytes()),
                    &nonce,
                    &mut out,
                ));
            }),
        ));
        v.push(c);
        let key = name_to_encryption_key(NAME).unwrap();
        let stored = encrypt_with_nonce(&key, plain.as_bytes(), &nonce).unwrap();
        let reference = (label == "lokinet").then_some(931.0);
        let mut out = [0u8; 73];
        let mut data = [0u8; 73];
        let mut c = case(
            &format!("decrypt_{label}"),
            reference,
            move || {
                black_box(decrypt(black_box(NAME), ty, black_box(stored.as_bytes())).unwrap());
            },
            move || {
                let n = stored.len() - 40;
                data[..n].copy_from_slice(black_box(&stored.as_bytes()[..n]));
                floor_xchacha(black_box(NAME.as_bytes()), &mut data[..n], &nonce);
            },
        );
        c.peers.push((
            "rustcrypto-aead",
            Box::new(move || {
                black_box(rustcrypto_decrypt(
                    black_box(NAME.as_bytes()),
                    black_box(stored.as_bytes()),
                    &mut out,
                ));
            }),
        ));
        v.push(c);
    }

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
    v.push(case(
        "update_signature_hash",
        Some(311.0),
        move || {
            black_box(
                update_signature_hash(black_box(&value), Some(black_box(&owner)), None, &txid)
                    .unwrap(),
            );
        },
        move || {
            black_box(blake2b(black_box(&data)));
        },
    ));
    v
}

/// ONS value encryption vs plaintext size, up to the largest value (an integrated wallet
/// address): the key derivation is done once, outside the timing.
fn size_curve(c: &mut Criterion) {
    let key = name_to_encryption_key(NAME).unwrap();
    let nonce = [0x24u8; 24];
    let mut g = c.benchmark_group("ons_encrypt");
    for n in [1usize, 8, 32, 64, oxen_ons::value::MAX_PLAINTEXT_LEN] {
        let plain = vec![0x61u8; n];
        g.bench_function(id("oxen", Some(n)), |b| {
            iter(b, || {
                encrypt_with_nonce(&key, black_box(&plain), &nonce).unwrap()
            })
        });
    }
    g.finish();
}

fn fast_benches(c: &mut Criterion) {
    size_curve(c);
    for mut k in cases() {
        let mut g = c.benchmark_group(&k.op);
        g.bench_function("oxen", |b| iter(b, &mut k.oxen));
        g.bench_function("floor", |b| iter(b, &mut k.floor));
        for (name, f) in &mut k.peers {
            g.bench_function(*name, |b| iter(b, &mut *f));
        }
        g.finish();
    }
}

/// The fastest per-call time over many short batches. On a loaded machine the fastest batch is
/// one that ran without being descheduled, which estimates the unloaded time; criterion's
/// medians there include other processes' time slices.
fn min_ns(f: &mut dyn FnMut()) -> f64 {
    const BATCH: u32 = 32;
    let mut best = f64::INFINITY;
    let deadline = Instant::now() + Duration::from_millis(1500);
    while Instant::now() < deadline {
        let t = Instant::now();
        for _ in 0..BATCH {
            f();
        }
        best = best.min(t.elapsed().as_nanos() as f64 / f64::from(BATCH));
    }
    best
}

/// `ONS_MIN_TIMES=1`: prints the fastest-batch estimates, oxen and floor interleaved.
fn min_times() {
    println!(
        "| operation | oxen (ns) | floor (ns) | oxen / floor | reference (ns) | oxen / reference | rustcrypto-aead (ns) |"
    );
    println!("|---|---|---|---|---|---|---|");
    for mut k in cases() {
        // Warm up both, then alternate so drifts in load affect both alike.
        min_ns(&mut k.oxen);
        let (mut o, mut f) = (f64::INFINITY, f64::INFINITY);
        for _ in 0..3 {
            o = o.min(min_ns(&mut k.oxen));
            f = f.min(min_ns(&mut k.floor));
        }
        let reference = k
            .reference_ns
            .map_or(("-".to_string(), "-".to_string()), |r| {
                (format!("{r:.0}"), format!("{:.2}", o / r))
            });
        let peer = k
            .peers
            .first_mut()
            .map_or("-".to_string(), |(_, p)| format!("{:.0}", min_ns(p)));
        println!(
            "| {} | {o:.0} | {f:.0} | {:.2} | {} | {} | {peer} |",
            k.op,
            o / f,
            reference.0,
            reference.1
        );
    }
}

fn heavy_benches(c: &mut Criterion) {
    let sid = SessionId::from_x25519([0x42; 32]);
    let stored = encrypt_heavy("legacy", &sid).unwrap();
    let mut g = c.benchmark_group("decrypt_heavy");
    g.sample_size(10);
    g.warm_up_time(Duration::from_millis(1));
    g.measurement_time(Duration::from_secs(8));
    g.bench_function("oxen", |b| {
        iter(b, || {
            decrypt(black_box("legacy"), MappingType::Session, stored.as_bytes()).unwrap()
        })
    });
    g.finish();
}

criterion_group! {
    name = group;
    config = oxen_benches::harness::config();
    targets = fast_benches, heavy_benches
}

fn main() {
    if std::env::var_os("ONS_MIN_TIMES").is_some() {
        min_times();
        return;
    }
    group();
    Criterion::default().configure_from_args().final_summary();
}
