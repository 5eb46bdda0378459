//! Fuzzer-chosen edits of 32-byte fields (scalars and points) of a valid object. Each edit
//! names a slot (taken modulo the number of slots) and does something a hostile encoder could:
//! flip a bit, add a small-order point, encode a scalar or a field element non-canonically,
//! swap two fields, replace one by the identity, zero or another valid point.

use dalek4::constants::{ED25519_BASEPOINT_POINT, EIGHT_TORSION};
use dalek4::edwards::CompressedEdwardsY;
use dalek4::scalar::Scalar;
use libfuzzer_sys::arbitrary::{self, Arbitrary};

/// `l`, the prime order of the base point, little-endian.
pub const L_BYTES: [u8; 32] = [
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
];
/// The identity's canonical encoding.
pub const IDENTITY: [u8; 32] = {
    let mut b = [0u8; 32];
    b[0] = 1;
    b
};

/// One edit of one field.
#[derive(Arbitrary, Clone, Debug)]
pub enum Edit {
    /// Flip one bit.
    FlipBit { slot: u8, bit: u8 },
    /// Overwrite with fuzzer bytes.
    Set { slot: u8, bytes: [u8; 32] },
    /// Add the small-order point `EIGHT_TORSION[k % 8]` (if the field decodes as a point).
    AddTorsion { slot: u8, k: u8 },
    /// Add `l` as an integer (a non-canonical encoding of the same scalar).
    AddOrder { slot: u8 },
    /// Replace `y` by `y + p` when `y < 19` (a non-canonical encoding of the same point).
    AddFieldPrime { slot: u8 },
    /// Flip the sign bit (negates a point with `x != 0`; `-0` for `x == 0`).
    Negate { slot: u8 },
    /// The identity point.
    Identity { slot: u8 },
    /// All zero (scalar 0; the point `y = 0` of order 4).
    Zero { slot: u8 },
    /// Another valid point `seed * G`.
    RandomPoint { slot: u8, seed: u64 },
    /// Exchange two fields.
    Swap { a: u8, b: u8 },
}

fn idx(slot: u8, n: usize) -> usize {
    usize::from(slot) % n
}

/// `bytes + add` as 256-bit little-endian integers (wrapping).
#[must_use]
pub fn add_int(bytes: &[u8; 32], add: &[u8; 32]) -> [u8; 32] {
    let mut out = [0u8; 32];
    let mut carry = 0u16;
    for i in 0..32 {
        let s = u16::from(bytes[i]) + u16::from(add[i]) + carry;
        out[i] = s as u8;
        carry = s >> 8;
    }
    out
}

/// `p = 2^255 - 19` added to `y` when `y < 19` (sign bit kept); `None` otherwise.
#[must_use]
pub fn plus_field_prime(bytes: &[u8; 32]) -> Option<[u8; 32]> {
    let sign = bytes[31] & 0x80;
    let mut y = *bytes;
    y[31] &= 0x7f;
    if y[1..].iter().any(|&b| b != 0) || y[0] >= 19 {
        return None;
    }
    let mut out = [0xffu8; 32];
    out[0] = 0xed + y[0];
    out[31] = 0x7f | sign;
    Some(out)
}

/// Applies `e` to `slots` (no-op on an empty slice).
pub fn apply(slots: &mut [[u8; 32]], e: &Edit) {
    let n = slots.len();
    if n == 0 {
        return;
    }
    match *e {
        Edit::FlipBit { slot, bit } => slots[idx(slot, n)][usize::from(bit / 8)] ^= 1 << (bit % 8),
        Edit::Set { slot, bytes } => slots[idx(slot, n)] = bytes,
        Edit::AddTorsion { slot, k } => {
            let s = &mut slots[idx(slot, n)];
            if let Some(p) = CompressedEdwardsY(*s).decompress() {
                *s = (p + EIGHT_TORSION[usize::from(k % 8)])
                    .compress()
                    .to_bytes();
            }
        }
        Edit::AddOrder { slot } => {
            let s = &mut slots[idx(slot, n)];
            *s = add_int(s, &L_BYTES);
        }
        Edit::AddFieldPrime { slot } => {
            let s = &mut slots[idx(slot, n)];
            if let Some(b) = plus_field_prime(s) {
                *s = b;
            }
        }
        Edit::Negate { slot } => slots[idx(slot, n)][31] ^= 0x80,
        Edit::Identity { slot } => slots[idx(slot, n)] = IDENTITY,
        Edit::Zero { slot } => slots[idx(slot, n)] = [0; 32],
        Edit::RandomPoint { slot, seed } => {
            slots[idx(slot, n)] = (ED25519_BASEPOINT_POINT * Scalar::from(seed))
                .compress()
                .to_bytes();
        }
        Edit::Swap { a, b } => slots.swap(idx(a, n), idx(b, n)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_canonical_encodings() {
        // identity + p decodes leniently to the identity, and l + 0 is l
        let id_p = plus_field_prime(&IDENTITY).unwrap();
        assert_eq!(
            CompressedEdwardsY(id_p)
                .decompress()
                .unwrap()
                .compress()
                .to_bytes(),
            IDENTITY
        );
        assert_eq!(add_int(&[0; 32], &L_BYTES), L_BYTES);
        assert!(plus_field_prime(&[19; 32]).is_none());
    }
}
