//! The CryptoNote LEB128 varint (oxen-core `src/common/varint.h`).
//!
//! Seven bits per byte, least-significant group first, `0x80` as the continuation bit. The
//! decoder accepts only the one canonical encoding of each `u64`, as the reference's
//! `read_varint` does: it rejects a truncated encoding, an overlong one (a final `0x00` group
//! after a continuation byte) and one whose value does not fit in 64 bits.
//!
//! ```
//! use oxen_crypto::varint;
//!
//! let mut buf = Vec::new();
//! varint::write(&mut buf, 300);
//! assert_eq!(buf, [0xac, 0x02]);
//! assert_eq!(varint::read(&buf), Ok((300, 2)));
//! assert!(varint::read(&[0x80, 0x00]).is_err()); // overlong form of 0
//! ```

use alloc::vec::Vec;

use crate::Error;

/// The longest canonical encoding of a `u64`, in bytes.
pub const MAX_LEN: usize = 10;

/// Appends the varint encoding of `value` to `out`.
pub fn write(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Encodes `value` into a fixed buffer; returns the buffer and the number of bytes used.
///
/// Useful on hot paths that must not allocate.
#[must_use]
pub fn encode(mut value: u64) -> ([u8; MAX_LEN], usize) {
    let mut buf = [0u8; MAX_LEN];
    let mut len = 0;
    for slot in buf.iter_mut() {
        len += 1;
        if value < 0x80 {
            *slot = value as u8;
            break;
        }
        *slot = (value as u8 & 0x7f) | 0x80;
        value >>= 7;
    }
    (buf, len)
}

/// The number of bytes `value` takes as a varint.
#[must_use]
pub fn encoded_len(value: u64) -> usize {
    let bits = 64 - (value | 1).leading_zeros() as usize;
    bits.div_ceil(7)
}

/// Decodes one canonical varint from the start of `input`.
///
/// Returns the value and the number of bytes read.
///
/// # Errors
/// [`Error::VarintTruncated`] if the input ends inside the varint, [`Error::VarintOverlong`] for
/// a non-canonical (zero final group) encoding, [`Error::VarintOverflow`] if the value does not
/// fit in a `u64`.
pub fn read(input: &[u8]) -> Result<(u64, usize), Error> {
    let mut value: u64 = 0;
    for (i, &byte) in input.iter().enumerate() {
        let shift = 7 * i as u32;
        let group = u64::from(byte & 0x7f);
        if shift >= 64 || (shift == 63 && group > 1) {
            return Err(Error::VarintOverflow);
        }
        value |= group << shift;
        if byte & 0x80 == 0 {
            if byte == 0 && i > 0 {
                return Err(Error::VarintOverlong);
            }
            return Ok((value, i + 1));
        }
    }
    Err(Error::VarintTruncated)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_encodings() {
        for (v, bytes) in [
            (0u64, &[0x00][..]),
            (1, &[0x01]),
            (127, &[0x7f]),
            (128, &[0x80, 0x01]),
            (300, &[0xac, 0x02]),
            (
                u64::MAX,
                &[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01],
            ),
        ] {
            let mut out = Vec::new();
            write(&mut out, v);
            assert_eq!(out, bytes);
            let (buf, len) = encode(v);
            assert_eq!(&buf[..len], bytes);
            assert_eq!(encoded_len(v), bytes.len());
            assert_eq!(read(bytes), Ok((v, bytes.len())));
        }
    }

    #[test]
    fn rejects_non_canonical() {
        assert_eq!(read(&[]), Err(Error::VarintTruncated));
        assert_eq!(read(&[0x80]), Err(Error::VarintTruncated));
        assert_eq!(read(&[0x80, 0x00]), Err(Error::VarintOverlong));
        assert_eq!(read(&[0x81, 0x80, 0x00]), Err(Error::VarintOverlong));
        // 2^64 and beyond
        assert_eq!(
            read(&[0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02]),
            Err(Error::VarintOverflow)
        );
        assert_eq!(read(&[0xff; 11]), Err(Error::VarintOverflow));
    }

    proptest! {
        #[test]
        fn round_trip(v: u64, tail: Vec<u8>) {
            let mut out = Vec::new();
            write(&mut out, v);
            prop_assert_eq!(out.len(), encoded_len(v));
            out.extend_from_slice(&tail);
            prop_assert_eq!(read(&out), Ok((v, encoded_len(v))));
        }

        #[test]
        fn only_canonical_decodes(bytes: Vec<u8>) {
            if let Ok((v, n)) = read(&bytes) {
                let mut out = Vec::new();
                write(&mut out, v);
                prop_assert_eq!(&out[..], &bytes[..n]);
            }
        }
    }
}
