//! The client side: a typed [`Request`] and a [`Signer`] in, the JSON a node accepts out
//! ([`build_request`]), spelled as the Session desktop client spells it (spec §15,
//! `SnodeRequestTypes.ts` at `1380d1eb`): its key order, upper-case `pubkey_ed25519` in
//! `delete_all` and `get_expiries`, `last_hash` always sent (`""` when none), signatures and
//! data as padded standard base64. Where the desktop client sends no such request (e.g.
//! `delete_before`, a group member's `delete`) the order is this crate's and says so in
//! [`build_request`]'s table.
//!
//! **Divergence:** the desktop client spells the group `expire` flag `extends` while signing
//! `extend`; the server reads `extend`, so it rebuilds the signed string without the mode and
//! refuses the request. This client sends `"extend": true` (vector `group_expire_extend`
//! checks that the output differs from the desktop's in exactly that key).

use alloc::string::String;
use alloc::vec::Vec;

use oxen_session::oxen_keys::codec::{to_base64, to_hex};
use oxen_session::subaccount::{SigningValue, SubaccountAuth, subaccount_sign};
use oxen_session::{Ed25519PublicKey, Ed25519SecretKey, GroupId, Signature, ed25519};

use super::account::AccountId;
use super::json_out::JsonObject;
use super::method::{ExpireMode, Method};
use super::namespace::NamespaceOrAll;
use super::request::{
    Delete, DeleteAll, DeleteBefore, Expire, ExpireAll, GetExpiries, MAX_MESSAGE_BODY,
    MAX_REVOCATIONS, Request, Retrieve, Store, is_message_hash,
};
use super::signed;
use crate::Error;

/// Who makes a request, and so how it is signed.
#[derive(Clone, Copy, Debug)]
pub enum Signer<'a> {
    /// Nobody: a `store` to someone else's public-inbox namespace (a one-to-one message to
    /// namespace 0), or a `retrieve` from a public outbox or namespace −10.
    Unsigned(AccountId),
    /// The owner of a Session ID (a `05` account): signs with its Ed25519 key and sends it as
    /// `pubkey_ed25519`.
    User(&'a Ed25519SecretKey),
    /// The admin of a closed group (a `03` account): signs with the group's Ed25519 key.
    GroupAdmin(&'a Ed25519SecretKey),
    /// A member of a closed group, through the subaccount its admin gave it
    /// ([`oxen_session::subaccount`]).
    GroupMember {
        /// The group.
        group: GroupId,
        /// The member's own key.
        member: &'a Ed25519SecretKey,
        /// The admin's signing value for this member.
        signing_value: &'a SigningValue,
    },
}

impl Signer<'_> {
    /// The account (swarm) the request is for.
    #[must_use]
    pub fn account(&self) -> AccountId {
        match self {
            Signer::Unsigned(a) => *a,
            Signer::User(k) => AccountId::from_session_id(&k.session_id()),
            Signer::GroupAdmin(k) => {
                AccountId::from_group_id(&GroupId::from_ed25519(*k.public_key()))
            }
            Signer::GroupMember { group, .. } => AccountId::from_group_id(group),
        }
    }
}

/// A request ready to send: its method and its `params` object as JSON text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientRequest {
    method: Method,
    account: AccountId,
    params: String,
}

impl ClientRequest {
    /// The method.
    #[must_use]
    pub const fn method(&self) -> Method {
        self.method
    }

    /// The account whose swarm the request goes to.
    #[must_use]
    pub const fn account(&self) -> &AccountId {
        &self.account
    }

    /// The `params` object.
    #[must_use]
    pub fn params_json(&self) -> &str {
        &self.params
    }

    /// `{"method":"…","params":{…}}`: the body of a single request, or one element of a
    /// batch.
    #[must_use]
    pub fn to_json(&self) -> String {
        let mut o = JsonObject::with_capacity(self.params.len() + 40);
        o.str("method", self.method.name())
            .raw("params", &self.params);
        o.finish()
    }
}

/// `{"method":"batch","params":{"requests":[…]}}`: several requests to one swarm in one call
/// (each runs even if another fails; `batchRequest.ts`).
#[must_use]
pub fn batch_json(requests: &[ClientRequest]) -> String {
    multi_json("batch", requests)
}

/// `{"method":"sequence","params":{"requests":[…]}}`: like [`batch_json`], stopping at the
/// first failure.
#[must_use]
pub fn sequence_json(requests: &[ClientRequest]) -> String {
    multi_json("sequence", requests)
}

