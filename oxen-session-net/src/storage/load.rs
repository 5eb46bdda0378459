//! The storage server's parse step, per endpoint (`load(...)` of `client_rpc_endpoints.cpp`):
//! every field read in the server's (alphabetical) order so that the first failure is the
//! server's, then the cross-field rules (`require`, `require_exactly_one_of`, …). The result is
//! the typed [`NodeRequest`]; nothing here checks a signature or a clock.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use oxen_session::subaccount::SubaccountToken;
use oxen_session::{Ed25519PublicKey, Signature};

use super::account::AccountId;
use super::b64::{decode_base64, decode_signature, is_base64, is_hex};
use super::json_in::Params;
use super::method::{ExpireMode, Method};
use super::namespace::{Namespace, NamespaceOrAll};
use super::param::Param;
use super::parsed::{
    Credentials, DeleteRequest, ExpireRequest, GetExpiriesRequest, NamespaceTimeRequest,
    NodeRequest, RetrieveRequest, RevocationRequest, SignedToken, StoreRequest,
};
use super::request::{MAX_MESSAGE_BODY, MAX_REVOCATIONS, is_message_hash};
use super::verdict::Rejection;
use crate::Error;

/// Base64 characters of the largest `data` (`MAX_MESSAGE_BODY / 3 * 4`).
const MAX_DATA_BASE64: usize = MAX_MESSAGE_BODY / 3 * 4;
/// Base64 characters of a token (`SUBACCOUNT_TOKEN_LENGTH * 4 / 3`).
const TOKEN_BASE64_LEN: usize = 48;
/// Hex digits of a token.
const TOKEN_HEX_LEN: usize = 72;

fn fail<T>(error: Error) -> Result<T, Rejection> {
    Err(Rejection::new(error))
}

fn require<T>(param: Param, v: Option<T>) -> Result<T, Rejection> {
    v.ok_or(Rejection::new(Error::MissingParam { param }))
}

/// `require_exactly_one_of(first, a, second, b, alias = true)`: the `pubkey` / `pubKey` pair.
fn one_pubkey<'a>(
    pubkey: Option<Cow<'a, str>>,
    pubkey_camel: Option<Cow<'a, str>>,
) -> Result<Cow<'a, str>, Rejection> {
    match (pubkey, pubkey_camel) {
        (Some(_), Some(_)) => fail(Error::BothParams {
            first: Param::Pubkey,
            second: Param::PubkeyCamel,
        }),
        (Some(p), None) | (None, Some(p)) => Ok(p),
        (None, None) => fail(Error::MissingParam {
            param: Param::Pubkey,
        }),
    }
}

/// `load_pk`: `pubkey` required, 66 hex digits or 33 bytes.
fn load_pk(pk: Option<Cow<'_, str>>) -> Result<AccountId, Rejection> {
    let pk = require(Param::Pubkey, pk)?;
    AccountId::parse(&pk).ok_or(Rejection::new(Error::InvalidPubkey))
}

/// `load_pk_signature`: the account, `signature` required, `pubkey_ed25519` (05 accounts only;
/// 64 hex digits or 32 bytes), the signature's base64.
fn load_pk_signature(
    pk: Option<Cow<'_, str>>,
    pk_ed: Option<Cow<'_, str>>,
    sig: Option<Cow<'_, str>>,
) -> Result<(AccountId, Option<Ed25519PublicKey>, Signature), Rejection> {
    let account = load_pk(pk)?;
    let sig = require(Param::Signature, sig)?;
    let ed = match pk_ed {
        None => None,
        Some(_) if account.prefix() != 0x05 => return fail(Error::PubkeyEd25519NotAllowed),
        Some(e) if e.len() == 64 => {
            if !is_hex(e.as_bytes()) {
                return fail(Error::PubkeyEd25519NotHex);
            }
            let bytes = oxen_session::oxen_keys::codec::hex32(e.as_bytes())
                .map_err(|_| Rejection::new(Error::PubkeyEd25519NotHex))?;
            Some(Ed25519PublicKey(bytes))
        }
        Some(e) => match <[u8; 32]>::try_from(e.as_bytes()) {
            Ok(bytes) => Some(Ed25519PublicKey(bytes)),
            Err(_) => return fail(Error::PubkeyEd25519Length),
        },
    };
    let signature = decode_signature(sig.as_bytes())
        .map(Signature)
        .ok_or(Rejection::new(Error::SignatureEncoding))?;
    Ok((account, ed, signature))
}

