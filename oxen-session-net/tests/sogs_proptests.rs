//! Property tests of community request authentication: a request signed by the client passes
//! the server check for every key kind; changing any signed input fails it with the status of
//! the first check it breaks; a replay is refused.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::time::Duration;

use oxen_session::{Ed25519SecretKey, Seed, ServerPubkey};
use oxen_session_net::Error;
use oxen_session_net::community::auth::{
    HeaderValues, KeyKind, MemoryStore, PrefixRule, Request, ServerAuth, SignedRequest, Signer,
    Verdict, decode_hex_or_b64, encode_base64,
};
use proptest::prelude::*;

const NOW: u64 = 1_710_752_294;

fn kind() -> impl Strategy<Value = KeyKind> {
    prop_oneof![
        Just(KeyKind::Unblinded),
        Just(KeyKind::Blind15),
        Just(KeyKind::Blind25)
    ]
}

fn method() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("GET".to_owned()),
        Just("POST".to_owned()),
        Just("PUT".to_owned()),
        Just("DELETE".to_owned()),
        "[a-z]{1,7}", // lower case: signed and checked upper-cased
    ]
}

/// `/` + any text, percent-encoded where a client must (non-ASCII, space, `%`, `?`) or, at
/// random, also elsewhere.
fn target() -> impl Strategy<Value = (String, String)> {
    ("[a-z0-9/ %?é🍍_.-]{0,24}", any::<bool>(), "[ -~]{0,20}").prop_map(
        |(path, encode_all, query)| {
            let mut t = String::from("/");
            for c in path.chars() {
                let mut buf = [0u8; 4];
                let must = !c.is_ascii() || matches!(c, ' ' | '%' | '?');
                if must || (encode_all && c.is_ascii_alphanumeric()) {
                    for b in c.encode_utf8(&mut buf).bytes() {
                        t.push_str(&format!("%{b:02X}"));
                    }
                } else {
                    t.push(c);
                }
            }
            (t, query)
        },
    )
}

struct Case {
    key: Ed25519SecretKey,
    server: ServerPubkey,
    kind: KeyKind,
    signed: SignedRequest,
}

fn case(
    seed: [u8; 32],
    server: [u8; 32],
    kind: KeyKind,
    nonce: [u8; 16],
    skew: i64,
    (method, (path, query), body): (&str, &(String, String), &[u8]),
) -> Case {
    let key = Ed25519SecretKey::from_seed(Seed::from_array(seed));
    let server = ServerPubkey(server);
    let target = if query.is_empty() {
        path.clone()
    } else {
        format!("{path}?{query}")
    };
    let ts = NOW.checked_add_signed(skew).unwrap();
    let signed = Signer::new(&key, server, kind)
        .sign_with(&nonce, ts, method, &target, body)
        .unwrap();
    Case {
        key,
        server,
        kind,
        signed,
    }
}

fn auth(server: ServerPubkey) -> ServerAuth {
    ServerAuth::new(server)
        .require_blind_keys(false)
        .prefix_rule(PrefixRule::Pr213)
}

/// The check on `signed`'s headers (edited) and on the request `method target body`.
fn verdict<'a>(
    server: ServerPubkey,
    signed: &'a SignedRequest,
    method: &str,
    target: &str,
    body: &[u8],
    edit: impl FnOnce(&mut HeaderValues<'a>),
) -> Result<Verdict, Error> {
    let t = Request::from_target(target).unwrap();
    let request = Request::new(method, &t, body);
    let mut h = signed.headers.values();
    edit(&mut h);
    auth(server).handle_http_auth(
        &h,
        &request,
        Duration::from_secs(NOW),
        &mut MemoryStore::new(),
    )
}

