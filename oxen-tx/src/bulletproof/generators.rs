//! The Bulletproof generators `Gi`, `Hi` (reference `init_exponents` / `get_exponent` in
//! `src/ringct/bulletproofs.cc`) and the fixed-base tables built from them.
//!
//! `Hi[i] = get_exponent(H, 2i)`, `Gi[i] = get_exponent(H, 2i + 1)` for `i < 1024`, where
//! `get_exponent(H, j) = hash_to_p3(keccak256(H || "bulletproof" || varint(j)))` and
//! `hash_to_p3 = hash_to_ec` (a second Keccak inside, then ×8).
//!
//! With `std` the generators and their tables are built once, on first use, and shared by every
//! prover and verifier in the process (2048 hash-to-point operations; Straus tables for the
//! fixed points of one-amount proofs, about 1.3 MB). Without `std` each call builds the
//! generators it needs (`2·64·M` hash-to-point operations) and multiplies without tables.

use alloc::vec::Vec;

use curve25519_dalek::constants::ED25519_BASEPOINT_POINT;
use curve25519_dalek::edwards::EdwardsPoint;
#[cfg(feature = "std")]
use curve25519_dalek::edwards::VartimeEdwardsPrecomputation;
use curve25519_dalek::scalar::Scalar;
use curve25519_dalek::traits::VartimeMultiscalarMul;
#[cfg(feature = "std")]
use curve25519_dalek::traits::VartimePrecomputedMultiscalarMul;
use oxen_crypto::hash::Keccak256;
use oxen_crypto::{hash_to_ec_vartime, varint};

use super::{MAX_MN, N_BITS};
pub(crate) use crate::h::mul_h;
use crate::h::{H_BYTES, h_dalek};

/// Domain string of the generator derivation (reference `hashkey::BULLETPROOF_EXPONENT`).
pub const GENERATOR_DOMAIN: &[u8] = b"bulletproof";

/// `get_exponent(H, index)`: `hash_to_p3(keccak256(H || "bulletproof" || varint(index)))`.
pub(crate) fn get_exponent(index: u64) -> EdwardsPoint {
    let (v, len) = varint::encode(index);
    let mut h = Keccak256::new();
    h.update(&H_BYTES)
        .update(GENERATOR_DOMAIN)
        .update(v.get(..len).unwrap_or(&v));
    hash_to_ec_vartime(&h.finalize()).to_dalek()
}

/// Bit positions covered by the precomputed tables: one amount, where they beat Pippenger
/// (measured). Larger multiplications use Pippenger's method without tables: already at two
/// amounts it was faster, and tables for all 2050 fixed points (~20 MB) were several times slower
/// than Pippenger (cache misses).
#[cfg(feature = "std")]
const TABLE_MN: usize = N_BITS;
/// Most variable points the table-based (Straus) path takes; beyond, Pippenger is faster.
#[cfg(feature = "std")]
const TABLE_MAX_DYNAMIC: usize = 48;

/// The generators for `mn` bit positions, and (with `std`) the fixed-base tables.
pub(crate) struct Generators {
    /// `Gi[0..mn]`.
    pub(crate) gi: Vec<EdwardsPoint>,
    /// `Hi[0..mn]`.
    pub(crate) hi: Vec<EdwardsPoint>,
    /// `[G, H, Gi[0], Hi[0], Gi[1], Hi[1], ...]`: the order of the static scalars.
    bases: Vec<EdwardsPoint>,
    /// Precomputation over the first `2 + 2·TABLE_MN` of `bases`.
    #[cfg(feature = "std")]
    table: VartimeEdwardsPrecomputation,
}

impl Generators {
    /// Builds the generators for `mn` (≤ [`MAX_MN`]) bit positions.
    pub(crate) fn new(mn: usize) -> Self {
        let mn = mn.min(MAX_MN);
        let mut gi = Vec::with_capacity(mn);
        let mut hi = Vec::with_capacity(mn);
        for i in 0..mn as u64 {
            hi.push(get_exponent(2 * i));
            gi.push(get_exponent(2 * i + 1));
        }
        let mut bases = Vec::with_capacity(2 + 2 * mn);
        bases.push(ED25519_BASEPOINT_POINT);
        bases.push(h_dalek());
        for (g, h) in gi.iter().zip(&hi) {
            bases.push(*g);
            bases.push(*h);
        }
        #[cfg(feature = "std")]
        let table = VartimeEdwardsPrecomputation::new(bases.iter().take(2 + 2 * TABLE_MN));
        Self {
            gi,
            hi,
            bases,
            #[cfg(feature = "std")]
            table,
        }
    }

    /// `Σ statics[k]·B_k + Σ dyn_scalars[k]·dyn_points[k]` where `B = [G, H, Gi[0], Hi[0], ...]`.
    /// Variable time. `statics` longer than `2 + 2·mn` is truncated (callers never do that).
    pub(crate) fn vartime_msm(
        &self,
        statics: &[Scalar],
        dyn_scalars: &[Scalar],
        dyn_points: &[EdwardsPoint],
    ) -> EdwardsPoint {
        self.vartime_msm_iter(statics, dyn_scalars, dyn_points, dyn_points.len())
    }

    /// As [`Generators::vartime_msm`], with the variable terms given as iterators (`n_dyn` of
    /// them), so a batch's terms are read in place instead of being copied into one vector.
    pub(crate) fn vartime_msm_iter<'a>(
        &'a self,
        statics: &'a [Scalar],
        dyn_scalars: impl IntoIterator<Item = &'a Scalar>,
        dyn_points: impl IntoIterator<Item = &'a EdwardsPoint>,
        n_dyn: usize,
    ) -> EdwardsPoint {
        let statics = statics
            .get(..statics.len().min(self.bases.len()))
            .unwrap_or(&[]);
        #[cfg(feature = "std")]
        if statics.len() <= self.table.len() && n_dyn <= TABLE_MAX_DYNAMIC {
            return self
                .table
                .vartime_mixed_multiscalar_mul(statics, dyn_scalars, dyn_points);
        }
        // Pippenger (or Straus for small inputs) over the non-zero static terms and every
        // variable one, by reference (dalek needs exact lengths, which chained iterators of a
        // batch's shares do not report).
        let mut scalars: Vec<&Scalar> = Vec::with_capacity(statics.len() + n_dyn);
        let mut points: Vec<&EdwardsPoint> = Vec::with_capacity(statics.len() + n_dyn);
        for (s, p) in statics.iter().zip(&self.bases) {
            if *s != Scalar::ZERO {
                scalars.push(s);
                points.push(p);
            }
        }
        scalars.extend(dyn_scalars);
        points.extend(dyn_points);
        EdwardsPoint::vartime_multiscalar_mul(scalars, points)
    }
}

#[cfg(feature = "std")]
fn shared() -> &'static Generators {
    static SHARED: std::sync::OnceLock<Generators> = std::sync::OnceLock::new();
    SHARED.get_or_init(|| Generators::new(MAX_MN))
}

/// Runs `f` with generators covering at least `mn` bit positions.
#[cfg(feature = "std")]
pub(crate) fn with_generators<T>(_mn: usize, f: impl FnOnce(&Generators) -> T) -> T {
    f(shared())
}

/// Runs `f` with generators covering at least `mn` bit positions.
#[cfg(not(feature = "std"))]
pub(crate) fn with_generators<T>(mn: usize, f: impl FnOnce(&Generators) -> T) -> T {
    f(&Generators::new(mn))
}

/// `2^i` for `i < 64`.
pub(crate) fn two_pow(i: usize) -> Scalar {
    Scalar::from(1u64 << (i % N_BITS))
}
