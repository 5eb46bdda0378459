//! A request as a node parsed it (the fields of oxenss's `rpc::store`, `rpc::retrieve`, …):
//! what [`super::verify_request`] hands back once every check passed, borrowing strings from
//! the body where it can. Times are epoch milliseconds as the node read them (`int64_t`).

use alloc::borrow::Cow;
use alloc::vec::Vec;

use oxen_session::subaccount::SubaccountToken;
use oxen_session::{Ed25519PublicKey, Signature};

use super::account::AccountId;
use super::method::{ExpireMode, Method};
use super::namespace::{Namespace, NamespaceOrAll};
use super::signed;

/// A subaccount token and the account's signature over it (`signed_subaccount_token`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SignedToken {
    /// The token.
    pub token: SubaccountToken,
    /// The account's signature over its 36 bytes (`subaccount_sig`).
    pub signature: Signature,
}

/// Who signed a request and how (`pubkey`, `pubkey_ed25519`, `signature`, `subaccount`,
/// `subaccount_sig`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Credentials {
    /// The account (`pubkey`).
    pub account: AccountId,
    /// For a `05` account: the Ed25519 key whose X25519 form is the account.
    pub pubkey_ed25519: Option<Ed25519PublicKey>,
    /// The request signature.
    pub signature: Signature,
    /// The subaccount the request is signed through, if any.
    pub subaccount: Option<SignedToken>,
}

/// `store`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreRequest {
    /// The account.
    pub account: AccountId,
    /// The credentials, when signed (a public inbox needs none).
    pub credentials: Option<Credentials>,
    /// The namespace (0 when absent).
    pub namespace: Namespace,
    /// The message timestamp.
    pub timestamp: i64,
    /// The expiry (given, or timestamp + ttl).
    pub expiry: i64,
    /// The time the signature covers (`sig_timestamp`, else `timestamp`), when signed.
    pub sig_timestamp: Option<i64>,
    /// The message, base64-decoded.
    pub data: Vec<u8>,
}

/// `retrieve`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetrieveRequest<'a> {
    /// The account.
    pub account: AccountId,
    /// The credentials and the signed timestamp, when signed.
    pub credentials: Option<(Credentials, i64)>,
    /// The namespace (0 when absent).
    pub namespace: Namespace,
    /// Retrieve after this message (`None` for absent or empty).
    pub last_hash: Option<Cow<'a, str>>,
    /// `max_count` as given.
    pub max_count: Option<i32>,
    /// `max_size` as given.
    pub max_size: Option<i32>,
}

/// `delete`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeleteRequest<'a> {
    /// The credentials.
    pub credentials: Credentials,
    /// The hashes, in the order signed.
    pub messages: Vec<Cow<'a, str>>,
    /// Answer 404 if nothing was deleted.
    pub required: bool,
}

/// `delete_all`, `delete_before`, `expire_all`: a namespace (or all) and a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NamespaceTimeRequest {
    /// The credentials.
    pub credentials: Credentials,
    /// Which namespace (0 when absent).
    pub namespace: NamespaceOrAll,
    /// `timestamp`, `before` or `expiry`.
    pub time: i64,
}

/// `expire`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpireRequest<'a> {
    /// The credentials.
    pub credentials: Credentials,
    /// One expiry for all messages, or one each.
    pub expiries: Vec<i64>,
    /// The hashes, in the order signed.
    pub messages: Vec<Cow<'a, str>>,
    /// Set, shorten or extend.
    pub mode: ExpireMode,
}

/// `get_expiries`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GetExpiriesRequest<'a> {
    /// The credentials.
    pub credentials: Credentials,
    /// The signed timestamp.
    pub timestamp: i64,
    /// The hashes, in the order signed.
    pub messages: Vec<Cow<'a, str>>,
}

/// `revoke_subaccount`, `unrevoke_subaccount` (never through a subaccount).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RevocationRequest {
    /// The credentials (`subaccount` is always `None`: the server does not read it here).
    pub credentials: Credentials,
    /// The signed timestamp.
    pub timestamp: i64,
    /// The tokens, in the order signed.
    pub tokens: Vec<SubaccountToken>,
}

