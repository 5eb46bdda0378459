//! Tour section: one message, end to end. Alice knows only Bob's ONS name. The ONS answer
//! (built as the network keeps it, with `oxen-ons`) opens to Bob's Session ID
//! (`oxen-session`); `oxen-swarm` finds Bob's swarm in a generated service-node list whose
//! nodes have real keys; Alice's "hello" becomes a `Content`, padded, sealed and wrapped as the
//! client stores it, then a `store` request (`oxen-session-net`); it travels through three
//! onion hops (`oxen-onion`, every node peeling its layer) to a node of Bob's swarm, which
//! gives the storage server's verdict and keeps it; Bob signs a `retrieve`, gets the message
//! back through a second path, unwraps it, opens it and knows it is from Alice. Then a
//! community (`community`): Bob posts under his blinded id, authenticated with the `X-SOGS-*`
//! headers and carried as a v4 onion request; the server checks it; Alice reads the post and
//! recognises Bob.
//!
//! Nothing of our own code is mocked: every key is real, every byte is what the crates build
//! and check. The simulation is the network itself (nodes are function calls), the swarm's
//! database (`swarm_node`) and the community server's (`community`).

mod community;
pub mod network;
pub mod onion_path;
pub mod swarm_node;

use std::time::{SystemTime, UNIX_EPOCH};

use oxen_onion::reply::ResponseBody;
use oxen_ons::{MappingType, NameHash, Value, validate_ons_name};
use oxen_session::one_to_one::ENCRYPTED_OVERHEAD;
use oxen_session::oxen_keys::codec::from_base64;
use oxen_session::recovery::new_account;
use oxen_session::{Ed25519SecretKey, Error, SessionId, decrypt_ons_response, ed25519};
use oxen_session_net::envelope::{Received, Unwrapped, unwrap, wrap};
use oxen_session_net::padding::pad;
use oxen_session_net::proto::{Content, DataMessage, LokiProfile, encode};
use oxen_session_net::storage::{
    AccountId, Namespace, Retrieve, Signer, build_request, message_hash,
};
use oxen_swarm::NodePubkey;
use rand::CryptoRng;
use serde_json::json;

use crate::{Voice, timed};
use network::{Network, ServiceNode};
use swarm_node::SwarmStore;

/// What Alice was told: Bob's ONS name (as he wrote it; ONS names are lower case on chain).
const BOB_NAME: &str = "Bob_Oxen";
/// Service nodes in the generated list.
const NODES: usize = 1000;
/// A one-to-one message lives 14 days (the longest a public inbox allows).
const TTL_MS: u64 = 14 * 24 * 3600 * 1000;

/// The network time in milliseconds (the clients' `sigTimestamp`, the nodes' clock).
fn now_ms() -> u64 {
    let t = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
    u64::try_from(t.as_millis()).unwrap()
}

/// A storage answer's JSON (a node's JSON body arrives dumped into a string unless the request
/// asked for `"json": true`).
fn answer_json(body: &ResponseBody) -> serde_json::Value {
    match body {
        ResponseBody::Text(s) => serde_json::from_str(s).unwrap(),
        ResponseBody::Json(v) => v.clone(),
    }
}

/// What the network holds before Alice's message: the two accounts, Bob's ONS record as
/// oxend answers `ons_resolve` for it, and the generated service-node list with its swarms.
pub struct World {
    /// Alice's Ed25519 key (her Session ID is derived from it).
    pub alice: Ed25519SecretKey,
    /// Bob's.
    pub bob: Ed25519SecretKey,
    /// oxend's `ons_resolve` answer for Bob's name (JSON: `encrypted_value` and `nonce`, hex).
    pub ons_response: String,
    /// The service nodes and their swarms.
    pub network: Network,
}

impl World {
    /// Two new accounts, Bob's name registered with his Session ID (encrypted under the name,
    /// as the chain keeps it), and `NODES` service nodes assigned to swarms.
    pub fn generate<R: CryptoRng + ?Sized>(rng: &mut R, voice: Voice) -> World {
        let ((alice, _), t) = timed(|| new_account(rng));
        let (bob, _) = new_account(rng);
        say!(
            voice,
            "  new accounts (Alice's in {t:?}): Alice {}…, Bob {}…",
            &alice.session_id().to_hex()[..12],
            &bob.session_id().to_hex()[..12]
        );
        // Bob registered his name with his Session ID, encrypted under the name.
        let name = validate_ons_name(MappingType::Session, BOB_NAME.as_bytes()).unwrap();
        let value =
            Value::Session(oxen_ons::SessionId::from_bytes(&bob.session_id().to_bytes()).unwrap());
        let record = oxen_ons::encrypt(name.as_str(), &value, rng).unwrap();
        assert_eq!(record.len(), 73);
        // oxend's `ons_resolve` answers with the ciphertext (and tag) and the nonce apart.
        let (ct, nonce) = record.as_bytes().split_at(record.len() - 24);
        let ons_response =
            json!({ "encrypted_value": hex::encode(ct), "nonce": hex::encode(nonce) }).to_string();
        say!(
            voice,
            "  Bob registered ONS name {BOB_NAME:?} for his Session ID ({}-byte record on chain)",
            record.len()
        );
        let (network, t) = timed(|| Network::generate(NODES, rng));
        say!(
            voice,
            "  {NODES} service nodes (Ed25519 identity, X25519 derived from it) assigned to {} swarms by calc_swarm_changes in {t:?}",
            network.map.len()
        );
        World {
            alice,
            bob,
            ons_response,
            network,
        }
    }
}

