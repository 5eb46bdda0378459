//! The crate's one error type.

/// Every reason this crate refuses an input. Each variant names the check that failed (and, in
/// its doc, the upstream message or exception it corresponds to); `Copy + Eq` so that tests
/// assert the exact rejection. No variant carries input-derived data: an error never holds a
/// word of a recovery phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    // --- language names and encoding ---
    /// [`Language::from_name`](crate::Language::from_name): the text is neither the English
    /// name nor the upstream (native) name of a word list.
    #[error("unknown seed language name")]
    UnknownLanguage,
    /// Encoding: the language is decode-only (EnglishOld; oxen-core's `bytes_to_words` finds it
    /// in no list and returns false).
    #[error("language cannot be used to encode (decode only)")]
    LanguageNotEncodable,
    /// Encoding: the input is empty or its length is not a multiple of 4 bytes (oxen-core's
    /// `bytes_to_words` returns false).
    #[error("input to encode must be a non-empty multiple of 4 bytes")]
    InvalidInputLength,

    // --- oxen-core decoding (`words_to_bytes`), in the order upstream checks ---
    /// General form: the expected byte length is 0 or not a multiple of 4 (oxen-core: "not a
    /// multiple of 4"; its "length unknown" mode `len = 0` is not offered, see the README).
    #[error("expected byte length must be a non-zero multiple of 4")]
    InvalidExpectedLength,
    /// The number of words is not one the expected length allows (oxen-core: "unexpected
    /// number of words"; 24 or 25, or 12, for a 32-byte seed).
    #[error("unexpected number of words")]
    WrongWordCount,
    /// No language has every word (whole words without a checksum word, prefixes with one)
    /// (oxen-core: "language not found").
    #[error("seed language not found: a word is in no word list")]
    LanguageNotFound,
    /// Every word was found but the last word is not the checksum word (oxen-core: "invalid
    /// checksum"; Session desktop: `VerificationError`).
    #[error("invalid checksum word")]
    InvalidChecksum,
    /// A triple of words encodes a value of 2^32 or more (oxen-core: "mumble mumble").
    #[error("word triple encodes a value that does not fit in 32 bits")]
    TripleOverflow,
    /// The 32-byte restore form decoded another number of bytes: 12 words give 16 bytes, which
    /// oxen-core never duplicates (oxen-core: "wrong output size").
    #[error("seed words decode to the wrong number of bytes")]
    WrongOutputSize,

    // --- Session desktop decoding (`mnDecode`), in the order it checks ---
    /// Fewer than 13 space-separated pieces (Session: `NotEnoughWordsError`; 12 pieces is the
    /// missing-checksum-word case, also this error).
    #[error("not enough words in the recovery phrase")]
    NotEnoughWords,
    /// More than 13 space-separated pieces (Session: `TooManyWordsError`).
    #[error("too many words in the recovery phrase")]
    TooManyWords,
    /// The first three characters of a data word are not the first three letters of an English
    /// list word, compared case-sensitively (Session: `InvalidWordsError`).
    #[error("unknown word in the recovery phrase")]
    UnknownWord,
}
