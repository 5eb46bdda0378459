//! Scalars modulo the group order `l = 2^252 + 27742317777372353535851937790883648493`.

use core::fmt;
use core::ops::{Add, AddAssign, Mul, MulAssign, Neg, Sub, SubAssign};

use curve25519_dalek::scalar::Scalar as DScalar;
use rand_core::CryptoRng;
use subtle::{Choice, ConditionallySelectable, ConstantTimeEq};
use zeroize::Zeroize;

use crate::Error;

/// An integer modulo the ed25519 group order `l`.
///
/// Decoding ([`Scalar::from_canonical_bytes`]) accepts exactly the encodings the reference's
/// `sc_check` accepts (`s < l`); [`Scalar::from_bytes_mod_order`] is the reference's
/// `sc_reduce32`. Equality is constant time.
#[derive(Clone, Copy, Default, PartialEq, Eq, Zeroize)]
pub struct Scalar(pub(crate) DScalar);

/// The length of an encoded scalar.
pub const SCALAR_LEN: usize = 32;

impl Scalar {
    /// Zero.
    pub const ZERO: Scalar = Scalar(DScalar::ZERO);
    /// One.
    pub const ONE: Scalar = Scalar(DScalar::ONE);

    /// Decodes a canonical scalar (reference `sc_check(s) == 0`: `s < l`; zero is accepted).
    ///
    /// # Errors
    /// [`Error::NonCanonicalScalar`] if `s >= l`.
    pub fn from_canonical_bytes(bytes: &[u8; 32]) -> Result<Scalar, Error> {
        Option::<DScalar>::from(DScalar::from_canonical_bytes(*bytes))
            .map(Scalar)
            .ok_or(Error::NonCanonicalScalar)
    }

    /// `int_le(bytes) mod l` (reference `sc_reduce32`).
    #[must_use]
    pub fn from_bytes_mod_order(bytes: [u8; 32]) -> Scalar {
        Scalar(DScalar::from_bytes_mod_order(bytes))
    }

    /// `int_le(bytes) mod l` for 64 bytes (reference `sc_reduce`).
    #[must_use]
    pub fn from_bytes_mod_order_wide(bytes: &[u8; 64]) -> Scalar {
        Scalar(DScalar::from_bytes_mod_order_wide(bytes))
    }

    /// A small integer.
    #[must_use]
    pub fn from_u64(v: u64) -> Scalar {
        Scalar(DScalar::from(v))
    }

    /// The canonical 32-byte little-endian encoding.
    #[must_use]
    pub const fn to_bytes(&self) -> [u8; 32] {
        self.0.to_bytes()
    }

    /// The canonical encoding, borrowed.
    #[must_use]
    pub const fn as_bytes(&self) -> &[u8; 32] {
        self.0.as_bytes()
    }

    /// A uniformly random non-zero scalar (64 random bytes reduced mod `l`, retried on zero,
    /// which happens with probability ~2^-252). Plays the role of the reference's
    /// `random_scalar`; the distribution is uniform on `[1, l)` in both.
    #[must_use]
    pub fn random<R: CryptoRng + ?Sized>(rng: &mut R) -> Scalar {
        let mut wide = [0u8; 64];
        loop {
            rng.fill_bytes(&mut wide);
            let s = DScalar::from_bytes_mod_order_wide(&wide);
            if s != DScalar::ZERO {
                wide.zeroize();
                return Scalar(s);
            }
        }
    }

    /// The multiplicative inverse (`0` maps to `0`). Constant time.
    #[must_use]
    pub fn invert(&self) -> Scalar {
        Scalar(self.0.invert())
    }

    /// True iff the scalar is zero (reference `sc_isnonzero` negated). Constant time.
    #[must_use]
    pub fn is_zero(&self) -> Choice {
        self.0.ct_eq(&DScalar::ZERO)
    }

