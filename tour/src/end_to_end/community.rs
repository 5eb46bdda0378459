//! End to end, 7: a community. Bob posts "hello, room" to a community (SOGS) server under his
//! 15-blinded id: the post body (`community::Post`, signed with his blinded key), the request
//! authenticated with the `X-SOGS-*` headers (`community::auth::Signer`), carried as a v4
//! onion request through three service nodes to the server destination; the server decrypts it
//! (`OnionReqParser`), gives session-pysogs' verdict on the headers (`check_v4_request`, the
//! released rule), files the post and answers 201; a replay is refused. Alice, reading the
//! room, checks the post's signature against its poster's blinded id and recognises Bob from
//! the Session ID the ONS lookup gave her.
//!
//! The server's own work after the auth check (its database, the JSON of its answer in
//! pysogs' shape) is the tour's; pysogs files a post without checking its signature (only that
//! it has 64 bytes): the readers check it.

use std::time::Duration;

use oxen_onion::node::Decision;
use oxen_onion::server::{DEFAULT_MAX_SIZE, OnionReqParser};
use oxen_onion::{
    Builder, EncType, Protocol, ServerDestination, V4Request, V4Response, X25519KeyPair,
};
use oxen_session::blinding::session_id_matches_blinded_id;
use oxen_session::ed25519::Signature;
use oxen_session::oxen_keys::codec::{from_base64, to_base64};
use oxen_session::{BlindedId, Ed25519SecretKey, ServerPubkey, SessionId};
use oxen_session_net::Error;
use oxen_session_net::community::auth::{
    self, KeyKind, MemoryStore, ServerAuth, check_v4_request, to_v4_request,
};
use oxen_session_net::community::{Post, post};
use oxen_session_net::padding::unpad;
use oxen_session_net::proto::{Content, DataMessage, decode};
use serde_json::json;

use super::network::Network;
use super::{now_ms, onion_path};
use crate::timed;

/// The community's host, as its join link gives it.
const HOST: &str = "community.example.org";
/// The room Bob posts to.
const ROOM: &str = "lobby";

