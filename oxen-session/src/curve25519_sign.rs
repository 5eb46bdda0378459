//! The X25519-key signatures of `curve25519-js` (spec `session.md` §14.4: Session desktop signs
//! unblinded community posts with `sign(x25519_sk, M, null)`; vectors
//! `session-net/sogs_post.json` `unblinded_*`): an Ed25519 signature made with the X25519
//! secret, the Ed25519 key's sign bit carried in the signature's top bit, so that the X25519
//! public key (a Session ID) suffices to verify.
//!
//! ```text
//! a   = clamp(x)                         the X25519 secret as an Ed25519 scalar (not negated)
//! A   = a·B
//! r   = reduce64(SHA-512(a ‖ M))          a: the 32 clamped bytes
//! R   = r·B      S = r + reduce64(SHA-512(R ‖ A ‖ M))·a
//! sig = R ‖ S, then sig[63] |= A[31] & 0x80
//! ```
//!
//! `S < L < 2^253`, so bit 255 is free. A standard Ed25519 verifier accepts the signature under
//! `A` once that bit is cleared. [`verify`] does what `curve25519-js`'s `verify(u, M, sig)` does:
//! `A` = the Edwards point of `u` ([`crate::xed25519::pubkey`]) with the sign bit taken from the
//! signature, then Ed25519 verification (here with libsodium's rules, [`crate::ed25519::verify`]).
//!
//! This differs from XEd25519 ([`crate::xed25519`]): there the key is negated to make `A`'s sign
//! bit 0 and the nonce is randomised; here the key is used as it is and the nonce is
//! deterministic. For an account, `x = edsk_to_x(key)` and `A` is the account's Ed25519 key.

use curve25519_dalek::edwards::EdwardsPoint;
use curve25519_dalek::scalar::clamp_integer;
use oxen_keys::{Ed25519PublicKey, X25519PublicKey, X25519SecretKey};
use zeroize::Zeroizing;

use crate::ed25519::{SIGNATURE_LEN, Signature, sha512_reduce, sign_with_nonce};
use crate::error::Error;
use crate::scalar::SecretScalar;
use crate::xed25519;

/// curve25519-js `sign(secretKey, msg, null)`: signs `message` with the X25519 secret `x` (see
/// the module documentation). Deterministic; constant time in `x`.
///
/// ```
/// use oxen_session::{curve25519_sign, ed25519, edsk_to_x, Ed25519SecretKey, Seed, Signature};
///
/// let account = Ed25519SecretKey::from_seed(Seed::from_array([1; 32]));
/// let sig = curve25519_sign::sign(&edsk_to_x(&account), b"post");
/// // anyone with the Session ID verifies it
/// curve25519_sign::verify(&sig, account.session_id().x25519(), b"post")?;
/// // a plain Ed25519 verifier, once the carried sign bit is cleared
/// let mut plain = sig.to_bytes();
/// plain[63] &= 0x7f;
/// ed25519::verify(&Signature::from(plain), account.public_key(), b"post")?;
/// # Ok::<(), oxen_session::Error>(())
/// ```
#[must_use]
pub fn sign(x: &X25519SecretKey, message: &[u8]) -> Signature {
    let clamped = Zeroizing::new(clamp_integer(*x.expose_bytes()));
    let a_bytes = EdwardsPoint::mul_base_clamped(*clamped)
        .compress()
        .to_bytes();
    let a = SecretScalar::from_bytes_mod_order(&clamped);
    let r = sha512_reduce([clamped.as_slice(), message]);
    let mut sig = sign_with_nonce(&r, &a, &a_bytes, &[message]).to_bytes();
    if let (Some(top), Some(sign)) = (sig.get_mut(SIGNATURE_LEN - 1), a_bytes.last()) {
        *top |= sign & 0x80;
    }
    Signature::from(sig)
}

/// curve25519-js `verify(publicKey, msg, sig)`: checks `signature` against the X25519 public
/// key `u`, the Ed25519 key's sign bit taken from the signature's top bit. Variable time (public
/// inputs).
///
/// # Errors
/// [`Error::InvalidSignature`] with the libsodium rule that fails.
pub fn verify(signature: &Signature, u: &X25519PublicKey, message: &[u8]) -> Result<(), Error> {
    let mut sig = signature.to_bytes();
    let mut a = xed25519::pubkey(u).to_bytes();
    if let (Some(top), Some(sign)) = (sig.get_mut(SIGNATURE_LEN - 1), a.last_mut()) {
        *sign |= *top & 0x80;
        *top &= 0x7f;
    }
    crate::ed25519::verify(&Signature::from(sig), &Ed25519PublicKey(a), message)
}
