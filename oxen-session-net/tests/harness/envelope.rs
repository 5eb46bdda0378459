//! `envelope.json`: one-to-one wrapping byte for byte (every intermediate value, with the
//! ephemeral key given) and unwrapping with the client's verdict: the content and sender, the
//! silent drops (`Dropped`) and the errors (their variants).

use oxen_session::oxen_keys::codec::from_base64;
use oxen_session::{
    Ed25519SecretKey, Input, Seed, SessionId, X25519SecretKey, decrypt_incoming,
    encrypt_for_recipient_with, sign_for_recipient,
};
use oxen_session_net::envelope::{
    Dropped, Unwrapped, envelope, unwrap, websocket_message, wrap_bytes_with,
};
use oxen_session_net::padding::{Form, pad};
use oxen_session_net::proto::{self, Content, Envelope, WebSocketMessage};
use oxen_session_net::{Error, oxen_session};
use oxen_vector_harness::CheckResult;
use serde_json::Value;

use crate::msg_support::{bytes, each, eq, num, ok, opt_s, protobufjs_error_matches, s};
use crate::proto_json;

pub fn envelope_file(v: &Value) -> CheckResult {
    each(v, |c| match s(c, "op") {
        "wrap" => wrap_case(c),
        "unwrap" => unwrap_case(c),
        other => Err(format!("unknown op {other}")),
    })
}

fn key(c: &Value, k: &str) -> Ed25519SecretKey {
    Ed25519SecretKey::from_seed(Seed::from_bytes(&bytes(c, k)).expect("a 32-byte seed"))
}

fn hex_eq(what: &str, got: &[u8], c: &Value, k: &str) -> Result<(), String> {
    eq(what, hex::encode(got).as_str(), s(c, k))
}

fn wrap_case(c: &Value) -> Result<(), String> {
    let sender = key(c, "sender_seed");
    let recipient: SessionId = ok(
        "recipient",
        s(c, "recipient_session_id").parse().map_err(Error::from),
    )?;
    let content = bytes(c, "content");
    let timestamp = num(c, "timestamp");
    let ephemeral = X25519SecretKey::from_bytes(bytes(c, "ephemeral_sk").try_into().unwrap());

    eq(
        "sender session id",
        sender.session_id().to_hex().as_str(),
        s(c, "sender_session_id"),
    )?;
    hex_eq(
        "sender key",
        sender.public_key().as_bytes(),
        c,
        "sender_ed25519_pk",
    )?;
    // the content is an encoded Content this crate reads and re-encodes unchanged
    let decoded: Content = ok("content", proto::decode(&content))?;
    eq(
        "content re-encoded",
        proto::encode(&decoded),
        content.clone(),
    )?;

    // each step
    let padded = pad(&content);
    hex_eq("padded content", &padded, c, "padded_content")?;
    let sealed_plaintext = sign_for_recipient(&sender, &recipient, &padded);
    hex_eq("sealed plaintext", &sealed_plaintext, c, "sealed_plaintext")?;
    hex_eq(
        "signature",
        &sealed_plaintext[sealed_plaintext.len() - 64..],
        c,
        "signature",
    )?;
    let ciphertext = ok(
        "seal",
        encrypt_for_recipient_with(&sender, &recipient, &padded, &ephemeral).map_err(Error::from),
    )?;
    hex_eq("ciphertext", &ciphertext, c, "ciphertext")?;
    let env = proto::encode(&envelope(timestamp, ciphertext));
    hex_eq("envelope", &env, c, "envelope")?;
    let ws = proto::encode(&websocket_message(env));
    hex_eq("websocket message", &ws, c, "websocket_message")?;

    // the whole path, and what the store request carries
    let wrapped = ok(
        "wrap",
        wrap_bytes_with(
            &sender,
            &recipient,
            &content,
            timestamp,
            Form::Legacy,
            &ephemeral,
        ),
    )?;
    let request = &c["store_request"];
    eq("store method", s(request, "method"), "store")?;
    eq("data", wrapped.data.as_str(), s(&request["params"], "data"))?;
    eq("timestamp", wrapped.timestamp, timestamp)?;
    eq(
        "store pubkey",
        s(&request["params"], "pubkey"),
        s(c, "recipient_session_id"),
    )
}

