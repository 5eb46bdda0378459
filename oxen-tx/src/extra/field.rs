//! [`ExtraField`]: one typed tx_extra field, and the tag dispatch of its codec (the bodies are
//! read and written by the tag-group modules).

use alloc::vec::Vec;

use oxen_crypto::Signature;

use super::basic::{
    read_merge_mining, read_nonce, read_padding, write_merge_mining, write_nonce, write_padding,
};
use super::eth::{EthNewServiceNodeV2, read_l2_base, write_l2_base};
use super::field_codec::{Bytes64, read_key_vec, read_string, write_key_vec, write_string};
use super::ons::OxenNameSystem;
use super::service_node::{
    KeyImageProof, ServiceNodeDeregisterOld, ServiceNodeRegister, ServiceNodeStateChange,
    read_key_image_proofs, read_key_image_unlock, write_key_image_proofs, write_key_image_unlock,
};
use super::tags::*;
use crate::Error;
use crate::codec::{Key, Reader, write_varint};

/// A parsed tx_extra field (reference `tx_extra_field`; variant order = sort order of
/// [`sort_tx_extra`](crate::extra::sort_tx_extra)).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum ExtraField {
    /// 0x01: the transaction public key `R = r·G`.
    PubKey(Key),
    /// 0x72: the service node winning the block reward.
    ServiceNodeWinner(Key),
    /// 0x04: additional per-output public keys.
    AdditionalPubKeys(Vec<Key>),
    /// 0x02: a nonce of at most 255 bytes (payment ids).
    Nonce(Vec<u8>),
    /// 0x70: service-node registration.
    ServiceNodeRegister(ServiceNodeRegister),
    /// 0x71: pre-HF12 deregistration.
    ServiceNodeDeregisterOld(ServiceNodeDeregisterOld),
    /// 0x78: state change.
    ServiceNodeStateChange(ServiceNodeStateChange),
    /// 0x73: contributor wallet address.
    ServiceNodeContributor {
        /// Spend public key.
        spend_public_key: Key,
        /// View public key.
        view_public_key: Key,
    },
    /// 0x74: service-node public key.
    ServiceNodePubkey(Key),
    /// 0x75: the transaction secret key (published deliberately, e.g. in stakes).
    TxSecretKey(Key),
    /// 0x7A: ONS record.
    OxenNameSystem(OxenNameSystem),
    /// 0x76: key image proofs.
    KeyImageProofs(Vec<KeyImageProof>),
    /// 0x77: key image unlock.
    KeyImageUnlock {
        /// Key image.
        key_image: Key,
        /// Signature.
        signature: Signature,
        /// Fixed 4 bytes ([`KEY_IMAGE_UNLOCK_FAKE_NONCE`] in practice).
        nonce: u32,
    },
    /// 0x7E: Ethereum new service node v2.
    EthNewServiceNodeV2(EthNewServiceNodeV2),
    /// 0x7D: Ethereum exit request. (The leading version varint is read and dropped; the
    /// reference writes 0.)
    EthServiceNodeExitRequest {
        /// Chain id.
        chain_id: u64,
        /// L2 height.
        l2_height: u64,
        /// BLS public key.
        bls_pubkey: Bytes64,
    },
    /// 0x7F: Ethereum exit (version dropped as for 0x7D).
    EthServiceNodeExit {
        /// Chain id.
        chain_id: u64,
        /// L2 height.
        l2_height: u64,
        /// BLS public key.
        bls_pubkey: Bytes64,
        /// Returned amount.
        returned_amount: u64,
    },
    /// 0x7B: Ethereum staking requirement update (version dropped as for 0x7D).
    EthStakingRequirementUpdated {
        /// Chain id.
        chain_id: u64,
        /// L2 height.
        l2_height: u64,
        /// New staking requirement.
        staking_requirement: u64,
    },
    /// 0x80: Ethereum purge (version dropped as for 0x7D).
    EthServiceNodePurge {
        /// Chain id.
        chain_id: u64,
        /// L2 height.
        l2_height: u64,
        /// BLS public key.
        bls_pubkey: Bytes64,
    },
    /// 0x79: burned amount (fixed 8 bytes).
    Burn(u64),
    /// 0x03: merge-mining tag. On the wire a string holding `varint(depth) || merkle_root`;
    /// bytes after the root inside the string are ignored (and not re-serialized).
    MergeMining {
        /// Depth.
        depth: u64,
        /// Merkle root.
        merkle_root: Key,
    },
    /// 0xDE: minergate data (a string).
    MysteriousMinergate(Vec<u8>),
    /// 0x00: padding; `size` counts the tag byte. Must be the last field.
    Padding {
        /// Total size including the tag, 1..=255.
        size: usize,
    },
}

