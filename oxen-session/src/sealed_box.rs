//! libsodium's public-key box as Session's one-to-one messages use it (spec §5):
//! `crypto_box_beforenm`, `crypto_box_easy` / `crypto_box_open_easy` and the sealed box
//! `crypto_box_seal` / `crypto_box_seal_open` (libsodium 1.0.18, the `libsodium-internal`
//! submodule of libsession-util @ 8762e9d3).
//!
//! ```text
//! S     = X25519(e, Y) = X25519(y, E)          refused if all zero (crypto_scalarmult's -1)
//! K     = HSalsa20(key = S, input = 0^16)      crypto_box_beforenm
//! box   = tag(16) ‖ c                          crypto_secretbox_easy(m, nonce, K) = crypto_box_easy
//!
//! sealed box of m to Y:  e = 32 random bytes (crypto_box_keypair), E = X25519(e, 9)
//! nonce = BLAKE2b-192(E ‖ Y)                   unkeyed, 24-byte output (not a truncation)
//! out   = E ‖ tag ‖ c                          48 bytes longer than m (crypto_box_SEALBYTES)
//! ```
//!
//! Opening reverses it with the recipient's pair `(y, Y)`: `Y` is taken **as given** for the
//! nonce (libsodium does not recompute it from `y`), `S = X25519(y, E)` for any 32 bytes `E`.
//! Every small-order `E` (canonical or not, bit 255 set or not) gives the all-zero `S` and is
//! refused; an `E` that is a valid key plus a small-order component opens, since the clamped `y`
//! is a multiple of 8 (vectors `decrypt_incoming.json` `small_order_ephemeral_*`,
//! `ephemeral_order2_component*`).
//!
//! **Curve work.** Sealing needs `E = e·B` and `S = e·Y`. Both are computed in Edwards form (a
//! fixed-base table multiplication and one variable-base multiplication of the lifted `Y`) and
//! mapped to Montgomery u with **one** batched field inversion (`oxen_keys::keygen_and_dh_batch`),
//! instead of libsodium's base multiplication and Montgomery ladder. Same bytes (the sign of the
//! lift of `Y` does not change the u of `e·Y`); a `Y` on the twist takes the ladder. The lift of
//! `Y` (an inversion and a square root) can be computed once per recipient and reused
//! (`oxen_keys::LiftedPublicKey`, a [`crate::one_to_one::Recipient`]).
//!
//! The XSalsa20-Poly1305 secretbox is `oxen_ons::secretbox`, the workspace's one; HSalsa20 is
//! the `salsa20` crate's `hsalsa`.
//!
//! Vectors: `encrypt_for_recipient.json` (sealing, random and deterministic, and the all-zero
//! refusals), `decrypt_incoming.json` (opening, tampering, small-order ephemeral keys), through
//! [`crate::one_to_one`].

use alloc::vec::Vec;

use oxen_keys::{
    LiftedPublicKey, SharedSecret, X25519KeyPair, X25519PublicKey, X25519SecretKey,
    keygen_and_dh_batch,
};
use oxen_ons::secretbox;
use rand_core::CryptoRng;
use salsa20::cipher::consts::U10;
use subtle::{Choice, ConstantTimeEq};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::error::Error;
use crate::hash::blake2b;
use crate::keys::diffie_hellman;

/// Bytes of a box's authentication tag (`crypto_box_MACBYTES`).
pub const MAC_LEN: usize = 16;
/// Bytes of a box nonce (`crypto_box_NONCEBYTES`).
pub const NONCE_LEN: usize = 24;
/// Bytes of an X25519 public key (`crypto_box_PUBLICKEYBYTES`).
pub const PUBLIC_KEY_LEN: usize = 32;
/// Bytes a sealed box adds to its message: `E ‖ tag` (`crypto_box_SEALBYTES`).
pub const SEAL_BYTES: usize = PUBLIC_KEY_LEN + MAC_LEN;

/// The precomputed key of a box between two X25519 keys (`crypto_box_beforenm`):
/// `HSalsa20(X25519(secret, public), 0^16)`. Secret: not `Copy`, zeroized on drop, printed as
/// `BoxKey(..)`, compared in constant time.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct BoxKey([u8; 32]);

impl BoxKey {
    /// `crypto_box_beforenm(public, secret)`.
    ///
    /// # Errors
    /// [`Error::ZeroSharedSecret`] if `public` is zero or of small order.
    pub fn beforenm(public: &X25519PublicKey, secret: &X25519SecretKey) -> Result<BoxKey, Error> {
        Ok(BoxKey::from_shared_secret(&diffie_hellman(secret, public)?))
    }

