//! Benchmarks for oxen-crypto, beside monero-clsag (the peer CLSAG implementation) and a "floor"
//! (the curve work no CLSAG verifier can avoid: per ring member one hash-to-point and two
//! 3-term multiscalar products).
//!
//! Run: `cargo bench -p oxen-benches --bench crypto -- --warm-up-time 1 --measurement-time 3`
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use curve25519_dalek::edwards::EdwardsPoint;
use curve25519_dalek::traits::VartimeMultiscalarMul;
use oxen_benches::harness::{id, iter};
use oxen_crypto::clsag::{self, ClsagSecret, RingMember};
use oxen_crypto::*;
use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;

/// The RingCT amount generator `H` (rct::H).
fn pedersen_h() -> Point {
    let b: [u8; 32] =
        hex::decode("8b655970153799af2aeadc9ff1add0ea6c7251d54154cfa92c173a0dd39c1f94")
            .unwrap()
            .try_into()
            .unwrap();
    Point::from_bytes(&b).unwrap()
}

pub(crate) struct ClsagInput {
    pub(crate) ring: Vec<RingMember>,
    pub(crate) pseudo: CompressedPoint,
    pseudo_mask: SecretScalar,
    p: SecretKey,
    mask: SecretScalar,
    amount: u64,
    real: usize,
    pub(crate) msg: [u8; 32],
}

pub(crate) fn clsag_input(rng: &mut ChaCha20Rng, n: usize) -> ClsagInput {
    let h = pedersen_h();
    let real = n / 2;
    let (p, _) = generate_keys(rng);
    let mask = SecretScalar::random(rng);
    let pseudo_mask = SecretScalar::random(rng);
    let amount = 1_000_000u64;
    let ring = (0..n)
        .map(|i| {
            if i == real {
                (
                    p.public_key().compressed(),
                    (mask.mul_base() + h * Scalar::from(amount)).compress(),
                )
            } else {
                let (_, pk) = generate_keys(rng);
                let c = Point::mul_base(&Scalar::random(rng)) + h * Scalar::from(7u64);
                (pk.compressed(), c.compress())
            }
        })
        .collect();
    let pseudo = (pseudo_mask.mul_base() + h * Scalar::from(amount)).compress();
    ClsagInput {
        ring,
        pseudo,
        pseudo_mask,
        p,
        mask,
        amount,
        real,
        msg: [0x42; 32],
    }
}

pub(crate) fn oxen_sign(input: &ClsagInput, rng: &mut ChaCha20Rng) -> (Clsag, KeyImage) {
    let z = &input.mask - &input.pseudo_mask;
    let secret = ClsagSecret {
        p: &input.p,
        z: &z,
        real_index: input.real,
    };
    clsag::sign(&input.msg, &input.ring, &input.pseudo, &secret, rng).unwrap()
}

pub(crate) mod peer {
    //! monero-clsag (curve25519-dalek 4 types): everything crosses as bytes.
    use super::*;
    use monero_ed25519::{
        Commitment, CompressedPoint as MCompressed, Point as MPoint, Scalar as MScalar,
    };
    use zeroize::Zeroizing;

    pub fn point(b: [u8; 32]) -> MPoint {
        MCompressed::from(b).decompress().unwrap()
    }

    pub fn scalar(s: &Scalar) -> MScalar {
        MScalar::read(&mut &s.to_bytes()[..]).unwrap()
    }

    pub struct Prepared {
        ring: Vec<[MPoint; 2]>,
        key: MScalar,
        mask: MScalar,
        amount: u64,
        pseudo_mask: MScalar,
        real: u8,
        msg: [u8; 32],
    }

    pub fn prepare(input: &ClsagInput) -> Prepared {
        Prepared {
            ring: input
                .ring
                .iter()
                .map(|(p, c)| [point(p.0), point(c.0)])
                .collect(),
            key: scalar(input.p.as_secret_scalar().expose_scalar()),
            mask: scalar(input.mask.expose_scalar()),
            amount: input.amount,
            pseudo_mask: scalar(input.pseudo_mask.expose_scalar()),
            real: input.real as u8,
            msg: input.msg,
        }
    }

