//! `keys.json`: account derivation (seed → Ed25519 → X25519 → Session ID), `seed_for_ed_privkey`,
//! `ed25519_key_pair`, `to_curve25519_pubkey` (`ed_to_x`) and `to_curve25519_seckey`
//! (`edsk_to_x`), with every refusal's variant.

use oxen_session::keys::{parse_ed25519_public_key, seed_for_ed_privkey};
use oxen_session::{
    Ed25519SecretKey, Error, Input, PointCheck, SessionId, ed_to_x, ed25519_key_pair, edsk_to_x,
};
use oxen_vector_harness::CheckResult;
use serde_json::Value;

use crate::support::{arr, bytes, each, eq, fails_with, name, ok, opt_s, s};

pub fn keys(v: &Value) -> CheckResult {
    each(v, |c| match s(c, "kind") {
        "account_from_seed" => account(c),
        "seed_for_ed_privkey" => {
            let key = bytes(c, "ed25519_privkey");
            let got = seed_for_ed_privkey(&key);
            if opt_s(c, "error").is_some() {
                return fails_with(
                    got,
                    Error::InvalidLength {
                        input: Input::SeedOrSecretKey,
                        len: key.len(),
                    },
                );
            }
            eq(
                "seed",
                *ok("seed", got)?.expose_bytes(),
                arr::<32>(c, "seed"),
            )
        }
        "ed25519_key_pair" => {
            let seed = bytes(c, "seed");
            fails_with(
                ed25519_key_pair(&seed),
                Error::InvalidLength {
                    input: Input::Seed,
                    len: seed.len(),
                },
            )
        }
        "to_curve25519_pubkey" => to_x(c),
        "to_curve25519_seckey" => {
            let sk = bytes(c, "ed25519_sk");
            fails_with(
                Ed25519SecretKey::from_keypair_bytes(&sk).map(|k| edsk_to_x(&k)),
                Error::InvalidLength {
                    input: Input::Ed25519SecretKey,
                    len: sk.len(),
                },
            )
        }
        other => Err(format!("unknown kind {other}")),
    })
}

fn account(c: &Value) -> Result<(), String> {
    let sk = ok("key pair", ed25519_key_pair(&bytes(c, "seed")))?;
    eq(
        "ed25519_pk",
        sk.public_key().to_bytes(),
        arr(c, "ed25519_pk"),
    )?;
    eq("ed25519_sk", *sk.to_bytes(), arr(c, "ed25519_sk"))?;
    // the 64-byte form parses back (consistent by construction)
    let again = ok(
        "64-byte key",
        Ed25519SecretKey::from_bytes(&bytes(c, "ed25519_sk")),
    )?;
    eq("reparsed", again.public_key(), sk.public_key())?;
    let x_sk = edsk_to_x(&sk);
    eq("x25519_sk", *x_sk.expose_bytes(), arr(c, "x25519_sk"))?;
    let pair = sk.x25519_key_pair();
    eq("x25519_pk", pair.public.to_bytes(), arr(c, "x25519_pk"))?;
    // the public key from A equals X25519(sk, 9)
    eq("X25519 base mult", x_sk.public_key(), pair.public)?;
    eq(
        "ed_to_x",
        ok("ed_to_x", ed_to_x(sk.public_key()))?,
        pair.public,
    )?;
    let sid = sk.session_id();
    eq("session_id", sid.to_hex().as_str(), s(c, "session_id"))?;
    eq(
        "session id from A",
        ok("from_ed25519", SessionId::from_ed25519(sk.public_key()))?,
        sid,
    )?;
    eq(
        "session id parse",
        ok("from_hex", SessionId::from_hex(s(c, "session_id")))?,
        sid,
    )
}

fn to_x(c: &Value) -> Result<(), String> {
    let raw = bytes(c, "ed25519_pk");
    let got = parse_ed25519_public_key(&raw).and_then(|pk| ed_to_x(&pk));
    if opt_s(c, "error").is_none() {
        return eq(
            "x25519_pk",
            ok("ed_to_x", got)?.to_bytes(),
            arr(c, "x25519_pk"),
        );
    }
    let point = |check| Error::InvalidPoint {
        input: Input::Ed25519PublicKey,
        check,
    };
    let want = match name(c) {
        "x_pk_identity_rejected" | "x_pk_all_zero_rejected" => point(PointCheck::SmallOrder),
        "x_pk_small_order_2" | "x_pk_small_order_8" => point(PointCheck::SmallOrder),
        "x_pk_not_on_curve" => point(PointCheck::NotOnCurve),
        "x_pk_torsion_component" | "x_pk_torsion_component_b" => point(PointCheck::NotInSubgroup),
        "x_pk_bad_len_31" | "x_pk_bad_len_33" => Error::InvalidLength {
            input: Input::Ed25519PublicKey,
            len: raw.len(),
        },
        other => return Err(format!("no expected error for {other}")),
    };
    fails_with(got, want)
}
