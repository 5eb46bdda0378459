//! `multi_encrypt.json`: `encrypt_for_multiple` / `decrypt_for_multiple` and the bencoded
//! `_simple` forms (X25519 and Ed25519 overloads), with every refusal's variant; "no result"
//! (`plaintext: null`) must be `None`. The padded reference message (`simple_padded_to_5`,
//! whose random nonce and junk are recorded only inside `encoded`) is rebuilt byte for byte by
//! `encrypt_for_multiple_simple_with` from its own nonce and junk.

use std::cell::Cell;
use std::collections::HashMap;

use curve25519_dalek::constants::EIGHT_TORSION;
use curve25519_dalek::edwards::CompressedEdwardsY;
use oxen_session::keys::{
    parse_ed25519_public_key, parse_x25519_public_key, parse_x25519_secret_key,
};
use oxen_session::multi::{
    self, decrypt_for_multiple, decrypt_for_multiple_simple, decrypt_for_multiple_simple_ed25519,
    decrypt_for_multiple_simple_ed25519_sk, encrypt_for_multiple,
    encrypt_for_multiple_ignore_invalid, encrypt_for_multiple_simple,
    encrypt_for_multiple_simple_ed25519, encrypt_for_multiple_simple_ed25519_with,
    encrypt_for_multiple_simple_with,
};
use oxen_session::{Ed25519SecretKey, Error, Input, PointCheck, X25519KeyPair, X25519PublicKey};
use oxen_vector_harness::CheckResult;
use rand::SeedableRng;
use serde_json::Value;
use zeroize::Zeroizing;

use crate::support::{bytes, each, eq, fails_with, name, ok, opt_s, s};

/// Hex strings of a list field.
fn hex_list(c: &Value, k: &str) -> Vec<Vec<u8>> {
    c[k].as_array()
        .unwrap_or_else(|| panic!("missing list field {k}"))
        .iter()
        .map(|h| hex::decode(h.as_str().expect("hex string")).expect("hex"))
        .collect()
}

/// The X25519 pair of a case (`x25519_sk`, `x25519_pk`), each read by the crate's parser.
fn x_pair(c: &Value) -> Result<X25519KeyPair, Error> {
    Ok(X25519KeyPair {
        secret: parse_x25519_secret_key(&bytes(c, "x25519_sk"))?,
        public: parse_x25519_public_key(&bytes(c, "x25519_pk"))?,
    })
}

fn recipients(c: &Value) -> Result<Vec<X25519PublicKey>, Error> {
    hex_list(c, "recipients")
        .iter()
        .map(|r| parse_x25519_public_key(r))
        .collect()
}

fn domain(c: &Value) -> Vec<u8> {
    s(c, "domain").as_bytes().to_vec()
}

/// `plaintext`: hex, or `null` for "no result".
fn expected_plaintext(c: &Value) -> Option<Vec<u8>> {
    opt_s(c, "plaintext").map(|h| hex::decode(h).expect("hex plaintext"))
}

fn plain(got: Option<Zeroizing<Vec<u8>>>) -> Option<Vec<u8>> {
    got.map(|p| p.to_vec())
}

/// The variant each reference exception text maps to (every `throw` of
/// `multi_encrypt.{hpp,cpp}`).
fn expected_error(c: &Value, text: &str) -> Result<Error, String> {
    let len = |input, k: &str| Error::InvalidLength {
        input,
        len: bytes(c, k).len(),
    };
    // the first of these fields that is not 32 bytes
    let bad_32 = |input, keys: &[&str]| {
        keys.iter()
            .filter_map(|k| opt_s(c, k).map(|_| bytes(c, k)))
            .find(|b| b.len() != 32)
            .map(|b| Error::InvalidLength {
                input,
                len: b.len(),
            })
            .ok_or_else(|| format!("no field of {keys:?} has a wrong length"))
    };
    Ok(match text {
        "Unable to compute shared encrypted key: invalid pubkey?" => Error::ZeroSharedSecret,
        "nonce must be 24 bytes" | "Invalid nonce: nonce must be 24 bytes" => {
            len(Input::Nonce, "nonce")
        }
        "privkey must be 32 bytes" => len(Input::X25519SecretKey, "x25519_sk"),
        "pubkey requires a 32-byte pubkey" => {
            bad_32(Input::X25519PublicKey, &["x25519_pk", "sender_x25519_pk"])?
        }
        "Ed25519 secret key is not the expected 64 bytes" => {
            len(Input::Ed25519SecretKey, "ed25519_sk")
        }
        "Invalid sender Ed25519 pubkey: expected 32 bytes" => {
            len(Input::Ed25519PublicKey, "sender_ed25519_pk")
        }
        "Failed to convert Ed25519 key to X25519: invalid secret key" => Error::InvalidPoint {
            input: Input::Ed25519PublicKey,
            check: point_check(&bytes(c, "sender_ed25519_pk"))?,
        },
        "encrypt_for_multiple requires 32-byte recipients pubkeys" => {
            let bad = hex_list(c, "recipients")
                .into_iter()
                .find(|r| r.len() != 32)
                .ok_or("no short recipient")?;
            Error::InvalidLength {
                input: Input::X25519PublicKey,
                len: bad.len(),
            }
        }
        "encrypt_for_multiple requires either 1 or recipients.size() messages" => {
            Error::MessageCountMismatch {
                messages: hex_list(c, "messages").len(),
                recipients: hex_list(c, "recipients").len(),
            }
        }
        other => return Err(format!("no variant for upstream error {other:?}")),
    })
}

