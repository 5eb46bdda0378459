//! The vector harness: reads every `*.json` in `$OXEN_VECTORS_DIR` (default `tests/vectors`),
//! dispatches on the file name, checks every case (positive and negative) and fails on any
//! mismatch, on an unknown file name, on a known file missing or short in the crate's own
//! directory, and when no case was checked at all (rules in `oxen-vector-harness`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

#[path = "harness_address.rs"]
mod harness_address;

use oxen_crypto::hash::keccak256;
use oxen_crypto::hash_to_point::ge_fromfe_frombytes_vartime;
use oxen_crypto::*;
use oxen_vector_harness::{CheckResult, Known, known, run_vector_dir};
use serde_json::Value;

type CaseResult = Result<(), String>;

fn field<'a>(c: &'a Value, k: &str) -> Result<&'a Value, String> {
    c.get(k).ok_or_else(|| format!("missing field {k:?}"))
}

fn s<'a>(c: &'a Value, k: &str) -> Result<&'a str, String> {
    field(c, k)?
        .as_str()
        .ok_or_else(|| format!("field {k:?} not a string"))
}

fn bytes(c: &Value, k: &str) -> Result<Vec<u8>, String> {
    hex::decode(s(c, k)?).map_err(|e| format!("field {k:?}: {e}"))
}

fn b32(c: &Value, k: &str) -> Result<[u8; 32], String> {
    bytes(c, k)?
        .try_into()
        .map_err(|_| format!("field {k:?} is not 32 bytes"))
}

fn hex32(v: &Value) -> Result<[u8; 32], String> {
    let h = v.as_str().ok_or("not a string")?;
    hex::decode(h)
        .map_err(|e| e.to_string())?
        .try_into()
        .map_err(|_| "not 32 bytes".to_string())
}

fn boolean(c: &Value, k: &str) -> Result<bool, String> {
    field(c, k)?
        .as_bool()
        .ok_or_else(|| format!("field {k:?} not a bool"))
}

fn u64_of(c: &Value, k: &str) -> Result<u64, String> {
    field(c, k)?
        .as_u64()
        .ok_or_else(|| format!("field {k:?} not a u64"))
}

fn eq<T: PartialEq + std::fmt::Debug>(what: &str, got: T, want: T) -> CaseResult {
    if got == want {
        Ok(())
    } else {
        Err(format!("{what}: got {got:?}, want {want:?}"))
    }
}

/// Runs `check` on every case of a file; returns the count or the failures.
fn run_cases(
    file: &str,
    v: &Value,
    check: impl Fn(&Value) -> CaseResult,
) -> Result<usize, Vec<String>> {
    let cases = v
        .get("cases")
        .and_then(Value::as_array)
        .ok_or_else(|| vec![format!("{file}: no `cases` array")])?;
    let failures: Vec<String> = cases
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            check(c).err().map(|e| {
                let note = c.get("note").and_then(Value::as_str).unwrap_or("");
                format!("{file} case {i} ({note}): {e}")
            })
        })
        .collect();
    if failures.is_empty() {
        Ok(cases.len())
    } else {
        Err(failures)
    }
}

// ---------------------------------------------------------------- hashing

fn keccak(c: &Value) -> CaseResult {
    let input = bytes(c, "input")?;
    eq("length", input.len() as u64, u64_of(c, "length")?)?;
    eq("keccak", keccak256(&input), b32(c, "output")?)
}

fn hash_to_scalar_case(c: &Value) -> CaseResult {
    let input = bytes(c, "input")?;
    eq("keccak", keccak256(&input), b32(c, "keccak")?)?;
    eq("Hs", hash_to_scalar(&input).to_bytes(), b32(c, "output")?)?;
    let mut h = hash::Keccak256::new();
    for chunk in input.chunks(7) {
        h.update(chunk);
    }
    eq(
        "incremental Hs",
        h.finalize_scalar().to_bytes(),
        b32(c, "output")?,
    )
}

