//! Blinded signatures (spec §6): standard Ed25519 signatures under the blinded key `A'`, which
//! any Ed25519 verifier (the community server, [`crate::ed25519::verify`]) checks against the
//! key in the blinded id.
//!
//! Both derive `(A', a')` from the key-pair functions ([`blind15_key_pair`],
//! [`blind25_key_pair`]) and differ only in the nonce `r`; then the crate's one Schnorr core
//! signs (`R = r·B`, `S = r + reduce64(SHA-512(R ‖ A' ‖ M))·a'`):
//!
//! ```text
//! 15:  r = reduce64(SHA-512(SHA-512(seed ‖ A)[32..64] ‖ A' ‖ M))
//! 25:  h = BLAKE2b-256(key = "SessCommBlind25_seed", seed)
//!      r = reduce64(BLAKE2b-512(key = "SessCommBlind25_sig", h ‖ A' ‖ M))
//! ```
//!
//! Quirk kept (vectors `blind15_sign_*`): the 15 nonce hashes the **64-byte** libsodium secret
//! key `seed ‖ A`, not the seed alone as RFC 8032 does; the result is deterministic either way,
//! but only this one gives the reference's bytes.
//!
//! Session desktop signs community requests and posts with its own 15 signer
//! (`sogsBlinding.ts` `blindedED25519Signature`, spec §14.4, vectors `session-net/sogs_post.json`),
//! whose nonce hashes RFC 8032's prefix, `SHA-512(seed)[32..64]`:
//! [`blind15_sign_desktop`]. Same key, same verifier, different (equally valid) bytes:
//!
//! ```text
//! 15 desktop:  r = reduce64(SHA-512(SHA-512(seed)[32..64] ‖ A' ‖ M))
//! ```
//!
//! Cost: the key pair's fixed-base multiplication and the signature's (25 adds the inversion of
//! the account's X25519 key), a few hashes over the message. Constant time in every secret.
//!
//! Reference: libsession `blind15_sign`, `blind25_sign` (`src/blinding.cpp`). Both accept the
//! server key as 32 raw bytes or 64 hex digits ([`ServerPubkey::parse`]). Vectors:
//! `blind_sign.json` (32- and 64-byte keys, raw and hex server keys, messages of 0 to 200 bytes;
//! every signature verifies under the blinded key and the key is that of the account's id).

use sha2::{Digest, Sha512};
use zeroize::{Zeroize, Zeroizing};

use crate::blinding::key_pair::{blind15_key_pair, blind25_key_pair};
use crate::ed25519::{Signature, sha512_reduce, sign_with_nonce};
use crate::hash::{Blake2b, blake2b};
use crate::id::ServerPubkey;
use crate::keys::Ed25519SecretKey;
use crate::scalar::reduce64;

/// The BLAKE2b key of the 25 nonce's seed hash (libsession `hash_key_seed`).
pub const BLIND25_SEED_HASH_KEY: &[u8; 20] = b"SessCommBlind25_seed";
/// The BLAKE2b key of the 25 nonce hash (libsession `hash_key_sig`).
pub const BLIND25_SIG_HASH_KEY: &[u8; 19] = b"SessCommBlind25_sig";

/// `blind15_sign(sk, server_pk, M)`: an Ed25519 signature of `message` under the account's
/// 15-blinded key.
///
/// ```
/// use oxen_session::{Ed25519SecretKey, Seed, ServerPubkey, ed25519};
/// use oxen_session::blinding::{blind15_key_pair, blind15_sign};
///
/// let account = Ed25519SecretKey::from_seed(Seed::from_array([1; 32]));
/// let server = ServerPubkey([2; 32]);
/// let sig = blind15_sign(&account, &server, b"GET /room/x");
/// let blinded = blind15_key_pair(&account, &server);
/// assert_eq!(ed25519::verify(&sig, blinded.public_key(), b"GET /room/x"), Ok(()));
/// ```
#[must_use]
pub fn blind15_sign(key: &Ed25519SecretKey, server: &ServerPubkey, message: &[u8]) -> Signature {
    let pair = blind15_key_pair(key, server);
    let public = pair.public_key().as_bytes();
    let sk64 = key.to_bytes();
    let mut h = Sha512::new();
    h.update(sk64.as_slice());
    let mut hrh = h.finalize();
    let r = sha512_reduce([
        hrh.get(32..).unwrap_or_default(),
        public.as_slice(),
        message,
    ]);
    hrh.as_mut_slice().zeroize();
    sign_with_nonce(&r, pair.secret(), public, &[message])
}

