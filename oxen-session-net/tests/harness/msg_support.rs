//! Helpers of the message-format checkers (`message_padding.json`, `protobuf.json`,
//! `envelope.json`): field access and the per-case loop (from `oxen_vector_harness::case`), and the mapping
//! from the reference's error texts to this crate's variants.
#![allow(dead_code, unused_imports)] // each checker uses a subset

use oxen_session_net::Error;
pub use oxen_vector_harness::case::{bytes, each, eq, name, ok, opt_s, s, u as num};

/// Whether `got` is what protobufjs's error text `text` names, numbers included:
/// "index out of range: pos + need > len" (a varint or fixed-width read: truncated; a length:
/// past the end; the reads of 1, 4, 8 or 10 bytes can be either), "invalid varint encoding",
/// "missing required 'field'", "invalid wire type N at offset P".
pub fn protobufjs_error_matches(text: &str, got: Error) -> bool {
    if let Some(rest) = text.strip_prefix("index out of range: ") {
        let nums: Vec<usize> = rest
            .split([' ', '+', '>'])
            .filter(|p| !p.is_empty())
            .map(|p| p.parse().expect("a number in the error text"))
            .collect();
        let [pos, need, len] = nums[..] else {
            panic!("unexpected error text {text}")
        };
        let truncated = Error::ProtobufTruncated { pos, need, len };
        let past_end = Error::ProtobufLengthPastEnd { pos, need, len };
        return got == past_end || (matches!(need, 1 | 4 | 8 | 10) && got == truncated);
    }
    if text == "invalid varint encoding" {
        return got == Error::ProtobufVarintTooLong;
    }
    if let Some(field) = text
        .strip_prefix("missing required '")
        .and_then(|r| r.strip_suffix('\''))
    {
        return matches!(got, Error::ProtobufMissingRequired { field: f, .. } if f == field);
    }
    if let Some(rest) = text.strip_prefix("invalid wire type ") {
        let wire: u8 = rest
            .split(' ')
            .next()
            .and_then(|w| w.parse().ok())
            .expect("a wire type in the error text");
        return got == Error::ProtobufInvalidWireType { wire_type: wire };
    }
    false
}