/// What the trip ended with.
pub struct Delivered {
    /// Bob's Session ID as the ONS answer gave it to Alice.
    pub bob_id: SessionId,
    /// The message as Bob unwrapped it: content, sender, timestamp.
    pub message: Box<Received>,
    /// The hash the swarm stored it under (Alice computed the same).
    pub hash: String,
    /// The swarm member Bob retrieved it from.
    pub node: NodePubkey,
}

/// Runs this section of the tour.
pub fn run() {
    println!("\n== end to end: Alice knows only Bob's ONS name; one \"hello\" through every crate");
    let mut rng = rand::rng();
    let world = World::generate(&mut rng, Voice::LOUD);
    let mut swarm_db = SwarmStore::default();
    let (delivered, t) = timed(|| trip(&world, &mut swarm_db, &mut rng, Voice::LOUD));
    println!(
        "  end to end, from the ONS answer to Bob reading \"hello\" (the accounts and the network's generation left out, printing included): {t:?}"
    );
    let node = world.network.node(&delivered.node);
    afterwards(&world, &mut swarm_db, node, &delivered.hash);

    // 7. A community post by Bob, read by Alice.
    let (_, t) = timed(|| community::run(&world.bob, &delivered.bob_id, &world.network, &mut rng));
    println!("  the community step in {t:?}");
}

/// Steps 1 to 6, the trip `benches/` times (with [`Voice::QUIET`]): Alice opens the ONS answer
/// to Bob's Session ID, finds his swarm, sends "hello" through an onion path to a member that
/// verifies and keeps it (in `swarm_db`), and Bob retrieves it through a second path, unwraps
/// and opens it, and knows it is from Alice. Every step asserts its result; `swarm_db` starts
/// empty (Bob's inbox then holds exactly Alice's message).
pub fn trip<R: CryptoRng + ?Sized>(
    world: &World,
    swarm_db: &mut SwarmStore,
    rng: &mut R,
    voice: Voice,
) -> Delivered {
    let World {
        alice,
        bob,
        network,
        ..
    } = world;
    let bob_id = ons_lookup(&world.ons_response, bob, voice);
    let bob_account = AccountId::from_session_id(&bob_id);

    // 2. Bob's swarm.
    say!(voice, "  2. Bob's swarm");
    let ((swarm, members), t) = timed(|| network.swarm_of(&bob_account));
    assert!(members.len() >= oxen_swarm::rules::MIN_SWARM_SIZE);
    say!(
        voice,
        "    Bob's Session ID -> swarm {swarm} ({} members: {}) in {t:?}",
        members.len(),
        members
            .iter()
            .map(|k| network.node(k).short())
            .collect::<Vec<_>>()
            .join(" ")
    );

    // 3, 4, 5. Alice's message, stored by a member of Bob's swarm.
    let (store_body, data) = compose(alice, &bob_id, rng, voice);
    let (hash, first_path) = store(network, swarm_db, members, &store_body, rng, voice);
    assert_eq!(hash, message_hash(&bob_account, Namespace::DEFAULT, &data));
    assert_eq!(swarm_db.count(&bob_account, Namespace::DEFAULT), 1);

    // 6. Bob reads his inbox through a second path, from another member of his swarm.
    let mut avoid = members.to_vec();
    avoid.extend(first_path);
    let node = network.node(&members[1 % members.len()]);
    let (seen, seen_hash) = retrieve(bob, network, swarm_db, node, &avoid, rng, voice);
    assert_eq!(seen_hash, hash);
    let Unwrapped::Received(msg) = seen else {
        panic!("dropped: {seen:?}")
    };
    let message = msg.content.data_message.as_ref();
    let body = message.and_then(|d| d.body.as_deref());
    let name = message
        .and_then(|d| d.profile.as_ref())
        .and_then(|p| p.display_name.as_deref());
    assert_eq!(msg.sender, alice.session_id());
    assert_eq!(msg.sender_ed25519, *alice.public_key());
    assert!(msg.sig_timestamp_matches());
    assert_eq!((body, name), (Some("hello"), Some("Alice")));
    say!(
        voice,
        "    Bob reads {:?} from {:?}, Session ID {}\n    (the sender is the key that signed the message, verified: Alice's; sent at {} ms)",
        body.unwrap(),
        name.unwrap(),
        msg.sender,
        msg.timestamp
    );
    Delivered {
        bob_id,
        message: msg,
        hash,
        node: node.pubkey(),
    }
}

