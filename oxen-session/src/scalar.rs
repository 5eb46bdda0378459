//! [`SecretScalar`]: integers modulo `L` that are secret (private scalars, blinded private
//! scalars, signing nonces), and [`reduce64`].
//!
//! libsodium's scalar operations (`crypto_core_ed25519_scalar_{reduce,mul,add,negate}`) all
//! return values reduced modulo `L = 2^252 + 27742317777372353535851937790883648493`; so does
//! every operation here. Public scalars (blinding factors, challenges `H(R ‖ A ‖ M)`) stay
//! curve25519-dalek `Scalar`s inside the crate.

use core::fmt;
use core::ops::{Add, Mul, Neg};

use curve25519_dalek::scalar::Scalar;
use subtle::{Choice, ConditionallyNegatable, ConditionallySelectable, ConstantTimeEq};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

/// A scalar modulo `L` that is secret in the protocol.
///
/// Not `Copy` (every copy is an explicit `clone`), zeroized on drop, `Debug` prints
/// `SecretScalar(..)`, equality is constant time, the raw value is reached only through
/// [`SecretScalar::expose_bytes`] or [`SecretScalar::to_bytes`]. Arithmetic is constant time.
///
/// ```
/// use oxen_session::scalar::{SecretScalar, reduce64};
///
/// let a = SecretScalar::from_bytes_mod_order(&[7; 32]);
/// let k = reduce64(&[1; 64]);
/// let blinded = &k * &a; // a' = k·a, as crypto_core_ed25519_scalar_mul
/// assert_eq!(&blinded + &(-&blinded), SecretScalar::from_bytes_mod_order(&[0; 32]));
/// assert_eq!(format!("{blinded:?}"), "SecretScalar(..)");
/// ```
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct SecretScalar(pub(crate) Scalar);

impl SecretScalar {
    /// `int_le(bytes) mod L` for 32 bytes (all 256 bits are read). libsodium's
    /// `crypto_scalarmult_ed25519*` clear bit 255 of their scalar before using it; callers that
    /// mirror them on a raw scalar with bit 255 set clear it first.
    #[must_use]
    pub fn from_bytes_mod_order(bytes: &[u8; 32]) -> SecretScalar {
        SecretScalar(Scalar::from_bytes_mod_order(*bytes))
    }

    /// `int_le(bytes) mod L` for 64 bytes: [`reduce64`].
    #[must_use]
    pub fn from_bytes_mod_order_wide(bytes: &[u8; 64]) -> SecretScalar {
        SecretScalar(Scalar::from_bytes_mod_order_wide(bytes))
    }

    /// The canonical 32-byte encoding, borrowed.
    #[must_use]
    pub const fn expose_bytes(&self) -> &[u8; 32] {
        self.0.as_bytes()
    }

    /// The canonical 32-byte encoding, in a buffer that zeroizes itself on drop.
    #[must_use]
    pub fn to_bytes(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(self.0.to_bytes())
    }

    /// True iff zero. Constant time.
    #[must_use]
    pub fn is_zero(&self) -> Choice {
        self.0.ct_eq(&Scalar::ZERO)
    }

    /// Negates in place if `choice` is 1, in constant time (the sign fix of XEd25519 and of
    /// 25-blinding).
    pub fn conditional_negate(&mut self, choice: Choice) {
        self.0.conditional_negate(choice);
    }

    /// `self = other` if `choice` is 1, in constant time.
    pub fn conditional_assign(&mut self, other: &SecretScalar, choice: Choice) {
        self.0.conditional_assign(&other.0, choice);
    }

    /// The value as a curve25519-dalek scalar, for this crate's curve operations.
    pub(crate) const fn expose_dalek(&self) -> &Scalar {
        &self.0
    }
}

/// `crypto_core_ed25519_scalar_reduce`: a 64-byte little-endian value modulo `L`, as a secret
/// (a nonce `r` or a private scalar); take `.expose_bytes()` for a public one.
#[must_use]
pub fn reduce64(h: &[u8; 64]) -> SecretScalar {
    SecretScalar::from_bytes_mod_order_wide(h)
}

impl fmt::Debug for SecretScalar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretScalar(..)")
    }
}

impl ConstantTimeEq for SecretScalar {
    fn ct_eq(&self, other: &SecretScalar) -> Choice {
        self.0.ct_eq(&other.0)
    }
}

/// Constant-time equality.
impl PartialEq for SecretScalar {
    fn eq(&self, other: &SecretScalar) -> bool {
        self.ct_eq(other).into()
    }
}
impl Eq for SecretScalar {}

/// `crypto_core_ed25519_scalar_mul`.
impl Mul<&SecretScalar> for &SecretScalar {
    type Output = SecretScalar;
    fn mul(self, rhs: &SecretScalar) -> SecretScalar {
        SecretScalar(self.0 * rhs.0)
    }
}

/// `crypto_core_ed25519_scalar_add`.
impl Add<&SecretScalar> for &SecretScalar {
    type Output = SecretScalar;
    fn add(self, rhs: &SecretScalar) -> SecretScalar {
        SecretScalar(self.0 + rhs.0)
    }
}

/// `crypto_core_ed25519_scalar_negate`.
impl Neg for &SecretScalar {
    type Output = SecretScalar;
    fn neg(self) -> SecretScalar {
        SecretScalar(-self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reduction_and_arithmetic_match_dalek() {
        let a = SecretScalar::from_bytes_mod_order(&[0xff; 32]);
        assert_eq!(a.0, Scalar::from_bytes_mod_order([0xff; 32]));
        let b = reduce64(&[0xee; 64]);
        assert_eq!((&a * &b).0, a.0 * b.0);
        assert_eq!((&a + &b).0, a.0 + b.0);
        assert_eq!((-&a).0, -a.0);
        let mut c = a.clone();
        c.conditional_negate(Choice::from(0));
        assert_eq!(c, a);
        c.conditional_negate(Choice::from(1));
        assert_eq!(c, -&a);
        c.conditional_assign(&b, Choice::from(1));
        assert_eq!(c, b);
        assert!(bool::from(
            SecretScalar::from_bytes_mod_order(&[0; 32]).is_zero()
        ));
        assert!(!bool::from(a.is_zero()));
        assert_eq!(*a.to_bytes(), *a.expose_bytes());
    }
}
