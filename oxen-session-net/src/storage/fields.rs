//! The storage server's field readers (`parse_field<T>`, `parse_stringified<T>` of
//! `client_rpc_endpoints.cpp`), over the parameters [`super::json_in`] captured: each checks
//! the JSON kind first ("Invalid value given for '…': expected …"), then converts as nlohmann
//! does. Absent and `null` fields are `None`.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use serde_json::value::RawValue;

use super::json_in::{Kind, Params, array, kind, string};
use super::namespace::{Namespace, NamespaceOrAll};
use super::param::{Param, ParamKind};
use super::verdict::Rejection;
use crate::Error;

/// Timestamps below this many milliseconds (10^6 s) are refused as probably in seconds.
const MIN_TIMESTAMP_MS: i64 = 1_000_000_000;

/// A field's result: the value, absent, or the parse error.
pub(crate) type Field<T> = Result<Option<T>, Rejection>;

fn wrong(param: Param, expected: ParamKind) -> Rejection {
    Rejection::new(Error::ParamType { param, expected })
}

impl<'a> Params<'a> {
    fn typed<T>(
        &self,
        param: Param,
        expected: ParamKind,
        read: impl FnOnce(&'a RawValue, Kind) -> Option<T>,
    ) -> Field<T> {
        match self.get(param) {
            None => Ok(None),
            Some(raw) => read(raw, kind(raw))
                .map(Some)
                .ok_or_else(|| wrong(param, expected)),
        }
    }

    /// `std::string` / `std::string_view`: a JSON string.
    pub(crate) fn string(&self, param: Param) -> Field<Cow<'a, str>> {
        self.typed(param, ParamKind::String, |raw, k| {
            (k == Kind::String).then(|| string(raw)).flatten()
        })
    }

    /// `bool`: `true` / `false`.
    pub(crate) fn boolean(&self, param: Param) -> Field<bool> {
        self.typed(param, ParamKind::Boolean, |_, k| match k {
            Kind::Bool(b) => Some(b),
            _ => None,
        })
    }

    /// `int`: any integer, truncated to 32 bits as `get<int>()`'s `static_cast` does.
    #[allow(clippy::cast_possible_truncation)]
    pub(crate) fn int(&self, param: Param) -> Field<i32> {
        self.typed(param, ParamKind::Integer, |_, k| {
            k.as_i64().map(|v| v as i32)
        })
    }

    /// `system_clock::time_point`: an unsigned integer (epoch ms, read back as `int64_t`), at
    /// least 10^9.
    pub(crate) fn timestamp(&self, param: Param) -> Field<i64> {
        let t = self.typed(param, ParamKind::Timestamp, |_, k| match k {
            Kind::Unsigned(_) => k.as_i64(),
            _ => None,
        })?;
        match t {
            Some(ms) if ms < MIN_TIMESTAMP_MS => {
                Err(Rejection::new(Error::TimestampNotMilliseconds { param }))
            }
            other => Ok(other),
        }
    }

    /// `namespace_id`: an integer in the 16-bit range.
    pub(crate) fn namespace(&self) -> Field<Namespace> {
        let v = self.typed(Param::Namespace, ParamKind::Namespace, |_, k| k.as_i64())?;
        v.map(ns_in_range).transpose()
    }

    /// `namespace_var`: an integer in the 16-bit range, or `"all"`.
    pub(crate) fn namespace_or_all(&self) -> Field<NamespaceOrAll> {
        let Some(raw) = self.get(Param::Namespace) else {
            return Ok(None);
        };
        let k = kind(raw);
        if let Some(v) = k.as_i64() {
            return ns_in_range(v).map(|n| Some(NamespaceOrAll::One(n)));
        }
        if k == Kind::String && string(raw).as_deref() == Some("all") {
            return Ok(Some(NamespaceOrAll::All));
        }
        Err(wrong(Param::Namespace, ParamKind::IntegerOrAll))
    }

