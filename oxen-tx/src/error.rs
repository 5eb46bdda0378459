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

    // --- range-proof backends ---
    /// A range proof was asked for over zero amounts or more than the backend aggregates.
    #[error("range proof over {count} amounts: must be 1..={max}")]
    RangeProofAmountCount {
        /// Number of amounts given.
        count: usize,
        /// Largest number of amounts one proof covers.
        max: usize,
    },
    /// Amounts and blinding factors differ in number.
    #[error("range proof over {amounts} amounts given {blindings} blinding factors")]
    RangeProofBlindingCount {
        /// Number of amounts given.
        amounts: usize,
        /// Number of blinding factors given.
        blindings: usize,
    },
    /// A Ristretto blinding factor is not a canonical scalar (it must be below the group order).
    #[error("Ristretto blinding factor is not a canonical scalar")]
    RistrettoNonCanonicalBlinding,
    /// A Ristretto commitment is not the canonical encoding of a Ristretto255 point.
    #[error("Ristretto commitment is not a canonical Ristretto255 point encoding")]
    RistrettoInvalidCommitment,
    /// A Ristretto range proof's bytes do not parse (length not `32·(9 + 2k)` with `k < 32`,
    /// or a non-canonical scalar).
    #[error("Ristretto range proof encoding is malformed")]
    RistrettoProofEncoding,
    /// The `bulletproofs` crate's prover failed internally. The inputs it could reject are
    /// checked before it runs, so this is not expected to occur.
    #[error("Ristretto range prover failed internally")]
    RistrettoProver,
}
