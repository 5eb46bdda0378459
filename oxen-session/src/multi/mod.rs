//! Multi-recipient encryption (spec §8; libsession-util @ 8762e9d3
//! `include/session/multi_encrypt.hpp` `encrypt_for_multiple`, `decrypt_for_multiple`,
//! `src/multi_encrypt.cpp` `detail::encrypt_multi_key`, `encrypt_multi_impl`,
//! `decrypt_multi_impl`): one message (or one per recipient) encrypted separately to each of
//! many X25519 keys under a single nonce, as Session groups send their keys to members. The
//! bencoded `_simple` form is [`simple`].
//!
//! For a sender `x`/`X` and a recipient `y`/`Y` (X25519 keys), and a `domain` string:
//!
//! ```text
//! k = BLAKE2b-256(key = domain[..min(len, 64)], X25519(x, Y) ‖ X ‖ Y)      (sender)
//!   = BLAKE2b-256(key = domain[..min(len, 64)], X25519(y, X) ‖ X ‖ Y)      (recipient)
//! c = XChaCha20-Poly1305-IETF(k, nonce[..24], no AD, m)                     (len(m) + 16 bytes)
//! ```
//!
//! * **Sender key first** in the hash on both sides, so both compute the same `k`. The keys
//!   hashed are those the caller passes (`X` as given, not recomputed from `x`), as upstream.
//! * **One nonce for all recipients**: safe because every recipient's key differs. A nonce
//!   longer than 24 bytes is accepted and only its first 24 bytes are used (vector
//!   `nonce_long_uses_first_24`); a shorter one is refused.
//! * **Domain truncated to 64 bytes** (BLAKE2b's longest key), as upstream: two domains equal
//!   in their first 64 bytes give the same keys (vector `decrypt_wrong_domain_3`: a 71-byte
//!   domain opens what its 70-byte prefix sealed). An empty domain is an unkeyed hash.
//! * **The all-zero X25519 result is refused on both sides** ([`Error::ZeroSharedSecret`],
//!   upstream "Unable to compute shared encrypted key: invalid pubkey?"): when encrypting, for
//!   any recipient of small order (vectors `err_recipient_*`); when decrypting, for a sender of
//!   small order (vectors `decrypt_zero_sender_*`, `decrypt_small_order_sender_*`, whose
//!   ciphertexts were crafted under the all-zero key, so only this check refuses them).
//! * **Decryption tries every ciphertext** with the one key and returns the first that opens;
//!   none is "no result" (`Ok(None)`), not an error. Ciphertexts shorter than 16 bytes (the
//!   padding junk of [`simple`] can be) are skipped.
//! * `messages` holds one message (sent to every recipient) or one per recipient
//!   ([`Error::MessageCountMismatch`] otherwise); no recipients give no ciphertexts.
//!
//! Upstream hands each ciphertext to a callback as it is made, so when a later recipient is
//! refused the earlier ciphertexts have already been delivered before the exception. Here a
//! refusal returns no ciphertext at all; [`encrypt_for_multiple_ignore_invalid`] is upstream's
//! `ignore_invalid_recipient = true` (used by group key messages), which leaves such recipients
//! out.
//!
//! **Speed.** The n Diffie-Hellmans are computed in Edwards form: the n recipient keys are
//! lifted with one batched inversion (and a square root each), and the n products mapped back
//! to X25519 with another (`dh.rs`); the domain-keyed BLAKE2b state is set up once and cloned
//! per recipient; all ciphertexts go into one buffer allocated once ([`Ciphertexts`]), and
//! each is encrypted in place. So the cost per recipient is the floor: one square root, one
//! variable-base scalar multiplication, one BLAKE2b, one XChaCha20-Poly1305.
//!
//! Vectors: `multi_encrypt.json` (`encrypt_*`, `decrypt_*`, `err_*`, `zero_recipients`).

use alloc::vec::Vec;
use core::fmt;

