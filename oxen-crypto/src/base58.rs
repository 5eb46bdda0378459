//! CryptoNote block base58 and the checksummed address envelope (oxen-core
//! `src/common/base58.cpp`, namespace `tools::base58`).
//!
//! This is **not** Bitcoin base58. The input is cut into 8-byte blocks (the last one may be
//! shorter); each block is read as a big-endian integer and written as a fixed-width base58
//! number, most significant digit first, left-padded with `1` (digit zero). A full block is
//! always 11 characters; a partial block of `n` bytes takes [`ENCODED_BLOCK_SIZES`]`[n]`
//! characters. Because every width is fixed, the encoding is canonical: [`decode`] accepts only
//! strings that [`encode`] can produce, rejecting exactly what the reference rejects:
//!
//! - a character outside [`ALPHABET`] ([`Error::Base58InvalidChar`]);
//! - a length whose last block has 1, 4 or 8 characters ([`Error::Base58InvalidLength`]);
//! - a block whose value does not fit its byte width: more than 64 bits for a full block, at
//!   least `2^(8n)` for an `n`-byte partial block ([`Error::Base58BlockOverflow`]).
//!
//! [`encode_addr`] / [`decode_addr`] add the address envelope:
//! `base58(varint(tag) || data || keccak256(varint(tag) || data)[0..4])`.
//!
//! ```
//! use oxen_crypto::base58;
//!
//! assert_eq!(base58::encode(&[0xff; 8]), "jpXCZedGfVQ");
//! assert_eq!(base58::decode("5Q").unwrap(), [0xff]);
//! assert!(base58::decode("5R").is_err()); // 256 does not fit one byte
//!
//! let s = base58::encode_addr(114, b"payload");
//! assert_eq!(base58::decode_addr(&s).unwrap(), (114, b"payload".to_vec()));
//! ```

use alloc::string::String;
use alloc::vec::Vec;

use crate::Error;
use crate::hash::keccak256;
use crate::varint;

/// The 58 symbols, in digit order (no `0`, `O`, `I`, `l`).
pub const ALPHABET: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// Bytes in a full block.
pub const FULL_BLOCK_SIZE: usize = 8;

/// Characters in an encoded full block.
pub const FULL_ENCODED_BLOCK_SIZE: usize = 11;

/// Encoded width, in characters, of a block of `n` bytes (`n` = index, 0..=8); the reference's
/// `encoded_block_sizes`.
pub const ENCODED_BLOCK_SIZES: [usize; FULL_BLOCK_SIZE + 1] = [0, 2, 3, 5, 6, 7, 9, 10, 11];

/// Length of the address checksum (the first bytes of the Keccak-256 of the rest).
pub const ADDR_CHECKSUM_SIZE: usize = 4;

