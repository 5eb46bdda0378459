//! `sogs_auth.json`: session-pysogs `handle_http_auth` run on signed requests (released rule:
//! `verdict`; pull request 213: `verdict_pr213`). Per case:
//!
//! * the server check under both rules gives the recorded status, plain-text body, user id and
//!   error variant, consulting the store in pysogs' order (ban, then nonce, then signature);
//! * the signed message built from the case's fields is the recorded `signed_message`, except
//!   in the five cases that sign something else on purpose;
//! * where libsession signed with a key of the case's kind, the client reproduces the four
//!   headers byte for byte; the cases that vary an encoding, a key or the nonce length on
//!   purpose differ in exactly the headers listed in `CLIENT_DIFFERS`.

use std::time::Duration;

use oxen_session::{Ed25519SecretKey, PointCheck, Seed, ServerPubkey, SignatureCheck};
use oxen_session_net::Error;
use oxen_session_net::community::auth::{
    AuthStore, HeaderValues, KeyKind, PrefixRule, Request, ServerAuth, SignedMessage, Signer,
    UserId, Verdict, decode_hex_or_b64,
};
use oxen_vector_harness::{CheckResult, collect};
use serde_json::Value;

/// Cases whose signature covers something other than the case's fields: the server must see
/// a different message (the tampering is real).
const MESSAGE_DIFFERS: &[&str] = &[
    "body_tampered",                    // signed another body
    "body_omitted_from_signature",      // signed no body hash
    "empty_query_question_mark_signed", // signed "/rooms?"
    "method_tampered",                  // signed GET, sent DELETE
    "other_server_key",                 // signed over another server key
];

/// libsession-signed cases where the client's headers differ from the recorded ones, and in
/// which headers (the recorded ones vary an encoding or a key on purpose).
const CLIENT_DIFFERS: &[(&str, &[&str])] = &[
    // nonce sent as hex / unpadded base64: same bytes, other spelling
    ("unblinded_post_body_hex_nonce", &["X-SOGS-Nonce"]),
    ("blind15_unpadded_b64_nonce", &["X-SOGS-Nonce"]),
    ("nonce_not_hex_or_b64", &["X-SOGS-Nonce"]),
    // header "1710752294.5", message signed over "1710752294"
    ("timestamp_not_integer", &["X-SOGS-Timestamp"]),
    // signed something else than the case's fields (see MESSAGE_DIFFERS)
    ("body_tampered", &["X-SOGS-Signature"]),
    ("body_omitted_from_signature", &["X-SOGS-Signature"]),
    ("empty_query_question_mark_signed", &["X-SOGS-Signature"]),
    ("method_tampered", &["X-SOGS-Signature"]),
    ("other_server_key", &["X-SOGS-Signature"]),
    // the recorded key or signature is not the case account's key of its kind
    ("bad_signature", &["X-SOGS-Signature"]),
    ("bad_signature_unblinded", &["X-SOGS-Signature"]),
    ("blind15_id_negated", &["X-SOGS-Pubkey"]),
    ("blind15_id_signed_by_other_account", &["X-SOGS-Signature"]),
    ("blind25_id_signed_with_blind15_key", &["X-SOGS-Signature"]),
    ("blind15_id_signed_with_blind25_key", &["X-SOGS-Signature"]),
    (
        "unblinded_id_signed_with_blind15_key",
        &["X-SOGS-Signature"],
    ),
    ("pubkey_not_a_point", &["X-SOGS-Pubkey"]),
    ("pubkey_wrong_length", &["X-SOGS-Pubkey"]),
    ("signature_wrong_length", &["X-SOGS-Signature"]),
    ("banned_user_bad_signature", &["X-SOGS-Signature"]),
    // headers left out on purpose
    ("missing_signature_header", &["X-SOGS-Signature"]),
    ("missing_two_headers", &["X-SOGS-Nonce", "X-SOGS-Timestamp"]),
    (
        "no_auth_headers",
        &[
            "X-SOGS-Pubkey",
            "X-SOGS-Nonce",
            "X-SOGS-Timestamp",
            "X-SOGS-Signature",
        ],
    ),
];

const NAMES: [&str; 4] = [
    "X-SOGS-Pubkey",
    "X-SOGS-Nonce",
    "X-SOGS-Timestamp",
    "X-SOGS-Signature",
];