/// A request a node accepted, by method.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NodeRequest<'a> {
    /// `store`.
    Store(StoreRequest),
    /// `retrieve`.
    Retrieve(RetrieveRequest<'a>),
    /// `delete`.
    Delete(DeleteRequest<'a>),
    /// `delete_all`.
    DeleteAll(NamespaceTimeRequest),
    /// `delete_before`.
    DeleteBefore(NamespaceTimeRequest),
    /// `expire`.
    Expire(ExpireRequest<'a>),
    /// `expire_all`.
    ExpireAll(NamespaceTimeRequest),
    /// `get_expiries`.
    GetExpiries(GetExpiriesRequest<'a>),
    /// `revoke_subaccount`.
    RevokeSubaccount(RevocationRequest),
    /// `unrevoke_subaccount`.
    UnrevokeSubaccount(RevocationRequest),
}

impl NodeRequest<'_> {
    /// The method.
    #[must_use]
    pub const fn method(&self) -> Method {
        match self {
            NodeRequest::Store(_) => Method::Store,
            NodeRequest::Retrieve(_) => Method::Retrieve,
            NodeRequest::Delete(_) => Method::Delete,
            NodeRequest::DeleteAll(_) => Method::DeleteAll,
            NodeRequest::DeleteBefore(_) => Method::DeleteBefore,
            NodeRequest::Expire(_) => Method::Expire,
            NodeRequest::ExpireAll(_) => Method::ExpireAll,
            NodeRequest::GetExpiries(_) => Method::GetExpiries,
            NodeRequest::RevokeSubaccount(_) => Method::RevokeSubaccount,
            NodeRequest::UnrevokeSubaccount(_) => Method::UnrevokeSubaccount,
        }
    }

    /// The bytes the request signature covers ([`signed`]), `None` for an unsigned `store` or
    /// `retrieve`: what [`super::verify_request`] verified.
    #[must_use]
    pub fn signed_message(&self) -> Option<Vec<u8>> {
        Some(match self {
            NodeRequest::Store(r) => signed::store(r.namespace, r.sig_timestamp?),
            NodeRequest::Retrieve(r) => signed::retrieve(r.namespace, r.credentials.as_ref()?.1),
            NodeRequest::Delete(r) => signed::delete(&r.messages),
            NodeRequest::DeleteAll(r) => signed::delete_all(r.namespace, r.time),
            NodeRequest::DeleteBefore(r) => signed::delete_before(r.namespace, r.time),
            NodeRequest::Expire(r) => signed::expire(r.mode, &r.expiries, &r.messages),
            NodeRequest::ExpireAll(r) => signed::expire_all(r.namespace, r.time),
            NodeRequest::GetExpiries(r) => signed::get_expiries(r.timestamp, &r.messages),
            NodeRequest::RevokeSubaccount(r) => signed::revoke_subaccount(r.timestamp, &r.tokens),
            NodeRequest::UnrevokeSubaccount(r) => {
                signed::unrevoke_subaccount(r.timestamp, &r.tokens)
            }
        })
    }

    /// The account (swarm) the request is for.
    #[must_use]
    pub const fn account(&self) -> &AccountId {
        match self {
            NodeRequest::Store(r) => &r.account,
            NodeRequest::Retrieve(r) => &r.account,
            NodeRequest::Delete(r) => &r.credentials.account,
            NodeRequest::DeleteAll(r)
            | NodeRequest::DeleteBefore(r)
            | NodeRequest::ExpireAll(r) => &r.credentials.account,
            NodeRequest::Expire(r) => &r.credentials.account,
            NodeRequest::GetExpiries(r) => &r.credentials.account,
            NodeRequest::RevokeSubaccount(r) | NodeRequest::UnrevokeSubaccount(r) => {
                &r.credentials.account
            }
        }
    }
}
