//! `decrypt_incoming.json`: opening with an Ed25519 key (32 or 64 bytes) or an X25519 pair, the
//! sender's key and Session ID; every refusal asserts the step that refused it.

use oxen_session::{
    Ed25519SecretKey, Error, IncomingKey, Input, SignatureCheck, X25519KeyPair, X25519PublicKey,
    X25519SecretKey, decrypt_incoming, decrypt_incoming_session_id,
};
use oxen_vector_harness::CheckResult;
use serde_json::Value;

use crate::support::{arr, bytes, each, eq, fails_with, name, ok, opt_s, s};

pub fn decrypt_incoming_file(v: &Value) -> CheckResult {
    each(v, |c| {
        let ct = bytes(c, "ciphertext");
        match s(c, "kind") {
            "ed25519" => {
                let raw = bytes(c, "ed25519_privkey");
                match Ed25519SecretKey::from_bytes(&raw) {
                    Ok(key) => check(c, &key, &ct),
                    Err(e) => {
                        let want = Error::InvalidLength {
                            input: Input::SeedOrSecretKey,
                            len: raw.len(),
                        };
                        eq("error text", opt_s(c, "error").is_some(), true)?;
                        eq("key refusal", e, want)
                    }
                }
            }
            "x25519" => {
                let pair = X25519KeyPair {
                    secret: X25519SecretKey::from_bytes(arr(c, "x25519_sk")),
                    public: X25519PublicKey(arr(c, "x25519_pk")),
                };
                check(c, &pair, &ct)
            }
            other => Err(format!("unknown kind {other}")),
        }
    })
}

fn check<K: IncomingKey + ?Sized>(c: &Value, key: &K, ct: &[u8]) -> Result<(), String> {
    let got = decrypt_incoming(key, ct);
    if let Some(text) = opt_s(c, "error") {
        let want = match text {
            "Invalid incoming message: ciphertext is too small" => Error::CiphertextTooShort {
                len: ct.len(),
                min: 144,
            },
            // upstream reports the all-zero shared secret and a failed tag alike; the
            // small-order ephemeral keys are the former
            "Decryption failed" if name(c).starts_with("small_order_ephemeral") => {
                Error::ZeroSharedSecret
            }
            "Decryption failed" => Error::DecryptionFailed,
            // tampered M, S or A, or signed for another recipient: the equation fails
            "Signature verification failed" => Error::InvalidSignature(SignatureCheck::Equation),
            other => return Err(format!("no expected variant for {other}")),
        };
        fails_with(decrypt_incoming_session_id(key, ct), want)?;
        return fails_with(got, want);
    }
    let (m, sender) = ok("decrypt", got)?;
    eq("plaintext", &m[..], &bytes(c, "plaintext")[..])?;
    eq(
        "sender",
        sender.to_bytes(),
        arr::<32>(c, "sender_ed25519_pk"),
    )?;
    let (m2, sid) = ok("session id", decrypt_incoming_session_id(key, ct))?;
    eq("plaintext (session id form)", m2, m)?;
    if let Some(want) = opt_s(c, "sender_session_id") {
        eq("sender session id", sid.to_hex().as_str(), want)?;
    }
    Ok(())
}
