//! Value encryption (`mapping_value::encrypt`, `decrypt`, `validate_encrypted`).
//!
//! Modern scheme (HF16+, every type):
//!
//! ```text
//! h     = BLAKE2b-256(name)                       name already lower-case
//! key   = BLAKE2b-256(name, key = h)              keyed: only whoever knows the name has it
//! nonce = 24 random bytes
//! value = XChaCha20-Poly1305(key, nonce, plaintext, no AD) || nonce      (ct || tag || nonce)
//! ```
//!
//! Legacy "heavy" scheme (HF15 session records, decryption only on chain today):
//!
//! ```text
//! key   = argon2id v1.3 (password = name, salt = 16 zero bytes, t = 3, m = 256 MiB, p = 1), 32 bytes
//! value = crypto_secretbox_easy(plaintext, nonce = 24 zero bytes, key)    (tag || ct, 49 bytes)
//! ```
//!
//! It costs about a second and 256 MiB per derivation, by design.

use chacha20poly1305::aead::{AeadInOut, KeyInit};
use chacha20poly1305::{Tag, XChaCha20Poly1305, XNonce};
use rand_core::CryptoRng;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::name::{NameHash, name_to_hash, name_to_hash_keyed, require_lowercase};
use crate::value::{MAX_PLAINTEXT_LEN, Plaintext, SESSION_ID_LEN, Value};
use crate::{Error, MappingType, secretbox};

/// Poly1305 tag length.
pub const TAG_LEN: usize = 16;

/// XChaCha20 nonce length.
pub const NONCE_LEN: usize = 24;

/// Bytes the modern scheme adds to a plaintext (`SODIUM_ENCRYPTION_EXTRA_BYTES`: tag + nonce).
pub const ENCRYPTION_EXTRA_BYTES: usize = TAG_LEN + NONCE_LEN;

/// The largest stored value (`mapping_value::BUFFER_SIZE`).
pub const MAX_ENCRYPTED_LEN: usize = MAX_PLAINTEXT_LEN + ENCRYPTION_EXTRA_BYTES;

/// Length of a heavy (argon2 + secretbox) session value: 33 + 16.
pub const HEAVY_SESSION_LEN: usize = SESSION_ID_LEN + TAG_LEN;

/// `crypto_pwhash_OPSLIMIT_MODERATE`.
pub const ARGON2_OPSLIMIT_MODERATE: u32 = 3;

/// `crypto_pwhash_MEMLIMIT_MODERATE` in bytes (256 MiB).
pub const ARGON2_MEMLIMIT_MODERATE: usize = 268_435_456;

/// A 32-byte value encryption key. Zeroized on drop; never printed.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct EncryptionKey([u8; 32]);

impl EncryptionKey {
    /// The key bytes (secret).
    #[must_use]
    pub fn expose_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl core::fmt::Debug for EncryptionKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("EncryptionKey(..)")
    }
}

/// `name_to_encryption_key(name)`: `BLAKE2b-256(name, key = BLAKE2b-256(name))`.
///
/// # Errors
/// [`Error::NameNotLowercase`] if `name` holds A-Z.
pub fn name_to_encryption_key(name: &str) -> Result<EncryptionKey, Error> {
    require_lowercase(name)?;
    let h = name_to_hash(name.as_bytes());
    Ok(EncryptionKey(*name_to_hash_keyed(name.as_bytes(), &h)))
}

/// As [`name_to_encryption_key`] with the name hash already computed.
///
/// # Errors
/// [`Error::NameNotLowercase`] if `name` holds A-Z.
pub fn name_to_encryption_key_with_hash(
    name: &str,
    hash: &NameHash,
) -> Result<EncryptionKey, Error> {
    require_lowercase(name)?;
    Ok(EncryptionKey(*name_to_hash_keyed(name.as_bytes(), &hash.0)))
}

