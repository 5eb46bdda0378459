//! Wire helpers shared by the tx_extra field codecs: 64-byte blobs, signatures, key vectors and
//! length-prefixed strings.

use alloc::vec::Vec;

use oxen_crypto::Signature;

use crate::Error;
use crate::codec::{Key, Reader, write_len};

/// 64 opaque bytes (BLS public keys, Ed25519 signatures, ONS signatures).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Bytes64(pub [u8; 64]);

impl Default for Bytes64 {
    fn default() -> Self {
        Self([0u8; 64])
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Bytes64 {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(&Signature::from_bytes(&self.0), s)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Bytes64 {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s: Signature = serde::Deserialize::deserialize(d)?;
        Ok(Self(s.to_bytes()))
    }
}

pub(super) fn read_signature(r: &mut Reader<'_>) -> Result<Signature, Error> {
    Ok(Signature::from_bytes(&r.array()?))
}

pub(super) fn read_key_vec(r: &mut Reader<'_>) -> Result<Vec<Key>, Error> {
    let n = r.count(32)?;
    let mut v = Vec::with_capacity(n);
    for _ in 0..n {
        v.push(r.array()?);
    }
    Ok(v)
}

pub(super) fn read_string(r: &mut Reader<'_>) -> Result<Vec<u8>, Error> {
    let n = r.count(1)?;
    Ok(r.bytes(n)?.to_vec())
}

pub(super) fn write_string(out: &mut Vec<u8>, s: &[u8]) {
    write_len(out, s.len());
    out.extend_from_slice(s);
}

pub(super) fn write_key_vec(out: &mut Vec<u8>, keys: &[Key]) {
    write_len(out, keys.len());
    for k in keys {
        out.extend_from_slice(k);
    }
}
