//! The binary header values (`X-SOGS-Pubkey`, `-Nonce`, `-Signature`) as pysogs reads them:
//! `utils.decode_hex_or_b64(value, N)`, and as clients write them.
//!
//! pysogs' rule for an `N`-byte value, reproduced step by step:
//!
//! 1. exactly `2N` characters: hex (`bytes.fromhex`, either case);
//! 2. between `⌈4N/3⌉` and `4⌈N/3⌉` characters: base64 through its `decode_base64`: `=`
//!    padding is appended when the length is 2 or 3 modulo 4 and the value does not already
//!    end in `=`; then `base64.b64decode(…, validate=True)`: the whole value must match
//!    `[A-Za-z0-9+/]*={0,2}` (standard alphabet only), and CPython's `a2b_base64` (non-strict)
//!    decodes it: a lone data character after the last full group fails, a partial group of 2
//!    or 3 characters needs 2 or 1 `=`, surplus `=` are ignored, and **unused trailing bits
//!    are not checked** (so a 16-byte nonce has 16 base64 spellings);
//! 3. the result must be exactly `N` bytes.
//!
//! Accepted forms, worked out from those steps (unit tests below check every length):
//!
//! | value | hex | base64 |
//! | --- | --- | --- |
//! | pubkey, 33 bytes | 66 digits | 44 characters, no `=` |
//! | nonce, 16 bytes | 32 digits | 22 characters, optionally followed by `==` |
//! | signature, 64 bytes | 128 digits | 86 characters, optionally followed by `==` |
//!
//! **Divergence** (crate README, "Divergences"): Python's `bytes.fromhex` skips ASCII
//! whitespace between byte pairs and pysogs does not check the decoded length after it, so a
//! `2N`-character hex value with spaces decodes *short*: a short nonce is accepted (and signed
//! over), a short key or signature makes pysogs raise an uncaught exception (HTTP 500). Here
//! hex is exactly `2N` hex digits, and anything else is the header's 400 refusal.
//!
//! The lengths are counted in bytes, pysogs counts characters; the two differ only for
//! non-ASCII values, which every branch refuses in both (`fromhex` and the base64 regex accept
//! ASCII only), with the same error.

use alloc::string::String;
use alloc::vec::Vec;

use oxen_session::oxen_keys::codec::{
    Base64Alphabet, Base64Padding, Base64Rules, from_hex_array, to_base64, to_hex,
};

/// The digits once pysogs' padding rule has passed: the standard alphabet only
/// (`b64decode(validate=True)` refuses the URL alphabet), no `=` left among them.
const DIGITS: Base64Rules = Base64Rules::new(Base64Alphabet::Standard, Base64Padding::Forbidden);

/// pysogs `utils.decode_hex_or_b64(value, N)`: `N` bytes from hex or base64 by the rules of
/// the module documentation. `None` is pysogs' `ValueError` (the caller's 400).
#[must_use]
pub fn decode_hex_or_b64<const N: usize>(value: &str) -> Option<[u8; N]> {
    let v = value.as_bytes();
    if v.len() == 2 * N {
        return from_hex_array::<N>(v).ok();
    }
    let padded_len = N.div_ceil(3) * 4;
    let unpadded_len = (4 * N).div_ceil(3);
    if v.len() < unpadded_len || v.len() > padded_len {
        return None;
    }
    DIGITS.decode_array::<N>(python_base64_digits(v)?)
}

/// pysogs `utils.decode_base64(value)` (how it reads a posted `data` and `signature`): the `=`
/// completion and `b64decode(validate=True)` of the module documentation, any length. `None` is
/// its `binascii.Error`.
#[must_use]
pub fn decode_base64(value: &str) -> Option<Vec<u8>> {
    DIGITS.decode(python_base64_digits(value.as_bytes())?)
}

/// `decode_base64` (the `=` completion) then `b64decode(validate=True)`'s padding rules: the
/// data digits of `v` (still to be checked against the alphabet), if its padding passes.
fn python_base64_digits(v: &[u8]) -> Option<&[u8]> {
    // decode_base64 appends "=" or "==" to a 2- or 3-mod-4 value that does not end in "="
    let appended = match v.len() % 4 {
        2 | 3 if v.last() != Some(&b'=') => 4 - v.len() % 4,
        _ => 0,
    };
    // validate=True: [A-Za-z0-9+/]*={0,2}, counting the appended padding
    let data_len = v.iter().take_while(|&&c| c != b'=').count();
    let given_pads = v.len() - data_len;
    if v.iter().skip(data_len).any(|&c| c != b'=') {
        return None;
    }
    let pads = given_pads + appended;
    if pads > 2 {
        return None;
    }
    // a2b_base64 (non-strict): a final group of 1 data character fails; of 2 needs "==", of
    // 3 needs "="; extra "=" are ignored
    let need = match data_len % 4 {
        0 => 0,
        1 => return None,
        r => 4 - r,
    };
    if pads < need {
        return None;
    }
    // the unused trailing bits of the last digit are dropped by the decoder, as CPython drops
    // them
    v.get(..data_len)
}