/// A token as `subaccount`, `revoke` and `unrevoke` carry it: 48 base64 characters, else 72
/// hex digits (the server tries base64 first).
fn decode_token(s: &str) -> Option<SubaccountToken> {
    if s.len() == TOKEN_BASE64_LEN && is_base64(s.as_bytes()) {
        decode_base64(s.as_bytes()).and_then(|b| SubaccountToken::from_bytes(&b).ok())
    } else if s.len() == TOKEN_HEX_LEN && is_hex(s.as_bytes()) {
        SubaccountToken::from_hex(s).ok()
    } else {
        None
    }
}

/// `load_subaccount`: nothing for an absent or empty `subaccount`; else `subaccount_sig`
/// required and both decoded.
fn load_subaccount(
    sub: Option<Cow<'_, str>>,
    sub_sig: Option<Cow<'_, str>>,
) -> Result<Option<SignedToken>, Rejection> {
    let Some(sub) = sub.filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let Some(sub_sig) = sub_sig else {
        return fail(Error::SubaccountSigMissing);
    };
    let token = decode_token(&sub).ok_or(Rejection::new(Error::SubaccountEncoding))?;
    let signature = decode_signature(sub_sig.as_bytes())
        .map(Signature)
        .ok_or(Rejection::new(Error::SubaccountSigEncoding))?;
    Ok(Some(SignedToken { token, signature }))
}

/// The credentials fields every signed endpoint reads, in order: `pubkey`, `pubkey_ed25519`,
/// `signature`, `subaccount`, `subaccount_sig` (adjacent in every field list but for one
/// field some endpoints have between `pubkey_ed25519` and `signature`).
struct CredentialFields<'a> {
    pubkey: Option<Cow<'a, str>>,
    pubkey_ed: Option<Cow<'a, str>>,
    signature: Option<Cow<'a, str>>,
    subaccount: Option<Cow<'a, str>>,
    subaccount_sig: Option<Cow<'a, str>>,
}

