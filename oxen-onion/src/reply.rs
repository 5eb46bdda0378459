//! Replies (spec §5.5): wrapping and encryption at the destination, decryption and status
//! handling at the client.
//!
//! There is no onion-wrapping on the way back: the destination encrypts once with the key of
//! the request layer it answers (fresh nonce), and every hop passes the bytes back unchanged.

use alloc::string::String;
use alloc::vec::Vec;
use rand_core::CryptoRng;

use crate::codec;
use crate::control::{itoa, write_json_string};
use crate::hop::{HopKey, Role};
use crate::keys::{Ed25519PublicKey, X25519KeyPair, X25519PublicKey};
use crate::{EncType, Error};

/// Body of a storage-RPC response, before wrapping.
#[derive(Clone, Debug, PartialEq)]
pub enum ResponseBody {
    /// A string body: stays a JSON string.
    Text(String),
    /// A JSON body: dumped into a string unless the request asked `"json": true`.
    Json(serde_json::Value),
}

/// oxenss `RequestHandler::wrap_proxy_response` plaintext: `{"body":<body>,"status":<int>}`
/// with sorted, compact keys. A JSON body is double-encoded (dumped into a string) unless
/// `embed_json` (the request's `"json": true`).
#[must_use]
pub fn wrap_proxy_response(status: u16, body: &ResponseBody, embed_json: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(32);
    out.extend_from_slice(b"{\"body\":");
    match body {
        ResponseBody::Text(s) => write_json_string(&mut out, s),
        ResponseBody::Json(v) => {
            let dumped = serde_json::to_string(v).unwrap_or_default();
            if embed_json {
                out.extend_from_slice(dumped.as_bytes());
            } else {
                write_json_string(&mut out, &dumped);
            }
        }
    }
    out.extend_from_slice(b",\"status\":");
    out.extend_from_slice(itoa(u64::from(status)).as_bytes());
    out.push(b'}');
    out
}

/// An encrypted reply as it travels back: `nonce ‖ ct ‖ tag` of the wrapped response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EncryptedReply(Vec<u8>);

impl EncryptedReply {
    /// Encrypts `plaintext` under the request layer's key with a fresh nonce.
    ///
    /// # Errors
    /// [`Error::UnsupportedEncType`] for aes-cbc without the `legacy-aes-cbc` feature.
    pub fn encrypt<R: CryptoRng + ?Sized>(
        key: &HopKey,
        rng: &mut R,
        plaintext: &[u8],
    ) -> Result<Self, Error> {
        key.encrypt(rng, plaintext).map(Self)
    }
    /// The ciphertext bytes (the v4 "raw" transport encoding).
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
    /// Wraps received ciphertext bytes.
    #[must_use]
    pub fn from_bytes(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }
    /// Standard padded base64 (the default snode and v3 transport encoding).
    #[must_use]
    pub fn to_base64(&self) -> String {
        codec::to_base64(&self.0)
    }
}

/// What a path node can say in plain text (spec §5.1–§5.3, §7), recognised by its fixed prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PathFailureKind {
    /// 400 `Error parsing onion request: …` (the entry node could not parse the outer frame).
    EdgeParse,
    /// 400 `Invalid ciphertext` (some node could not decrypt its layer).
    InvalidCiphertext,
    /// 400 `Invalid internal onion request: …` (a relay message did not decode).
    InvalidInternalRequest,
    /// 400 `onion request max path length exceeded`.
    MaxPathLength,
    /// 413 `Request body too large`.
    TooLarge,
    /// 502 `Next node not found: <ed25519>`.
    NextNodeNotFound(Ed25519PublicKey),
    /// 503 `Snode not ready: <ed25519>`.
    NotReady(Ed25519PublicKey),
    /// 504 (relay timeout or server timeout).
    Timeout,
    /// 500 `Invalid response from snode`.
    InvalidResponse,
    /// Any other status or text.
    Other,
}

/// A plain-text error that came back along the path, with the hop it points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PathFailure {
    /// Transport status.
    pub status: u16,
    /// Which error it is.
    pub kind: PathFailureKind,
    /// Index in the path (0 = entry node) of the hop that reported or caused the failure,
    /// when the text identifies it: the entry node for parse errors, the node *before* the
    /// unknown next node for `Next node not found`, the named node for `Snode not ready`.
    /// `None` when the reply does not say (e.g. `Invalid ciphertext` can come from any hop).
    pub hop: Option<u8>,
}

