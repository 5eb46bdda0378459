//! The reference's map from 32 bytes to the curve (`ge_fromfe_frombytes_vartime`,
//! src/crypto/crypto-ops.c) and `hash_to_ec` / `rct::hash_to_p3` (`Hp`).
//!
//! # How the map is computed here
//!
//! The reference computes, with `A = 486662`, `u = int_le(s) mod p` (all 256 bits), `v = 2u^2`,
//! `w = v + 1`, `x = w^2 - A^2 v`, a square-root candidate `X` of `w/x`, and then one of two
//! branches:
//!
//! * `w*x` is a square ("positive" branch): `z = -A v`, sign 0;
//! * otherwise ("negative" branch): `z = -A`, sign 1;
//!
//! and returns the projective point `(X*Z : Y : Z)` with `Z = z + w`, `Y = z - w`, where `X`
//! was first negated so that its parity equals the sign. So the affine point is
//! `x = X`, `y = (z - w)/(z + w)` and **its encoding is `y` with the sign bit set exactly in the
//! negative branch**: `X` itself (and with it the constants `FFFB1..4`, which only fix a sign
//! that the parity rule then overrides) is never needed. (In the negative branch `x != 0`
//! because `w/x` is a non-zero non-square; in the positive branch `x = 0` only for `u = 0`,
//! where the sign is 0 anyway.) A literal transcription of the reference, `FFFB` constants
//! included, lives in this module's tests and is compared against this code on random inputs;
//! the vectors `hash_to_point.json` and `hash_to_ec.json` check the result.
//!
//! The branch (a Legendre symbol) and the inversion of `Z` share **one** field exponentiation:
//! with `a = w x` and `b = Z_pos Z_neg` (both candidate denominators), one
//! `r = c^3 (c^7)^((p-5)/8)` for `c = a b^2` gives `chi(a) = chi(c)` from `c r^2` (a fourth root
//! of unity: `+-1` iff square) and `1/b = r^2 a b / (c r^2)`. The resulting `y` is handed to
//! curve25519-dalek's public point decompression (its private field arithmetic is not
//! reachable), which costs the second and last exponentiation. The field arithmetic is
//! fiat-crypto's formally verified `curve25519_64` (see `field.rs`), with no branches on the
//! input: [`hash_to_ec`] is constant time.

use curve25519_dalek::edwards::CompressedEdwardsY;
use subtle::{Choice, ConstantTimeEq};

use crate::Point;
use crate::field::FieldElement as Fe;
use crate::hash::keccak256;

/// Montgomery `A`.
const A: Fe = Fe::from_u64(486_662);

/// `sqrt(-1)` (= 2^((p-1)/4)), little-endian.
const SQRT_M1_BYTES: [u8; 32] = [
    0xb0, 0xa0, 0x0e, 0x4a, 0x27, 0x1b, 0xee, 0xc4, 0x78, 0xe4, 0x2f, 0xad, 0x06, 0x18, 0x43, 0x2f,
    0xa7, 0xd7, 0xfb, 0x3d, 0x99, 0x00, 0x4d, 0x2b, 0x0b, 0xdf, 0xc1, 0x4f, 0x80, 0x24, 0x83, 0x2b,
];

