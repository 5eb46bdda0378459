//! `config_encrypt.json`: config `encrypt` / `decrypt` (deterministic, byte for byte),
//! `padded_size`, `pad_message` then `encrypt`, with every refusal's variant.

use oxen_session::config::{self, KeyBase};
use oxen_session::{Error, Input};
use oxen_vector_harness::CheckResult;
use serde_json::Value;

use crate::support::{bytes, each, eq, fails_with, num, ok, opt_s, s};

/// The variant each reference exception text maps to.
fn expected_error(c: &Value, text: &str) -> Result<Error, String> {
    let len = |input, n: usize| Error::InvalidLength { input, len: n };
    Ok(match text {
        "encrypt called with key_base != 32 bytes" => {
            len(Input::SymmetricKey, bytes(c, "key").len())
        }
        "encrypt called with domain size not in [1, 24]" => {
            len(Input::Domain, s(c, "domain").len())
        }
        "Decryption failed: ciphertext is too short" => Error::CiphertextTooShort {
            len: bytes(c, "ciphertext").len(),
            min: config::ENCRYPT_DATA_OVERHEAD,
        },
        "Message decryption failed" => Error::DecryptionFailed,
        other => return Err(format!("no variant for upstream error {other:?}")),
    })
}

pub fn config_encrypt(v: &Value) -> CheckResult {
    each(v, |c| {
        let domain = || s(c, "domain").as_bytes();
        match s(c, "kind") {
            "encrypt" => {
                let got = KeyBase::from_bytes(&bytes(c, "key"))
                    .and_then(|k| config::encrypt(&bytes(c, "plaintext"), &k, domain()));
                if let Some(text) = opt_s(c, "error") {
                    return fails_with(got, expected_error(c, text)?);
                }
                eq("ciphertext", ok("encrypt", got)?, bytes(c, "ciphertext"))
            }
            "decrypt" => {
                let got = KeyBase::from_bytes(&bytes(c, "key"))
                    .and_then(|k| config::decrypt(&bytes(c, "ciphertext"), &k, domain()));
                if let Some(text) = opt_s(c, "error") {
                    return fails_with(got, expected_error(c, text)?);
                }
                eq(
                    "plaintext",
                    ok("decrypt", got)?.to_vec(),
                    bytes(c, "plaintext"),
                )
            }
            "pad_encrypt" => {
                let key = ok("key", KeyBase::from_bytes(&bytes(c, "key")))?;
                let padded =
                    config::pad_message(&bytes(c, "plaintext"), config::ENCRYPT_DATA_OVERHEAD);
                eq("padded", padded.to_vec(), bytes(c, "padded"))?;
                let sealed = ok("encrypt", config::encrypt(&padded, &key, domain()))?;
                eq("ciphertext", sealed.clone(), bytes(c, "ciphertext"))?;
                eq(
                    "round trip",
                    ok("decrypt", config::decrypt(&sealed, &key, domain()))?.to_vec(),
                    padded.to_vec(),
                )
            }
            "padded_size" => eq(
                "padded_size",
                config::padded_size(num(c, "size"), num(c, "overhead")),
                Some(num(c, "padded_size")),
            ),
            other => Err(format!("unknown kind {other}")),
        }
    })
}
