//! Checker for `address.json`: CryptoNote block base58, the address envelope and Oxen address
//! strings. Called by the dispatcher in `tests/vectors.rs`.
//!
//! Case kinds (see the file's `description`): `base58` (encode and round trip), `base58_decode`
//! (upstream decode result), `address` (encode from keys, raw bytes, parse back),
//! `address_parse` (parse for a network), `encode_addr` (envelope encode and decode). Negative
//! cases must fail with the error the upstream `reason` names; where the reason admits more than
//! one failure ("checksum mismatch or invalid block"), any error is accepted.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs,
    dead_code
)]

use oxen_crypto::address::{Address, AddressKind, Network, PaymentId};
use oxen_crypto::base58;
use oxen_crypto::{CompressedPoint, Error};
use serde_json::Value;

fn s<'a>(c: &'a Value, k: &str) -> Result<&'a str, String> {
    c.get(k)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("missing string field {k:?}"))
}

fn hex_field(c: &Value, k: &str) -> Result<Vec<u8>, String> {
    hex::decode(s(c, k)?).map_err(|e| format!("field {k:?}: {e}"))
}

fn arr<const N: usize>(c: &Value, k: &str) -> Result<[u8; N], String> {
    hex_field(c, k)?
        .try_into()
        .map_err(|_| format!("field {k:?} is not {N} bytes"))
}

fn network(name: &str) -> Result<Network, String> {
    Network::ALL
        .into_iter()
        .find(|n| n.as_str() == name)
        .ok_or_else(|| format!("unknown network {name:?}"))
}

/// `expected: true` or `expected: "error"`.
fn expect_ok(c: &Value) -> Result<bool, String> {
    match c.get("expected") {
        Some(Value::Bool(true)) => Ok(true),
        Some(Value::String(e)) if e == "error" => Ok(false),
        other => Err(format!("unexpected `expected` field {other:?}")),
    }
}

/// The error the upstream reason names, or `None` when it admits several.
fn expected_error(reason: &str) -> Option<Error> {
    let r = reason.to_ascii_lowercase();
    if r.contains(" or ") {
        None
    } else if r.contains("encoded length mod 11") {
        Some(Error::Base58InvalidLength)
    } else if r.contains("alphabet") {
        Some(Error::Base58InvalidChar)
    } else if r.contains("overflow") || r.contains("does not fit") {
        Some(Error::Base58BlockOverflow)
    } else if r.contains("checksum") {
        Some(Error::AddressChecksum)
    } else if r.contains("empty string") {
        Some(Error::AddressTooShort)
    } else if r.contains("prefix") {
        Some(Error::AddressPrefix)
    } else if r.contains("payload") || r.contains("trailing") || r.contains("needs 64+8") {
        Some(Error::AddressPayloadLength)
    } else if r.contains("check_key") {
        Some(Error::AddressInvalidKey)
    } else {
        None
    }
}

fn check_error<T: std::fmt::Debug>(c: &Value, got: Result<T, Error>) -> Result<(), String> {
    match got {
        Ok(v) => Err(format!("accepted, upstream rejects: {v:?}")),
        Err(e) => match c
            .get("reason")
            .and_then(Value::as_str)
            .and_then(expected_error)
        {
            Some(want) if want != e => Err(format!("rejected with {e:?}, expected {want:?}")),
            _ => Ok(()),
        },
    }
}

/// Compares a parsed address with the case's `parsed` object.
fn check_parsed(p: &Value, a: &Address) -> Result<(), String> {
    let is_sub = p.get("is_subaddress").and_then(Value::as_bool);
    let has_pid = p.get("has_payment_id").and_then(Value::as_bool);
    if is_sub != Some(a.is_subaddress()) {
        return Err(format!("is_subaddress {is_sub:?} != {}", a.is_subaddress()));
    }
    if has_pid != Some(a.payment_id().is_some()) {
        return Err(format!(
            "has_payment_id {has_pid:?} != {:?}",
            a.payment_id()
        ));
    }
    if arr::<32>(p, "spend_public_key")? != a.spend_public_key().to_bytes() {
        return Err("spend key differs".into());
    }
    if arr::<32>(p, "view_public_key")? != a.view_public_key().to_bytes() {
        return Err("view key differs".into());
    }
    // `parsed.payment_id` is present in most integrated cases, not all.
    if let (Some(id), Some(_)) = (a.payment_id(), p.get("payment_id"))
        && arr::<8>(p, "payment_id")? != id.0
    {
        return Err("payment id differs".into());
    }
    Ok(())
}