/// Computes the reference's map on `s` and returns its canonical encoding.
#[allow(clippy::indexing_slicing)] // fixed-size arrays, constant in-range indices
fn map_to_encoding(s: &[u8; 32]) -> [u8; 32] {
    let sqrt_m1 = Fe::from_bytes_255(&SQRT_M1_BYTES);
    // 1. u = int_le(s) mod p over all 256 bits: 2^255 = 19 (mod p).
    let top = Choice::from(s[31] >> 7);
    let u_low = Fe::from_bytes_255(s);
    let u = Fe::select(&u_low, &u_low.add(&Fe::from_u64(19)), top);
    // 2. v = 2u^2, w = v + 1, x = w^2 - A^2 v
    let u2 = u.square();
    let v = u2.add(&u2);
    let w = v.add(&Fe::ONE);
    let a2 = A.square();
    let x = w.square().sub(&a2.mul(&v));
    // Candidate (z, Y = z - w, Z = z + w) for both branches.
    let z_pos = A.mul(&v).neg();
    let z_neg = A.neg();
    let y_pos = z_pos.sub(&w);
    let y_neg = z_neg.sub(&w);
    let zz_pos = z_pos.add(&w);
    let zz_neg = z_neg.add(&w);
    // The branch not taken may have Z = 0 (the taken one never does: the Montgomery point u = -1
    // is not on curve25519, as 486660 is a non-square); keep the batch inversion well defined.
    let zz_pos = Fe::select(&zz_pos, &Fe::ONE, zz_pos.is_zero());
    let zz_neg = Fe::select(&zz_neg, &Fe::ONE, zz_neg.is_zero());
    // One exponentiation: r = c^3 (c^7)^((p-5)/8), c = a b^2, a = w x, b = Z_pos Z_neg.
    let a = w.mul(&x);
    let b = zz_pos.mul(&zz_neg);
    let c = a.mul(&b.square());
    let c2 = c.square();
    let c3 = c2.mul(&c);
    let c7 = c3.mul(&c2.square());
    let r = c3.mul(&c7.pow_p58());
    let r2 = r.square();
    let check = c.mul(&r2); // a fourth root of unity f; r^2 = f / c
    let is_one = check.ct_eq(&Fe::ONE);
    let is_minus_one = check.ct_eq(&Fe::ONE.neg());
    let is_i = check.ct_eq(&sqrt_m1);
    let is_square = is_one | is_minus_one;
    // 1/b = r^2 a b / f
    let g = r2.mul(&a).mul(&b);
    let g = Fe::select(&g, &g.neg(), is_minus_one);
    let g_i = g.mul(&sqrt_m1);
    // f = i: multiply by 1/i = -i; f = -i: multiply by i.
    let g = Fe::select(&g, &g_i, !is_square);
    let g = Fe::select(&g, &g.neg(), is_i);
    let inv_pos = zz_neg.mul(&g);
    let inv_neg = zz_pos.mul(&g);
    let y = Fe::select(&y_neg.mul(&inv_neg), &y_pos.mul(&inv_pos), is_square);
    let mut bytes = y.to_bytes();
    bytes[31] |= (!is_square).unwrap_u8() << 7;
    bytes
}

/// The reference's raw map `ge_fromfe_frombytes_vartime` (src/crypto/crypto-ops.c): 32 bytes
/// (read as a 256-bit integer mod p, bit 255 included) to a curve point. The result is NOT in
/// the prime-order subgroup in general. Despite the reference's name this implementation is
/// constant time. Vectors: `hash_to_point.json`.
#[must_use]
pub fn ge_fromfe_frombytes_vartime(s: &[u8; 32]) -> Point {
    let enc = map_to_encoding(s);
    // The map's output is always a curve point with a canonical encoding (Elligator 2; checked
    // against the literal reference algorithm in this module's tests), so decompression
    // succeeds; the identity fallback only keeps the function total without a panic.
    CompressedEdwardsY(enc)
        .decompress()
        .map(Point)
        .unwrap_or_else(Point::identity)
}

/// `Hp(K) = 8 * map(keccak256(K))` (reference `hash_to_ec` in src/crypto/crypto.cpp, identical to
/// `rct::hash_to_p3`). `K` is any 32 bytes; it is hashed, not decoded. The result is in the
/// prime-order subgroup. Constant time: use this for secret-dependent inputs (key images,
/// signing). Vectors: `hash_to_ec.json`.
#[must_use]
pub fn hash_to_ec(key: &[u8; 32]) -> Point {
    ge_fromfe_frombytes_vartime(&keccak256(key)).mul_by_cofactor()
}

