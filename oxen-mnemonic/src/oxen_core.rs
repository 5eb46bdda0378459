//! Decoding words to bytes with oxen-core's rules (`crypto::ElectrumWords::words_to_bytes`):
//! wallet restore and the general form.
//!
//! The verdict is this ordered list of checks; the first that fails names the error:
//!
//! 1. **Expected length** `L`: a non-zero multiple of 4 ([`Error::InvalidExpectedLength`]).
//! 2. **Split** on runs of ASCII whitespace (space, tab, LF, VT, FF, CR); nothing else
//!    separates words (U+3000, the ideographic space, does not).
//! 3. **Count**: `3L/4` words (no checksum word), `3L/4 + 1` (checksum word) or `3L/8` rounded
//!    down (half a seed, no checksum word); else [`Error::WrongWordCount`].
//! 4. **Language** (`find_seed_language`): in [`Language::DETECTION_ORDER`], the first list
//!    that has every word (whole words without a checksum word; `P`-prefixes, checksum word
//!    included, with one) **and** whose checksum holds. None: [`Error::InvalidChecksum`] if
//!    some list had every word, else [`Error::LanguageNotFound`].
//! 5. **Triples**: each whole triple of data words gives 4 little-endian bytes; a triple
//!    whose value needs more than 32 bits is refused ([`Error::TripleOverflow`]). Words past
//!    the last whole triple (only in the half form when `3L/8` is not a multiple of 3) are
//!    looked up but give no bytes, as upstream.
//! 6. (Restore only) **Size**: exactly 32 bytes ([`Error::WrongOutputSize`]).
//!
//! Case is ignored (the crate docs, "Case folding", give the exact rule). Upstream throws on input
//! that is not UTF-8; a `&str` always is.

use alloc::vec::Vec;

use zeroize::{Zeroize, Zeroizing};

use crate::checksum::checksum_holds;
use crate::secret::{SecretBytes, WalletSeed};
use crate::triple::decode_triple_oxen_core;
use crate::{Error, Language};

/// Bytes of the restore form: oxen-core's `crypto::secret_key`.
pub const WALLET_SEED_BYTES: usize = 32;

/// Word count of a wallet seed with its checksum word (`seed_length + 1`).
pub const WALLET_SEED_WORDS: usize = 25;

/// oxen-core's word separators: the ASCII white space of C's `isspace`.
fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r')
}

/// The words of `text`: split on runs of separators, leading and trailing ones ignored.
fn split_words(text: &str) -> impl Iterator<Item = &str> + Clone {
    text.split(is_separator).filter(|w| !w.is_empty())
}

/// Restores a wallet's 32-byte spend key from its 25 words (or 24 without the checksum word),
/// in any language: oxen-core's `words_to_bytes(words, crypto::secret_key&, language_name)`,
/// the call behind wallet restore. Returns the bytes and the language that matched.
///
/// 12 words pass the count but are always refused at the end (upstream meant to double an old
/// 12-word Electrum seed, but its test compares against the wrong count, so the copy never
/// happens); a 13-word Session phrase is refused by the count.
///
/// ```
/// use oxen_mnemonic::{bytes_to_words, words_to_wallet_seed, Language};
/// let key = [7u8; 32];
/// let words = bytes_to_words(&key, Language::Italian)?;
/// let (seed, language) = words_to_wallet_seed(words.expose_str())?;
/// assert_eq!(seed.expose_bytes(), &key);
/// assert_eq!((language, language.name()), (Language::Italian, "Italiano"));
/// # Ok::<(), oxen_mnemonic::Error>(())
/// ```
///
/// # Errors
/// [`Error::WrongWordCount`], [`Error::LanguageNotFound`], [`Error::InvalidChecksum`],
/// [`Error::TripleOverflow`], [`Error::WrongOutputSize`], in the order of the module docs.
pub fn words_to_wallet_seed(words: &str) -> Result<(WalletSeed, Language), Error> {
    let (bytes, language) = words_to_bytes(words, WALLET_SEED_BYTES)?;
    let seed = WalletSeed::from_slice(bytes.expose_bytes()).ok_or(Error::WrongOutputSize)?;
    Ok((seed, language))
}

