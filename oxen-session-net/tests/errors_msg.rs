//! One test per `Error` variant and `Dropped` reason of the message-format modules (padding,
//! protobuf, envelope), each reached through the public API at the step of the client's path
//! that produces it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use curve25519_dalek::constants::{ED25519_BASEPOINT_POINT, EIGHT_TORSION};
use curve25519_dalek::edwards::EdwardsPoint;
use curve25519_dalek::scalar::Scalar;
use oxen_session::oxen_keys::codec::to_base64;
use oxen_session::sealed_box::seal_with;
use oxen_session::{
    Ed25519SecretKey, Input, PointCheck, Seed, SignatureCheck, X25519PublicKey, X25519SecretKey,
    encrypt_for_recipient_with, sign_for_recipient,
};
use oxen_session_net::envelope::{
    Dropped, Unwrapped, envelope, unwrap, unwrap_envelope, unwrap_websocket_message,
    websocket_message, wrap_with,
};
use oxen_session_net::padding::{pad, unpad};
use oxen_session_net::proto::{self, Content, DataMessage, Envelope, TypingMessage, decode};
use oxen_session_net::{Error, oxen_session};
use sha2::{Digest, Sha512};

fn key(b: u8) -> Ed25519SecretKey {
    Ed25519SecretKey::from_seed(Seed::from_array([b; 32]))
}

fn eph() -> X25519SecretKey {
    X25519SecretKey::from_bytes([0x77; 32])
}

fn hello(ts: Option<u64>) -> Content {
    Content {
        data_message: Some(DataMessage {
            body: Some("hello".into()),
            ..Default::default()
        }),
        sig_timestamp: ts,
        ..Default::default()
    }
}

/// The envelope bytes of a one-to-one message whose sealed plaintext is `inner`.
fn envelope_of_sealed(inner: &[u8], to: &Ed25519SecretKey) -> Vec<u8> {
    let ct = seal_with(&eph(), &to.x25519_key_pair().public, inner).unwrap();
    proto::encode(&envelope(1, ct))
}

/// The envelope bytes of `padded` signed by `from` for `to` and sealed to `to`.
fn envelope_of(padded: &[u8], from: &Ed25519SecretKey, to: &Ed25519SecretKey) -> Vec<u8> {
    envelope_of_sealed(&sign_for_recipient(from, &to.session_id(), padded), to)
}

fn session(e: oxen_session::Error) -> Error {
    Error::Session(e)
}

// ---- padding ----

#[test]
fn invalid_padding() {
    assert_eq!(unpad(b""), Err(Error::InvalidPadding));
    assert_eq!(unpad(&[0; 159]), Err(Error::InvalidPadding));
    // the receiving path: a signed, sealed plaintext of zeros only
    let (alice, bob) = (key(1), key(2));
    let env = envelope_of(&[0; 159], &alice, &bob);
    assert_eq!(unwrap_envelope(&bob, &env), Err(Error::InvalidPadding));
}

// ---- protobuf ----

#[test]
fn protobuf_truncated() {
    assert_eq!(
        decode::<TypingMessage>(&[0x08]),
        Err(Error::ProtobufTruncated {
            pos: 1,
            need: 1,
            len: 1
        })
    );
    assert_eq!(
        decode::<TypingMessage>(&[0x80]),
        Err(Error::ProtobufTruncated {
            pos: 1,
            need: 10,
            len: 1
        })
    );
}

#[test]
fn protobuf_length_past_end() {
    assert_eq!(
        decode::<DataMessage>(&[0x0a, 0x03, b'h', b'i']),
        Err(Error::ProtobufLengthPastEnd {
            pos: 2,
            need: 3,
            len: 4
        })
    );
    // an unknown length-delimited field
    assert_eq!(
        decode::<DataMessage>(&[0x1a, 0x01]),
        Err(Error::ProtobufLengthPastEnd {
            pos: 2,
            need: 1,
            len: 2
        })
    );
}

#[test]
fn protobuf_varint_too_long() {
    let mut b = vec![0x08];
    b.extend([0xff; 10]);
    b.push(0x01);
    assert_eq!(
        decode::<TypingMessage>(&b),
        Err(Error::ProtobufVarintTooLong)
    );
}

#[test]
fn protobuf_invalid_wire_type() {
    for wire_type in [4u8, 6, 7] {
        assert_eq!(
            decode::<Content>(&[0x10 | wire_type]),
            Err(Error::ProtobufInvalidWireType { wire_type })
        );
    }
}

