//! Owners and the update signature (`generic_owner`, `generic_signature`,
//! `tx_extra_signature`, `make_ed25519_signature`, `verify_ons_signature`,
//! `parse_owner_to_generic_owner`).
//!
//! An update (new value and/or owners) is signed by the current owner or backup owner over
//!
//! ```text
//! data = new encrypted value (may be empty)
//!     || [owner.type (1 byte) || ed25519 key (32) | spend (32) || view (32)]   if a new owner is set
//!     || [same for a new backup owner]                                        if one is set
//!     || prev_txid (32)
//! hash = BLAKE2b-256(data)
//! ```
//!
//! `is_subaddress` is not part of the data. An ed25519 owner signs the hash with Ed25519; a
//! wallet ("monero") owner with a CryptoNote Schnorr signature under the address's spend key.

use blake2::Blake2b256;
use blake2::digest::{FixedOutput, Update};
use ed25519_dalek::{Signer, SigningKey, VerifyingKey};
use oxen_crypto::CompressedPoint;
use oxen_crypto::address::{Address, AddressKind, Network};

use crate::Error;
use crate::encryption::MAX_ENCRYPTED_LEN;
use crate::name::hex_val;

/// Owner / signature type byte of a wallet owner (`generic_owner_sig_type::monero`).
pub const OWNER_TYPE_MONERO: u8 = 0;
/// Owner / signature type byte of an ed25519 owner (`generic_owner_sig_type::ed25519`).
pub const OWNER_TYPE_ED25519: u8 = 1;

/// The longest signature data: a 113-byte value, two 65-byte wallet owners and the txid.
pub const MAX_SIGNATURE_DATA_LEN: usize = MAX_ENCRYPTED_LEN + 2 * 65 + 32;

/// A wallet ("monero") owner: an address's keys and whether it is a subaddress. Signatures are
/// checked against the spend key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MoneroOwner {
    /// Public spend key (the signature key).
    pub spend: CompressedPoint,
    /// Public view key.
    pub view: CompressedPoint,
    /// Whether the address is a subaddress (kept in the owner, not signed).
    pub is_subaddress: bool,
}

/// An ed25519 owner: a 32-byte ed25519 public key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ed25519Owner(pub [u8; 32]);

/// The owner of a record (`ons::generic_owner`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Owner {
    /// A wallet address owner.
    Monero(MoneroOwner),
    /// An ed25519 key owner.
    Ed25519(Ed25519Owner),
}

impl Owner {
    /// The type byte (0 monero, 1 ed25519).
    #[must_use]
    pub const fn type_byte(&self) -> u8 {
        match self {
            Owner::Monero(_) => OWNER_TYPE_MONERO,
            Owner::Ed25519(_) => OWNER_TYPE_ED25519,
        }
    }

    /// The owner of a wallet address (`make_monero_owner`); an integrated address's payment id
    /// is dropped.
    #[must_use]
    pub fn from_address(address: &Address) -> Self {
        Owner::Monero(MoneroOwner {
            spend: address.spend_public_key(),
            view: address.view_public_key(),
            is_subaddress: matches!(address.kind(), AddressKind::Subaddress),
        })
    }

    /// `parse_owner_to_generic_owner`: a wallet address of `network` gives a wallet owner;
    /// otherwise exactly 64 hex characters give an ed25519 owner.
    ///
    /// # Errors
    /// [`Error::OwnerParse`].
    pub fn parse(network: Network, s: &str) -> Result<Self, Error> {
        if let Ok(a) = Address::from_str_for_network(network, s) {
            return Ok(Self::from_address(&a));
        }
        let b = s.as_bytes();
        if b.len() != 64 {
            return Err(Error::OwnerParse);
        }
        let mut key = [0u8; 32];
        for (o, pair) in key.iter_mut().zip(b.chunks_exact(2)) {
            let hi = hex_val(pair.first().copied()).ok_or(Error::OwnerParse)?;
            let lo = hex_val(pair.get(1).copied()).ok_or(Error::OwnerParse)?;
            *o = (hi << 4) | lo;
        }
        Ok(Owner::Ed25519(Ed25519Owner(key)))
    }