/// Which of libsodium's `pk_to_curve25519` checks a key fails, worked out with
/// curve25519-dalek directly (not through the crate's point rules).
fn point_check(key: &[u8]) -> Result<PointCheck, String> {
    let bytes: [u8; 32] = key.try_into().map_err(|_| "not 32 bytes")?;
    match CompressedEdwardsY(bytes).decompress() {
        _ if {
            let mut y = bytes;
            y[31] &= 0x7f;
            // the small-order encodings: y of a point of order 1, 2, 4 or 8, and y = p, p + 1
            EIGHT_TORSION.iter().any(|t| {
                let mut e = t.compress().to_bytes();
                e[31] &= 0x7f;
                e == y
            }) || y == P
                || y == P_PLUS_1
        } =>
        {
            Ok(PointCheck::SmallOrder)
        }
        None => Ok(PointCheck::NotOnCurve),
        Some(p) if !p.is_torsion_free() => Ok(PointCheck::NotInSubgroup),
        Some(_) => Err("the key converts".into()),
    }
}

const P: [u8; 32] = {
    let mut p = [0xff; 32];
    p[0] = 0xed;
    p[31] = 0x7f;
    p
};
const P_PLUS_1: [u8; 32] = {
    let mut p = P;
    p[0] = 0xee;
    p
};

/// A case's verdict: its error's variant, or `check` on the value.
fn verdict<T: core::fmt::Debug>(
    c: &Value,
    got: Result<T, Error>,
    check: impl FnOnce(T) -> Result<(), String>,
) -> Result<(), String> {
    match opt_s(c, "error") {
        Some(text) => fails_with(got, expected_error(c, text)?),
        None => check(ok("result", got)?),
    }
}

fn ed_key(c: &Value) -> Result<Ed25519SecretKey, Error> {
    Ed25519SecretKey::from_keypair_bytes(&bytes(c, "ed25519_sk"))
}

fn x_sender(c: &Value) -> Result<X25519PublicKey, Error> {
    parse_x25519_public_key(&bytes(c, "sender_x25519_pk"))
}

pub fn multi_encrypt(v: &Value) -> CheckResult {
    let table = key_table(v);
    let rebuilt = Cell::new(0usize);
    let result = each(v, |c| {
        let encoded = || bytes(c, "encoded");
        let plaintext_is =
            |got: Option<Zeroizing<Vec<u8>>>| eq("plaintext", plain(got), expected_plaintext(c));
        match s(c, "kind") {
            "encrypt_for_multiple" => encrypt(c),
            "decrypt_for_multiple" => {
                let cts = hex_list(c, "ciphertexts");
                let got = x_pair(c).and_then(|pair| {
                    decrypt_for_multiple(&cts, &bytes(c, "nonce"), &pair, &x_sender(c)?, &domain(c))
                });
                verdict(c, got, plaintext_is)
            }
            "encrypt_for_multiple_simple" | "encrypt_for_multiple_simple_ed25519" => {
                simple_encrypt(c)
            }
            "decrypt_for_multiple_simple" => {
                // every failure is "no result" here: keys can only fail to parse
                let got = x_pair(c).and_then(|pair| {
                    Ok(decrypt_for_multiple_simple(
                        &encoded(),
                        &pair,
                        &x_sender(c)?,
                        &domain(c),
                    ))
                });
                verdict(c, got, plaintext_is)?;
                if rebuild_padded(c, &table, &encoded())? {
                    rebuilt.set(rebuilt.get() + 1);
                }
                Ok(())
            }
            "decrypt_for_multiple_simple_ed25519_sk" => {
                let got = ed_key(c).and_then(|sk| {
                    Ok(decrypt_for_multiple_simple_ed25519_sk(
                        &encoded(),
                        &sk,
                        &x_sender(c)?,
                        &domain(c),
                    ))
                });
                verdict(c, got, plaintext_is)
            }
            "decrypt_for_multiple_simple_ed25519" => {
                let got = ed_key(c).and_then(|sk| {
                    let sender = parse_ed25519_public_key(&bytes(c, "sender_ed25519_pk"))?;
                    decrypt_for_multiple_simple_ed25519(&encoded(), &sk, &sender, &domain(c))
                });
                verdict(c, got, plaintext_is)
            }
            other => Err(format!("unknown kind {other}")),
        }
    });
    // the padded reference message must have been rebuilt, not skipped
    let padded_cases = crate::support::cases(v)
        .iter()
        .any(|c| name(c).starts_with("simple_padded_to"));
    if result.is_ok() && padded_cases && rebuilt.get() == 0 {
        return Err(vec!["no padded message was rebuilt".into()]);
    }
    result
}