/// [`hash_to_ec`] for public inputs (ring members during verification). Same result; may use
/// variable-time shortcuts (today it shares the constant-time code, which is already the
/// cheapest route found: one fiat exponentiation plus dalek's decompression).
#[must_use]
pub fn hash_to_ec_vartime(key: &[u8; 32]) -> Point {
    hash_to_ec(key)
}

/// The per-input part of the map shared by [`hash_to_ec_batch_vartime`]: the two candidate
/// encodings' numerators `Y_pos`, `Y_neg` and (non-zero) denominators `Z_pos`, `Z_neg`.
#[allow(clippy::indexing_slicing)] // fixed-size array, constant in-range index
fn candidates(s: &[u8; 32]) -> [Fe; 4] {
    let top = Choice::from(s[31] >> 7);
    let u_low = Fe::from_bytes_255(s);
    let u = Fe::select(&u_low, &u_low.add(&Fe::from_u64(19)), top);
    let u2 = u.square();
    let v = u2.add(&u2);
    let w = v.add(&Fe::ONE);
    let z_pos = A.mul(&v).neg();
    let z_neg = A.neg();
    let zz_pos = z_pos.add(&w);
    let zz_neg = z_neg.add(&w);
    [
        z_pos.sub(&w),
        z_neg.sub(&w),
        Fe::select(&zz_pos, &Fe::ONE, zz_pos.is_zero()),
        Fe::select(&zz_neg, &Fe::ONE, zz_neg.is_zero()),
    ]
}

