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

    // --- base58 and addresses ---
    /// A base58 string holds a character outside the alphabet.
    #[error("base58: character outside the alphabet")]
    Base58InvalidChar,
    /// A base58 string's last block has a length no block can have (1, 4 or 8 characters).
    #[error("base58: invalid block length")]
    Base58InvalidLength,
    /// A base58 block's value does not fit its byte width.
    #[error("base58: block value overflows its size")]
    Base58BlockOverflow,
    /// A decoded address holds no more than its 4-byte checksum.
    #[error("address: decoded data no longer than the checksum")]
    AddressTooShort,
    /// An address checksum does not match.
    #[error("address: checksum mismatch")]
    AddressChecksum,
    /// An address tag (prefix) is not a canonical varint.
    #[error("address: malformed prefix varint")]
    AddressTagVarint,
    /// An address prefix is not one of the expected network's.
    #[error("address: prefix is not an address prefix of the network")]
    AddressPrefix,
    /// An address payload is not exactly the keys (and payment id) its prefix calls for.
    #[error("address: payload has the wrong length")]
    AddressPayloadLength,
    /// An address key is not a valid point encoding (`check_key`).
    #[error("address: key is not a valid point encoding")]
    AddressInvalidKey,

    // --- points, scalars, keys ---
    /// A point encoding is not canonical: `y >= p`, or `x = 0` with the sign bit set.
    #[error("point encoding not canonical (y >= p or negative zero)")]
    NonCanonicalPoint,
    /// A point encoding's `y` is not the y-coordinate of a curve point.
    #[error("point encoding not on the curve")]
    InvalidPoint,
    /// A scalar encoding is not reduced (`s >= l`; the reference's `sc_check`).
    #[error("scalar not canonical (s >= l)")]
    NonCanonicalScalar,
    /// A point (key image) is not in the prime-order subgroup (`l*P != identity`).
    #[error("point not in the prime-order subgroup")]
    NotTorsionFree,

    // --- signatures ---
    /// A signature challenge (or a ring-signature round hash) is zero.
    #[error("challenge is zero")]
    ChallengeZero,
    /// `check_signature`: the recomputed commitment `R = cA + rG` is the identity.
    #[error("signature commitment R is the identity")]
    IdentityR,
    /// The final verification equation does not hold.
    #[error("signature does not verify")]
    SignatureMismatch,
    /// The ring is empty, or smaller than the scheme allows (MLSAG needs two members).
    #[error("ring too small")]
    RingTooSmall,
    /// The signature's response count (or matrix shape) does not match the ring.
    #[error("signature length does not match the ring size")]
    RingLengthMismatch,
    /// The key image is the identity.
    #[error("key image is the identity")]
    IdentityKeyImage,
    /// CLSAG: the commitment key image `8*D` is the identity.
    #[error("CLSAG D (times 8) is the identity")]
    IdentityD,
    /// Signing: the real (secret) index is outside the ring.
    #[error("real index outside the ring")]
    RealIndexOutOfRange,
    /// Signing: the secret key (or commitment mask) does not open the ring member at the real
    /// index.
    #[error("secret does not match the ring member at the real index")]
    SecretKeyMismatch,
    /// A fixed-layout byte string has the wrong length.
    #[error("wrong encoded length")]
    InvalidLength,

    // --- wallet seeds (feature `mnemonic`) ---
    /// A 25-word seed was refused by the word scheme (`oxen_mnemonic::Error` names the check:
    /// word count, language, checksum, triple, size; encoding: a decode-only language), as
    /// oxen-core's `ElectrumWords::words_to_bytes` / `bytes_to_words` refuse it.
    #[cfg(feature = "mnemonic")]
    #[error(transparent)]
    Mnemonic(#[from] oxen_mnemonic::Error),
}
