//! Reading a request body as the storage server's JSON parser (nlohmann::json, through
//! `process_client_req`) reads it, once and without copying: `serde_json` checks the syntax
//! and hands out each value of interest as a borrowed [`RawValue`]; the kinds and numbers are
//! then classified here with nlohmann's rules.
//!
//! What nlohmann does that `serde_json` alone would not, reproduced:
//! * a UTF-8 byte-order mark before the document is skipped;
//! * integers are *unsigned* when written without a sign and *signed* with one (`-0` is the
//!   signed integer 0, where `serde_json` reads a float); an integer beyond 64 bits becomes a
//!   float;
//! * a number that overflows to infinity anywhere in the document (`1e400`, a 400-digit
//!   integer) fails the whole parse ("number overflow"), and so does an unpaired UTF-16
//!   surrogate escape (`"\ud800"`), also in values the endpoint never reads (`serde_json`
//!   skips those unchecked) — see [`nlohmann_extra_checks`];
//! * duplicate keys: the last one wins; `null` is treated as absent by every field reader.

use alloc::borrow::Cow;
use alloc::vec::Vec;
use core::fmt;

use oxen_session::oxen_keys::codec::hex_digit_value;
use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::param::Param;
use crate::Error;

/// The kind of a JSON value, numbers classified as nlohmann classifies them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Kind {
    Null,
    Bool(bool),
    /// A non-negative integer that fits 64 bits (`is_number_unsigned`).
    Unsigned(u64),
    /// A negative integer (or `-0`) that fits 64 bits (`is_number_integer`, not unsigned).
    Signed(i64),
    /// Anything with `.`, `e`, `E`, or an integer too large for 64 bits.
    Float,
    String,
    Array,
    Object,
}

impl Kind {
    /// The value nlohmann's `get<int64_t>()` returns for an integer (an unsigned value above
    /// `i64::MAX` wraps, as its `static_cast` does).
    #[allow(clippy::cast_possible_wrap)]
    pub(crate) const fn as_i64(self) -> Option<i64> {
        match self {
            Kind::Unsigned(u) => Some(u as i64),
            Kind::Signed(i) => Some(i),
            _ => None,
        }
    }
}

/// The kind of a raw JSON value (already syntax-checked by `serde_json`).
pub(crate) fn kind(raw: &RawValue) -> Kind {
    let text = raw.get();
    match text.as_bytes().first() {
        Some(b'"') => Kind::String,
        Some(b'[') => Kind::Array,
        Some(b'{') => Kind::Object,
        Some(b't') => Kind::Bool(true),
        Some(b'f') => Kind::Bool(false),
        Some(b'n') => Kind::Null,
        _ => number_kind(text),
    }
}

fn number_kind(text: &str) -> Kind {
    if text.bytes().any(|b| matches!(b, b'.' | b'e' | b'E')) {
        return Kind::Float;
    }
    if text.starts_with('-') {
        text.parse::<i64>().map_or(Kind::Float, Kind::Signed)
    } else {
        text.parse::<u64>().map_or(Kind::Float, Kind::Unsigned)
    }
}

/// A JSON string, borrowed when it has no escapes.
struct Text<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(s.into())))
            }
        }
        d.deserialize_str(V)
    }
}

/// The string held by a raw value of kind [`Kind::String`].
pub(crate) fn string(raw: &RawValue) -> Option<Cow<'_, str>> {
    serde_json::from_str::<Text<'_>>(raw.get())
        .ok()
        .map(|t| t.0)
}

/// The elements of a raw value of kind [`Kind::Array`].
pub(crate) fn array(raw: &RawValue) -> Option<Vec<&RawValue>> {
    serde_json::from_str::<Vec<&RawValue>>(raw.get()).ok()
}

/// An object's values of interest, or the fact that the value was not an object.
struct Captured<'a, const N: usize> {
    is_object: bool,
    slots: [Option<&'a RawValue>; N],
}

/// Which keys an object visitor keeps.
trait Keys<const N: usize> {
    fn slot(key: &str) -> Option<usize>;
}

