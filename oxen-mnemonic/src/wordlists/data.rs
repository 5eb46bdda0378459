//! Compile-time readers of the word-list data files: `const fn`s that the list statics in
//! [`super`] evaluate in their initializers, so the arrays are built by the compiler and a
//! malformed file is a compile error (the `Err` message becomes the error text). Nothing here
//! runs at run time; the functions return `Err` rather than panic so that they could not panic
//! even if they did.
//!
//! What is checked here is the format: the line and byte counts, each word a non-empty line
//! without white space or control bytes, each index below [`WORD_COUNT`]. That every index table
//! is a permutation sorted under the crate's case folding is checked by the tests
//! (`tables_are_sorted_permutations`, and `tests/wordlists.rs` against the JSON lists): folding
//! is not `const`, and a duplicate check needs a write at a data-dependent index, which adds
//! about a second of compile time when done without indexing (`split_at_mut_checked`).
//!
//! Slices are walked with slice patterns (no indexing, which the workspace lints deny). The cost
//! is compile time: about 2 s of CPU for the 13 lists on each build of the crate that is not
//! incremental (with the generated literal arrays, the whole crate checked in 0.3 s), most of it
//! in the one `str::split_at_checked` that cuts out each word; the byte scan and the tables are
//! cheap.

use crate::word_list::WORD_COUNT;

/// The text ends before the 1626th line, or its last line has no `\n`.
pub(super) const FEWER_LINES: &str = "word list: fewer than 1626 lines ending in \\n";
/// Text after the 1626th line.
pub(super) const MORE_LINES: &str = "word list: more than 1626 lines";
/// An empty line, or a word with white space (`\r` included) or a control byte.
pub(super) const NOT_A_WORD: &str =
    "word list: an empty line, or white space or a control byte in a word";
/// An index table of another length.
pub(super) const TABLE_LENGTH: &str = "index table: not 1626 little-endian u16 (3252 bytes)";
/// An index table entry of 1626 or more.
pub(super) const INDEX_RANGE: &str = "index table: an index is 1626 or more";

/// The length of the first line of `bytes`, its `\n` included, if the line is a word: not
/// empty, no ASCII white space or control byte (so that a word survives the decoders' splitting
/// on white space unchanged; multi-byte UTF-8 never contains such a byte).
const fn line_len(bytes: &[u8]) -> Result<usize, &'static str> {
    let mut tail = bytes;
    let mut len = 0;
    loop {
        match tail {
            [b'\n', ..] if len > 0 => return Ok(len + 1),
            [] => return Err(FEWER_LINES),
            [0..=b' ' | 0x7F, ..] => return Err(NOT_A_WORD),
            [_, more @ ..] => {
                tail = more;
                len += 1;
            }
        }
    }
}

/// The words of a `<list>.txt` file: exactly [`WORD_COUNT`] lines, each a word (see
/// `line_len`) followed by `\n`, nothing after the last one.
pub(super) const fn words(text: &'static str) -> Result<[&'static str; WORD_COUNT], &'static str> {
    let mut words = [""; WORD_COUNT];
    let mut slots: &mut [&'static str] = &mut words;
    let mut rest = text;
    while let [slot, more_slots @ ..] = slots {
        let len = match line_len(rest.as_bytes()) {
            Ok(len) => len,
            Err(message) => return Err(message),
        };
        // `len` ends just after an ASCII `\n`, a char boundary: the `None` arm is not taken.
        let Some((line, after)) = rest.split_at_checked(len) else {
            return Err(FEWER_LINES);
        };
        // The line is a word and its `\n`: trimming drops exactly the `\n`.
        *slot = line.trim_ascii_end();
        slots = more_slots;
        rest = after;
    }
    if !rest.is_empty() {
        return Err(MORE_LINES);
    }
    Ok(words)
}

/// An index table from a `<list>.by_*.bin` file: exactly [`WORD_COUNT`] little-endian `u16`,
/// each below [`WORD_COUNT`].
pub(super) const fn index_table(bytes: &[u8]) -> Result<[u16; WORD_COUNT], &'static str> {
    if bytes.len() != 2 * WORD_COUNT {
        return Err(TABLE_LENGTH);
    }
    let mut table = [0_u16; WORD_COUNT];
    let mut slots: &mut [u16] = &mut table;
    let mut rest = bytes;
    while let ([slot, more_slots @ ..], [lo, hi, after @ ..]) = (slots, rest) {
        let index = u16::from_le_bytes([*lo, *hi]);
        if index as usize >= WORD_COUNT {
            return Err(INDEX_RANGE);
        }
        *slot = index;
        slots = more_slots;
        rest = after;
    }
    Ok(table)
}

#[cfg(test)]
#[path = "data_tests.rs"]
mod tests;