/// The legacy key: argon2id v1.3, `OPSLIMIT_MODERATE`, `MEMLIMIT_MODERATE`, 16 zero bytes of
/// salt (`name_to_encryption_key_argon2`). Slow (about a second) and allocates 256 MiB.
///
/// # Errors
/// [`Error::NameNotLowercase`]; [`Error::Argon2`] if argon2 fails.
pub fn name_to_encryption_key_argon2(name: &str) -> Result<EncryptionKey, Error> {
    require_lowercase(name)?;
    let params = argon2::Params::new(
        (ARGON2_MEMLIMIT_MODERATE / 1024) as u32,
        ARGON2_OPSLIMIT_MODERATE,
        1,
        Some(32),
    )
    .map_err(|_| Error::Argon2)?;
    // Our own working memory (256 MiB), so that it is zeroized afterwards: every block is
    // derived from the name, and argon2's own allocation is freed without being cleared.
    let mut blocks = Zeroizing::new(alloc::vec![argon2::Block::new(); params.block_count()]);
    let a = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut key = EncryptionKey([0; 32]);
    a.hash_password_into_with_memory(name.as_bytes(), &[0u8; 16], &mut key.0, &mut blocks[..])
        .map_err(|_| Error::Argon2)?;
    Ok(key)
}

/// A stored (encrypted) value: at most 113 bytes.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct EncryptedValue {
    buf: [u8; MAX_ENCRYPTED_LEN],
    len: usize,
}

impl EncryptedValue {
    /// `mapping_value::validate_encrypted(type, bytes)`: accepts the lengths a type can store:
    /// session 73 (or the legacy 49), lokinet types 72, wallet 105 or 113.
    ///
    /// # Errors
    /// [`Error::EncryptedValueLength`].
    pub fn new(ty: MappingType, bytes: &[u8]) -> Result<Self, Error> {
        let ok = match ty {
            MappingType::Session => {
                bytes.len() == SESSION_ID_LEN + ENCRYPTION_EXTRA_BYTES
                    || bytes.len() == HEAVY_SESSION_LEN
            }
            MappingType::Wallet => {
                bytes.len() == 65 + ENCRYPTION_EXTRA_BYTES
                    || bytes.len() == 73 + ENCRYPTION_EXTRA_BYTES
            }
            _ => bytes.len() == 32 + ENCRYPTION_EXTRA_BYTES,
        };
        if !ok {
            return Err(Error::EncryptedValueLength);
        }
        Self::from_slice(bytes)
    }

    /// Wraps up to 113 bytes without checking them against a type.
    ///
    /// # Errors
    /// [`Error::EncryptedValueLength`] if longer.
    pub fn from_slice(bytes: &[u8]) -> Result<Self, Error> {
        let mut buf = [0u8; MAX_ENCRYPTED_LEN];
        buf.get_mut(..bytes.len())
            .ok_or(Error::EncryptedValueLength)?
            .copy_from_slice(bytes);
        Ok(Self {
            buf,
            len: bytes.len(),
        })
    }

    /// The bytes as stored on chain.
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }

    /// The length.
    #[must_use]
    pub const fn len(&self) -> usize {
        self.len
    }

    /// True if empty.
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// `mapping_value::value_nonce(type)`: the nonce part; for a session value whose length is
    /// not 73 (the legacy format) this is 24 zero bytes, as upstream reports it.
    #[must_use]
    pub fn nonce(&self, ty: MappingType) -> [u8; NONCE_LEN] {
        let b = self.as_bytes();
        if (ty == MappingType::Session && b.len() != SESSION_ID_LEN + ENCRYPTION_EXTRA_BYTES)
            || b.len() < NONCE_LEN
        {
            return [0; NONCE_LEN];
        }
        b.get(b.len() - NONCE_LEN..)
            .and_then(|n| n.try_into().ok())
            .unwrap_or([0; NONCE_LEN])
    }
}

impl core::fmt::Debug for EncryptedValue {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("EncryptedValue(")?;
        for b in self.as_bytes() {
            write!(f, "{b:02x}")?;
        }
        f.write_str(")")
    }
}

impl AsRef<[u8]> for EncryptedValue {
    fn as_ref(&self) -> &[u8] {
        self.as_bytes()
    }
}