struct CaptureVisitor<K, const N: usize>(core::marker::PhantomData<K>);

impl<'de, K: Keys<N>, const N: usize> Visitor<'de> for CaptureVisitor<K, N> {
    type Value = Captured<'de, N>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut slots = [None; N];
        while let Some(key) = map.next_key::<Text<'de>>()? {
            let value: &'de RawValue = map.next_value()?;
            if let Some(s) = K::slot(&key.0).and_then(|i| slots.get_mut(i)) {
                // the last duplicate wins, as in nlohmann
                *s = Some(value);
            }
        }
        Ok(Captured {
            is_object: true,
            slots,
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(not_object())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(not_object())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(not_object())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(not_object())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(not_object())
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(not_object())
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(not_object())
    }
}

const fn not_object<'a, const N: usize>() -> Captured<'a, N> {
    Captured {
        is_object: false,
        slots: [None; N],
    }
}

impl<'de, K: Keys<N>, const N: usize> Deserialize<'de> for Wrapped<'de, K, N> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(CaptureVisitor::<K, N>(core::marker::PhantomData))
            .map(|c| Wrapped(c, core::marker::PhantomData))
    }
}

struct Wrapped<'a, K, const N: usize>(Captured<'a, N>, core::marker::PhantomData<K>);

#[cfg(test)]
fn capture<'a, K: Keys<N>, const N: usize>(text: &'a str) -> Option<Captured<'a, N>> {
    serde_json::from_str::<Wrapped<'a, K, N>>(text)
        .ok()
        .map(|w| w.0)
}

/// The keys of `params` any endpoint reads.
struct ParamKeys;
impl Keys<{ Param::ALL.len() }> for ParamKeys {
    fn slot(key: &str) -> Option<usize> {
        Param::from_name(key).map(Param::index)
    }
}

/// The parameters of a request, each the last value given for its key (`null` = absent).
pub(crate) struct Params<'a> {
    slots: [Option<&'a RawValue>; Param::ALL.len()],
}

impl<'a> Params<'a> {
    /// The raw value of `param`, `None` when absent or `null` (nlohmann `parse_field`).
    pub(crate) fn get(&self, param: Param) -> Option<&'a RawValue> {
        self.slots
            .get(param.index())
            .copied()
            .flatten()
            .filter(|v| kind(v) != Kind::Null)
    }

    /// The raw value even when it is `null` (for `find` checks that ignore the kind).
    #[cfg(test)]
    pub(crate) fn present(&self, param: Param) -> bool {
        self.slots.get(param.index()).copied().flatten().is_some()
    }
}

/// A parsed body: the method name and the parameters.
pub(crate) struct Body<'a> {
    pub(crate) method: Cow<'a, str>,
    pub(crate) params: Params<'a>,
}

/// The top level of a body: `method` as a raw value, `params` captured in the same pass.
struct RawBody<'a> {
    is_object: bool,
    method: Option<&'a RawValue>,
    params: Option<Captured<'a, { Param::ALL.len() }>>,
}

impl<'de> Deserialize<'de> for RawBody<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawBody<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawBody<'de>, A::Error> {
                let mut body = RawBody {
                    is_object: true,
                    method: None,
                    params: None,
                };
                while let Some(key) = map.next_key::<Text<'de>>()? {
                    // the last duplicate wins, as in nlohmann
                    match &*key.0 {
                        "method" => body.method = Some(map.next_value()?),
                        "params" => {
                            let w: Wrapped<'de, ParamKeys, { Param::ALL.len() }> =
                                map.next_value()?;
                            body.params = Some(w.0);
                        }
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(body)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawBody<'de>, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(RawBody::NOT_OBJECT)
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<RawBody<'de>, E> {
                Ok(RawBody::NOT_OBJECT)
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<RawBody<'de>, E> {
                Ok(RawBody::NOT_OBJECT)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<RawBody<'de>, E> {
                Ok(RawBody::NOT_OBJECT)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<RawBody<'de>, E> {
                Ok(RawBody::NOT_OBJECT)
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<RawBody<'de>, E> {
                Ok(RawBody::NOT_OBJECT)
            }
            fn visit_unit<E: de::Error>(self) -> Result<RawBody<'de>, E> {
                Ok(RawBody::NOT_OBJECT)
            }
        }
        d.deserialize_any(V)
    }
}