fn as_sent(c: &Case) -> Result<Verdict, Error> {
    let s = &c.signed;
    verdict(c.server, s, &s.method, &s.target, &s.body, |_| {})
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn client_requests_pass_the_server_check(
        seed in any::<[u8; 32]>(), server in any::<[u8; 32]>(), kind in kind(),
        nonce in any::<[u8; 16]>(), skew in -86_400i64..=86_400, method in method(),
        target in target(), body in proptest::collection::vec(any::<u8>(), 0..200),
    ) {
        let c = case(seed, server, kind, nonce, skew, (&method, &target, &body));
        let v = as_sent(&c).unwrap();
        let user = v.user().unwrap();
        prop_assert_eq!(user.id, Signer::new(&c.key, c.server, c.kind).user_id());
        prop_assert_eq!(user.nonce, nonce);
        // the released rule gives the same verdict, except that it refuses 25 ids
        let s = &c.signed;
        let t = Request::from_target(&s.target).unwrap();
        let released = ServerAuth::new(c.server).require_blind_keys(false).handle_http_auth(
            &s.headers.values(), &Request::new(&s.method, &t, &s.body),
            Duration::from_secs(NOW), &mut MemoryStore::new());
        if kind == KeyKind::Blind25 {
            prop_assert_eq!(released, Err(Error::SogsPubkeyPrefix { prefix: 0x25, rule: PrefixRule::Released }));
        } else {
            prop_assert_eq!(released, Ok(v));
        }
    }

    #[test]
    fn any_change_of_a_signed_input_fails_with_its_status(
        seed in any::<[u8; 32]>(), server in any::<[u8; 32]>(), kind in kind(),
        nonce in any::<[u8; 16]>(), skew in -86_000i64..=86_000, method in method(),
        target in target(), body in proptest::collection::vec(any::<u8>(), 0..64),
        what in 0usize..9, bit in 0usize..512, extra in 1u64..100_000,
    ) {
        let c = case(seed, server, kind, nonce, skew, (&method, &target, &body));
        let s = &c.signed;
        let ts = NOW.checked_add_signed(skew).unwrap();
        let other_nonce = { let mut n = nonce; n[bit % 16] ^= 1 << (bit % 8); encode_base64(&n) };
        let mut sig = decode_hex_or_b64::<64>(&s.headers.signature).unwrap();
        sig[bit / 8] ^= 1 << (bit % 8);
        let other_sig = encode_base64(&sig);
        let ts_in = (ts + 1).to_string();
        let ts_out = (NOW + 86_400 + extra).to_string();
        let other_method = if s.method == "GET" { "POST" } else { "GET" };
        let (got, status) = match what {
            0 => (verdict(c.server, s, other_method, &s.target, &s.body, |_| {}), 401),
            1 => (verdict(c.server, s, &s.method, &format!("{}x", target.0), &s.body, |_| {}), 401),
            2 => {
                let t = format!("{}?{}&x", target.0, target.1);
                (verdict(c.server, s, &s.method, &t, &s.body, |_| {}), 401)
            }
            3 => {
                let mut b = s.body.clone();
                let i = bit % (b.len() + 1);
                match b.get_mut(i) { Some(x) => *x ^= 1, None => b.push(0) }
                (verdict(c.server, s, &s.method, &s.target, &b, |_| {}), 401)
            }
            4 => (verdict(c.server, s, &s.method, &s.target, &s.body, |h| h.timestamp = Some(&ts_in)), 401),
            5 => (verdict(c.server, s, &s.method, &s.target, &s.body, |h| h.timestamp = Some(&ts_out)), 425),
            6 => (verdict(c.server, s, &s.method, &s.target, &s.body, |h| h.timestamp = Some("1.5")), 400),
            7 => (verdict(c.server, s, &s.method, &s.target, &s.body, |h| h.nonce = Some(&other_nonce)), 401),
            _ => (verdict(c.server, s, &s.method, &s.target, &s.body, |h| h.signature = Some(&other_sig)), 401),
        };
        let e = got.unwrap_err();
        prop_assert_eq!(e.sogs_status(), Some(status), "{:?}", e);
        if status == 401 {
            prop_assert!(matches!(e, Error::SogsSignatureInvalid(_)));
        }
    }

    #[test]
    fn a_replay_is_refused(
        seed in any::<[u8; 32]>(), kind in kind(), nonce in any::<[u8; 16]>(),
        target in target(),
    ) {
        let c = case(seed, [7; 32], kind, nonce, 0, ("GET", &target, b""));
        let s = &c.signed;
        let auth = auth(c.server);
        let mut store = MemoryStore::new();
        let t = Request::from_target(&s.target).unwrap();
        let request = Request::new(&s.method, &t, &s.body);
        let now = Duration::from_secs(NOW);
        prop_assert!(auth.handle_http_auth(&s.headers.values(), &request, now, &mut store).is_ok());
        prop_assert_eq!(
            auth.handle_http_auth(&s.headers.values(), &request, now, &mut store),
            Err(Error::SogsNonceReused)
        );
    }

    #[test]
    fn the_server_check_never_panics(
        pubkey in proptest::option::of("[0-9a-fA-Z+/=]{0,90}"),
        nonce in proptest::option::of("[0-9a-fA-Z+/= ]{0,40}"),
        timestamp in proptest::option::of("[-+_ 0-9.]{0,25}"),
        signature in proptest::option::of("[0-9a-zA-Z+/=]{0,130}"),
        require in any::<bool>(), pr213 in any::<bool>(), now in any::<u64>(),
    ) {
        let h = HeaderValues {
            pubkey: pubkey.as_deref(),
            nonce: nonce.as_deref(),
            timestamp: timestamp.as_deref(),
            signature: signature.as_deref(),
        };
        let rule = if pr213 { PrefixRule::Pr213 } else { PrefixRule::Released };
        let r = ServerAuth::new(ServerPubkey([1; 32])).require_blind_keys(require).prefix_rule(rule)
            .handle_http_auth(&h, &Request { method: "GET", path: "/", query: b"", body: b"" },
                Duration::from_secs(now), &mut MemoryStore::new());
        if let Err(e) = r {
            prop_assert!(e.sogs_status().is_some());
        }
    }
}
