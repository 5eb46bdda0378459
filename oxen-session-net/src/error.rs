//! The crate's one error type: each variant names the check that failed.

/// Why a message, request or header was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A check of the Session protocol layer failed (keys, ids, sealing, signatures, blinding).
    #[error(transparent)]
    Session(#[from] oxen_session::Error),
    // ---- message formats (spec session.md §14) ----

    // ---- storage-server requests and subaccounts (§12, §15, §17, §18) ----

    // ---- community (SOGS) requests (§16) ----
    // Each Display text is the plain-text body session-pysogs answers with; the status is
    // `Error::sogs_status` (community/auth/status.rs).
    /// 1 to 3 of the four `X-SOGS-*` headers are absent or empty (400).
    #[error("Invalid authentication headers: missing {missing}/4 required X-SOGS-* headers")]
    SogsMissingHeaders {
        /// How many of the four are absent or empty (1, 2 or 3).
        missing: u8,
    },
    /// `X-SOGS-Pubkey` is not 33 bytes as 66 hex digits or 44 base64 characters (400).
    #[error("Invalid authentication: X-SOGS-Pubkey is not a valid 66-hex digit id")]
    SogsPubkeyEncoding,
    /// `X-SOGS-Pubkey` starts with a byte the rule does not accept (400).
    #[error("Invalid authentication: X-SOGS-Pubkey must be {}", .rule.allowed_prefixes())]
    SogsPubkeyPrefix {
        /// The refused prefix byte.
        prefix: u8,
        /// The rule in force (it decides the text).
        rule: crate::community::auth::rule::PrefixRule,
    },
    /// The 32-byte key fails `crypto_core_ed25519_is_valid_point` (400); the check that failed.
    #[error("Invalid authentication: given X-SOGS-Pubkey is not a valid Ed25519 pubkey")]
    SogsPubkeyNotAPoint(oxen_session::PointCheck),
    /// An unblinded (`00`) key on a server that requires blinded ids (400).
    #[error("Invalid authentication: this server requires the use of blinded ids")]
    SogsBlindedIdRequired,
    /// `X-SOGS-Nonce` is not 16 bytes as 32 hex digits or 22 (padded: 24) base64 characters
    /// (400).
    #[error("Invalid authentication: X-SOGS-Nonce must be 16 bytes (encoded as base64 or hex)")]
    SogsNonceEncoding,
    /// `X-SOGS-Signature` is not 64 bytes as 128 hex digits or 86 (padded: 88) base64
    /// characters (400).
    #[error("Invalid authentication: X-SOGS-Signature is not base64[88]")]
    SogsSignatureEncoding,
    /// `X-SOGS-Timestamp` is not an integer as Python's `int()` reads one (400).
    #[error("Invalid authentication: X-SOGS-Timestamp is not a valid timestamp")]
    SogsTimestampNotInteger,
    /// `X-SOGS-Timestamp` is more than 86400 s from the server's clock (425).
    #[error("Invalid authentication: X-SOGS-Timestamp is too far from current time")]
    SogsTimestampOutOfWindow,
    /// The user is banned from the server (403), decided before the signature is checked.
    #[error("Banned")]
    SogsBanned,
    /// The nonce was already used (425); recorded before the signature check, so a refused
    /// request burns its nonce too.
    #[error("Invalid authentication: X-SOGS-Nonce cannot be reused")]
    SogsNonceReused,
    /// The signature does not verify under the header's key (401); the rule that failed.
    #[error("Invalid authentication: X-SOGS-Signature verification failed")]
    SogsSignatureInvalid(oxen_session::SignatureCheck),
    /// A v4 endpoint (or a target the client is asked to sign) does not start with `/` (400 in
    /// the v4 reply).
    #[error("Invalid v4 onion request")]
    SogsEndpoint,
    /// The percent-decoded path is not UTF-8 (pysogs' strict `unquote`; 400 in the v4 reply).
    #[error("Invalid v4 onion request")]
    SogsPathEncoding,
    /// The query string has a character Werkzeug cannot encode as Latin-1 (server side), or is
    /// not ASCII (client side: the bytes signed must be the bytes the server reads); 400 in the
    /// v4 reply.
    #[error("Invalid v4 onion request")]
    SogsQueryEncoding,
}