/// Encrypts `plaintext` (at most 73 bytes) under `key` with the given nonce: ct || tag || nonce.
/// Deterministic; [`encrypt`] draws the nonce.
///
/// # Errors
/// [`Error::EncryptedValueLength`] if the plaintext is longer than 73 bytes.
pub fn encrypt_with_nonce(
    key: &EncryptionKey,
    plaintext: &[u8],
    nonce: &[u8; NONCE_LEN],
) -> Result<EncryptedValue, Error> {
    let n = plaintext.len();
    let mut out = EncryptedValue::from_slice(plaintext)?;
    let total = n + ENCRYPTION_EXTRA_BYTES;
    let buf = out
        .buf
        .get_mut(..total)
        .ok_or(Error::EncryptedValueLength)?;
    let (ct, rest) = buf.split_at_mut(n);
    let (tag_out, nonce_out) = rest.split_at_mut(TAG_LEN);
    // In place: `ct` holds the plaintext copied by `from_slice` above.
    let tag = xchacha20poly1305(key)
        .encrypt_inout_detached(&XNonce::from(*nonce), &[], ct.into())
        .map_err(|_| Error::EncryptedValueLength)?;
    tag_out.copy_from_slice(&tag);
    nonce_out.copy_from_slice(nonce);
    out.len = total;
    Ok(out)
}

/// `mapping_value::encrypt(name)`: encrypts `value` for `name` (which must be lower-case: the
/// reference asserts this in debug builds only; we always check) with a fresh random nonce.
///
/// # Errors
/// [`Error::NameNotLowercase`].
pub fn encrypt<R: CryptoRng + ?Sized>(
    name: &str,
    value: &Value,
    rng: &mut R,
) -> Result<EncryptedValue, Error> {
    let key = name_to_encryption_key(name)?;
    let mut nonce = [0u8; NONCE_LEN];
    rng.fill_bytes(&mut nonce);
    encrypt_with_nonce(&key, value.to_plaintext().as_bytes(), &nonce)
}

/// The plaintext length `decrypt` expects for a modern value of `len` bytes and type `ty`.
fn modern_plain_len(ty: MappingType, len: usize) -> Result<usize, Error> {
    let plain = match ty {
        MappingType::Session => SESSION_ID_LEN,
        MappingType::Lokinet => 32,
        MappingType::Wallet => match len.checked_sub(ENCRYPTION_EXTRA_BYTES) {
            Some(p @ (65 | 73)) => p,
            _ => return Err(Error::EncryptedValueLength),
        },
        // Quirk kept: decrypt() rejects the multi-year lokinet buy types ("invalid
        // mapping_type"); value_encryption.json decrypt_cases "lokinet_2years".
        MappingType::Lokinet2Years | MappingType::Lokinet5Years | MappingType::Lokinet10Years => {
            return Err(Error::DecryptType);
        }
    };
    if len != plain + ENCRYPTION_EXTRA_BYTES {
        return Err(Error::EncryptedValueLength);
    }
    Ok(plain)
}

/// True if `decrypt` takes the legacy (argon2) path for this type and length: a session value
/// of 49 bytes.
#[must_use]
pub fn is_heavy(ty: MappingType, len: usize) -> bool {
    ty == MappingType::Session && len == HEAVY_SESSION_LEN
}

/// Modern decryption with a known key (no length policy beyond the tag and nonce).
///
/// # Errors
/// [`Error::EncryptedValueLength`] if shorter than 40 bytes or the plaintext would exceed 73;
/// [`Error::DecryptAuth`] if authentication fails.
pub fn decrypt_with_key(key: &EncryptionKey, value: &[u8]) -> Result<Plaintext, Error> {
    let plain_len = value
        .len()
        .checked_sub(ENCRYPTION_EXTRA_BYTES)
        .ok_or(Error::EncryptedValueLength)?;
    let (ct, rest) = value.split_at(plain_len);
    let (tag, nonce) = rest.split_at(TAG_LEN);
    let tag: [u8; TAG_LEN] = tag.try_into().map_err(|_| Error::EncryptedValueLength)?;
    let nonce: [u8; NONCE_LEN] = nonce.try_into().map_err(|_| Error::EncryptedValueLength)?;
    let mut out = Plaintext::from_slice(ct)?;
    // Verifies the tag (constant time) before decrypting in place.
    xchacha20poly1305(key)
        .decrypt_inout_detached(
            &XNonce::from(nonce),
            &[],
            out.as_mut_bytes().into(),
            &Tag::from(tag),
        )
        .map_err(|_| Error::DecryptAuth)?;
    Ok(out)
}

