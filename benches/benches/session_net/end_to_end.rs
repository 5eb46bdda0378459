//! The tour's end-to-end chapter (`tour/src/end_to_end/`) as one benchmark iteration: the
//! same public calls, without printing, on a fixed clock (see the table in `session_net.rs`).

use std::collections::BTreeMap;
use std::hint::black_box;

use oxen_onion::node::{Decision, peel_edge, peel_relay};
use oxen_onion::reply::{ResponseBody, SnodeResponse};
use oxen_onion::{Builder, EncType, Hop, NodeKeys};
use oxen_ons::{MappingType, NameHash, Value, validate_ons_name};
use oxen_session::oxen_keys::codec::{from_base64, to_base64};
use oxen_session::{Ed25519SecretKey, SessionId, decrypt_ons_response, ed25519};
use oxen_session_net::envelope::{Unwrapped, unwrap, wrap};
use oxen_session_net::storage::{
    AccountId, Namespace, NodeContext, NodeRequest, Retrieve, Signer, build_request, message_hash,
    verify_request,
};
use oxen_swarm::{
    NodePubkey, SwarmId, SwarmIndex, SwarmMap, UserPubkey, calc_swarm_changes, seed_from_block_hash,
};
use rand_chacha::ChaCha20Rng;
use rand_chacha::rand_core::{Rng as _, SeedableRng};
use serde_json::json;

use super::{Case, END_TO_END, NOW, OURS, TTL_MS, hello, key};

/// Service nodes in the generated network (as the tour).
const NODES: usize = 1000;

/// One service node of the generated network (as the tour's `network.rs`).
struct ServiceNode {
    identity: Ed25519SecretKey,
    keys: NodeKeys,
}

impl ServiceNode {
    fn pubkey(&self) -> NodePubkey {
        NodePubkey(self.keys.ed25519.0)
    }

    fn hop(&self) -> Hop {
        Hop {
            ed25519: self.keys.ed25519,
            x25519: self.keys.x25519.public,
        }
    }
}

/// The service-node list and its swarms.
struct Network {
    nodes: Vec<ServiceNode>,
    map: SwarmMap,
    index: SwarmIndex,
}

impl Network {
    fn generate(rng: &mut ChaCha20Rng) -> Network {
        let mut nodes: Vec<ServiceNode> = (0..NODES)
            .map(|_| {
                let identity = Ed25519SecretKey::generate(rng);
                let keys = NodeKeys {
                    x25519: identity.x25519_key_pair(),
                    ed25519: *identity.public_key(),
                };
                ServiceNode { identity, keys }
            })
            .collect();
        nodes.sort_unstable_by_key(ServiceNode::pubkey);
        let mut map: SwarmMap = nodes
            .iter()
            .map(|node| (SwarmId::UNASSIGNED, node.pubkey()))
            .collect();
        let mut block_hash = [0u8; 32];
        rng.fill_bytes(&mut block_hash);
        calc_swarm_changes(&mut map, seed_from_block_hash(&block_hash)).unwrap();
        let index = SwarmIndex::from_map(&map);
        Network { nodes, map, index }
    }

    fn node(&self, key: &NodePubkey) -> &ServiceNode {
        let i = self
            .nodes
            .binary_search_by_key(key, ServiceNode::pubkey)
            .unwrap();
        &self.nodes[i]
    }

    /// The swarm's members (the storage server's `get_swarm_by_pk`).
    fn members(&self, account: &AccountId) -> &[NodePubkey] {
        let user = UserPubkey::new(account.prefix(), *account.key());
        self.map
            .get(self.index.get_swarm_by_pk(&user).unwrap())
            .unwrap()
    }

    /// Three distinct nodes outside `avoid`.
    fn path(&self, rng: &mut ChaCha20Rng, avoid: &[NodePubkey]) -> [usize; 3] {
        let mut path: Vec<usize> = Vec::with_capacity(3);
        while path.len() < 3 {
            let i = (rng.next_u32() as usize) % self.nodes.len();
            if !avoid.contains(&self.nodes[i].pubkey()) && !path.contains(&i) {
                path.push(i);
            }
        }
        [path[0], path[1], path[2]]
    }
}

