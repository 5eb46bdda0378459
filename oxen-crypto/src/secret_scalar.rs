//! [`SecretScalar`]: scalars that are secret in the protocol.

use core::fmt;
use core::ops::{Add, AddAssign, Mul, MulAssign, Neg, Sub, SubAssign};

use curve25519_dalek::scalar::Scalar as DScalar;
use rand_core::CryptoRng;
use subtle::{Choice, ConditionallyNegatable, ConditionallySelectable, ConstantTimeEq};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::{Error, Point, Scalar};

/// A scalar modulo `l` that is secret in the protocol (commitment masks, signer nonces,
/// derivation scalars, one-time secret keys, prover blinding values).
///
/// Public values (responses, challenges, anything that goes on the wire) stay [`Scalar`], which
/// is `Copy` and prints its hex. A `SecretScalar` is the opposite on every count: not `Copy`
/// (every copy is an explicit `clone`), zeroized on drop, `Debug` prints `SecretScalar(..)`,
/// equality is constant time, and the raw value is reached only through the `expose_*` methods.
///
/// Arithmetic with a secret operand gives a `SecretScalar`, so an expression such as
/// `alpha - c * (mu_p * p + mu_c * z)` leaves no unzeroized named temporary in our code: each
/// intermediate is a `SecretScalar` that is zeroized when dropped, and an owned left operand is
/// updated in place. (What the compiler spills to the stack or registers is out of reach of any
/// Rust code; see SECURITY.md.)
///
/// ```
/// use oxen_crypto::{Scalar, SecretScalar};
/// use rand::SeedableRng;
///
/// let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(1);
/// let alpha = SecretScalar::random(&mut rng);
/// let x = SecretScalar::random(&mut rng);
/// let c = Scalar::from_u64(3);
/// // the response of a Schnorr-like signature is public: it is exposed on purpose
/// let s: Scalar = *(alpha.clone() - c * &x).expose_scalar();
/// assert_eq!(s, *alpha.expose_scalar() - c * x.expose_scalar());
/// assert_eq!(format!("{alpha:?}"), "SecretScalar(..)");
/// ```
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct SecretScalar(Scalar);

impl SecretScalar {
    /// A uniformly random non-zero secret (as [`Scalar::random`]; the wide buffer is zeroized).
    #[must_use]
    pub fn random<R: CryptoRng + ?Sized>(rng: &mut R) -> SecretScalar {
        SecretScalar(Scalar::random(rng))
    }

    /// Decodes a canonical secret (`s < l`, the reference's `sc_check`).
    ///
    /// # Errors
    /// [`Error::NonCanonicalScalar`] if `s >= l`.
    pub fn from_canonical_bytes(bytes: &[u8; 32]) -> Result<SecretScalar, Error> {
        Scalar::from_canonical_bytes(bytes).map(SecretScalar)
    }

    /// `int_le(bytes) mod l` (the reference's `sc_reduce32`). All 256 bits are read: callers
    /// mirroring libsodium's `crypto_scalarmult_ed25519*`, which ignore bit 255, clear it first.
    #[must_use]
    pub fn from_bytes_mod_order(bytes: &[u8; 32]) -> SecretScalar {
        SecretScalar(Scalar::from_bytes_mod_order(*bytes))
    }

    /// `int_le(bytes) mod l` for 64 bytes (the reference's `sc_reduce`).
    #[must_use]
    pub fn from_bytes_mod_order_wide(bytes: &[u8; 64]) -> SecretScalar {
        SecretScalar(Scalar::from_bytes_mod_order_wide(bytes))
    }

    /// Declares a value secret. The argument is `Copy`: the caller's copy is not zeroized, so
    /// prefer the constructors that never hold the value as a [`Scalar`].
    #[must_use]
    pub const fn from_scalar(s: Scalar) -> SecretScalar {
        SecretScalar(s)
    }

    /// curve25519-dalek 5 interop (oxen-tx's Bulletproof prover): wraps a dalek scalar.
    #[must_use]
    pub const fn from_dalek(s: DScalar) -> SecretScalar {
        SecretScalar(Scalar(s))
    }

