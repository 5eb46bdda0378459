//! Keys, one-time output keys (stealth addresses), subaddresses and key images
//! (oxen-core src/crypto/crypto.cpp, src/device/device_default.cpp).
//!
//! ```
//! use oxen_crypto::*;
//! use rand::SeedableRng;
//!
//! let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(1);
//! // recipient (a, A = aG), (b, B = bG); sender's transaction key (r, R = rG)
//! let (a, big_a) = generate_keys(&mut rng);
//! let (b, big_b) = generate_keys(&mut rng);
//! let (r, big_r) = generate_keys(&mut rng);
//! // sender: one-time output key P = Hs(8rA || i) G + B
//! let d = generate_key_derivation(&big_a, &r).unwrap();
//! let p = derive_public_key(&d, 0, &big_b).unwrap();
//! // recipient: same derivation from aR, spend secret x = Hs(8aR || i) + b
//! let d2 = generate_key_derivation(&big_r, &a).unwrap();
//! assert_eq!(d, d2);
//! let x = derive_secret_key(&d2, 0, &b);
//! assert_eq!(x.public_key(), p);
//! let _key_image = generate_key_image(&p, &x);
//! ```

use core::fmt;

use rand_core::CryptoRng;
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::hash::Keccak256;
use crate::hash_to_point::hash_to_ec;
use crate::{CompressedPoint, Error, Point, Scalar, SecretScalar, varint};

/// A secret key: a canonical [`SecretScalar`], zeroized on drop, never printed, not `Copy`.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct SecretKey(SecretScalar);

impl SecretKey {
    /// Decodes a secret key; it must be canonical (reference `sc_check`).
    ///
    /// # Errors
    /// [`Error::NonCanonicalScalar`] if the value is `>= l`.
    pub fn from_canonical_bytes(bytes: &[u8; 32]) -> Result<SecretKey, Error> {
        SecretScalar::from_canonical_bytes(bytes).map(SecretKey)
    }

    /// Wraps a secret scalar.
    #[must_use]
    pub const fn from_secret_scalar(s: SecretScalar) -> SecretKey {
        SecretKey(s)
    }

    /// A uniformly random non-zero secret key.
    #[must_use]
    pub fn random<R: CryptoRng + ?Sized>(rng: &mut R) -> SecretKey {
        SecretKey(SecretScalar::random(rng))
    }

    /// The secret scalar, borrowed.
    #[must_use]
    pub const fn as_secret_scalar(&self) -> &SecretScalar {
        &self.0
    }

    /// The 32-byte encoding, in a buffer that zeroizes itself on drop.
    #[must_use]
    pub fn to_bytes(&self) -> zeroize::Zeroizing<[u8; 32]> {
        self.0.to_bytes()
    }

    /// `sec * G` (reference `secret_key_to_public_key`).
    #[must_use]
    pub fn public_key(&self) -> PublicKey {
        PublicKey::from_point(&self.0.mul_base())
    }
}

impl From<SecretScalar> for SecretKey {
    fn from(s: SecretScalar) -> SecretKey {
        SecretKey(s)
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(<redacted>)")
    }
}

/// Constant-time equality.
impl PartialEq for SecretKey {
    fn eq(&self, other: &SecretKey) -> bool {
        self.0.ct_eq(&other.0).into()
    }
}
impl Eq for SecretKey {}

