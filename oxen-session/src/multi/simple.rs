//! The bencoded ("simple") multi-recipient form (spec §8; libsession-util @ 8762e9d3
//! `src/multi_encrypt.cpp` `encrypt_for_multiple_simple`, `decrypt_for_multiple_simple`,
//! `decrypt_for_multiple_simple_ed25519`): the nonce and the ciphertexts of
//! [`encrypt_for_multiple`] in one self-contained message,
//!
//! ```text
//! d 1:# 24:<nonce> 1:e l <ct_1> … <ct_n> <junk_1> … <junk_j> e e
//! ```
//!
//! * **Padding junk.** With `pad > 1`, random entries are appended until the number of entries
//!   is a multiple of `pad`, hiding how many recipients there are. Each junk entry has the
//!   length of the **first message** (not of its ciphertext, 16 bytes longer: a quirk kept for
//!   byte compatibility), and there is none when the first message is empty. The random bytes
//!   come from the caller's RNG, or are given ([`encrypt_for_multiple_simple_with`]) so vectors
//!   reproduce; [`junk_len`] says how many.
//! * **Nonce.** Exactly 24 bytes, given or drawn from the RNG (first, before the junk, as
//!   upstream draws them). Upstream's Ed25519 overload defaults its nonce to an empty value,
//!   which it then refuses as a wrong-size nonce; here the Ed25519 functions simply require
//!   one ([`Error::InvalidLength`] for [`Input::Nonce`] unless 24 bytes).
//! * **Ed25519 overloads** take the account's [`Ed25519SecretKey`] (the 64-byte `seed ‖ A` of
//!   upstream, read with [`Ed25519SecretKey::from_keypair_bytes`]) and use its X25519 pair
//!   (`edsk_to_x`, `ed_to_x(A)`); [`decrypt_for_multiple_simple_ed25519`] also converts the
//!   sender's Ed25519 key (`ed_to_x`), whose failure is an error as upstream.
//! * **Decoding failures are "no result".** Anything that is not exactly the shape above (see
//!   `bencode.rs`, stricter than upstream: README "Divergences"), a nonce that is not 24 bytes,
//!   and even a small-order sender key give `None`, as upstream's `catch (...)` makes them
//!   (vectors `simple_not_bencoded`, `simple_truncated`, `simple_nonce_23`,
//!   `simple_missing_e`, `simple_keys_swapped`, `simple_small_order_sender`).
//!
//! Vectors: `multi_encrypt.json` (`simple_*`; `simple_padded_to_5` carries reference junk,
//! which the vector test feeds back to [`encrypt_for_multiple_simple_with`]).

use alloc::vec::Vec;

use oxen_keys::{Ed25519PublicKey, X25519KeyPair, X25519PublicKey};
use rand_core::CryptoRng;
use zeroize::Zeroizing;

use super::bencode::{self, Encoded};
use super::{Ciphertexts, NONCE_LEN, decrypt_for_multiple, encrypt_for_multiple};
use crate::error::{Error, Input};
use crate::keys::Ed25519SecretKey;
use crate::point::ed_to_x;

