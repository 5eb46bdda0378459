//! Config message encryption (spec §9; libsession-util @ 8762e9d3 `src/config/encrypt.cpp`
//! `config::encrypt`, `config::decrypt`, `make_encrypt_key`, `pad_message`, and
//! `include/session/config/encrypt.hpp` `padded_size`): how a Session client encrypts its
//! config messages (profile, contacts, conversations, groups) before storing them on its swarm.
//!
//! For a message `M`, a 32-byte `key_base` and a `domain` of 1 to 24 bytes:
//!
//! ```text
//! key   = BLAKE2b-256(key_base ‖ be64(len(M)) ‖ domain)                          (unkeyed)
//! nonce = BLAKE2b-192(key = "libsessionutil-config-encrypted-" ‖ domain, M)
//! out   = XChaCha20-Poly1305-IETF(key, nonce, no AD, M) ‖ nonce                  (len(M) + 40)
//! ```
//!
//! * **Deterministic**: the same message under the same key base and domain always encrypts to
//!   the same bytes (so swarms can drop duplicates). The key hashes in the message length, so a
//!   nonce collision would also need equal lengths.
//! * `decrypt` takes the nonce from the last 24 bytes and the length from `len(C) − 40`;
//!   shorter than 40 bytes is refused first ([`Error::CiphertextTooShort`], vectors
//!   `decrypt_too_short_39`, `decrypt_empty`), then the domain is checked, then the tag
//!   ([`Error::DecryptionFailed`]). Nothing is checked against the plaintext: a 40-byte input
//!   decrypts to the empty message if its tag verifies (vector
//!   `decrypt_40_bytes_empty_plaintext_forged` is refused by its tag).
//! * [`padded_size`]`(s, overhead)`: with `t = s + overhead`, rounds `t` up to a multiple of
//!   256 bytes below 5120, 1024 below 20480, 2048 below 40960, 5120 above, and subtracts the
//!   overhead again; [`pad_message`] prepends that many zero bytes. Receivers strip leading
//!   zeros after decrypting (the serialised config never starts with one).
//!
//! User configs use the account's 32-byte Ed25519 seed as key base ([`KeyBase::from_seed`])
//! and the domains [`USER_PROFILE`], [`CONTACTS`], [`CONVO_INFO_VOLATILE`], [`USER_GROUPS`];
//! group configs [`GROUP_INFO`] and [`GROUP_MEMBERS`]. A config push is: serialise, optionally
//! zstd-compress with a leading `z` when smaller (not done here), [`pad_message`], [`encrypt`].
//!
//! Vectors: `config_encrypt.json` (every case).

use alloc::vec::Vec;

use chacha20poly1305::aead::inout::InOutBuf;
use chacha20poly1305::aead::{AeadInOut, KeyInit};
use chacha20poly1305::{Tag, XChaCha20Poly1305, XNonce};
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::error::{Error, Input};
use crate::hash::Blake2b;
use crate::keys::Seed;

/// Bytes [`encrypt`] adds: the Poly1305 tag and the nonce (upstream `ENCRYPT_DATA_OVERHEAD`).
pub const ENCRYPT_DATA_OVERHEAD: usize = TAG_LEN + NONCE_LEN;
/// Longest domain (upstream `DOMAIN_MAX_SIZE`); the shortest is 1 byte.
pub const DOMAIN_MAX_SIZE: usize = 24;
/// The nonce hash's key, followed by the domain (upstream `NONCE_KEY_PREFIX`).
pub const NONCE_KEY_PREFIX: &[u8] = b"libsessionutil-config-encrypted-";
/// Bytes of a key base.
pub const KEY_BASE_LEN: usize = 32;

/// Domain of the user profile config.
pub const USER_PROFILE: &[u8] = b"UserProfile";
/// Domain of the contacts config.
pub const CONTACTS: &[u8] = b"Contacts";
/// Domain of the volatile conversation info config.
pub const CONVO_INFO_VOLATILE: &[u8] = b"ConvoInfoVolatile";
/// Domain of the user groups config.
pub const USER_GROUPS: &[u8] = b"UserGroups";
/// Domain of a group's info config.
pub const GROUP_INFO: &[u8] = b"groups::Info";
/// Domain of a group's members config.
pub const GROUP_MEMBERS: &[u8] = b"groups::Members";

const TAG_LEN: usize = 16;
const NONCE_LEN: usize = 24;

