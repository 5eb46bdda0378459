//! The checksum word (oxen-core `create_checksum_index`, Session desktop
//! `mn_get_checksum_index`).
//!
//! Over the data words `d[0..k)`: concatenate the list's spelling of each word's `P`-prefix
//! (UTF-8, no separator), take the common reflected CRC-32 (polynomial 0xEDB88320, initial value
//! and final xor 0xFFFFFFFF: zlib's `crc32`, boost's `crc_32_type`, buffer-crc32), and the
//! checksum word is `d[crc mod k]`. On decode the last word must have the same `P`-prefix as
//! that word (oxen-core: case-folded; Session: exactly).
//!
//! Both implementations hash the prefixes of the *typed* words, but only after every data word
//! was found by its prefix, so the typed prefix is the list's prefix up to case; oxen-core
//! hashes its map key (the list's spelling) and Session compares case-sensitively, so both hash
//! exactly the list's spelling computed here from the word indices.

use crate::word_list::WordList;

/// `crc mod k` over the data word indices; `None` when there are no data words (upstream would
/// divide by zero; no caller passes an empty slice).
#[must_use]
pub(crate) fn checksum_index(list: &WordList, data: &[u16]) -> Option<usize> {
    let k = u64::try_from(data.len()).ok().filter(|&k| k > 0)?;
    let mut crc = crc32fast::Hasher::new();
    for &i in data {
        crc.update(list.word_prefix(i).as_bytes());
    }
    usize::try_from(u64::from(crc.finalize()) % k).ok()
}

/// oxen-core's `checksum_test` on found words: the word at `data[checksum_index]` and the
/// checksum word have the same (case-folded) `P`-prefix, i.e. (prefixes being unique, or mapped
/// to one index each in EnglishOld) the same index.
#[must_use]
pub(crate) fn checksum_holds(list: &WordList, data: &[u16], checksum_word: u16) -> bool {
    checksum_index(list, data)
        .and_then(|ci| data.get(ci))
        .is_some_and(|&expected| expected == checksum_word)
}
