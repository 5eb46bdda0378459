//! The 13 word lists of oxen-core as compiled-in data, one generated file per list
//! (`tools/gen_wordlists.py`, from `tests/wordlists/*.json`). Session desktop's `english.json`
//! is identical to oxen-core's English list.

pub(crate) mod chinese_simplified;
pub(crate) mod dutch;
pub(crate) mod english;
pub(crate) mod english_old;
pub(crate) mod esperanto;
pub(crate) mod french;
pub(crate) mod german;
pub(crate) mod italian;
pub(crate) mod japanese;
pub(crate) mod lojban;
pub(crate) mod portuguese;
pub(crate) mod russian;
pub(crate) mod spanish;