    /// Feeds `type || key bytes` (the signed form) to `f`.
    fn signed_parts(&self, mut f: impl FnMut(&[u8])) {
        f(&[self.type_byte()]);
        match self {
            Owner::Monero(m) => {
                f(m.spend.as_bytes());
                f(m.view.as_bytes());
            }
            Owner::Ed25519(k) => f(&k.0),
        }
    }
}

/// A signature over an update (`ons::generic_signature`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnerSignature {
    /// CryptoNote Schnorr signature by a wallet owner's spend key.
    Monero(oxen_crypto::Signature),
    /// Ed25519 signature by an ed25519 owner.
    Ed25519([u8; 64]),
}

/// The signature data of an update (`tx_extra_signature`), in a fixed buffer.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct SignatureData {
    buf: [u8; MAX_SIGNATURE_DATA_LEN],
    len: usize,
}

impl SignatureData {
    /// `tx_extra_signature(value, owner, backup_owner, prev_txid)`.
    ///
    /// # Errors
    /// [`Error::ValueTooLong`] if `value` is longer than 113 bytes (upstream returns an empty
    /// string, which callers treat as failure).
    pub fn new(
        value: &[u8],
        owner: Option<&Owner>,
        backup_owner: Option<&Owner>,
        prev_txid: &[u8; 32],
    ) -> Result<Self, Error> {
        if value.len() > MAX_ENCRYPTED_LEN {
            return Err(Error::ValueTooLong);
        }
        let mut out = Self {
            buf: [0; MAX_SIGNATURE_DATA_LEN],
            len: 0,
        };
        let mut push = |part: &[u8]| {
            if let Some(dst) = out.buf.get_mut(out.len..out.len + part.len()) {
                dst.copy_from_slice(part);
                out.len += part.len();
            }
        };
        push(value);
        for o in [owner, backup_owner].into_iter().flatten() {
            o.signed_parts(&mut push);
        }
        push(prev_txid);
        Ok(out)
    }

    /// The bytes.
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }

    /// BLAKE2b-256 of the bytes: the hash that is signed.
    #[must_use]
    pub fn hash(&self) -> [u8; 32] {
        let mut h = Blake2b256::default();
        Update::update(&mut h, self.as_bytes());
        h.finalize_fixed().into()
    }
}

impl core::fmt::Debug for SignatureData {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("SignatureData(")?;
        for b in self.as_bytes() {
            write!(f, "{b:02x}")?;
        }
        f.write_str(")")
    }
}

/// The update signature hash: BLAKE2b-256 of [`SignatureData`], hashed piece by piece without
/// building the data.
///
/// # Errors
/// [`Error::ValueTooLong`] if `value` is longer than 113 bytes.
pub fn update_signature_hash(
    value: &[u8],
    owner: Option<&Owner>,
    backup_owner: Option<&Owner>,
    prev_txid: &[u8; 32],
) -> Result<[u8; 32], Error> {
    if value.len() > MAX_ENCRYPTED_LEN {
        return Err(Error::ValueTooLong);
    }
    let mut h = Blake2b256::default();
    Update::update(&mut h, value);
    for o in [owner, backup_owner].into_iter().flatten() {
        o.signed_parts(|p| Update::update(&mut h, p));
    }
    Update::update(&mut h, prev_txid);
    Ok(h.finalize_fixed().into())
}

/// `make_ed25519_signature(hash, skey)`: Ed25519 (`crypto_sign_detached`) over the 32-byte
/// hash.
#[must_use]
pub fn sign_ed25519(hash: &[u8; 32], key: &SigningKey) -> OwnerSignature {
    OwnerSignature::Ed25519(key.sign(hash).to_bytes())
}

