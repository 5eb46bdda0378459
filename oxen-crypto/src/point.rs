//! Points of the ed25519 curve and their 32-byte encodings.

use alloc::vec::Vec;
use core::fmt;
use core::ops::{Add, AddAssign, Mul, Neg, Sub, SubAssign};

use curve25519_dalek::constants::{ED25519_BASEPOINT_POINT, ED25519_BASEPOINT_TABLE};
use curve25519_dalek::edwards::{CompressedEdwardsY, EdwardsPoint};
use curve25519_dalek::traits::{Identity, IsIdentity, MultiscalarMul, VartimeMultiscalarMul};
use subtle::{Choice, ConditionallySelectable, ConstantTimeEq};

use crate::{Error, Scalar};

/// The length of an encoded point.
pub const POINT_LEN: usize = 32;

/// The encoding of the identity point `(0, 1)`.
pub const IDENTITY_BYTES: [u8; 32] = {
    let mut b = [0u8; 32];
    b[0] = 1;
    b
};

/// A point of the ed25519 curve (any point: small-order and torsioned points included, as the
/// reference accepts them). Use [`Point::is_torsion_free`] where the prime-order subgroup is
/// required. Equality is constant time.
#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub struct Point(pub(crate) EdwardsPoint);

/// A 32-byte point encoding as it appears on the wire, not yet checked.
///
/// Hash transcripts use these bytes as given, so keeping them avoids recompressing.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CompressedPoint(pub [u8; 32]);

impl CompressedPoint {
    /// The identity's encoding `0100..00`.
    pub const IDENTITY: CompressedPoint = CompressedPoint(IDENTITY_BYTES);

    /// Wraps 32 bytes (no check).
    #[must_use]
    pub const fn from_bytes(bytes: [u8; 32]) -> CompressedPoint {
        CompressedPoint(bytes)
    }

    /// The bytes.
    #[must_use]
    pub const fn to_bytes(&self) -> [u8; 32] {
        self.0
    }

    /// The bytes, borrowed.
    #[must_use]
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Decodes, as [`Point::from_bytes`].
    ///
    /// # Errors
    /// As [`Point::from_bytes`].
    pub fn decompress(&self) -> Result<Point, Error> {
        Point::from_bytes(&self.0)
    }

    /// True iff these are the identity's bytes (the reference's byte compare against
    /// `rct::identity()`).
    #[must_use]
    pub fn is_identity(&self) -> bool {
        self.0 == IDENTITY_BYTES
    }
}

impl fmt::Debug for CompressedPoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CompressedPoint(")?;
        crate::hex_fmt(f, &self.0)?;
        f.write_str(")")
    }
}

impl From<[u8; 32]> for CompressedPoint {
    fn from(b: [u8; 32]) -> Self {
        CompressedPoint(b)
    }
}

impl AsRef<[u8]> for CompressedPoint {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// True iff the low 255 bits, read little-endian, are `>= p = 2^255 - 19`.
#[allow(clippy::indexing_slicing)] // fixed-size array, constant in-range indices
fn y_not_canonical(bytes: &[u8; 32]) -> bool {
    bytes[31] & 0x7f == 0x7f && bytes[1..31].iter().all(|&b| b == 0xff) && bytes[0] >= 0xed
}

/// True iff `y` (low 255 bits) is `1` or `p - 1`: the only `y` with `x = 0`.
#[allow(clippy::indexing_slicing)] // fixed-size array, constant in-range indices
fn y_has_zero_x(bytes: &[u8; 32]) -> bool {
    let mut masked = *bytes;
    masked[31] &= 0x7f;
    const MINUS_ONE: [u8; 32] = {
        let mut b = [0xffu8; 32];
        b[0] = 0xec;
        b[31] = 0x7f;
        b
    };
    masked == IDENTITY_BYTES || masked == MINUS_ONE
}

impl Point {
    /// The ed25519 base point `G`.
    pub const G: Point = Point(ED25519_BASEPOINT_POINT);

    /// The identity.
    #[must_use]
    pub fn identity() -> Point {
        Point(EdwardsPoint::identity())
    }

