//! The compile-time readers accept exactly the generated format and refuse every malformed
//! file with the `Err` that names the fault (in a static's initializer, a compile error).
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use alloc::string::String;
use alloc::vec::Vec;

use super::{FEWER_LINES, INDEX_RANGE, MORE_LINES, NOT_A_WORD, TABLE_LENGTH, index_table, words};
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
    assert_eq!(words(utf8).unwrap()[..3], ["日本語", "Äpfel", "w0"]);
}

#[test]
fn words_refuses_malformed_text() {
    let rest = lines(WORD_COUNT - 1);
    for (text, message) in [
        (lines(WORD_COUNT - 1), FEWER_LINES),
        (lines(WORD_COUNT).trim_end().into(), FEWER_LINES),
        (String::new(), FEWER_LINES),
        (lines(WORD_COUNT + 1), MORE_LINES),
        (alloc::format!("{}x", lines(WORD_COUNT)), MORE_LINES),
        (alloc::format!("{}\n", lines(WORD_COUNT)), MORE_LINES),
        (lines(WORD_COUNT).replace('\n', "\r\n"), NOT_A_WORD),
        (alloc::format!("\n{rest}"), NOT_A_WORD),
        (alloc::format!("w\n\n{}", lines(WORD_COUNT - 2)), NOT_A_WORD),
        (alloc::format!(" w\n{rest}"), NOT_A_WORD),
        (alloc::format!("a b\n{rest}"), NOT_A_WORD),
        (alloc::format!("a\tb\n{rest}"), NOT_A_WORD),
        (alloc::format!("a\u{7f}\n{rest}"), NOT_A_WORD),
    ] {
        assert_eq!(words(leak(text.clone())), Err(message), "{text:?}");
    }
}

#[test]
fn index_table_reads_little_endian_u16() {
    let mut bytes = identity_bytes();
    bytes.swap(0, 2);
    bytes.swap(1, 3);
    assert_eq!(index_table(&bytes).unwrap()[..3], [1, 0, 2]);
    let reversed: Vec<u8> = (0..WORD_COUNT as u16)
        .rev()
        .flat_map(u16::to_le_bytes)
        .collect();
    // 1625 is [0x59, 0x06] little-endian (big-endian would read 22790, out of range).
    assert_eq!(index_table(&reversed).unwrap()[0], 1625);
}

#[test]
fn index_table_refuses_malformed_tables() {
    let good = identity_bytes();
    let mut out_of_range = good.clone();
    out_of_range[2..4].copy_from_slice(&1626_u16.to_le_bytes());
    let mut max = good.clone();
    max[WORD_COUNT * 2 - 2..].copy_from_slice(&u16::MAX.to_le_bytes());
    for (bytes, message) in [
        (good[..good.len() - 2].to_vec(), TABLE_LENGTH),
        (good[..good.len() - 1].to_vec(), TABLE_LENGTH),
        ([&good[..], &[0, 0]].concat(), TABLE_LENGTH),
        (Vec::new(), TABLE_LENGTH),
        (out_of_range, INDEX_RANGE),
        (max, INDEX_RANGE),
    ] {
        assert_eq!(index_table(&bytes), Err(message), "{} bytes", bytes.len());
    }
}