impl ExtraField {
    /// The wire tag.
    #[must_use]
    pub fn tag(&self) -> u8 {
        match self {
            Self::PubKey(_) => TAG_PUBKEY,
            Self::ServiceNodeWinner(_) => TAG_SERVICE_NODE_WINNER,
            Self::AdditionalPubKeys(_) => TAG_ADDITIONAL_PUBKEYS,
            Self::Nonce(_) => TAG_NONCE,
            Self::ServiceNodeRegister(_) => TAG_SERVICE_NODE_REGISTER,
            Self::ServiceNodeDeregisterOld(_) => TAG_SERVICE_NODE_DEREG_OLD,
            Self::ServiceNodeStateChange(_) => TAG_SERVICE_NODE_STATE_CHANGE,
            Self::ServiceNodeContributor { .. } => TAG_SERVICE_NODE_CONTRIBUTOR,
            Self::ServiceNodePubkey(_) => TAG_SERVICE_NODE_PUBKEY,
            Self::TxSecretKey(_) => TAG_TX_SECRET_KEY,
            Self::OxenNameSystem(_) => TAG_OXEN_NAME_SYSTEM,
            Self::KeyImageProofs(_) => TAG_TX_KEY_IMAGE_PROOFS,
            Self::KeyImageUnlock { .. } => TAG_TX_KEY_IMAGE_UNLOCK,
            Self::EthNewServiceNodeV2(_) => TAG_ETHEREUM_NEW_SERVICE_NODE_V2,
            Self::EthServiceNodeExitRequest { .. } => TAG_ETHEREUM_SERVICE_NODE_EXIT_REQUEST,
            Self::EthServiceNodeExit { .. } => TAG_ETHEREUM_SERVICE_NODE_EXIT,
            Self::EthStakingRequirementUpdated { .. } => TAG_ETHEREUM_STAKING_REQUIREMENT_UPDATED,
            Self::EthServiceNodePurge { .. } => TAG_ETHEREUM_SERVICE_NODE_PURGE,
            Self::Burn(_) => TAG_BURN,
            Self::MergeMining { .. } => TAG_MERGE_MINING,
            Self::MysteriousMinergate(_) => TAG_MYSTERIOUS_MINERGATE,
            Self::Padding { .. } => TAG_PADDING,
        }
    }

    /// Position in the reference's `tx_extra_field` variant (the
    /// [`sort_tx_extra`](crate::extra::sort_tx_extra) order).
    #[must_use]
    pub fn sort_index(&self) -> usize {
        match self {
            Self::PubKey(_) => 0,
            Self::ServiceNodeWinner(_) => 1,
            Self::AdditionalPubKeys(_) => 2,
            Self::Nonce(_) => 3,
            Self::ServiceNodeRegister(_) => 4,
            Self::ServiceNodeDeregisterOld(_) => 5,
            Self::ServiceNodeStateChange(_) => 6,
            Self::ServiceNodeContributor { .. } => 7,
            Self::ServiceNodePubkey(_) => 8,
            Self::TxSecretKey(_) => 9,
            Self::OxenNameSystem(_) => 10,
            Self::KeyImageProofs(_) => 11,
            Self::KeyImageUnlock { .. } => 12,
            Self::EthNewServiceNodeV2(_) => 13,
            Self::EthServiceNodeExitRequest { .. } => 14,
            Self::EthServiceNodeExit { .. } => 15,
            Self::EthStakingRequirementUpdated { .. } => 16,
            Self::EthServiceNodePurge { .. } => 17,
            Self::Burn(_) => 18,
            Self::MergeMining { .. } => 19,
            Self::MysteriousMinergate(_) => 20,
            Self::Padding { .. } => 21,
        }
    }