fn unwrap_case(c: &Value) -> Result<(), String> {
    let recipient = key(c, "recipient_seed");
    let data = s(c, "data");
    // the envelope the data carries, where the vector gives it
    if c["envelope"].is_object() {
        let ws: WebSocketMessage = ok(
            "websocket",
            proto::decode(&from_base64(data.as_bytes()).unwrap()),
        )?;
        let body = ws.request.and_then(|r| r.body).ok_or("no body")?;
        let env: Envelope = ok("envelope", proto::decode(&body))?;
        eq("envelope", env, proto_json::envelope(&c["envelope"])?)?;
    }
    let got = unwrap(&recipient, data);
    if let Some(reason) = opt_s(c, "dropped") {
        return match got {
            Ok(Unwrapped::Dropped(d)) if dropped_matches(reason, d) => Ok(()),
            other => Err(format!("expected dropped ({reason}), got {other:?}")),
        };
    }
    if let Some(text) = opt_s(c, "error") {
        if let Some(padded) = opt_s(c, "padded_content") {
            // the message opens (libsession's rule) to the padding the vector names
            let env_content = hex::decode(s(&c["envelope"], "content")).unwrap();
            let (m, _) = ok(
                "open",
                decrypt_incoming(&recipient, &env_content).map_err(Error::from),
            )?;
            eq("padded content", hex::encode(&m[..]).as_str(), padded)?;
        }
        return match got {
            Err(e) if error_matches(text, e) => Ok(()),
            other => Err(format!("expected the error {text:?}, got {other:?}")),
        };
    }
    let Ok(Unwrapped::Received(received)) = got else {
        return Err(format!("expected a message, got {got:?}"));
    };
    eq(
        "content",
        hex::encode(proto::encode(&*received.content)).as_str(),
        s(c, "content"),
    )?;
    eq(
        "sender",
        received.sender.to_hex().as_str(),
        s(c, "sender_session_id"),
    )?;
    eq(
        "timestamp",
        received.timestamp,
        num(&c["envelope"], "timestamp"),
    )?;
    let sender = SessionId::from_ed25519(&received.sender_ed25519).unwrap();
    eq("sender key", sender, received.sender)
}

fn dropped_matches(reason: &str, got: Dropped) -> bool {
    match reason {
        "envelope type 7 is not SESSION_MESSAGE" => got == Dropped::ClosedGroupMessage,
        "extractWebSocketContent: not a REQUEST with a body" => {
            matches!(got, Dropped::NotRequest { .. } | Dropped::NoBody)
        }
        _ => match (reason.strip_prefix("extractWebSocketContent: "), got) {
            (Some(text), Dropped::NotWebSocketMessage(e)) => protobufjs_error_matches(text, e),
            _ => false,
        },
    }
}

fn error_matches(text: &str, got: Error) -> bool {
    use oxen_session::Error as S;
    match text {
        "decryptWithSessionProtocol: Invalid message signature." => {
            matches!(got, Error::Session(S::InvalidSignature(_)))
        }
        "decryptWithSessionProtocol: incorrect key pair for the given ciphertext" => matches!(
            got,
            Error::Session(
                S::DecryptionFailed | S::ZeroSharedSecret | S::CiphertextTooShort { .. }
            )
        ),
        "decryptWithSessionProtocol: Decryption failed." => matches!(
            got,
            Error::PlaintextTooShort { .. }
                | Error::Session(S::InvalidPoint {
                    input: Input::Ed25519PublicKey,
                    ..
                })
        ),
        "removeMessagePadding: Invalid padding" => got == Error::InvalidPadding,
        "Received an empty envelope." | "Received message with no content" => {
            got == Error::EmptyEnvelope
        }
        other => protobufjs_error_matches(other, got),
    }
}