/// Decodes words to bytes with an expected byte length `expected_len`: oxen-core's general
/// `words_to_bytes(words, dst, len, duplicate = false, language_name)`. Accepts `3L/4` words,
/// `3L/4 + 1` (with the checksum word) or `3L/8` (half; gives `L/2` bytes when `3L/8` is a
/// multiple of 3). Returns the bytes, whose length the caller must check, and the language.
///
/// With `expected_len = 16` this decodes a 13-word Session phrase (and its 12 data words
/// alone) to the same 16 bytes as Session, with oxen-core's rules (case ignored, any white
/// space, overflowing triples refused); Session's own rules are [`mn_decode`](crate::mn_decode).
///
/// ```
/// use oxen_mnemonic::{words_to_bytes, Language};
/// let words = "oaks dyslexic hybrid atom using kiosk always payment knife siren omnibus peeled atom";
/// let (bytes, language) = words_to_bytes(words, 16)?;
/// assert_eq!(bytes.len(), 16);
/// assert_eq!(language, Language::English);
/// # Ok::<(), oxen_mnemonic::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidExpectedLength`], then as [`words_to_wallet_seed`] without the size check.
pub fn words_to_bytes(words: &str, expected_len: usize) -> Result<(SecretBytes, Language), Error> {
    if expected_len == 0 || !expected_len.is_multiple_of(4) {
        return Err(Error::InvalidExpectedLength);
    }
    // len * 8 * 3 / 32, exact since len is a multiple of 4 (and free of overflow).
    let expected = expected_len / 4 * 3;
    // Count without collecting: a hostile input stops the count one word past the limit.
    let count = split_words(words).take(expected.saturating_add(2)).count();
    let has_checksum = count == expected + 1;
    if !has_checksum && count != expected && count != expected / 2 {
        return Err(Error::WrongWordCount);
    }
    let mut indices = Zeroizing::new(Vec::with_capacity(count));
    let language = find_seed_language(split_words(words), has_checksum, &mut indices)?;
    let data = indices
        .get(..count - usize::from(has_checksum))
        .unwrap_or(&[]);
    let (triples, _) = data.as_chunks::<3>();
    let mut out = Vec::with_capacity(triples.len() * 4);
    for triple in triples {
        match decode_triple_oxen_core(*triple) {
            Some(mut x) => {
                out.extend_from_slice(&x.to_le_bytes());
                x.zeroize();
            }
            None => {
                out.zeroize();
                return Err(Error::TripleOverflow);
            }
        }
    }
    Ok((SecretBytes::from_vec(out), language))
}

/// oxen-core `find_seed_language`: the first language, in [`Language::DETECTION_ORDER`], that
/// has every word and whose checksum holds; its word indices are left in `indices`.
fn find_seed_language<'a>(
    words: impl Iterator<Item = &'a str> + Clone,
    has_checksum: bool,
    indices: &mut Vec<u16>,
) -> Result<Language, Error> {
    // A language that had every word but failed the checksum (upstream's `fallback`).
    let mut checksum_failed = false;
    for language in Language::DETECTION_ORDER {
        let list = language.list();
        indices.zeroize();
        let all_found = words.clone().all(|w| {
            let found = if has_checksum {
                list.find_prefix(w)
            } else {
                list.find_word(w)
            };
            found.map(|i| indices.push(i)).is_some()
        });
        if !all_found {
            continue;
        }
        if has_checksum {
            let (data, last) = indices.split_at(indices.len().saturating_sub(1));
            let holds = last
                .first()
                .is_some_and(|&last| checksum_holds(list, data, last));
            if !holds {
                checksum_failed = true;
                continue;
            }
        }
        return Ok(language);
    }
    indices.zeroize();
    Err(if checksum_failed {
        Error::InvalidChecksum
    } else {
        Error::LanguageNotFound
    })
}
