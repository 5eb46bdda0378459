//! The Ethereum (L2 event) tx_extra fields, tags 0x7B to 0x80 (reference
//! `src/l2_tracker/events.h`). 0x7C (the v1 new-service-node event) has no type in the reference
//! and is rejected as an unknown tag.

use alloc::vec::Vec;

use super::field_codec::Bytes64;
use crate::Error;
use crate::codec::{Key, Reader, write_len, write_varint};

/// A 20-byte Ethereum address.
pub type EthAddress = [u8; 20];

/// A contributor of an Ethereum new-service-node event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct EthContributor {
    /// Staking address.
    pub address: EthAddress,
    /// Beneficiary (on the wire only when it differs from `address`).
    pub beneficiary: EthAddress,
    /// Amount.
    pub amount: u64,
}

/// Ethereum new service node v2 (tag 0x7E).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct EthNewServiceNodeV2 {
    /// Event version (a varint fitting u32; written 0 by the reference).
    pub version: u32,
    /// Chain id.
    pub chain_id: u64,
    /// L2 height.
    pub l2_height: u64,
    /// Service node Ed25519 public key.
    pub sn_pubkey: Key,
    /// BLS public key.
    pub bls_pubkey: Bytes64,
    /// Ed25519 signature.
    pub ed_signature: Bytes64,
    /// Operator fee.
    pub fee: u64,
    /// Contributors.
    pub contributors: Vec<EthContributor>,
}

impl EthNewServiceNodeV2 {
    pub(super) fn read(r: &mut Reader<'_>) -> Result<Self, Error> {
        let version = r.varint_max(u64::from(u32::MAX))? as u32;
        let chain_id = r.varint()?;
        let l2_height = r.varint()?;
        let sn_pubkey = r.array()?;
        let bls_pubkey = Bytes64(r.array()?);
        let ed_signature = Bytes64(r.array()?);
        let fee = r.varint()?;
        let n = r.count(23)?;
        let mut contributors = Vec::with_capacity(n);
        for _ in 0..n {
            // ContributorV2::Version: only version_0 (= 1) is valid.
            if r.varint_max(u64::from(u32::MAX))? != 1 {
                return Err(Error::ExtraContributorVersion);
            }
            let address: EthAddress = r.array()?;
            let beneficiary = if r.bool()? { r.array()? } else { address };
            contributors.push(EthContributor {
                address,
                beneficiary,
                amount: r.varint()?,
            });
        }
        Ok(Self {
            version,
            chain_id,
            l2_height,
            sn_pubkey,
            bls_pubkey,
            ed_signature,
            fee,
            contributors,
        })
    }

    pub(super) fn write(&self, out: &mut Vec<u8>) {
        write_varint(out, u64::from(self.version));
        write_varint(out, self.chain_id);
        write_varint(out, self.l2_height);
        out.extend_from_slice(&self.sn_pubkey);
        out.extend_from_slice(&self.bls_pubkey.0);
        out.extend_from_slice(&self.ed_signature.0);
        write_varint(out, self.fee);
        write_len(out, self.contributors.len());
        for c in &self.contributors {
            out.push(1);
            out.extend_from_slice(&c.address);
            if c.beneficiary == c.address {
                out.push(0);
            } else {
                out.push(1);
                out.extend_from_slice(&c.beneficiary);
            }
            write_varint(out, c.amount);
        }
    }
}

/// `varint version (u8, dropped) || varint chain_id || varint l2_height` of the L2 events.
pub(super) fn read_l2_base(r: &mut Reader<'_>) -> Result<(u64, u64), Error> {
    r.varint_max(u64::from(u8::MAX))?;
    Ok((r.varint()?, r.varint()?))
}

pub(super) fn write_l2_base(out: &mut Vec<u8>, chain_id: u64, l2_height: u64) {
    out.push(0);
    write_varint(out, chain_id);
    write_varint(out, l2_height);
}
