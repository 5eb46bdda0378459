//! The compile-time readers accept exactly the generated format and refuse every malformed
//! file with `Err` (in a static's initializer, a compile error).
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use alloc::string::String;
use alloc::vec::Vec;

use super::{permutation, words};
use crate::word_list::WORD_COUNT;

/// `count` distinct words `w0`, `w1`, ..., each followed by `\n`.
fn lines(count: usize) -> String {
    (0..count).map(|i| alloc::format!("w{i}\n")).collect()
}

/// Leaks `text` to get the `&'static str` that `include_str!` gives.
fn leak(text: String) -> &'static str {
    alloc::boxed::Box::leak(text.into_boxed_str())
}

fn identity_bytes() -> Vec<u8> {
    (0..WORD_COUNT as u16).flat_map(u16::to_le_bytes).collect()
}

#[test]
fn words_reads_one_word_per_line() {
    let list = words(leak(lines(WORD_COUNT))).unwrap();
    assert_eq!((list[0], list[WORD_COUNT - 1]), ("w0", "w1625"));
    let utf8 = leak(alloc::format!("日本語\nÄpfel\n{}", lines(WORD_COUNT - 2)));
    assert_eq!(words(utf8).unwrap()[..2], ["日本語", "Äpfel"]);
}

#[test]
fn words_refuses_malformed_text() {
    const FEWER: &str = "word list: fewer than 1626 lines ending in \\n";
    const MORE: &str = "word list: more than 1626 lines";
    const NOT_PLAIN: &str = "word list: an empty line, or white space or a control byte in a word";
    let rest = lines(WORD_COUNT - 1);
    for (text, message) in [
        (lines(WORD_COUNT - 1), FEWER),
        (lines(WORD_COUNT).trim_end().into(), FEWER),
        (String::new(), FEWER),
        (lines(WORD_COUNT + 1), MORE),
        (alloc::format!("{}x", lines(WORD_COUNT)), MORE),
        (lines(WORD_COUNT).replace('\n', "\r\n"), NOT_PLAIN),
        (alloc::format!("\n{rest}"), NOT_PLAIN),
        (alloc::format!("a b\n{rest}"), NOT_PLAIN),
        (alloc::format!("a\tb\n{rest}"), NOT_PLAIN),
        (alloc::format!("a\u{7f}\n{rest}"), NOT_PLAIN),
    ] {
        assert_eq!(words(leak(text.clone())), Err(message), "{text:?}");
    }
}

#[test]
fn permutation_reads_little_endian_u16() {
    let mut bytes = identity_bytes();
    bytes.swap(0, 2);
    bytes.swap(1, 3);
    let table = permutation(&bytes).unwrap();
    assert_eq!(table[..3], [1, 0, 2]);
    let reversed: Vec<u8> = (0..WORD_COUNT as u16)
        .rev()
        .flat_map(u16::to_le_bytes)
        .collect();
    assert_eq!(permutation(&reversed).unwrap()[0], 1625);
    // Little-endian: [1, 0] is 1 (big-endian would read 256).
    assert_eq!(permutation(&identity_bytes()).unwrap()[1], 1);
}

#[test]
fn permutation_refuses_malformed_tables() {
    const LENGTH: &str = "index table: not 1626 little-endian u16 (3252 bytes)";
    let good = identity_bytes();
    let mut duplicate = good.clone();
    duplicate[2..4].copy_from_slice(&0_u16.to_le_bytes());
    let mut out_of_range = good.clone();
    out_of_range[2..4].copy_from_slice(&1626_u16.to_le_bytes());
    for (bytes, message) in [
        (good[..good.len() - 2].to_vec(), LENGTH),
        (good[..good.len() - 1].to_vec(), LENGTH),
        ([&good[..], &[0, 0]].concat(), LENGTH),
        (Vec::new(), LENGTH),
        (duplicate, "index table: an index appears twice"),
        (out_of_range, "index table: an index is 1626 or more"),
    ] {
        assert_eq!(permutation(&bytes), Err(message), "{} bytes", bytes.len());
    }
}
