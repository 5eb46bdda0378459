//! Text encodings of keys: hex (keys in JSON, Session IDs), standard base64 (replies, lenient
//! keys) and z-base-32 (lenient keys), with oxenc's decoding rules. Public data only, so these
//! are variable-time.
//!
//! The decoders are written here rather than taken from a generic crate because the reference
//! parsers are tolerant in ways strict decoders refuse: oxenc accepts unpadded base64, both the
//! standard and the URL alphabet, and ignores non-zero unused trailing bits.

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

const fn hex_val(c: u8) -> Option<u8> {
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
            [h, l] => (hex_val(*h), hex_val(*l)),
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

fn b64_val(c: u8) -> Option<u32> {
    match c {
        b'A'..=b'Z' => Some(u32::from(c - b'A')),
        b'a'..=b'z' => Some(u32::from(c - b'a') + 26),
        b'0'..=b'9' => Some(u32::from(c - b'0') + 52),
        b'+' | b'-' => Some(62),
        b'/' | b'_' => Some(63),
        _ => None,
    }
}

/// Decodes base64 as oxenc `from_base64` does: standard or URL alphabet, optional `=`
/// padding at the end only, unused trailing bits ignored. The output is at most 3/4 of the
/// input length, so a hostile input cannot make this allocate beyond its own size.
///
/// # Errors
/// [`Error::InvalidBase64`] on a character outside the alphabet, misplaced padding or an
/// impossible length (1 mod 4 characters).
pub fn from_base64(s: &[u8]) -> Result<Vec<u8>, Error> {
    let trimmed = match s {
        [rest @ .., b'=', b'='] => rest,
        [rest @ .., b'='] => rest,
        _ => s,
    };
    if trimmed.len() % 4 == 1 || (trimmed.len() != s.len() && !s.len().is_multiple_of(4)) {
        return Err(Error::InvalidBase64);
    }
    let mut out = Vec::with_capacity(trimmed.len() / 4 * 3 + 2);
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    for &c in trimmed {
        acc = (acc << 6) | b64_val(c).ok_or(Error::InvalidBase64)?;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Ok(out)
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
    }

    #[test]
    fn base32z_known() {
        // oxenc: to_base32z("\x00\x00") == "yyyy" (16 bits -> 4 chars, top bits)
        assert_eq!(from_base32z(b"yyyy").unwrap(), [0, 0]);
        assert!(from_base32z(b"yy0y").is_none());
    }
}
