//! `xed25519.json`: `xed25519::pubkey` (account keys of both signs and raw u values, including
//! twist and exceptional ones), `sign` with the recorded `Z`, `verify`.

use oxen_session::keys::{parse_x25519_public_key, parse_x25519_secret_key};
use oxen_session::{Error, Signature, SignatureCheck, xed25519};
use oxen_vector_harness::CheckResult;
use serde_json::Value;

use crate::support::{arr, bytes, each, eq, fails_with, flag, name, ok, s};

pub fn xed25519(v: &Value) -> CheckResult {
    each(v, |c| match s(c, "kind") {
        "pubkey" => {
            let u = ok("u", parse_x25519_public_key(&bytes(c, "x25519_pk")))?;
            eq(
                "pubkey",
                xed25519::pubkey(&u).to_bytes(),
                arr(c, "ed25519_pk"),
            )
        }
        "sign" => {
            let x = ok("x", parse_x25519_secret_key(&bytes(c, "x25519_sk")))?;
            let u = ok("u", parse_x25519_public_key(&bytes(c, "x25519_pk")))?;
            eq("x25519_pk", x.public_key(), u)?;
            eq(
                "pubkey",
                xed25519::pubkey(&u).to_bytes(),
                arr(c, "ed25519_pk_abs"),
            )?;
            let message = bytes(c, "message");
            let sig = xed25519::sign_with(&x, &message, &arr::<64>(c, "random"));
            eq("signature", sig.to_bytes(), arr(c, "signature"))?;
            eq(
                "verifies",
                xed25519::verify(&sig, &u, &message).is_ok(),
                flag(c, "verifies"),
            )
        }
        "verify" => {
            let sig = ok("sig", Signature::from_bytes(&bytes(c, "signature")))?;
            let u = ok("u", parse_x25519_public_key(&bytes(c, "x25519_pk")))?;
            let got = xed25519::verify(&sig, &u, &bytes(c, "message"));
            if flag(c, "valid") {
                return ok("verify", got);
            }
            let check = match name(c) {
                "verify_wrong_msg"
                | "verify_wrong_key"
                | "verify_tampered_R"
                | "verify_tampered_S"
                | "verify_plain_ed_sig_negative_key" => SignatureCheck::Equation,
                other => return Err(format!("no expected rule for {other}")),
            };
            fails_with(got, Error::InvalidSignature(check))
        }
        other => Err(format!("unknown kind {other}")),
    })
}
