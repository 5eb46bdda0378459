//! libsodium 1.0.18's rules for Ed25519 point encodings, in one place.
//!
//! libsodium keeps points as 32-byte encodings and checks them differently for each use. Every
//! function of this crate that reads a point goes through one of the three decoders below, so
//! the rules live here and nowhere else:
//!
//! | use | libsodium function | canonical `y < p` | not small order | decodes | libsodium's subgroup check | here |
//! | --- | --- | --- | --- | --- | --- | --- |
//! | scalar multiplication | `crypto_scalarmult_ed25519[_noclamp]` | yes | yes | yes | yes | [`Point::decode`] |
//! | point validation | `crypto_core_ed25519_is_valid_point` (SOGS `X-SOGS-Pubkey`) | yes | yes | yes | yes | [`Point::decode`] (the same checks in the same order; its `ge25519_is_on_curve` follows from decoding) |
//! | Ed25519 → X25519 | `crypto_sign_ed25519_pk_to_curve25519` | **no** | yes | yes | yes | [`ConvertiblePoint::decode`], [`ed_to_x`] |
//! | signature key `A` | `crypto_sign_ed25519_verify_detached` | yes | yes | yes | **no** (cofactorless equation) | `decode_for_verify` (used by [`crate::ed25519::verify`]) |
//!
//! The checks, in libsodium's order, each failure reported as its [`PointCheck`]:
//! * `ge25519_is_canonical` ([`is_canonical`]): the 255-bit y is below `p = 2^255 − 19`. Only
//!   the 19 values `p..2^255` (times two sign bits) fail.
//! * `ge25519_has_small_order` ([`has_small_order`]): the encoding is not one of the seven
//!   listed encodings of the points of order 1, 2, 4 and 8 (`y = 1`, `y = −1`, `y = 0`, the two
//!   order-8 y values, and the non-canonical `y = p`, `y = p + 1`), **with either sign bit**.
//!   A byte comparison: it runs before decoding.
//! * `ge25519_frombytes`: a square root of `(y² − 1)/(d·y² + 1)` exists (curve25519-dalek's
//!   `CompressedEdwardsY::decompress`, which, like ref10, reads y modulo p and accepts
//!   `x = 0` with the sign bit set).
//! * `ge25519_is_on_main_subgroup`: the X coordinate of `L·P` is zero (`ge25519_mul_l`, then
//!   `fe25519_iszero(pl.X)`). **Quirk kept:** that holds for the identity and for the point of
//!   order 2, `T2 = (0, −1)`, so libsodium accepts a point of the prime-order subgroup **plus
//!   `T2`** (its `L·P` is `T2`), and only refuses components of order 4 and 8. libsession
//!   converts, blinds and encrypts to such keys; so does this crate (`tests/order2.rs`, whose
//!   values come from the compiled reference). Checked here as `(L − 1)·P + P`, doubled, with
//!   curve25519-dalek's constant-time variable-base multiplication by the integer `L − 1`:
//!   points are public, so variable time would do, but on dalek 5's vector backends the
//!   constant-time routine is the faster one (with AVX-512 IFMA about 16 µs against 22 µs for
//!   `vartime_double_scalar_mul_basepoint`), and this check is most of the cost of decoding a
//!   key for blinding.
//!
//! The conversion rule skips the canonical check. Of the 38 encodings with `y ≥ p`, `y = p` and
//! `p + 1` are small order and 34 others are off the curve or carry an order-4 or order-8
//! component, but `y = p + 9` (either sign) is the point `y = 9`, which has only an order-2
//! component: `crypto_sign_ed25519_pk_to_curve25519` accepts it, the scalar multiplication
//! refuses it as non-canonical (`tests/errors.rs` checks all 38 against the reference's
//! verdicts).
//!
//! Scalar multiplication ([`Point::mul`], [`Point::mul_base`]) then refuses an identity result,
//! which happens exactly when the scalar is zero modulo `L` (libsodium checks both
//! `sodium_is_zero(n)` and the result). libsodium multiplies by the 255-bit integer it is given,
//! not by its residue modulo `L`; the two differ by a multiple of `L` (odd), which changes the
//! result by `T2` when the point has an order-2 component and the parities differ. Every scalar
//! libsession passes reduced ([`SecretScalar`], blinding factors) gives libsodium's bytes with
//! [`Point::mul`]; the one it passes unreduced, the clamped scalar of 15-blinded messages (a
//! multiple of 8), goes through `mul_clamped_secret`.
//!
//! Vectors: `keys.json` (`x_pk_*`: every conversion failure), `ed25519.json`
//! (`verify_small_order_pk`), and the blinding files that later modules add.