/// Everything the client needs to read the reply to one request (libsession
/// `ResponseParser`): the destination layer's key pair, the destination key and the path.
pub struct ReplyDecryptor {
    final_pair: X25519KeyPair,
    destination: X25519PublicKey,
    key: HopKey,
    path: Vec<Ed25519PublicKey>,
}

impl core::fmt::Debug for ReplyDecryptor {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ReplyDecryptor")
            .field("final_public", &self.final_pair.public)
            .field("destination", &self.destination)
            .field("enc_type", &self.key.enc_type())
            .finish_non_exhaustive()
    }
}

impl ReplyDecryptor {
    pub(crate) fn new(
        final_pair: X25519KeyPair,
        destination: X25519PublicKey,
        key: HopKey,
        path: Vec<Ed25519PublicKey>,
    ) -> Self {
        Self {
            final_pair,
            destination,
            key,
            path,
        }
    }

    /// Rebuilds a decryptor from the builder's final-hop key pair (libsession
    /// `ResponseParser(final_hop_x25519_keypair, destination_x25519, enc_type)`).
    ///
    /// # Errors
    /// [`Error::ZeroSharedSecret`] if the destination key is of low order.
    pub fn from_keys(
        final_pair: X25519KeyPair,
        destination: X25519PublicKey,
        enc_type: EncType,
        path: Vec<Ed25519PublicKey>,
    ) -> Result<Self, Error> {
        let key = HopKey::derive(enc_type, &final_pair, &destination, Role::Client)?;
        Ok(Self {
            final_pair,
            destination,
            key,
            path,
        })
    }

    /// The destination layer's ephemeral key pair (libsession `final_hop_x25519_keypair`).
    #[must_use]
    pub fn final_hop_keypair(&self) -> &X25519KeyPair {
        &self.final_pair
    }

    /// libsession `ResponseParser::decrypt`: decrypts raw ciphertext; when xchacha20 fails it
    /// retries as aes-gcm (the legacy push server answers errors in aes-gcm).
    ///
    /// # Errors
    /// [`Error::CiphertextTooShort`] / [`Error::DecryptionFailed`].
    pub fn decrypt(&self, ciphertext: &[u8]) -> Result<Vec<u8>, Error> {
        match self.key.decrypt(ciphertext) {
            Ok(p) => Ok(p),
            Err(e) if self.key.enc_type() == EncType::XChaCha20 => {
                let gcm = HopKey::derive(
                    EncType::AesGcm,
                    &self.final_pair,
                    &self.destination,
                    Role::Client,
                )
                .map_err(|_| e)?;
                gcm.decrypt(ciphertext).map_err(|_| e)
            }
            Err(e) => Err(e),
        }
    }

    /// Decrypts a transport body that may be raw or base64 (`contrib/onion-request.cpp`:
    /// raw first, then base64). Both encodings are tried with the layer's key before the
    /// xchacha20 → aes-gcm fallback of [`Self::decrypt`] (which costs another X25519), so a
    /// base64 reply does not pay for the fallback.
    ///
    /// # Errors
    /// The raw attempt's error when nothing works.
    pub fn decrypt_transport(&self, body: &[u8]) -> Result<Vec<u8>, Error> {
        let decoded = codec::from_base64(trim_ascii(body)).ok();
        let candidates = core::iter::once(body).chain(decoded.as_deref());
        let err = match self.key.decrypt(body) {
            Ok(p) => return Ok(p),
            Err(e) => e,
        };
        if let Some(Ok(p)) = decoded.as_deref().map(|d| self.key.decrypt(d)) {
            return Ok(p);
        }
        if self.key.enc_type() == EncType::XChaCha20 {
            let gcm = HopKey::derive(
                EncType::AesGcm,
                &self.final_pair,
                &self.destination,
                Role::Client,
            )
            .map_err(|_| err)?;
            for c in candidates {
                if let Ok(p) = gcm.decrypt(c) {
                    return Ok(p);
                }
            }
        }
        Err(err)
    }

