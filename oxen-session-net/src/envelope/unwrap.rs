//! The receiving side of one-to-one wrapping: the client's steps in its order (see the module
//! documentation of [`crate::envelope`]).

use alloc::boxed::Box;

use oxen_session::ed25519::{Signature, verify_parts};
use oxen_session::oxen_keys::codec::from_base64;
use oxen_session::sealed_box::seal_open;
use oxen_session::{Ed25519PublicKey, IncomingKey, SessionId};
use zeroize::Zeroizing;

use crate::error::Error;
use crate::padding::unpad;
use crate::proto::{
    Content, Envelope, EnvelopeType, WebSocketMessage, WebSocketMessageType, decode,
};

use super::{Dropped, Received, SIGNED_OVERHEAD, Unwrapped};

/// Unwraps the `data` of a stored message for `recipient` (the account's Ed25519 key, or its
/// X25519 pair derived once for many messages).
///
/// ```
/// use oxen_session_net::envelope::{unwrap, Dropped, Unwrapped};
/// use oxen_session_net::oxen_session::{Ed25519SecretKey, Seed};
///
/// let bob = Ed25519SecretKey::from_seed(Seed::from_array([2; 32]));
/// assert_eq!(unwrap(&bob, "not base64!")?, Unwrapped::Dropped(Dropped::InvalidBase64));
/// # Ok::<(), oxen_session_net::Error>(())
/// ```
///
/// # Errors
/// As [`unwrap_envelope`]; the silent drops are `Ok(Unwrapped::Dropped(_))`.
pub fn unwrap<K: IncomingKey + ?Sized>(recipient: &K, data: &str) -> Result<Unwrapped, Error> {
    match from_base64(data.as_bytes()) {
        Ok(bytes) => unwrap_websocket_message(recipient, &bytes),
        Err(_) => Ok(Unwrapped::Dropped(Dropped::InvalidBase64)),
    }
}

/// [`unwrap`] from the base64-decoded bytes (`extractWebSocketContent`, then the envelope).
///
/// # Errors
/// As [`unwrap_envelope`].
pub fn unwrap_websocket_message<K: IncomingKey + ?Sized>(
    recipient: &K,
    bytes: &[u8],
) -> Result<Unwrapped, Error> {
    let message: WebSocketMessage = match decode(bytes) {
        Ok(m) => m,
        Err(e) => return Ok(Dropped::NotWebSocketMessage(e).into()),
    };
    let message_type = message
        .r#type
        .unwrap_or(WebSocketMessageType::Unknown as i32);
    if message_type != WebSocketMessageType::Request as i32 {
        return Ok(Dropped::NotRequest { message_type }.into());
    }
    match message.request.and_then(|r| r.body) {
        Some(body) if !body.is_empty() => unwrap_envelope(recipient, &body),
        _ => Ok(Dropped::NoBody.into()),
    }
}

/// The envelope's part of the receiving path: decode the `Envelope`, check its content and
/// type, open and check the message (`decryptWithSessionProtocol`), unpad, decode the
/// `Content`.
///
/// # Errors
/// In the client's order: the protobuf errors of the envelope; [`Error::EmptyEnvelope`];
/// [`Error::UnknownEnvelopeType`]; the sealed box's errors (`Error::Session`: too short, zero
/// shared secret, decryption failed); [`Error::PlaintextTooShort`]; the signature's
/// (`Error::Session` with `InvalidSignature`); the sender key's conversion (`Error::Session`
/// with `InvalidPoint`); [`Error::InvalidPadding`]; the protobuf errors of the content.
pub fn unwrap_envelope<K: IncomingKey + ?Sized>(
    recipient: &K,
    bytes: &[u8],
) -> Result<Unwrapped, Error> {
    let envelope: Envelope = decode(bytes)?;
    let ciphertext = match envelope.content.as_deref() {
        Some(c) if !c.is_empty() => c,
        _ => return Err(Error::EmptyEnvelope),
    };
    match envelope.r#type {
        t if t == EnvelopeType::SessionMessage as i32 => {}
        t if t == EnvelopeType::ClosedGroupMessage as i32 => {
            return Ok(Dropped::ClosedGroupMessage.into());
        }
        envelope_type => return Err(Error::UnknownEnvelopeType { envelope_type }),
    }
    let (content, sender_ed25519, sender) = open(recipient, ciphertext)?;
    Ok(Unwrapped::Received(Box::new(Received {
        content,
        sender,
        sender_ed25519,
        timestamp: envelope.timestamp,
    })))
}

/// `decryptWithSessionProtocol`, then unpadding and the `Content`.
fn open<K: IncomingKey + ?Sized>(
    recipient: &K,
    ciphertext: &[u8],
) -> Result<(Zeroizing<Content>, Ed25519PublicKey, SessionId), Error> {
    let pair = recipient.incoming_key_pair();
    let plaintext = seal_open(&pair, ciphertext)?;
    let too_short = Error::PlaintextTooShort {
        len: plaintext.len(),
    };
    let p_len = plaintext
        .len()
        .checked_sub(SIGNED_OVERHEAD)
        .filter(|&n| n > 0)
        .ok_or(too_short)?;
    let (p, signed) = plaintext.split_at_checked(p_len).ok_or(too_short)?;
    let (a, sig) = signed.split_first_chunk::<32>().ok_or(too_short)?;
    let sender = Ed25519PublicKey(*a);
    let sig = Signature::from_bytes(sig)?;
    verify_parts(&sig, &sender, &[p, a, pair.public.as_bytes()])?;
    let sender_id = SessionId::from_ed25519(&sender)?;
    let content = decode::<Content>(unpad(p)?)?;
    Ok((Zeroizing::new(content), sender, sender_id))
}
