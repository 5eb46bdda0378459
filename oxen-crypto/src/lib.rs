#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

extern crate alloc;

pub mod address;
pub mod base58;
pub mod batch;
pub mod clsag;
mod error;
pub mod field;
pub mod hash;
pub mod hash_to_point;
pub mod keys;
pub mod mlsag;
mod point;
pub mod ring_signature;
mod scalar;
mod secret_scalar;
#[cfg(feature = "mnemonic")]
pub mod seed;
pub mod signature;
pub mod varint;

pub use clsag::{Clsag, ClsagSecret, RingMember};
pub use error::Error;
pub use hash::hash_to_scalar;
pub use hash_to_point::{hash_to_ec, hash_to_ec_vartime};
pub use keys::{
    KeyDerivation, KeyImage, PublicKey, ScalarBytes, SecretKey, derivation_to_scalar,
    derive_public_key, derive_secret_key, derive_subaddress_public_key, generate_key_derivation,
    generate_key_image, generate_keys, generate_keys_recover, get_subaddress,
    get_subaddress_secret_key, get_subaddress_spend_public_key, secret_key_to_public_key,
};
pub use mlsag::Mlsag;
pub use point::{CompressedPoint, IDENTITY_BYTES, POINT_LEN, Point};
pub use ring_signature::{check_ring_signature, generate_ring_signature, verify_ring_signature};
pub use scalar::{SCALAR_LEN, Scalar};
pub use secret_scalar::SecretScalar;
pub use signature::{
    Signature, check_key_image_signature, check_signature, generate_key_image_signature,
    generate_signature, verify_key_image_signature, verify_signature,
};

/// Writes bytes as lowercase hex (for `Debug` impls of public values).
pub(crate) fn hex_fmt(f: &mut core::fmt::Formatter<'_>, bytes: &[u8]) -> core::fmt::Result {
    for b in bytes {
        write!(f, "{b:02x}")?;
    }
    Ok(())
}
