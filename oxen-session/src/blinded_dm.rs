//! Blinded direct messages (spec §7): one-to-one messages between two community members who
//! know each other only by blinded id, relayed by the community server's inbox.
//!
//! **Shared key.** The local party has Ed25519 scalar `a` and blinded id `kA`, the remote party
//! blinded id `jB` (same blinding, else [`Error::BlindedPrefixMismatch`]). With `ka = a` for
//! 15-blinding (the clamped integer, unreduced, as libsession passes it) and `ka = k'·a = a'`
//! (the local [`Blind25KeyPair`] secret) for 25:
//!
//! ```text
//! s   = smul(ka, jB)                                      (libsodium's rule: jB decoded, checked)
//! key = BLAKE2b-256(s ‖ sender point ‖ recipient point)    (points without prefix; sender first)
//! ```
//!
//! Both sides get the same `s`: for 25 it is `k_A·k_B·a·b·B`; for 15, where `j = k = k15`, the
//! double blinding is skipped and it is `k15·a·b·B`, **with the signs of both accounts' Ed25519
//! keys**: a 15 id with the other sign (as derived from a Session ID, see
//! [`crate::blinding`]) gives `−s` and a key that opens nothing.
//!
//! **Wire format** (`encrypt_for_blinded_recipient`, version 0):
//!
//! ```text
//! 0x00 ‖ XChaCha20-Poly1305-IETF(key, nonce, no AD, M ‖ A) ‖ nonce      (len M + 73)
//! ```
//!
//! where `A` is the sender's **unblinded** Ed25519 key, so the recipient learns the sender's
//! Session ID and checks that it is the account behind the blinded sender id.
//!
//! **Decryption** ([`decrypt_from_blinded_recipient`]) works for either party (the sender can
//! read what it sent), with the reference's checks in its order:
//!
//! 1. length ≥ 41 ([`Error::CiphertextTooShort`] with `min` 41);
//! 2. the local id, with the blinding of `recipient_id` (the key-pair form: `k15·A` keeps the
//!    local key's sign);
//! 3. role: if `sender_id` is the local id we are the sender (remote = `recipient_id`), else the
//!    recipient (remote = `sender_id`; its prefix must be the recipient's,
//!    [`Error::BlindedPrefixMismatch`]);
//! 4. the shared key (the remote point fails the scalar-multiplication rule:
//!    [`Error::InvalidPoint`] for [`Input::BlindedId`]);
//! 5. version byte 0 ([`Error::UnsupportedVersion`]);
//! 6. inner length `len − 41 ≥ 32` ([`Error::CiphertextTooShort`] with `min` 73);
//! 7. AEAD ([`Error::DecryptionFailed`]);
//! 8. `A` (the last 32 plaintext bytes) passes the conversion rule, giving the sender's Session
//!    ID ([`Error::InvalidPoint`] for [`Input::Ed25519PublicKey`]);
//! 9. the blinded id of `A` ([`crate::blinding::blinded15_id_from_ed`] /
//!    [`crate::blinding::blinded25_id_from_ed`], the same derivation) is `sender_id`
//!    ([`Error::SenderMismatch`]).
//!
//! **Quirk kept at step 9** (checked against the compiled reference): for 15-blinding the
//! reference also accepts the derived id with one bit flipped, meaning to accept the negated id
//! (bit 255). Its code flips bit 7 of byte 31 of the **33-byte** id, which is bit 7 of key byte
//! 30, not the sign. So a `sender_id` that is the negation of the sender's real id is refused
//! ([`Error::SenderMismatch`]), and one that differs from it in bit 247 is accepted. Neither
//! matters to an honest client (no encrypt produces them; the accepted variant needs a
//! ciphertext under a point whose discrete logarithm nobody knows), but the verdict is the
//! reference's on every input; `tests/blinded_dm.rs` crafts both.
//!
//! **Cost.** Encrypt: the local key pair (one fixed-base multiplication; 25 adds the inversion
//! of the local X25519 key), the decoding of the recipient point with the subgroup check, one
//! constant-time multiplication. Decrypt: the same, plus for the sender check one decoding of
//! `A` with the subgroup check, its X25519 inversion and one multiplication. That last one is
//! constant time although its inputs are public keys: the sender is what blinding hides, and
//! for 25-blinding the factor is derived from the sender's Session ID, so a variable-time
//! multiplication's running time would fingerprint the sender. No point is decoded twice.
//!
//! Reference: libsession `encrypt_for_blinded_recipient`, `decrypt_from_blinded_recipient`,
//! `blinded_shared_secret` (`src/session_encrypt.cpp`). Vectors:
//! `encrypt_for_blinded_recipient.json` (the recorded `nonce` reproduces each ciphertext),
//! `decrypt_from_blinded_recipient.json` (both roles, every refusal).

