//! The prover (reference `bulletproof_PROVE(sv, gamma)` in `src/ringct/bulletproofs.cc`). The
//! equations are in [`super::notes`].

use alloc::vec;
use alloc::vec::Vec;

use curve25519_dalek::edwards::EdwardsPoint;
use curve25519_dalek::scalar::Scalar;
use curve25519_dalek::traits::{Identity, MultiscalarMul};
use rand_core::CryptoRng;
use subtle::{Choice, ConditionallySelectable};
use zeroize::Zeroizing;

use super::generators::{Generators, mul_h, two_pow, with_generators};
use super::transcript::Transcript;
use super::{Bulletproof, MAX_AMOUNTS, N_BITS, inv_eight, log_m};
use crate::Error;
use crate::commitment::{Commitment, commit_dalek};

/// The reference's `random_scalar` as the vectors specify it: 32 random bytes, the top 3 bits of
/// byte 31 cleared, drawn again while the value is `≥ l` or zero. Using exactly this lets the
/// vectors' deterministic byte stream reproduce their proofs (`bulletproof_valid.json`).
pub(crate) fn random_scalar<R: CryptoRng + ?Sized>(rng: &mut R) -> Scalar {
    let mut bytes = Zeroizing::new([0u8; 32]);
    loop {
        rng.fill_bytes(&mut bytes[..]);
        if let Some(last) = bytes.last_mut() {
            *last &= 0x1f;
        }
        if let Some(s) = Option::<Scalar>::from(Scalar::from_canonical_bytes(*bytes))
            && s != Scalar::ZERO
        {
            return s;
        }
    }
}

fn inner_product(a: &[Scalar], b: &[Scalar]) -> Scalar {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Checks the inputs, then proves with the shared generators.
pub(super) fn prove<R: CryptoRng + ?Sized>(
    amounts: &[u64],
    masks: &[oxen_crypto::SecretScalar],
    rng: &mut R,
) -> Result<(Bulletproof, Vec<Commitment>), Error> {
    if amounts.len() != masks.len() {
        return Err(Error::BulletproofAmountsMasksMismatch {
            amounts: amounts.len(),
            masks: masks.len(),
        });
    }
    if amounts.is_empty() {
        return Err(Error::BulletproofNoAmounts);
    }
    if amounts.len() > MAX_AMOUNTS {
        return Err(Error::BulletproofTooManyAmounts {
            count: amounts.len(),
        });
    }
    let masks: Zeroizing<Vec<Scalar>> =
        Zeroizing::new(masks.iter().map(|m| *m.expose_dalek()).collect());
    let mn = (1usize << log_m(amounts.len())) * N_BITS;
    Ok(with_generators(mn, |gens| {
        prove_with(gens, amounts, &masks, mn, rng, |_, bytes| bytes)
    }))
}

/// A point a proof carries (or hashes, for `V`) that a test may rewrite before it is hashed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum WireField {
    V,
    A,
    S,
    T1,
    T2,
}

