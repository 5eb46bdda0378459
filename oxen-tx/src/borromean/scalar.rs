//! How the reference reads an unchecked 32-byte `s0[i]`/`s1[i]`: as the scalar its
//! `ge_double_scalarmult_base_vartime` actually multiplies `G` by.
//!
//! ref10's `slide` recodes all 256 bits into signed odd digits `r[j]` in `[-15, 15]`; when it
//! borrows (`r[j] -= 2^b` and a carry into the bits above), the carry runs up to the first zero
//! bit, and is silently dropped if every bit up to 255 is one. The multiplied scalar is then
//! `s - 2^256`, not `s`. A carry can reach bit 256 only if bit 255 is set (the value above the
//! current digit stays below `2^256` otherwise), so values `< 2^255`, which include every
//! non-reduced `s + k·l` an honest prover could publish, act as `s mod l`. This matches
//! monero-oxide's `UnreducedScalar::ref10_slide_scalar_vartime` (monero-project/monero#8438).

use curve25519_dalek::scalar::Scalar;

/// Number of bit positions `slide` recodes.
const SLIDE_BITS: usize = 256;

/// Widest window `slide` folds into one digit (`b <= 6`, digits up to 15 in magnitude).
const SLIDE_MAX_SHIFT: usize = 6;

/// ref10 `slide(r, a)`: the signed digits, and whether a carry out of bit 255 was dropped.
/// Variable time (public data only).
#[allow(clippy::indexing_slicing)] // fixed-size arrays; every index is checked `< SLIDE_BITS`
pub(super) fn slide(a: &[u8; 32]) -> ([i8; SLIDE_BITS], bool) {
    let mut r = [0i8; SLIDE_BITS];
    for (j, digit) in r.iter_mut().enumerate() {
        *digit = i8::from((a[j >> 3] >> (j & 7)) & 1 == 1);
    }
    let mut dropped = false;
    for i in 0..SLIDE_BITS {
        if r[i] == 0 {
            continue;
        }
        for b in 1..=SLIDE_MAX_SHIFT {
            if i + b >= SLIDE_BITS {
                break;
            }
            if r[i + b] == 0 {
                continue;
            }
            // Positions above `i` still hold 0/1 bits, so `r[i + b] << b` is `2^b` (<= 64).
            let step = r[i + b] << b;
            if r[i] + step <= 15 {
                r[i] += step;
                r[i + b] = 0;
            } else if r[i] - step >= -15 {
                r[i] -= step;
                // Carry into the first zero bit at or above i + b.
                let mut k = i + b;
                loop {
                    if k == SLIDE_BITS {
                        dropped = true;
                        break;
                    }
                    if r[k] == 0 {
                        r[k] = 1;
                        break;
                    }
                    r[k] = 0;
                    k += 1;
                }
            } else {
                break;
            }
        }
    }
    (r, dropped)
}

/// `2^256 mod l`.
fn two_pow_256() -> Scalar {
    let mut wide = [0u8; 64];
    if let Some(byte) = wide.get_mut(32) {
        *byte = 1;
    }
    Scalar::from_bytes_mod_order_wide(&wide)
}

/// The scalar (mod `l`) that the reference multiplies `G` by for the raw 32 bytes `s`:
/// `s mod l`, or `(s - 2^256) mod l` when `slide` drops the top carry (only possible with bit
/// 255 set). Variable time (public data only).
pub(super) fn effective_scalar(s: &[u8; 32]) -> Scalar {
    let reduced = Scalar::from_bytes_mod_order(*s);
    if s[31] & 0x80 == 0 {
        return reduced;
    }
    let (_, dropped) = slide(s);
    if dropped {
        reduced - two_pow_256()
    } else {
        reduced
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `sum r[j]·2^j mod l`: what the reference's double-and-add computes with the digits.
    fn digits_value(r: &[i8; SLIDE_BITS]) -> Scalar {
        let two = Scalar::from(2u64);
        r.iter().rev().fold(Scalar::ZERO, |acc, &d| {
            let digit = Scalar::from(u64::from(d.unsigned_abs()));
            let acc = acc * two;
            if d < 0 { acc - digit } else { acc + digit }
        })
    }

    #[test]
    fn all_ones_drops_the_carry() {
        // 2^256 - 1 recodes to -1: the carry out of bit 255 is lost.
        let (r, dropped) = slide(&[0xff; 32]);
        assert!(dropped);
        assert_eq!(digits_value(&r), -Scalar::ONE);
        assert_eq!(effective_scalar(&[0xff; 32]), -Scalar::ONE);
    }

    #[test]
    fn below_2_255_is_the_plain_value() {
        let mut s = [0xff; 32];
        s[31] = 0x7f;
        let (r, dropped) = slide(&s);
        assert!(!dropped);
        assert_eq!(digits_value(&r), Scalar::from_bytes_mod_order(s));
        assert_eq!(effective_scalar(&s), Scalar::from_bytes_mod_order(s));
    }

    #[test]
    fn top_bit_alone_keeps_its_value() {
        let mut s = [0u8; 32];
        s[31] = 0x80;
        let (r, dropped) = slide(&s);
        assert!(!dropped);
        assert_eq!(effective_scalar(&s), Scalar::from_bytes_mod_order(s));
        assert_eq!(digits_value(&r), Scalar::from_bytes_mod_order(s));
    }

    proptest! {
        /// The digits always sum to the effective scalar, and a carry is dropped only with bit
        /// 255 set.
        #[test]
        fn digits_match_effective_scalar(s in any::<[u8; 32]>(), top in any::<bool>()) {
            let mut s = s;
            if top { s[31] |= 0x80 } else { s[31] &= 0x7f }
            let (r, dropped) = slide(&s);
            prop_assert!(top || !dropped);
            prop_assert_eq!(digits_value(&r), effective_scalar(&s));
            prop_assert!(r.iter().all(|d| (-15..=15).contains(d)));
        }
    }
}