fn hash_to_point_case(c: &Value) -> CaseResult {
    let p = ge_fromfe_frombytes_vartime(&b32(c, "input")?);
    eq("map", p.to_bytes(), b32(c, "output")?)
}

fn hash_to_ec_case(c: &Value) -> CaseResult {
    let input = b32(c, "input")?;
    if c.get("keccak").is_some() {
        let k = keccak256(&input);
        eq("keccak", k, b32(c, "keccak")?)?;
        eq(
            "unmultiplied",
            ge_fromfe_frombytes_vartime(&k).to_bytes(),
            b32(c, "unmultiplied")?,
        )?;
    }
    let want = b32(c, "output")?;
    eq("hash_to_ec", hash_to_ec(&input).to_bytes(), want)?;
    eq(
        "hash_to_ec_vartime",
        hash_to_ec_vartime(&input).to_bytes(),
        want,
    )
}

// ---------------------------------------------------------------- encodings

fn check_key_case(c: &Value) -> CaseResult {
    let key = b32(c, "key")?;
    let expected = boolean(c, "expected")?;
    eq("check_key", Point::check_key(&key), expected)?;
    match Point::from_bytes(&key) {
        Ok(p) => {
            eq("re-encoding", p.to_bytes(), key)?;
            eq(
                "prime_order",
                p.is_torsion_free(),
                boolean(c, "prime_order")?,
            )
        }
        Err(e) => {
            // the decoder's error names the failed rule
            let masked_y_ge_p = {
                let mut y = key;
                y[31] &= 0x7f;
                let p = {
                    let mut p = [0xffu8; 32];
                    p[0] = 0xed;
                    p[31] = 0x7f;
                    p
                };
                y.iter().rev().cmp(p.iter().rev()) != std::cmp::Ordering::Less
            };
            if masked_y_ge_p && e != Error::NonCanonicalPoint {
                return Err(format!("y >= p rejected with {e:?}"));
            }
            Ok(())
        }
    }
}

fn sc_check_case(c: &Value) -> CaseResult {
    let sc = b32(c, "scalar")?;
    let expected = boolean(c, "expected")?;
    let got = Scalar::from_canonical_bytes(&sc);
    eq("sc_check", got.is_ok(), expected)?;
    if let Ok(s) = got {
        eq("canonical round trip", s.to_bytes(), sc)?;
    } else {
        eq("error", got.unwrap_err(), Error::NonCanonicalScalar)?;
    }
    eq(
        "sc_reduce32",
        Scalar::from_bytes_mod_order(sc).to_bytes(),
        b32(c, "reduced")?,
    )
}

// ---------------------------------------------------------------- keys

fn secret_to_public_case(c: &Value) -> CaseResult {
    let secret = b32(c, "secret")?;
    if c.get("recovery_key").is_some() {
        let (sec, public) = generate_keys_recover(&b32(c, "recovery_key")?);
        eq("recovered secret", *sec.to_bytes(), secret)?;
        return eq("recovered public", public.to_bytes(), b32(c, "public")?);
    }
    let got = secret_key_to_public_key(&secret);
    if boolean(c, "expected")? {
        eq("public", got.map(|p| p.to_bytes()), Ok(b32(c, "public")?))
    } else {
        eq(
            "rejection",
            got.map(|p| p.to_bytes()),
            Err(Error::NonCanonicalScalar),
        )
    }
}

fn generate_key_derivation_case(c: &Value) -> CaseResult {
    let public = PublicKey(b32(c, "public")?);
    let secret = SecretKey::from_canonical_bytes(&b32(c, "secret")?).map_err(|e| e.to_string())?;
    let got = generate_key_derivation(&public, &secret);
    if boolean(c, "expected")? {
        eq(
            "derivation",
            got.map(|d| d.to_bytes()),
            Ok(b32(c, "derivation")?),
        )
    } else {
        eq("rejected", got.is_err(), true)
    }
}

