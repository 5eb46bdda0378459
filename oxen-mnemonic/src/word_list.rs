//! One word list as data, and the three ways a typed word is looked up in it.
//!
//! * [`WordList::find_word`]: the whole word, case-folded (oxen-core's `word_map`, used when a
//!   seed has no checksum word);
//! * [`WordList::find_prefix`]: the first `P` code points, case-folded (oxen-core's
//!   `trimmed_word_map`, used when a seed has a checksum word); a prefix shared by several
//!   words (EnglishOld only) maps to the **last** of them, as upstream's map insertion leaves it;
//! * [`WordList::find_prefix_exact`]: the first `P` characters, case-sensitive (Session
//!   desktop's `truncWords.indexOf`).
//!
//! **Case folding** (oxen-core `Language::utf8canonical`): every code point is lower-cased
//! (`towlower`) and re-encoded in the byte count of the original. A port folds with Unicode's
//! simple lower case (`char::to_lowercase`, in `core`); where the lower case has another UTF-8
//! length (KELVIN SIGN, OHM SIGN, ANGSTROM SIGN, LATIN CAPITAL LETTER I WITH DOT ABOVE, capital
//! sharp s, ...) or the code point takes 4 bytes, upstream's re-encoding yields bytes that are
//! not valid UTF-8 and equal no list word, so such a word is never found here either.
//!
//! The lookups binary-search the permutations `by_word` and `by_prefix` generated with the list
//! (`tools/gen_wordlists.py`; `tests/wordlists.rs` checks that they are sorted under
//! [`fold`]). They are variable-time string work on the (secret) typed words: see the README's
//! "Threat model".

use core::cmp::Ordering;

/// Words in every list (`Language::Base::NWORDS`), the base of the triple arithmetic.
pub const WORD_COUNT: usize = 1626;

/// A compiled word list (one per language, in `crate::wordlists`).
#[derive(Debug)]
pub(crate) struct WordList {
    /// Upstream's own name of the language (`get_language_name`), returned on decode.
    pub(crate) name: &'static str,
    /// Upstream's English name (`get_english_language_name`).
    pub(crate) english_name: &'static str,
    /// The unique prefix length `P`, in code points.
    pub(crate) prefix_len: usize,
    /// The words in index order.
    pub(crate) words: &'static [&'static str; WORD_COUNT],
    /// Indices sorted by the folded whole word.
    pub(crate) by_word: &'static [u16; WORD_COUNT],
    /// Indices sorted by the folded `P`-prefix, ties by index.
    pub(crate) by_prefix: &'static [u16; WORD_COUNT],
}

/// The first `count` code points of `s` (all of `s` if it is shorter): upstream's
/// `utf8prefix` (oxen-core) and, for the ASCII list prefixes Session compares, `slice(0, 3)`.
#[must_use]
pub(crate) fn prefix(s: &str, count: usize) -> &str {
    match s.char_indices().nth(count) {
        Some((end, _)) => s.get(..end).unwrap_or(s),
        None => s,
    }
}

/// oxen-core's case folding of one code point; `None` where upstream's re-encoding garbles it
/// (the lower case has another UTF-8 length, or the code point takes 4 bytes), so that no word
/// containing it can be found.
#[must_use]
pub(crate) fn fold(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) if l.len_utf8() == c.len_utf8() && c.len_utf8() < 4 => Some(l),
        _ => None,
    }
}

/// True if every code point of `s` folds.
fn foldable(s: &str) -> bool {
    s.chars().all(|c| fold(c).is_some())
}

/// Compares two strings by their folded code points (only called with foldable strings; a
/// code point that does not fold compares as itself).
fn cmp_folded(a: &str, b: &str) -> Ordering {
    a.chars()
        .map(|c| fold(c).unwrap_or(c))
        .cmp(b.chars().map(|c| fold(c).unwrap_or(c)))
}

impl WordList {
    /// The word at `index` (`""` for an index past the list, which no caller passes).
    #[must_use]
    pub(crate) fn word(&self, index: u16) -> &'static str {
        self.words.get(usize::from(index)).copied().unwrap_or("")
    }

    /// The list's own spelling of the `P`-prefix of word `index` (what the checksum hashes).
    #[must_use]
    pub(crate) fn word_prefix(&self, index: u16) -> &'static str {
        prefix(self.word(index), self.prefix_len)
    }

    /// Binary search of `table` for the last entry whose key (`key_of(word)`) folds equal to
    /// `needle`.
    fn search(
        &self,
        table: &[u16; WORD_COUNT],
        key_of: impl Fn(&'static str) -> &'static str,
        needle: &str,
    ) -> Option<u16> {
        if !foldable(needle) {
            return None;
        }
        let end = table
            .partition_point(|&i| cmp_folded(key_of(self.word(i)), needle) != Ordering::Greater);
        let last = *table.get(end.checked_sub(1)?)?;
        (cmp_folded(key_of(self.word(last)), needle) == Ordering::Equal).then_some(last)
    }

    /// The index of the whole word, case-folded (oxen-core `word_map`).
    #[must_use]
    pub(crate) fn find_word(&self, word: &str) -> Option<u16> {
        self.search(self.by_word, |w| w, word)
    }

    /// The index of the word whose `P`-prefix equals the `P`-prefix of `word`, case-folded
    /// (oxen-core `trimmed_word_map`); the last such word where several share it (EnglishOld).
    #[must_use]
    pub(crate) fn find_prefix(&self, word: &str) -> Option<u16> {
        let p = self.prefix_len;
        self.search(self.by_prefix, |w| prefix(w, p), prefix(word, p))
    }

    /// The index of the word whose `P`-prefix is exactly (case-sensitively) the `P`-prefix of
    /// `word` (Session desktop `truncWords.indexOf(word.slice(0, 3))`; on the English list,
    /// whose prefixes are unique and lower-case ASCII, the first match is the only one).
    #[must_use]
    pub(crate) fn find_prefix_exact(&self, word: &str) -> Option<u16> {
        let typed = prefix(word, self.prefix_len);
        let i = self.find_prefix(typed)?;
        (self.word_prefix(i) == typed).then_some(i)
    }
}

#[cfg(test)]
#[path = "word_list_tests.rs"]
mod tests;
