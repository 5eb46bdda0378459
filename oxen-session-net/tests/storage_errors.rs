//! One test per error variant of the storage requests: each refusal with its exact variant,
//! the status the storage server answers with and its reply text (node side), or the request
//! the client refuses to build.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use oxen_session::oxen_keys::codec::to_base64;
use oxen_session::subaccount::{Flags, SubaccountToken, make_subaccount, subaccount_token};
use oxen_session::{Ed25519SecretKey, GroupId, PointCheck, Seed, SignatureCheck};
use oxen_session_net::Error;
use oxen_session_net::storage::*;

const NOW: i64 = 1_729_993_000_455;
const SIG: &str =
    "gw2I8Y6CU/MWZDKmMyzjyRhVYq6pYl25w7Dxl5HZd9qMG02F6O4i7rGdEcMTSKelE0Ptay943ITfbnyWZN0DBQ==";
const GROUP: &str = "03b4bcc22cbaf2ad6e7064fb48a3d3cb6170ff60f4c21d4bc35e1e5416a59915ce";
const USER: &str = "05095116c2b28b8d15feb657d63f49e73834d34d64a04a9463ca297011b9833903";
const HASH: &str = "mPlXV9nmhD0F4Aifg8mTzeSDzioJ2DKptcYDas5WFTY";

fn refuse_at(body: &str, node: &NodeContext<'_>) -> Rejection {
    verify_request(body.as_bytes(), node).expect_err("refused")
}

