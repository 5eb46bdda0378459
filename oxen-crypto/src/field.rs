//! [`FieldElement`]: GF(2^255 - 19), the field of Curve25519 and Ed25519, on the formally
//! verified `fiat-crypto` curve25519 arithmetic (crate `fiat-crypto`, module `curve25519_64`).
//!
//! curve25519-dalek keeps its field arithmetic private, so the computations that need the field
//! itself (this crate's hash-to-point map, [`crate::hash_to_point`], and oxen-session's XEd25519
//! map from a Montgomery `u` to an Edwards `y`, which must work on every 32 bytes, including `u`
//! on the twist where dalek's `MontgomeryPoint::to_edwards` gives up) use this type and hand
//! their result to dalek as bytes. No limb arithmetic is written here: every operation is one
//! fiat-crypto function; this module only chains them (the exponentiations are ref10's addition
//! chains) and adds constant-time selection and comparison.
//!
//! Every operation is constant time. The type is nevertheless a public-value type (`Copy`, not
//! zeroized, `Debug` prints its hex): its users feed it hashes and public keys.
//!
//! ```
//! use oxen_crypto::field::FieldElement;
//!
//! // XEd25519's map y = (u - 1) / (u + 1): the Montgomery base point u = 9 gives the y of the
//! // Ed25519 base point (4/5).
//! let u = FieldElement::from_u64(9);
//! let y = u.sub(&FieldElement::ONE).mul(&u.add(&FieldElement::ONE).invert());
//! assert_eq!(y, FieldElement::from_u64(4).mul(&FieldElement::from_u64(5).invert()));
//! assert_eq!(y.to_bytes()[..2], [0x58, 0x66]);
//! ```

use core::fmt;

use fiat_crypto::curve25519_64::{
    fiat_25519_add, fiat_25519_carry, fiat_25519_carry_mul, fiat_25519_carry_square,
    fiat_25519_from_bytes, fiat_25519_loose_field_element, fiat_25519_opp, fiat_25519_relax,
    fiat_25519_selectznz, fiat_25519_sub, fiat_25519_tight_field_element, fiat_25519_to_bytes,
};
use subtle::{Choice, ConditionallySelectable, ConstantTimeEq};

/// An element of GF(2^255 - 19) (`p = 2^255 - 19`), held in fiat-crypto's tight representation.
///
/// Equality ([`PartialEq`], [`ConstantTimeEq`]) compares the canonical encodings, in constant
/// time.
#[derive(Clone, Copy)]
pub struct FieldElement(fiat_25519_tight_field_element);

impl FieldElement {
    /// One.
    pub const ONE: FieldElement = FieldElement(fiat_25519_tight_field_element([1, 0, 0, 0, 0]));

    /// Reads 32 bytes little-endian with the 255-bit rule of ref10 and libsodium
    /// (`fe25519_frombytes`): bit 255 is ignored, and the values `p ..= 2^255 - 1` (the
    /// non-canonical encodings of `0 ..= 18`) are accepted and taken modulo `p`. Never fails.
    #[must_use]
    pub fn from_bytes_255(bytes: &[u8; 32]) -> FieldElement {
        let mut b = *bytes;
        b[31] &= 0x7f;
        let mut out = fiat_25519_tight_field_element([0; 5]);
        fiat_25519_from_bytes(&mut out, &b);
        FieldElement(out)
    }

    /// The canonical (fully reduced, `< p`) little-endian encoding; bit 255 is clear
    /// (`fe25519_tobytes`).
    #[must_use]
    pub fn to_bytes(self) -> [u8; 32] {
        let mut out = [0u8; 32];
        fiat_25519_to_bytes(&mut out, &self.0);
        out
    }

