//! One test per error variant (crate `Error`, node `Rejection`, client `PathFailureKind`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use oxen_onion::node::{self, Decision, Rejection};
use oxen_onion::server::DEFAULT_MAX_SIZE;
use oxen_onion::*;
use rand_chacha::ChaCha20Rng;
use rand_core::SeedableRng;

fn rng() -> ChaCha20Rng {
    ChaCha20Rng::seed_from_u64(42)
}

fn keys(b: u8) -> NodeKeys {
    NodeKeys {
        x25519: X25519KeyPair::from_secret(X25519SecretKey::from_bytes([b; 32])),
        ed25519: Ed25519PublicKey([b; 32]),
    }
}

fn hop(k: &NodeKeys) -> Hop {
    Hop {
        ed25519: k.ed25519,
        x25519: k.x25519.public,
    }
}

fn path3() -> (Vec<NodeKeys>, NodeKeys) {
    ((1..=3).map(keys).collect(), keys(9))
}

fn build3(t: EncType) -> (Vec<NodeKeys>, NodeKeys, OnionRequest, ReplyDecryptor) {
    let (p, d) = path3();
    let (req, dec) = Builder::new(t)
        .path(&p.iter().map(hop).collect::<Vec<_>>())
        .snode_destination(hop(&d))
        .build(b"{}", &mut rng())
        .unwrap();
    (p, d, req, dec)
}

fn edge_frame(blob: &[u8], json: &str) -> Vec<u8> {
    let mut v = (blob.len() as u32).to_le_bytes().to_vec();
    v.extend_from_slice(blob);
    v.extend_from_slice(json.as_bytes());
    v
}

#[test]
fn frame_too_short() {
    assert_eq!(frame::Frame::from_bytes(&[0, 0]), Err(Error::FrameTooShort));
    assert_eq!(
        OnionReqParser::new(&keys(1).x25519, &[0; 3], DEFAULT_MAX_SIZE).unwrap_err(),
        Error::FrameTooShort
    );
}

#[test]
fn frame_length_exceeds_input() {
    let e = frame::Frame::from_bytes(&[5, 0, 0, 0, 1]).unwrap_err();
    assert_eq!(
        e,
        Error::FrameLengthExceedsInput {
            declared: 5,
            available: 1
        }
    );
}

#[test]
fn too_big() {
    assert_eq!(
        OnionReqParser::new(&keys(1).x25519, &[0; 10], 9).unwrap_err(),
        Error::TooBig(10)
    );
    let (p, d) = path3();
    let big = vec![0u8; MAX_REQUEST_BODY_SIZE + 1];
    let e = Builder::new(EncType::AesGcm)
        .path(&p.iter().map(hop).collect::<Vec<_>>())
        .snode_destination(hop(&d))
        .build(&big, &mut rng())
        .unwrap_err();
    assert_eq!(e, Error::TooBig(MAX_REQUEST_BODY_SIZE + 1));
}

#[test]
fn invalid_json() {
    assert_eq!(
        control::EdgeRoute::from_json(b"{nope"),
        Err(Error::InvalidJson)
    );
}

#[test]
fn missing_field() {
    assert_eq!(
        control::EdgeRoute::from_json(b"{}"),
        Err(Error::MissingField("ephemeral_key"))
    );
    let e = Builder::new(EncType::AesGcm)
        .hop(hop(&keys(1)))
        .build(b"", &mut rng())
        .unwrap_err();
    assert_eq!(e, Error::MissingField("destination"));
}