/// `payload` through `path` to `dest` and the answer back (the tour's `onion_path`).
fn round_trip(
    network: &Network,
    path: [usize; 3],
    dest: &ServiceNode,
    payload: &[u8],
    rng: &mut ChaCha20Rng,
    rpc: impl FnOnce(&[u8]) -> (u16, ResponseBody),
) -> SnodeResponse {
    let hops = path.map(|i| network.nodes[i].hop());
    let builder = Builder::new(EncType::XChaCha20)
        .path(&hops)
        .snode_destination(dest.hop());
    let (request, reply_key) = builder.build(payload, rng).unwrap();
    let mut decision = peel_edge(&network.nodes[path[0]].keys, request.as_bytes(), rng).unwrap();
    for next in [&network.nodes[path[1]], &network.nodes[path[2]], dest] {
        let Decision::RelayToNode(relay) = decision else {
            panic!("a path node relays")
        };
        decision = peel_relay(&next.keys, &relay.message.to_bytes(), rng).unwrap();
    }
    let Decision::Deliver(delivery) = decision else {
        panic!("a service-node destination")
    };
    let (status, body) = rpc(&delivery.body);
    let reply = delivery.reply(rng, status, &body).unwrap();
    let plain = reply_key.handle_reply(reply.status, &reply.body).unwrap();
    SnodeResponse::from_bytes(&plain).unwrap()
}

/// A message as the swarm keeps it.
struct Stored {
    hash: String,
    timestamp: i64,
    expiry: i64,
    data: Vec<u8>,
}

/// The swarm node's storage RPC (the tour's `swarm_node`, without printing): the verdict, the
/// swarm check, the database, the answer.
fn handle(
    network: &Network,
    node: &ServiceNode,
    db: &mut BTreeMap<(AccountId, Namespace), Vec<Stored>>,
    body: &[u8],
) -> (u16, ResponseBody) {
    let request = verify_request(body, &NodeContext::at(NOW as i64)).unwrap();
    assert!(network.members(request.account()).contains(&node.pubkey()));
    match request {
        NodeRequest::Store(r) => {
            let hash = message_hash(&r.account, r.namespace, &r.data);
            let inbox = db.entry((r.account, r.namespace)).or_default();
            if !inbox.iter().any(|m| m.hash == hash) {
                inbox.push(Stored {
                    hash: hash.clone(),
                    timestamp: r.timestamp,
                    expiry: r.expiry,
                    data: r.data,
                });
            }
            let signature = ed25519::sign(&node.identity, hash.as_bytes());
            let mine = json!({
                "hash": hash,
                "signature": to_base64(signature.as_bytes()),
                "expiry": r.expiry,
            });
            let swarm = json!({ hex::encode(node.keys.ed25519.0): mine });
            let answer = json!({ "hash": hash, "swarm": swarm, "t": NOW });
            (200, ResponseBody::Json(answer))
        }
        NodeRequest::Retrieve(r) => {
            let inbox = db
                .get(&(r.account, r.namespace))
                .map_or(&[][..], Vec::as_slice);
            let messages: Vec<_> = inbox
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
            let answer = json!({ "messages": messages, "more": false, "t": NOW });
            (200, ResponseBody::Json(answer))
        }
        other => panic!("the tour sends no {:?}", other.method()),
    }
}

fn answer_json(body: &ResponseBody) -> serde_json::Value {
    match body {
        ResponseBody::Text(s) => serde_json::from_str(s).unwrap(),
        ResponseBody::Json(v) => v.clone(),
    }
}

/// Everything the trip needs that the network holds before it starts.
struct Trip {
    alice: Ed25519SecretKey,
    bob: Ed25519SecretKey,
    network: Network,
    /// oxend's `ons_resolve` answer (JSON) for Bob's name.
    ons_response: String,
    rng: ChaCha20Rng,
}

const BOB_NAME: &str = "Bob_Oxen";

