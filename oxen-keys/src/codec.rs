//! Text encodings of keys: hex (keys in JSON, Session IDs), standard base64 (replies, lenient
//! keys) and z-base-32 (lenient keys), with oxenc's decoding rules. Public data only, so these
//! are variable-time.
//!
//! The decoders are written here rather than taken from a generic crate because the reference
//! parsers are tolerant in ways strict decoders refuse: oxenc accepts unpadded base64, both the
//! standard and the URL alphabet, and ignores non-zero unused trailing bits. Base64 has one
//! decoder, [`Base64Rules`] (an alphabet and a padding policy over one 6-bit packing); each
//! reference's rule is a policy on top of it: [`from_base64`] (oxenc, libsession's key parsing),
//! the storage server's older oxenc and pysogs' Python rules in `oxen-session-net`.

use alloc::string::String;
use alloc::vec::Vec;

use crate::Error;

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
/// The z-base-32 alphabet used by oxenc `to_base32z`.
const B32Z: &[u8; 32] = b"ybndrfg8ejkmcpqxot1uwisza345h769";

const fn hex_digit(n: u8) -> u8 {
    if n < 10 { b'0' + n } else { b'a' + n - 10 }
}

/// Appends the lower-case hex of `bytes` to `out` (no allocation beyond `out`'s growth).
pub fn hex_into(out: &mut Vec<u8>, bytes: &[u8]) {
    out.reserve(bytes.len() * 2);
    for b in bytes {
        out.push(hex_digit(b >> 4));
        out.push(hex_digit(b & 0x0f));
    }
}

/// Lower-case hex string of `bytes` (oxenc `to_hex`).
#[must_use]
pub fn to_hex(bytes: &[u8]) -> String {
    let mut v = Vec::with_capacity(bytes.len() * 2);
    hex_into(&mut v, bytes);
    v.into_iter().map(char::from).collect()
}

/// The value of one hex digit, either case (`None` for any other character).
#[must_use]
pub const fn hex_digit_value(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Exactly `2 * N` hex digits, either case (oxenc `is_hex` + `from_hex` on a fixed-size
/// value), to `N` bytes.
///
/// # Errors
/// [`Error::InvalidHexKey`] for any other length or a character that is not a hex digit.
pub fn from_hex_array<const N: usize>(s: &[u8]) -> Result<[u8; N], Error> {
    if s.len() != 2 * N {
        return Err(Error::InvalidHexKey);
    }
    let mut out = [0u8; N];
    for (o, pair) in out.iter_mut().zip(s.chunks_exact(2)) {
        let (hi, lo) = match pair {
            [h, l] => (hex_digit_value(*h), hex_digit_value(*l)),
            _ => (None, None),
        };
        *o = (hi.ok_or(Error::InvalidHexKey)? << 4) | lo.ok_or(Error::InvalidHexKey)?;
    }
    Ok(out)
}

/// Exactly 64 hex digits (either case) to 32 bytes, as oxenss `x25519_pubkey::from_hex`.
///
/// # Errors
/// [`Error::InvalidHexKey`] otherwise.
pub fn hex32(s: &[u8]) -> Result<[u8; 32], Error> {
    from_hex_array::<32>(s)
}

/// Standard, padded base64 (what oxenss `oxenc::to_base64` emits for replies).
#[must_use]
pub fn to_base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let sextets = [(n >> 18) & 63, (n >> 12) & 63, (n >> 6) & 63, n & 63];
        for (i, s) in sextets.iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(B64.get(*s as usize).copied().unwrap_or(b'=')));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Which two characters a base64 decoder reads as the digits 62 and 63 (the other 62 are
/// `A`–`Z`, `a`–`z`, `0`–`9` in every alphabet).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Base64Alphabet {
    /// `+` and `/` (RFC 4648 §4): what every encoder here writes.
    Standard,
    /// `-` and `_` (RFC 4648 §5).
    UrlSafe,
    /// Either pair, mixed freely (oxenc's later `from_base64`).
    Either,
}

impl Base64Alphabet {
    /// The value of one digit, `None` for any other character (`=` included).
    #[must_use]
    pub const fn value(self, c: u8) -> Option<u8> {
        match (c, self) {
            (b'A'..=b'Z', _) => Some(c - b'A'),
            (b'a'..=b'z', _) => Some(c - b'a' + 26),
            (b'0'..=b'9', _) => Some(c - b'0' + 52),
            (b'+', Self::Standard | Self::Either) | (b'-', Self::UrlSafe | Self::Either) => {
                Some(62)
            }
            (b'/', Self::Standard | Self::Either) | (b'_', Self::UrlSafe | Self::Either) => {
                Some(63)
            }
            _ => None,
        }
    }
}

/// Where a base64 decoder accepts `=` padding. Under every policy a run of digits one more than
/// a multiple of 4 is refused (it cannot encode whole bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Base64Padding {
    /// oxenc's rule: optional; one or two `=` at the end, and then only when the whole length
    /// is a multiple of 4.
    Oxenc,
    /// None at all: the input is digits only (a caller with its own padding rule removes and
    /// checks the padding first, then decodes the digits under this policy).
    Forbidden,
}

