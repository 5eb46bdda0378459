//! Property tests: build → peel hop by hop, reply round trips, padding invariants.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use oxen_onion::node::{self, Decision};
use oxen_onion::reply::SnodeResponse;
use oxen_onion::server::DEFAULT_MAX_SIZE;
use oxen_onion::*;
use proptest::prelude::*;
use rand_chacha::ChaCha20Rng;
use rand_core::SeedableRng;

struct Net {
    path: Vec<NodeKeys>,
    dest: NodeKeys,
}

fn node(rng: &mut ChaCha20Rng, tag: u8) -> NodeKeys {
    let x = X25519KeyPair::generate(rng);
    let mut ed = [tag; 32];
    ed[..4].copy_from_slice(&x.public.as_bytes()[..4]);
    NodeKeys {
        x25519: x,
        ed25519: Ed25519PublicKey(ed),
    }
}

fn net(rng: &mut ChaCha20Rng, hops: usize) -> Net {
    Net {
        path: (0..hops).map(|i| node(rng, i as u8)).collect(),
        dest: node(rng, 0xee),
    }
}

fn hop(k: &NodeKeys) -> Hop {
    Hop {
        ed25519: k.ed25519,
        x25519: k.x25519.public,
    }
}

fn enc_type(x: bool) -> EncType {
    if x {
        EncType::XChaCha20
    } else {
        EncType::AesGcm
    }
}

/// Runs a request through the path, returning the destination's decision and the size each
/// hop received.
fn run(net: &Net, request: &[u8], rng: &mut ChaCha20Rng) -> (Decision, Vec<usize>) {
    let mut sizes = vec![request.len()];
    let mut d = node::peel_edge(&net.path[0], request, rng).unwrap();
    let mut k = 0;
    loop {
        match d {
            Decision::RelayToNode(r) => {
                k += 1;
                let keys = net.path.get(k).unwrap_or(&net.dest);
                assert_eq!(r.next_node, keys.ed25519);
                let msg = r.message.to_bytes();
                sizes.push(msg.len());
                d = node::peel_relay(keys, &msg, rng).unwrap();
            }
            other => return (other, sizes),
        }
    }
}

fn builder(net: &Net, t: EncType, server: bool) -> Builder {
    let b = Builder::new(t).path(&net.path.iter().map(hop).collect::<Vec<_>>());
    if server {
        b.server_destination(ServerDestination {
            host: "sogs.example".into(),
            target: "/oxen/v4/lsrpc".into(),
            protocol: Protocol::Https,
            port: None,
            x25519: net.dest.x25519.public,
        })
    } else {
        b.snode_destination(hop(&net.dest))
    }
}

