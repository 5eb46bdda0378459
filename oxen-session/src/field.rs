//! The one field computation curve25519-dalek cannot do for us: XEd25519's map from a
//! Montgomery u to an Edwards y, `y = (u − 1)·(u + 1)^(-1)` on **any** 32 bytes (libsession
//! `fe25519_montx_to_edy`), including u on the twist, where no curve point exists and dalek's
//! `MontgomeryPoint::to_edwards` gives up.
//!
//! curve25519-dalek keeps its field arithmetic private, so this computes in
//! [`oxen_crypto::field::FieldElement`] (fiat-crypto's formally verified field, which
//! `oxen-crypto` also uses for its hash-to-point map). Constant time.

use oxen_crypto::field::FieldElement;

/// `y = (u − 1)/(u + 1)` as canonical bytes with the sign bit clear. `u` is read as
/// `fe25519_frombytes` reads it (bit 255 ignored, values `≥ p` reduced). `u = −1` gives `y = 0`
/// (the inverse of 0 is taken as 0, as libsodium's `fe25519_invert` does).
pub(crate) fn montgomery_u_to_edwards_y(u: &[u8; 32]) -> [u8; 32] {
    let u = FieldElement::from_bytes_255(u);
    let y = u
        .sub(&FieldElement::ONE)
        .mul(&u.add(&FieldElement::ONE).invert());
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
