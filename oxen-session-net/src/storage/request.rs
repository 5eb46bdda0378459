//! Typed storage-server requests, as a client states them (spec §12, §15): what to do, never
//! how it is signed or spelled. [`super::client`] turns one into the JSON a node accepts.
//! Times are epoch milliseconds.

use alloc::string::String;
use alloc::vec::Vec;

use oxen_session::subaccount::SubaccountToken;

use super::b64::is_base64;
use super::method::{ExpireMode, Method};
use super::namespace::{Namespace, NamespaceOrAll};

/// Largest `data` a node stores, in bytes (oxenss `store::MAX_MESSAGE_BODY`; 102 400 base64
/// characters).
pub const MAX_MESSAGE_BODY: usize = 76_800;
/// Most tokens one `revoke_subaccount` may carry (oxenss `MAX_SUBACCOUNT_TOKENS`).
pub const MAX_REVOCATIONS: usize = 50;
/// Characters of a message hash (unpadded base64 of a 32-byte BLAKE2b hash).
pub const MESSAGE_HASH_LEN: usize = 43;

/// A message hash as the server accepts one (`is_valid_message_hash`): 43 base64 characters.
#[must_use]
pub fn is_message_hash(hash: &str) -> bool {
    hash.len() == MESSAGE_HASH_LEN && is_base64(hash.as_bytes())
}

/// `store`: keep `data` in `namespace` of the account for `ttl_ms` milliseconds from the
/// request's time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Store {
    /// Where: a public-inbox namespace (divisible by 10) of someone else's account needs no
    /// signature; every other namespace does.
    pub namespace: Namespace,
    /// Lifetime, from the request's timestamp: 10 s to 14 days in public inboxes, to 30 days
    /// elsewhere.
    pub ttl_ms: u64,
    /// The bytes to store (at most [`MAX_MESSAGE_BODY`]; sent as base64).
    pub data: Vec<u8>,
}

/// `retrieve`: read the messages of `namespace` stored after `last_hash`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Retrieve {
    /// Where.
    pub namespace: Namespace,
    /// Only messages stored after this one (sent as `""` when `None`, as the client does).
    pub last_hash: Option<String>,
    /// The most bytes to return (`-1`: as much as one response may carry, `-k`: `1/k` of it).
    pub max_size: Option<i32>,
}

/// `delete`: delete messages by hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delete {
    /// The hashes, in the order signed.
    pub hashes: Vec<String>,
}

/// `delete_all`: delete every message of a namespace, or of all of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DeleteAll {
    /// Which.
    pub namespace: NamespaceOrAll,
}

/// `delete_before`: delete the messages stored before a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DeleteBefore {
    /// Which namespace (or all).
    pub namespace: NamespaceOrAll,
    /// The time, at most one minute ahead of the node's clock.
    pub before_ms: u64,
}

/// `expire`: set, shorten or extend the expiry of messages by hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expire {
    /// The hashes, in the order signed.
    pub hashes: Vec<String>,
    /// The new expiry (not more than a minute in the past).
    pub expiry_ms: u64,
    /// Set, shorten only, or extend only.
    pub mode: ExpireMode,
}

/// `expire_all`: set the expiry of every message of a namespace, or of all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExpireAll {
    /// Which.
    pub namespace: NamespaceOrAll,
    /// The new expiry.
    pub expiry_ms: u64,
}

/// `get_expiries`: read the expiries of messages by hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GetExpiries {
    /// The hashes, in the order signed.
    pub hashes: Vec<String>,
}

/// `revoke_subaccount`: revoke subaccount tokens of the account (admin only).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RevokeSubaccount {
    /// The tokens (1 to [`MAX_REVOCATIONS`]), in the order signed.
    pub tokens: Vec<SubaccountToken>,
}

/// `unrevoke_subaccount`: lift revocations (admin only).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnrevokeSubaccount {
    /// The tokens, in the order signed.
    pub tokens: Vec<SubaccountToken>,
}

/// Any of the requests.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Request {
    /// [`Store`].
    Store(Store),
    /// [`Retrieve`].
    Retrieve(Retrieve),
    /// [`Delete`].
    Delete(Delete),
    /// [`DeleteAll`].
    DeleteAll(DeleteAll),
    /// [`DeleteBefore`].
    DeleteBefore(DeleteBefore),
    /// [`Expire`].
    Expire(Expire),
    /// [`ExpireAll`].
    ExpireAll(ExpireAll),
    /// [`GetExpiries`].
    GetExpiries(GetExpiries),
    /// [`RevokeSubaccount`].
    RevokeSubaccount(RevokeSubaccount),
    /// [`UnrevokeSubaccount`].
    UnrevokeSubaccount(UnrevokeSubaccount),
}

impl Request {
    /// The method it calls.
    #[must_use]
    pub const fn method(&self) -> Method {
        match self {
            Request::Store(_) => Method::Store,
            Request::Retrieve(_) => Method::Retrieve,
            Request::Delete(_) => Method::Delete,
            Request::DeleteAll(_) => Method::DeleteAll,
            Request::DeleteBefore(_) => Method::DeleteBefore,
            Request::Expire(_) => Method::Expire,
            Request::ExpireAll(_) => Method::ExpireAll,
            Request::GetExpiries(_) => Method::GetExpiries,
            Request::RevokeSubaccount(_) => Method::RevokeSubaccount,
            Request::UnrevokeSubaccount(_) => Method::UnrevokeSubaccount,
        }
    }
}

macro_rules! from_request {
    ($($t:ident),*) => {
        $(impl From<$t> for Request {
            fn from(r: $t) -> Request {
                Request::$t(r)
            }
        })*
    };
}
from_request!(
    Store,
    Retrieve,
    Delete,
    DeleteAll,
    DeleteBefore,
    Expire,
    ExpireAll,
    GetExpiries,
    RevokeSubaccount,
    UnrevokeSubaccount
);
