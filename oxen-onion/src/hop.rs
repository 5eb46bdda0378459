//! Hop encryption (spec §2): key derivation per `enc_type` and the symmetric layer format.
//!
//! Reference: libsession `HopEncryption::{encrypt,decrypt}` (`src/onionreq/hop_encryption.cpp`)
//! and oxenss `ChannelEncryption::{encrypt,decrypt}` (`oxenss/crypto/channel_encryption.cpp`).
//!
//! | enc_type | key | wire |
//! | --- | --- | --- |
//! | aes-gcm | HMAC-SHA256(key = `"LOKI"`, S) | `iv[12] ‖ ct ‖ tag[16]` |
//! | xchacha20 | BLAKE2b-256(S ‖ A_client ‖ B_node) | `nonce[24] ‖ ct ‖ tag[16]` |
//! | aes-cbc | S | `iv[16] ‖ PKCS#7(ct)` (no MAC) |
//!
//! S = X25519(a, B) = X25519(b, A); the all-zero S is rejected. The key is the same in both
//! directions: a reply uses the key of the request layer it answers, with a fresh nonce.

use aes_gcm::Aes256Gcm;
use aes_gcm::aead::{AeadInOut, KeyInit};
use alloc::vec::Vec;
use blake2::{Blake2b256, Digest};
use chacha20poly1305::XChaCha20Poly1305;
use hmac::{Hmac, Mac};
use rand_core::CryptoRng;
use sha2::Sha256;
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::keys::{SharedSecret, X25519KeyPair, X25519PublicKey};
use crate::{EncType, Error};

/// AES-256-GCM IV length (the standard 96-bit IV).
pub const AES_GCM_NONCE_LEN: usize = 12;
/// XChaCha20-Poly1305 nonce length.
pub const XCHACHA20_NONCE_LEN: usize = 24;
/// AEAD tag length of both AEAD types.
pub const TAG_LEN: usize = 16;
/// AES-CBC IV length.
pub const AES_CBC_IV_LEN: usize = 16;
/// AES block length (CBC padding granularity).
pub const AES_BLOCK_LEN: usize = 16;
/// The HMAC-SHA256 *key* of the aes-gcm key derivation (the message is S).
pub const AES_GCM_KEY_DOMAIN: &[u8; 4] = b"LOKI";
/// Symmetric key length of every type.
pub const SYMMETRIC_KEY_LEN: usize = 32;

/// Which side of a layer is deriving the key. Only xchacha20 cares: its hash input is always
/// client (ephemeral) pubkey first, then node pubkey, whichever side computes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The onion builder (ephemeral key; libsession `server = false`).
    Client,
    /// A service node or server destination (libsession `server = true`).
    Node,
}

/// The symmetric key of one layer together with its scheme: encrypts the request layer and
/// the reply that answers it. Zeroized on drop, never printed.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct HopKey {
    #[zeroize(skip)]
    enc_type: EncType,
    key: [u8; SYMMETRIC_KEY_LEN],
}

impl core::fmt::Debug for HopKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("HopKey")
            .field("enc_type", &self.enc_type)
            .finish_non_exhaustive()
    }
}

impl HopKey {
    /// Derives the layer key for `enc_type` from our key pair and the peer's public key
    /// (libsession `HopEncryption` / oxenss `ChannelEncryption` key derivation, spec §2).
    ///
    /// # Errors
    /// [`Error::ZeroSharedSecret`] if X25519 gives the all-zero output.
    pub fn derive(
        enc_type: EncType,
        local: &X25519KeyPair,
        remote: &X25519PublicKey,
        role: Role,
    ) -> Result<Self, Error> {
        let s = local.secret.diffie_hellman(remote)?;
        let (client, node) = match role {
            Role::Client => (&local.public, remote),
            Role::Node => (remote, &local.public),
        };
        Self::from_shared_secret(enc_type, &s, client, node)
    }

