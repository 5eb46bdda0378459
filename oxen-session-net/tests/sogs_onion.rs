//! A community request through an onion path: signed by the client, made a v4 request, onion-
//! wrapped for the server destination with `oxen_onion::Builder`, peeled by three simulated
//! nodes, opened by the server's `OnionReqParser`, parsed as a v4 request and authenticated.
#![cfg(feature = "onion")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::time::Duration;

use oxen_onion::node::{self, Decision};
use oxen_onion::server::DEFAULT_MAX_SIZE;
use oxen_onion::{
    Builder, Ed25519PublicKey, EncType, Hop, NodeKeys, OnionReqParser, Protocol, ServerDestination,
    V4Request, V4Response, X25519KeyPair,
};
use oxen_session::{Ed25519SecretKey, Seed, ServerPubkey};
use oxen_session_net::Error;
use oxen_session_net::community::auth::{
    KeyKind, MemoryStore, PrefixRule, ServerAuth, Signer, V4Auth, Verdict, check_v4_request,
    to_v4_request,
};
use proptest::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;

const NOW: u64 = 1_710_752_294;

fn node(rng: &mut ChaCha20Rng, tag: u8) -> NodeKeys {
    NodeKeys {
        x25519: X25519KeyPair::generate(rng),
        ed25519: Ed25519PublicKey([tag; 32]),
    }
}

fn hop(k: &NodeKeys) -> Hop {
    Hop {
        ed25519: k.ed25519,
        x25519: k.x25519.public,
    }
}

/// Sends `v4` through three nodes to the server with key pair `server`; returns what the
/// server's parser decrypted, parsed as a v4 request.
fn through_the_path(v4: &V4Request, server: &X25519KeyPair, rng: &mut ChaCha20Rng) -> V4Request {
    let path = [node(rng, 1), node(rng, 2), node(rng, 3)];
    let (request, _reply) = Builder::new(EncType::XChaCha20)
        .path(&path.iter().map(hop).collect::<Vec<_>>())
        .server_destination(ServerDestination {
            host: "sogs.example".into(),
            target: "/oxen/v4/lsrpc".into(),
            protocol: Protocol::Https,
            port: None,
            x25519: server.public,
        })
        .build(&v4.to_bytes(), rng)
        .unwrap();
    let mut decision = node::peel_edge(&path[0], request.as_bytes(), rng).unwrap();
    for keys in &path[1..] {
        let Decision::RelayToNode(relay) = decision else {
            panic!("expected a relay")
        };
        assert_eq!(relay.next_node, keys.ed25519);
        decision = node::peel_relay(keys, &relay.message.to_bytes(), rng).unwrap();
    }
    let Decision::ForwardToServer(forward) = decision else {
        panic!("expected a server forward")
    };
    let parser = OnionReqParser::new(server, &forward.payload, DEFAULT_MAX_SIZE).unwrap();
    V4Request::from_bytes(parser.payload()).unwrap()
}

fn setup(rng: &mut ChaCha20Rng) -> (X25519KeyPair, ServerAuth, Ed25519SecretKey) {
    let server = X25519KeyPair::generate(rng);
    let auth =
        ServerAuth::new(ServerPubkey(server.public.to_bytes())).prefix_rule(PrefixRule::Pr213);
    let account = Ed25519SecretKey::from_seed(Seed::from_array([9; 32]));
    (server, auth, account)
}

#[test]
fn a_signed_post_through_an_onion_path_is_authenticated() {
    let mut rng = ChaCha20Rng::seed_from_u64(1);
    let (server, auth, account) = setup(&mut rng);
    let signer = Signer::new(&account, *auth.server_pubkey(), KeyKind::Blind25);
    let body = br#"{"data":"aGVsbG8=","signature":"c2ln"}"#;
    let signed = signer
        .sign(
            &mut rng,
            NOW,
            "POST",
            "/room/%F0%9F%8D%8D/message?x=1",
            body,
        )
        .unwrap();
    let mut v4 = to_v4_request(&signed);
    v4.headers
        .push(("Content-Type".into(), "application/json".into()));
    let received = through_the_path(&v4, &server, &mut rng);
    // the parser keeps the headers in its JSON map's order (by name)
    let mut sent = v4.clone();
    sent.headers.sort();
    assert_eq!(received, sent);
    // the server sees the decoded path and the raw query, and the headers verify
    let parsed = V4Auth::from_v4_request(&received).unwrap();
    assert_eq!(parsed.request().path, "/room/🍍/message");
    assert_eq!(parsed.request().query, b"x=1");
    let mut store = MemoryStore::new();
    let now = Duration::from_secs(NOW);
    let verdict = check_v4_request(&auth, &received, now, &mut store).unwrap();
    assert_eq!(verdict.user().unwrap().id, signer.user_id());
    // the same request again: the nonce is spent
    assert_eq!(
        check_v4_request(&auth, &received, now, &mut store),
        Err(Error::SogsNonceReused)
    );
    // the server's answer travels back as a v4 response (here: the refusal as pysogs sends it)
    let e = Error::SogsNonceReused;
    let reply = V4Response {
        code: e.sogs_status().unwrap(),
        headers: vec![("content-type".into(), "text/plain; charset=utf-8".into())],
        body: e.to_string().into_bytes(),
    };
    assert_eq!(V4Response::from_bytes(&reply.to_bytes()).unwrap(), reply);
}

