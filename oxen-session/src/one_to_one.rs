//! One-to-one messages, the sending side (spec §5): `sign_for_recipient`,
//! `encrypt_for_recipient` (random ephemeral key) and `encrypt_for_recipient_deterministic`
//! (libsession-util @ 8762e9d3, `src/session_encrypt.cpp`). Opening them is
//! [`crate::incoming`].
//!
//! Sender Ed25519 key `a / A`, recipient X25519 key `Y` (an account's Session ID without its
//! `05`), message `M`:
//!
//! ```text
//! SIG    = Ed25519-sign_a(M ‖ A ‖ Y)                                  sign_for_recipient
//! signed = M ‖ A ‖ SIG                                               len M + 96
//! out    = crypto_box_seal(signed, Y) = E ‖ tag ‖ c                  len M + 144
//! ```
//!
//! Signing `Y` binds the message to its recipient: a recipient cannot re-seal it to a third
//! party as if it had been sent to them (`decrypt_incoming.json` `signed_for_other_recipient`).
//!
//! The random form draws the ephemeral `e` as `crypto_box_keypair` does (32 bytes); the
//! deterministic form derives it from the sender's seed, the recipient and the message:
//!
//! ```text
//! seed = BLAKE2b-256(key = "SessionBoxEphemeralHashKey", seed(a) ‖ Y ‖ M)
//! e    = SHA-512(seed)[0..32]                                        crypto_box_seed_keypair
//! ```
//!
//! then seals exactly as the random form (the reference calls `crypto_box_easy` with the seal
//! nonce and prepends `E`: the same bytes). So the same message to the same recipient always
//! gives the same ciphertext, which reveals repeats to an observer; the reference uses it where
//! that is wanted (e.g. re-sending).
//!
//! The recipient is an [`X25519PublicKey`], a [`SessionId`] or a [`LiftedPublicKey`] (anything
//! [`Recipient`]); the reference's "32 bytes, or 33 with a `05` prefix" rule is
//! [`SessionId::from_bytes`]'s. The curve work is the sealed box's ([`crate::sealed_box`]): one
//! fixed-base multiplication for the signature's `R` and one for `E`, one variable-base
//! multiplication for the DH, the lift of `Y` (skipped for a [`LiftedPublicKey`]), and two
//! inversions (`R`'s encoding; `E` and the DH together). A
//! recipient key that is zero or of small order gives the all-zero shared secret and is refused
//! ([`Error::ZeroSharedSecret`], upstream "Sealed box encryption failed" / "Crypto box
//! encryption failed"). Vectors: `sign_for_recipient.json`, `encrypt_for_recipient.json`.

use alloc::borrow::Cow;
use alloc::vec::Vec;

use oxen_keys::{LiftedPublicKey, X25519PublicKey, X25519SecretKey};
use rand_core::CryptoRng;
use sha2::{Digest, Sha512};
use zeroize::{Zeroize, Zeroizing};

use crate::ed25519::{SIGNATURE_LEN, sign_parts};
use crate::error::Error;
use crate::hash::blake2b;
use crate::id::SessionId;
use crate::keys::Ed25519SecretKey;
use crate::sealed_box::{SEAL_BYTES, seal_in_place};

/// Bytes [`sign_for_recipient`] adds to a message: `A ‖ SIG`.
pub const SIGNED_OVERHEAD: usize = 32 + SIGNATURE_LEN;
/// Bytes [`encrypt_for_recipient`] adds to a message: `E ‖ tag ‖ A ‖ SIG`. Also the shortest
/// ciphertext [`crate::incoming::decrypt_incoming`] accepts.
pub const ENCRYPTED_OVERHEAD: usize = SEAL_BYTES + SIGNED_OVERHEAD;
/// The BLAKE2b key of the deterministic ephemeral seed (libsession `BOX_HASHKEY`).
pub const BOX_HASH_KEY: &[u8] = b"SessionBoxEphemeralHashKey";

