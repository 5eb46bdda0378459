//! `multi_encrypt.json`: `encrypt_for_multiple` / `decrypt_for_multiple` and the bencoded
//! `_simple` forms (X25519 and Ed25519 overloads), with every refusal's variant; "no result"
//! (`plaintext: null`) must be `None`. The padded reference message (`simple_padded_to_5`,
//! whose random nonce and junk are recorded only inside `encoded`) is rebuilt byte for byte by
//! `encrypt_for_multiple_simple_with` from its own nonce and junk.

use std::collections::HashMap;

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
use oxen_session::{Ed25519SecretKey, Error, Input, X25519KeyPair, X25519PublicKey};
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

/// The variant each reference exception text maps to.
fn expected_error(c: &Value, text: &str) -> Result<Error, String> {
    let len = |input, k: &str| Error::InvalidLength {
        input,
        len: bytes(c, k).len(),
    };
    Ok(match text {
        "Unable to compute shared encrypted key: invalid pubkey?" => Error::ZeroSharedSecret,
        "nonce must be 24 bytes" => len(Input::Nonce, "nonce"),
        "privkey must be 32 bytes" => len(Input::X25519SecretKey, "x25519_sk"),
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

pub fn multi_encrypt(v: &Value) -> CheckResult {
    let table = key_table(v);
    each(v, |c| match s(c, "kind") {
        "encrypt_for_multiple" => encrypt(c),
        "decrypt_for_multiple" => decrypt(c),
        "encrypt_for_multiple_simple" | "encrypt_for_multiple_simple_ed25519" => simple_encrypt(c),
        "decrypt_for_multiple_simple" => {
            let pair = ok("keys", x_pair(c))?;
            let sender = ok(
                "sender",
                parse_x25519_public_key(&bytes(c, "sender_x25519_pk")),
            )?;
            let encoded = bytes(c, "encoded");
            let got = decrypt_for_multiple_simple(&encoded, &pair, &sender, &domain(c));
            eq("plaintext", plain(got), expected_plaintext(c))?;
            if name(c).starts_with("simple_padded_to_5") {
                rebuild_padded(c, &table, &encoded)?;
            }
            Ok(())
        }
        "decrypt_for_multiple_simple_ed25519_sk" => {
            let sk = ok(
                "ed25519_sk",
                Ed25519SecretKey::from_keypair_bytes(&bytes(c, "ed25519_sk")),
            )?;
            let sender = ok(
                "sender",
                parse_x25519_public_key(&bytes(c, "sender_x25519_pk")),
            )?;
            let got = decrypt_for_multiple_simple_ed25519_sk(
                &bytes(c, "encoded"),
                &sk,
                &sender,
                &domain(c),
            );
            eq("plaintext", plain(got), expected_plaintext(c))
        }
        "decrypt_for_multiple_simple_ed25519" => {
            let sk = ok(
                "ed25519_sk",
                Ed25519SecretKey::from_keypair_bytes(&bytes(c, "ed25519_sk")),
            )?;
            let sender = ok(
                "sender",
                parse_ed25519_public_key(&bytes(c, "sender_ed25519_pk")),
            )?;
            let got = ok(
                "decrypt",
                decrypt_for_multiple_simple_ed25519(&bytes(c, "encoded"), &sk, &sender, &domain(c)),
            )?;
            eq("plaintext", plain(got), expected_plaintext(c))
        }
        other => Err(format!("unknown kind {other}")),
    })
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
    let got = run(false);
    if let Some(text) = opt_s(c, "error") {
        let want = expected_error(c, text)?;
        if want == Error::ZeroSharedSecret {
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
        return fails_with(got, want);
    }
    let want = hex_list(c, "ciphertexts");
    let got = ok("encrypt", got)?;
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
}

fn decrypt(c: &Value) -> Result<(), String> {
    let cts = hex_list(c, "ciphertexts");
    let got = (|| {
        let pair = x_pair(c)?;
        let sender = parse_x25519_public_key(&bytes(c, "sender_x25519_pk"))?;
        decrypt_for_multiple(&cts, &bytes(c, "nonce"), &pair, &sender, &domain(c))
    })();
    if let Some(text) = opt_s(c, "error") {
        return fails_with(got, expected_error(c, text)?);
    }
    eq(
        "plaintext",
        plain(ok("decrypt", got)?),
        expected_plaintext(c),
    )
}

fn simple_encrypt(c: &Value) -> Result<(), String> {
    let messages = hex_list(c, "messages");
    let rs = ok("recipients", recipients(c))?;
    let nonce = bytes(c, "nonce");
    let d = domain(c);
    let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(0);
    let (with, random) = if s(c, "kind") == "encrypt_for_multiple_simple_ed25519" {
        let sk = ok(
            "ed25519_sk",
            Ed25519SecretKey::from_keypair_bytes(&bytes(c, "ed25519_sk")),
        )?;
        (
            encrypt_for_multiple_simple_ed25519_with(&messages, &rs, &sk, &d, &nonce, 0, &[]),
            encrypt_for_multiple_simple_ed25519(&messages, &rs, &sk, &d, &nonce, 0, &mut rng),
        )
    } else {
        let pair = ok("keys", x_pair(c))?;
        (
            encrypt_for_multiple_simple_with(&messages, &rs, &pair, &d, &nonce, 0, &[]),
            encrypt_for_multiple_simple(&messages, &rs, &pair, &d, Some(&nonce), 0, &mut rng),
        )
    };
    let want = bytes(c, "encoded");
    eq("encoded (_with)", ok("encrypt _with", with)?, want.clone())?;
    eq("encoded (rng, no junk)", ok("encrypt", random)?, want)
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
) -> Result<(), String> {
    let plaintext = expected_plaintext(c).ok_or("padded case without plaintext")?;
    let (nonce, entries) = read_simple(encoded).ok_or("reference encoding unreadable")?;
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
    eq("rng path", drawn, encoded.to_vec())
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
