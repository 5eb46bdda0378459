//! One storage request through an onion path and its answer back: the client builds the onion
//! (`oxen-onion`'s builder, xchacha20), the entry node peels its layer with `peel_edge`, the
//! next two and the destination with `peel_relay` ([`peel`], also used for the community
//! server's path), the destination hands the request body to its storage RPC and encrypts the
//! answer for the client (`Delivery::reply`), which every hop passes back unchanged and the
//! client decrypts.

use std::fmt;
use std::time::Duration;

use oxen_onion::node::{self, Decision};
use oxen_onion::reply::{ResponseBody, SnodeResponse};
use oxen_onion::{Builder, EncType};
use rand::CryptoRng;

use super::network::ServiceNode;
use crate::{Voice, timed};

/// What one node peeled: the bytes it received and the time its layer took.
#[derive(Clone, Copy, Debug)]
pub struct Peeled {
    /// The size of what the node received.
    pub bytes: usize,
    /// The time `peel_edge` or `peel_relay` took.
    pub took: Duration,
}

impl fmt::Display for Peeled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} B in {:?}", self.bytes, self.took)
    }
}

/// Sends `payload` to `dest` through `path`; `rpc` is the destination's storage RPC (the body
/// in, the status and body of its answer out). Returns the answer as the client decrypted it.
pub fn round_trip<R: CryptoRng + ?Sized>(
    path: [&ServiceNode; 3],
    dest: &ServiceNode,
    payload: &[u8],
    rng: &mut R,
    voice: Voice,
    rpc: impl FnOnce(&[u8]) -> (u16, ResponseBody),
) -> SnodeResponse {
    let hops = path.map(ServiceNode::hop);
    let builder = Builder::new(EncType::XChaCha20)
        .path(&hops)
        .snode_destination(dest.hop());
    let ((request, reply_key), t) = timed(|| builder.build(payload, rng).unwrap());
    say!(
        voice,
        "    onion built in {t:?}: {} payload bytes -> {} request bytes (path {} -> {} -> {} -> swarm node {})",
        payload.len(),
        request.as_bytes().len(),
        path[0].short(),
        path[1].short(),
        path[2].short(),
        dest.short()
    );
    // spec §4: a 3-hop xchacha20 request to a service node adds 865 bytes
    assert_eq!(request.as_bytes().len(), payload.len() + 865);

    let (decision, peeled) = peel(&[path[0], path[1], path[2], dest], request.as_bytes(), rng);
    let Decision::Deliver(delivery) = decision else {
        unreachable!("a service-node destination")
    };
    assert_eq!(delivery.body, payload);
    say!(
        voice,
        "    peeled: entry {} | hop 2 {} | hop 3 {} | swarm node {}: the request body, intact",
        peeled[0],
        peeled[1],
        peeled[2],
        peeled[3]
    );

    // The destination answers; the reply is encrypted once, for the client.
    let (status, body) = rpc(&delivery.body);
    let (reply, t) = timed(|| delivery.reply(rng, status, &body).unwrap());
    let (plain, t2) = timed(|| reply_key.handle_reply(reply.status, &reply.body).unwrap());
    let answer = SnodeResponse::from_bytes(&plain).unwrap();
    assert_eq!(answer.status, status);
    say!(
        voice,
        "    reply: {}-byte answer (status {status}) encrypted to {} bytes in {t:?}, back along the path, decrypted by the client in {t2:?}",
        plain.len(),
        reply.body.len()
    );
    answer
}

/// Each of `nodes` peels its layer of `request` in turn: the first as the entry node (the
/// HTTPS body, `peel_edge`), the others from the bencoded message the previous one relayed
/// (`peel_relay`). Returns the last node's decision and, per node, what it peeled.
pub fn peel<R: CryptoRng + ?Sized>(
    nodes: &[&ServiceNode],
    request: &[u8],
    rng: &mut R,
) -> (Decision, Vec<Peeled>) {
    let (mut decision, took) = timed(|| node::peel_edge(&nodes[0].keys, request, rng).unwrap());
    let mut peeled = vec![Peeled {
        bytes: request.len(),
        took,
    }];
    for next in &nodes[1..] {
        let Decision::RelayToNode(relay) = decision else {
            panic!("a path node must relay")
        };
        assert_eq!(relay.next_node, next.keys.ed25519);
        let msg = relay.message.to_bytes();
        let (d, took) = timed(|| node::peel_relay(&next.keys, &msg, rng).unwrap());
        peeled.push(Peeled {
            bytes: msg.len(),
            took,
        });
        decision = d;
    }
    (decision, peeled)
}