/// The oracle's stubbed database: one ban flag and one "nonce already used" flag for whoever
/// the request is from; records the calls to check their order.
struct CaseStore {
    banned: bool,
    nonce_used: bool,
    calls: Vec<(&'static str, String)>,
}

impl AuthStore for CaseStore {
    fn is_banned(&mut self, user: &UserId) -> bool {
        self.calls.push(("banned", user.to_hex()));
        self.banned
    }
    fn record_nonce(&mut self, user: &UserId, _nonce: &[u8; 16], _keep_until: i64) -> bool {
        self.calls.push(("nonce", user.to_hex()));
        !self.nonce_used
    }
}

fn s<'a>(c: &'a Value, k: &str) -> &'a str {
    c[k].as_str()
        .unwrap_or_else(|| panic!("{}: field {k}", c["name"]))
}

fn hex(c: &Value, k: &str) -> Vec<u8> {
    hex::decode(s(c, k)).unwrap()
}

fn flag(c: &Value, k: &str) -> bool {
    c[k].as_bool().unwrap()
}

/// The error variant pysogs' text names (an independent table: the harness does not trust the
/// crate's Display to pick the variant).
fn variant_for_text(text: &str) -> Option<&'static str> {
    Some(match text {
        t if t.starts_with("Invalid authentication headers: missing ") => "SogsMissingHeaders",
        "Invalid authentication: X-SOGS-Pubkey is not a valid 66-hex digit id" => {
            "SogsPubkeyEncoding"
        }
        "Invalid authentication: X-SOGS-Pubkey must be 00- or 15- prefixed"
        | "Invalid authentication: X-SOGS-Pubkey must be 00-, 15-, or 25- prefixed" => {
            "SogsPubkeyPrefix"
        }
        "Invalid authentication: given X-SOGS-Pubkey is not a valid Ed25519 pubkey" => {
            "SogsPubkeyNotAPoint"
        }
        "Invalid authentication: this server requires the use of blinded ids" => {
            "SogsBlindedIdRequired"
        }
        "Invalid authentication: X-SOGS-Nonce must be 16 bytes (encoded as base64 or hex)" => {
            "SogsNonceEncoding"
        }
        "Invalid authentication: X-SOGS-Signature is not base64[88]" => "SogsSignatureEncoding",
        "Invalid authentication: X-SOGS-Timestamp is not a valid timestamp" => {
            "SogsTimestampNotInteger"
        }
        "Invalid authentication: X-SOGS-Timestamp is too far from current time" => {
            "SogsTimestampOutOfWindow"
        }
        "Banned" => "SogsBanned",
        "Invalid authentication: X-SOGS-Nonce cannot be reused" => "SogsNonceReused",
        "Invalid authentication: X-SOGS-Signature verification failed" => "SogsSignatureInvalid",
        _ => return None,
    })
}

fn variant_of(e: &Error) -> &'static str {
    match e {
        Error::SogsMissingHeaders { .. } => "SogsMissingHeaders",
        Error::SogsPubkeyEncoding => "SogsPubkeyEncoding",
        Error::SogsPubkeyPrefix { .. } => "SogsPubkeyPrefix",
        Error::SogsPubkeyNotAPoint(_) => "SogsPubkeyNotAPoint",
        Error::SogsBlindedIdRequired => "SogsBlindedIdRequired",
        Error::SogsNonceEncoding => "SogsNonceEncoding",
        Error::SogsSignatureEncoding => "SogsSignatureEncoding",
        Error::SogsTimestampNotInteger => "SogsTimestampNotInteger",
        Error::SogsTimestampOutOfWindow => "SogsTimestampOutOfWindow",
        Error::SogsBanned => "SogsBanned",
        Error::SogsNonceReused => "SogsNonceReused",
        Error::SogsSignatureInvalid(_) => "SogsSignatureInvalid",
        _ => "other",
    }
}

