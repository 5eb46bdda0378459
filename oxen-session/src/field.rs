//! The one field computation curve25519-dalek cannot do for us: XEd25519's map from a
//! Montgomery u to an Edwards y, `y = (u − 1)·(u + 1)^(-1)` on **any** 32 bytes (libsession
//! `fe25519_montx_to_edy`), including u on the twist, where no curve point exists and dalek's
//! `MontgomeryPoint::to_edwards` gives up.
//!
//! curve25519-dalek keeps its field arithmetic private, so this chains the formally verified
//! `fiat-crypto` `curve25519_64` functions (no limb arithmetic is written here; `oxen-crypto`
//! uses the same crate for its hash-to-point map). Constant time.

use fiat_crypto::curve25519_64::{
    fiat_25519_add, fiat_25519_carry, fiat_25519_carry_mul, fiat_25519_carry_square,
    fiat_25519_from_bytes, fiat_25519_loose_field_element, fiat_25519_relax, fiat_25519_sub,
    fiat_25519_tight_field_element, fiat_25519_to_bytes,
};

/// An element of GF(2^255 − 19) in fiat-crypto's tight representation.
#[derive(Clone, Copy)]
struct Fe(fiat_25519_tight_field_element);

impl Fe {
    const ONE: Fe = Fe(fiat_25519_tight_field_element([1, 0, 0, 0, 0]));

    /// Reads 255 bits little-endian: bit 255 is ignored and values `≥ p` are taken modulo `p`
    /// (`fe25519_frombytes`).
    fn from_bytes(bytes: &[u8; 32]) -> Fe {
        let mut b = *bytes;
        b[31] &= 0x7f;
        let mut out = fiat_25519_tight_field_element([0; 5]);
        fiat_25519_from_bytes(&mut out, &b);
        Fe(out)
    }

    /// Canonical (fully reduced) little-endian encoding (`fe25519_tobytes`).
    fn to_bytes(self) -> [u8; 32] {
        let mut out = [0u8; 32];
        fiat_25519_to_bytes(&mut out, &self.0);
        out
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

    fn mul(&self, rhs: &Fe) -> Fe {
        let mut out = fiat_25519_tight_field_element([0; 5]);
        fiat_25519_carry_mul(&mut out, &self.relax(), &rhs.relax());
        Fe(out)
    }

    fn square(&self) -> Fe {
        let mut out = fiat_25519_tight_field_element([0; 5]);
        fiat_25519_carry_square(&mut out, &self.relax());
        Fe(out)
    }

    fn pow2k(&self, k: u32) -> Fe {
        let mut x = *self;
        for _ in 0..k {
            x = x.square();
        }
        x
    }

    fn add(&self, rhs: &Fe) -> Fe {
        let mut out = fiat_25519_loose_field_element([0; 5]);
        fiat_25519_add(&mut out, &self.0, &rhs.0);
        Fe::carry(&out)
    }

    fn sub(&self, rhs: &Fe) -> Fe {
        let mut out = fiat_25519_loose_field_element([0; 5]);
        fiat_25519_sub(&mut out, &self.0, &rhs.0);
        Fe::carry(&out)
    }

    /// `self^(p−2)` by ref10's addition chain: the inverse, with 0 mapped to 0
    /// (`fe25519_invert`).
    fn invert(&self) -> Fe {
        let t0 = self.square(); // 2
        let t1 = t0.square().square(); // 8
        let t2 = self.mul(&t1); // 9
        let t3 = t0.mul(&t2); // 11
        let t4 = t3.square(); // 22
        let t5 = t2.mul(&t4); // 2^5 − 1
        let t7 = t5.pow2k(5).mul(&t5); // 2^10 − 1
        let t9 = t7.pow2k(10).mul(&t7); // 2^20 − 1
        let t11 = t9.pow2k(20).mul(&t9); // 2^40 − 1
        let t13 = t11.pow2k(10).mul(&t7); // 2^50 − 1
        let t15 = t13.pow2k(50).mul(&t13); // 2^100 − 1
        let t17 = t15.pow2k(100).mul(&t15); // 2^200 − 1
        let t19 = t17.pow2k(50).mul(&t13); // 2^250 − 1
        // p − 2 = (2^250 − 1)·2^5 + 11
        t19.pow2k(5).mul(&t3)
    }
}

/// `y = (u − 1)/(u + 1)` as canonical bytes with the sign bit clear. `u = −1` gives `y = 0`
/// (the inverse of 0 is taken as 0, as libsodium's `fe25519_invert` does).
pub(crate) fn montgomery_u_to_edwards_y(u: &[u8; 32]) -> [u8; 32] {
    let u = Fe::from_bytes(u);
    let y = u.sub(&Fe::ONE).mul(&u.add(&Fe::ONE).invert());
    y.to_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use curve25519_dalek::montgomery::MontgomeryPoint;

    #[test]
    fn agrees_with_dalek_where_a_point_exists() {
        // dalek's to_edwards(0) decompresses the same y; compare where it succeeds
        let mut on_curve = 0;
        for i in 0u8..64 {
            let mut u = [i.wrapping_mul(37).wrapping_add(3); 32];
            u[31] &= 0x7f;
            let y = montgomery_u_to_edwards_y(&u);
            if let Some(p) = MontgomeryPoint(u).to_edwards(0) {
                on_curve += 1;
                assert_eq!(p.compress().to_bytes(), y);
            }
        }
        assert!(on_curve > 10);
    }

    #[test]
    fn exceptional_values() {
        // u = 0 -> y = -1 = p - 1
        let mut p_minus_1 = [0xff; 32];
        p_minus_1[0] = 0xec;
        p_minus_1[31] = 0x7f;
        assert_eq!(montgomery_u_to_edwards_y(&[0; 32]), p_minus_1);
        // u = -1 -> (u + 1) = 0 -> y = 0
        assert_eq!(montgomery_u_to_edwards_y(&p_minus_1), [0; 32]);
        // u = p + 1 (non-canonical 1) -> y = 0; bit 255 is ignored
        let mut p_plus_1 = p_minus_1;
        p_plus_1[0] = 0xee;
        let mut one = [0; 32];
        one[0] = 1;
        assert_eq!(
            montgomery_u_to_edwards_y(&p_plus_1),
            montgomery_u_to_edwards_y(&one)
        );
        let mut one_hi = one;
        one_hi[31] |= 0x80;
        assert_eq!(
            montgomery_u_to_edwards_y(&one_hi),
            montgomery_u_to_edwards_y(&one)
        );
    }
}
