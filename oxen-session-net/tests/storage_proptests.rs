//! Proptests of the storage requests: whatever our client builds and signs, our node accepts
//! (and reads back the same signed bytes and account); a changed bit of the signature, the
//! token signature or a signed parameter is refused; a changed byte anywhere in the body is
//! refused or leaves the signed request as it was (it touched an unsigned field); arbitrary
//! bytes never panic the node.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use oxen_session::oxen_keys::codec::to_base64;
use oxen_session::subaccount::{Flags, SigningValue, SubaccountToken, make_subaccount};
use oxen_session::{Ed25519SecretKey, GroupId, Seed};
use oxen_session_net::Error;
use oxen_session_net::storage::*;
use proptest::prelude::*;
use serde_json::Value;

const NOW: i64 = 1_729_993_000_455;

const HASHES: [&str; 3] = [
    "mPlXV9nmhD0F4Aifg8mTzeSDzioJ2DKptcYDas5WFTY",
    "MOcby9WUlWgDB+Wd5kdWqcEoVNq6kPXfMQ4mt8c3Zf4",
    "X0cbhyai70bjdUVk8gfLOpCLYhtPxfEnnfGPV1iV7is",
];

fn arb_hashes() -> impl Strategy<Value = Vec<String>> {
    proptest::sample::subsequence(HASHES.to_vec(), 1..=3)
        .prop_map(|v| v.into_iter().map(str::to_owned).collect())
}

fn arb_ns_or_all() -> impl Strategy<Value = NamespaceOrAll> {
    prop_oneof![
        Just(NamespaceOrAll::All),
        any::<i16>().prop_map(|n| NamespaceOrAll::One(Namespace(n))),
    ]
}

/// A request every signer kind may make (stores and retrieves to namespaces that need the
/// signature; the unsigned forms have their own test).
fn arb_request() -> impl Strategy<Value = Request> {
    let private_ns = any::<i16>().prop_filter("needs a signature", |n| n % 10 != 0);
    prop_oneof![
        (
            private_ns.clone(),
            10_000u64..=1_209_600_000,
            proptest::collection::vec(any::<u8>(), 1..200)
        )
            .prop_map(|(n, ttl_ms, data)| Store {
                namespace: Namespace(n),
                ttl_ms,
                data
            }
            .into()),
        (
            private_ns.prop_filter("authenticated retrieve", |n| !Namespace(*n)
                .is_noauth_retrieve()),
            proptest::option::of(proptest::sample::select(HASHES.to_vec())),
            proptest::option::of(-5i32..100_000),
        )
            .prop_map(|(n, h, max_size)| Retrieve {
                namespace: Namespace(n),
                last_hash: h.map(str::to_owned),
                max_size
            }
            .into()),
        arb_hashes().prop_map(|hashes| Delete { hashes }.into()),
        arb_ns_or_all().prop_map(|namespace| DeleteAll { namespace }.into()),
        (arb_ns_or_all(), 0i64..60_000).prop_map(|(namespace, d)| DeleteBefore {
            namespace,
            before_ms: (NOW + d) as u64
        }
        .into()),
        (arb_hashes(), 0i64..1_000_000_000, 0u8..3).prop_map(|(hashes, d, m)| Expire {
            hashes,
            expiry_ms: (NOW + d) as u64,
            mode: [ExpireMode::Set, ExpireMode::Shorten, ExpireMode::Extend][usize::from(m)],
        }
        .into()),
        (arb_ns_or_all(), 0i64..1_000_000_000).prop_map(|(namespace, d)| ExpireAll {
            namespace,
            expiry_ms: (NOW + d) as u64
        }
        .into()),
        arb_hashes().prop_map(|hashes| GetExpiries { hashes }.into()),
        proptest::collection::vec(any::<[u8; 36]>(), 1..4).prop_map(|t| RevokeSubaccount {
            tokens: t.into_iter().map(SubaccountToken).collect()
        }
        .into()),
        proptest::collection::vec(any::<[u8; 36]>(), 1..4).prop_map(|t| UnrevokeSubaccount {
            tokens: t.into_iter().map(SubaccountToken).collect()
        }
        .into()),
    ]
}

