//! `blind_keys.json`: the factors, both key pairs (with `k'`), the ids from a Session ID (bytes,
//! 32-byte input and hex forms, both 15 forms) and from an Ed25519 key, for accounts of both
//! signs and 32- and 64-byte keys; every refusal with its variant.

use oxen_session::blinding::{
    blind15_factor, blind15_id, blind15_id_hex, blind15_ids, blind15_key_pair, blind25_factor,
    blind25_id, blind25_id_hex, blind25_key_pair, blinded15_id_from_ed, blinded25_id_from_ed,
};
use oxen_session::keys::parse_ed25519_public_key;
use oxen_session::{
    BlindedId, Ed25519SecretKey, Error, Input, PointCheck, ServerPubkey, SessionId,
};
use oxen_vector_harness::CheckResult;
use serde_json::Value;

use crate::support::{arr, bytes, each, eq, fails_with, name, ok, opt_s, s};

pub fn blind_keys(v: &Value) -> CheckResult {
    each(v, |c| match s(c, "kind") {
        "all" => all(c),
        "blind15_id" | "blind25_id" => id_from_session_id(c),
        "blind15_id_hex" | "blind25_id_hex" => id_hex(c),
        "blinded15_id_from_ed" | "blinded25_id_from_ed" => id_from_ed(c),
        "blind15_key_pair" | "blind25_key_pair" => key_pair_refusal(c),
        other => Err(format!("unknown kind {other}")),
    })
}

fn id(c: &Value, k: &str) -> BlindedId {
    BlindedId::from_bytes(&bytes(c, k)).unwrap_or_else(|e| panic!("{k}: {e}"))
}

fn all(c: &Value) -> Result<(), String> {
    let sk = ok(
        "key",
        Ed25519SecretKey::from_bytes(&bytes(c, "ed25519_privkey")),
    )?;
    let server = ok("server", ServerPubkey::from_bytes(&bytes(c, "server_pk")))?;
    let sid = sk.session_id();
    eq(
        "ed25519_pk",
        sk.public_key().to_bytes(),
        arr(c, "ed25519_pk"),
    )?;
    eq("session_id", sid.to_hex().as_str(), s(c, "session_id"))?;

    eq(
        "k15",
        blind15_factor(&server).to_bytes(),
        arr(c, "blind15_factor"),
    )?;
    eq(
        "k25",
        blind25_factor(&sid, &server).to_bytes(),
        arr(c, "blind25_factor"),
    )?;

    let p15 = blind15_key_pair(&sk, &server);
    eq(
        "blind15_pk",
        p15.public_key().to_bytes(),
        arr(c, "blind15_pk"),
    )?;
    eq(
        "blind15_sk",
        *p15.secret().expose_bytes(),
        arr(c, "blind15_sk"),
    )?;
    let p25 = blind25_key_pair(&sk, &server);
    eq(
        "blind25_pk",
        p25.key_pair().public_key().to_bytes(),
        arr(c, "blind25_pk"),
    )?;
    eq(
        "blind25_sk",
        *p25.key_pair().secret().expose_bytes(),
        arr(c, "blind25_sk"),
    )?;
    eq(
        "k'",
        *p25.k_prime().expose_bytes(),
        arr(c, "blind25_k_prime"),
    )?;

    // from the Session ID: bytes (33 and the bare 32), both 15 forms, hex forms
    let id15 = ok("blind15_id", blind15_id(&sid, &server))?;
    eq("blind15_id", id15, id(c, "blind15_id"))?;
    let bare = ok("bare sid", SessionId::from_bytes(&sid.x25519().to_bytes()))?;
    eq(
        "unprefixed 15",
        ok("15", blind15_id(&bare, &server))?,
        id(c, "blind15_id_unprefixed_input"),
    )?;
    eq(
        "unprefixed 25",
        ok("25", blind25_id(&bare, &server))?,
        id(c, "blind25_id_unprefixed_input"),
    )?;
    let [h0, h1] = ok(
        "blind15_id_hex",
        blind15_id_hex(&sid.to_hex(), &server.to_hex()),
    )?;
    eq("blind15_id_hex_0", h0.as_str(), s(c, "blind15_id_hex_0"))?;
    eq("blind15_id_hex_1", h1.as_str(), s(c, "blind15_id_hex_1"))?;
    let forms = ok("blind15_ids", blind15_ids(&sid, &server))?;
    eq(
        "blind15_ids",
        [forms[0].to_hex(), forms[1].to_hex()],
        [h0, h1],
    )?;
    eq(
        "blind25_id",
        ok("blind25_id", blind25_id(&sid, &server))?,
        id(c, "blind25_id"),
    )?;
    eq(
        "blind25_id_hex",
        ok(
            "blind25_id_hex",
            blind25_id_hex(&sid.to_hex(), &server.to_hex()),
        )?
        .as_str(),
        s(c, "blind25_id_hex"),
    )?;

    // from the Ed25519 key, with its Session ID (upstream's out-parameter)
    let from_ed15 = ok("from_ed 15", blinded15_id_from_ed(sk.public_key(), &server))?;
    eq(
        "blinded15_id_from_ed",
        from_ed15,
        id(c, "blinded15_id_from_ed"),
    )?;
    let from_ed25 = ok("from_ed 25", blinded25_id_from_ed(sk.public_key(), &server))?;
    eq(
        "blinded25_id_from_ed",
        from_ed25,
        id(c, "blinded25_id_from_ed"),
    )?;
    let sid_of_ed = ok("sid", SessionId::from_ed25519(sk.public_key()))?.to_bytes();
    eq(
        "from_ed session id 15",
        sid_of_ed,
        arr(c, "blinded15_id_from_ed_session_id"),
    )?;
    eq(
        "from_ed session id 25",
        sid_of_ed,
        arr(c, "blinded25_id_from_ed_session_id"),
    )?;

    // the key pairs' ids are the Ed25519 forms; the 15 one is one of the Session ID forms
    eq("15 key pair id", p15.id(), from_ed15)?;
    eq("25 key pair id", p25.id(), from_ed25)?;
    eq(
        "15 key pair id is a Session ID form",
        forms.contains(&p15.id()),
        true,
    )
}

