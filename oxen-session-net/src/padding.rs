//! Message padding (spec `session.md` §14.1): the bytes a client appends to an encoded
//! `Content` before sealing it (one-to-one) or posting it (communities), and their removal.
//!
//! Both forms append the marker `0x80` and then zero bytes:
//!
//! ```text
//! legacy (desktop ≤ v1.17.2, BufferPadding.ts addMessagePadding)   len = 160·⌈(n+2)/160⌉ − 1
//!     n = 0 → 159, n = 157 → 159, n = 158 → 159, n = 159 → 319, n = 318 → 319, n = 319 → 479
//! libsession (session_protocol.cpp pad_message)                   len = 160·(⌊(n+1)/160⌋ + 1)
//!     n = 0 → 160, n = 158 → 160, n = 159 → 320 (a whole block of zeros after the marker)
//! ```
//!
//! The legacy sizes are one short of a multiple of 160 (the client computes the size of
//! `content ‖ 0x80 ‖ 0x00` and then drops one byte): a quirk copied byte for byte, pinned by
//! `message_padding.json` and by every `envelope.json` wrap case. The libsession form (pinned
//! from `session-foundation/libsession-util` `src/session_protocol.cpp`, `pad_message`, with
//! `COMMUNITY_OR_1O1_MSG_PADDING = 160`; not covered by the vectors) is what clients that hand
//! wrapping to libsession emit. [`pad`] emits the legacy form (see the README: the vectors pin
//! it and every client reads both); [`pad_with`] emits either.
//!
//! [`unpad`] is the client's removal rule (`removeMessagePadding`), which reads both forms:
//! walk back from the last byte over zero bytes; the first other byte decides: `0x80` → return
//! what comes before it; any other value → the input was not padded and is returned whole;
//! reaching the start (empty input, or only zeros) → [`Error::InvalidPadding`]. There is no
//! length or block check, and of several trailing `0x80` only the last is removed.
//! (libsession's own `unpad_message` returns an empty message where the client refuses: the
//! client's rule is the one here, as the vectors pin it.)

use alloc::vec::Vec;

use crate::error::Error;

/// The padding block of both forms (libsession `COMMUNITY_OR_1O1_MSG_PADDING`).
pub const BLOCK: usize = 160;
/// The byte that ends the content and starts the padding.
pub const MARKER: u8 = 0x80;

/// Which padding to emit. Both are removed by [`unpad`] (and by every client).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Form {
    /// Session desktop up to v1.17.2 (`addMessagePadding`): `160·⌈(n+2)/160⌉ − 1` bytes. The
    /// default: byte-exact with the reference vectors.
    #[default]
    Legacy,
    /// libsession-util `pad_message` (clients that wrap through libsession):
    /// `160·(⌊(n+1)/160⌋ + 1)` bytes, always a multiple of 160.
    Libsession,
}

/// The padded length of a content of `n` bytes in `form`, or `None` if it does not fit in a
/// `usize`.
#[must_use]
pub const fn padded_len(form: Form, n: usize) -> Option<usize> {
    let blocks = match form {
        // ⌈(n+2)/160⌉ blocks, minus one byte
        Form::Legacy => match n.checked_add(2) {
            Some(m) => m.div_ceil(BLOCK),
            None => return None,
        },
        // ⌊(n+1)/160⌋ + 1 blocks (n+1 ≥ 1, so no overflow here unless n = usize::MAX)
        Form::Libsession => match n.checked_add(1) {
            Some(m) => m / BLOCK + 1,
            None => return None,
        },
    };
    match (blocks.checked_mul(BLOCK), form) {
        (Some(len), Form::Legacy) => Some(len - 1),
        (Some(len), Form::Libsession) => Some(len),
        (None, _) => None,
    }
}

/// `addMessagePadding`: `content ‖ 0x80 ‖ 0x00…`, `160·⌈(n+2)/160⌉ − 1` bytes in all (the
/// legacy form, [`Form::Legacy`]).
///
/// ```
/// use oxen_session_net::padding::{pad, unpad};
///
/// let padded = pad(b"hi");
/// assert_eq!(padded.len(), 159);
/// assert_eq!(&padded[..3], b"hi\x80");
/// assert_eq!(unpad(&padded)?, b"hi");
/// # Ok::<(), oxen_session_net::Error>(())
/// ```
#[must_use]
pub fn pad(content: &[u8]) -> Vec<u8> {
    pad_with(Form::Legacy, content)
}

/// Pads `content` in the given form.
///
/// ```
/// use oxen_session_net::padding::{pad_with, unpad, Form};
///
/// let padded = pad_with(Form::Libsession, &[7; 159]);
/// assert_eq!(padded.len(), 320);
/// assert_eq!(unpad(&padded)?, &[7; 159][..]);
/// # Ok::<(), oxen_session_net::Error>(())
/// ```
#[must_use]
pub fn pad_with(form: Form, content: &[u8]) -> Vec<u8> {
    // a content held in memory is at most isize::MAX bytes, far below usize::MAX - 160
    let len = padded_len(form, content.len()).unwrap_or(usize::MAX);
    let mut out = Vec::with_capacity(len);
    out.extend_from_slice(content);
    out.push(MARKER);
    out.resize(len, 0);
    out
}

/// `removeMessagePadding`: the content without its padding, or the whole input if it does not
/// end in `0x80` followed by zero bytes. A borrow of `padded`: nothing is copied.
///
/// ```
/// use oxen_session_net::padding::unpad;
/// use oxen_session_net::Error;
///
/// assert_eq!(unpad(b"ab\x80\0\0")?, b"ab");
/// assert_eq!(unpad(b"ab\x80\x80\0")?, b"ab\x80"); // only the last marker goes
/// assert_eq!(unpad(b"ab\x01")?, b"ab\x01"); // not padded: taken whole
/// assert_eq!(unpad(b"\0\0"), Err(Error::InvalidPadding));
/// # Ok::<(), Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidPadding`] for an empty input or one of zero bytes only.
pub fn unpad(padded: &[u8]) -> Result<&[u8], Error> {
    match padded.iter().rposition(|&b| b != 0) {
        None => Err(Error::InvalidPadding),
        Some(i) if padded.get(i) == Some(&MARKER) => padded.get(..i).ok_or(Error::InvalidPadding),
        Some(_) => Ok(padded),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_of_both_forms() {
        for (n, legacy, lib) in [
            (0, 159, 160),
            (157, 159, 160),
            (158, 159, 160),
            (159, 319, 320),
            (160, 319, 320),
            (318, 319, 320),
            (319, 479, 480),
        ] {
            assert_eq!(padded_len(Form::Legacy, n), Some(legacy), "legacy {n}");
            assert_eq!(padded_len(Form::Libsession, n), Some(lib), "libsession {n}");
        }
        assert_eq!(padded_len(Form::Legacy, usize::MAX - 1), None);
        assert_eq!(padded_len(Form::Libsession, usize::MAX), None);
        assert_eq!(padded_len(Form::Libsession, usize::MAX - 1), None);
    }
}
