//! A node's refusal: the typed [`Error`] of the failed check, the HTTP [`Status`] the storage
//! server answers with, and its exact reply text ([`Rejection::message`]).

use alloc::string::{String, ToString};
use core::fmt;

use super::json_out::push_json_string;
use super::method::Method;
use super::param::Param;
use crate::Error;

/// The HTTP status of a refused request (a verified one is `200 OK`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    /// 400: the request does not parse, or (`expire`) asks what its token does not allow.
    BadRequest,
    /// 401: a signature is missing or fails, or (`delete_before`, `expire`) a time is out of
    /// bounds.
    Unauthorized,
    /// 403: a store's TTL, or several expiries before the hard fork that allows them.
    Forbidden,
    /// 406: a time is outside the window around the node's clock.
    NotAcceptable,
}

impl Status {
    /// The numeric code.
    #[must_use]
    pub const fn code(self) -> u16 {
        match self {
            Status::BadRequest => 400,
            Status::Unauthorized => 401,
            Status::Forbidden => 403,
            Status::NotAcceptable => 406,
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.code())
    }
}

/// Why a node refuses a request: the first check that failed, in the server's order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    method: Option<Method>,
    error: Error,
    /// Input echoed in the reply text (an unknown method name, a bad hash, a string value).
    detail: Option<String>,
}

impl Rejection {
    pub(crate) const fn new(error: Error) -> Rejection {
        Rejection {
            method: None,
            error,
            detail: None,
        }
    }

    pub(crate) fn with_detail(error: Error, detail: String) -> Rejection {
        Rejection {
            method: None,
            error,
            detail: Some(detail),
        }
    }

    pub(crate) fn in_method(mut self, method: Method) -> Rejection {
        self.method = Some(method);
        self
    }

    /// The check that failed.
    #[must_use]
    pub const fn error(&self) -> Error {
        self.error
    }

    /// The endpoint, once the method is known.
    #[must_use]
    pub const fn method(&self) -> Option<Method> {
        self.method
    }

    /// The status the storage server answers with.
    #[must_use]
    pub fn status(&self) -> Status {
        match self.error {
            Error::TtlOutOfRange | Error::MultiExpiryInactive => Status::Forbidden,
            Error::ClockSkew => Status::NotAcceptable,
            Error::TimestampOutOfWindow => match self.method {
                Some(Method::DeleteBefore | Method::Expire) => Status::Unauthorized,
                _ => Status::NotAcceptable,
            },
            Error::SignatureRequired
            | Error::PubkeyEd25519Invalid(_)
            | Error::PubkeyEd25519Mismatch
            | Error::SubaccountRevoked
            | Error::SubaccountPrefix { .. }
            | Error::SubaccountAccess { .. }
            | Error::SubaccountSignature(_)
            | Error::RequestSignature(_) => Status::Unauthorized,
            _ => Status::BadRequest,
        }
    }

    /// The storage server's reply text, byte for byte (`Response` body of
    /// `process_client_req`; parse failures are prefixed `invalid request: `).
    #[must_use]
    pub fn message(&self) -> String {
        let detail = self.detail.as_deref().unwrap_or("");
        let method = self.method.map_or("", Method::name);
        match self.error {
            Error::InvalidJson => "invalid json".into(),
            Error::NoMethod => "invalid json: no `method` field".into(),
            Error::NoParams => "invalid json: no `params` field".into(),
            Error::UnknownMethod => alloc::format!("no method {detail}"),
            Error::TtlOutOfRange => "Provided expiry/TTL is not valid.".into(),
            Error::ClockSkew => "Timestamp error: check your clock".into(),
            Error::SignatureRequired if self.method == Some(Method::Store) => {
                alloc::format!("store: signature required to store to namespace {detail}")
            }
            Error::SignatureRequired => "retrieve: request signature required".into(),
            Error::TimestampOutOfWindow => window_message(self.method).into(),
            Error::MultiExpiryInactive => {
                "expire: multi-expiry requests are not yet active on the network".into()
            }
            Error::PubkeyEd25519Invalid(_)
            | Error::PubkeyEd25519Mismatch
            | Error::SubaccountRevoked
            | Error::SubaccountPrefix { .. }
            | Error::SubaccountAccess { .. }
            | Error::SubaccountSignature(_)
            | Error::RequestSignature(_) => match self.method {
                Some(Method::Delete) => "delete_msgs signature verification failed".into(),
                Some(Method::Expire) => "expire: signature verification failed".into(),
                _ => alloc::format!("{method} signature verification failed"),
            },
            Error::ShortenWithoutDelete => "expire: shorten parameter cannot be used with this \
                 subaccount token (missing delete access)"
                .into(),
            e => alloc::format!("invalid request: {}", parse_message(e, detail)),
        }
    }
}

