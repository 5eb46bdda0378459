//! One-to-one messages, the receiving side (spec §5): `decrypt_incoming` with an Ed25519 key or
//! an X25519 key pair, and `decrypt_incoming_session_id` (libsession-util @ 8762e9d3,
//! `src/session_encrypt.cpp`). The sending side is [`crate::one_to_one`].
//!
//! The verdict is the reference's checks, in its order, each a named step of
//! [`decrypt_incoming`]:
//!
//! 1. **length**: the ciphertext has at least `48 + 32 + 64 = 144` bytes
//!    ([`Error::CiphertextTooShort`], "ciphertext is too small");
//! 2. **open the sealed box** with the recipient's pair `(y, Y)` ([`crate::sealed_box::seal_open`]):
//!    an ephemeral `E` of small order gives the all-zero shared secret
//!    ([`Error::ZeroSharedSecret`]), a wrong key or any changed byte fails the tag
//!    ([`Error::DecryptionFailed`]); upstream reports both as "Decryption failed";
//! 3. **split** the plaintext into `M ‖ A ‖ SIG` (the last 96 bytes are `A ‖ SIG`);
//! 4. **verify** `SIG` over `M ‖ A ‖ Y` with `A`, libsodium 1.0.18's rules
//!    ([`Error::InvalidSignature`] with the rule; "Signature verification failed"). `Y` is the
//!    recipient's own key, so a message signed for somebody else fails here;
//! 5. return `M` and the sender's `A`.
//!
//! [`decrypt_incoming_session_id`] then converts `A` to the sender's Session ID with
//! libsodium's `crypto_sign_ed25519_pk_to_curve25519` rule, which is stricter than step 4 (a key
//! with a torsion component can sign, but has no Session ID): [`Error::InvalidPoint`] for
//! [`crate::Input::Ed25519PublicKey`] ("Sender ed25519 pubkey to x25519 pubkey conversion failed").
//!
//! With an Ed25519 key the recipient's pair is `y = edsk_to_x(a)` and `Y = ed_to_x(A)`, computed
//! from the key's stored point with one field inversion (libsodium recomputes `Y = y·B`). Callers
//! that open many messages can derive the pair once ([`Ed25519SecretKey::x25519_key_pair`]) and
//! pass it instead.
//!
//! Vectors: `decrypt_incoming.json` (both key kinds, every refusal).

use alloc::borrow::Cow;
use alloc::vec::Vec;

use oxen_keys::{Ed25519PublicKey, X25519KeyPair};
use zeroize::Zeroizing;

use crate::ed25519::{Signature, verify_parts};
use crate::error::Error;
use crate::id::SessionId;
use crate::keys::Ed25519SecretKey;
use crate::one_to_one::{ENCRYPTED_OVERHEAD, SIGNED_OVERHEAD};
use crate::sealed_box::seal_open;

/// A key that opens one-to-one messages: an account's [`Ed25519SecretKey`] or an
/// [`X25519KeyPair`] (libsession's two `decrypt_incoming` overloads).
pub trait IncomingKey {
    /// The X25519 pair `(y, Y)` that opens the sealed box; `Y` is also the key the sender
    /// signed for.
    fn incoming_key_pair(&self) -> Cow<'_, X25519KeyPair>;
}

impl IncomingKey for X25519KeyPair {
    fn incoming_key_pair(&self) -> Cow<'_, X25519KeyPair> {
        Cow::Borrowed(self)
    }
}

impl IncomingKey for Ed25519SecretKey {
    fn incoming_key_pair(&self) -> Cow<'_, X25519KeyPair> {
        Cow::Owned(self.x25519_key_pair())
    }
}

/// Step 1: at least `E ‖ tag ‖ A ‖ SIG`.
fn check_length(ciphertext: &[u8]) -> Result<(), Error> {
    if ciphertext.len() < ENCRYPTED_OVERHEAD {
        return Err(Error::CiphertextTooShort {
            len: ciphertext.len(),
            min: ENCRYPTED_OVERHEAD,
        });
    }
    Ok(())
}

