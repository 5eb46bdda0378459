//! The crate's one error type: each variant names the check that failed.

use oxen_session::{PointCheck, SignatureCheck};

use crate::storage::param::{Param, ParamKind};

/// Why a message, request or header was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A check of the Session protocol layer failed (keys, ids, sealing, signatures, blinding).
    #[error(transparent)]
    Session(#[from] oxen_session::Error),
    // ---- message formats (spec session.md §14) ----
    /// Unpadding met only zero bytes, or nothing: no content before the padding (desktop
    /// `removeMessagePadding`, "Invalid padding").
    #[error("invalid padding: only zero bytes")]
    InvalidPadding,
    /// A varint, a fixed-width value or a tag runs past the end of the protobuf input
    /// (protobufjs "index out of range: {pos} + {need} > {len}", the numbers it reports).
    #[error("protobuf truncated: index out of range: {pos} + {need} > {len}")]
    ProtobufTruncated {
        /// Where protobufjs reports the read (the end of the input for a varint).
        pos: usize,
        /// The bytes the read needed as protobufjs counts them (1 or 10 for a varint, 4 or 8
        /// for a fixed-width value).
        need: usize,
        /// The length of the whole input.
        len: usize,
    },
    /// A length-delimited protobuf field (string, bytes, message) or a skipped unknown one
    /// runs past the end of the input (protobufjs "index out of range: {pos} + {need} > {len}").
    #[error("protobuf length past the end: index out of range: {pos} + {need} > {len}")]
    ProtobufLengthPastEnd {
        /// Where the field's bytes start.
        pos: usize,
        /// The length its prefix gives.
        need: usize,
        /// The length of the whole input.
        len: usize,
    },
    /// A 64-bit varint whose tenth byte still has its continuation bit (protobufjs "invalid
    /// varint encoding").
    #[error("protobuf varint longer than 10 bytes")]
    ProtobufVarintTooLong,
    /// An unknown field (or a field inside a skipped group) with a wire type protobufjs cannot
    /// skip: 4 (end group) outside a group, 6 or 7 (protobufjs "invalid wire type").
    #[error("protobuf: invalid wire type {wire_type}")]
    ProtobufInvalidWireType {
        /// The wire type (the tag's low three bits).
        wire_type: u8,
    },
    /// A field declared `required` is absent from a message, anywhere in the tree (protobufjs
    /// "missing required 'name'").
    #[error("protobuf: {message} is missing required '{field}'")]
    ProtobufMissingRequired {
        /// The message type (as named in `SignalService.proto`).
        message: &'static str,
        /// The field (as protobufjs names it: camelCase).
        field: &'static str,
    },
    /// A Content without `sigTimestamp`: the client refuses to send one (desktop
    /// `ContentMessage.plainTextBuffer`).
    #[error("content without sigTimestamp")]
    ContentWithoutSigTimestamp,
    /// An envelope with no (or empty) content (desktop "Received an empty envelope.").
    #[error("envelope without content")]
    EmptyEnvelope,
    /// An envelope type other than SESSION_MESSAGE (6) and CLOSED_GROUP_MESSAGE (7) (desktop
    /// `assertUnreachable`, "Unknown message type").
    #[error("unknown envelope type {envelope_type}")]
    UnknownEnvelopeType {
        /// The type found.
        envelope_type: i32,
    },
    /// The opened one-to-one plaintext has no byte before the sender key and signature: 96
    /// bytes or fewer (desktop `decryptWithSessionProtocol`, "Decryption failed.").
    #[error("decrypted message of {len} bytes has no content")]
    PlaintextTooShort {
        /// The plaintext's length (at most 96).
        len: usize,
    },
    // ---- storage-server requests and subaccounts (§12, §15, §17, §18) ----
    //
    // Parse step (the server answers 400; `storage::Rejection::message` gives its text).
    /// The request body is not JSON as the server's parser (nlohmann::json) reads it
    /// ("invalid json").
    #[error("the request is not valid JSON")]
    InvalidJson,
    /// The body has no `method` string ("invalid json: no `method` field").
    #[error("the request has no `method` string")]
    NoMethod,
    /// The body has no `params` object ("invalid json: no `params` field").
    #[error("the request has no `params` object")]
    NoParams,
    /// `method` names no storage-server endpoint this crate verifies ("no method …").
    #[error("unknown method")]
    UnknownMethod,
    /// A parameter holds the wrong kind of JSON value ("Invalid value given for '…': expected
    /// …").
    #[error("`{param}` must be a {expected}")]
    ParamType {
        /// The parameter.
        param: Param,
        /// What it must hold.
        expected: ParamKind,
    },
    /// A stringified integer (`store`'s `timestamp` or `ttl`) does not parse as one
    /// ("Invalid value given for '…': \"…\"").
    #[error("`{param}` is a string that is not an integer")]
    ParamNotInteger {
        /// The parameter.
        param: Param,
    },
    /// A timestamp below 10^9 ms, probably given in seconds ("Invalid timestamp for '…':
    /// timestamp must be in milliseconds").
    #[error("`{param}` is not in milliseconds")]
    TimestampNotMilliseconds {
        /// The parameter.
        param: Param,
    },
    /// `namespace` is outside −32768..=32767 ("value out of range").
    #[error("`namespace` is outside the 16-bit range")]
    NamespaceOutOfRange,
    /// A required parameter is absent or null ("Required field '…' missing").
    #[error("`{param}` is required")]
    MissingParam {
        /// The parameter.
        param: Param,
    },
    /// `store` has neither `expiry` nor `ttl` ("Required field 'expiry' or 'ttl' missing").
    #[error("`store` needs `expiry` or `ttl`")]
    MissingExpiryAndTtl,
    /// Two parameters that exclude each other are both given ("Cannot specify both '…' and
    /// '…'").
    #[error("`{first}` and `{second}` exclude each other")]
    BothParams {
        /// The first.
        first: Param,
        /// The second.
        second: Param,
    },
    /// `pubkey` is not 66 hex digits or 33 bytes ("Pubkey must be 66 hex digits (33 bytes)
    /// long").
    #[error("`pubkey` is not 66 hex digits or 33 bytes")]
    InvalidPubkey,
    /// `pubkey_ed25519` on an account that is not `05` ("pubkey_ed25519 is only permitted for
    /// 05[...] pubkeys").
    #[error("`pubkey_ed25519` is only allowed for 05 accounts")]
    PubkeyEd25519NotAllowed,
    /// `pubkey_ed25519` has 64 characters that are not hex ("invalid pubkey_ed25519: value is
    /// not hex").
    #[error("`pubkey_ed25519` is not hex")]
    PubkeyEd25519NotHex,
    /// `pubkey_ed25519` is neither 64 hex digits nor 32 bytes.
    #[error("`pubkey_ed25519` is not 64 hex digits or 32 bytes")]
    PubkeyEd25519Length,
    /// `signature` is not base64 of 86 characters or 88 ending `==` ("invalid signature:
    /// expected base64 encoded Ed25519 signature").
    #[error("`signature` is not a base64 Ed25519 signature")]
    SignatureEncoding,
    /// `subaccount` without `subaccount_sig`.
    #[error("`subaccount` needs `subaccount_sig`")]
    SubaccountSigMissing,
    /// `subaccount` is neither 48 base64 nor 72 hex characters.
    #[error("`subaccount` is not a base64 or hex token")]
    SubaccountEncoding,
    /// `subaccount_sig` is not a base64 signature.
    #[error("`subaccount_sig` is not a base64 Ed25519 signature")]
    SubaccountSigEncoding,
    /// `data` is not base64.
    #[error("`data` is not base64")]
    DataNotBase64,
    /// `data` is over 76 800 bytes (102 400 base64 characters).
    #[error("`data` is longer than 76800 bytes")]
    DataTooLong,
    /// `last_hash` has 43 characters that are not base64.
    #[error("`last_hash` is not base64")]
    LastHashNotBase64,
    /// `last_hash` is not empty and not 43 characters.
    #[error("`last_hash` is not 43 base64 characters")]
    LastHashLength,
    /// `messages` is empty (the client refuses to build such a request too).
    #[error("`messages` holds no hash")]
    NoMessages,
    /// A message hash is not 43 base64 characters ("invalid message hash: …").
    #[error("a message hash is not 43 base64 characters")]
    InvalidMessageHash,
    /// `expiry` is an empty list.
    #[error("`expiry` holds no timestamp")]
    NoExpiries,
    /// `expire` with both `shorten` and `extend`.
    #[error("`shorten` and `extend` exclude each other")]
    ShortenAndExtend,
    /// `expiry` is a list whose length is neither 1 nor that of `messages`.
    #[error("`expiry` must hold one expiry or one per message")]
    ExpiryCount,
    /// More than 50 tokens in one `revoke_subaccount`.
    #[error("more than 50 tokens to revoke")]
    TooManyTokens,
    /// A token of `revoke` / `unrevoke` is neither 48 base64 nor 72 hex characters.
    #[error("a token of `{param}` is not base64 or hex")]
    TokenEncoding {
        /// `revoke` or `unrevoke`.
        param: Param,
    },
    //
    // The endpoint's checks, in the server's order (status per endpoint: see
    // `storage::Rejection::status`).
    /// `store`: the TTL (expiry − timestamp) is outside 10 s … 14 days (public inbox) or 30
    /// days (403).
    #[error("the TTL is outside what the namespace allows")]
    TtlOutOfRange,
    /// `store`: the timestamp is more than 10 s ahead or the expiry more than 10 s past (406
    /// "Timestamp error: check your clock").
    #[error("the message timestamp or expiry is off the node's clock")]
    ClockSkew,
    /// An unsigned request where a signature is required (`store` to a namespace that is not
    /// a public inbox, `retrieve` from one that is not public; 401).
    #[error("the request must be signed")]
    SignatureRequired,
    /// The signed time is outside the endpoint's window around the node's clock (406; 401 for
    /// `delete_before` and `expire`).
    #[error("the request's time is outside the accepted window")]
    TimestampOutOfWindow,
    /// `expire` with several expiries before the multi-expiry hard fork (403).
    #[error("multi-expiry requests are not active")]
    MultiExpiryInactive,
    /// `pubkey_ed25519` has no X25519 form (`crypto_sign_ed25519_pk_to_curve25519` fails;
    /// 401).
    #[error("`pubkey_ed25519` is not a valid key: {0}")]
    PubkeyEd25519Invalid(PointCheck),
    /// `pubkey_ed25519` does not convert to the `05` account's X25519 key (401).
    #[error("`pubkey_ed25519` is not the account's key")]
    PubkeyEd25519Mismatch,
    /// The subaccount token is revoked for this account (401).
    #[error("the subaccount token is revoked")]
    SubaccountRevoked,
    /// The token's prefix is not the account's and it lacks any-prefix (401).
    #[error("the subaccount token is for prefix {token:#04x}, not the account's")]
    SubaccountPrefix {
        /// The token's prefix byte.
        token: u8,
    },
    /// The token's flags lack the endpoint's access (401).
    #[error("the subaccount token lacks access {required:#04x} (has {granted:#04x})")]
    SubaccountAccess {
        /// The flag bits the endpoint requires.
        required: u8,
        /// The token's flag bits.
        granted: u8,
    },
    /// The account's signature over the token fails (401).
    #[error("the subaccount token's signature is invalid: {0}")]
    SubaccountSignature(SignatureCheck),
    /// The request signature fails (401).
    #[error("the request signature is invalid: {0}")]
    RequestSignature(SignatureCheck),
    /// `expire` with `shorten` through a subaccount without delete access (400, after the
    /// signature passed).
    #[error("`shorten` needs a subaccount with delete access")]
    ShortenWithoutDelete,
    //
    // Client-side refusals (requests the client does not build).
    /// `store` with empty `data` (the desktop client refuses it).
    #[error("`data` is empty")]
    EmptyData,
    /// `revoke_subaccount` / `unrevoke_subaccount` with no token.
    #[error("no token to revoke or unrevoke")]
    NoTokens,
    /// `revoke_subaccount` / `unrevoke_subaccount` signed through a subaccount (the server
    /// accepts only the account's own signature).
    #[error("revocations cannot be signed through a subaccount")]
    SubaccountNotAccepted,
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
    // ---- community posts read back (§14.4; `community::Post::from_json`) ----
    /// The post is not JSON, or not a JSON object.
    #[error("the post is not a JSON object")]
    PostNotJson,
    /// `data` is absent or null (a deleted message in a room's update listing has
    /// `"data": null`).
    #[error("the post has no `data`")]
    PostMissingData,
    /// `data` is not a string of base64 (pysogs' `decode_base64` rule).
    #[error("the post's `data` is not base64")]
    PostData,
    /// `signature` is absent or null.
    #[error("the post has no `signature`")]
    PostMissingSignature,
    /// `signature` is not a string of base64 (pysogs' `decode_base64` rule) of 64 bytes.
    #[error("the post's `signature` is not 64 bytes of base64")]
    PostSignature,
    /// Neither `timestamp` (the client's body) nor `posted` (a room listing) is given.
    #[error("the post has neither `timestamp` nor `posted`")]
    PostMissingTimestamp,
    /// `timestamp` is not a non-negative integer (milliseconds), or `posted` not a
    /// non-negative number of seconds whose milliseconds fit in 64 bits.
    #[error("the post's `timestamp` or `posted` is not a time")]
    PostTimestamp,
    /// `files` is not an array of strings and non-negative integers (file ids).
    #[error("the post's `files` is not a list of file ids")]
    PostFiles,
}
