//! `snode_signatures.json`: the Session desktop client's storage requests (`<kind>.build()`,
//! `JSON.stringify`), byte for byte: the signed string, the signature, and the exact `body`
//! text; the refused requests by their error variant. Every built request is then accepted by
//! this crate's node at the case's `now`, except the desktop's group `expire` with `extends`
//! (the documented divergence): its body is checked to differ from ours in exactly that key,
//! and the node refuses the desktop's spelling.

use oxen_session::subaccount::SubaccountToken;
use oxen_session::{GroupId, SignatureCheck};
use oxen_session_net::Error;
use oxen_session_net::storage::{
    AccountId, Delete, DeleteAll, Expire, ExpireMode, GetExpiries, Namespace, NamespaceOrAll,
    NodeContext, Request, Retrieve, RevokeSubaccount, Signer, Store, UnrevokeSubaccount,
    build_request, signed, verify_request,
};
use oxen_vector_harness::CheckResult;
use serde_json::Value;

use crate::support::{each, eq, fails_with, i, key, name, ok, opt_s, s, u};

fn hashes(args: &Value) -> Vec<String> {
    args["hashes"]
        .as_array()
        .expect("hashes")
        .iter()
        .map(|h| h.as_str().expect("hash").to_owned())
        .collect()
}

fn mode(args: &Value) -> ExpireMode {
    match args["shortenOrExtend"].as_str() {
        Some("shorten") => ExpireMode::Shorten,
        Some("extend") => ExpireMode::Extend,
        _ => ExpireMode::Set,
    }
}

fn data(args: &Value) -> Vec<u8> {
    hex::decode(args["data"].as_str().expect("data")).expect("data hex")
}

/// The group store kinds and their namespace.
fn group_store_namespace(kind: &str) -> Option<i16> {
    Some(match kind {
        "StoreGroupMessageSubRequest" => 11,
        "StoreGroupKeysSubRequest" => 12,
        "StoreGroupInfoSubRequest" => 13,
        "StoreGroupMembersSubRequest" => 14,
        "StoreGroupRevokedRetrievableSubRequest" => -11,
        _ => return None,
    })
}

/// The typed request of a case, and whether the group admin signs it.
fn request(c: &Value) -> Result<(Request, bool), String> {
    let args = &c["args"];
    let kind = s(c, "kind");
    if let Some(ns) = group_store_namespace(kind) {
        let r = Store {
            namespace: Namespace(ns),
            ttl_ms: u(args, "ttl"),
            data: data(args),
        };
        return Ok((r.into(), true));
    }
    let tokens = || -> Vec<SubaccountToken> {
        args["tokens"]
            .as_array()
            .expect("tokens")
            .iter()
            .map(|t| SubaccountToken::from_hex(t.as_str().expect("token")).expect("token hex"))
            .collect()
    };
    Ok(match kind {
        "StoreUserMessageSubRequest" | "StoreUserConfigSubRequest" => {
            let namespace = Namespace(args["namespace"].as_i64().unwrap_or(0) as i16);
            let r = Store {
                namespace,
                ttl_ms: u(args, "ttl"),
                data: data(args),
            };
            (r.into(), false)
        }
        "RetrieveUserSubRequest" | "RetrieveGroupSubRequest" => {
            let r = Retrieve {
                namespace: Namespace(i(args, "namespace") as i16),
                last_hash: opt_s(args, "last_hash").map(str::to_owned),
                max_size: args["max_size"].as_i64().map(|m| m as i32),
            };
            (r.into(), kind == "RetrieveGroupSubRequest")
        }
        "DeleteAllFromUserNodeSubRequest" => (
            DeleteAll {
                namespace: NamespaceOrAll::All,
            }
            .into(),
            false,
        ),
        "DeleteAllFromGroupMsgNodeSubRequest" => (
            DeleteAll {
                namespace: Namespace::GROUP_MESSAGES.into(),
            }
            .into(),
            true,
        ),
        "DeleteHashesFromUserNodeSubRequest" | "DeleteHashesFromGroupNodeSubRequest" => (
            Delete {
                hashes: hashes(args),
            }
            .into(),
            kind == "DeleteHashesFromGroupNodeSubRequest",
        ),
        "UpdateExpiryOnNodeUserSubRequest" | "UpdateExpiryOnNodeGroupSubRequest" => (
            Expire {
                hashes: hashes(args),
                expiry_ms: u(args, "expiry"),
                mode: mode(args),
            }
            .into(),
            kind == "UpdateExpiryOnNodeGroupSubRequest",
        ),
        "GetExpiriesFromNodeSubRequest" => (
            GetExpiries {
                hashes: hashes(args),
            }
            .into(),
            false,
        ),
        "SubaccountRevokeSubRequest" => (RevokeSubaccount { tokens: tokens() }.into(), true),
        "SubaccountUnrevokeSubRequest" => (UnrevokeSubaccount { tokens: tokens() }.into(), true),
        other => return Err(format!("unknown kind {other}")),
    })
}

