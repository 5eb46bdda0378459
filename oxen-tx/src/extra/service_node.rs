//! The service-node tx_extra fields (tags 0x70 to 0x78): registration, deregistration, state
//! change, key image proofs and unlock. Each struct reads and writes its body (after the tag).

use alloc::vec::Vec;

use oxen_crypto::Signature;

use super::field_codec::{read_key_vec, read_signature, write_key_vec};
use crate::Error;
use crate::codec::{Key, Reader, write_len, write_varint};

/// Service-node registration (tag 0x70).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ServiceNodeRegister {
    /// Spend keys of the reserved wallets (operator first).
    pub public_spend_keys: Vec<Key>,
    /// View keys of the reserved wallets.
    pub public_view_keys: Vec<Key>,
    /// Operator fee (portions before HF19, millionths after); fixed 8 bytes on the wire.
    pub fee: u64,
    /// Reserved amounts (varints).
    pub amounts: Vec<u64>,
    /// Expiration timestamp (pre-HF19) or hardfork version; fixed 8 bytes.
    pub hf_or_expiration: u64,
    /// Operator signature.
    pub signature: Signature,
}

/// A vote of the pre-HF12 deregistration (68 bytes: signature, then u32 index).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DeregisterVote {
    /// Signature.
    pub signature: Signature,
    /// Quorum index of the voter (fixed 4 bytes little-endian).
    pub validator_index: u32,
}

/// Pre-HF12 service-node deregistration (tag 0x71).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ServiceNodeDeregisterOld {
    /// Block height (fixed 8 bytes).
    pub block_height: u64,
    /// Index of the service node in the quorum (fixed 4 bytes).
    pub service_node_index: u32,
    /// Votes.
    pub votes: Vec<DeregisterVote>,
}

/// A vote of a state change (varint index first, then the signature: the reverse of 0x71).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct StateChangeVote {
    /// Quorum index of the voter (varint, fits u32).
    pub validator_index: u32,
    /// Signature.
    pub signature: Signature,
}

/// Service-node state change (tag 0x78).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ServiceNodeStateChange {
    /// Record version: 0 (no version on the wire; the first varint is the state) or 4 (version,
    /// then state, and the two reason fields at the end).
    pub version: u8,
    /// New state: 0 deregister, 1 decommission, 2 recommission, 3 ip change penalty.
    pub state: u16,
    /// Block height (varint).
    pub block_height: u64,
    /// Index of the service node in the quorum (varint, fits u32).
    pub service_node_index: u32,
    /// Votes.
    pub votes: Vec<StateChangeVote>,
    /// Decommission reasons all voters agreed on (version 4 only).
    pub reason_consensus_all: u16,
    /// Decommission reasons any voter gave (version 4 only).
    pub reason_consensus_any: u16,
}

/// A key image proof (96 bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct KeyImageProof {
    /// Key image.
    pub key_image: Key,
    /// Key image signature.
    pub signature: Signature,
}

impl ServiceNodeRegister {
    pub(super) fn read(r: &mut Reader<'_>) -> Result<Self, Error> {
        let public_spend_keys = read_key_vec(r)?;
        let public_view_keys = read_key_vec(r)?;
        let fee = r.u64_le()?;
        let n = r.count(1)?;
        let mut amounts = Vec::with_capacity(n);
        for _ in 0..n {
            amounts.push(r.varint()?);
        }
        let hf_or_expiration = r.u64_le()?;
        let signature = read_signature(r)?;
        Ok(Self {
            public_spend_keys,
            public_view_keys,
            fee,
            amounts,
            hf_or_expiration,
            signature,
        })
    }

    pub(super) fn write(&self, out: &mut Vec<u8>) {
        write_key_vec(out, &self.public_spend_keys);
        write_key_vec(out, &self.public_view_keys);
        out.extend_from_slice(&self.fee.to_le_bytes());
        write_len(out, self.amounts.len());
        for a in &self.amounts {
            write_varint(out, *a);
        }
        out.extend_from_slice(&self.hf_or_expiration.to_le_bytes());
        out.extend_from_slice(&self.signature.to_bytes());
    }
}