/// Runs step 7: Bob (whose Session ID Alice learnt from ONS as `bob_id`) posts, Alice reads.
pub fn run(
    bob: &Ed25519SecretKey,
    bob_id: &SessionId,
    network: &Network,
    rng: &mut rand::rngs::ThreadRng,
) {
    println!("  7. a community: Bob posts to a room under his blinded id, through an onion path");
    // The server: an X25519 key pair (the join link carries the public half), pysogs' released
    // auth rule (00 and 15 keys), its ban list and nonce record.
    let server_keys = X25519KeyPair::generate(rng);
    let server = ServerPubkey(server_keys.public.0);
    let sogs = ServerAuth::new(server);
    let mut sogs_store = MemoryStore::new();

    let signer = auth::Signer::new(bob, server, KeyKind::Blind15);
    let (bob_there, t) = timed(|| signer.user_id());
    println!(
        "    server {}…: Bob is {bob_there} there (15-blinded, {t:?})",
        &server.to_hex()[..16]
    );

    // The post body, signed with Bob's blinded key, then the request's X-SOGS-* headers.
    let now = now_ms();
    let content = Content {
        data_message: Some(DataMessage {
            body: Some("hello, room".into()),
            ..Default::default()
        }),
        sig_timestamp: Some(now),
        ..Default::default()
    };
    let (posted, t) =
        timed(|| Post::new(bob, post::Signer::Blinded15(&server), &content, now, None));
    let body = posted.to_json();
    println!(
        "    post: padded content {} B signed with Bob's blinded key (blind15_sign_desktop), {} B of JSON, in {t:?}",
        posted.data.len(),
        body.len()
    );
    let target = format!("/room/{ROOM}/message");
    let (signed, t) = timed(|| {
        signer
            .sign(rng, now / 1000, "POST", &target, body.as_bytes())
            .unwrap()
    });
    println!(
        "    X-SOGS-* headers signed over server key ‖ nonce ‖ {} ‖ POST ‖ {target} ‖ BLAKE2b-512(body), in {t:?}",
        signed.headers.timestamp
    );

    // The v4 onion request to the server destination, peeled by three path nodes.
    let mut v4 = to_v4_request(&signed);
    v4.headers
        .push(("Content-Type".into(), "application/json".into()));
    let payload = v4.to_bytes();
    let path = network.random_path(rng, &[]);
    let destination = ServerDestination {
        host: HOST.into(),
        target: "/oxen/v4/lsrpc".into(),
        protocol: Protocol::Https,
        port: None,
        x25519: server_keys.public,
    };
    let builder = Builder::new(EncType::XChaCha20)
        .path(&path.map(|n| n.hop()))
        .server_destination(destination);
    let ((request, reply_key), t) = timed(|| builder.build(&payload, rng).unwrap());
    println!(
        "    v4 onion request built in {t:?}: {} payload bytes -> {} request bytes (path {} -> {} -> {} -> {HOST})",
        payload.len(),
        request.as_bytes().len(),
        path[0].short(),
        path[1].short(),
        path[2].short()
    );
    let (decision, peeled) = onion_path::peel(&path, request.as_bytes(), rng);
    let Decision::ForwardToServer(forward) = decision else {
        panic!("the last path node forwards to the server")
    };
    assert_eq!(
        (forward.route.host.as_str(), forward.route.target.as_str()),
        (HOST, "/oxen/v4/lsrpc")
    );
    println!(
        "    peeled: entry {} | hop 2 {} | hop 3 {}: POST {} B to {}://{}:{}{}",
        peeled[0],
        peeled[1],
        peeled[2],
        forward.payload.len(),
        forward.route.protocol,
        forward.route.host,
        forward.route.port,
        forward.route.target
    );

    // The server: decrypt, parse the v4 request, pysogs' auth check; file the post, answer 201.
    let (parser, t) =
        timed(|| OnionReqParser::new(&server_keys, &forward.payload, DEFAULT_MAX_SIZE).unwrap());
    let received = V4Request::from_bytes(parser.payload()).unwrap();
    // the same request (its headers come back in the JSON map's order, sorted by name)
    let mut sent_headers = v4.headers.clone();
    sent_headers.sort();
    assert_eq!(received.headers, sent_headers);
    assert_eq!(
        (&received.method, &received.endpoint, &received.body),
        (&v4.method, &v4.endpoint, &v4.body)
    );
    let clock = Duration::from_millis(now_ms());
    let (verdict, t2) = timed(|| check_v4_request(&sogs, &received, clock, &mut sogs_store));
    let user = *verdict.unwrap().user().unwrap();
    assert_eq!((user.id, user.kind), (bob_there, KeyKind::Blind15));
    println!(
        "    server: request decrypted in {t:?}; handle_http_auth accepted it in {t2:?}: user {}, key {:?}",
        user.id, user.kind
    );
    let filed: serde_json::Value =
        serde_json::from_slice(received.body.as_deref().unwrap()).unwrap();
    let data = from_base64(filed["data"].as_str().unwrap().as_bytes()).unwrap();
    let signature = from_base64(filed["signature"].as_str().unwrap().as_bytes()).unwrap();
    assert_eq!(signature.len(), 64);
    let message = json!({
        "id": 1,
        "session_id": user.id.to_hex(),
        "posted": clock.as_secs_f64(),
        "seqno": 1,
        "data": to_base64(&data),
        "signature": to_base64(&signature),
    });
    let answer = V4Response {
        code: 201,
        headers: vec![("content-type".into(), "application/json".into())],
        body: message.to_string().into_bytes(),
    };
    let (reply, t) = timed(|| parser.encrypt_reply(rng, &answer.to_bytes()).unwrap());
    let (plain, t2) = timed(|| reply_key.handle_reply(200, reply.as_bytes()).unwrap());
    let answer = V4Response::from_bytes(&plain).unwrap();
    assert_eq!(answer.code, 201);
    println!(
        "    server filed it (message 1) and answered 201: {} B encrypted in {t:?}, decrypted by Bob in {t2:?}",
        reply.as_bytes().len()
    );
    let replay = check_v4_request(&sogs, &received, clock, &mut sogs_store);
    assert_eq!(replay, Err(Error::SogsNonceReused));
    println!(
        "    the same request again: {} {:?}",
        Error::SogsNonceReused.sogs_status().unwrap(),
        replay.unwrap_err().to_string()
    );

    // Alice reads the room: the post's signature under its poster's id, and who that is.
    let listed: serde_json::Value = serde_json::from_slice(&answer.body).unwrap();
    let poster = BlindedId::from_hex(listed["session_id"].as_str().unwrap()).unwrap();
    let read = Post {
        data: from_base64(listed["data"].as_str().unwrap().as_bytes()).unwrap(),
        timestamp: now,
        signature: Signature::from_bytes(
            &from_base64(listed["signature"].as_str().unwrap().as_bytes()).unwrap(),
        )
        .unwrap(),
        files: None,
    };
    let (checked, t) = timed(|| read.verify_blinded(&poster));
    checked.unwrap();
    let (is_bob, t2) = timed(|| session_id_matches_blinded_id(bob_id, &poster, &server).unwrap());
    assert!(is_bob);
    let content: Content = decode(unpad(&read.data).unwrap()).unwrap();
    let text = content.data_message.and_then(|d| d.body);
    assert_eq!(text.as_deref(), Some("hello, room"));
    println!(
        "    Alice reads {:?}: signature verified under {}… in {t:?}; session_id_matches_blinded_id says it is Bob (the Session ID from ONS) in {t2:?}",
        text.unwrap(),
        &poster.to_hex()[..12]
    );
}
