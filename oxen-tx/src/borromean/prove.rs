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

use alloc::vec::Vec;

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

/// Secret scalars (one per bit), wiped on drop.
type Secrets = Zeroizing<Vec<DScalar>>;

/// 64 fresh random scalars from `rng`.
fn random_scalars<R: CryptoRng + ?Sized>(rng: &mut R) -> Secrets {
    Zeroizing::new(
        (0..BITS)
            .map(|_| *SecretScalar::random(rng).expose_dalek())
            .collect(),
    )
}

/// The bit masks: `a_0..a_62` random, `a_63 = mask - sum`, so that `sum a_i = mask`.
fn bit_masks<R: CryptoRng + ?Sized>(mask: &SecretScalar, rng: &mut R) -> Secrets {
    let mut a = random_scalars(rng);
    let mut others = Zeroizing::new(DScalar::ZERO);
    for ai in a.iter().take(BITS - 1) {
        *others += ai;
    }
    if let Some(last) = a.last_mut() {
        *last = mask.expose_dalek() - *others;
    }
    a
}

/// `Hs(encode(P))` for each point, with one batched compression.
fn hash_points(points: &[EdwardsPoint]) -> Secrets {
    Zeroizing::new(
        EdwardsPoint::compress_batch_alloc(points)
            .iter()
            .map(|c| DScalar::from_bytes_mod_order(keccak256(c.as_bytes())))
            .collect(),
    )
}

/// The 32-byte encodings of the scalars.
fn encode_all(scalars: &[DScalar]) -> [[u8; 32]; BITS] {
    let mut out = [[0u8; 32]; BITS];
    for (o, s) in out.iter_mut().zip(scalars) {
        *o = s.to_bytes();
    }
    out
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
        let bits = Zeroizing::new(core::array::from_fn::<u8, BITS, _>(|i| {
            #[allow(clippy::cast_possible_truncation)] // masked to one bit
            let bit = ((*amount >> i) & 1) as u8;
            bit
        }));
        let bit = |b: &u8| Choice::from(*b);
        let a = bit_masks(mask, rng);
        let alpha = random_scalars(rng);
        let s0_fake = random_scalars(rng);
        let s1_fake = random_scalars(rng);

        // Bit commitments P1 = Ci = a·G + b·2^i·H and P2 = Ci - 2^i·H.
        let (p1, p2): (Vec<EdwardsPoint>, Vec<EdwardsPoint>) = with_h_pow2(|h2| {
            a.iter()
                .zip(h2)
                .zip(bits.iter())
                .map(|((ai, hi), b)| {
                    let id = EdwardsPoint::identity();
                    let ci = EdwardsPoint::mul_base(ai)
                        + EdwardsPoint::conditional_select(&id, hi, bit(b));
                    (ci, ci - hi)
                })
                .unzip()
        });

        // First pass: the closing point L1 of every ring, and ee.
        let l_alpha: Vec<EdwardsPoint> = alpha.iter().map(EdwardsPoint::mul_base).collect();
        let c_alpha = hash_points(&l_alpha);
        let l1: Vec<EdwardsPoint> = l_alpha
            .iter()
            .zip(c_alpha.iter().zip(s1_fake.iter()))
            .zip(p2.iter().zip(bits.iter()))
            .map(|((la, (c, s1)), (p, b))| {
                let closing = EdwardsPoint::mul_base(s1) + p * c;
                EdwardsPoint::conditional_select(&closing, la, bit(b))
            })
            .collect();
        let mut hasher = Keccak256::new();
        for l in EdwardsPoint::compress_batch_alloc(&l1) {
            hasher.update(l.as_bytes());
        }
        let ee = hasher.finalize_scalar().to_dalek();

        // Second pass: the responses.
        let ll: Vec<EdwardsPoint> = s0_fake
            .iter()
            .zip(&p1)
            .map(|(s0, p)| EdwardsPoint::mul_base(s0) + p * ee)
            .collect();
        let cc = hash_points(&ll);
        let mut s0 = Zeroizing::new(Vec::with_capacity(BITS));
        let mut s1 = Zeroizing::new(Vec::with_capacity(BITS));
        let secrets = a.iter().zip(alpha.iter()).zip(bits.iter());
        let fakes = s0_fake.iter().zip(s1_fake.iter()).zip(cc.iter());
        for (((ai, al), b), ((f0, f1), c)) in secrets.zip(fakes) {
            let closes_at_zero = Zeroizing::new(al - ai * ee);
            let closes_at_one = Zeroizing::new(al - ai * c);
            s0.push(DScalar::conditional_select(&closes_at_zero, f0, bit(b)));
            s1.push(DScalar::conditional_select(f1, &closes_at_one, bit(b)));
        }

        let commitment =
            Commitment::from_bytes(p1.iter().sum::<EdwardsPoint>().compress().to_bytes());
        let mut ci = [[0u8; 32]; BITS];
        for (o, c) in ci.iter_mut().zip(EdwardsPoint::compress_batch_alloc(&p1)) {
            *o = c.to_bytes();
        }
        let asig = BoroSig {
            s0: encode_all(&s0),
            s1: encode_all(&s1),
            ee: ee.to_bytes(),
        };
        (commitment, RangeSig { asig, ci })
    }
}
