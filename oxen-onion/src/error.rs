//! The one error type of this crate.

/// Every way an onion operation can fail.
///
/// Variants name the failed check so that a test can assert the exact rejection. The same
/// enum serves the client builder, the node [`peel`](crate::node), the destination parser
/// and the reply decryptor; the node maps these to the reference's status classes in
/// [`Rejection`](crate::node::Rejection).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A framed payload is shorter than its 4-byte length prefix
    /// (oxenss "Unexpected payload size; expected ciphertext size",
    /// libsession "onion request data too small").
    #[error("payload shorter than the 4-byte length prefix")]
    FrameTooShort,
    /// The u32 length prefix announces more bytes than follow it
    /// (libsession "encrypted onion request data segment too small").
    #[error("length prefix {declared} exceeds the {available} bytes that follow")]
    FrameLengthExceedsInput {
        /// The value of the length prefix.
        declared: u32,
        /// The bytes actually present after the prefix.
        available: usize,
    },
    /// A request is larger than the allowed maximum (libsession "onion request data too big",
    /// oxenss 413 "Request body too large").
    #[error("request of {0} bytes exceeds the size limit")]
    TooBig(usize),
    /// The JSON trailer (or an inner JSON document) is not valid JSON.
    #[error("control JSON does not parse")]
    InvalidJson,
    /// A required JSON key is missing.
    #[error("control JSON lacks key `{0}`")]
    MissingField(&'static str),
    /// A JSON key has the wrong JSON type (e.g. `ephemeral_key` is a number, `json` is a string).
    #[error("control JSON key `{0}` has the wrong type")]
    WrongFieldType(&'static str),
    /// A key field is not exactly 64 hex digits (oxenss "Hex key data is invalid").
    #[error("key is not 64 hex digits")]
    InvalidHexKey,
    /// A key given as raw bytes is not exactly 32 bytes.
    #[error("key is not 32 bytes")]
    InvalidKeyLength,
    /// The `enc_type` name is not one this parser accepts ("Invalid encryption type X").
    #[error("unknown encryption type")]
    UnknownEncType,
    /// aes-cbc was requested where only the AEAD types are accepted (libsession, and this
    /// crate's builder), or the `legacy-aes-cbc` feature is off.
    #[error("encryption type aes-cbc is not supported here")]
    UnsupportedEncType,
    /// X25519 produced the all-zero output (low-order or zero public key).
    #[error("X25519 shared secret is all zero")]
    ZeroSharedSecret,
    /// The ciphertext is shorter than nonce + tag (or IV + one block for aes-cbc).
    #[error("ciphertext too short")]
    CiphertextTooShort,
    /// Authentication (AEAD tag) or CBC padding check failed.
    #[error("decryption failed")]
    DecryptionFailed,
    /// The path has no hops or more than [`MAX_ONION_HOPS`](crate::MAX_ONION_HOPS).
    #[error("path length {0} outside 1..=15")]
    InvalidPathLength(usize),
    /// A relayed message carries `hop_no` above [`MAX_ONION_HOPS`](crate::MAX_ONION_HOPS)
    /// ("onion request max path length exceeded").
    #[error("onion request max path length exceeded")]
    MaxPathLengthExceeded,
    /// A string field is longer than its documented limit.
    #[error("field `{0}` exceeds its length limit")]
    FieldTooLong(&'static str),
    /// The OMQ relay message or a v4 body is not the expected bencoding.
    #[error("malformed bencoded data")]
    InvalidBencode,
    /// A reply or key was expected in base64 and is not valid base64.
    #[error("invalid base64")]
    InvalidBase64,
    /// The ephemeral key of this layer was seen before inside the replay window.
    #[error("ephemeral key replayed")]
    Replayed,
    /// A server host name is empty or contains characters that cannot appear in a URL host.
    #[error("invalid server host")]
    InvalidHost,
    /// A plain-text error came back along the path instead of an encrypted reply; says which
    /// error and which hop (see [`PathFailure`](crate::reply::PathFailure)).
    #[error("path failure: status {}, hop {:?}", .0.status, .0.hop)]
    PathFailure(crate::reply::PathFailure),
    /// A reply carried a status code outside 100..=999.
    #[error("invalid status code")]
    InvalidStatus,
}

/// The key crate's failures keep their names here.
impl From<oxen_keys::Error> for Error {
    fn from(e: oxen_keys::Error) -> Self {
        match e {
            oxen_keys::Error::InvalidKeyLength => Error::InvalidKeyLength,
            oxen_keys::Error::InvalidHexKey => Error::InvalidHexKey,
            oxen_keys::Error::InvalidBase64 => Error::InvalidBase64,
            oxen_keys::Error::ZeroSharedSecret => Error::ZeroSharedSecret,
        }
    }
}
