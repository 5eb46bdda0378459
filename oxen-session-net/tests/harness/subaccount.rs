//! `subaccount.json`: libsession's group subaccounts (token, signing value, blind factor, the
//! member's signature over a request, `swarm_verify_subaccount` for every flag requirement,
//! and the refused calls, each by its error variant), and the storage server's verdict on a
//! `retrieve` signed with those credentials, through this crate's node.

use oxen_session::oxen_keys::codec::to_base64;
use oxen_session::subaccount::{
    Flags, SigningValue, blind_factor, make_subaccount, subaccount_sign, subaccount_token,
    verify_subaccount,
};
use oxen_session::{
    Ed25519SecretKey, Error as SessionError, GroupId, Input, PointCheck, SessionId,
};
use oxen_session_net::storage::{Namespace, NodeContext, signed, verify_request};
use oxen_vector_harness::CheckResult;
use serde_json::{Value, json};

use crate::support::{arr, bytes, each, eq, fails_with, i, key, ok, opt_s, s};

fn arg(c: &Value, n: usize) -> &str {
    c["args"][n].as_str().expect("string argument")
}

fn arg_bytes(c: &Value, n: usize) -> Vec<u8> {
    hex::decode(arg(c, n)).expect("hex argument")
}

/// The refusal `swarm_verify_subaccount` gives a signing value: `false` (a check variant) or
/// an exception.
fn expected_verify_refusal(value: &[u8], write: bool, delete: bool) -> SessionError {
    if value.len() != 100 {
        return SessionError::InvalidLength {
            input: Input::SigningValue,
            len: value.len(),
        };
    }
    let (prefix, flags) = (value[0], Flags::from_bits(value[1]));
    if prefix != 0x03 && !flags.contains(Flags::ANY_PREFIX) {
        return SessionError::SubaccountPrefix { prefix };
    }
    let required = Flags::member(write, delete);
    if !flags.contains(required) {
        return SessionError::SubaccountAccess {
            required: required.bits(),
            granted: flags.bits(),
        };
    }
    SessionError::InvalidSignature(oxen_session::SignatureCheck::Equation)
}

fn call_case(c: &Value) -> Result<(), String> {
    match s(c, "call") {
        "saverify" => {
            let (write, delete) = (arg(c, 3) == "1", arg(c, 4) == "1");
            let value = arg_bytes(c, 2);
            let got = GroupId::from_hex(arg(c, 0)).and_then(|g| {
                let member = Ed25519SecretKey::from_keypair_bytes(&arg_bytes(c, 1))?;
                let value = SigningValue::from_bytes(&value)?;
                verify_subaccount(&g, &member, &value, write, delete)
            });
            if opt_s(c, "error").is_some() {
                // "Invalid session ID: expected 66 hex digits starting with 03"
                return fails_with(
                    got,
                    SessionError::InvalidPrefix {
                        input: Input::GroupId,
                    },
                );
            }
            match s(c, "result") {
                "1" => ok("verify", got),
                _ => fails_with(got, expected_verify_refusal(&value, write, delete)),
            }
        }
        "sasign" => {
            let value = arg_bytes(c, 3);
            let got = Ed25519SecretKey::from_keypair_bytes(&arg_bytes(c, 0)).and_then(|member| {
                let v = SigningValue::from_bytes(&value)?;
                subaccount_sign(&member, &v, &arg_bytes(c, 2))
            });
            // "Invalid signing value: size is wrong"
            fails_with(
                got,
                SessionError::InvalidLength {
                    input: Input::SigningValue,
                    len: value.len(),
                },
            )
        }
        "token" => {
            let flags = Flags::member(arg(c, 2) == "1", arg(c, 3) == "1");
            let got = Ed25519SecretKey::from_keypair_bytes(&arg_bytes(c, 0)).and_then(|group| {
                let member = SessionId::from_hex(arg(c, 1))?;
                subaccount_token(&group, &member, flags)
            });
            let want = if s(c, "error").starts_with("Invalid session ID") {
                SessionError::InvalidPrefix {
                    input: Input::SessionId,
                }
            } else {
                // "scalarmult failed": xed25519::pubkey(X) is not a usable point
                SessionError::InvalidPoint {
                    input: Input::SessionId,
                    check: PointCheck::SmallOrder,
                }
            };
            fails_with(got, want)
        }
        other => Err(format!("unknown call {other}")),
    }
}

