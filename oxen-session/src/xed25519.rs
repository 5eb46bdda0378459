//! XEd25519 as libsession implements it (spec §4, `src/xed25519.cpp`; vectors
//! `xed25519.json`): Ed25519-verifiable signatures made with an X25519 key, so a Session ID
//! (an X25519 key) can be checked against a signature.
//!
//! * [`pubkey`]`(u)`: the Edwards y of the Montgomery u, `y = (u − 1)/(u + 1)` (bit 255 of `u`
//!   ignored, `u ≥ p` reduced, the inverse of 0 taken as 0), encoded with the sign bit **0**.
//!   Never fails; for a `u` on the twist the result is not a point, and verification then fails.
//! * [`sign_with`]`(x, M, Z)`: `A = x·B`; if `A`'s sign bit is 1, `a = −x mod L` and the bit is
//!   cleared, else `a = x` (the selection is constant time). Then
//!
//!   ```text
//!   r = reduce64(BLAKE2b-512(personal = "xed25519signatur", a ‖ M ‖ Z))
//!   R = r·B      S = r + reduce64(SHA-512(R ‖ A ‖ M))·a
//!   ```
//!
//!   where the 32 bytes of `a` hashed are `x` itself (not reduced) when the sign bit was 0 and
//!   the reduced `−x` when it was 1, exactly as libsession hashes them. This `r` differs from
//!   Signal's XEd25519 (a SHA-512 over a prefixed key); vectors give `random` = `Z`.
//! * [`verify`]`(sig, u, M)` = Ed25519 [`crate::ed25519::verify`] against [`pubkey`]`(u)`. A
//!   plain Ed25519 signature by an account whose Ed25519 key has sign bit 1 does not verify
//!   this way (vector `verify_plain_ed_sig_negative_key`).
//!
//! **Divergence:** the secret is clamped first. libsession computes `A` from the clamped `x`
//! but multiplies by the unclamped `x`, so an unclamped X25519 secret (libsodium's
//! `crypto_box_keypair` stores them unclamped) yields signatures that verify under no key. Here
//! `a` comes from the clamped `x`, so every key signs validly; for a clamped `x` (every
//! account's `edsk_to_x`, all vectors) the bytes are libsession's.

use oxen_keys::{Ed25519PublicKey, X25519PublicKey, X25519SecretKey};
use rand_core::CryptoRng;
use subtle::{Choice, ConditionallySelectable};
use zeroize::Zeroizing;

use curve25519_dalek::edwards::EdwardsPoint;
use curve25519_dalek::scalar::clamp_integer;

use crate::ed25519::{Signature, sign_with_nonce};
use crate::error::Error;
use crate::field::montgomery_u_to_edwards_y;
use crate::hash::Blake2b;
use crate::scalar::{SecretScalar, reduce64};

/// The BLAKE2b personalisation of the nonce hash (16 bytes, libsession's `personality`).
pub const PERSONALIZATION: &[u8; 16] = b"xed25519signatur";

/// Bytes of the random `Z` of a signature.
pub const Z_LEN: usize = 64;

/// The Ed25519 public key of an X25519 public key: `y = (u − 1)/(u + 1)`, sign bit 0.
#[must_use]
pub fn pubkey(u: &X25519PublicKey) -> Ed25519PublicKey {
    Ed25519PublicKey(montgomery_u_to_edwards_y(u.as_bytes()))
}

/// Signs `message` with X25519 secret `x`, drawing the 64 random bytes `Z` from `rng`.
pub fn sign<R: CryptoRng + ?Sized>(x: &X25519SecretKey, message: &[u8], rng: &mut R) -> Signature {
    let mut z = Zeroizing::new([0u8; Z_LEN]);
    rng.fill_bytes(&mut *z);
    sign_with(x, message, &z)
}

/// Signs `message` with X25519 secret `x` and the given random bytes `Z` (reproduces the
/// vectors byte for byte). Constant time in `x` and `Z`.
///
/// ```
/// use oxen_keys::X25519SecretKey;
/// use oxen_session::xed25519;
///
/// let x = X25519SecretKey::from_bytes([0x48; 32]);
/// let sig = xed25519::sign_with(&x, b"msg", &[9; 64]);
/// assert_eq!(xed25519::verify(&sig, &x.public_key(), b"msg"), Ok(()));
/// ```
#[must_use]
pub fn sign_with(x: &X25519SecretKey, message: &[u8], z: &[u8; Z_LEN]) -> Signature {
    let clamped = Zeroizing::new(clamp_integer(*x.expose_bytes()));
    let mut a_bytes = EdwardsPoint::mul_base_clamped(*clamped)
        .compress()
        .to_bytes();
    let negative = Choice::from(a_bytes[31] >> 7);
    a_bytes[31] &= 0x7f;

    let mut a = SecretScalar::from_bytes_mod_order(&clamped);
    let negated = -&a;
    // the bytes of `a` that libsession hashes: x as given, or the reduced −x
    let mut hashed = Zeroizing::new(*clamped);
    hashed.conditional_assign(negated.expose_bytes(), negative);
    a.conditional_assign(&negated, negative);

    let r = nonce(&hashed, message, z);
    sign_with_nonce(&r, &a, &a_bytes, &[message])
}

/// `r = reduce64(BLAKE2b-512(personal, a ‖ M ‖ Z))`.
fn nonce(a: &[u8; 32], message: &[u8], z: &[u8; Z_LEN]) -> SecretScalar {
    let mut h64 = Zeroizing::new([0u8; 64]);
    // size 64 and an empty key are always accepted; the fallback is unreachable
    if let Ok(mut h) = Blake2b::with_personal(64, &[], PERSONALIZATION) {
        h.update(a);
        h.update(message);
        h.update(z);
        h.finalize_into(&mut *h64);
    }
    reduce64(&h64)
}

/// Verifies an XEd25519 (or Ed25519) signature against the Ed25519 key [`pubkey`]`(u)`.
///
/// # Errors
/// [`Error::InvalidSignature`] as [`crate::ed25519::verify`] reports it (a `u` on the twist
/// gives `PublicKey(NotOnCurve)`).
pub fn verify(signature: &Signature, u: &X25519PublicKey, message: &[u8]) -> Result<(), Error> {
    crate::ed25519::verify(signature, &pubkey(u), message)
}
