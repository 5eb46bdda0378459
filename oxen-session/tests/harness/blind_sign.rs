//! `blind_sign.json`: `blind15_sign` / `blind25_sign` with 32- and 64-byte keys and the server
//! key as raw bytes or hex text (either case); each signature byte for byte, its verdict under
//! the blinded key (plain Ed25519 verification), and the blinded id it belongs to.

use oxen_session::blinding::{
    blind15_id, blind15_ids, blind15_key_pair, blind15_sign, blind25_id, blind25_key_pair,
    blind25_sign,
};
use oxen_session::{BlindedId, Ed25519SecretKey, Error, Input, ServerPubkey, ed25519};
use oxen_vector_harness::CheckResult;
use serde_json::Value;

use crate::support::{arr, bytes, each, eq, fails_with, flag, name, ok, opt_s, s};

pub fn blind_sign(v: &Value) -> CheckResult {
    each(v, |c| {
        let is15 = match s(c, "kind") {
            "blind15_sign" => true,
            "blind25_sign" => false,
            other => return Err(format!("unknown kind {other}")),
        };
        // the server key as the reference received it: 32 raw bytes, or the hex text's bytes
        let server_in = match opt_s(c, "server_pk_hex") {
            Some(text) => text.as_bytes().to_vec(),
            None => bytes(c, "server_pk"),
        };
        let message = bytes(c, "message");
        // the reference's order: the key, then the server key
        let got = Ed25519SecretKey::from_bytes(&bytes(c, "ed25519_privkey")).and_then(|sk| {
            let server = ServerPubkey::parse(&server_in)?;
            Ok(if is15 {
                blind15_sign(&sk, &server, &message)
            } else {
                blind25_sign(&sk, &server, &message)
            })
        });
        if opt_s(c, "error").is_some() {
            let want = match name(c).split_once("_sign_").map(|(_, r)| r) {
                Some("bad_sk_len") => Error::InvalidLength {
                    input: Input::SeedOrSecretKey,
                    len: bytes(c, "ed25519_privkey").len(),
                },
                Some("server_pk_31" | "server_hex_63") => Error::InvalidLength {
                    input: Input::ServerPubkey,
                    len: server_in.len(),
                },
                Some("server_hex_not_hex") => Error::InvalidHex {
                    input: Input::ServerPubkey,
                },
                _ => return Err("no expected refusal".into()),
            };
            return fails_with(got, want);
        }
        let sig = ok("sign", got)?;
        eq("signature", sig.to_bytes(), arr(c, "signature"))?;
        if c.get("blinded_pk").is_none() {
            // the upper-case hex server key cases record the signature only
            return Ok(());
        }
        let sk = ok(
            "key",
            Ed25519SecretKey::from_bytes(&bytes(c, "ed25519_privkey")),
        )?;
        let server = ok("server", ServerPubkey::parse(&server_in))?;
        let pair_id = if is15 {
            blind15_key_pair(&sk, &server).id()
        } else {
            blind25_key_pair(&sk, &server).id()
        };
        eq("blinded_pk", pair_id.key().to_bytes(), arr(c, "blinded_pk"))?;
        let m = &message;
        eq(
            "verifies",
            ed25519::verify(&sig, pair_id.key(), m).is_ok(),
            flag(c, "verifies"),
        )?;
        // the recorded id is the one derived from the Session ID: for 25 the key pair's own,
        // for 15 one of the two sign forms
        let recorded = BlindedId::from_bytes(&bytes(c, "blinded_id")).map_err(|e| e.to_string())?;
        let sid = sk.session_id();
        if is15 {
            eq("blind15_id", ok("id", blind15_id(&sid, &server))?, recorded)?;
            eq(
                "key pair id is a Session ID form",
                ok("ids", blind15_ids(&sid, &server))?.contains(&pair_id),
                true,
            )
        } else {
            eq("blind25_id", ok("id", blind25_id(&sid, &server))?, recorded)?;
            eq("key pair id", pair_id, recorded)
        }
    })
}
