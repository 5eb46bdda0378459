//! `encrypt_for_recipient.json`: the random form (with the ephemeral secret the reference drew)
//! and the deterministic form, byte for byte; refusals of key, recipient, and recipients whose
//! shared secret is all zero.

use oxen_session::one_to_one::{deterministic_ephemeral, encrypt_for_recipient_with};
use oxen_session::{
    Error, X25519SecretKey, encrypt_for_recipient, encrypt_for_recipient_deterministic,
};
use oxen_vector_harness::CheckResult;
use rand::SeedableRng;
use serde_json::Value;

use crate::sender_recipient::{expected_input_error, parse};
use crate::support::{arr, bytes, each, eq, fails_with, ok, opt_s, s};

pub fn encrypt_for_recipient_file(v: &Value) -> CheckResult {
    each(v, |c| {
        let message = bytes(c, "message");
        let got = parse(c).and_then(|(key, recipient)| match s(c, "kind") {
            "deterministic" => encrypt_for_recipient_deterministic(&key, &recipient, &message),
            _ => match opt_s(c, "ephemeral_sk") {
                Some(_) => {
                    let e = X25519SecretKey::from_bytes(arr(c, "ephemeral_sk"));
                    encrypt_for_recipient_with(&key, &recipient, &message, &e)
                }
                // refusals carry no ephemeral key: the verdict does not depend on it
                None => encrypt_for_recipient(
                    &key,
                    &recipient,
                    &message,
                    &mut rand_chacha::ChaCha20Rng::seed_from_u64(7),
                ),
            },
        });
        if let Some(text) = opt_s(c, "error") {
            // "Sealed box encryption failed" / "Crypto box encryption failed": all-zero secret
            let want = expected_input_error(c).unwrap_or(Error::ZeroSharedSecret);
            if want == Error::ZeroSharedSecret && !text.contains("encryption failed") {
                return Err(format!("unexpected error text {text}"));
            }
            return fails_with(got, want);
        }
        let ct = ok("encrypt", got)?;
        eq("ciphertext", &ct[..], &bytes(c, "ciphertext")[..])?;
        eq("length", ct.len(), message.len() + 144)?;
        if s(c, "kind") == "deterministic" {
            // the deterministic form is the random one with the derived ephemeral key
            let (key, recipient) = ok("inputs", parse(c))?;
            let e = deterministic_ephemeral(&key, recipient.x25519(), &message);
            let again = ok(
                "with",
                encrypt_for_recipient_with(&key, &recipient, &message, &e),
            )?;
            eq("deterministic = with(e)", again, ct)?;
        }
        Ok(())
    })
}
