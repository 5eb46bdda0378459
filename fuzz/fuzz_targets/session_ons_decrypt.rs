//! Front door: `decrypt_ons_response` on arbitrary bytes. Input: byte 0 = the name's length
//! (mod 64), the name (lossy UTF-8), the nonce (byte 1 of the rest: 24 unless `>= 0xf0`), the
//! ciphertext. Checks: no panic, typed errors; an opened value is a Session ID whose hex
//! parses back to it.
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use libfuzzer_sys::fuzz_target;
use oxen_session::{SessionId, decrypt_ons_response};

fuzz_target!(|data: &[u8]| {
    let Some((&n, rest)) = data.split_first() else {
        return;
    };
    let n = usize::from(n % 64).min(rest.len());
    let (name, rest) = rest.split_at(n);
    let name = String::from_utf8_lossy(name);
    let Some((&b, rest)) = rest.split_first() else {
        return;
    };
    let nlen = if b >= 0xf0 { usize::from(b - 0xf0) } else { 24 }.min(rest.len());
    let (nonce, ct) = rest.split_at(nlen);
    if let Ok(sid) = decrypt_ons_response(&name, ct, nonce) {
        assert_eq!(sid.to_hex().parse::<SessionId>(), Ok(sid));
        assert!(name.bytes().all(|c| !c.is_ascii_uppercase()));
    }
});
