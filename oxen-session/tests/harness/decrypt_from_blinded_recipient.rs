//! `decrypt_from_blinded_recipient.json`: blinded DMs opened by the recipient and by the sender
//! (15 and 25, 32- and 64-byte keys), with the plaintext and the sender's Session ID; every
//! refusal of §7's checks, in order, with its variant.

use oxen_session::blinded_dm;
use oxen_session::{BlindedId, Ed25519SecretKey, Error, Input, PointCheck, ServerPubkey};
use oxen_vector_harness::CheckResult;
use serde_json::Value;

use crate::support::{bytes, each, eq, fails_with, name, ok, opt_s, s};

pub fn decrypt_from_blinded_recipient(v: &Value) -> CheckResult {
    each(v, |c| {
        let sk = ok(
            "key",
            Ed25519SecretKey::from_bytes(&bytes(c, "ed25519_privkey")),
        )?;
        let server = ok("server", ServerPubkey::from_bytes(&bytes(c, "server_pk")))?;
        let sender = ok("sender_id", BlindedId::from_bytes(&bytes(c, "sender_id")))?;
        let recipient = ok(
            "recipient_id",
            BlindedId::from_bytes(&bytes(c, "recipient_id")),
        )?;
        let ct = bytes(c, "ciphertext");
        let got =
            blinded_dm::decrypt_from_blinded_recipient(&sk, &server, &sender, &recipient, &ct);
        if opt_s(c, "error").is_none() {
            let (plain, from) = ok("decrypt", got)?;
            eq(
                "plaintext",
                plain.as_slice(),
                bytes(c, "plaintext").as_slice(),
            )?;
            return eq(
                "sender_session_id",
                from.to_hex().as_str(),
                s(c, "sender_session_id"),
            );
        }
        let len = ct.len();
        let n = name(c);
        let point = |check| Error::InvalidPoint {
            input: Input::BlindedId,
            check,
        };
        let want = match n.split_once('_').map_or(n, |(_, rest)| rest) {
            // Notes: the recipient's Ed25519 key is negative and the message was addressed to
            // the 15 id derived from its Session ID (the negation of its key-pair id); the
            // reference's shared secret then differs in sign and the AEAD fails.
            "recipient_2" | "recipient_4" | "recipient_6" | "recipient_8" | "recipient_10" => {
                Error::DecryptionFailed
            }
            "wrong_key" | "tampered_1" | "tampered_10" | "tampered_83" | "tampered_112"
            | "truncated_1" => Error::DecryptionFailed,
            // 15 keys do not depend on the server: the wrong server key decrypts, and the sender
            // id recomputed from the inner key with that server's k15 differs. 25 keys do.
            "wrong_server" if n.starts_with("b15") => Error::SenderMismatch,
            "wrong_server" => Error::DecryptionFailed,
            "version_1" | "valid_payload_version_1" => Error::UnsupportedVersion { version: 1 },
            "too_short_40" => Error::CiphertextTooShort { len, min: 41 },
            "min_len_41_inner_too_short" | "inner_31_bytes" => {
                Error::CiphertextTooShort { len, min: 73 }
            }
            "mixed_prefixes" => Error::BlindedPrefixMismatch,
            "inner_sender_mismatch" => Error::SenderMismatch,
            "small_order_sender_identity" | "small_order_sender_8" => point(PointCheck::SmallOrder),
            "torsion_sender" => point(PointCheck::NotInSubgroup),
            // the sender id with bit 255 flipped (its negation): the recipient's shared secret
            // is negated too, so the key opens nothing (the reference fails at the AEAD)
            "negative_sender_flipped_id" => Error::DecryptionFailed,
            other => return Err(format!("no expected refusal for {other}")),
        };
        fails_with(got, want)
    })
}