use core::fmt;

use curve25519_dalek::edwards::{CompressedEdwardsY, EdwardsPoint};
use curve25519_dalek::scalar::Scalar;
use curve25519_dalek::traits::IsIdentity;
use oxen_keys::{Ed25519PublicKey, X25519PublicKey};
use zeroize::{Zeroize, Zeroizing};

use crate::error::{Error, Input, PointCheck};
use crate::scalar::SecretScalar;

/// The seven small-order encodings of `ge25519_has_small_order`, compared with bit 255
/// cleared.
const SMALL_ORDER: [[u8; 32]; 7] = [
    // 0 (order 4)
    [0; 32],
    // 1 (order 1)
    [
        0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0,
    ],
    // order 8
    [
        0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98,
        0xf0, 0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53,
        0xfc, 0x05,
    ],
    // order 8
    [
        0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10, 0x67,
        0x0f, 0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac,
        0x03, 0x7a,
    ],
    // p − 1 (order 2)
    p_plus(-1),
    // p (= 0, order 4)
    p_plus(0),
    // p + 1 (= 1, order 1)
    p_plus(1),
];

/// The encoding of `p + d` for a small `d` (`p = 2^255 − 19`: `ed ff … ff 7f`).
const fn p_plus(d: i8) -> [u8; 32] {
    let mut b = [0xff; 32];
    b[0] = (0xed_i16 + d as i16) as u8;
    b[31] = 0x7f;
    b
}

/// `ge25519_is_canonical`: the y-coordinate (bit 255 aside) is below `p`. Public data, plain
/// comparisons.
#[must_use]
pub fn is_canonical(s: &[u8; 32]) -> bool {
    // y >= p iff bytes 1..=30 are 0xff, byte 31 (without the sign) is 0x7f and byte 0 >= 0xed
    let top = matches!(s.last(), Some(b) if b & 0x7f == 0x7f);
    let middle = s.iter().skip(1).take(30).all(|&b| b == 0xff);
    let low = matches!(s.first(), Some(&b) if b >= 0xed);
    !(top && middle && low)
}

/// `ge25519_has_small_order`: the encoding is one of the seven small-order encodings, with
/// either sign bit. Public data, plain comparisons.
#[must_use]
pub fn has_small_order(s: &[u8; 32]) -> bool {
    let mut masked = *s;
    if let Some(b) = masked.last_mut() {
        *b &= 0x7f;
    }
    SMALL_ORDER.contains(&masked)
}

/// Decompresses (`ge25519_frombytes`), or [`PointCheck::NotOnCurve`].
fn decompress(s: &[u8; 32]) -> Result<EdwardsPoint, PointCheck> {
    CompressedEdwardsY(*s)
        .decompress()
        .ok_or(PointCheck::NotOnCurve)
}

/// `ge25519_is_on_main_subgroup`: `L·P = (L − 1)·P + P` has X = 0, i.e. is the identity or
/// `T2` (the 8-torsion points with `x = 0`), i.e. `2·L·P` is the identity. Public input; the
/// constant-time multiplication is used because it is the faster one (module docs).
fn in_subgroup(p: &EdwardsPoint) -> bool {
    // -1 mod L is L - 1 as an integer: the multiplication runs over its radix-16 digits, so it
    // multiplies by the integer L - 1 (a torsion component is not reduced away).
    let l_minus_1_p = p * -Scalar::ONE;
    let l_p = l_minus_1_p + p;
    (l_p + l_p).is_identity()
}

/// The rule of a signature's public key `A` (`crypto_sign_ed25519_verify_detached`):
/// canonical, not small order, decodes. No subgroup check: the cofactorless equation decides.
pub(crate) fn decode_for_verify(s: &[u8; 32]) -> Result<EdwardsPoint, PointCheck> {
    if !is_canonical(s) {
        return Err(PointCheck::NonCanonical);
    }
    if has_small_order(s) {
        return Err(PointCheck::SmallOrder);
    }
    decompress(s)
}