pub fn subaccount(v: &Value) -> CheckResult {
    each(v, |c| {
        if c.get("call").is_some() {
            return call_case(c);
        }
        let group = key(c, "group_seed");
        let gid = GroupId::from_ed25519(*group.public_key());
        eq("group_id", gid.to_hex(), s(c, "group_id").to_owned())?;
        let member = key(c, "member_seed");
        let sid = member.session_id();
        eq(
            "member_session_id",
            sid.to_hex(),
            s(c, "member_session_id").to_owned(),
        )?;
        eq(
            "member_ed25519_negative",
            member.public_key().as_bytes()[31] >> 7 == 1,
            c["member_ed25519_negative"].as_bool().expect("bool"),
        )?;
        let (write, delete) = (
            c["write"].as_bool().expect("write"),
            c["delete"].as_bool().expect("delete"),
        );
        let flags = Flags::member(write, delete);

        let token = ok("token", subaccount_token(&group, &sid, flags))?;
        eq("token", token.0, arr::<36>(c, "token"))?;
        let value = ok("signing value", make_subaccount(&group, &sid, flags))?;
        eq(
            "signing_value",
            value.expose_bytes().to_vec(),
            bytes(c, "signing_value"),
        )?;
        eq(
            "blind_factor",
            *blind_factor(&group, &sid).expose_bytes(),
            arr::<32>(c, "blind_factor"),
        )?;

        // the member signs a retrieve of the group's namespace with its subaccount
        let ns = Namespace(i(c, "retrieve_namespace") as i16);
        let ts = i(c, "retrieve_timestamp");
        let message = bytes(c, "request_message");
        eq("request_message", signed::retrieve(ns, ts), message.clone())?;
        let auth = ok("sign", subaccount_sign(&member, &value, &message))?;
        eq("subaccount", auth.token.0, arr::<36>(c, "subaccount"))?;
        eq(
            "subaccount_sig",
            auth.token_signature.to_bytes(),
            arr::<64>(c, "subaccount_sig"),
        )?;
        eq(
            "signature",
            auth.signature.to_bytes(),
            arr::<64>(c, "signature"),
        )?;

        // libsession's check for each requirement
        for (w, d, k) in [
            (false, false, "w0d0"),
            (false, true, "w0d1"),
            (true, false, "w1d0"),
            (true, true, "w1d1"),
        ] {
            let got = verify_subaccount(&gid, &member, &value, w, d);
            if c["libsession_verify"][k].as_bool().expect("verify result") {
                ok(k, got)?;
            } else {
                fails_with(got, expected_verify_refusal(value.expose_bytes(), w, d))?;
            }
        }

        // the storage server's verdict on that retrieve, through our node
        let params = json!({
            "pubkey": gid.to_hex(),
            "namespace": ns.0,
            "timestamp": ts,
            "subaccount": auth.token.to_hex(),
            "subaccount_sig": to_base64(auth.token_signature.as_bytes()),
            "signature": to_base64(auth.signature.as_bytes()),
        });
        let body = json!({"method": "retrieve", "params": params}).to_string();
        let node = NodeContext::at(i(c, "server_now_ms"));
        let verdict = &c["storage_server_retrieve"];
        match (s(verdict, "result"), verify_request(body.as_bytes(), &node)) {
            ("accepted", Ok(_)) => Ok(()),
            ("rejected", Err(r)) => eq(
                "status",
                u64::from(r.status().code()),
                verdict["status"].as_u64().expect("status"),
            ),
            (want, got) => Err(format!(
                "storage server verdict: expected {want}, got {got:?}"
            )),
        }
    })
}