fn multi_json(method: &str, requests: &[ClientRequest]) -> String {
    let mut list = String::from("[");
    for (i, r) in requests.iter().enumerate() {
        if i > 0 {
            list.push(',');
        }
        list.push_str(&r.to_json());
    }
    list.push(']');
    let mut params = JsonObject::new();
    params.raw("requests", &list);
    let params = params.finish();
    let mut o = JsonObject::new();
    o.str("method", method).raw("params", &params);
    o.finish()
}

/// How the request proves the right to act on the account.
enum Proof {
    None,
    User(Signature, Ed25519PublicKey),
    Admin(Signature),
    Member(SubaccountAuth),
}

impl Proof {
    fn make(signer: &Signer<'_>, message: &[u8]) -> Result<Proof, Error> {
        Ok(match signer {
            Signer::Unsigned(_) => Proof::None,
            Signer::User(k) => Proof::User(ed25519::sign(k, message), *k.public_key()),
            Signer::GroupAdmin(k) => Proof::Admin(ed25519::sign(k, message)),
            Signer::GroupMember {
                member,
                signing_value,
                ..
            } => Proof::Member(subaccount_sign(member, signing_value, message)?),
        })
    }

    /// The signature fields as the group forms write them: `signature`, or `subaccount`,
    /// `subaccount_sig`, `signature` for a member.
    fn group_fields(&self, o: &mut JsonObject) {
        match self {
            Proof::Member(a) => {
                o.str("subaccount", &to_base64(a.token.as_bytes()))
                    .str("subaccount_sig", &to_base64(a.token_signature.as_bytes()))
                    .str("signature", &to_base64(a.signature.as_bytes()));
            }
            Proof::User(s, _) | Proof::Admin(s) => {
                o.str("signature", &to_base64(s.as_bytes()));
            }
            Proof::None => {}
        }
    }
}

/// The hex of the user's Ed25519 key, upper-case where the desktop client writes it so.
fn ed_hex(key: &Ed25519PublicKey, upper: bool) -> String {
    let h = to_hex(key.as_bytes());
    if upper { h.to_ascii_uppercase() } else { h }
}

/// Times go into the JSON as the unsigned integers given, and into the signed string as the
/// node reads them back (`get<int64_t>` of an unsigned value: two's complement).
#[allow(clippy::cast_possible_wrap)]
const fn as_node_time(t: u64) -> i64 {
    t as i64
}

fn check_hashes(hashes: &[String]) -> Result<(), Error> {
    if hashes.is_empty() {
        return Err(Error::NoMessages);
    }
    if hashes.iter().all(|h| is_message_hash(h)) {
        Ok(())
    } else {
        Err(Error::InvalidMessageHash)
    }
}

fn require_signer(signer: &Signer<'_>) -> Result<(), Error> {
    match signer {
        Signer::Unsigned(_) => Err(Error::SignatureRequired),
        _ => Ok(()),
    }
}

/// A request that must be signed: the signer's proof over `message`, and the account's hex.
fn signed_by(signer: &Signer<'_>, message: &[u8]) -> Result<(Proof, String), Error> {
    require_signer(signer)?;
    Ok((Proof::make(signer, message)?, signer.account().to_hex()))
}

/// `pubkey`, `pubkey_ed25519` (upper-case where the desktop client writes it so), `signature`:
/// how the desktop client opens most requests for its own account.
fn user_fields<'o>(
    o: &'o mut JsonObject,
    pubkey: &str,
    signature: &Signature,
    ed: &Ed25519PublicKey,
    upper: bool,
) -> &'o mut JsonObject {
    o.str("pubkey", pubkey)
        .str("pubkey_ed25519", &ed_hex(ed, upper))
        .str("signature", &to_base64(signature.as_bytes()))
}

