//! Codecs of the basic tx_extra fields whose bodies need more than a fixed-size read: padding
//! (0x00), nonce (0x02) and merge mining (0x03). The fixed-size ones (public key 0x01, tx secret
//! key 0x75, burn 0x79) and the plain lists and strings (additional public keys 0x04, minergate
//! 0xDE) are read inline by [`super::ExtraField`]'s dispatcher with the helpers of
//! `field_codec`.

use alloc::vec::Vec;

use super::field_codec::{read_string, write_string};
use super::tags::{TX_EXTRA_NONCE_MAX_COUNT, TX_EXTRA_PADDING_MAX_COUNT};
use crate::Error;
use crate::codec::{Key, Reader, write_varint};

/// Padding body (after the tag): everything left, at most 254 bytes, all zero (reference
/// `tx_extra_padding`). Returns the field size including the tag.
pub(super) fn read_padding(r: &mut Reader<'_>) -> Result<usize, Error> {
    let rest = r.remaining();
    if rest > TX_EXTRA_PADDING_MAX_COUNT - 1 {
        return Err(Error::ExtraPaddingTooLong);
    }
    if r.bytes(rest)?.iter().any(|b| *b != 0) {
        return Err(Error::ExtraPaddingNonZero);
    }
    Ok(rest + 1)
}

/// Padding body of a field of `size` bytes (tag included).
pub(super) fn write_padding(out: &mut Vec<u8>, size: usize) -> Result<(), Error> {
    if size > 1 {
        if size > TX_EXTRA_PADDING_MAX_COUNT {
            return Err(Error::ExtraPaddingTooLong);
        }
        out.resize(out.len() + size - 1, 0);
    }
    Ok(())
}

/// Nonce body: a string of at most 255 bytes.
pub(super) fn read_nonce(r: &mut Reader<'_>) -> Result<Vec<u8>, Error> {
    let nonce = read_string(r)?;
    if nonce.len() > TX_EXTRA_NONCE_MAX_COUNT {
        return Err(Error::ExtraNonceTooLong);
    }
    Ok(nonce)
}

/// Nonce body; the reference's serializer writes the string, then throws when it is too long.
pub(super) fn write_nonce(out: &mut Vec<u8>, nonce: &[u8]) -> Result<(), Error> {
    write_string(out, nonce);
    if nonce.len() > TX_EXTRA_NONCE_MAX_COUNT {
        return Err(Error::ExtraNonceTooLong);
    }
    Ok(())
}

/// Merge-mining body: a string holding `varint(depth) || merkle_root`; returns
/// `(depth, merkle_root)`.
pub(super) fn read_merge_mining(r: &mut Reader<'_>) -> Result<(u64, Key), Error> {
    let inner = read_string(r)?;
    let mut ir = Reader::new(&inner);
    let depth = ir.varint()?;
    // Bytes after the root inside the string are ignored (vector
    // merge_mining_inner_trailing_byte).
    Ok((depth, ir.array()?))
}

/// Merge-mining body.
pub(super) fn write_merge_mining(out: &mut Vec<u8>, depth: u64, merkle_root: &Key) {
    let mut inner = Vec::with_capacity(42);
    write_varint(&mut inner, depth);
    inner.extend_from_slice(merkle_root);
    write_string(out, &inner);
}