    /// Decodes a point exactly as the reference's `ge_frombytes_vartime` / `check_key` does:
    /// rejects `y >= p` and the "negative zero" encodings (`x = 0` with the sign bit set);
    /// accepts every other on-curve point, including small-order and torsioned points.
    ///
    /// Variable time in the (public) input.
    ///
    /// # Errors
    /// [`Error::NonCanonicalPoint`] for `y >= p` or negative zero, [`Error::InvalidPoint`] if
    /// `y` is not the y-coordinate of a curve point.
    #[allow(clippy::indexing_slicing)] // fixed-size array, constant indices
    pub fn from_bytes(bytes: &[u8; 32]) -> Result<Point, Error> {
        if y_not_canonical(bytes) {
            return Err(Error::NonCanonicalPoint);
        }
        if bytes[31] & 0x80 != 0 && y_has_zero_x(bytes) {
            return Err(Error::NonCanonicalPoint);
        }
        CompressedEdwardsY(*bytes)
            .decompress()
            .map(Point)
            .ok_or(Error::InvalidPoint)
    }

    /// Alias of [`Point::from_bytes`].
    ///
    /// # Errors
    /// As [`Point::from_bytes`].
    pub fn decompress(bytes: &[u8; 32]) -> Result<Point, Error> {
        Point::from_bytes(bytes)
    }

    /// The reference's `check_key`: true iff `bytes` decode.
    #[must_use]
    pub fn check_key(bytes: &[u8; 32]) -> bool {
        Point::from_bytes(bytes).is_ok()
    }

    /// The canonical encoding (reference `ge_tobytes` / `ge_p3_tobytes`). Costs an inversion.
    #[must_use]
    pub fn compress(&self) -> CompressedPoint {
        CompressedPoint(self.0.compress().to_bytes())
    }

    /// The canonical encoding as bytes.
    #[must_use]
    pub fn to_bytes(&self) -> [u8; 32] {
        self.0.compress().to_bytes()
    }

    /// Compresses many points with one shared field inversion.
    #[must_use]
    pub fn compress_batch(points: &[Point]) -> Vec<CompressedPoint> {
        let dalek: Vec<EdwardsPoint> = points.iter().map(|p| p.0).collect();
        EdwardsPoint::compress_batch_alloc(&dalek)
            .into_iter()
            .map(|c| CompressedPoint(c.to_bytes()))
            .collect()
    }

    /// `s * G` with the precomputed base-point table. Constant time.
    #[must_use]
    pub fn mul_base(s: &Scalar) -> Point {
        Point(ED25519_BASEPOINT_TABLE * &s.0)
    }

    /// `8 * self` (reference `ge_mul8`).
    #[must_use]
    pub fn mul_by_cofactor(&self) -> Point {
        Point(self.0.mul_by_cofactor())
    }

    /// True iff the point is the identity. Constant time.
    #[must_use]
    pub fn is_identity(&self) -> bool {
        self.0.is_identity()
    }

    /// True iff `l * self` is the identity, i.e. the point is in the prime-order subgroup
    /// (reference `rct::isInMainSubgroup`, used for key-image domain checks).
    #[must_use]
    pub fn is_torsion_free(&self) -> bool {
        self.0.is_torsion_free()
    }

    /// True iff the point has order dividing 8.
    #[must_use]
    pub fn is_small_order(&self) -> bool {
        self.0.is_small_order()
    }

    /// `a * A + b * G` in variable time.
    #[must_use]
    pub fn vartime_double_scalar_mul_basepoint(a: &Scalar, big_a: &Point, b: &Scalar) -> Point {
        Point(EdwardsPoint::vartime_double_scalar_mul_basepoint(
            &a.0, &big_a.0, &b.0,
        ))
    }

    /// `sum(s_i * P_i)` in variable time. The two slices are paired up to the shorter one.
    #[must_use]
    pub fn vartime_multiscalar_mul(scalars: &[Scalar], points: &[Point]) -> Point {
        let n = scalars.len().min(points.len());
        let (s, p) = (scalars.iter().take(n), points.iter().take(n));
        Point(EdwardsPoint::vartime_multiscalar_mul(
            s.map(|s| s.0),
            p.map(|p| p.0),
        ))
    }

