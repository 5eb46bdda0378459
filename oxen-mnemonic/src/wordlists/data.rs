//! Compile-time readers of the word-list data files: `const fn`s that the list statics in
//! [`super`] evaluate in their initializers, so the arrays are built by the compiler and a
//! malformed file is a compile error (the `Err` message becomes the error text). Nothing here
//! runs at run time; the functions return `Err` rather than panic so that they could not panic
//! even if they did.
//!
//! Slices are walked with slice patterns and `split_at_checked` (no indexing, which is neither
//! `const` through `get` nor allowed by the workspace lints).

use crate::word_list::WORD_COUNT;

/// Splits `bytes` at its first `\n`: the line before it and what follows it; `None` if there is
/// no `\n`.
const fn split_line(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let mut tail = bytes;
    let mut len = 0;
    while let [byte, more @ ..] = tail {
        if *byte == b'\n' {
            return match bytes.split_at_checked(len) {
                Some((line, _)) => Some((line, more)),
                None => None,
            };
        }
        len += 1;
        tail = more;
    }
    None
}

/// True if `word` is non-empty and has no ASCII white space or control byte (so it survives the
/// decoders' splitting on white space unchanged; multi-byte UTF-8 never contains such a byte).
const fn is_plain_word(word: &[u8]) -> bool {
    if word.is_empty() {
        return false;
    }
    let mut tail = word;
    while let [byte, more @ ..] = tail {
        if *byte <= b' ' || *byte == 0x7F {
            return false;
        }
        tail = more;
    }
    true
}

/// The words of a `<list>.txt` file: exactly [`WORD_COUNT`] lines, each a plain word (see
/// `is_plain_word`) followed by `\n`, nothing after the last one.
pub(super) const fn words(text: &'static str) -> Result<[&'static str; WORD_COUNT], &'static str> {
    let mut words = [""; WORD_COUNT];
    let mut slots: &mut [&'static str] = &mut words;
    let mut rest = text.as_bytes();
    while let [slot, more_slots @ ..] = slots {
        let Some((line, after)) = split_line(rest) else {
            return Err("word list: fewer than 1626 lines ending in \\n");
        };
        if !is_plain_word(line) {
            return Err("word list: an empty line, or white space or a control byte in a word");
        }
        // Cut at an ASCII `\n` from valid UTF-8: always valid; the `Err` arm cannot be taken.
        let Ok(word) = core::str::from_utf8(line) else {
            return Err("word list: a line is not UTF-8");
        };
        *slot = word;
        slots = more_slots;
        rest = after;
    }
    if !rest.is_empty() {
        return Err("word list: more than 1626 lines");
    }
    Ok(words)
}

/// A permutation of the word indices from a `<list>.by_*.bin` file: exactly [`WORD_COUNT`]
/// little-endian `u16`, each below [`WORD_COUNT`] and none twice.
pub(super) const fn permutation(bytes: &[u8]) -> Result<[u16; WORD_COUNT], &'static str> {
    if bytes.len() != 2 * WORD_COUNT {
        return Err("index table: not 1626 little-endian u16 (3252 bytes)");
    }
    let mut table = [0_u16; WORD_COUNT];
    let mut seen = [false; WORD_COUNT];
    let mut slots: &mut [u16] = &mut table;
    let mut rest = bytes;
    while let ([slot, more_slots @ ..], [lo, hi, after @ ..]) = (slots, rest) {
        let index = u16::from_le_bytes([*lo, *hi]);
        let Some((_, [was_seen, ..])) = seen.split_at_mut_checked(index as usize) else {
            return Err("index table: an index is 1626 or more");
        };
        if *was_seen {
            return Err("index table: an index appears twice");
        }
        *was_seen = true;
        *slot = index;
        slots = more_slots;
        rest = after;
    }
    Ok(table)
}

#[cfg(test)]
#[path = "data_tests.rs"]
mod tests;
