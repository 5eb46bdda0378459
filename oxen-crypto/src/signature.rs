//! CryptoNote Schnorr signatures (`generate_signature` / `check_signature`) and Oxen's key image
//! signatures (`generate_key_image_signature` / `check_key_image_signature`), from
//! src/crypto/crypto.cpp. Not Ed25519.
//!
//! ```
//! use oxen_crypto::*;
//! use rand::SeedableRng;
//!
//! let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(7);
//! let (sec, public) = generate_keys(&mut rng);
//! let msg = hash::keccak256(b"hello");
//! let sig = generate_signature(&msg, &public, &sec, &mut rng).unwrap();
//! assert!(check_signature(&msg, &public, &sig));
//! assert!(!check_signature(&hash::keccak256(b"other"), &public, &sig));
//! ```

use core::fmt;

use rand_core::CryptoRng;
use subtle::ConstantTimeEq;

use crate::hash::Keccak256;
use crate::hash_to_point::{hash_to_ec, hash_to_ec_vartime};
use crate::keys::{KeyImage, PublicKey, SecretKey};
use crate::{Error, IDENTITY_BYTES, Point, Scalar, SecretScalar};

/// The length of an encoded signature.
pub const SIGNATURE_LEN: usize = 64;

/// A signature `c || r` (the reference's `crypto::signature`, parts `c()` and `r()`), kept as
/// raw bytes: canonicity is checked by the verifier, exactly where the reference checks it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Signature {
    /// The challenge `c`.
    pub c: [u8; 32],
    /// The response `r`.
    pub r: [u8; 32],
}

impl Signature {
    /// Splits 64 bytes `c || r`.
    #[must_use]
    pub fn from_bytes(bytes: &[u8; 64]) -> Signature {
        let mut c = [0u8; 32];
        let mut r = [0u8; 32];
        let (cb, rb) = bytes.split_at(32);
        c.copy_from_slice(cb);
        r.copy_from_slice(rb);
        Signature { c, r }
    }

    /// Decodes from a slice of exactly 64 bytes.
    ///
    /// # Errors
    /// [`Error::InvalidLength`] if the slice is not 64 bytes long.
    pub fn from_slice(bytes: &[u8]) -> Result<Signature, Error> {
        let arr: &[u8; 64] = bytes.try_into().map_err(|_| Error::InvalidLength)?;
        Ok(Signature::from_bytes(arr))
    }

    /// `c || r`.
    #[must_use]
    pub fn to_bytes(&self) -> [u8; 64] {
        let mut out = [0u8; 64];
        let (c, r) = out.split_at_mut(32);
        c.copy_from_slice(&self.c);
        r.copy_from_slice(&self.r);
        out
    }

    pub(crate) fn from_scalars(c: &Scalar, r: &Scalar) -> Signature {
        Signature {
            c: c.to_bytes(),
            r: r.to_bytes(),
        }
    }

    /// Decodes `(c, r)`, both canonical.
    pub(crate) fn scalars(&self) -> Result<(Scalar, Scalar), Error> {
        Ok((
            Scalar::from_canonical_bytes(&self.c)?,
            Scalar::from_canonical_bytes(&self.r)?,
        ))
    }
}

impl fmt::Debug for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Signature { c: ")?;
        crate::hex_fmt(f, &self.c)?;
        f.write_str(", r: ")?;
        crate::hex_fmt(f, &self.r)?;
        f.write_str(" }")
    }
}

/// Reference `generate_signature(prefix_hash, A, a)`: `k` random, `c = Hs(M || A || kG)`,
/// `r = k - c a`, retried while `c == 0` or `r == 0`. Constant time in `a` and `k`.
///
/// # Errors
/// [`Error::SecretKeyMismatch`] if `public != secret * G` (the reference only debug-asserts
/// this).
pub fn generate_signature<R: CryptoRng + ?Sized>(
    prefix_hash: &[u8; 32],
    public: &PublicKey,
    secret: &SecretKey,
    rng: &mut R,
) -> Result<Signature, Error> {
    if secret.public_key() != *public {
        return Err(Error::SecretKeyMismatch);
    }
    loop {
        let k = SecretScalar::random(rng);
        let big_k = k.mul_base().to_bytes();
        let mut h = Keccak256::new();
        h.update(prefix_hash)
            .update(public.as_bytes())
            .update(&big_k);
        let c = h.finalize_scalar();
        if bool::from(c.is_zero()) {
            continue;
        }
        // the public response, through a zeroizing intermediate
        let r = k - c * secret.as_secret_scalar();
        if bool::from(r.is_zero()) {
            continue;
        }
        return Ok(Signature::from_scalars(&c, r.expose_scalar()));
    }
}

