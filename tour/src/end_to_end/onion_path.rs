//! One storage request through an onion path and its answer back: the client builds the onion
//! (`oxen-onion`'s builder, xchacha20), the entry node peels its layer with `peel_edge`, the
//! next two and the destination with `peel_relay`, the destination hands the request body to
//! its storage RPC and encrypts the answer for the client (`Delivery::reply`), which every hop
//! passes back unchanged and the client decrypts.

use oxen_onion::node::{self, Decision};
use oxen_onion::reply::{ResponseBody, SnodeResponse};
use oxen_onion::{Builder, EncType};

use super::network::ServiceNode;
use crate::timed;

/// Sends `payload` to `dest` through `path`; `rpc` is the destination's storage RPC (the body
/// in, the status and body of its answer out). Returns the answer as the client decrypted it.
pub fn round_trip(
    path: [&ServiceNode; 3],
    dest: &ServiceNode,
    payload: &[u8],
    rng: &mut rand::rngs::ThreadRng,
    rpc: impl FnOnce(&[u8]) -> (u16, ResponseBody),
) -> SnodeResponse {
    let hops: Vec<_> = path.iter().map(|n| n.hop()).collect();
    let builder = Builder::new(EncType::XChaCha20)
        .path(&hops)
        .snode_destination(dest.hop());
    let ((request, reply_key), t) = timed(|| builder.build(payload, rng).unwrap());
    println!(
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

    // Entry node: the HTTPS body; then the bencoded relay message, node to node.
    let (mut decision, t) =
        timed(|| node::peel_edge(&path[0].keys, request.as_bytes(), rng).unwrap());
    let mut peeled = vec![format!("{} B in {t:?}", request.as_bytes().len())];
    let mut next = path.iter().skip(1).copied().chain([dest]);
    let delivery = loop {
        match decision {
            Decision::RelayToNode(relay) => {
                let keys = &next.next().unwrap().keys;
                assert_eq!(relay.next_node, keys.ed25519);
                let msg = relay.message.to_bytes();
                let (d, t) = timed(|| node::peel_relay(keys, &msg, rng).unwrap());
                peeled.push(format!("{} B in {t:?}", msg.len()));
                decision = d;
            }
            Decision::Deliver(d) => break d,
            Decision::ForwardToServer(_) => unreachable!("a service-node destination"),
        }
    };
    assert!(next.next().is_none(), "every node peeled one layer");
    assert_eq!(delivery.body, payload);
    println!(
        "    peeled: entry {} | hop 2 {} | hop 3 {} | swarm node {}: the request body, intact",
        peeled[0], peeled[1], peeled[2], peeled[3]
    );

    // The destination answers; the reply is encrypted once, for the client.
    let (status, body) = rpc(&delivery.body);
    let (reply, t) = timed(|| delivery.reply(rng, status, &body).unwrap());
    let (plain, t2) = timed(|| reply_key.handle_reply(reply.status, &reply.body).unwrap());
    let answer = SnodeResponse::from_bytes(&plain).unwrap();
    assert_eq!(answer.status, status);
    println!(
        "    reply: {}-byte answer (status {status}) encrypted to {} bytes in {t:?}, back along the path, decrypted by the client in {t2:?}",
        plain.len(),
        reply.body.len()
    );
    answer
}