impl<'a> CredentialFields<'a> {
    /// The five fields, adjacent.
    fn read(p: &Params<'a>) -> Result<CredentialFields<'a>, Rejection> {
        Self::read_around(p, true, |_| Ok(())).map(|(fields, ())| fields)
    }

    /// The fields with `between` read where it sorts, after `pubkey_ed25519` and before
    /// `signature` (`delete`'s `required`, `expire`'s `shorten`, `store`'s `sig_timestamp`,
    /// `revoke_subaccount`'s `revoke`); `subaccount` and `subaccount_sig` only if the endpoint
    /// reads them.
    fn read_around<T>(
        p: &Params<'a>,
        with_subaccount: bool,
        between: impl FnOnce(&Params<'a>) -> Result<T, Rejection>,
    ) -> Result<(CredentialFields<'a>, T), Rejection> {
        let pubkey = p.string(Param::Pubkey)?;
        let pubkey_ed = p.string(Param::PubkeyEd25519)?;
        let between = between(p)?;
        let signature = p.string(Param::Signature)?;
        let (subaccount, subaccount_sig) = if with_subaccount {
            (
                p.string(Param::Subaccount)?,
                p.string(Param::SubaccountSig)?,
            )
        } else {
            (None, None)
        };
        let fields = CredentialFields {
            pubkey,
            pubkey_ed,
            signature,
            subaccount,
            subaccount_sig,
        };
        Ok((fields, between))
    }

    /// The fields with `pubkey` replaced (by the one of `pubkey` / `pubKey` given).
    fn with_pubkey(self, pubkey: Cow<'a, str>) -> CredentialFields<'a> {
        CredentialFields {
            pubkey: Some(pubkey),
            ..self
        }
    }

    /// `load_pk_signature` then `load_subaccount` (nothing for an endpoint without one).
    fn load(self) -> Result<Credentials, Rejection> {
        let (account, pubkey_ed25519, signature) =
            load_pk_signature(self.pubkey, self.pubkey_ed, self.signature)?;
        let subaccount = load_subaccount(self.subaccount, self.subaccount_sig)?;
        Ok(Credentials {
            account,
            pubkey_ed25519,
            signature,
            subaccount,
        })
    }
}

fn check_hashes(messages: &[Cow<'_, str>]) -> Result<(), Rejection> {
    match messages.iter().find(|m| !is_message_hash(m)) {
        Some(bad) => Err(Rejection::with_detail(
            Error::InvalidMessageHash,
            String::from(&**bad),
        )),
        None => Ok(()),
    }
}

/// The server's parse step for `method`.
pub(crate) fn load<'a>(method: Method, p: &Params<'a>) -> Result<NodeRequest<'a>, Rejection> {
    match method {
        Method::Store => store(p).map(NodeRequest::Store),
        Method::Retrieve => retrieve(p).map(NodeRequest::Retrieve),
        Method::Delete => delete(p).map(NodeRequest::Delete),
        Method::DeleteAll => {
            // namespace, pubkey, pubkey_ed25519, signature, subaccount, subaccount_sig, timestamp
            let ns = p.namespace_or_all()?;
            let creds = CredentialFields::read(p)?;
            let ts = p.timestamp(Param::Timestamp)?;
            let credentials = creds.load()?;
            let time = require(Param::Timestamp, ts)?;
            Ok(NodeRequest::DeleteAll(ns_time(credentials, ns, time)))
        }
        Method::DeleteBefore => {
            let before = p.timestamp(Param::Before)?;
            let ns = p.namespace_or_all()?;
            let credentials = CredentialFields::read(p)?.load()?;
            let time = require(Param::Before, before)?;
            Ok(NodeRequest::DeleteBefore(ns_time(credentials, ns, time)))
        }
        Method::ExpireAll => {
            let expiry = p.timestamp(Param::Expiry)?;
            let ns = p.namespace_or_all()?;
            let credentials = CredentialFields::read(p)?.load()?;
            let time = require(Param::Expiry, expiry)?;
            Ok(NodeRequest::ExpireAll(ns_time(credentials, ns, time)))
        }
        Method::Expire => expire(p).map(NodeRequest::Expire),
        Method::GetExpiries => get_expiries(p).map(NodeRequest::GetExpiries),
        Method::RevokeSubaccount => revocation(p, true).map(NodeRequest::RevokeSubaccount),
        Method::UnrevokeSubaccount => revocation(p, false).map(NodeRequest::UnrevokeSubaccount),
    }
}

fn ns_time(
    credentials: Credentials,
    ns: Option<NamespaceOrAll>,
    time: i64,
) -> NamespaceTimeRequest {
    NamespaceTimeRequest {
        credentials,
        namespace: ns.unwrap_or_default(),
        time,
    }
}

fn store(p: &Params<'_>) -> Result<StoreRequest, Rejection> {
    // data, expiry, namespace, pubKey, pubkey, pubkey_ed25519, sig_timestamp, signature,
    // subaccount, subaccount_sig; then timestamp and ttl (stringified integers allowed)
    let data = p.string(Param::Data)?;
    let expiry = p.timestamp(Param::Expiry)?;
    let namespace = p.namespace()?;
    let pubkey_camel = p.string(Param::PubkeyCamel)?;
    let (mut fields, sig_timestamp) =
        CredentialFields::read_around(p, true, |p| p.timestamp(Param::SigTimestamp))?;
    let timestamp = p.stringified_i64(Param::Timestamp)?;
    let ttl = p.stringified_u64(Param::Ttl)?;

    let timestamp = require(Param::Timestamp, timestamp)?;
    let expiry = match (expiry, ttl) {
        (Some(_), Some(_)) => {
            return fail(Error::BothParams {
                first: Param::Expiry,
                second: Param::Ttl,
            });
        }
        (Some(e), None) => e,
        // `timestamp + milliseconds{ttl}`: the u64 TTL becomes the signed duration
        #[allow(clippy::cast_possible_wrap)]
        (None, Some(ttl)) => timestamp.wrapping_add(ttl as i64),
        (None, None) => return fail(Error::MissingExpiryAndTtl),
    };
    let pk = one_pubkey(fields.pubkey.take(), pubkey_camel)?;
    let namespace = namespace.unwrap_or_default();
    let (account, credentials, sig_timestamp) = if fields.signature.is_some() {
        let creds = fields.with_pubkey(pk).load()?;
        (
            creds.account,
            Some(creds),
            Some(sig_timestamp.unwrap_or(timestamp)),
        )
    } else {
        (load_pk(Some(pk))?, None, None)
    };
    let data = require(Param::Data, data)?;
    if !is_base64(data.as_bytes()) {
        return fail(Error::DataNotBase64);
    }
    if data.len() > MAX_DATA_BASE64 {
        return fail(Error::DataTooLong);
    }
    let data = decode_base64(data.as_bytes()).ok_or(Rejection::new(Error::DataNotBase64))?;
    Ok(StoreRequest {
        account,
        credentials,
        namespace,
        timestamp,
        expiry,
        sig_timestamp,
        data,
    })
}

fn retrieve<'a>(p: &Params<'a>) -> Result<RetrieveRequest<'a>, Rejection> {
    // lastHash, last_hash, max_count, max_size, namespace, pubKey, pubkey, pubkey_ed25519,
    // signature, subaccount, subaccount_sig, timestamp
    let last_hash_camel = p.string(Param::LastHashCamel)?;
    let last_hash = p.string(Param::LastHash)?;
    let max_count = p.int(Param::MaxCount)?;
    let max_size = p.int(Param::MaxSize)?;
    let namespace = p.namespace()?;
    let pubkey_camel = p.string(Param::PubkeyCamel)?;
    let mut fields = CredentialFields::read(p)?;
    let timestamp = p.timestamp(Param::Timestamp)?;