fn window_message(method: Option<Method>) -> &'static str {
    match method {
        Some(Method::Store) => "store signature timestamp too far from current time",
        Some(Method::Retrieve) => "retrieve timestamp too far from current time",
        Some(Method::DeleteAll) => "delete_all timestamp too far from current time",
        Some(Method::DeleteBefore) => "delete_before timestamp too far in the future",
        Some(Method::ExpireAll) => "expire_all timestamp should be >= current time",
        Some(Method::Expire) => "expire: timestamp should be >= current time",
        Some(Method::GetExpiries) => "get_expiries timestamp too far from current time",
        Some(Method::RevokeSubaccount) => "revoke_subaccount timestamp too far from current time",
        Some(Method::UnrevokeSubaccount) => {
            "unrevoke_subaccount timestamp too far from current time"
        }
        Some(Method::Delete) | None => "timestamp too far from current time",
    }
}

/// The `parse_error` text of a parse-step failure.
fn parse_message(e: Error, detail: &str) -> String {
    match e {
        Error::ParamType { param, expected } => {
            alloc::format!("Invalid value given for '{param}': expected {expected}")
        }
        Error::ParamNotInteger { param } => {
            let mut dumped = String::new();
            push_json_string(&mut dumped, detail);
            alloc::format!("Invalid value given for '{param}': {dumped}")
        }
        Error::TimestampNotMilliseconds { param } => {
            alloc::format!("Invalid timestamp for '{param}': timestamp must be in milliseconds")
        }
        Error::NamespaceOutOfRange => {
            "Invalid value given for 'namespace': value out of range".into()
        }
        Error::MissingParam { param } => alloc::format!("Required field '{param}' missing"),
        Error::MissingExpiryAndTtl => "Required field 'expiry' or 'ttl' missing".into(),
        Error::BothParams { first, second } => {
            alloc::format!("Cannot specify both '{first}' and '{second}'")
        }
        Error::InvalidPubkey => "Pubkey must be 66 hex digits (33 bytes) long".into(),
        Error::PubkeyEd25519NotAllowed => {
            "pubkey_ed25519 is only permitted for 05[...] pubkeys".into()
        }
        Error::PubkeyEd25519NotHex => "invalid pubkey_ed25519: value is not hex".into(),
        Error::PubkeyEd25519Length => {
            "Invalid pubkey_ed25519: expected 64 hex char or 32 byte pubkey".into()
        }
        Error::SignatureEncoding => {
            "invalid signature: expected base64 encoded Ed25519 signature".into()
        }
        Error::SubaccountSigMissing => {
            "invalid subaccount: subaccount_sig is required when using subaccount".into()
        }
        Error::SubaccountEncoding => {
            "invalid subaccount: expected base64 or hex-encoded subaccount token".into()
        }
        Error::SubaccountSigEncoding => {
            "invalid subaccount signature: expected base64 encoded Ed25519 signature".into()
        }
        Error::DataNotBase64 => "Invalid 'data' value: not base64 encoded".into(),
        Error::DataTooLong => "Message body exceeds maximum allowed length of 76800 bytes".into(),
        Error::LastHashNotBase64 => "Invalid last_hash: not base64".into(),
        Error::LastHashLength => "Invalid last_hash: expected base64 (43 chars)".into(),
        Error::NoMessages => "messages does not contain any message hashes".into(),
        Error::InvalidMessageHash => alloc::format!("invalid message hash: {detail}"),
        Error::NoExpiries => "'expiry' does not contain any expiration timestamps".into(),
        Error::ShortenAndExtend => "cannot specify both 'shorten' and 'extend'".into(),
        Error::ExpiryCount => {
            "'expiry' must be a single expiry, or the same length as 'messages'".into()
        }
        Error::TooManyTokens => {
            "invalid revoke: cannot revoke more than 50 subaccounts at once".into()
        }
        Error::TokenEncoding { param } => {
            let which = if param == Param::Unrevoke {
                "unrevoke"
            } else {
                "revoke"
            };
            alloc::format!("invalid {which}: expected base64 or hex-encoded subaccount tag")
        }
        other => other.to_string(),
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.status(), self.message())
    }
}
