//! `tx_extra`: the typed fields of a transaction's extra bytes (reference
//! `src/cryptonote_basic/tx_extra.h`, `src/l2_tracker/events.h` and the tx_extra functions of
//! `src/cryptonote_basic/cryptonote_format_utils.cpp`).
//!
//! tx_extra is a plain concatenation of fields, each a one-byte tag followed by a body whose
//! layout the tag fixes; there is no generic length prefix, so an unknown tag ends parsing.
//! [`TxExtra::parse`] keeps the raw bytes and each field's byte span, so a parsed extra
//! re-serializes byte for byte ([`TxExtra::as_bytes`]); [`ExtraField::write`] is the reference's
//! typed serializer (used by [`sort_tx_extra`] and to build new extras), which normalizes a few
//! things exactly as the reference does (see the field docs).
//!
//! On failure [`TxExtra::parse`] reports what the reference's `parse_tx_extra` leaves behind:
//! the complete fields before the failing one, the failing field's index and byte offset, and
//! the check that failed.
//!
//! ```
//! use oxen_tx::extra::{ExtraField, TxExtra};
//!
//! let mut bytes = vec![0x01];
//! bytes.extend_from_slice(&[7u8; 32]); // tx public key
//! bytes.extend_from_slice(&[0x02, 0x09, 0x01, 1, 2, 3, 4, 5, 6, 7, 8]); // encrypted payment id
//! let extra = TxExtra::parse(&bytes).unwrap();
//! assert_eq!(extra.fields()[0], ExtraField::PubKey([7u8; 32]));
//! assert_eq!(extra.tx_pub_key(0), [7u8; 32]);
//! assert_eq!(extra.encrypted_payment_id(), Some([1, 2, 3, 4, 5, 6, 7, 8]));
//! assert_eq!(extra.as_bytes(), &bytes[..]);
//!
//! // An unknown tag stops the parse; the fields before it are reported.
//! bytes.push(0x05);
//! let err = TxExtra::parse(&bytes).unwrap_err();
//! assert_eq!(err.field_index, 2);
//! assert_eq!(err.offset, 44);
//! assert_eq!(err.parsed.len(), 2);
//! ```

use alloc::vec::Vec;
use core::ops::Range;

use crate::Error;
use crate::transaction::{Key, Reader, Signature, write_len, write_varint};

/// Maximum padding length, tag included (reference `TX_EXTRA_PADDING_MAX_COUNT`).
pub const TX_EXTRA_PADDING_MAX_COUNT: usize = 255;
/// Maximum nonce length (reference `TX_EXTRA_NONCE_MAX_COUNT`).
pub const TX_EXTRA_NONCE_MAX_COUNT: usize = 255;

/// Tag 0x00: padding.
pub const TAG_PADDING: u8 = 0x00;
/// Tag 0x01: transaction public key.
pub const TAG_PUBKEY: u8 = 0x01;
/// Tag 0x02: nonce (payment ids).
pub const TAG_NONCE: u8 = 0x02;
/// Tag 0x03: merge-mining tag.
pub const TAG_MERGE_MINING: u8 = 0x03;
/// Tag 0x04: additional per-output public keys.
pub const TAG_ADDITIONAL_PUBKEYS: u8 = 0x04;
/// Tag 0x70: service-node registration.
pub const TAG_SERVICE_NODE_REGISTER: u8 = 0x70;
/// Tag 0x71: pre-HF12 service-node deregistration.
pub const TAG_SERVICE_NODE_DEREG_OLD: u8 = 0x71;
/// Tag 0x72: service-node block winner.
pub const TAG_SERVICE_NODE_WINNER: u8 = 0x72;
/// Tag 0x73: service-node contributor address.
pub const TAG_SERVICE_NODE_CONTRIBUTOR: u8 = 0x73;
/// Tag 0x74: service-node public key.
pub const TAG_SERVICE_NODE_PUBKEY: u8 = 0x74;
/// Tag 0x75: transaction secret key.
pub const TAG_TX_SECRET_KEY: u8 = 0x75;
/// Tag 0x76: key image proofs.
pub const TAG_TX_KEY_IMAGE_PROOFS: u8 = 0x76;
/// Tag 0x77: key image unlock.
pub const TAG_TX_KEY_IMAGE_UNLOCK: u8 = 0x77;
/// Tag 0x78: service-node state change.
pub const TAG_SERVICE_NODE_STATE_CHANGE: u8 = 0x78;
/// Tag 0x79: burned amount.
pub const TAG_BURN: u8 = 0x79;
/// Tag 0x7A: Oxen Name System.
pub const TAG_OXEN_NAME_SYSTEM: u8 = 0x7A;
/// Tag 0x7B: Ethereum staking requirement updated.
pub const TAG_ETHEREUM_STAKING_REQUIREMENT_UPDATED: u8 = 0x7B;
/// Tag 0x7C: old Ethereum new-service-node event; no type exists for it in the reference, so it
/// fails to parse.
pub const TAG_ETHEREUM_NEW_SERVICE_NODE: u8 = 0x7C;
/// Tag 0x7D: Ethereum service-node exit request.
pub const TAG_ETHEREUM_SERVICE_NODE_EXIT_REQUEST: u8 = 0x7D;
/// Tag 0x7E: Ethereum new service node (v2).
pub const TAG_ETHEREUM_NEW_SERVICE_NODE_V2: u8 = 0x7E;
/// Tag 0x7F: Ethereum service-node exit.
pub const TAG_ETHEREUM_SERVICE_NODE_EXIT: u8 = 0x7F;
/// Tag 0x80: Ethereum service-node purge.
pub const TAG_ETHEREUM_SERVICE_NODE_PURGE: u8 = 0x80;
/// Tag 0xDE: "mysterious minergate" data.
pub const TAG_MYSTERIOUS_MINERGATE: u8 = 0xDE;