    pub fn sign(p: &Prepared, rng: &mut rand_chacha_03::ChaCha20Rng) -> monero_clsag::Clsag {
        let n = p.ring.len() as u64;
        let decoys = monero_clsag::Decoys::new((1..=n).collect(), p.real, p.ring.clone()).unwrap();
        let ctx =
            monero_clsag::ClsagContext::new(decoys, Commitment::new(p.mask, p.amount)).unwrap();
        let mut out = monero_clsag::Clsag::sign(
            rng,
            vec![(Zeroizing::new(p.key), ctx)],
            p.pseudo_mask,
            p.msg,
        )
        .unwrap();
        out.pop().unwrap().0
    }

    pub struct VerifyInput {
        sig: monero_clsag::Clsag,
        ring: Vec<[MCompressed; 2]>,
        image: MCompressed,
        pseudo: MCompressed,
        msg: [u8; 32],
    }

    /// Our signature, decoded by monero-clsag from its wire bytes.
    pub fn verify_input(input: &ClsagInput, sig: &Clsag, image: &KeyImage) -> VerifyInput {
        let bytes = sig.to_bytes();
        VerifyInput {
            sig: monero_clsag::Clsag::read(input.ring.len(), &mut &bytes[..]).unwrap(),
            ring: input
                .ring
                .iter()
                .map(|(p, c)| [MCompressed::from(p.0), MCompressed::from(c.0)])
                .collect(),
            image: MCompressed::from(image.0),
            pseudo: MCompressed::from(input.pseudo.0),
            msg: input.msg,
        }
    }

    pub fn verify(v: &VerifyInput) -> bool {
        v.sig
            .verify(v.ring.clone(), &v.image, &v.pseudo, &v.msg)
            .is_ok()
    }
}

/// The unavoidable curve work of one CLSAG verification over `ring`: per member one
/// hash-to-point and two 3-term variable-time multiscalar products.
pub(crate) fn floor(
    ring: &[RingMember],
    scalars: &[curve25519_dalek::Scalar; 3],
    pts: &[EdwardsPoint; 3],
) -> EdwardsPoint {
    let mut acc = EdwardsPoint::default();
    for (p, _) in ring {
        let hp = hash_to_ec_vartime(p.as_bytes()).to_dalek();
        let l = EdwardsPoint::vartime_multiscalar_mul(scalars, [pts[0], pts[1], pts[2]]);
        let r = EdwardsPoint::vartime_multiscalar_mul(scalars, [hp, pts[1], pts[2]]);
        acc += l + r;
    }
    acc
}

fn benches(c: &mut Criterion) {
    let mut rng = ChaCha20Rng::seed_from_u64(0xbe7c);
    let data32 = [0x5au8; 32];
    c.bench_function("keccak_32B/oxen", |b| {
        iter(b, || hash::keccak256(black_box(&data32)))
    });
    c.bench_function("hash_to_ec/oxen", |b| {
        iter(b, || hash_to_ec_vartime(black_box(&data32)))
    });
    let s = Scalar::random(&mut rng);
    let pt = Point::mul_base(&Scalar::random(&mut rng));
    c.bench_function("scalar_mul_varbase/oxen", |b| {
        iter(b, || black_box(&pt) * black_box(&s))
    });

    let (a, big_a) = generate_keys(&mut rng);
    let (_, big_b) = generate_keys(&mut rng);
    c.bench_function("generate_key_derivation/oxen", |b| {
        iter(b, || {
            generate_key_derivation(black_box(&big_a), black_box(&a)).unwrap()
        })
    });
    let d = generate_key_derivation(&big_a, &a).unwrap();
    c.bench_function("derive_public_key/oxen", |b| {
        iter(b, || {
            derive_public_key(black_box(&d), 3, black_box(&big_b)).unwrap()
        })
    });
    c.bench_function("key_image/oxen", |b| {
        iter(b, || generate_key_image(black_box(&big_a), black_box(&a)))
    });
    let sig = generate_signature(&data32, &big_a, &a, &mut rng).unwrap();
    c.bench_function("check_signature/oxen", |b| {
        iter(b, || {
            assert!(check_signature(black_box(&data32), &big_a, &sig))
        })
    });

    for n in [10usize, 16] {
        let keys: Vec<_> = (0..n).map(|_| generate_keys(&mut rng)).collect();
        let pubs: Vec<_> = keys.iter().map(|k| k.1).collect();
        let ki = generate_key_image(&keys[3].1, &keys[3].0);
        let sigs = generate_ring_signature(&data32, &ki, &pubs, &keys[3].0, 3, &mut rng).unwrap();
        c.bench_function(&format!("ring_signature_check_{n}/oxen"), |b| {
            iter(b, || {
                assert!(check_ring_signature(&data32, &ki, &pubs, &sigs))
            })
        });
    }

    let fl = floor_input(&mut rng);
    let mut rng03 =
        <rand_chacha_03::ChaCha20Rng as rand_chacha_03::rand_core::SeedableRng>::seed_from_u64(9);
    // The headline rows at Oxen's ring size, then the growth curves vs ring size.
    bench_clsag(c, 10, false, &mut rng, &mut rng03, &fl);
    for n in RINGS {
        bench_clsag(c, n, true, &mut rng, &mut rng03, &fl);
    }
    bench_mlsag(c, 10, false, &mut rng);
    for n in RINGS {
        bench_mlsag(c, n, true, &mut rng);
    }
}

