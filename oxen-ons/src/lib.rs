#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

extern crate alloc;

pub mod encryption;
mod error;
pub mod mapping_type;
pub mod name;
pub mod owner;
pub mod secretbox;
pub mod value;

/// The Ed25519 crate used for owner keys and signatures ([`owner::sign_ed25519`] takes its
/// `SigningKey`), re-exported so callers use the same version.
pub use ed25519_dalek;
pub use encryption::{
    EncryptedValue, EncryptionKey, decrypt, decrypt_heavy, decrypt_raw, encrypt, encrypt_heavy,
    name_to_encryption_key,
};
pub use error::Error;
pub use mapping_type::{MappingType, OnsTxType};
pub use name::{Name, NameHash, name_to_hash, validate_ons_name};
pub use owner::{
    Ed25519Owner, MoneroOwner, Owner, OwnerSignature, SignatureData, update_signature_hash,
    verify_ons_signature, verify_update,
};
pub use value::{LokinetAddress, Plaintext, SessionId, Value, WalletValue};
