//! Encoding bytes to words (oxen-core `bytes_to_words`, Session desktop `mnEncode`).
//!
//! Input: a non-empty byte string whose length is a multiple of 4. Each 4-byte chunk gives
//! three words ([`crate::triple`]); all data words in chunk order, then the checksum word
//! ([`crate::checksum`]), joined by single ASCII spaces: 32 bytes give 24 + 1 = 25 words, 16
//! bytes 12 + 1 = 13.

use alloc::string::String;
use alloc::vec::Vec;

use zeroize::Zeroizing;

use crate::checksum::checksum_index;
use crate::secret::Phrase;
use crate::triple::encode_chunk;
use crate::word_list::WordList;
use crate::{Error, Language};

/// Encodes `bytes` as words of `language`, with the checksum word: oxen-core's
/// `crypto::ElectrumWords::bytes_to_words`. A 32-byte spend key gives the 25-word seed Oxen
/// wallets show; 16 bytes give 13 words (in English, exactly Session's recovery phrase).
///
/// ```
/// use oxen_mnemonic::{bytes_to_words, Language};
/// let phrase = bytes_to_words(&[0u8; 32], Language::English)?;
/// assert_eq!(phrase.word_count(), 25);
/// assert!(phrase.expose_str().starts_with("abbey abbey"));
/// # Ok::<(), oxen_mnemonic::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidInputLength`] if `bytes` is empty or not a multiple of 4 bytes long
/// (checked first, as upstream does); [`Error::LanguageNotEncodable`] for
/// [`Language::EnglishOld`].
pub fn bytes_to_words(bytes: &[u8], language: Language) -> Result<Phrase, Error> {
    if bytes.is_empty() || !bytes.len().is_multiple_of(4) {
        return Err(Error::InvalidInputLength);
    }
    if !language.is_encodable() {
        return Err(Error::LanguageNotEncodable);
    }
    Ok(encode_with(language.list(), bytes))
}

/// The encoding proper; `bytes` is a non-empty multiple of 4 bytes (else the phrase is empty).
pub(crate) fn encode_with(list: &WordList, bytes: &[u8]) -> Phrase {
    let (chunks, _) = bytes.as_chunks::<4>();
    let mut indices = Zeroizing::new(Vec::with_capacity(chunks.len() * 3 + 1));
    for chunk in chunks {
        // Wiped when dropped, as upstream's `memwipe(w)`.
        let x = Zeroizing::new(u32::from_le_bytes(*chunk));
        let triple = Zeroizing::new(encode_chunk(*x));
        indices.extend_from_slice(triple.as_slice());
    }
    let Some(ci) = checksum_index(list, &indices) else {
        return Phrase::from_string(String::new());
    };
    if let Some(&checksum_word) = indices.get(ci) {
        indices.push(checksum_word);
    }
    // Size the text exactly, so that no reallocation leaves a partial copy behind.
    let len = indices
        .iter()
        .map(|&i| list.word(i).len() + 1)
        .sum::<usize>();
    let mut text = String::with_capacity(len.saturating_sub(1));
    for (n, &i) in indices.iter().enumerate() {
        if n > 0 {
            text.push(' ');
        }
        text.push_str(list.word(i));
    }
    Phrase::from_string(text)
}
