//! Who a request came from: the user id pysogs files the request under, and the checked
//! values of an accepted request.

use alloc::string::String;
use core::fmt;

use oxen_session::{BlindedId, Ed25519PublicKey, SessionId};

use super::headers::KeyKind;
use super::request::NONCE_LEN;

/// The id pysogs knows a user by (its `users.session_id`): `05 ‖ ed_to_x(A)` for an unblinded
/// (`00`) key, the header value itself for a blinded one.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum UserId {
    /// An unblinded user: the Session ID of the header's Ed25519 key.
    Unblinded(SessionId),
    /// A 15- or 25-blinded user: the blinded id as sent.
    Blinded(BlindedId),
}

impl UserId {
    /// The 33 bytes.
    #[must_use]
    pub fn to_bytes(&self) -> [u8; 33] {
        match self {
            UserId::Unblinded(s) => s.to_bytes(),
            UserId::Blinded(b) => b.to_bytes(),
        }
    }

    /// 66 lower-case hex digits (pysogs' `session_id` string).
    #[must_use]
    pub fn to_hex(&self) -> String {
        match self {
            UserId::Unblinded(s) => s.to_hex(),
            UserId::Blinded(b) => b.to_hex(),
        }
    }
}

impl fmt::Display for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl fmt::Debug for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "UserId({})", self.to_hex())
    }
}

/// An authenticated request's user and the values it was checked with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AuthenticatedUser {
    /// The user id (pysogs `g.user.session_id`).
    pub id: UserId,
    /// Which key signed.
    pub kind: KeyKind,
    /// The key the signature verified under (`A` or the blinded `A'`).
    pub key: Ed25519PublicKey,
    /// The request's nonce (now recorded as used).
    pub nonce: [u8; NONCE_LEN],
    /// The request's timestamp, unix seconds.
    pub timestamp: i64,
}