impl RawBody<'_> {
    const NOT_OBJECT: RawBody<'static> = RawBody {
        is_object: false,
        method: None,
        params: None,
    };
}

/// Parses `{"method": "...", "params": {...}}` as `process_client_req(string_view)` does, in
/// its order: not JSON → [`Error::InvalidJson`]; no string `method` → [`Error::NoMethod`]; no
/// object `params` → [`Error::NoParams`]. One `serde_json` pass over the body, one
/// [`nlohmann_extra_checks`] pass.
pub(crate) fn parse_body(body: &[u8]) -> Result<Body<'_>, Error> {
    let body = body.strip_prefix(b"\xef\xbb\xbf").unwrap_or(body);
    let text = core::str::from_utf8(body).map_err(|_| Error::InvalidJson)?;
    let top: RawBody<'_> = serde_json::from_str(text).map_err(|_| Error::InvalidJson)?;
    if !nlohmann_extra_checks(text) {
        return Err(Error::InvalidJson);
    }
    let method = top
        .method
        .filter(|m| top.is_object && kind(m) == Kind::String)
        .and_then(string)
        .ok_or(Error::NoMethod)?;
    let params = top.params.filter(|p| p.is_object).ok_or(Error::NoParams)?;
    Ok(Body {
        method,
        params: Params {
            slots: params.slots,
        },
    })
}

/// Parses a `params` object given on its own (a batch's subrequest, a request split by the
/// caller): not JSON → [`Error::InvalidJson`], not an object → [`Error::NoParams`].
pub(crate) fn parse_params(params: &[u8]) -> Result<Params<'_>, Error> {
    let params = params.strip_prefix(b"\xef\xbb\xbf").unwrap_or(params);
    let text = core::str::from_utf8(params).map_err(|_| Error::InvalidJson)?;
    let w: Wrapped<'_, ParamKeys, { Param::ALL.len() }> =
        serde_json::from_str(text).map_err(|_| Error::InvalidJson)?;
    if !nlohmann_extra_checks(text) {
        return Err(Error::InvalidJson);
    }
    if !w.0.is_object {
        return Err(Error::NoParams);
    }
    Ok(Params { slots: w.0.slots })
}

