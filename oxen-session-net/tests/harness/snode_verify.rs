//! `snode_verify.json`: the storage server's verdict on signed requests (method, params, node
//! clock, direct or forwarded, revoked tokens): accepted (200) or the exact status and reply
//! text, and the typed check that refused it (through `verify_request` on the body, and
//! `verify_params` on the method and params apart). For accepted requests the bytes our node
//! verified are the case's signed string.

use oxen_session::subaccount::SubaccountToken;
use oxen_session_net::Error;
use oxen_session_net::storage::{
    Method, NodeContext, Param, Rejection, verify_params, verify_request,
};
use oxen_vector_harness::CheckResult;
use serde_json::{Value, json};

use crate::support::{each, eq, i, name, opt_s, s};

/// The typed check a rejection must name, from its reply text and, for the one text shared
/// by every authentication failure, from the case's name.
fn variant_matches(case: &str, r: &Rejection) -> Result<(), String> {
    let msg = r.message();
    let e = r.error();
    let ok = if msg.ends_with("signature verification failed") {
        let reason: Option<fn(&Error) -> bool> = if case.contains("revoked") {
            Some(|e| *e == Error::SubaccountRevoked)
        } else if case.contains("missing_flag")
            || case.contains("no_flags")
            || case.contains("write_only")
        {
            Some(|e| matches!(e, Error::SubaccountAccess { .. }))
        } else if case.contains("wrong_prefix") {
            Some(|e| matches!(e, Error::SubaccountPrefix { .. }))
        } else if case.contains("bad_token_signature") || case.contains("token_from_other_group") {
            Some(|e| matches!(e, Error::SubaccountSignature(_)))
        } else if case.contains("pubkey_ed25519_mismatch") {
            Some(|e| *e == Error::PubkeyEd25519Mismatch)
        } else if [
            "bad_signature",
            "signed_by_other_key",
            "omitted_from_signed_string",
            "reordered",
            "signed_by_member",
            "05_without_pubkey_ed25519",
        ]
        .iter()
        .any(|p| case.contains(p))
        {
            Some(|e| matches!(e, Error::RequestSignature(_)))
        } else {
            None
        };
        match reason {
            Some(f) => f(&e),
            None => return Err(format!("no expected check for the 401 of {case}")),
        }
    } else if msg.contains("timestamp too far")
        || msg.contains("timestamp should be >= current time")
    {
        e == Error::TimestampOutOfWindow
    } else if msg == "Timestamp error: check your clock" {
        e == Error::ClockSkew
    } else if msg == "Provided expiry/TTL is not valid." {
        e == Error::TtlOutOfRange
    } else if msg.contains("signature required") {
        e == Error::SignatureRequired
    } else if msg.starts_with("expire: shorten parameter") {
        e == Error::ShortenWithoutDelete
    } else if msg == "invalid request: pubkey_ed25519 is only permitted for 05[...] pubkeys" {
        e == Error::PubkeyEd25519NotAllowed
    } else if msg == "invalid request: Required field 'signature' missing" {
        e == Error::MissingParam {
            param: Param::Signature,
        }
    } else {
        return Err(format!("no expected check for {msg:?}"));
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{case}: refused by {e:?}, not the check the case names"
        ))
    }
}

pub fn snode_verify(v: &Value) -> CheckResult {
    each(v, |c| {
        let body = json!({"method": s(c, "method"), "params": c["params"]}).to_string();
        let revoked: Vec<SubaccountToken> = c["revoked_tokens"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|t| SubaccountToken::from_hex(t.as_str().expect("token")).expect("hex"))
                    .collect()
            })
            .unwrap_or_default();
        let node = NodeContext {
            now_ms: i(c, "server_now_ms"),
            forwarded: !c["recurse"].as_bool().expect("recurse"),
            revoked: &revoked,
            multi_expiry: true,
        };
        let verdict = &c["verdict"];
        let got = verify_request(body.as_bytes(), &node);
        // the same verdict when the caller splits method and params itself
        let method = Method::from_name(s(c, "method")).ok_or("unknown method")?;
        let params = c["params"].to_string();
        let split = verify_params(method, params.as_bytes(), &node);
        eq(
            "verify_params",
            split
                .as_ref()
                .map(|_| ())
                .map_err(|r| (r.status(), r.message())),
            got.as_ref()
                .map(|_| ())
                .map_err(|r| (r.status(), r.message())),
        )?;
        match (s(verdict, "result"), got) {
            ("accepted", Ok(req)) => {
                eq("status", verdict["status"].as_u64(), Some(200))?;
                if let Some(want) = opt_s(c, "signed_string_hex").filter(|h| !h.is_empty()) {
                    let want = hex::decode(want).map_err(|e| e.to_string())?;
                    eq("signed string", req.signed_message(), Some(want))?;
                }
                Ok(())
            }
            ("rejected", Err(r)) => {
                eq(
                    "status",
                    u64::from(r.status().code()),
                    verdict["status"].as_u64().expect("status"),
                )?;
                eq("reply", r.message().as_str(), s(verdict, "error"))?;
                variant_matches(name(c), &r)
            }
            (want, got) => Err(format!(
                "expected {want}, got {}",
                match got {
                    Ok(_) => "accepted".to_owned(),
                    Err(r) => format!("{} {:?}", r, r.error()),
                }
            )),
        }
    })
}