    /// The key derivation of `enc_type` from S and the two public keys (client = ephemeral,
    /// node = the node's key; only xchacha20 hashes them).
    pub(crate) fn from_shared_secret(
        enc_type: EncType,
        s: &SharedSecret,
        client: &X25519PublicKey,
        node: &X25519PublicKey,
    ) -> Result<Self, Error> {
        let key: [u8; SYMMETRIC_KEY_LEN] = match enc_type {
            EncType::AesGcm => {
                // HMAC takes keys of any length: this cannot fail for the 4-byte "LOKI"
                let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(AES_GCM_KEY_DOMAIN)
                    .map_err(|_| Error::InvalidKeyLength)?;
                mac.update(s.expose_bytes());
                mac.finalize().into_bytes().into()
            }
            EncType::XChaCha20 => {
                let mut h = Blake2b256::new();
                h.update(s.expose_bytes());
                h.update(client.as_bytes());
                h.update(node.as_bytes());
                h.finalize().into()
            }
            EncType::AesCbc => *s.expose_bytes(),
        };
        Ok(Self { enc_type, key })
    }

    /// Wraps an already derived key (for tests against `symmetric_key` in the vectors).
    #[must_use]
    pub const fn from_raw(enc_type: EncType, key: [u8; SYMMETRIC_KEY_LEN]) -> Self {
        Self { enc_type, key }
    }

    /// The scheme of this layer.
    #[must_use]
    pub const fn enc_type(&self) -> EncType {
        self.enc_type
    }

    /// The derived symmetric key.
    #[must_use]
    pub const fn expose_bytes(&self) -> &[u8; SYMMETRIC_KEY_LEN] {
        &self.key
    }

    /// Length of the ciphertext of a `plaintext_len`-byte message.
    #[must_use]
    pub const fn ciphertext_len(enc_type: EncType, plaintext_len: usize) -> usize {
        match enc_type {
            EncType::AesCbc => AES_CBC_IV_LEN + (plaintext_len / AES_BLOCK_LEN + 1) * AES_BLOCK_LEN,
            t => t.overhead() + plaintext_len,
        }
    }

    /// Encrypts with a fresh nonce drawn from `rng` (libsession `HopEncryption::encrypt`).
    ///
    /// # Errors
    /// [`Error::UnsupportedEncType`] for aes-cbc without the `legacy-aes-cbc` feature.
    pub fn encrypt<R: CryptoRng + ?Sized>(
        &self,
        rng: &mut R,
        plaintext: &[u8],
    ) -> Result<Vec<u8>, Error> {
        let mut nonce = [0u8; XCHACHA20_NONCE_LEN];
        let n = nonce
            .get_mut(..self.enc_type.nonce_len())
            .ok_or(Error::CiphertextTooShort)?;
        rng.fill_bytes(n);
        self.encrypt_with_nonce(n, plaintext)
    }

    /// Encrypts with the given nonce (must be [`EncType::nonce_len`] bytes); output is
    /// `nonce ‖ ciphertext ‖ tag` (aes-cbc: `iv ‖ padded ciphertext`).
    ///
    /// # Errors
    /// [`Error::InvalidKeyLength`] if the nonce has the wrong length,
    /// [`Error::UnsupportedEncType`] for aes-cbc without the `legacy-aes-cbc` feature.
    pub fn encrypt_with_nonce(&self, nonce: &[u8], plaintext: &[u8]) -> Result<Vec<u8>, Error> {
        if nonce.len() != self.enc_type.nonce_len() {
            return Err(Error::InvalidKeyLength);
        }
        let mut out = Vec::with_capacity(Self::ciphertext_len(self.enc_type, plaintext.len()));
        out.extend_from_slice(nonce);
        out.extend_from_slice(plaintext);
        match self.enc_type {
            EncType::AesGcm | EncType::XChaCha20 => {
                let (n, body) = out.split_at_mut(nonce.len());
                let tag = self.seal_in_place(n, body)?;
                out.extend_from_slice(&tag);
            }
            EncType::AesCbc => self.cbc_encrypt_tail(&mut out, nonce.len())?,
        }
        Ok(out)
    }