/// Nonce prefix byte of a plain 32-byte payment id.
pub const NONCE_PAYMENT_ID: u8 = 0x00;
/// Nonce prefix byte of an encrypted 8-byte payment id.
pub const NONCE_ENCRYPTED_PAYMENT_ID: u8 = 0x01;

/// The `nonce` a key image unlock carries (reference `tx_extra_tx_key_image_unlock::FAKE_NONCE`).
pub const KEY_IMAGE_UNLOCK_FAKE_NONCE: u32 = 0x4B4C_4E55;

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

/// A 20-byte Ethereum address.
pub type EthAddress = [u8; 20];

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

/// A parsed tx_extra field (reference `tx_extra_field`; variant order = sort order of
/// [`sort_tx_extra`]).
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

fn read_signature(r: &mut Reader<'_>) -> Result<Signature, Error> {
    Ok(Signature::from_bytes(&r.array()?))
}

fn read_key_vec(r: &mut Reader<'_>) -> Result<Vec<Key>, Error> {
    let n = r.count(32)?;
    let mut v = Vec::with_capacity(n);
    for _ in 0..n {
        v.push(r.array()?);
    }
    Ok(v)
}

fn read_string(r: &mut Reader<'_>) -> Result<Vec<u8>, Error> {
    let n = r.count(1)?;
    Ok(r.bytes(n)?.to_vec())
}

fn write_string(out: &mut Vec<u8>, s: &[u8]) {
    write_len(out, s.len());
    out.extend_from_slice(s);
}