/// 1. The ONS lookup: Alice lower-cases the name she was told, asks by its hash and opens
///    oxend's answer to Bob's Session ID (another name cannot open it).
fn ons_lookup(response: &str, bob: &Ed25519SecretKey, voice: Voice) -> SessionId {
    say!(voice, "  1. ONS: {BOB_NAME:?} -> Bob's Session ID");
    let lower = BOB_NAME.to_lowercase();
    let (name_hash, t) = timed(|| NameHash::of(&lower).unwrap());
    say!(
        voice,
        "    Alice asks ons_resolve for name_hash {} (BLAKE2b of {lower:?}, {t:?})",
        name_hash.to_base64()
    );
    let answer: serde_json::Value = serde_json::from_str(response).unwrap();
    let ct = hex::decode(answer["encrypted_value"].as_str().unwrap()).unwrap();
    let nonce = hex::decode(answer["nonce"].as_str().unwrap()).unwrap();
    let (id, t) = timed(|| decrypt_ons_response(&lower, &ct, &nonce));
    let id = id.unwrap();
    assert_eq!(id, bob.session_id());
    assert_eq!(
        decrypt_ons_response("bob_oxen2", &ct, &nonce),
        Err(Error::DecryptionFailed)
    );
    say!(
        voice,
        "    the answer ({} bytes JSON: {}-byte ciphertext, 24-byte nonce) opens to {id} in {t:?}; another name cannot open it",
        response.len(),
        ct.len()
    );
    id
}

/// 3. Alice's "hello": a `Content` as the client sends it, padded, sealed, wrapped, and the
///    `store` request for Bob's inbox. Returns the request body and the stored bytes.
fn compose<R: CryptoRng + ?Sized>(
    alice: &Ed25519SecretKey,
    bob_id: &SessionId,
    rng: &mut R,
    voice: Voice,
) -> (String, Vec<u8>) {
    say!(voice, "  3. Alice's \"hello\" as the client sends it");
    let sent_at = now_ms();
    let content = Content {
        data_message: Some(DataMessage {
            body: Some("hello".into()),
            profile: Some(LokiProfile {
                display_name: Some("Alice".into()),
                ..Default::default()
            }),
            ..Default::default()
        }),
        sig_timestamp: Some(sent_at),
        ..Default::default()
    };
    let encoded = encode(&content);
    let padded = pad(&encoded).len();
    let (wrapped, t) = timed(|| wrap(alice, bob_id, &content, rng).unwrap());
    assert_eq!(wrapped.timestamp, sent_at);
    // the store request carries the WebSocketMessage's bytes, base64 in the JSON
    let store = wrapped.to_store(TTL_MS);
    let data = store.data.clone();
    say!(
        voice,
        "    Content {} B -> padded {padded} B -> sealed {} B (+{ENCRYPTED_OVERHEAD}: E, tag, Alice's key, signature) -> Envelope in a WebSocketMessage {} B -> data {} base64 chars, in {t:?}",
        encoded.len(),
        padded + ENCRYPTED_OVERHEAD,
        data.len(),
        wrapped.data.len()
    );
    let account = AccountId::from_session_id(bob_id);
    let (request, t) = timed(|| {
        build_request(&store.into(), &Signer::Unsigned(account), wrapped.timestamp).unwrap()
    });
    let body = request.to_json();
    assert!(body.contains(&format!("\"data\":\"{}\"", wrapped.data)));
    say!(
        voice,
        "    store request for Bob's namespace 0: {} B of JSON in {t:?} (a public inbox: the client signs no store to someone else's namespace 0, and the node asks for none)",
        body.len()
    );
    (body, data)
}