/// [`hash_to_ec`] of many public inputs at once (ring members during verification). **Variable
/// time.** Same results as [`hash_to_ec`].
///
/// Instead of a Legendre symbol per input, all candidate denominators share one field
/// inversion (Montgomery's trick) and the branch is found by decompression: the positive
/// branch's encoding decompresses exactly when that branch is the reference's (its Montgomery
/// `u` is on the curve; Elligator 2 puts exactly one candidate on it, except `u = 0` where the
/// positive branch, tried first, is the reference's). On average 1.5 exponentiations per input
/// instead of 2.
#[must_use]
#[allow(clippy::indexing_slicing)] // fixed-size array, constant in-range index
pub fn hash_to_ec_batch_vartime(keys: &[[u8; 32]]) -> alloc::vec::Vec<Point> {
    let cands: alloc::vec::Vec<[Fe; 4]> = keys.iter().map(|k| candidates(&keccak256(k))).collect();
    // prefix products of b_i = Z_pos Z_neg
    let mut prefix = alloc::vec::Vec::with_capacity(cands.len());
    let mut acc = Fe::ONE;
    for [_, _, zp, zn] in &cands {
        prefix.push(acc);
        acc = acc.mul(&zp.mul(zn));
    }
    let mut inv = acc.invert();
    let mut out = alloc::vec![Point::identity(); cands.len()];
    for ((slot, [yp, yn, zp, zn]), before) in out.iter_mut().zip(&cands).zip(&prefix).rev() {
        let b = zp.mul(zn);
        let inv_b = inv.mul(before);
        inv = inv.mul(&b);
        let pos = yp.mul(&zn.mul(&inv_b)).to_bytes();
        let point = CompressedEdwardsY(pos).decompress().or_else(|| {
            let mut neg = yn.mul(&zp.mul(&inv_b)).to_bytes();
            neg[31] |= 0x80;
            CompressedEdwardsY(neg).decompress()
        });
        *slot = Point(point.unwrap_or_default()).mul_by_cofactor();
    }
    // Unreachable fallback kept total: should a decompression ever fail, recompute exactly.
    for (slot, key) in out.iter_mut().zip(keys) {
        if slot.is_identity() {
            *slot = hash_to_ec(key);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn fe(hex_be: &str) -> Fe {
        let mut b: [u8; 32] = hex::decode(hex_be).unwrap().try_into().unwrap();
        b.reverse();
        Fe::from_bytes_255(&b)
    }

    fn is_negative(f: &Fe) -> bool {
        f.to_bytes()[0] & 1 == 1
    }

    /// A literal transcription of the reference algorithm (spec section 1.3), used as an oracle.
    fn reference_map(s: &[u8; 32]) -> [u8; 32] {
        let fffb1 = fe("7e71fbefdad61b1720a9c53741fb19e3d19404a8b92a738d22a76975321c41ee");
        let fffb2 = fe("4d061e0a045a2cf691d451b7c0165fbe51de03460456f7dfd2de6483607c9ae0");
        let fffb3 = fe("674a110d14c208efb89546403f0da2ed4024ff4ea5964229581b7d8717302c66");
        let fffb4 = fe("1a43f3031067dbf926c0f4887ef7432eee46fc08a13f4a49853d1903b6b39186");
        let sqrtm1 = fe("2b8324804fc1df0b2b4d00993dfbd7a72f431806ad2fe478c4ee1b274a0ea0b0");
        let mut u = Fe::from_bytes_255(s);
        if s[31] >> 7 == 1 {
            u = u.add(&Fe::from_u64(19));
        }
        let v = u.square().add(&u.square());
        let w = v.add(&Fe::ONE);
        let x = w.square().sub(&A.square().mul(&v));
        let wx7 = w.mul(&x.square().square().mul(&x.square()).mul(&x));
        let mut rx = w.mul(&x.square().mul(&x)).mul(&wx7.pow_p58());
        let t = rx.square().mul(&x);
        let eq = |a: &Fe, b: &Fe| a.to_bytes() == b.to_bytes();
        let (z, sign);
        if eq(&t, &w) || eq(&t, &w.neg()) {
            rx = rx.mul(if eq(&t, &w) { &fffb2 } else { &fffb1 });
            rx = rx.mul(&u);
            z = A.mul(&v).neg();
            sign = false;
        } else {
            if w.sub(&t.mul(&sqrtm1)).is_zero().unwrap_u8() == 0 {
                rx = rx.mul(&fffb3);
            } else {
                rx = rx.mul(&fffb4);
            }
            z = A.neg();
            sign = true;
        }
        if is_negative(&rx) != sign {
            rx = rx.neg();
        }
        let zz = z.add(&w);
        let yy = z.sub(&w);
        let xx = rx.mul(&zz);
        // ge_tobytes
        let recip = zz.invert();
        let ax = xx.mul(&recip);
        let ay = yy.mul(&recip);
        let mut out = ay.to_bytes();
        out[31] ^= u8::from(is_negative(&ax)) << 7;
        out
    }

    #[test]
    fn matches_literal_reference_on_edges() {
        for s in [[0u8; 32], [0xff; 32], [1u8; 32], {
            let mut b = [0u8; 32];
            b[31] = 0x80;
            b
        }] {
            assert_eq!(map_to_encoding(&s), reference_map(&s));
            assert_eq!(
                ge_fromfe_frombytes_vartime(&s).to_bytes(),
                reference_map(&s)
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn matches_literal_reference(s: [u8; 32]) {
            let enc = map_to_encoding(&s);
            prop_assert_eq!(enc, reference_map(&s));
            // always a valid, canonical encoding
            let p = CompressedEdwardsY(enc).decompress();
            prop_assert!(p.is_some());
            prop_assert_eq!(p.unwrap().compress().to_bytes(), enc);
        }

        #[test]
        fn batch_matches_single(keys: alloc::vec::Vec<[u8; 32]>) {
            let batch = hash_to_ec_batch_vartime(&keys);
            prop_assert_eq!(batch.len(), keys.len());
            for (p, k) in batch.iter().zip(&keys) {
                prop_assert_eq!(*p, hash_to_ec(k));
            }
        }

        #[test]
        fn hash_to_ec_is_torsion_free(s: [u8; 32]) {
            prop_assert!(hash_to_ec(&s).is_torsion_free());
            prop_assert_eq!(hash_to_ec(&s), hash_to_ec_vartime(&s));
        }
    }
}