macro_rules! bytes_newtype {
    ($(#[$m:meta])* $name:ident) => {
        $(#[$m])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        pub struct $name(pub [u8; 32]);

        impl $name {
            /// Wraps 32 bytes (no check).
            #[must_use]
            pub const fn from_bytes(bytes: [u8; 32]) -> Self {
                Self(bytes)
            }

            /// The bytes.
            #[must_use]
            pub const fn to_bytes(&self) -> [u8; 32] {
                self.0
            }

            /// The bytes, borrowed.
            #[must_use]
            pub const fn as_bytes(&self) -> &[u8; 32] {
                &self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(concat!(stringify!($name), "("))?;
                crate::hex_fmt(f, &self.0)?;
                f.write_str(")")
            }
        }

        impl From<[u8; 32]> for $name {
            fn from(b: [u8; 32]) -> Self {
                Self(b)
            }
        }

        impl AsRef<[u8]> for $name {
            fn as_ref(&self) -> &[u8] {
                &self.0
            }
        }
    };
}

macro_rules! point_newtype {
    ($name:ident) => {
        impl $name {
            /// The canonical encoding of a point.
            #[must_use]
            pub fn from_point(p: &Point) -> Self {
                Self(p.to_bytes())
            }

            /// Decodes the point (reference `ge_frombytes_vartime` rules, see
            /// [`Point::from_bytes`]).
            ///
            /// # Errors
            /// As [`Point::from_bytes`].
            pub fn decompress(&self) -> Result<Point, Error> {
                Point::from_bytes(&self.0)
            }

            /// As a [`CompressedPoint`].
            #[must_use]
            pub const fn compressed(&self) -> CompressedPoint {
                CompressedPoint(self.0)
            }
        }

        impl From<CompressedPoint> for $name {
            fn from(c: CompressedPoint) -> Self {
                Self(c.0)
            }
        }

        impl From<$name> for CompressedPoint {
            fn from(k: $name) -> Self {
                CompressedPoint(k.0)
            }
        }
    };
}

bytes_newtype!(
    /// A public key as 32 bytes (the reference's `crypto::public_key`: not validated until used).
    PublicKey
);
point_newtype!(PublicKey);

bytes_newtype!(
    /// A key image `I = x * Hp(P)` as 32 bytes (reference `crypto::key_image`). Use
    /// [`KeyImage::check_domain`] for the consensus subgroup check.
    KeyImage
);
point_newtype!(KeyImage);

impl KeyImage {
    /// The blockchain's key-image domain check (`check_tx_inputs_keyimages_domain`,
    /// `rct::isInMainSubgroup`): decodes and `l * I == identity`.
    ///
    /// # Errors
    /// A decoding error, or [`Error::NotTorsionFree`].
    pub fn check_domain(&self) -> Result<Point, Error> {
        let p = self.decompress()?;
        if p.is_torsion_free() {
            Ok(p)
        } else {
            Err(Error::NotTorsionFree)
        }
    }
}

bytes_newtype!(
    /// A 32-byte scalar encoding as it appears on the wire, not yet checked: the scalar analogue
    /// of [`CompressedPoint`]. Parsers keep these bytes as the reference's parsers do (they do
    /// not `sc_check`); verifiers decode them with [`ScalarBytes::to_scalar`] exactly where the
    /// reference calls `sc_check` (e.g. the responses of [`crate::Clsag`] and [`crate::Mlsag`]).
    ScalarBytes
);

impl ScalarBytes {
    /// Decodes the scalar, as [`Scalar::from_canonical_bytes`] (reference `sc_check`).
    ///
    /// # Errors
    /// [`Error::NonCanonicalScalar`] if the value is `>= l`.
    pub fn to_scalar(&self) -> Result<Scalar, Error> {
        Scalar::from_canonical_bytes(&self.0)
    }
}

impl From<Scalar> for ScalarBytes {
    fn from(s: Scalar) -> ScalarBytes {
        ScalarBytes(s.to_bytes())
    }
}

/// A key derivation `8 r A` as 32 bytes (reference `crypto::key_derivation`). Only ever
/// hashed, never decoded.
///
/// **Secret**: whoever holds it sees every output and amount of the transaction (with the
/// recipient's public spend key). Not `Copy`, zeroized on drop, `Debug` prints
/// `KeyDerivation(..)`, constant-time equality; the bytes are reached through
/// [`KeyDerivation::expose_bytes`] / [`KeyDerivation::to_bytes`].
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct KeyDerivation([u8; 32]);

impl KeyDerivation {
    /// Wraps 32 bytes (no check: a derivation is only hashed).
    #[must_use]
    pub const fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// The bytes, borrowed (for hashing).
    #[must_use]
    pub const fn expose_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The bytes, in a buffer that zeroizes itself on drop.
    #[must_use]
    pub fn to_bytes(&self) -> zeroize::Zeroizing<[u8; 32]> {
        zeroize::Zeroizing::new(self.0)
    }
}

impl fmt::Debug for KeyDerivation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("KeyDerivation(..)")
    }
}

/// Constant-time equality.
impl PartialEq for KeyDerivation {
    fn eq(&self, other: &KeyDerivation) -> bool {
        self.0.ct_eq(&other.0).into()
    }
}
impl Eq for KeyDerivation {}

