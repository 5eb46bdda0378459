//! `message_padding.json`: the desktop client's `addMessagePadding` byte for byte, and
//! `removeMessagePadding`'s verdict on every input (the two refusals are `InvalidPadding`).

use oxen_session_net::Error;
use oxen_session_net::padding::{Form, pad, padded_len, unpad};
use oxen_vector_harness::CheckResult;
use serde_json::Value;

use crate::msg_support::{bytes, each, eq, num, opt_s, s};

pub fn message_padding(v: &Value) -> CheckResult {
    each(v, |c| {
        let input = bytes(c, "input");
        match s(c, "op") {
            "add" => {
                let padded = pad(&input);
                eq("padded", hex::encode(&padded).as_str(), s(c, "padded"))?;
                eq("padded_len", padded.len() as u64, num(c, "padded_len"))?;
                eq(
                    "padded_len()",
                    padded_len(Form::Legacy, input.len()),
                    Some(padded.len()),
                )?;
                // and the client reads its own padding back
                eq("unpad(pad)", unpad(&padded), Ok(&input[..]))
            }
            "remove" => match opt_s(c, "error") {
                Some("Invalid padding") => eq("unpad", unpad(&input), Err(Error::InvalidPadding)),
                Some(other) => Err(format!("no expected variant for {other}")),
                None => eq(
                    "unpad",
                    unpad(&input).map(hex::encode),
                    Ok(String::from(s(c, "output"))),
                ),
            },
            other => Err(format!("unknown op {other}")),
        }
    })
}
