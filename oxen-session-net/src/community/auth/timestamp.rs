//! `X-SOGS-Timestamp`: the integer pysogs reads with Python's `int(ts_str)`, and the ±24 h
//! window it checks against the server's clock.
//!
//! Python's `int()` on text, as CPython implements it for base 10 (`PyLong_FromUnicodeObject`):
//! leading and trailing whitespace is skipped (Python's `str.isspace` set: Unicode
//! `White_Space` plus the ASCII separators `U+001C..=U+001F`), then an optional `+` or `-`, then
//! decimal digits where single underscores may separate two digits (`1_710_752_294`), leading
//! zeros allowed; anything else is a `ValueError` (pysogs: 400). The value has no size limit:
//! a huge number parses and is then simply outside the window (425, not 400). Here it
//! saturates at `i64::MIN`/`i64::MAX`, which no window contains.
//!
//! **Divergence** (crate README): CPython also reads every Unicode decimal digit (category
//! `Nd`, e.g. Arabic-Indic `١٧١٠…`) as its ASCII digit. Those can reach pysogs only inside an
//! onion request's JSON headers (HTTP header values are Latin-1, which has no such digit); here
//! they are refused as not an integer, so the verdict does not depend on a Unicode table
//! version.
//!
//! The window (pysogs: `now - 86400 <= ts <= now + 86400` with `now = time.time()`, a float) is
//! inclusive at both ends and computed exactly from the server's clock as a
//! [`Duration`](core::time::Duration) since the Unix epoch.

use core::time::Duration;

/// Seconds a timestamp may be away from the server's clock, either way (pysogs
/// `24 * 60 * 60`).
pub const TIMESTAMP_WINDOW_SECS: u64 = 86_400;

/// Python's `str.isspace()`: Unicode `White_Space` and the ASCII information separators
/// `U+001C..=U+001F`, which Python counts as whitespace and Unicode does not.
fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `int(text)` for base 10, saturated to `i64`. `None` is Python's `ValueError`.
#[must_use]
pub fn parse_timestamp(text: &str) -> Option<i64> {
    let t = text.trim_matches(is_python_space);
    let (negative, digits) = match t.as_bytes().split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, t.as_bytes()),
    };
    // digits, with single underscores between two digits
    if !matches!(digits.first(), Some(d) if d.is_ascii_digit())
        || !matches!(digits.last(), Some(d) if d.is_ascii_digit())
    {
        return None;
    }
    let mut value: i64 = 0;
    let mut previous_underscore = false;
    for &c in digits {
        match c {
            b'_' if !previous_underscore => previous_underscore = true,
            b'0'..=b'9' => {
                previous_underscore = false;
                let d = i64::from(c - b'0');
                value = value
                    .saturating_mul(10)
                    .saturating_add(if negative { -d } else { d });
            }
            _ => return None,
        }
    }
    Some(value)
}

/// pysogs' window: `now − 86400 ≤ ts ≤ now + 86400`, both ends included, `now` exact to the
/// nanosecond.
#[must_use]
pub fn within_window(timestamp: i64, now: Duration) -> bool {
    const NANOS: i128 = 1_000_000_000;
    let window = i128::from(TIMESTAMP_WINDOW_SECS) * NANOS;
    // i64 seconds in nanoseconds, and u64 seconds of a Duration, both fit an i128
    let ts = i128::from(timestamp) * NANOS;
    let now = i128::from(now.as_secs()) * NANOS + i128::from(now.subsec_nanos());
    now - window <= ts && ts <= now + window
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_int_forms() {
        for (text, want) in [
            ("1710752294", Some(1_710_752_294)),
            ("  1710752294\t\n", Some(1_710_752_294)),
            ("+17", Some(17)),
            ("-17", Some(-17)),
            ("-0", Some(0)),
            ("0017", Some(17)),
            ("1_7", Some(17)),
            ("\u{1f}17\u{a0}", Some(17)),
            ("\u{3000}17", Some(17)),
            ("99999999999999999999999999", Some(i64::MAX)),
            ("-99999999999999999999999999", Some(i64::MIN)),
            ("", None),
            ("   ", None),
            ("+", None),
            ("-", None),
            ("1710752294.5", None),
            ("1e9", None),
            ("0x10", None),
            ("_17", None),
            ("17_", None),
            ("1__7", None),
            ("- 17", None),
            ("1 7", None),
            ("+-1", None),
            ("١٧", None), // Unicode digits: the documented divergence
        ] {
            assert_eq!(parse_timestamp(text), want, "{text:?}");
        }
    }

    #[test]
    fn window_is_inclusive_and_exact() {
        let now = Duration::from_secs(1_710_752_294);
        let t = 1_710_752_294_i64;
        let w = TIMESTAMP_WINDOW_SECS as i64;
        assert!(within_window(t, now));
        assert!(within_window(t - w, now));
        assert!(within_window(t + w, now));
        assert!(!within_window(t - w - 1, now));
        assert!(!within_window(t + w + 1, now));
        // a clock half a second on: the lower edge moves past t - w, the upper one does not
        let later = now + Duration::from_millis(500);
        assert!(!within_window(t - w, later));
        assert!(within_window(t + w, later));
        assert!(!within_window(i64::MIN, now) && !within_window(i64::MAX, now));
        assert!(within_window(0, Duration::ZERO) && within_window(-w, Duration::ZERO));
        assert!(!within_window(i64::MAX, Duration::MAX));
    }
}
