//! The `Debug`-redaction check every crate's `tests/secrets.rs` applies to its secret types.

/// Panics unless `debug` (a secret's `Debug` output, or that of anything holding it) shows none
/// of `secret`: no 4-byte window of its hex in either case, and not its first four bytes as
/// decimals (the derived `Debug` of a byte array). A test helper, hence the panic.
///
/// # Panics
/// When `debug` leaks the secret, or `secret` is shorter than 4 bytes.
#[allow(clippy::panic, clippy::indexing_slicing)]
pub fn assert_debug_redacted(debug: &str, secret: &[u8]) {
    assert!(secret.len() >= 4, "secret too short to check");
    let lower: String = secret.iter().map(|b| format!("{b:02x}")).collect();
    let upper = lower.to_uppercase();
    for w in (0..=lower.len() - 8).step_by(2) {
        for hex in [&lower, &upper] {
            let window = &hex[w..w + 8];
            assert!(
                !debug.contains(window),
                "{debug} leaks the secret ({window})"
            );
        }
    }
    let decimals = format!("{:?}", &secret[..4]);
    let decimals = decimals.trim_start_matches('[').trim_end_matches(']');
    assert!(
        !debug.contains(decimals),
        "{debug} leaks the secret ({decimals})"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passes_a_redacted_debug() {
        assert_debug_redacted("Key(..)", &[0xab; 32]);
    }

    #[test]
    #[should_panic(expected = "leaks the secret")]
    fn catches_lower_hex() {
        assert_debug_redacted("Key(00abcdef0123)", &[0xab, 0xcd, 0xef, 0x01, 0x23]);
    }

    #[test]
    #[should_panic(expected = "leaks the secret")]
    fn catches_upper_hex() {
        assert_debug_redacted("Key(ABCDEF01)", &[0xab, 0xcd, 0xef, 0x01]);
    }

    #[test]
    #[should_panic(expected = "leaks the secret")]
    fn catches_decimal_bytes() {
        assert_debug_redacted("Key([171, 205, 239, 1, 35])", &[171, 205, 239, 1, 35]);
    }
}
