//! Push notifications (spec §10): `decrypt_push_notification` (libsession-util @ 8762e9d3,
//! `src/session_encrypt.cpp`). The notification server sends `nonce(24) ‖ ct ‖ tag(16)`,
//! encrypted with the 32-byte key the client registered:
//!
//! ```text
//! P = nonce ‖ c                 XChaCha20-Poly1305-IETF-open(key, nonce, c), no AD
//! m = plaintext with its trailing zero bytes removed (padding), unless it is all zeros
//! ```
//!
//! Checks in the reference's order: payload at least 40 bytes ([`Error::CiphertextTooShort`]),
//! key 32 bytes ([`Error::InvalidLength`] for [`Input::SymmetricKey`]), the tag
//! ([`Error::DecryptionFailed`]). The reference strips with `find_last_not_of(0)`: a plaintext of
//! only zeros (or empty) has no such byte and is returned **unchanged** (vector
//! `push_notification.json` `all_zero_plaintext_kept`); zeros inside are kept
//! (`interior_zeros_kept`). The stripping takes time linear in the padding it removes, which the
//! returned length reveals anyway.
//!
//! The AEAD is RustCrypto's `chacha20poly1305` (`XChaCha20Poly1305`, tag checked in constant
//! time before decryption). Vectors: `push_notification.json`.

use alloc::vec::Vec;

use chacha20poly1305::aead::{AeadInOut, KeyInit};
use chacha20poly1305::{Tag, XChaCha20Poly1305, XNonce};
use zeroize::Zeroizing;

use crate::error::{Error, Input};

/// Bytes of the nonce in front of a payload (`crypto_aead_xchacha20poly1305_ietf_NPUBBYTES`).
pub const NONCE_LEN: usize = 24;
/// Bytes of the tag at its end (`crypto_aead_xchacha20poly1305_ietf_ABYTES`).
pub const TAG_LEN: usize = 16;
/// Bytes of the key (`crypto_aead_xchacha20poly1305_ietf_KEYBYTES`).
pub const KEY_LEN: usize = 32;

/// `decrypt_push_notification(payload, enc_key)`: the notification's plaintext without its zero
/// padding.
///
/// ```
/// use chacha20poly1305::{aead::{AeadInOut, KeyInit}, XChaCha20Poly1305};
/// use oxen_session::push::decrypt_push_notification;
///
/// let key = [7u8; 32];
/// let mut body = b"hello\0\0\0".to_vec();
/// let tag = XChaCha20Poly1305::new(&key.into())
///     .encrypt_inout_detached(&[1; 24].into(), &[], body.as_mut_slice().into())
///     .unwrap();
/// let payload = [&[1; 24][..], &body, &tag].concat();
/// assert_eq!(&decrypt_push_notification(&payload, &key)?[..], b"hello");
/// # Ok::<(), oxen_session::Error>(())
/// ```
///
/// # Errors
/// In order: [`Error::CiphertextTooShort`] below 40 bytes; [`Error::InvalidLength`] for
/// [`Input::SymmetricKey`] unless the key is 32 bytes; [`Error::DecryptionFailed`].
pub fn decrypt_push_notification(payload: &[u8], key: &[u8]) -> Result<Zeroizing<Vec<u8>>, Error> {
    let too_short = Error::CiphertextTooShort {
        len: payload.len(),
        min: NONCE_LEN + TAG_LEN,
    };
    if payload.len() < NONCE_LEN + TAG_LEN {
        return Err(too_short);
    }
    let key: &[u8; KEY_LEN] = key.try_into().map_err(|_| Error::InvalidLength {
        input: Input::SymmetricKey,
        len: key.len(),
    })?;
    let (nonce, rest) = payload.split_first_chunk::<NONCE_LEN>().ok_or(too_short)?;
    let (ct, tag) = rest.split_last_chunk::<TAG_LEN>().ok_or(too_short)?;
    let mut out = Zeroizing::new(ct.to_vec());
    XChaCha20Poly1305::new(key.into())
        .decrypt_inout_detached(
            &XNonce::from(*nonce),
            &[],
            out.as_mut_slice().into(),
            &Tag::from(*tag),
        )
        .map_err(|_| Error::DecryptionFailed)?;
    if let Some(last) = out.iter().rposition(|&b| b != 0) {
        out.truncate(last + 1);
    }
    Ok(out)
}
