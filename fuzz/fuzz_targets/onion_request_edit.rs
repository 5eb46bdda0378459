//! Structure-aware: a valid onion request (1 to 4 path hops, aes-gcm or xchacha20, to a
//! service node or an HTTP server, fuzzer payload) is peeled hop by hop to delivery and the
//! reply is decrypted by the client; the fuzzer may edit the bytes one chosen hop receives
//! (bit flips, truncation, bytes appended, bit 255 of the outer ephemeral key, `hop_no` of a
//! relay message). Checks: every outcome is in its reference class; whatever is delivered is
//! exactly the original payload (the AEAD layers let no edit through to the destination); an
//! unedited request delivers and its reply round-trips; replaying the bytes a hop accepted is
//! refused by that hop's replay cache.
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use oxen_onion::node::{self, Decision, Rejection};
use oxen_onion::reply::{ResponseBody, SnodeResponse};
use oxen_onion::server::DEFAULT_MAX_SIZE;
use oxen_onion::*;

#[derive(Arbitrary, Debug)]
enum ByteEdit {
    FlipBit(u32),
    Truncate(u16),
    Append(Vec<u8>),
    /// Flip bit 255 of the outer `ephemeral_key` (entry hop only; an alias of the same DH).
    FlipEphemeralHighBit,
    /// Set the relay message's `hop_no` (relay hops only).
    HopNo(u8),
}

#[derive(Arbitrary, Debug)]
struct Input {
    seed: u64,
    hops: u8,
    xchacha: bool,
    server: bool,
    payload: Vec<u8>,
    /// Which hop's input to edit (modulo the number of hops + destination) and how.
    edit: Option<(u8, Vec<ByteEdit>)>,
    reply_status: u16,
    reply_body: String,
}

fn node_keys(seed: u64, i: u8) -> NodeKeys {
    let mut rng = oxen_fuzz::rng(seed.wrapping_add(u64::from(i)));
    NodeKeys {
        x25519: X25519KeyPair::generate(&mut rng),
        ed25519: Ed25519PublicKey([i; 32]),
    }
}

fn edit_bytes(bytes: &mut Vec<u8>, e: &ByteEdit, entry: bool) {
    match e {
        ByteEdit::FlipBit(b) if !bytes.is_empty() => {
            let bit = *b as usize % (8 * bytes.len());
            bytes[bit / 8] ^= 1 << (bit % 8);
        }
        ByteEdit::Truncate(n) => bytes.truncate(bytes.len().saturating_sub(usize::from(*n))),
        ByteEdit::Append(x) => bytes.extend(x.iter().take(64)),
        ByteEdit::FlipEphemeralHighBit if entry => {
            // the outer JSON ends with `"ephemeral_key":"<64 hex>"}`
            if let Some(pos) = bytes
                .windows(17)
                .rposition(|w| w == b"\"ephemeral_key\":\"")
            {
                let hi = pos + 17 + 62;
                if let Some(d) = bytes.get_mut(hi) {
                    let v = (*d as char).to_digit(16).unwrap_or(0) ^ 8;
                    *d = char::from_digit(v, 16).unwrap_or('0') as u8;
                }
            }
        }
        ByteEdit::HopNo(h) if !entry => {
            if let Ok(mut m) = RelayMessage::from_bytes(bytes) {
                m.hop_no = u32::from(*h);
                *bytes = m.to_bytes();
            }
        }
        _ => {}
    }
}

fn class_ok(r: &Rejection) {
    let s = r.http_status();
    assert!(s == 200 || s == 400 || s == 413, "{r:?}");
    assert_eq!(r.is_encrypted(), s == 200);
}

