//! The non-semantic checks of a CLSAG RingCT signature (reference `verRctNonSemanticsSimple`,
//! `verRctCLSAGSimple`): every input's CLSAG over its ring.

use alloc::vec::Vec;

use oxen_crypto::{CompressedPoint, KeyImage, RingMember};

use super::types::{ClsagSig, CtKey, RctSig, RctType};
use crate::Error;
use crate::codec::Key;

impl RctSig {
    /// The non-semantic checks (reference `verRctNonSemanticsSimple`) for type CLSAG: every
    /// input's CLSAG verifies over its ring (`mix_ring[i]`, from the chain), its pseudo-output
    /// and its key image (`key_images[i]`, the input's `k_image`), signing
    /// [`RctSig::pre_clsag_hash`] of `message` (the transaction prefix hash). Variable time.
    ///
    /// # Errors
    /// [`Error::RctTypeUnsupported`] for other types, [`Error::RctCountMismatch`] when rings,
    /// key images, CLSAGs and pseudo-outputs differ in number, [`Error::ClsagInvalid`] naming the
    /// first input whose signature fails.
    pub fn verify_non_semantics(
        &self,
        message: &[u8; 32],
        inputs: usize,
        mix_ring: &[Vec<CtKey>],
        key_images: &[Key],
    ) -> Result<(), Error> {
        if self.rct_type != RctType::Clsag {
            return Err(Error::RctTypeUnsupported);
        }
        let p = &self.prunable;
        let n = mix_ring.len();
        if p.pseudo_outs.len() != n || p.clsags.len() != n || key_images.len() != n {
            return Err(Error::RctCountMismatch);
        }
        let m = self.pre_clsag_hash(message, inputs)?;
        let check = |i: usize| -> Result<(), Error> {
            let ok = match (
                p.clsags.get(i),
                mix_ring.get(i),
                p.pseudo_outs.get(i),
                key_images.get(i),
            ) {
                (Some(sig), Some(ring), Some(pseudo), Some(ki)) => {
                    verify_clsag(&m, sig, ring, pseudo, ki)
                }
                _ => false,
            };
            if ok {
                Ok(())
            } else {
                Err(Error::ClsagInvalid { input: i })
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

/// Verifies one CLSAG (reference `verRctCLSAGSimple`) with `oxen_crypto::clsag`. The wire
/// scalars must be canonical (the reference's `sc_check`); any failure is a rejection.
fn verify_clsag(
    message: &[u8; 32],
    sig: &ClsagSig,
    ring: &[CtKey],
    pseudo_out: &Key,
    key_image: &Key,
) -> bool {
    let Some(sig) = sig.to_clsag() else {
        return false;
    };
    let ring: Vec<RingMember> = ring
        .iter()
        .map(|m| (CompressedPoint(m.dest), CompressedPoint(m.mask)))
        .collect();
    sig.check(
        &ring,
        &KeyImage(*key_image),
        &CompressedPoint(*pseudo_out),
        message,
    )
}
