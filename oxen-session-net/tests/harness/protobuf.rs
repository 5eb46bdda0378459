//! `protobuf.json`: protobufjs 7.4's encoder and decoder byte for byte. Encode cases build the
//! message from its fields and compare the bytes; decode cases compare the decoded message
//! with the fields and its re-encoding with `reencoded`; failures assert the variant (and
//! protobufjs's numbers) their error text names.

use oxen_session_net::Error;
use oxen_session_net::proto::{self, Decode};
use oxen_vector_harness::CheckResult;
use serde_json::Value;

use crate::msg_support::{bytes, each, eq, name, opt_s, protobufjs_error_matches, s};
use crate::proto_json::{self, R};

/// The variant each named failure case must produce (the text alone allows a truncated read
/// or a length past the end when the numbers fit both).
const NAMED: &[(&str, &str)] = &[
    ("decode_truncated", "ProtobufTruncated"),
    ("decode_length_past_end", "ProtobufLengthPastEnd"),
    (
        "decode_wrong_wire_type_known_field",
        "ProtobufLengthPastEnd",
    ),
    ("decode_group_wire_type", "ProtobufTruncated"),
];

pub fn protobuf(v: &Value) -> CheckResult {
    each(v, |c| match s(c, "message") {
        "Content" => case(c, proto_json::content),
        "DataMessage" => case(c, proto_json::data_message),
        "Envelope" => case(c, proto_json::envelope),
        "WebSocketMessage" => case(c, proto_json::websocket_message),
        "TypingMessage" => case(c, proto_json::typing_message),
        other => Err(format!("no checker for message {other}")),
    })
}

fn case<T: Decode + core::fmt::Debug + PartialEq>(
    c: &Value,
    from_json: fn(&Value) -> R<T>,
) -> Result<(), String> {
    let wire = bytes(c, "bytes");
    match s(c, "op") {
        "encode" => {
            let message = from_json(&c["fields"])?;
            eq(
                "encoded",
                hex::encode(proto::encode(&message)),
                hex::encode(&wire),
            )
        }
        "decode" => {
            let got = proto::decode::<T>(&wire);
            if let Some(text) = opt_s(c, "error") {
                return match got {
                    Err(e) if protobufjs_error_matches(text, e) => named_variant(c, e),
                    other => Err(format!("expected the error {text:?}, got {other:?}")),
                };
            }
            let message = got.map_err(|e| format!("decode: unexpected error {e:?}"))?;
            eq("decoded", &message, &from_json(&c["fields"])?)?;
            eq(
                "reencoded",
                hex::encode(proto::encode(&message)),
                String::from(s(c, "reencoded")),
            )
        }
        other => Err(format!("unknown op {other}")),
    }
}

fn named_variant(c: &Value, e: Error) -> Result<(), String> {
    let got = format!("{e:?}");
    match NAMED.iter().find(|(n, _)| *n == name(c)) {
        Some((_, variant)) if !got.starts_with(variant) => {
            Err(format!("expected {variant}, got {got}"))
        }
        _ => Ok(()),
    }
}