    /// `sum(s_i * P_i)` in constant time. The two slices are paired up to the shorter one.
    #[must_use]
    pub fn multiscalar_mul(scalars: &[Scalar], points: &[Point]) -> Point {
        let n = scalars.len().min(points.len());
        let (s, p) = (scalars.iter().take(n), points.iter().take(n));
        Point(EdwardsPoint::multiscalar_mul(
            s.map(|s| s.0),
            p.map(|p| p.0),
        ))
    }

    /// curve25519-dalek 5 interop for sibling crates (oxen-tx's Bulletproofs work in dalek
    /// directly): wrap a dalek point.
    #[must_use]
    pub const fn from_dalek(p: EdwardsPoint) -> Point {
        Point(p)
    }

    /// curve25519-dalek 5 interop for sibling crates: the inner dalek point.
    #[must_use]
    pub const fn to_dalek(self) -> EdwardsPoint {
        self.0
    }

    /// curve25519-dalek 5 interop for sibling crates: borrow the inner dalek point.
    #[must_use]
    pub const fn as_dalek(&self) -> &EdwardsPoint {
        &self.0
    }
}

impl fmt::Debug for Point {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Point(")?;
        crate::hex_fmt(f, &self.to_bytes())?;
        f.write_str(")")
    }
}

impl ConstantTimeEq for Point {
    fn ct_eq(&self, other: &Point) -> Choice {
        self.0.ct_eq(&other.0)
    }
}

impl ConditionallySelectable for Point {
    fn conditional_select(a: &Point, b: &Point, choice: Choice) -> Point {
        Point(EdwardsPoint::conditional_select(&a.0, &b.0, choice))
    }
}

impl Add<&Point> for &Point {
    type Output = Point;
    fn add(self, rhs: &Point) -> Point {
        Point(self.0 + rhs.0)
    }
}
impl Add<Point> for Point {
    type Output = Point;
    fn add(self, rhs: Point) -> Point {
        Point(self.0 + rhs.0)
    }
}
impl AddAssign<&Point> for Point {
    fn add_assign(&mut self, rhs: &Point) {
        self.0 += rhs.0;
    }
}
impl Sub<&Point> for &Point {
    type Output = Point;
    fn sub(self, rhs: &Point) -> Point {
        Point(self.0 - rhs.0)
    }
}
impl Sub<Point> for Point {
    type Output = Point;
    fn sub(self, rhs: Point) -> Point {
        Point(self.0 - rhs.0)
    }
}
impl SubAssign<&Point> for Point {
    fn sub_assign(&mut self, rhs: &Point) {
        self.0 -= rhs.0;
    }
}
impl Neg for Point {
    type Output = Point;
    fn neg(self) -> Point {
        Point(-self.0)
    }
}
impl Neg for &Point {
    type Output = Point;
    fn neg(self) -> Point {
        Point(-self.0)
    }
}
/// Variable-base scalar multiplication, constant time.
impl Mul<&Scalar> for &Point {
    type Output = Point;
    fn mul(self, rhs: &Scalar) -> Point {
        Point(self.0 * rhs.0)
    }
}
/// Variable-base scalar multiplication, constant time.
impl Mul<&Point> for &Scalar {
    type Output = Point;
    fn mul(self, rhs: &Point) -> Point {
        Point(rhs.0 * self.0)
    }
}
/// Variable-base scalar multiplication, constant time.
impl Mul<Scalar> for Point {
    type Output = Point;
    fn mul(self, rhs: Scalar) -> Point {
        Point(self.0 * rhs.0)
    }
}
/// Variable-base scalar multiplication, constant time.
impl Mul<Point> for Scalar {
    type Output = Point;
    fn mul(self, rhs: Point) -> Point {
        Point(rhs.0 * self.0)
    }
}

impl core::iter::Sum for Point {
    fn sum<I: Iterator<Item = Point>>(iter: I) -> Point {
        iter.fold(Point::identity(), |a, b| a + b)
    }
}

/// Serialized as the canonical 32-byte encoding; deserialization applies [`Point::from_bytes`].
#[cfg(feature = "serde")]
impl serde::Serialize for Point {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_bytes().serialize(s)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Point {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let bytes = <[u8; 32]>::deserialize(d)?;
        Point::from_bytes(&bytes).map_err(serde::de::Error::custom)
    }
}