/// The prover; `wire` sees each of the points of [`WireField`] as encoded (×1/8) before it is
/// hashed and stored. [`prove`] passes them through unchanged; tests use it to add torsion, which
/// the reference's verifier clears (`scalarmult8`) and so must accept.
pub(super) fn prove_with<R: CryptoRng + ?Sized>(
    gens: &Generators,
    amounts: &[u64],
    masks: &[Scalar],
    mn: usize,
    rng: &mut R,
    wire: impl Fn(WireField, [u8; 32]) -> [u8; 32],
) -> (Bulletproof, Vec<Commitment>) {
    let inv8 = inv_eight();
    let gi = gens.gi.get(..mn).unwrap_or(&gens.gi);
    let hi = gens.hi.get(..mn).unwrap_or(&gens.hi);

    // C_j = gamma_j·G + v_j·H (the outPk commitments) and V_j = C_j / 8, constant time.
    let mut commitments = Vec::with_capacity(amounts.len());
    let mut v_bytes = Vec::with_capacity(amounts.len());
    for (amount, gamma) in amounts.iter().zip(masks) {
        let v = Scalar::from(*amount);
        commitments.push(Commitment(commit_dalek(&v, gamma).compress().to_bytes()));
        let big_v = EdwardsPoint::mul_base(&(gamma * inv8)) + mul_h(&(v * inv8));
        v_bytes.push(wire(WireField::V, big_v.compress().to_bytes()));
    }

    // aL = bits of the amounts (padding amounts are 0), aR = aL - 1, as Choices.
    let bits: Zeroizing<Vec<u8>> = Zeroizing::new(
        (0..mn)
            .map(|i| {
                amounts
                    .get(i / N_BITS)
                    .map_or(0, |a| ((a >> (i % N_BITS)) & 1) as u8)
            })
            .collect(),
    );
    let a_l: Zeroizing<Vec<Scalar>> = Zeroizing::new(
        bits.iter()
            .map(|b| Scalar::conditional_select(&Scalar::ZERO, &Scalar::ONE, Choice::from(*b)))
            .collect(),
    );
    // Σ aL_i·Gi + aR_i·Hi = Σ (bit ? Gi : -Hi): one constant-time selection and addition per bit.
    let mut a_sum = EdwardsPoint::identity();
    for ((g, h), b) in gi.iter().zip(hi).zip(bits.iter()) {
        a_sum += EdwardsPoint::conditional_select(&-h, g, Choice::from(*b));
    }

    let initial = Transcript::new(v_bytes.iter());
    // The reference restarts from `try_again` when a challenge is zero (probability ~2^-252).
    // It keeps its mutated hash_cache; this restarts from the initial transcript instead.
    // Unreachable in practice, so the two cannot be told apart.
    loop {
        let mut tr = initial.clone();
        let alpha = Zeroizing::new(random_scalar(rng));
        let s_l: Zeroizing<Vec<Scalar>> =
            Zeroizing::new((0..mn).map(|_| random_scalar(rng)).collect());
        let s_r: Zeroizing<Vec<Scalar>> =
            Zeroizing::new((0..mn).map(|_| random_scalar(rng)).collect());
        let rho = Zeroizing::new(random_scalar(rng));

        // A = (aL·Gi + aR·Hi + alpha·G)/8, S = (sL·Gi + sR·Hi + rho·G)/8.
        let big_a = wire(
            WireField::A,
            ((a_sum + EdwardsPoint::mul_base(&alpha)) * inv8)
                .compress()
                .to_bytes(),
        );
        let s_scalars: Zeroizing<Vec<Scalar>> = Zeroizing::new(
            s_l.iter()
                .chain(s_r.iter())
                .chain([&*rho])
                .map(|s| s * inv8)
                .collect(),
        );
        let big_s = wire(
            WireField::S,
            EdwardsPoint::multiscalar_mul(
                s_scalars.iter(),
                gi.iter()
                    .chain(hi)
                    .chain([&curve25519_dalek::constants::ED25519_BASEPOINT_POINT]),
            )
            .compress()
            .to_bytes(),
        );

        let y = tr.challenge_y(&big_a, &big_s);
        if y == Scalar::ZERO {
            continue;
        }
        let z = tr.challenge_z();
        if z == Scalar::ZERO {
            continue;
        }

        // l(X) = (aL - z) + sL·X,  r(X) = y^i ∘ (aR + z + sR·X) + z^(2+j)·2^k  (i = 64j + k).
        let mut l0 = Zeroizing::new(Vec::with_capacity(mn));
        let mut r0 = Zeroizing::new(Vec::with_capacity(mn));
        let mut r1 = Zeroizing::new(Vec::with_capacity(mn));
        let mut y_pow = Scalar::ONE;
        let mut z_block = z * z; // z^(2+j) for the current block j
        for (i, (al, sr)) in a_l.iter().zip(s_r.iter()).enumerate() {
            if i > 0 && i % N_BITS == 0 {
                z_block *= z;
            }
            let ar = al - Scalar::ONE;
            l0.push(al - z);
            r0.push((ar + z) * y_pow + z_block * two_pow(i % N_BITS));
            r1.push(y_pow * sr);
            y_pow *= y;
        }
        let t1 = Zeroizing::new(inner_product(&l0, &r1) + inner_product(&s_l, &r0));
        let t2 = Zeroizing::new(inner_product(&s_l, &r1));

        let tau1 = Zeroizing::new(random_scalar(rng));
        let tau2 = Zeroizing::new(random_scalar(rng));
        // the blinding values divided by 8 are as secret as the values: zeroizing owners
        let eighths = Zeroizing::new([*tau1 * inv8, *t1 * inv8, *tau2 * inv8, *t2 * inv8]);
        let [tau1_8, t1_8, tau2_8, t2_8] = &*eighths;
        let big_t1 = wire(
            WireField::T1,
            (EdwardsPoint::mul_base(tau1_8) + mul_h(t1_8))
                .compress()
                .to_bytes(),
        );
        let big_t2 = wire(
            WireField::T2,
            (EdwardsPoint::mul_base(tau2_8) + mul_h(t2_8))
                .compress()
                .to_bytes(),
        );

        let x = tr.challenge_x(&big_t1, &big_t2);
        if x == Scalar::ZERO {
            continue;
        }

        // taux = tau1·x + tau2·x² + Σ_j z^(j+2)·gamma_j,  mu = alpha + rho·x.
        let mut taux = *tau1 * x + *tau2 * x * x;
        let mut z_j = z * z;
        for gamma in masks {
            taux += z_j * gamma;
            z_j *= z;
        }
        let mu = *alpha + *rho * x;

        let l: Zeroizing<Vec<Scalar>> =
            Zeroizing::new(l0.iter().zip(s_l.iter()).map(|(a, s)| a + s * x).collect());
        let r: Zeroizing<Vec<Scalar>> =
            Zeroizing::new(r0.iter().zip(r1.iter()).map(|(a, s)| a + s * x).collect());
        let t = inner_product(&l, &r);

        let x_ip = tr.challenge_x_ip(taux.as_bytes(), mu.as_bytes(), t.as_bytes());
        if x_ip == Scalar::ZERO {
            continue;
        }

        let Some((big_l, big_r, a, b)) = inner_product_argument(gens, &mut tr, mn, y, x_ip, l, r)
        else {
            continue;
        };
        let proof = Bulletproof {
            big_a,
            big_s,
            t1: big_t1,
            t2: big_t2,
            taux: taux.to_bytes(),
            mu: mu.to_bytes(),
            l: big_l,
            r: big_r,
            a: a.to_bytes(),
            b: b.to_bytes(),
            t: t.to_bytes(),
        };
        return (proof, commitments);
    }
}

