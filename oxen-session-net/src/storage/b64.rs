//! Base64 and hex as the storage server reads them (oxenc at the server's pinned commit
//! `0b40c14`): `is_base64` accepts the standard alphabet only (`+`, `/`), `=` padding only when
//! the whole length is a multiple of 4 and only one or two of them, refuses a length of 4n+1,
//! and decoding ignores the unused trailing bits (so `…Pw==` and `…Px==` decode alike).
//!
//! Not `oxen_keys::codec::from_base64`, which follows the later, more lenient oxenc (URL
//! alphabet too): the server at this commit refuses `-` and `_`, so a node must as well. The
//! decoder is the same ([`Base64Rules`] with the standard alphabet and oxenc's padding).

use alloc::vec::Vec;

use oxen_session::oxen_keys::codec::{Base64Alphabet, Base64Padding, Base64Rules};

/// The server's rule: the standard alphabet, oxenc's padding.
const SERVER: Base64Rules = Base64Rules::new(Base64Alphabet::Standard, Base64Padding::Oxenc);

/// oxenc `is_base64`.
#[must_use]
pub fn is_base64(s: &[u8]) -> bool {
    SERVER.is_valid(s)
}

/// Decodes what [`is_base64`] accepts (oxenc `from_base64`); `None` otherwise.
#[must_use]
pub fn decode_base64(s: &[u8]) -> Option<Vec<u8>> {
    SERVER.decode(s)
}

/// Decodes into exactly `N` bytes what [`is_base64`] accepts and decodes to `N` bytes.
#[must_use]
pub fn decode_base64_array<const N: usize>(s: &[u8]) -> Option<[u8; N]> {
    SERVER.decode_array(s)
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
