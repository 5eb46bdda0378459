//! The vector harness: reads every `*.json` in `$OXEN_VECTORS_DIR` (default `tests/vectors`),
//! dispatches on the file name, checks every case (positive and negative) and fails on any
//! mismatch, on an unknown file name, and when no case was checked at all.
//! Run on the crate's own directory, a known file missing or yielding fewer cases than its
//! row in `KNOWN` fails, naming the file; on another `OXEN_VECTORS_DIR` the absent files are
//! listed (rules and their tests in `oxen-vector-harness`).
//!
//! Every rejection asserts the error variant its upstream message (oxen-core's log line) or
//! exception class (Session desktop) names; see `oxen_error` and `session_error`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use oxen_mnemonic::*;
use oxen_vector_harness::{Known, collect, known, run_vector_dir};
use serde_json::Value as J;

type CaseResult = Result<(), String>;

fn s<'a>(c: &'a J, k: &str) -> Result<&'a str, String> {
    c.get(k)
        .and_then(J::as_str)
        .ok_or_else(|| format!("missing string field {k:?}"))
}

fn bytes(c: &J, k: &str) -> Result<Vec<u8>, String> {
    hex::decode(s(c, k)?).map_err(|e| format!("field {k:?}: {e}"))
}

fn eq<T: PartialEq + std::fmt::Debug>(what: &str, got: T, want: T) -> CaseResult {
    if got == want {
        Ok(())
    } else {
        Err(format!("{what}: got {got:?}, want {want:?}"))
    }
}

/// The variant each oxen-core message names.
fn oxen_error(msg: &str) -> Result<Error, String> {
    Ok(match msg {
        "Invalid seed: not a multiple of 4" => Error::InvalidExpectedLength,
        "Invalid seed: unexpected number of words" => Error::WrongWordCount,
        "Invalid seed: language not found" => Error::LanguageNotFound,
        "Invalid seed: invalid checksum" => Error::InvalidChecksum,
        "Invalid seed: mumble mumble" => Error::TripleOverflow,
        "Invalid seed: wrong output size" => Error::WrongOutputSize,
        "unknown language (bytes_to_words returns false)" => Error::LanguageNotEncodable,
        _ => return Err(format!("unmapped oxen-core error {msg:?}")),
    })
}

/// The variant each Session desktop exception class names (`DecodingError` cannot be raised,
/// so it has no variant and fails the case).
fn session_error(class: &str) -> Result<Error, String> {
    Ok(match class {
        "NotEnoughWordsError" => Error::NotEnoughWords,
        "TooManyWordsError" => Error::TooManyWords,
        "InvalidWordsError" => Error::UnknownWord,
        "VerificationError" => Error::InvalidChecksum,
        _ => return Err(format!("unmapped Session error {class:?}")),
    })
}

fn language(c: &J) -> Result<Language, String> {
    let name = s(c, "language")?;
    Language::from_name(name).map_err(|_| format!("unknown language {name:?}"))
}

/// oxen-core decoding: the restore form, or the general form when the case has `len`.
fn oxen_decode(c: &J, words: &str) -> Result<(Vec<u8>, Language), Error> {
    match c.get("len").and_then(J::as_u64) {
        Some(len) => words_to_bytes(words, usize::try_from(len).unwrap())
            .map(|(b, l)| (b.expose_bytes().to_vec(), l)),
        None => words_to_wallet_seed(words).map(|(b, l)| (b.expose_bytes().to_vec(), l)),
    }
}

fn oxen_electrum_case(c: &J) -> CaseResult {
    let op = s(c, "op")?;
    if let Some(msg) = c.get("error").and_then(J::as_str) {
        let want = oxen_error(msg)?;
        return match op {
            "decode" => eq(
                "error",
                oxen_decode(c, s(c, "words")?).map(|_| ()),
                Err(want),
            ),
            "encode" => eq(
                "error",
                bytes_to_words(&bytes(c, "seed_hex")?, language(c)?).map(|_| ()),
                Err(want),
            ),
            _ => Err(format!("error case with op {op:?}")),
        };
    }
    let words = s(c, "words")?;
    let seed = bytes(c, "seed_hex")?;
    let lang = language(c)?;
    if op == "both" || op == "encode" {
        let phrase = bytes_to_words(&seed, lang).map_err(|e| format!("encode: {e:?}"))?;
        eq("words", phrase.expose_str(), words)?;
    }
    if op == "both" || op == "decode" {
        let (got, got_lang) = oxen_decode(c, words).map_err(|e| format!("decode: {e:?}"))?;
        eq("bytes", hex::encode(got), hex::encode(&seed))?;
        eq("language", got_lang, lang)?;
        eq("language_name", got_lang.name(), s(c, "language_name")?)?;
    }
    if !matches!(op, "both" | "encode" | "decode") {
        return Err(format!("unknown op {op:?}"));
    }
    Ok(())
}

