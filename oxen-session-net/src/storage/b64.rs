//! Base64 and hex as the storage server reads them (oxenc at the server's pinned commit
//! `0b40c14`): `is_base64` accepts the standard alphabet only (`+`, `/`), `=` padding only when
//! the whole length is a multiple of 4 and only one or two of them, refuses a length of 4n+1,
//! and decoding ignores the unused trailing bits (so `…Pw==` and `…Px==` decode alike).
//!
//! Not `oxen_keys::codec::from_base64`, which follows the later, more lenient oxenc (URL
//! alphabet too): the server at this commit refuses `-` and `_`, so a node must as well.

use alloc::vec::Vec;

/// The value of a standard base64 digit.
const fn b64_value(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// The digits of `s` without its padding, if `s` passes oxenc's `is_base64`.
fn digits(s: &[u8]) -> Option<&[u8]> {
    if s.len() % 4 == 1 {
        return None;
    }
    let body = if s.len().is_multiple_of(4) {
        match s {
            [rest @ .., b'=', b'='] => rest,
            [rest @ .., b'='] => rest,
            _ => s,
        }
    } else {
        s
    };
    body.iter().all(|&c| b64_value(c).is_some()).then_some(body)
}

/// oxenc `is_base64`.
#[must_use]
pub fn is_base64(s: &[u8]) -> bool {
    digits(s).is_some()
}

/// Decodes what [`is_base64`] accepts (oxenc `from_base64`); `None` otherwise.
#[must_use]
pub fn decode_base64(s: &[u8]) -> Option<Vec<u8>> {
    let body = digits(s)?;
    let mut out = Vec::with_capacity(body.len() / 4 * 3 + 2);
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    for &c in body {
        acc = (acc << 6) | u32::from(b64_value(c)?);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            // the top bits above `bits` form the byte: the truncation is the point
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// Decodes into exactly `N` bytes what [`is_base64`] accepts and decodes to `N` bytes.
#[must_use]
pub fn decode_base64_array<const N: usize>(s: &[u8]) -> Option<[u8; N]> {
    decode_base64(s)?.try_into().ok()
}

/// A signature as the server accepts it in JSON: base64 of 86 characters, or 88 ending in
/// `==` (`load_pk_signature`, `load_subaccount`).
#[must_use]
pub fn decode_signature(s: &[u8]) -> Option<[u8; 64]> {
    let ok_len = s.len() == 86 || (s.len() == 88 && s.ends_with(b"=="));
    if !ok_len {
        return None;
    }
    decode_base64_array::<64>(s)
}

/// oxenc `is_hex`: an even number of hex digits, either case.
#[must_use]
pub fn is_hex(s: &[u8]) -> bool {
    s.len().is_multiple_of(2) && s.iter().all(u8::is_ascii_hexdigit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oxenc_rules() {
        assert!(is_base64(b""));
        assert!(is_base64(b"Zm8"));
        assert!(is_base64(b"Zm8="));
        assert!(is_base64(b"Zg=="));
        assert!(!is_base64(b"Zg="));
        assert!(!is_base64(b"Zm9vY"));
        assert!(!is_base64(b"Zm-v"));
        assert!(!is_base64(b"Zm_v"));
        assert!(!is_base64(b"Z==="));
        assert!(!is_base64(b"Zm=v"));
        assert_eq!(decode_base64(b"Zm9vYmFy"), Some(b"foobar".to_vec()));
        // unused trailing bits are ignored
        assert_eq!(decode_base64(b"Zh=="), decode_base64(b"Zg=="));
        assert_eq!(decode_base64(b"Zh"), Some(b"f".to_vec()));
        assert!(is_hex(b"aB09") && !is_hex(b"abc") && !is_hex(b"ag"));
        let sig = [0x5au8; 64];
        let b64 = oxen_session::oxen_keys::codec::to_base64(&sig);
        assert_eq!(b64.len(), 88);
        assert_eq!(decode_signature(b64.as_bytes()), Some(sig));
        assert_eq!(decode_signature(&b64.as_bytes()[..86]), Some(sig));
        assert_eq!(decode_signature(&b64.as_bytes()[..87]), None);
    }
}
