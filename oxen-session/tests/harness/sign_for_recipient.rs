//! `sign_for_recipient.json`: `M ‖ A ‖ Ed25519-sign(M ‖ A ‖ Y)` for 32- and 64-byte keys and
//! prefixed or bare recipients; every refusal asserts its variant.

use oxen_session::ed25519::verify_parts;
use oxen_session::{Signature, sign_for_recipient};
use oxen_vector_harness::CheckResult;
use serde_json::Value;

use crate::sender_recipient::{expected_input_error, parse};
use crate::support::{bytes, each, eq, fails_with, ok, opt_s};

pub fn sign_for_recipient_file(v: &Value) -> CheckResult {
    each(v, |c| {
        let parsed = parse(c);
        if opt_s(c, "error").is_some() {
            let want = expected_input_error(c).ok_or("no expected error")?;
            return fails_with(parsed, want);
        }
        let (key, recipient) = ok("inputs", parsed)?;
        let message = bytes(c, "message");
        let signed = sign_for_recipient(&key, &recipient, &message);
        eq("signed", &signed[..], &bytes(c, "signed")[..])?;
        // the signature covers M ‖ A ‖ Y (independent check through the public verifier)
        let sig = ok("sig", Signature::from_bytes(&signed[message.len() + 32..]))?;
        ok(
            "verify",
            verify_parts(
                &sig,
                key.public_key(),
                &[
                    &message,
                    key.public_key().as_bytes(),
                    recipient.x25519().as_bytes(),
                ],
            ),
        )
    })
}
