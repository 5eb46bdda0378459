//! The node's entry point: [`verify_request`] gives the storage server's verdict on a request
//! body, every check in the server's order (spec §18, `process_client_req` of
//! `request_handler.cpp` at `86163875`).

use oxen_session::subaccount::Flags;

use super::auth::{NoRevocations, RevokedTokens, verify_signature};
use super::json_in::{parse_body, parse_params};
use super::load::load;
use super::method::{ExpireMode, Method};
use super::parsed::{
    DeleteRequest, ExpireRequest, GetExpiriesRequest, NamespaceTimeRequest, NodeRequest,
    RetrieveRequest, RevocationRequest, StoreRequest,
};
use super::signed;
use super::verdict::Rejection;
use crate::Error;

/// Shortest TTL a store may ask for (oxenss `TTL_MINIMUM`, 10 s).
pub const TTL_MINIMUM_MS: i64 = 10_000;
/// Longest TTL in a public-inbox namespace (`TTL_MAXIMUM`, 14 days).
pub const TTL_MAXIMUM_MS: i64 = 14 * 24 * 3600 * 1000;
/// Longest TTL elsewhere (`TTL_MAXIMUM_PRIVATE`, 30 days).
pub const TTL_MAXIMUM_PRIVATE_MS: i64 = 30 * 24 * 3600 * 1000;
/// How far a store's own timestamp may be ahead, and its expiry behind (`STORE_TOLERANCE`).
pub const STORE_TOLERANCE_MS: i64 = 10_000;
/// The window around the node's clock for signed times (`SIGNATURE_TOLERANCE`, ±60 s,
/// inclusive).
pub const SIGNATURE_TOLERANCE_MS: i64 = 60_000;
/// The wider window for `delete_all` / `expire_all` forwarded by another swarm member
/// (`SIGNATURE_TOLERANCE_FORWARDED`, 70 s).
pub const SIGNATURE_TOLERANCE_FORWARDED_MS: i64 = 70_000;

/// What the node knows besides the request: its clock, whether another swarm member forwarded
/// the request, the revoked subaccount tokens, and the hard-fork state.
#[derive(Clone, Copy)]
pub struct NodeContext<'r> {
    /// The node's clock, epoch milliseconds.
    pub now_ms: i64,
    /// `true` when another member of the swarm forwarded the request (oxenss `recurse ==
    /// false`); widens the `delete_all` / `expire_all` windows to 70 s.
    pub forwarded: bool,
    /// The revoked subaccount tokens.
    pub revoked: &'r dyn RevokedTokens,
    /// The network has reached the hard fork that allows several expiries in one `expire`
    /// (`MULTI_EXPIRY_HARDFORK`); without it such requests get 403.
    pub multi_expiry: bool,
}

impl NodeContext<'static> {
    /// A node at `now_ms` receiving a request directly from a client, with no revoked token,
    /// after the multi-expiry hard fork.
    #[must_use]
    pub const fn at(now_ms: i64) -> NodeContext<'static> {
        NodeContext {
            now_ms,
            forwarded: false,
            revoked: &NoRevocations,
            multi_expiry: true,
        }
    }
}

impl core::fmt::Debug for NodeContext<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("NodeContext")
            .field("now_ms", &self.now_ms)
            .field("forwarded", &self.forwarded)
            .field("multi_expiry", &self.multi_expiry)
            .finish_non_exhaustive()
    }
}

