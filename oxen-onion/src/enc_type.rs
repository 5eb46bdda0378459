//! The `enc_type` of a layer (spec §2).

use crate::Error;

/// Symmetric scheme of one onion layer.
///
/// The key derivation differs per type (see [`crate::hop`]). The same type is used for the
/// request layer and for the reply that answers it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum EncType {
    /// AES-256-GCM, key = HMAC-SHA256(key = "LOKI", S). The default whenever `enc_type` is
    /// omitted, at every level.
    #[default]
    AesGcm,
    /// XChaCha20-Poly1305 (IETF), key = BLAKE2b-256(S || client pub || node pub).
    #[cfg_attr(feature = "serde", serde(rename = "xchacha20"))]
    XChaCha20,
    /// Legacy AES-256-CBC with PKCS#7 and no MAC, key = S. Node side (decrypt) only, as oxenss
    /// accepts it; never emitted by the builder.
    AesCbc,
}

impl EncType {
    /// Canonical name emitted on the wire: `aes-gcm`, `xchacha20` or `aes-cbc`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            EncType::AesGcm => "aes-gcm",
            EncType::XChaCha20 => "xchacha20",
            EncType::AesCbc => "aes-cbc",
        }
    }

    /// oxenss `parse_enc_type`: accepts `xchacha20`, `xchacha20-poly1305`, `aes-gcm`, `gcm`,
    /// `aes-cbc`, `cbc` (case-sensitive).
    ///
    /// # Errors
    /// [`Error::UnknownEncType`] for any other name.
    pub fn parse_oxenss(name: &str) -> Result<Self, Error> {
        match name {
            "xchacha20" | "xchacha20-poly1305" => Ok(EncType::XChaCha20),
            "aes-gcm" | "gcm" => Ok(EncType::AesGcm),
            "aes-cbc" | "cbc" => Ok(EncType::AesCbc),
            _ => Err(Error::UnknownEncType),
        }
    }

    /// libsession `parse_enc_type`: like [`Self::parse_oxenss`] but aes-cbc is rejected.
    ///
    /// # Errors
    /// [`Error::UnsupportedEncType`] for aes-cbc, [`Error::UnknownEncType`] otherwise.
    pub fn parse_libsession(name: &str) -> Result<Self, Error> {
        match Self::parse_oxenss(name)? {
            EncType::AesCbc => Err(Error::UnsupportedEncType),
            t => Ok(t),
        }
    }

    /// Bytes of the random nonce/IV prefixed to a ciphertext of this type.
    #[must_use]
    pub const fn nonce_len(self) -> usize {
        match self {
            EncType::AesGcm => crate::hop::AES_GCM_NONCE_LEN,
            EncType::XChaCha20 => crate::hop::XCHACHA20_NONCE_LEN,
            EncType::AesCbc => crate::hop::AES_CBC_IV_LEN,
        }
    }

    /// Ciphertext expansion of the AEAD types (nonce + tag). For aes-cbc the expansion depends
    /// on the length (IV + PKCS#7 padding), and this returns the minimum (IV + one block).
    #[must_use]
    pub const fn overhead(self) -> usize {
        match self {
            EncType::AesGcm => crate::hop::AES_GCM_NONCE_LEN + crate::hop::TAG_LEN,
            EncType::XChaCha20 => crate::hop::XCHACHA20_NONCE_LEN + crate::hop::TAG_LEN,
            EncType::AesCbc => crate::hop::AES_CBC_IV_LEN + crate::hop::AES_BLOCK_LEN,
        }
    }
}

impl core::fmt::Display for EncType {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}