/// Session desktop's 15-blinded signature (`blindedED25519Signature`, used by
/// `signWithBlinding` and the `X-SOGS-*` headers): [`blind15_sign`]'s key and equation with the
/// nonce prefix of RFC 8032, `SHA-512(seed)[32..64]`, instead of libsession's hash of the
/// 64-byte key. Any Ed25519 verifier accepts it under the blinded key.
///
/// ```
/// use oxen_session::{Ed25519SecretKey, Seed, ServerPubkey, ed25519};
/// use oxen_session::blinding::{blind15_key_pair, blind15_sign, blind15_sign_desktop};
///
/// let account = Ed25519SecretKey::from_seed(Seed::from_array([1; 32]));
/// let server = ServerPubkey([2; 32]);
/// let sig = blind15_sign_desktop(&account, &server, b"post");
/// let blinded = blind15_key_pair(&account, &server);
/// assert_eq!(ed25519::verify(&sig, blinded.public_key(), b"post"), Ok(()));
/// assert_ne!(sig, blind15_sign(&account, &server, b"post")); // another nonce
/// ```
#[must_use]
pub fn blind15_sign_desktop(
    key: &Ed25519SecretKey,
    server: &ServerPubkey,
    message: &[u8],
) -> Signature {
    let pair = blind15_key_pair(key, server);
    let public = pair.public_key().as_bytes();
    let r = sha512_reduce([key.nonce_prefix(), public.as_slice(), message]);
    sign_with_nonce(&r, pair.secret(), public, &[message])
}

/// `blind25_sign(sk, server_pk, M)`: an Ed25519 signature of `message` under the account's
/// 25-blinded key.
///
/// ```
/// use oxen_session::{Ed25519SecretKey, Seed, ServerPubkey, ed25519};
/// use oxen_session::blinding::{blind25_id, blind25_sign};
///
/// let account = Ed25519SecretKey::from_seed(Seed::from_array([1; 32]));
/// let server = ServerPubkey([2; 32]);
/// let sig = blind25_sign(&account, &server, b"hello");
/// // the server verifies against the key in the id, computed from the Session ID
/// let id = blind25_id(&account.session_id(), &server)?;
/// assert_eq!(ed25519::verify(&sig, id.key(), b"hello"), Ok(()));
/// # Ok::<(), oxen_session::Error>(())
/// ```
#[must_use]
pub fn blind25_sign(key: &Ed25519SecretKey, server: &ServerPubkey, message: &[u8]) -> Signature {
    let pair = blind25_key_pair(key, server);
    let pair = pair.key_pair();
    let public = pair.public_key().as_bytes();
    // Sizes 32 and 64 and keys of 20 and 19 bytes are always accepted: the fallbacks are
    // unreachable.
    let seed_hash = Zeroizing::new(
        blake2b::<32>(BLIND25_SEED_HASH_KEY, &[key.seed().expose_bytes()]).unwrap_or([0; 32]),
    );
    let mut r_hash = Zeroizing::new([0u8; 64]);
    if let Ok(mut h) = Blake2b::new(64, BLIND25_SIG_HASH_KEY) {
        h.update(&*seed_hash);
        h.update(public);
        h.update(message);
        h.finalize_into(&mut *r_hash);
    }
    let r = reduce64(&r_hash);
    sign_with_nonce(&r, pair.secret(), public, &[message])
}