/// Builds and signs `request` for `signer` at `now_ms` (the network time; the node accepts
/// ±60 s, or ±10 s for a store's own timestamp).
///
/// Key orders, desktop client's where it sends the request, this crate's otherwise (†):
///
/// | method | user (`05`) | group admin / member (`03`) | unsigned |
/// | --- | --- | --- | --- |
/// | `store` | namespace, ttl, data, timestamp, signature, pubkey_ed25519, pubkey | namespace, ttl, data, timestamp, signature, pubkey (member: namespace, ttl, data, subaccount, subaccount_sig, signature, timestamp, pubkey) | pubkey, timestamp, namespace, ttl, data |
/// | `retrieve` | namespace, pubkey, pubkey_ed25519, signature, timestamp, last_hash, max_size | namespace, timestamp, signature, pubkey, last_hash, max_size (member: namespace, subaccount, subaccount_sig, signature, timestamp, pubkey, …) | namespace, pubkey, last_hash, max_size † |
/// | `delete` | pubkey, pubkey_ed25519, signature, messages | signature, pubkey, messages, timestamp (member †: the same after subaccount, subaccount_sig) | — |
/// | `delete_all` | pubkey, pubkey_ED25519, signature, timestamp, namespace | timestamp, signature, pubkey, namespace (member †) | — |
/// | `delete_before` † | pubkey, pubkey_ed25519, signature, before, namespace | signature, pubkey, before, namespace | — |
/// | `expire` | pubkey, pubkey_ed25519, signature, messages, expiry, shorten/extend | messages, shorten/extend, signature, expiry, pubkey | — |
/// | `expire_all` † | pubkey, pubkey_ed25519, signature, expiry, namespace | signature, pubkey, expiry, namespace | — |
/// | `get_expiries` | pubkey, pubkey_ED25519, signature, messages, timestamp | pubkey, signature, messages, timestamp † | — |
/// | `revoke_subaccount`, `unrevoke_subaccount` | pubkey, pubkey_ed25519, signature, revoke/unrevoke, timestamp † | pubkey, signature, revoke/unrevoke, timestamp (admin only) | — |
///
/// `pubkey_ED25519`: upper-case hex, as the desktop client sends it there. A member's
/// `subaccount`, `subaccount_sig`, `signature` are base64 (libsession's text form); their order
/// within the member forms is assumed (the Node.js wrapper's object order), not pinned by a
/// vector.
///
/// ```
/// use oxen_session::{Ed25519SecretKey, Seed};
/// use oxen_session_net::storage::{build_request, Namespace, Retrieve, Signer};
///
/// let me = Ed25519SecretKey::from_seed(Seed::from_array([1; 32]));
/// let retrieve = Retrieve { namespace: Namespace::DEFAULT, ..Retrieve::default() };
/// let req = build_request(&retrieve.into(), &Signer::User(&me), 1_700_000_000_000)?;
/// assert!(req.to_json().starts_with(r#"{"method":"retrieve","params":{"namespace":0,"pubkey":"05"#));
/// # Ok::<(), oxen_session_net::Error>(())
/// ```
///
/// # Errors
/// The requests the client refuses to build (spec §15 quirks 3 and 4, and what the server
/// would refuse anyway): [`Error::EmptyData`], [`Error::DataTooLong`], [`Error::NoMessages`],
/// [`Error::InvalidMessageHash`], [`Error::NoTokens`], [`Error::TooManyTokens`],
/// [`Error::LastHashLength`] / [`Error::LastHashNotBase64`], [`Error::SignatureRequired`] (an
/// unsigned request other than a store to a public inbox or a retrieve from a public
/// namespace), [`Error::SubaccountNotAccepted`] (a revocation signed by a member);
/// [`Error::Session`] when a member's signing value cannot sign
/// (`oxen_session::Error::IdentityResult`).
pub fn build_request(
    request: &Request,
    signer: &Signer<'_>,
    now_ms: u64,
) -> Result<ClientRequest, Error> {
    let params = match request {
        Request::Store(r) => store(r, signer, now_ms)?,
        Request::Retrieve(r) => retrieve(r, signer, now_ms)?,
        Request::Delete(r) => delete(r, signer, now_ms)?,
        Request::DeleteAll(r) => delete_all(r, signer, now_ms)?,
        Request::DeleteBefore(r) => delete_before(r, signer)?,
        Request::Expire(r) => expire(r, signer)?,
        Request::ExpireAll(r) => expire_all(r, signer)?,
        Request::GetExpiries(r) => get_expiries(r, signer, now_ms)?,
        Request::RevokeSubaccount(r) => revocation(&r.tokens, true, signer, now_ms)?,
        Request::UnrevokeSubaccount(r) => revocation(&r.tokens, false, signer, now_ms)?,
    };
    Ok(ClientRequest {
        method: request.method(),
        account: signer.account(),
        params,
    })
}

fn namespace_value(o: &mut JsonObject, ns: NamespaceOrAll) {
    match ns {
        NamespaceOrAll::One(n) => o.int("namespace", i64::from(n.0)),
        NamespaceOrAll::All => o.str("namespace", "all"),
    };
}