/// Step 3: the length of `M`, the sender key `A` and the signature.
fn split(signed: &[u8]) -> Result<(usize, Ed25519PublicKey, Signature), Error> {
    let too_short = Error::CiphertextTooShort {
        len: signed.len(),
        min: SIGNED_OVERHEAD,
    };
    let m_len = signed.len().checked_sub(SIGNED_OVERHEAD).ok_or(too_short)?;
    let (a, sig) = signed
        .get(m_len..)
        .and_then(|tail| tail.split_first_chunk::<32>())
        .ok_or(too_short)?;
    Ok((m_len, Ed25519PublicKey(*a), Signature::from_bytes(sig)?))
}

/// `decrypt_incoming(key, ciphertext)`: opens a one-to-one message and checks its signature;
/// returns the message and the sender's Ed25519 key. `recipient` is the account's
/// [`Ed25519SecretKey`] (libsession's 32/64-byte `ed25519_privkey`) or its [`X25519KeyPair`].
///
/// ```
/// use oxen_session::incoming::decrypt_incoming;
/// use oxen_session::one_to_one::encrypt_for_recipient_deterministic;
/// use oxen_session::{Ed25519SecretKey, Error, Seed};
///
/// let alice = Ed25519SecretKey::from_seed(Seed::from_array([1; 32]));
/// let bob = Ed25519SecretKey::from_seed(Seed::from_array([2; 32]));
/// let ct = encrypt_for_recipient_deterministic(&alice, &bob.session_id(), b"hi")?;
/// // with the Ed25519 key, or with the X25519 pair derived once
/// let (m, sender) = decrypt_incoming(&bob, &ct)?;
/// assert_eq!((&m[..], &sender), (&b"hi"[..], alice.public_key()));
/// let pair = bob.x25519_key_pair();
/// assert_eq!(&decrypt_incoming(&pair, &ct)?.0[..], b"hi");
/// // anybody else fails at the sealed box
/// assert_eq!(decrypt_incoming(&alice, &ct).err(), Some(Error::DecryptionFailed));
/// # Ok::<(), Error>(())
/// ```
///
/// # Errors
/// The first failed step of the module documentation: [`Error::CiphertextTooShort`],
/// [`Error::ZeroSharedSecret`], [`Error::DecryptionFailed`], [`Error::InvalidSignature`].
pub fn decrypt_incoming<K: IncomingKey + ?Sized>(
    recipient: &K,
    ciphertext: &[u8],
) -> Result<(Zeroizing<Vec<u8>>, Ed25519PublicKey), Error> {
    check_length(ciphertext)?;
    let pair = recipient.incoming_key_pair();
    let mut signed = seal_open(&pair, ciphertext)?;
    let (m_len, sender, sig) = split(&signed)?;
    let m = signed.get(..m_len).unwrap_or_default();
    verify_parts(
        &sig,
        &sender,
        &[m, sender.as_bytes(), pair.public.as_bytes()],
    )?;
    signed.truncate(m_len);
    Ok((signed, sender))
}

/// `decrypt_incoming_session_id(key, ciphertext)`: [`decrypt_incoming`], then the sender's
/// Session ID `05 ‖ ed_to_x(A)`.
///
/// # Errors
/// As [`decrypt_incoming`], then [`Error::InvalidPoint`] for [`crate::Input::Ed25519PublicKey`] if
/// the sender's key has no X25519 form (small order, or a torsion component: such a key can
/// still sign).
pub fn decrypt_incoming_session_id<K: IncomingKey + ?Sized>(
    recipient: &K,
    ciphertext: &[u8],
) -> Result<(Zeroizing<Vec<u8>>, SessionId), Error> {
    let (m, sender) = decrypt_incoming(recipient, ciphertext)?;
    Ok((m, SessionId::from_ed25519(&sender)?))
}
