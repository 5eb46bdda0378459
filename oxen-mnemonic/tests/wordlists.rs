//! The compiled word lists equal the JSON copies of oxen-core's lists (`tests/wordlists/`, from
//! `shared/vectors/mnemonic/wordlists/`): words in index order, both names, prefix length; and
//! the data files compiled in (`src/wordlists/<list>.txt`, `.by_word.bin`, `.by_prefix.bin`)
//! are what `tools/gen_wordlists.py` makes of the JSON, the index tables recomputed here.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use oxen_mnemonic::{Language, WORD_COUNT};
use serde_json::Value as J;

fn file_stem(l: Language) -> &'static str {
    match l {
        Language::German => "german",
        Language::English => "english",
        Language::Spanish => "spanish",
        Language::French => "french",
        Language::Italian => "italian",
        Language::Dutch => "dutch",
        Language::Portuguese => "portuguese",
        Language::Russian => "russian",
        Language::Japanese => "japanese",
        Language::ChineseSimplified => "chinese_simplified",
        Language::Esperanto => "esperanto",
        Language::Lojban => "lojban",
        Language::EnglishOld => "english_old",
    }
}

fn json_words(j: &J) -> Vec<&str> {
    j["words"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect()
}

fn load(l: Language) -> J {
    let path = format!(
        "{}/tests/wordlists/{}.json",
        env!("CARGO_MANIFEST_DIR"),
        file_stem(l)
    );
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

#[test]
fn compiled_lists_equal_the_json_lists() {
    let dir = format!("{}/tests/wordlists", env!("CARGO_MANIFEST_DIR"));
    assert_eq!(std::fs::read_dir(dir).unwrap().count(), 13, "13 JSON lists");
    for l in Language::ALL {
        let j = load(l);
        let words = json_words(&j);
        assert_eq!(words.len(), WORD_COUNT, "{l:?}");
        assert_eq!(&l.words()[..], &words[..], "{l:?} words");
        assert_eq!(l.name(), j["language_name"].as_str().unwrap(), "{l:?}");
        assert_eq!(
            l.english_name(),
            j["english_name"].as_str().unwrap(),
            "{l:?}"
        );
        assert_eq!(
            l.unique_prefix_length() as u64,
            j["unique_prefix_length"].as_u64().unwrap(),
            "{l:?}"
        );
    }
}

/// The indices sorted by `key(word)` lower-cased, ties by index, as 1626 little-endian `u16`.
fn sorted_table(words: &[&str], key: impl Fn(&str) -> String) -> Vec<u8> {
    let mut indices: Vec<u16> = (0..WORD_COUNT as u16).collect();
    indices.sort_by_key(|&i| (key(words[usize::from(i)]).to_lowercase(), i));
    indices.into_iter().flat_map(u16::to_le_bytes).collect()
}

#[test]
fn data_files_equal_the_json_lists() {
    let dir = format!("{}/src/wordlists", env!("CARGO_MANIFEST_DIR"));
    for l in Language::ALL {
        let (j, stem) = (load(l), file_stem(l));
        let words = json_words(&j);
        let p = usize::try_from(j["unique_prefix_length"].as_u64().unwrap()).unwrap();
        let text = std::fs::read_to_string(format!("{dir}/{stem}.txt")).unwrap();
        assert_eq!(
            text,
            words.iter().map(|w| format!("{w}\n")).collect::<String>(),
            "{l:?}"
        );
        let by_word = sorted_table(&words, str::to_owned);
        let by_prefix = sorted_table(&words, |w| w.chars().take(p).collect());
        for (suffix, want) in [("by_word", by_word), ("by_prefix", by_prefix)] {
            let got = std::fs::read(format!("{dir}/{stem}.{suffix}.bin")).unwrap();
            assert_eq!(got, want, "{l:?} {suffix}");
        }
    }
}

#[test]
fn language_tables_and_names() {
    assert_eq!(Language::ENCODABLE[..], Language::ALL[..12]);
    assert_eq!(Language::ALL[12], Language::EnglishOld);
    let mut detection = Language::DETECTION_ORDER.to_vec();
    detection.sort();
    assert_eq!(
        detection,
        Language::ALL.to_vec(),
        "detection order is a permutation"
    );
    for l in Language::ALL {
        assert_eq!(Language::from_name(l.name()), Ok(l));
        assert_eq!(Language::from_name(l.english_name()), Ok(l));
        assert_eq!(l.english_name().parse::<Language>(), Ok(l));
        assert_eq!(l.is_encodable(), l != Language::EnglishOld);
    }
    assert_eq!(Language::from_name("Deutsch"), Ok(Language::German));
    assert_eq!(
        Language::from_name("English (old)"),
        Ok(Language::EnglishOld)
    );
    assert_eq!(
        Language::from_name("简体中文 (中国)"),
        Ok(Language::ChineseSimplified)
    );
}

/// Session desktop's `english.json` is oxen-core's English list: the Session vectors decode
/// with it (tests/vectors.rs); here, its first and last words and prefix length.
#[test]
fn english_is_sessions_list() {
    let w = Language::English.words();
    assert_eq!((w[0], w[WORD_COUNT - 1]), ("abbey", "zoom"));
    assert_eq!(Language::English.unique_prefix_length(), 3);
}
