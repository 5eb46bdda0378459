//! The seed languages: the twelve encodable word lists of oxen-core in its listing order
//! (`crypto::ElectrumWords::get_language_list`), plus EnglishOld (the original Electrum list),
//! which oxen-core only decodes.

use core::str::FromStr;

use crate::Error;
use crate::word_list::{WORD_COUNT, WordList};
use crate::wordlists;

/// A word list of oxen-core. The variants are in upstream's listing order (the order of
/// [`Language::ENCODABLE`]); decoding tries them in another order
/// ([`Language::DETECTION_ORDER`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Language {
    /// German ("Deutsch"), prefix length 4. Its nouns are capitalised in the list; decoding
    /// ignores case.
    German,
    /// English, prefix length 3: the list of Oxen wallets and of Session recovery phrases.
    English,
    /// Spanish ("Español"), prefix length 4 (36 words are shorter: each is its own prefix).
    Spanish,
    /// French ("Français"), prefix length 4.
    French,
    /// Italian ("Italiano"), prefix length 4.
    Italian,
    /// Dutch ("Nederlands"), prefix length 4.
    Dutch,
    /// Portuguese ("Português"), prefix length 4.
    Portuguese,
    /// Russian ("русский язык"), prefix length 4.
    Russian,
    /// Japanese ("日本語"), prefix length 3. Words are separated by ASCII spaces like every
    /// other list (U+3000 does not separate).
    Japanese,
    /// Chinese, simplified ("简体中文 (中国)"), prefix length 1.
    ChineseSimplified,
    /// Esperanto, prefix length 4.
    Esperanto,
    /// Lojban, prefix length 4.
    Lojban,
    /// The original Electrum list ("EnglishOld", English name "English (old)"), prefix length
    /// 4: **decode only**. 108 words are shorter than 4 letters and 215 prefixes are shared by
    /// several words; a shared prefix means the last of them.
    EnglishOld,
}

impl Language {
    /// The languages [`bytes_to_words`](crate::bytes_to_words) accepts, in upstream's listing
    /// order (`get_language_list`).
    pub const ENCODABLE: [Language; 12] = [
        Language::German,
        Language::English,
        Language::Spanish,
        Language::French,
        Language::Italian,
        Language::Dutch,
        Language::Portuguese,
        Language::Russian,
        Language::Japanese,
        Language::ChineseSimplified,
        Language::Esperanto,
        Language::Lojban,
    ];

    /// Every language: the encodable ones, then EnglishOld.
    pub const ALL: [Language; 13] = [
        Language::German,
        Language::English,
        Language::Spanish,
        Language::French,
        Language::Italian,
        Language::Dutch,
        Language::Portuguese,
        Language::Russian,
        Language::Japanese,
        Language::ChineseSimplified,
        Language::Esperanto,
        Language::Lojban,
        Language::EnglishOld,
    ];

    /// The order in which oxen-core's decoder tries the languages (`find_seed_language`); the
    /// first that matches wins.
    pub const DETECTION_ORDER: [Language; 13] = [
        Language::ChineseSimplified,
        Language::English,
        Language::Dutch,
        Language::French,
        Language::Spanish,
        Language::German,
        Language::Italian,
        Language::Portuguese,
        Language::Japanese,
        Language::Russian,
        Language::Esperanto,
        Language::Lojban,
        Language::EnglishOld,
    ];

    /// The compiled word list.
    pub(crate) fn list(self) -> &'static WordList {
        match self {
            Language::German => &wordlists::GERMAN,
            Language::English => &wordlists::ENGLISH,
            Language::Spanish => &wordlists::SPANISH,
            Language::French => &wordlists::FRENCH,
            Language::Italian => &wordlists::ITALIAN,
            Language::Dutch => &wordlists::DUTCH,
            Language::Portuguese => &wordlists::PORTUGUESE,
            Language::Russian => &wordlists::RUSSIAN,
            Language::Japanese => &wordlists::JAPANESE,
            Language::ChineseSimplified => &wordlists::CHINESE_SIMPLIFIED,
            Language::Esperanto => &wordlists::ESPERANTO,
            Language::Lojban => &wordlists::LOJBAN,
            Language::EnglishOld => &wordlists::ENGLISH_OLD,
        }
    }

    /// Upstream's own name of the language (`get_language_name`), what oxen-core's decoder
    /// reports: e.g. `"Deutsch"`, `"简体中文 (中国)"`, `"EnglishOld"`.
    #[must_use]
    pub fn name(self) -> &'static str {
        self.list().name
    }

    /// The English name (`get_english_language_name`): e.g. `"German"`,
    /// `"Chinese (simplified)"`, `"English (old)"`.
    #[must_use]
    pub fn english_name(self) -> &'static str {
        self.list().english_name
    }

    /// The unique prefix length `P` in code points: no two words of the list share their first
    /// `P` code points (except in EnglishOld).
    #[must_use]
    pub fn unique_prefix_length(self) -> usize {
        self.list().prefix_len
    }

    /// The 1626 words in index order (the list's own spelling).
    #[must_use]
    pub fn words(self) -> &'static [&'static str; WORD_COUNT] {
        self.list().words
    }

    /// False only for EnglishOld, which oxen-core decodes but never encodes.
    #[must_use]
    pub const fn is_encodable(self) -> bool {
        !matches!(self, Language::EnglishOld)
    }

    /// The language whose upstream name or English name is exactly `name` (case-sensitive, as
    /// upstream's `bytes_to_words` compares), EnglishOld included.
    ///
    /// # Errors
    /// [`Error::UnknownLanguage`] if no list has that name.
    pub fn from_name(name: &str) -> Result<Language, Error> {
        Language::ALL
            .into_iter()
            .find(|l| l.name() == name || l.english_name() == name)
            .ok_or(Error::UnknownLanguage)
    }
}

/// [`Language::from_name`].
impl FromStr for Language {
    type Err = Error;

    fn from_str(s: &str) -> Result<Language, Error> {
        Language::from_name(s)
    }
}
