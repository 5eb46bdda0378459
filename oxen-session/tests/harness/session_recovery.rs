//! `session_recovery.json` (`shared/vectors/mnemonic/`, produced by running session-desktop's
//! `mnEncode`/`mnDecode` and its key steps): phrase → seed → Ed25519 key → Session ID, seed →
//! phrase, and every refusal as `Error::Mnemonic` with its `oxen_mnemonic` variant. The word
//! scheme itself is `oxen-mnemonic`'s (checked there too); this file pins how the account is
//! derived from it.

use oxen_session::oxen_mnemonic;
use oxen_session::recovery::{account_from_phrase, phrase_from_seed, seed_from_phrase};
use oxen_session::{Error, Seed};
use oxen_vector_harness::CheckResult;
use serde_json::Value;

use crate::support::{arr, each, eq, fails_with, ok, opt_s, s};

/// The variant each thrown class maps to.
fn expected_error(class: &str) -> Result<Error, String> {
    Ok(Error::Mnemonic(match class {
        "NotEnoughWordsError" => oxen_mnemonic::Error::NotEnoughWords,
        "TooManyWordsError" => oxen_mnemonic::Error::TooManyWords,
        "InvalidWordsError" => oxen_mnemonic::Error::UnknownWord,
        "VerificationError" => oxen_mnemonic::Error::InvalidChecksum,
        other => return Err(format!("no variant for upstream error {other:?}")),
    }))
}

pub fn session_recovery(v: &Value) -> CheckResult {
    each(v, |c| {
        let words = s(c, "words");
        let op = s(c, "op");
        if let Some(class) = opt_s(c, "error") {
            return fails_with(account_from_phrase(words), expected_error(class)?);
        }
        if op == "encode" {
            let mut seed = [0u8; 32];
            seed[..16].copy_from_slice(&arr::<16>(c, "seed_hex"));
            let phrase = ok("encode", phrase_from_seed(&Seed::from_array(seed)))?;
            return eq("words", phrase.expose_str(), words);
        }
        // decode (and, for `both`, encode back)
        let seed = ok("seed", seed_from_phrase(words))?;
        eq(
            "entropy",
            seed.expose_bytes()[..16].to_vec(),
            arr::<16>(c, "seed_hex").to_vec(),
        )?;
        eq(
            "ed25519 seed",
            *seed.expose_bytes(),
            arr::<32>(c, "ed25519_seed_hex"),
        )?;
        let account = ok("account", account_from_phrase(words))?;
        eq("seed of account", account.seed(), &seed)?;
        eq(
            "ed25519 pk",
            account.public_key().to_bytes(),
            arr::<32>(c, "ed25519_pk_hex"),
        )?;
        eq(
            "session id",
            account.session_id().to_hex().as_str(),
            s(c, "session_id"),
        )?;
        let back = ok("encode", phrase_from_seed(&seed))?;
        match (op, opt_s(c, "reencoded_words")) {
            ("both", _) => eq("words", back.expose_str(), words),
            // Session keeps an overflowing triple's low 32 bits: other words come back
            (_, Some(again)) => eq("reencoded words", back.expose_str(), again),
            // prefixes and junk after them decode, but encode back to the full words
            _ => eq(
                "re-decoded",
                ok("decode again", seed_from_phrase(back.expose_str()))?,
                seed,
            ),
        }
    })
}
