//! One test per endpoint (built and signed by our client for every signer that may use it,
//! accepted by our node, parsed back to the same request) and one per verdict kind (every
//! status the node answers with, and the reply text).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use oxen_session::subaccount::{Flags, SigningValue, make_subaccount, subaccount_token};
use oxen_session::{Ed25519SecretKey, GroupId, Seed};
use oxen_session_net::Error;
use oxen_session_net::storage::*;

const NOW: i64 = 1_729_993_000_455;

struct Keys {
    user: Ed25519SecretKey,
    group: Ed25519SecretKey,
    member: Ed25519SecretKey,
    value: SigningValue,
}

fn keys() -> Keys {
    let user = Ed25519SecretKey::from_seed(Seed::from_array([1; 32]));
    let group = Ed25519SecretKey::from_seed(Seed::from_array([2; 32]));
    let member = Ed25519SecretKey::from_seed(Seed::from_array([3; 32]));
    let value = make_subaccount(&group, &member.session_id(), Flags::member(true, true)).unwrap();
    Keys {
        user,
        group,
        member,
        value,
    }
}

fn signers(k: &Keys) -> Vec<Signer<'_>> {
    vec![
        Signer::User(&k.user),
        Signer::GroupAdmin(&k.group),
        Signer::GroupMember {
            group: GroupId::from_ed25519(*k.group.public_key()),
            member: &k.member,
            signing_value: &k.value,
        },
    ]
}

const HASH1: &str = "mPlXV9nmhD0F4Aifg8mTzeSDzioJ2DKptcYDas5WFTY";
const HASH2: &str = "MOcby9WUlWgDB+Wd5kdWqcEoVNq6kPXfMQ4mt8c3Zf4";

fn hashes() -> Vec<String> {
    vec![HASH1.to_owned(), HASH2.to_owned()]
}

/// Builds with `signer`, verifies at `NOW`, and returns the accepted request's method and
/// account.
fn round_trip(request: &Request, signer: &Signer<'_>) -> (Method, AccountId) {
    let built = build_request(request, signer, NOW as u64).unwrap();
    assert_eq!(built.method(), request.method());
    let body = built.to_json();
    let accepted = verify_request(body.as_bytes(), &NodeContext::at(NOW)).unwrap_or_else(|r| {
        panic!(
            "{:?} by {signer:?}: {r} ({:?})\n{body}",
            request.method(),
            r.error()
        )
    });
    assert_eq!(accepted.account(), &signer.account());
    assert_eq!(accepted.account(), built.account());
    (accepted.method(), *accepted.account())
}

#[test]
fn store() {
    let k = keys();
    for (signer, ns) in signers(&k).iter().zip([2, 11, 11]) {
        let r = Store {
            namespace: Namespace(ns),
            ttl_ms: 86_400_000,
            data: b"hello".to_vec(),
        };
        round_trip(&r.into(), signer);
    }
    // unsigned, to someone else's public inbox
    let to = AccountId::from_session_id(&k.user.session_id());
    let r = Store {
        namespace: Namespace::DEFAULT,
        ttl_ms: 1_209_600_000,
        data: vec![7; 100],
    };
    let built = build_request(&r.clone().into(), &Signer::Unsigned(to), NOW as u64).unwrap();
    match verify_request(built.to_json().as_bytes(), &NodeContext::at(NOW)).unwrap() {
        NodeRequest::Store(s) => {
            assert_eq!(
                (s.data, s.credentials, s.expiry),
                (r.data, None, NOW + 1_209_600_000)
            );
        }
        other => panic!("{other:?}"),
    }
}