/// 4, 5. The store request through an onion path (three random nodes outside Bob's swarm) to
///    the first member of his swarm, which verifies it and keeps the message; Alice checks
///    the answer: the hash, signed by the node. Returns the hash and the path's nodes.
fn store<R: CryptoRng + ?Sized>(
    network: &Network,
    swarm_db: &mut SwarmStore,
    members: &[NodePubkey],
    store_body: &str,
    rng: &mut R,
    voice: Voice,
) -> (String, [NodePubkey; 3]) {
    say!(
        voice,
        "  4, 5. through three onion hops to a node of Bob's swarm, which verifies and keeps it"
    );
    let node = network.node(&members[0]);
    let path = network.random_path(rng, members);
    let answer = onion_path::round_trip(path, node, store_body.as_bytes(), rng, voice, |body| {
        swarm_db.handle(node, network, body, now_ms() as i64, voice)
    });
    assert_eq!(answer.status, 200);
    let stored = answer_json(&answer.body);
    let hash = stored["hash"].as_str().unwrap().to_owned();
    let mine = &stored["swarm"][hex::encode(node.keys.ed25519.0)];
    assert_eq!(mine["hash"], hash.as_str());
    let signature = from_base64(mine["signature"].as_str().unwrap().as_bytes()).unwrap();
    let signature = ed25519::Signature::from_bytes(&signature).unwrap();
    let (verified, t) = timed(|| ed25519::verify(&signature, &node.keys.ed25519, hash.as_bytes()));
    verified.unwrap();
    say!(
        voice,
        "    Alice: stored under {hash} (the hash she computes herself), signed by swarm node {} (verified in {t:?})",
        node.short()
    );
    (hash, path.map(ServiceNode::pubkey))
}

/// 6. Bob signs a `retrieve` of namespace 0, sends it through a second path (none of the
///    first path's nodes) to another member of his swarm, and unwraps what comes back.
fn retrieve<R: CryptoRng + ?Sized>(
    bob: &Ed25519SecretKey,
    network: &Network,
    swarm_db: &mut SwarmStore,
    node: &ServiceNode,
    avoid: &[NodePubkey],
    rng: &mut R,
    voice: Voice,
) -> (Unwrapped, String) {
    say!(
        voice,
        "  6. Bob retrieves his namespace 0 through a second path"
    );
    let request = Retrieve {
        namespace: Namespace::DEFAULT,
        last_hash: None,
        max_size: None,
    };
    let (request, t) =
        timed(|| build_request(&request.into(), &Signer::User(bob), now_ms()).unwrap());
    let body = request.to_json();
    say!(
        voice,
        "    retrieve signed by Bob (\"retrieve\" ‖ timestamp: namespace 0 is written as nothing; his Ed25519 key): {} B of JSON in {t:?}",
        body.len()
    );
    let path = network.random_path(rng, avoid);
    let answer = onion_path::round_trip(path, node, body.as_bytes(), rng, voice, |body| {
        swarm_db.handle(node, network, body, now_ms() as i64, voice)
    });
    assert_eq!(answer.status, 200);
    let listing = answer_json(&answer.body);
    let messages = listing["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 1);
    assert_eq!(listing["more"], false);
    let hash = messages[0]["hash"].as_str().unwrap().to_owned();
    let data = messages[0]["data"].as_str().unwrap();
    let (message, t) = timed(|| unwrap(bob, data).unwrap());
    say!(
        voice,
        "    Bob unwrapped the {}-char data in {t:?}: base64, WebSocketMessage, Envelope, sealed box opened, signature verified, unpadded, Content decoded",
        data.len()
    );

    (message, hash)
}

/// After the message: Bob asks again after the last hash he has seen (nothing new), and Alice
/// tries to read Bob's inbox (refused). Both straight to the node, without a path.
fn afterwards(world: &World, swarm_db: &mut SwarmStore, node: &ServiceNode, last_hash: &str) {
    let World {
        alice,
        bob,
        network,
        ..
    } = world;
    // a request body straight to `at`, at the network's clock, its verdict printed
    let mut ask = |at: &ServiceNode, body: &str| {
        swarm_db.handle(at, network, body.as_bytes(), now_ms() as i64, Voice::LOUD)
    };
    println!("  afterwards, straight to the nodes (no path):");
    println!("    Bob asks again, after the last hash he has seen");
    let again = Retrieve {
        namespace: Namespace::DEFAULT,
        last_hash: Some(last_hash.to_owned()),
        max_size: None,
    };
    let again = build_request(&again.into(), &Signer::User(bob), now_ms())
        .unwrap()
        .to_json();
    let (status, body) = ask(node, &again);
    assert_eq!(status, 200);
    assert_eq!(answer_json(&body)["messages"], json!([]));

    // Her signature does not speak for his account.
    println!("    Alice asks for Bob's inbox: his pubkey, her pubkey_ed25519 and signature");
    let forged = build_request(&Retrieve::default().into(), &Signer::User(alice), now_ms())
        .unwrap()
        .to_json()
        .replace(&alice.session_id().to_hex(), &bob.session_id().to_hex());
    let (status, _) = ask(node, &forged);
    assert_eq!(status, 401);

    // A node outside Bob's swarm sends him to the right one.
    println!("    Bob asks a node outside his swarm");
    let (_, members) = network.swarm_of(&AccountId::from_session_id(&bob.session_id()));
    let stranger = network.random_path(&mut rand::rng(), members)[0];
    let (status, body) = ask(stranger, &again);
    assert_eq!(status, 421);
    assert_eq!(
        answer_json(&body)["snodes"].as_array().unwrap().len(),
        members.len()
    );
}
