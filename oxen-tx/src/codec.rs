//! The byte-level wire codec shared by the prefix, RingCT and tx_extra codecs: a bounds-checked
//! [`Reader`] over untrusted bytes, the count check [`check_fits`] and the varint writers.
//!
//! Nothing here knows a transaction: this module imports no other module of the crate except
//! the error type.

use alloc::vec::Vec;

use oxen_crypto::varint;

use crate::Error;

/// A 32-byte value as it appears on the wire where no typed newtype applies (a hash, an encrypted
/// amount, a `tx_extra` key). RingCT points and key images use oxen-crypto's `CompressedPoint` and
/// `KeyImage`. Not validated by the parser, exactly as the reference's parser does not.
pub type Key = [u8; 32];

/// A bounds-checked cursor over untrusted bytes.
#[derive(Debug, Clone)]
pub(crate) struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(buf: &'a [u8]) -> Self {
        Self { buf, pos: 0 }
    }

    pub(crate) fn position(&self) -> usize {
        self.pos
    }

    pub(crate) fn remaining(&self) -> usize {
        self.buf.len().saturating_sub(self.pos)
    }

    pub(crate) fn rest(&self) -> &'a [u8] {
        self.buf.get(self.pos..).unwrap_or_default()
    }

    pub(crate) fn bytes(&mut self, n: usize) -> Result<&'a [u8], Error> {
        let end = self.pos.checked_add(n).ok_or(Error::Truncated)?;
        let out = self.buf.get(self.pos..end).ok_or(Error::Truncated)?;
        self.pos = end;
        Ok(out)
    }

    pub(crate) fn array<const N: usize>(&mut self) -> Result<[u8; N], Error> {
        let b = self.bytes(N)?;
        let mut out = [0u8; N];
        out.copy_from_slice(b);
        Ok(out)
    }

    pub(crate) fn u8(&mut self) -> Result<u8, Error> {
        Ok(self.array::<1>()?[0])
    }

    /// A C++ `bool` read as one raw byte. Only 0 and 1 are accepted (see [`Error::BoolInvalid`]).
    pub(crate) fn bool(&mut self) -> Result<bool, Error> {
        match self.u8()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(Error::BoolInvalid),
        }
    }

    pub(crate) fn u32_le(&mut self) -> Result<u32, Error> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    pub(crate) fn u64_le(&mut self) -> Result<u64, Error> {
        Ok(u64::from_le_bytes(self.array()?))
    }

    /// A canonical varint into a `u64` (reference `tools::read_varint`).
    pub(crate) fn varint(&mut self) -> Result<u64, Error> {
        let (v, n) = varint::read(self.rest())?;
        self.pos += n;
        Ok(v)
    }

    /// A varint read into an integer of `max`'s width: larger values are rejected as the
    /// reference's `read_varint<T>` rejects them (`EVARINT_OVERFLOW`).
    pub(crate) fn varint_max(&mut self, max: u64) -> Result<u64, Error> {
        let v = self.varint()?;
        if v > max {
            return Err(Error::VarintOutOfRange);
        }
        Ok(v)
    }

    /// An element count (varint) for items of at least `min_item_len` bytes each; rejects counts
    /// that the remaining input cannot hold, before anything is allocated.
    pub(crate) fn count(&mut self, min_item_len: usize) -> Result<usize, Error> {
        let n = self.varint()?;
        check_fits(n, min_item_len, self.remaining())
    }
}

/// `n` items of at least `item_len` bytes fit in `remaining` bytes.
pub(crate) fn check_fits(n: u64, item_len: usize, remaining: usize) -> Result<usize, Error> {
    let n = usize::try_from(n).map_err(|_| Error::CountTooLarge)?;
    let need = n.checked_mul(item_len.max(1)).ok_or(Error::CountTooLarge)?;
    if need > remaining {
        return Err(Error::CountTooLarge);
    }
    Ok(n)
}

pub(crate) fn write_varint(out: &mut Vec<u8>, v: u64) {
    varint::write(out, v);
}

pub(crate) fn write_len(out: &mut Vec<u8>, n: usize) {
    varint::write(out, n as u64);
}