fn write_key_vec(out: &mut Vec<u8>, keys: &[Key]) {
    write_len(out, keys.len());
    for k in keys {
        out.extend_from_slice(k);
    }
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

/// `varint version (u8, dropped) || varint chain_id || varint l2_height` of the L2 events.
fn read_l2_base(r: &mut Reader<'_>) -> Result<(u64, u64), Error> {
    r.varint_max(u64::from(u8::MAX))?;
    Ok((r.varint()?, r.varint()?))
}

fn write_l2_base(out: &mut Vec<u8>, chain_id: u64, l2_height: u64) {
    out.push(0);
    write_varint(out, chain_id);
    write_varint(out, l2_height);
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

    /// Position in the reference's `tx_extra_field` variant (the [`sort_tx_extra`] order).
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
    fn read(r: &mut Reader<'_>) -> Result<Self, Error> {
        let tag = r.u8()?;
        Ok(match tag {
            TAG_PADDING => {
                // Reference tx_extra_padding: everything left, at most 254 bytes, all zero.
                let rest = r.remaining();
                if rest > TX_EXTRA_PADDING_MAX_COUNT - 1 {
                    return Err(Error::ExtraPaddingTooLong);
                }
                if r.bytes(rest)?.iter().any(|b| *b != 0) {
                    return Err(Error::ExtraPaddingNonZero);
                }
                Self::Padding { size: rest + 1 }
            }
            TAG_PUBKEY => Self::PubKey(r.array()?),
            TAG_NONCE => {
                let nonce = read_string(r)?;
                if nonce.len() > TX_EXTRA_NONCE_MAX_COUNT {
                    return Err(Error::ExtraNonceTooLong);
                }
                Self::Nonce(nonce)
            }
            TAG_MERGE_MINING => {
                let inner = read_string(r)?;
                let mut ir = Reader::new(&inner);
                let depth = ir.varint()?;
                // Bytes after the root inside the string are ignored (vector
                // merge_mining_inner_trailing_byte).
                Self::MergeMining {
                    depth,
                    merkle_root: ir.array()?,
                }
            }
            TAG_ADDITIONAL_PUBKEYS => Self::AdditionalPubKeys(read_key_vec(r)?),
            TAG_SERVICE_NODE_REGISTER => {
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
                Self::ServiceNodeRegister(ServiceNodeRegister {
                    public_spend_keys,
                    public_view_keys,
                    fee,
                    amounts,
                    hf_or_expiration,
                    signature,
                })
            }
            TAG_SERVICE_NODE_DEREG_OLD => {
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
                Self::ServiceNodeDeregisterOld(ServiceNodeDeregisterOld {
                    block_height,
                    service_node_index,
                    votes,
                })
            }
            TAG_SERVICE_NODE_WINNER => Self::ServiceNodeWinner(r.array()?),
            TAG_SERVICE_NODE_CONTRIBUTOR => Self::ServiceNodeContributor {
                spend_public_key: r.array()?,
                view_public_key: r.array()?,
            },
            TAG_SERVICE_NODE_PUBKEY => Self::ServiceNodePubkey(r.array()?),
            TAG_TX_SECRET_KEY => Self::TxSecretKey(r.array()?),
            TAG_TX_KEY_IMAGE_PROOFS => {
                let n = r.count(96)?;
                let mut proofs = Vec::with_capacity(n);
                for _ in 0..n {
                    let key_image = r.array()?;
                    proofs.push(KeyImageProof {
                        key_image,
                        signature: read_signature(r)?,
                    });
                }
                Self::KeyImageProofs(proofs)
            }
            TAG_TX_KEY_IMAGE_UNLOCK => Self::KeyImageUnlock {
                key_image: r.array()?,
                signature: read_signature(r)?,
                nonce: r.u32_le()?,
            },
            TAG_SERVICE_NODE_STATE_CHANGE => {
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
                Self::ServiceNodeStateChange(ServiceNodeStateChange {
                    version,
                    state,
                    block_height,
                    service_node_index,
                    votes,
                    reason_consensus_all: all,
                    reason_consensus_any: any,
                })
            }
            TAG_BURN => Self::Burn(r.u64_le()?),
            TAG_OXEN_NAME_SYSTEM => {
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
                let mut ons = OxenNameSystem {
                    version,
                    mapping_type,
                    name_hash,
                    prev_txid,
                    fields,
                    ..OxenNameSystem::default()
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
                Self::OxenNameSystem(ons)
            }
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
                Self::EthNewServiceNodeV2(EthNewServiceNodeV2 {
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
            Self::Nonce(n) => {
                write_string(out, n);
                if n.len() > TX_EXTRA_NONCE_MAX_COUNT {
                    return Err(Error::ExtraNonceTooLong);
                }
            }
            Self::ServiceNodeRegister(reg) => {
                write_key_vec(out, &reg.public_spend_keys);
                write_key_vec(out, &reg.public_view_keys);
                out.extend_from_slice(&reg.fee.to_le_bytes());
                write_len(out, reg.amounts.len());
                for a in &reg.amounts {
                    write_varint(out, *a);
                }
                out.extend_from_slice(&reg.hf_or_expiration.to_le_bytes());
                out.extend_from_slice(&reg.signature.to_bytes());
            }
            Self::ServiceNodeDeregisterOld(d) => {
                out.extend_from_slice(&d.block_height.to_le_bytes());
                out.extend_from_slice(&d.service_node_index.to_le_bytes());
                write_len(out, d.votes.len());
                for v in &d.votes {
                    out.extend_from_slice(&v.signature.to_bytes());
                    out.extend_from_slice(&v.validator_index.to_le_bytes());
                }
            }
            Self::ServiceNodeStateChange(sc) => {
                if sc.version >= 4 {
                    write_varint(out, u64::from(sc.version));
                }
                write_varint(out, u64::from(sc.state));
                write_varint(out, sc.block_height);
                write_varint(out, u64::from(sc.service_node_index));
                write_len(out, sc.votes.len());
                for v in &sc.votes {
                    write_varint(out, u64::from(v.validator_index));
                    out.extend_from_slice(&v.signature.to_bytes());
                }
                if sc.version >= 4 {
                    write_varint(out, u64::from(sc.reason_consensus_all));
                    write_varint(out, u64::from(sc.reason_consensus_any));
                }
            }
            Self::ServiceNodeContributor {
                spend_public_key,
                view_public_key,
            } => {
                out.extend_from_slice(spend_public_key);
                out.extend_from_slice(view_public_key);
            }
            Self::OxenNameSystem(ons) => {
                out.push(ons.version);
                write_varint(out, u64::from(ons.mapping_type));
                out.extend_from_slice(&ons.name_hash);
                out.extend_from_slice(&ons.prev_txid);
                write_varint(out, u64::from(ons.fields));
                if ons.fields & ONS_FIELD_OWNER != 0 {
                    write_generic_owner(out, &ons.owner.unwrap_or_default());
                }
                if ons.fields & ONS_FIELD_BACKUP_OWNER != 0 {
                    write_generic_owner(out, &ons.backup_owner.unwrap_or_default());
                }
                if ons.fields & ONS_FIELD_SIGNATURE != 0 {
                    let s = ons.signature.unwrap_or_default();
                    write_varint(out, u64::from(s.sig_type));
                    out.extend_from_slice(&s.data.0);
                }
                if ons.fields & ONS_FIELD_ENCRYPTED_VALUE != 0 {
                    write_string(out, ons.encrypted_value.as_deref().unwrap_or_default());
                }
            }
            Self::KeyImageProofs(proofs) => {
                write_len(out, proofs.len());
                for p in proofs {
                    out.extend_from_slice(&p.key_image);
                    out.extend_from_slice(&p.signature.to_bytes());
                }
            }
            Self::KeyImageUnlock {
                key_image,
                signature,
                nonce,
            } => {
                out.extend_from_slice(key_image);
                out.extend_from_slice(&signature.to_bytes());
                out.extend_from_slice(&nonce.to_le_bytes());
            }
            Self::EthNewServiceNodeV2(ev) => {
                write_varint(out, u64::from(ev.version));
                write_varint(out, ev.chain_id);
                write_varint(out, ev.l2_height);
                out.extend_from_slice(&ev.sn_pubkey);
                out.extend_from_slice(&ev.bls_pubkey.0);
                out.extend_from_slice(&ev.ed_signature.0);
                write_varint(out, ev.fee);
                write_len(out, ev.contributors.len());
                for c in &ev.contributors {
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
                let mut inner = Vec::with_capacity(42);
                write_varint(&mut inner, *depth);
                inner.extend_from_slice(merkle_root);
                write_string(out, &inner);
            }
            Self::MysteriousMinergate(d) => write_string(out, d),
            Self::Padding { size } => {
                if *size > 1 {
                    if *size > TX_EXTRA_PADDING_MAX_COUNT {
                        return Err(Error::ExtraPaddingTooLong);
                    }
                    out.resize(out.len() + size - 1, 0);
                }
            }
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

/// Where and why [`TxExtra::parse`] stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtraParseError {
    /// The check that failed.
    pub error: Error,
    /// Index of the failing field (= number of complete fields before it).
    pub field_index: usize,
    /// Byte offset of the failing field's tag.
    pub offset: usize,
    /// The complete fields before the failing one (what the reference's output vector holds,
    /// minus its one default/partial element for the failing field).
    pub parsed: Vec<ExtraField>,
}

impl From<ExtraParseError> for Error {
    fn from(e: ExtraParseError) -> Self {
        e.error
    }
}

impl core::fmt::Display for ExtraParseError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "tx_extra field {} at byte {}: {}",
            self.field_index, self.offset, self.error
        )
    }
}

#[cfg(feature = "std")]
impl std::error::Error for ExtraParseError {}

/// A parsed tx_extra: its fields with their byte spans, and the original bytes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TxExtra {
    raw: Vec<u8>,
    fields: Vec<ExtraField>,
    spans: Vec<Range<usize>>,
}

impl TxExtra {
    /// Parses tx_extra bytes (reference `parse_tx_extra`): an empty extra has no fields;
    /// otherwise fields are read until the input is exhausted, and any failure fails the whole
    /// parse.
    ///
    /// # Errors
    /// [`ExtraParseError`] naming the failing field, its offset and the failed check.
    pub fn parse(bytes: &[u8]) -> Result<Self, ExtraParseError> {
        let mut r = Reader::new(bytes);
        let mut fields = Vec::new();
        let mut spans = Vec::new();
        while r.remaining() > 0 {
            let start = r.position();
            match ExtraField::read(&mut r) {
                Ok(f) => {
                    fields.push(f);
                    spans.push(start..r.position());
                }
                Err(error) => {
                    return Err(ExtraParseError {
                        error,
                        field_index: fields.len(),
                        offset: start,
                        parsed: fields,
                    });
                }
            }
        }
        Ok(Self {
            raw: bytes.to_vec(),
            fields,
            spans,
        })
    }

    /// Builds an extra from typed fields with the reference's serializer.
    ///
    /// # Errors
    /// As [`ExtraField::write`].
    pub fn from_fields(fields: Vec<ExtraField>) -> Result<Self, Error> {
        let mut raw = Vec::new();
        let mut spans = Vec::with_capacity(fields.len());
        for f in &fields {
            let start = raw.len();
            f.write(&mut raw)?;
            spans.push(start..raw.len());
        }
        Ok(Self { raw, fields, spans })
    }

    /// The fields, in wire order.
    #[must_use]
    pub fn fields(&self) -> &[ExtraField] {
        &self.fields
    }

    /// The exact wire bytes of field `i`.
    #[must_use]
    pub fn field_bytes(&self, i: usize) -> Option<&[u8]> {
        self.spans.get(i).and_then(|s| self.raw.get(s.clone()))
    }

    /// The exact bytes this extra was parsed from (or built as).
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        &self.raw
    }

    /// The `index`-th transaction public key (reference `get_tx_pub_key_from_extra`; all-zero if
    /// there is none).
    #[must_use]
    pub fn tx_pub_key(&self, index: usize) -> Key {
        self.fields
            .iter()
            .filter_map(|f| {
                if let ExtraField::PubKey(k) = f {
                    Some(*k)
                } else {
                    None
                }
            })
            .nth(index)
            .unwrap_or([0u8; 32])
    }

    /// Every transaction public key, in order (reference `get_public_keys`).
    #[must_use]
    pub fn tx_pub_keys(&self) -> Vec<Key> {
        self.fields
            .iter()
            .filter_map(|f| {
                if let ExtraField::PubKey(k) = f {
                    Some(*k)
                } else {
                    None
                }
            })
            .collect()
    }

    /// The first additional-public-keys field's keys (reference
    /// `get_additional_tx_pub_keys_from_extra`; empty if none).
    #[must_use]
    pub fn additional_pub_keys(&self) -> Vec<Key> {
        self.fields
            .iter()
            .find_map(|f| {
                if let ExtraField::AdditionalPubKeys(k) = f {
                    Some(k.clone())
                } else {
                    None
                }
            })
            .unwrap_or_default()
    }

    /// The first burn field's amount (reference `get_burned_amount_from_tx_extra`; 0 if none).
    #[must_use]
    pub fn burned_amount(&self) -> u64 {
        self.fields
            .iter()
            .find_map(|f| {
                if let ExtraField::Burn(a) = f {
                    Some(*a)
                } else {
                    None
                }
            })
            .unwrap_or(0)
    }

    /// The first service-node winner key (reference `get_service_node_winner_from_tx_extra`;
    /// all-zero if none).
    #[must_use]
    pub fn service_node_winner(&self) -> Key {
        self.fields
            .iter()
            .find_map(|f| {
                if let ExtraField::ServiceNodeWinner(k) = f {
                    Some(*k)
                } else {
                    None
                }
            })
            .unwrap_or([0u8; 32])
    }

    /// The first nonce field.
    #[must_use]
    pub fn nonce(&self) -> Option<&[u8]> {
        self.fields.iter().find_map(|f| {
            if let ExtraField::Nonce(n) = f {
                Some(&n[..])
            } else {
                None
            }
        })
    }

    /// The 32-byte payment id of the first nonce, if it is one (`0x00 || id`, exactly 33 bytes;
    /// reference `get_payment_id_from_tx_extra_nonce`).
    #[must_use]
    pub fn payment_id(&self) -> Option<Key> {
        match self.nonce()? {
            [NONCE_PAYMENT_ID, rest @ ..] => rest.try_into().ok(),
            _ => None,
        }
    }

    /// The encrypted 8-byte payment id of the first nonce, if it is one (`0x01 || id`, exactly
    /// 9 bytes; reference `get_encrypted_payment_id_from_tx_extra_nonce`).
    #[must_use]
    pub fn encrypted_payment_id(&self) -> Option<[u8; 8]> {
        match self.nonce()? {
            [NONCE_ENCRYPTED_PAYMENT_ID, rest @ ..] => rest.try_into().ok(),
            _ => None,
        }
    }
}

/// Reference `parse_tx_extra`: the fields, or where parsing stopped.
///
/// # Errors
/// As [`TxExtra::parse`].
pub fn parse_tx_extra(bytes: &[u8]) -> Result<Vec<ExtraField>, ExtraParseError> {
    TxExtra::parse(bytes).map(|e| e.fields)
}

/// Reference `sort_tx_extra`: parses, stable-sorts the fields by [`ExtraField::sort_index`] and
/// re-serializes them with the typed serializer.
///
/// # Errors
/// The parse error, or a serializer error.
pub fn sort_tx_extra(bytes: &[u8]) -> Result<Vec<u8>, Error> {
    let mut fields = parse_tx_extra(bytes)?;
    fields.sort_by_key(ExtraField::sort_index);
    let mut out = Vec::with_capacity(bytes.len());
    for f in &fields {
        f.write(&mut out)?;
    }
    Ok(out)
}

/// Reference `add_extra_nonce_to_tx_extra`: appends `0x02 || len || nonce`.
///
/// Reference quirk, reproduced: the length is written as ONE raw byte while the parser reads a
/// varint, so nonces of 128..=255 bytes written by this function do not parse back (vectors
/// `add_extra_nonce_128_quirk`, `add_extra_nonce_200_quirk`). Use [`ExtraField::Nonce`] with
/// [`ExtraField::write`] for a proper varint.
///
/// # Errors
/// [`Error::ExtraNonceTooLong`] for a nonce over 255 bytes (vector `add_extra_nonce_256`).
pub fn add_extra_nonce_to_tx_extra(extra: &mut Vec<u8>, nonce: &[u8]) -> Result<(), Error> {
    let len = u8::try_from(nonce.len()).map_err(|_| Error::ExtraNonceTooLong)?;
    extra.reserve(2 + nonce.len());
    extra.push(TAG_NONCE);
    extra.push(len);
    extra.extend_from_slice(nonce);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sig(b: u8) -> Signature {
        Signature {
            c: [b; 32],
            r: [b.wrapping_add(1); 32],
        }
    }

    /// One field of every kind, each in the reference's canonical form.
    fn samples(n: u64) -> Vec<ExtraField> {
        let k = |b: u64| [(b & 0xff) as u8; 32];
        let b64 = Bytes64([(n & 0xff) as u8; 64]);
        alloc::vec![
            ExtraField::PubKey(k(n)),
            ExtraField::ServiceNodeWinner(k(n + 1)),
            ExtraField::AdditionalPubKeys((0..n % 4).map(k).collect()),
            ExtraField::Nonce((0..(n % 256) as u8).collect()),
            ExtraField::ServiceNodeRegister(ServiceNodeRegister {
                public_spend_keys: alloc::vec![k(1), k(2)],
                public_view_keys: alloc::vec![k(3)],
                fee: n,
                amounts: alloc::vec![n, n / 3, u64::MAX],
                hf_or_expiration: n ^ 0xfff,
                signature: sig(4),
            }),
            ExtraField::ServiceNodeDeregisterOld(ServiceNodeDeregisterOld {
                block_height: n,
                service_node_index: n as u32,
                votes: alloc::vec![DeregisterVote {
                    signature: sig(5),
                    validator_index: 7
                }],
            }),
            ExtraField::ServiceNodeStateChange(ServiceNodeStateChange {
                version: if n.is_multiple_of(2) { 0 } else { 4 },
                state: (n % 4) as u16,
                block_height: n,
                service_node_index: (n >> 3) as u32,
                votes: alloc::vec![StateChangeVote {
                    validator_index: 3,
                    signature: sig(6)
                }],
                reason_consensus_all: if n.is_multiple_of(2) { 0 } else { 5 },
                reason_consensus_any: if n.is_multiple_of(2) { 0 } else { 300 },
            }),
            ExtraField::ServiceNodeContributor {
                spend_public_key: k(8),
                view_public_key: k(9)
            },
            ExtraField::ServiceNodePubkey(k(10)),
            ExtraField::TxSecretKey(k(11)),
            ExtraField::OxenNameSystem(OxenNameSystem {
                version: 0,
                mapping_type: (n % 6) as u16,
                name_hash: k(12),
                prev_txid: k(13),
                fields: 0x0f,
                owner: Some(GenericOwner::Monero {
                    spend_public_key: k(14),
                    view_public_key: k(15),
                    is_subaddress: n % 2 == 1
                }),
                backup_owner: Some(GenericOwner::Ed25519(k(16))),
                signature: Some(GenericSignature {
                    sig_type: 1,
                    data: b64
                }),
                encrypted_value: Some(alloc::vec![1, 2, 3]),
            }),
            ExtraField::KeyImageProofs(alloc::vec![KeyImageProof {
                key_image: k(17),
                signature: sig(18)
            }]),
            ExtraField::KeyImageUnlock {
                key_image: k(19),
                signature: sig(20),
                nonce: KEY_IMAGE_UNLOCK_FAKE_NONCE
            },
            ExtraField::EthNewServiceNodeV2(EthNewServiceNodeV2 {
                version: 0,
                chain_id: n,
                l2_height: n + 5,
                sn_pubkey: k(21),
                bls_pubkey: b64,
                ed_signature: b64,
                fee: 1500,
                contributors: alloc::vec![
                    EthContributor {
                        address: [1; 20],
                        beneficiary: [1; 20],
                        amount: n
                    },
                    EthContributor {
                        address: [2; 20],
                        beneficiary: [3; 20],
                        amount: 7
                    },
                ],
            }),
            ExtraField::EthServiceNodeExitRequest {
                chain_id: n,
                l2_height: 1,
                bls_pubkey: b64
            },
            ExtraField::EthServiceNodeExit {
                chain_id: n,
                l2_height: 2,
                bls_pubkey: b64,
                returned_amount: n
            },
            ExtraField::EthStakingRequirementUpdated {
                chain_id: n,
                l2_height: 3,
                staking_requirement: n
            },
            ExtraField::EthServiceNodePurge {
                chain_id: n,
                l2_height: 4,
                bls_pubkey: b64
            },
            ExtraField::Burn(n),
            ExtraField::MergeMining {
                depth: n,
                merkle_root: k(22)
            },
            ExtraField::MysteriousMinergate(alloc::vec![9; (n % 20) as usize]),
        ]
    }

    proptest! {
        /// Typed fields -> bytes -> parse gives the same fields, the same bytes and spans; the
        /// padding, which must come last, is appended.
        #[test]
        fn typed_round_trip(n: u64, picks in prop::collection::vec(0usize..21, 0..8), pad in 0usize..256) {
            let all = samples(n);
            let mut fields: Vec<ExtraField> = picks.iter().map(|i| all[*i].clone()).collect();
            if pad > 0 {
                fields.push(ExtraField::Padding { size: pad });
            }
            let built = TxExtra::from_fields(fields.clone()).unwrap();
            let parsed = TxExtra::parse(built.as_bytes()).unwrap();
            prop_assert_eq!(parsed.fields(), &fields[..]);
            prop_assert_eq!(parsed.as_bytes(), built.as_bytes());
            for i in 0..fields.len() {
                prop_assert_eq!(parsed.field_bytes(i), built.field_bytes(i));
            }
            // sort_tx_extra is a stable sort by variant index.
            let mut sorted = fields.clone();
            sorted.sort_by_key(ExtraField::sort_index);
            let want = TxExtra::from_fields(sorted).unwrap();
            prop_assert_eq!(sort_tx_extra(built.as_bytes()).unwrap(), want.as_bytes().to_vec());
        }

        #[test]
        fn parser_never_panics(data: Vec<u8>) {
            match TxExtra::parse(&data) {
                Ok(e) => prop_assert_eq!(e.as_bytes(), &data[..]),
                Err(e) => {
                    prop_assert_eq!(e.parsed.len(), e.field_index);
                    prop_assert!(e.offset < data.len());
                }
            }
        }
    }

    fn err(bytes: &[u8]) -> Error {
        TxExtra::parse(bytes).unwrap_err().error
    }

    #[test]
    fn error_variants_extra() {
        assert_eq!(err(&[0x05]), Error::ExtraTagUnknown { tag: 0x05 });
        assert_eq!(
            err(&[TAG_ETHEREUM_NEW_SERVICE_NODE, 0, 0]),
            Error::ExtraTagUnknown { tag: 0x7c }
        );
        assert_eq!(err(&[0u8; 256]), Error::ExtraPaddingTooLong);
        assert_eq!(err(&[0, 0, 1]), Error::ExtraPaddingNonZero);
        let mut n = alloc::vec![TAG_NONCE, 0x80, 0x02];
        n.extend_from_slice(&[0u8; 256]);
        assert_eq!(err(&n), Error::ExtraNonceTooLong);
        assert_eq!(
            ExtraField::Nonce(alloc::vec![0; 256]).to_bytes(),
            Err(Error::ExtraNonceTooLong)
        );
        assert_eq!(
            ExtraField::Padding { size: 256 }.to_bytes(),
            Err(Error::ExtraPaddingTooLong)
        );
        assert_eq!(
            err(&[TAG_SERVICE_NODE_STATE_CHANGE, 5]),
            Error::ExtraStateChangeInvalid
        );
        assert_eq!(
            err(&[TAG_SERVICE_NODE_STATE_CHANGE, 4, 4]),
            Error::ExtraStateChangeInvalid
        );
        let mut ons = alloc::vec![TAG_OXEN_NAME_SYSTEM, 0, 6];
        ons.extend_from_slice(&[0u8; 65]);
        assert_eq!(err(&ons), Error::ExtraOnsInvalid);
        ons[2] = 0;
        ons[67] = 0x10;
        assert_eq!(err(&ons), Error::ExtraOnsInvalid);
        let mut ev = alloc::vec![TAG_ETHEREUM_NEW_SERVICE_NODE_V2, 0, 1, 2];
        ev.extend_from_slice(&[0u8; 32 + 64 + 64]);
        ev.extend_from_slice(&[0, 1, 2]); // fee 0, 1 contributor, version 2
        ev.extend_from_slice(&[0u8; 22]);
        assert_eq!(err(&ev), Error::ExtraContributorVersion);
        // Truncated, CountTooLarge, VarintOutOfRange, BoolInvalid.
        assert_eq!(err(&[TAG_PUBKEY, 1, 2]), Error::Truncated);
        assert_eq!(
            err(&[TAG_ADDITIONAL_PUBKEYS, 0xff, 0xff, 0xff, 0x7f]),
            Error::CountTooLarge
        );
        assert_eq!(
            err(&[TAG_SERVICE_NODE_STATE_CHANGE, 0x80, 0x02]),
            Error::VarintOutOfRange
        );
        let mut owner = alloc::vec![TAG_OXEN_NAME_SYSTEM, 0, 0];
        owner.extend_from_slice(&[0u8; 64]);
        owner.extend_from_slice(&[1, 0]);
        owner.extend_from_slice(&[0u8; 64]);
        owner.push(2);
        assert_eq!(err(&owner), Error::BoolInvalid);
        // The report: index and offset of the failing field, complete fields before it.
        let mut two = alloc::vec![TAG_BURN, 1, 0, 0, 0, 0, 0, 0, 0, TAG_PUBKEY, 9];
        let e = TxExtra::parse(&two).unwrap_err();
        assert_eq!(
            (e.field_index, e.offset, e.parsed.clone()),
            (1, 9, alloc::vec![ExtraField::Burn(1)])
        );
        assert_eq!(Error::from(e.clone()), Error::Truncated);
        assert!(alloc::format!("{e}").contains("field 1 at byte 9"));
        two.truncate(9);
        assert_eq!(TxExtra::parse(&two).unwrap().burned_amount(), 1);
    }

    #[test]
    fn getters_and_quirks() {
        let e = TxExtra::parse(&[]).unwrap();
        assert!(e.fields().is_empty());
        assert_eq!(e.tx_pub_key(0), [0; 32]);
        assert_eq!(
            (e.burned_amount(), e.service_node_winner(), e.payment_id()),
            (0, [0; 32], None)
        );
        // Merge mining: bytes after the root inside the string are dropped by the typed writer.
        let mut mm = alloc::vec![TAG_MERGE_MINING, 35, 1];
        mm.extend_from_slice(&[7u8; 32]);
        mm.extend_from_slice(&[1, 2]);
        let p = TxExtra::parse(&mm).unwrap();
        assert_eq!(
            p.fields()[0],
            ExtraField::MergeMining {
                depth: 1,
                merkle_root: [7; 32]
            }
        );
        assert_eq!(p.as_bytes(), &mm[..]);
        assert_eq!(p.fields()[0].to_bytes().unwrap().len(), mm.len() - 2);
        // add_extra_nonce_to_tx_extra: one raw length byte (128 does not parse back).
        let mut x = Vec::new();
        add_extra_nonce_to_tx_extra(&mut x, &[1; 127]).unwrap();
        assert_eq!(TxExtra::parse(&x).unwrap().nonce(), Some(&[1u8; 127][..]));
        let mut x = Vec::new();
        add_extra_nonce_to_tx_extra(&mut x, &[1; 128]).unwrap();
        assert!(TxExtra::parse(&x).is_err());
        // The last pubkey list and L2 event versions are normalised by the typed writer.
        let ev = [TAG_ETHEREUM_STAKING_REQUIREMENT_UPDATED, 9, 1, 2, 3];
        let p = TxExtra::parse(&ev).unwrap();
        assert_eq!(
            p.fields()[0].to_bytes().unwrap(),
            [TAG_ETHEREUM_STAKING_REQUIREMENT_UPDATED, 0, 1, 2, 3]
        );
        assert_eq!(p.tx_pub_keys(), Vec::<Key>::new());
    }
}