fn store(r: &Store, signer: &Signer<'_>, now: u64) -> Result<String, Error> {
    if r.data.is_empty() {
        return Err(Error::EmptyData);
    }
    if r.data.len() > MAX_MESSAGE_BODY {
        return Err(Error::DataTooLong);
    }
    let data = to_base64(&r.data);
    let pubkey = signer.account().to_hex();
    let mut o = JsonObject::with_capacity(data.len() + 400);
    if let Signer::Unsigned(_) = signer {
        if !r.namespace.is_public_inbox() {
            return Err(Error::SignatureRequired);
        }
        o.str("pubkey", &pubkey)
            .uint("timestamp", now)
            .int("namespace", i64::from(r.namespace.0))
            .uint("ttl", r.ttl_ms)
            .str("data", &data);
        return Ok(o.finish());
    }
    let proof = Proof::make(signer, &signed::store(r.namespace, as_node_time(now)))?;
    o.int("namespace", i64::from(r.namespace.0))
        .uint("ttl", r.ttl_ms)
        .str("data", &data);
    match &proof {
        Proof::User(sig, ed) => {
            o.uint("timestamp", now)
                .str("signature", &to_base64(sig.as_bytes()))
                .str("pubkey_ed25519", &ed_hex(ed, false));
        }
        Proof::Member(_) => {
            proof.group_fields(&mut o);
            o.uint("timestamp", now);
        }
        _ => {
            o.uint("timestamp", now);
            proof.group_fields(&mut o);
        }
    }
    o.str("pubkey", &pubkey);
    Ok(o.finish())
}

fn retrieve_tail(o: &mut JsonObject, r: &Retrieve) {
    o.str("last_hash", r.last_hash.as_deref().unwrap_or(""));
    if let Some(m) = r.max_size {
        o.int("max_size", i64::from(m));
    }
}

fn retrieve(r: &Retrieve, signer: &Signer<'_>, now: u64) -> Result<String, Error> {
    if let Some(h) = r.last_hash.as_deref().filter(|h| !h.is_empty()) {
        if h.len() != super::request::MESSAGE_HASH_LEN {
            return Err(Error::LastHashLength);
        }
        if !is_message_hash(h) {
            return Err(Error::LastHashNotBase64);
        }
    }
    let pubkey = signer.account().to_hex();
    let mut o = JsonObject::new();
    o.int("namespace", i64::from(r.namespace.0));
    if let Signer::Unsigned(_) = signer {
        if !r.namespace.is_noauth_retrieve() {
            return Err(Error::SignatureRequired);
        }
        o.str("pubkey", &pubkey);
        retrieve_tail(&mut o, r);
        return Ok(o.finish());
    }
    let proof = Proof::make(signer, &signed::retrieve(r.namespace, as_node_time(now)))?;
    match &proof {
        Proof::User(sig, ed) => {
            user_fields(&mut o, &pubkey, sig, ed, false).uint("timestamp", now);
        }
        Proof::Member(_) => {
            proof.group_fields(&mut o);
            o.uint("timestamp", now).str("pubkey", &pubkey);
        }
        _ => {
            o.uint("timestamp", now);
            proof.group_fields(&mut o);
            o.str("pubkey", &pubkey);
        }
    }
    retrieve_tail(&mut o, r);
    Ok(o.finish())
}

fn delete(r: &Delete, signer: &Signer<'_>, now: u64) -> Result<String, Error> {
    check_hashes(&r.hashes)?;
    let (proof, pubkey) = signed_by(signer, &signed::delete(&r.hashes))?;
    let mut o = JsonObject::new();
    if let Proof::User(sig, ed) = &proof {
        user_fields(&mut o, &pubkey, sig, ed, false).str_array("messages", &r.hashes);
    } else {
        proof.group_fields(&mut o);
        // the timestamp is sent, not signed (a hash is deleted once)
        o.str("pubkey", &pubkey)
            .str_array("messages", &r.hashes)
            .uint("timestamp", now);
    }
    Ok(o.finish())
}

fn delete_all(r: &DeleteAll, signer: &Signer<'_>, now: u64) -> Result<String, Error> {
    let signed = signed::delete_all(r.namespace, as_node_time(now));
    let (proof, pubkey) = signed_by(signer, &signed)?;
    let mut o = JsonObject::new();
    if let Proof::User(sig, ed) = &proof {
        user_fields(&mut o, &pubkey, sig, ed, true).uint("timestamp", now);
    } else {
        o.uint("timestamp", now);
        proof.group_fields(&mut o);
        o.str("pubkey", &pubkey);
    }
    namespace_value(&mut o, r.namespace);
    Ok(o.finish())
}