fn encrypt(c: &Value) -> Result<(), String> {
    let messages = hex_list(c, "messages");
    let nonce = bytes(c, "nonce");
    let run = |ignore_invalid: bool| -> Result<multi::Ciphertexts, Error> {
        let pair = x_pair(c)?;
        let rs = recipients(c)?;
        if ignore_invalid {
            encrypt_for_multiple_ignore_invalid(&messages, &rs, &nonce, &pair, &domain(c))
        } else {
            encrypt_for_multiple(&messages, &rs, &nonce, &pair, &domain(c))
        }
    };
    if opt_s(c, "error") == Some("Unable to compute shared encrypted key: invalid pubkey?") {
        // upstream's ignore_invalid_recipient: the other recipients still get theirs
        let lenient = ok("ignore_invalid", run(true))?;
        let pair = ok("keys", x_pair(c))?;
        let valid: Vec<X25519PublicKey> = ok("recipients", recipients(c))?
            .into_iter()
            .filter(|r| oxen_session::diffie_hellman(&pair.secret, r).is_ok())
            .collect();
        let strict_subset = ok(
            "valid subset",
            encrypt_for_multiple(&messages, &valid, &nonce, &pair, &domain(c)),
        )?;
        eq("ignore_invalid", lenient, strict_subset)?;
    }
    verdict(c, run(false), |got| {
        let want = hex_list(c, "ciphertexts");
        eq("count", got.len(), want.len())?;
        eq("ciphertexts", got.to_vecs(), want.clone())?;
        for (i, w) in want.iter().enumerate() {
            eq("get", got.get(i), Some(&w[..]))?;
        }
        eq(
            "lenient = strict when all are valid",
            ok("ignore_invalid", run(true))?,
            got,
        )
    })
}

fn simple_encrypt(c: &Value) -> Result<(), String> {
    let messages = hex_list(c, "messages");
    let nonce = bytes(c, "nonce");
    let d = domain(c);
    let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(0);
    let run = |rng: &mut rand_chacha::ChaCha20Rng| -> Result<(Vec<u8>, Vec<u8>), Error> {
        let rs = recipients(c)?;
        Ok(if s(c, "kind") == "encrypt_for_multiple_simple_ed25519" {
            let sk = ed_key(c)?;
            (
                encrypt_for_multiple_simple_ed25519_with(&messages, &rs, &sk, &d, &nonce, 0, &[])?,
                encrypt_for_multiple_simple_ed25519(&messages, &rs, &sk, &d, &nonce, 0, rng)?,
            )
        } else {
            let pair = x_pair(c)?;
            (
                encrypt_for_multiple_simple_with(&messages, &rs, &pair, &d, &nonce, 0, &[])?,
                encrypt_for_multiple_simple(&messages, &rs, &pair, &d, Some(&nonce), 0, rng)?,
            )
        })
    };
    verdict(c, run(&mut rng), |(with, random)| {
        let want = bytes(c, "encoded");
        eq("encoded (_with)", with, want.clone())?;
        eq("encoded (rng, no junk)", random, want)
    })
}

/// Public key → secret key, from every case that gives both.
fn key_table(v: &Value) -> HashMap<Vec<u8>, Vec<u8>> {
    crate::support::cases(v)
        .iter()
        .filter_map(|c| {
            Some((
                hex::decode(opt_s(c, "x25519_pk")?).ok()?,
                hex::decode(opt_s(c, "x25519_sk")?).ok()?,
            ))
        })
        .filter(|(pk, sk)| pk.len() == 32 && sk.len() == 32)
        .collect()
}