/// The 32-byte secret every client that reads a config can compute (for user configs, the
/// account's Ed25519 seed). Secret: not `Copy`, zeroized on drop, printed as `KeyBase(..)`,
/// compared in constant time.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct KeyBase([u8; KEY_BASE_LEN]);

impl KeyBase {
    /// Wraps 32 secret bytes.
    #[must_use]
    pub const fn from_array(bytes: [u8; KEY_BASE_LEN]) -> KeyBase {
        KeyBase(bytes)
    }

    /// Exactly 32 bytes (upstream "encrypt called with key_base != 32 bytes").
    ///
    /// # Errors
    /// [`Error::InvalidLength`] for [`Input::SymmetricKey`] (vectors `encrypt_key_33`,
    /// `decrypt_key_31`).
    pub fn from_bytes(bytes: &[u8]) -> Result<KeyBase, Error> {
        bytes
            .try_into()
            .map(KeyBase)
            .map_err(|_| Error::InvalidLength {
                input: Input::SymmetricKey,
                len: bytes.len(),
            })
    }

    /// The key base of an account's own configs: its 32-byte Ed25519 seed.
    #[must_use]
    pub fn from_seed(seed: &Seed) -> KeyBase {
        KeyBase(*seed.expose_bytes())
    }

    /// The secret bytes.
    #[must_use]
    pub const fn expose_bytes(&self) -> &[u8; KEY_BASE_LEN] {
        &self.0
    }
}

impl core::fmt::Debug for KeyBase {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("KeyBase(..)")
    }
}

/// Constant-time equality.
impl PartialEq for KeyBase {
    fn eq(&self, other: &KeyBase) -> bool {
        self.0.ct_eq(&other.0).into()
    }
}
impl Eq for KeyBase {}

/// The domain rule, `1 ≤ len ≤ 24` (upstream "encrypt called with domain size not in [1, 24]").
fn check_domain(domain: &[u8]) -> Result<(), Error> {
    if (1..=DOMAIN_MAX_SIZE).contains(&domain.len()) {
        Ok(())
    } else {
        Err(Error::InvalidLength {
            input: Input::Domain,
            len: domain.len(),
        })
    }
}

/// `make_encrypt_key`: `BLAKE2b-256(key_base ‖ be64(len) ‖ domain)`, as a cipher (which keeps
/// and zeroizes its own copy of the key).
fn make_encrypt_key(
    key_base: &KeyBase,
    message_len: usize,
    domain: &[u8],
) -> Result<XChaCha20Poly1305, Error> {
    check_domain(domain)?;
    let len = u64::try_from(message_len).map_err(|_| Error::InvalidLength {
        input: Input::Message,
        len: message_len,
    })?;
    let mut h = Blake2b::new(32, &[])?;
    h.update(key_base.expose_bytes());
    h.update(&len.to_be_bytes());
    h.update(domain);
    let mut key = Zeroizing::new([0u8; 32]);
    h.finalize_into(key.as_mut_slice());
    Ok(XChaCha20Poly1305::new((&*key).into()))
}

/// `config::encrypt(message, key_base, domain)`: `ciphertext ‖ tag ‖ nonce`, deterministic.
///
/// ```
/// use oxen_session::config::{self, KeyBase};
/// use oxen_session::{Ed25519SecretKey, Seed};
///
/// let account = Ed25519SecretKey::from_seed(Seed::from_entropy(&[1; 16]));
/// let key = KeyBase::from_seed(account.seed());
/// let padded = config::pad_message(b"d1:#i1ee", config::ENCRYPT_DATA_OVERHEAD);
/// let sealed = config::encrypt(&padded, &key, config::USER_PROFILE)?;
/// assert_eq!(sealed.len(), 256); // one 256-byte chunk
/// let opened = config::decrypt(&sealed, &key, config::USER_PROFILE)?;
/// // the receiver strips the leading zeros of the padding
/// let start = opened.iter().position(|&b| b != 0).unwrap_or(opened.len());
/// assert_eq!(&opened[start..], b"d1:#i1ee");
/// # Ok::<(), oxen_session::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidLength`] for [`Input::Domain`] unless `1 ≤ len(domain) ≤ 24`, or for
/// [`Input::Message`] past XChaCha20-Poly1305's limit ([`crate::multi::MESSAGE_MAX`], just under 256 GiB).
pub fn encrypt(message: &[u8], key_base: &KeyBase, domain: &[u8]) -> Result<Vec<u8>, Error> {
    let cipher = make_encrypt_key(key_base, message.len(), domain)?;
    let mut nonce_key = [0u8; NONCE_KEY_PREFIX.len() + DOMAIN_MAX_SIZE];
    let nonce_key = nonce_key
        .get_mut(..NONCE_KEY_PREFIX.len() + domain.len())
        .unwrap_or_default();
    for (k, b) in nonce_key
        .iter_mut()
        .zip(NONCE_KEY_PREFIX.iter().chain(domain))
    {
        *k = *b;
    }
    let mut h = Blake2b::new(NONCE_LEN, nonce_key)?;
    h.update(message);
    let mut nonce = [0u8; NONCE_LEN];
    h.finalize_into(&mut nonce);

    crate::multi::check_message_len(message.len())?;
    let mut out = Vec::with_capacity(message.len().saturating_add(ENCRYPT_DATA_OVERHEAD));
    out.extend_from_slice(message);
    match cipher.encrypt_inout_detached(&XNonce::from(nonce), &[], out.as_mut_slice().into()) {
        Ok(tag) => {
            out.extend_from_slice(&tag);
            out.extend_from_slice(&nonce);
            Ok(out)
        }
        Err(_) => {
            // unreachable after the length check; never leave the plaintext behind
            out.zeroize();
            Err(Error::InvalidLength {
                input: Input::Message,
                len: message.len(),
            })
        }
    }
}

