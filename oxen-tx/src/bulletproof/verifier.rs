//! The verifier (reference `bulletproof_VERIFY` over a vector of proofs in
//! `src/ringct/bulletproofs.cc`). Each proof is checked and turned into its share of one
//! random-weighted multiscalar multiplication; the batch is valid iff that sum is the identity.
//! The equations are in [`super::notes`].

use alloc::vec;
use alloc::vec::Vec;

use curve25519_dalek::edwards::EdwardsPoint;
use curve25519_dalek::scalar::Scalar;
use curve25519_dalek::traits::IsIdentity;
use oxen_crypto::Point;
use oxen_crypto::hash::Keccak256;

use super::generators::{Generators, with_generators};
use super::transcript::Transcript;
use super::{Bulletproof, LOG_N, MAX_AMOUNTS, N_BITS, log_m};
use crate::Error;

/// Domain of the batch weights (ours; the reference draws them from the OS RNG, and they do not
/// change the verdict).
const WEIGHT_DOMAIN: &[u8] = b"oxen-tx bulletproof batch weights";

fn scalar(bytes: &[u8; 32], field: &'static str) -> Result<Scalar, Error> {
    Option::<Scalar>::from(Scalar::from_canonical_bytes(*bytes))
        .ok_or(Error::BulletproofNonCanonicalScalar(field))
}

fn point(bytes: &[u8; 32], field: &'static str) -> Result<EdwardsPoint, Error> {
    Point::from_bytes(bytes)
        .map(Point::to_dalek)
        .map_err(|_| Error::BulletproofInvalidPoint(field))
}

pub(super) fn nonzero(s: Scalar, which: &'static str) -> Result<Scalar, Error> {
    if s == Scalar::ZERO {
        Err(Error::BulletproofZeroChallenge(which))
    } else {
        Ok(s)
    }
}

/// One proof's share of the batch equation.
pub(super) struct Share {
    /// Coefficients of `G` and `H`.
    pub(super) g: Scalar,
    pub(super) h: Scalar,
    /// Coefficients of `Gi[k]`, `Hi[k]`, interleaved, for `k < MN`.
    pub(super) gens: Vec<Scalar>,
    /// The proof's own points (already ×1/8 on the wire; their scalars carry the ×8).
    pub(super) dyn_scalars: Vec<Scalar>,
    pub(super) dyn_points: Vec<EdwardsPoint>,
}

/// A proof that passed every check before the equation, with its challenges and decoded points.
pub(super) struct Checked {
    taux: Scalar,
    mu: Scalar,
    a: Scalar,
    b: Scalar,
    t: Scalar,
    y: Scalar,
    z: Scalar,
    x: Scalar,
    x_ip: Scalar,
    w: Vec<Scalar>,
    n_v: usize,
    log_m: usize,
    /// `V..., T1, T2, A, S, L..., R...`.
    points: Vec<EdwardsPoint>,
}

impl Checked {
    /// The scalars this proof needs inverted: `w_0..w_{rounds-1}, y, y - 1`.
    fn to_invert(&self) -> impl Iterator<Item = Scalar> + '_ {
        self.w.iter().copied().chain([self.y, self.y - Scalar::ONE])
    }
}

/// The checks of `bulletproof_VERIFY` for one proof, in the reference's order.
pub(super) fn check_proof(proof: &Bulletproof, v: &[[u8; 32]]) -> Result<Checked, Error> {
    let taux = scalar(&proof.taux, "taux")?;
    let mu = scalar(&proof.mu, "mu")?;
    let a = scalar(&proof.a, "a")?;
    let b = scalar(&proof.b, "b")?;
    let t = scalar(&proof.t, "t")?;
    if v.is_empty() {
        return Err(Error::BulletproofNoAmounts);
    }
    // The reference's bulletproof_VERIFY does not reject |V| > 16 itself (only the RingCT
    // semantics check does); here it is rejected before any generator is indexed.
    if v.len() > MAX_AMOUNTS {
        return Err(Error::BulletproofTooManyAmounts { count: v.len() });
    }
    if proof.l.len() != proof.r.len() {
        return Err(Error::BulletproofLrMismatch {
            l: proof.l.len(),
            r: proof.r.len(),
        });
    }
    if proof.l.is_empty() {
        return Err(Error::BulletproofEmptyLr);
    }

    let mut tr = Transcript::new(v.iter());
    let y = nonzero(tr.challenge_y(&proof.big_a, &proof.big_s), "y")?;
    let z = nonzero(tr.challenge_z(), "z")?;
    let x = nonzero(tr.challenge_x(&proof.t1, &proof.t2), "x")?;
    let x_ip = nonzero(tr.challenge_x_ip(&proof.taux, &proof.mu, &proof.t), "x_ip")?;

    let log_m = log_m(v.len());
    let rounds = LOG_N + log_m;
    if proof.l.len() != rounds {
        return Err(Error::BulletproofWrongRoundCount {
            expected: rounds,
            actual: proof.l.len(),
        });
    }
    let mut w = Vec::with_capacity(rounds);
    for (l, r) in proof.l.iter().zip(&proof.r) {
        w.push(nonzero(tr.challenge_w(l, r), "w")?);
    }

    // Decoding (the reference's scalarmult8 throws here on an invalid encoding).
    let mut dyn_points = Vec::with_capacity(v.len() + 4 + 2 * rounds);
    for vi in v {
        dyn_points.push(point(vi, "V")?);
    }
    dyn_points.push(point(&proof.t1, "T1")?);
    dyn_points.push(point(&proof.t2, "T2")?);
    dyn_points.push(point(&proof.big_a, "A")?);
    dyn_points.push(point(&proof.big_s, "S")?);
    for l in &proof.l {
        dyn_points.push(point(l, "L")?);
    }
    for r in &proof.r {
        dyn_points.push(point(r, "R")?);
    }

    Ok(Checked {
        taux,
        mu,
        a,
        b,
        t,
        y,
        z,
        x,
        x_ip,
        w,
        n_v: v.len(),
        log_m,
        points: dyn_points,
    })
}