/// A minimal reader of `d1:#24:<nonce>1:el<entries>ee`, independent of the crate's.
fn read_simple(e: &[u8]) -> Option<([u8; 24], Vec<Vec<u8>>)> {
    let rest = e.strip_prefix(b"d1:#24:")?;
    let nonce: [u8; 24] = rest.get(..24)?.try_into().ok()?;
    let mut rest = rest.get(24..)?.strip_prefix(b"1:el")?;
    let mut entries = Vec::new();
    while rest.first()? != &b'e' {
        let colon = rest.iter().position(|&b| b == b':')?;
        let len: usize = std::str::from_utf8(&rest[..colon]).ok()?.parse().ok()?;
        entries.push(rest.get(colon + 1..colon + 1 + len)?.to_vec());
        rest = &rest[colon + 1 + len..];
    }
    (rest == b"ee").then_some((nonce, entries))
}

/// Rebuilds the reference's padded message: the sender's secret and the recipients (in entry
/// order) come from the key table (a recipient is the table key that opens the entry), the
/// nonce and the junk entries from the message itself; `_with` must give the same bytes.
fn rebuild_padded(
    c: &Value,
    table: &HashMap<Vec<u8>, Vec<u8>>,
    encoded: &[u8],
) -> Result<bool, String> {
    let Some(plaintext) = expected_plaintext(c) else {
        return Ok(false);
    };
    let Some((nonce, entries)) = read_simple(encoded) else {
        return Ok(false);
    };
    if plaintext.is_empty() || !entries.iter().any(|e| e.len() == plaintext.len()) {
        return Ok(false); // no junk entries: nothing to rebuild
    }
    let sender_pk = bytes(c, "sender_x25519_pk");
    let sender = X25519KeyPair {
        secret: ok(
            "sender sk",
            parse_x25519_secret_key(table.get(&sender_pk).ok_or("sender not in table")?),
        )?,
        public: ok("sender pk", parse_x25519_public_key(&sender_pk))?,
    };
    let d = domain(c);
    let n_cts = entries
        .iter()
        .filter(|e| e.len() == plaintext.len() + 16)
        .count();
    let (cts, junk) = entries.split_at(n_cts);
    // the quirk: junk entries have the plaintext's length, not the ciphertext's
    if junk.is_empty() || junk.iter().any(|j| j.len() != plaintext.len()) {
        return Err(format!(
            "unexpected junk layout: {:?}",
            entries.iter().map(Vec::len).collect::<Vec<_>>()
        ));
    }
    let mut rs = Vec::new();
    for ct in cts {
        let opener = table.iter().find(|(pk, sk)| {
            let pair = X25519KeyPair {
                secret: parse_x25519_secret_key(sk).unwrap(),
                public: parse_x25519_public_key(pk).unwrap(),
            };
            decrypt_for_multiple([ct], &nonce, &pair, &sender.public, &d)
                .ok()
                .flatten()
                .is_some_and(|p| p[..] == plaintext[..])
        });
        let (pk, _) = opener.ok_or("no table key opens a ciphertext entry")?;
        rs.push(ok("recipient", parse_x25519_public_key(pk))?);
    }
    let pad = entries.len();
    let junk_bytes = junk.concat();
    eq(
        "junk_len",
        multi::junk_len(&[&plaintext], rs.len(), pad),
        Ok(junk_bytes.len()),
    )?;
    let rebuilt = ok(
        "rebuild",
        encrypt_for_multiple_simple_with(&[&plaintext], &rs, &sender, &d, &nonce, pad, &junk_bytes),
    )?;
    eq("rebuilt padded message", rebuilt, encoded.to_vec())?;
    // and through the RNG path: the reference drew the nonce, then the junk
    let mut replay = Replay([&nonce[..], &junk_bytes].concat(), 0);
    let drawn = ok(
        "rng path",
        encrypt_for_multiple_simple(&[&plaintext], &rs, &sender, &d, None, pad, &mut replay),
    )?;
    eq("rng path", drawn, encoded.to_vec())?;
    Ok(true)
}

/// An "RNG" replaying recorded bytes (what the reference's random source gave).
struct Replay(Vec<u8>, usize);

impl oxen_session::rand_core::TryRng for Replay {
    type Error = core::convert::Infallible;
    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        unimplemented!("only fill_bytes is used")
    }
    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        unimplemented!("only fill_bytes is used")
    }
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        dst.copy_from_slice(&self.0[self.1..self.1 + dst.len()]);
        self.1 += dst.len();
        Ok(())
    }
}
impl oxen_session::rand_core::TryCryptoRng for Replay {}
