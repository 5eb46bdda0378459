//! The crate's one error type.

/// Everything that can be wrong with input to this crate. Each variant names the check that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An error from `oxen-crypto` (point/scalar decoding, varints, CLSAG verification, ...).
    #[error(transparent)]
    Crypto(#[from] oxen_crypto::Error),
    // --- commitments, ECDH, Bulletproofs ---

    // --- RingCT signatures, transaction format, tx_extra ---
}
