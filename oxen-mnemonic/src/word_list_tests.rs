//! Unit tests of the lookups against brute force over every list, and of the generated
//! tables' order under the crate's own folding.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use alloc::string::String;
use alloc::vec::Vec;
use core::cmp::Ordering;

use super::{WORD_COUNT, cmp_folded, fold, prefix};
use crate::Language;

/// Upper case, code point by code point, where it is one code point of the same UTF-8 length
/// (so "ß" stays, unlike `str::to_uppercase`'s "SS").
fn upper(s: &str) -> String {
    s.chars()
        .map(|c| {
            let mut u = c.to_uppercase();
            match (u.next(), u.next()) {
                (Some(x), None) if x.len_utf8() == c.len_utf8() => x,
                _ => c,
            }
        })
        .collect()
}

fn folded(s: &str) -> String {
    s.chars().map(|c| fold(c).unwrap()).collect()
}

#[test]
fn every_list_char_folds_to_itself_or_its_lower_case() {
    for l in Language::ALL {
        for w in l.words() {
            for c in w.chars() {
                let f = fold(c).unwrap_or_else(|| panic!("{l:?}: {c:?} in {w:?} does not fold"));
                assert_eq!(f.len_utf8(), c.len_utf8());
            }
        }
    }
}

#[test]
fn tables_are_sorted_permutations() {
    for l in Language::ALL {
        let list = l.list();
        let p = list.prefix_len;
        for (table, key) in [
            (
                list.by_word,
                (|w, _| w) as fn(&'static str, usize) -> &'static str,
            ),
            (list.by_prefix, prefix),
        ] {
            let mut seen = [false; WORD_COUNT];
            for &i in table {
                assert!(!core::mem::replace(&mut seen[usize::from(i)], true));
            }
            for pair in table.windows(2) {
                let (a, b) = (list.word(pair[0]), list.word(pair[1]));
                let ord = cmp_folded(key(a, p), key(b, p));
                assert!(
                    ord == Ordering::Less || (ord == Ordering::Equal && pair[0] < pair[1]),
                    "{l:?}: {a:?} before {b:?}"
                );
            }
        }
    }
}

#[test]
fn lookups_agree_with_brute_force() {
    for l in Language::ALL {
        let list = l.list();
        let p = list.prefix_len;
        for (i, w) in l.words().iter().enumerate() {
            let i = u16::try_from(i).unwrap();
            assert_eq!(list.find_word(w), Some(i), "{l:?} {w:?}");
            assert_eq!(list.find_word(&upper(w)), Some(i), "{l:?} {w:?}");
            // The prefix maps to the last word with that folded prefix.
            let want = (0..WORD_COUNT)
                .rev()
                .find(|&j| folded(prefix(l.words()[j], p)) == folded(prefix(w, p)))
                .map(|j| u16::try_from(j).unwrap());
            assert_eq!(list.find_prefix(w), want, "{l:?} {w:?}");
            let mut junk = String::from(prefix(w, p));
            if junk.chars().count() == p {
                junk.push_str("zzq");
                assert_eq!(list.find_prefix(&junk), want, "{l:?} {junk:?}");
            }
            if l != Language::EnglishOld {
                assert_eq!(want, Some(i));
            }
        }
    }
}

#[test]
fn english_old_has_shared_prefixes_and_short_words() {
    let list = Language::EnglishOld.list();
    let shared: Vec<u16> = (0..WORD_COUNT as u16)
        .filter(|&i| list.find_prefix(list.word(i)) != Some(i))
        .collect();
    assert!(!shared.is_empty());
    // Only lower-case ASCII, so the key spelling oxen-core hashes is the same for every word
    // sharing a prefix.
    assert!(
        list.words
            .iter()
            .all(|w| w.bytes().all(|b| b.is_ascii_lowercase()))
    );
}

#[test]
fn session_exact_lookup_is_case_sensitive() {
    let list = Language::English.list();
    assert_eq!(list.find_prefix_exact("abbey"), Some(0));
    assert_eq!(list.find_prefix_exact("abbzzz"), Some(0));
    assert_eq!(list.find_prefix_exact("Abbey"), None);
    assert_eq!(list.find_prefix("Abbey"), Some(0));
    assert_eq!(list.find_prefix_exact("ab"), None);
    assert_eq!(list.find_prefix_exact(""), None);
}

#[test]
fn unfoldable_code_points_never_match() {
    let list = Language::English.list();
    // U+212A KELVIN SIGN lower-cases to 'k' (1 byte): upstream's re-encoding garbles it.
    let w = list.words.iter().position(|w| w.starts_with('k')).unwrap();
    let kelvin: String = core::iter::once('\u{212A}')
        .chain(list.words[w].chars().skip(1))
        .collect();
    assert_eq!(list.find_word(&kelvin), None);
    assert_eq!(list.find_prefix(&kelvin), None);
    assert_eq!(fold('\u{130}'), None);
    assert_eq!(fold('\u{1F600}'), None);
    assert_eq!(fold('Ж'), Some('ж'));
    assert_eq!(fold('Ä'), Some('ä'));
}