    /// The raw value, for the rare place that needs it (e.g. a signature response computed
    /// from secrets, which is public). Borrowed: copying it out is the caller's decision.
    #[must_use]
    pub const fn expose_scalar(&self) -> &Scalar {
        &self.0
    }

    /// The raw value as a borrowed curve25519-dalek 5 scalar.
    #[must_use]
    pub const fn expose_dalek(&self) -> &DScalar {
        &self.0.0
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

    /// `self * G` with the precomputed base-point table. Constant time.
    #[must_use]
    pub fn mul_base(&self) -> Point {
        Point::mul_base(&self.0)
    }

    /// The multiplicative inverse (`0` maps to `0`). Constant time.
    #[must_use]
    pub fn invert(&self) -> SecretScalar {
        SecretScalar(self.0.invert())
    }

    /// True iff zero. Constant time.
    #[must_use]
    pub fn is_zero(&self) -> Choice {
        self.0.is_zero()
    }

    /// `self = other` if `choice`, in constant time (`ConditionallySelectable` needs `Copy`).
    pub fn conditional_assign(&mut self, other: &SecretScalar, choice: Choice) {
        self.0.conditional_assign(&other.0, choice);
    }

    /// `self = -self` if `choice`, in constant time (the sign fix of XEd25519 and of Session's
    /// 25-blinding, in oxen-session).
    pub fn conditional_negate(&mut self, choice: Choice) {
        self.0.0.conditional_negate(choice);
    }
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

impl From<DScalar> for SecretScalar {
    fn from(s: DScalar) -> SecretScalar {
        SecretScalar::from_dalek(s)
    }
}

/// `secret op secret`, `secret op public` and `public op secret` all give a [`SecretScalar`].
/// Owned secret left operands are updated in place; owned secret right operands are dropped
/// (zeroized) after use.
macro_rules! secret_binop {
    ($tr:ident, $m:ident, $tra:ident, $ma:ident, $op:tt) => {
        impl $tra<&SecretScalar> for SecretScalar {
            fn $ma(&mut self, rhs: &SecretScalar) {
                self.0.0 = self.0.0 $op rhs.0.0;
            }
        }
        impl $tra<&Scalar> for SecretScalar {
            fn $ma(&mut self, rhs: &Scalar) {
                self.0.0 = self.0.0 $op rhs.0;
            }
        }
        impl $tra<SecretScalar> for SecretScalar {
            fn $ma(&mut self, rhs: SecretScalar) {
                self.0.0 = self.0.0 $op rhs.0.0;
            }
        }
        impl $tra<Scalar> for SecretScalar {
            fn $ma(&mut self, rhs: Scalar) {
                self.0.0 = self.0.0 $op rhs.0;
            }
        }
        impl $tr<&SecretScalar> for &SecretScalar {
            type Output = SecretScalar;
            fn $m(self, rhs: &SecretScalar) -> SecretScalar {
                SecretScalar(Scalar(self.0.0 $op rhs.0.0))
            }
        }
        impl $tr<&Scalar> for &SecretScalar {
            type Output = SecretScalar;
            fn $m(self, rhs: &Scalar) -> SecretScalar {
                SecretScalar(Scalar(self.0.0 $op rhs.0))
            }
        }
        impl $tr<&SecretScalar> for &Scalar {
            type Output = SecretScalar;
            fn $m(self, rhs: &SecretScalar) -> SecretScalar {
                SecretScalar(Scalar(self.0 $op rhs.0.0))
            }
        }
        impl $tr<SecretScalar> for &SecretScalar {
            type Output = SecretScalar;
            fn $m(self, rhs: SecretScalar) -> SecretScalar {
                self $op &rhs
            }
        }
        impl $tr<Scalar> for &SecretScalar {
            type Output = SecretScalar;
            fn $m(self, rhs: Scalar) -> SecretScalar {
                self $op &rhs
            }
        }
        impl $tr<&SecretScalar> for SecretScalar {
            type Output = SecretScalar;
            fn $m(mut self, rhs: &SecretScalar) -> SecretScalar {
                $tra::$ma(&mut self, rhs);
                self
            }
        }
        impl $tr<SecretScalar> for SecretScalar {
            type Output = SecretScalar;
            fn $m(mut self, rhs: SecretScalar) -> SecretScalar {
                $tra::$ma(&mut self, &rhs);
                self
            }
        }
        impl $tr<&Scalar> for SecretScalar {
            type Output = SecretScalar;
            fn $m(mut self, rhs: &Scalar) -> SecretScalar {
                $tra::$ma(&mut self, rhs);
                self
            }
        }
        impl $tr<Scalar> for SecretScalar {
            type Output = SecretScalar;
            fn $m(mut self, rhs: Scalar) -> SecretScalar {
                $tra::$ma(&mut self, &rhs);
                self
            }
        }
        impl $tr<&SecretScalar> for Scalar {
            type Output = SecretScalar;
            fn $m(self, rhs: &SecretScalar) -> SecretScalar {
                &self $op rhs
            }
        }
        impl $tr<SecretScalar> for Scalar {
            type Output = SecretScalar;
            fn $m(self, rhs: SecretScalar) -> SecretScalar {
                &self $op &rhs
            }
        }
        impl $tr<SecretScalar> for &Scalar {
            type Output = SecretScalar;
            fn $m(self, rhs: SecretScalar) -> SecretScalar {
                self $op &rhs
            }
        }
    };
}

secret_binop!(Add, add, AddAssign, add_assign, +);
secret_binop!(Sub, sub, SubAssign, sub_assign, -);
secret_binop!(Mul, mul, MulAssign, mul_assign, *);

impl Neg for SecretScalar {
    type Output = SecretScalar;
    fn neg(mut self) -> SecretScalar {
        self.0.0 = -self.0.0;
        self
    }
}

impl Neg for &SecretScalar {
    type Output = SecretScalar;
    fn neg(self) -> SecretScalar {
        SecretScalar(Scalar(-self.0.0))
    }
}

impl core::iter::Sum for SecretScalar {
    fn sum<I: Iterator<Item = SecretScalar>>(iter: I) -> SecretScalar {
        iter.fold(SecretScalar(Scalar::ZERO), |a, b| a + b)
    }
}

impl<'a> core::iter::Sum<&'a SecretScalar> for SecretScalar {
    fn sum<I: Iterator<Item = &'a SecretScalar>>(iter: I) -> SecretScalar {
        iter.fold(SecretScalar(Scalar::ZERO), |a, b| a + b)
    }
}

/// Variable-base scalar multiplication by a secret, constant time.
impl Mul<&SecretScalar> for &Point {
    type Output = Point;
    fn mul(self, rhs: &SecretScalar) -> Point {
        Point(self.0 * rhs.0.0)
    }
}

/// Variable-base scalar multiplication by a secret, constant time.
impl Mul<&SecretScalar> for Point {
    type Output = Point;
    fn mul(self, rhs: &SecretScalar) -> Point {
        Point(self.0 * rhs.0.0)
    }
}

/// **Exports the secret**: serialized as its 32-byte canonical encoding, like [`Scalar`]. Only
/// serialize a `SecretScalar` into storage that is itself protected (a wallet file).
#[cfg(feature = "serde")]
impl serde::Serialize for SecretScalar {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

/// Deserialization rejects non-canonical values.
#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for SecretScalar {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Scalar::deserialize(d).map(SecretScalar)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditional_negate_negates_only_on_choice() {
        let a = SecretScalar::from_bytes_mod_order(&[0xff; 32]);
        let mut c = a.clone();
        c.conditional_negate(Choice::from(0));
        assert_eq!(c, a);
        c.conditional_negate(Choice::from(1));
        assert_eq!(c, -&a);
        assert_ne!(c, a);
        c.conditional_negate(Choice::from(1));
        assert_eq!(c, a);
    }
}
