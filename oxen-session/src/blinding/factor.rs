//! The blinding factors (spec §6): `k15` depends on the community server only, `k25` on the
//! server and the account.
//!
//! ```text
//! k15 = reduce64(BLAKE2b-512(S))                 (libsession blind15_factor)
//! k25 = reduce64(BLAKE2b-512(0x05 ‖ X ‖ S))      (libsession blind25_factor)
//! ```
//!
//! `S` is the server's 32-byte public key, `X` the account's X25519 key (its Session ID without
//! the prefix; upstream hashes a 33-byte id as given and prefixes a 32-byte one with `0x05`, which
//! is the same thing for every valid Session ID). Unkeyed, 64-byte output, reduced modulo `L`
//! (`crypto_core_ed25519_scalar_reduce`). Both factors are computed from public data and are
//! public: a [`BlindingFactor`] is `Copy` and prints as hex. The sign-adjusted `k'` of a
//! 25-blinded key pair is not public (it reveals the sign of the account's Ed25519 key) and
//! lives in a secret type ([`crate::blinding::Blind25KeyPair::k_prime`]).
//!
//! Vectors: `blind_keys.json` (`blind15_factor`, `blind25_factor` of every `blind_user_*`,
//! including the all-zero server key, which is hashed like any other).

use core::fmt;

use curve25519_dalek::scalar::Scalar;

use crate::hash::blake2b;
use crate::id::{ServerPubkey, SessionId};

/// A blinding factor `k15` or `k25`: a public scalar modulo `L`.
///
/// ```
/// use oxen_session::ServerPubkey;
/// use oxen_session::blinding::blind15_factor;
///
/// let server: ServerPubkey =
///     "8b783e361b5111d390e5895d44a5fc545e9d9da95f7d41c9c40b51fb7fb4ecc6".parse()?;
/// assert_eq!(
///     oxen_keys::codec::to_hex(&blind15_factor(&server).to_bytes()),
///     "b08fdee7c0169a617d67b02c5aa10cc5c3ebaf7133201f5363f47907dc759f09"
/// );
/// # Ok::<(), oxen_session::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct BlindingFactor(Scalar);

impl BlindingFactor {
    /// The canonical 32-byte little-endian encoding (as libsession returns it).
    #[must_use]
    pub fn to_bytes(&self) -> [u8; 32] {
        self.0.to_bytes()
    }

    /// The factor as a curve25519-dalek scalar, for this crate's curve operations.
    pub(crate) const fn scalar(&self) -> &Scalar {
        &self.0
    }

    /// `reduce64(BLAKE2b-512(parts…))`, unkeyed.
    fn hash(parts: &[&[u8]]) -> BlindingFactor {
        // Output size 64 and an empty key are always accepted: the fallback is unreachable.
        let h = blake2b::<64>(&[], parts).unwrap_or([0; 64]);
        BlindingFactor(Scalar::from_bytes_mod_order_wide(&h))
    }
}

impl fmt::Debug for BlindingFactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "BlindingFactor({})",
            oxen_keys::codec::to_hex(self.0.as_bytes())
        )
    }
}

/// `k15 = reduce64(BLAKE2b-512(S))` (libsession `blind15_factor`).
#[must_use]
pub fn blind15_factor(server: &ServerPubkey) -> BlindingFactor {
    BlindingFactor::hash(&[server.as_bytes()])
}

/// `k25 = reduce64(BLAKE2b-512(0x05 ‖ X ‖ S))` (libsession `blind25_factor`) for the account
/// whose Session ID is `05 ‖ X`.
#[must_use]
pub fn blind25_factor(session_id: &SessionId, server: &ServerPubkey) -> BlindingFactor {
    BlindingFactor::hash(&[&session_id.to_bytes(), server.as_bytes()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn factors_hash_what_the_spec_says() {
        let server = ServerPubkey([0x42; 32]);
        let sid = SessionId::from_x25519(oxen_keys::X25519PublicKey([7; 32]));
        let mut k15 = [0u8; 64];
        let mut h = crate::hash::Blake2b::new(64, &[]).unwrap();
        h.update(&[0x42; 32]);
        h.finalize_into(&mut k15);
        assert_eq!(
            blind15_factor(&server).to_bytes(),
            Scalar::from_bytes_mod_order_wide(&k15).to_bytes()
        );
        let mut whole = [0u8; 65];
        whole[0] = 5;
        whole[1..33].copy_from_slice(&[7; 32]);
        whole[33..].copy_from_slice(&[0x42; 32]);
        let k25 = blake2b::<64>(&[], &[&whole]).unwrap();
        assert_eq!(
            blind25_factor(&sid, &server).to_bytes(),
            Scalar::from_bytes_mod_order_wide(&k25).to_bytes()
        );
        assert!(format!("{:?}", blind15_factor(&server)).starts_with("BlindingFactor("));
    }
}
