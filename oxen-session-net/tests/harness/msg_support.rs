//! Helpers of the message-format checkers (`message_padding.json`, `protobuf.json`,
//! `envelope.json`): field access, the per-case loop that names each failure, and the mapping
//! from the reference's error texts to this crate's variants.
#![allow(dead_code)] // each checker uses a subset

use core::fmt::Debug;

use oxen_session_net::Error;
use oxen_vector_harness::CheckResult;
use serde_json::Value;

/// A string field (panics, failing the test, if absent: the vector file is malformed).
pub fn s<'a>(c: &'a Value, k: &str) -> &'a str {
    c[k].as_str()
        .unwrap_or_else(|| panic!("missing string field {k}"))
}

/// An optional string field.
pub fn opt_s<'a>(c: &'a Value, k: &str) -> Option<&'a str> {
    c[k].as_str()
}

/// A hex field as bytes.
pub fn bytes(c: &Value, k: &str) -> Vec<u8> {
    hex::decode(s(c, k)).unwrap_or_else(|e| panic!("field {k} is not hex: {e}"))
}

/// An unsigned integer field.
pub fn num(c: &Value, k: &str) -> u64 {
    c[k].as_u64()
        .unwrap_or_else(|| panic!("missing integer field {k}"))
}

/// The case's name.
pub fn name(c: &Value) -> &str {
    c["name"].as_str().unwrap_or("")
}

/// Runs `check` on every case, collecting failures as "case i (name): message".
pub fn each(v: &Value, check: impl Fn(&Value) -> Result<(), String>) -> CheckResult {
    let cs = v["cases"].as_array().expect("cases array");
    let failures: Vec<String> = cs
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            check(c)
                .err()
                .map(|e| format!("case {i} ({}): {e}", name(c)))
        })
        .collect();
    if failures.is_empty() {
        Ok(cs.len())
    } else {
        Err(failures)
    }
}

/// `got == want`, or a message naming `what`.
pub fn eq<T: PartialEq + Debug>(what: &str, got: T, want: T) -> Result<(), String> {
    if got == want {
        Ok(())
    } else {
        Err(format!("{what}: got {got:?}, want {want:?}"))
    }
}

/// `got` succeeded; its value, or the error as a message.
pub fn ok<T>(what: &str, got: Result<T, Error>) -> Result<T, String> {
    got.map_err(|e| format!("{what}: unexpected error {e:?}"))
}

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