/// A base64 decoder: an alphabet and a padding policy. The 6-bit packing is the same under every
/// rule: each digit adds 6 bits, each full 8 bits make a byte, and the unused trailing bits (2
/// or 4 after the last byte) are **ignored**, not checked to be zero, as oxenc and CPython
/// ignore them. The output is at most 3/4 of the input length, so a hostile input cannot make
/// a decoder allocate beyond its own size.
///
/// ```
/// use oxen_keys::codec::{Base64Alphabet, Base64Padding, Base64Rules};
///
/// let strict = Base64Rules::new(Base64Alphabet::Standard, Base64Padding::Oxenc);
/// assert_eq!(strict.decode(b"Zm8="), Some(b"fo".to_vec()));
/// assert_eq!(strict.decode(b"Zm8"), Some(b"fo".to_vec()));
/// assert_eq!(strict.decode(b"Zm-_"), None); // URL alphabet
/// assert_eq!(Base64Rules::OXENC.decode(b"Zm-_"), Some(vec![0x66, 0x6f, 0xbf]));
/// assert_eq!(strict.decode_array::<2>(b"Zm9="), Some(*b"fo")); // unused bits ignored
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Base64Rules {
    /// The digits 62 and 63.
    pub alphabet: Base64Alphabet,
    /// Where `=` may stand.
    pub padding: Base64Padding,
}

impl Base64Rules {
    /// oxenc's later `from_base64` (what libsession links): either alphabet, oxenc padding.
    pub const OXENC: Base64Rules = Base64Rules::new(Base64Alphabet::Either, Base64Padding::Oxenc);

    /// The rules of an alphabet and a padding policy.
    #[must_use]
    pub const fn new(alphabet: Base64Alphabet, padding: Base64Padding) -> Base64Rules {
        Base64Rules { alphabet, padding }
    }

    /// The digits of `s` without its padding, if `s` is base64 under these rules.
    #[must_use]
    pub fn digits(self, s: &[u8]) -> Option<&[u8]> {
        let digits = match self.padding {
            Base64Padding::Oxenc if s.len().is_multiple_of(4) => match s {
                [rest @ .., b'=', b'='] => rest,
                [rest @ .., b'='] => rest,
                _ => s,
            },
            Base64Padding::Oxenc | Base64Padding::Forbidden => s,
        };
        let whole_bytes = digits.len() % 4 != 1;
        (whole_bytes && digits.iter().all(|&c| self.alphabet.value(c).is_some())).then_some(digits)
    }

    /// Whether `s` is base64 under these rules (oxenc `is_base64` for [`Base64Padding::Oxenc`]).
    #[must_use]
    pub fn is_valid(self, s: &[u8]) -> bool {
        self.digits(s).is_some()
    }

    /// The bytes of `s`, if it is base64 under these rules.
    #[must_use]
    pub fn decode(self, s: &[u8]) -> Option<Vec<u8>> {
        let digits = self.digits(s)?;
        let mut out = Vec::with_capacity(digits.len() / 4 * 3 + 2);
        self.pack(digits, |b| out.push(b));
        Some(out)
    }

    /// Exactly `N` bytes, if `s` is base64 under these rules and decodes to `N` bytes.
    #[must_use]
    pub fn decode_array<const N: usize>(self, s: &[u8]) -> Option<[u8; N]> {
        let digits = self.digits(s)?;
        if digits.len() * 6 / 8 != N {
            return None;
        }
        let mut out = [0u8; N];
        let mut slots = out.iter_mut();
        self.pack(digits, |b| {
            if let Some(slot) = slots.next() {
                *slot = b;
            }
        });
        Some(out)
    }

    /// The 6-bit packing of checked digits: each full byte goes to `emit`, the unused trailing
    /// bits are dropped.
    fn pack(self, digits: &[u8], mut emit: impl FnMut(u8)) {
        let mut acc: u32 = 0;
        let mut bits = 0u32;
        for &c in digits {
            acc = (acc << 6) | u32::from(self.alphabet.value(c).unwrap_or(0));
            bits += 6;
            if bits >= 8 {
                bits -= 8;
                // the top bits above `bits` form the byte: the truncation is the point
                emit((acc >> bits) as u8);
                acc &= (1 << bits) - 1;
            }
        }
    }
}

/// Decodes base64 as oxenc `from_base64` does ([`Base64Rules::OXENC`]): standard or URL
/// alphabet, optional `=` padding at the end only, unused trailing bits ignored. The output is
/// at most 3/4 of the input length, so a hostile input cannot make this allocate beyond its
/// own size.
///
/// # Errors
/// [`Error::InvalidBase64`] on a character outside the alphabet, misplaced padding or an
/// impossible length (1 mod 4 characters).
pub fn from_base64(s: &[u8]) -> Result<Vec<u8>, Error> {
    Base64Rules::OXENC.decode(s).ok_or(Error::InvalidBase64)
}

