//! Typed ONS records (feature `ons`): [`OxenNameSystem`] built from `oxen-ons` values, as the
//! reference's `tx_extra_oxen_name_system::make_buy` / `make_update` / `make_renew` build them,
//! and the way back (typed owners and signatures out of a parsed record).
//!
//! The record is serialized by the typed tx_extra serializer ([`ExtraField::write`]): the bytes
//! are exactly what `add_oxen_name_system_to_tx_extra` appends (tag 0x7A, then the body), and
//! [`TxExtra::parse`](super::TxExtra::parse) gives the same record back.
//!
//! ```
//! use oxen_ons::{Ed25519Owner, EncryptedValue, MappingType, NameHash, Owner};
//! use oxen_tx::extra::{ExtraField, OxenNameSystem, TxExtra};
//!
//! let name = NameHash::of("example.loki")?;
//! let value = EncryptedValue::new(MappingType::Lokinet, &[7u8; 72])?;
//! let owner = Owner::Ed25519(Ed25519Owner([9u8; 32]));
//! let buy = OxenNameSystem::buy(MappingType::Lokinet, &name, &value, &owner, None, &[0u8; 32]);
//! let bytes = buy.to_extra_bytes();
//! assert_eq!(bytes[0], 0x7a);
//! let parsed = TxExtra::parse(&bytes).unwrap();
//! assert_eq!(parsed.fields(), &[ExtraField::OxenNameSystem(buy.clone())]);
//! assert_eq!(buy.typed_owner(), Some(owner));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use alloc::vec::Vec;

use oxen_crypto::CompressedPoint;
use oxen_ons::{
    Ed25519Owner, EncryptedValue, MappingType, MoneroOwner, NameHash, Owner, OwnerSignature,
};

use super::field::ExtraField;
use super::field_codec::Bytes64;
use super::ons::{
    GenericOwner, GenericSignature, ONS_FIELD_BACKUP_OWNER, ONS_FIELD_ENCRYPTED_VALUE,
    ONS_FIELD_OWNER, ONS_FIELD_SIGNATURE, OxenNameSystem,
};
use crate::Error;

impl From<&Owner> for GenericOwner {
    fn from(o: &Owner) -> Self {
        match o {
            Owner::Monero(m) => GenericOwner::Monero {
                spend_public_key: m.spend.0,
                view_public_key: m.view.0,
                is_subaddress: m.is_subaddress,
            },
            Owner::Ed25519(k) => GenericOwner::Ed25519(k.0),
        }
    }
}

impl From<&GenericOwner> for Owner {
    fn from(o: &GenericOwner) -> Self {
        match o {
            GenericOwner::Monero {
                spend_public_key,
                view_public_key,
                is_subaddress,
            } => Owner::Monero(MoneroOwner {
                spend: CompressedPoint(*spend_public_key),
                view: CompressedPoint(*view_public_key),
                is_subaddress: *is_subaddress,
            }),
            GenericOwner::Ed25519(k) => Owner::Ed25519(Ed25519Owner(*k)),
        }
    }
}

impl From<&OwnerSignature> for GenericSignature {
    fn from(s: &OwnerSignature) -> Self {
        match s {
            OwnerSignature::Monero(sig) => GenericSignature {
                sig_type: oxen_ons::owner::OWNER_TYPE_MONERO,
                data: Bytes64(sig.to_bytes()),
            },
            OwnerSignature::Ed25519(sig) => GenericSignature {
                sig_type: oxen_ons::owner::OWNER_TYPE_ED25519,
                data: Bytes64(*sig),
            },
        }
    }
}

impl TryFrom<&GenericSignature> for OwnerSignature {
    type Error = Error;

    /// # Errors
    /// [`Error::ExtraOnsInvalid`] for a type other than 0 (monero) or 1 (ed25519), which the
    /// parser never produces.
    fn try_from(s: &GenericSignature) -> Result<Self, Error> {
        match s.sig_type {
            oxen_ons::owner::OWNER_TYPE_MONERO => Ok(OwnerSignature::Monero(
                oxen_crypto::Signature::from_bytes(&s.data.0),
            )),
            oxen_ons::owner::OWNER_TYPE_ED25519 => Ok(OwnerSignature::Ed25519(s.data.0)),
            _ => Err(Error::ExtraOnsInvalid),
        }
    }
}

fn base(ty: MappingType, name_hash: &NameHash, prev_txid: &[u8; 32]) -> OxenNameSystem {
    OxenNameSystem {
        version: 0,
        mapping_type: ty.as_u16(),
        name_hash: name_hash.to_bytes(),
        prev_txid: *prev_txid,
        ..OxenNameSystem::default()
    }
}

impl OxenNameSystem {
    /// A purchase (reference `make_buy`): owner and encrypted value, plus the backup owner if
    /// given (`fields` = 0x0b, or 0x09 without one). `prev_txid` is zero for a fresh name and the
    /// previous record's txid when buying an expired one. Like the reference's builder it does not
    /// apply the consensus rules (e.g. backup owner different from the owner; oxen-core's
    /// `validate_ons_tx`): it builds any record the wire can carry.
    #[must_use]
    pub fn buy(
        ty: MappingType,
        name_hash: &NameHash,
        value: &EncryptedValue,
        owner: &Owner,
        backup_owner: Option<&Owner>,
        prev_txid: &[u8; 32],
    ) -> Self {
        let mut r = base(ty, name_hash, prev_txid);
        r.fields = ONS_FIELD_OWNER | ONS_FIELD_ENCRYPTED_VALUE;
        r.owner = Some(owner.into());
        if let Some(b) = backup_owner {
            r.fields |= ONS_FIELD_BACKUP_OWNER;
            r.backup_owner = Some(b.into());
        }
        r.encrypted_value = Some(value.as_bytes().to_vec());
        r
    }