impl From<[u8; 32]> for KeyDerivation {
    fn from(b: [u8; 32]) -> Self {
        Self(b)
    }
}

/// **Exports the secret**: serialized as its 32 bytes. Only serialize a derivation into storage
/// that is itself protected.
#[cfg(feature = "serde")]
impl serde::Serialize for KeyDerivation {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for KeyDerivation {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        <[u8; 32]>::deserialize(d).map(KeyDerivation)
    }
}

/// Reference `secret_key_to_public_key`: rejects a non-canonical secret, else `sec * G` (zero is
/// accepted and gives the identity). Vectors: `secret_to_public.json`.
///
/// # Errors
/// [`Error::NonCanonicalScalar`] if `sec >= l`.
pub fn secret_key_to_public_key(sec: &[u8; 32]) -> Result<PublicKey, Error> {
    SecretKey::from_canonical_bytes(sec).map(|s| s.public_key())
}

/// Reference `generate_keys` (recover = false): a fresh random key pair.
#[must_use]
pub fn generate_keys<R: CryptoRng + ?Sized>(rng: &mut R) -> (SecretKey, PublicKey) {
    let sec = SecretKey::random(rng);
    let public = sec.public_key();
    (sec, public)
}

/// Reference `generate_keys(recover = true, recovery_key)`: `sec = sc_reduce32(recovery_key)`,
/// `pub = sec * G`; never fails. Vectors: `secret_to_public.json` (cases with `recovery_key`).
#[must_use]
pub fn generate_keys_recover(recovery_key: &[u8; 32]) -> (SecretKey, PublicKey) {
    let sec = SecretKey(SecretScalar::from_bytes_mod_order(recovery_key));
    let public = sec.public_key();
    (sec, public)
}

/// Reference `generate_key_derivation(A, r)`: `8 * (r * A)`. Small-order `A` is accepted (the
/// result is then the identity). Constant time in `r`. Vectors: `generate_key_derivation.json`.
///
/// # Errors
/// A decoding error if `A` does not decode.
pub fn generate_key_derivation(
    public: &PublicKey,
    secret: &SecretKey,
) -> Result<KeyDerivation, Error> {
    let a = public.decompress()?.0;
    // r A and 8 r A are as secret as the derivation: held in zeroizing owners.
    let mut ra = zeroize::Zeroizing::new(a * secret.0.expose_dalek());
    *ra = ra.mul_by_cofactor();
    Ok(KeyDerivation(ra.compress().to_bytes()))
}

/// Reference `derivation_to_scalar`: `Hs(D || varint(index))`, a secret (the one-time spend
/// key offset, and the amount key). Vectors: `derivation_to_scalar.json`.
#[must_use]
pub fn derivation_to_scalar(derivation: &KeyDerivation, index: u64) -> SecretScalar {
    let (buf, len) = varint::encode(index);
    let mut h = Keccak256::new();
    h.update(&derivation.0)
        .update(buf.get(..len).unwrap_or(&buf));
    h.finalize_secret_scalar()
}

/// Reference `derive_public_key(D, i, B)`: `B + Hs(D || varint(i)) * G`. The derivation is only
/// hashed. Vectors: `derive_public_key.json`.
///
/// # Errors
/// A decoding error if `B` does not decode.
pub fn derive_public_key(
    derivation: &KeyDerivation,
    index: u64,
    base: &PublicKey,
) -> Result<PublicKey, Error> {
    let b = base.decompress()?;
    let h = derivation_to_scalar(derivation, index);
    Ok(PublicKey::from_point(&(b + h.mul_base())))
}

/// Reference `derive_secret_key(D, i, b)`: `b + Hs(D || varint(i)) mod l`. Vectors:
/// `derive_secret_key.json`.
#[must_use]
pub fn derive_secret_key(derivation: &KeyDerivation, index: u64, base: &SecretKey) -> SecretKey {
    SecretKey(derivation_to_scalar(derivation, index) + &base.0)
}