impl ServiceNodeDeregisterOld {
    pub(super) fn read(r: &mut Reader<'_>) -> Result<Self, Error> {
        let block_height = r.u64_le()?;
        let service_node_index = r.u32_le()?;
        let n = r.count(68)?;
        let mut votes = Vec::with_capacity(n);
        for _ in 0..n {
            let signature = read_signature(r)?;
            votes.push(DeregisterVote {
                signature,
                validator_index: r.u32_le()?,
            });
        }
        Ok(Self {
            block_height,
            service_node_index,
            votes,
        })
    }

    pub(super) fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.block_height.to_le_bytes());
        out.extend_from_slice(&self.service_node_index.to_le_bytes());
        write_len(out, self.votes.len());
        for v in &self.votes {
            out.extend_from_slice(&v.signature.to_bytes());
            out.extend_from_slice(&v.validator_index.to_le_bytes());
        }
    }
}

impl ServiceNodeStateChange {
    pub(super) fn read(r: &mut Reader<'_>) -> Result<Self, Error> {
        // Reference quirk: the first varint (read as u8) is the state of a v0 record if
        // < 4, or the version (4) followed by the state.
        let first = r.varint_max(u64::from(u8::MAX))?;
        let (version, state) = match first {
            0..=3 => (0u8, first as u16),
            4 => {
                let s = r.varint_max(u64::from(u16::MAX))?;
                if s >= 4 {
                    return Err(Error::ExtraStateChangeInvalid);
                }
                (4u8, s as u16)
            }
            _ => return Err(Error::ExtraStateChangeInvalid),
        };
        let block_height = r.varint()?;
        let service_node_index = r.varint_max(u64::from(u32::MAX))? as u32;
        let n = r.count(65)?;
        let mut votes = Vec::with_capacity(n);
        for _ in 0..n {
            let validator_index = r.varint_max(u64::from(u32::MAX))? as u32;
            votes.push(StateChangeVote {
                validator_index,
                signature: read_signature(r)?,
            });
        }
        let (mut all, mut any) = (0, 0);
        if version >= 4 {
            all = r.varint_max(u64::from(u16::MAX))? as u16;
            any = r.varint_max(u64::from(u16::MAX))? as u16;
        }
        Ok(Self {
            version,
            state,
            block_height,
            service_node_index,
            votes,
            reason_consensus_all: all,
            reason_consensus_any: any,
        })
    }

    pub(super) fn write(&self, out: &mut Vec<u8>) {
        if self.version >= 4 {
            write_varint(out, u64::from(self.version));
        }
        write_varint(out, u64::from(self.state));
        write_varint(out, self.block_height);
        write_varint(out, u64::from(self.service_node_index));
        write_len(out, self.votes.len());
        for v in &self.votes {
            write_varint(out, u64::from(v.validator_index));
            out.extend_from_slice(&v.signature.to_bytes());
        }
        if self.version >= 4 {
            write_varint(out, u64::from(self.reason_consensus_all));
            write_varint(out, u64::from(self.reason_consensus_any));
        }
    }
}

/// Key image proofs body (tag 0x76).
pub(super) fn read_key_image_proofs(r: &mut Reader<'_>) -> Result<Vec<KeyImageProof>, Error> {
    let n = r.count(96)?;
    let mut proofs = Vec::with_capacity(n);
    for _ in 0..n {
        let key_image = r.array()?;
        proofs.push(KeyImageProof {
            key_image,
            signature: read_signature(r)?,
        });
    }
    Ok(proofs)
}

/// Key image proofs body (tag 0x76).
pub(super) fn write_key_image_proofs(out: &mut Vec<u8>, proofs: &[KeyImageProof]) {
    write_len(out, proofs.len());
    for p in proofs {
        out.extend_from_slice(&p.key_image);
        out.extend_from_slice(&p.signature.to_bytes());
    }
}

/// Key image unlock body (tag 0x77): `(key_image, signature, nonce)`.
pub(super) fn read_key_image_unlock(r: &mut Reader<'_>) -> Result<(Key, Signature, u32), Error> {
    Ok((r.array()?, read_signature(r)?, r.u32_le()?))
}

/// Key image unlock body (tag 0x77).
pub(super) fn write_key_image_unlock(
    out: &mut Vec<u8>,
    key_image: &Key,
    signature: &Signature,
    nonce: u32,
) {
    out.extend_from_slice(key_image);
    out.extend_from_slice(&signature.to_bytes());
    out.extend_from_slice(&nonce.to_le_bytes());
}