#[test]
fn protobuf_missing_required() {
    assert_eq!(
        decode::<Content>(&[0x32, 0x02, 0x10, 0x01]),
        Err(Error::ProtobufMissingRequired {
            message: "TypingMessage",
            field: "timestamp"
        })
    );
    // the envelope of the receiving path
    let bob = key(2);
    let ws = proto::encode(&websocket_message(vec![0x08, 0x06]));
    assert_eq!(
        unwrap_websocket_message(&bob, &ws),
        Err(Error::ProtobufMissingRequired {
            message: "Envelope",
            field: "timestamp"
        })
    );
}

// ---- envelope ----

#[test]
fn content_without_sig_timestamp() {
    let (alice, bob) = (key(1), key(2));
    assert_eq!(
        wrap_with(&alice, &bob.session_id(), &hello(None), &eph()),
        Err(Error::ContentWithoutSigTimestamp)
    );
    assert!(wrap_with(&alice, &bob.session_id(), &hello(Some(5)), &eph()).is_ok());
}

#[test]
fn empty_envelope() {
    let bob = key(2);
    for content in [None, Some(Vec::new())] {
        let env = Envelope {
            r#type: 6,
            timestamp: 1,
            content,
            ..Default::default()
        };
        assert_eq!(
            unwrap_envelope(&bob, &proto::encode(&env)),
            Err(Error::EmptyEnvelope)
        );
        // checked before the type
        let env = Envelope { r#type: 7, ..env };
        assert_eq!(
            unwrap_envelope(&bob, &proto::encode(&env)),
            Err(Error::EmptyEnvelope)
        );
    }
}

#[test]
fn unknown_envelope_type() {
    let bob = key(2);
    for envelope_type in [0, 5, 8, -1] {
        let env = Envelope {
            r#type: envelope_type,
            timestamp: 1,
            content: Some(vec![1; 200]),
            ..Default::default()
        };
        assert_eq!(
            unwrap_envelope(&bob, &proto::encode(&env)),
            Err(Error::UnknownEnvelopeType { envelope_type })
        );
    }
}

#[test]
fn plaintext_too_short() {
    let (alice, bob) = (key(1), key(2));
    // an empty P: 96 bytes of key and signature (libsession's decrypt_incoming accepts it)
    let ct = encrypt_for_recipient_with(&alice, &bob.session_id(), b"", &eph()).unwrap();
    let env = proto::encode(&envelope(1, ct));
    assert_eq!(
        unwrap_envelope(&bob, &env),
        Err(Error::PlaintextTooShort { len: 96 })
    );
    // shorter plaintexts, even with a bad signature: the length is checked first
    for len in [0, 1, 95] {
        let env = envelope_of_sealed(&vec![3; len], &bob);
        assert_eq!(
            unwrap_envelope(&bob, &env),
            Err(Error::PlaintextTooShort { len })
        );
    }
}

#[test]
fn sealed_box_errors() {
    let (alice, bob, carol) = (key(1), key(2), key(3));
    // sealed to somebody else
    let env = envelope_of(&pad(b"x"), &alice, &carol);
    assert_eq!(
        unwrap_envelope(&bob, &env),
        Err(session(oxen_session::Error::DecryptionFailed))
    );
    // shorter than E ‖ tag
    let env = proto::encode(&envelope(1, vec![9; 47]));
    assert!(matches!(
        unwrap_envelope(&bob, &env),
        Err(Error::Session(oxen_session::Error::CiphertextTooShort {
            len: 47,
            ..
        }))
    ));
    // a small-order ephemeral key
    let mut ct = encrypt_for_recipient_with(&alice, &bob.session_id(), &pad(b"x"), &eph()).unwrap();
    ct[..32].copy_from_slice(&[0; 32]);
    assert_eq!(
        unwrap_envelope(&bob, &proto::encode(&envelope(1, ct))),
        Err(session(oxen_session::Error::ZeroSharedSecret))
    );
}

#[test]
fn invalid_signature() {
    let (alice, bob, carol) = (key(1), key(2), key(3));
    // signed for carol, sealed to bob
    let inner = sign_for_recipient(&alice, &carol.session_id(), &pad(b"x"));
    let env = envelope_of_sealed(&inner, &bob);
    assert_eq!(
        unwrap_envelope(&bob, &env),
        Err(session(oxen_session::Error::InvalidSignature(
            SignatureCheck::Equation
        )))
    );
}

/// A sender key `A = a·B + T` (T of order 4) whose signature libsodium accepts (a challenge
/// that is a multiple of 4): it signs, but `ed_to_x` refuses it (libsodium's subgroup test; an
/// order-2 component would pass it), so it has no Session ID (the client's "Decryption failed."
/// after the signature check).
#[test]
fn sender_without_session_id() {
    let bob = key(2);
    let y = bob.x25519_key_pair().public;
    let a = Scalar::from_bytes_mod_order([0x21; 32]);
    let a_point: EdwardsPoint = ED25519_BASEPOINT_POINT * a + EIGHT_TORSION[2];
    let a_bytes = a_point.compress().to_bytes();
    let m = pad(b"torsion");
    let (r_bytes, s) = (1u64..)
        .find_map(|i| {
            let r = Scalar::from(i) * Scalar::from_bytes_mod_order([0x5c; 32]);
            let r_bytes = EdwardsPoint::mul_base(&r).compress().to_bytes();
            let h = Sha512::new()
                .chain_update(r_bytes)
                .chain_update(a_bytes)
                .chain_update(&m)
                .chain_update(a_bytes)
                .chain_update(y.as_bytes());
            let k = Scalar::from_bytes_mod_order_wide(&h.finalize().into());
            k.as_bytes()[0]
                .is_multiple_of(4)
                .then(|| (r_bytes, r + k * a))
        })
        .unwrap();
    let inner = [&m[..], &a_bytes, &r_bytes, s.as_bytes()].concat();
    let env = envelope_of_sealed(&inner, &bob);
    assert_eq!(
        unwrap_envelope(&bob, &env),
        Err(session(oxen_session::Error::InvalidPoint {
            input: Input::Ed25519PublicKey,
            check: PointCheck::NotInSubgroup
        }))
    );
}

#[test]
fn content_decoding_errors() {
    let (alice, bob) = (key(1), key(2));
    let env = envelope_of(&pad(&[0x32, 0x02, 0x08, 0x01]), &alice, &bob);
    assert_eq!(
        unwrap_envelope(&bob, &env),
        Err(Error::ProtobufMissingRequired {
            message: "TypingMessage",
            field: "action"
        })
    );
}

#[test]
fn zero_recipient_key_is_refused_when_wrapping() {
    let alice = key(1);
    let zero = X25519PublicKey([0; 32]);
    assert_eq!(
        wrap_with(&alice, &zero, &hello(Some(1)), &eph()),
        Err(session(oxen_session::Error::ZeroSharedSecret))
    );
}

// ---- drops ----

#[test]
fn dropped_invalid_base64() {
    let bob = key(2);
    for data in ["a", "ab=c", "a$bc", "abcde"] {
        assert_eq!(
            unwrap(&bob, data),
            Ok(Unwrapped::Dropped(Dropped::InvalidBase64)),
            "{data}"
        );
    }
}

#[test]
fn dropped_not_a_websocket_message() {
    let bob = key(2);
    assert_eq!(
        unwrap(&bob, "////"),
        Ok(Unwrapped::Dropped(Dropped::NotWebSocketMessage(
            Error::ProtobufTruncated {
                pos: 3,
                need: 10,
                len: 3
            }
        )))
    );
}

#[test]
fn dropped_not_a_request() {
    let bob = key(2);
    let mut ws = websocket_message(vec![1, 2, 3]);
    for (t, want) in [(None, 0), (Some(2), 2), (Some(6), 6)] {
        ws.r#type = t;
        assert_eq!(
            unwrap(&bob, &to_base64(&proto::encode(&ws))),
            Ok(Unwrapped::Dropped(Dropped::NotRequest {
                message_type: want
            }))
        );
    }
    // an empty input decodes to an empty WebSocketMessage: type 0
    assert_eq!(
        unwrap(&bob, ""),
        Ok(Unwrapped::Dropped(Dropped::NotRequest { message_type: 0 }))
    );
}

#[test]
fn dropped_no_body() {
    let bob = key(2);
    let mut ws = websocket_message(Vec::new());
    assert_eq!(
        unwrap_websocket_message(&bob, &proto::encode(&ws)),
        Ok(Unwrapped::Dropped(Dropped::NoBody))
    );
    ws.request.as_mut().unwrap().body = None;
    assert_eq!(
        unwrap_websocket_message(&bob, &proto::encode(&ws)),
        Ok(Unwrapped::Dropped(Dropped::NoBody))
    );
    ws.request = None;
    assert_eq!(
        unwrap_websocket_message(&bob, &proto::encode(&ws)),
        Ok(Unwrapped::Dropped(Dropped::NoBody))
    );
}

#[test]
fn dropped_closed_group_message() {
    let bob = key(2);
    let env = Envelope {
        r#type: 7,
        timestamp: 1,
        content: Some(vec![1]),
        ..Default::default()
    };
    assert_eq!(
        unwrap_envelope(&bob, &proto::encode(&env)),
        Ok(Unwrapped::Dropped(Dropped::ClosedGroupMessage))
    );
}
