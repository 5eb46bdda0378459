//! Scalars mod `l` in Montgomery form, for the verifier's per-proof arithmetic.
//!
//! The verifier computes about 400 products and as many sums per proof (the generator
//! coefficients of [`super::notes`]). dalek's `Scalar` stores 32 packed bytes, so each of its
//! products unpacks both operands, runs two Montgomery reductions (one to multiply, one to leave
//! the Montgomery domain) and packs the result; each sum unpacks and packs. [`Mont`] keeps the
//! value as four 64-bit limbs in the Montgomery domain, so a product is one Montgomery
//! multiplication and a sum is four additions with one conditional subtraction. The arithmetic
//! is fiat-crypto's formally verified `curve25519_scalar_64` (the crate already provides
//! oxen-crypto's field arithmetic); this module only converts at the edges.
//!
//! Values enter with [`Mont::from_scalar`] (one multiplication by `R²`) and leave with
//! [`Mont::to_scalar`] (one reduction); both take and give fully reduced values, so the
//! conversion is exact. Public data only: nothing here needs to be constant time (and fiat's
//! code is constant time anyway).

use core::ops::{Add, AddAssign, Mul, MulAssign, Neg, Sub};

use curve25519_dalek::scalar::Scalar;
use fiat_crypto::curve25519_scalar_64::{
    fiat_25519_scalar_add, fiat_25519_scalar_from_bytes, fiat_25519_scalar_from_montgomery,
    fiat_25519_scalar_montgomery_domain_field_element as MontLimbs, fiat_25519_scalar_mul,
    fiat_25519_scalar_non_montgomery_domain_field_element as PlainLimbs, fiat_25519_scalar_opp,
    fiat_25519_scalar_set_one, fiat_25519_scalar_square, fiat_25519_scalar_sub,
    fiat_25519_scalar_to_bytes, fiat_25519_scalar_to_montgomery,
};

/// A scalar mod `l` in Montgomery form (`x·2^256 mod l`, four 64-bit limbs, fully reduced).
#[derive(Clone, Copy)]
pub(super) struct Mont(MontLimbs);

impl Mont {
    /// Zero (zero in the Montgomery domain too).
    pub(super) const ZERO: Mont = Mont(MontLimbs([0; 4]));

    /// One.
    pub(super) fn one() -> Mont {
        let mut out = MontLimbs([0; 4]);
        fiat_25519_scalar_set_one(&mut out);
        Mont(out)
    }

    /// Converts a (reduced, as every dalek `Scalar` is) scalar.
    pub(super) fn from_scalar(s: &Scalar) -> Mont {
        let mut limbs = [0u64; 4];
        // A reduced scalar is below l < 2^253: within from_bytes' input bound (top byte ≤ 0x1f).
        fiat_25519_scalar_from_bytes(&mut limbs, s.as_bytes());
        let mut out = MontLimbs([0; 4]);
        fiat_25519_scalar_to_montgomery(&mut out, &PlainLimbs(limbs));
        Mont(out)
    }

    /// Converts `n` (`n < 2^64 < l`).
    pub(super) fn from_u64(n: u64) -> Mont {
        Mont::from_scalar(&Scalar::from(n))
    }

    /// Converts back to a dalek `Scalar`.
    pub(super) fn to_scalar(self) -> Scalar {
        let mut plain = PlainLimbs([0; 4]);
        fiat_25519_scalar_from_montgomery(&mut plain, &self.0);
        let mut bytes = [0u8; 32];
        fiat_25519_scalar_to_bytes(&mut bytes, &plain.0);
        // Already below l (fiat's postcondition); the reduction leaves it unchanged.
        Scalar::from_bytes_mod_order(bytes)
    }

    /// `self²`.
    pub(super) fn square(self) -> Mont {
        let mut out = MontLimbs([0; 4]);
        fiat_25519_scalar_square(&mut out, &self.0);
        Mont(out)
    }

    /// `self + self`.
    pub(super) fn double(self) -> Mont {
        self + self
    }
}

/// `impl $trait for Mont` through the fiat function `$f(out, a, b)`.
macro_rules! binary_op {
    ($trait:ident, $method:ident, $f:ident) => {
        impl $trait for Mont {
            type Output = Mont;
            fn $method(self, rhs: Mont) -> Mont {
                let mut out = MontLimbs([0; 4]);
                $f(&mut out, &self.0, &rhs.0);
                Mont(out)
            }
        }
    };
}

binary_op!(Add, add, fiat_25519_scalar_add);
binary_op!(Sub, sub, fiat_25519_scalar_sub);
binary_op!(Mul, mul, fiat_25519_scalar_mul);

impl AddAssign for Mont {
    fn add_assign(&mut self, rhs: Mont) {
        *self = *self + rhs;
    }
}

impl MulAssign for Mont {
    fn mul_assign(&mut self, rhs: Mont) {
        *self = *self * rhs;
    }
}

impl Neg for Mont {
    type Output = Mont;
    fn neg(self) -> Mont {
        let mut out = MontLimbs([0; 4]);
        fiat_25519_scalar_opp(&mut out, &self.0);
        Mont(out)
    }
}

#[cfg(test)]
mod tests {
    use super::Mont;
    use curve25519_dalek::scalar::Scalar;
    use proptest::prelude::*;

    fn scalar(bytes: [u8; 32]) -> Scalar {
        Scalar::from_bytes_mod_order(bytes)
    }

    proptest! {
        /// Every operation agrees with dalek's `Scalar` arithmetic, and the round trip is exact.
        #[test]
        fn agrees_with_dalek(a in any::<[u8; 32]>(), b in any::<[u8; 32]>()) {
            let (a, b) = (scalar(a), scalar(b));
            let (ma, mb) = (Mont::from_scalar(&a), Mont::from_scalar(&b));
            prop_assert_eq!(ma.to_scalar(), a);
            prop_assert_eq!((ma + mb).to_scalar(), a + b);
            prop_assert_eq!((ma - mb).to_scalar(), a - b);
            prop_assert_eq!((ma * mb).to_scalar(), a * b);
            prop_assert_eq!((-ma).to_scalar(), -a);
            prop_assert_eq!(ma.square().to_scalar(), a * a);
            prop_assert_eq!(ma.double().to_scalar(), a + a);
        }
    }

    #[test]
    fn constants_and_edges() {
        assert_eq!(Mont::ZERO.to_scalar(), Scalar::ZERO);
        assert_eq!(Mont::one().to_scalar(), Scalar::ONE);
        assert_eq!(Mont::from_u64(u64::MAX).to_scalar(), Scalar::from(u64::MAX));
        // l - 1 (the largest reduced scalar) survives the round trip and wraps as it should.
        let minus_one = -Scalar::ONE;
        let m = Mont::from_scalar(&minus_one);
        assert_eq!(m.to_scalar(), minus_one);
        assert_eq!((m + Mont::one()).to_scalar(), Scalar::ZERO);
        assert_eq!((Mont::ZERO - Mont::one()).to_scalar(), minus_one);
    }
}
