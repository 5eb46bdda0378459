//! "Ciphertext plus JSON" framing (spec §3): `u32le N ‖ N bytes of blob ‖ JSON (the rest)`.
//!
//! Reference: oxenss `parse_combined_payload` (`oxenss/rpc/onion_processing.cpp`), libsession
//! `OnionReqParser` and `Builder::build` (`encode_size`/concatenation).

use alloc::vec::Vec;

use crate::Error;

/// Bytes of the little-endian length prefix.
pub const LENGTH_PREFIX_LEN: usize = 4;

/// One parsed frame, borrowing the input. Parsing never allocates: the length prefix is
/// checked against the input before anything is sliced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Frame<'a> {
    /// The N-byte blob (a ciphertext, or the destination's payload).
    pub blob: &'a [u8],
    /// Everything after the blob: the JSON control document (not yet parsed).
    pub json: &'a [u8],
}

impl<'a> Frame<'a> {
    /// Splits `bytes` (oxenss `parse_combined_payload`, steps 1–2 of spec §3).
    ///
    /// # Errors
    /// [`Error::FrameTooShort`] below 4 bytes, [`Error::FrameLengthExceedsInput`] when N is
    /// larger than what follows.
    pub fn from_bytes(bytes: &'a [u8]) -> Result<Self, Error> {
        let (prefix, rest) = bytes
            .split_first_chunk::<LENGTH_PREFIX_LEN>()
            .ok_or(Error::FrameTooShort)?;
        let declared = u32::from_le_bytes(*prefix);
        let n = usize::try_from(declared).map_err(|_| Error::FrameLengthExceedsInput {
            declared,
            available: rest.len(),
        })?;
        if n > rest.len() {
            return Err(Error::FrameLengthExceedsInput {
                declared,
                available: rest.len(),
            });
        }
        let (blob, json) = rest.split_at(n);
        Ok(Self { blob, json })
    }

    /// Length of the encoding.
    #[must_use]
    pub const fn encoded_len(&self) -> usize {
        LENGTH_PREFIX_LEN + self.blob.len() + self.json.len()
    }

    /// `u32le(len blob) ‖ blob ‖ json`.
    ///
    /// # Errors
    /// [`Error::TooBig`] if the blob does not fit a u32 length.
    pub fn to_bytes(&self) -> Result<Vec<u8>, Error> {
        let mut out = Vec::with_capacity(self.encoded_len());
        self.write_to(&mut out)?;
        Ok(out)
    }

    /// Appends the encoding to `out`.
    ///
    /// # Errors
    /// [`Error::TooBig`] if the blob does not fit a u32 length.
    pub fn write_to(&self, out: &mut Vec<u8>) -> Result<(), Error> {
        let n = u32::try_from(self.blob.len()).map_err(|_| Error::TooBig(self.blob.len()))?;
        out.extend_from_slice(&n.to_le_bytes());
        out.extend_from_slice(self.blob);
        out.extend_from_slice(self.json);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_reject() {
        assert_eq!(Frame::from_bytes(&[1, 0, 0]), Err(Error::FrameTooShort));
        assert_eq!(
            Frame::from_bytes(&[0xff, 0xff, 0xff, 0xff, 1]),
            Err(Error::FrameLengthExceedsInput {
                declared: u32::MAX,
                available: 1
            })
        );
        let f = Frame::from_bytes(&[2, 0, 0, 0, 9, 8, b'{', b'}']).unwrap();
        assert_eq!(f.blob, &[9, 8]);
        assert_eq!(f.json, b"{}");
        assert_eq!(f.to_bytes().unwrap(), [2, 0, 0, 0, 9, 8, b'{', b'}']);
    }
}