/// **The node's verdict** on a storage request body `{"method": …, "params": {…}}`, as the
/// storage server gives it (`process_client_req`): `Ok` with the parsed request when the server
/// answers 200, else the [`Rejection`] with the first failed check, its HTTP status and the
/// server's reply text. Variable time (every input is public).
///
/// Runs, in the server's order:
/// 1. the body: JSON as nlohmann reads it, a string `method`, an object `params`, a known
///    method (400);
/// 2. the endpoint's parse step: every field's JSON kind, required fields, encodings of keys,
///    signatures, tokens, hashes and data (400 "invalid request: …");
/// 3. the endpoint's checks: `store`'s TTL (403) and clock (406); the time windows (406, or
///    401 for `delete_before` and `expire`); whether a signature is required (401);
/// 4. the authentication (module `storage::auth`): `pubkey_ed25519` → the `05` account, the
///    subaccount token (revoked, prefix, flags for the endpoint's access, its signature), the
///    request signature over the signed string ([`super::signed`]) (401);
/// 5. `expire` only: `shorten` through a token without delete (400).
///
/// Not checked here (the node's own state): whether the account belongs to this node's swarm
/// (421), rate limits, and the database outcome (e.g. `delete` with `required` finding
/// nothing: 404).
///
/// Cost: one parse of the body without copying its strings, one decode of each key, and
/// Ed25519 verifications: one for a group (`03`) account, one plus libsodium's conversion check
/// of `pubkey_ed25519` (a subgroup multiplication) for a `05` account, and one more for a
/// subaccount token.
///
/// ```
/// use oxen_session::{Ed25519SecretKey, Seed};
/// use oxen_session_net::storage::{
///     build_request, verify_request, Method, Namespace, NodeContext, Retrieve, Signer, Status,
/// };
///
/// let me = Ed25519SecretKey::from_seed(Seed::from_array([9; 32]));
/// let now = 1_729_993_000_455;
/// let req = build_request(&Retrieve::default().into(), &Signer::User(&me), now as u64)?;
/// let body = req.to_json();
///
/// // a node whose clock agrees accepts it …
/// let accepted = verify_request(body.as_bytes(), &NodeContext::at(now)).unwrap();
/// assert_eq!(accepted.method(), Method::Retrieve);
///
/// // … a node two minutes ahead does not
/// let refused = verify_request(body.as_bytes(), &NodeContext::at(now + 120_000)).unwrap_err();
/// assert_eq!(refused.status(), Status::NotAcceptable);
/// assert_eq!(refused.message(), "retrieve timestamp too far from current time");
/// # Ok::<(), oxen_session_net::Error>(())
/// ```
///
/// # Errors
/// The [`Rejection`] of the first check that fails.
pub fn verify_request<'a>(
    body: &'a [u8],
    node: &NodeContext<'_>,
) -> Result<NodeRequest<'a>, Rejection> {
    let b = parse_body(body).map_err(Rejection::new)?;
    let method = Method::from_name(&b.method)
        .ok_or_else(|| Rejection::with_detail(Error::UnknownMethod, b.method.into_owned()))?;
    let request = load(method, &b.params).map_err(|r| r.in_method(method))?;
    check(&request, node).map_err(|r| r.in_method(method))?;
    Ok(request)
}

/// [`verify_request`] for a request whose method and `params` object the caller has already
/// separated (e.g. one subrequest of a `batch`): the same parse step and checks, from step 2.
/// `params` must be a JSON object ([`Error::InvalidJson`], [`Error::NoParams`] otherwise).
///
/// ```
/// use oxen_session_net::storage::{verify_params, Method, NodeContext, Status};
///
/// let r = verify_params(Method::Delete, br#"{"messages":[]}"#, &NodeContext::at(0)).unwrap_err();
/// assert_eq!((r.status(), r.message().as_str()), (Status::BadRequest, "invalid request: Required field 'pubkey' missing"));
/// ```
///
/// # Errors
/// The [`Rejection`] of the first check that fails.
pub fn verify_params<'a>(
    method: Method,
    params: &'a [u8],
    node: &NodeContext<'_>,
) -> Result<NodeRequest<'a>, Rejection> {
    let p = parse_params(params).map_err(|e| Rejection::new(e).in_method(method))?;
    let request = load(method, &p).map_err(|r| r.in_method(method))?;
    check(&request, node).map_err(|r| r.in_method(method))?;
    Ok(request)
}

