//! Replay cache against aliases of the ephemeral key (issue 12): the same request, the request
//! with bit 255 of its ephemeral key flipped, `u + p` for a small u, and u plus a small-order
//! point are all refused, for every enc type, at the entry node and on the relay; a fresh
//! request still passes.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use curve25519_dalek::constants::EIGHT_TORSION;
use curve25519_dalek::montgomery::MontgomeryPoint;
use oxen_onion::frame::Frame;
use oxen_onion::node::{self, Decision, Rejection};
use oxen_onion::*;
use rand_chacha::ChaCha20Rng;
use rand_core::SeedableRng;

const ALL: [EncType; 3] = [EncType::AesGcm, EncType::XChaCha20, EncType::AesCbc];

fn node_keys(rng: &mut ChaCha20Rng) -> NodeKeys {
    NodeKeys {
        x25519: X25519KeyPair::generate(rng),
        ed25519: Ed25519PublicKey([0xed; 32]),
    }
}

/// An entry-node request whose single layer is for `node` under `eph`, delivering `{}` to it.
/// The layer key is computed on the node's side, so `eph` needs no known secret (this is how
/// a request with a small-u ephemeral key is made).
fn edge_request(
    node: &NodeKeys,
    eph: &X25519PublicKey,
    t: EncType,
    rng: &mut ChaCha20Rng,
) -> Vec<u8> {
    let key = HopKey::derive(t, &node.x25519, eph, Role::Node).unwrap();
    let inner = Frame {
        blob: b"{}",
        json: br#"{"headers":""}"#,
    }
    .to_bytes()
    .unwrap();
    let ct = key.encrypt(rng, &inner).unwrap();
    let json = format!(
        r#"{{"enc_type":"{}","ephemeral_key":"{}"}}"#,
        t.as_str(),
        eph.to_hex()
    );
    Frame {
        blob: &ct,
        json: json.as_bytes(),
    }
    .to_bytes()
    .unwrap()
}

/// `request` with its outer `ephemeral_key` replaced by `eph` (the ciphertext is untouched:
/// this is what an attacker can do to a captured request).
fn with_ephemeral(request: &[u8], eph: &X25519PublicKey) -> Vec<u8> {
    let f = Frame::from_bytes(request).unwrap();
    let mut j: serde_json::Value = serde_json::from_slice(f.json).unwrap();
    j["ephemeral_key"] = eph.to_hex().into();
    let json = serde_json::to_vec(&j).unwrap();
    Frame {
        blob: f.blob,
        json: &json,
    }
    .to_bytes()
    .unwrap()
}

fn flip_bit_255(k: &X25519PublicKey) -> X25519PublicKey {
    let mut b = k.to_bytes();
    b[31] ^= 0x80;
    X25519PublicKey(b)
}

/// u + p for u < 19: the same field element, a different (non-canonical) encoding.
fn plus_p(u: u8) -> X25519PublicKey {
    assert!(u < 19);
    let mut b = [0xffu8; 32];
    b[31] = 0x7f;
    b[0] = 0xed + u; // p = 2^255 - 19 = 0x7fff..ffed
    X25519PublicKey(b)
}

fn small_u(u: u8) -> X25519PublicKey {
    let mut b = [0u8; 32];
    b[0] = u;
    X25519PublicKey(b)
}

/// The same point plus a point of order 8 (a different u, the same S after clamping).
fn plus_torsion(k: &X25519PublicKey) -> X25519PublicKey {
    let e = MontgomeryPoint(k.to_bytes()).to_edwards(0).unwrap();
    X25519PublicKey((e + EIGHT_TORSION[1]).to_montgomery().to_bytes())
}

fn delivered(d: Result<Decision, Rejection>) -> bool {
    matches!(d, Ok(Decision::Deliver(_)))
}