    /// Reads one field (tag and body). `r` covers the rest of the extra: padding consumes it all.
    pub(super) fn read(r: &mut Reader<'_>) -> Result<Self, Error> {
        let tag = r.u8()?;
        Ok(match tag {
            TAG_PADDING => Self::Padding {
                size: read_padding(r)?,
            },
            TAG_PUBKEY => Self::PubKey(r.array()?),
            TAG_NONCE => Self::Nonce(read_nonce(r)?),
            TAG_MERGE_MINING => {
                let (depth, merkle_root) = read_merge_mining(r)?;
                Self::MergeMining { depth, merkle_root }
            }
            TAG_ADDITIONAL_PUBKEYS => Self::AdditionalPubKeys(read_key_vec(r)?),
            TAG_SERVICE_NODE_REGISTER => Self::ServiceNodeRegister(ServiceNodeRegister::read(r)?),
            TAG_SERVICE_NODE_DEREG_OLD => {
                Self::ServiceNodeDeregisterOld(ServiceNodeDeregisterOld::read(r)?)
            }
            TAG_SERVICE_NODE_WINNER => Self::ServiceNodeWinner(r.array()?),
            TAG_SERVICE_NODE_CONTRIBUTOR => Self::ServiceNodeContributor {
                spend_public_key: r.array()?,
                view_public_key: r.array()?,
            },
            TAG_SERVICE_NODE_PUBKEY => Self::ServiceNodePubkey(r.array()?),
            TAG_TX_SECRET_KEY => Self::TxSecretKey(r.array()?),
            TAG_TX_KEY_IMAGE_PROOFS => Self::KeyImageProofs(read_key_image_proofs(r)?),
            TAG_TX_KEY_IMAGE_UNLOCK => {
                let (key_image, signature, nonce) = read_key_image_unlock(r)?;
                Self::KeyImageUnlock {
                    key_image,
                    signature,
                    nonce,
                }
            }
            TAG_SERVICE_NODE_STATE_CHANGE => {
                Self::ServiceNodeStateChange(ServiceNodeStateChange::read(r)?)
            }
            TAG_BURN => Self::Burn(r.u64_le()?),
            TAG_OXEN_NAME_SYSTEM => Self::OxenNameSystem(OxenNameSystem::read(r)?),
            TAG_ETHEREUM_STAKING_REQUIREMENT_UPDATED => {
                let (chain_id, l2_height) = read_l2_base(r)?;
                Self::EthStakingRequirementUpdated {
                    chain_id,
                    l2_height,
                    staking_requirement: r.varint()?,
                }
            }
            TAG_ETHEREUM_SERVICE_NODE_EXIT_REQUEST => {
                let (chain_id, l2_height) = read_l2_base(r)?;
                Self::EthServiceNodeExitRequest {
                    chain_id,
                    l2_height,
                    bls_pubkey: Bytes64(r.array()?),
                }
            }
            TAG_ETHEREUM_NEW_SERVICE_NODE_V2 => {
                Self::EthNewServiceNodeV2(EthNewServiceNodeV2::read(r)?)
            }
            TAG_ETHEREUM_SERVICE_NODE_EXIT => {
                let (chain_id, l2_height) = read_l2_base(r)?;
                let bls_pubkey = Bytes64(r.array()?);
                Self::EthServiceNodeExit {
                    chain_id,
                    l2_height,
                    bls_pubkey,
                    returned_amount: r.varint()?,
                }
            }
            TAG_ETHEREUM_SERVICE_NODE_PURGE => {
                let (chain_id, l2_height) = read_l2_base(r)?;
                Self::EthServiceNodePurge {
                    chain_id,
                    l2_height,
                    bls_pubkey: Bytes64(r.array()?),
                }
            }
            TAG_MYSTERIOUS_MINERGATE => Self::MysteriousMinergate(read_string(r)?),
            // Includes 0x7C, which has no type in the reference.
            _ => return Err(Error::ExtraTagUnknown { tag }),
        })
    }

    /// Appends the field as the reference's typed serializer writes it (tag included).
    ///
    /// # Errors
    /// [`Error::ExtraNonceTooLong`] / [`Error::ExtraPaddingTooLong`] where the reference's
    /// serializer throws.
    pub fn write(&self, out: &mut Vec<u8>) -> Result<(), Error> {
        out.push(self.tag());
        match self {
            Self::PubKey(k)
            | Self::ServiceNodeWinner(k)
            | Self::ServiceNodePubkey(k)
            | Self::TxSecretKey(k) => out.extend_from_slice(k),
            Self::AdditionalPubKeys(keys) => write_key_vec(out, keys),
            Self::Nonce(n) => write_nonce(out, n)?,
            Self::ServiceNodeRegister(reg) => reg.write(out),
            Self::ServiceNodeDeregisterOld(d) => d.write(out),
            Self::ServiceNodeStateChange(sc) => sc.write(out),
            Self::ServiceNodeContributor {
                spend_public_key,
                view_public_key,
            } => {
                out.extend_from_slice(spend_public_key);
                out.extend_from_slice(view_public_key);
            }
            Self::OxenNameSystem(ons) => ons.write(out),
            Self::KeyImageProofs(proofs) => write_key_image_proofs(out, proofs),
            Self::KeyImageUnlock {
                key_image,
                signature,
                nonce,
            } => write_key_image_unlock(out, key_image, signature, *nonce),
            Self::EthNewServiceNodeV2(ev) => ev.write(out),
            Self::EthServiceNodeExitRequest {
                chain_id,
                l2_height,
                bls_pubkey,
            }
            | Self::EthServiceNodePurge {
                chain_id,
                l2_height,
                bls_pubkey,
            } => {
                write_l2_base(out, *chain_id, *l2_height);
                out.extend_from_slice(&bls_pubkey.0);
            }
            Self::EthServiceNodeExit {
                chain_id,
                l2_height,
                bls_pubkey,
                returned_amount,
            } => {
                write_l2_base(out, *chain_id, *l2_height);
                out.extend_from_slice(&bls_pubkey.0);
                write_varint(out, *returned_amount);
            }
            Self::EthStakingRequirementUpdated {
                chain_id,
                l2_height,
                staking_requirement,
            } => {
                write_l2_base(out, *chain_id, *l2_height);
                write_varint(out, *staking_requirement);
            }
            Self::Burn(a) => out.extend_from_slice(&a.to_le_bytes()),
            Self::MergeMining { depth, merkle_root } => {
                write_merge_mining(out, *depth, merkle_root);
            }
            Self::MysteriousMinergate(d) => write_string(out, d),
            Self::Padding { size } => write_padding(out, *size)?,
        }
        Ok(())
    }

    /// The field's bytes from [`ExtraField::write`].
    ///
    /// # Errors
    /// As [`ExtraField::write`].
    pub fn to_bytes(&self) -> Result<Vec<u8>, Error> {
        let mut out = Vec::new();
        self.write(&mut out)?;
        Ok(out)
    }
}