    /// AEAD-encrypts `buf` in place under `nonce` (no AAD), returning the detached tag; the
    /// wire form is `nonce ‖ buf ‖ tag`. The builder uses this to encrypt each layer in the
    /// buffer it was framed in.
    ///
    /// # Errors
    /// [`Error::InvalidKeyLength`] for a nonce of the wrong length,
    /// [`Error::UnsupportedEncType`] for aes-cbc (not an AEAD).
    pub fn seal_in_place(&self, nonce: &[u8], buf: &mut [u8]) -> Result<[u8; TAG_LEN], Error> {
        let tag = match self.enc_type {
            EncType::AesGcm => {
                let c = Aes256Gcm::new(&self.key.into());
                let n: [u8; AES_GCM_NONCE_LEN] =
                    nonce.try_into().map_err(|_| Error::InvalidKeyLength)?;
                c.encrypt_inout_detached(&n.into(), &[], buf.into())
                    .map_err(|_| Error::TooBig(buf.len()))?
            }
            EncType::XChaCha20 => {
                let c = XChaCha20Poly1305::new(&self.key.into());
                let n: [u8; XCHACHA20_NONCE_LEN] =
                    nonce.try_into().map_err(|_| Error::InvalidKeyLength)?;
                c.encrypt_inout_detached(&n.into(), &[], buf.into())
                    .map_err(|_| Error::TooBig(buf.len()))?
            }
            EncType::AesCbc => return Err(Error::UnsupportedEncType),
        };
        Ok(tag.into())
    }

    #[cfg(feature = "legacy-aes-cbc")]
    fn cbc_encrypt_tail(&self, out: &mut Vec<u8>, iv_len: usize) -> Result<(), Error> {
        use cbc::cipher::{BlockModeEncrypt, KeyIvInit, block_padding::Pkcs7};
        let msg_len = out.len() - iv_len;
        let padded = (msg_len / AES_BLOCK_LEN + 1) * AES_BLOCK_LEN;
        out.resize(iv_len + padded, 0);
        let (iv, body) = out.split_at_mut(iv_len);
        let enc = cbc::Encryptor::<aes_gcm::aes::Aes256>::new_from_slices(&self.key, iv)
            .map_err(|_| Error::InvalidKeyLength)?;
        enc.encrypt_padded::<Pkcs7>(body, msg_len)
            .map_err(|_| Error::DecryptionFailed)?;
        Ok(())
    }

    #[cfg(not(feature = "legacy-aes-cbc"))]
    fn cbc_encrypt_tail(&self, _out: &mut Vec<u8>, _iv_len: usize) -> Result<(), Error> {
        Err(Error::UnsupportedEncType)
    }

