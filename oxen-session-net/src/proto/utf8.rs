//! Lenient UTF-8 decoding as the Session clients decode protobuf strings: `@protobufjs/utf8`
//! 1.1.0 `utf8.read` (the npm release protobufjs 7.4 depends on; the repository's later rewrite
//! of this function was never published under a new version), producing UTF-16 code units that
//! become a Rust [`String`].
//!
//! The decoder never fails. Each byte `t` starts a sequence by its value alone, continuation
//! bytes are taken as they come (only their low six bits), and bytes past the end of the field
//! read as 0:
//!
//! | lead byte | code units |
//! | --- | --- |
//! | `00`–`7f` | `t` |
//! | `c0`–`df` | `(t & 31) << 6 \| b1 & 63` |
//! | `f0`–`ff` | `v = ((t & 7) << 18 \| (b1 & 63) << 12 \| (b2 & 63) << 6 \| b3 & 63) − 0x10000`; `0xd800 + (v >> 10)`, `0xdc00 + (v & 1023)` (arithmetic shift) |
//! | `80`–`bf`, `e0`–`ef` | `(t & 15) << 12 \| (b1 & 63) << 6 \| b2 & 63` |
//!
//! So `c3 28` reads as "è" (`protobuf.json` `decode_invalid_utf8_body`). Code units are
//! gathered in chunks of 8192: a chunk is flushed when it passes 8191 units, and a flush
//! emits the whole chunk array, whose length is the most units it ever held; after a flush at
//! 8193 units (a surrogate pair written at 8191), a later flush at 8192 emits one stale unit
//! left from the earlier chunk. This is reproduced (`tests/proto_quirks.rs`).
//!
//! The units become a Rust string with each unpaired surrogate replaced by U+FFFD (JavaScript
//! keeps the unpaired unit; see the crate README, "Divergences"). Valid UTF-8 shorter than 8192
//! bytes decodes to itself and takes a fast path.

use alloc::string::String;
use alloc::vec::Vec;

use zeroize::Zeroizing;

/// protobufjs's chunk size: a chunk is flushed once it holds more than this many units.
const CHUNK_LIMIT: usize = 8191;

/// Decodes `bytes` as protobufjs does (see the module documentation).
///
/// ```
/// use oxen_session_net::proto::utf8::read;
///
/// assert_eq!(read(b"hello"), "hello");
/// assert_eq!(read(&[0xc3, 0x28]), "\u{e8}");
/// assert_eq!(read(&[0xed, 0xa0, 0x80]), "\u{fffd}"); // an unpaired surrogate
/// ```
#[must_use]
pub fn read(bytes: &[u8]) -> String {
    if bytes.len() <= CHUNK_LIMIT
        && let Ok(s) = core::str::from_utf8(bytes)
    {
        return String::from(s);
    }
    let units = code_units(bytes);
    let chars = || char::decode_utf16(units.iter().copied()).map(|c| c.unwrap_or('\u{fffd}'));
    // sized first, so the (possibly secret) text is written once, with no reallocation
    let mut out = String::with_capacity(chars().map(char::len_utf8).sum());
    out.extend(chars());
    out
}

/// protobufjs's chunked gathering of code units (see the module documentation).
struct Chunks {
    out: Zeroizing<Vec<u16>>,
    chunk: Zeroizing<[u16; CHUNK_LIMIT + 2]>,
    /// The next index in the chunk (`i` in protobufjs).
    i: usize,
    /// The length of the chunk array: the most units it ever held.
    len: usize,
}

impl Chunks {
    fn put(&mut self, unit: u32) {
        if let Some(slot) = self.chunk.get_mut(self.i) {
            // every unit is below 0x10000 (see the table)
            *slot = (unit & 0xffff) as u16;
        }
        self.i += 1;
        self.len = self.len.max(self.i);
    }

    fn flush_if_full(&mut self) {
        if self.i > CHUNK_LIMIT {
            // `String.fromCharCode.apply(String, chunk)`: the whole array, stale units included
            self.out.extend(self.chunk.iter().take(self.len));
            self.i = 0;
        }
    }

    fn finish(mut self) -> Zeroizing<Vec<u16>> {
        let tail = self.i;
        self.out.extend(self.chunk.iter().take(tail));
        self.out
    }
}

/// The UTF-16 code units protobufjs produces, chunking included (wiped when dropped).
fn code_units(bytes: &[u8]) -> Zeroizing<Vec<u16>> {
    let at = |i: usize| u32::from(bytes.get(i).copied().unwrap_or(0));
    let mut units = Chunks {
        // each byte gives at most two units
        out: Zeroizing::new(Vec::with_capacity(bytes.len().saturating_mul(2))),
        chunk: Zeroizing::new([0u16; CHUNK_LIMIT + 2]),
        i: 0,
        len: 0,
    };
    let mut start = 0usize;
    while let Some(&lead) = bytes.get(start) {
        let t = u32::from(lead);
        start += 1;
        if t < 0x80 {
            units.put(t);
        } else if (0xc0..0xe0).contains(&t) {
            units.put(((t & 31) << 6) | (at(start) & 63));
            start += 1;
        } else if t >= 0xf0 {
            let v = ((t & 7) << 18)
                | ((at(start) & 63) << 12)
                | ((at(start + 1) & 63) << 6)
                | (at(start + 2) & 63);
            start += 3;
            // v < 2^21, so the subtraction fits an i32; `>>` is arithmetic as in JavaScript
            #[allow(clippy::cast_possible_wrap)]
            let v = v as i32 - 0x10000;
            #[allow(clippy::cast_sign_loss)]
            let (hi, lo) = ((0xd800 + (v >> 10)) as u32, (0xdc00 + (v & 1023)) as u32);
            units.put(hi);
            units.put(lo);
        } else {
            units.put(((t & 15) << 12) | ((at(start) & 63) << 6) | (at(start + 1) & 63));
            start += 2;
        }
        units.flush_if_full();
    }
    units.finish()
}