/// What a one-to-one message can be addressed to: its X25519 key, given as an
/// [`X25519PublicKey`], a [`SessionId`], or a [`LiftedPublicKey`] (the key with its Edwards lift
/// computed once: an inversion and a square root, about an eighth of the curve work of an
/// encryption, saved on every further message to the same recipient).
///
/// ```
/// use oxen_session::one_to_one::Recipient;
/// use oxen_session::{SessionId, X25519PublicKey};
///
/// let sid: SessionId = "05e08f5d73f18aeacf05a1b07a9499a7b5f4354ff50682f1bd71b288f65c6e7d09".parse()?;
/// assert_eq!(sid.recipient_x25519(), sid.x25519().recipient_x25519());
/// # Ok::<(), oxen_session::Error>(())
/// ```
pub trait Recipient {
    /// The recipient's X25519 public key `Y`.
    fn recipient_x25519(&self) -> &X25519PublicKey;

    /// `Y` with its Edwards lift (computed here unless the recipient carries it).
    fn recipient_lifted(&self) -> Cow<'_, LiftedPublicKey> {
        Cow::Owned(LiftedPublicKey::new(*self.recipient_x25519()))
    }
}

impl Recipient for LiftedPublicKey {
    fn recipient_x25519(&self) -> &X25519PublicKey {
        self.key()
    }

    fn recipient_lifted(&self) -> Cow<'_, LiftedPublicKey> {
        Cow::Borrowed(self)
    }
}

impl Recipient for X25519PublicKey {
    fn recipient_x25519(&self) -> &X25519PublicKey {
        self
    }
}

impl Recipient for SessionId {
    fn recipient_x25519(&self) -> &X25519PublicKey {
        self.x25519()
    }
}

/// Appends `M ‖ A ‖ SIG` with `SIG = Ed25519-sign(M ‖ A ‖ Y)` to `out`.
fn append_signed(out: &mut Vec<u8>, sender: &Ed25519SecretKey, y: &X25519PublicKey, m: &[u8]) {
    let a = sender.public_key().as_bytes();
    let sig = sign_parts(sender, &[m, a, y.as_bytes()]);
    out.extend_from_slice(m);
    out.extend_from_slice(a);
    out.extend_from_slice(sig.as_bytes());
}

/// `sign_for_recipient(ed25519_privkey, recipient_pubkey, message)`: `M ‖ A ‖ SIG` where `SIG`
/// signs `M ‖ A ‖ Y` (the signed, not yet encrypted, form of a one-to-one message).
///
/// ```
/// use oxen_session::one_to_one::sign_for_recipient;
/// use oxen_session::{ed25519, Ed25519SecretKey, Seed, Signature};
///
/// let alice = Ed25519SecretKey::from_seed(Seed::from_array([1; 32]));
/// let bob = Ed25519SecretKey::from_seed(Seed::from_array([2; 32])).session_id();
/// let signed = sign_for_recipient(&alice, &bob, b"hi");
/// assert_eq!(signed.len(), 2 + 96);
/// let sig = Signature::from_bytes(&signed[34..])?;
/// let mut covered = signed[..34].to_vec();
/// covered.extend_from_slice(bob.x25519().as_bytes());
/// ed25519::verify(&sig, alice.public_key(), &covered)?;
/// # Ok::<(), oxen_session::Error>(())
/// ```
#[must_use]
pub fn sign_for_recipient<T: Recipient + ?Sized>(
    sender: &Ed25519SecretKey,
    recipient: &T,
    message: &[u8],
) -> Vec<u8> {
    let mut out = Vec::with_capacity(message.len() + SIGNED_OVERHEAD);
    append_signed(&mut out, sender, recipient.recipient_x25519(), message);
    out
}