/// Digit value of each byte, or `0xff` for a byte outside the alphabet (`reverse_alphabet`).
// Const evaluation: the indexes are bounded by the loop and checked at compile time.
#[allow(clippy::indexing_slicing)]
const REVERSE: [u8; 256] = {
    let mut table = [0xffu8; 256];
    let mut i = 0;
    while i < ALPHABET.len() {
        table[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    table
};

/// Decoded byte length of a block of `n` characters (`decoded_block_sizes`): `None` for the
/// widths no block can have (1, 4, 8, or more than 11).
#[must_use]
pub fn decoded_block_size(n: usize) -> Option<usize> {
    ENCODED_BLOCK_SIZES.iter().position(|&w| w == n)
}

/// The encoded length of `len` input bytes.
#[must_use]
pub fn encoded_len(len: usize) -> usize {
    let last = ENCODED_BLOCK_SIZES
        .get(len % FULL_BLOCK_SIZE)
        .copied()
        .unwrap_or(0);
    (len / FULL_BLOCK_SIZE) * FULL_ENCODED_BLOCK_SIZE + last
}

/// Encodes one block of at most 8 bytes, appending its fixed-width digits to `out`.
fn encode_block(block: &[u8], out: &mut String) {
    let width = ENCODED_BLOCK_SIZES.get(block.len()).copied().unwrap_or(0);
    let mut num = block.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
    let mut digits = [ALPHABET[0]; FULL_ENCODED_BLOCK_SIZE];
    for slot in digits.iter_mut().take(width).rev() {
        // `num % 58 < 58`, so the lookup never fails.
        *slot = ALPHABET.get((num % 58) as usize).copied().unwrap_or(b'1');
        num /= 58;
    }
    for &d in digits.iter().take(width) {
        out.push(char::from(d));
    }
}

/// Encodes `data` (the reference's `tools::base58::encode`).
#[must_use]
pub fn encode(data: &[u8]) -> String {
    let mut out = String::with_capacity(encoded_len(data.len()));
    for block in data.chunks(FULL_BLOCK_SIZE) {
        encode_block(block, &mut out);
    }
    out
}

/// Decodes one block of encoded characters (`decode_block`), appending its bytes to `out`.
fn decode_block(block: &[u8], out: &mut Vec<u8>) -> Result<(), Error> {
    let size = decoded_block_size(block.len()).ok_or(Error::Base58InvalidLength)?;
    // The reference accumulates `digit * 58^i` from the last character and rejects a 64-bit
    // overflow at any step; the running sum only grows, so checking the exact 128-bit sum at the
    // end rejects the same strings. 58^11 < 2^65, so the sum fits a u128.
    let mut num: u128 = 0;
    for &c in block {
        let digit = REVERSE
            .get(usize::from(c))
            .copied()
            .filter(|&d| d != 0xff)
            .ok_or(Error::Base58InvalidChar)?;
        num = num * 58 + u128::from(digit);
    }
    let limit: u128 = 1u128 << (8 * size);
    if num >= limit {
        return Err(Error::Base58BlockOverflow);
    }
    let bytes = (num as u64).to_be_bytes();
    out.extend_from_slice(bytes.get(FULL_BLOCK_SIZE - size..).unwrap_or(&[]));
    Ok(())
}

/// Decodes a base58 string (the reference's `tools::base58::decode`).
///
/// # Errors
/// [`Error::Base58InvalidLength`] if the last block has 1, 4 or 8 characters,
/// [`Error::Base58InvalidChar`] for a character outside [`ALPHABET`],
/// [`Error::Base58BlockOverflow`] for a block whose value does not fit its byte width. When a
/// string has several faults, the first block's fault wins, as in the reference (which checks
/// the length first, then each block in order).
pub fn decode(encoded: &str) -> Result<Vec<u8>, Error> {
    let bytes = encoded.as_bytes();
    let rem = bytes.len() % FULL_ENCODED_BLOCK_SIZE;
    if decoded_block_size(rem).is_none() {
        return Err(Error::Base58InvalidLength);
    }
    // Output is never longer than the input: no hostile allocation.
    let mut out = Vec::with_capacity(bytes.len());
    for block in bytes.chunks(FULL_ENCODED_BLOCK_SIZE) {
        decode_block(block, &mut out)?;
    }
    Ok(out)
}

/// The 4-byte checksum of an address body (`varint(tag) || data`).
fn checksum(body: &[u8]) -> [u8; ADDR_CHECKSUM_SIZE] {
    let h = keccak256(body);
    [h[0], h[1], h[2], h[3]]
}

/// Encodes `varint(tag) || data || checksum` (the reference's `tools::base58::encode_addr`).
#[must_use]
pub fn encode_addr(tag: u64, data: &[u8]) -> String {
    let mut buf = Vec::with_capacity(varint::MAX_LEN + data.len() + ADDR_CHECKSUM_SIZE);
    varint::write(&mut buf, tag);
    buf.extend_from_slice(data);
    let sum = checksum(&buf);
    buf.extend_from_slice(&sum);
    encode(&buf)
}

/// Decodes an address envelope into its tag and data (the reference's
/// `tools::base58::decode_addr`).
///
/// Checks in the reference's order: base58, length, checksum, tag.
///
/// # Errors
/// Any [`decode`] error; [`Error::AddressTooShort`] if the decoded bytes are no longer than the
/// checksum; [`Error::AddressChecksum`] if the checksum does not match;
/// [`Error::AddressTagVarint`] if the tag is not a canonical varint (truncated, overlong or over
/// 64 bits).
pub fn decode_addr(encoded: &str) -> Result<(u64, Vec<u8>), Error> {
    let mut bytes = decode(encoded)?;
    let body_len = bytes
        .len()
        .checked_sub(ADDR_CHECKSUM_SIZE)
        .filter(|&n| n > 0)
        .ok_or(Error::AddressTooShort)?;
    let (body, sum) = bytes.split_at(body_len);
    if checksum(body) != sum {
        return Err(Error::AddressChecksum);
    }
    let (tag, read) = varint::read(body).map_err(|_| Error::AddressTagVarint)?;
    bytes.truncate(body_len);
    bytes.drain(..read);
    Ok((tag, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn block_widths() {
        for (n, &width) in ENCODED_BLOCK_SIZES.iter().enumerate() {
            assert_eq!(encode(&vec![0u8; n]).len(), width);
            assert_eq!(decoded_block_size(width), Some(n));
        }
        for bad in [1, 4, 8, 12] {
            assert_eq!(decoded_block_size(bad), None);
        }
    }

    #[test]
    fn extremes() {
        assert_eq!(encode(&[0xff; 8]), "jpXCZedGfVQ");
        assert_eq!(decode("jpXCZedGfVQ").unwrap(), [0xff; 8]);
        assert_eq!(encode(&[0; 8]), "11111111111");
        assert_eq!(decode("").unwrap(), Vec::<u8>::new());
        assert_eq!(decode("5Q").unwrap(), [0xff]);
    }

    #[test]
    fn error_invalid_length() {
        for s in ["d", "dsv7", "dsv7Wi5P", "11111111111d"] {
            assert_eq!(decode(s), Err(Error::Base58InvalidLength), "{s}");
        }
    }

    #[test]
    fn error_invalid_char() {
        for s in ["0Q", "O1", "I1", "l1", "+1", " 1", "1\u{e9}"] {
            assert_eq!(decode(s), Err(Error::Base58InvalidChar), "{s:?}");
        }
    }

    #[test]
    fn error_block_overflow() {
        for s in ["5R", "zzz", "zzzzzzz", "jpXCZedGfVR", "zzzzzzzzzzz"] {
            assert_eq!(decode(s), Err(Error::Base58BlockOverflow), "{s}");
        }
        // Overflow in the first block wins over a bad character in the second.
        assert_eq!(decode("zzzzzzzzzzz0Q"), Err(Error::Base58BlockOverflow));
    }

    #[test]
    fn addr_errors() {
        // Four bytes or fewer: only a checksum.
        assert_eq!(decode_addr(""), Err(Error::AddressTooShort));
        assert_eq!(
            decode_addr(&encode(&[1, 2, 3, 4])),
            Err(Error::AddressTooShort)
        );
        let good = encode_addr(3930, b"xyz");
        let mut raw = decode(&good).unwrap();
        raw[3] ^= 1;
        assert_eq!(decode_addr(&encode(&raw)), Err(Error::AddressChecksum));
        // A body that is only a continuation byte (truncated varint), with a valid checksum.
        for body in [&[0x80u8][..], &[0x80, 0x00], &[0xff; 10]] {
            let mut raw = body.to_vec();
            raw.extend_from_slice(&checksum(body));
            assert_eq!(
                decode_addr(&encode(&raw)),
                Err(Error::AddressTagVarint),
                "{body:?}"
            );
        }
        assert_eq!(decode_addr("0"), Err(Error::Base58InvalidLength));
    }

    proptest! {
        #[test]
        fn round_trip(data: Vec<u8>) {
            let s = encode(&data);
            prop_assert_eq!(s.len(), encoded_len(data.len()));
            prop_assert_eq!(decode(&s).unwrap(), data);
        }

        #[test]
        fn only_canonical_decodes(s in "[1-9A-HJ-NP-Za-km-z]{0,40}") {
            if let Ok(d) = decode(&s) {
                prop_assert_eq!(encode(&d), s);
            }
        }

        #[test]
        fn addr_round_trip(tag: u64, data: Vec<u8>) {
            let s = encode_addr(tag, &data);
            prop_assert_eq!(decode_addr(&s).unwrap(), (tag, data));
        }
    }
}