use chacha20poly1305::aead::inout::InOutBuf;
use chacha20poly1305::aead::{AeadInOut, KeyInit};
use chacha20poly1305::{Tag, XChaCha20Poly1305, XNonce};
use oxen_keys::{X25519KeyPair, X25519PublicKey};
use subtle::{Choice, ConstantTimeEq};
use zeroize::{Zeroize, Zeroizing};

use crate::error::{Error, Input};
use crate::hash::Blake2b;
use crate::keys::diffie_hellman;

mod bencode;
mod dh;
pub mod simple;

pub use simple::{
    decrypt_for_multiple_simple, decrypt_for_multiple_simple_ed25519,
    decrypt_for_multiple_simple_ed25519_sk, encrypt_for_multiple_simple,
    encrypt_for_multiple_simple_ed25519, encrypt_for_multiple_simple_ed25519_with,
    encrypt_for_multiple_simple_with, junk_len,
};

/// Bytes of the XChaCha20 nonce (`crypto_aead_xchacha20poly1305_ietf_NPUBBYTES`).
pub const NONCE_LEN: usize = 24;
/// Bytes each ciphertext adds to its message, the Poly1305 tag (upstream
/// `encrypt_multiple_message_overhead`).
pub const MESSAGE_OVERHEAD: usize = 16;
/// Bytes of the domain used as the BLAKE2b key; the rest is ignored
/// (`crypto_generichash_blake2b_KEYBYTES_MAX`).
pub const DOMAIN_KEY_MAX: usize = 64;
/// Longest message encrypted here: the RustCrypto XChaCha20-Poly1305 refuses 2^38 − 64 bytes
/// and more (its 32-bit block counter), so this is just under 256 GiB.
pub const MESSAGE_MAX: u64 = 64 * (u32::MAX as u64) - 1;

/// XChaCha20-Poly1305's length limit ([`MESSAGE_MAX`]), checked before a message is copied.
/// Only a machine with more than 256 GiB of memory can hold a message it refuses.
pub(crate) fn check_message_len(len: usize) -> Result<(), Error> {
    if u64::try_from(len).map_or(true, |n| n > MESSAGE_MAX) {
        return Err(Error::InvalidLength {
            input: Input::Message,
            len,
        });
    }
    Ok(())
}

/// The first 24 bytes of a nonce of at least 24 (upstream `validate_multi_fields`).
fn nonce24(nonce: &[u8]) -> Result<XNonce, Error> {
    nonce
        .first_chunk::<NONCE_LEN>()
        .map(|n| XNonce::from(*n))
        .ok_or(Error::InvalidLength {
            input: Input::Nonce,
            len: nonce.len(),
        })
}

/// `detail::encrypt_multi_key`: the domain-keyed BLAKE2b-256, keyed once per call and cloned
/// for each key it derives.
struct KeyDerivation(Blake2b);

impl KeyDerivation {
    fn new(domain: &[u8]) -> Result<KeyDerivation, Error> {
        let key = domain.get(..DOMAIN_KEY_MAX).unwrap_or(domain);
        Blake2b::new(32, key).map(KeyDerivation)
    }

    /// `k = BLAKE2b-256(key = domain, S ‖ sender ‖ recipient)`.
    fn key(
        &self,
        shared: &[u8; 32],
        sender: &X25519PublicKey,
        recipient: &X25519PublicKey,
    ) -> XChaCha20Poly1305 {
        let mut h = self.0.clone();
        h.update(shared);
        h.update(sender.as_bytes());
        h.update(recipient.as_bytes());
        let mut k = Zeroizing::new([0u8; 32]);
        h.finalize_into(k.as_mut_slice());
        // the cipher keeps its own copy of the key and zeroizes it on drop
        XChaCha20Poly1305::new((&*k).into())
    }
}

/// The ciphertexts of one [`encrypt_for_multiple`] call, in recipient order, kept in one
/// buffer (no allocation per recipient). Public data.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Ciphertexts {
    data: Vec<u8>,
    ends: Vec<usize>,
}