use alloc::vec::Vec;

use chacha20poly1305::aead::{AeadInOut, KeyInit};
use chacha20poly1305::{Tag, XChaCha20Poly1305, XNonce};
use oxen_keys::X25519SecretKey;
use rand_core::CryptoRng;
use zeroize::Zeroizing;

use crate::blinding::{
    Blind25KeyPair, BlindingFactor, Timing, blind15_factor, blind15_key_pair_with,
    blind25_key_pair, blinded15_id_of, blinded25_id_of,
};
use crate::error::{Error, Input};
use crate::hash::blake2b;
use crate::id::{BlindedId, Blinding, ServerPubkey, SessionId};
use crate::keys::{Ed25519SecretKey, edsk_to_x};
use crate::point::{ConvertiblePoint, Point};
use crate::scalar::SecretScalar;

/// The version byte of the format (libsession `BLINDED_ENCRYPT_VERSION`).
pub const VERSION: u8 = 0;
/// Bytes of the XChaCha20-Poly1305 nonce (the ciphertext's last bytes).
pub const NONCE_LEN: usize = 24;
/// Bytes of the Poly1305 tag.
pub const TAG_LEN: usize = 16;
/// Bytes of the sender's Ed25519 key at the end of the plaintext.
pub const SENDER_KEY_LEN: usize = 32;
/// Bytes a ciphertext adds to the message besides the sender key: version, tag, nonce (41; also
/// the shortest input decryption looks at).
pub const OVERHEAD: usize = 1 + TAG_LEN + NONCE_LEN;
/// The shortest ciphertext that can hold a sender key (73).
pub const MIN_LEN: usize = OVERHEAD + SENDER_KEY_LEN;

/// The scalar `ka` of the shared secret, as libsession hands it to
/// `crypto_scalarmult_ed25519_noclamp`.
enum Ka {
    /// 15: `a` itself, the clamped 255-bit integer of `crypto_sign_ed25519_sk_to_curve25519`
    /// (not reduced: a multiple of 8, which matters for a remote point with an order-2
    /// component, see [`crate::point`]).
    Clamped(X25519SecretKey),
    /// 25: `a' = k'·a`, reduced (`crypto_core_ed25519_scalar_mul`).
    Reduced(SecretScalar),
}

/// The local party: its blinded id, the scalar `ka` of the shared secret, and for 15-blinding
/// the factor `k15` (which the sender check needs again).
struct Local {
    id: BlindedId,
    ka: Ka,
    k15: Option<BlindingFactor>,
}

impl Local {
    /// `blinding`'s key pair of `key`: 15 → (`15 ‖ k15·A`, `a`), 25 → (`25 ‖ A'`, `a'`).
    fn new(key: &Ed25519SecretKey, server: &ServerPubkey, blinding: Blinding) -> Local {
        match blinding {
            Blinding::Blind15 => {
                let k15 = blind15_factor(server);
                Local {
                    id: blind15_key_pair_with(key, &k15).id(),
                    ka: Ka::Clamped(edsk_to_x(key)),
                    k15: Some(k15),
                }
            }
            Blinding::Blind25 => {
                let pair: Blind25KeyPair = blind25_key_pair(key, server);
                Local {
                    id: pair.id(),
                    ka: Ka::Reduced(pair.key_pair().secret().clone()),
                    k15: None,
                }
            }
        }
    }

    /// `BLAKE2b-256(smul(ka, remote) ‖ sender ‖ recipient)` (libsession `blinded_shared_secret`).
    fn shared_key(
        &self,
        remote: &BlindedId,
        sender: &BlindedId,
        recipient: &BlindedId,
    ) -> Result<Zeroizing<[u8; 32]>, Error> {
        let point = Point::decode(remote.key().as_bytes()).map_err(|c| c.at(Input::BlindedId))?;
        let s = match &self.ka {
            Ka::Clamped(a) => point.mul_clamped_secret(a.expose_bytes())?,
            Ka::Reduced(a) => point.mul_secret(a)?,
        };
        blake2b::<32>(
            &[],
            &[
                s.as_slice(),
                sender.key().as_bytes(),
                recipient.key().as_bytes(),
            ],
        )
        .map(Zeroizing::new)
    }
}

