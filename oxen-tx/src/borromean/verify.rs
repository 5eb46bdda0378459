//! `verRange` / `verifyBorromean`: the verifier (variable time; every input is public).
//!
//! The 64 rounds are independent once `ee` is known, so each stage runs over all bits before
//! the next: 64 `LL_i`, ONE batched compression (a single field inversion), 64 challenges, 64
//! `LV_i`, one more batched compression, one hash.

use alloc::vec::Vec;

use curve25519_dalek::edwards::EdwardsPoint;
use curve25519_dalek::scalar::Scalar;
use oxen_crypto::Point;
use oxen_crypto::hash::{Keccak256, keccak256};

use super::scalar::effective_scalar;
use super::table::with_h_pow2;
use super::{BITS, RangeSig};
use crate::Error;
use crate::commitment::Commitment;

impl RangeSig {
    /// Verifies the range signature for the output commitment `commitment` (reference
    /// `verRange(C, rangeSig)`), with the reference's exact acceptance rules (module docs):
    /// `Ci` decoding, `sum Ci == C` as encodings, the 64 ring signatures and
    /// `Hs(LV_0..LV_63) == ee` as bytes. This is the whole Borromean check; what it proves
    /// about `C` is only that it commits to a 64-bit amount (no subgroup check on `C` or `Ci`,
    /// as upstream). Variable time.
    ///
    /// # Errors
    /// In the reference's order: [`Error::BorromeanBitCommitmentInvalid`] (first undecodable
    /// `Ci`), [`Error::BorromeanSumMismatch`], [`Error::BorromeanEeNotReduced`],
    /// [`Error::BorromeanChallengeMismatch`].
    pub fn verify(&self, commitment: &Commitment) -> Result<(), Error> {
        let p1 = self.decode_bit_commitments()?;
        let sum: EdwardsPoint = p1.iter().sum();
        if sum.compress().to_bytes() != *commitment.as_bytes() {
            return Err(Error::BorromeanSumMismatch);
        }
        // `ee` must equal a reduced hash: a non-reduced one cannot pass step 4.
        let ee = Option::<Scalar>::from(Scalar::from_canonical_bytes(self.asig.ee))
            .ok_or(Error::BorromeanEeNotReduced)?;

        // LL_i = ee·P1_i + s0[i]·G, c_i = Hs(LL_i).
        let ll: Vec<EdwardsPoint> = p1
            .iter()
            .zip(&self.asig.s0)
            .map(|(p, s0)| {
                EdwardsPoint::vartime_double_scalar_mul_basepoint(&ee, p, &effective_scalar(s0))
            })
            .collect();
        let c: Vec<Scalar> = EdwardsPoint::compress_batch_alloc(&ll)
            .iter()
            .map(|l| Scalar::from_bytes_mod_order(keccak256(l.as_bytes())))
            .collect();

        // LV_i = c_i·P2_i + s1[i]·G with P2_i = P1_i - 2^i·H.
        let lv: Vec<EdwardsPoint> = with_h_pow2(|h2| {
            p1.iter()
                .zip(h2)
                .zip(c.iter().zip(&self.asig.s1))
                .map(|((p, h), (c, s1))| {
                    EdwardsPoint::vartime_double_scalar_mul_basepoint(
                        c,
                        &(p - h),
                        &effective_scalar(s1),
                    )
                })
                .collect()
        });
        let mut hasher = Keccak256::new();
        for l in EdwardsPoint::compress_batch_alloc(&lv) {
            hasher.update(l.as_bytes());
        }
        if hasher.finalize_scalar().to_bytes() != self.asig.ee {
            return Err(Error::BorromeanChallengeMismatch);
        }
        Ok(())
    }

    /// Decodes `Ci` as the reference's `ge_frombytes_vartime` does.
    fn decode_bit_commitments(&self) -> Result<[EdwardsPoint; BITS], Error> {
        let mut out = [EdwardsPoint::default(); BITS];
        for (index, (slot, bytes)) in out.iter_mut().zip(&self.ci).enumerate() {
            *slot = Point::from_bytes(bytes)
                .map_err(|reason| Error::BorromeanBitCommitmentInvalid { index, reason })?
                .to_dalek();
        }
        Ok(out)
    }
}
