//! The four `X-SOGS-*` headers: their names, the values a server reads ([`HeaderValues`],
//! borrowed) and the values a client sends ([`SogsHeaders`], owned).
//!
//! | header | client sends | server accepts (see `codec`) |
//! | --- | --- | --- |
//! | `X-SOGS-Pubkey` | 66 lower-case hex digits: `00 ‖ A`, `15 ‖ A'` or `25 ‖ A'` | 66 hex digits (either case) or 44 base64 characters |
//! | `X-SOGS-Nonce` | 16 random bytes, padded base64 (24 characters) | 32 hex digits, or 22 base64 characters with or without `==` |
//! | `X-SOGS-Timestamp` | unix seconds, decimal | Python's `int()` (see `timestamp`) |
//! | `X-SOGS-Signature` | 64 bytes, padded base64 (88 characters) | 128 hex digits, or 86 base64 characters with or without `==` |
//!
//! The client's encodings are session-desktop's (`getOpenGroupHeaders`) and pysogs' own test
//! client's; the vectors' headers use them except where a case varies an encoding on purpose.

use alloc::string::String;
use core::fmt;

/// `X-SOGS-Pubkey`.
pub const PUBKEY_HEADER: &str = "X-SOGS-Pubkey";
/// `X-SOGS-Nonce`.
pub const NONCE_HEADER: &str = "X-SOGS-Nonce";
/// `X-SOGS-Timestamp`.
pub const TIMESTAMP_HEADER: &str = "X-SOGS-Timestamp";
/// `X-SOGS-Signature`.
pub const SIGNATURE_HEADER: &str = "X-SOGS-Signature";

/// Which key signs: the account's own Ed25519 key or one of its blinded keys for this server.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyKind {
    /// `00 ‖ A`: the account's Ed25519 key; the server knows the user by `05 ‖ ed_to_x(A)`.
    Unblinded,
    /// `15 ‖ A'`: 15-blinded (`oxen_session::blinding::blind15_sign`); every released server.
    Blind15,
    /// `25 ‖ A'`: 25-blinded (`oxen_session::blinding::blind25_sign`); only servers running
    /// pysogs pull request 213 ([`PrefixRule::Pr213`](super::PrefixRule::Pr213)).
    Blind25,
}

impl KeyKind {
    /// The prefix byte of the header value: `0x00`, `0x15` or `0x25`.
    #[must_use]
    pub const fn prefix(self) -> u8 {
        match self {
            KeyKind::Unblinded => 0x00,
            KeyKind::Blind15 => 0x15,
            KeyKind::Blind25 => 0x25,
        }
    }

    /// The kind of a prefix byte, if it is one of the three.
    #[must_use]
    pub const fn from_prefix(prefix: u8) -> Option<KeyKind> {
        match prefix {
            0x00 => Some(KeyKind::Unblinded),
            0x15 => Some(KeyKind::Blind15),
            0x25 => Some(KeyKind::Blind25),
            _ => None,
        }
    }
}

/// The four header values a server received, borrowed; `None` for an absent header. An empty
/// value counts as absent (pysogs: `x is None or x == ''`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HeaderValues<'a> {
    /// `X-SOGS-Pubkey`.
    pub pubkey: Option<&'a str>,
    /// `X-SOGS-Nonce`.
    pub nonce: Option<&'a str>,
    /// `X-SOGS-Timestamp`.
    pub timestamp: Option<&'a str>,
    /// `X-SOGS-Signature`.
    pub signature: Option<&'a str>,
}

/// Werkzeug's header name rule: `name.upper().replace('-', '_')` equals `wanted`'s (given in
/// that form). Unicode upper case, as Python's `str.upper` (`ı` → `I`, `ſ` → `S`).
fn werkzeug_name_matches(name: &str, wanted: &str) -> bool {
    let folded = name
        .chars()
        .flat_map(char::to_uppercase)
        .map(|c| if c == '-' { '_' } else { c });
    folded.eq(wanted.chars())
}

