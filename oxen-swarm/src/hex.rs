//! Minimal hex decoding (no_std, no allocation), used at the parsing boundary.

use crate::Error;

#[inline]
fn nibble(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// True if every byte is a hex digit (either case), like `oxenc::is_hex` for even lengths.
pub(crate) fn is_hex(s: &[u8]) -> bool {
    s.len().is_multiple_of(2) && s.iter().all(|&c| nibble(c).is_some())
}

/// Decodes exactly `2 * out.len()` hex characters into `out`.
///
/// `offset` is added to reported error positions (for inputs with a prefix).
pub(crate) fn decode_into(s: &[u8], out: &mut [u8], offset: usize) -> Result<(), Error> {
    for (i, (pair, byte)) in s.chunks_exact(2).zip(out.iter_mut()).enumerate() {
        let (&hi, &lo) = match pair {
            [hi, lo] => (hi, lo),
            _ => {
                return Err(Error::InvalidHex {
                    position: offset + 2 * i,
                });
            }
        };
        let h = nibble(hi).ok_or(Error::InvalidHex {
            position: offset + 2 * i,
        })?;
        let l = nibble(lo).ok_or(Error::InvalidHex {
            position: offset + 2 * i + 1,
        })?;
        *byte = (h << 4) | l;
    }
    Ok(())
}

/// Writes lowercase hex of `bytes` to `f`.
pub(crate) fn write_hex(f: &mut core::fmt::Formatter<'_>, bytes: &[u8]) -> core::fmt::Result {
    for b in bytes {
        write!(f, "{b:02x}")?;
    }
    Ok(())
}
