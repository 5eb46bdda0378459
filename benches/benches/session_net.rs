//! Benchmarks for oxen-session-net (issue 20), each beside its **floor**: the cryptography the
//! operation cannot avoid, with oxen-session in the same build.
//!
//! | operation | ours | floor |
//! |---|---|---|
//! | `net_verify_user` | `storage::verify_request` of a `retrieve` signed by a `05` user, from its JSON body (parse, checks, `pubkey_ed25519` → account, signature) | `oxen_session::ed25519::verify` of the same signature over the same signed string (`retrieve` ‖ timestamp) under the same key bytes: one Ed25519 verification, key decompression included |
//! | `net_verify_user/key_check` | the `pubkey_ed25519` check alone (`ed_to_x`): where the user's extra time goes | |
//! | `net_verify_group` | the same for a `03` group admin | the same floor |
//! | `net_verify_member` | the same for a group member (subaccount token) | the same floor (one verification: the member's request needs two by design) |
//! | `net_verify_store_user` | a `05` user's signed `store` of 1 KiB in its own namespace 2 | the same floor over `store` ‖ namespace ‖ timestamp |
//! | `net_wrap` | `envelope::wrap` of the tour's "hello" `Content` (encode, pad, seal, `Envelope`, `WebSocketMessage`, base64) | `encrypt_for_recipient` of the padded encoded content (the sealing alone) |
//! | `net_unwrap` | `envelope::unwrap` of the `data` (base64, both protobufs, open, verify, the sender's Session ID, unpad, decode) with the X25519 pair | `decrypt_incoming_session_id` of the sealed bytes with the X25519 pair: the sealed box, the signature and the sender's Session ID (`ed_to_x` of its key, libsodium's subgroup check), what libsession's receiver calls |
//! | `net_unwrap/decrypt_incoming` | `decrypt_incoming` alone (no Session ID): how much of ours the sender's Session ID is | |
//! | `net_end_to_end` | the tour's end-to-end chapter as one trip (below) | — |
//!
//! `net_end_to_end/oxen` is the tour's own trip (`oxen_tour::end_to_end::trip`, the library
//! half of `tour/`, run without printing): Alice decrypts the ONS answer to Bob's Session ID
//! (`decrypt_ons_response`, and checks another name cannot open it), finds his swarm among
//! 1,000 generated service nodes (`SwarmIndex::get_swarm_by_pk`), wraps "hello", builds the
//! unsigned `store` for his namespace 0, sends it through three onion hops (xchacha20:
//! `Builder::build`, `peel_edge`, two `peel_relay`, the destination's `peel_relay`); the swarm
//! node gives `verify_request`'s verdict, checks the account is in its swarm, files the message
//! under `message_hash`, signs the hash and answers through the encrypted reply; Alice decrypts
//! it and verifies the node's signature. Bob signs a `retrieve`, sends it through a second path
//! to another member, which verifies it and lists the message; Bob decrypts the reply, unwraps
//! the message and checks its sender. One iteration is one full message trip (the accounts and
//! the network's generation are setup).
//!
//! The report's criterion pass times ours of `net_verify_user`, `net_wrap`, `net_unwrap` and
//! `net_end_to_end` (its budget); `OXEN_SESSION_NET_ALL=1` times every implementation of every
//! case. The paired ratios (`src/pairs/session_net.rs`) use these very closures ([`pair_cases`]).
//!
//! Run: `cargo bench -p oxen-benches --bench session_net -- --warm-up-time 1 --measurement-time 3`.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "session_net/end_to_end.rs"]
mod end_to_end;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use oxen_benches::harness::iter;
pub(crate) use oxen_benches::report::{FLOOR, OURS};
use oxen_session::oxen_keys::codec::to_base64;
use oxen_session::subaccount::{Flags, make_subaccount};
use oxen_session::{
    Ed25519SecretKey, GroupId, Seed, X25519SecretKey, decrypt_incoming,
    decrypt_incoming_session_id, ed_to_x, ed25519, encrypt_for_recipient,
    encrypt_for_recipient_with,
};
use oxen_session_net::envelope::{Unwrapped, unwrap, wrap, wrap_with};
use oxen_session_net::padding::pad;
use oxen_session_net::proto::{Content, DataMessage, LokiProfile, encode};
use oxen_session_net::storage::{
    Namespace, NodeContext, Request, Retrieve, Signer, Store, build_request, signed, verify_request,
};
use rand_chacha::ChaCha20Rng;
use rand_chacha::rand_core::SeedableRng;