/// The two requests the desktop client does not send, `delete_before` and `expire_all`: signed
/// over `signed` by the account's signer, laid out as `key` (before / expiry) then the
/// namespace, after the signature fields.
fn ns_time_request(
    signer: &Signer<'_>,
    signed: &[u8],
    key: &str,
    time: u64,
    ns: NamespaceOrAll,
) -> Result<String, Error> {
    let (proof, pubkey) = signed_by(signer, signed)?;
    let mut o = JsonObject::new();
    if let Proof::User(sig, ed) = &proof {
        user_fields(&mut o, &pubkey, sig, ed, false);
    } else {
        proof.group_fields(&mut o);
        o.str("pubkey", &pubkey);
    }
    o.uint(key, time);
    namespace_value(&mut o, ns);
    Ok(o.finish())
}

fn delete_before(r: &DeleteBefore, signer: &Signer<'_>) -> Result<String, Error> {
    let signed = signed::delete_before(r.namespace, as_node_time(r.before_ms));
    ns_time_request(signer, &signed, "before", r.before_ms, r.namespace)
}

fn expire_all(r: &ExpireAll, signer: &Signer<'_>) -> Result<String, Error> {
    let signed = signed::expire_all(r.namespace, as_node_time(r.expiry_ms));
    ns_time_request(signer, &signed, "expiry", r.expiry_ms, r.namespace)
}

fn mode_flag(o: &mut JsonObject, mode: ExpireMode) {
    match mode {
        ExpireMode::Set => {}
        // the server's spelling, for groups too (the desktop client sends `extends` there)
        ExpireMode::Extend => {
            o.bool("extend", true);
        }
        ExpireMode::Shorten => {
            o.bool("shorten", true);
        }
    }
}

fn expire(r: &Expire, signer: &Signer<'_>) -> Result<String, Error> {
    check_hashes(&r.hashes)?;
    let expiry = [as_node_time(r.expiry_ms)];
    let (proof, pubkey) = signed_by(signer, &signed::expire(r.mode, &expiry, &r.hashes))?;
    let mut o = JsonObject::new();
    if let Proof::User(sig, ed) = &proof {
        user_fields(&mut o, &pubkey, sig, ed, false)
            .str_array("messages", &r.hashes)
            .uint("expiry", r.expiry_ms);
        mode_flag(&mut o, r.mode);
    } else {
        o.str_array("messages", &r.hashes);
        mode_flag(&mut o, r.mode);
        proof.group_fields(&mut o);
        o.uint("expiry", r.expiry_ms).str("pubkey", &pubkey);
    }
    Ok(o.finish())
}

fn get_expiries(r: &GetExpiries, signer: &Signer<'_>, now: u64) -> Result<String, Error> {
    check_hashes(&r.hashes)?;
    let signed = signed::get_expiries(as_node_time(now), &r.hashes);
    let (proof, pubkey) = signed_by(signer, &signed)?;
    let mut o = JsonObject::new();
    if let Proof::User(sig, ed) = &proof {
        user_fields(&mut o, &pubkey, sig, ed, true);
    } else {
        o.str("pubkey", &pubkey);
        proof.group_fields(&mut o);
    }
    o.str_array("messages", &r.hashes).uint("timestamp", now);
    Ok(o.finish())
}

fn revocation(
    tokens: &[oxen_session::subaccount::SubaccountToken],
    revoke: bool,
    signer: &Signer<'_>,
    now: u64,
) -> Result<String, Error> {
    if tokens.is_empty() {
        return Err(Error::NoTokens);
    }
    if revoke && tokens.len() > MAX_REVOCATIONS {
        return Err(Error::TooManyTokens);
    }
    require_signer(signer)?;
    if let Signer::GroupMember { .. } = signer {
        return Err(Error::SubaccountNotAccepted);
    }
    let message = if revoke {
        signed::revoke_subaccount(as_node_time(now), tokens)
    } else {
        signed::unrevoke_subaccount(as_node_time(now), tokens)
    };
    let proof = Proof::make(signer, &message)?;
    let hexes: Vec<String> = tokens.iter().map(|t| t.to_hex()).collect();
    let mut o = JsonObject::new();
    o.str("pubkey", &signer.account().to_hex());
    if let Proof::User(_, ed) = &proof {
        o.str("pubkey_ed25519", &ed_hex(ed, false));
    }
    proof.group_fields(&mut o);
    o.str_array(if revoke { "revoke" } else { "unrevoke" }, &hexes)
        .uint("timestamp", now);
    Ok(o.finish())
}
