//! Ed25519 signing and verification with libsodium 1.0.18's rules (spec §2, vectors
//! `ed25519.json`).
//!
//! **Signing** (`crypto_sign_ed25519_detached`, deterministic RFC 8032): with `(a, prefix) =
//! SHA-512(seed)` (`a` clamped),
//!
//! ```text
//! r = reduce64(SHA-512(prefix ‖ M))      R = r·B
//! k = reduce64(SHA-512(R ‖ A ‖ M))       S = r + k·a  (mod L)      signature = R ‖ S
//! ```
//!
//! The second line is the Schnorr equation every signer of this crate shares: blinded (15/25),
//! XEd25519 and subaccount signatures differ only in how they derive `r`, `a` and `A`, and all
//! call the one implementation (`sign_with_nonce`, crate-internal) with their own.
//!
//! **Verification** (`crypto_sign_ed25519_verify_detached`, libsodium 1.0.18 without
//! `ED25519_COMPAT`), each rule a [`SignatureCheck`], in this order:
//! 1. `S < L` ([`SignatureCheck::NonCanonicalS`]);
//! 2. `R` is not one of the small-order encodings ([`SignatureCheck::SmallOrderR`]; `R` is
//!    never decoded, so a non-canonical `R` fails only at step 5);
//! 3. `A` is canonical, not of small order, and decodes ([`SignatureCheck::PublicKey`]; no
//!    subgroup check);
//! 4. `k = reduce64(SHA-512(R ‖ A ‖ M))`;
//! 5. `[S]B − [k]A`, encoded, equals the 32 bytes of `R` ([`SignatureCheck::Equation`]):
//!    cofactorless, compared as bytes. Computed with curve25519-dalek's variable-time
//!    double-base multiplication (all inputs are public).
//!
//! Vectors: `sign_*` (32- and 64-byte keys, messages 0–200 bytes), `verify_*` (wrong message,
//! wrong key, tampered `R` and `S`, `S + L`, a small-order key, wrong sizes).

use alloc::string::String;
use core::fmt;

use curve25519_dalek::edwards::EdwardsPoint;
use curve25519_dalek::scalar::Scalar;
use oxen_keys::Ed25519PublicKey;
use sha2::{Digest, Sha512};
use zeroize::{Zeroize, Zeroizing};

use crate::error::{Error, Input, SignatureCheck};
use crate::keys::Ed25519SecretKey;
use crate::point::{decode_for_verify, has_small_order};
use crate::scalar::SecretScalar;

/// Bytes of a signature.
pub const SIGNATURE_LEN: usize = 64;

/// An Ed25519 signature `R ‖ S` (public data: `Copy`, printed as hex).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Signature(pub [u8; SIGNATURE_LEN]);

impl Signature {
    /// Exactly 64 bytes.
    ///
    /// # Errors
    /// [`Error::InvalidLength`] for [`Input::Signature`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Signature, Error> {
        bytes
            .try_into()
            .map(Signature)
            .map_err(|_| Error::InvalidLength {
                input: Input::Signature,
                len: bytes.len(),
            })
    }

    /// The 64 bytes.
    #[must_use]
    pub const fn to_bytes(&self) -> [u8; SIGNATURE_LEN] {
        self.0
    }

    /// The 64 bytes, borrowed.
    #[must_use]
    pub const fn as_bytes(&self) -> &[u8; SIGNATURE_LEN] {
        &self.0
    }

    /// `R` and `S`.
    #[must_use]
    pub fn split(&self) -> (&[u8; 32], &[u8; 32]) {
        let (r, s) = self.0.split_at(32);
        // both halves are 32 bytes by construction; the fallbacks are unreachable
        (
            r.try_into().unwrap_or(&[0; 32]),
            s.try_into().unwrap_or(&[0; 32]),
        )
    }

    /// 128 lower-case hex digits.
    #[must_use]
    pub fn to_hex(&self) -> String {
        oxen_keys::codec::to_hex(&self.0)
    }

    fn from_parts(r: &[u8; 32], s: &[u8; 32]) -> Signature {
        let mut out = [0u8; SIGNATURE_LEN];
        for (o, b) in out.iter_mut().zip(r.iter().chain(s)) {
            *o = *b;
        }
        Signature(out)
    }
}

impl fmt::Debug for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Signature({})", self.to_hex())
    }
}

impl From<[u8; SIGNATURE_LEN]> for Signature {
    fn from(b: [u8; SIGNATURE_LEN]) -> Signature {
        Signature(b)
    }
}