/// The exact refusal of each failure case, by name (the point checks were computed
/// independently of this crate: `u` mapped to `y`, decoded, multiplied by 8 and by `L`).
fn refusal(c: &Value) -> Result<Error, String> {
    let n = name(c);
    let kind = s(c, "kind");
    let point = |check| {
        let input = if kind.contains("from_ed") {
            Input::Ed25519PublicKey
        } else {
            Input::SessionId
        };
        Ok(Error::InvalidPoint { input, check })
    };
    let len = |input, k: &str| {
        Ok(Error::InvalidLength {
            input,
            len: bytes(c, k).len(),
        })
    };
    let suffix = n
        .strip_prefix(kind)
        .and_then(|r| r.strip_prefix('_'))
        .ok_or_else(|| format!("{n}: name does not start with its kind"))?;
    match suffix {
        "bad_prefix_03" => Ok(Error::InvalidPrefix {
            input: Input::SessionId,
        }),
        "bad_sid_len_31" | "bad_sid_len_34" => len(Input::SessionId, "session_id"),
        "bad_server_len_31" | "bad_server_len" | "bad_server_len_33" => {
            len(Input::ServerPubkey, "server_pk")
        }
        "bad_pk_len" => len(Input::Ed25519PublicKey, "ed25519_pk"),
        "bad_sk_len_48" => len(Input::SeedOrSecretKey, "ed25519_privkey"),
        "arbitrary_u_0" | "arbitrary_u_1" | "arbitrary_u_2" | "arbitrary_u_3" | "not_on_curve" => {
            point(PointCheck::NotOnCurve)
        }
        "u_minus_one" | "u_zero" | "identity_point" | "small_order_8" => {
            point(PointCheck::SmallOrder)
        }
        "torsion" => point(PointCheck::NotInSubgroup),
        // hex forms
        "bad_prefix" => Ok(Error::InvalidPrefix {
            input: Input::SessionId,
        }),
        "not_hex" | "short" => Ok(Error::InvalidHex {
            input: Input::SessionId,
        }),
        "server_short" => Ok(Error::InvalidHex {
            input: Input::ServerPubkey,
        }),
        other => Err(format!("no expected refusal for {other}")),
    }
}

/// Bytes form, the reference's argument order: Session ID, then server key.
fn id_from_session_id(c: &Value) -> Result<(), String> {
    let got = SessionId::from_bytes(&bytes(c, "session_id")).and_then(|sid| {
        let server = ServerPubkey::from_bytes(&bytes(c, "server_pk"))?;
        if s(c, "kind") == "blind15_id" {
            blind15_id(&sid, &server)
        } else {
            blind25_id(&sid, &server)
        }
    });
    if opt_s(c, "error").is_some() {
        return fails_with(got, refusal(c)?);
    }
    eq("blinded_id", ok("id", got)?, id(c, "blinded_id"))
}

fn id_hex(c: &Value) -> Result<(), String> {
    let (sid, server) = (s(c, "session_id"), s(c, "server_pk"));
    if s(c, "kind") == "blind15_id_hex" {
        let got = blind15_id_hex(sid, server);
        if opt_s(c, "error").is_some() {
            return fails_with(got, refusal(c)?);
        }
        let [a, b] = ok("ids", got)?;
        eq("blinded_id_0", a.as_str(), s(c, "blinded_id_0"))?;
        eq("blinded_id_1", b.as_str(), s(c, "blinded_id_1"))
    } else {
        let got = blind25_id_hex(sid, server);
        if opt_s(c, "error").is_some() {
            return fails_with(got, refusal(c)?);
        }
        eq("blinded_id", ok("id", got)?.as_str(), s(c, "blinded_id"))
    }
}

fn id_from_ed(c: &Value) -> Result<(), String> {
    let got = parse_ed25519_public_key(&bytes(c, "ed25519_pk")).and_then(|pk| {
        let server = ServerPubkey::from_bytes(&bytes(c, "server_pk"))?;
        if s(c, "kind") == "blinded15_id_from_ed" {
            blinded15_id_from_ed(&pk, &server)
        } else {
            blinded25_id_from_ed(&pk, &server)
        }
    });
    if opt_s(c, "error").is_some() {
        return fails_with(got, refusal(c)?);
    }
    // `negative_pubkey` / `negative_pubkey_abs`: 15 keeps the sign (the ids differ in bit 255),
    // 25 takes |A| (the ids are equal); both pinned by the recorded ids.
    eq("blinded_id", ok("id", got)?, id(c, "blinded_id"))
}

/// Only refusals: a 48-byte key, a 33-byte server key.
fn key_pair_refusal(c: &Value) -> Result<(), String> {
    let got = Ed25519SecretKey::from_bytes(&bytes(c, "ed25519_privkey")).and_then(|sk| {
        let server = ServerPubkey::from_bytes(&bytes(c, "server_pk"))?;
        Ok(if s(c, "kind") == "blind15_key_pair" {
            blind15_key_pair(&sk, &server).id()
        } else {
            blind25_key_pair(&sk, &server).id()
        })
    });
    if opt_s(c, "error").is_none() {
        return Err("a key pair case without an error".into());
    }
    fails_with(got, refusal(c)?)
}