/// An Ed25519 point accepted by libsodium's scalar multiplication
/// (`crypto_scalarmult_ed25519_noclamp`): canonical, not of small order, on the curve, and
/// passing libsodium's subgroup check (in the prime-order subgroup, or that plus the point of
/// order 2: see the module docs). Public data: `Copy`, printed as hex.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Point {
    point: EdwardsPoint,
    bytes: [u8; 32],
}

impl Point {
    /// Applies the scalar-multiplication rule to `bytes` (variable time: points are public).
    /// It is also `crypto_core_ed25519_is_valid_point`'s rule.
    ///
    /// # Errors
    /// The first check that fails, in libsodium's order: [`PointCheck::NonCanonical`],
    /// [`PointCheck::SmallOrder`], [`PointCheck::NotOnCurve`], [`PointCheck::NotInSubgroup`].
    /// Attribute it to an input with [`PointCheck::at`].
    #[doc(alias = "crypto_core_ed25519_is_valid_point")]
    pub fn decode(bytes: &[u8; 32]) -> Result<Point, PointCheck> {
        if !is_canonical(bytes) {
            return Err(PointCheck::NonCanonical);
        }
        ConvertiblePoint::decode(bytes)?.to_point()
    }

    /// `smulB(k)` = `crypto_scalarmult_ed25519_base_noclamp(k)`: `k·B` with the precomputed
    /// basepoint table, constant time in `k`.
    ///
    /// # Errors
    /// [`Error::IdentityResult`] if `k` is zero.
    pub fn mul_base(k: &SecretScalar) -> Result<Point, Error> {
        Self::from_product(EdwardsPoint::mul_base(k.expose_dalek()))
    }

    /// `smul(k, self)` = `crypto_scalarmult_ed25519_noclamp(k, self)` for a reduced `k`:
    /// constant time in `k`. The result is again a [`Point`] (canonical, passing the subgroup
    /// check, not the identity).
    ///
    /// # Errors
    /// [`Error::IdentityResult`] if `k` is zero.
    pub fn mul(&self, k: &SecretScalar) -> Result<Point, Error> {
        Self::from_product(self.point * k.expose_dalek())
    }

    /// `smul(k, self)` for a **public** scalar `k` (a blinding factor applied to a public key):
    /// the result of [`Point::mul`]. Also constant time: on dalek 5's vector backends its
    /// constant-time multiplication is faster than the variable-time double-base routine (module
    /// docs), so nothing is gained by leaking.
    ///
    /// # Errors
    /// [`Error::IdentityResult`] if `k` is zero.
    pub(crate) fn mul_public(&self, k: &Scalar) -> Result<Point, Error> {
        Self::from_product(self.point * k)
    }

    /// `smul(k, self)` when the product is secret (a Diffie-Hellman shared point), not yet
    /// encoded ([`SecretProduct`]). Constant time in `k`.
    ///
    /// # Errors
    /// [`Error::IdentityResult`] if `k` is zero.
    pub(crate) fn mul_secret(&self, k: &SecretScalar) -> Result<SecretProduct, Error> {
        SecretProduct::new(self.point * k.expose_dalek())
    }

    /// `smul(a, self)` for a **clamped** secret scalar `a` given as libsodium receives it (the
    /// 255-bit integer, not reduced modulo `L`; a multiple of 8, so an order-2 component of the
    /// point vanishes, as in libsodium), not yet encoded. Constant time in `a`.
    ///
    /// # Errors
    /// [`Error::IdentityResult`] if `a` is a multiple of `L` (never for a clamped scalar).
    pub(crate) fn mul_clamped_secret(&self, a: &[u8; 32]) -> Result<SecretProduct, Error> {
        SecretProduct::new(self.point.mul_clamped(*a))
    }

