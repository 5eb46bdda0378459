//! The vector harness: reads every `*.json` in `$OXEN_VECTORS_DIR` (default `tests/vectors`),
//! dispatches on the file name, checks every case (positive and negative) and fails on any
//! mismatch, on an unknown file name, and when no case was checked at all.
//! Run on the crate's own directory, a known file missing or yielding fewer cases than its
//! row in `KNOWN` fails, naming the file; on another `OXEN_VECTORS_DIR` the absent files are
//! listed (rules and their tests in `oxen-vector-harness`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use ed25519_dalek::SigningKey;
use oxen_crypto::CompressedPoint;
use oxen_crypto::address::Network;
use oxen_ons::encryption::{
    decrypt_heavy_with_key, encrypt_heavy_with_key, encrypt_with_nonce,
    name_to_encryption_key_argon2,
};
use oxen_ons::owner::{Ed25519Owner, MoneroOwner, sign_ed25519};
use oxen_ons::*;
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

fn b32(c: &J, k: &str) -> Result<[u8; 32], String> {
    bytes(c, k)?
        .try_into()
        .map_err(|_| format!("field {k:?} is not 32 bytes"))
}

fn u64_of(c: &J, k: &str) -> Result<u64, String> {
    c.get(k)
        .and_then(J::as_u64)
        .ok_or_else(|| format!("missing u64 field {k:?}"))
}

fn boolean(c: &J, k: &str) -> Result<bool, String> {
    c.get(k)
        .and_then(J::as_bool)
        .ok_or_else(|| format!("missing bool field {k:?}"))
}

fn eq<T: PartialEq + std::fmt::Debug>(what: &str, got: T, want: T) -> CaseResult {
    if got == want {
        Ok(())
    } else {
        Err(format!("{what}: got {got:?}, want {want:?}"))
    }
}

fn ty(c: &J) -> Result<MappingType, String> {
    let t = s(c, "type")?;
    MappingType::parse_ons_type(t).map_err(|_| format!("unknown type {t:?}"))
}

fn network(name: &str) -> Result<Network, String> {
    Network::ALL
        .into_iter()
        .find(|n| n.as_str() == name)
        .ok_or_else(|| format!("unknown network {name:?}"))
}

/// Runs `check` on every element of `v[key]`; returns the count, recording failures.
fn run(
    file: &str,
    v: &J,
    key: &str,
    failures: &mut Vec<String>,
    check: impl Fn(&J) -> CaseResult,
) -> usize {
    let Some(cases) = v.get(key).and_then(J::as_array) else {
        failures.push(format!("{file}: no `{key}` array"));
        return 0;
    };
    for (i, c) in cases.iter().enumerate() {
        if let Err(e) = check(c) {
            failures.push(format!("{file} {key}[{i}]: {e}"));
        }
    }
    cases.len()
}

/// The error each upstream reason text names.
fn name_reason(reason: &str) -> Result<Error, String> {
    let table = [
        (
            "does not start with an alphanumeric",
            Error::NameBadFirstChar,
        ),
        ("last character is a hyphen", Error::NameBadLastChar),
        (
            "preceding the .loki is not alphanumeric",
            Error::NameBadLastChar,
        ),
        ("contains more than the permitted", Error::NameBadChar),
        ("length=0 is 0", Error::NameEmpty),
        ("exceeds the maximum length", Error::NameTooLong),
        ("shorter than the shortest", Error::NameTooShort),
        (
            "does not end with the domain .loki",
            Error::NameMissingLokiSuffix,
        ),
        ("protocol reserved", Error::NameReserved),
        ("specifies reserved name `??--", Error::NameReservedHyphens),
    ];
    table
        .iter()
        .find(|(k, _)| reason.contains(k))
        .map(|&(_, e)| e)
        .ok_or_else(|| format!("unmapped reason {reason:?}"))
}

fn name_validation(f: &str, v: &J, fails: &mut Vec<String>) -> usize {
    run(f, v, "cases", fails, |c| {
        let t = ty(c)?;
        let raw = bytes(c, "name_hex")?;
        let got = validate_ons_name(t, &raw);
        if boolean(c, "valid")? {
            let n = got.map_err(|e| format!("rejected valid name: {e:?}"))?;
            eq(
                "normalised",
                n.as_str().as_bytes(),
                &raw.to_ascii_lowercase()[..],
            )?;
            eq(
                "hash",
                n.hash(),
                NameHash(name_to_hash(n.as_str().as_bytes(), None)),
            )
        } else {
            let want = name_reason(s(c, "reason")?)?;
            eq("error", got.map(|_| ()), Err(want))
        }
    })
}