#[test]
fn a_get_without_body_has_no_body_part() {
    let mut rng = ChaCha20Rng::seed_from_u64(2);
    let (server, auth, account) = setup(&mut rng);
    for kind in [KeyKind::Unblinded, KeyKind::Blind15, KeyKind::Blind25] {
        let signer = Signer::new(&account, *auth.server_pubkey(), kind);
        let signed = signer
            .sign(
                &mut rng,
                NOW,
                "GET",
                "/room/general/messages/recent?limit=25",
                b"",
            )
            .unwrap();
        let v4 = to_v4_request(&signed);
        assert_eq!(v4.body, None);
        assert!(v4.to_bytes().starts_with(b"l"));
        let received = through_the_path(&v4, &server, &mut rng);
        let open = auth.require_blind_keys(false);
        let got = check_v4_request(
            &open,
            &received,
            Duration::from_secs(NOW),
            &mut MemoryStore::new(),
        );
        assert!(matches!(got, Ok(Verdict::User(_))), "{kind:?}: {got:?}");
    }
}

#[test]
fn v4_server_side_refusals() {
    let v4 = |endpoint: &str| V4Request {
        method: "GET".into(),
        endpoint: endpoint.into(),
        headers: vec![],
        body: None,
    };
    assert_eq!(
        V4Auth::from_v4_request(&v4("rooms")).unwrap_err(),
        Error::SogsEndpoint
    );
    assert_eq!(
        V4Auth::from_v4_request(&v4("/room/%C3")).unwrap_err(),
        Error::SogsPathEncoding
    );
    assert_eq!(
        V4Auth::from_v4_request(&v4("/rooms?q=🍍")).unwrap_err(),
        Error::SogsQueryEncoding
    );
    // Latin-1 characters in the query are read as their Latin-1 bytes (Werkzeug)
    let latin = v4("/rooms?q=é");
    let parsed = V4Auth::from_v4_request(&latin).unwrap();
    assert_eq!(parsed.request().query, b"q=\xe9");
    // no X-SOGS headers: anonymous
    let auth = ServerAuth::new(ServerPubkey([1; 32]));
    assert_eq!(
        check_v4_request(
            &auth,
            &v4("/capabilities"),
            Duration::from_secs(NOW),
            &mut MemoryStore::new()
        ),
        Ok(Verdict::Anonymous)
    );
    // header names as Werkzeug folds them
    let mut lower = v4("/capabilities");
    lower.headers.push(("x-sogs-nonce".into(), "AAAA".into()));
    assert_eq!(
        check_v4_request(
            &auth,
            &lower,
            Duration::from_secs(NOW),
            &mut MemoryStore::new()
        ),
        Err(Error::SogsMissingHeaders { missing: 3 })
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn onion_carried_requests_verify_and_tampered_ones_do_not(
        seed in any::<u64>(), body in proptest::collection::vec(any::<u8>(), 0..300),
        tamper in any::<bool>(),
    ) {
        let mut rng = ChaCha20Rng::seed_from_u64(seed);
        let (server, auth, account) = setup(&mut rng);
        let signer = Signer::new(&account, *auth.server_pubkey(), KeyKind::Blind15);
        let signed = signer.sign(&mut rng, NOW, "PUT", "/room/r/pin/7", &body).unwrap();
        let mut v4 = to_v4_request(&signed);
        if tamper {
            v4.endpoint.push('8');
        }
        let received = through_the_path(&v4, &server, &mut rng);
        let got = check_v4_request(&auth, &received, Duration::from_secs(NOW), &mut MemoryStore::new());
        if tamper {
            prop_assert!(matches!(got, Err(Error::SogsSignatureInvalid(_))));
        } else {
            prop_assert!(got.is_ok());
        }
    }
}