    /// The box key of an X25519 output `S`: `HSalsa20(key = S, input = 0^16)` (the second half
    /// of `crypto_box_beforenm`; `S` must already have passed the all-zero check).
    #[must_use]
    pub fn from_shared_secret(shared: &SharedSecret) -> BoxKey {
        let mut k = salsa20::hsalsa::<U10>(shared.expose_bytes().into(), &Default::default());
        let mut key = BoxKey([0; 32]);
        for (o, b) in key.0.iter_mut().zip(k.iter()) {
            *o = *b;
        }
        k.as_mut_slice().zeroize();
        key
    }

    /// The secret bytes.
    #[must_use]
    pub const fn expose_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl core::fmt::Debug for BoxKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("BoxKey(..)")
    }
}

impl ConstantTimeEq for BoxKey {
    fn ct_eq(&self, other: &BoxKey) -> Choice {
        self.0.ct_eq(&other.0)
    }
}

/// Constant-time equality.
impl PartialEq for BoxKey {
    fn eq(&self, other: &BoxKey) -> bool {
        self.ct_eq(other).into()
    }
}
impl Eq for BoxKey {}

/// The nonce of a sealed box: `BLAKE2b-192(E ‖ Y)`, unkeyed (libsodium `_crypto_box_seal_nonce`).
#[must_use]
pub fn seal_nonce(ephemeral: &X25519PublicKey, recipient: &X25519PublicKey) -> [u8; NONCE_LEN] {
    // 24 is a valid BLAKE2b size and the key is empty: the error arm is unreachable
    blake2b::<NONCE_LEN>(&[], &[ephemeral.as_bytes(), recipient.as_bytes()])
        .unwrap_or([0; NONCE_LEN])
}

/// `crypto_box_easy` with a precomputed key (`crypto_box_easy_afternm`): `tag ‖ c`.
#[must_use]
pub fn box_easy(key: &BoxKey, nonce: &[u8; NONCE_LEN], message: &[u8]) -> Vec<u8> {
    let mut out = alloc::vec![0u8; MAC_LEN];
    out.extend_from_slice(message);
    if let Some((tag, body)) = out.split_first_chunk_mut::<MAC_LEN>() {
        *tag = secretbox::seal_in_place_detached(&key.0, nonce, body);
    }
    out
}

/// `crypto_box_open_easy` with a precomputed key (`crypto_box_open_easy_afternm`).
///
/// # Errors
/// [`Error::CiphertextTooShort`] below 16 bytes; [`Error::DecryptionFailed`] if the tag does not
/// match.
pub fn box_open_easy(
    key: &BoxKey,
    nonce: &[u8; NONCE_LEN],
    boxed: &[u8],
) -> Result<Zeroizing<Vec<u8>>, Error> {
    let (tag, body) = boxed
        .split_first_chunk::<MAC_LEN>()
        .ok_or(Error::CiphertextTooShort {
            len: boxed.len(),
            min: MAC_LEN,
        })?;
    let mut out = Zeroizing::new(body.to_vec());
    secretbox::open_in_place_detached(&key.0, nonce, &mut out, tag)
        .map_err(|_| Error::DecryptionFailed)?;
    Ok(out)
}

/// `crypto_box_seal(m, Y)` with a fresh ephemeral key drawn from `rng` (32 bytes, as
/// `crypto_box_keypair` draws them): `E ‖ tag ‖ c`.
///
/// # Errors
/// [`Error::ZeroSharedSecret`] if `recipient` is zero or of small order.
pub fn seal<R: CryptoRng + ?Sized>(
    recipient: &X25519PublicKey,
    message: &[u8],
    rng: &mut R,
) -> Result<Vec<u8>, Error> {
    seal_with(&X25519SecretKey::random(rng), recipient, message)
}

/// [`seal`] with the ephemeral secret `e` given (what the vectors record).
///
/// ```
/// use oxen_session::sealed_box::{seal_open, seal_with, SEAL_BYTES};
/// use oxen_session::{X25519KeyPair, X25519SecretKey};
///
/// let bob = X25519KeyPair::from_secret(X25519SecretKey::from_bytes([2; 32]));
/// let sealed = seal_with(&X25519SecretKey::from_bytes([9; 32]), &bob.public, b"hi")?;
/// assert_eq!(sealed.len(), 2 + SEAL_BYTES);
/// assert_eq!(&seal_open(&bob, &sealed)?[..], b"hi");
/// # Ok::<(), oxen_session::Error>(())
/// ```
///
/// # Errors
/// [`Error::ZeroSharedSecret`] if `recipient` is zero or of small order.
pub fn seal_with(
    ephemeral: &X25519SecretKey,
    recipient: &X25519PublicKey,
    message: &[u8],
) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(SEAL_BYTES + message.len());
    out.resize(SEAL_BYTES, 0);
    out.extend_from_slice(message);
    seal_in_place(ephemeral, &LiftedPublicKey::new(*recipient), &mut out)?;
    Ok(out)
}

