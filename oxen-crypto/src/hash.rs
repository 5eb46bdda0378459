//! Keccak-256 (`cn_fast_hash`) and hash-to-scalar (oxen-core `src/crypto/hash.c`,
//! `src/crypto/crypto.cpp`).
//!
//! This is the original Keccak submission's padding (domain byte `0x01`), not FIPS-202 SHA3-256.
//!
//! ```
//! use oxen_crypto::hash::keccak256;
//!
//! assert_eq!(
//!     keccak256(b"")[..4],
//!     [0xc5, 0xd2, 0x46, 0x01],
//! );
//! ```

use sha3::Digest;

/// Length of a Keccak-256 digest.
pub const HASH_LEN: usize = 32;

/// Keccak-256 of `data` (the reference's `cn_fast_hash`).
#[must_use]
pub fn keccak256(data: &[u8]) -> [u8; HASH_LEN] {
    sha3::Keccak256::digest(data).into()
}

/// `Hs(data) = keccak256(data) mod l` (reference `hash_to_scalar` in src/crypto/crypto.cpp and
/// `rct::hash_to_scalar`, i.e. `sc_reduce32(cn_fast_hash(data))`). Vectors: `hash_to_scalar.json`.
#[must_use]
pub fn hash_to_scalar(data: &[u8]) -> crate::Scalar {
    crate::Scalar::from_bytes_mod_order(keccak256(data))
}

/// Incremental Keccak-256, for hashing data that comes in pieces (the reference's
/// `keccak_init`/`keccak_update`/`keccak_finish`). Gives the same result as [`keccak256`] of the
/// concatenation.
#[derive(Clone, Default)]
pub struct Keccak256(sha3::Keccak256);

impl Keccak256 {
    /// A fresh hasher.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Absorbs `data`.
    pub fn update(&mut self, data: &[u8]) -> &mut Self {
        Digest::update(&mut self.0, data);
        self
    }

    /// Finishes and reduces the digest mod `l` ([`hash_to_scalar`] of everything absorbed).
    #[must_use]
    pub fn finalize_scalar(self) -> crate::Scalar {
        crate::Scalar::from_bytes_mod_order(self.finalize())
    }

    /// Finishes and reduces the digest mod `l` into a [`crate::SecretScalar`] (for a hash of
    /// secret data: the digest buffer is zeroized).
    #[must_use]
    pub fn finalize_secret_scalar(self) -> crate::SecretScalar {
        let digest = zeroize::Zeroizing::new(self.finalize());
        crate::SecretScalar::from_bytes_mod_order(&digest)
    }

    /// Finishes and returns the 32-byte digest.
    #[must_use]
    pub fn finalize(self) -> [u8; HASH_LEN] {
        self.0.finalize().into()
    }
}

impl core::fmt::Debug for Keccak256 {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Keccak256 { .. }")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_incremental() {
        assert_eq!(
            hex::encode(keccak256(b"")),
            "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
        );
        let msg = [7u8; 300];
        let mut h = Keccak256::new();
        h.update(&msg[..135]).update(&msg[135..]);
        assert_eq!(h.finalize(), keccak256(&msg));
    }
}
