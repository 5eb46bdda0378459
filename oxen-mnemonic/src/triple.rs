//! The triple arithmetic: 4 bytes <-> 3 word indices, base `n = 1626`.
//!
//! Encoding (both implementations): the 4-byte chunk read as a little-endian `u32` `x` gives
//!
//! ```text
//! w1 = x mod n
//! w2 = (floor(x / n) + w1) mod n
//! w3 = (floor(x / n^2) + w2) mod n
//! ```
//!
//! Decoding inverts it: `x = w1 + n*((n - w1 + w2) mod n) + n^2*((n - w2 + w3) mod n)`. Since
//! `n^3 > 2^32`, some triples (e.g. any with `w3 = w2 - 1 mod n`) give `x >= 2^32`:
//!
//! * oxen-core computes in `uint32_t` and rejects the triple when the wrapped `x mod n != w1`
//!   ("mumble mumble"); since `2^32 mod n = 490`, that is exactly when `x >= 2^32`;
//! * Session desktop computes exactly (JavaScript numbers), keeps the last 8 hex digits, i.e.
//!   `x mod 2^32`, and never rejects.

use crate::word_list::WORD_COUNT;

/// `n` as `u32` (1626 fits).
const N: u32 = 1626;
const _: () = assert!(N as usize == WORD_COUNT);

/// The three word indices of a 4-byte chunk (`bytes_to_words`, `mnEncode`).
#[must_use]
pub(crate) fn encode_chunk(x: u32) -> [u16; 3] {
    let w1 = x % N;
    let w2 = (x / N + w1) % N;
    let w3 = (x / N / N + w2) % N;
    // Each value is < 1626.
    [w1, w2, w3].map(|w| u16::try_from(w).unwrap_or(0))
}

/// oxen-core `words_to_bytes`: the 32-bit value of a triple, `None` when it does not fit
/// ("mumble mumble"). Indices must be `< n`.
#[must_use]
pub(crate) fn decode_triple_oxen_core([w1, w2, w3]: [u16; 3]) -> Option<u32> {
    let (w1, w2, w3) = (u32::from(w1), u32::from(w2), u32::from(w3));
    // uint32_t arithmetic, wrapping exactly as upstream's.
    let x = w1
        .wrapping_add(N.wrapping_mul((N - w1 + w2) % N))
        .wrapping_add(N.wrapping_mul(N).wrapping_mul((N - w2 + w3) % N));
    (x % N == w1).then_some(x)
}

/// Session desktop `mnDecode`: the exact value of a triple taken mod 2^32 (an overflowing
/// triple is silently truncated). Indices must be `< n`.
#[must_use]
pub(crate) fn decode_triple_session([w1, w2, w3]: [u16; 3]) -> u32 {
    let (n, w1, w2, w3) = (u64::from(N), u64::from(w1), u64::from(w2), u64::from(w3));
    let x = w1 + n * ((n - w1 + w2) % n) + n * n * ((n - w2 + w3) % n);
    // `.slice(-8)` of the hex text: the low 32 bits.
    (x & 0xFFFF_FFFF) as u32
}