fn derivation_to_scalar_case(c: &Value) -> CaseResult {
    let d = KeyDerivation(b32(c, "derivation")?);
    eq(
        "scalar",
        derivation_to_scalar(&d, u64_of(c, "output_index")?).to_bytes(),
        b32(c, "scalar")?,
    )
}

fn derive_public_key_case(c: &Value) -> CaseResult {
    let d = KeyDerivation(b32(c, "derivation")?);
    let got = derive_public_key(&d, u64_of(c, "output_index")?, &PublicKey(b32(c, "base")?));
    if boolean(c, "expected")? {
        eq("derived", got.map(|p| p.to_bytes()), Ok(b32(c, "derived")?))
    } else {
        eq("rejected", got.is_err(), true)
    }
}

fn derive_secret_key_case(c: &Value) -> CaseResult {
    let d = KeyDerivation(b32(c, "derivation")?);
    let base = SecretKey::from_canonical_bytes(&b32(c, "base")?).map_err(|e| e.to_string())?;
    let got = derive_secret_key(&d, u64_of(c, "output_index")?, &base);
    eq("derived", *got.to_bytes(), b32(c, "derived")?)
}

fn derive_subaddress_public_key_case(c: &Value) -> CaseResult {
    let d = KeyDerivation(b32(c, "derivation")?);
    let got = derive_subaddress_public_key(
        &PublicKey(b32(c, "out_key")?),
        &d,
        u64_of(c, "output_index")?,
    );
    if boolean(c, "expected")? {
        eq("result", got.map(|p| p.to_bytes()), Ok(b32(c, "result")?))
    } else {
        eq("rejected", got.is_err(), true)
    }
}

fn subaddress_case(c: &Value) -> CaseResult {
    let a = SecretKey::from_canonical_bytes(&b32(c, "view_secret")?).map_err(|e| e.to_string())?;
    let b = PublicKey(b32(c, "spend_public")?);
    let major = u32::try_from(u64_of(c, "major")?).map_err(|e| e.to_string())?;
    let minor = u32::try_from(u64_of(c, "minor")?).map_err(|e| e.to_string())?;
    eq(
        "m",
        *get_subaddress_secret_key(&a, major, minor).to_bytes(),
        b32(c, "subaddress_secret")?,
    )?;
    let spend = get_subaddress_spend_public_key(&b, &a, major, minor).map_err(|e| e.to_string())?;
    eq(
        "spend",
        spend.to_bytes(),
        b32(c, "subaddress_spend_public")?,
    )?;
    let (d, cc) = get_subaddress(&b, &a, major, minor).map_err(|e| e.to_string())?;
    eq("spend", d.to_bytes(), b32(c, "subaddress_spend_public")?)?;
    eq("view", cc.to_bytes(), b32(c, "subaddress_view_public")?)
}

fn key_image_case(c: &Value) -> CaseResult {
    let x = SecretKey::from_canonical_bytes(&b32(c, "secret")?).map_err(|e| e.to_string())?;
    let ki = generate_key_image(&PublicKey(b32(c, "public")?), &x);
    eq("key image", ki.to_bytes(), b32(c, "key_image")?)
}

// ---------------------------------------------------------------- signatures

fn sig64(c: &Value, k: &str) -> Result<Signature, String> {
    Signature::from_slice(&bytes(c, k)?).map_err(|e| format!("{k}: {e}"))
}

/// Maps a case note to the exact rejection the verifier must report.
fn expected_error(note: &str) -> Option<Error> {
    let table: &[(&str, Error)] = &[
        ("c = 0", Error::ChallengeZero),
        ("so that R = identity", Error::IdentityR),
        ("non-canonical", Error::NonCanonicalScalar),
        ("r + l", Error::NonCanonicalScalar),
        ("c + l", Error::NonCanonicalScalar),
        ("flipped bit", Error::SignatureMismatch),
        ("wrong", Error::SignatureMismatch),
        ("swapped", Error::SignatureMismatch),
        ("replaced", Error::SignatureMismatch),
        ("different transcript", Error::SignatureMismatch),
        ("D = identity", Error::IdentityD),
        ("key image = identity", Error::IdentityKeyImage),
        ("not canonical (y = p+1)", Error::NonCanonicalPoint),
        ("D negated", Error::SignatureMismatch),
        ("ring order changed", Error::SignatureMismatch),
    ];
    table
        .iter()
        .find(|(k, _)| note.contains(k))
        .map(|(_, e)| *e)
}