/// A checked proof's share of the batch equation, weighted by `wy` (range equation) and `wz`
/// (inner-product equation); `inv` holds the inverses of [`Checked::to_invert`].
fn share(c: Checked, inv: &[Scalar], wy: Scalar, wz: Scalar) -> Share {
    let Checked {
        taux,
        mu,
        a,
        b,
        t,
        y,
        z,
        x,
        x_ip,
        w,
        n_v,
        log_m,
        points: dyn_points,
    } = c;
    let rounds = w.len();
    let m = 1usize << log_m;
    let mn = m * N_BITS;
    let (w_inv, rest) = inv.split_at(rounds.min(inv.len()));
    let (y_inv, y_minus_1_inv) = match rest {
        [a, b, ..] => (*a, *b),
        _ => (Scalar::ZERO, Scalar::ZERO),
    };

    // Σ_{i<MN} y^i = (y^MN - 1)/(y - 1), with y^MN by squaring (MN = 2^rounds).
    let y_sum = if y == Scalar::ONE {
        Scalar::from(mn as u64)
    } else {
        let mut y_mn = y;
        for _ in 0..rounds {
            y_mn *= y_mn;
        }
        (y_mn - Scalar::ONE) * y_minus_1_inv
    };

    let eight = Scalar::from(8u8);

    // Range equation (weight wy), points ×8 through their scalars.
    let mut dyn_scalars = Vec::with_capacity(dyn_points.len());
    let wy8 = wy * eight;
    let mut z_pow = z * z; // z^(j+2)
    for _ in 0..n_v {
        dyn_scalars.push(wy8 * z_pow);
        z_pow *= z;
    }
    dyn_scalars.push(wy8 * x);
    dyn_scalars.push(wy8 * x * x);
    // Inner-product equation (weight wz).
    let wz8 = wz * eight;
    dyn_scalars.push(wz8);
    dyn_scalars.push(wz8 * x);
    for wi in &w {
        dyn_scalars.push(wz8 * wi * wi);
    }
    for wi in w_inv {
        dyn_scalars.push(wz8 * wi * wi);
    }

    // s_i = Π_r (bit_r(i) ? w_r : w_r^-1), round 0 on the most significant bit.
    let mut s = vec![Scalar::ONE];
    for (wi, wi_inv) in w.iter().zip(w_inv) {
        s = s.iter().flat_map(|e| [e * wi_inv, e * wi]).collect();
    }

    // Generator coefficients (weighted by wz), three multiplications per index:
    //   Gi: -wz·z - (wz·a)·s_i
    //   Hi:  wz·z + y^-i·(wz·z^(2+j)·2^k - (wz·b)·s_{~i})
    // with wz·z^(2+j)·2^k kept by doubling and y^-i by one multiplication per index.
    let mut gens = Vec::with_capacity(2 * mn);
    let wz_z = wz * z;
    let wz_a = wz * a;
    let wz_b = wz * b;
    let mut wz_z_block = wz_z * z; // wz·z^(2+j)
    let mut two_k = wz_z_block; // wz·z^(2+j)·2^k
    let mut y_inv_pow = Scalar::ONE;
    for (i, (s_i, s_not_i)) in s.iter().zip(s.iter().rev()).enumerate() {
        if i > 0 && i % N_BITS == 0 {
            wz_z_block *= z;
            two_k = wz_z_block;
        }
        gens.push(-wz_z - wz_a * s_i);
        gens.push(wz_z + y_inv_pow * (two_k - wz_b * s_not_i));
        two_k += two_k;
        y_inv_pow *= y_inv;
    }

    // delta(y, z) = (z - z²)·Σ y^i - Σ_{j<M} z^(j+3)·(2^64 - 1)   (padding amounts included).
    let ip12 = Scalar::from(u64::MAX);
    let mut delta = (z - z * z) * y_sum;
    let mut z_j = z * z * z;
    for _ in 0..m {
        delta -= z_j * ip12;
        z_j *= z;
    }

    let g = -(wy * taux + wz * mu);
    let h = wy * (delta - t) + wz * x_ip * (t - a * b);
    Share {
        g,
        h,
        gens,
        dyn_scalars,
        dyn_points,
    }
}