fn name_hash(f: &str, v: &J, fails: &mut Vec<String>) -> usize {
    let n = run(f, v, "cases", fails, |c| {
        let name = s(c, "name")?;
        let h = NameHash::of(name).map_err(|e| format!("{e:?}"))?;
        eq("hash", h.0, b32(c, "name_hash")?)?;
        eq("base64", h.to_base64().as_str(), s(c, "name_hash_base64")?)?;
        eq("display", h.to_string().as_str(), s(c, "name_hash_base64")?)?;
        let key = name_to_encryption_key(name).map_err(|e| format!("{e:?}"))?;
        eq(
            "encryption key",
            *key.expose_bytes(),
            b32(c, "encryption_key")?,
        )?;
        let key2 = oxen_ons::encryption::name_to_encryption_key_with_hash(name, &h)
            .map_err(|e| format!("{e:?}"))?;
        eq(
            "encryption key (hash given)",
            *key2.expose_bytes(),
            b32(c, "encryption_key")?,
        )
    });
    n + run(f, v, "canonical", fails, |c| {
        let input = bytes(c, "input_hex")?;
        let got = NameHash::input_to_base64(&input);
        match c.get("expected").and_then(J::as_str) {
            Some(want) => eq("canonical", got.as_deref().map_err(|e| *e), Ok(want)),
            None => eq(
                "canonical",
                got.as_deref().map_err(|e| *e),
                Err(Error::NameHashInput),
            ),
        }
    })
}

fn decrypt_note_error(note: &str) -> Result<Error, String> {
    let table = [
        ("wrong name", Error::DecryptAuth),
        ("bit flipped", Error::DecryptAuth),
        ("truncated", Error::EncryptedValueLength),
        ("extra byte", Error::EncryptedValueLength),
        ("length mismatch", Error::EncryptedValueLength),
        ("decrypt() only", Error::DecryptType),
    ];
    table
        .iter()
        .find(|(k, _)| note.contains(k))
        .map(|&(_, e)| e)
        .ok_or_else(|| format!("unmapped note {note:?}"))
}

fn value_encryption(f: &str, v: &J, fails: &mut Vec<String>) -> usize {
    let mut n = run(f, v, "cases", fails, |c| {
        let (name, t) = (s(c, "name")?, ty(c)?);
        let plain = bytes(c, "plaintext")?;
        let stored = bytes(c, "encrypted_value")?;
        let nonce: [u8; 24] = bytes(c, "nonce")?.try_into().map_err(|_| "nonce len")?;
        eq("heavy", boolean(c, "heavy")?, false)?;
        let key = name_to_encryption_key(name).map_err(|e| format!("{e:?}"))?;
        eq("key", *key.expose_bytes(), b32(c, "key")?)?;
        let enc = encrypt_with_nonce(&key, &plain, &nonce).map_err(|e| format!("{e:?}"))?;
        eq("encrypted", enc.as_bytes(), &stored[..])?;
        eq("stored nonce", enc.nonce(t), nonce)?;
        eq(
            "validate_encrypted",
            EncryptedValue::new(t, &stored).map(|e| e.len()),
            Ok(stored.len()),
        )?;
        let dec = decrypt_raw(name, t, &stored).map_err(|e| format!("decrypt: {e:?}"))?;
        eq("decrypted", dec.as_bytes(), &plain[..])?;
        let typed = decrypt(name, t, &stored).map_err(|e| format!("typed decrypt: {e:?}"))?;
        eq(
            "typed round trip",
            typed.to_plaintext().as_bytes(),
            &plain[..],
        )?;
        eq("typed type", typed.mapping_type(), t)
    });
    n += run(f, v, "heavy_cases", fails, |c| {
        let (name, t) = (s(c, "name")?, ty(c)?);
        let plain = bytes(c, "plaintext")?;
        let stored = bytes(c, "encrypted_value")?;
        eq("heavy", boolean(c, "heavy")?, true)?;
        let key = name_to_encryption_key_argon2(name).map_err(|e| format!("{e:?}"))?;
        eq("argon2 key", *key.expose_bytes(), b32(c, "argon2_key")?)?;
        let enc = encrypt_heavy_with_key(&key, &plain).map_err(|e| format!("{e:?}"))?;
        eq("sealed", enc.as_bytes(), &stored[..])?;
        eq("zero nonce", enc.nonce(t), [0u8; 24])?;
        let p = decrypt_heavy_with_key(&key, &stored).map_err(|e| format!("{e:?}"))?;
        eq("opened", p.as_bytes(), &plain[..])?;
        // The full path (derives the key again): decrypt() picks the heavy scheme by length.
        let typed = decrypt(name, t, &stored).map_err(|e| format!("decrypt: {e:?}"))?;
        eq("typed", typed.to_plaintext().as_bytes(), &plain[..])
    });
    n + run(f, v, "decrypt_cases", fails, |c| {
        let (name, t) = (s(c, "name")?, ty(c)?);
        let stored = bytes(c, "encrypted_value")?;
        eq("expected", boolean(c, "expected")?, false)?;
        let want = decrypt_note_error(s(c, "note")?)?;
        eq(
            "error",
            decrypt_raw(name, t, &stored).map(|_| ()),
            Err(want),
        )
    })
}