/// The inner-product argument for `<l, r> = t` over `Gi` and `H'_i = y^-i·Hi` with `u = x_ip·H`.
/// Returns `(L, R, a, b)`, or `None` when a round challenge is zero (restart).
///
/// Instead of folding the generators each round (`2·n/2` double multiplications), the prover
/// keeps each folded generator as a combination of the original ones, `G'_i = Σ cg_j·Gi_j` over
/// `j ≡ i (mod n)`, and computes `L` and `R` as multiscalar multiplications over the original
/// generators (tables for small sizes). Variable time (the vectors are blinded by `sL`, `sR`).
#[allow(clippy::type_complexity)]
fn inner_product_argument(
    gens: &Generators,
    tr: &mut Transcript,
    mn: usize,
    y: Scalar,
    x_ip: Scalar,
    l: Zeroizing<Vec<Scalar>>,
    r: Zeroizing<Vec<Scalar>>,
) -> Option<(Vec<[u8; 32]>, Vec<[u8; 32]>, Scalar, Scalar)> {
    let inv8 = inv_eight();
    let y_inv = y.invert();
    let mut cg = vec![Scalar::ONE; mn];
    let mut ch = Vec::with_capacity(mn);
    let mut p = Scalar::ONE;
    for _ in 0..mn {
        ch.push(p);
        p *= y_inv;
    }
    let mut a = l;
    let mut b = r;
    let mut big_l = Vec::new();
    let mut big_r = Vec::new();
    let mut n = mn;
    let mut statics_l = vec![Scalar::ZERO; 2 + 2 * mn];
    let mut statics_r = vec![Scalar::ZERO; 2 + 2 * mn];
    while n > 1 {
        let half = n / 2;
        let (a_lo, a_hi) = a.split_at(half);
        let (b_lo, b_hi) = b.split_at(half);
        let c_l = inner_product(a_lo, b_hi);
        let c_r = inner_product(a_hi, b_lo);

        // L = (Σ a_lo·G'_hi + b_hi·H'_lo + cL·x_ip·H)/8, R = (Σ a_hi·G'_lo + b_lo·H'_hi + cR·x_ip·H)/8.
        statics_l.fill(Scalar::ZERO);
        statics_r.fill(Scalar::ZERO);
        if let (Some(hl), Some(hr)) = (statics_l.get_mut(1), statics_r.get_mut(1)) {
            *hl = c_l * x_ip * inv8;
            *hr = c_r * x_ip * inv8;
        }
        let gen_pairs_l = statics_l
            .get_mut(2..)
            .unwrap_or(&mut [])
            .chunks_exact_mut(2);
        let gen_pairs_r = statics_r
            .get_mut(2..)
            .unwrap_or(&mut [])
            .chunks_exact_mut(2);
        for (j, ((sl, sr), (g, h))) in gen_pairs_l
            .zip(gen_pairs_r)
            .zip(cg.iter().zip(&ch))
            .enumerate()
        {
            let pos = j % n;
            if let ([sl_g, sl_h], [sr_g, sr_h]) = (sl, sr) {
                if pos >= half {
                    let k = pos - half;
                    *sl_g = a_lo.get(k).map_or(Scalar::ZERO, |v| v * g * inv8);
                    *sr_h = b_lo.get(k).map_or(Scalar::ZERO, |v| v * h * inv8);
                } else {
                    *sl_h = b_hi.get(pos).map_or(Scalar::ZERO, |v| v * h * inv8);
                    *sr_g = a_hi.get(pos).map_or(Scalar::ZERO, |v| v * g * inv8);
                }
            }
        }
        let l_pt = gens.vartime_msm(&statics_l, &[], &[]).compress().to_bytes();
        let r_pt = gens.vartime_msm(&statics_r, &[], &[]).compress().to_bytes();
        let w = tr.challenge_w(&l_pt, &r_pt);
        if w == Scalar::ZERO {
            return None;
        }
        big_l.push(l_pt);
        big_r.push(r_pt);
        let w_inv = w.invert();

        // G'' = w^-1·G'_lo + w·G'_hi, H'' = w·H'_lo + w^-1·H'_hi,
        // a'' = w·a_lo + w^-1·a_hi, b'' = w^-1·b_lo + w·b_hi.
        for (j, (g, h)) in cg.iter_mut().zip(ch.iter_mut()).enumerate() {
            if j % n < half {
                *g *= w_inv;
                *h *= w;
            } else {
                *g *= w;
                *h *= w_inv;
            }
        }
        let a_next: Vec<Scalar> = a_lo
            .iter()
            .zip(a_hi)
            .map(|(lo, hi)| lo * w + hi * w_inv)
            .collect();
        let b_next: Vec<Scalar> = b_lo
            .iter()
            .zip(b_hi)
            .map(|(lo, hi)| lo * w_inv + hi * w)
            .collect();
        a = Zeroizing::new(a_next);
        b = Zeroizing::new(b_next);
        n = half;
    }
    let a_final = a.first().copied().unwrap_or(Scalar::ZERO);
    let b_final = b.first().copied().unwrap_or(Scalar::ZERO);
    Some((big_l, big_r, a_final, b_final))
}