#[test]
fn aliases_decrypt_without_a_cache_for_aes() {
    // The attack the cache must stop: without it, a bit-flipped (or u + p) replay is accepted
    // again by aes-gcm and aes-cbc; xchacha20 hashes the key bytes and refuses it.
    let mut rng = ChaCha20Rng::seed_from_u64(1);
    let n = node_keys(&mut rng);
    for t in ALL {
        let eph = X25519KeyPair::generate(&mut rng).public;
        let req = edge_request(&n, &eph, t, &mut rng);
        let flipped = with_ephemeral(&req, &flip_bit_255(&eph));
        assert_eq!(
            delivered(node::peel_edge(&n, &flipped, &mut rng)),
            t != EncType::XChaCha20,
            "{t:?}"
        );
        let small = edge_request(&n, &small_u(9), t, &mut rng);
        let alias = with_ephemeral(&small, &plus_p(9));
        assert_eq!(
            delivered(node::peel_edge(&n, &alias, &mut rng)),
            t != EncType::XChaCha20,
            "{t:?}"
        );
    }
}

#[test]
fn replays_and_bit_flipped_replays_refused_every_enc_type() {
    let mut rng = ChaCha20Rng::seed_from_u64(2);
    let n = node_keys(&mut rng);
    let mut cache = ReplayCache::new(600, 1024);
    for t in ALL {
        let eph = X25519KeyPair::generate(&mut rng).public;
        let req = edge_request(&n, &eph, t, &mut rng);
        assert!(delivered(node::peel_edge_with_replay_cache(
            &n, &req, &mut cache, 10, &mut rng
        )));
        for replay in [
            req.clone(),
            with_ephemeral(&req, &flip_bit_255(&eph)),
            with_ephemeral(&req, &plus_torsion(&eph)),
            with_ephemeral(&req, &flip_bit_255(&plus_torsion(&eph))),
        ] {
            assert_eq!(
                node::peel_edge_with_replay_cache(&n, &replay, &mut cache, 11, &mut rng)
                    .unwrap_err(),
                Rejection::Replayed,
                "{t:?}"
            );
        }
        // a fresh request of the same type still passes
        let fresh = X25519KeyPair::generate(&mut rng).public;
        let req = edge_request(&n, &fresh, t, &mut rng);
        assert!(delivered(node::peel_edge_with_replay_cache(
            &n, &req, &mut cache, 12, &mut rng
        )));
    }
}

#[test]
fn small_u_plus_p_refused_every_enc_type() {
    let mut rng = ChaCha20Rng::seed_from_u64(3);
    let n = node_keys(&mut rng);
    let mut tried = 0;
    for t in ALL {
        let mut cache = ReplayCache::new(600, 1024);
        for u in 0..19u8 {
            let eph = small_u(u);
            if ReplayTag::for_layer(&n.x25519, &eph).is_err() {
                // u = 0 and u = 1 are low order: refused as Invalid ciphertext, never cached
                assert!(u < 2);
                continue;
            }
            tried += 1;
            let req = edge_request(&n, &eph, t, &mut rng);
            assert!(delivered(node::peel_edge_with_replay_cache(
                &n, &req, &mut cache, 10, &mut rng
            )));
            for alias in [plus_p(u), flip_bit_255(&plus_p(u)), flip_bit_255(&eph)] {
                assert_eq!(
                    node::peel_edge_with_replay_cache(
                        &n,
                        &with_ephemeral(&req, &alias),
                        &mut cache,
                        11,
                        &mut rng
                    )
                    .unwrap_err(),
                    Rejection::Replayed,
                    "{t:?} u={u}"
                );
            }
        }
        // the reverse order: u + p first, then the canonical u
        let mut cache = ReplayCache::new(600, 1024);
        let req = edge_request(&n, &plus_p(5), t, &mut rng);
        assert!(delivered(node::peel_edge_with_replay_cache(
            &n, &req, &mut cache, 10, &mut rng
        )));
        assert_eq!(
            node::peel_edge_with_replay_cache(
                &n,
                &with_ephemeral(&req, &small_u(5)),
                &mut cache,
                10,
                &mut rng
            )
            .unwrap_err(),
            Rejection::Replayed
        );
    }
    assert_eq!(tried, 3 * 17);
}

