//! Key material inside messages: the messages can be wiped (`Zeroize`), a received content is
//! returned in `Zeroizing`, and `Debug` never shows a profile key, an attachment key, a group's
//! seed or a member's authentication data (while showing the rest, so the checks are not
//! vacuous).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use oxen_session::{Ed25519SecretKey, Seed, X25519SecretKey};
use oxen_session_net::envelope::{Received, Unwrapped, unwrap, wrap_with};
use oxen_session_net::oxen_session;
use oxen_session_net::proto::*;
use oxen_vector_harness::assert_debug_redacted;
use static_assertions::assert_impl_all;
use zeroize::{Zeroize, Zeroizing};

assert_impl_all!(Content: Zeroize);
assert_impl_all!(DataMessage: Zeroize);
assert_impl_all!(Envelope: Zeroize);
assert_impl_all!(WebSocketMessage: Zeroize);
assert_impl_all!(GroupUpdateMessage: Zeroize);

const KEY: [u8; 32] = [0xa7; 32];

#[test]
fn key_fields_are_redacted_in_debug() {
    let profile_key = DataMessage {
        body: Some("visible".into()),
        profile_key: Some(KEY.to_vec()),
        attachments: vec![AttachmentPointer {
            key: Some(KEY.to_vec()),
            ..Default::default()
        }],
        ..Default::default()
    };
    let dbg = format!("{profile_key:?}");
    assert_debug_redacted(&dbg, &KEY);
    assert!(
        dbg.contains("visible") && dbg.contains("profile_key: Some(..)"),
        "{dbg}"
    );

    let mrr = MessageRequestResponse {
        is_approved: true,
        profile_key: Some(KEY.to_vec()),
        profile: None,
    };
    assert_debug_redacted(&format!("{mrr:#?}"), &KEY);

    let group = GroupUpdateMessage {
        promote_message: Some(GroupUpdatePromoteMessage {
            group_identity_seed: KEY.to_vec(),
            name: "g".into(),
        }),
        invite_message: Some(GroupUpdateInviteMessage {
            member_auth_data: KEY.to_vec(),
            admin_signature: vec![0x5c; 64],
            ..Default::default()
        }),
        ..Default::default()
    };
    let dbg = format!("{group:?}");
    assert_debug_redacted(&dbg, &KEY);
    // the signature is public and shown
    assert!(dbg.contains("92, 92"), "{dbg}");
}

#[test]
fn messages_can_be_wiped() {
    let mut c = Content {
        data_message: Some(DataMessage {
            body: Some("secret words".into()),
            profile_key: Some(KEY.to_vec()),
            ..Default::default()
        }),
        ..Default::default()
    };
    c.zeroize();
    // every field wiped and cleared, the nested ones included
    assert_eq!(c, Content::default());
}

#[test]
fn received_contents_are_zeroizing() {
    let alice = Ed25519SecretKey::from_seed(Seed::from_array([1; 32]));
    let bob = Ed25519SecretKey::from_seed(Seed::from_array([2; 32]));
    let c = Content {
        data_message: Some(DataMessage {
            profile_key: Some(KEY.to_vec()),
            ..Default::default()
        }),
        sig_timestamp: Some(1),
        ..Default::default()
    };
    let w = wrap_with(
        &alice,
        &bob.session_id(),
        &c,
        &X25519SecretKey::from_bytes([3; 32]),
    )
    .unwrap();
    let Ok(Unwrapped::Received(r)) = unwrap(&bob, &w.data) else {
        panic!()
    };
    let Received { content, .. } = *r;
    let _: &Zeroizing<Content> = &content;
    assert_debug_redacted(&format!("{content:?}"), &KEY);
}