/// Ring sizes of the CLSAG and MLSAG growth curves.
const RINGS: [usize; 4] = [2, 8, 32, 128];

pub(crate) type Floor = ([curve25519_dalek::Scalar; 3], [EdwardsPoint; 3]);

/// The floor's scalars and points (random; the `pairs` bench draws its own the same way).
pub(crate) fn floor_input(rng: &mut ChaCha20Rng) -> Floor {
    (
        [
            Scalar::random(rng).to_dalek(),
            Scalar::random(rng).to_dalek(),
            Scalar::random(rng).to_dalek(),
        ],
        [
            Point::mul_base(&Scalar::random(rng)).to_dalek(),
            Point::mul_base(&Scalar::random(rng)).to_dalek(),
            Point::mul_base(&Scalar::random(rng)).to_dalek(),
        ],
    )
}

/// CLSAG sign and verify at ring size `n`: a table row (`clsag_sign_10/oxen`) or, with
/// `curve`, a point of the curves (`clsag_sign/oxen/10`).
fn bench_clsag(
    c: &mut Criterion,
    n: usize,
    curve: bool,
    rng: &mut ChaCha20Rng,
    rng03: &mut rand_chacha_03::ChaCha20Rng,
    fl: &Floor,
) {
    let (group, at) = group_and_param("clsag_sign", n, curve);
    let input = clsag_input(rng, n);
    let prepared = peer::prepare(&input);
    let mut g = c.benchmark_group(&group);
    g.bench_function(id("oxen", at), |b| iter(b, || oxen_sign(&input, rng)));
    g.bench_function(id("monero-clsag", at), |b| {
        iter(b, || peer::sign(&prepared, rng03))
    });
    g.finish();
    let (sig, image) = oxen_sign(&input, rng);
    let peer_in = peer::verify_input(&input, &sig, &image);
    assert!(peer::verify(&peer_in), "monero-clsag rejects our CLSAG");
    let (group, at) = group_and_param("clsag_verify", n, curve);
    let mut g = c.benchmark_group(&group);
    g.bench_function(id("oxen", at), |b| {
        iter(b, || {
            assert!(sig.check(&input.ring, &image, &input.pseudo, &input.msg))
        })
    });
    g.bench_function(id("monero-clsag", at), |b| {
        iter(b, || assert!(peer::verify(&peer_in)))
    });
    g.bench_function(id("floor", at), |b| {
        iter(b, || floor(&input.ring, &fl.0, &fl.1))
    });
    g.finish();
}

/// MLSAG (simple, as RingCT uses it) verification at ring size `n`.
fn bench_mlsag(c: &mut Criterion, n: usize, curve: bool, rng: &mut ChaCha20Rng) {
    let input = clsag_input(rng, n);
    let z = &input.mask - &input.pseudo_mask;
    let secret = ClsagSecret {
        p: &input.p,
        z: &z,
        real_index: input.real,
    };
    let (msig, image) =
        mlsag::sign_simple(&input.msg, &input.ring, &input.pseudo, &secret, rng).unwrap();
    let (group, at) = group_and_param("mlsag_verify", n, curve);
    let mut g = c.benchmark_group(&group);
    g.bench_function(id("oxen", at), |b| {
        iter(b, || {
            assert!(msig.check_simple(&input.msg, &input.ring, &image, &input.pseudo))
        })
    });
    g.finish();
}

/// `(group, parameter)`: `(op_n, None)` for a table row, `(op, Some(n))` for a curve point.
fn group_and_param(op: &str, n: usize, curve: bool) -> (String, Option<usize>) {
    if curve {
        (op.to_owned(), Some(n))
    } else {
        (format!("{op}_{n}"), None)
    }
}

criterion_group! {
    name = group;
    config = oxen_benches::harness::config();
    targets = benches
}
criterion_main!(group);