/// The payload a refusal must carry beyond its variant, where the case fixes it.
fn payload_ok(name: &str, e: &Error, rule: PrefixRule) -> bool {
    match e {
        Error::SogsPubkeyNotAPoint(check) => {
            // 15 ‖ 00…0080: y = 0 with the sign bit set, a small-order encoding
            name == "pubkey_not_a_point" && *check == PointCheck::SmallOrder
        }
        Error::SogsPubkeyPrefix { prefix, rule: r } => {
            *r == rule
                && *prefix
                    == match name {
                        "prefix_05" => 0x05,
                        "prefix_01" => 0x01,
                        _ => 0x25,
                    }
        }
        Error::SogsMissingHeaders { missing } => {
            *missing
                == match name {
                    "missing_signature_header" => 1,
                    _ => 2,
                }
        }
        Error::SogsSignatureInvalid(check) => matches!(
            check,
            SignatureCheck::Equation | SignatureCheck::NonCanonicalS
        ),
        _ => true,
    }
}

fn check_verdict(c: &Value, field: &str, rule: PrefixRule) -> Result<(), String> {
    let want = &c[field];
    let server = ServerPubkey::from_hex(s(c, "server_pubkey")).map_err(|e| e.to_string())?;
    let auth = ServerAuth::new(server)
        .require_blind_keys(flag(c, "require_blind_keys"))
        .prefix_rule(rule);
    let pairs: Vec<(String, String)> = c["headers"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
        .collect();
    let headers = HeaderValues::from_pairs(&pairs);
    let target = Request::from_target(s(c, "path")).map_err(|e| e.to_string())?;
    let body = hex(c, "body");
    let request = Request::new(s(c, "method"), &target, &body);
    let mut store = CaseStore {
        banned: flag(c, "banned"),
        nonce_used: flag(c, "nonce_already_used"),
        calls: Vec::new(),
    };
    let now = Duration::from_secs(c["server_now"].as_u64().unwrap());
    let got = auth.handle_http_auth(&headers, &request, now, &mut store);
    let status = want["status"].as_u64().unwrap();
    match (s(want, "result"), got) {
        ("anonymous", Ok(Verdict::Anonymous)) if status == 200 => {
            if !store.calls.is_empty() {
                return Err(format!("{field}: store consulted for an anonymous request"));
            }
        }
        ("accepted", Ok(Verdict::User(u))) if status == 200 => {
            if u.id.to_hex() != s(want, "user") {
                return Err(format!("{field}: user {} != {}", u.id, s(want, "user")));
            }
            let id = u.id.to_hex();
            if store.calls != [("banned", id.clone()), ("nonce", id)] {
                return Err(format!("{field}: store calls {:?}", store.calls));
            }
        }
        ("rejected", Err(e)) => {
            let text = s(want, "error");
            if e.to_string() != text {
                return Err(format!("{field}: body {e:?} = {e} != {text}"));
            }
            if e.sogs_status().map(u64::from) != Some(status) {
                return Err(format!("{field}: status {:?} != {status}", e.sogs_status()));
            }
            if variant_for_text(text) != Some(variant_of(&e)) {
                return Err(format!("{field}: variant {e:?} for {text}"));
            }
            if !payload_ok(s(c, "name"), &e, rule) {
                return Err(format!("{field}: payload of {e:?}"));
            }
            // the store is consulted only from step 5 on, ban first, nonce before the signature
            let calls: Vec<&str> = store.calls.iter().map(|(k, _)| *k).collect();
            let want_calls: &[&str] = match e {
                Error::SogsBanned => &["banned"],
                Error::SogsNonceReused | Error::SogsSignatureInvalid(_) => &["banned", "nonce"],
                _ => &[],
            };
            if calls != want_calls {
                return Err(format!("{field}: store calls {calls:?} for {e:?}"));
            }
        }
        (r, got) => return Err(format!("{field}: want {r} {status}, got {got:?}")),
    }
    Ok(())
}

fn check_message(c: &Value) -> Result<(), String> {
    let name = s(c, "name");
    let server = ServerPubkey::from_hex(s(c, "server_pubkey")).map_err(|e| e.to_string())?;
    let nonce_bytes = hex(c, "nonce");
    // the 15- and 17-byte nonce cases: the message with that nonce, built by hand
    let mut nonce = [0u8; 16];
    let short_or_long = nonce_bytes.len() != 16;
    if !short_or_long {
        nonce.copy_from_slice(&nonce_bytes);
    }
    let ts = c["timestamp"].as_i64().unwrap().to_string();
    let target = Request::from_target(s(c, "signed_path")).map_err(|e| e.to_string())?;
    let body = hex(c, "body");
    let request = Request::new(s(c, "method"), &target, &body);
    let mut got = SignedMessage::new(&server, &nonce, &ts, &request).to_vec();
    if short_or_long {
        got.splice(32..48, nonce_bytes.iter().copied());
    }
    let same = got == hex(c, "signed_message");
    match (MESSAGE_DIFFERS.contains(&name), same) {
        (false, true) | (true, false) => Ok(()),
        (false, false) => Err("signed_message differs".into()),
        (true, true) => Err("signed_message expected to differ (tampered case)".into()),
    }
}

fn check_client(c: &Value) -> Result<bool, String> {
    let name = s(c, "name");
    let kind = match s(c, "key_kind") {
        "00" => KeyKind::Unblinded,
        "15" => KeyKind::Blind15,
        "25" => KeyKind::Blind25,
        _ => return Ok(false), // 05 / 01: no such client key
    };
    let nonce: [u8; 16] = match hex(c, "nonce").try_into() {
        Ok(n) => n,
        Err(_) => return Ok(false), // 15- and 17-byte nonces: no client sends those
    };
    if s(c, "signer") != "libsession" {
        return Ok(false); // pysogs' test signer draws another 15 nonce r
    }
    let key = Ed25519SecretKey::from_seed(Seed::from_bytes(&hex(c, "ed25519_seed")).unwrap());
    if key.session_id().to_hex() != s(c, "session_id") {
        return Err("session_id".into());
    }
    let server = ServerPubkey::from_hex(s(c, "server_pubkey")).map_err(|e| e.to_string())?;
    let signed = Signer::new(&key, server, kind)
        .sign_with(
            &nonce,
            c["timestamp"].as_u64().unwrap(),
            s(c, "method"),
            s(c, "signed_path"),
            &hex(c, "body"),
        )
        .map_err(|e| format!("sign: {e:?}"))?;
    let ours = signed.headers.pairs();
    let mut differ: Vec<&str> = Vec::new();
    for (header, value) in ours {
        if c["headers"][header].as_str() != Some(value) {
            differ.push(header);
        }
    }
    let want: &[&str] = CLIENT_DIFFERS
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(&[], |(_, d)| d);
    differ.sort_by_key(|h| NAMES.iter().position(|n| n == h));
    if differ != want {
        return Err(format!(
            "client headers differ in {differ:?}, expected {want:?}"
        ));
    }
    // where only the nonce's spelling differs, the bytes are the same
    if differ == ["X-SOGS-Nonce"] && name != "nonce_not_hex_or_b64" {
        let sent = c["headers"]["X-SOGS-Nonce"].as_str().unwrap();
        if decode_hex_or_b64::<16>(sent) != Some(nonce) {
            return Err("nonce bytes".into());
        }
    }
    Ok(true)
}

pub fn sogs_auth(v: &Value) -> CheckResult {
    collect(|failures| {
        let mut n = 0;
        let mut client_cases = 0;
        for c in v["cases"].as_array().unwrap() {
            let name = s(c, "name");
            let mut fail = |what: &str, r: Result<(), String>| {
                if let Err(e) = r {
                    failures.push(format!("{name}: {what}: {e}"));
                }
            };
            fail("verdict", check_verdict(c, "verdict", PrefixRule::Released));
            fail(
                "verdict_pr213",
                check_verdict(c, "verdict_pr213", PrefixRule::Pr213),
            );
            fail("signed_message", check_message(c));
            match check_client(c) {
                Ok(true) => client_cases += 1,
                Ok(false) => {}
                Err(e) => failures.push(format!("{name}: client: {e}")),
            }
            n += 1;
        }
        // every listed exception is a case that ran through the client
        for (listed, _) in CLIENT_DIFFERS {
            if !v["cases"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["name"] == *listed)
            {
                failures.push(format!("CLIENT_DIFFERS names unknown case {listed}"));
            }
        }
        // 47 cases less the two pysogs-signed ones, the 05/01 prefixes and the 15/17-byte
        // nonces
        if client_cases != 41 {
            failures.push(format!("{client_cases} cases through the client, not 41"));
        }
        n
    })
}