impl Trip {
    fn new() -> Trip {
        let mut rng = ChaCha20Rng::seed_from_u64(0xe2e);
        let (alice, bob) = (key(0xa1), key(0xb0));
        let name = validate_ons_name(MappingType::Session, BOB_NAME.as_bytes()).unwrap();
        let value =
            Value::Session(oxen_ons::SessionId::from_bytes(&bob.session_id().to_bytes()).unwrap());
        let record = oxen_ons::encrypt(name.as_str(), &value, &mut rng).unwrap();
        let (ct, nonce) = record.as_bytes().split_at(record.len() - 24);
        let ons_response =
            json!({ "encrypted_value": hex::encode(ct), "nonce": hex::encode(nonce) }).to_string();
        let network = Network::generate(&mut rng);
        Trip {
            alice,
            bob,
            network,
            ons_response,
            rng,
        }
    }

    /// One message, end to end; returns what Bob read and from whom.
    fn run(&mut self) -> (String, SessionId) {
        let (network, rng) = (&self.network, &mut self.rng);
        // 1. ONS: the name's hash for the query, the answer opened to Bob's Session ID
        let lower = BOB_NAME.to_lowercase();
        black_box(NameHash::of(&lower).unwrap());
        let answer: serde_json::Value = serde_json::from_str(&self.ons_response).unwrap();
        let ct = hex::decode(answer["encrypted_value"].as_str().unwrap()).unwrap();
        let nonce = hex::decode(answer["nonce"].as_str().unwrap()).unwrap();
        let bob_id = decrypt_ons_response(&lower, &ct, &nonce).unwrap();
        // 2. Bob's swarm
        let bob_account = AccountId::from_session_id(&bob_id);
        let members = network.members(&bob_account);
        // 3. "hello": wrapped, the store for Bob's namespace 0
        let wrapped = wrap(&self.alice, &bob_id, &hello(), rng).unwrap();
        let store = wrapped.to_store(TTL_MS).into();
        let body = build_request(&store, &Signer::Unsigned(bob_account), wrapped.timestamp)
            .unwrap()
            .to_json();
        // 4, 5. three hops to a member, which verifies and keeps it; Alice checks its answer
        let mut db = BTreeMap::new();
        let node = network.node(&members[0]);
        let path = network.path(rng, members);
        let answer = round_trip(network, path, node, body.as_bytes(), rng, |b| {
            handle(network, node, &mut db, b)
        });
        assert_eq!(answer.status, 200);
        let stored = answer_json(&answer.body);
        let hash = stored["hash"].as_str().unwrap().to_owned();
        let mine = &stored["swarm"][hex::encode(node.keys.ed25519.0)];
        let signature = from_base64(mine["signature"].as_str().unwrap().as_bytes()).unwrap();
        let signature = ed25519::Signature::from_bytes(&signature).unwrap();
        ed25519::verify(&signature, &node.keys.ed25519, hash.as_bytes()).unwrap();
        // 6. Bob's signed retrieve through a second path to another member
        let retrieve = Retrieve {
            namespace: Namespace::DEFAULT,
            last_hash: None,
            max_size: None,
        };
        let body = build_request(&retrieve.into(), &Signer::User(&self.bob), NOW)
            .unwrap()
            .to_json();
        let mut avoid = members.to_vec();
        avoid.extend(path.map(|i| network.nodes[i].pubkey()));
        let node = network.node(&members[1 % members.len()]);
        let path = network.path(rng, &avoid);
        let answer = round_trip(network, path, node, body.as_bytes(), rng, |b| {
            handle(network, node, &mut db, b)
        });
        assert_eq!(answer.status, 200);
        let listing = answer_json(&answer.body);
        let message = &listing["messages"][0];
        assert_eq!(message["hash"].as_str(), Some(hash.as_str()));
        let Unwrapped::Received(msg) =
            unwrap(&self.bob, message["data"].as_str().unwrap()).unwrap()
        else {
            panic!("dropped")
        };
        let text = msg
            .content
            .data_message
            .as_ref()
            .and_then(|d| d.body.clone());
        (text.unwrap(), msg.sender)
    }
}

/// The end-to-end trip (ours only: nothing else composes the whole path).
pub(crate) fn end_to_end_case() -> Case {
    let mut trip = Trip::new();
    let alice_id = trip.alice.session_id();
    assert_eq!(trip.run(), ("hello".to_owned(), alice_id));
    let mut c = Case::new(END_TO_END, &[OURS]);
    c.add(OURS, move || trip.run());
    c
}