/// Signs with a wallet owner's spend secret (`generate_ons_signature` in the wallet device):
/// a CryptoNote Schnorr signature with `public` = the address spend key. For a subaddress the
/// secret is the subaddress spend secret.
///
/// # Errors
/// [`Error::WalletAddress`] if `secret` does not match `public`.
pub fn sign_monero<R: rand_core::CryptoRng + ?Sized>(
    hash: &[u8; 32],
    public: &oxen_crypto::PublicKey,
    secret: &oxen_crypto::SecretKey,
    rng: &mut R,
) -> Result<OwnerSignature, Error> {
    oxen_crypto::generate_signature(hash, public, secret, rng)
        .map(OwnerSignature::Monero)
        .map_err(Error::WalletAddress)
}

/// `verify_ons_signature(hash, signature, owner)`: the signature type must match the owner's;
/// wallet owners are checked with `check_signature` against the spend key, ed25519 owners with
/// Ed25519 (strict: canonical `S`, no small-order `A` or `R`, as libsodium's
/// `crypto_sign_verify_detached`). Variable time (public inputs).
#[must_use]
pub fn verify_ons_signature(hash: &[u8; 32], signature: &OwnerSignature, owner: &Owner) -> bool {
    match (owner, signature) {
        (Owner::Monero(m), OwnerSignature::Monero(sig)) => oxen_crypto::check_signature(
            hash,
            &oxen_crypto::PublicKey::from_bytes(m.spend.to_bytes()),
            sig,
        ),
        (Owner::Ed25519(k), OwnerSignature::Ed25519(sig)) => VerifyingKey::from_bytes(&k.0)
            .is_ok_and(|vk| {
                vk.verify_strict(hash, &ed25519_dalek::Signature::from_bytes(sig))
                    .is_ok()
            }),
        _ => false,
    }
}

/// An update is authorised if the signature verifies against the current owner or the current
/// backup owner (`validate_against_previous_mapping`).
#[must_use]
pub fn verify_update(
    hash: &[u8; 32],
    signature: &OwnerSignature,
    owner: &Owner,
    backup_owner: Option<&Owner>,
) -> bool {
    verify_ons_signature(hash, signature, owner)
        || backup_owner.is_some_and(|b| verify_ons_signature(hash, signature, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_value_too_long() {
        let txid = [1; 32];
        assert!(SignatureData::new(&[0; 113], None, None, &txid).is_ok());
        assert_eq!(
            SignatureData::new(&[0; 114], None, None, &txid).unwrap_err(),
            Error::ValueTooLong
        );
        assert_eq!(
            update_signature_hash(&[0; 114], None, None, &txid),
            Err(Error::ValueTooLong)
        );
    }

    #[test]
    fn error_owner_parse() {
        assert_eq!(
            Owner::parse(Network::Mainnet, "xyz"),
            Err(Error::OwnerParse)
        );
        assert_eq!(
            Owner::parse(Network::Mainnet, &"g".repeat(64)),
            Err(Error::OwnerParse)
        );
        assert_eq!(
            Owner::parse(Network::Mainnet, &"AB".repeat(32)),
            Ok(Owner::Ed25519(Ed25519Owner([0xab; 32])))
        );
    }

    #[test]
    fn ed25519_sign_verify() {
        let sk = SigningKey::from_bytes(&[3; 32]);
        let owner = Owner::Ed25519(Ed25519Owner(sk.verifying_key().to_bytes()));
        let other = Owner::Ed25519(Ed25519Owner(
            SigningKey::from_bytes(&[4; 32]).verifying_key().to_bytes(),
        ));
        let hash = update_signature_hash(&[9; 72], Some(&other), None, &[2; 32]).unwrap();
        let sig = sign_ed25519(&hash, &sk);
        assert!(verify_ons_signature(&hash, &sig, &owner));
        assert!(!verify_ons_signature(&hash, &sig, &other));
        assert!(verify_update(&hash, &sig, &other, Some(&owner)));
        assert!(!verify_update(&hash, &sig, &other, None));
        let mut wrong = hash;
        wrong[0] ^= 1;
        assert!(!verify_ons_signature(&wrong, &sig, &owner));
    }
}
