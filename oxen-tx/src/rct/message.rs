//! The message the RingCT ring signatures sign (reference `get_pre_mlsag_hash`).

use alloc::vec::Vec;

use oxen_crypto::hash::{Keccak256, keccak256};

use super::types::RctSig;
use crate::Error;
use crate::bulletproof::Bulletproof;

impl RctSig {
    /// The CLSAG/MLSAG signing message (reference `get_pre_clsag_hash`, `get_pre_mlsag_hash` in
    /// Monero):
    /// `keccak(message || keccak(rctSigBase bytes) || keccak(range proof fields))` where the
    /// range-proof part is, per bulletproof, `A,S,T1,T2,taux,mu,L*,R*,a,b,t` (no `V`, no
    /// lengths), or per Borromean signature its 6176 bytes. A plain hash, not reduced.
    ///
    /// `inputs` is the number of inputs (the base layout of type 2 depends on it).
    ///
    /// # Errors
    /// [`Error::RctCountMismatch`] if the base does not serialize for these counts.
    pub fn pre_clsag_hash(&self, message: &[u8; 32], inputs: usize) -> Result<[u8; 32], Error> {
        let mut base = Vec::new();
        self.write_base(&mut base, inputs, self.ecdh_info.len())?;
        let mut kv = Keccak256::new();
        if self.rct_type.is_bulletproof() {
            for bp in &self.prunable.bulletproofs {
                hash_bulletproof_fields(&mut kv, bp);
            }
        } else {
            for rs in &self.prunable.range_sigs {
                kv.update(rs.as_bytes());
            }
        }
        let mut h = Keccak256::new();
        h.update(message)
            .update(&keccak256(&base))
            .update(&kv.finalize());
        Ok(h.finalize())
    }
}

fn hash_bulletproof_fields(h: &mut Keccak256, bp: &Bulletproof) {
    for k in bp.keys() {
        h.update(k);
    }
}