impl Ciphertexts {
    /// How many ciphertexts.
    #[must_use]
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True if there are none (no recipients).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The `i`-th ciphertext.
    #[must_use]
    pub fn get(&self, i: usize) -> Option<&[u8]> {
        let start = match i.checked_sub(1) {
            None => 0,
            Some(j) => *self.ends.get(j)?,
        };
        self.data.get(start..*self.ends.get(i)?)
    }

    /// The ciphertexts in order (pass this to [`decrypt_for_multiple`]).
    #[must_use]
    pub fn iter(&self) -> CiphertextIter<'_> {
        CiphertextIter {
            data: &self.data,
            ends: self.ends.iter(),
            start: 0,
        }
    }

    /// Each ciphertext in its own vector.
    #[must_use]
    pub fn to_vecs(&self) -> Vec<Vec<u8>> {
        self.iter().map(<[u8]>::to_vec).collect()
    }

    /// Appends `message` encrypted under `cipher`, in place in the buffer.
    fn push(
        &mut self,
        cipher: &XChaCha20Poly1305,
        nonce: &XNonce,
        message: &[u8],
    ) -> Result<(), Error> {
        check_message_len(message.len())?;
        let start = self.data.len();
        self.data.extend_from_slice(message);
        let body = self.data.get_mut(start..).unwrap_or_default();
        match cipher.encrypt_inout_detached(nonce, &[], body.into()) {
            Ok(tag) => {
                self.data.extend_from_slice(&tag);
                self.ends.push(self.data.len());
                Ok(())
            }
            Err(_) => {
                // unreachable after the length check; never leave the plaintext behind
                if let Some(copy) = self.data.get_mut(start..) {
                    copy.zeroize();
                }
                self.data.truncate(start);
                Err(Error::InvalidLength {
                    input: Input::Message,
                    len: message.len(),
                })
            }
        }
    }
}

impl fmt::Debug for Ciphertexts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ciphertexts")
            .field("count", &self.len())
            .field("bytes", &self.data.len())
            .finish()
    }
}

impl<'a> IntoIterator for &'a Ciphertexts {
    type Item = &'a [u8];
    type IntoIter = CiphertextIter<'a>;
    fn into_iter(self) -> CiphertextIter<'a> {
        self.iter()
    }
}

/// Iterator over the ciphertexts of a [`Ciphertexts`].
#[derive(Clone, Debug)]
pub struct CiphertextIter<'a> {
    data: &'a [u8],
    ends: core::slice::Iter<'a, usize>,
    start: usize,
}

impl<'a> Iterator for CiphertextIter<'a> {
    type Item = &'a [u8];
    fn next(&mut self) -> Option<&'a [u8]> {
        let end = *self.ends.next()?;
        let ct = self.data.get(self.start..end)?;
        self.start = end;
        Some(ct)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.ends.size_hint()
    }
}

impl ExactSizeIterator for CiphertextIter<'_> {}

