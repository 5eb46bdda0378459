//! HTTP server destination (spec §5.4): libsession `OnionReqParser`
//! (`src/onionreq/parser.cpp`), as used by SOGS and the file server.
//!
//! The input is the last hop's whole plaintext `[N][blob]{json}`. Unlike the service-node
//! parser, the key is read leniently ([`X25519PublicKey::parse_lenient`]) and aes-cbc is
//! refused.

use alloc::vec::Vec;
use rand_core::CryptoRng;

use crate::frame::Frame;
use crate::hop::{HopKey, Role};
use crate::keys::{X25519KeyPair, X25519PublicKey};
use crate::reply::EncryptedReply;
use crate::{EncType, Error};

/// libsession `OnionReqParser` default `max_size` (10 MiB); a request of exactly this size is
/// accepted.
pub const DEFAULT_MAX_SIZE: usize = 10_485_760;

/// A parsed and decrypted request at the server (libsession `OnionReqParser`).
pub struct OnionReqParser {
    payload: Vec<u8>,
    remote_pubkey: X25519PublicKey,
    key: HopKey,
}

impl core::fmt::Debug for OnionReqParser {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("OnionReqParser")
            .field("remote_pubkey", &self.remote_pubkey)
            .field("enc_type", &self.key.enc_type())
            .field("payload_len", &self.payload.len())
            .finish_non_exhaustive()
    }
}

impl OnionReqParser {
    /// Parses and decrypts `request` with the server's key pair.
    ///
    /// Checks in the reference's order: size < 4 ("data too small"), size > `max_size`
    /// ("data too big"), N > rest ("segment too small"), JSON, `enc_type` (aes-cbc refused),
    /// `ephemeral_key` present (lenient parse), Diffie-Hellman, decryption.
    ///
    /// # Errors
    /// [`Error::FrameTooShort`], [`Error::TooBig`], [`Error::FrameLengthExceedsInput`],
    /// [`Error::InvalidJson`], [`Error::UnsupportedEncType`], [`Error::UnknownEncType`],
    /// [`Error::MissingField`], [`Error::ZeroSharedSecret`], [`Error::CiphertextTooShort`],
    /// [`Error::DecryptionFailed`].
    pub fn new(keys: &X25519KeyPair, request: &[u8], max_size: usize) -> Result<Self, Error> {
        if request.len() < crate::frame::LENGTH_PREFIX_LEN {
            return Err(Error::FrameTooShort);
        }
        if request.len() > max_size {
            return Err(Error::TooBig(request.len()));
        }
        let frame = Frame::from_bytes(request)?;
        let (remote_pubkey, enc_type) = crate::control::server_metadata(frame.json)?;
        let key = HopKey::derive(enc_type, keys, &remote_pubkey, Role::Node)?;
        let payload = key.decrypt(frame.blob)?;
        Ok(Self {
            payload,
            remote_pubkey,
            key,
        })
    }

    /// The decrypted payload (v3 JSON or v4 bencoded request).
    #[must_use]
    pub fn payload(&self) -> &[u8] {
        &self.payload
    }

    /// The client's ephemeral key for this layer.
    #[must_use]
    pub fn remote_pubkey(&self) -> &X25519PublicKey {
        &self.remote_pubkey
    }

    /// The layer's scheme.
    #[must_use]
    pub fn enc_type(&self) -> EncType {
        self.key.enc_type()
    }

    /// libsession `OnionReqParser::encrypt_reply`: same key and scheme, fresh nonce. Send it
    /// raw for v4, [`EncryptedReply::to_base64`] for v3.
    ///
    /// # Errors
    /// Never for the AEAD types this parser accepts.
    pub fn encrypt_reply<R: CryptoRng + ?Sized>(
        &self,
        rng: &mut R,
        reply: &[u8],
    ) -> Result<EncryptedReply, Error> {
        EncryptedReply::encrypt(&self.key, rng, reply)
    }
}
