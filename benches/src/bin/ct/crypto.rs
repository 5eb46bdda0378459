//! oxen-crypto: scalar multiplications by a secret and the three ring signers.
//!
//! The key tests compare a fixed low-weight secret (1) with uniformly random secrets; the
//! signer tests compare the real member at index 0 with the real member at a random index, over
//! otherwise identical rings (the same decoys, the same secrets), as the constant-time claim is
//! about the secrets *and* the real index.

use dudect_bencher::{BenchRng, Class, CtRunner};
use oxen_crypto::clsag::{self, ClsagSecret, RingMember};
use oxen_crypto::{
    CompressedPoint, KeyImage, Point, PublicKey, Scalar, SecretKey, SecretScalar, generate_keys,
    mlsag,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha20Rng;

use crate::{draw_class, fail, samples};

/// Ring size of the signer tests (Oxen's ring size).
const RING: usize = 10;
const MESSAGE: [u8; 32] = [0x42; 32];

/// The fixed secret of class A: 1.
fn secret_one() -> SecretKey {
    SecretKey::from_secret_scalar(SecretScalar::from_scalar(Scalar::ONE))
}

/// `samples()` inputs: class A gets `fixed()`, class B a random secret key.
fn fixed_vs_random(rng: &mut BenchRng) -> Vec<(Class, SecretKey)> {
    (0..samples())
        .map(|_| {
            let class = draw_class(rng);
            let key = match class {
                Class::Left => secret_one(),
                Class::Right => SecretKey::random(rng),
            };
            (class, key)
        })
        .collect()
}

pub(crate) fn secret_key_to_public_key(runner: &mut CtRunner, rng: &mut BenchRng) {
    for (class, key) in fixed_vs_random(rng) {
        let bytes = key.to_bytes();
        runner.run_one(class, || oxen_crypto::secret_key_to_public_key(&bytes));
    }
}

/// The positive control: a variable-time multiplication (`vartime_double_scalar_mul_basepoint`,
/// fine for the public inputs it is meant for) by a secret must show a leak.
pub(crate) fn control_vartime_mul(runner: &mut CtRunner, rng: &mut BenchRng) {
    let (_, public) = generate_keys(rng);
    let Ok(point) = public.decompress() else {
        fail("control point")
    };
    for (class, key) in fixed_vs_random(rng) {
        let s = *key.as_secret_scalar().expose_scalar();
        runner.run_one(class, || {
            Point::vartime_double_scalar_mul_basepoint(&s, &point, &Scalar::ZERO)
        });
    }
}

pub(crate) fn generate_key_derivation(runner: &mut CtRunner, rng: &mut BenchRng) {
    let (_, public) = generate_keys(rng);
    for (class, key) in fixed_vs_random(rng) {
        runner.run_one(class, || {
            oxen_crypto::generate_key_derivation(&public, &key)
        });
    }
}

pub(crate) fn generate_key_image(runner: &mut CtRunner, rng: &mut BenchRng) {
    let (_, public) = generate_keys(rng);
    for (class, key) in fixed_vs_random(rng) {
        runner.run_one(class, || oxen_crypto::generate_key_image(&public, &key));
    }
}

/// One real member and `RING - 1` decoys; `ring(l)` places the real member at `l`.
struct Rings {
    p: SecretKey,
    z: SecretScalar,
    real: RingMember,
    decoys: Vec<RingMember>,
    pseudo: CompressedPoint,
    key_image: KeyImage,
}

impl Rings {
    fn new(rng: &mut BenchRng) -> Rings {
        let h = Point::mul_base(&Scalar::from_u64(12_345)); // any second generator
        let amount = Scalar::from_u64(1_000);
        let (p, big_p) = generate_keys(rng);
        let mask = SecretScalar::random(rng);
        let pseudo_mask = SecretScalar::random(rng);
        let real = (
            big_p.compressed(),
            (mask.mul_base() + h * amount).compress(),
        );
        let decoys = (1..RING)
            .map(|_| {
                let (_, pk) = generate_keys(rng);
                let c = Point::mul_base(&Scalar::random(rng)) + h * amount;
                (pk.compressed(), c.compress())
            })
            .collect();
        let pseudo = (pseudo_mask.mul_base() + h * amount).compress();
        let key_image = oxen_crypto::generate_key_image(&big_p, &p);
        Rings {
            p,
            z: mask - pseudo_mask,
            real,
            decoys,
            pseudo,
            key_image,
        }
    }

    fn ring(&self, l: usize) -> Vec<RingMember> {
        let mut ring = self.decoys.clone();
        ring.insert(l.min(ring.len()), self.real);
        ring
    }

    /// The public keys only (for the CryptoNote ring signature).
    fn pubs(&self, l: usize) -> Vec<PublicKey> {
        self.ring(l)
            .iter()
            .map(|(p, _)| PublicKey::from(*p))
            .collect()
    }
}

/// A uniform index below `RING`.
fn below_ring(rng: &mut BenchRng) -> usize {
    usize::try_from(rng.next_u64() % RING as u64).unwrap_or(0)
}

/// `samples()` draws of (class, real index, table slot, signing-RNG seed): class A at index 0,
/// class B at a uniformly random index. The slot picks one of `2 RING` separately allocated
/// rings (see [`ring_table`]): class A one of `RING` copies of the index-0 ring, class B the
/// ring of its index, so that both classes read their ring from `RING` places in memory and
/// only the real index differs (else class A's one ring stays hot in the cache).
fn index_inputs(rng: &mut BenchRng) -> Vec<(Class, usize, usize, u64)> {
    (0..samples())
        .map(|_| {
            let class = draw_class(rng);
            let (l, slot) = match class {
                Class::Left => (0, below_ring(rng)),
                Class::Right => {
                    let l = below_ring(rng);
                    (l, RING + l)
                }
            };
            (class, l, slot, rng.next_u64())
        })
        .collect()
}

/// `RING` copies of `make(0)`, then `make(l)` for every `l` (the slots of [`index_inputs`]).
fn ring_table<T>(make: impl Fn(usize) -> T) -> Vec<T> {
    (0..RING)
        .map(|_| make(0))
        .chain((0..RING).map(&make))
        .collect()
}

/// A CLSAG-style signer: `(message, ring, pseudo_out, secret, rng)`.
type Signer<T> =
    fn(&[u8; 32], &[RingMember], &CompressedPoint, &ClsagSecret<'_>, &mut ChaCha20Rng) -> T;

/// Times `sign` over the same ring with the real member at index 0 (class A) or at a random
/// index (class B).
fn ring_signer<T>(runner: &mut CtRunner, rng: &mut BenchRng, sign: Signer<T>) {
    let rings = Rings::new(rng);
    let all = ring_table(|l| rings.ring(l));
    for (class, l, slot, seed) in index_inputs(rng) {
        let Some(ring) = all.get(slot) else {
            fail("ring index")
        };
        let secret = ClsagSecret {
            p: &rings.p,
            z: &rings.z,
            real_index: l,
        };
        runner.run_one(class, || {
            let mut r = ChaCha20Rng::seed_from_u64(seed);
            sign(&MESSAGE, ring, &rings.pseudo, &secret, &mut r)
        });
    }
}

pub(crate) fn clsag_sign(runner: &mut CtRunner, rng: &mut BenchRng) {
    ring_signer(runner, rng, clsag::sign::<ChaCha20Rng>);
}

pub(crate) fn mlsag_sign(runner: &mut CtRunner, rng: &mut BenchRng) {
    ring_signer(runner, rng, mlsag::sign_simple::<ChaCha20Rng>);
}

pub(crate) fn ring_signature_sign(runner: &mut CtRunner, rng: &mut BenchRng) {
    let rings = Rings::new(rng);
    let all = ring_table(|l| rings.pubs(l));
    for (class, l, slot, seed) in index_inputs(rng) {
        let Some(pubs) = all.get(slot) else {
            fail("ring index")
        };
        runner.run_one(class, || {
            let mut r = ChaCha20Rng::seed_from_u64(seed);
            oxen_crypto::generate_ring_signature(
                &MESSAGE,
                &rings.key_image,
                pubs,
                &rings.p,
                l,
                &mut r,
            )
        });
    }
}