fn refuse(method: &str, params: &str) -> Rejection {
    refuse_at(
        &format!(r#"{{"method":"{method}","params":{params}}}"#),
        &NodeContext::at(NOW),
    )
}

fn assert_refused(r: &Rejection, error: Error, status: u16, message: &str) {
    assert_eq!(
        (r.error(), r.status().code(), r.message().as_str()),
        (error, status, message)
    );
}

fn parse_fails(method: &str, params: &str, error: Error, text: &str) {
    assert_refused(
        &refuse(method, params),
        error,
        400,
        &format!("invalid request: {text}"),
    );
}

fn key(b: u8) -> Ed25519SecretKey {
    Ed25519SecretKey::from_seed(Seed::from_array([b; 32]))
}

fn user_body(request: Request) -> String {
    build_request(&request, &Signer::User(&key(1)), NOW as u64)
        .unwrap()
        .to_json()
}

// ---- body ----

#[test]
fn invalid_json() {
    for body in [
        "",
        "{",
        "{\"method\":\"store\",\"params\":{}} x",
        "\"\\ud800\"",
        "[1e999]",
    ] {
        assert_refused(
            &refuse_at(body, &NodeContext::at(NOW)),
            Error::InvalidJson,
            400,
            "invalid json",
        );
    }
    assert_refused(
        &refuse_at("\u{ff}", &NodeContext::at(NOW)),
        Error::InvalidJson,
        400,
        "invalid json",
    );
}

#[test]
fn no_method() {
    let r = refuse_at(r#"{"params":{},"method":null}"#, &NodeContext::at(NOW));
    assert_refused(&r, Error::NoMethod, 400, "invalid json: no `method` field");
}

#[test]
fn no_params() {
    let r = refuse_at(r#"{"method":"store","params":"x"}"#, &NodeContext::at(NOW));
    assert_refused(&r, Error::NoParams, 400, "invalid json: no `params` field");
}

#[test]
fn unknown_method() {
    let r = refuse("Store", "{}");
    assert_refused(&r, Error::UnknownMethod, 400, "no method Store");
}

// ---- parse step (400 "invalid request: …") ----

#[test]
fn param_type() {
    let cases = [
        (
            "retrieve",
            r#"{"namespace":"2"}"#,
            Param::Namespace,
            ParamKind::Namespace,
        ),
        (
            "delete",
            r#"{"required":1}"#,
            Param::Required,
            ParamKind::Boolean,
        ),
        (
            "store",
            r#"{"ttl":-5}"#,
            Param::Ttl,
            ParamKind::PositiveInteger,
        ),
        (
            "store",
            r#"{"timestamp":1.5}"#,
            Param::Timestamp,
            ParamKind::Integer,
        ),
        (
            "retrieve",
            r#"{"max_count":"3"}"#,
            Param::MaxCount,
            ParamKind::Integer,
        ),
        (
            "delete_all",
            r#"{"namespace":true}"#,
            Param::Namespace,
            ParamKind::IntegerOrAll,
        ),
        (
            "delete_all",
            r#"{"namespace":"ALL"}"#,
            Param::Namespace,
            ParamKind::IntegerOrAll,
        ),
        (
            "delete_all",
            r#"{"timestamp":-1}"#,
            Param::Timestamp,
            ParamKind::Timestamp,
        ),
        (
            "delete",
            r#"{"messages":["a",1]}"#,
            Param::Messages,
            ParamKind::StringArray,
        ),
        (
            "expire",
            r#"{"expiry":[-3]}"#,
            Param::Expiry,
            ParamKind::TimestampArray,
        ),
        (
            "get_expiries",
            r#"{"pubkey":5}"#,
            Param::Pubkey,
            ParamKind::String,
        ),
    ];
    for (method, params, param, expected) in cases {
        let text = format!("Invalid value given for '{param}': expected {expected}");
        parse_fails(method, params, Error::ParamType { param, expected }, &text);
    }
}

/// The field some endpoints read between `pubkey_ed25519` and `signature` is read in its
/// (alphabetical) place: with it and `signature` both of the wrong kind, it is the one refused;
/// with `pubkey_ed25519` wrong too, that one is.
#[test]
fn the_field_between_the_credentials_is_read_in_its_place() {
    let cases = [
        (
            "delete",
            "required",
            "1",
            Param::Required,
            ParamKind::Boolean,
        ),
        ("expire", "shorten", "1", Param::Shorten, ParamKind::Boolean),
        (
            "store",
            "sig_timestamp",
            "-1",
            Param::SigTimestamp,
            ParamKind::Timestamp,
        ),
        (
            "revoke_subaccount",
            "revoke",
            "[1]",
            Param::Revoke,
            ParamKind::StringArray,
        ),
    ];
    for (method, field, value, param, expected) in cases {
        let params = format!(r#"{{"{field}":{value},"signature":5}}"#);
        let text = format!("Invalid value given for '{param}': expected {expected}");
        parse_fails(method, &params, Error::ParamType { param, expected }, &text);
        let params = format!(r#"{{"{field}":{value},"pubkey_ed25519":5,"signature":5}}"#);
        let (param, expected) = (Param::PubkeyEd25519, ParamKind::String);
        let text = format!("Invalid value given for '{param}': expected {expected}");
        parse_fails(method, &params, Error::ParamType { param, expected }, &text);
    }
    // unrevoke_subaccount reads its list last: the signature is refused first
    let (param, expected) = (Param::Signature, ParamKind::String);
    let text = format!("Invalid value given for '{param}': expected {expected}");
    parse_fails(
        "unrevoke_subaccount",
        r#"{"unrevoke":[1],"signature":5}"#,
        Error::ParamType { param, expected },
        &text,
    );
}

#[test]
fn param_not_integer() {
    parse_fails(
        "store",
        r#"{"timestamp":"12\"a"}"#,
        Error::ParamNotInteger {
            param: Param::Timestamp,
        },
        r#"Invalid value given for 'timestamp': "12\"a""#,
    );
    parse_fails(
        "store",
        r#"{"timestamp":"1","ttl":"-1"}"#,
        Error::ParamNotInteger { param: Param::Ttl },
        r#"Invalid value given for 'ttl': "-1""#,
    );
}

#[test]
fn timestamp_not_milliseconds() {
    parse_fails(
        "delete_all",
        r#"{"timestamp":999999999}"#,
        Error::TimestampNotMilliseconds {
            param: Param::Timestamp,
        },
        "Invalid timestamp for 'timestamp': timestamp must be in milliseconds",
    );
}

#[test]
fn namespace_out_of_range() {
    parse_fails(
        "retrieve",
        r#"{"namespace":32768}"#,
        Error::NamespaceOutOfRange,
        "Invalid value given for 'namespace': value out of range",
    );
}

#[test]
fn missing_param() {
    let p = format!(r#"{{"pubkey":"{GROUP}","timestamp":{NOW}}}"#);
    parse_fails(
        "delete_all",
        &p,
        Error::MissingParam {
            param: Param::Signature,
        },
        "Required field 'signature' missing",
    );
    parse_fails(
        "store",
        r#"{"ttl":100000}"#,
        Error::MissingParam {
            param: Param::Timestamp,
        },
        "Required field 'timestamp' missing",
    );
    let p = format!(r#"{{"pubkey":"{GROUP}","signature":"{SIG}"}}"#);
    parse_fails(
        "delete",
        &p,
        Error::MissingParam {
            param: Param::Messages,
        },
        "Required field 'messages' missing",
    );
}

#[test]
fn missing_expiry_and_ttl() {
    parse_fails(
        "store",
        r#"{"timestamp":1729993000455}"#,
        Error::MissingExpiryAndTtl,
        "Required field 'expiry' or 'ttl' missing",
    );
}

#[test]
fn both_params() {
    parse_fails(
        "store",
        r#"{"timestamp":1729993000455,"ttl":100000,"expiry":1729993100455}"#,
        Error::BothParams {
            first: Param::Expiry,
            second: Param::Ttl,
        },
        "Cannot specify both 'expiry' and 'ttl'",
    );
    let p = format!(r#"{{"pubkey":"{USER}","pubKey":"{USER}","namespace":-21}}"#);
    parse_fails(
        "retrieve",
        &p,
        Error::BothParams {
            first: Param::Pubkey,
            second: Param::PubkeyCamel,
        },
        "Cannot specify both 'pubkey' and 'pubKey'",
    );
    let p = format!(r#"{{"pubkey":"{USER}","namespace":-21,"last_hash":"","lastHash":""}}"#);
    parse_fails(
        "retrieve",
        &p,
        Error::BothParams {
            first: Param::LastHash,
            second: Param::LastHashCamel,
        },
        "Cannot specify both 'last_hash' and 'lastHash'",
    );
}

#[test]
fn invalid_pubkey() {
    parse_fails(
        "retrieve",
        r#"{"pubkey":"05abcd","namespace":-21}"#,
        Error::InvalidPubkey,
        "Pubkey must be 66 hex digits (33 bytes) long",
    );
}

fn creds(extra: &str) -> String {
    format!(r#"{{"pubkey":"{USER}","signature":"{SIG}","timestamp":{NOW}{extra}}}"#)
}

#[test]
fn pubkey_ed25519_not_allowed() {
    let p = format!(
        r#"{{"pubkey":"{GROUP}","pubkey_ed25519":"{}","signature":"{SIG}","timestamp":{NOW}}}"#,
        &GROUP[2..]
    );
    parse_fails(
        "delete_all",
        &p,
        Error::PubkeyEd25519NotAllowed,
        "pubkey_ed25519 is only permitted for 05[...] pubkeys",
    );
}

#[test]
fn pubkey_ed25519_not_hex() {
    let p = creds(&format!(r#","pubkey_ed25519":"{}""#, "g".repeat(64)));
    parse_fails(
        "delete_all",
        &p,
        Error::PubkeyEd25519NotHex,
        "invalid pubkey_ed25519: value is not hex",
    );
}

#[test]
fn pubkey_ed25519_length() {
    let p = creds(r#","pubkey_ed25519":"abcd""#);
    parse_fails(
        "delete_all",
        &p,
        Error::PubkeyEd25519Length,
        "Invalid pubkey_ed25519: expected 64 hex char or 32 byte pubkey",
    );
}

#[test]
fn signature_encoding() {
    // 87 characters, and a URL-safe alphabet character: both refused
    for sig in [&SIG[..87], &SIG.replace('/', "_")] {
        let p = format!(r#"{{"pubkey":"{USER}","signature":"{sig}","timestamp":{NOW}}}"#);
        parse_fails(
            "delete_all",
            &p,
            Error::SignatureEncoding,
            "invalid signature: expected base64 encoded Ed25519 signature",
        );
    }
}

#[test]
fn subaccount_sig_missing() {
    let p = creds(r#","subaccount":"x""#);
    parse_fails(
        "delete_all",
        &p,
        Error::SubaccountSigMissing,
        "invalid subaccount: subaccount_sig is required when using subaccount",
    );
    // an empty subaccount is no subaccount
    assert_ne!(
        refuse("delete_all", &creds(r#","subaccount":"""#)).error(),
        Error::SubaccountSigMissing
    );
}

#[test]
fn subaccount_encoding() {
    let p = creds(&format!(
        r#","subaccount":"{}","subaccount_sig":"{SIG}""#,
        "0".repeat(70)
    ));
    parse_fails(
        "delete_all",
        &p,
        Error::SubaccountEncoding,
        "invalid subaccount: expected base64 or hex-encoded subaccount token",
    );
}

#[test]
fn subaccount_sig_encoding() {
    let p = creds(&format!(
        r#","subaccount":"{}","subaccount_sig":"xx""#,
        "0".repeat(72)
    ));
    parse_fails(
        "delete_all",
        &p,
        Error::SubaccountSigEncoding,
        "invalid subaccount signature: expected base64 encoded Ed25519 signature",
    );
}

fn store_params(data: &str) -> String {
    format!(r#"{{"pubkey":"{USER}","timestamp":{NOW},"ttl":100000,"data":"{data}"}}"#)
}

#[test]
fn data_not_base64() {
    for data in ["a!Gk", "aGk", "aG_k"] {
        let want = if data == "aGk" {
            None
        } else {
            Some(Error::DataNotBase64)
        };
        let body = format!(r#"{{"method":"store","params":{}}}"#, store_params(data));
        let got = verify_request(body.as_bytes(), &NodeContext::at(NOW));
        match want {
            Some(e) => assert_refused(
                &got.unwrap_err(),
                e,
                400,
                "invalid request: Invalid 'data' value: not base64 encoded",
            ),
            None => assert!(got.is_ok()),
        }
    }
}

#[test]
fn data_too_long() {
    let data = "A".repeat(MAX_MESSAGE_BODY / 3 * 4 + 4);
    parse_fails(
        "store",
        &store_params(&data),
        Error::DataTooLong,
        "Message body exceeds maximum allowed length of 76800 bytes",
    );
}

fn unsigned_retrieve(extra: &str) -> String {
    format!(r#"{{"pubkey":"{USER}","namespace":-21{extra}}}"#)
}

#[test]
fn last_hash_not_base64() {
    let h = format!("{}!", &HASH[..42]);
    parse_fails(
        "retrieve",
        &unsigned_retrieve(&format!(r#","last_hash":"{h}""#)),
        Error::LastHashNotBase64,
        "Invalid last_hash: not base64",
    );
}

#[test]
fn last_hash_length() {
    let h = &HASH[..42];
    parse_fails(
        "retrieve",
        &unsigned_retrieve(&format!(r#","lastHash":"{h}""#)),
        Error::LastHashLength,
        "Invalid last_hash: expected base64 (43 chars)",
    );
}

#[test]
fn no_messages() {
    let p = creds(r#","messages":[]"#);
    parse_fails(
        "get_expiries",
        &p,
        Error::NoMessages,
        "messages does not contain any message hashes",
    );
}

#[test]
fn invalid_message_hash() {
    let p = creds(r#","messages":["short"]"#);
    parse_fails(
        "delete",
        &p,
        Error::InvalidMessageHash,
        "invalid message hash: short",
    );
}

fn expire_params(extra: &str) -> String {
    format!(r#"{{"pubkey":"{USER}","signature":"{SIG}","messages":["{HASH}","{HASH}"]{extra}}}"#)
}

#[test]
fn no_expiries() {
    parse_fails(
        "expire",
        &expire_params(r#","expiry":[]"#),
        Error::NoExpiries,
        "'expiry' does not contain any expiration timestamps",
    );
}

#[test]
fn shorten_and_extend() {
    parse_fails(
        "expire",
        &expire_params(r#","expiry":1,"shorten":true,"extend":true"#),
        Error::ShortenAndExtend,
        "cannot specify both 'shorten' and 'extend'",
    );
}

#[test]
fn expiry_count() {
    parse_fails(
        "expire",
        &expire_params(r#","expiry":[1,2,3]"#),
        Error::ExpiryCount,
        "'expiry' must be a single expiry, or the same length as 'messages'",
    );
}

#[test]
fn too_many_tokens() {
    let tokens = vec![format!("\"{}\"", "0".repeat(72)); 51].join(",");
    let p = creds(&format!(r#","revoke":[{tokens}]"#));
    parse_fails(
        "revoke_subaccount",
        &p,
        Error::TooManyTokens,
        "invalid revoke: cannot revoke more than 50 subaccounts at once",
    );
    // unrevoke has no such limit
    let p = creds(&format!(r#","unrevoke":[{tokens}]"#));
    assert!(matches!(
        refuse("unrevoke_subaccount", &p).error(),
        Error::RequestSignature(_)
    ));
}

#[test]
fn token_encoding() {
    let p = creds(r#","revoke":["zz"]"#);
    parse_fails(
        "revoke_subaccount",
        &p,
        Error::TokenEncoding {
            param: Param::Revoke,
        },
        "invalid revoke: expected base64 or hex-encoded subaccount tag",
    );
    let p = creds(r#","unrevoke":["zz"]"#);
    parse_fails(
        "unrevoke_subaccount",
        &p,
        Error::TokenEncoding {
            param: Param::Unrevoke,
        },
        "invalid unrevoke: expected base64 or hex-encoded subaccount tag",
    );
}

// ---- the endpoint's checks ----

#[test]
fn ttl_out_of_range() {
    let p = format!(r#"{{"pubkey":"{USER}","timestamp":{NOW},"ttl":1209600001,"data":"aGk="}}"#);
    assert_refused(
        &refuse("store", &p),
        Error::TtlOutOfRange,
        403,
        "Provided expiry/TTL is not valid.",
    );
}

#[test]
fn clock_skew() {
    let p = format!(
        r#"{{"pubkey":"{USER}","timestamp":{},"ttl":100000,"data":"aGk="}}"#,
        NOW + 10_001
    );
    assert_refused(
        &refuse("store", &p),
        Error::ClockSkew,
        406,
        "Timestamp error: check your clock",
    );
}

#[test]
fn signature_required() {
    let p = format!(
        r#"{{"pubkey":"{USER}","timestamp":{NOW},"ttl":100000,"namespace":-11,"data":"aGk="}}"#
    );
    assert_refused(
        &refuse("store", &p),
        Error::SignatureRequired,
        401,
        "store: signature required to store to namespace -11",
    );
    let p = format!(r#"{{"pubkey":"{USER}"}}"#);
    assert_refused(
        &refuse("retrieve", &p),
        Error::SignatureRequired,
        401,
        "retrieve: request signature required",
    );
    // the client does not build them either
    let anyone = Signer::Unsigned(AccountId::parse(USER).unwrap());
    let s = Store {
        namespace: Namespace(-11),
        ttl_ms: 100_000,
        data: b"x".to_vec(),
    };
    assert_eq!(
        build_request(&s.into(), &anyone, 1).err(),
        Some(Error::SignatureRequired)
    );
    let d = Delete {
        hashes: vec![HASH.into()],
    };
    assert_eq!(
        build_request(&d.into(), &anyone, 1).err(),
        Some(Error::SignatureRequired)
    );
    let r = Retrieve {
        namespace: Namespace(2),
        ..Retrieve::default()
    };
    assert_eq!(
        build_request(&r.into(), &anyone, 1).err(),
        Some(Error::SignatureRequired)
    );
}

#[test]
fn timestamp_out_of_window() {
    let late = NodeContext::at(NOW + 120_000);
    let cases: [(Request, u16, &str); 4] = [
        (
            Retrieve::default().into(),
            406,
            "retrieve timestamp too far from current time",
        ),
        (
            DeleteAll {
                namespace: NamespaceOrAll::All,
            }
            .into(),
            406,
            "delete_all timestamp too far from current time",
        ),
        (
            Expire {
                hashes: vec![HASH.into()],
                expiry_ms: NOW as u64,
                mode: ExpireMode::Set,
            }
            .into(),
            401,
            "expire: timestamp should be >= current time",
        ),
        (
            ExpireAll {
                namespace: NamespaceOrAll::All,
                expiry_ms: NOW as u64,
            }
            .into(),
            406,
            "expire_all timestamp should be >= current time",
        ),
    ];
    for (request, status, text) in cases {
        assert_refused(
            &refuse_at(&user_body(request), &late),
            Error::TimestampOutOfWindow,
            status,
            text,
        );
    }
    let early = NodeContext::at(NOW - 120_000);
    let db = DeleteBefore {
        namespace: NamespaceOrAll::All,
        before_ms: NOW as u64,
    };
    assert_refused(
        &refuse_at(&user_body(db.into()), &early),
        Error::TimestampOutOfWindow,
        401,
        "delete_before timestamp too far in the future",
    );
    let s = Store {
        namespace: Namespace(2),
        ttl_ms: 3_600_000,
        data: b"x".to_vec(),
    };
    let body = user_body(s.into()).replacen(
        &format!("\"timestamp\":{NOW}"),
        &format!("\"timestamp\":{},\"sig_timestamp\":{}", NOW, NOW - 61_000),
        1,
    );
    assert_refused(
        &refuse_at(&body, &NodeContext::at(NOW)),
        Error::TimestampOutOfWindow,
        406,
        "store signature timestamp too far from current time",
    );
    let t = subaccount_token(&key(2), &key(3).session_id(), Flags::READ).unwrap();
    for (request, text) in [
        (
            Request::from(RevokeSubaccount { tokens: vec![t] }),
            "revoke_subaccount timestamp too far from current time",
        ),
        (
            UnrevokeSubaccount { tokens: vec![t] }.into(),
            "unrevoke_subaccount timestamp too far from current time",
        ),
        (
            GetExpiries {
                hashes: vec![HASH.into()],
            }
            .into(),
            "get_expiries timestamp too far from current time",
        ),
    ] {
        assert_refused(
            &refuse_at(&user_body(request), &late),
            Error::TimestampOutOfWindow,
            406,
            text,
        );
    }
}

#[test]
fn multi_expiry_inactive() {
    let p = expire_params(&format!(r#","expiry":[{},{}]"#, NOW + 1, NOW + 2));
    let node = NodeContext {
        multi_expiry: false,
        ..NodeContext::at(NOW)
    };
    let body = format!(r#"{{"method":"expire","params":{p}}}"#);
    assert_refused(
        &refuse_at(&body, &node),
        Error::MultiExpiryInactive,
        403,
        "expire: multi-expiry requests are not yet active on the network",
    );
}

#[test]
fn pubkey_ed25519_invalid() {
    // the identity point (small order): crypto_sign_ed25519_pk_to_curve25519 fails
    let mut id = "00".repeat(32);
    id.replace_range(0..2, "01");
    let p = creds(&format!(r#","pubkey_ed25519":"{id}""#));
    assert_refused(
        &refuse("delete_all", &p),
        Error::PubkeyEd25519Invalid(PointCheck::SmallOrder),
        401,
        "delete_all signature verification failed",
    );
}

#[test]
fn pubkey_ed25519_mismatch() {
    let me = key(1);
    let body = user_body(
        DeleteAll {
            namespace: NamespaceOrAll::All,
        }
        .into(),
    )
    .replace(&me.session_id().to_hex(), USER);
    assert_refused(
        &refuse_at(&body, &NodeContext::at(NOW)),
        Error::PubkeyEd25519Mismatch,
        401,
        "delete_all signature verification failed",
    );
}

fn member_body(request: Request, flags: Flags) -> (String, SubaccountToken) {
    let (group, member) = (key(2), key(3));
    let value = make_subaccount(&group, &member.session_id(), flags).unwrap();
    let signer = Signer::GroupMember {
        group: GroupId::from_ed25519(*group.public_key()),
        member: &member,
        signing_value: &value,
    };
    let token = subaccount_token(&group, &member.session_id(), flags).unwrap();
    (
        build_request(&request, &signer, NOW as u64)
            .unwrap()
            .to_json(),
        token,
    )
}

#[test]
fn subaccount_revoked() {
    let (body, token) = member_body(
        Retrieve {
            namespace: Namespace(11),
            ..Retrieve::default()
        }
        .into(),
        Flags::READ,
    );
    let revoked = [token];
    let node = NodeContext {
        revoked: &revoked,
        ..NodeContext::at(NOW)
    };
    assert_refused(
        &refuse_at(&body, &node),
        Error::SubaccountRevoked,
        401,
        "retrieve signature verification failed",
    );
}

#[test]
fn subaccount_prefix() {
    let (body, token) = member_body(
        Retrieve {
            namespace: Namespace(11),
            ..Retrieve::default()
        }
        .into(),
        Flags::READ,
    );
    let mut other = token;
    other.0[0] = 0x05;
    let body = body.replace(&to_base64(token.as_bytes()), &to_base64(other.as_bytes()));
    assert_refused(
        &refuse_at(&body, &NodeContext::at(NOW)),
        Error::SubaccountPrefix { token: 0x05 },
        401,
        "retrieve signature verification failed",
    );
}

#[test]
fn subaccount_access() {
    let (body, _) = member_body(
        DeleteAll {
            namespace: NamespaceOrAll::All,
        }
        .into(),
        Flags::member(true, false),
    );
    assert_refused(
        &refuse_at(&body, &NodeContext::at(NOW)),
        Error::SubaccountAccess {
            required: 0x04,
            granted: 0x03,
        },
        401,
        "delete_all signature verification failed",
    );
}

#[test]
fn subaccount_signature() {
    let (body, token) = member_body(
        GetExpiries {
            hashes: vec![HASH.into()],
        }
        .into(),
        Flags::READ,
    );
    let mut forged = token;
    forged.0[1] |= Flags::DELETE.bits();
    let body = body.replace(&to_base64(token.as_bytes()), &to_base64(forged.as_bytes()));
    assert_refused(
        &refuse_at(&body, &NodeContext::at(NOW)),
        Error::SubaccountSignature(SignatureCheck::Equation),
        401,
        "get_expiries signature verification failed",
    );
}

#[test]
fn request_signature() {
    let body = user_body(
        Delete {
            hashes: vec![HASH.into()],
        }
        .into(),
    );
    let sig = body.split("\"signature\":\"").nth(1).unwrap()[..88].to_owned();
    let raw = decode_base64(sig.as_bytes()).unwrap();
    let mut flipped = raw.clone();
    flipped[0] ^= 1;
    let bad = body.replace(&sig, &to_base64(&flipped));
    assert_refused(
        &refuse_at(&bad, &NodeContext::at(NOW)),
        Error::RequestSignature(SignatureCheck::Equation),
        401,
        "delete_msgs signature verification failed",
    );
    // S ≥ L: libsodium's first rule
    let mut big_s = raw;
    big_s[32..].fill(0xff);
    let bad = body.replace(&sig, &to_base64(&big_s));
    assert_eq!(
        refuse_at(&bad, &NodeContext::at(NOW)).error(),
        Error::RequestSignature(SignatureCheck::NonCanonicalS)
    );
}

#[test]
fn shorten_without_delete() {
    let e = Expire {
        hashes: vec![HASH.into()],
        expiry_ms: (NOW + 60_000) as u64,
        mode: ExpireMode::Shorten,
    };
    let (body, _) = member_body(e.into(), Flags::member(true, false));
    assert_refused(
        &refuse_at(&body, &NodeContext::at(NOW)),
        Error::ShortenWithoutDelete,
        400,
        "expire: shorten parameter cannot be used with this subaccount token (missing delete access)",
    );
}

// ---- client-side refusals ----

#[test]
fn client_refusals() {
    let me = key(1);
    let user = Signer::User(&me);
    let empty = Store {
        namespace: Namespace(2),
        ttl_ms: 1,
        data: vec![],
    };
    assert_eq!(
        build_request(&empty.into(), &user, 1).err(),
        Some(Error::EmptyData)
    );
    let big = Store {
        namespace: Namespace(2),
        ttl_ms: 1,
        data: vec![0; MAX_MESSAGE_BODY + 1],
    };
    assert_eq!(
        build_request(&big.into(), &user, 1).err(),
        Some(Error::DataTooLong)
    );
    assert_eq!(
        build_request(&Delete { hashes: vec![] }.into(), &user, 1).err(),
        Some(Error::NoMessages)
    );
    assert_eq!(
        build_request(
            &GetExpiries {
                hashes: vec!["x".into()]
            }
            .into(),
            &user,
            1
        )
        .err(),
        Some(Error::InvalidMessageHash)
    );
    assert_eq!(
        build_request(&RevokeSubaccount { tokens: vec![] }.into(), &user, 1).err(),
        Some(Error::NoTokens)
    );
    assert_eq!(
        build_request(&UnrevokeSubaccount { tokens: vec![] }.into(), &user, 1).err(),
        Some(Error::NoTokens)
    );
    let t = SubaccountToken([3; 36]);
    assert_eq!(
        build_request(
            &RevokeSubaccount {
                tokens: vec![t; MAX_REVOCATIONS + 1]
            }
            .into(),
            &user,
            1
        )
        .err(),
        Some(Error::TooManyTokens)
    );
    let r = Retrieve {
        last_hash: Some("abc".into()),
        ..Retrieve::default()
    };
    assert_eq!(
        build_request(&r.into(), &user, 1).err(),
        Some(Error::LastHashLength)
    );
    let r = Retrieve {
        last_hash: Some(format!("{}!", &HASH[..42])),
        ..Retrieve::default()
    };
    assert_eq!(
        build_request(&r.into(), &user, 1).err(),
        Some(Error::LastHashNotBase64)
    );
    let (group, member) = (key(2), key(3));
    let value = make_subaccount(&group, &member.session_id(), Flags::member(true, true)).unwrap();
    let signer = Signer::GroupMember {
        group: GroupId::from_ed25519(*group.public_key()),
        member: &member,
        signing_value: &value,
    };
    assert_eq!(
        build_request(&RevokeSubaccount { tokens: vec![t] }.into(), &signer, 1).err(),
        Some(Error::SubaccountNotAccepted)
    );
}

#[test]
fn client_member_with_a_zero_blind_factor() {
    let (group, member) = (key(2), key(3));
    let value = make_subaccount(&group, &member.session_id(), Flags::READ).unwrap();
    let mut b = *value.expose_bytes();
    b[4..36].fill(0);
    let zero = oxen_session::subaccount::SigningValue::from_bytes(&b).unwrap();
    let signer = Signer::GroupMember {
        group: GroupId::from_ed25519(*group.public_key()),
        member: &member,
        signing_value: &zero,
    };
    assert_eq!(
        build_request(&Retrieve::default().into(), &signer, 1).err(),
        Some(Error::Session(oxen_session::Error::IdentityResult))
    );
}
