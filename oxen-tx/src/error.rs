//! The crate's one error type.

/// Everything that can be wrong with input to this crate. Each variant names the check that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An error from `oxen-crypto` (point/scalar decoding, varints, CLSAG verification, ...).
    #[error(transparent)]
    Crypto(#[from] oxen_crypto::Error),
    // --- commitments, ECDH, Bulletproofs ---
    /// A Bulletproof's bytes end early, or a length prefix is larger than the bytes that remain.
    #[error("bulletproof truncated")]
    BulletproofTruncated,
    /// Bytes remain after a Bulletproof that must fill its input.
    #[error("trailing bytes after bulletproof")]
    BulletproofTrailingBytes,
    /// `|L| != |R|` (the reference's serializer and verifier both refuse this).
    #[error("bulletproof has {l} L points but {r} R points")]
    BulletproofLrMismatch {
        /// `|L|`.
        l: usize,
        /// `|R|`.
        r: usize,
    },
    /// `L` is empty (reference: "Empty proof").
    #[error("bulletproof has no inner-product rounds")]
    BulletproofEmptyLr,
    /// A proof scalar (`taux`, `mu`, `a`, `b` or `t`, named) is not below the group order
    /// (reference `sc_check` / `is_reduced`).
    #[error("bulletproof scalar {0} is not canonical")]
    BulletproofNonCanonicalScalar(&'static str),
    /// A point (`V`, `A`, `S`, `T1`, `T2`, `L`, `R` or an output `commitment`, named) does not
    /// decode (reference `ge_frombytes_vartime` fails and the verifier throws).
    #[error("bulletproof point {0} does not decode")]
    BulletproofInvalidPoint(&'static str),
    /// No amounts to prove, or no commitments `V` to verify against.
    #[error("bulletproof over zero amounts")]
    BulletproofNoAmounts,
    /// More amounts or commitments than one proof covers (16).
    #[error("bulletproof over {count} amounts (at most 16)")]
    BulletproofTooManyAmounts {
        /// Number of amounts or commitments given.
        count: usize,
    },
    /// The prover got a different number of amounts and masks.
    #[error("bulletproof prover got {amounts} amounts but {masks} masks")]
    BulletproofAmountsMasksMismatch {
        /// Number of amounts.
        amounts: usize,
        /// Number of masks.
        masks: usize,
    },
    /// `|L| != 6 + log2(M)` for the number of commitments (reference: "Proof is not the expected
    /// size").
    #[error("bulletproof has {actual} rounds, expected {expected}")]
    BulletproofWrongRoundCount {
        /// `6 + log2(M)`.
        expected: usize,
        /// `|L|`.
        actual: usize,
    },
    /// A Fiat-Shamir challenge (`y`, `z`, `x`, `x_ip` or `w`, named) is zero.
    #[error("bulletproof challenge {0} is zero")]
    BulletproofZeroChallenge(&'static str),
    /// The verification equation does not hold (for a batch: for at least one proof).
    #[error("bulletproof verification equation failed")]
    BulletproofVerification,

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