/// `config::decrypt(ciphertext, key_base, domain)`: the message, if the tag verifies.
///
/// # Errors
/// [`Error::CiphertextTooShort`] below 40 bytes; [`Error::InvalidLength`] for
/// [`Input::Domain`]; [`Error::DecryptionFailed`] if the tag does not verify (wrong key or
/// domain, any changed byte).
pub fn decrypt(
    ciphertext: &[u8],
    key_base: &KeyBase,
    domain: &[u8],
) -> Result<Zeroizing<Vec<u8>>, Error> {
    let too_short = Error::CiphertextTooShort {
        len: ciphertext.len(),
        min: ENCRYPT_DATA_OVERHEAD,
    };
    let (rest, nonce) = ciphertext
        .split_last_chunk::<NONCE_LEN>()
        .ok_or(too_short)?;
    let (body, tag) = rest.split_last_chunk::<TAG_LEN>().ok_or(too_short)?;
    let cipher = make_encrypt_key(key_base, body.len(), domain)?;
    let mut out = Zeroizing::new(alloc::vec![0u8; body.len()]);
    let buf = InOutBuf::new(body, out.as_mut_slice()).map_err(|_| Error::DecryptionFailed)?;
    cipher
        .decrypt_inout_detached(&XNonce::from(*nonce), &[], buf, &Tag::from(*tag))
        .map_err(|_| Error::DecryptionFailed)?;
    Ok(out)
}

/// `padded_size(s, overhead)`: the size to pad a message of `size` bytes to, so that with
/// `overhead` more bytes (40 for [`encrypt`]) it fills whole chunks (see the module docs).
/// Always at least `size`.
///
/// `None` when the result does not fit in a `usize` (upstream's `size_t` arithmetic wraps
/// around there instead: a divergence for sizes no message has).
///
/// ```
/// use oxen_session::config::padded_size;
/// assert_eq!(padded_size(1, 40), Some(216));
/// assert_eq!(padded_size(217, 40), Some(472));
/// assert_eq!(padded_size(usize::MAX, 40), None);
/// ```
#[must_use]
pub const fn padded_size(size: usize, overhead: usize) -> Option<usize> {
    let Some(total) = size.checked_add(overhead) else {
        return None;
    };
    let chunk = if total < 5120 {
        256
    } else if total < 20480 {
        1024
    } else if total < 40960 {
        2048
    } else {
        5120
    };
    let Some(rounded) = total.checked_next_multiple_of(chunk) else {
        return None;
    };
    // rounded ≥ total = size + overhead ≥ overhead
    Some(rounded - overhead)
}

/// `pad_message(data, overhead)`: `data` with zero bytes prepended up to
/// [`padded_size`]`(len, overhead)` (unchanged when that is `None`). A new buffer of the final
/// size, zeroized on drop (it holds the plaintext).
#[must_use]
pub fn pad_message(data: &[u8], overhead: usize) -> Zeroizing<Vec<u8>> {
    let target = padded_size(data.len(), overhead).unwrap_or(data.len());
    let mut out = Zeroizing::new(Vec::with_capacity(target));
    out.resize(target.saturating_sub(data.len()), 0);
    out.extend_from_slice(data);
    out
}
