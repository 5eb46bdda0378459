//! Fuzz the receiving path of one-to-one messages with a fixed recipient: the first byte picks
//! the entry (the `data` string, the base64-decoded bytes, the envelope bytes, or a valid
//! wrapped message with the rest XOR-ed into its bytes). Never panics; a message that still
//! opens after the edit has the original content and sender (only the unauthenticated
//! framing and envelope timestamp may change).
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use oxen_session_net::envelope::{
    Unwrapped, unwrap, unwrap_envelope, unwrap_websocket_message, wrap_with,
};
use oxen_session_net::oxen_session::oxen_keys::codec::from_base64;
use oxen_session_net::oxen_session::{Ed25519SecretKey, Seed, X25519KeyPair, X25519SecretKey};
use oxen_session_net::proto::{Content, DataMessage};

struct Fixture {
    recipient: X25519KeyPair,
    sender: Ed25519SecretKey,
    content: Content,
    wrapped: Vec<u8>,
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let sender = Ed25519SecretKey::from_seed(Seed::from_array([1; 32]));
    let bob = Ed25519SecretKey::from_seed(Seed::from_array([2; 32]));
    let content = Content {
        data_message: Some(DataMessage {
            body: Some("hello".into()),
            ..Default::default()
        }),
        sig_timestamp: Some(1_700_000_000_000),
        ..Default::default()
    };
    let w = wrap_with(
        &sender,
        &bob.session_id(),
        &content,
        &X25519SecretKey::from_bytes([3; 32]),
    )
    .unwrap();
    Fixture {
        recipient: bob.x25519_key_pair(),
        sender,
        content,
        wrapped: from_base64(w.data.as_bytes()).unwrap(),
    }
});

fuzz_target!(|data: &[u8]| {
    let f = &*FIXTURE;
    let [mode, rest @ ..] = data else { return };
    let got = match mode % 4 {
        0 => unwrap(&f.recipient, &String::from_utf8_lossy(rest)),
        1 => unwrap_websocket_message(&f.recipient, rest),
        2 => unwrap_envelope(&f.recipient, rest),
        _ => {
            let mut ws = f.wrapped.clone();
            for (i, x) in rest.iter().enumerate() {
                let k = i % ws.len();
                ws[k] ^= x;
            }
            let got = unwrap_websocket_message(&f.recipient, &ws);
            if let Ok(Unwrapped::Received(r)) = &got {
                assert_eq!(*r.content, f.content);
                assert_eq!(r.sender, f.sender.session_id());
            }
            got
        }
    };
    if let Ok(Unwrapped::Received(r)) = got {
        // whatever opens was signed by its sender for this recipient
        assert_eq!(
            r.sender,
            oxen_session_net::oxen_session::SessionId::from_ed25519(&r.sender_ed25519).unwrap()
        );
    }
});
