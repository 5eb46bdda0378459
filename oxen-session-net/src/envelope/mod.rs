//! One-to-one wrapping (spec `session.md` §14.3): from a [`Content`] to the `data` string a
//! client stores on the recipient's swarm, and back, as Session desktop v1.17.2 does it
//! (`MessageWrapper.encryptMessagesAndWrap`, `MessageEncrypter.encrypt`; receiving:
//! `swarmPolling.extractWebSocketContent`, `receiver.handleRequest`,
//! `contentMessage.decryptWithSessionProtocol`).
//!
//! Sender ([`wrap`]), with content `C`, sender Ed25519 key `a/A`, recipient Session ID `05 ‖ Y`:
//!
//! ```text
//! P    = pad(C)                                               padding::pad (legacy form)
//! ct   = crypto_box_seal(P ‖ A ‖ Ed25519-sign_a(P ‖ A ‖ Y), Y)  oxen_session::encrypt_for_recipient
//! env  = Envelope { type: 6, timestamp: ms, content: ct }      08 06 28 <ts> 42 <len> ct
//! ws   = WebSocketMessage { type: REQUEST, request: { verb: "PUT",
//!            path: "/api/v1/message", body: env, id: 0 } }    08 01 12 <len> 0a 03 PUT 12 0f … 1a <len> env 20 00
//! data = base64(ws)                                          standard alphabet, padded
//! ```
//!
//! The store request that carries `data` to the swarm is [`WrappedMessage::to_store`] (namespace
//! 0 of the recipient, a TTL), built and sent by the storage-request module
//! ([`crate::storage::build_request`] with the recipient's account, unsigned).
//!
//! Receiver ([`unwrap`]), the client's steps in its order:
//!
//! 1. base64-decode `data`, decode a `WebSocketMessage`; a failure, a type other than REQUEST,
//!    or no (or an empty) request body is **dropped silently** ([`Unwrapped::Dropped`], not an
//!    error: the client's `extractWebSocketContent` returns nothing). A bare `Envelope` is
//!    dropped here too: its field 1 reads as type 6.
//! 2. decode the `Envelope` (errors are [`Error`]s); no or empty content →
//!    [`Error::EmptyEnvelope`]; type 7 (closed group) goes to the group path, so it is
//!    [`Dropped::ClosedGroupMessage`] here; any type but 6 and 7 →
//!    [`Error::UnknownEnvelopeType`].
//! 3. `decryptWithSessionProtocol`: open the sealed box with the recipient's X25519 pair
//!    (`oxen_session::sealed_box::seal_open`; its errors); a plaintext of 96 bytes or fewer →
//!    [`Error::PlaintextTooShort`] (the client checks this before the signature, so a message
//!    with an empty `P` is refused here where libsession's `decrypt_incoming` would accept it);
//!    split `P ‖ A ‖ SIG`; verify `SIG` over `P ‖ A ‖ Y` with libsodium's rules
//!    (`oxen_session::ed25519::verify_parts`); the sender is `05 ‖ ed_to_x(A)`
//!    (`SessionId::from_ed25519`), whatever `source` the envelope carried.
//! 4. unpad ([`crate::padding::unpad`]) and decode the `Content` ([`crate::proto::decode`]).
//!
//! [`Received`] holds the content, the sender and the envelope's timestamp. The client then
//! drops a one-to-one message whose content has a non-zero `sigTimestamp` different from that
//! timestamp (`shouldProcessContentMessage`): [`Received::sig_timestamp_matches`] is that check,
//! left to the caller because the vectors (and the spec's receiving path) stop before it.
//!
//! Vectors: `envelope.json` (wrap byte for byte with the ephemeral key given, unwrap, every
//! error and drop).

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

use oxen_session::{Ed25519PublicKey, SessionId};
use zeroize::Zeroizing;

use crate::error::Error;
use crate::proto::Content;
use crate::storage::{Namespace, Store};

mod unwrap;
mod wrap;

pub use unwrap::{unwrap, unwrap_envelope, unwrap_websocket_message};
pub use wrap::{envelope, websocket_message, wrap, wrap_bytes, wrap_bytes_with, wrap_with};

/// The request verb of a stored one-to-one message.
pub const VERB: &str = "PUT";
/// The request path of a stored one-to-one message.
pub const PATH: &str = "/api/v1/message";
/// The plaintext of a one-to-one message ends with the sender's key and signature: a
/// plaintext this long or shorter holds no content ([`Error::PlaintextTooShort`]).
pub const SIGNED_OVERHEAD: usize = oxen_session::one_to_one::SIGNED_OVERHEAD;

