//! The verifier (reference `bulletproof_VERIFY` over a vector of proofs in
//! `src/ringct/bulletproofs.cc`). Each proof is checked and turned into its share of one
//! random-weighted multiscalar multiplication; the batch is valid iff that sum is the identity.
//! The equations are in [`super::notes`].

use alloc::vec;
use alloc::vec::Vec;

use curve25519_dalek::edwards::EdwardsPoint;
use curve25519_dalek::scalar::Scalar;
use oxen_crypto::Point;
use oxen_crypto::hash::Keccak256;

use super::generators::{Generators, with_generators};
use super::mont::Mont;
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
    pub(super) g: Mont,
    pub(super) h: Mont,
    /// Coefficients of `Gi[k]`, `Hi[k]`, interleaved, for `k < MN`.
    pub(super) gens: Vec<Mont>,
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

    /// The last transcript challenge (`w` of the last round): the end of a hash chain over `V`
    /// and every field of the proof except `a` and `b`.
    fn transcript_end(&self) -> Scalar {
        self.w.last().copied().unwrap_or(self.x_ip)
    }
}

/// One statement of a batch: a proof, its commitments `V` as hashed, and optionally `V` already
/// decoded (by [`super::commitments_to_v`], which computes the points it encodes).
#[derive(Clone, Copy)]
pub(super) struct Statement<'a> {
    pub(super) proof: &'a Bulletproof,
    pub(super) v: &'a [[u8; 32]],
    pub(super) v_points: Option<&'a [EdwardsPoint]>,
}