/// Checks a verifier's verdict against `expected` and, for a negative case whose note names the
/// failed check, the exact error (a flipped bit may also make a scalar non-canonical or a
/// point undecodable, so only "does not decode" notes and exact-kind notes are pinned).
fn verdict(c: &Value, got: Result<(), Error>) -> CaseResult {
    let expected = boolean(c, "expected")?;
    let note = c.get("note").and_then(Value::as_str).unwrap_or("");
    match (expected, got) {
        (true, Ok(())) => Ok(()),
        (true, Err(e)) => Err(format!("rejected a valid case: {e:?}")),
        (false, Ok(())) => Err("accepted an invalid case".into()),
        (false, Err(e)) => {
            if note.contains("does not decode") {
                if matches!(e, Error::InvalidPoint | Error::NonCanonicalPoint) {
                    return Ok(());
                }
                return Err(format!("expected a decoding error, got {e:?}"));
            }
            match expected_error(note) {
                Some(Error::SignatureMismatch) if note.contains("flipped bit") => {
                    // a flipped high bit can also make the scalar non-canonical
                    if matches!(
                        e,
                        Error::SignatureMismatch | Error::NonCanonicalScalar | Error::ChallengeZero
                    ) {
                        Ok(())
                    } else {
                        Err(format!("unexpected error {e:?}"))
                    }
                }
                Some(want) if want != e => Err(format!("error {e:?}, want {want:?}")),
                _ => Ok(()),
            }
        }
    }
}

fn signature_case(c: &Value) -> CaseResult {
    let got = verify_signature(
        &b32(c, "prefix_hash")?,
        &PublicKey(b32(c, "public")?),
        &sig64(c, "signature")?,
    );
    verdict(c, got)
}

fn key_image_signature_case(c: &Value) -> CaseResult {
    let got = verify_key_image_signature(
        &KeyImage(b32(c, "key_image")?),
        &PublicKey(b32(c, "public")?),
        &sig64(c, "signature")?,
    );
    verdict(c, got)
}

fn ring_signature_case(c: &Value) -> CaseResult {
    let pubs = field(c, "pubs")?
        .as_array()
        .ok_or("pubs")?
        .iter()
        .map(|p| hex32(p).map(PublicKey))
        .collect::<Result<Vec<_>, _>>()?;
    let sigs = field(c, "signatures")?
        .as_array()
        .ok_or("signatures")?
        .iter()
        .map(|p| {
            Signature::from_slice(
                &hex::decode(p.as_str().ok_or("sig")?).map_err(|e| e.to_string())?,
            )
            .map_err(|e| e.to_string())
        })
        .collect::<Result<Vec<_>, _>>()?;
    let got = verify_ring_signature(
        &b32(c, "prefix_hash")?,
        &KeyImage(b32(c, "key_image")?),
        &pubs,
        &sigs,
    );
    verdict(c, got)
}

// ---------------------------------------------------------------- CLSAG / MLSAG

fn ring_of(c: &Value) -> Result<Vec<RingMember>, String> {
    field(c, "ring")?
        .as_array()
        .ok_or("ring")?
        .iter()
        .map(|m| {
            Ok((
                CompressedPoint(b32(m, "dest")?),
                CompressedPoint(b32(m, "mask")?),
            ))
        })
        .collect()
}