    /// The element `v`.
    #[must_use]
    pub const fn from_u64(v: u64) -> FieldElement {
        // 51-bit limbs: any value below 2^51 fits in the first limb.
        FieldElement(fiat_25519_tight_field_element([
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

    fn carry(loose: &fiat_25519_loose_field_element) -> FieldElement {
        let mut out = fiat_25519_tight_field_element([0; 5]);
        fiat_25519_carry(&mut out, loose);
        FieldElement(out)
    }

    /// `self · rhs`.
    #[must_use]
    pub fn mul(&self, rhs: &FieldElement) -> FieldElement {
        let mut out = fiat_25519_tight_field_element([0; 5]);
        fiat_25519_carry_mul(&mut out, &self.relax(), &rhs.relax());
        FieldElement(out)
    }

    /// `self²`.
    #[must_use]
    pub fn square(&self) -> FieldElement {
        let mut out = fiat_25519_tight_field_element([0; 5]);
        fiat_25519_carry_square(&mut out, &self.relax());
        FieldElement(out)
    }

    /// `self^(2^k)`.
    fn pow2k(&self, k: u32) -> FieldElement {
        let mut x = *self;
        for _ in 0..k {
            x = x.square();
        }
        x
    }

    /// `self + rhs`.
    #[must_use]
    pub fn add(&self, rhs: &FieldElement) -> FieldElement {
        let mut out = fiat_25519_loose_field_element([0; 5]);
        fiat_25519_add(&mut out, &self.0, &rhs.0);
        FieldElement::carry(&out)
    }

    /// `self − rhs`.
    #[must_use]
    pub fn sub(&self, rhs: &FieldElement) -> FieldElement {
        let mut out = fiat_25519_loose_field_element([0; 5]);
        fiat_25519_sub(&mut out, &self.0, &rhs.0);
        FieldElement::carry(&out)
    }

    /// `−self`.
    #[must_use]
    pub fn neg(&self) -> FieldElement {
        let mut out = fiat_25519_loose_field_element([0; 5]);
        fiat_25519_opp(&mut out, &self.0);
        FieldElement::carry(&out)
    }

    /// Constant-time: `a` if `choice` is 0, `b` if it is 1 (as [`ConditionallySelectable`]).
    pub(crate) fn select(a: &FieldElement, b: &FieldElement, choice: Choice) -> FieldElement {
        let mut out = [0u64; 5];
        fiat_25519_selectznz(&mut out, choice.unwrap_u8(), &a.0.0, &b.0.0);
        FieldElement(fiat_25519_tight_field_element(out))
    }

    /// True iff the element is 0 (any encoding of it). Constant time.
    #[must_use]
    pub fn is_zero(&self) -> Choice {
        self.to_bytes().ct_eq(&[0u8; 32])
    }

    /// `self^((p-5)/8) = self^(2^252 - 3)`, the square-root building block, by ref10's addition
    /// chain (`fe_pow22523`).
    #[must_use]
    pub fn pow_p58(&self) -> FieldElement {
        let (t19, _) = self.pow22501();
        // 2^252 - 3 = (2^250 - 1) * 4 + 1
        t19.pow2k(2).mul(self)
    }

    /// Returns `(self^(2^250 - 1), self^11)`.
    fn pow22501(&self) -> (FieldElement, FieldElement) {
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

    /// `self^(p-2)` by ref10's addition chain: the inverse, with 0 mapped to 0 (as
    /// `fe25519_invert`).
    #[must_use]
    pub fn invert(&self) -> FieldElement {
        let (t19, t3) = self.pow22501();
        // p - 2 = (2^250 - 1) * 2^5 + 11
        t19.pow2k(5).mul(&t3)
    }
}

impl ConstantTimeEq for FieldElement {
    fn ct_eq(&self, other: &FieldElement) -> Choice {
        self.to_bytes().ct_eq(&other.to_bytes())
    }
}

/// Constant-time equality of the canonical encodings.
impl PartialEq for FieldElement {
    fn eq(&self, other: &FieldElement) -> bool {
        self.ct_eq(other).into()
    }
}
impl Eq for FieldElement {}

impl ConditionallySelectable for FieldElement {
    fn conditional_select(a: &FieldElement, b: &FieldElement, choice: Choice) -> FieldElement {
        FieldElement::select(a, b, choice)
    }
}

/// `FieldElement(<canonical encoding, hex>)`.
impl fmt::Debug for FieldElement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("FieldElement(")?;
        crate::hex_fmt(f, &self.to_bytes())?;
        f.write_str(")")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inverse_and_pow() {
        let x = FieldElement::from_u64(123_456_789);
        assert_eq!(x.mul(&x.invert()).to_bytes(), FieldElement::ONE.to_bytes());
        // (x^((p-5)/8))^8 * x^5 == x^(p-1)... == x^4 * x^(p-5) * x = 1 * x^... check x^(p-1) = 1
        let e = x.pow_p58();
        let e8 = e.square().square().square();
        let x5 = x.square().square().mul(&x);
        // x^(p-5) * x^5 = x^p = x
        assert_eq!(e8.mul(&x5).to_bytes(), x.to_bytes());
        assert_eq!(
            FieldElement::from_u64(5)
                .sub(&FieldElement::from_u64(7))
                .add(&FieldElement::from_u64(2))
                .to_bytes(),
            [0; 32]
        );
        assert_eq!(
            FieldElement::from_u64(9)
                .neg()
                .add(&FieldElement::from_u64(9))
                .is_zero()
                .unwrap_u8(),
            1
        );
    }

    /// `p − 1` little-endian.
    const P_MINUS_1: [u8; 32] = {
        let mut b = [0xff; 32];
        b[0] = 0xec;
        b[31] = 0x7f;
        b
    };

    #[test]
    fn decoding_follows_the_255_bit_rule() {
        let one = FieldElement::from_u64(1);
        let mut b = [0u8; 32];
        b[0] = 1;
        assert_eq!(FieldElement::from_bytes_255(&b), one);
        // bit 255 is ignored
        b[31] |= 0x80;
        assert_eq!(FieldElement::from_bytes_255(&b), one);
        // p and p + 1 (non-canonical) are 0 and 1; p − 1 is −1
        let mut p = P_MINUS_1;
        p[0] = 0xed;
        assert!(bool::from(FieldElement::from_bytes_255(&p).is_zero()));
        assert_eq!(FieldElement::from_bytes_255(&p).to_bytes(), [0; 32]);
        p[0] = 0xee;
        assert_eq!(FieldElement::from_bytes_255(&p), one);
        assert_eq!(FieldElement::from_bytes_255(&p).to_bytes(), one.to_bytes());
        assert_eq!(FieldElement::from_bytes_255(&P_MINUS_1), one.neg());
        // 2^255 − 1 (all ones) is 18, encoded canonically
        assert_eq!(
            FieldElement::from_bytes_255(&[0xff; 32]).to_bytes(),
            FieldElement::from_u64(18).to_bytes()
        );
        // canonical values round-trip
        assert_eq!(
            FieldElement::from_bytes_255(&P_MINUS_1).to_bytes(),
            P_MINUS_1
        );
    }

    #[test]
    fn zero_inverts_to_zero_and_large_constants_load() {
        let zero = FieldElement::from_u64(0);
        assert!(bool::from(zero.invert().is_zero()));
        assert!(!bool::from(FieldElement::ONE.is_zero()));
        // from_u64 splits values of 51 bits and more across limbs
        let big = FieldElement::from_u64(u64::MAX);
        let mut want = [0u8; 32];
        want[..8].copy_from_slice(&u64::MAX.to_le_bytes());
        assert_eq!(big.to_bytes(), want);
        assert_eq!(big.mul(&big.invert()), FieldElement::ONE);
        assert_ne!(big, FieldElement::ONE);
    }

    #[test]
    fn selection_and_debug() {
        let (a, b) = (FieldElement::from_u64(2), FieldElement::from_u64(3));
        assert_eq!(FieldElement::conditional_select(&a, &b, Choice::from(0)), a);
        assert_eq!(FieldElement::conditional_select(&a, &b, Choice::from(1)), b);
        assert_eq!(
            alloc::format!("{:?}", FieldElement::ONE),
            alloc::format!("FieldElement(01{})", "00".repeat(31))
        );
    }
}