fn cipher(key: &[u8; 32]) -> XChaCha20Poly1305 {
    XChaCha20Poly1305::new(key.into())
}

/// `encrypt_for_blinded_recipient(sk, server_pk, recipient_blinded_id, M)` with a fresh random
/// nonce from `rng`.
///
/// # Errors
/// As [`encrypt_for_blinded_recipient_with`].
pub fn encrypt_for_blinded_recipient<R: CryptoRng + ?Sized>(
    sender: &Ed25519SecretKey,
    server: &ServerPubkey,
    recipient: &BlindedId,
    message: &[u8],
    rng: &mut R,
) -> Result<Vec<u8>, Error> {
    let mut nonce = [0u8; NONCE_LEN];
    rng.fill_bytes(&mut nonce);
    encrypt_for_blinded_recipient_with(sender, server, recipient, message, &nonce)
}

/// [`encrypt_for_blinded_recipient`] with the nonce given (reproduces the vectors byte for
/// byte). The sender's blinded id is its key-pair id with the recipient's blinding.
///
/// ```
/// use oxen_session::{Ed25519SecretKey, Seed, ServerPubkey};
/// use oxen_session::blinded_dm::{decrypt_from_blinded_recipient, encrypt_for_blinded_recipient_with};
/// use oxen_session::blinding::blind25_key_pair;
///
/// let server = ServerPubkey([7; 32]);
/// let alice = Ed25519SecretKey::from_seed(Seed::from_array([1; 32]));
/// let bob = Ed25519SecretKey::from_seed(Seed::from_array([2; 32]));
/// let (a_id, b_id) = (blind25_key_pair(&alice, &server).id(), blind25_key_pair(&bob, &server).id());
///
/// let ct = encrypt_for_blinded_recipient_with(&alice, &server, &b_id, b"hi Bob", &[3; 24])?;
/// // Bob reads it and learns Alice's Session ID; Alice can read it too
/// let (m, from) = decrypt_from_blinded_recipient(&bob, &server, &a_id, &b_id, &ct)?;
/// assert_eq!((m.as_slice(), from), (&b"hi Bob"[..], alice.session_id()));
/// let (m, _) = decrypt_from_blinded_recipient(&alice, &server, &a_id, &b_id, &ct)?;
/// assert_eq!(m.as_slice(), b"hi Bob");
/// # Ok::<(), oxen_session::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidPoint`] for [`Input::BlindedId`] when the recipient's key fails the
/// scalar-multiplication rule ("Shared secret generation failed"; vectors
/// `err_recipient_*`); [`Error::IdentityResult`] for a zero scalar (probability 2^-252);
/// [`Error::InvalidLength`] for [`Input::Message`] beyond XChaCha20-Poly1305's limit (256 GiB;
/// libsodium aborts there).
/// Lengths and prefixes are checked where the inputs are parsed
/// ([`Ed25519SecretKey::from_bytes`], [`ServerPubkey::from_bytes`], [`BlindedId::from_bytes`]).
pub fn encrypt_for_blinded_recipient_with(
    sender: &Ed25519SecretKey,
    server: &ServerPubkey,
    recipient: &BlindedId,
    message: &[u8],
    nonce: &[u8; NONCE_LEN],
) -> Result<Vec<u8>, Error> {
    let local = Local::new(sender, server, recipient.blinding());
    let key = local.shared_key(recipient, &local.id, recipient)?;

    let too_long = Error::InvalidLength {
        input: Input::Message,
        len: message.len(),
    };
    let inner = message.len().checked_add(SENDER_KEY_LEN).ok_or(too_long)?;
    let mut out = Vec::with_capacity(inner.saturating_add(OVERHEAD));
    out.push(VERSION);
    out.extend_from_slice(message);
    out.extend_from_slice(sender.public_key().as_bytes());
    let (_, buf) = out.split_at_mut(1);
    let tag = cipher(&key)
        .encrypt_inout_detached(&XNonce::from(*nonce), &[], buf.into())
        .map_err(|_| too_long)?;
    out.extend_from_slice(&tag);
    out.extend_from_slice(nonce);
    Ok(out)
}