fn delivered(net: &Net, d: Decision) -> Vec<u8> {
    match d {
        Decision::Deliver(del) => del.body,
        Decision::ForwardToServer(s) => {
            OnionReqParser::new(&net.dest.x25519, &s.payload, DEFAULT_MAX_SIZE)
                .unwrap()
                .payload()
                .to_vec()
        }
        Decision::RelayToNode(_) => unreachable!(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn build_then_peel_recovers_payload(
        seed in any::<u64>(),
        hops in 1usize..=15,
        payload in proptest::collection::vec(any::<u8>(), 0..3000),
        x in any::<bool>(),
        server in any::<bool>(),
    ) {
        let mut rng = ChaCha20Rng::seed_from_u64(seed);
        let net = net(&mut rng, hops);
        let (req, _) = builder(&net, enc_type(x), server).build(&payload, &mut rng).unwrap();
        let (d, sizes) = run(&net, req.as_bytes(), &mut rng);
        prop_assert_eq!(delivered(&net, d), payload);
        prop_assert_eq!(sizes.len(), hops + usize::from(!server));
    }

    #[test]
    fn reply_round_trip(
        seed in any::<u64>(),
        body in "[ -~]{0,200}",
        status in 100u16..600,
        x in any::<bool>(),
        base64 in any::<bool>(),
    ) {
        let mut rng = ChaCha20Rng::seed_from_u64(seed);
        let net = net(&mut rng, 3);
        let (req, dec) = builder(&net, enc_type(x), false).build(b"{}", &mut rng).unwrap();
        let Decision::Deliver(mut del) = run(&net, req.as_bytes(), &mut rng).0 else { panic!() };
        del.base64 = base64;
        let r = del.reply(&mut rng, status, &ResponseBody::Text(body.clone())).unwrap();
        prop_assert_eq!(r.status, 200);
        let plain = dec.handle_reply(r.status, &r.body).unwrap();
        let parsed = SnodeResponse::from_bytes(&plain).unwrap();
        prop_assert_eq!(parsed.status, status);
        prop_assert_eq!(parsed.body, ResponseBody::Text(body));
    }

    #[test]
    fn server_reply_round_trip(seed in any::<u64>(), reply in proptest::collection::vec(any::<u8>(), 0..500), x in any::<bool>()) {
        let mut rng = ChaCha20Rng::seed_from_u64(seed);
        let net = net(&mut rng, 3);
        let (req, dec) = builder(&net, enc_type(x), true).build(b"l2:{}e", &mut rng).unwrap();
        let Decision::ForwardToServer(s) = run(&net, req.as_bytes(), &mut rng).0 else { panic!() };
        let p = OnionReqParser::new(&net.dest.x25519, &s.payload, DEFAULT_MAX_SIZE).unwrap();
        let enc = p.encrypt_reply(&mut rng, &reply).unwrap();
        // v4 raw and v3 base64 both decode
        prop_assert_eq!(dec.handle_reply(200, enc.as_bytes()).unwrap(), reply.clone());
        prop_assert_eq!(dec.handle_reply(200, enc.to_base64().as_bytes()).unwrap(), reply);
    }

    #[test]
    fn padding_never_changes_what_the_destination_receives(
        seed in any::<u64>(),
        hops in 1usize..=6,
        len_a in 0usize..700,
        len_b in 0usize..700,
        x in any::<bool>(),
        server in any::<bool>(),
    ) {
        let mut rng = ChaCha20Rng::seed_from_u64(seed);
        let net = net(&mut rng, hops);
        let b = builder(&net, enc_type(x), server).padding(Padding::default_buckets());
        let pa: Vec<u8> = (0..len_a).map(|i| (i % 251) as u8).collect();
        let pb: Vec<u8> = (0..len_b).map(|i| (i % 241) as u8).collect();
        let (ra, _) = b.build(&pa, &mut rng).unwrap();
        let (rb, _) = b.build(&pb, &mut rng).unwrap();
        let (da, sa) = run(&net, ra.as_bytes(), &mut rng);
        let (db, sb) = run(&net, rb.as_bytes(), &mut rng);
        prop_assert_eq!(delivered(&net, da), pa);
        prop_assert_eq!(delivered(&net, db), pb);
        // both payloads fall in the first (1 KiB) bucket (payload + layer + route JSON < 1024
        // for a server destination too): every hop that padding covers sees
        // the same size (server destination: all but the last hop)
        let covered = if server { hops - 1 } else { hops };
        prop_assert_eq!(&sa[..covered], &sb[..covered]);
    }
}

#[test]
fn padding_hides_size_but_unpadded_reveals_it() {
    let mut rng = ChaCha20Rng::seed_from_u64(7);
    let net = net(&mut rng, 3);
    let plain = builder(&net, EncType::XChaCha20, false);
    let padded = plain.clone().padding(Padding::default_buckets());
    let (a, _) = plain.build(&[1u8; 10], &mut rng).unwrap();
    let (b, _) = plain.build(&[1u8; 20], &mut rng).unwrap();
    assert_ne!(a.as_bytes().len(), b.as_bytes().len());
    let (a, _) = padded.build(&[1u8; 10], &mut rng).unwrap();
    let (b, _) = padded.build(&[1u8; 20], &mut rng).unwrap();
    assert_eq!(a.as_bytes().len(), b.as_bytes().len());
    // 4 + payload + padded JSON = 1024 at the destination layer
    let (d, _) = run(&net, a.as_bytes(), &mut rng);
    assert_eq!(delivered(&net, d), [1u8; 10]);
}

#[test]
fn replay_cache_rejects_second_delivery_only() {
    let mut rng = ChaCha20Rng::seed_from_u64(8);
    let net = net(&mut rng, 3);
    let (req, _) = builder(&net, EncType::AesGcm, false)
        .build(b"{}", &mut rng)
        .unwrap();
    let mut cache = ReplayCache::new(60, 16);
    // a forgery carrying the real ephemeral key does not poison the cache
    let mut forged = req.as_bytes().to_vec();
    forged[10] ^= 1;
    let r = node::peel_edge_with_replay_cache(&net.path[0], &forged, &mut cache, 100, &mut rng);
    assert!(matches!(r, Err(node::Rejection::InvalidCiphertext(_))));
    assert!(
        node::peel_edge_with_replay_cache(&net.path[0], req.as_bytes(), &mut cache, 100, &mut rng)
            .is_ok()
    );
    let again =
        node::peel_edge_with_replay_cache(&net.path[0], req.as_bytes(), &mut cache, 130, &mut rng);
    assert_eq!(again.unwrap_err(), node::Rejection::Replayed);
    assert_eq!(node::Rejection::Replayed.http_status(), 400);
    // after the window it is accepted again (bounded memory, not a permanent ban)
    assert!(
        node::peel_edge_with_replay_cache(&net.path[0], req.as_bytes(), &mut cache, 161, &mut rng)
            .is_ok()
    );
    // relay side too
    let Decision::RelayToNode(r) = node::peel_edge(&net.path[0], req.as_bytes(), &mut rng).unwrap()
    else {
        panic!()
    };
    let msg = r.message.to_bytes();
    assert!(
        node::peel_relay_with_replay_cache(&net.path[1], &msg, &mut cache, 200, &mut rng).is_ok()
    );
    assert_eq!(
        node::peel_relay_with_replay_cache(&net.path[1], &msg, &mut cache, 201, &mut rng)
            .unwrap_err(),
        node::Rejection::Replayed
    );
}

#[test]
fn start_hop_no_is_honoured_and_bounded() {
    let mut rng = ChaCha20Rng::seed_from_u64(9);
    let net = net(&mut rng, 3);
    let (req, _) = builder(&net, EncType::AesGcm, false)
        .start_hop_no(9)
        .build(b"{}", &mut rng)
        .unwrap();
    let Decision::RelayToNode(r) = node::peel_edge(&net.path[0], req.as_bytes(), &mut rng).unwrap()
    else {
        panic!()
    };
    assert_eq!(r.message.hop_no, 10);
    let (d, _) = run(&net, req.as_bytes(), &mut rng);
    assert!(matches!(d, Decision::Deliver(_)));
    assert_eq!(
        builder(&net, EncType::AesGcm, false)
            .start_hop_no(13)
            .build(b"{}", &mut rng)
            .unwrap_err(),
        Error::InvalidPathLength(3)
    );
}

#[test]
fn xchacha_reply_falls_back_to_aes_gcm_like_response_parser() {
    // libsession ResponseParser: the legacy push server answers errors in aes-gcm even to an
    // xchacha20 request; the client retries with the aes-gcm key of the same DH.
    let mut rng = ChaCha20Rng::seed_from_u64(10);
    let net = net(&mut rng, 3);
    let (req, dec) = builder(&net, EncType::XChaCha20, true)
        .build(b"l2:{}e", &mut rng)
        .unwrap();
    let Decision::ForwardToServer(s) = run(&net, req.as_bytes(), &mut rng).0 else {
        panic!()
    };
    let p = OnionReqParser::new(&net.dest.x25519, &s.payload, DEFAULT_MAX_SIZE).unwrap();
    let gcm = HopKey::derive(
        EncType::AesGcm,
        &net.dest.x25519,
        p.remote_pubkey(),
        Role::Node,
    )
    .unwrap();
    let ct = gcm.encrypt(&mut rng, b"legacy error").unwrap();
    assert_eq!(dec.decrypt(&ct).unwrap(), b"legacy error");
    assert_eq!(dec.handle_reply(200, &ct).unwrap(), b"legacy error");
    assert_eq!(
        dec.handle_reply(200, codec::to_base64(&ct).as_bytes())
            .unwrap(),
        b"legacy error"
    );
    // but an aes-gcm request does not fall back to xchacha20
    let (req, dec) = builder(&net, EncType::AesGcm, true)
        .build(b"l2:{}e", &mut rng)
        .unwrap();
    let Decision::ForwardToServer(s) = run(&net, req.as_bytes(), &mut rng).0 else {
        panic!()
    };
    let p = OnionReqParser::new(&net.dest.x25519, &s.payload, DEFAULT_MAX_SIZE).unwrap();
    let x = HopKey::derive(
        EncType::XChaCha20,
        &net.dest.x25519,
        p.remote_pubkey(),
        Role::Node,
    )
    .unwrap();
    let ct = x.encrypt(&mut rng, b"nope").unwrap();
    assert_eq!(dec.decrypt(&ct), Err(Error::DecryptionFailed));
}

/// Parser properties on mutations of valid blobs (issue 12: uniform random bytes rarely get
/// past the first length prefix; a valid blob with a few edits reaches every later check).
mod mutations {
    use super::*;
    use oxen_onion::control::EdgeRoute;
    use oxen_onion::frame::Frame;

    /// One edit of a byte string; positions are taken modulo the length.
    #[derive(Clone, Debug)]
    enum Mutation {
        FlipBit(usize),
        SetByte(usize, u8),
        Insert(usize, u8),
        Delete(usize),
        Truncate(usize),
        Duplicate(usize, usize),
    }

    fn mutation() -> impl Strategy<Value = Mutation> {
        prop_oneof![
            any::<usize>().prop_map(Mutation::FlipBit),
            (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::SetByte(i, b)),
            (
                any::<usize>(),
                prop::sample::select(b"{}\":,0123456789eil-x ".to_vec())
            )
                .prop_map(|(i, b)| Mutation::Insert(i, b)),
            any::<usize>().prop_map(Mutation::Delete),
            any::<usize>().prop_map(Mutation::Truncate),
            (any::<usize>(), 1usize..16).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
        ]
    }

    fn apply(b: &mut Vec<u8>, m: &Mutation) {
        let n = b.len().max(1);
        match *m {
            Mutation::FlipBit(i) if !b.is_empty() => b[(i / 8) % n] ^= 1 << (i % 8),
            Mutation::SetByte(i, v) if !b.is_empty() => b[i % n] = v,
            Mutation::Insert(i, v) => b.insert(i % (b.len() + 1), v),
            Mutation::Delete(i) if !b.is_empty() => {
                b.remove(i % n);
            }
            Mutation::Truncate(i) => b.truncate(i % (b.len() + 1)),
            Mutation::Duplicate(i, k) if !b.is_empty() => {
                let s = i % n;
                let span: Vec<u8> = b[s..(s + k).min(b.len())].to_vec();
                b.splice(s..s, span);
            }
            _ => {}
        }
    }

    fn mutated(valid: &[u8], ms: &[Mutation]) -> Vec<u8> {
        let mut b = valid.to_vec();
        for m in ms {
            apply(&mut b, m);
        }
        b
    }

    /// A valid request of each shape, and what its parts parse to.
    struct Blobs {
        net: Net,
        request: Vec<u8>,
        relay: Vec<u8>,
        server_payload: Vec<u8>,
        payload: Vec<u8>,
    }

    fn blobs(seed: u64, x: bool) -> Blobs {
        let mut rng = ChaCha20Rng::seed_from_u64(seed);
        let net = net(&mut rng, 2);
        let payload = br#"{"method":"info","params":{}}"#.to_vec();
        let (req, _) = builder(&net, enc_type(x), false)
            .build(&payload, &mut rng)
            .unwrap();
        let Decision::RelayToNode(r) =
            node::peel_edge(&net.path[0], req.as_bytes(), &mut rng).unwrap()
        else {
            panic!()
        };
        let (sreq, _) = builder(&net, enc_type(x), true)
            .build(&payload, &mut rng)
            .unwrap();
        let Decision::ForwardToServer(s) = run(&net, sreq.as_bytes(), &mut rng).0 else {
            panic!()
        };
        Blobs {
            net,
            request: req.as_bytes().to_vec(),
            relay: r.message.to_bytes(),
            server_payload: s.payload,
            payload,
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn framing_and_edge_json(seed in 0u64..4, x: bool, ms in prop::collection::vec(mutation(), 1..4)) {
            let b = blobs(seed, x);
            let m = mutated(&b.request, &ms);
            if let Ok(f) = Frame::from_bytes(&m) {
                prop_assert_eq!(f.encoded_len(), m.len());
                prop_assert_eq!(f.to_bytes().unwrap(), m.clone());
                if let Ok(route) = EdgeRoute::from_json(f.json) {
                    // the canonical form parses back to the same route
                    prop_assert_eq!(EdgeRoute::from_json(&route.to_json()).unwrap(), route);
                }
            }
        }

        #[test]
        fn peel_edge_lets_no_edit_through(seed in 0u64..4, x: bool, ms in prop::collection::vec(mutation(), 1..4)) {
            let b = blobs(seed, x);
            let mut rng = ChaCha20Rng::seed_from_u64(seed);
            let m = mutated(&b.request, &ms);
            match node::peel_edge(&b.net.path[0], &m, &mut rng) {
                // only the JSON can change without failing the AEAD; the next layer is intact
                Ok(Decision::RelayToNode(r)) => {
                    let orig = RelayMessage::from_bytes(&b.relay).unwrap();
                    prop_assert_eq!(r.next_node, b.net.path[1].ed25519);
                    prop_assert_eq!(r.message.data, orig.data);
                    prop_assert_eq!(r.message.ephemeral_key, orig.ephemeral_key);
                }
                Ok(other) => prop_assert!(false, "{other:?}"),
                Err(r) => {
                    prop_assert!(matches!(r.http_status(), 400 | 413));
                    prop_assert!(!r.is_encrypted());
                }
            }
        }

        #[test]
        fn relay_message_round_trips_and_peels_intact(seed in 0u64..4, x: bool, ms in prop::collection::vec(mutation(), 1..4)) {
            let b = blobs(seed, x);
            let mut rng = ChaCha20Rng::seed_from_u64(seed);
            let m = mutated(&b.relay, &ms);
            if let Ok(msg) = RelayMessage::from_bytes(&m) {
                prop_assert_eq!(RelayMessage::from_bytes(&msg.to_bytes()).unwrap(), msg);
            }
            if let Ok(Decision::Deliver(d)) = node::peel_relay(&b.net.path[1], &m, &mut rng) {
                prop_assert!(false, "path hop delivered: {:?}", d.body);
            }
            if let Ok(Decision::RelayToNode(r)) = node::peel_relay(&b.net.path[1], &m, &mut rng) {
                prop_assert_eq!(r.next_node, b.net.dest.ed25519);
            }
        }

        #[test]
        fn server_parser_yields_the_payload_or_an_error(seed in 0u64..4, x: bool, ms in prop::collection::vec(mutation(), 1..4)) {
            let b = blobs(seed, x);
            let m = mutated(&b.server_payload, &ms);
            if let Ok(p) = OnionReqParser::new(&b.net.dest.x25519, &m, DEFAULT_MAX_SIZE) {
                prop_assert_eq!(p.payload(), &b.payload[..]);
            }
        }

        #[test]
        fn v4_request_and_response_round_trip(ms in prop::collection::vec(mutation(), 1..4), post: bool) {
            let req = V4Request {
                method: if post { "POST" } else { "GET" }.into(),
                endpoint: "/room/abc/messages".into(),
                headers: vec![("Content-Type".into(), "application/json".into())],
                body: post.then(|| b"{\"a\":1}".to_vec()),
            };
            if let Ok(r) = V4Request::from_bytes(&mutated(&req.to_bytes(), &ms)) {
                prop_assert_eq!(V4Request::from_bytes(&r.to_bytes()).unwrap(), r);
            }
            let resp = V4Response {
                code: 200,
                headers: vec![("content-type".into(), "text/plain".into())],
                body: b"hello".to_vec(),
            };
            if let Ok(r) = V4Response::from_bytes(&mutated(&resp.to_bytes(), &ms)) {
                prop_assert_eq!(V4Response::from_bytes(&r.to_bytes()).unwrap(), r);
            }
        }
    }
}