/// Reference `derive_subaddress_public_key(P, D, i)`: `P - Hs(D || varint(i)) * G` (which
/// subaddress spend key an output was sent to). Vectors: `derive_subaddress_public_key.json`.
///
/// # Errors
/// A decoding error if `P` does not decode.
pub fn derive_subaddress_public_key(
    out_key: &PublicKey,
    derivation: &KeyDerivation,
    index: u64,
) -> Result<PublicKey, Error> {
    let p = out_key.decompress()?;
    let h = derivation_to_scalar(derivation, index);
    Ok(PublicKey::from_point(&(p - h.mul_base())))
}

/// The subaddress domain string `"SubAddr\0"` (src/cryptonote_config.h `hashkey::SUBADDRESS`).
pub const SUBADDRESS_DOMAIN: &[u8; 8] = b"SubAddr\0";

/// Reference `get_subaddress_secret_key(a, {major, minor})`:
/// `m = Hs("SubAddr\0" || a || major (u32 LE) || minor (u32 LE))`. Vectors: `subaddress.json`.
#[must_use]
pub fn get_subaddress_secret_key(view_secret: &SecretKey, major: u32, minor: u32) -> SecretKey {
    let mut buf = zeroize::Zeroizing::new([0u8; 48]);
    let (dom, rest) = buf.split_at_mut(8);
    let (a, idx) = rest.split_at_mut(32);
    let (maj, min) = idx.split_at_mut(4);
    dom.copy_from_slice(SUBADDRESS_DOMAIN);
    a.copy_from_slice(view_secret.0.expose_bytes());
    maj.copy_from_slice(&major.to_le_bytes());
    min.copy_from_slice(&minor.to_le_bytes());
    let mut h = Keccak256::new();
    h.update(&buf[..]);
    SecretKey(h.finalize_secret_scalar())
}

/// Reference `get_subaddress_spend_public_key`: `D = B + m * G` with `m` from
/// [`get_subaddress_secret_key`] (always the formula, also for index (0, 0)).
///
/// # Errors
/// A decoding error if `B` does not decode.
pub fn get_subaddress_spend_public_key(
    spend_public: &PublicKey,
    view_secret: &SecretKey,
    major: u32,
    minor: u32,
) -> Result<PublicKey, Error> {
    let b = spend_public.decompress()?;
    let m = get_subaddress_secret_key(view_secret, major, minor);
    Ok(PublicKey::from_point(&(b + m.0.mul_base())))
}

/// Reference `get_subaddress`: the (spend, view) public keys of subaddress `(major, minor)`:
/// `D = B + m G`, `C = a D`. Index (0, 0) is the main address `(B, a G)`, as in the reference.
///
/// # Errors
/// A decoding error if `B` does not decode.
pub fn get_subaddress(
    spend_public: &PublicKey,
    view_secret: &SecretKey,
    major: u32,
    minor: u32,
) -> Result<(PublicKey, PublicKey), Error> {
    if major == 0 && minor == 0 {
        spend_public.decompress()?;
        return Ok((*spend_public, view_secret.public_key()));
    }
    let b = spend_public.decompress()?;
    let m = get_subaddress_secret_key(view_secret, major, minor);
    let d = b + m.0.mul_base();
    let c = d * &view_secret.0;
    let both = Point::compress_batch(&[d, c]);
    match both.as_slice() {
        [d, c] => Ok((PublicKey(d.0), PublicKey(c.0))),
        _ => Err(Error::InvalidLength),
    }
}

/// Reference `generate_key_image(P, x)`: `x * Hp(P)`. `P` is hashed, not decoded. Constant time.
/// Vectors: `key_image.json`.
#[must_use]
pub fn generate_key_image(public: &PublicKey, secret: &SecretKey) -> KeyImage {
    KeyImage::from_point(&(hash_to_ec(&public.0) * &secret.0))
}

/// Reference `encrypt_payment_id` (device_default): XORs the 8-byte payment id with the first 8
/// bytes of `keccak(derivation || 0x8d)`. Its own inverse.
#[must_use]
pub fn encrypt_payment_id(payment_id: [u8; 8], derivation: &KeyDerivation) -> [u8; 8] {
    let mut data = [0u8; 33];
    let (d, tail) = data.split_at_mut(32);
    d.copy_from_slice(&derivation.0);
    tail.copy_from_slice(&[0x8d]);
    let hash = crate::hash::keccak256(&data);
    let mut out = payment_id;
    for (o, h) in out.iter_mut().zip(hash) {
        *o ^= h;
    }
    out
}