fn check_case(c: &Value) -> Result<(), String> {
    match s(c, "kind")? {
        "base58" => {
            let data = hex_field(c, "data")?;
            let enc = s(c, "encoded")?;
            if !expect_ok(c)? {
                return Err("base58 case expected to fail: unhandled".into());
            }
            if base58::encode(&data) != enc {
                return Err(format!("encode gives {}", base58::encode(&data)));
            }
            if base58::decode(enc).as_deref() != Ok(&data[..]) {
                return Err(format!("decode gives {:?}", base58::decode(enc)));
            }
            if base58::encoded_len(data.len()) != enc.len() {
                return Err("encoded_len differs".into());
            }
        }
        "base58_decode" => {
            let enc = s(c, "encoded")?;
            if expect_ok(c)? {
                let data = hex_field(c, "data")?;
                if base58::decode(enc).as_deref() != Ok(&data[..]) {
                    return Err(format!("decode gives {:?}", base58::decode(enc)));
                }
                if base58::encode(&data) != enc {
                    return Err("re-encode differs".into());
                }
            } else {
                check_error(c, base58::decode(enc))?;
            }
        }
        "encode_addr" => {
            let tag = c.get("tag").and_then(Value::as_u64).ok_or("missing tag")?;
            let data = hex_field(c, "data")?;
            let enc = s(c, "encoded")?;
            if !expect_ok(c)? {
                return Err("encode_addr case expected to fail: unhandled".into());
            }
            if base58::encode_addr(tag, &data) != enc {
                return Err(format!(
                    "encode_addr gives {}",
                    base58::encode_addr(tag, &data)
                ));
            }
            if base58::decode_addr(enc) != Ok((tag, data)) {
                return Err(format!("decode_addr gives {:?}", base58::decode_addr(enc)));
            }
        }
        "address" => {
            let net = network(s(c, "network")?)?;
            let spend = CompressedPoint(arr(c, "spend_public_key")?);
            let view = CompressedPoint(arr(c, "view_public_key")?);
            let kind = match s(c, "address_kind")? {
                "standard" => AddressKind::Standard,
                "subaddress" => AddressKind::Subaddress,
                "integrated" => AddressKind::Integrated(PaymentId(arr(c, "payment_id")?)),
                k => return Err(format!("unknown address_kind {k:?}")),
            };
            let want = s(c, "address")?;
            let a =
                Address::new_checked(net, kind, spend, view).map_err(|e| format!("keys: {e:?}"))?;
            if c.get("prefix").and_then(Value::as_u64) != Some(a.prefix()) {
                return Err(format!("prefix {} differs", a.prefix()));
            }
            let got = a.to_string();
            if got != want {
                return Err(format!("encodes to {got}"));
            }
            if c.get("length").and_then(Value::as_u64) != Some(got.len() as u64) {
                return Err("length differs".into());
            }
            if base58::decode(want).ok() != Some(hex_field(c, "raw_bytes")?) {
                return Err("raw bytes differ".into());
            }
            let parsed = Address::from_str_for_network(net, want)
                .map_err(|e| format!("parse for {net}: {e:?}"))?;
            if parsed != a {
                return Err(format!("parses to {parsed:?}"));
            }
            if expect_ok(c)? {
                check_parsed(c.get("parsed").ok_or("missing parsed")?, &parsed)?;
            } else {
                return Err("address case expected to fail: unhandled".into());
            }
        }
        "address_parse" => {
            let net = network(s(c, "network")?)?;
            let got = Address::from_str_for_network(net, s(c, "address")?);
            if expect_ok(c)? {
                let a = got.map_err(|e| format!("rejected: {e:?}"))?;
                if a.network() != net {
                    return Err("network differs".into());
                }
                check_parsed(c.get("parsed").ok_or("missing parsed")?, &a)?;
            } else {
                check_error(c, got)?;
            }
        }
        k => return Err(format!("unknown kind {k:?}")),
    }
    Ok(())
}

/// Checks every case of `address.json`; returns the number of cases checked.
///
/// # Errors
/// One message per failed case, naming the case index and name.
pub fn address(v: &Value) -> Result<usize, Vec<String>> {
    let cases = v
        .get("cases")
        .and_then(Value::as_array)
        .ok_or_else(|| vec!["address.json: no `cases` array".to_string()])?;
    let failures: Vec<String> = cases
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            check_case(c).err().map(|e| {
                let name = c.get("name").and_then(Value::as_str).unwrap_or("?");
                format!("address.json case {i} ({name}): {e}")
            })
        })
        .collect();
    if failures.is_empty() {
        Ok(cases.len())
    } else {
        Err(failures)
    }
}
