//! The crate's one error type.

/// Everything that can be wrong with input to this crate. Each variant names the check that failed.
///
/// `Copy + Eq` so that tests can assert the exact rejection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A varint ended before its last byte.
    #[error("varint truncated")]
    VarintTruncated,
    /// A varint used more bytes than its value needs (a zero final group).
    #[error("varint not in canonical (shortest) form")]
    VarintOverlong,
    /// A varint's value does not fit in 64 bits.
    #[error("varint overflows 64 bits")]
    VarintOverflow,
}
