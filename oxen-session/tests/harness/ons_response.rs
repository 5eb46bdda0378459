//! `ons_response.json`: `decrypt_ons_response` through oxen-ons's key derivation and AEAD;
//! every refusal asserts its variant (an upper-case name is refused as a failed decryption, the
//! reference's verdict).

use oxen_session::{Error, Input, decrypt_ons_response};
use oxen_vector_harness::CheckResult;
use serde_json::Value;

use crate::support::{bytes, each, eq, fails_with, ok, opt_s, s};

pub fn ons_response_file(v: &Value) -> CheckResult {
    each(v, |c| {
        let ct = bytes(c, "ciphertext");
        let nonce = bytes(c, "nonce");
        let got = decrypt_ons_response(s(c, "name_lowercase"), &ct, &nonce);
        let Some(text) = opt_s(c, "error") else {
            return eq(
                "session id",
                ok("decrypt", got)?.to_hex().as_str(),
                s(c, "session_id"),
            );
        };
        let want = match text {
            "Failed to decrypt" => Error::DecryptionFailed,
            "Invalid nonce: expected to be 24 bytes" => Error::InvalidLength {
                input: Input::Nonce,
                len: nonce.len(),
            },
            "Invalid ciphertext: expected to be greater than 16 bytes" => {
                Error::CiphertextTooShort {
                    len: ct.len(),
                    min: 16,
                }
            }
            "Invalid decrypted value: expected to be 33 bytes" => Error::InvalidLength {
                input: Input::OnsValue,
                len: ct.len() - 16,
            },
            other => return Err(format!("no expected variant for {other}")),
        };
        fails_with(got, want)
    })
}
