//! A JSON object writer that produces the text JavaScript's `JSON.stringify` gives for the
//! client's objects: keys in insertion order, no spaces, integers in decimal, strings escaped
//! as `JSON.stringify` escapes them (`"`, `\`, `\b \f \n \r \t`, other controls as `\u00xx`;
//! `/` and non-ASCII as they are).

use alloc::string::String;

use super::decimal::{push_i64, push_u64};

/// An object being written: `{` … `}`.
pub(crate) struct JsonObject {
    out: String,
    first: bool,
}

/// Appends `s` as a JSON string literal.
pub(crate) fn push_json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let n = u32::from(c) as usize;
                out.push_str("\\u00");
                out.push(char::from(HEX.get(n >> 4).copied().unwrap_or(b'0')));
                out.push(char::from(HEX.get(n & 15).copied().unwrap_or(b'0')));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

impl JsonObject {
    pub(crate) fn new() -> JsonObject {
        JsonObject::with_capacity(256)
    }

    pub(crate) fn with_capacity(n: usize) -> JsonObject {
        let mut out = String::with_capacity(n);
        out.push('{');
        JsonObject { out, first: true }
    }

    fn key(&mut self, key: &str) -> &mut String {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        push_json_string(&mut self.out, key);
        self.out.push(':');
        &mut self.out
    }

    /// `"key":"value"`.
    pub(crate) fn str(&mut self, key: &str, value: &str) -> &mut JsonObject {
        push_json_string(self.key(key), value);
        self
    }

    /// `"key":-12`.
    pub(crate) fn int(&mut self, key: &str, value: i64) -> &mut JsonObject {
        let out = self.key(key);
        let mut digits = alloc::vec::Vec::with_capacity(20);
        push_i64(&mut digits, value);
        out.extend(digits.iter().map(|&b| char::from(b)));
        self
    }

    /// `"key":12`.
    pub(crate) fn uint(&mut self, key: &str, value: u64) -> &mut JsonObject {
        let out = self.key(key);
        let mut digits = alloc::vec::Vec::with_capacity(20);
        push_u64(&mut digits, value);
        out.extend(digits.iter().map(|&b| char::from(b)));
        self
    }

    /// `"key":true`.
    pub(crate) fn bool(&mut self, key: &str, value: bool) -> &mut JsonObject {
        self.key(key).push_str(if value { "true" } else { "false" });
        self
    }

    /// `"key":["a","b"]`.
    pub(crate) fn str_array<S: AsRef<str>>(&mut self, key: &str, items: &[S]) -> &mut JsonObject {
        let out = self.key(key);
        out.push('[');
        for (i, s) in items.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_json_string(out, s.as_ref());
        }
        out.push(']');
        self
    }

    /// `"key":<raw JSON text>` (for values written by another writer).
    pub(crate) fn raw(&mut self, key: &str, json: &str) -> &mut JsonObject {
        self.key(key).push_str(json);
        self
    }

    /// The object's text.
    pub(crate) fn finish(&mut self) -> String {
        let mut out = core::mem::take(&mut self.out);
        out.push('}');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_json_stringify() {
        let mut o = JsonObject::new();
        o.str("a", "q\"b\\/\u{1}\n\u{7f}é")
            .int("n", -11)
            .uint("u", u64::MAX)
            .bool("t", true)
            .str_array("l", &["x", "y"])
            .raw("r", "{}");
        assert_eq!(
            o.finish(),
            "{\"a\":\"q\\\"b\\\\/\\u0001\\n\u{7f}é\",\"n\":-11,\"u\":18446744073709551615,\"t\":true,\"l\":[\"x\",\"y\"],\"r\":{}}"
        );
    }
}