    /// curve25519-dalek 5 interop for sibling crates (oxen-tx's Bulletproofs work in dalek
    /// directly): wrap a dalek scalar.
    #[must_use]
    pub const fn from_dalek(s: DScalar) -> Scalar {
        Scalar(s)
    }

    /// curve25519-dalek 5 interop for sibling crates: the inner dalek scalar.
    #[must_use]
    pub const fn to_dalek(self) -> DScalar {
        self.0
    }

    /// curve25519-dalek 5 interop for sibling crates: borrow the inner dalek scalar.
    #[must_use]
    pub const fn as_dalek(&self) -> &DScalar {
        &self.0
    }
}

impl fmt::Debug for Scalar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Scalar(")?;
        crate::hex_fmt(f, self.as_bytes())?;
        f.write_str(")")
    }
}

impl ConstantTimeEq for Scalar {
    fn ct_eq(&self, other: &Scalar) -> Choice {
        self.0.ct_eq(&other.0)
    }
}

impl ConditionallySelectable for Scalar {
    fn conditional_select(a: &Scalar, b: &Scalar, choice: Choice) -> Scalar {
        Scalar(DScalar::conditional_select(&a.0, &b.0, choice))
    }
}

macro_rules! scalar_binop {
    ($tr:ident, $m:ident, $tra:ident, $ma:ident, $op:tt) => {
        impl $tr<Scalar> for Scalar {
            type Output = Scalar;
            fn $m(self, rhs: Scalar) -> Scalar {
                Scalar(self.0 $op rhs.0)
            }
        }
        impl $tr<&Scalar> for Scalar {
            type Output = Scalar;
            fn $m(self, rhs: &Scalar) -> Scalar {
                Scalar(self.0 $op rhs.0)
            }
        }
        impl $tr<&Scalar> for &Scalar {
            type Output = Scalar;
            fn $m(self, rhs: &Scalar) -> Scalar {
                Scalar(self.0 $op rhs.0)
            }
        }
        impl $tr<Scalar> for &Scalar {
            type Output = Scalar;
            fn $m(self, rhs: Scalar) -> Scalar {
                Scalar(self.0 $op rhs.0)
            }
        }
        impl $tra<Scalar> for Scalar {
            fn $ma(&mut self, rhs: Scalar) {
                self.0 = self.0 $op rhs.0;
            }
        }
        impl $tra<&Scalar> for Scalar {
            fn $ma(&mut self, rhs: &Scalar) {
                self.0 = self.0 $op rhs.0;
            }
        }
    };
}

scalar_binop!(Add, add, AddAssign, add_assign, +);
scalar_binop!(Sub, sub, SubAssign, sub_assign, -);
scalar_binop!(Mul, mul, MulAssign, mul_assign, *);

impl Neg for Scalar {
    type Output = Scalar;
    fn neg(self) -> Scalar {
        Scalar(-self.0)
    }
}

impl Neg for &Scalar {
    type Output = Scalar;
    fn neg(self) -> Scalar {
        Scalar(-self.0)
    }
}

impl core::iter::Sum for Scalar {
    fn sum<I: Iterator<Item = Scalar>>(iter: I) -> Scalar {
        iter.fold(Scalar::ZERO, |a, b| a + b)
    }
}

impl<'a> core::iter::Sum<&'a Scalar> for Scalar {
    fn sum<I: Iterator<Item = &'a Scalar>>(iter: I) -> Scalar {
        iter.fold(Scalar::ZERO, |a, b| a + b)
    }
}

impl From<u64> for Scalar {
    fn from(v: u64) -> Scalar {
        Scalar::from_u64(v)
    }
}

/// Serialized as the 32-byte canonical encoding; deserialization rejects non-canonical values.
#[cfg(feature = "serde")]
impl serde::Serialize for Scalar {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_bytes().serialize(s)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Scalar {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let bytes = <[u8; 32]>::deserialize(d)?;
        Scalar::from_canonical_bytes(&bytes).map_err(serde::de::Error::custom)
    }
}
