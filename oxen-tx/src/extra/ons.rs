//! The Oxen Name System tx_extra field (tag 0x7A, reference `tx_extra_oxen_name_system` and
//! `ons::generic_owner` / `generic_signature`).

use alloc::vec::Vec;

use super::field_codec::{Bytes64, read_string, write_string};
use crate::Error;
use crate::codec::{Key, Reader, write_varint};

/// An ONS owner (reference `ons::generic_owner`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum GenericOwner {
    /// Type 0: a wallet address.
    Monero {
        /// Spend public key.
        spend_public_key: Key,
        /// View public key.
        view_public_key: Key,
        /// Whether the address is a subaddress (one byte 0/1).
        is_subaddress: bool,
    },
    /// Type 1: an Ed25519 key.
    Ed25519(Key),
}

impl Default for GenericOwner {
    fn default() -> Self {
        Self::Monero {
            spend_public_key: [0; 32],
            view_public_key: [0; 32],
            is_subaddress: false,
        }
    }
}

/// An ONS signature (reference `ons::generic_signature`): type 0 (Monero) or 1 (Ed25519), then
/// 64 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct GenericSignature {
    /// 0 = Monero, 1 = Ed25519.
    pub sig_type: u8,
    /// The signature bytes.
    pub data: Bytes64,
}

/// ONS field bit: owner present.
pub const ONS_FIELD_OWNER: u8 = 1;
/// ONS field bit: backup owner present.
pub const ONS_FIELD_BACKUP_OWNER: u8 = 2;
/// ONS field bit: signature present.
pub const ONS_FIELD_SIGNATURE: u8 = 4;
/// ONS field bit: encrypted value present.
pub const ONS_FIELD_ENCRYPTED_VALUE: u8 = 8;

/// Oxen Name System record (tag 0x7A). Which optional parts are on the wire is decided by the
/// bits of `fields` alone (a missing part under a set bit is written as its default, as the
/// reference does).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct OxenNameSystem {
    /// Raw byte version (0).
    pub version: u8,
    /// Mapping type < 6: session, wallet, lokinet, lokinet_2y, lokinet_5y, lokinet_10y.
    pub mapping_type: u16,
    /// Name hash.
    pub name_hash: Key,
    /// Previous txid of the mapping (zero for a new one).
    pub prev_txid: Key,
    /// Bitmask of present parts, at most 0x0f (`ONS_FIELD_*`).
    pub fields: u8,
    /// Owner (bit 1).
    pub owner: Option<GenericOwner>,
    /// Backup owner (bit 2).
    pub backup_owner: Option<GenericOwner>,
    /// Signature (bit 4).
    pub signature: Option<GenericSignature>,
    /// Encrypted value (bit 8).
    pub encrypted_value: Option<Vec<u8>>,
}

fn read_generic_owner(r: &mut Reader<'_>) -> Result<GenericOwner, Error> {
    match r.varint_max(u64::from(u8::MAX))? {
        0 => Ok(GenericOwner::Monero {
            spend_public_key: r.array()?,
            view_public_key: r.array()?,
            is_subaddress: r.bool()?,
        }),
        1 => Ok(GenericOwner::Ed25519(r.array()?)),
        _ => Err(Error::ExtraOnsInvalid),
    }
}

fn write_generic_owner(out: &mut Vec<u8>, o: &GenericOwner) {
    match o {
        GenericOwner::Monero {
            spend_public_key,
            view_public_key,
            is_subaddress,
        } => {
            out.push(0);
            out.extend_from_slice(spend_public_key);
            out.extend_from_slice(view_public_key);
            out.push(u8::from(*is_subaddress));
        }
        GenericOwner::Ed25519(k) => {
            out.push(1);
            out.extend_from_slice(k);
        }
    }
}

impl OxenNameSystem {
    pub(super) fn read(r: &mut Reader<'_>) -> Result<Self, Error> {
        let version = r.u8()?;
        let mapping_type = r.varint_max(u64::from(u16::MAX))? as u16;
        if mapping_type >= 6 {
            return Err(Error::ExtraOnsInvalid);
        }
        let name_hash = r.array()?;
        let prev_txid = r.array()?;
        let fields = r.varint_max(u64::from(u8::MAX))? as u8;
        if fields > 0x0f {
            return Err(Error::ExtraOnsInvalid);
        }
        let mut ons = Self {
            version,
            mapping_type,
            name_hash,
            prev_txid,
            fields,
            ..Self::default()
        };
        if fields & ONS_FIELD_OWNER != 0 {
            ons.owner = Some(read_generic_owner(r)?);
        }
        if fields & ONS_FIELD_BACKUP_OWNER != 0 {
            ons.backup_owner = Some(read_generic_owner(r)?);
        }
        if fields & ONS_FIELD_SIGNATURE != 0 {
            let sig_type = r.varint_max(u64::from(u8::MAX))? as u8;
            if sig_type >= 2 {
                return Err(Error::ExtraOnsInvalid);
            }
            ons.signature = Some(GenericSignature {
                sig_type,
                data: Bytes64(r.array()?),
            });
        }
        if fields & ONS_FIELD_ENCRYPTED_VALUE != 0 {
            ons.encrypted_value = Some(read_string(r)?);
        }
        Ok(ons)
    }

    pub(super) fn write(&self, out: &mut Vec<u8>) {
        out.push(self.version);
        write_varint(out, u64::from(self.mapping_type));
        out.extend_from_slice(&self.name_hash);
        out.extend_from_slice(&self.prev_txid);
        write_varint(out, u64::from(self.fields));
        if self.fields & ONS_FIELD_OWNER != 0 {
            write_generic_owner(out, &self.owner.unwrap_or_default());
        }
        if self.fields & ONS_FIELD_BACKUP_OWNER != 0 {
            write_generic_owner(out, &self.backup_owner.unwrap_or_default());
        }
        if self.fields & ONS_FIELD_SIGNATURE != 0 {
            let s = self.signature.unwrap_or_default();
            write_varint(out, u64::from(s.sig_type));
            out.extend_from_slice(&s.data.0);
        }
        if self.fields & ONS_FIELD_ENCRYPTED_VALUE != 0 {
            write_string(out, self.encrypted_value.as_deref().unwrap_or_default());
        }
    }
}