/// [`check_signature`] with the reason for a rejection. Variable time (public inputs).
///
/// Checks, in the reference's order: `A` decodes; `c < l`, `r < l`; `c != 0`;
/// `R = cA + rG` does not encode the identity; `Hs(M || A || R) == c`.
///
/// # Errors
/// The decoding error of `A`, [`Error::NonCanonicalScalar`], [`Error::ChallengeZero`],
/// [`Error::IdentityR`] or [`Error::SignatureMismatch`].
pub fn verify_signature(
    prefix_hash: &[u8; 32],
    public: &PublicKey,
    sig: &Signature,
) -> Result<(), Error> {
    let a = public.decompress()?;
    let (c, r) = sig.scalars()?;
    if bool::from(c.is_zero()) {
        return Err(Error::ChallengeZero);
    }
    let big_r = Point::vartime_double_scalar_mul_basepoint(&c, &a, &r).to_bytes();
    if big_r == IDENTITY_BYTES {
        return Err(Error::IdentityR);
    }
    let mut h = Keccak256::new();
    h.update(prefix_hash)
        .update(public.as_bytes())
        .update(&big_r);
    if h.finalize_scalar().ct_eq(&c).into() {
        Ok(())
    } else {
        Err(Error::SignatureMismatch)
    }
}

/// Reference `check_signature(prefix_hash, A, sig)`. Vectors: `signature.json`. See
/// [`verify_signature`] for the rules. Variable time.
#[must_use]
pub fn check_signature(prefix_hash: &[u8; 32], public: &PublicKey, sig: &Signature) -> bool {
    verify_signature(prefix_hash, public, sig).is_ok()
}

/// Oxen `generate_key_image_signature(I, A, a)`: a one-member ring signature with the key image
/// in place of the message: `k` random, `c = Hs(I || kG || k Hp(A))`, `r = k - c a`.
/// Constant time in `a` and `k`.
///
/// # Errors
/// [`Error::SecretKeyMismatch`] if `public != secret * G`.
pub fn generate_key_image_signature<R: CryptoRng + ?Sized>(
    key_image: &KeyImage,
    public: &PublicKey,
    secret: &SecretKey,
    rng: &mut R,
) -> Result<Signature, Error> {
    if secret.public_key() != *public {
        return Err(Error::SecretKeyMismatch);
    }
    let hp = hash_to_ec(public.as_bytes());
    let k = SecretScalar::random(rng);
    let both = Point::compress_batch(&[k.mul_base(), hp * &k]);
    let mut h = Keccak256::new();
    h.update(key_image.as_bytes());
    for p in &both {
        h.update(p.as_bytes());
    }
    let c = h.finalize_scalar();
    let r = k - c * secret.as_secret_scalar();
    Ok(Signature::from_scalars(&c, r.expose_scalar()))
}

/// [`check_key_image_signature`] with the reason for a rejection. Variable time.
///
/// Checks: `I` decodes, `c < l`, `r < l`, `A` decodes (no `c == 0` or identity checks, as in
/// the reference); then `Hs(I || cA + rG || r Hp(A) + c I) == c`.
///
/// # Errors
/// A decoding error, [`Error::NonCanonicalScalar`] or [`Error::SignatureMismatch`].
pub fn verify_key_image_signature(
    key_image: &KeyImage,
    public: &PublicKey,
    sig: &Signature,
) -> Result<(), Error> {
    let i = key_image.decompress()?;
    let (c, r) = sig.scalars()?;
    let a = public.decompress()?;
    let l = Point::vartime_double_scalar_mul_basepoint(&c, &a, &r);
    let hp = hash_to_ec_vartime(public.as_bytes());
    let rr = Point::vartime_multiscalar_mul(&[r, c], &[hp, i]);
    let both = Point::compress_batch(&[l, rr]);
    let mut h = Keccak256::new();
    h.update(key_image.as_bytes());
    for p in &both {
        h.update(p.as_bytes());
    }
    if h.finalize_scalar().ct_eq(&c).into() {
        Ok(())
    } else {
        Err(Error::SignatureMismatch)
    }
}

/// Oxen `check_key_image_signature(I, A, sig)`. Vectors: `key_image_signature.json`. Variable
/// time.
#[must_use]
pub fn check_key_image_signature(
    key_image: &KeyImage,
    public: &PublicKey,
    sig: &Signature,
) -> bool {
    verify_key_image_signature(key_image, public, sig).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::{generate_key_image, generate_keys};
    use rand::SeedableRng;

    #[test]
    fn sign_verify() {
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(4);
        let (sec, public) = generate_keys(&mut rng);
        let sig = generate_signature(&[1; 32], &public, &sec, &mut rng).unwrap();
        assert_eq!(verify_signature(&[1; 32], &public, &sig), Ok(()));
        let ki = generate_key_image(&public, &sec);
        let sig = generate_key_image_signature(&ki, &public, &sec, &mut rng).unwrap();
        assert_eq!(verify_key_image_signature(&ki, &public, &sig), Ok(()));
        let (_, other) = generate_keys(&mut rng);
        assert_eq!(
            generate_signature(&[1; 32], &other, &sec, &mut rng),
            Err(Error::SecretKeyMismatch)
        );
    }
}