/// `encrypt_for_recipient(ed25519_privkey, recipient_pubkey, message)`: signs for the
/// recipient, then seals to them with a fresh ephemeral key from `rng`. `E ‖ tag ‖ c`, 144
/// bytes longer than the message.
///
/// ```
/// use oxen_session::incoming::decrypt_incoming;
/// use oxen_session::one_to_one::encrypt_for_recipient;
/// use oxen_session::{Ed25519SecretKey, Seed};
/// # use rand::SeedableRng;
/// # let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(1);
///
/// let alice = Ed25519SecretKey::from_seed(Seed::from_array([1; 32]));
/// let bob = Ed25519SecretKey::from_seed(Seed::from_array([2; 32]));
/// let ct = encrypt_for_recipient(&alice, &bob.session_id(), b"hi", &mut rng)?;
/// let (plaintext, sender) = decrypt_incoming(&bob, &ct)?;
/// assert_eq!((&plaintext[..], &sender), (&b"hi"[..], alice.public_key()));
/// # Ok::<(), oxen_session::Error>(())
/// ```
///
/// # Errors
/// [`Error::ZeroSharedSecret`] if the recipient key is zero or of small order.
pub fn encrypt_for_recipient<T: Recipient + ?Sized, R: CryptoRng + ?Sized>(
    sender: &Ed25519SecretKey,
    recipient: &T,
    message: &[u8],
    rng: &mut R,
) -> Result<Vec<u8>, Error> {
    encrypt_for_recipient_with(sender, recipient, message, &X25519SecretKey::random(rng))
}

/// [`encrypt_for_recipient`] with the ephemeral secret `e` given (the 32 bytes libsodium's
/// `crypto_box_seal` draws; the vectors' `ephemeral_sk`).
///
/// # Errors
/// [`Error::ZeroSharedSecret`] if the recipient key is zero or of small order.
pub fn encrypt_for_recipient_with<T: Recipient + ?Sized>(
    sender: &Ed25519SecretKey,
    recipient: &T,
    message: &[u8],
    ephemeral: &X25519SecretKey,
) -> Result<Vec<u8>, Error> {
    let lifted = recipient.recipient_lifted();
    // one buffer: room for E ‖ tag, then M ‖ A ‖ SIG, sealed in place
    let mut out = Vec::with_capacity(message.len() + SEAL_BYTES + SIGNED_OVERHEAD);
    out.resize(SEAL_BYTES, 0);
    append_signed(&mut out, sender, lifted.key(), message);
    seal_in_place(ephemeral, &lifted, &mut out)?;
    Ok(out)
}

/// The ephemeral secret of [`encrypt_for_recipient_deterministic`]:
/// `SHA-512(BLAKE2b-256(key = "SessionBoxEphemeralHashKey", seed(a) ‖ Y ‖ M))[0..32]`.
#[must_use]
pub fn deterministic_ephemeral(
    sender: &Ed25519SecretKey,
    recipient: &X25519PublicKey,
    message: &[u8],
) -> X25519SecretKey {
    // 32 is a valid size and the key is 26 bytes: the error arm is unreachable
    let seed = Zeroizing::new(
        blake2b::<32>(
            BOX_HASH_KEY,
            &[sender.seed().expose_bytes(), recipient.as_bytes(), message],
        )
        .unwrap_or([0; 32]),
    );
    let mut h = Sha512::digest(&seed[..]);
    let mut e = Zeroizing::new([0u8; 32]);
    for (o, b) in e.iter_mut().zip(h.iter()) {
        *o = *b;
    }
    h.as_mut_slice().zeroize();
    X25519SecretKey::from_bytes(*e)
}

/// `encrypt_for_recipient_deterministic(ed25519_privkey, recipient_pubkey, message)`: as
/// [`encrypt_for_recipient`] with the ephemeral key [`deterministic_ephemeral`]; the same
/// inputs always give the same bytes.
///
/// # Errors
/// [`Error::ZeroSharedSecret`] if the recipient key is zero or of small order.
pub fn encrypt_for_recipient_deterministic<T: Recipient + ?Sized>(
    sender: &Ed25519SecretKey,
    recipient: &T,
    message: &[u8],
) -> Result<Vec<u8>, Error> {
    let y = recipient.recipient_x25519();
    encrypt_for_recipient_with(
        sender,
        y,
        message,
        &deterministic_ephemeral(sender, y, message),
    )
}
