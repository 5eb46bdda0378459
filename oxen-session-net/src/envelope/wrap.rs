//! The sending side of one-to-one wrapping: pad, seal (oxen-session), envelope, WebSocket
//! request, base64 (see the module documentation of [`crate::envelope`]).

use alloc::string::String;
use alloc::vec::Vec;

use oxen_session::oxen_keys::codec::to_base64;
use oxen_session::rand_core::CryptoRng;
use oxen_session::{Ed25519SecretKey, Recipient, X25519SecretKey, encrypt_for_recipient_with};
use zeroize::Zeroizing;

use crate::error::Error;
use crate::padding::{Form, pad_with};
use crate::proto::{
    Content, Envelope, EnvelopeType, WebSocketMessage, WebSocketMessageType,
    WebSocketRequestMessage, encode,
};

use super::{PATH, VERB, WrappedMessage};

/// The client's envelope of a one-to-one message (`wrapContentIntoEnvelope`): type
/// SESSION_MESSAGE, the timestamp, the sealed content; no `source`.
#[must_use]
pub fn envelope(timestamp: u64, ciphertext: Vec<u8>) -> Envelope {
    Envelope {
        r#type: EnvelopeType::SessionMessage as i32,
        source: None,
        timestamp,
        content: Some(ciphertext),
        pro_sig: None,
    }
}

/// The client's WebSocket request around an encoded envelope
/// (`wrapEnvelopeInWebSocketMessage`): REQUEST, `PUT /api/v1/message`, the body, id 0.
#[must_use]
pub fn websocket_message(envelope: Vec<u8>) -> WebSocketMessage {
    WebSocketMessage {
        r#type: Some(WebSocketMessageType::Request as i32),
        request: Some(WebSocketRequestMessage {
            verb: Some(String::from(VERB)),
            path: Some(String::from(PATH)),
            body: Some(envelope),
            id: Some(0),
            headers: Vec::new(),
        }),
    }
}

/// Wraps `content` for `recipient` as the client does, with a fresh ephemeral key from `rng`.
/// The envelope's timestamp is the content's `sigTimestamp` (the client sets both to the
/// message's network time, and drops a message whose two timestamps differ).
///
/// ```
/// use oxen_session_net::envelope::{unwrap, wrap, Unwrapped};
/// use oxen_session_net::proto::{Content, DataMessage};
/// use oxen_session_net::oxen_session::{Ed25519SecretKey, Seed};
/// # use rand::SeedableRng;
/// # let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(1);
///
/// let alice = Ed25519SecretKey::from_seed(Seed::from_array([1; 32]));
/// let bob = Ed25519SecretKey::from_seed(Seed::from_array([2; 32]));
/// let hello = Content {
///     data_message: Some(DataMessage { body: Some("hello".into()), ..Default::default() }),
///     sig_timestamp: Some(1_700_000_000_000),
///     ..Default::default()
/// };
/// let wrapped = wrap(&alice, &bob.session_id(), &hello, &mut rng)?;
/// let Unwrapped::Received(got) = unwrap(&bob, &wrapped.data)? else { panic!("dropped") };
/// assert_eq!((&*got.content, got.sender), (&hello, alice.session_id()));
/// # Ok::<(), oxen_session_net::Error>(())
/// ```
///
/// # Errors
/// [`Error::ContentWithoutSigTimestamp`]; the sealing errors of
/// `oxen_session::encrypt_for_recipient` (a zero or small-order recipient key).
pub fn wrap<T: Recipient + ?Sized, R: CryptoRng + ?Sized>(
    sender: &Ed25519SecretKey,
    recipient: &T,
    content: &Content,
    rng: &mut R,
) -> Result<WrappedMessage, Error> {
    wrap_with(sender, recipient, content, &X25519SecretKey::random(rng))
}

/// [`wrap`] with the sealed box's ephemeral secret given.
///
/// # Errors
/// As [`wrap`].
pub fn wrap_with<T: Recipient + ?Sized>(
    sender: &Ed25519SecretKey,
    recipient: &T,
    content: &Content,
    ephemeral: &X25519SecretKey,
) -> Result<WrappedMessage, Error> {
    let timestamp = content
        .sig_timestamp
        .ok_or(Error::ContentWithoutSigTimestamp)?;
    let bytes = Zeroizing::new(encode(content));
    wrap_bytes_with(
        sender,
        recipient,
        &bytes,
        timestamp,
        Form::Legacy,
        ephemeral,
    )
}

/// Wraps an encoded content with the given envelope timestamp and padding form, with a fresh
/// ephemeral key from `rng`. Nothing is checked about the content.
///
/// # Errors
/// The sealing errors of `oxen_session::encrypt_for_recipient`.
pub fn wrap_bytes<T: Recipient + ?Sized, R: CryptoRng + ?Sized>(
    sender: &Ed25519SecretKey,
    recipient: &T,
    content: &[u8],
    timestamp: u64,
    form: Form,
    rng: &mut R,
) -> Result<WrappedMessage, Error> {
    let ephemeral = X25519SecretKey::random(rng);
    wrap_bytes_with(sender, recipient, content, timestamp, form, &ephemeral)
}

/// [`wrap_bytes`] with the ephemeral secret given (`envelope.json` reproduces byte for byte).
///
/// # Errors
/// As [`wrap_bytes`].
pub fn wrap_bytes_with<T: Recipient + ?Sized>(
    sender: &Ed25519SecretKey,
    recipient: &T,
    content: &[u8],
    timestamp: u64,
    form: Form,
    ephemeral: &X25519SecretKey,
) -> Result<WrappedMessage, Error> {
    let padded = Zeroizing::new(pad_with(form, content));
    let ciphertext = encrypt_for_recipient_with(sender, recipient, &padded, ephemeral)?;
    let envelope = encode(&envelope(timestamp, ciphertext));
    let message = encode(&websocket_message(envelope));
    let data = to_base64(&message);
    Ok(WrappedMessage {
        data,
        timestamp,
        message,
    })
}