/// `encrypt_for_multiple(messages, recipients, nonce, x, X, domain)`: encrypts for each
/// recipient, in order, the single message (if `messages` has one) or the recipient's own
/// message. See the module docs for the construction.
///
/// ```
/// use oxen_session::multi::{decrypt_for_multiple, encrypt_for_multiple};
/// use oxen_session::X25519KeyPair;
/// use rand::SeedableRng;
///
/// let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(1);
/// let admin = X25519KeyPair::generate(&mut rng);
/// let members: Vec<X25519KeyPair> = (0..3).map(|_| X25519KeyPair::generate(&mut rng)).collect();
/// let publics: Vec<_> = members.iter().map(|m| m.public).collect();
/// let nonce = [7u8; 24];
///
/// let cts = encrypt_for_multiple(&[b"group key"], &publics, &nonce, &admin, b"keys")?;
/// assert_eq!(cts.len(), 3);
/// for m in &members {
///     let got = decrypt_for_multiple(&cts, &nonce, m, &admin.public, b"keys")?;
///     assert_eq!(got.as_deref().map(|p| &p[..]), Some(&b"group key"[..]));
/// }
/// // someone else finds nothing: no result, not an error
/// let outsider = X25519KeyPair::generate(&mut rng);
/// assert_eq!(decrypt_for_multiple(&cts, &nonce, &outsider, &admin.public, b"keys")?, None);
/// # Ok::<(), oxen_session::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidLength`] for [`Input::Nonce`] if the nonce is shorter than 24 bytes, or for
/// [`Input::Message`] over [`MESSAGE_MAX`]; [`Error::MessageCountMismatch`];
/// [`Error::ZeroSharedSecret`] if any recipient key is of small order (then nothing is
/// returned). Recipient and secret key lengths are checked where they are parsed
/// ([`crate::keys::parse_x25519_public_key`], [`crate::keys::parse_x25519_secret_key`]).
pub fn encrypt_for_multiple<M: AsRef<[u8]>>(
    messages: &[M],
    recipients: &[X25519PublicKey],
    nonce: &[u8],
    sender: &X25519KeyPair,
    domain: &[u8],
) -> Result<Ciphertexts, Error> {
    encrypt(messages, recipients, nonce, sender, domain, false)
}

/// [`encrypt_for_multiple`] with upstream's `ignore_invalid_recipient = true`: a recipient of
/// small order (all-zero shared secret) is left out instead of failing the call, so the result
/// may hold fewer ciphertexts than there are recipients.
///
/// # Errors
/// As [`encrypt_for_multiple`], except [`Error::ZeroSharedSecret`].
pub fn encrypt_for_multiple_ignore_invalid<M: AsRef<[u8]>>(
    messages: &[M],
    recipients: &[X25519PublicKey],
    nonce: &[u8],
    sender: &X25519KeyPair,
    domain: &[u8],
) -> Result<Ciphertexts, Error> {
    encrypt(messages, recipients, nonce, sender, domain, true)
}

fn encrypt<M: AsRef<[u8]>>(
    messages: &[M],
    recipients: &[X25519PublicKey],
    nonce: &[u8],
    sender: &X25519KeyPair,
    domain: &[u8],
    skip_invalid: bool,
) -> Result<Ciphertexts, Error> {
    let nonce = nonce24(nonce)?;
    if messages.len() != 1 && messages.len() != recipients.len() {
        return Err(Error::MessageCountMismatch {
            messages: messages.len(),
            recipients: recipients.len(),
        });
    }
    let message = |i: usize| {
        let m = if messages.len() == 1 {
            messages.first()
        } else {
            messages.get(i)
        };
        m.map_or(&[][..], AsRef::as_ref)
    };
    let derive = KeyDerivation::new(domain)?;
    let shared = dh::shared_secrets(&sender.secret, recipients);
    // libsodium's check, over all results at once (constant time in their values)
    let zero = |s: &[u8; 32]| s.ct_eq(&[0u8; 32]);
    if !skip_invalid {
        let any_zero = shared
            .iter()
            .fold(Choice::from(0), |acc, s| acc | zero(s.as_bytes()));
        if bool::from(any_zero) {
            return Err(Error::ZeroSharedSecret);
        }
    }

    let total = (0..recipients.len()).fold(0usize, |acc, i| {
        acc.saturating_add(message(i).len().saturating_add(MESSAGE_OVERHEAD))
    });
    let mut out = Ciphertexts::default();
    // Reserving can only fail for absurd totals, which then fail as any allocation does.
    let _ = out.data.try_reserve_exact(total);
    let _ = out.ends.try_reserve_exact(recipients.len());
    for (i, (y, s)) in recipients.iter().zip(shared.iter()).enumerate() {
        // public: whether this recipient's key is of small order
        if skip_invalid && bool::from(zero(s.as_bytes())) {
            continue;
        }
        let cipher = derive.key(s.as_bytes(), &sender.public, y);
        out.push(&cipher, &nonce, message(i))?;
    }
    Ok(out)
}

