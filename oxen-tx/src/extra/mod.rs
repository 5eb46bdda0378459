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

//!
//! # Module map
//! `tags` (tags and limits), `field` ([`ExtraField`] and its tag dispatch), one module per tag
//! group for the bodies (`basic`, `service_node` 0x70-0x78, `ons` 0x7A, `eth` 0x7B-0x80) over
//! the shared helpers of `field_codec`; this module holds [`TxExtra`] and the reference's
//! entry points ([`parse_tx_extra`], [`sort_tx_extra`], [`add_extra_nonce_to_tx_extra`]).

use alloc::vec::Vec;
use core::ops::Range;

use crate::Error;
use crate::codec::{Key, Reader};

mod basic;
mod eth;
mod field;
mod field_codec;
mod ons;
#[cfg(feature = "ons")]
mod ons_builder;
mod service_node;
mod tags;

pub use eth::{EthAddress, EthContributor, EthNewServiceNodeV2};
pub use field::ExtraField;
pub use field_codec::Bytes64;
pub use ons::{
    GenericOwner, GenericSignature, ONS_FIELD_BACKUP_OWNER, ONS_FIELD_ENCRYPTED_VALUE,
    ONS_FIELD_OWNER, ONS_FIELD_SIGNATURE, OxenNameSystem,
};
pub use service_node::{
    DeregisterVote, KeyImageProof, ServiceNodeDeregisterOld, ServiceNodeRegister,
    ServiceNodeStateChange, StateChangeVote,
};
pub use tags::*;

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
        self.pub_keys().nth(index).unwrap_or([0u8; 32])
    }

    /// Every transaction public key, in order (reference `get_public_keys`).
    #[must_use]
    pub fn tx_pub_keys(&self) -> Vec<Key> {
        self.pub_keys().collect()
    }

    fn pub_keys(&self) -> impl Iterator<Item = Key> + '_ {
        self.fields.iter().filter_map(|f| match f {
            ExtraField::PubKey(k) => Some(*k),
            _ => None,
        })
    }

    /// The first additional-public-keys field's keys (reference
    /// `get_additional_tx_pub_keys_from_extra`; empty if none).
    #[must_use]
    pub fn additional_pub_keys(&self) -> Vec<Key> {
        self.fields
            .iter()
            .find_map(|f| match f {
                ExtraField::AdditionalPubKeys(k) => Some(k.clone()),
                _ => None,
            })
            .unwrap_or_default()
    }

    /// The first burn field's amount (reference `get_burned_amount_from_tx_extra`; 0 if none).
    #[must_use]
    pub fn burned_amount(&self) -> u64 {
        self.fields
            .iter()
            .find_map(|f| match f {
                ExtraField::Burn(a) => Some(*a),
                _ => None,
            })
            .unwrap_or(0)
    }

    /// The first service-node winner key (reference `get_service_node_winner_from_tx_extra`;
    /// all-zero if none).
    #[must_use]
    pub fn service_node_winner(&self) -> Key {
        self.fields
            .iter()
            .find_map(|f| match f {
                ExtraField::ServiceNodeWinner(k) => Some(*k),
                _ => None,
            })
            .unwrap_or([0u8; 32])
    }

    /// The first nonce field.
    #[must_use]
    pub fn nonce(&self) -> Option<&[u8]> {
        self.fields.iter().find_map(|f| match f {
            ExtraField::Nonce(n) => Some(&n[..]),
            _ => None,
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
#[path = "extra_tests.rs"]
mod tests;