/// Modern decryption of a value whose nonce travels separately: `ciphertext` is `ct ‖ tag`
/// (any length from 16 bytes), `nonce` the 24 bytes that a stored value carries at its end.
/// This is how an ONS lookup response arrives (oxend's `ons_resolve` returns `encrypted_value`
/// and `nonce` apart; libsession's `decrypt_ons_response` opens them). The tag is checked before
/// anything else: no plaintext length policy here, the caller applies its own.
///
/// ```
/// use oxen_ons::encryption::{decrypt_with_key_and_nonce, encrypt_with_nonce};
/// use oxen_ons::name_to_encryption_key;
///
/// let key = name_to_encryption_key("alice")?;
/// let stored = encrypt_with_nonce(&key, &[5; 33], &[1; 24])?; // ct ‖ tag ‖ nonce
/// let (ct_and_tag, nonce) = stored.as_bytes().split_at(33 + 16);
/// let plain = decrypt_with_key_and_nonce(&key, ct_and_tag, nonce.try_into().unwrap())?;
/// assert_eq!(&plain[..], &[5; 33]);
/// # Ok::<(), oxen_ons::Error>(())
/// ```
///
/// # Errors
/// [`Error::EncryptedValueLength`] if `ciphertext` is shorter than the 16-byte tag;
/// [`Error::DecryptAuth`] if authentication fails.
pub fn decrypt_with_key_and_nonce(
    key: &EncryptionKey,
    ciphertext: &[u8],
    nonce: &[u8; NONCE_LEN],
) -> Result<Zeroizing<alloc::vec::Vec<u8>>, Error> {
    let (ct, tag) = ciphertext
        .split_last_chunk::<TAG_LEN>()
        .ok_or(Error::EncryptedValueLength)?;
    let mut out = Zeroizing::new(ct.to_vec());
    // Verifies the tag (constant time) before decrypting in place.
    xchacha20poly1305(key)
        .decrypt_inout_detached(
            &XNonce::from(*nonce),
            &[],
            out.as_mut_slice().into(),
            &Tag::from(*tag),
        )
        .map_err(|_| Error::DecryptAuth)?;
    Ok(out)
}

/// `mapping_value::decrypt(name, type)` to the plaintext bytes, exactly as the reference:
///
/// - a session value of 49 bytes takes the legacy path ([`decrypt_heavy`]: slow);
/// - otherwise the expected plaintext length comes from the type (session 33, lokinet 32,
///   wallet: length - 40 must be 65 or 73); the multi-year lokinet types are rejected;
/// - the value must be exactly plaintext + 40 bytes; the nonce is the last 24.
///
/// # Errors
/// [`Error::NameNotLowercase`], [`Error::DecryptType`], [`Error::EncryptedValueLength`],
/// [`Error::DecryptAuth`], [`Error::Argon2`].
pub fn decrypt_raw(name: &str, ty: MappingType, value: &[u8]) -> Result<Plaintext, Error> {
    require_lowercase(name)?;
    if is_heavy(ty, value.len()) {
        return decrypt_heavy(name, value);
    }
    modern_plain_len(ty, value.len())?;
    decrypt_with_key(&name_to_encryption_key(name)?, value)
}

/// As [`decrypt_raw`], then decodes the typed value ([`Value::from_bytes`]).
///
/// # Errors
/// As [`decrypt_raw`] and [`Value::from_bytes`] (a plaintext that authenticates but is not a
/// well-formed value of the type, e.g. a Session ID not starting with 05).
pub fn decrypt(name: &str, ty: MappingType, value: &[u8]) -> Result<Value, Error> {
    let p = decrypt_raw(name, ty, value)?;
    Value::from_bytes(ty, p.as_bytes())
}

