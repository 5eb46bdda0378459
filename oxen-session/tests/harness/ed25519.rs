//! `ed25519.json`: `ed25519::sign` (32- and 64-byte keys) and `ed25519::verify` with libsodium
//! 1.0.18's rules; every `false` verdict asserts the rule that refused it.

use oxen_session::ed25519::{sign, verify};
use oxen_session::keys::parse_ed25519_public_key;
use oxen_session::{Ed25519SecretKey, Error, Input, PointCheck, Signature, SignatureCheck};
use oxen_vector_harness::CheckResult;
use serde_json::Value;

use crate::support::{arr, bytes, each, eq, fails_with, flag, name, ok, opt_s, s};

pub fn ed25519(v: &Value) -> CheckResult {
    each(v, |c| match s(c, "kind") {
        "sign" => sign_case(c),
        "verify" => verify_case(c),
        other => Err(format!("unknown kind {other}")),
    })
}

fn sign_case(c: &Value) -> Result<(), String> {
    let key = bytes(c, "ed25519_privkey");
    let message = bytes(c, "message");
    let sk = Ed25519SecretKey::from_bytes(&key);
    if opt_s(c, "error").is_some() {
        return fails_with(
            sk,
            Error::InvalidLength {
                input: Input::SeedOrSecretKey,
                len: key.len(),
            },
        );
    }
    let sk = ok("key", sk)?;
    eq(
        "public key",
        sk.public_key().to_bytes(),
        arr(c, "ed25519_pk"),
    )?;
    let sig = sign(&sk, &message);
    eq("signature", sig.to_bytes(), arr(c, "signature"))?;
    eq(
        "verifies",
        verify(&sig, sk.public_key(), &message).is_ok(),
        flag(c, "verifies"),
    )
}

fn verify_case(c: &Value) -> Result<(), String> {
    let sig = Signature::from_bytes(&bytes(c, "signature"));
    let pk = parse_ed25519_public_key(&bytes(c, "ed25519_pk"));
    let message = bytes(c, "message");
    let got = sig.and_then(|sig| pk.and_then(|pk| verify(&sig, &pk, &message)));
    if opt_s(c, "error").is_some() {
        let want = match name(c) {
            "verify_bad_sig_len" => Error::InvalidLength {
                input: Input::Signature,
                len: bytes(c, "signature").len(),
            },
            "verify_bad_pk_len" => Error::InvalidLength {
                input: Input::Ed25519PublicKey,
                len: bytes(c, "ed25519_pk").len(),
            },
            other => return Err(format!("no expected error for {other}")),
        };
        return fails_with(got, want);
    }
    if flag(c, "valid") {
        return ok("verify", got);
    }
    let check = match name(c) {
        "verify_wrong_msg"
        | "verify_wrong_key"
        | "verify_sig_R_tampered"
        | "verify_sig_S_tampered" => SignatureCheck::Equation,
        "verify_sig_S_plus_L_rejected" => SignatureCheck::NonCanonicalS,
        "verify_small_order_pk" => SignatureCheck::PublicKey(PointCheck::SmallOrder),
        other => return Err(format!("no expected rule for {other}")),
    };
    fails_with(got, Error::InvalidSignature(check))
}
