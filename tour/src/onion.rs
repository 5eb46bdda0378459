//! Tour section: oxen-onion. Builds a 3-hop onion request (xchacha20) to a service-node
//! destination, peels it through three in-process path nodes and the destination, answers
//! there and decrypts the reply at the client; then the same with size padding, and a
//! replayed request, plain and with bit 255 of its ephemeral key flipped, refused by a node's
//! replay cache.

use oxen_onion::frame::Frame;
use oxen_onion::node::{self, Decision};
use oxen_onion::reply::{ResponseBody, SnodeResponse};
use oxen_onion::{
    Builder, Ed25519PublicKey, EncType, Hop, NodeKeys, Padding, ReplayCache, X25519KeyPair,
    X25519PublicKey,
};

fn node_keys(rng: &mut rand::rngs::ThreadRng, tag: u8) -> NodeKeys {
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

/// Runs this section of the tour.
pub fn run() {
    println!("\n== oxen-onion: 3-hop onion request, peeled by in-process nodes, reply decrypted");
    let mut rng = rand::rng();
    let path: Vec<NodeKeys> = (1..=3).map(|i| node_keys(&mut rng, i)).collect();
    let dest = node_keys(&mut rng, 0xdd);
    let payload = br#"{"method":"info","params":{}}"#;

    let builder = Builder::new(EncType::XChaCha20)
        .path(&path.iter().map(hop).collect::<Vec<_>>())
        .snode_destination(hop(&dest));
    let ((request, reply_key), t) = crate::timed(|| builder.build(payload, &mut rng).unwrap());
    println!(
        "  build: {} payload bytes -> {} request bytes (4 layers, xchacha20) in {t:?}",
        payload.len(),
        request.as_bytes().len()
    );
    // spec §4: a 3-hop xchacha20 request to a snode adds 865 bytes
    assert_eq!(request.as_bytes().len(), payload.len() + 865);

    // Peel: entry node gets the HTTPS body, later nodes the bencoded OMQ message.
    let (mut decision, t) =
        crate::timed(|| node::peel_edge(&path[0], request.as_bytes(), &mut rng).unwrap());
    println!(
        "  hop 1 (entry) peeled {} bytes in {t:?}",
        request.as_bytes().len()
    );
    let mut k = 1;
    let delivery = loop {
        match decision {
            Decision::RelayToNode(r) => {
                let keys = path.get(k).unwrap_or(&dest);
                assert_eq!(r.next_node, keys.ed25519);
                let msg = r.message.to_bytes();
                let (d, t) = crate::timed(|| node::peel_relay(keys, &msg, &mut rng).unwrap());
                let name = if k < 3 {
                    format!("hop {}", k + 1)
                } else {
                    "destination".into()
                };
                println!(
                    "  {name} (hop_no {}) peeled {} bytes in {t:?}",
                    r.message.hop_no,
                    msg.len()
                );
                decision = d;
                k += 1;
            }
            Decision::Deliver(d) => break d,
            Decision::ForwardToServer(_) => unreachable!("snode destination"),
        }
    };
    assert_eq!(delivery.body, payload);
    println!(
        "  destination received the exact payload: {}",
        String::from_utf8_lossy(&delivery.body)
    );

    // Answer at the destination (transport status 200, base64), decrypt at the client.
    let answer = ResponseBody::Text(r#"{"hf":[19,3],"version":[2,8,0]}"#.into());
    let (reply, t) = crate::timed(|| delivery.reply(&mut rng, 200, &answer).unwrap());
    println!(
        "  destination encrypted a {}-byte reply (status {}) in {t:?}",
        reply.body.len(),
        reply.status
    );
    let (plain, t) = crate::timed(|| reply_key.handle_reply(reply.status, &reply.body).unwrap());
    let parsed = SnodeResponse::from_bytes(&plain).unwrap();
    assert_eq!(parsed.status, 200);
    assert_eq!(parsed.body, answer);
    println!(
        "  client decrypted the reply in {t:?}: status {} body {:?}",
        parsed.status, parsed.body
    );

    // Padding: two payload sizes, one request size.
    let padded = builder.clone().padding(Padding::default_buckets());
    let (a, _) = padded.build(&[b' '; 10], &mut rng).unwrap();
    let (b, _) = padded.build(&[b' '; 700], &mut rng).unwrap();
    assert_eq!(a.as_bytes().len(), b.as_bytes().len());
    println!(
        "  with size buckets, 10- and 700-byte payloads both travel as {}-byte requests",
        a.as_bytes().len()
    );

    // Replay cache: the same request twice at the entry node, then the same request with
    // bit 255 of its ephemeral key flipped (X25519 ignores that bit, so for aes-gcm it would
    // decrypt again under a cache keyed on the raw key bytes; this cache is keyed on the DH).
    let mut cache = ReplayCache::new(600, 1024);
    let (gcm, _) = Builder::new(EncType::AesGcm)
        .path(&path.iter().map(hop).collect::<Vec<_>>())
        .snode_destination(hop(&dest))
        .build(b"{}", &mut rng)
        .unwrap();
    for (t, req) in [
        ("xchacha20", request.as_bytes()),
        ("aes-gcm", gcm.as_bytes()),
    ] {
        assert!(
            node::peel_edge_with_replay_cache(&path[0], req, &mut cache, 1000, &mut rng).is_ok()
        );
        let again = node::peel_edge_with_replay_cache(&path[0], req, &mut cache, 1001, &mut rng);
        assert_eq!(again.unwrap_err(), node::Rejection::Replayed);
        let flipped = flip_ephemeral_bit_255(req);
        let again =
            node::peel_edge_with_replay_cache(&path[0], &flipped, &mut cache, 1002, &mut rng);
        assert_eq!(again.unwrap_err(), node::Rejection::Replayed);
        println!(
            "  {t}: a replayed request, and the same with bit 255 of its ephemeral key flipped, \
             were refused by the entry node's replay cache (400)"
        );
    }
}

/// A captured request with bit 255 of the outer `ephemeral_key` flipped (the attacker's edit).
fn flip_ephemeral_bit_255(request: &[u8]) -> Vec<u8> {
    const FIELD: &str = "\"ephemeral_key\":\"";
    let f = Frame::from_bytes(request).unwrap();
    let json = std::str::from_utf8(f.json).unwrap();
    let start = json.find(FIELD).unwrap() + FIELD.len();
    let hex = &json[start..start + 64];
    let mut key = X25519PublicKey::from_hex(hex).unwrap();
    key.0[31] ^= 0x80;
    let json = json.replace(hex, &key.to_hex());
    Frame {
        blob: f.blob,
        json: json.as_bytes(),
    }
    .to_bytes()
    .unwrap()
}
