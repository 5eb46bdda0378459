//! The crate's one error type.

/// Everything that can be wrong with input to this crate. Each variant names the check that
/// failed; `Copy + Eq` so that tests can assert the exact rejection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    // --- mapping types ---
    /// A mapping type's text or number names no type (`parse_ons_type`; numbers 0..=5).
    #[error("unknown ONS mapping type")]
    UnknownMappingType,
    /// `validate_mapping_type`: the type is not supported for this hard fork and transaction kind.
    #[error("mapping type not supported for this hard fork and transaction kind")]
    MappingTypeNotAllowed,

    // --- names (validate_ons_name; one variant per rule) ---
    /// The name is empty.
    #[error("name is empty")]
    NameEmpty,
    /// The name is longer than its type allows (64 for session/wallet; 37, or 68 with a '-', for
    /// lokinet).
    #[error("name exceeds the maximum length for its type")]
    NameTooLong,
    /// Lokinet: the name is `localhost.loki`, `loki.loki` or `snode.loki`.
    #[error("name is a protocol-reserved lokinet name")]
    NameReserved,
    /// Lokinet: the name is shorter than `a.loki`.
    #[error("lokinet name shorter than the shortest possible name (a.loki)")]
    NameTooShort,
    /// Lokinet: the name does not end with `.loki`.
    #[error("lokinet name does not end with .loki")]
    NameMissingLokiSuffix,
    /// Lokinet: `--` in the 3rd and 4th characters, and the label does not start with `xn--`.
    #[error("lokinet name has '--' as its 3rd/4th characters (reserved unless xn--)")]
    NameReservedHyphens,
    /// The first character is not allowed (lokinet: a-z, 0-9; session/wallet: also '_').
    #[error("name does not start with an allowed character")]
    NameBadFirstChar,
    /// The last character is not allowed (lokinet: the one before `.loki` must be a-z or 0-9;
    /// session/wallet: must not be '-').
    #[error("name does not end with an allowed character")]
    NameBadLastChar,
    /// A middle character is not allowed (lokinet: a-z, 0-9, '-'; session/wallet: also '_').
    #[error("name contains a character outside the permitted set")]
    NameBadChar,
    /// A name given to hashing or encryption holds upper-case ASCII (the reference requires the
    /// lower-cased name and only debug-asserts it; we reject).
    #[error("name is not lower-case")]
    NameNotLowercase,

    // --- name hashes ---
    /// `name_hash_input_to_base64`: not 32 bytes, 64 hex characters or 43/44 base64 characters
    /// decoding to 32 bytes.
    #[error("not a name hash (32 bytes, 64 hex or 43-44 base64 characters)")]
    NameHashInput,

    // --- plaintext values ---
    /// A Session ID is not 33 bytes (or 66 hex characters).
    #[error("session ID has the wrong length")]
    SessionIdLength,
    /// A Session ID's text is not hex.
    #[error("session ID is not hex")]
    SessionIdHex,
    /// A Session ID does not start with the byte 0x05 (text "05").
    #[error("session ID does not start with 05")]
    SessionIdPrefix,
    /// A lokinet address text is not 57 characters ending in `.loki`.
    #[error("lokinet address is not 52 base32z characters followed by .loki")]
    LokinetAddressFormat,
    /// A lokinet address text holds a character outside the base32z alphabet.
    #[error("lokinet address has a non-base32z character")]
    LokinetAddressChar,
    /// A lokinet address's 52nd character is not 'y' or 'o' (it carries only one bit).
    #[error("lokinet address's last base32z character must be 'y' or 'o'")]
    LokinetAddressLastChar,
    /// A lokinet value is not 32 bytes.
    #[error("lokinet value has the wrong length")]
    LokinetValueLength,
    /// A binary wallet value is not 65 or 73 bytes, or its length does not match its type byte.
    #[error("wallet value has the wrong length for its type")]
    WalletValueLength,
    /// A binary wallet value's type byte is not 0 (primary), 1 (subaddress) or 2 (integrated).
    #[error("wallet value type byte is not 0, 1 or 2")]
    WalletValueType,
    /// A wallet address string did not parse (the inner error names why).
    #[error("wallet address: {0}")]
    WalletAddress(oxen_crypto::Error),

    // --- encrypted values ---
    /// An encrypted value's length is not one the type allows (`validate_encrypted`, `decrypt`).
    #[error("encrypted value has the wrong length for its type")]
    EncryptedValueLength,
    /// `decrypt` takes only the stored types: session, wallet and lokinet (not the multi-year
    /// lokinet buy types).
    #[error("decrypt accepts only the session, wallet and lokinet types")]
    DecryptType,
    /// Authenticated decryption failed: wrong name, or the value was altered.
    #[error("decryption failed (wrong name or altered value)")]
    DecryptAuth,
    /// The argon2id key derivation of the legacy scheme failed. With the fixed reference
    /// parameters (valid by construction) the `argon2` crate has no failing path; the variant
    /// exists so that a future parameter or library change surfaces as an error, not a panic.
    #[error("argon2id key derivation failed")]
    Argon2,

    // --- owners and signatures ---
    /// A value given to the update signature is longer than 113 bytes (`tx_extra_signature`).
    #[error("value longer than 113 bytes")]
    ValueTooLong,
    /// An owner string is neither a wallet address of the network nor 64 hex characters.
    #[error("owner is neither a wallet address nor a 64-hex ed25519 key")]
    OwnerParse,
}

impl From<oxen_crypto::Error> for Error {
    fn from(e: oxen_crypto::Error) -> Self {
        Error::WalletAddress(e)
    }
}