/// The `X-SOGS-Pubkey` value a client sends: 66 lower-case hex digits (Session clients).
#[must_use]
pub fn encode_pubkey(id: &[u8; 33]) -> String {
    to_hex(id)
}

/// The `X-SOGS-Nonce` and `X-SOGS-Signature` values a client sends: padded standard base64
/// (session-desktop `fromUInt8ArrayToBase64`, pysogs' own test client).
#[must_use]
pub fn encode_base64(bytes: &[u8]) -> String {
    to_base64(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    /// Every value length from 0 to 2N + 2 with the given filler, and whether it decodes.
    fn accepted_lengths<const N: usize>(fill: u8, trailing: &str) -> Vec<usize> {
        (0..=2 * N + 2)
            .filter(|&n| {
                let mut s: String = core::iter::repeat_n(char::from(fill), n).collect();
                s.push_str(trailing);
                decode_hex_or_b64::<N>(&s).is_some()
            })
            .collect()
    }

    #[test]
    fn accepted_forms_per_size() {
        // 'A' is both a hex digit and a base64 character: hex at 2N, base64 at its lengths
        assert_eq!(accepted_lengths::<33>(b'A', ""), [44, 66]);
        assert_eq!(accepted_lengths::<16>(b'A', ""), [22, 32]);
        assert_eq!(accepted_lengths::<64>(b'A', ""), [86, 128]);
        // with explicit padding: 22 + "==" and 86 + "==" only
        assert_eq!(accepted_lengths::<16>(b'A', "=="), [22]);
        assert_eq!(accepted_lengths::<16>(b'A', "="), Vec::<usize>::new());
        assert_eq!(accepted_lengths::<64>(b'A', "=="), [86]);
        assert_eq!(accepted_lengths::<64>(b'A', "="), Vec::<usize>::new());
        assert_eq!(accepted_lengths::<33>(b'A', "="), Vec::<usize>::new());
        // 'z' is base64 but not hex
        assert_eq!(accepted_lengths::<16>(b'z', ""), [22]);
    }

    #[test]
    fn round_trips_and_trailing_bits() {
        let nonce: [u8; 16] = core::array::from_fn(|i| (i * 37 + 5) as u8);
        let b64 = encode_base64(&nonce);
        assert_eq!(b64.len(), 24);
        assert_eq!(decode_hex_or_b64::<16>(&b64), Some(nonce));
        assert_eq!(
            decode_hex_or_b64::<16>(b64.trim_end_matches('=')),
            Some(nonce)
        );
        assert_eq!(decode_hex_or_b64::<16>(&to_hex(&nonce)), Some(nonce));
        assert_eq!(
            decode_hex_or_b64::<16>(&to_hex(&nonce).to_uppercase()),
            Some(nonce)
        );
        // the last character carries 4 unused bits: all 16 spellings decode to the same value
        let last = b64.as_bytes()[21];
        let base = Base64Alphabet::Standard.value(last).unwrap() & 0x30;
        for low in 0..16u8 {
            let mut s = b64.as_bytes()[..21].to_vec();
            s.push(b64_char(base | low));
            let s = String::from_utf8(s).unwrap();
            assert_eq!(decode_hex_or_b64::<16>(&s), Some(nonce), "{s}");
        }
        let id = [0x15u8; 33];
        assert_eq!(decode_hex_or_b64::<33>(&encode_pubkey(&id)), Some(id));
        assert_eq!(decode_hex_or_b64::<33>(&encode_base64(&id)), Some(id));
    }

    fn b64_char(v: u8) -> u8 {
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[usize::from(v)]
    }

    #[test]
    fn python_refusals() {
        let nonce = [7u8; 16];
        let b64 = encode_base64(&nonce).trim_end_matches('=').to_string();
        // URL alphabet, inner padding, whitespace, non-ASCII
        for bad in [
            b64.replace('H', "-"),
            format!("{}={}", &b64[..20], &b64[20..]),
            format!(" {}", &b64[..21]),
            format!("{}é", &b64[..20]),
            // hex with whitespace between pairs: Python decodes it short (the divergence)
            format!("{}07", "07 ".repeat(10)),
        ] {
            assert_eq!(decode_hex_or_b64::<16>(&bad), None, "{bad:?}");
        }
        // 23 characters: 17 bytes with the appended "="; 22 + "=" is "Incorrect padding"
        assert_eq!(decode_hex_or_b64::<16>(&format!("{b64}A")), None);
        assert_eq!(decode_hex_or_b64::<16>(&format!("{b64}=")), None);
        // a 32-character value is only ever hex
        assert_eq!(decode_hex_or_b64::<16>(&"z".repeat(32)), None);
    }
}
