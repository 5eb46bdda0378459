//! `version_blinding.json`: the version-check key pair (32- and 64-byte account keys), the
//! version request signature for each platform (timestamps 0 and `u64::MAX` included) and the
//! general request signature with and without a body; refused key lengths.

use oxen_session::blinding::{
    Platform, blind_version_key_pair, blind_version_sign, blind_version_sign_request,
};
use oxen_session::{Ed25519SecretKey, Error, Input, ed25519};
use oxen_vector_harness::CheckResult;
use serde_json::Value;

use crate::support::{arr, bytes, each, eq, fails_with, ok, opt_s, s};

fn timestamp(c: &Value) -> u64 {
    c["timestamp"].as_u64().expect("timestamp")
}

pub fn version_blinding(v: &Value) -> CheckResult {
    each(v, |c| {
        let key_bytes = bytes(c, "ed25519_privkey");
        let key = Ed25519SecretKey::from_bytes(&key_bytes);
        if opt_s(c, "error").is_some() {
            return fails_with(
                key.map(|k| blind_version_key_pair(&k)),
                Error::InvalidLength {
                    input: Input::SeedOrSecretKey,
                    len: key_bytes.len(),
                },
            );
        }
        let key = ok("key", key)?;
        let version_key = blind_version_key_pair(&key);
        eq(
            "blinded_pk",
            version_key.public_key().to_bytes(),
            arr(c, "blinded_pk"),
        )?;
        let (sig, signed) = match s(c, "kind") {
            "key_pair" => {
                return eq("blinded_sk", *version_key.to_bytes(), arr(c, "blinded_sk"));
            }
            "sign" => {
                let platform = match s(c, "platform") {
                    "android" => Platform::Android,
                    "desktop" => Platform::Desktop,
                    "ios" => Platform::Ios,
                    other => return Err(format!("unknown platform {other}")),
                };
                let t = timestamp(c);
                let signed = format!("{t}GET/session_version?platform={}", platform.as_str());
                (blind_version_sign(&key, platform, t), signed.into_bytes())
            }
            "sign_request" => {
                let (t, method, path) = (timestamp(c), s(c, "method"), s(c, "path"));
                let body = opt_s(c, "body").map(|_| bytes(c, "body"));
                let mut signed = format!("{t}{method}{path}").into_bytes();
                signed.extend(body.iter().flatten());
                (
                    blind_version_sign_request(&key, t, method, path, body.as_deref()),
                    signed,
                )
            }
            other => return Err(format!("unknown kind {other}")),
        };
        eq("signature", sig.to_bytes(), arr(c, "signature"))?;
        // the signed bytes are what the module says
        ok(
            "verify",
            ed25519::verify(&sig, version_key.public_key(), &signed),
        )
    })
}