    /// `|P|`: the point whose encoding is this one's with bit 255 cleared, `P` or `−P`, as
    /// 25-blinding takes the account key. No decoding: a point of this type has `x ≠ 0` (the
    /// points with `x = 0` are of small order), so `−P` encodes as `P` with bit 255 flipped.
    pub(crate) fn abs(&self) -> Point {
        let mut bytes = self.bytes;
        match bytes.last_mut() {
            Some(b) if *b & 0x80 != 0 => {
                *b &= 0x7f;
                Point {
                    point: -self.point,
                    bytes,
                }
            }
            _ => *self,
        }
    }

    fn from_product(p: EdwardsPoint) -> Result<Point, Error> {
        if p.is_identity() {
            return Err(Error::IdentityResult);
        }
        Ok(Point {
            bytes: p.compress().to_bytes(),
            point: p,
        })
    }

    /// The encoding (the canonical one: [`Point::decode`] accepts no other).
    #[must_use]
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.bytes
    }

    /// The encoding as an Ed25519 public key.
    #[must_use]
    pub const fn to_ed25519(&self) -> Ed25519PublicKey {
        Ed25519PublicKey(self.bytes)
    }

    /// The X25519 key of this point, `u = (1 + y)/(1 − y)`: what [`ed_to_x`] returns for its
    /// encoding.
    #[must_use]
    pub fn to_x25519(&self) -> X25519PublicKey {
        X25519PublicKey(self.point.to_montgomery().to_bytes())
    }

    /// Wraps a point this crate computed as `a·B` with `a ≠ 0 mod L` (so the invariant holds by
    /// construction) together with its encoding.
    pub(crate) const fn from_trusted(point: EdwardsPoint, bytes: [u8; 32]) -> Point {
        Point { point, bytes }
    }
}

/// A product by a secret scalar (a shared point), not the identity, not yet encoded: wiped on
/// drop, encoded into buffers that zeroize themselves.
pub(crate) struct SecretProduct(EdwardsPoint);

impl SecretProduct {
    fn new(p: EdwardsPoint) -> Result<SecretProduct, Error> {
        let p = SecretProduct(p);
        if p.0.is_identity() {
            return Err(Error::IdentityResult);
        }
        Ok(p)
    }

    /// The encoding (one field inversion).
    pub(crate) fn encode(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(self.0.compress().to_bytes())
    }

    /// `a·B` (with the basepoint table) and this product, encoded together with **one** batched
    /// inversion: `(a·B, self)`. Constant time in `a` and the product. `a = 0` gives the
    /// identity's encoding, as libsodium's `crypto_scalarmult_ed25519_base_noclamp` writes it.
    pub(crate) fn encode_with_base(&self, a: &SecretScalar) -> ([u8; 32], Zeroizing<[u8; 32]>) {
        let mut points = [EdwardsPoint::mul_base(a.expose_dalek()), self.0];
        let [base, product] = EdwardsPoint::compress_batch(&points);
        points.zeroize();
        (base.to_bytes(), Zeroizing::new(product.to_bytes()))
    }
}

impl Drop for SecretProduct {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl fmt::Debug for Point {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Point({})", oxen_keys::codec::to_hex(&self.bytes))
    }
}

/// An Ed25519 point accepted by `crypto_sign_ed25519_pk_to_curve25519`: not of small order, on
/// the curve, passing libsodium's subgroup check. libsodium does not check `y < p` there (one
/// non-canonical encoding passes the other checks, `y = p + 9`: see the module docs). Decode once, then
/// convert ([`ConvertiblePoint::to_x25519`]) and, if the use also multiplies, promote
/// ([`ConvertiblePoint::to_point`]) without decoding again.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ConvertiblePoint {
    point: EdwardsPoint,
    bytes: [u8; 32],
}

impl ConvertiblePoint {
    /// Applies the conversion rule (variable time: points are public).
    ///
    /// # Errors
    /// [`PointCheck::SmallOrder`], [`PointCheck::NotOnCurve`] or [`PointCheck::NotInSubgroup`],
    /// the first that fails.
    pub fn decode(bytes: &[u8; 32]) -> Result<ConvertiblePoint, PointCheck> {
        if has_small_order(bytes) {
            return Err(PointCheck::SmallOrder);
        }
        let point = decompress(bytes)?;
        if !in_subgroup(&point) {
            return Err(PointCheck::NotInSubgroup);
        }
        Ok(ConvertiblePoint {
            point,
            bytes: *bytes,
        })
    }

