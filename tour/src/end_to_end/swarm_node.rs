//! A swarm node's storage RPC, as the tour simulates it: the verdict is `oxen-session-net`'s
//! (`storage::verify_request`, the storage server's checks in its order) and the hash is the
//! server's (`storage::message_hash`); what the tour adds is the database, a map in memory
//! (account and namespace → messages with their hashes), and the JSON of the two answers, in
//! the storage server's shape (`store`: the hash and the node's signature over it; `retrieve`:
//! `messages` with `hash`, `timestamp`, `expiration`, `data`, and `more`).
//!
//! Simplifications, each said where it matters: the members of a swarm share one store (the
//! real ones replicate every store to each other), and the node answers a store alone (the
//! real entry node also forwards it to the other members and lists their answers).

use std::collections::BTreeMap;

use oxen_onion::reply::ResponseBody;
use oxen_session::ed25519;
use oxen_session::oxen_keys::codec::to_base64;
use oxen_session_net::storage::{
    AccountId, Namespace, NodeContext, NodeRequest, message_hash, verify_request,
};
use serde_json::json;

use super::network::{Network, ServiceNode};
use crate::{Voice, timed};

/// A message as a node keeps it.
pub struct Stored {
    /// `storage::message_hash` of account, namespace and data.
    pub hash: String,
    /// The store's timestamp (ms).
    pub timestamp: i64,
    /// When it expires (ms).
    pub expiry: i64,
    /// The bytes stored.
    pub data: Vec<u8>,
}

/// The messages a swarm keeps: account and namespace → messages, oldest first.
#[derive(Default)]
pub struct SwarmStore {
    messages: BTreeMap<(AccountId, Namespace), Vec<Stored>>,
}

impl SwarmStore {
    /// How many messages `account` has in `namespace`.
    pub fn count(&self, account: &AccountId, namespace: Namespace) -> usize {
        self.messages
            .get(&(*account, namespace))
            .map_or(0, Vec::len)
    }

    /// `node` answers a storage RPC `body` at its clock `now_ms`: the status and body of its
    /// answer, saying its verdict in `voice`.
    pub fn handle(
        &mut self,
        node: &ServiceNode,
        network: &Network,
        body: &[u8],
        now_ms: i64,
        voice: Voice,
    ) -> (u16, ResponseBody) {
        let (verdict, t) = timed(|| verify_request(body, &NodeContext::at(now_ms)));
        let request = match verdict {
            Ok(r) => r,
            Err(refused) => {
                say!(
                    voice,
                    "    swarm node {}: verify_request refused it in {t:?}: {} {:?} ({:?})",
                    node.short(),
                    refused.status(),
                    refused.message(),
                    refused.error()
                );
                return (
                    refused.status().code(),
                    ResponseBody::Text(refused.message()),
                );
            }
        };
        // Left to the node by verify_request: is the account in this node's swarm? If not, the
        // server answers 421 with the right swarm's nodes.
        let (_, members) = network.swarm_of(request.account());
        if !members.contains(&node.pubkey()) {
            say!(
                voice,
                "    node {}: verify_request accepted it in {t:?}, but the account is not in its swarm: 421",
                node.short()
            );
            let snodes: Vec<_> = members
                .iter()
                .map(|k| json!({ "pubkey_ed25519": hex::encode(k.0) }))
                .collect();
            return (421, ResponseBody::Json(json!({ "snodes": snodes })));
        }
        say!(
            voice,
            "    swarm node {}: verify_request accepted the {} for {} in {t:?} (200); the account is in its swarm",
            node.short(),
            request.method().name(),
            &request.account().to_hex()[..10],
        );
        match request {
            NodeRequest::Store(r) => {
                let (hash, t) = timed(|| message_hash(&r.account, r.namespace, &r.data));
                let inbox = self.messages.entry((r.account, r.namespace)).or_default();
                let already = inbox.iter().any(|m| m.hash == hash);
                if !already {
                    inbox.push(Stored {
                        hash: hash.clone(),
                        timestamp: r.timestamp,
                        expiry: r.expiry,
                        data: r.data,
                    });
                }
                // The node signs the hash: the client's proof that this node stored it.
                let signature = ed25519::sign(&node.identity, hash.as_bytes());
                say!(
                    voice,
                    "    kept {} in namespace {} under hash {hash} (message_hash in {t:?}); {} message(s) there",
                    if already {
                        "nothing new"
                    } else {
                        "the message"
                    },
                    r.namespace,
                    inbox.len()
                );
                let mine = json!({
                    "hash": hash,
                    "signature": to_base64(signature.as_bytes()),
                    "expiry": r.expiry,
                });
                let answer = json!({
                    "hash": hash,
                    "swarm": { hex::encode(node.keys.ed25519.0): mine },
                    "t": now_ms,
                });
                (200, ResponseBody::Json(answer))
            }
            NodeRequest::Retrieve(r) => {
                let inbox = self
                    .messages
                    .get(&(r.account, r.namespace))
                    .map_or(&[][..], Vec::as_slice);
                // after `last_hash` (all of them when it is unknown or absent, as the server does)
                let start = r
                    .last_hash
                    .as_deref()
                    .and_then(|h| inbox.iter().position(|m| m.hash == h))
                    .map_or(0, |i| i + 1);
                let messages: Vec<_> = inbox[start..]
                    .iter()
                    .map(|m| {
                        json!({
                            "hash": m.hash,
                            "timestamp": m.timestamp,
                            "expiration": m.expiry,
                            "data": to_base64(&m.data),
                        })
                    })
                    .collect();
                say!(
                    voice,
                    "    returned {} message(s) of namespace {}",
                    messages.len(),
                    r.namespace
                );
                let answer = json!({ "messages": messages, "more": false, "t": now_ms });
                (200, ResponseBody::Json(answer))
            }
            other => unreachable!("the tour sends no {:?}", other.method()),
        }
    }
}
