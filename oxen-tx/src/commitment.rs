//! Pedersen commitments `C = mask·G + amount·H` (oxen-core `src/ringct/rctOps.cpp`: `commit`,
//! `zeroCommit`, `scalarmultH`; `src/ringct/rctTypes.h`: `rct::H`).
//!
//! ```
//! use oxen_crypto::Scalar;
//! use oxen_tx::commitment::{commit, zero_commit};
//!
//! let mask = Scalar::from_u64(1);
//! // zeroCommit(a) is the commitment to `a` with mask 1.
//! assert_eq!(commit(1_000, &mask), zero_commit(1_000));
//! assert!(commit(1_000, &mask).opens(1_000, &mask));
//! assert!(!commit(1_000, &mask).opens(1_001, &mask));
//! ```

use core::fmt;

use curve25519_dalek::edwards::EdwardsPoint;
use curve25519_dalek::scalar::Scalar as DScalar;
use oxen_crypto::{Point, Scalar};
use subtle::ConstantTimeEq;

use crate::h::mul_h;

pub use crate::h::{H_BYTES, amount_times_h, h};

/// `d2h(amount)`: the 32-byte scalar whose first 8 bytes are `amount` little-endian
/// (reference `rct::d2h`).
#[must_use]
pub fn d2h(amount: u64) -> [u8; 32] {
    let mut out = [0u8; 32];
    let (lo, _) = out.split_at_mut(8);
    lo.copy_from_slice(&amount.to_le_bytes());
    out
}

/// `h2d(key)`: the first 8 bytes of a 32-byte key as a little-endian `u64` (reference `rct::h2d`;
/// the other 24 bytes are ignored, as there).
#[must_use]
pub fn h2d(key: &[u8; 32]) -> u64 {
    let mut lo = [0u8; 8];
    let (head, _) = key.split_at(8);
    lo.copy_from_slice(head);
    u64::from_le_bytes(lo)
}

/// A Pedersen commitment as it appears on the wire (an `outPk` mask or a pseudo-output): the
/// 32-byte point encoding, not validated until it is used, exactly as the reference stores it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Commitment(pub [u8; 32]);

impl Commitment {
    /// Wraps the 32 wire bytes (no validation; see [`Commitment::decode`]).
    #[must_use]
    pub const fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// The 32 wire bytes.
    #[must_use]
    pub const fn to_bytes(&self) -> [u8; 32] {
        self.0
    }

    /// The 32 wire bytes, borrowed.
    #[must_use]
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The commitment of a point (canonical encoding).
    #[must_use]
    pub fn from_point(point: &Point) -> Self {
        Self(point.to_bytes())
    }

    /// Decodes the point as the reference's `ge_frombytes_vartime` does.
    ///
    /// # Errors
    /// [`crate::Error::Crypto`] with the point-decoding failure.
    pub fn decode(&self) -> Result<Point, crate::Error> {
        Ok(Point::from_bytes(&self.0)?)
    }

    /// True iff this commitment is `commit(amount, mask)` (the wallet's check after
    /// [`crate::ecdh::ecdh_decode`]). Constant time in `amount` and `mask`.
    #[must_use]
    pub fn opens(&self, amount: u64, mask: &Scalar) -> bool {
        bool::from(commit(amount, mask).0.ct_eq(&self.0))
    }
}

impl fmt::Debug for Commitment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Commitment(")?;
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        f.write_str(")")
    }
}

impl From<[u8; 32]> for Commitment {
    fn from(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }
}

impl AsRef<[u8]> for Commitment {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// `mask·G + amount·H` as a dalek point, constant time.
pub(crate) fn commit_dalek(amount: &DScalar, mask: &DScalar) -> EdwardsPoint {
    EdwardsPoint::mul_base(mask) + mul_h(amount)
}

/// The Pedersen commitment `mask·G + amount·H` (reference `rct::commit(amount, mask)` = `genC`).
///
/// Constant time in `amount` and `mask` (the reference uses a variable-time double scalar
/// multiplication here; the result is the same).
#[must_use]
pub fn commit(amount: u64, mask: &Scalar) -> Commitment {
    Commitment(
        commit_dalek(&DScalar::from(amount), mask.as_dalek())
            .compress()
            .to_bytes(),
    )
}

/// The commitment to a public amount with mask 1: `G + amount·H` (reference `rct::zeroCommit`,
/// used for coinbase outputs and fees; its precomputed table for round amounts gives the same
/// result).
#[must_use]
pub fn zero_commit(amount: u64) -> Commitment {
    commit(amount, &Scalar::ONE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn d2h_h2d_round_trip() {
        for a in [0u64, 1, 255, 256, u64::MAX] {
            assert_eq!(h2d(&d2h(a)), a);
            assert_eq!(&d2h(a)[8..], &[0u8; 24]);
        }
    }

    #[test]
    fn commitment_decode_rejects_invalid_point() {
        let mut bad = [0u8; 32];
        bad[0] = 2; // y = 2 is not on the curve
        assert!(matches!(
            Commitment::from_bytes(bad).decode(),
            Err(crate::Error::Crypto(_))
        ));
        assert!(zero_commit(5).decode().is_ok());
    }
}
