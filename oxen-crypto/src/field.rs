//! A thin wrapper over the formally verified `fiat-crypto` curve25519 field (crate `fiat-crypto`,
//! module `curve25519_64`), used only by [`crate::hash_to_point`].
//!
//! curve25519-dalek keeps its field arithmetic private, so the oxen-core map to the curve
//! (`ge_fromfe_frombytes_vartime`) computes in this field and hands its result to dalek through
//! the public compressed-point API. No limb arithmetic is written here: every operation is one
//! fiat-crypto function; this module only chains them and adds constant-time selection.

use fiat_crypto::curve25519_64::{
    fiat_25519_add, fiat_25519_carry, fiat_25519_carry_mul, fiat_25519_carry_square,
    fiat_25519_from_bytes, fiat_25519_loose_field_element, fiat_25519_opp, fiat_25519_relax,
    fiat_25519_selectznz, fiat_25519_sub, fiat_25519_tight_field_element, fiat_25519_to_bytes,
};
use subtle::{Choice, ConditionallySelectable, ConstantTimeEq};

/// An element of GF(2^255 - 19) in fiat-crypto's tight representation.
#[derive(Clone, Copy)]
pub(crate) struct Fe(fiat_25519_tight_field_element);

impl Fe {
    pub(crate) const ONE: Fe = Fe(fiat_25519_tight_field_element([1, 0, 0, 0, 0]));

    /// Reads 255 bits little-endian (bit 255 must be clear; callers mask it).
    pub(crate) fn from_bytes_255(bytes: &[u8; 32]) -> Fe {
        let mut b = *bytes;
        b[31] &= 0x7f;
        let mut out = fiat_25519_tight_field_element([0; 5]);
        fiat_25519_from_bytes(&mut out, &b);
        Fe(out)
    }

    /// Canonical (fully reduced) little-endian encoding.
    pub(crate) fn to_bytes(self) -> [u8; 32] {
        let mut out = [0u8; 32];
        fiat_25519_to_bytes(&mut out, &self.0);
        out
    }

    /// A small constant.
    pub(crate) const fn from_u64(v: u64) -> Fe {
        // 51-bit limbs: any value below 2^51 fits in the first limb.
        Fe(fiat_25519_tight_field_element([
            v & ((1 << 51) - 1),
            v >> 51,
            0,
            0,
            0,
        ]))
    }

    fn relax(&self) -> fiat_25519_loose_field_element {
        let mut out = fiat_25519_loose_field_element([0; 5]);
        fiat_25519_relax(&mut out, &self.0);
        out
    }

    fn carry(loose: &fiat_25519_loose_field_element) -> Fe {
        let mut out = fiat_25519_tight_field_element([0; 5]);
        fiat_25519_carry(&mut out, loose);
        Fe(out)
    }

    pub(crate) fn mul(&self, rhs: &Fe) -> Fe {
        let mut out = fiat_25519_tight_field_element([0; 5]);
        fiat_25519_carry_mul(&mut out, &self.relax(), &rhs.relax());
        Fe(out)
    }

    pub(crate) fn square(&self) -> Fe {
        let mut out = fiat_25519_tight_field_element([0; 5]);
        fiat_25519_carry_square(&mut out, &self.relax());
        Fe(out)
    }

    /// `self^(2^k)`.
    fn pow2k(&self, k: u32) -> Fe {
        let mut x = *self;
        for _ in 0..k {
            x = x.square();
        }
        x
    }

    pub(crate) fn add(&self, rhs: &Fe) -> Fe {
        let mut out = fiat_25519_loose_field_element([0; 5]);
        fiat_25519_add(&mut out, &self.0, &rhs.0);
        Fe::carry(&out)
    }

    pub(crate) fn sub(&self, rhs: &Fe) -> Fe {
        let mut out = fiat_25519_loose_field_element([0; 5]);
        fiat_25519_sub(&mut out, &self.0, &rhs.0);
        Fe::carry(&out)
    }