struct Party {
    user: Ed25519SecretKey,
    group: Ed25519SecretKey,
    member: Ed25519SecretKey,
    value: SigningValue,
}

fn party(seed: u8) -> Party {
    let k = |b: u8| Ed25519SecretKey::from_seed(Seed::from_array([b; 32]));
    let (group, member) = (k(seed.wrapping_add(1)), k(seed.wrapping_add(2)));
    let value = make_subaccount(&group, &member.session_id(), Flags::member(true, true)).unwrap();
    Party {
        user: k(seed),
        group,
        member,
        value,
    }
}

fn signer(p: &Party, kind: u8) -> Signer<'_> {
    match kind % 3 {
        0 => Signer::User(&p.user),
        1 => Signer::GroupAdmin(&p.group),
        _ => Signer::GroupMember {
            group: GroupId::from_ed25519(*p.group.public_key()),
            member: &p.member,
            signing_value: &p.value,
        },
    }
}

/// Builds `request` (a member's revocations are refused by the client: `None`).
fn body(request: &Request, signer: &Signer<'_>) -> Option<String> {
    match build_request(request, signer, NOW as u64) {
        Ok(b) => Some(b.to_json()),
        Err(Error::SubaccountNotAccepted) => None,
        Err(e) => panic!("{e:?}"),
    }
}

/// Replaces the base64 value of `key` in `body` by `f` of its bytes.
fn edit_b64(body: &str, key: &str, f: impl FnOnce(&mut Vec<u8>)) -> Option<String> {
    let start = body.find(&format!("\"{key}\":\""))? + key.len() + 4;
    let len = body[start..].find('"')?;
    let text = &body[start..start + len];
    let mut raw = decode_base64(text.as_bytes())?;
    f(&mut raw);
    Some(format!(
        "{}{}{}",
        &body[..start],
        to_base64(&raw),
        &body[start + len..]
    ))
}