/// XChaCha20-Poly1305 (IETF, libsodium `crypto_aead_xchacha20poly1305_ietf`), the stock
/// RustCrypto `chacha20poly1305` AEAD. Its key copy is zeroized on drop (`zeroize` feature).
fn xchacha20poly1305(key: &EncryptionKey) -> XChaCha20Poly1305 {
    XChaCha20Poly1305::new((&key.0).into())
}

/// `crypto_secretbox_easy` with the all-zero nonce: tag || ciphertext ([`crate::secretbox`]).
fn secretbox_seal(key: &EncryptionKey, plaintext: &[u8]) -> Result<EncryptedValue, Error> {
    let mut out = EncryptedValue::from_slice(&[0u8; TAG_LEN])?;
    let total = TAG_LEN + plaintext.len();
    let buf = out
        .buf
        .get_mut(..total)
        .ok_or(Error::EncryptedValueLength)?;
    let (tag_out, ct) = buf.split_at_mut(TAG_LEN);
    ct.copy_from_slice(plaintext);
    let tag = secretbox::seal_in_place_detached(&key.0, &LEGACY_NONCE, ct);
    tag_out.copy_from_slice(&tag);
    out.len = total;
    Ok(out)
}

/// `crypto_secretbox_open_easy` with the all-zero nonce ([`crate::secretbox`]).
fn secretbox_open(key: &EncryptionKey, value: &[u8]) -> Result<Plaintext, Error> {
    let (tag, ct) = value
        .split_first_chunk::<TAG_LEN>()
        .ok_or(Error::EncryptedValueLength)?;
    let mut out = Plaintext::from_slice(ct)?;
    secretbox::open_in_place_detached(&key.0, &LEGACY_NONCE, out.as_mut_bytes(), tag)?;
    Ok(out)
}

/// The legacy scheme's nonce: 24 zero bytes.
const LEGACY_NONCE: [u8; NONCE_LEN] = [0; NONCE_LEN];

/// Legacy decryption of a 49-byte HF15 session value: argon2id key, then XSalsa20-Poly1305
/// secretbox with a zero nonce. About a second and 256 MiB.
///
/// # Errors
/// [`Error::NameNotLowercase`], [`Error::EncryptedValueLength`] (not 49 bytes),
/// [`Error::Argon2`], [`Error::DecryptAuth`].
pub fn decrypt_heavy(name: &str, value: &[u8]) -> Result<Plaintext, Error> {
    if value.len() != HEAVY_SESSION_LEN {
        return Err(Error::EncryptedValueLength);
    }
    secretbox_open(&name_to_encryption_key_argon2(name)?, value)
}

/// Legacy (HF15) encryption of a session value (`encrypt(name, hash, deprecated_heavy = true)`):
/// 49 bytes, no nonce. Only for compatibility tests: new records use [`encrypt`].
///
/// # Errors
/// [`Error::NameNotLowercase`], [`Error::Argon2`].
pub fn encrypt_heavy(name: &str, session_id: &crate::SessionId) -> Result<EncryptedValue, Error> {
    secretbox_seal(
        &name_to_encryption_key_argon2(name)?,
        &session_id.to_bytes(),
    )
}

/// Legacy secretbox encryption with a given (argon2) key: tag || ct with the zero nonce.
///
/// # Errors
/// [`Error::EncryptedValueLength`] if the plaintext is longer than 73 bytes.
pub fn encrypt_heavy_with_key(
    key: &EncryptionKey,
    plaintext: &[u8],
) -> Result<EncryptedValue, Error> {
    if plaintext.len() > MAX_PLAINTEXT_LEN {
        return Err(Error::EncryptedValueLength);
    }
    secretbox_seal(key, plaintext)
}

/// Legacy secretbox with a given key (for vectors that carry the argon2 key).
///
/// # Errors
/// As [`decrypt_heavy`] after key derivation.
pub fn decrypt_heavy_with_key(key: &EncryptionKey, value: &[u8]) -> Result<Plaintext, Error> {
    if value.len() != HEAVY_SESSION_LEN {
        return Err(Error::EncryptedValueLength);
    }
    secretbox_open(key, value)
}

impl EncryptionKey {
    /// Wraps raw key bytes (e.g. a key derived elsewhere).
    #[must_use]
    pub const fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SessionId;