/// A wrapped one-to-one message goes to the recipient's namespace 0 as `WrappedMessage::to_store`
/// makes it: the node accepts it unsigned, stores the wrapped bytes, and what a `retrieve`
/// returns (their base64, `data` again) unwraps to the content.
#[test]
fn a_wrapped_message_is_stored_as_to_store_makes_it() {
    use oxen_session_net::envelope::{Unwrapped, unwrap, wrap};
    use oxen_session_net::oxen_session::oxen_keys::codec::to_base64;
    use oxen_session_net::proto::{Content, DataMessage};
    use rand::SeedableRng;

    let k = keys();
    let content = Content {
        data_message: Some(DataMessage {
            body: Some("hello".into()),
            ..Default::default()
        }),
        sig_timestamp: Some(NOW as u64),
        ..Default::default()
    };
    let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(5);
    let to = k.member.session_id();
    let wrapped = wrap(&k.user, &to, &content, &mut rng).unwrap();
    let store = wrapped.to_store(1_209_600_000);
    assert_eq!(
        (store.namespace, store.ttl_ms, &store.data[..]),
        (Namespace::DEFAULT, 1_209_600_000, wrapped.message_bytes())
    );
    let to_account = Signer::Unsigned(AccountId::from_session_id(&to));
    let built = build_request(&store.into(), &to_account, wrapped.timestamp).unwrap();
    assert!(
        built
            .to_json()
            .contains(&format!(r#""data":"{}""#, wrapped.data))
    );
    let NodeRequest::Store(stored) =
        verify_request(built.to_json().as_bytes(), &NodeContext::at(NOW)).unwrap()
    else {
        panic!("not a store");
    };
    let retrieved = to_base64(&stored.data);
    assert_eq!(retrieved, wrapped.data);
    let Unwrapped::Received(got) = unwrap(&k.member, &retrieved).unwrap() else {
        panic!("dropped");
    };
    assert_eq!((&*got.content, got.sender), (&content, k.user.session_id()));
}

#[test]
fn retrieve() {
    let k = keys();
    for signer in signers(&k) {
        let r = Retrieve {
            namespace: Namespace(if matches!(signer, Signer::User(_)) {
                0
            } else {
                11
            }),
            last_hash: Some(HASH1.to_owned()),
            max_size: Some(-1),
        };
        round_trip(&r.into(), &signer);
    }
    let anyone = Signer::Unsigned(AccountId::from_session_id(&k.user.session_id()));
    let r = Retrieve {
        namespace: Namespace(-21),
        ..Retrieve::default()
    };
    round_trip(&r.into(), &anyone);
}

#[test]
fn delete() {
    let k = keys();
    for signer in signers(&k) {
        round_trip(&Delete { hashes: hashes() }.into(), &signer);
    }
}

#[test]
fn delete_all() {
    let k = keys();
    for signer in signers(&k) {
        for namespace in [
            NamespaceOrAll::All,
            Namespace(0).into(),
            Namespace(-11).into(),
        ] {
            round_trip(&DeleteAll { namespace }.into(), &signer);
        }
    }
}

#[test]
fn delete_before() {
    let k = keys();
    for signer in signers(&k) {
        let r = DeleteBefore {
            namespace: Namespace(13).into(),
            before_ms: (NOW - 5_000) as u64,
        };
        round_trip(&r.into(), &signer);
    }
}

#[test]
fn expire() {
    let k = keys();
    for signer in signers(&k) {
        for mode in [ExpireMode::Set, ExpireMode::Shorten, ExpireMode::Extend] {
            let r = Expire {
                hashes: hashes(),
                expiry_ms: (NOW + 3_600_000) as u64,
                mode,
            };
            round_trip(&r.into(), &signer);
        }
    }
}

#[test]
fn expire_all() {
    let k = keys();
    for signer in signers(&k) {
        let r = ExpireAll {
            namespace: NamespaceOrAll::All,
            expiry_ms: (NOW + 3_600_000) as u64,
        };
        round_trip(&r.into(), &signer);
    }
}

#[test]
fn get_expiries() {
    let k = keys();
    for signer in signers(&k) {
        round_trip(&GetExpiries { hashes: hashes() }.into(), &signer);
    }
}

#[test]
fn revoke_and_unrevoke_subaccount() {
    let k = keys();
    let token = subaccount_token(&k.group, &k.member.session_id(), Flags::READ).unwrap();
    for signer in [Signer::User(&k.user), Signer::GroupAdmin(&k.group)] {
        let (m, _) = round_trip(
            &RevokeSubaccount {
                tokens: vec![token],
            }
            .into(),
            &signer,
        );
        assert_eq!(m, Method::RevokeSubaccount);
        let (m, _) = round_trip(
            &UnrevokeSubaccount {
                tokens: vec![token; 2],
            }
            .into(),
            &signer,
        );
        assert_eq!(m, Method::UnrevokeSubaccount);
    }
    // a revoked member can no longer retrieve, except from an unrevocable namespace
    let member = &signers(&k)[2];
    let revoked = vec![
        subaccount_token(&k.group, &k.member.session_id(), Flags::member(true, true)).unwrap(),
    ];
    let node = NodeContext {
        revoked: &revoked,
        ..NodeContext::at(NOW)
    };
    let r11 = build_request(
        &Retrieve {
            namespace: Namespace(11),
            ..Retrieve::default()
        }
        .into(),
        member,
        NOW as u64,
    )
    .unwrap();
    let refused = verify_request(r11.to_json().as_bytes(), &node).unwrap_err();
    assert_eq!(refused.error(), Error::SubaccountRevoked);
    let r_11 = build_request(
        &Retrieve {
            namespace: Namespace(-11),
            ..Retrieve::default()
        }
        .into(),
        member,
        NOW as u64,
    )
    .unwrap();
    assert!(verify_request(r_11.to_json().as_bytes(), &node).is_ok());
}

#[test]
fn batch_and_sequence_wrap_requests() {
    let k = keys();
    let a = build_request(
        &Retrieve::default().into(),
        &Signer::User(&k.user),
        NOW as u64,
    )
    .unwrap();
    let b = build_request(
        &GetExpiries { hashes: hashes() }.into(),
        &Signer::User(&k.user),
        NOW as u64,
    )
    .unwrap();
    let batch = batch_json(&[a.clone(), b.clone()]);
    assert_eq!(
        batch,
        format!(
            r#"{{"method":"batch","params":{{"requests":[{},{}]}}}}"#,
            a.to_json(),
            b.to_json()
        )
    );
    assert!(
        sequence_json(&[a])
            .starts_with(r#"{"method":"sequence","params":{"requests":[{"method":"retrieve""#)
    );
}

// ---- verdict kinds: every status the node answers with ----

fn verdict(body: &str, node: &NodeContext<'_>) -> (u16, String, Error) {
    let r = verify_request(body.as_bytes(), node).unwrap_err();
    (r.status().code(), r.message(), r.error())
}

fn user_body(request: Request, now: i64) -> String {
    let k = keys();
    build_request(&request, &Signer::User(&k.user), now as u64)
        .unwrap()
        .to_json()
}

#[test]
fn verdict_200_accepted() {
    let body = user_body(Retrieve::default().into(), NOW);
    assert_eq!(
        verify_request(body.as_bytes(), &NodeContext::at(NOW))
            .unwrap()
            .method(),
        Method::Retrieve
    );
}

#[test]
fn verdict_400_bad_request() {
    let node = NodeContext::at(NOW);
    assert_eq!(
        verdict("{", &node),
        (400, "invalid json".into(), Error::InvalidJson)
    );
    assert_eq!(
        verdict(r#"{"method":"fly","params":{}}"#, &node),
        (400, "no method fly".into(), Error::UnknownMethod)
    );
    assert_eq!(
        verdict(r#"{"method":"delete","params":{}}"#, &node).1,
        "invalid request: Required field 'pubkey' missing"
    );
}

#[test]
fn verdict_401_unauthorized() {
    let k = keys();
    let other = Ed25519SecretKey::from_seed(Seed::from_array([4; 32]));
    let body = user_body(Delete { hashes: hashes() }.into(), NOW)
        .replace(&k.user.session_id().to_hex(), &other.session_id().to_hex());
    let (status, msg, e) = verdict(&body, &NodeContext::at(NOW));
    assert_eq!(
        (status, msg.as_str(), e),
        (
            401,
            "delete_msgs signature verification failed",
            Error::PubkeyEd25519Mismatch
        )
    );
    // delete_before's window is a 401
    let body = user_body(
        DeleteBefore {
            namespace: NamespaceOrAll::All,
            before_ms: (NOW + 61_000) as u64,
        }
        .into(),
        NOW,
    );
    assert_eq!(verdict(&body, &NodeContext::at(NOW)).0, 401);
}

#[test]
fn verdict_403_forbidden() {
    let body = user_body(
        Store {
            namespace: Namespace(2),
            ttl_ms: 9_999,
            data: b"x".to_vec(),
        }
        .into(),
        NOW,
    );
    assert_eq!(
        verdict(&body, &NodeContext::at(NOW)),
        (
            403,
            "Provided expiry/TTL is not valid.".into(),
            Error::TtlOutOfRange
        )
    );
}

#[test]
fn verdict_406_not_acceptable() {
    let body = user_body(GetExpiries { hashes: hashes() }.into(), NOW);
    assert_eq!(
        verdict(&body, &NodeContext::at(NOW + 60_001)),
        (
            406,
            "get_expiries timestamp too far from current time".into(),
            Error::TimestampOutOfWindow
        )
    );
    // forwarded delete_all gets 70 s
    let body = user_body(
        DeleteAll {
            namespace: NamespaceOrAll::All,
        }
        .into(),
        NOW,
    );
    let forwarded = NodeContext {
        forwarded: true,
        ..NodeContext::at(NOW + 65_000)
    };
    assert!(verify_request(body.as_bytes(), &forwarded).is_ok());
    assert_eq!(verdict(&body, &NodeContext::at(NOW + 65_000)).0, 406);
}

#[test]
fn rejection_display_shows_status_and_text() {
    let r = verify_request(b"[]", &NodeContext::at(NOW)).unwrap_err();
    assert_eq!(r.to_string(), "400 invalid json: no `method` field");
    assert_eq!(r.method(), None);
    assert_eq!(Status::NotAcceptable.to_string(), "406");
}

/// The storage server reads any network byte (oxenss `user_pubkey::load`: 66 hex digits, the
/// first two are the network) and signs nothing of it for a non-`05` account (the key is the
/// 32 bytes after it), so a group's signed request also passes under the same key with
/// another network byte. Found by `a_changed_byte_never_passes_as_another_request` (seed in
/// `storage_proptests.proptest-regressions`), which assumed the account was bound; the node
/// gives the server's verdict, the property now allows exactly this change. A `05` account is
/// bound through `pubkey_ed25519` (its X25519 conversion must equal the account key).
#[test]
fn the_network_byte_of_a_non_05_account_is_not_signed() {
    let k = keys();
    let request: Request = DeleteAll {
        namespace: NamespaceOrAll::One(Namespace(1000)),
    }
    .into();
    let body = build_request(&request, &Signer::GroupAdmin(&k.group), NOW as u64)
        .unwrap()
        .to_json();
    let group = AccountId::parse(&GroupId::from_ed25519(*k.group.public_key()).to_hex()).unwrap();
    let other = body.replacen(
        &format!("\"03{}", hex::encode(group.key())),
        &format!("\"13{}", hex::encode(group.key())),
        1,
    );
    assert_ne!(other, body);
    let original = verify_request(body.as_bytes(), &NodeContext::at(NOW)).unwrap();
    let changed = verify_request(other.as_bytes(), &NodeContext::at(NOW)).unwrap();
    assert_eq!(original.account().prefix(), 0x03);
    assert_eq!(changed.account().prefix(), 0x13);
    assert_eq!(changed.account().key(), original.account().key());
    assert_eq!(changed.signed_message(), original.signed_message());

    // a user account cannot be moved: to 05 the key must be `pubkey_ed25519`'s conversion
    let user_body = build_request(&request, &Signer::User(&k.user), NOW as u64)
        .unwrap()
        .to_json();
    let moved = user_body.replacen("\"05", "\"15", 1);
    assert!(verify_request(moved.as_bytes(), &NodeContext::at(NOW)).is_err());
}