/// Node-side verification of a `05` user's signed `retrieve`.
pub(crate) const VERIFY_USER: &str = "net_verify_user";
/// The same for a `03` group admin.
pub(crate) const VERIFY_GROUP: &str = "net_verify_group";
/// The same for a group member through its subaccount.
pub(crate) const VERIFY_MEMBER: &str = "net_verify_member";
/// The implementation of [`VERIFY_USER`] that runs only the `pubkey_ed25519` check
/// (`oxen_session::ed_to_x`: libsodium's `crypto_sign_ed25519_pk_to_curve25519`).
pub(crate) const KEY_CHECK: &str = "key_check";
/// A `05` user's signed `store` of 1 KiB.
pub(crate) const VERIFY_STORE_USER: &str = "net_verify_store_user";
/// `envelope::wrap`.
pub(crate) const WRAP: &str = "net_wrap";
/// `envelope::unwrap`.
pub(crate) const UNWRAP: &str = "net_unwrap";
/// The implementation of [`UNWRAP`] that opens the sealed box and checks the signature without
/// the sender's Session ID (`decrypt_incoming`).
pub(crate) const SEALED_BOX: &str = "decrypt_incoming";
/// The tour's end-to-end trip.
pub(crate) const END_TO_END: &str = "net_end_to_end";

/// The node's clock and every client's timestamp (ms): fixed, so every iteration is the same.
const NOW: u64 = 1_729_993_000_455;
/// A one-to-one message lives 14 days.
const TTL_MS: u64 = 14 * 24 * 3600 * 1000;

/// A timed body.
pub(crate) type Body = Box<dyn FnMut()>;

/// One operation: every implementation of it.
pub(crate) struct Case {
    pub(crate) op: &'static str,
    pub(crate) imps: Vec<(&'static str, Body)>,
    /// The implementations the report's criterion pass times.
    pub(crate) in_criterion: &'static [&'static str],
}

impl Case {
    fn new(op: &'static str, in_criterion: &'static [&'static str]) -> Case {
        Case {
            op,
            imps: Vec::new(),
            in_criterion,
        }
    }

    /// Adds an implementation; its result is passed through `black_box`.
    fn add<O>(&mut self, imp: &'static str, mut f: impl FnMut() -> O + 'static) {
        self.imps.push((
            imp,
            Box::new(move || {
                black_box(f());
            }),
        ));
    }
}

fn key(b: u8) -> Ed25519SecretKey {
    Ed25519SecretKey::from_seed(Seed::from_array([b; 32]))
}

/// The tour's "hello" from Alice, at `NOW`.
fn hello() -> Content {
    Content {
        data_message: Some(DataMessage {
            body: Some("hello".into()),
            profile: Some(LokiProfile {
                display_name: Some("Alice".into()),
                ..Default::default()
            }),
            ..Default::default()
        }),
        sig_timestamp: Some(NOW),
        ..Default::default()
    }
}

/// A verification case: ours from the request's body, the floor one Ed25519 verification of
/// the same signature over the same signed string under `signer_key`.
fn verify_case(
    op: &'static str,
    in_criterion: &'static [&'static str],
    request: &Request,
    signer: &Signer<'_>,
    signer_key: &Ed25519SecretKey,
    signed_string: Vec<u8>,
) -> Case {
    let body = build_request(request, signer, NOW).unwrap().to_json();
    let node = NodeContext::at(NOW as i64);
    assert!(
        verify_request(body.as_bytes(), &node).is_ok(),
        "{op}: {body}"
    );
    let signature = ed25519::sign(signer_key, &signed_string);
    if !matches!(signer, Signer::GroupMember { .. }) {
        // the floor checks the very signature the request carries
        let sig_b64 = to_base64(signature.as_bytes());
        assert!(body.contains(&sig_b64), "{op}: {body}");
    }
    let public = *signer_key.public_key();
    let mut c = Case::new(op, in_criterion);
    c.add(OURS, move || {
        verify_request(black_box(body.as_bytes()), &node).unwrap();
    });
    c.add(FLOOR, move || {
        ed25519::verify(&signature, black_box(&public), black_box(&signed_string)).unwrap();
    });
    c
}