fuzz_target!(|inp: Input| {
    let hops = usize::from(inp.hops % 4) + 1;
    let path: Vec<NodeKeys> = (0..hops as u8).map(|i| node_keys(inp.seed, i)).collect();
    let dest = node_keys(inp.seed, 0xee);
    let t = if inp.xchacha {
        EncType::XChaCha20
    } else {
        EncType::AesGcm
    };
    let hop = |k: &NodeKeys| Hop {
        ed25519: k.ed25519,
        x25519: k.x25519.public,
    };
    let b = Builder::new(t).path(&path.iter().map(hop).collect::<Vec<_>>());
    let b = if inp.server {
        b.server_destination(ServerDestination {
            host: "sogs.example".into(),
            target: "/oxen/v4/lsrpc".into(),
            protocol: Protocol::Https,
            port: None,
            x25519: dest.x25519.public,
        })
    } else {
        b.snode_destination(hop(&dest))
    };
    let mut rng = oxen_fuzz::rng(inp.seed);
    let payload = &inp.payload[..inp.payload.len().min(4096)];
    let (req, dec) = b.build(payload, &mut rng).unwrap();

    let mut caches: Vec<ReplayCache> = (0..=hops).map(|_| ReplayCache::new(60, 64)).collect();
    let mut input = req.as_bytes().to_vec();
    let mut edited = false;
    let mut k = 0;
    loop {
        let keys = path.get(k).unwrap_or(&dest);
        if let Some((at, edits)) = &inp.edit
            && usize::from(*at) % (hops + 1) == k
        {
            let before = input.clone();
            for e in edits.iter().take(4) {
                edit_bytes(&mut input, e, k == 0);
            }
            edited |= input != before;
        }
        let peel = |cache: &mut ReplayCache, rng: &mut _| {
            if k == 0 {
                node::peel_edge_with_replay_cache(keys, &input, cache, 1, rng)
            } else {
                node::peel_relay_with_replay_cache(keys, &input, cache, 1, rng)
            }
        };
        let out = peel(&mut caches[k], &mut rng);
        if out.is_ok() {
            // the same bytes again: refused by this hop's cache
            assert_eq!(
                peel(&mut caches[k], &mut rng).unwrap_err(),
                Rejection::Replayed
            );
        }
        let d = match out {
            Ok(d) => d,
            Err(r) => {
                assert!(edited, "unedited request refused at hop {k}: {r:?}");
                class_ok(&r);
                return;
            }
        };
        match d {
            Decision::RelayToNode(r) => {
                k += 1;
                assert!(k <= hops, "relayed past the destination");
                assert_eq!(r.next_node, path.get(k).unwrap_or(&dest).ed25519);
                input = r.message.to_bytes();
            }
            Decision::Deliver(del) => {
                assert!(!inp.server && k == hops);
                assert_eq!(del.body, payload, "destination received altered bytes");
                let body = ResponseBody::Text(inp.reply_body.chars().take(200).collect());
                let r = del.reply(&mut rng, inp.reply_status, &body).unwrap();
                let plain = dec.handle_reply(r.status, &r.body).unwrap();
                // statuses outside 100..=999 are refused by the client parser (documented)
                match SnodeResponse::from_bytes(&plain) {
                    Ok(parsed) => {
                        assert_eq!(parsed.status, inp.reply_status);
                        assert_eq!(parsed.body, body);
                    }
                    Err(Error::InvalidStatus) => {
                        assert!(!(100..=999).contains(&inp.reply_status));
                    }
                    Err(e) => panic!("reply did not parse: {e:?}"),
                }
                return;
            }
            Decision::ForwardToServer(s) => {
                assert!(inp.server && k == hops - 1);
                let p = OnionReqParser::new(&dest.x25519, &s.payload, DEFAULT_MAX_SIZE).unwrap();
                assert_eq!(p.payload(), payload, "server received altered bytes");
                let ct = p
                    .encrypt_reply(&mut rng, inp.reply_body.as_bytes())
                    .unwrap();
                assert_eq!(
                    dec.decrypt(ct.as_bytes()).unwrap(),
                    inp.reply_body.as_bytes()
                );
                return;
            }
        }
    }
});