    pub(crate) fn neg(&self) -> Fe {
        let mut out = fiat_25519_loose_field_element([0; 5]);
        fiat_25519_opp(&mut out, &self.0);
        Fe::carry(&out)
    }

    /// Constant-time: `a` if `choice` is 0, `b` if it is 1.
    pub(crate) fn select(a: &Fe, b: &Fe, choice: Choice) -> Fe {
        let mut out = [0u64; 5];
        fiat_25519_selectznz(&mut out, choice.unwrap_u8(), &a.0.0, &b.0.0);
        Fe(fiat_25519_tight_field_element(out))
    }

    pub(crate) fn is_zero(&self) -> Choice {
        self.to_bytes().ct_eq(&[0u8; 32])
    }

    /// `self^((p-5)/8) = self^(2^252 - 3)`, the usual addition chain (as ref10's `fe_pow22523`).
    pub(crate) fn pow_p58(&self) -> Fe {
        let (t19, _) = self.pow22501();
        // 2^252 - 3 = (2^250 - 1) * 4 + 1
        t19.pow2k(2).mul(self)
    }

    /// Returns `(self^(2^250 - 1), self^11)`.
    fn pow22501(&self) -> (Fe, Fe) {
        let t0 = self.square(); // 2
        let t1 = t0.square().square(); // 8
        let t2 = self.mul(&t1); // 9
        let t3 = t0.mul(&t2); // 11
        let t4 = t3.square(); // 22
        let t5 = t2.mul(&t4); // 31 = 2^5 - 1
        let t6 = t5.pow2k(5); // 2^10 - 2^5
        let t7 = t6.mul(&t5); // 2^10 - 1
        let t8 = t7.pow2k(10);
        let t9 = t8.mul(&t7); // 2^20 - 1
        let t10 = t9.pow2k(20);
        let t11 = t10.mul(&t9); // 2^40 - 1
        let t12 = t11.pow2k(10);
        let t13 = t12.mul(&t7); // 2^50 - 1
        let t14 = t13.pow2k(50);
        let t15 = t14.mul(&t13); // 2^100 - 1
        let t16 = t15.pow2k(100);
        let t17 = t16.mul(&t15); // 2^200 - 1
        let t18 = t17.pow2k(50);
        let t19 = t18.mul(&t13); // 2^250 - 1
        (t19, t3)
    }

    /// `self^(p-2)`, i.e. the inverse (0 maps to 0).
    pub(crate) fn invert(&self) -> Fe {
        let (t19, t3) = self.pow22501();
        // p - 2 = (2^250 - 1) * 2^5 + 11
        t19.pow2k(5).mul(&t3)
    }
}

impl ConstantTimeEq for Fe {
    fn ct_eq(&self, other: &Fe) -> Choice {
        self.to_bytes().ct_eq(&other.to_bytes())
    }
}

impl ConditionallySelectable for Fe {
    fn conditional_select(a: &Fe, b: &Fe, choice: Choice) -> Fe {
        Fe::select(a, b, choice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inverse_and_pow() {
        let x = Fe::from_u64(123_456_789);
        assert_eq!(x.mul(&x.invert()).to_bytes(), Fe::ONE.to_bytes());
        // (x^((p-5)/8))^8 * x^5 == x^(p-1)... == x^4 * x^(p-5) * x = 1 * x^... check x^(p-1) = 1
        let e = x.pow_p58();
        let e8 = e.square().square().square();
        let x5 = x.square().square().mul(&x);
        // x^(p-5) * x^5 = x^p = x
        assert_eq!(e8.mul(&x5).to_bytes(), x.to_bytes());
        assert_eq!(
            Fe::from_u64(5)
                .sub(&Fe::from_u64(7))
                .add(&Fe::from_u64(2))
                .to_bytes(),
            [0; 32]
        );
        assert_eq!(
            Fe::from_u64(9)
                .neg()
                .add(&Fe::from_u64(9))
                .is_zero()
                .unwrap_u8(),
            1
        );
    }
}
