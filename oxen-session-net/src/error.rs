//! The crate's one error type: each variant names the check that failed.

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

    // ---- community (SOGS) requests (§16) ----
}