/// oxen-core's verdict with `L = 16` on a Session case: `oxen_core_len16` where the vector
/// gives it, else the same verdict (and bytes) as Session's.
fn oxen_core_len16(c: &J, words: &str, session: Option<&[u8]>) -> CaseResult {
    let got = words_to_bytes(words, 16).map(|(b, _)| hex::encode(b.expose_bytes()));
    match c.get("oxen_core_len16").and_then(J::as_str) {
        Some(v) => match v.strip_prefix("error: ") {
            Some(msg) => eq("oxen-core L=16", got, Err(oxen_error(msg)?)),
            None => eq("oxen-core L=16", got, Ok(v.to_owned())),
        },
        None => match session {
            Some(b) => eq("oxen-core L=16 (agrees)", got, Ok(hex::encode(b))),
            None => eq("oxen-core L=16 rejects (agrees)", got.is_err(), true),
        },
    }
}

fn session_case(c: &J) -> CaseResult {
    let words = s(c, "words")?;
    let op = s(c, "op")?;
    if op != "both" && op != "decode" {
        return Err(format!("unknown op {op:?}"));
    }
    if let Some(class) = c.get("error").and_then(J::as_str) {
        eq("error", mn_decode(words), Err(session_error(class)?))?;
        return oxen_core_len16(c, words, None);
    }
    let seed = bytes(c, "seed_hex")?;
    if let Some(l) = c.get("language") {
        eq("language", l.as_str(), Some("english"))?;
    }
    let mut ed_seed = seed.clone();
    ed_seed.extend_from_slice(&[0; 16]);
    eq(
        "ed25519_seed_hex",
        hex::encode(&ed_seed),
        s(c, "ed25519_seed_hex")?.to_owned(),
    )?;
    let entropy = mn_decode(words).map_err(|e| format!("mn_decode: {e:?}"))?;
    eq(
        "bytes",
        hex::encode(entropy.expose_bytes()),
        hex::encode(&seed),
    )?;
    if op == "both" {
        let arr: [u8; 16] = seed
            .clone()
            .try_into()
            .map_err(|_| "seed is not 16 bytes")?;
        eq(
            "mn_encode",
            mn_encode(&SessionEntropy::from_bytes(arr)).expose_str(),
            words,
        )?;
    }
    if let Some(re) = c.get("reencoded_words").and_then(J::as_str) {
        eq("re-encoded", mn_encode(&entropy).expose_str(), re)?;
        if re == words {
            return Err("reencoded_words equal the input".into());
        }
    }
    oxen_core_len16(c, words, Some(&seed))
}

/// Runs `check` on every element of `v["cases"]`; returns the count, recording failures.
fn run(file: &str, v: &J, failures: &mut Vec<String>, check: fn(&J) -> CaseResult) -> usize {
    let Some(cases) = v.get("cases").and_then(J::as_array) else {
        failures.push(format!("{file}: no `cases` array"));
        return 0;
    };
    for (i, c) in cases.iter().enumerate() {
        if let Err(e) = check(c) {
            let name = c.get("name").and_then(J::as_str).unwrap_or("?");
            failures.push(format!("{file} cases[{i}] ({name}): {e}"));
        }
    }
    cases.len()
}

fn oxen_electrum(f: &str, v: &J, fails: &mut Vec<String>) -> usize {
    run(f, v, fails, oxen_electrum_case)
}

fn session_recovery(f: &str, v: &J, fails: &mut Vec<String>) -> usize {
    run(f, v, fails, session_case)
}

/// A file checker (called with the file name and its JSON).
type Check = fn(&str, &J, &mut Vec<String>) -> usize;

/// Every known vector file, the fewest cases it must yield (the count when it was added), and
/// its checker. Adding a file is one row.
const KNOWN: &[Known<Check>] = &[
    known("oxen_electrum.json", 117, oxen_electrum),
    known("session_recovery.json", 37, session_recovery),
];

#[test]
fn vectors() {
    run_vector_dir(env!("CARGO_MANIFEST_DIR"), KNOWN, |name, check, v| {
        collect(|f| check(name, v, f))
    });
}