/// The error variant of each refused request (the desktop client's exception).
fn refusal(c: &Value) -> Result<Error, String> {
    let e = s(c, "error");
    Ok(if e.contains("empty list of messageHashes") {
        Error::NoMessages
    } else if e.contains("encryptedData cannot be empty") {
        Error::EmptyData
    } else if e.contains("at least one token") {
        Error::NoTokens
    } else {
        return Err(format!("no expected refusal for {e:?}"));
    })
}

/// The desktop's group expire spells the flag `extends` (divergence: we send `extend`).
const DESKTOP_EXTENDS: &str = "\"extends\":true";
const SERVER_EXTEND: &str = "\"extend\":true";

pub fn snode_signatures(v: &Value) -> CheckResult {
    each(v, |c| {
        let user = key(c, "user_seed");
        if let Some(sid) = opt_s(c, "user_session_id") {
            eq("user_session_id", user.session_id().to_hex().as_str(), sid)?;
        }
        let group = opt_s(c, "group_seed").map(|_| key(c, "group_seed"));
        if let (Some(g), Some(pk)) = (&group, opt_s(c, "group_pk")) {
            let id = GroupId::from_ed25519(*g.public_key());
            eq("group_pk", id.to_hex().as_str(), pk)?;
        }
        let (request, by_group) = request(c)?;
        let now = u(c, "now");
        let destination = opt_s(&c["args"], "destination");
        let signer = match (&group, by_group, destination) {
            (_, false, Some(d)) => Signer::Unsigned(AccountId::parse(d).ok_or("destination")?),
            (Some(g), true, _) => Signer::GroupAdmin(g),
            (_, false, None) => Signer::User(&user),
            (None, true, _) => return Err("group kind without a group seed".into()),
        };
        let built = build_request(&request, &signer, now);
        if opt_s(c, "error").is_some() {
            return fails_with(built, refusal(c)?);
        }
        let built = ok("build", built)?;
        let ours = built.to_json();
        let theirs = s(c, "body");

        // the signed string and the signature (present for every signed kind)
        if let Some(hex_msg) = opt_s(c, "signed_message_hex") {
            let parsed = ok(
                "node parse",
                verify_request(theirs.as_bytes(), &NodeContext::at(now as i64)).map_or_else(
                    |r| match r.error() {
                        // the desktop's own group expire: the server rebuilds without `extend`
                        Error::RequestSignature(SignatureCheck::Equation)
                            if theirs.contains(DESKTOP_EXTENDS) =>
                        {
                            Ok(None)
                        }
                        _ => Err(r),
                    },
                    |p| Ok(Some(p)),
                ),
            )?;
            let want_msg = hex::decode(hex_msg).map_err(|e| e.to_string())?;
            if let Some(p) = parsed {
                eq(
                    "signed string (node)",
                    p.signed_message(),
                    Some(want_msg.clone()),
                )?;
            }
            if let Request::Store(r) = &request {
                eq(
                    "signed string (client)",
                    signed::store(r.namespace, now as i64),
                    want_msg,
                )?;
            }
        }

        if theirs.contains(DESKTOP_EXTENDS) {
            // the divergence: exactly that key differs, and only ours passes the node
            eq(
                "extend spelling",
                theirs.replace(DESKTOP_EXTENDS, SERVER_EXTEND),
                ours.clone(),
            )?;
            if ours == theirs {
                return Err("expected our group expire to differ from the desktop's".into());
            }
            fails_with(
                verify_request(theirs.as_bytes(), &NodeContext::at(now as i64))
                    .map_err(|r| r.error()),
                Error::RequestSignature(SignatureCheck::Equation),
            )?;
        } else {
            eq("body", ours.as_str(), theirs)?;
        }
        // what we build, the node accepts
        ok(
            "node verdict",
            verify_request(ours.as_bytes(), &NodeContext::at(now as i64)).map_err(|r| r.message()),
        )?;
        if name(c).is_empty() {
            return Err("unnamed case".into());
        }
        Ok(())
    })
}