fn clsag_case(c: &Value) -> CaseResult {
    let ring = ring_of(c)?;
    let mut wire = Vec::new();
    for s in field(c, "s")?.as_array().ok_or("s")? {
        wire.extend_from_slice(&hex32(s)?);
    }
    wire.extend_from_slice(&b32(c, "c1")?);
    wire.extend_from_slice(&b32(c, "D")?);
    let key_image = KeyImage(b32(c, "key_image")?);
    let pseudo_out = CompressedPoint(b32(c, "pseudo_out")?);
    let message = b32(c, "message")?;
    let got = Clsag::from_bytes(&wire, ring.len()).and_then(|sig| {
        // decoding round trip
        assert_eq!(sig.to_bytes(), wire);
        sig.verify(&ring, &key_image, &pseudo_out, &message)
    });
    verdict(c, got)
}

fn mlsag_case(c: &Value) -> CaseResult {
    let ring = ring_of(c)?;
    let mut wire = Vec::new();
    let ss = field(c, "ss")?.as_array().ok_or("ss")?;
    for col in ss {
        for s in col.as_array().ok_or("ss column")? {
            wire.extend_from_slice(&hex32(s)?);
        }
    }
    wire.extend_from_slice(&b32(c, "cc")?);
    let key_image = KeyImage(b32(c, "key_image")?);
    let pseudo_out = CompressedPoint(b32(c, "pseudo_out")?);
    let message = b32(c, "message")?;
    let got = Mlsag::read(&wire, ring.len(), 2).and_then(|(sig, used)| {
        assert_eq!(used, wire.len());
        assert_eq!(sig.to_bytes(), wire);
        sig.verify_simple(&message, &ring, &key_image, &pseudo_out)
    });
    verdict(c, got)
}

/// A file checker (called with the file name and its JSON).
type Check = fn(&str, &Value) -> CheckResult;

/// Every known vector file, the fewest cases it must yield (the count when it was added), and
/// its checker. Adding a file is one row.
const KNOWN: &[Known<Check>] = &[
    known("keccak.json", 41, |n, v| run_cases(n, v, keccak)),
    known("hash_to_scalar.json", 30, |n, v| {
        run_cases(n, v, hash_to_scalar_case)
    }),
    known("hash_to_point.json", 38, |n, v| {
        run_cases(n, v, hash_to_point_case)
    }),
    known("hash_to_ec.json", 286, |n, v| {
        run_cases(n, v, hash_to_ec_case)
    }),
    known("check_key.json", 471, |n, v| {
        run_cases(n, v, check_key_case)
    }),
    known("sc_check.json", 87, |n, v| run_cases(n, v, sc_check_case)),
    known("secret_to_public.json", 63, |n, v| {
        run_cases(n, v, secret_to_public_case)
    }),
    known("generate_key_derivation.json", 43, |n, v| {
        run_cases(n, v, generate_key_derivation_case)
    }),
    known("derivation_to_scalar.json", 30, |n, v| {
        run_cases(n, v, derivation_to_scalar_case)
    }),
    known("derive_public_key.json", 44, |n, v| {
        run_cases(n, v, derive_public_key_case)
    }),
    known("derive_secret_key.json", 30, |n, v| {
        run_cases(n, v, derive_secret_key_case)
    }),
    known("derive_subaddress_public_key.json", 40, |n, v| {
        run_cases(n, v, derive_subaddress_public_key_case)
    }),
    known("subaddress.json", 30, |n, v| {
        run_cases(n, v, subaddress_case)
    }),
    known("key_image.json", 30, |n, v| run_cases(n, v, key_image_case)),
    known("signature.json", 60, |n, v| run_cases(n, v, signature_case)),
    known("key_image_signature.json", 60, |n, v| {
        run_cases(n, v, key_image_signature_case)
    }),
    known("ring_signature.json", 64, |n, v| {
        run_cases(n, v, ring_signature_case)
    }),
    known("clsag.json", 90, |n, v| run_cases(n, v, clsag_case)),
    known("mlsag.json", 60, |n, v| run_cases(n, v, mlsag_case)),
    known("address.json", 168, |_, v| harness_address::address(v)),
];

#[test]
fn vectors() {
    run_vector_dir(env!("CARGO_MANIFEST_DIR"), KNOWN, |name, check, v| {
        check(name, v)
    });
}