fn encrypted_value_lengths(f: &str, v: &J, fails: &mut Vec<String>) -> usize {
    let n = run(f, v, "cases", fails, |c| {
        let t = ty(c)?;
        let len = usize::try_from(u64_of(c, "length")?).map_err(|e| e.to_string())?;
        let got = EncryptedValue::new(t, &vec![0xa5; len]).map(|e| e.len());
        if boolean(c, "valid")? {
            eq("accepted", got, Ok(len))
        } else {
            eq("rejected", got, Err(Error::EncryptedValueLength))
        }
    });
    n + run(f, v, "value_validation", fails, |c| {
        let t = ty(c)?;
        let got = Value::parse(Network::Mainnet, t, s(c, "value")?);
        if boolean(c, "valid")? {
            let val = got.map_err(|e| format!("rejected: {e:?}"))?;
            eq(
                "binary",
                val.to_plaintext().as_bytes(),
                &bytes(c, "binary")?[..],
            )?;
            // The readable form re-parses to the same value (session hex is shown lower-case).
            let again = Value::parse(
                Network::Mainnet,
                t,
                &val.to_readable_value(Network::Mainnet),
            );
            eq("readable round trip", again, Ok(val))
        } else {
            let note = s(c, "note")?;
            let table = [
                ("wrong prefix", Error::SessionIdPrefix),
                ("too short", Error::SessionIdLength),
                ("too long", Error::SessionIdLength),
                ("non-hex", Error::SessionIdHex),
                ("not y/o", Error::LokinetAddressLastChar),
                ("missing .loki", Error::LokinetAddressFormat),
                (".snode suffix", Error::LokinetAddressFormat),
                ("upper-case base32z", Error::LokinetAddressChar),
                ("invalid base32z char", Error::LokinetAddressChar),
            ];
            let want = table
                .iter()
                .find(|(k, _)| note.contains(k))
                .map(|&(_, e)| e)
                .ok_or_else(|| format!("unmapped note {note:?}"))?;
            eq("error", got, Err(want))
        }
    })
}

fn owner(o: &J) -> Result<Option<Owner>, String> {
    if o.is_null() {
        return Ok(None);
    }
    Ok(Some(match s(o, "type")? {
        "ed25519" => Owner::Ed25519(Ed25519Owner(b32(o, "ed25519")?)),
        "monero" => Owner::Monero(MoneroOwner {
            spend: CompressedPoint(b32(o, "spend_public_key")?),
            view: CompressedPoint(b32(o, "view_public_key")?),
            is_subaddress: boolean(o, "is_subaddress")?,
        }),
        t => return Err(format!("unknown owner type {t:?}")),
    }))
}

fn update_signature(f: &str, v: &J, fails: &mut Vec<String>) -> usize {
    let n = run(f, v, "cases", fails, |c| {
        let value = bytes(c, "encrypted_value")?;
        let o = owner(c.get("owner").ok_or("no owner")?)?;
        let b = owner(c.get("backup_owner").ok_or("no backup_owner")?)?;
        let txid = b32(c, "prev_txid")?;
        let data = SignatureData::new(&value, o.as_ref(), b.as_ref(), &txid)
            .map_err(|e| format!("{e:?}"))?;
        eq("data", data.as_bytes(), &bytes(c, "signature_data")?[..])?;
        let hash = b32(c, "signature_hash")?;
        eq("hash", data.hash(), hash)?;
        eq(
            "streamed hash",
            update_signature_hash(&value, o.as_ref(), b.as_ref(), &txid),
            Ok(hash),
        )?;
        let sk = SigningKey::from_bytes(&b32(c, "ed25519_seed")?);
        eq(
            "pubkey",
            sk.verifying_key().to_bytes(),
            b32(c, "ed25519_pubkey")?,
        )?;
        let sig = sign_ed25519(&hash, &sk);
        let want: [u8; 64] = bytes(c, "ed25519_signature")?
            .try_into()
            .map_err(|_| "sig len")?;
        eq("signature", sig, OwnerSignature::Ed25519(want))?;
        let signer = Owner::Ed25519(Ed25519Owner(sk.verifying_key().to_bytes()));
        eq("verifies", verify_ons_signature(&hash, &sig, &signer), true)?;
        let mut other = hash;
        other[31] ^= 1;
        eq(
            "other hash fails",
            verify_ons_signature(&other, &sig, &signer),
            false,
        )
    });
    n + run(f, v, "too_long", fails, |c| {
        let len = usize::try_from(u64_of(c, "encrypted_value_len")?).map_err(|e| e.to_string())?;
        let got =
            SignatureData::new(&vec![7; len], None, None, &[1; 32]).map(|d| d.as_bytes().len());
        if boolean(c, "expected_error")? {
            eq("rejected", got, Err(Error::ValueTooLong))
        } else {
            let want =
                usize::try_from(u64_of(c, "signature_data_len")?).map_err(|e| e.to_string())?;
            eq("length", got, Ok(want))
        }
    })
}