/// One signed parameter of the request changed, in a way the server parses.
fn edit_signed(body: &str, which: usize) -> Option<String> {
    let mut v: Value = serde_json::from_str(body).unwrap();
    let method = v["method"].as_str().unwrap().to_owned();
    let p = v["params"].as_object_mut().unwrap();
    let bump = |x: &mut Value| *x = Value::from(x.as_u64().unwrap() + 1);
    let mut edits: Vec<&str> = vec!["pubkey"];
    match method.as_str() {
        "store"
        | "retrieve"
        | "delete_all"
        | "get_expiries"
        | "revoke_subaccount"
        | "unrevoke_subaccount" => {
            edits.push("timestamp");
        }
        "delete_before" => edits.push("before"),
        "expire" | "expire_all" => edits.push("expiry"),
        _ => {}
    }
    if p.contains_key("messages") {
        edits.push("messages");
    }
    for list in ["revoke", "unrevoke"] {
        if p.contains_key(list) {
            edits.push(list);
        }
    }
    match edits[which % edits.len()] {
        "pubkey" => {
            let pk = p["pubkey"].as_str().unwrap();
            let c = if &pk[10..11] == "0" { "1" } else { "0" };
            p["pubkey"] = Value::from(format!("{}{c}{}", &pk[..10], &pk[11..]));
        }
        "messages" => {
            let m = p["messages"][0].as_str().unwrap();
            let c = if m.starts_with('A') { "B" } else { "A" };
            p["messages"][0] = Value::from(format!("{c}{}", &m[1..]));
        }
        list @ ("revoke" | "unrevoke") => {
            let t = p[list][0].as_str().unwrap();
            let c = if t.ends_with('0') { "1" } else { "0" };
            p[list][0] = Value::from(format!("{}{c}", &t[..71]));
        }
        key => bump(p.get_mut(key).unwrap()),
    }
    Some(v.to_string())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn client_signed_requests_pass_the_node(request in arb_request(), seed in any::<u8>(), kind in any::<u8>()) {
        let p = party(seed);
        let s = signer(&p, kind);
        if let Some(body) = body(&request, &s) {
            let accepted = verify_request(body.as_bytes(), &NodeContext::at(NOW));
            let accepted = accepted.map_err(|r| format!("{r} {:?}\n{body}", r.error())).unwrap();
            prop_assert_eq!(accepted.method(), request.method());
            prop_assert_eq!(accepted.account(), &s.account());
            prop_assert!(accepted.signed_message().is_some());
        }
    }

    #[test]
    fn a_changed_signature_bit_is_refused(
        request in arb_request(), seed in any::<u8>(), kind in any::<u8>(), at in 0usize..64, bit in 0u8..8,
    ) {
        let p = party(seed);
        let s = signer(&p, kind);
        if let Some(body) = body(&request, &s) {
            let bad = edit_b64(&body, "signature", |r| r[at] ^= 1 << bit).unwrap();
            let e = verify_request(bad.as_bytes(), &NodeContext::at(NOW)).unwrap_err().error();
            prop_assert!(matches!(e, Error::RequestSignature(_)), "{:?}", e);
            if let Some(bad) = edit_b64(&body, "subaccount_sig", |r| r[at] ^= 1 << bit) {
                let e = verify_request(bad.as_bytes(), &NodeContext::at(NOW)).unwrap_err().error();
                prop_assert!(matches!(e, Error::SubaccountSignature(_)), "{:?}", e);
            }
            if let Some(bad) = edit_b64(&body, "subaccount", |r| r[4 + at % 32] ^= 1 << bit) {
                let e = verify_request(bad.as_bytes(), &NodeContext::at(NOW)).unwrap_err().error();
                prop_assert!(matches!(e, Error::SubaccountSignature(_)), "{:?}", e);
            }
        }
    }

    #[test]
    fn a_changed_signed_parameter_is_refused(
        request in arb_request(), seed in any::<u8>(), kind in any::<u8>(), which in any::<usize>(),
    ) {
        let p = party(seed);
        let s = signer(&p, kind);
        if let Some(body) = body(&request, &s) {
            let bad = edit_signed(&body, which).unwrap();
            prop_assert!(verify_request(bad.as_bytes(), &NodeContext::at(NOW)).is_err(), "{}", bad);
        }
    }

    #[test]
    fn a_changed_byte_never_passes_as_another_request(
        request in arb_request(), seed in any::<u8>(), kind in any::<u8>(), at in any::<usize>(), to in any::<u8>(),
    ) {
        let p = party(seed);
        let s = signer(&p, kind);
        if let Some(body) = body(&request, &s) {
            let original = verify_request(body.as_bytes(), &NodeContext::at(NOW)).unwrap();
            let mut bytes = body.clone().into_bytes();
            let i = at % bytes.len();
            prop_assume!(bytes[i] != to);
            bytes[i] = to;
            if let Ok(changed) = verify_request(&bytes, &NodeContext::at(NOW)) {
                // A store into a public inbox is not authenticated at all (the server checks no
                // signature there), so a change that lands there passes as an anonymous store.
                if matches!(&changed, NodeRequest::Store(r) if r.namespace.is_public_inbox()) {
                    return Ok(());
                }
                prop_assert_eq!(changed.signed_message(), original.signed_message());
                // The one change that may pass: the network byte of a non-05 account. The
                // server reads any network byte (oxenss `user_pubkey::load`) and a non-05
                // account's signature covers no prefix, so `03‖K` and `13‖K` share a signature
                // (test `the_network_byte_of_a_non_05_account_is_not_signed`). Everything else
                // about the account must be unchanged.
                let (a, b) = (changed.account(), original.account());
                prop_assert_eq!(a.key(), b.key());
                if a.prefix() != b.prefix() {
                    prop_assert!(a.prefix() != 0x05 && b.prefix() != 0x05, "{:?} -> {:?}", b, a);
                }
            }
        }
    }

    #[test]
    fn unsigned_requests_pass_only_where_the_server_allows(
        n in any::<i16>(), seed in any::<u8>(), data in proptest::collection::vec(any::<u8>(), 1..100),
    ) {
        let p = party(seed);
        let anyone = Signer::Unsigned(AccountId::from_session_id(&p.user.session_id()));
        let store = Store { namespace: Namespace(n), ttl_ms: 3_600_000, data };
        match build_request(&store.into(), &anyone, NOW as u64) {
            Ok(b) => {
                prop_assert!(Namespace(n).is_public_inbox());
                prop_assert!(verify_request(b.to_json().as_bytes(), &NodeContext::at(NOW)).is_ok());
            }
            Err(e) => prop_assert_eq!((e, Namespace(n).is_public_inbox()), (Error::SignatureRequired, false)),
        }
        let retrieve = Retrieve { namespace: Namespace(n), ..Retrieve::default() };
        match build_request(&retrieve.into(), &anyone, NOW as u64) {
            Ok(b) => prop_assert!(verify_request(b.to_json().as_bytes(), &NodeContext::at(NOW)).is_ok()),
            Err(e) => prop_assert_eq!((e, Namespace(n).is_noauth_retrieve()), (Error::SignatureRequired, false)),
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = verify_request(&bytes, &NodeContext::at(NOW)).map_err(|r| (r.status(), r.message()));
    }

    #[test]
    fn arbitrary_params_never_panic(method in prop_oneof![
        Just("store"), Just("retrieve"), Just("delete"), Just("delete_all"), Just("delete_before"),
        Just("expire"), Just("expire_all"), Just("get_expiries"), Just("revoke_subaccount"), Just("unrevoke_subaccount"),
    ], params in proptest::collection::vec((0usize..23, prop_oneof![
        Just("null".to_owned()), Just("true".to_owned()), Just("-0".to_owned()), Just("1e400".to_owned()),
        any::<i64>().prop_map(|i| i.to_string()), any::<u64>().prop_map(|u| u.to_string()),
        "[a-zA-Z0-9+/=]{0,90}".prop_map(|s| format!("\"{s}\"")),
        Just(format!("\"{}\"", HASHES[0])), Just("[]".to_owned()), Just(format!("[\"{}\"]", HASHES[1])),
        Just("\"all\"".to_owned()), Just(format!("\"05{}\"", "ab".repeat(32))),
    ]), 0..10)) {
        let fields: Vec<String> = params
            .iter()
            .map(|(k, v)| format!("\"{}\":{v}", Param::ALL[*k].name()))
            .collect();
        let body = format!(r#"{{"method":"{method}","params":{{{}}}}}"#, fields.join(","));
        if let Err(r) = verify_request(body.as_bytes(), &NodeContext::at(NOW)) {
            prop_assert!(!r.message().is_empty());
        }
    }
}

#[test]
fn deep_nesting_is_read_without_recursion() {
    // nlohmann has no depth limit; neither does this reader (a million levels, no stack overflow)
    let n = 1_000_000;
    for (open, close) in [("[", "]"), ("{\"a\":", "}")] {
        let deep = format!("{}1{}", open.repeat(n), close.repeat(n));
        let body = format!(r#"{{"method":"x","params":{{}},"junk":{deep}}}"#);
        let r = verify_request(body.as_bytes(), &NodeContext::at(NOW)).unwrap_err();
        assert_eq!(r.error(), Error::UnknownMethod);
        let top = format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert_eq!(
            verify_request(top.as_bytes(), &NodeContext::at(NOW))
                .unwrap_err()
                .error(),
            Error::NoMethod
        );
    }
}
