//! MLSAG verification at transaction level, RingCT types 1..=4 (reference
//! `src/ringct/rctSigs.cpp`: `verRctMGSimple` for types 2..=4, `verRct(rv, false)` /
//! `verRctMG` for type 1), over `oxen_crypto::Mlsag`.
//!
//! # The matrices
//! * **Simple** (types 2..=4), one MLSAG per input `n`: column `i` = `(P_ni, C_ni - pseudoOut_n)`
//!   (the difference re-encoded), key image row 0 = the input's key image (`dsRows = 1`).
//! * **Full** (type 1), ONE MLSAG over every input: with `rows` inputs and rings of `cols`
//!   members (every ring as long as the first), column `i` =
//!   `(P_0i, .., P_{rows-1,i}, Σ_n C_ni − Σ_k outPk_k − fee·H)`; the first `rows` rows are
//!   linkable with the inputs' key images (`dsRows = rows`), the amount row is not. A fee or
//!   amount change therefore breaks this signature, not the range proofs.
//!
//! Every MLSAG signs [`RctSig::pre_clsag_hash`] of the prefix hash. Variable time.

use alloc::vec::Vec;

use super::types::{CtKey, RctSig};
use crate::Error;
use crate::commitment::amount_times_h;
use oxen_crypto::{CompressedPoint, KeyImage, Point, RingMember};

/// Input `input`'s MLSAG failed `error`.
fn invalid(input: usize) -> impl Fn(oxen_crypto::Error) -> Error {
    move |error| Error::MlsagInvalid { input, error }
}

impl RctSig {
    /// `verRctNonSemanticsSimple` for types 2..=4: input `n`'s MLSAG over `mix_ring[n]`, its
    /// pseudo-output and `key_images[n]`, signing `message` (the pre-MLSAG hash).
    pub(super) fn verify_mlsag_simple(
        &self,
        message: &[u8; 32],
        mix_ring: &[Vec<CtKey>],
        key_images: &[KeyImage],
    ) -> Result<(), Error> {
        let pseudo = self.get_pseudo_outs();
        let n = mix_ring.len();
        if pseudo.len() != n || self.prunable.mgs.len() != n || key_images.len() != n {
            return Err(Error::RctCountMismatch);
        }
        let check = |i: usize| -> Result<(), Error> {
            let (Some(mg), Some(ring), Some(po), Some(ki)) = (
                self.prunable.mgs.get(i),
                mix_ring.get(i),
                pseudo.get(i),
                key_images.get(i),
            ) else {
                return Err(Error::RctCountMismatch);
            };
            let ring: Vec<RingMember> = ring.iter().map(|m| (m.dest, m.mask)).collect();
            mg.verify_simple(message, &ring, ki, po).map_err(invalid(i))
        };
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            (0..n).into_par_iter().try_for_each(check)
        }
        #[cfg(not(feature = "parallel"))]
        {
            (0..n).try_for_each(check)
        }
    }

    /// `verRct(rv, false)` for type 1: the one MLSAG over the matrix in the module docs, built
    /// from `mix_ring[input][member]` (transposed here, as `expand_transaction_2` does).
    pub(super) fn verify_mlsag_full(
        &self,
        message: &[u8; 32],
        mix_ring: &[Vec<CtKey>],
        key_images: &[KeyImage],
    ) -> Result<(), Error> {
        let [mg] = self.prunable.mgs.as_slice() else {
            return Err(Error::RctCountMismatch);
        };
        let cols = mix_ring.first().map_or(0, Vec::len);
        if cols == 0 || mix_ring.iter().any(|r| r.len() != cols) {
            return Err(Error::RingShapeInvalid { input: 0 });
        }
        let fail = invalid(0);
        // Σ outPk + fee·H, subtracted from every column's commitment sum.
        let mut out = amount_times_h(self.txn_fee);
        for c in &self.out_pk {
            out += &c.decompress().map_err(&fail)?;
        }
        let mut sums = Vec::with_capacity(cols);
        for i in 0..cols {
            let mut s = -out;
            for ring in mix_ring {
                let m = ring.get(i).ok_or(Error::RingShapeInvalid { input: 0 })?;
                s += &m.mask.decompress().map_err(&fail)?;
            }
            sums.push(s);
        }
        let amount_row = Point::compress_batch(&sums);
        let matrix: Vec<Vec<CompressedPoint>> = amount_row
            .into_iter()
            .enumerate()
            .map(|(i, last)| {
                let mut col: Vec<CompressedPoint> = mix_ring
                    .iter()
                    .filter_map(|r| r.get(i).map(|m| m.dest))
                    .collect();
                col.push(last);
                col
            })
            .collect();
        mg.verify(message, &matrix, key_images, mix_ring.len())
            .map_err(fail)
    }
}