    let pk = one_pubkey(fields.pubkey.take(), pubkey_camel)?;
    let must_sign = fields.pubkey_ed.is_some()
        || fields.signature.is_some()
        || timestamp.is_some()
        || namespace.is_some_and(|n| !n.is_noauth_retrieve());
    let (account, credentials) = if must_sign {
        let creds = fields.with_pubkey(pk).load()?;
        // Divergence: upstream dereferences the absent timestamp here (undefined behaviour);
        // a signed retrieve without one is refused as missing it.
        let ts = require(Param::Timestamp, timestamp)?;
        (creds.account, Some((creds, ts)))
    } else {
        (load_pk(Some(pk))?, None)
    };
    if last_hash.is_some() && last_hash_camel.is_some() {
        return fail(Error::BothParams {
            first: Param::LastHash,
            second: Param::LastHashCamel,
        });
    }
    let last_hash = last_hash.or(last_hash_camel).filter(|h| !h.is_empty());
    if let Some(h) = &last_hash {
        if h.len() != super::request::MESSAGE_HASH_LEN {
            return fail(Error::LastHashLength);
        }
        if !is_base64(h.as_bytes()) {
            return fail(Error::LastHashNotBase64);
        }
    }
    Ok(RetrieveRequest {
        account,
        credentials,
        namespace: namespace.unwrap_or(Namespace::DEFAULT),
        last_hash,
        max_count,
        max_size,
    })
}

fn delete<'a>(p: &Params<'a>) -> Result<DeleteRequest<'a>, Rejection> {
    // messages, pubkey, pubkey_ed25519, required, signature, subaccount, subaccount_sig
    let messages = p.strings(Param::Messages)?;
    let (fields, required) =
        CredentialFields::read_around(p, true, |p| p.boolean(Param::Required))?;
    let credentials = fields.load()?;
    let messages = require(Param::Messages, messages)?;
    if messages.is_empty() {
        return fail(Error::NoMessages);
    }
    check_hashes(&messages)?;
    Ok(DeleteRequest {
        credentials,
        messages,
        required: required.unwrap_or(false),
    })
}