/// The two refusals of nlohmann's parser that `serde_json` does not make in values it skips:
/// a number that overflows to infinity, and an unpaired UTF-16 surrogate escape. `text` is
/// syntactically valid JSON (checked before). One pass; string contents are skipped to the
/// next quote or backslash.
pub(crate) fn nlohmann_extra_checks(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0usize;
    while let Some(&c) = b.get(i) {
        match c {
            b'"' => match skip_string(b, i + 1) {
                Some(end) => i = end,
                None => return false,
            },
            b'-' | b'0'..=b'9' => {
                let len = b
                    .get(i..)
                    .unwrap_or_default()
                    .iter()
                    .position(|c| !matches!(c, b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9'))
                    .unwrap_or(b.len() - i);
                let token = text.get(i..i + len).unwrap_or("0");
                if !token.parse::<f64>().is_ok_and(f64::is_finite) {
                    return false;
                }
                i += len;
            }
            _ => i += 1,
        }
    }
    true
}

/// Skips a string body from `start` (after the opening quote); the index after the closing
/// quote, or `None` on an unpaired surrogate escape.
fn skip_string(b: &[u8], mut i: usize) -> Option<usize> {
    loop {
        let rest = b.get(i..)?;
        let off = rest.iter().position(|&c| c == b'"' || c == b'\\')?;
        i += off;
        match b.get(i)? {
            b'"' => return Some(i + 1),
            _ => {
                // a backslash: `\uXXXX` needs a check, any other escape is one character
                if b.get(i + 1) == Some(&b'u') {
                    let unit = hex4(b, i + 2)?;
                    i += 6;
                    if (0xdc00..=0xdfff).contains(&unit) {
                        return None;
                    }
                    if (0xd800..=0xdbff).contains(&unit) {
                        let low = (b.get(i) == Some(&b'\\') && b.get(i + 1) == Some(&b'u'))
                            .then(|| hex4(b, i + 2))
                            .flatten()?;
                        if !(0xdc00..=0xdfff).contains(&low) {
                            return None;
                        }
                        i += 6;
                    }
                } else {
                    i += 2;
                }
            }
        }
    }
}

/// The UTF-16 unit of the four hex digits at `at` (a `\uXXXX` escape).
fn hex4(b: &[u8], at: usize) -> Option<u32> {
    b.get(at..at + 4)?.iter().try_fold(0u32, |acc, &c| {
        Some(acc << 4 | u32::from(hex_digit_value(c)?))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(json: &str) -> Params<'_> {
        let c = capture::<ParamKeys, { Param::ALL.len() }>(json).unwrap();
        assert!(c.is_object);
        Params { slots: c.slots }
    }

    #[test]
    fn numbers_are_classified_as_nlohmann_does() {
        let p = params(
            r#"{"namespace":-0,"timestamp":18446744073709551615,"ttl":18446744073709551616,"expiry":1.0,"before":-9223372036854775809,"data":null}"#,
        );
        assert_eq!(kind(p.get(Param::Namespace).unwrap()), Kind::Signed(0));
        assert_eq!(
            kind(p.get(Param::Timestamp).unwrap()),
            Kind::Unsigned(u64::MAX)
        );
        assert_eq!(kind(p.get(Param::Ttl).unwrap()), Kind::Float);
        assert_eq!(kind(p.get(Param::Expiry).unwrap()), Kind::Float);
        assert_eq!(kind(p.get(Param::Before).unwrap()), Kind::Float);
        assert!(p.get(Param::Data).is_none() && p.present(Param::Data));
        assert_eq!(Kind::Unsigned(u64::MAX).as_i64(), Some(-1));
    }

    #[test]
    fn duplicates_last_wins_and_escaped_keys_match() {
        let p = params(r#"{"pub\u006bey":"a","pubkey":"b","x":{"deep":[[[]]]}}"#);
        assert_eq!(string(p.get(Param::Pubkey).unwrap()).unwrap(), "b");
        let p = params(r#"{"pubkey":"b","pubkey":null}"#);
        assert!(p.get(Param::Pubkey).is_none());
    }

    #[test]
    fn body_refusals_in_order() {
        assert_eq!(parse_body(b"{").err(), Some(Error::InvalidJson));
        assert_eq!(parse_body(b"[1]").err(), Some(Error::NoMethod));
        assert_eq!(parse_body(br#"{"method":1}"#).err(), Some(Error::NoMethod));
        assert_eq!(
            parse_body(br#"{"method":"x","params":[]}"#).err(),
            Some(Error::NoParams)
        );
        let b = parse_body(b"\xef\xbb\xbf{\"params\":{},\"method\":\"st\\u0061ck\"}").unwrap();
        assert_eq!(b.method, "stack");
        // what serde_json skips unchecked and nlohmann refuses
        assert_eq!(
            parse_body(br#"{"method":"a","params":{},"x":1e400}"#).err(),
            Some(Error::InvalidJson)
        );
        assert_eq!(
            parse_body(br#"{"method":"a","params":{"y":"\ud800"}}"#).err(),
            Some(Error::InvalidJson)
        );
        assert_eq!(
            parse_body(br#"{"method":"a","params":{"y":"\udc00\ud800"}}"#).err(),
            Some(Error::InvalidJson)
        );
        assert!(parse_body(br#"{"method":"a","params":{"y":"\ud83d\ude00 1e400"}}"#).is_ok());
        let deep = alloc::format!(
            "{{\"method\":\"a\",\"params\":{{}},\"z\":{}{}}}",
            "[".repeat(1000),
            "]".repeat(1000)
        );
        assert!(parse_body(deep.as_bytes()).is_ok());
    }
}