    /// `u = (1 + y)/(1 − y)`, the X25519 public key (`crypto_sign_ed25519_pk_to_curve25519`).
    /// `A` and `−A` give the same key.
    #[must_use]
    pub fn to_x25519(&self) -> X25519PublicKey {
        X25519PublicKey(self.point.to_montgomery().to_bytes())
    }

    /// The same point under the scalar-multiplication rule, which adds the canonical check.
    ///
    /// # Errors
    /// [`PointCheck::NonCanonical`] if the encoding has `y ≥ p`.
    pub fn to_point(&self) -> Result<Point, PointCheck> {
        if !is_canonical(&self.bytes) {
            return Err(PointCheck::NonCanonical);
        }
        Ok(Point {
            point: self.point,
            bytes: self.bytes,
        })
    }

    /// The encoding as given.
    #[must_use]
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.bytes
    }
}

impl fmt::Debug for ConvertiblePoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "ConvertiblePoint({})",
            oxen_keys::codec::to_hex(&self.bytes)
        )
    }
}

/// `ed_to_x(A)` = `crypto_sign_ed25519_pk_to_curve25519` (libsession
/// `curve25519::to_curve25519_pubkey`): the X25519 key `u = (1 + y)/(1 − y)` of an Ed25519
/// key. The sign of `A` is lost (`A` and `−A` give the same `u`).
///
/// ```
/// use oxen_session::{Error, Input, PointCheck, ed_to_x};
/// use oxen_keys::Ed25519PublicKey;
///
/// // the identity point is refused, as libsodium refuses it
/// let mut identity = [0; 32];
/// identity[0] = 1;
/// assert_eq!(
///     ed_to_x(&Ed25519PublicKey(identity)),
///     Err(Error::InvalidPoint { input: Input::Ed25519PublicKey, check: PointCheck::SmallOrder })
/// );
/// ```
///
/// # Errors
/// [`Error::InvalidPoint`] for [`Input::Ed25519PublicKey`] with [`PointCheck::SmallOrder`],
/// [`PointCheck::NotOnCurve`] or [`PointCheck::NotInSubgroup`] (vectors `keys.json`
/// `x_pk_*`).
#[doc(alias = "to_curve25519_pubkey")]
#[doc(alias = "crypto_sign_ed25519_pk_to_curve25519")]
pub fn ed_to_x(public: &Ed25519PublicKey) -> Result<X25519PublicKey, Error> {
    ConvertiblePoint::decode(public.as_bytes())
        .map(|p| p.to_x25519())
        .map_err(|c| c.at(Input::Ed25519PublicKey))
}

#[cfg(test)]
mod tests {
    use super::*;
    use curve25519_dalek::constants::{ED25519_BASEPOINT_POINT, EIGHT_TORSION};

    #[test]
    fn small_order_list_is_the_eight_torsion_points_and_aliases() {
        // every torsion point's canonical encoding is listed (with either sign bit)
        for t in EIGHT_TORSION {
            let mut b = t.compress().to_bytes();
            assert!(has_small_order(&b), "{b:02x?}");
            b[31] ^= 0x80;
            assert!(has_small_order(&b));
        }
        assert!(has_small_order(&p_plus(0)) && has_small_order(&p_plus(1)));
        assert!(!has_small_order(&p_plus(2)));
        assert!(!has_small_order(
            &ED25519_BASEPOINT_POINT.compress().to_bytes()
        ));
    }

    #[test]
    fn canonical_boundary() {
        assert!(is_canonical(&p_plus(-1)));
        assert!(!is_canonical(&p_plus(0)));
        assert!(!is_canonical(&p_plus(18)));
        let mut top = p_plus(0);
        top[31] = 0xff; // the sign bit does not matter
        assert!(!is_canonical(&top));
        let mut below = p_plus(0);
        below[15] = 0xfe;
        assert!(is_canonical(&below));
    }

