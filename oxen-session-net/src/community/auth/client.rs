//! The client side: the four `X-SOGS-*` headers of a request, signed with the account's key
//! (`00`) or one of its blinded keys for the server (`15`, `25`).
//!
//! The signature is computed by `oxen-session` and nowhere else: plain Ed25519
//! (`oxen_session::ed25519::sign`) for `00`, `oxen_session::blinding::blind15_sign` /
//! `blind25_sign` for the blinded keys (libsession-util's signers, byte for byte: the vectors'
//! `libsession` cases are reproduced exactly). The nonce comes from the caller's RNG
//! ([`Signer::sign`]) or is given ([`Signer::sign_with`]); the timestamp is the caller's clock
//! in unix seconds.

use alloc::borrow::ToOwned;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use oxen_session::blinding::{blind15_key_pair, blind15_sign, blind25_key_pair, blind25_sign};
use oxen_session::ed25519;
use oxen_session::rand_core::CryptoRng;
use oxen_session::{Ed25519SecretKey, ServerPubkey};

use super::codec::{encode_base64, encode_pubkey};
use super::headers::{KeyKind, SogsHeaders};
use super::request::{NONCE_LEN, Request, SignedMessage, upper_method};
use super::user::UserId;
use crate::Error;

/// A request ready to send: the method and target to put on the wire (or into an onion
/// request), the body, and the four headers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedRequest {
    /// The method, upper case (as signed).
    pub method: String,
    /// The target as given (`/path[?query]`, percent-encoded or not): send it as is.
    pub target: String,
    /// The body (empty: none).
    pub body: Vec<u8>,
    /// The `X-SOGS-*` headers.
    pub headers: SogsHeaders,
}

/// Signs requests to one community server with one account and one kind of key. Borrows the
/// account key; `Debug` shows only the public id.
#[derive(Clone)]
pub struct Signer<'k> {
    key: &'k Ed25519SecretKey,
    server: ServerPubkey,
    kind: KeyKind,
    pubkey: [u8; 33],
}

impl<'k> Signer<'k> {
    /// A signer for `key` on the server with key `server`, signing as `kind` (one fixed-base
    /// multiplication for a blinded kind, to learn the blinded key).
    #[must_use]
    pub fn new(key: &'k Ed25519SecretKey, server: ServerPubkey, kind: KeyKind) -> Signer<'k> {
        let public = match kind {
            KeyKind::Unblinded => *key.public_key(),
            KeyKind::Blind15 => *blind15_key_pair(key, &server).public_key(),
            KeyKind::Blind25 => *blind25_key_pair(key, &server).key_pair().public_key(),
        };
        let mut pubkey = [kind.prefix(); 33];
        for (o, b) in pubkey.iter_mut().skip(1).zip(public.as_bytes()) {
            *o = *b;
        }
        Signer {
            key,
            server,
            kind,
            pubkey,
        }
    }

    /// The kind of key.
    #[must_use]
    pub const fn kind(&self) -> KeyKind {
        self.kind
    }

    /// The `X-SOGS-Pubkey` bytes: `00 ‖ A`, `15 ‖ A'` or `25 ‖ A'`.
    #[must_use]
    pub const fn pubkey(&self) -> &[u8; 33] {
        &self.pubkey
    }

    /// The id the server will know this account by: its Session ID for `00`, the blinded id
    /// otherwise (what other users of the community see).
    #[must_use]
    pub fn user_id(&self) -> UserId {
        match self.kind {
            KeyKind::Unblinded => UserId::Unblinded(self.key.session_id()),
            KeyKind::Blind15 => UserId::Blinded(blind15_key_pair(self.key, &self.server).id()),
            KeyKind::Blind25 => UserId::Blinded(blind25_key_pair(self.key, &self.server).id()),
        }
    }

    /// Signs `method target` with `body` at `timestamp` (unix seconds), with a nonce of 16
    /// bytes from `rng`.
    ///
    /// # Errors
    /// As [`Signer::sign_with`].
    pub fn sign<R: CryptoRng + ?Sized>(
        &self,
        rng: &mut R,
        timestamp: u64,
        method: &str,
        target: &str,
        body: &[u8],
    ) -> Result<SignedRequest, Error> {
        let mut nonce = [0u8; NONCE_LEN];
        rng.fill_bytes(&mut nonce);
        self.sign_with(&nonce, timestamp, method, target, body)
    }

    /// Signs with the given nonce (never reuse one: the server refuses a second use, and
    /// pysogs refuses a nonce any other user already sent).
    ///
    /// `target` is `/path[?query]` as it will be sent: the path is signed percent-decoded, the
    /// query as written (pysogs verifies `request.path`, decoded, and the raw
    /// `request.query_string`); an empty body signs no hash.
    ///
    /// # Errors
    /// [`Error::SogsEndpoint`] if `target` does not start with `/`; [`Error::SogsPathEncoding`]
    /// if the decoded path is not UTF-8; [`Error::SogsQueryEncoding`] if the query is not ASCII
    /// (percent-encode it: pysogs would verify its Latin-1 bytes, not the UTF-8 signed here).
    pub fn sign_with(
        &self,
        nonce: &[u8; NONCE_LEN],
        timestamp: u64,
        method: &str,
        target: &str,
        body: &[u8],
    ) -> Result<SignedRequest, Error> {
        let decoded = Request::from_target(target)?;
        if !decoded.query.is_ascii() {
            return Err(Error::SogsQueryEncoding);
        }
        let method = upper_method(method);
        let timestamp = timestamp.to_string();
        let request = Request::new(&method, &decoded, body);
        let message = SignedMessage::new(&self.server, nonce, &timestamp, &request).to_vec();
        let signature = match self.kind {
            KeyKind::Unblinded => ed25519::sign(self.key, &message),
            KeyKind::Blind15 => blind15_sign(self.key, &self.server, &message),
            KeyKind::Blind25 => blind25_sign(self.key, &self.server, &message),
        };
        Ok(SignedRequest {
            method: method.into_owned(),
            target: target.to_owned(),
            body: body.to_vec(),
            headers: SogsHeaders {
                pubkey: encode_pubkey(&self.pubkey),
                nonce: encode_base64(nonce),
                timestamp,
                signature: encode_base64(signature.as_bytes()),
            },
        })
    }
}

impl fmt::Debug for Signer<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signer")
            .field("server", &self.server)
            .field("kind", &self.kind)
            .field("pubkey", &encode_pubkey(&self.pubkey))
            .finish_non_exhaustive()
    }
}
