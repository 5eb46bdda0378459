//! Inputs shared by the one-to-one checkers: the sender's key and the recipient, parsed as the
//! reference checks them (key first, then recipient), and the error each refusal must give.
#![allow(dead_code)] // each checker uses a subset

use oxen_session::{Ed25519SecretKey, Error, Input, SessionId};
use serde_json::Value;

use crate::support::{bytes, s};

/// `ed25519_privkey` then `recipient_pubkey`, parsed in the reference's order.
pub fn parse(c: &Value) -> Result<(Ed25519SecretKey, SessionId), Error> {
    let key = Ed25519SecretKey::from_bytes(&bytes(c, "ed25519_privkey"))?;
    let recipient = SessionId::from_bytes(&bytes(c, "recipient_pubkey"))?;
    Ok((key, recipient))
}

/// The variant a refusal of the key or recipient must give, from the reference's text: the
/// key's length, or the recipient's length or (33 bytes) prefix.
pub fn expected_input_error(c: &Value) -> Option<Error> {
    let text = s(c, "error");
    if text.contains("ed25519_privkey") {
        return Some(Error::InvalidLength {
            input: Input::SeedOrSecretKey,
            len: bytes(c, "ed25519_privkey").len(),
        });
    }
    if text.contains("recipient_pubkey") {
        let len = bytes(c, "recipient_pubkey").len();
        return Some(if len == SessionId::LEN {
            Error::InvalidPrefix {
                input: Input::SessionId,
            }
        } else {
            Error::InvalidLength {
                input: Input::SessionId,
                len,
            }
        });
    }
    None
}