/// A wrapped one-to-one message: the `data` of the store request and the message's timestamp
/// (and the encoded `WebSocketMessage` itself, which [`WrappedMessage::to_store`] stores).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct WrappedMessage {
    /// Standard base64 (padded) of the `WebSocketMessage`: the store request's `data`.
    pub data: String,
    /// The message's network timestamp (ms), as in its envelope.
    pub timestamp: u64,
    /// The encoded `WebSocketMessage` `data` is the base64 of (kept from wrapping, so that the
    /// store request needs no decoding).
    message: Vec<u8>,
}

impl WrappedMessage {
    /// The encoded `WebSocketMessage`: the bytes [`WrappedMessage::data`] is the base64 of, as
    /// wrapped.
    #[must_use]
    pub fn message_bytes(&self) -> &[u8] {
        &self.message
    }

    /// The `store` request a client makes for it: namespace 0 of the recipient's swarm (its
    /// public inbox: sent unsigned, [`crate::storage::Signer::Unsigned`] with the recipient's
    /// account), kept `ttl_ms` milliseconds, the wrapped bytes as `data` (in the JSON they are
    /// [`WrappedMessage::data`] again). Build it at the message's time,
    /// [`WrappedMessage::timestamp`], as the client does.
    ///
    /// ```
    /// use oxen_session_net::envelope::wrap;
    /// use oxen_session_net::oxen_session::{Ed25519SecretKey, Seed};
    /// use oxen_session_net::proto::{Content, DataMessage};
    /// use oxen_session_net::storage::{build_request, AccountId, Signer};
    /// # use rand::SeedableRng;
    /// # let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(1);
    ///
    /// let alice = Ed25519SecretKey::from_seed(Seed::from_array([1; 32]));
    /// let bob = Ed25519SecretKey::from_seed(Seed::from_array([2; 32])).session_id();
    /// let hello = Content {
    ///     data_message: Some(DataMessage { body: Some("hello".into()), ..Default::default() }),
    ///     sig_timestamp: Some(1_700_000_000_000),
    ///     ..Default::default()
    /// };
    /// let wrapped = wrap(&alice, &bob, &hello, &mut rng)?;
    /// let store = wrapped.to_store(14 * 24 * 3600 * 1000);
    /// let to_bob = Signer::Unsigned(AccountId::from_session_id(&bob));
    /// let request = build_request(&store.into(), &to_bob, wrapped.timestamp)?;
    /// assert!(request.to_json().contains(&format!(r#""data":"{}""#, wrapped.data)));
    /// # Ok::<(), oxen_session_net::Error>(())
    /// ```
    #[must_use]
    pub fn to_store(&self, ttl_ms: u64) -> Store {
        Store {
            namespace: Namespace::DEFAULT,
            ttl_ms,
            data: self.message.clone(),
        }
    }
}

/// What [`unwrap`] found: a message, or a reason the client drops the input without an error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unwrapped {
    /// A one-to-one message, opened and checked (boxed: a `Content` is large).
    Received(Box<Received>),
    /// Dropped silently, as the client drops it.
    Dropped(Dropped),
}

/// Why the client drops a stored message without an error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Dropped {
    /// `data` is not base64 (oxenc's rules: standard or URL alphabet, optional padding).
    InvalidBase64,
    /// The bytes are not a `WebSocketMessage`: the decoding error.
    NotWebSocketMessage(Error),
    /// The `WebSocketMessage` is not a REQUEST (its type, 0 when absent).
    NotRequest {
        /// The type found.
        message_type: i32,
    },
    /// The request has no body, or an empty one.
    NoBody,
    /// A closed-group envelope (type 7): the group path handles it, not this one.
    ClosedGroupMessage,
}

/// A received one-to-one message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Received {
    /// The decoded content (wiped when dropped: it may carry keys, e.g. a profile key or a
    /// group's seed, and the conversation's text).
    pub content: Zeroizing<Content>,
    /// The sender, `05 ‖ ed_to_x(A)` from the key that signed the message.
    pub sender: SessionId,
    /// The sender's Ed25519 key `A`.
    pub sender_ed25519: Ed25519PublicKey,
    /// The envelope's timestamp (ms).
    pub timestamp: u64,
}

impl Received {
    /// The client's `shouldProcessContentMessage` for a one-to-one message: `true` when the
    /// content's `sigTimestamp` is absent or zero (legacy senders) or equals the envelope
    /// timestamp. The client drops the message otherwise.
    #[must_use]
    pub fn sig_timestamp_matches(&self) -> bool {
        match self.content.sig_timestamp {
            None | Some(0) => true,
            Some(t) => t == self.timestamp,
        }
    }
}

impl From<Dropped> for Unwrapped {
    fn from(d: Dropped) -> Unwrapped {
        Unwrapped::Dropped(d)
    }
}
