//! The non-semantic checks of a CLSAG RingCT signature (reference `verRctNonSemanticsSimple`,
//! `verRctCLSAGSimple`): every input's CLSAG over its ring.

use alloc::vec::Vec;

use oxen_crypto::{Clsag, CompressedPoint, KeyImage, RingMember};

use super::types::{CtKey, RctSig, RctType};
use crate::Error;

impl RctSig {
    /// The non-semantic checks (reference `verRctNonSemanticsSimple`) for type CLSAG: every
    /// input's CLSAG verifies over its ring (`mix_ring[i]`, from the chain), its pseudo-output
    /// and its key image (`key_images[i]`, the input's `k_image`), signing
    /// [`RctSig::pre_clsag_hash`] of `message` (the transaction prefix hash). Variable time.
    ///
    /// # Errors
    /// [`Error::RctTypeUnsupported`] for other types, [`Error::RctCountMismatch`] when rings,
    /// key images, CLSAGs and pseudo-outputs differ in number, [`Error::ClsagInvalid`] naming the
    /// first input whose signature fails and the check that failed (without `parallel`: the
    /// lowest such input; with it: any failing input).
    pub fn verify_non_semantics(
        &self,
        message: &[u8; 32],
        inputs: usize,
        mix_ring: &[Vec<CtKey>],
        key_images: &[KeyImage],
    ) -> Result<(), Error> {
        match self.rct_type {
            RctType::Clsag => {}
            RctType::Full => {
                let m = self.pre_clsag_hash(message, inputs)?;
                return self.verify_mlsag_full(&m, mix_ring, key_images);
            }
            RctType::Simple | RctType::Bulletproof | RctType::Bulletproof2 => {
                let m = self.pre_clsag_hash(message, inputs)?;
                return self.verify_mlsag_simple(&m, mix_ring, key_images);
            }
            RctType::Null => return Err(Error::RctTypeUnsupported),
        }
        let p = &self.prunable;
        let n = mix_ring.len();
        if p.pseudo_outs.len() != n || p.clsags.len() != n || key_images.len() != n {
            return Err(Error::RctCountMismatch);
        }
        let m = self.pre_clsag_hash(message, inputs)?;
        let check = |i: usize| -> Result<(), Error> {
            match (
                p.clsags.get(i),
                mix_ring.get(i),
                p.pseudo_outs.get(i),
                key_images.get(i),
            ) {
                (Some(sig), Some(ring), Some(pseudo), Some(ki)) => {
                    verify_clsag(&m, sig, ring, pseudo, ki)
                        .map_err(|error| Error::ClsagInvalid { input: i, error })
                }
                // Unreachable: the counts were compared above.
                _ => Err(Error::RctCountMismatch),
            }
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
}

/// Verifies one CLSAG (reference `verRctCLSAGSimple`) with [`Clsag::verify`], which checks
/// the wire scalars canonical (`sc_check`) before anything else and names the failed check.
fn verify_clsag(
    message: &[u8; 32],
    sig: &Clsag,
    ring: &[CtKey],
    pseudo_out: &CompressedPoint,
    key_image: &KeyImage,
) -> Result<(), oxen_crypto::Error> {
    let ring: Vec<RingMember> = ring.iter().map(|m| (m.dest, m.mask)).collect();
    sig.verify(&ring, key_image, pseudo_out, message)
}
