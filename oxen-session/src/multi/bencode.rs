//! The one bencoded shape of the `_simple` multi-recipient form, written and read strictly:
//!
//! ```text
//! d 1:# 24:<nonce> 1:e l <len>:<entry> … e e
//! ```
//!
//! a dictionary with exactly the keys `#` (the 24-byte nonce) and `e` (a list of byte strings:
//! the ciphertexts, then any junk), in that order, lengths in decimal without leading zeros,
//! nothing after the closing `e`. This is what libsession's `oxenc::bt_dict_producer` writes.
//!
//! The reader accepts that shape and nothing else, and checks all of it before anything is
//! decrypted. oxenc's consumer (what libsession reads with) is laxer: it skips dictionary keys
//! sorted before `#` or between `#` and `e`, ignores whatever follows the list, accepts lengths
//! with leading zeros, and reads list entries lazily, so a non-string entry after the one that
//! decrypts goes unnoticed. No encoder produces such input; refusing it is a documented
//! divergence (README "Divergences"). A general bencode crate would accept the same extras and
//! bring a value tree and allocations for a fixed two-key shape, so this reader is written out:
//! a few lines, no allocation, every step a `?` on an `Option`.

use alloc::vec::Vec;

/// The bytes before the nonce: `d`, key `#`, a 24-byte string header.
const BEFORE_NONCE: &[u8] = b"d1:#24:";
/// The bytes between the nonce and the first entry: key `e`, list start.
const BEFORE_LIST: &[u8] = b"1:el";
/// The end of the list and of the dictionary.
const END: &[u8] = b"ee";

/// Decimal digits of `n`.
pub(super) fn decimal_len(mut n: usize) -> usize {
    let mut d = 1;
    while n >= 10 {
        n /= 10;
        d += 1;
    }
    d
}

/// Bytes an entry of `len` bytes takes: `<len>:<bytes>`.
pub(super) fn entry_len(len: usize) -> usize {
    decimal_len(len).saturating_add(1).saturating_add(len)
}

/// Bytes of the encoding around its entries.
pub(super) const FRAME_LEN: usize =
    BEFORE_NONCE.len() + super::NONCE_LEN + BEFORE_LIST.len() + END.len();

/// Writes the start of the encoding, up to the first entry.
pub(super) fn write_start(out: &mut Vec<u8>, nonce: &[u8; super::NONCE_LEN]) {
    out.extend_from_slice(BEFORE_NONCE);
    out.extend_from_slice(nonce);
    out.extend_from_slice(BEFORE_LIST);
}

/// Writes an entry's `<len>:` header.
pub(super) fn write_entry_header(out: &mut Vec<u8>, len: usize) {
    let start = out.len();
    let mut n = len;
    loop {
        out.push(b'0' + u8::try_from(n % 10).unwrap_or(0));
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if let Some(digits) = out.get_mut(start..) {
        digits.reverse();
    }
    out.push(b':');
}

/// Writes the end of the list and of the dictionary.
pub(super) fn write_end(out: &mut Vec<u8>) {
    out.extend_from_slice(END);
}

/// A checked encoding: the nonce and the list's entries.
#[derive(Clone, Copy, Debug)]
pub(super) struct Encoded<'a> {
    /// The 24-byte nonce (key `#`).
    pub nonce: &'a [u8; super::NONCE_LEN],
    /// The entries of the list (key `e`), already checked to be byte strings.
    entries: &'a [u8],
}

impl<'a> Encoded<'a> {
    /// Reads `encoded` if it is exactly the shape of the module docs; `None` otherwise.
    pub fn parse(encoded: &'a [u8]) -> Option<Encoded<'a>> {
        let rest = encoded.strip_prefix(BEFORE_NONCE)?;
        let (nonce, rest) = rest.split_first_chunk::<{ super::NONCE_LEN }>()?;
        let entries = rest.strip_prefix(BEFORE_LIST)?;
        let mut tail = entries;
        while tail.first() != Some(&b'e') {
            tail = read_string(tail)?.1;
        }
        if tail != END {
            return None;
        }
        let entries = entries.get(..entries.len().checked_sub(END.len())?)?;
        Some(Encoded { nonce, entries })
    }

    /// The list's entries, in order.
    pub fn entries(&self) -> Entries<'a> {
        Entries(self.entries)
    }
}

/// Iterator over the entries of a checked list.
#[derive(Clone, Debug)]
pub(super) struct Entries<'a>(&'a [u8]);

