//! Front door: `decrypt_push_notification` on arbitrary bytes. Input: byte 0 is the key length
//! (32 unless `b >= 0xf0`: then `b - 0xf0`, a wrong length), that many key bytes, then the
//! payload. Checks: no panic, typed errors in the documented order (length, key size, tag);
//! an opened message carries no trailing zero byte unless it is all zero.
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use libfuzzer_sys::fuzz_target;
use oxen_session::{Error, Input, decrypt_push_notification};

fuzz_target!(|data: &[u8]| {
    let Some((&b, rest)) = data.split_first() else {
        return;
    };
    let klen = if b >= 0xf0 { usize::from(b - 0xf0) } else { 32 };
    if rest.len() < klen {
        return;
    }
    let (key, payload) = rest.split_at(klen);
    match decrypt_push_notification(payload, key) {
        Ok(m) => assert!(
            m.last() != Some(&0) || m.iter().all(|&b| b == 0),
            "padding left"
        ),
        Err(Error::CiphertextTooShort { len, min: 40 }) => {
            assert!(len < 40 && len == payload.len())
        }
        Err(Error::InvalidLength {
            input: Input::SymmetricKey,
            len,
        }) => assert!(len != 32 && payload.len() >= 40),
        Err(Error::DecryptionFailed) => assert!(klen == 32),
        Err(e) => panic!("unexpected {e:?}"),
    }
});
