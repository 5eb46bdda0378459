//! `encrypt_for_blinded_recipient.json`: blinded DMs with the recorded nonce, byte for byte
//! (15 and 25, 32- and 64-byte keys, recipient ids in the Session-ID and key-pair forms), and
//! every refusal of the inputs and of the recipient point.

use oxen_session::blinded_dm::encrypt_for_blinded_recipient_with;
use oxen_session::{BlindedId, Ed25519SecretKey, Error, Input, PointCheck, ServerPubkey};
use oxen_vector_harness::CheckResult;
use serde_json::Value;

use crate::support::{arr, bytes, each, eq, fails_with, name, ok, opt_s};

pub fn encrypt_for_blinded_recipient(v: &Value) -> CheckResult {
    each(v, |c| {
        let recipient = bytes(c, "recipient_blinded_id");
        let nonce: [u8; 24] = if opt_s(c, "error").is_some() {
            [0; 24] // refused before any nonce is drawn
        } else {
            arr(c, "nonce")
        };
        // the reference's order: key, server key, recipient id length, its prefix
        let got = Ed25519SecretKey::from_bytes(&bytes(c, "ed25519_privkey")).and_then(|sk| {
            let server = ServerPubkey::from_bytes(&bytes(c, "server_pk"))?;
            let recipient = BlindedId::from_bytes(&recipient)?;
            encrypt_for_blinded_recipient_with(
                &sk,
                &server,
                &recipient,
                &bytes(c, "message"),
                &nonce,
            )
        });
        if opt_s(c, "error").is_none() {
            let ct = ok("encrypt", got)?;
            eq(
                "ciphertext",
                ct.as_slice(),
                bytes(c, "ciphertext").as_slice(),
            )?;
            // the nonce is the ciphertext's tail
            return eq("nonce tail", &ct[ct.len() - 24..], &nonce[..]);
        }
        let point = |check| Error::InvalidPoint {
            input: Input::BlindedId,
            check,
        };
        let want = match name(c) {
            "err_prefix_05" | "err_prefix_16" => Error::InvalidPrefix {
                input: Input::BlindedId,
            },
            "err_id_len_32" => Error::InvalidLength {
                input: Input::BlindedId,
                len: recipient.len(),
            },
            "err_server_len_31" => Error::InvalidLength {
                input: Input::ServerPubkey,
                len: bytes(c, "server_pk").len(),
            },
            "err_sk_len_48" => Error::InvalidLength {
                input: Input::SeedOrSecretKey,
                len: bytes(c, "ed25519_privkey").len(),
            },
            // "Shared secret generation failed": libsodium's scalar multiplication refuses
            // the recipient point, each for its first failed check
            "err_recipient_identity_point" | "err_recipient_small_order_8" => {
                point(PointCheck::SmallOrder)
            }
            "err_recipient_not_on_curve" => point(PointCheck::NotOnCurve),
            "err_recipient_torsion_component" => point(PointCheck::NotInSubgroup),
            other => return Err(format!("no expected refusal for {other}")),
        };
        fails_with(got, want)
    })
}