/// The checks of `bulletproof_VERIFY` for one proof, in the reference's order.
pub(super) fn check_proof(st: Statement<'_>) -> Result<Checked, Error> {
    let Statement { proof, v, v_points } = st;
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

    // Decoding (the reference's scalarmult8 throws here on an invalid encoding). `V` given as
    // points was computed by the caller, and its bytes are that point's encoding.
    let mut dyn_points = Vec::with_capacity(v.len() + 4 + 2 * rounds);
    match v_points {
        Some(points) if points.len() == v.len() => dyn_points.extend_from_slice(points),
        _ => {
            for vi in v {
                dyn_points.push(point(vi, "V")?);
            }
        }
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
/// (inner-product equation); `inv` holds the inverses of [`Checked::to_invert`]. The arithmetic
/// runs in Montgomery form ([`Mont`]); only the scalars of the proof's own points leave it here.
fn share(c: Checked, inv: &[Scalar], wy: Scalar, wz: Scalar) -> Share {
    let m = |s: &Scalar| Mont::from_scalar(s);
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
    let padded = 1usize << log_m;
    let mn = padded * N_BITS;
    let (w_inv, rest) = inv.split_at(rounds.min(inv.len()));
    let (y_inv, y_minus_1_inv) = match rest {
        [a, b, ..] => (m(a), m(b)),
        _ => (Mont::ZERO, Mont::ZERO),
    };
    let y_is_one = y == Scalar::ONE;
    let (y, z, x, wy, wz) = (m(&y), m(&z), m(&x), m(&wy), m(&wz));
    let (taux, mu, a, b, t, x_ip) = (m(&taux), m(&mu), m(&a), m(&b), m(&t), m(&x_ip));
    let w: Vec<Mont> = w.iter().map(m).collect();
    let w_inv: Vec<Mont> = w_inv.iter().map(m).collect();
    let one = Mont::one();

    // Σ_{i<MN} y^i = (y^MN - 1)/(y - 1), with y^MN by squaring (MN = 2^rounds).
    let y_sum = if y_is_one {
        Mont::from_u64(mn as u64)
    } else {
        let mut y_mn = y;
        for _ in 0..rounds {
            y_mn = y_mn.square();
        }
        (y_mn - one) * y_minus_1_inv
    };

    let eight = Mont::from_u64(8);

    // Range equation (weight wy), points ×8 through their scalars.
    let mut dyn_m = Vec::with_capacity(dyn_points.len());
    let wy8 = wy * eight;
    let z2 = z.square();
    let mut z_pow = z2; // z^(j+2)
    for _ in 0..n_v {
        dyn_m.push(wy8 * z_pow);
        z_pow *= z;
    }
    dyn_m.push(wy8 * x);
    dyn_m.push(wy8 * x.square());
    // Inner-product equation (weight wz).
    let wz8 = wz * eight;
    dyn_m.push(wz8);
    dyn_m.push(wz8 * x);
    for wi in w.iter().chain(&w_inv) {
        dyn_m.push(wz8 * wi.square());
    }
    let dyn_scalars = dyn_m.into_iter().map(Mont::to_scalar).collect();

    // s_i = Π_r (bit_r(i) ? w_r : w_r^-1), round 0 on the most significant bit.
    let mut s = Vec::with_capacity(mn);
    s.push(one);
    for (wi, wi_inv) in w.iter().zip(&w_inv) {
        s = s.iter().flat_map(|e| [*e * *wi_inv, *e * *wi]).collect();
    }

    // Generator coefficients (weighted by wz), four multiplications per index:
    //   Gi: -wz·z - (wz·a)·s_i
    //   Hi:  wz·z + y^-i·(wz·z^(2+j)·2^k - (wz·b)·s_{~i})
    // with wz·z^(2+j)·2^k kept by doubling and y^-i by one multiplication per index.
    let mut gens = Vec::with_capacity(2 * mn);
    let wz_z = wz * z;
    let minus_wz_z = -wz_z;
    let wz_a = wz * a;
    let wz_b = wz * b;
    let mut wz_z_block = wz_z * z; // wz·z^(2+j)
    let mut two_k = wz_z_block; // wz·z^(2+j)·2^k
    let mut y_inv_pow = one;
    for (i, (s_i, s_not_i)) in s.iter().zip(s.iter().rev()).enumerate() {
        if i > 0 && i % N_BITS == 0 {
            wz_z_block *= z;
            two_k = wz_z_block;
        }
        gens.push(minus_wz_z - wz_a * *s_i);
        gens.push(wz_z + y_inv_pow * (two_k - wz_b * *s_not_i));
        two_k = two_k.double();
        y_inv_pow *= y_inv;
    }

    // delta(y, z) = (z - z²)·Σ y^i - Σ_{j<M} z^(j+3)·(2^64 - 1)   (padding amounts included).
    let ip12 = Mont::from_u64(u64::MAX);
    let mut delta = (z - z2) * y_sum;
    let mut z_j = z2 * z;
    for _ in 0..padded {
        delta = delta - z_j * ip12;
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
/// chosen after its weights are known (the reference draws them from the OS RNG instead). Each
/// proof enters as the end of its transcript ([`Checked::transcript_end`], a hash chain over its
/// `V` and every field but `a`, `b`) followed by `a` and `b`: that binds the whole statement at
/// the cost of three 32-byte strings per proof.
fn weights(checked: &[Checked]) -> Vec<(Scalar, Scalar)> {
    let mut h = Keccak256::new();
    h.update(WEIGHT_DOMAIN)
        .update(&(checked.len() as u64).to_le_bytes());
    for c in checked {
        h.update(&(c.n_v as u64).to_le_bytes())
            .update(c.transcript_end().as_bytes())
            .update(c.a.as_bytes())
            .update(c.b.as_bytes());
    }
    let seed = h.finalize();
    (0..checked.len() as u64)
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

/// Checks every proof, draws the weights, inverts every proof's challenges with ONE batch
/// inversion, and builds the shares (per-proof work on rayon's pool with `parallel`).
fn prepare_all(items: &[Statement<'_>]) -> Result<Vec<Share>, Error> {
    #[cfg(feature = "parallel")]
    let checked: Vec<Checked> = {
        use rayon::prelude::*;
        items
            .par_iter()
            .map(|st| check_proof(*st))
            .collect::<Result<_, _>>()?
    };
    #[cfg(not(feature = "parallel"))]
    let checked: Vec<Checked> = items
        .iter()
        .map(|st| check_proof(*st))
        .collect::<Result<_, _>>()?;

    let ws = weights(&checked);
    let mut inv: Vec<Scalar> = checked.iter().flat_map(Checked::to_invert).collect();
    Scalar::invert_batch_alloc(&mut inv);
    let mut jobs = Vec::with_capacity(checked.len());
    let mut rest = inv.as_slice();
    for (c, w) in checked.into_iter().zip(ws) {
        let (mine, tail) = rest.split_at(c.w.len().saturating_add(2).min(rest.len()));
        rest = tail;
        jobs.push((c, mine, w));
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
    let mut statics = vec![Mont::ZERO; 2 + max_gens];
    for share in shares {
        if let [g, h, rest @ ..] = statics.as_mut_slice() {
            *g += share.g;
            *h += share.h;
            for (acc, c) in rest.iter_mut().zip(&share.gens) {
                *acc += *c;
            }
        }
    }
    let statics: Vec<Scalar> = statics.into_iter().map(Mont::to_scalar).collect();
    let n_dyn = shares.iter().map(|s| s.dyn_points.len()).sum();
    let sum = gens.vartime_msm_iter(
        &statics,
        shares.iter().flat_map(|s| &s.dyn_scalars),
        shares.iter().flat_map(|s| &s.dyn_points),
        n_dyn,
    );
    // The reference multiplies each proof point by 8 before its multiexponentiation, which
    // clears torsion; here the 8 is in the scalar (mod l), which does not. Every other term is
    // in the prime-order subgroup, so the reference's sum is the identity iff this sum is of
    // small order (regression tests in `torsion_tests.rs`).
    if sum.is_small_order() {
        Ok(())
    } else {
        Err(Error::BulletproofVerification)
    }
}

/// Verifies every statement together (reference `bulletproof_VERIFY(proofs)`): `Ok` iff all
/// are valid. An empty batch is valid.
pub(super) fn verify_batch(items: &[Statement<'_>]) -> Result<(), Error> {
    if items.is_empty() {
        return Ok(());
    }
    let shares = prepare_all(items)?;
    let mn = shares.iter().map(|s| s.gens.len() / 2).max().unwrap_or(0);
    with_generators(mn, |gens| check(gens, &shares))
}
