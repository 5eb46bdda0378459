//! Batched X25519 key generation and Diffie-Hellman (the onion builder's hot path).
//!
//! Building a Session onion request draws one ephemeral key per hop and does one
//! Diffie-Hellman with each hop's key. Computed one at a time, every one of the 2n results pays
//! a field inversion to map the Edwards point back to the Montgomery u-coordinate; here all 2n
//! are mapped with **one** batched inversion, and each peer key's Edwards lift (a square root)
//! is computed once per peer ([`LiftedPublicKey`]) however many requests go through it. The
//! bytes are those of libsodium `crypto_box_keypair` + `crypto_scalarmult`, including the
//! all-zero rejection.

use alloc::vec::Vec;

use curve25519_dalek::edwards::EdwardsPoint;
use curve25519_dalek::montgomery::MontgomeryPoint;
use subtle::ConstantTimeEq;
use zeroize::Zeroize;

use crate::Error;
use crate::public::{KEY_LEN, X25519PublicKey};
use crate::x25519::{SharedSecret, X25519SecretKey, x25519_ladder};

/// A peer's X25519 public key together with its Edwards lift (computed once), so that repeated
/// Diffie-Hellmans with the same key skip the square root of the lift. A key on the twist has
/// no lift and goes through the Montgomery ladder instead (whether a key is on the twist is
/// public, so the branch leaks nothing secret).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiftedPublicKey {
    key: X25519PublicKey,
    edwards: Option<EdwardsPoint>,
}

impl LiftedPublicKey {
    /// Lifts `key` (one square root; variable time in the public key only).
    #[must_use]
    pub fn new(key: X25519PublicKey) -> Self {
        Self {
            edwards: MontgomeryPoint(key.0).to_edwards(0),
            key,
        }
    }

    /// The public key as given.
    #[must_use]
    pub const fn key(&self) -> &X25519PublicKey {
        &self.key
    }

    /// True if the key lies on the quadratic twist (no Edwards lift; the ladder is used).
    #[must_use]
    pub const fn is_on_twist(&self) -> bool {
        self.edwards.is_none()
    }
}

/// Key generation and Diffie-Hellman for several secrets at once: for each pair of a secret
/// `a_i` and a peer `B_i`, returns `(A_i = X25519(a_i, 9), S_i = X25519(a_i, B_i))`, in input
/// order. All 2n results are computed in Edwards form (fixed-base table for `A_i`, variable-base
/// for `S_i`) and mapped to Montgomery u with one batched field inversion. Constant time in the
/// secrets.
///
/// ```
/// use oxen_keys::{LiftedPublicKey, X25519SecretKey, keygen_and_dh_batch};
///
/// let secrets = [X25519SecretKey::from_bytes([1; 32]), X25519SecretKey::from_bytes([2; 32])];
/// let peers = [
///     LiftedPublicKey::new(X25519SecretKey::from_bytes([8; 32]).public_key()),
///     LiftedPublicKey::new(X25519SecretKey::from_bytes([9; 32]).public_key()),
/// ];
/// let out = keygen_and_dh_batch(secrets.iter().zip(&peers))?;
/// for ((s, p), (public, shared)) in secrets.iter().zip(&peers).zip(&out) {
///     assert_eq!(*public, s.public_key());
///     assert_eq!(*shared, s.diffie_hellman(p.key())?);
/// }
/// # Ok::<(), oxen_keys::Error>(())
/// ```
///
/// # Errors
/// [`Error::ZeroSharedSecret`] if any `S_i` is all zero (a low-order or zero peer key); then
/// nothing is returned.
pub fn keygen_and_dh_batch<'a, I>(pairs: I) -> Result<Vec<(X25519PublicKey, SharedSecret)>, Error>
where
    I: IntoIterator<Item = (&'a X25519SecretKey, &'a LiftedPublicKey)>,
{
    let pairs: Vec<(&X25519SecretKey, &LiftedPublicKey)> = pairs.into_iter().collect();
    let n = pairs.len();
    let mut eds: Vec<EdwardsPoint> = Vec::with_capacity(2 * n);
    eds.extend(
        pairs
            .iter()
            .map(|(s, _)| EdwardsPoint::mul_base_clamped(s.0)),
    );
    // ladder results are shared secrets, each zeroized on drop
    let mut ladder: Vec<Option<SharedSecret>> = Vec::with_capacity(n);
    for (s, peer) in &pairs {
        match &peer.edwards {
            Some(p) => {
                eds.push(p.mul_clamped(s.0));
                ladder.push(None);
            }
            None => {
                eds.push(EdwardsPoint::default());
                ladder.push(Some(x25519_ladder(&s.0, peer.key.as_bytes())));
            }
        }
    }
    let mut us = EdwardsPoint::to_montgomery_batch(&eds);
    eds.zeroize();
    let (pubs, dhs) = us.split_at(n.min(us.len()));
    let mut out = Vec::with_capacity(n);
    let mut all_ok = subtle::Choice::from(1u8);
    for ((p, d), l) in pubs.iter().zip(dhs).zip(ladder) {
        let shared = l.unwrap_or_else(|| SharedSecret(d.to_bytes()));
        all_ok &= !shared.0.ct_eq(&[0u8; KEY_LEN]);
        out.push((X25519PublicKey(p.to_bytes()), shared));
    }
    us.zeroize();
    if !bool::from(all_ok) || out.len() != n {
        return Err(Error::ZeroSharedSecret);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_matches_single_and_rejects_low_order() {
        let secrets: Vec<X25519SecretKey> = (1..=4u8)
            .map(|b| X25519SecretKey::from_bytes([b; 32]))
            .collect();
        let mut two = [0u8; 32];
        two[0] = 2; // on the twist: ladder fallback
        let peers: Vec<LiftedPublicKey> = [
            X25519SecretKey::from_bytes([9; 32]).public_key(),
            X25519PublicKey(two),
            X25519SecretKey::from_bytes([8; 32]).public_key(),
            X25519SecretKey::from_bytes([7; 32]).public_key(),
        ]
        .into_iter()
        .map(LiftedPublicKey::new)
        .collect();
        assert!(peers[1].is_on_twist());
        assert!(!peers[0].is_on_twist());
        let out = keygen_and_dh_batch(secrets.iter().zip(&peers)).unwrap();
        for ((s, p), (a, shared)) in secrets.iter().zip(&peers).zip(&out) {
            assert_eq!(*a, s.public_key());
            assert_eq!(shared, &x25519_ladder(&s.0, p.key().as_bytes()));
        }
        let zero = LiftedPublicKey::new(X25519PublicKey([0; 32]));
        let refs = [&peers[0], &zero];
        assert_eq!(
            keygen_and_dh_batch(secrets.iter().zip(refs)).unwrap_err(),
            Error::ZeroSharedSecret
        );
        assert!(keygen_and_dh_batch([]).unwrap().is_empty());
    }
}