/// The deterministic weights of a batch: `Hs` of a digest of every statement, so no proof can be
/// chosen after its weights are known (the reference draws them from the OS RNG instead).
fn weights(items: &[(&Bulletproof, &[[u8; 32]])]) -> Vec<(Scalar, Scalar)> {
    let mut h = Keccak256::new();
    h.update(WEIGHT_DOMAIN)
        .update(&(items.len() as u64).to_le_bytes());
    let mut buf = Vec::new();
    for (proof, v) in items {
        h.update(&(v.len() as u64).to_le_bytes());
        for vi in *v {
            h.update(vi);
        }
        buf.clear();
        proof.write(&mut buf);
        h.update(&buf);
    }
    let seed = h.finalize();
    (0..items.len() as u64)
        .map(|i| {
            let draw = |tag: u8| {
                let mut h = Keccak256::new();
                h.update(&seed).update(&[tag]).update(&i.to_le_bytes());
                h.finalize_scalar().to_dalek()
            };
            (draw(b'y'), draw(b'z'))
        })
        .collect()
}

/// Checks every proof, inverts every proof's challenges with ONE batch inversion, and builds
/// the shares (per-proof work on rayon's pool with `parallel`).
fn prepare_all(
    items: &[(&Bulletproof, &[[u8; 32]])],
    ws: &[(Scalar, Scalar)],
) -> Result<Vec<Share>, Error> {
    #[cfg(feature = "parallel")]
    let checked: Vec<Checked> = {
        use rayon::prelude::*;
        items
            .par_iter()
            .map(|(p, v)| check_proof(p, v))
            .collect::<Result<_, _>>()?
    };
    #[cfg(not(feature = "parallel"))]
    let checked: Vec<Checked> = items
        .iter()
        .map(|(p, v)| check_proof(p, v))
        .collect::<Result<_, _>>()?;

    let mut inv: Vec<Scalar> = checked.iter().flat_map(Checked::to_invert).collect();
    Scalar::invert_batch_alloc(&mut inv);
    let mut jobs = Vec::with_capacity(checked.len());
    let mut rest = inv.as_slice();
    for (c, w) in checked.into_iter().zip(ws) {
        let (mine, tail) = rest.split_at(c.w.len().saturating_add(2).min(rest.len()));
        rest = tail;
        jobs.push((c, mine, *w));
    }
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        Ok(jobs
            .into_par_iter()
            .map(|(c, inv, (wy, wz))| share(c, inv, wy, wz))
            .collect())
    }
    #[cfg(not(feature = "parallel"))]
    {
        Ok(jobs
            .into_iter()
            .map(|(c, inv, (wy, wz))| share(c, inv, wy, wz))
            .collect())
    }
}

/// Folds the shares into one multiscalar multiplication and checks it is the identity.
fn check(gens: &Generators, shares: &[Share]) -> Result<(), Error> {
    let max_gens = shares.iter().map(|s| s.gens.len()).max().unwrap_or(0);
    let mut statics = vec![Scalar::ZERO; 2 + max_gens];
    let n_dyn: usize = shares.iter().map(|s| s.dyn_points.len()).sum();
    let mut dyn_scalars = Vec::with_capacity(n_dyn);
    let mut dyn_points = Vec::with_capacity(n_dyn);
    for share in shares {
        if let [g, h, rest @ ..] = statics.as_mut_slice() {
            *g += share.g;
            *h += share.h;
            for (acc, c) in rest.iter_mut().zip(&share.gens) {
                *acc += c;
            }
        }
        dyn_scalars.extend_from_slice(&share.dyn_scalars);
        dyn_points.extend_from_slice(&share.dyn_points);
    }
    if gens
        .vartime_msm(&statics, &dyn_scalars, &dyn_points)
        .is_identity()
    {
        Ok(())
    } else {
        Err(Error::BulletproofVerification)
    }
}

/// Verifies every `(proof, V)` together (reference `bulletproof_VERIFY(proofs)`): `Ok` iff all
/// are valid. An empty batch is valid.
pub(super) fn verify_batch_v(items: &[(&Bulletproof, &[[u8; 32]])]) -> Result<(), Error> {
    if items.is_empty() {
        return Ok(());
    }
    let ws = weights(items);
    let shares = prepare_all(items, &ws)?;
    let mn = shares.iter().map(|s| s.gens.len() / 2).max().unwrap_or(0);
    with_generators(mn, |gens| check(gens, &shares))
}