#[test]
fn wrong_field_type() {
    assert_eq!(
        control::EdgeRoute::from_json(br#"{"ephemeral_key":5}"#),
        Err(Error::WrongFieldType("ephemeral_key"))
    );
    let k = "00".repeat(32);
    assert_eq!(
        control::EdgeRoute::from_json(
            format!(r#"{{"ephemeral_key":"{k}","hop_no":"x"}}"#).as_bytes()
        ),
        Err(Error::WrongFieldType("hop_no"))
    );
}

// The key types live in oxen-keys (shared with oxen-session); their parse errors are
// `oxen_keys::Error` and convert to this crate's variants of the same name, which is what the
// onion entry points return.
#[test]
fn invalid_hex_key() {
    assert_eq!(
        X25519PublicKey::from_hex("zz").map_err(Error::from),
        Err(Error::InvalidHexKey)
    );
    assert_eq!(
        control::EdgeRoute::from_json(br#"{"ephemeral_key":"zz"}"#),
        Err(Error::InvalidHexKey)
    );
}

#[test]
fn invalid_key_length() {
    assert_eq!(
        X25519PublicKey::from_bytes(&[0; 31]).map_err(Error::from),
        Err(Error::InvalidKeyLength)
    );
    assert_eq!(
        RelayMessage::from_bytes(b"d13:ephemeral_key1:x4:data1:xe"),
        Err(Error::InvalidKeyLength)
    );
}

#[test]
fn unknown_enc_type() {
    assert_eq!(EncType::parse_oxenss("aes-ctr"), Err(Error::UnknownEncType));
    assert_eq!(
        EncType::parse_oxenss("AES-GCM"),
        Err(Error::UnknownEncType),
        "case-sensitive"
    );
}

#[test]
fn unsupported_enc_type() {
    assert_eq!(
        EncType::parse_libsession("cbc"),
        Err(Error::UnsupportedEncType)
    );
    let e = Builder::new(EncType::AesCbc)
        .hop(hop(&keys(1)))
        .snode_destination(hop(&keys(2)))
        .build(b"", &mut rng());
    assert_eq!(e.unwrap_err(), Error::UnsupportedEncType);
}

#[test]
fn zero_shared_secret() {
    let k = keys(1);
    assert_eq!(
        HopKey::derive(
            EncType::XChaCha20,
            &k.x25519,
            &X25519PublicKey([0; 32]),
            Role::Node
        )
        .unwrap_err(),
        Error::ZeroSharedSecret
    );
    // builder: a low-order hop key
    let bad = Hop {
        ed25519: Ed25519PublicKey([1; 32]),
        x25519: X25519PublicKey([0; 32]),
    };
    let e = Builder::new(EncType::AesGcm)
        .hop(bad)
        .snode_destination(hop(&keys(2)))
        .build(b"", &mut rng());
    assert_eq!(e.unwrap_err(), Error::ZeroSharedSecret);
}

#[test]
fn ciphertext_too_short() {
    let k = HopKey::from_raw(EncType::XChaCha20, [1; 32]);
    assert_eq!(k.decrypt(&[0; 39]), Err(Error::CiphertextTooShort));
}

#[test]
fn decryption_failed() {
    let k = HopKey::from_raw(EncType::XChaCha20, [1; 32]);
    assert_eq!(k.decrypt(&[0; 40]), Err(Error::DecryptionFailed));
    #[cfg(feature = "legacy-aes-cbc")]
    {
        let c = HopKey::from_raw(EncType::AesCbc, [1; 32]);
        assert_eq!(
            c.decrypt(&[0; 33]),
            Err(Error::DecryptionFailed),
            "not whole blocks"
        );
    }
}

#[test]
fn invalid_path_length() {
    let d = hop(&keys(9));
    assert_eq!(
        Builder::new(EncType::AesGcm)
            .snode_destination(d)
            .build(b"", &mut rng())
            .unwrap_err(),
        Error::InvalidPathLength(0)
    );
    let sixteen: Vec<Hop> = (0..16).map(|i| hop(&keys(i + 1))).collect();
    assert_eq!(
        Builder::new(EncType::AesGcm)
            .path(&sixteen)
            .snode_destination(d)
            .build(b"", &mut rng())
            .unwrap_err(),
        Error::InvalidPathLength(16)
    );
}

#[test]
fn max_path_length_exceeded() {
    let m = RelayMessage {
        data: vec![],
        enc_type: EncType::AesGcm,
        ephemeral_key: X25519PublicKey([1; 32]),
        hop_no: 16,
    };
    assert_eq!(
        RelayMessage::from_bytes(&m.to_bytes()),
        Err(Error::MaxPathLengthExceeded)
    );
}

#[test]
fn field_too_long() {
    let e = Builder::new(EncType::AesGcm)
        .hop(hop(&keys(1)))
        .server_destination(ServerDestination {
            host: "a".repeat(300),
            target: "/oxen/v4/lsrpc".into(),
            protocol: Protocol::Https,
            port: None,
            x25519: keys(2).x25519.public,
        })
        .build(b"", &mut rng());
    assert_eq!(e.unwrap_err(), Error::FieldTooLong("host"));
}

#[test]
fn invalid_host() {
    let e = Builder::new(EncType::AesGcm)
        .hop(hop(&keys(1)))
        .server_destination(ServerDestination {
            host: "evil.example/path".into(),
            target: "/oxen/v4/lsrpc".into(),
            protocol: Protocol::Https,
            port: None,
            x25519: keys(2).x25519.public,
        })
        .build(b"", &mut rng());
    assert_eq!(e.unwrap_err(), Error::InvalidHost);
}

#[test]
fn invalid_bencode() {
    assert_eq!(
        RelayMessage::from_bytes(b"d4:data"),
        Err(Error::InvalidBencode)
    );
    assert_eq!(V4Request::from_bytes(b"x"), Err(Error::InvalidBencode));
}

#[test]
fn invalid_base64() {
    assert_eq!(codec::from_base64(b"@@@@"), Err(Error::InvalidBase64));
}

#[test]
fn replayed() {
    let mut c = ReplayCache::new(10, 10);
    c.insert(ReplayTag::from([3; 32]), 0).unwrap();
    assert_eq!(c.insert(ReplayTag::from([3; 32]), 1), Err(Error::Replayed));
}

#[test]
fn invalid_status() {
    assert_eq!(
        reply::SnodeResponse::from_bytes(br#"{"body":"","status":7}"#),
        Err(Error::InvalidStatus)
    );
}

#[test]
fn path_failure_names_the_hop() {
    let (p, d, _, dec) = build3(EncType::AesGcm);
    let body = format!("Next node not found: {}", p[2].ed25519.to_hex());
    match dec.handle_reply(502, body.as_bytes()).unwrap_err() {
        Error::PathFailure(f) => {
            assert_eq!(f.kind, PathFailureKind::NextNodeNotFound(p[2].ed25519));
            assert_eq!(f.hop, Some(1), "hop 2 (index 1) could not find hop 3");
        }
        e => panic!("{e:?}"),
    }
    let body = format!("Next node not found: {}", d.ed25519.to_hex());
    let f = dec.classify(502, body.as_bytes());
    assert_eq!(
        f.hop,
        Some(2),
        "the last path hop could not find the destination"
    );
    let f = dec.classify(
        503,
        format!("Snode not ready: {}", p[1].ed25519.to_hex()).as_bytes(),
    );
    assert_eq!(
        (f.kind, f.hop),
        (PathFailureKind::NotReady(p[1].ed25519), Some(1))
    );
    let f = dec.classify(400, b"Error parsing onion request: x");
    assert_eq!((f.kind, f.hop), (PathFailureKind::EdgeParse, Some(0)));
    let f = dec.classify(400, b"Invalid ciphertext");
    assert_eq!((f.kind, f.hop), (PathFailureKind::InvalidCiphertext, None));
    assert_eq!(
        dec.classify(400, b"Invalid internal onion request: x").kind,
        PathFailureKind::InvalidInternalRequest
    );
    assert_eq!(
        dec.classify(400, b"onion request max path length exceeded")
            .kind,
        PathFailureKind::MaxPathLength
    );
    assert_eq!(
        dec.classify(413, b"Request body too large").kind,
        PathFailureKind::TooLarge
    );
    assert_eq!(
        dec.classify(504, b"Request time out").kind,
        PathFailureKind::Timeout
    );
    assert_eq!(
        dec.classify(500, b"Invalid response from snode").kind,
        PathFailureKind::InvalidResponse
    );
    assert_eq!(dec.classify(418, b"teapot").kind, PathFailureKind::Other);
}

// ---- node rejections, one per class ----

#[test]
fn rejection_edge_parse() {
    let r = node::peel_edge(&keys(1), b"\x01", &mut rng()).unwrap_err();
    assert_eq!(r, Rejection::EdgeParse(Error::FrameTooShort));
    assert_eq!((r.http_status(), r.is_encrypted()), (400, false));
    assert!(r.body().starts_with(b"Error parsing onion request: "));
}

#[test]
fn rejection_too_large() {
    let r = node::peel_edge(&keys(1), &vec![0; MAX_REQUEST_BODY_SIZE + 1], &mut rng()).unwrap_err();
    assert_eq!(r.http_status(), 413);
    assert_eq!(r.body(), b"Request body too large");
}

#[test]
fn rejection_invalid_internal_and_max_path() {
    let r = node::peel_relay(&keys(1), b"le", &mut rng()).unwrap_err();
    assert_eq!(r, Rejection::InvalidInternal(Error::InvalidBencode));
    assert!(r.body().starts_with(b"Invalid internal onion request: "));
    let m = RelayMessage {
        data: vec![],
        enc_type: EncType::AesGcm,
        ephemeral_key: X25519PublicKey([1; 32]),
        hop_no: 16,
    };
    let r = node::peel_relay(&keys(1), &m.to_bytes(), &mut rng()).unwrap_err();
    assert_eq!(r, Rejection::MaxPathLength);
    assert_eq!(
        (r.http_status(), r.body()),
        (400, b"onion request max path length exceeded".to_vec())
    );
}

#[test]
fn rejection_invalid_ciphertext() {
    let (p, _, req, _) = build3(EncType::XChaCha20);
    // right ciphertext, wrong node
    let r = node::peel_edge(&p[1], req.as_bytes(), &mut rng()).unwrap_err();
    assert_eq!(r, Rejection::InvalidCiphertext(Error::DecryptionFailed));
    assert_eq!(
        (r.http_status(), r.body()),
        (400, b"Invalid ciphertext".to_vec())
    );
}

#[test]
fn rejection_invalid_json_is_encrypted_for_the_client() {
    let client = X25519KeyPair::from_secret(X25519SecretKey::from_bytes([5; 32]));
    let node_keys = keys(1);
    let k = HopKey::derive(
        EncType::AesGcm,
        &client,
        &node_keys.x25519.public,
        Role::Client,
    )
    .unwrap();
    let ct = k.encrypt(&mut rng(), b"\x00\x00\x00\x00not json").unwrap();
    let body = edge_frame(
        &ct,
        &format!(r#"{{"ephemeral_key":"{}"}}"#, client.public.to_hex()),
    );
    let r = node::peel_edge(&node_keys, &body, &mut rng()).unwrap_err();
    assert!(matches!(
        r,
        Rejection::InvalidJson {
            error: Error::InvalidJson,
            ..
        }
    ));
    assert_eq!((r.http_status(), r.is_encrypted()), (200, true));
    let plain = k.decrypt(&codec::from_base64(&r.body()).unwrap()).unwrap();
    assert_eq!(plain, br#"{"body":"Invalid json","status":400}"#);
}

#[test]
fn rejection_invalid_url() {
    let (p, _) = path3();
    let (req, dec) = Builder::new(EncType::AesGcm)
        .path(&p.iter().map(hop).collect::<Vec<_>>())
        .server_destination(ServerDestination {
            host: "example.org".into(),
            target: "/not/allowed".into(),
            protocol: Protocol::Https,
            port: None,
            x25519: keys(9).x25519.public,
        })
        .build(b"l2:{}e", &mut rng())
        .unwrap();
    let Decision::RelayToNode(r1) = node::peel_edge(&p[0], req.as_bytes(), &mut rng()).unwrap()
    else {
        panic!()
    };
    let Decision::RelayToNode(r2) =
        node::peel_relay(&p[1], &r1.message.to_bytes(), &mut rng()).unwrap()
    else {
        panic!()
    };
    let r = node::peel_relay(&p[2], &r2.message.to_bytes(), &mut rng()).unwrap_err();
    assert!(matches!(r, Rejection::InvalidUrl { .. }));
    assert_eq!(r.http_status(), 200);
    // the reply is encrypted with the last hop's layer key, not the server's: the client's
    // destination key cannot read it (libsession behaves the same)
    assert!(dec.handle_reply(200, &r.body()).is_err());
}

#[test]
fn next_node_not_found_reply() {
    let r = node::next_node_not_found(&Ed25519PublicKey([0xab; 32]));
    assert_eq!(r.status, 502);
    assert!(r.body.starts_with(b"Next node not found: abab"));
}