/// Step 3 onwards for a parsed request.
fn check(request: &NodeRequest<'_>, node: &NodeContext<'_>) -> Result<(), Rejection> {
    match request {
        NodeRequest::Store(r) => check_store(r, node),
        NodeRequest::Retrieve(r) => check_retrieve(r, node),
        NodeRequest::Delete(r) => check_delete(r, node),
        NodeRequest::DeleteAll(r) => check_delete_all(r, node),
        NodeRequest::DeleteBefore(r) => check_delete_before(r, node),
        NodeRequest::Expire(r) => check_expire(r, node),
        NodeRequest::ExpireAll(r) => check_expire_all(r, node),
        NodeRequest::GetExpiries(r) => check_get_expiries(r, node),
        NodeRequest::RevokeSubaccount(r) => check_revocation(r, true, node),
        NodeRequest::UnrevokeSubaccount(r) => check_revocation(r, false, node),
    }
}

fn reject(error: Error) -> Rejection {
    Rejection::new(error)
}

/// `t` within `now ± tolerance` (inclusive).
fn within(t: i64, now: i64, tolerance: i64) -> bool {
    t >= now.saturating_sub(tolerance) && t <= now.saturating_add(tolerance)
}

fn in_window(t: i64, now: i64, tolerance: i64) -> Result<(), Rejection> {
    if within(t, now, tolerance) {
        Ok(())
    } else {
        Err(reject(Error::TimestampOutOfWindow))
    }
}

fn check_store(r: &StoreRequest, node: &NodeContext<'_>) -> Result<(), Rejection> {
    let now = node.now_ms;
    let public_inbox = r.namespace.is_public_inbox();
    let ttl = r.expiry.wrapping_sub(r.timestamp);
    let max_ttl = if public_inbox {
        TTL_MAXIMUM_MS
    } else {
        TTL_MAXIMUM_PRIVATE_MS
    };
    if !(TTL_MINIMUM_MS..=max_ttl).contains(&ttl) {
        return Err(reject(Error::TtlOutOfRange));
    }
    if r.timestamp > now.saturating_add(STORE_TOLERANCE_MS)
        || r.expiry < now.saturating_sub(STORE_TOLERANCE_MS)
    {
        return Err(reject(Error::ClockSkew));
    }
    if public_inbox {
        // anyone may deposit: no signature is looked at
        return Ok(());
    }
    let (Some(creds), Some(sig_ts)) = (&r.credentials, r.sig_timestamp) else {
        return Err(Rejection::with_detail(
            Error::SignatureRequired,
            alloc::format!("{}", r.namespace.0),
        ));
    };
    in_window(sig_ts, now, SIGNATURE_TOLERANCE_MS)?;
    // a store to a public outbox replaces what is there: it needs delete access as well
    let access = if r.namespace.is_public_outbox() {
        Flags::WRITE | Flags::DELETE
    } else {
        Flags::WRITE
    };
    let message = signed::store(r.namespace, sig_ts);
    verify_signature(creds, access, false, &message, node.revoked).map_err(reject)
}

fn check_retrieve(r: &RetrieveRequest<'_>, node: &NodeContext<'_>) -> Result<(), Rejection> {
    let Some((creds, ts)) = &r.credentials else {
        return if r.namespace.is_noauth_retrieve() {
            Ok(())
        } else {
            Err(reject(Error::SignatureRequired))
        };
    };
    in_window(*ts, node.now_ms, SIGNATURE_TOLERANCE_MS)?;
    let message = signed::retrieve(r.namespace, *ts);
    let skip_revoked = r.namespace.is_unrevocable();
    verify_signature(creds, Flags::READ, skip_revoked, &message, node.revoked).map_err(reject)
}