fn b32z_val(c: u8) -> Option<u32> {
    B32Z.iter()
        .position(|&a| a == c)
        .and_then(|p| u32::try_from(p).ok())
}

/// Decodes z-base-32 (oxenc `from_base32z`), unused trailing bits ignored. `None` on a
/// character outside the alphabet: its only caller here, the lenient key parser, turns a
/// failed decode into its fallback rather than an error.
#[must_use]
pub fn from_base32z(s: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 5 / 8 + 1);
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    for &c in s {
        acc = (acc << 5) | b32z_val(c)?;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trip_and_padding() {
        for len in 0..40usize {
            let data: Vec<u8> = (0..len).map(|i| (i * 37 + 5) as u8).collect();
            let enc = to_base64(&data);
            assert_eq!(enc.len() % 4, 0);
            assert_eq!(from_base64(enc.as_bytes()).unwrap(), data);
            let unpadded = enc.trim_end_matches('=');
            assert_eq!(from_base64(unpadded.as_bytes()).unwrap(), data);
        }
        assert_eq!(to_base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(to_base64(b"fo"), "Zm8=");
        assert_eq!(from_base64(b"Zm9v!mFy"), Err(Error::InvalidBase64));
        assert_eq!(from_base64(b"Zm9vY"), Err(Error::InvalidBase64));
        assert_eq!(from_base64(b"Zm=8"), Err(Error::InvalidBase64));
    }

    #[test]
    fn base64_alphabets_and_padding_policies() {
        use Base64Alphabet::{Either, Standard, UrlSafe};
        use Base64Padding::{Forbidden, Oxenc};
        for (alphabet, plus, minus) in [
            (Standard, true, false),
            (UrlSafe, false, true),
            (Either, true, true),
        ] {
            let rules = Base64Rules::new(alphabet, Oxenc);
            assert_eq!(rules.is_valid(b"ab+/"), plus);
            assert_eq!(rules.is_valid(b"ab-_"), minus);
            assert_eq!(rules.is_valid(b"ab+_"), alphabet == Either);
            assert_eq!(alphabet.value(b'='), None);
        }
        let oxenc = Base64Rules::new(Standard, Oxenc);
        let bare = Base64Rules::new(Standard, Forbidden);
        assert_eq!(oxenc.decode(b"Zg=="), Some(b"f".to_vec()));
        assert_eq!(bare.decode(b"Zg=="), None);
        assert_eq!(bare.decode(b"Zg"), Some(b"f".to_vec()));
        // 1 mod 4 digits never decode; `=` only at the end of a multiple of 4
        for rules in [oxenc, bare] {
            assert_eq!(rules.decode(b"Zm9vY"), None);
            assert_eq!(rules.digits(b""), Some(&b""[..]));
        }
        assert_eq!(oxenc.decode(b"Zg="), None);
        assert_eq!(oxenc.decode(b"Z==="), None);
        assert_eq!(oxenc.decode(b"Zm=v"), None);
        // the array form needs the exact length, and drops the unused bits alike
        assert_eq!(oxenc.decode_array::<1>(b"Zh=="), Some(*b"f"));
        assert_eq!(oxenc.decode_array::<2>(b"Zh=="), None);
        assert_eq!(oxenc.decode_array::<0>(b""), Some([]));
    }

    #[test]
    fn hex_rejects() {
        assert_eq!(hex32(&[b'0'; 62]), Err(Error::InvalidHexKey));
        let mut s = [b'a'; 64];
        assert!(hex32(&s).is_ok());
        s[10] = b'g';
        assert_eq!(hex32(&s), Err(Error::InvalidHexKey));
        assert_eq!(to_hex(&[0xab, 0x01]), "ab01");
    }

    #[test]
    fn hex_array_any_size_either_case() {
        assert_eq!(from_hex_array::<3>(b"0aBc0D"), Ok([0x0a, 0xbc, 0x0d]));
        assert_eq!(from_hex_array::<0>(b""), Ok([]));
        assert_eq!(from_hex_array::<3>(b"0aBc0"), Err(Error::InvalidHexKey));
        assert_eq!(from_hex_array::<3>(b"0aBc0D0"), Err(Error::InvalidHexKey));
        assert_eq!(from_hex_array::<1>(b" 1"), Err(Error::InvalidHexKey));
        assert_eq!(hex_digit_value(b'F'), Some(15));
        assert_eq!(hex_digit_value(b'g'), None);
    }

    #[test]
    fn base32z_known() {
        // oxenc: to_base32z("\x00\x00") == "yyyy" (16 bits -> 4 chars, top bits)
        assert_eq!(from_base32z(b"yyyy").unwrap(), [0, 0]);
        assert!(from_base32z(b"yy0y").is_none());
    }
}
