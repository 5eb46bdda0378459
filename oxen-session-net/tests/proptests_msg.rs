//! Properties of the message formats: padding round trips (both forms) and the removal rule
//! against a model; protobuf round trips of random message trees and decode → encode → decode
//! stability on arbitrary bytes; envelope wrap/unwrap round trips; a changed byte of the
//! wrapped data is refused, dropped, or leaves content and sender as they were; no input
//! panics.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use oxen_session::oxen_keys::codec::{from_base64, to_base64};
use oxen_session::{Ed25519SecretKey, Seed, X25519SecretKey};
use oxen_session_net::envelope::{Unwrapped, unwrap, unwrap_websocket_message, wrap_with};
use oxen_session_net::oxen_session;
use oxen_session_net::padding::{BLOCK, Form, pad_with, padded_len, unpad};
use oxen_session_net::proto::*;
use proptest::prelude::*;

// ---- padding ----

fn unpad_model(b: &[u8]) -> Option<Vec<u8>> {
    let end = b.len() - b.iter().rev().take_while(|&&x| x == 0).count();
    match b[..end].last()? {
        0x80 => Some(b[..end - 1].to_vec()),
        _ => Some(b.to_vec()),
    }
}

proptest! {
    #[test]
    fn padding_round_trips_in_both_forms(content in prop::collection::vec(any::<u8>(), 0..700)) {
        for form in [Form::Legacy, Form::Libsession] {
            let padded = pad_with(form, &content);
            prop_assert_eq!(Some(padded.len()), padded_len(form, content.len()));
            // legacy: the marker at least (n = 158 gives 159 bytes); libsession: a zero too
            let least = if form == Form::Legacy { 1 } else { 2 };
            prop_assert!(padded.len() >= content.len() + least);
            prop_assert_eq!(padded.len() % BLOCK, if form == Form::Legacy { BLOCK - 1 } else { 0 });
            prop_assert_eq!(padded[content.len()], 0x80);
            prop_assert!(padded[content.len() + 1..].iter().all(|&b| b == 0));
            prop_assert_eq!(unpad(&padded).unwrap(), &content[..]);
        }
    }

    #[test]
    fn unpad_follows_the_client_rule(b in prop::collection::vec(prop_oneof![Just(0u8), Just(0x80), any::<u8>()], 0..40)) {
        prop_assert_eq!(unpad(&b).ok().map(<[u8]>::to_vec), unpad_model(&b));
    }
}

// ---- protobuf ----

fn text() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), "[a-z ]{1,12}", "\\PC{0,8}"]
}

fn opt<T: std::fmt::Debug + Clone>(
    s: impl Strategy<Value = T>,
) -> impl Strategy<Value = Option<T>> {
    prop::option::of(s)
}

fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(any::<u8>(), 0..40)
}

fn profile() -> impl Strategy<Value = LokiProfile> {
    (opt(text()), opt(text()), opt(any::<u64>())).prop_map(|(d, p, t)| LokiProfile {
        display_name: d,
        profile_picture: p,
        last_profile_update_seconds: t,
    })
}

fn attachment() -> impl Strategy<Value = AttachmentPointer> {
    (
        any::<u64>(),
        opt(text()),
        opt(bytes()),
        opt(any::<u32>()),
        opt(text()),
    )
        .prop_map(|(id, ct, key, size, url)| AttachmentPointer {
            deprecated_id: id,
            content_type: ct,
            key,
            size,
            url,
            ..Default::default()
        })
}

fn data_message() -> impl Strategy<Value = DataMessage> {
    (
        opt(text()),
        prop::collection::vec(attachment(), 0..2),
        opt(any::<u32>()),
        opt(bytes()),
        opt((any::<u64>(), text()).prop_map(|(id, author)| Quote { id, author })),
        prop::collection::vec(
            (text(), opt(text()), opt(attachment())).prop_map(|(url, title, image)| Preview {
                url,
                title,
                image,
            }),
            0..2,
        ),
        opt((any::<u64>(), text(), opt(text()), any::<i32>()).prop_map(
            |(id, author, emoji, action)| Reaction {
                id,
                author,
                emoji,
                action,
            },
        )),
        opt(profile()),
        opt(text()),
        opt(any::<bool>()),
    )
        .prop_map(
            |(
                body,
                attachments,
                flags,
                profile_key,
                quote,
                preview,
                reaction,
                profile,
                sync_target,
                blocks,
            )| {
                DataMessage {
                    body,
                    attachments,
                    flags,
                    profile_key,
                    quote,
                    preview,
                    reaction,
                    profile,
                    sync_target,
                    blocks_community_message_requests: blocks,
                    ..Default::default()
                }
            },
        )
}

fn content() -> impl Strategy<Value = Content> {
    (
        opt(data_message()),
        opt(
            (any::<i32>(), prop::collection::vec(any::<u64>(), 0..4)).prop_map(|(t, ts)| {
                ReceiptMessage {
                    r#type: t,
                    timestamp: ts,
                }
            }),
        ),
        opt((any::<u64>(), any::<i32>())
            .prop_map(|(timestamp, action)| TypingMessage { timestamp, action })),
        opt((any::<u64>(), text())
            .prop_map(|(timestamp, author)| UnsendRequest { timestamp, author })),
        opt(
            (any::<bool>(), opt(bytes()), opt(profile())).prop_map(|(a, k, p)| {
                MessageRequestResponse {
                    is_approved: a,
                    profile_key: k,
                    profile: p,
                }
            }),
        ),
        opt(any::<i32>()),
        opt(any::<u32>()),
        opt(any::<u64>()),
        opt(bytes()),
    )
        .prop_map(|(d, r, t, u, m, et, timer, sig, pro_sig)| Content {
            data_message: d,
            receipt_message: r,
            typing_message: t,
            unsend_request: u,
            message_request_response: m,
            expiration_type: et,
            expiration_timer: timer,
            sig_timestamp: sig,
            pro_sig_for_community_message_only: pro_sig,
            ..Default::default()
        })
}

