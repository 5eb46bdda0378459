//! The Pedersen value generator `H` (reference `rct::H` in `src/ringct/rctTypes.h`) and its
//! fixed-base table: the one place both [`crate::commitment`] and [`crate::bulletproof`] take
//! `H` from (neither imports the other for it). Public paths: `commitment::{H_BYTES, h,
//! amount_times_h}`.

use curve25519_dalek::edwards::{CompressedEdwardsY, EdwardsPoint};
use curve25519_dalek::scalar::Scalar as DScalar;
use oxen_crypto::Point;

/// The encoding of the Pedersen value generator `H` (reference `rct::H`), equal to
/// `8·decompress(keccak256(G))`.
pub const H_BYTES: [u8; 32] = [
    0x8b, 0x65, 0x59, 0x70, 0x15, 0x37, 0x99, 0xaf, 0x2a, 0xea, 0xdc, 0x9f, 0xf1, 0xad, 0xd0, 0xea,
    0x6c, 0x72, 0x51, 0xd5, 0x41, 0x54, 0xcf, 0xa9, 0x2c, 0x17, 0x3a, 0x0d, 0xd3, 0x9c, 0x1f, 0x94,
];

/// `H` as a dalek point. [`H_BYTES`] is a valid encoding (unit test `h_is_8_decompress_keccak_g`),
/// so the identity fallback is unreachable; it only keeps this function total.
pub(crate) fn h_dalek() -> EdwardsPoint {
    CompressedEdwardsY(H_BYTES).decompress().unwrap_or_default()
}

/// The Pedersen value generator `H` (reference `rct::H`).
#[must_use]
pub fn h() -> Point {
    Point::from_dalek(h_dalek())
}

/// `s·H`, constant time (a fixed-base table with `std`).
pub(crate) fn mul_h(s: &DScalar) -> EdwardsPoint {
    #[cfg(feature = "std")]
    {
        use curve25519_dalek::edwards::EdwardsBasepointTable;
        use curve25519_dalek::traits::BasepointTable;
        static H_TABLE: std::sync::OnceLock<EdwardsBasepointTable> = std::sync::OnceLock::new();
        H_TABLE.get_or_init(|| EdwardsBasepointTable::create(&h_dalek())) * s
    }
    #[cfg(not(feature = "std"))]
    {
        h_dalek() * s
    }
}

/// `amount·H`, constant time (reference `rct::scalarmultH(d2h(amount))`).
#[must_use]
pub fn amount_times_h(amount: u64) -> Point {
    Point::from_dalek(mul_h(&DScalar::from(amount)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxen_crypto::hash::keccak256;

    #[test]
    fn h_is_8_decompress_keccak_g() {
        let g = curve25519_dalek::constants::ED25519_BASEPOINT_COMPRESSED;
        let hp = CompressedEdwardsY(keccak256(g.as_bytes()))
            .decompress()
            .unwrap();
        assert_eq!(hp.mul_by_cofactor().compress().to_bytes(), H_BYTES);
        assert_eq!(h().to_bytes(), H_BYTES);
        assert_eq!(amount_times_h(1).to_bytes(), H_BYTES);
    }
}