impl<'a> HeaderValues<'a> {
    /// Picks the four headers from name/value pairs as pysogs finds them in an onion request's
    /// headers object: a name matches when Werkzeug's `upper().replace('-', '_')` of it is
    /// `X_SOGS_PUBKEY` etc. (so `x-sogs-pubkey` and `X_SOGS_PUBKEY` match), and a later pair
    /// replaces an earlier one (the headers are a Python dict).
    #[must_use]
    pub fn from_pairs<I, K, V>(pairs: I) -> HeaderValues<'a>
    where
        I: IntoIterator<Item = &'a (K, V)>,
        K: AsRef<str> + 'a,
        V: AsRef<str> + 'a,
    {
        let mut h = HeaderValues::default();
        for (name, value) in pairs {
            let (name, value) = (name.as_ref(), value.as_ref());
            let slot = if werkzeug_name_matches(name, "X_SOGS_PUBKEY") {
                &mut h.pubkey
            } else if werkzeug_name_matches(name, "X_SOGS_NONCE") {
                &mut h.nonce
            } else if werkzeug_name_matches(name, "X_SOGS_TIMESTAMP") {
                &mut h.timestamp
            } else if werkzeug_name_matches(name, "X_SOGS_SIGNATURE") {
                &mut h.signature
            } else {
                continue;
            };
            *slot = Some(value);
        }
        h
    }

    /// How many of the four are absent or empty.
    #[must_use]
    pub fn missing(&self) -> u8 {
        [self.pubkey, self.nonce, self.timestamp, self.signature]
            .iter()
            .map(|v| u8::from(v.is_none_or(str::is_empty)))
            .sum()
    }
}

/// The four header values a client sends (owned). Public data: `Debug` prints them.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct SogsHeaders {
    /// `X-SOGS-Pubkey`: 66 lower-case hex digits.
    pub pubkey: String,
    /// `X-SOGS-Nonce`: padded base64 of 16 bytes.
    pub nonce: String,
    /// `X-SOGS-Timestamp`: unix seconds, decimal.
    pub timestamp: String,
    /// `X-SOGS-Signature`: padded base64 of 64 bytes.
    pub signature: String,
}

impl SogsHeaders {
    /// `(name, value)` for each header, in the order Session clients list them.
    #[must_use]
    pub fn pairs(&self) -> [(&'static str, &str); 4] {
        [
            (PUBKEY_HEADER, &self.pubkey),
            (TIMESTAMP_HEADER, &self.timestamp),
            (NONCE_HEADER, &self.nonce),
            (SIGNATURE_HEADER, &self.signature),
        ]
    }

    /// The values as a server reads them (for checking a request built here).
    #[must_use]
    pub fn values(&self) -> HeaderValues<'_> {
        HeaderValues {
            pubkey: Some(&self.pubkey),
            nonce: Some(&self.nonce),
            timestamp: Some(&self.timestamp),
            signature: Some(&self.signature),
        }
    }
}

impl fmt::Debug for SogsHeaders {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.pairs().iter().map(|(k, v)| (k, v)))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn werkzeug_names_and_last_wins() {
        let pairs = vec![
            ("X-SOGS-Pubkey", "a"),
            ("x-sogs-nonce", "b"),
            ("X_SOGS_TIMESTAMP", "c"),
            ("x-sogs-sıgnature", "d"), // dotless i upper-cases to I, as in Python
            ("X-SOGS-PUBKEY", "e"),
            ("X-SOGS-Pubkey2", "f"),
            ("Content-Type", "g"),
        ];
        let h = HeaderValues::from_pairs(&pairs);
        assert_eq!(
            h,
            HeaderValues {
                pubkey: Some("e"),
                nonce: Some("b"),
                timestamp: Some("c"),
                signature: Some("d"),
            }
        );
        assert_eq!(h.missing(), 0);
        let some = HeaderValues {
            pubkey: Some(""),
            nonce: Some(" "),
            ..HeaderValues::default()
        };
        assert_eq!(some.missing(), 3);
        assert_eq!(HeaderValues::default().missing(), 4);
    }

    #[test]
    fn prefixes() {
        for k in [KeyKind::Unblinded, KeyKind::Blind15, KeyKind::Blind25] {
            assert_eq!(KeyKind::from_prefix(k.prefix()), Some(k));
        }
        assert_eq!(KeyKind::from_prefix(0x05), None);
    }
}
