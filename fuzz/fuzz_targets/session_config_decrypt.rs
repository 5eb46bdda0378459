//! Front door: `config::decrypt` on arbitrary bytes. Input: a 32-byte key base, a byte
//! choosing the domain (the six config namespaces, or a 25-byte domain that is too long), then
//! the ciphertext. Checks: no panic, typed errors; what decrypts re-encrypts to the same bytes
//! (`config::encrypt` is deterministic: its nonce is derived from the message).
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use libfuzzer_sys::fuzz_target;
use oxen_session::Error;
use oxen_session::config::{self, KeyBase};

const DOMAINS: [&[u8]; 7] = [
    config::USER_PROFILE,
    config::CONTACTS,
    config::CONVO_INFO_VOLATILE,
    config::USER_GROUPS,
    config::GROUP_INFO,
    config::GROUP_MEMBERS,
    b"0123456789012345678901234",
];

fuzz_target!(|data: &[u8]| {
    let Some((key, rest)) = data.split_first_chunk::<32>() else {
        return;
    };
    let Some((&d, ct)) = rest.split_first() else {
        return;
    };
    let key = KeyBase::from_array(*key);
    let domain = DOMAINS[usize::from(d) % DOMAINS.len()];
    match config::decrypt(ct, &key, domain) {
        Ok(m) => assert_eq!(config::encrypt(&m, &key, domain).unwrap(), ct),
        Err(
            Error::CiphertextTooShort { .. }
            | Error::DecryptionFailed
            | Error::InvalidLength { .. },
        ) => {}
        Err(e) => panic!("unexpected {e:?}"),
    }
});