    /// Decrypts `nonce ‖ ciphertext ‖ tag` (libsession `HopEncryption::decrypt`, oxenss
    /// `ChannelEncryption::decrypt`). The tag is checked in constant time by the AEAD.
    ///
    /// # Errors
    /// [`Error::CiphertextTooShort`] below nonce + tag (aes-gcm: 28, xchacha20: 40; aes-cbc:
    /// IV + one block), [`Error::DecryptionFailed`] on a bad tag or bad CBC padding.
    pub fn decrypt(&self, ciphertext: &[u8]) -> Result<Vec<u8>, Error> {
        let nonce_len = self.enc_type.nonce_len();
        if ciphertext.len() < self.enc_type.overhead() {
            return Err(Error::CiphertextTooShort);
        }
        let (nonce, rest) = ciphertext.split_at(nonce_len);
        match self.enc_type {
            EncType::AesGcm | EncType::XChaCha20 => {
                let (body, tag) = rest.split_at(rest.len() - TAG_LEN);
                let mut out = body.to_vec();
                let tag: [u8; TAG_LEN] = tag.try_into().map_err(|_| Error::CiphertextTooShort)?;
                let ok = match self.enc_type {
                    EncType::AesGcm => {
                        let n: [u8; AES_GCM_NONCE_LEN] =
                            nonce.try_into().map_err(|_| Error::CiphertextTooShort)?;
                        Aes256Gcm::new(&self.key.into()).decrypt_inout_detached(
                            &n.into(),
                            &[],
                            out.as_mut_slice().into(),
                            &tag.into(),
                        )
                    }
                    _ => {
                        let n: [u8; XCHACHA20_NONCE_LEN] =
                            nonce.try_into().map_err(|_| Error::CiphertextTooShort)?;
                        XChaCha20Poly1305::new(&self.key.into()).decrypt_inout_detached(
                            &n.into(),
                            &[],
                            out.as_mut_slice().into(),
                            &tag.into(),
                        )
                    }
                };
                if ok.is_err() {
                    out.zeroize();
                    return Err(Error::DecryptionFailed);
                }
                Ok(out)
            }
            EncType::AesCbc => self.cbc_decrypt(nonce, rest),
        }
    }

    #[cfg(feature = "legacy-aes-cbc")]
    fn cbc_decrypt(&self, iv: &[u8], body: &[u8]) -> Result<Vec<u8>, Error> {
        use cbc::cipher::{BlockModeDecrypt, KeyIvInit, block_padding::Pkcs7};
        if !body.len().is_multiple_of(AES_BLOCK_LEN) {
            return Err(Error::DecryptionFailed);
        }
        let dec = cbc::Decryptor::<aes_gcm::aes::Aes256>::new_from_slices(&self.key, iv)
            .map_err(|_| Error::InvalidKeyLength)?;
        let mut buf = body.to_vec();
        let len = dec
            .decrypt_padded::<Pkcs7>(&mut buf)
            .map_err(|_| Error::DecryptionFailed)?
            .len();
        buf.truncate(len);
        Ok(buf)
    }

    #[cfg(not(feature = "legacy-aes-cbc"))]
    fn cbc_decrypt(&self, _iv: &[u8], _body: &[u8]) -> Result<Vec<u8>, Error> {
        Err(Error::UnsupportedEncType)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::X25519SecretKey;

    fn pair(b: u8) -> X25519KeyPair {
        X25519KeyPair::from_secret(X25519SecretKey::from_bytes([b; 32]))
    }

    #[test]
    fn both_roles_same_key_every_type() {
        let (a, b) = (pair(1), pair(2));
        for t in [EncType::AesGcm, EncType::XChaCha20, EncType::AesCbc] {
            let kc = HopKey::derive(t, &a, &b.public, Role::Client).unwrap();
            let kn = HopKey::derive(t, &b, &a.public, Role::Node).unwrap();
            assert_eq!(kc.expose_bytes(), kn.expose_bytes());
        }
        // the wrong role only changes xchacha20
        let kw = HopKey::derive(EncType::XChaCha20, &b, &a.public, Role::Client).unwrap();
        let kc = HopKey::derive(EncType::XChaCha20, &a, &b.public, Role::Client).unwrap();
        assert_ne!(kw.expose_bytes(), kc.expose_bytes());
    }

    #[test]
    fn short_and_tampered() {
        let k = HopKey::from_raw(EncType::AesGcm, [3; 32]);
        assert_eq!(k.decrypt(&[0u8; 27]), Err(Error::CiphertextTooShort));
        let mut ct = k.encrypt_with_nonce(&[1; 12], b"hi").unwrap();
        assert_eq!(k.decrypt(&ct).unwrap(), b"hi");
        ct[13] ^= 1;
        assert_eq!(k.decrypt(&ct), Err(Error::DecryptionFailed));
        assert_eq!(
            k.encrypt_with_nonce(&[1; 11], b"x"),
            Err(Error::InvalidKeyLength)
        );
    }
}
