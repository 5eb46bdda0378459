//! ONS lookup responses (spec §10): `decrypt_ons_response` (libsession-util @ 8762e9d3,
//! `src/session_encrypt.cpp`). An ONS name resolves to an encrypted Session ID that only whoever
//! knows the name can open:
//!
//! ```text
//! key = BLAKE2b-256(name, key = BLAKE2b-256(name))       oxen_ons::name_to_encryption_key
//! sid = XChaCha20-Poly1305-IETF-open(key, nonce, ct ‖ tag), no AD   33 bytes: 05 ‖ X
//! ```
//!
//! The key derivation and the AEAD are `oxen-ons`'s (the same code that decrypts the value on
//! chain): [`oxen_ons::name_to_encryption_key`] and
//! [`oxen_ons::encryption::decrypt_with_key_and_nonce`]. Nothing is derived here.
//!
//! Checks in the reference's order: ciphertext at least 16 bytes ([`Error::CiphertextTooShort`]),
//! nonce 24 bytes ([`Error::InvalidLength`] for [`Input::Nonce`]), the tag
//! ([`Error::DecryptionFailed`]), a 33-byte plaintext ([`Error::InvalidLength`] for
//! [`Input::OnsValue`]); then, beyond the reference, its `05` prefix ([`Error::InvalidPrefix`]
//! for [`Input::OnsValue`]).
//!
//! **The name must be lower case**, as the reference's parameter name `lowercase_name` says (the
//! caller lower-cases what the user typed; oxen-core encrypts every record under the lower-case
//! name). The reference hashes whatever it is given, so a name with upper case derives a key no
//! record is encrypted under and fails at the tag. `oxen-ons` refuses such names outright
//! (`NameNotLowercase`), and this function reports them as that same verdict,
//! [`Error::DecryptionFailed`], before deriving anything (vector `ons_response.json`
//! `wrong_name`: `"tesT"`). Divergence: a response forged under the key of an upper-case name
//! would open upstream and is refused here; no ONS record can produce one.
//!
//! Vectors: `ons_response.json`.

use oxen_ons::encryption::{NONCE_LEN, TAG_LEN, decrypt_with_key_and_nonce};

use crate::error::{Error, Input};
use crate::id::SessionId;

/// `decrypt_ons_response(lowercase_name, ciphertext, nonce)`: the Session ID an ONS name
/// resolves to.
///
/// ```
/// use oxen_session::ons::decrypt_ons_response;
/// use oxen_ons::{encryption::encrypt_with_nonce, name_to_encryption_key};
///
/// let sid = "05e08f5d73f18aeacf05a1b07a9499a7b5f4354ff50682f1bd71b288f65c6e7d09";
/// let key = name_to_encryption_key("alice").unwrap();
/// let record = encrypt_with_nonce(&key, &hex::decode(sid).unwrap(), &[7; 24]).unwrap();
/// let (ct, nonce) = record.as_bytes().split_at(33 + 16);
/// assert_eq!(decrypt_ons_response("alice", ct, nonce)?.to_hex(), sid);
/// assert!(decrypt_ons_response("Alice", ct, nonce).is_err()); // the caller lower-cases
/// # Ok::<(), oxen_session::Error>(())
/// ```
///
/// # Errors
/// In order: [`Error::CiphertextTooShort`] below 16 bytes; [`Error::InvalidLength`] for
/// [`Input::Nonce`] unless 24 bytes; [`Error::DecryptionFailed`] for a name with upper case or a
/// failed tag; [`Error::InvalidLength`] for [`Input::OnsValue`] unless the plaintext is 33
/// bytes; [`Error::InvalidPrefix`] for [`Input::OnsValue`] unless it starts with `05`.
pub fn decrypt_ons_response(
    name: &str,
    ciphertext: &[u8],
    nonce: &[u8],
) -> Result<SessionId, Error> {
    if ciphertext.len() < TAG_LEN {
        return Err(Error::CiphertextTooShort {
            len: ciphertext.len(),
            min: TAG_LEN,
        });
    }
    let nonce: &[u8; NONCE_LEN] = nonce.try_into().map_err(|_| Error::InvalidLength {
        input: Input::Nonce,
        len: nonce.len(),
    })?;
    // NameNotLowercase: no record is encrypted under such a name (see the module docs)
    let key = oxen_ons::name_to_encryption_key(name).map_err(|_| Error::DecryptionFailed)?;
    let value = decrypt_with_key_and_nonce(&key, ciphertext, nonce).map_err(|e| match e {
        oxen_ons::Error::EncryptedValueLength => Error::CiphertextTooShort {
            len: ciphertext.len(),
            min: TAG_LEN,
        },
        _ => Error::DecryptionFailed,
    })?;
    if value.len() != SessionId::LEN {
        return Err(Error::InvalidLength {
            input: Input::OnsValue,
            len: value.len(),
        });
    }
    SessionId::from_bytes(&value).map_err(|_| Error::InvalidPrefix {
        input: Input::OnsValue,
    })
}
