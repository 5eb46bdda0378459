//! `proveRange` / `genBorromean`: the prover, constant time in the secrets.
//!
//! For bit `i` with secret mask `a_i` and bit `b_i`, the ring is `{P1_i, P2_i} = {Ci, Ci -
//! 2^i·H}` and `a_i` opens `P1_i` when `b_i = 0`, `P2_i` when `b_i = 1`:
//!
//! * `b_i = 0`: `L0 = alpha·G`, `L1 = s1·G + Hs(L0)·P2` (`s1` random); after `ee`:
//!   `s0 = alpha - a·ee`.
//! * `b_i = 1`: `L1 = alpha·G`; after `ee`: `s0` random, `cc = Hs(s0·G + ee·P1)`,
//!   `s1 = alpha - a·cc`.
//!
//! `ee = Hs(L1_0 || .. || L1_63)`. Both branches are computed for every bit with
//! constant-time operations (fixed-base and constant-time variable-base multiplications,
//! batched compressions, Keccak), and the published values are picked with `subtle`
//! selection; nothing branches or indexes on `b_i`, `a_i` or a nonce.

use curve25519_dalek::edwards::EdwardsPoint;
use curve25519_dalek::scalar::Scalar as DScalar;
use curve25519_dalek::traits::Identity;
use oxen_crypto::SecretScalar;
use oxen_crypto::hash::{Keccak256, keccak256};
use rand_core::CryptoRng;
use subtle::{Choice, ConditionallySelectable};
use zeroize::Zeroizing;

use super::table::with_h_pow2;
use super::{BITS, BoroSig, RangeSig};
use crate::commitment::Commitment;

/// 64 secret scalars, wiped on drop.
type Secrets = Zeroizing<[DScalar; BITS]>;

/// 64 fresh random scalars from `rng`.
fn random_scalars<R: CryptoRng + ?Sized>(rng: &mut R) -> Secrets {
    let mut out = Zeroizing::new([DScalar::ZERO; BITS]);
    for s in out.iter_mut() {
        *s = *SecretScalar::random(rng).expose_dalek();
    }
    out
}

/// `Hs(encode(P))` for each point, with one batched compression.
fn hash_points(points: &[EdwardsPoint; BITS]) -> [DScalar; BITS] {
    let compressed = EdwardsPoint::compress_batch(points);
    core::array::from_fn(|i| {
        compressed.get(i).map_or(DScalar::ZERO, |c| {
            DScalar::from_bytes_mod_order(keccak256(c.as_bytes()))
        })
    })
}

impl RangeSig {
    /// Proves that `commit(amount, mask)` holds a 64-bit amount (reference `proveRange`, with
    /// the caller's `mask` instead of a mask drawn inside; nonces and bit masks from `rng`).
    /// Returns the commitment `C = mask·G + amount·H` (the sum of the bit commitments) and the
    /// signature.
    ///
    /// Constant time in `amount`, `mask` and every random value; secret scalars are zeroized.
    #[must_use]
    pub fn prove<R: CryptoRng + ?Sized>(
        amount: u64,
        mask: &SecretScalar,
        rng: &mut R,
    ) -> (Commitment, RangeSig) {
        let amount = Zeroizing::new(amount);
        let bits: [Choice; BITS] = core::array::from_fn(|i| {
            #[allow(clippy::cast_possible_truncation)] // masked to one bit
            Choice::from(((*amount >> i) & 1) as u8)
        });

        // Bit masks: a_0..a_62 random, a_63 = mask - sum, so that sum a_i = mask.
        let mut a = random_scalars(rng);
        let mut rest = Zeroizing::new(DScalar::ZERO);
        for ai in a.iter().take(BITS - 1) {
            *rest += ai;
        }
        if let Some(last) = a.last_mut() {
            *last = mask.expose_dalek() - *rest;
        }
        let alpha = random_scalars(rng);
        let s0_fake = random_scalars(rng);
        let s1_fake = random_scalars(rng);

        let (p1, p2) = with_h_pow2(|h2| {
            let p1: [EdwardsPoint; BITS] = core::array::from_fn(|i| {
                let (ai, hi, bit) = (a.get(i), h2.get(i), bits.get(i));
                let (Some(ai), Some(hi), Some(bit)) = (ai, hi, bit) else {
                    return EdwardsPoint::identity();
                };
                EdwardsPoint::mul_base(ai)
                    + EdwardsPoint::conditional_select(&EdwardsPoint::identity(), hi, *bit)
            });
            let p2: [EdwardsPoint; BITS] = core::array::from_fn(|i| match (p1.get(i), h2.get(i)) {
                (Some(p), Some(h)) => p - h,
                _ => EdwardsPoint::identity(),
            });
            (p1, p2)
        });

        // First pass: L1 (the ring's closing point) for every bit.
        let l_alpha: [EdwardsPoint; BITS] = core::array::from_fn(|i| {
            alpha
                .get(i)
                .map_or_else(EdwardsPoint::identity, EdwardsPoint::mul_base)
        });
        let c_alpha = Zeroizing::new(hash_points(&l_alpha));
        let mut hasher = Keccak256::new();
        let l1: [EdwardsPoint; BITS] = core::array::from_fn(|i| {
            let (Some(s1), Some(c), Some(p), Some(la), Some(bit)) = (
                s1_fake.get(i),
                c_alpha.get(i),
                p2.get(i),
                l_alpha.get(i),
                bits.get(i),
            ) else {
                return EdwardsPoint::identity();
            };
            let closing = EdwardsPoint::mul_base(s1) + p * c;
            EdwardsPoint::conditional_select(&closing, la, *bit)
        });
        for l in EdwardsPoint::compress_batch(&l1) {
            hasher.update(l.as_bytes());
        }
        let ee = hasher.finalize_scalar().to_dalek();

        // Second pass: the responses.
        let ll: [EdwardsPoint; BITS] =
            core::array::from_fn(|i| match (s0_fake.get(i), p1.get(i)) {
                (Some(s0), Some(p)) => EdwardsPoint::mul_base(s0) + p * ee,
                _ => EdwardsPoint::identity(),
            });
        let cc = Zeroizing::new(hash_points(&ll));
        let mut s0 = [[0u8; 32]; BITS];
        let mut s1 = [[0u8; 32]; BITS];
        for i in 0..BITS {
            let (Some(ai), Some(al), Some(f0), Some(f1), Some(c), Some(bit)) = (
                a.get(i),
                alpha.get(i),
                s0_fake.get(i),
                s1_fake.get(i),
                cc.get(i),
                bits.get(i),
            ) else {
                continue;
            };
            let closes_zero = Zeroizing::new(al - ai * ee);
            let closes_one = Zeroizing::new(al - ai * c);
            let r0 = DScalar::conditional_select(&closes_zero, f0, *bit);
            let r1 = DScalar::conditional_select(f1, &closes_one, *bit);
            if let (Some(o0), Some(o1)) = (s0.get_mut(i), s1.get_mut(i)) {
                *o0 = r0.to_bytes();
                *o1 = r1.to_bytes();
            }
        }

        let commitment =
            Commitment::from_bytes(p1.iter().sum::<EdwardsPoint>().compress().to_bytes());
        let ci = EdwardsPoint::compress_batch(&p1).map(|c| c.to_bytes());
        let sig = RangeSig {
            asig: BoroSig {
                s0,
                s1,
                ee: ee.to_bytes(),
            },
            ci,
        };
        (commitment, sig)
    }
}
