//! The reference's vector files (`oxen-session/tests/vectors/`, produced by libsession-util on
//! libsodium 1.0.18) through both implementations: ours and the bundled libsodium must give
//! the vector's verdict, except where an allow-list entry of [`crate::sodium_diff`] covers the
//! case (then libsodium 1.0.22 differs, ours keeps the vector's verdict).

use oxen_session::{Ed25519PublicKey, Ed25519SecretKey, Signature};
use serde_json::Value;

use crate::sodium;
use crate::sodium_diff::{SodiumDifference, compare_ed_to_x, compare_verify, incoming_theirs};

fn cases(file: &str) -> Vec<Value> {
    let path = format!(
        "{}/../oxen-session/tests/vectors/{file}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let v: Value = serde_json::from_str(&text).unwrap();
    v["cases"].as_array().unwrap().clone()
}

fn bytes(c: &Value, k: &str) -> Vec<u8> {
    let s = c[k]
        .as_str()
        .unwrap_or_else(|| panic!("{}: no {k}", c["name"]));
    (0..s.len() / 2)
        .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap())
        .collect()
}

fn arr<const N: usize>(c: &Value, k: &str) -> Option<[u8; N]> {
    bytes(c, k).try_into().ok()
}

#[test]
fn reference_ed25519_vectors_agree_in_both() {
    let mut n = 0;
    for c in cases("ed25519") {
        let name = c["name"].as_str().unwrap();
        match c["kind"].as_str().unwrap() {
            "verify" => {
                let (Some(sig), Some(pk)) =
                    (arr::<64>(&c, "signature"), arr::<32>(&c, "ed25519_pk"))
                else {
                    continue; // wrong sizes: refused before either verifier runs
                };
                let msg = bytes(&c, "message");
                let expected = c["valid"].as_bool().unwrap_or(false);
                assert_eq!(
                    sodium::sign_verify_detached(&sig, &msg, &pk),
                    expected,
                    "{name}"
                );
                assert_eq!(compare_verify(&sig, &msg, &pk), Ok(None), "{name}");
                n += 1;
            }
            "sign" if c.get("signature").is_some() => {
                let key = Ed25519SecretKey::from_bytes(&bytes(&c, "ed25519_privkey")).unwrap();
                let msg = bytes(&c, "message");
                let sig = sodium::sign_detached(&msg, &key.to_bytes());
                assert_eq!(
                    sig.to_vec(),
                    bytes(&c, "signature"),
                    "{name}: libsodium signs the same"
                );
                assert_eq!(
                    oxen_session::ed25519::sign(&key, &msg),
                    Signature(sig),
                    "{name}"
                );
                let pk = key.public_key().to_bytes();
                assert_eq!(compare_verify(&sig, &msg, &pk), Ok(None), "{name}");
                n += 1;
            }
            _ => {}
        }
    }
    assert!(n >= 15, "only {n} ed25519 cases compared");
}

#[test]
fn reference_key_conversion_vectors_agree_in_both() {
    let mut n = 0;
    for c in cases("keys") {
        if c["kind"] != "to_curve25519_pubkey" {
            continue;
        }
        let name = c["name"].as_str().unwrap();
        let Some(ed) = arr::<32>(&c, "ed25519_pk") else {
            continue;
        };
        let expected = c
            .get("x25519_pk")
            .map(|_| arr::<32>(&c, "x25519_pk").unwrap());
        let ours = oxen_session::ed_to_x(&Ed25519PublicKey(ed))
            .ok()
            .map(|x| x.to_bytes());
        assert_eq!(ours, expected, "{name}: ours");
        match compare_ed_to_x(&ed) {
            Ok(None) => assert_eq!(sodium::ed25519_pk_to_curve25519(&ed), expected, "{name}"),
            Ok(Some(SodiumDifference::Order2ComponentRefused)) => {
                assert!(
                    expected.is_some(),
                    "{name}: the entry only excuses a refusal by 1.0.22"
                );
            }
            Err(d) => panic!("{name}: {d}"),
        }
        n += 1;
    }
    assert!(n >= 8, "only {n} conversion cases compared");
}

#[test]
fn reference_decrypt_incoming_vectors_agree_in_both() {
    let mut n = 0;
    for c in cases("decrypt_incoming") {
        let name = c["name"].as_str().unwrap();
        let pair = match c["kind"].as_str().unwrap() {
            "x25519" => crate::sodium_diff::pair(
                &arr(&c, "x25519_pk").unwrap(),
                &arr(&c, "x25519_sk").unwrap(),
            ),
            _ => match Ed25519SecretKey::from_bytes(&bytes(&c, "ed25519_privkey")) {
                Ok(k) => k.x25519_key_pair(),
                Err(_) => continue, // bad key length: refused before decryption
            },
        };
        let (pk, sk) = (pair.public.to_bytes(), *pair.secret.expose_bytes());
        let ct = bytes(&c, "ciphertext");
        let theirs = incoming_theirs(&ct, &pk, &sk);
        let ours =
            oxen_session::decrypt_incoming(&pair, &ct).map(|(m, a)| (m.to_vec(), a.to_bytes()));
        assert_eq!(ours, theirs, "{name}");
        if c.get("error").is_some() {
            assert!(theirs.is_err(), "{name}: libsodium must refuse");
        } else {
            let (m, a) = theirs.unwrap_or_else(|e| panic!("{name}: {e:?}"));
            assert_eq!(m, bytes(&c, "plaintext"), "{name}");
            assert_eq!(a.to_vec(), bytes(&c, "sender_ed25519_pk"), "{name}");
        }
        n += 1;
    }
    assert!(n >= 40, "only {n} decrypt_incoming cases compared");
}

#[test]
fn reference_blinded15_vectors_agree_with_libsodium_scalarmult() {
    // blinded15_id_from_ed(A) = 15 ‖ crypto_scalarmult_ed25519_noclamp(k15, A)
    let mut n = 0;
    for c in cases("blind_keys") {
        if c["kind"] != "blinded15_id_from_ed" {
            continue;
        }
        let name = c["name"].as_str().unwrap();
        let (Some(a), Some(server)) = (arr::<32>(&c, "ed25519_pk"), arr::<32>(&c, "server_pk"))
        else {
            continue; // wrong sizes: refused before any multiplication
        };
        let k =
            oxen_session::blinding::blind15_factor(&oxen_session::ServerPubkey(server)).to_bytes();
        let theirs = sodium::scalarmult_ed25519_noclamp(&k, &a);
        let expected = c
            .get("blinded_id")
            .map(|_| bytes(&c, "blinded_id")[1..].to_vec());
        assert_eq!(theirs.map(|q| q.to_vec()), expected, "{name}");
        assert_eq!(
            crate::sodium_diff::compare_scalarmult(&k, &a),
            Ok(None),
            "{name}"
        );
        n += 1;
    }
    assert!(n >= 6, "only {n} blinded15_id_from_ed cases compared");
}