/// `decrypt_for_multiple(ciphertexts, nonce, y, Y, X, domain)`: the recipient `y`/`Y` derives
/// its key with the sender `X` and tries each ciphertext in turn; the first that opens is the
/// message. Ciphertexts shorter than 16 bytes are skipped.
///
/// Returns `Ok(None)` ("no result") when none opens: the message was not for this key (or not
/// from this sender, or for another domain).
///
/// # Errors
/// [`Error::InvalidLength`] for [`Input::Nonce`] if the nonce is shorter than 24 bytes;
/// [`Error::ZeroSharedSecret`] if the sender key is of small order.
pub fn decrypt_for_multiple<I>(
    ciphertexts: I,
    nonce: &[u8],
    recipient: &X25519KeyPair,
    sender: &X25519PublicKey,
    domain: &[u8],
) -> Result<Option<Zeroizing<Vec<u8>>>, Error>
where
    I: IntoIterator,
    I::Item: AsRef<[u8]>,
{
    let nonce = nonce24(nonce)?;
    let derive = KeyDerivation::new(domain)?;
    let shared = diffie_hellman(&recipient.secret, sender)?;
    let cipher = derive.key(shared.expose_bytes(), sender, &recipient.public);
    // One output buffer for every attempt: a failed attempt writes nothing (the tag is checked
    // before decrypting), so the buffer holds plaintext only when it is returned.
    let mut out = Zeroizing::new(Vec::new());
    for ct in ciphertexts {
        let ct = ct.as_ref();
        let Some(split) = ct.split_last_chunk::<MESSAGE_OVERHEAD>() else {
            continue;
        };
        let (body, tag) = split;
        out.clear();
        out.resize(body.len(), 0);
        let Ok(buf) = InOutBuf::new(body, out.as_mut_slice()) else {
            continue;
        };
        if cipher
            .decrypt_inout_detached(&nonce, &[], buf, &Tag::from(*tag))
            .is_ok()
        {
            return Ok(Some(out));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_length_limit() {
        assert_eq!(check_message_len(0), Ok(()));
        assert_eq!(check_message_len(1 << 20), Ok(()));
        #[cfg(target_pointer_width = "64")]
        {
            let max = usize::try_from(MESSAGE_MAX).unwrap();
            assert_eq!(check_message_len(max), Ok(()));
            assert_eq!(
                check_message_len(max + 1),
                Err(Error::InvalidLength {
                    input: Input::Message,
                    len: max + 1
                })
            );
        }
    }

    #[test]
    fn ciphertexts_accessors() {
        let sender = X25519KeyPair::from_secret(oxen_keys::X25519SecretKey::from_bytes([1; 32]));
        let rs: Vec<X25519PublicKey> = (2..5u8)
            .map(|b| oxen_keys::X25519SecretKey::from_bytes([b; 32]).public_key())
            .collect();
        let msgs: [&[u8]; 3] = [b"", b"a", b"bc"];
        let cts = encrypt_for_multiple(&msgs, &rs, &[0; 24], &sender, b"").unwrap();
        assert_eq!(cts.len(), 3);
        assert!(!cts.is_empty());
        assert_eq!(cts.iter().len(), 3);
        let lens: Vec<usize> = cts.iter().map(<[u8]>::len).collect();
        assert_eq!(lens, [16, 17, 18]);
        assert_eq!(cts.get(1).map(<[u8]>::len), Some(17));
        assert_eq!(cts.get(3), None);
        assert_eq!(cts.to_vecs().len(), 3);
        assert_eq!(format!("{cts:?}"), "Ciphertexts { count: 3, bytes: 51 }");
        assert!(Ciphertexts::default().is_empty());
    }
}
