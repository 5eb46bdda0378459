//! The Fiat-Shamir transcript of a Bulletproof: the reference's `hash_cache` Keccak chain
//! (`hash_cache_mash` in `src/ringct/bulletproofs.cc`).
//!
//! Every challenge is `Hs` (Keccak-256 then reduction mod `l`) of the previous challenge followed
//! by the 32-byte encodings listed, and replaces it:
//!
//! ```text
//! cache = Hs(V_0 || ... || V_{m-1})
//! y     = Hs(cache || A || S)             cache = y
//! z     = Hs(y)                           cache = z      (just y, no cache prefix)
//! x     = Hs(cache || z || T1 || T2)      cache = x      (z appears twice)
//! x_ip  = Hs(cache || x || taux || mu || t)   cache = x_ip
//! w_i   = Hs(cache || L_i || R_i)         cache = w_i
//! ```
//!
//! Points are hashed as the bytes on the wire (already ×1/8), so adding torsion to a proof
//! point changes every later challenge (vectors `torsion_added_to_*`).

use curve25519_dalek::scalar::Scalar;
use oxen_crypto::hash::Keccak256;

/// The running `hash_cache`.
#[derive(Clone)]
pub(crate) struct Transcript {
    cache: Scalar,
}

impl Transcript {
    /// Starts from the commitments `V` (reference `rct::hash_to_scalar(proof.V)`).
    pub(crate) fn new<'a>(v: impl IntoIterator<Item = &'a [u8; 32]>) -> Self {
        let mut h = Keccak256::new();
        for k in v {
            h.update(k);
        }
        Self {
            cache: h.finalize_scalar().to_dalek(),
        }
    }

    /// `cache = Hs(cache || parts...)`.
    fn mash(&mut self, parts: &[&[u8; 32]]) -> Scalar {
        let mut h = Keccak256::new();
        h.update(self.cache.as_bytes());
        for p in parts {
            h.update(*p);
        }
        self.cache = h.finalize_scalar().to_dalek();
        self.cache
    }

    /// `y = Hs(cache || A || S)`.
    pub(crate) fn challenge_y(&mut self, a: &[u8; 32], s: &[u8; 32]) -> Scalar {
        self.mash(&[a, s])
    }

    /// `z = Hs(y)`; the cache becomes `z`.
    pub(crate) fn challenge_z(&mut self) -> Scalar {
        self.cache = oxen_crypto::hash_to_scalar(self.cache.as_bytes()).to_dalek();
        self.cache
    }

    /// `x = Hs(cache || z || T1 || T2)` (the cache is `z` here).
    pub(crate) fn challenge_x(&mut self, t1: &[u8; 32], t2: &[u8; 32]) -> Scalar {
        let z = self.cache.to_bytes();
        self.mash(&[&z, t1, t2])
    }

    /// `x_ip = Hs(cache || x || taux || mu || t)` (the cache is `x` here).
    pub(crate) fn challenge_x_ip(
        &mut self,
        taux: &[u8; 32],
        mu: &[u8; 32],
        t: &[u8; 32],
    ) -> Scalar {
        let x = self.cache.to_bytes();
        self.mash(&[&x, taux, mu, t])
    }

    /// `w = Hs(cache || L || R)`, one per inner-product round.
    pub(crate) fn challenge_w(&mut self, l: &[u8; 32], r: &[u8; 32]) -> Scalar {
        self.mash(&[l, r])
    }
}
