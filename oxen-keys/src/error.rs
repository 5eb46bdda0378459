//! The one error type of this crate.

/// Every way a key operation here can fail.
///
/// Deliberately **not** `#[non_exhaustive]`: the crates above (`oxen-onion`, `oxen-session`)
/// convert it into their own error enums with an exhaustive `match`, so a new variant here is a
/// compile error there rather than a silently mis-mapped failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
pub enum Error {
    /// A key given as raw bytes is not exactly 32 bytes.
    #[error("key is not 32 bytes")]
    InvalidKeyLength,
    /// A key given as hex is not exactly the expected number of hex digits (oxenss "Hex key
    /// data is invalid"), or contains a non-hex character.
    #[error("key is not the expected number of hex digits")]
    InvalidHexKey,
    /// Text expected in base64 is not valid base64 (alphabet, padding or length).
    #[error("invalid base64")]
    InvalidBase64,
    /// X25519 produced the all-zero output (libsodium `crypto_scalarmult` returns -1): the
    /// peer's public key is zero or of low order.
    #[error("X25519 shared secret is all zero")]
    ZeroSharedSecret,
}