    #[test]
    fn secretbox_round_trip_with_key() {
        let key = EncryptionKey::from_bytes([7; 32]);
        let sid = SessionId::from_x25519([9; 32]);
        let sealed = secretbox_seal(&key, &sid.to_bytes()).unwrap();
        assert_eq!(sealed.len(), HEAVY_SESSION_LEN);
        let p = decrypt_heavy_with_key(&key, sealed.as_bytes()).unwrap();
        assert_eq!(p.as_bytes(), sid.to_bytes());
        let mut bad = *sealed.as_bytes().first_chunk::<49>().unwrap();
        bad[20] ^= 1;
        assert_eq!(decrypt_heavy_with_key(&key, &bad), Err(Error::DecryptAuth));
    }

    #[test]
    fn detached_nonce_decryption() {
        let key = name_to_encryption_key("abc").unwrap();
        let stored = encrypt_with_nonce(&key, &[5; 33], &[1; 24]).unwrap();
        let (ct, nonce) = stored.as_bytes().split_at(49);
        let nonce: &[u8; 24] = nonce.try_into().unwrap();
        assert_eq!(
            &decrypt_with_key_and_nonce(&key, ct, nonce).unwrap()[..],
            &[5; 33]
        );
        // the tag alone: an empty plaintext
        let empty = encrypt_with_nonce(&key, &[], &[1; 24]).unwrap();
        let p = decrypt_with_key_and_nonce(&key, &empty.as_bytes()[..16], nonce).unwrap();
        assert!(p.is_empty());
        // no length policy: a plaintext longer than any stored value authenticates too
        let mut long = vec![9u8; 200];
        let tag = xchacha20poly1305(&key)
            .encrypt_inout_detached(&XNonce::from(*nonce), &[], long.as_mut_slice().into())
            .unwrap();
        long.extend_from_slice(&tag);
        assert_eq!(
            &decrypt_with_key_and_nonce(&key, &long, nonce).unwrap()[..],
            &[9; 200]
        );
        assert_eq!(
            decrypt_with_key_and_nonce(&key, &ct[..15], nonce).err(),
            Some(Error::EncryptedValueLength)
        );
        let mut bad = ct.to_vec();
        bad[0] ^= 1;
        assert_eq!(
            decrypt_with_key_and_nonce(&key, &bad, nonce).err(),
            Some(Error::DecryptAuth)
        );
        assert_eq!(
            decrypt_with_key_and_nonce(&key, ct, &[2; 24]).err(),
            Some(Error::DecryptAuth)
        );
    }

    #[test]
    fn decrypt_errors() {
        let key = name_to_encryption_key("abc").unwrap();
        let v = encrypt_with_nonce(&key, &[5; 33], &[1; 24]).unwrap();
        assert_eq!(
            decrypt_raw("abc", MappingType::Lokinet2Years, v.as_bytes()),
            Err(Error::DecryptType)
        );
        assert_eq!(
            decrypt_raw("abc", MappingType::Lokinet, v.as_bytes()),
            Err(Error::EncryptedValueLength)
        );
        assert_eq!(
            decrypt_raw("abd", MappingType::Session, v.as_bytes()),
            Err(Error::DecryptAuth)
        );
        assert_eq!(
            decrypt_raw("ABC", MappingType::Session, v.as_bytes()),
            Err(Error::NameNotLowercase)
        );
        assert_eq!(
            decrypt_raw("abc", MappingType::Wallet, &[0; 39]),
            Err(Error::EncryptedValueLength)
        );
        assert_eq!(
            EncryptedValue::new(MappingType::Session, &[0; 72]),
            Err(Error::EncryptedValueLength)
        );
        assert_eq!(
            decrypt_heavy("abc", &[0; 48]),
            Err(Error::EncryptedValueLength)
        );
        // Authenticates, but the plaintext is not a Session ID (no 05 prefix).
        let v = encrypt_with_nonce(&key, &[3; 33], &[1; 24]).unwrap();
        assert_eq!(
            decrypt("abc", MappingType::Session, v.as_bytes()),
            Err(Error::SessionIdPrefix)
        );
    }
}
