//! NaCl `crypto_secretbox` (XSalsa20-Poly1305), detached and in place: the workspace's one
//! secretbox.
//!
//! ```text
//! stream = XSalsa20(key, nonce)                      24-byte nonce, 32-byte key
//! mac_key = stream[0..32]                            one-time Poly1305 key
//! c       = m XOR stream[32..32 + len(m)]
//! tag     = Poly1305(mac_key, c)                     unpadded, 16 bytes
//! ```
//!
//! libsodium's `crypto_secretbox_detached` / `crypto_secretbox_open_detached`
//! (`crypto_secretbox_easy` is `tag ‖ c`). The legacy "heavy" ONS values use it with the
//! all-zero nonce ([`crate::encryption::decrypt_heavy`]); `oxen-session`'s sealed boxes
//! (`crypto_box_easy`, `crypto_box_seal`) use it with their own nonces and keys.
//!
//! Composed from the RustCrypto `salsa20` (XSalsa20 keystream) and `poly1305` crates exactly as
//! NaCl defines it (and as RustCrypto's `crypto_secretbox` crate does; that crate's only release
//! for this trait generation pins release candidates that cannot be resolved beside this
//! workspace's stable `cipher` / `poly1305`, see the README). Opening checks the tag in
//! constant time (`subtle`) before anything is decrypted.

use poly1305::Poly1305;
use poly1305::universal_hash::KeyInit;
use salsa20::XSalsa20;
use salsa20::cipher::{KeyIvInit, StreamCipher};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::Error;

/// Key length (`crypto_secretbox_KEYBYTES`).
pub const KEY_LEN: usize = 32;
/// Nonce length (`crypto_secretbox_NONCEBYTES`).
pub const NONCE_LEN: usize = 24;
/// Tag length (`crypto_secretbox_MACBYTES`).
pub const TAG_LEN: usize = 16;

/// The XSalsa20 keystream positioned at byte 32, and the Poly1305 instance keyed by bytes
/// 0..32.
fn cipher(key: &[u8; KEY_LEN], nonce: &[u8; NONCE_LEN]) -> (XSalsa20, Poly1305) {
    let mut cipher = XSalsa20::new(key.into(), nonce.into());
    let mut mac_key = Zeroizing::new([0u8; 32]);
    cipher.apply_keystream(mac_key.as_mut());
    let mac = Poly1305::new((&*mac_key).into());
    (cipher, mac)
}

/// `crypto_secretbox_detached`: encrypts `buffer` in place and returns the tag.
///
/// ```
/// use oxen_ons::secretbox::{open_in_place_detached, seal_in_place_detached};
///
/// let (key, nonce) = ([7; 32], [9; 24]);
/// let mut buf = *b"attack at dawn";
/// let tag = seal_in_place_detached(&key, &nonce, &mut buf);
/// assert_ne!(&buf, b"attack at dawn");
/// open_in_place_detached(&key, &nonce, &mut buf, &tag)?;
/// assert_eq!(&buf, b"attack at dawn");
/// # Ok::<(), oxen_ons::Error>(())
/// ```
#[must_use]
pub fn seal_in_place_detached(
    key: &[u8; KEY_LEN],
    nonce: &[u8; NONCE_LEN],
    buffer: &mut [u8],
) -> [u8; TAG_LEN] {
    let (mut cipher, mac) = cipher(key, nonce);
    cipher.apply_keystream(buffer);
    mac.compute_unpadded(buffer).into()
}

/// `crypto_secretbox_open_detached`: checks `tag` over the ciphertext in `buffer` (constant
/// time), then decrypts it in place. On failure `buffer` is left as it was.
///
/// # Errors
/// [`Error::DecryptAuth`] if the tag does not match (wrong key or nonce, altered data).
pub fn open_in_place_detached(
    key: &[u8; KEY_LEN],
    nonce: &[u8; NONCE_LEN],
    buffer: &mut [u8],
    tag: &[u8; TAG_LEN],
) -> Result<(), Error> {
    let (mut cipher, mac) = cipher(key, nonce);
    if !bool::from(mac.compute_unpadded(buffer).as_slice().ct_eq(tag)) {
        return Err(Error::DecryptAuth);
    }
    cipher.apply_keystream(buffer);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `crypto_secretbox_easy` (tag ‖ c) as libsodium computes it.
    #[test]
    fn known_answer() {
        let key = [0x42u8; 32];
        let nonce: [u8; 24] = core::array::from_fn(|i| i as u8);
        let mut buf = *b"The one secretbox of the workspace, 45 bytes.";
        let tag = seal_in_place_detached(&key, &nonce, &mut buf);
        let mut easy = tag.to_vec();
        easy.extend_from_slice(&buf);
        let hex: alloc::string::String = easy.iter().map(|b| alloc::format!("{b:02x}")).collect();
        assert_eq!(hex, KAT);
    }

    /// `crypto_secretbox_easy` of the 45-byte message above, key `42…42`, nonce `00 01 … 17`
    /// (libsodium 1.0.20, `libsodium-sys-stable` 1.24).
    const KAT: &str = "2d7796b07d86da8fbe6018435bf17ece3146b0df0ae7803499f71f3162121dabb912b56dfbe54a24088f64a3f1ecf47645e8fcd11e9a38788976ff032a";

    #[test]
    fn open_refuses_any_change_and_leaves_the_buffer() {
        let key = [1u8; 32];
        let nonce = [2u8; 24];
        let mut buf = [3u8; 40];
        let tag = seal_in_place_detached(&key, &nonce, &mut buf);
        let sealed = buf;
        for i in 0..buf.len() {
            let mut b = sealed;
            b[i] ^= 1;
            assert_eq!(
                open_in_place_detached(&key, &nonce, &mut b, &tag),
                Err(Error::DecryptAuth)
            );
            let mut want = sealed;
            want[i] ^= 1;
            assert_eq!(b, want);
        }
        let mut bad_tag = tag;
        bad_tag[15] ^= 0x80;
        let mut b = sealed;
        assert_eq!(
            open_in_place_detached(&key, &nonce, &mut b, &bad_tag),
            Err(Error::DecryptAuth)
        );
        let mut other_nonce = nonce;
        other_nonce[23] ^= 1;
        assert_eq!(
            open_in_place_detached(&key, &other_nonce, &mut b, &tag),
            Err(Error::DecryptAuth)
        );
        open_in_place_detached(&key, &nonce, &mut b, &tag).unwrap();
        assert_eq!(b, [3u8; 40]);
        // the empty message has a tag too
        let mut empty = [0u8; 0];
        let t = seal_in_place_detached(&key, &nonce, &mut empty);
        assert_eq!(open_in_place_detached(&key, &nonce, &mut empty, &t), Ok(()));
    }
}