fn check_delete(r: &DeleteRequest<'_>, node: &NodeContext<'_>) -> Result<(), Rejection> {
    let message = signed::delete(&r.messages);
    verify_signature(&r.credentials, Flags::DELETE, false, &message, node.revoked).map_err(reject)
}

/// The `delete_all` / `expire_all` tolerance: wider when forwarded.
const fn swarm_tolerance(node: &NodeContext<'_>) -> i64 {
    if node.forwarded {
        SIGNATURE_TOLERANCE_FORWARDED_MS
    } else {
        SIGNATURE_TOLERANCE_MS
    }
}

fn check_delete_all(r: &NamespaceTimeRequest, node: &NodeContext<'_>) -> Result<(), Rejection> {
    in_window(r.time, node.now_ms, swarm_tolerance(node))?;
    let message = signed::delete_all(r.namespace, r.time);
    verify_signature(&r.credentials, Flags::DELETE, false, &message, node.revoked).map_err(reject)
}

fn check_delete_before(r: &NamespaceTimeRequest, node: &NodeContext<'_>) -> Result<(), Rejection> {
    // only the future is bounded, by one minute (answered with 401)
    if r.time > node.now_ms.saturating_add(SIGNATURE_TOLERANCE_MS) {
        return Err(reject(Error::TimestampOutOfWindow));
    }
    let message = signed::delete_before(r.namespace, r.time);
    verify_signature(&r.credentials, Flags::DELETE, false, &message, node.revoked).map_err(reject)
}

fn check_expire_all(r: &NamespaceTimeRequest, node: &NodeContext<'_>) -> Result<(), Rejection> {
    // only the past is bounded
    if r.time < node.now_ms.saturating_sub(swarm_tolerance(node)) {
        return Err(reject(Error::TimestampOutOfWindow));
    }
    let message = signed::expire_all(r.namespace, r.time);
    verify_signature(&r.credentials, Flags::DELETE, false, &message, node.revoked).map_err(reject)
}

fn check_expire(r: &ExpireRequest<'_>, node: &NodeContext<'_>) -> Result<(), Rejection> {
    let oldest = node.now_ms.saturating_sub(SIGNATURE_TOLERANCE_MS);
    if r.expiries.iter().any(|&e| e < oldest) {
        return Err(reject(Error::TimestampOutOfWindow));
    }
    if r.expiries.len() > 1 && !node.multi_expiry {
        return Err(reject(Error::MultiExpiryInactive));
    }
    let message = signed::expire(r.mode, &r.expiries, &r.messages);
    verify_signature(&r.credentials, Flags::WRITE, false, &message, node.revoked)
        .map_err(reject)?;
    // write access suffices to extend; shortening is nearly deleting
    let can_delete = r
        .credentials
        .subaccount
        .is_none_or(|s| s.token.flags().contains(Flags::DELETE));
    if r.mode == ExpireMode::Shorten && !can_delete {
        return Err(reject(Error::ShortenWithoutDelete));
    }
    Ok(())
}

fn check_get_expiries(r: &GetExpiriesRequest<'_>, node: &NodeContext<'_>) -> Result<(), Rejection> {
    in_window(r.timestamp, node.now_ms, SIGNATURE_TOLERANCE_MS)?;
    let message = signed::get_expiries(r.timestamp, &r.messages);
    verify_signature(&r.credentials, Flags::READ, false, &message, node.revoked).map_err(reject)
}

fn check_revocation(
    r: &RevocationRequest,
    revoke: bool,
    node: &NodeContext<'_>,
) -> Result<(), Rejection> {
    in_window(r.timestamp, node.now_ms, SIGNATURE_TOLERANCE_MS)?;
    let message = if revoke {
        signed::revoke_subaccount(r.timestamp, &r.tokens)
    } else {
        signed::unrevoke_subaccount(r.timestamp, &r.tokens)
    };
    verify_signature(&r.credentials, Flags::NONE, false, &message, node.revoked).map_err(reject)
}
