//! The one field computation curve25519-dalek cannot do for us: XEd25519's map from a
//! Montgomery u to an Edwards y, `y = (u − 1)·(u + 1)^(-1)` on **any** 32 bytes (libsession
//! `fe25519_montx_to_edy`), including u on the twist, where no curve point exists and dalek's
//! `MontgomeryPoint::to_edwards` gives up.
//!
//! curve25519-dalek keeps its field arithmetic private, so this computes in
//! [`oxen_crypto::field::FieldElement`] (fiat-crypto's formally verified field, which
//! `oxen-crypto` also uses for its hash-to-point map). Constant time. And the batched form of the
//! same map, which lifts many X25519 public keys with one inversion (dalek's `to_edwards`
//! inverts once per key): multi-recipient encryption's Diffie-Hellmans.

use alloc::vec::Vec;

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

/// `y_i = (u_i − 1)/(u_i + 1)` for every `u_i`, with **one** field inversion for all of them
/// (Montgomery's trick: the running products of the `u_i + 1`, one inversion, then each inverse
/// peeled off with two products): the Edwards y that lifts each X25519 public key, as
/// curve25519-dalek's `MontgomeryPoint::to_edwards` computes it one inversion per key. `None`
/// where `u_i + 1 = 0` (`u = −1`, which has no lift; dalek refuses it too); that skip is the only
/// branch, on public keys.
pub(crate) fn montgomery_u_to_edwards_y_batch(us: &[[u8; 32]]) -> Vec<Option<[u8; 32]>> {
    let denominators: Vec<Option<FieldElement>> = us
        .iter()
        .map(|u| {
            let d = FieldElement::from_bytes_255(u).add(&FieldElement::ONE);
            (!bool::from(d.is_zero())).then_some(d)
        })
        .collect();
    // prefix[i] = the product of the non-zero denominators before i
    let mut prefix = Vec::with_capacity(us.len());
    let mut acc = FieldElement::ONE;
    for d in &denominators {
        prefix.push(acc);
        if let Some(d) = d {
            acc = acc.mul(d);
        }
    }
    let mut inv = acc.invert();
    let mut out = alloc::vec![None; us.len()];
    for (((o, u), d), before) in out.iter_mut().zip(us).zip(&denominators).zip(&prefix).rev() {
        if let Some(d) = d {
            // inv = 1/(product up to and including d): 1/d = inv·before, then drop d from inv
            let d_inv = inv.mul(before);
            inv = inv.mul(d);
            let u = FieldElement::from_bytes_255(u);
            *o = Some(u.sub(&FieldElement::ONE).mul(&d_inv).to_bytes());
        }
    }
    out
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
    fn batch_agrees_with_one_at_a_time_and_skips_minus_one() {
        let mut p_minus_1 = [0xff; 32];
        p_minus_1[0] = 0xec;
        p_minus_1[31] = 0x7f;
        let mut us: Vec<[u8; 32]> = (0u8..40)
            .map(|i| {
                let mut u = [i.wrapping_mul(53).wrapping_add(7); 32];
                u[31] &= if i % 3 == 0 { 0xff } else { 0x7f }; // bit 255 set on some
                u
            })
            .collect();
        us.insert(5, p_minus_1);
        let mut minus_one_hi = p_minus_1;
        minus_one_hi[31] |= 0x80;
        us.push(minus_one_hi);
        us.push([0; 32]);
        let mut p_plus_3 = p_minus_1;
        p_plus_3[0] = 0xf0; // u = p + 3, non-canonical
        us.push(p_plus_3);
        let batch = montgomery_u_to_edwards_y_batch(&us);
        assert_eq!(batch.len(), us.len());
        for (u, y) in us.iter().zip(&batch) {
            let mut low = *u;
            low[31] &= 0x7f;
            if low == p_minus_1 {
                assert_eq!(*y, None);
            } else {
                assert_eq!(*y, Some(montgomery_u_to_edwards_y(u)));
            }
        }
        assert!(montgomery_u_to_edwards_y_batch(&[]).is_empty());
        assert_eq!(montgomery_u_to_edwards_y_batch(&[p_minus_1]), [None]);
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