    #[test]
    fn subgroup_check_is_libsodiums() {
        // dalek's is_torsion_free is the true subgroup test; libsodium's also accepts an
        // order-2 component (EIGHT_TORSION[4] = (0, -1)) and nothing else
        let b = ED25519_BASEPOINT_POINT;
        for k in 1u64..6 {
            let p = b * Scalar::from(k);
            assert!(in_subgroup(&p) && p.is_torsion_free());
            for (i, t) in EIGHT_TORSION.iter().enumerate().skip(1) {
                let q = p + t;
                assert!(!q.is_torsion_free());
                assert_eq!(in_subgroup(&q), i == 4, "torsion index {i}");
            }
        }
    }

    #[test]
    fn every_check_reports_its_failure() {
        assert_eq!(Point::decode(&p_plus(3)), Err(PointCheck::NonCanonical));
        assert_eq!(Point::decode(&p_plus(0)), Err(PointCheck::NonCanonical));
        assert_eq!(
            ConvertiblePoint::decode(&p_plus(0)).err(),
            Some(PointCheck::SmallOrder)
        );
        assert_eq!(Point::decode(&[0; 32]), Err(PointCheck::SmallOrder));
        let mut not_on_curve = [0u8; 32];
        not_on_curve[0] = 2; // y = 2 has no x
        assert_eq!(Point::decode(&not_on_curve), Err(PointCheck::NotOnCurve));
        let torsion = (ED25519_BASEPOINT_POINT + EIGHT_TORSION[1])
            .compress()
            .to_bytes();
        assert_eq!(Point::decode(&torsion), Err(PointCheck::NotInSubgroup));
        let order_2 = (ED25519_BASEPOINT_POINT + EIGHT_TORSION[4])
            .compress()
            .to_bytes();
        assert_eq!(Point::decode(&order_2).map(|p| *p.as_bytes()), Ok(order_2));
        let b = ED25519_BASEPOINT_POINT.compress().to_bytes();
        assert_eq!(Point::decode(&b).unwrap().as_bytes(), &b);
        assert_eq!(
            decode_for_verify(&torsion).map(|p| p.compress().to_bytes()),
            Ok(torsion)
        );
    }

    #[test]
    fn multiplication_refuses_the_identity_and_agrees_with_vartime() {
        let zero = SecretScalar::from_bytes_mod_order(&[0; 32]);
        assert_eq!(Point::mul_base(&zero), Err(Error::IdentityResult));
        let s = SecretScalar::from_bytes_mod_order(&[1; 32]);
        let b = Point::mul_base(&s).unwrap();
        assert_eq!(b.mul(&zero), Err(Error::IdentityResult));
        let k = SecretScalar::from_bytes_mod_order(&[9; 32]);
        assert_eq!(b.mul(&k), Point::mul_base(&(&s * &k)));
        assert_eq!(
            Point::decode(b.mul(&k).unwrap().as_bytes()),
            Ok(b.mul(&k).unwrap())
        );
    }

    #[test]
    fn public_secret_and_abs_agree_with_the_constant_time_rule() {
        let s = SecretScalar::from_bytes_mod_order(&[5; 32]);
        let p = Point::mul_base(&s).unwrap();
        let k = SecretScalar::from_bytes_mod_order(&[11; 32]);
        let want = p.mul(&k).unwrap();
        assert_eq!(p.mul_public(k.expose_dalek()), Ok(want));
        assert_eq!(*p.mul_secret(&k).unwrap().encode(), *want.as_bytes());
        let (base, product) = p.mul_secret(&k).unwrap().encode_with_base(&s);
        assert_eq!((base, *product), (*p.as_bytes(), *want.as_bytes()));
        let zero = SecretScalar::from_bytes_mod_order(&[0; 32]);
        assert_eq!(
            p.mul_public(zero.expose_dalek()),
            Err(Error::IdentityResult)
        );
        assert_eq!(p.mul_secret(&zero).err(), Some(Error::IdentityResult));
        // |P| clears the sign bit and is P or -P, with the encoding dalek gives
        for q in [
            p,
            Point::from_trusted(-p.point, (-p.point).compress().to_bytes()),
        ] {
            let a = q.abs();
            assert_eq!(a.as_bytes()[31] & 0x80, 0);
            assert_eq!(a.point.compress().to_bytes(), *a.as_bytes());
            assert!(a.point == q.point || a.point == -q.point);
            assert_eq!(a.as_bytes()[..31], q.as_bytes()[..31]);
        }
    }
}