    /// `std::vector<std::string>`: an array of strings, or one string.
    pub(crate) fn strings(&self, param: Param) -> Field<Vec<Cow<'a, str>>> {
        self.typed(param, ParamKind::StringArray, |raw, k| match k {
            Kind::String => string(raw).map(|s| alloc::vec![s]),
            Kind::Array => array(raw)?
                .into_iter()
                .map(|e| (kind(e) == Kind::String).then(|| string(e)).flatten())
                .collect(),
            _ => None,
        })
    }

    /// `std::vector<time_point>`: an array of unsigned integers, or one (no millisecond check
    /// on these, as upstream).
    pub(crate) fn timestamps(&self, param: Param) -> Field<Vec<i64>> {
        let unsigned = |k: Kind| match k {
            Kind::Unsigned(_) => k.as_i64(),
            _ => None,
        };
        self.typed(param, ParamKind::TimestampArray, |raw, k| match k {
            Kind::Unsigned(_) => unsigned(k).map(|v| alloc::vec![v]),
            Kind::Array => array(raw)?.into_iter().map(|e| unsigned(kind(e))).collect(),
            _ => None,
        })
    }

    /// `parse_stringified<int64_t>`: a string holding a decimal integer (`std::from_chars`:
    /// optional `-`, digits, nothing else), or an integer.
    pub(crate) fn stringified_i64(&self, param: Param) -> Field<i64> {
        match self.stringified(param)? {
            Some(Ok(s)) => parse_from_chars_i64(&s)
                .map(Some)
                .ok_or_else(|| not_integer(param, s)),
            Some(Err(k)) => k
                .as_i64()
                .map(Some)
                .ok_or_else(|| wrong(param, ParamKind::Integer)),
            None => Ok(None),
        }
    }

    /// `parse_stringified<uint64_t>`: a string holding an unsigned decimal integer, or an
    /// unsigned integer.
    pub(crate) fn stringified_u64(&self, param: Param) -> Field<u64> {
        match self.stringified(param)? {
            Some(Ok(s)) => parse_from_chars_u64(&s)
                .map(Some)
                .ok_or_else(|| not_integer(param, s)),
            Some(Err(Kind::Unsigned(u))) => Ok(Some(u)),
            Some(Err(_)) => Err(wrong(param, ParamKind::PositiveInteger)),
            None => Ok(None),
        }
    }

    /// The string of a stringified field, or its kind when it is not a string.
    #[allow(clippy::type_complexity)]
    fn stringified(&self, param: Param) -> Result<Option<Result<Cow<'a, str>, Kind>>, Rejection> {
        Ok(self.get(param).map(|raw| match kind(raw) {
            Kind::String => string(raw).ok_or(Kind::String),
            k => Err(k),
        }))
    }
}

fn not_integer(param: Param, s: Cow<'_, str>) -> Rejection {
    Rejection::with_detail(Error::ParamNotInteger { param }, String::from(s))
}

fn ns_in_range(v: i64) -> Result<Namespace, Rejection> {
    i16::try_from(v)
        .map(Namespace)
        .map_err(|_| Rejection::new(Error::NamespaceOutOfRange))
}

/// `std::from_chars` for `int64_t` over the whole string: an optional `-`, then decimal digits,
/// in range.
fn parse_from_chars_i64(s: &str) -> Option<i64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// `std::from_chars` for `uint64_t` over the whole string: decimal digits only, in range.
fn parse_from_chars_u64(s: &str) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_chars_rules() {
        assert_eq!(parse_from_chars_i64("-12"), Some(-12));
        assert_eq!(parse_from_chars_i64("+12"), None);
        assert_eq!(parse_from_chars_i64(" 12"), None);
        assert_eq!(parse_from_chars_i64("-"), None);
        assert_eq!(parse_from_chars_i64("007"), Some(7));
        assert_eq!(parse_from_chars_i64("9223372036854775808"), None);
        assert_eq!(parse_from_chars_u64("18446744073709551615"), Some(u64::MAX));
        assert_eq!(parse_from_chars_u64("-1"), None);
        assert_eq!(parse_from_chars_u64(""), None);
    }
}
