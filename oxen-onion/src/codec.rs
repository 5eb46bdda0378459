//! Text encodings used on the wire: hex (keys in JSON), standard base64 (replies, lenient
//! keys) and base32z (lenient keys). Public data only, so these are variable-time.
//!
//! The codecs live in [`oxen_keys::codec`] (shared with `oxen-session`); the encoders are
//! re-exported here, and [`from_base64`] keeps this crate's error type.

use alloc::vec::Vec;

pub(crate) use oxen_keys::codec::hex_into;
pub use oxen_keys::codec::{to_base64, to_hex};

use crate::Error;

/// Decodes base64 as oxenc `from_base64` does: standard or URL alphabet, optional `=`
/// padding at the end only, unused trailing bits ignored (see [`oxen_keys::codec::from_base64`]).
///
/// # Errors
/// [`Error::InvalidBase64`] on a character outside the alphabet, misplaced padding or an
/// impossible length (1 mod 4 characters).
pub fn from_base64(s: &[u8]) -> Result<Vec<u8>, Error> {
    oxen_keys::codec::from_base64(s).map_err(Error::from)
}