/// Node-side verification: `05` user, `03` group admin, group member (`retrieve`), and a
/// `05` user's `store`.
fn verify_cases() -> Vec<Case> {
    let (user, group, member) = (key(1), key(2), key(3));
    let value = make_subaccount(&group, &member.session_id(), Flags::member(true, true)).unwrap();
    let retrieve: Request = Retrieve::default().into();
    let retrieve_signed = signed::retrieve(Namespace::DEFAULT, NOW as i64);
    let mut v = vec![
        verify_case(
            VERIFY_USER,
            &[OURS],
            &retrieve,
            &Signer::User(&user),
            &user,
            retrieve_signed.clone(),
        ),
        verify_case(
            VERIFY_GROUP,
            &[],
            &retrieve,
            &Signer::GroupAdmin(&group),
            &group,
            retrieve_signed.clone(),
        ),
    ];
    // the part of the user's check a group's does not have: `pubkey_ed25519` converted to the
    // account's X25519 key with libsodium's rules (a profile of ours, not a floor)
    let user_ed = *user.public_key();
    v[0].add(KEY_CHECK, move || ed_to_x(black_box(&user_ed)).unwrap());
    // the member signs with its subaccount key (the token's); the floor verifies one
    // signature of the same length under the member's own key
    let member_signer = Signer::GroupMember {
        group: GroupId::from_ed25519(*group.public_key()),
        member: &member,
        signing_value: &value,
    };
    v.push(verify_case(
        VERIFY_MEMBER,
        &[],
        &retrieve,
        &member_signer,
        &member,
        retrieve_signed,
    ));
    let store: Request = Store {
        namespace: Namespace::USER_PROFILE,
        ttl_ms: TTL_MS,
        data: vec![0x5a; 1024],
    }
    .into();
    v.push(verify_case(
        VERIFY_STORE_USER,
        &[],
        &store,
        &Signer::User(&user),
        &user,
        signed::store(Namespace::USER_PROFILE, NOW as i64),
    ));
    v
}

/// Wrapping beside the sealing alone, unwrapping beside the opening alone.
fn envelope_cases() -> Vec<Case> {
    let (alice, bob) = (key(0xa1), key(0xb0));
    let bob_id = bob.session_id();
    let bob_pair = bob.x25519_key_pair();
    let content = hello();
    let padded = pad(&encode(&content));
    let mut rng = ChaCha20Rng::seed_from_u64(0x5e55);
    // the wrapped message and the sealed bytes inside it (same ephemeral key)
    let ephemeral = X25519SecretKey::random(&mut rng);
    let wrapped = wrap_with(&alice, &bob_id, &content, &ephemeral).unwrap();
    let sealed = encrypt_for_recipient_with(&alice, &bob_id, &padded, &ephemeral).unwrap();
    assert!(
        wrapped
            .message_bytes()
            .windows(sealed.len())
            .any(|w| w == &sealed[..])
    );
    let Unwrapped::Received(got) = unwrap(&bob_pair, &wrapped.data).unwrap() else {
        panic!("dropped")
    };
    assert_eq!((&*got.content, got.sender), (&content, alice.session_id()));

    let mut w = Case::new(WRAP, &[OURS]);
    {
        let (alice, content) = (alice.clone(), content.clone());
        let mut rng = ChaCha20Rng::seed_from_u64(1);
        w.add(OURS, move || {
            wrap(&alice, black_box(&bob_id), black_box(&content), &mut rng).unwrap()
        });
    }
    {
        let mut rng = ChaCha20Rng::seed_from_u64(1);
        w.add(FLOOR, move || {
            encrypt_for_recipient(&alice, black_box(&bob_id), black_box(&padded), &mut rng).unwrap()
        });
    }
    let mut u = Case::new(UNWRAP, &[OURS]);
    {
        let (pair, data) = (bob_pair.clone(), wrapped.data);
        u.add(OURS, move || unwrap(&pair, black_box(&data)).unwrap());
    }
    {
        let (pair, sealed) = (bob_pair.clone(), sealed.clone());
        u.add(FLOOR, move || {
            decrypt_incoming_session_id(&pair, black_box(&sealed)).unwrap()
        });
    }
    u.add(SEALED_BOX, move || {
        decrypt_incoming(&bob_pair, black_box(&sealed)).unwrap()
    });
    vec![w, u]
}

/// The cases with a floor (the paired ratios).
pub(crate) fn pair_cases() -> Vec<Case> {
    let mut v = verify_cases();
    v.extend(envelope_cases());
    v
}

/// Every case, in report order.
pub(crate) fn cases() -> Vec<Case> {
    let mut v = pair_cases();
    v.push(end_to_end::end_to_end_case());
    v
}

/// Whether the criterion pass times `imp`: in the memory build ours where the case's list has
/// it (floors allocate little and are not the report's concern); in the timing build the
/// case's list, or every implementation with `OXEN_SESSION_NET_ALL=1`.
fn timed(in_criterion: &[&str], imp: &str) -> bool {
    if cfg!(feature = "memory") {
        return imp == OURS && in_criterion.contains(&imp);
    }
    std::env::var_os("OXEN_SESSION_NET_ALL").is_some_and(|v| v == "1")
        || in_criterion.contains(&imp)
}

fn benches(c: &mut Criterion) {
    for mut k in cases() {
        let in_criterion = k.in_criterion;
        k.imps.retain(|(imp, _)| timed(in_criterion, imp));
        if k.imps.is_empty() {
            continue;
        }
        let mut g = c.benchmark_group(k.op);
        for (imp, f) in &mut k.imps {
            g.bench_function(*imp, |b| iter(b, &mut *f));
        }
        g.finish();
    }
}

criterion_group! {
    name = group;
    config = oxen_benches::harness::config();
    targets = benches
}
criterion_main!(group);
