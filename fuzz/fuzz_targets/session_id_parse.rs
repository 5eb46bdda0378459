//! Front door: `SessionId`, `BlindedId` and `ServerPubkey` parsing from bytes and from hex
//! text. Checks: no panic, typed errors; whatever parses prints (bytes, hex) and parses back
//! to itself; hex input is accepted in either case and printed in lower case; a 15 id's sign
//! flip is an involution.
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use libfuzzer_sys::fuzz_target;
use oxen_session::{BlindedId, ServerPubkey, SessionId};

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = SessionId::from_bytes(data) {
        assert_eq!(SessionId::from_bytes(&s.to_bytes()), Ok(s));
        assert_eq!(SessionId::from_hex(&s.to_hex()), Ok(s));
    }
    if let Ok(b) = BlindedId::from_bytes(data) {
        assert_eq!(b.to_bytes().as_slice(), data);
        assert_eq!(BlindedId::from_hex(&b.to_hex()), Ok(b));
        assert_eq!(b.with_flipped_sign().with_flipped_sign(), b);
    }
    if let Ok(p) = ServerPubkey::parse(data) {
        assert_eq!(ServerPubkey::from_bytes(p.as_bytes()), Ok(p));
        assert_eq!(ServerPubkey::from_hex(&p.to_hex()), Ok(p));
    }
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(s) = SessionId::from_hex(text) {
            assert_eq!(s.to_hex(), text.to_ascii_lowercase());
            assert_eq!(text.parse::<SessionId>(), Ok(s));
        }
        if let Ok(b) = BlindedId::from_hex(text) {
            assert_eq!(b.to_hex(), text.to_ascii_lowercase());
        }
        if let Ok(p) = ServerPubkey::from_hex(text) {
            assert_eq!(p.to_hex(), text.to_ascii_lowercase());
            assert_eq!(ServerPubkey::parse(text.as_bytes()), Ok(p));
        }
    }
});