fn tx_type(t: &str) -> Result<OnsTxType, String> {
    Ok(match t {
        "lookup" => OnsTxType::Lookup,
        "buy" => OnsTxType::Buy,
        "update" => OnsTxType::Update,
        "renew" => OnsTxType::Renew,
        _ => return Err(format!("unknown tx {t:?}")),
    })
}

fn expected_type(c: &J) -> Result<Option<MappingType>, String> {
    match c.get("expected") {
        Some(J::Null) => Ok(None),
        Some(J::String(t)) => MappingType::parse_ons_type(t)
            .map(Some)
            .map_err(|_| format!("bad expected {t:?}")),
        e => Err(format!("bad expected {e:?}")),
    }
}

fn mapping_types(f: &str, v: &J, fails: &mut Vec<String>) -> usize {
    let mut n = run(f, v, "burn", fails, |c| {
        let (t, hf) = (
            ty(c)?,
            u8::try_from(u64_of(c, "hf")?).map_err(|e| e.to_string())?,
        );
        eq("burn", t.burn_needed(hf), u64_of(c, "burn_atomic")?)?;
        eq("allowed", t.allowed(hf), boolean(c, "type_allowed")?)
    });
    n += run(f, v, "expiry", fails, |c| {
        let (t, net) = (ty(c)?, network(s(c, "network")?)?);
        let want = c.get("expiry_blocks").and_then(J::as_u64);
        eq("expiry", t.expiry_blocks(net), want)
    });
    n += run(f, v, "parse_ons_type", fails, |c| {
        let input = s(c, "input")?;
        let want = expected_type(c)?;
        let got = MappingType::parse_ons_type(input).ok();
        if input.bytes().any(|b| b.is_ascii_uppercase()) {
            // Documented divergence: upstream's broken lower-casing never matches upper-case
            // input; we lower-case correctly. The vector must say "no match" and we must match
            // what the lower-cased input gives.
            eq("upstream (bug) rejects", want, None)?;
            eq(
                "lower-cased",
                got,
                MappingType::parse_ons_type(&input.to_ascii_lowercase()).ok(),
            )
        } else {
            eq("parse", got, want)
        }
    });
    n + run(f, v, "validate_mapping_type", fails, |c| {
        let hf = u8::try_from(u64_of(c, "hf")?).map_err(|e| e.to_string())?;
        let got = MappingType::validate_mapping_type(s(c, "input")?, hf, tx_type(s(c, "tx")?)?);
        match expected_type(c)? {
            Some(t) => eq("type", got, Ok(t)),
            None => eq("type", got, Err(Error::MappingTypeNotAllowed)),
        }
    })
}

/// A file checker (called with the file name and its JSON).
type Check = fn(&str, &J, &mut Vec<String>) -> usize;

/// Every known vector file, the fewest cases it must yield (the count when it was added), and
/// its checker. Adding a file is one row.
const KNOWN: &[Known<Check>] = &[
    known("name_validation.json", 324, name_validation),
    known("name_hash.json", 44, name_hash),
    known("value_encryption.json", 190, value_encryption),
    known("encrypted_value_lengths.json", 108, encrypted_value_lengths),
    known("update_signature.json", 27, update_signature),
    known("mapping_types.json", 234, mapping_types),
];

#[test]
fn vectors() {
    run_vector_dir(env!("CARGO_MANIFEST_DIR"), KNOWN, |name, check, v| {
        collect(|f| check(name, v, f))
    });
}
