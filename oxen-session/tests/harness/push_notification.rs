//! `push_notification.json`: `decrypt_push_notification`, including the trailing-zero rule
//! (an all-zero plaintext is kept whole); every refusal asserts its variant.

use oxen_session::{Error, Input, decrypt_push_notification};
use oxen_vector_harness::CheckResult;
use serde_json::Value;

use crate::support::{bytes, each, eq, fails_with, ok, opt_s};

pub fn push_notification_file(v: &Value) -> CheckResult {
    each(v, |c| {
        let payload = bytes(c, "payload");
        let key = bytes(c, "enc_key");
        let got = decrypt_push_notification(&payload, &key);
        let Some(text) = opt_s(c, "error") else {
            return eq(
                "plaintext",
                &ok("decrypt", got)?[..],
                &bytes(c, "plaintext")[..],
            );
        };
        let want = match text {
            "Failed to decrypt; perhaps the secret key is invalid?" => Error::DecryptionFailed,
            "Invalid payload: too short to contain valid encrypted data" => {
                Error::CiphertextTooShort {
                    len: payload.len(),
                    min: 40,
                }
            }
            "Invalid enc_key: expected 32 bytes" => Error::InvalidLength {
                input: Input::SymmetricKey,
                len: key.len(),
            },
            other => return Err(format!("no expected variant for {other}")),
        };
        fails_with(got, want)
    })
}