impl<'a> Iterator for Entries<'a> {
    type Item = &'a [u8];
    fn next(&mut self) -> Option<&'a [u8]> {
        let (entry, rest) = read_string(self.0)?;
        self.0 = rest;
        Some(entry)
    }
}

/// Reads one byte string `<len>:<bytes>` (len in decimal, no leading zero unless it is `0`)
/// from the start of `s`: the bytes and what follows them.
fn read_string(s: &[u8]) -> Option<(&[u8], &[u8])> {
    let digits = s.iter().take_while(|b| b.is_ascii_digit()).count();
    let (digits, rest) = s.split_at_checked(digits)?;
    if digits.is_empty() || (digits.len() > 1 && digits.first() == Some(&b'0')) {
        return None;
    }
    let len = digits.iter().try_fold(0usize, |n, d| {
        n.checked_mul(10)?.checked_add(usize::from(d - b'0'))
    })?;
    rest.strip_prefix(b":")?.split_at_checked(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(nonce: &[u8; 24], entries: &[&[u8]]) -> Vec<u8> {
        let mut out = Vec::new();
        write_start(&mut out, nonce);
        for e in entries {
            write_entry_header(&mut out, e.len());
            out.extend_from_slice(e);
        }
        write_end(&mut out);
        out
    }

    #[test]
    fn writes_and_reads_the_shape() {
        let long = [7u8; 1234];
        let entries: [&[u8]; 4] = [b"", b"abc", &[1; 10], &long];
        let enc = encode(&[9; 24], &entries);
        let expected_len = FRAME_LEN + entries.iter().map(|e| entry_len(e.len())).sum::<usize>();
        assert_eq!(enc.len(), expected_len);
        assert!(enc.starts_with(b"d1:#24:\x09"));
        assert!(enc.ends_with(b"ee"));
        let got = Encoded::parse(&enc).unwrap();
        assert_eq!(got.nonce, &[9; 24]);
        assert_eq!(got.entries().collect::<Vec<_>>(), entries);
        let empty = encode(&[0; 24], &[]);
        assert_eq!(Encoded::parse(&empty).unwrap().entries().count(), 0);
        assert_eq!(decimal_len(0), 1);
        assert_eq!(decimal_len(9), 1);
        assert_eq!(decimal_len(10), 2);
        assert_eq!(decimal_len(usize::MAX), 20);
    }

    #[test]
    fn refuses_everything_else() {
        let good = encode(&[1; 24], &[b"hello"]);
        assert!(Encoded::parse(&good).is_some());
        let bad: Vec<Vec<u8>> = vec![
            vec![],
            good[..good.len() - 1].to_vec(),             // truncated
            [&good[..], b"x"].concat(),                  // trailing bytes
            [&good[..], b"e"].concat(),                  // extra end
            good.replace_first(b"5:hello", b"05:hello"), // leading zero
            good.replace_first(b"5:hello", b"6:hello"),  // length past the end of the list
            good.replace_first(b"5:hello", b"i5e"),      // an integer entry
            good.replace_first(b"5:hello", b"le"),       // a list entry
            good.replace_first(b"5:hello", b":hello"),   // no digits
            good.replace_first(b"5:hello", b"5hello"),   // no colon
            good.replace_first(b"d1:#24:", b"d1:#23:"),  // nonce header
            good.replace_first(b"1:el", b"1:fl"),        // key
            good.replace_first(b"1:el", b"1:ed"),        // not a list
            [&b"d1:!i0e"[..], &good[1..]].concat(),      // a key before '#'
            b"d1:el5:helloe1:#24:AAAAAAAAAAAAAAAAAAAAAAAAe".to_vec(), // keys swapped
            b"d1:#24:AAAAAAAAAAAAAAAAAAAAAAAA1:el99999999999999999999999:xee".to_vec(), // overflow
        ];
        for b in bad {
            assert!(
                Encoded::parse(&b).is_none(),
                "{}",
                String::from_utf8_lossy(&b)
            );
        }
    }

    trait ReplaceFirst {
        fn replace_first(&self, from: &[u8], to: &[u8]) -> Vec<u8>;
    }
    impl ReplaceFirst for Vec<u8> {
        fn replace_first(&self, from: &[u8], to: &[u8]) -> Vec<u8> {
            let i = self.windows(from.len()).position(|w| w == from).unwrap();
            [&self[..i], to, &self[i + from.len()..]].concat()
        }
    }
}