/// `decrypt_from_blinded_recipient(sk, server_pk, sender_id, recipient_id, ciphertext)`: the
/// message and the sender's Session ID, for either party, with the checks of the module
/// documentation in their order.
///
/// **15-blinding:** ids must be the parties' key-pair forms (what encryption uses). A message
/// addressed to the id derived from a Session ID ([`crate::blinding::blind15_id`]) of an account
/// whose Ed25519 key is negative cannot be opened by that account ([`Error::DecryptionFailed`],
/// as in the reference: vectors `b15_recipient_*` with a `note`). A caller that knows a 15 id
/// only from a Session ID can try both forms ([`crate::blinding::blind15_ids`]).
///
/// # Errors
/// In order: [`Error::CiphertextTooShort`] (`min` 41), [`Error::BlindedPrefixMismatch`],
/// [`Error::InvalidPoint`] for [`Input::BlindedId`], [`Error::UnsupportedVersion`],
/// [`Error::CiphertextTooShort`] (`min` 73), [`Error::DecryptionFailed`],
/// [`Error::InvalidPoint`] for [`Input::Ed25519PublicKey`], [`Error::SenderMismatch`].
pub fn decrypt_from_blinded_recipient(
    key: &Ed25519SecretKey,
    server: &ServerPubkey,
    sender_id: &BlindedId,
    recipient_id: &BlindedId,
    ciphertext: &[u8],
) -> Result<(Zeroizing<Vec<u8>>, SessionId), Error> {
    let len = ciphertext.len();
    if len < OVERHEAD {
        return Err(Error::CiphertextTooShort { len, min: OVERHEAD });
    }
    let blinding = recipient_id.blinding();
    let local = Local::new(key, server, blinding);
    let remote = if *sender_id == local.id {
        recipient_id
    } else if sender_id.blinding() != blinding {
        return Err(Error::BlindedPrefixMismatch);
    } else {
        sender_id
    };
    let dec_key = local.shared_key(remote, sender_id, recipient_id)?;
    let k15 = local.k15;
    drop(local);

    let short = Error::CiphertextTooShort { len, min: OVERHEAD };
    let (version, rest) = ciphertext.split_first().ok_or(short)?;
    if *version != VERSION {
        return Err(Error::UnsupportedVersion { version: *version });
    }
    let inner_len = len - OVERHEAD;
    if inner_len < SENDER_KEY_LEN {
        return Err(Error::CiphertextTooShort { len, min: MIN_LEN });
    }
    // `rest` is inner ‖ tag ‖ nonce by the length checks above
    let (sealed, rest) = rest.split_at_checked(inner_len).ok_or(short)?;
    let (tag, nonce) = rest.split_at_checked(TAG_LEN).ok_or(short)?;
    let nonce = XNonce::try_from(nonce).map_err(|_| short)?;
    let tag = Tag::try_from(tag).map_err(|_| short)?;
    let mut plain = Zeroizing::new(sealed.to_vec());
    cipher(&dec_key)
        .decrypt_inout_detached(&nonce, &[], plain.as_mut_slice().into(), &tag)
        .map_err(|_| Error::DecryptionFailed)?;

    let message_len = inner_len - SENDER_KEY_LEN;
    let a: [u8; 32] = plain
        .get(message_len..)
        .and_then(|a| a.try_into().ok())
        .ok_or(Error::DecryptionFailed)?;
    let a = ConvertiblePoint::decode(&a).map_err(|c| c.at(Input::Ed25519PublicKey))?;
    let (extracted, session_id) = match blinding {
        Blinding::Blind15 => {
            let point = a.to_point().map_err(|c| c.at(Input::Ed25519PublicKey))?;
            let k15 = k15.unwrap_or_else(|| blind15_factor(server));
            let id = blinded15_id_of(&point, &k15, Timing::Constant)?;
            (id, SessionId::from_x25519(a.to_x25519()))
        }
        Blinding::Blind25 => blinded25_id_of(&a, server, Timing::Constant)?,
    };
    let matched = extracted == *sender_id
        || (blinding == Blinding::Blind15 && reference_flip(&extracted) == *sender_id);
    if !matched {
        return Err(Error::SenderMismatch);
    }
    plain.truncate(message_len);
    Ok((plain, session_id))
}

/// The id the reference compares with after its 15 "sign flip": `extracted_sender[31] ^= 0x80`
/// on the 33-byte id, i.e. bit 7 of key byte 30 (not the sign bit, which is in key byte 31).
fn reference_flip(id: &BlindedId) -> BlindedId {
    let mut key = *id.key();
    if let Some(b) = key.0.get_mut(30) {
        *b ^= 0x80;
    }
    BlindedId::new(id.blinding(), key)
}