/// Where the junk bytes come from.
enum Junk<'a> {
    /// Drawn as each entry is written (an RNG).
    Fill(&'a mut dyn FnMut(&mut [u8])),
    /// Given, exactly [`junk_len`] bytes.
    Given(&'a [u8]),
}

/// The padding junk for `recipients` recipients: (entries, bytes per entry). None without
/// padding (`pad ≤ 1`) or when the first message is empty.
fn junk_shape<M: AsRef<[u8]>>(messages: &[M], recipients: usize, pad: usize) -> (usize, usize) {
    let size = messages.first().map_or(0, |m| m.as_ref().len());
    if pad <= 1 || size == 0 {
        return (0, 0);
    }
    ((pad - recipients % pad) % pad, size)
}

/// How many junk bytes [`encrypt_for_multiple_simple_with`] takes for these messages, this
/// many recipients and this `pad`: the number of entries needed to reach a multiple of `pad`,
/// times the first message's length.
///
/// # Errors
/// [`Error::InvalidLength`] for [`Input::Padding`] (with `pad` as the length) if that product
/// overflows.
pub fn junk_len<M: AsRef<[u8]>>(
    messages: &[M],
    recipients: usize,
    pad: usize,
) -> Result<usize, Error> {
    let (count, size) = junk_shape(messages, recipients, pad);
    count.checked_mul(size).ok_or(Error::InvalidLength {
        input: Input::Padding,
        len: pad,
    })
}

/// The nonce of the simple form: exactly 24 bytes.
fn nonce_exact(nonce: &[u8]) -> Result<&[u8; NONCE_LEN], Error> {
    nonce.try_into().map_err(|_| Error::InvalidLength {
        input: Input::Nonce,
        len: nonce.len(),
    })
}

fn encode<M: AsRef<[u8]>>(
    messages: &[M],
    recipients: &[X25519PublicKey],
    sender: &X25519KeyPair,
    domain: &[u8],
    nonce: &[u8; NONCE_LEN],
    pad: usize,
    junk: Junk<'_>,
) -> Result<Vec<u8>, Error> {
    let junk_total = junk_len(messages, recipients.len(), pad)?;
    if let Junk::Given(bytes) = junk
        && bytes.len() != junk_total
    {
        return Err(Error::InvalidLength {
            input: Input::Padding,
            len: bytes.len(),
        });
    }
    let cts: Ciphertexts = encrypt_for_multiple(messages, recipients, nonce, sender, domain)?;
    let (junk_count, junk_size) = junk_shape(messages, recipients.len(), pad);

    let total = cts
        .iter()
        .map(|c| bencode::entry_len(c.len()))
        .chain((0..junk_count).map(|_| bencode::entry_len(junk_size)))
        .fold(bencode::FRAME_LEN, usize::saturating_add);
    let mut out = Vec::new();
    // Reserving can only fail for absurd totals, which then fail as any allocation does.
    let _ = out.try_reserve_exact(total);
    bencode::write_start(&mut out, nonce);
    for c in &cts {
        bencode::write_entry_header(&mut out, c.len());
        out.extend_from_slice(c);
    }
    match junk {
        Junk::Fill(fill) => {
            for _ in 0..junk_count {
                bencode::write_entry_header(&mut out, junk_size);
                let start = out.len();
                out.resize(start.saturating_add(junk_size), 0);
                fill(out.get_mut(start..).unwrap_or_default());
            }
        }
        // exactly `junk_count` chunks of `junk_size` (checked above; none when the size is 0)
        Junk::Given(bytes) => {
            for chunk in bytes.chunks(junk_size.max(1)) {
                bencode::write_entry_header(&mut out, chunk.len());
                out.extend_from_slice(chunk);
            }
        }
    }
    bencode::write_end(&mut out);
    Ok(out)
}

/// `encrypt_for_multiple_simple(messages, recipients, x, X, domain, nonce, pad)`: the bencoded
/// form of [`encrypt_for_multiple`], with a nonce drawn from `rng`
/// when `nonce` is `None`, and padding junk from `rng` (see the module docs).
///
/// ```
/// use oxen_session::multi::{decrypt_for_multiple_simple, encrypt_for_multiple_simple};
/// use oxen_session::X25519KeyPair;
/// use rand::SeedableRng;
///
/// let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(2);
/// let admin = X25519KeyPair::generate(&mut rng);
/// let members: Vec<X25519KeyPair> = (0..3).map(|_| X25519KeyPair::generate(&mut rng)).collect();
/// let publics: Vec<_> = members.iter().map(|m| m.public).collect();
///
/// // padded to a multiple of 5 entries with random junk
/// let msg = encrypt_for_multiple_simple(&[b"hello"], &publics, &admin, b"d", None, 5, &mut rng)?;
/// for m in &members {
///     let got = decrypt_for_multiple_simple(&msg, m, &admin.public, b"d");
///     assert_eq!(got.as_deref().map(|p| &p[..]), Some(&b"hello"[..]));
/// }
/// // anything else is "no result"
/// assert!(decrypt_for_multiple_simple(b"hello world", &members[0], &admin.public, b"d").is_none());
/// # Ok::<(), oxen_session::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidLength`] for [`Input::Nonce`] unless a given nonce is 24 bytes, for
/// [`Input::Padding`] as [`junk_len`]; otherwise as
/// [`encrypt_for_multiple`].
pub fn encrypt_for_multiple_simple<M: AsRef<[u8]>, R: CryptoRng + ?Sized>(
    messages: &[M],
    recipients: &[X25519PublicKey],
    sender: &X25519KeyPair,
    domain: &[u8],
    nonce: Option<&[u8]>,
    pad: usize,
    rng: &mut R,
) -> Result<Vec<u8>, Error> {
    let mut drawn = [0u8; NONCE_LEN];
    let nonce = match nonce {
        Some(n) => nonce_exact(n)?,
        None => {
            rng.fill_bytes(&mut drawn);
            &drawn
        }
    };
    encode(
        messages,
        recipients,
        sender,
        domain,
        nonce,
        pad,
        Junk::Fill(&mut |b| rng.fill_bytes(b)),
    )
}

/// [`encrypt_for_multiple_simple`] with the nonce and the junk bytes given: exactly
/// [`junk_len`] bytes, cut into entries in order. Deterministic (vectors).
///
/// # Errors
/// As [`encrypt_for_multiple_simple`]; [`Error::InvalidLength`] for [`Input::Padding`] if
/// `junk` is not exactly [`junk_len`] bytes.
pub fn encrypt_for_multiple_simple_with<M: AsRef<[u8]>>(
    messages: &[M],
    recipients: &[X25519PublicKey],
    sender: &X25519KeyPair,
    domain: &[u8],
    nonce: &[u8],
    pad: usize,
    junk: &[u8],
) -> Result<Vec<u8>, Error> {
    encode(
        messages,
        recipients,
        sender,
        domain,
        nonce_exact(nonce)?,
        pad,
        Junk::Given(junk),
    )
}

/// The Ed25519 overload of [`encrypt_for_multiple_simple`]: the sender's X25519 pair is its
/// account key's (`edsk_to_x`, `ed_to_x(A)`). The nonce is required (upstream's default, an
/// empty nonce, is refused there as a wrong-size nonce); junk comes from `rng`.
///
/// # Errors
/// As [`encrypt_for_multiple_simple`].
pub fn encrypt_for_multiple_simple_ed25519<M: AsRef<[u8]>, R: CryptoRng + ?Sized>(
    messages: &[M],
    recipients: &[X25519PublicKey],
    sender: &Ed25519SecretKey,
    domain: &[u8],
    nonce: &[u8],
    pad: usize,
    rng: &mut R,
) -> Result<Vec<u8>, Error> {
    let nonce = nonce_exact(nonce)?;
    let pair = sender.x25519_key_pair();
    encode(
        messages,
        recipients,
        &pair,
        domain,
        nonce,
        pad,
        Junk::Fill(&mut |b| rng.fill_bytes(b)),
    )
}

/// [`encrypt_for_multiple_simple_ed25519`] with the junk bytes given (exactly [`junk_len`]).
///
/// # Errors
/// As [`encrypt_for_multiple_simple_with`].
pub fn encrypt_for_multiple_simple_ed25519_with<M: AsRef<[u8]>>(
    messages: &[M],
    recipients: &[X25519PublicKey],
    sender: &Ed25519SecretKey,
    domain: &[u8],
    nonce: &[u8],
    pad: usize,
    junk: &[u8],
) -> Result<Vec<u8>, Error> {
    let pair = sender.x25519_key_pair();
    encrypt_for_multiple_simple_with(messages, recipients, &pair, domain, nonce, pad, junk)
}

/// `decrypt_for_multiple_simple(encoded, y, Y, X, domain)`: reads the bencoded form and tries
/// its entries with [`decrypt_for_multiple`]. `None` for no match
/// and for **every** failure (malformed encoding, wrong-size nonce, small-order sender), as
/// upstream.
#[must_use]
pub fn decrypt_for_multiple_simple(
    encoded: &[u8],
    recipient: &X25519KeyPair,
    sender: &X25519PublicKey,
    domain: &[u8],
) -> Option<Zeroizing<Vec<u8>>> {
    let e = Encoded::parse(encoded)?;
    decrypt_for_multiple(e.entries(), e.nonce, recipient, sender, domain)
        .ok()
        .flatten()
}

/// `decrypt_for_multiple_simple(encoded, ed25519_sk, X, domain)` (C API
/// `session_decrypt_for_multiple_simple_ed25519_from_x25519`): the recipient given by its
/// account key, the sender by its X25519 key.
#[doc(alias = "session_decrypt_for_multiple_simple_ed25519_from_x25519")]
#[must_use]
pub fn decrypt_for_multiple_simple_ed25519_sk(
    encoded: &[u8],
    recipient: &Ed25519SecretKey,
    sender: &X25519PublicKey,
    domain: &[u8],
) -> Option<Zeroizing<Vec<u8>>> {
    decrypt_for_multiple_simple(encoded, &recipient.x25519_key_pair(), sender, domain)
}

/// `decrypt_for_multiple_simple_ed25519(encoded, ed25519_sk, A_sender, domain)`: both parties
/// given by their account (Ed25519) keys; the sender's is converted with `ed_to_x`.
///
/// # Errors
/// [`Error::InvalidPoint`] for [`Input::Ed25519PublicKey`] if the sender key does not convert
/// (upstream throws here, outside its "no result" catch).
pub fn decrypt_for_multiple_simple_ed25519(
    encoded: &[u8],
    recipient: &Ed25519SecretKey,
    sender: &Ed25519PublicKey,
    domain: &[u8],
) -> Result<Option<Zeroizing<Vec<u8>>>, Error> {
    let sender = ed_to_x(sender)?;
    Ok(decrypt_for_multiple_simple_ed25519_sk(
        encoded, recipient, &sender, domain,
    ))
}