#[test]
fn relay_aliases_refused_and_fresh_relay_passes() {
    let mut rng = ChaCha20Rng::seed_from_u64(4);
    let n = node_keys(&mut rng);
    let mut cache = ReplayCache::new(600, 1024);
    for t in ALL {
        let eph = X25519KeyPair::generate(&mut rng).public;
        let req = edge_request(&n, &eph, t, &mut rng);
        let data = Frame::from_bytes(&req).unwrap().blob.to_vec();
        let msg = |k: X25519PublicKey| {
            RelayMessage {
                data: data.clone(),
                enc_type: t,
                ephemeral_key: k,
                hop_no: 1,
            }
            .to_bytes()
        };
        assert!(delivered(node::peel_relay_with_replay_cache(
            &n,
            &msg(eph),
            &mut cache,
            5,
            &mut rng
        )));
        for k in [eph, flip_bit_255(&eph), plus_torsion(&eph)] {
            assert_eq!(
                node::peel_relay_with_replay_cache(&n, &msg(k), &mut cache, 6, &mut rng)
                    .unwrap_err(),
                Rejection::Replayed,
                "{t:?}"
            );
        }
    }
    // a fresh relayed layer passes, and the same DH seen first at the edge is a replay on the
    // relay side too (one cache per node)
    let eph = X25519KeyPair::generate(&mut rng).public;
    let req = edge_request(&n, &eph, EncType::AesGcm, &mut rng);
    assert!(delivered(node::peel_edge_with_replay_cache(
        &n, &req, &mut cache, 7, &mut rng
    )));
    let m = RelayMessage {
        data: Frame::from_bytes(&req).unwrap().blob.to_vec(),
        enc_type: EncType::AesGcm,
        ephemeral_key: flip_bit_255(&eph),
        hop_no: 1,
    };
    assert_eq!(
        node::peel_relay_with_replay_cache(&n, &m.to_bytes(), &mut cache, 8, &mut rng).unwrap_err(),
        Rejection::Replayed
    );
}

#[test]
fn builder_request_bit_flip_refused_at_the_entry() {
    // A real 3-hop request from the builder, captured and replayed with bit 255 of the outer
    // ephemeral key flipped: refused for both enc types the builder emits.
    let mut rng = ChaCha20Rng::seed_from_u64(5);
    let path: Vec<NodeKeys> = (0..3).map(|_| node_keys(&mut rng)).collect();
    let dest = node_keys(&mut rng);
    let hops: Vec<Hop> = path
        .iter()
        .enumerate()
        .map(|(i, k)| Hop {
            ed25519: Ed25519PublicKey([i as u8; 32]),
            x25519: k.x25519.public,
        })
        .collect();
    let mut entry = path[0].clone();
    entry.ed25519 = hops[0].ed25519;
    for t in [EncType::AesGcm, EncType::XChaCha20] {
        let (req, _) = Builder::new(t)
            .path(&hops)
            .snode_destination(Hop {
                ed25519: dest.ed25519,
                x25519: dest.x25519.public,
            })
            .build(b"{}", &mut rng)
            .unwrap();
        let f = Frame::from_bytes(req.as_bytes()).unwrap();
        let j: serde_json::Value = serde_json::from_slice(f.json).unwrap();
        let eph = X25519PublicKey::from_hex(j["ephemeral_key"].as_str().unwrap()).unwrap();
        let mut cache = ReplayCache::default();
        let first =
            node::peel_edge_with_replay_cache(&entry, req.as_bytes(), &mut cache, 1, &mut rng);
        assert!(matches!(first, Ok(Decision::RelayToNode(_))), "{t:?}");
        let flipped = with_ephemeral(req.as_bytes(), &flip_bit_255(&eph));
        assert_eq!(
            node::peel_edge_with_replay_cache(&entry, &flipped, &mut cache, 2, &mut rng)
                .unwrap_err(),
            Rejection::Replayed,
            "{t:?}"
        );
    }
}
