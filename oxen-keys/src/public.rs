//! Public keys: [`Ed25519PublicKey`] and [`X25519PublicKey`], 32 bytes each, `Copy`, printed as
//! hex.
//!
//! These are *encodings*, not validated points: libsodium itself keeps keys as bytes and
//! checks them per use (a signature verifier, a scalar multiplication and the Ed25519 →
//! X25519 conversion each apply a different rule). The crates above apply the rule of the use
//! at the point of use (`oxen-session`'s `point` module).

use crate::Error;
use crate::codec;

/// Bytes of every key handled here.
pub const KEY_LEN: usize = 32;

/// An Ed25519 public key `A` (a service node's identity, a Session account key), as its 32-byte
/// encoding.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Ed25519PublicKey(pub [u8; KEY_LEN]);

/// An X25519 public key (Montgomery u-coordinate): a node's encryption key, a layer's
/// ephemeral key, the 32 bytes of a Session ID after its `05` prefix.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct X25519PublicKey(pub [u8; KEY_LEN]);

macro_rules! key_common {
    ($t:ident) => {
        impl $t {
            /// The 32 key bytes.
            #[must_use]
            pub const fn to_bytes(&self) -> [u8; KEY_LEN] {
                self.0
            }
            /// The 32 key bytes, borrowed.
            #[must_use]
            pub const fn as_bytes(&self) -> &[u8; KEY_LEN] {
                &self.0
            }
            /// Exactly 32 raw bytes.
            ///
            /// # Errors
            /// [`Error::InvalidKeyLength`] for any other length.
            pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
                bytes
                    .try_into()
                    .map(Self)
                    .map_err(|_| Error::InvalidKeyLength)
            }
            /// Exactly 64 hex digits, either case (oxenss `from_hex`).
            ///
            /// # Errors
            /// [`Error::InvalidHexKey`] otherwise.
            pub fn from_hex(hex: &str) -> Result<Self, Error> {
                codec::hex32(hex.as_bytes()).map(Self)
            }
            /// Lower-case hex (64 digits).
            #[must_use]
            pub fn to_hex(&self) -> alloc::string::String {
                codec::to_hex(&self.0)
            }
        }
        impl core::fmt::Debug for $t {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                write!(f, concat!(stringify!($t), "({})"), self.to_hex())
            }
        }
        impl From<[u8; KEY_LEN]> for $t {
            fn from(b: [u8; KEY_LEN]) -> Self {
                Self(b)
            }
        }
    };
}
key_common!(Ed25519PublicKey);
key_common!(X25519PublicKey);

impl X25519PublicKey {
    /// libsession `parse_x25519_pubkey` (used by `oxen-onion`'s destination parser): 32 raw
    /// bytes, 64 hex digits, 43 base64 characters (or 44 ending in `=`), or 52 base32z
    /// characters. **Anything else silently becomes the all-zero key**, as upstream; the
    /// following Diffie-Hellman then fails with [`Error::ZeroSharedSecret`] (oxen-onion vectors
    /// `server_parser.json` `*/bad-ephemeral`, `*/valid-b64-key`, `*/valid-b32z-key`).
    #[must_use]
    pub fn parse_lenient(s: &[u8]) -> Self {
        let decoded = match s.len() {
            32 => s.try_into().ok(),
            64 => codec::hex32(s).ok(),
            43 => codec::from_base64(s)
                .ok()
                .and_then(|v| v.get(..32)?.try_into().ok()),
            44 if s.last() == Some(&b'=') => codec::from_base64(s)
                .ok()
                .and_then(|v| v.get(..32)?.try_into().ok()),
            52 => codec::from_base32z(s).and_then(|v| v.get(..32)?.try_into().ok()),
            _ => None,
        };
        Self(decoded.unwrap_or([0u8; KEY_LEN]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_lenient_forms() {
        let key = [0x5au8; 32];
        let hex = codec::to_hex(&key);
        let b64 = codec::to_base64(&key);
        assert_eq!(X25519PublicKey::parse_lenient(&key), X25519PublicKey(key));
        assert_eq!(
            X25519PublicKey::parse_lenient(hex.as_bytes()),
            X25519PublicKey(key)
        );
        assert_eq!(
            X25519PublicKey::parse_lenient(b64.as_bytes()),
            X25519PublicKey(key)
        );
        assert_eq!(
            X25519PublicKey::parse_lenient(b64.trim_end_matches('=').as_bytes()),
            X25519PublicKey(key)
        );
        // 52 z-base-32 characters: 'y' is 0
        assert_eq!(
            X25519PublicKey::parse_lenient(&[b'y'; 52]),
            X25519PublicKey([0; 32])
        );
        for bad in [
            &b"short"[..],
            &[b'g'; 64][..],
            &[b'!'; 43][..],
            &[b'0'; 52][..],
        ] {
            assert_eq!(
                X25519PublicKey::parse_lenient(bad),
                X25519PublicKey([0; 32])
            );
        }
    }

    #[test]
    fn from_bytes_and_hex() {
        assert_eq!(
            Ed25519PublicKey::from_bytes(&[1; 31]),
            Err(Error::InvalidKeyLength)
        );
        assert_eq!(
            Ed25519PublicKey::from_hex(&"AB".repeat(32)),
            Ok(Ed25519PublicKey([0xab; 32]))
        );
        assert_eq!(
            X25519PublicKey::from_hex(&"ab".repeat(31)),
            Err(Error::InvalidHexKey)
        );
        assert_eq!(
            format!("{:?}", X25519PublicKey([1; 32])),
            format!("X25519PublicKey({})", "01".repeat(32))
        );
    }
}