fn expire<'a>(p: &Params<'a>) -> Result<ExpireRequest<'a>, Rejection> {
    // expiry, extend, messages, pubkey, pubkey_ed25519, shorten, signature, subaccount,
    // subaccount_sig
    let expiry = p.timestamps(Param::Expiry)?;
    let extend = p.boolean(Param::Extend)?;
    let messages = p.strings(Param::Messages)?;
    let (fields, shorten) = CredentialFields::read_around(p, true, |p| p.boolean(Param::Shorten))?;
    let credentials = fields.load()?;
    let expiries = require(Param::Expiry, expiry)?;
    if expiries.is_empty() {
        return fail(Error::NoExpiries);
    }
    let mode = match (shorten.unwrap_or(false), extend.unwrap_or(false)) {
        (true, true) => return fail(Error::ShortenAndExtend),
        (true, false) => ExpireMode::Shorten,
        (false, true) => ExpireMode::Extend,
        (false, false) => ExpireMode::Set,
    };
    let messages = require(Param::Messages, messages)?;
    if messages.is_empty() {
        return fail(Error::NoMessages);
    }
    if expiries.len() > 1 && expiries.len() != messages.len() {
        return fail(Error::ExpiryCount);
    }
    check_hashes(&messages)?;
    Ok(ExpireRequest {
        credentials,
        expiries,
        messages,
        mode,
    })
}

fn get_expiries<'a>(p: &Params<'a>) -> Result<GetExpiriesRequest<'a>, Rejection> {
    // messages, pubkey, pubkey_ed25519, signature, subaccount, subaccount_sig, timestamp
    let messages = p.strings(Param::Messages)?;
    let creds = CredentialFields::read(p)?;
    let timestamp = p.timestamp(Param::Timestamp)?;
    let credentials = creds.load()?;
    let timestamp = require(Param::Timestamp, timestamp)?;
    let messages = require(Param::Messages, messages)?;
    if messages.is_empty() {
        return fail(Error::NoMessages);
    }
    Ok(GetExpiriesRequest {
        credentials,
        timestamp,
        messages,
    })
}

fn revocation(p: &Params<'_>, revoke: bool) -> Result<RevocationRequest, Rejection> {
    let list = if revoke {
        Param::Revoke
    } else {
        Param::Unrevoke
    };
    // revoke: pubkey, pubkey_ed25519, revoke, signature, timestamp
    // unrevoke: pubkey, pubkey_ed25519, signature, timestamp, unrevoke
    // no subaccount here: the server does not read one for these endpoints
    let (fields, tokens_revoke) =
        CredentialFields::read_around(
            p,
            false,
            |p| if revoke { p.strings(list) } else { Ok(None) },
        )?;
    let timestamp = p.timestamp(Param::Timestamp)?;
    let tokens_unrevoke = if revoke { None } else { p.strings(list)? };
    let credentials = fields.load()?;
    let (texts, timestamp) = if revoke {
        let texts = require(list, tokens_revoke)?;
        if texts.len() > MAX_REVOCATIONS {
            return fail(Error::TooManyTokens);
        }
        let tokens = decode_tokens(&texts, list)?;
        (tokens, require(Param::Timestamp, timestamp)?)
    } else {
        let timestamp = require(Param::Timestamp, timestamp)?;
        let texts = require(list, tokens_unrevoke)?;
        (decode_tokens(&texts, list)?, timestamp)
    };
    Ok(RevocationRequest {
        credentials,
        timestamp,
        tokens: texts,
    })
}

fn decode_tokens(texts: &[Cow<'_, str>], list: Param) -> Result<Vec<SubaccountToken>, Rejection> {
    texts
        .iter()
        .map(|t| decode_token(t).ok_or(Rejection::new(Error::TokenEncoding { param: list })))
        .collect()
}