/// `reduce64(SHA-512(parts…))` into a secret scalar (a nonce; the intermediate hash is
/// wiped). For the blinded signers' `r` as well.
pub(crate) fn sha512_reduce<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> SecretScalar {
    let mut h = Sha512::new();
    for p in parts {
        h.update(p);
    }
    let mut digest = Zeroizing::new([0u8; 64]);
    let mut out = h.finalize();
    for (d, o) in digest.iter_mut().zip(out.iter()) {
        *d = *o;
    }
    out.as_mut_slice().zeroize();
    SecretScalar::from_bytes_mod_order_wide(&digest)
}

/// The challenge `k = reduce64(SHA-512(R ‖ A ‖ M))` (public).
fn challenge(r: &[u8; 32], public: &[u8; 32], message: &[&[u8]]) -> Scalar {
    let mut h = Sha512::new();
    h.update(r);
    h.update(public);
    for p in message {
        h.update(p);
    }
    let digest: [u8; 64] = h.finalize().into();
    Scalar::from_bytes_mod_order_wide(&digest)
}

/// The Schnorr core of every signature here: `R = r·B`, `S = r + reduce64(SHA-512(R ‖ A ‖ M))·a`
/// over the message `M` = the concatenation of `message`. `public` is the encoding of `A` as
/// the verifier will hash it; nothing checks that it is `a·B` (the callers derive both). `r` and
/// `a` are secret; constant time in both. `R = 0·B` is the identity encoding, as libsodium's
/// `crypto_scalarmult_ed25519_base_noclamp` writes it before refusing (a nonce that is zero
/// modulo `L` has probability 2^-252).
pub(crate) fn sign_with_nonce(
    r: &SecretScalar,
    a: &SecretScalar,
    public: &[u8; 32],
    message: &[&[u8]],
) -> Signature {
    let r_point = EdwardsPoint::mul_base(r.expose_dalek())
        .compress()
        .to_bytes();
    let k = SecretScalar::from_dalek(challenge(&r_point, public, message));
    let s = &(&k * a) + r;
    Signature::from_parts(&r_point, s.expose_bytes())
}

/// `ed25519::sign(sk, M)` = `crypto_sign_ed25519_detached`: the deterministic RFC 8032
/// signature of `message`.
///
/// ```
/// use oxen_session::{Ed25519SecretKey, Seed};
/// use oxen_session::ed25519::{sign, verify};
///
/// let sk = Ed25519SecretKey::from_seed(Seed::from_array([3; 32]));
/// let sig = sign(&sk, b"hello");
/// assert_eq!(verify(&sig, sk.public_key(), b"hello"), Ok(()));
/// assert!(verify(&sig, sk.public_key(), b"hullo").is_err());
/// ```
#[must_use]
pub fn sign(key: &Ed25519SecretKey, message: &[u8]) -> Signature {
    sign_parts(key, &[message])
}

/// [`sign`] over the concatenation of `parts`, without building it (e.g. `M ‖ A ‖ Y` of a
/// one-to-one message).
#[must_use]
pub fn sign_parts(key: &Ed25519SecretKey, parts: &[&[u8]]) -> Signature {
    let r = sha512_reduce(core::iter::once(key.nonce_prefix()).chain(parts.iter().copied()));
    sign_with_nonce(&r, key.scalar(), key.public_key().as_bytes(), parts)
}

/// `ed25519::verify(sig, A, M)` = `crypto_sign_ed25519_verify_detached` (libsodium 1.0.18):
/// the verdict a Session peer gives. Variable time (everything is public).
///
/// # Errors
/// [`Error::InvalidSignature`] with the first rule that fails, in the order of the module
/// documentation.
pub fn verify(
    signature: &Signature,
    public: &Ed25519PublicKey,
    message: &[u8],
) -> Result<(), Error> {
    verify_parts(signature, public, &[message])
}

/// [`verify`] over the concatenation of `parts`, without building it.
///
/// # Errors
/// As [`verify`].
pub fn verify_parts(
    signature: &Signature,
    public: &Ed25519PublicKey,
    parts: &[&[u8]],
) -> Result<(), Error> {
    let (r, s) = signature.split();
    let s = Option::<Scalar>::from(Scalar::from_canonical_bytes(*s))
        .ok_or(Error::InvalidSignature(SignatureCheck::NonCanonicalS))?;
    if has_small_order(r) {
        return Err(Error::InvalidSignature(SignatureCheck::SmallOrderR));
    }
    let a = decode_for_verify(public.as_bytes())
        .map_err(|c| Error::InvalidSignature(SignatureCheck::PublicKey(c)))?;
    let k = challenge(r, public.as_bytes(), parts);
    let r_check = EdwardsPoint::vartime_double_scalar_mul_basepoint(&k, &-a, &s).compress();
    if r_check.as_bytes() == r {
        Ok(())
    } else {
        Err(Error::InvalidSignature(SignatureCheck::Equation))
    }
}