    /// An update (reference `make_update`): the signature, then whichever of the new value, new
    /// owner and new backup owner are given (an empty value counts as not given, as upstream).
    /// Sign [`OxenNameSystem::update_signature_hash`]'s hash (same inputs) to get `signature`.
    ///
    /// # Errors
    /// [`Error::OnsUpdateChangesNothing`] if nothing is updated (the record would carry only a
    /// signature, which no signer can produce a valid update for).
    pub fn update(
        ty: MappingType,
        name_hash: &NameHash,
        signature: &OwnerSignature,
        value: Option<&EncryptedValue>,
        owner: Option<&Owner>,
        backup_owner: Option<&Owner>,
        prev_txid: &[u8; 32],
    ) -> Result<Self, Error> {
        let value = value.filter(|v| !v.is_empty());
        if value.is_none() && owner.is_none() && backup_owner.is_none() {
            return Err(Error::OnsUpdateChangesNothing);
        }
        let mut r = base(ty, name_hash, prev_txid);
        r.fields = ONS_FIELD_SIGNATURE;
        r.signature = Some(signature.into());
        if let Some(v) = value {
            r.fields |= ONS_FIELD_ENCRYPTED_VALUE;
            r.encrypted_value = Some(v.as_bytes().to_vec());
        }
        if let Some(o) = owner {
            r.fields |= ONS_FIELD_OWNER;
            r.owner = Some(o.into());
        }
        if let Some(b) = backup_owner {
            r.fields |= ONS_FIELD_BACKUP_OWNER;
            r.backup_owner = Some(b.into());
        }
        Ok(r)
    }

    /// A renewal (reference `make_renew`): no fields; lokinet types only, and `prev_txid` must be
    /// the record's latest txid (non-zero).
    ///
    /// # Errors
    /// [`Error::OnsRenewNotLokinet`], [`Error::OnsRenewWithoutPrevTxid`] (the reference asserts
    /// both).
    pub fn renew(
        ty: MappingType,
        name_hash: &NameHash,
        prev_txid: &[u8; 32],
    ) -> Result<Self, Error> {
        if !ty.is_lokinet() {
            return Err(Error::OnsRenewNotLokinet);
        }
        if prev_txid == &[0u8; 32] {
            return Err(Error::OnsRenewWithoutPrevTxid);
        }
        Ok(base(ty, name_hash, prev_txid))
    }

    /// The hash an update's signer signs (reference `tx_extra_signature` then BLAKE2b-256) for
    /// the value, owner and backup owner this record carries and its `prev_txid`.
    ///
    /// # Errors
    /// [`Error::OnsValueTooLong`] if the value is longer than 113 bytes.
    pub fn update_signature_hash(&self) -> Result<[u8; 32], Error> {
        let owner = self.typed_owner();
        let backup = self.typed_backup_owner();
        oxen_ons::update_signature_hash(
            self.value_bytes(),
            owner.as_ref(),
            backup.as_ref(),
            &self.prev_txid,
        )
        .map_err(|_| Error::OnsValueTooLong {
            len: self.value_bytes().len(),
        })
    }

    /// The mapping type as an `oxen-ons` value.
    ///
    /// # Errors
    /// [`Error::ExtraOnsInvalid`] for a type >= 6 (the parser never produces one).
    pub fn typed_mapping_type(&self) -> Result<MappingType, Error> {
        MappingType::from_u16(self.mapping_type).map_err(|_| Error::ExtraOnsInvalid)
    }

    /// The owner if the owner bit is set (a set bit without a value reads as the default owner,
    /// as the wire does).
    #[must_use]
    pub fn typed_owner(&self) -> Option<Owner> {
        self.part(ONS_FIELD_OWNER, self.owner.as_ref())
    }

    /// The backup owner if the backup-owner bit is set.
    #[must_use]
    pub fn typed_backup_owner(&self) -> Option<Owner> {
        self.part(ONS_FIELD_BACKUP_OWNER, self.backup_owner.as_ref())
    }

    /// The signature if the signature bit is set.
    ///
    /// # Errors
    /// [`Error::ExtraOnsInvalid`] for a signature type other than 0 or 1.
    pub fn typed_signature(&self) -> Result<Option<OwnerSignature>, Error> {
        if self.fields & ONS_FIELD_SIGNATURE == 0 {
            return Ok(None);
        }
        OwnerSignature::try_from(&self.signature.unwrap_or_default()).map(Some)
    }

    /// The encrypted value's bytes (empty if the value bit is clear).
    #[must_use]
    pub fn value_bytes(&self) -> &[u8] {
        if self.fields & ONS_FIELD_ENCRYPTED_VALUE == 0 {
            return &[];
        }
        self.encrypted_value.as_deref().unwrap_or_default()
    }

    fn part(&self, bit: u8, o: Option<&GenericOwner>) -> Option<Owner> {
        (self.fields & bit != 0).then(|| Owner::from(&o.copied().unwrap_or_default()))
    }

    /// The record as one tx_extra field: tag 0x7A then the body (what
    /// `add_oxen_name_system_to_tx_extra` appends).
    #[must_use]
    pub fn to_extra_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.push(super::tags::TAG_OXEN_NAME_SYSTEM);
        self.write(&mut out);
        out
    }

    /// The record as an [`ExtraField`].
    #[must_use]
    pub fn into_extra_field(self) -> ExtraField {
        ExtraField::OxenNameSystem(self)
    }
}