proptest! {
    #[test]
    fn random_contents_round_trip(c in content()) {
        let bytes = encode(&c);
        prop_assert_eq!(decode::<Content>(&bytes), Ok(c));
    }

    #[test]
    fn envelopes_and_websocket_messages_round_trip(
        t in any::<i32>(), source in opt(text()), ts in any::<u64>(), body in opt(bytes()),
        ws_type in opt(any::<i32>()), verb in opt(text()), id in opt(any::<u64>()),
        headers in prop::collection::vec(text(), 0..3),
    ) {
        let env = Envelope { r#type: t, source, timestamp: ts, content: body.clone(), pro_sig: None };
        prop_assert_eq!(decode::<Envelope>(&encode(&env)), Ok(env));
        let ws = WebSocketMessage {
            r#type: ws_type,
            request: Some(WebSocketRequestMessage { verb, path: None, body, id, headers }),
        };
        prop_assert_eq!(decode::<WebSocketMessage>(&encode(&ws)), Ok(ws));
    }

    /// Whatever decodes, re-encodes to bytes that decode to the same message (inputs below
    /// 4096 bytes: no string reaches protobufjs's chunk flush).
    #[test]
    fn decoding_is_stable_under_reencoding(b in prop::collection::vec(any::<u8>(), 0..200)) {
        if let Ok(m) = decode::<Content>(&b) {
            prop_assert_eq!(decode::<Content>(&encode(&m)), Ok(m));
        }
        if let Ok(m) = decode::<DataMessage>(&b) {
            prop_assert_eq!(decode::<DataMessage>(&encode(&m)), Ok(m));
        }
        if let Ok(m) = decode::<WebSocketMessage>(&b) {
            prop_assert_eq!(decode::<WebSocketMessage>(&encode(&m)), Ok(m));
        }
        if let Ok(m) = decode::<Envelope>(&b) {
            prop_assert_eq!(decode::<Envelope>(&encode(&m)), Ok(m));
        }
    }
}

// ---- envelope ----

fn account(seed: [u8; 32]) -> Ed25519SecretKey {
    Ed25519SecretKey::from_seed(Seed::from_array(seed))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn wrapped_messages_unwrap_to_their_content_and_sender(
        a in any::<[u8; 32]>(), b in any::<[u8; 32]>(), e in any::<[u8; 32]>(),
        body in text(), ts in 1u64.., use_pair in any::<bool>(),
    ) {
        let (alice, bob) = (account(a), account(b));
        let c = Content {
            data_message: Some(DataMessage { body: Some(body), ..Default::default() }),
            sig_timestamp: Some(ts),
            ..Default::default()
        };
        let wrapped = wrap_with(&alice, &bob.session_id(), &c, &X25519SecretKey::from_bytes(e)).unwrap();
        prop_assert_eq!(wrapped.timestamp, ts);
        let got = if use_pair { unwrap(&bob.x25519_key_pair(), &wrapped.data) } else { unwrap(&bob, &wrapped.data) };
        let Ok(Unwrapped::Received(r)) = got else { panic!("not received: {got:?}") };
        prop_assert_eq!(&*r.content, &c);
        prop_assert_eq!(r.sender, alice.session_id());
        prop_assert_eq!(&r.sender_ed25519, alice.public_key());
        prop_assert_eq!(r.timestamp, ts);
        prop_assert!(r.sig_timestamp_matches());
    }

    /// A changed byte anywhere in the stored bytes is refused or dropped, or (outside the
    /// sealed box: the request's verb, path or id, the envelope's timestamp, which nothing
    /// authenticates) leaves the content and the sender as they were. Never a panic.
    #[test]
    fn a_changed_byte_never_changes_content_or_sender(
        seed in any::<[u8; 32]>(), i in any::<prop::sample::Index>(), x in 1u8..,
    ) {
        let (alice, bob) = (account(seed), account([7; 32]));
        let c = Content {
            data_message: Some(DataMessage { body: Some("hi".into()), ..Default::default() }),
            sig_timestamp: Some(1_700_000_000_000),
            ..Default::default()
        };
        let wrapped = wrap_with(&alice, &bob.session_id(), &c, &X25519SecretKey::from_bytes([9; 32])).unwrap();
        let mut ws = from_base64(wrapped.data.as_bytes()).unwrap();
        let k = i.index(ws.len());
        ws[k] ^= x;
        match unwrap_websocket_message(&bob, &ws) {
            Ok(Unwrapped::Received(r)) => {
                prop_assert_eq!(&*r.content, &c);
                prop_assert_eq!(r.sender, alice.session_id());
            }
            Ok(Unwrapped::Dropped(_)) | Err(_) => {}
        }
        // the same through the data string
        let _ = unwrap(&bob, &to_base64(&ws));
    }

    #[test]
    fn arbitrary_data_never_panics(s in "\\PC{0,64}", b in prop::collection::vec(any::<u8>(), 0..300)) {
        let bob = account([7; 32]);
        let _ = unwrap(&bob, &s);
        let _ = unwrap_websocket_message(&bob, &b);
        let _ = oxen_session_net::envelope::unwrap_envelope(&bob, &b);
    }
}