    /// Handles a reply as it arrives from the entry node: status 200 is decrypted (raw or
    /// base64); anything else is a plain-text path error, classified and attributed to a
    /// hop where the text allows.
    ///
    /// # Errors
    /// [`Error::PathFailure`] for a plain-text error, or the decryption error.
    pub fn handle_reply(&self, status: u16, body: &[u8]) -> Result<Vec<u8>, Error> {
        if status == 200 {
            return self.decrypt_transport(body);
        }
        Err(Error::PathFailure(self.classify(status, body)))
    }

    /// Classifies a plain-text path error (spec §7) and finds the hop it points at.
    #[must_use]
    pub fn classify(&self, status: u16, body: &[u8]) -> PathFailure {
        let text = core::str::from_utf8(body).unwrap_or("");
        let key_after = |prefix: &str| {
            text.strip_prefix(prefix)
                .and_then(|h| Ed25519PublicKey::from_hex(h.trim()).ok())
        };
        let index_of = |k: &Ed25519PublicKey| {
            self.path
                .iter()
                .position(|p| p == k)
                .and_then(|i| u8::try_from(i).ok())
        };
        let last = u8::try_from(self.path.len().saturating_sub(1)).ok();
        let (kind, hop) = match status {
            400 if text.starts_with("Error parsing onion request") => {
                (PathFailureKind::EdgeParse, Some(0))
            }
            400 if text.starts_with("Invalid ciphertext") => {
                (PathFailureKind::InvalidCiphertext, None)
            }
            400 if text.starts_with("Invalid internal onion request") => {
                (PathFailureKind::InvalidInternalRequest, None)
            }
            400 if text.starts_with("onion request max path length exceeded") => {
                (PathFailureKind::MaxPathLength, None)
            }
            413 => (PathFailureKind::TooLarge, Some(0)),
            502 => match key_after("Next node not found:") {
                Some(k) => {
                    // the node that could not find k is the one before it; k may be the
                    // destination (then the last path hop reported it)
                    let hop = match index_of(&k) {
                        Some(0) => None,
                        Some(i) => Some(i - 1),
                        None => last,
                    };
                    (PathFailureKind::NextNodeNotFound(k), hop)
                }
                None => (PathFailureKind::Other, None),
            },
            503 => match key_after("Snode not ready:") {
                Some(k) => (PathFailureKind::NotReady(k), index_of(&k)),
                None => (PathFailureKind::Other, None),
            },
            504 => (PathFailureKind::Timeout, None),
            500 if text.starts_with("Invalid response from snode") => {
                (PathFailureKind::InvalidResponse, None)
            }
            _ => (PathFailureKind::Other, None),
        };
        PathFailure { status, kind, hop }
    }
}

fn trim_ascii(b: &[u8]) -> &[u8] {
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    let end = b
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map_or(start, |e| e + 1);
    b.get(start..end).unwrap_or(&[])
}

/// A decrypted snode reply `{"body":…,"status":N}` (the inverse of [`wrap_proxy_response`]).
#[derive(Clone, Debug, PartialEq)]
pub struct SnodeResponse {
    /// The inner status (may be an error even though the transport status was 200).
    pub status: u16,
    /// The body: a string, or embedded JSON when the request set `"json": true`.
    pub body: ResponseBody,
}

impl SnodeResponse {
    /// Parses a decrypted snode reply.
    ///
    /// # Errors
    /// [`Error::InvalidJson`], [`Error::MissingField`], [`Error::WrongFieldType`],
    /// [`Error::InvalidStatus`].
    pub fn from_bytes(plaintext: &[u8]) -> Result<Self, Error> {
        let v = crate::control::parse_json(plaintext)?;
        let status = v
            .get("status")
            .ok_or(Error::MissingField("status"))?
            .as_u64()
            .ok_or(Error::WrongFieldType("status"))?;
        let status = u16::try_from(status)
            .ok()
            .filter(|s| (100..=999).contains(s))
            .ok_or(Error::InvalidStatus)?;
        let body = match v.get("body") {
            None => return Err(Error::MissingField("body")),
            Some(serde_json::Value::String(s)) => ResponseBody::Text(s.clone()),
            Some(other) => ResponseBody::Json(other.clone()),
        };
        Ok(Self { status, body })
    }

    /// The canonical plaintext (same as [`wrap_proxy_response`] with the body as given).
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        wrap_proxy_response(self.status, &self.body, true)
    }
}