/// Seals in place to a lifted recipient key: `buf` holds 48 bytes of room followed by the
/// message; on success it holds `E ‖ tag ‖ c`. On failure the message is wiped.
pub(crate) fn seal_in_place(
    ephemeral: &X25519SecretKey,
    lifted: &LiftedPublicKey,
    buf: &mut [u8],
) -> Result<(), Error> {
    let recipient = lifted.key();
    let batch = keygen_and_dh_batch([(ephemeral, lifted)]);
    let Ok(Some((e_pub, shared))) = batch.map(|v| v.into_iter().next()) else {
        buf.zeroize();
        return Err(Error::ZeroSharedSecret);
    };
    let key = BoxKey::from_shared_secret(&shared);
    let nonce = seal_nonce(&e_pub, recipient);
    let Some((head, body)) = buf.split_first_chunk_mut::<SEAL_BYTES>() else {
        return Err(Error::CiphertextTooShort {
            len: buf.len(),
            min: SEAL_BYTES,
        });
    };
    let (e_out, tag_out) = head.split_at_mut(PUBLIC_KEY_LEN);
    e_out.copy_from_slice(e_pub.as_bytes());
    tag_out.copy_from_slice(&secretbox::seal_in_place_detached(&key.0, &nonce, body));
    Ok(())
}

/// `crypto_box_seal_open(c, Y, y)`: opens a sealed box with the recipient's key pair (its
/// public half is used as given for the nonce).
///
/// # Errors
/// In libsodium's order: [`Error::CiphertextTooShort`] below 48 bytes;
/// [`Error::ZeroSharedSecret`] if `E` is zero or of small order; [`Error::DecryptionFailed`] if
/// the tag does not match.
pub fn seal_open(recipient: &X25519KeyPair, sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, Error> {
    let (e_bytes, boxed) =
        sealed
            .split_first_chunk::<PUBLIC_KEY_LEN>()
            .ok_or(Error::CiphertextTooShort {
                len: sealed.len(),
                min: SEAL_BYTES,
            })?;
    if boxed.len() < MAC_LEN {
        return Err(Error::CiphertextTooShort {
            len: sealed.len(),
            min: SEAL_BYTES,
        });
    }
    let ephemeral = X25519PublicKey(*e_bytes);
    let key = BoxKey::beforenm(&ephemeral, &recipient.secret)?;
    box_open_easy(&key, &seal_nonce(&ephemeral, &recipient.public), boxed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(b: u8) -> X25519KeyPair {
        X25519KeyPair::from_secret(X25519SecretKey::from_bytes([b; 32]))
    }

    #[test]
    fn sealing_is_box_easy_with_the_seal_nonce() {
        let bob = pair(2);
        let e = pair(9);
        let sealed = seal_with(&e.secret, &bob.public, b"message").unwrap();
        assert_eq!(&sealed[..32], e.public.as_bytes());
        let key = BoxKey::beforenm(&bob.public, &e.secret).unwrap();
        // both sides derive the same key
        assert_eq!(key, BoxKey::beforenm(&e.public, &bob.secret).unwrap());
        let boxed = box_easy(&key, &seal_nonce(&e.public, &bob.public), b"message");
        assert_eq!(&sealed[32..], &boxed[..]);
        assert_eq!(&seal_open(&bob, &sealed).unwrap()[..], b"message");
    }

    #[test]
    fn refusals_in_order() {
        let bob = pair(2);
        assert_eq!(
            seal_with(&pair(9).secret, &X25519PublicKey([0; 32]), b"m"),
            Err(Error::ZeroSharedSecret)
        );
        assert_eq!(
            seal_open(&bob, &[0; 47]).err(),
            Some(Error::CiphertextTooShort { len: 47, min: 48 })
        );
        assert_eq!(
            seal_open(&bob, &[0; 48]).err(),
            Some(Error::ZeroSharedSecret)
        );
        let mut sealed = seal_with(&pair(9).secret, &bob.public, b"").unwrap();
        assert_eq!(sealed.len(), 48);
        assert_eq!(&seal_open(&bob, &sealed).unwrap()[..], b"");
        sealed[40] ^= 1;
        assert_eq!(
            seal_open(&bob, &sealed).err(),
            Some(Error::DecryptionFailed)
        );
        assert_eq!(
            box_open_easy(&BoxKey([1; 32]), &[0; 24], &[0; 15]).err(),
            Some(Error::CiphertextTooShort { len: 15, min: 16 })
        );
    }
}
