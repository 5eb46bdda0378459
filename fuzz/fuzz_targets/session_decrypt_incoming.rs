//! Front door: `decrypt_incoming` and `decrypt_incoming_session_id` on arbitrary bytes, with
//! the recipient as an Ed25519 key and as its X25519 pair. Input: byte 0 picks one of four
//! recipient accounts (seed `[b % 4; 32]`), the rest is the ciphertext. Checks: no panic; both
//! key kinds give the same verdict; the Session-ID form is `decrypt_incoming` then
//! `SessionId::from_ed25519` of the sender; the verdict equals libsodium's composition
//! (`sodium_diff::incoming_theirs`: the same message and sender, or the same typed refusal).
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use libfuzzer_sys::fuzz_target;
use oxen_fuzz::session_valid::account;
use oxen_fuzz::sodium_diff::compare_incoming;
use oxen_session::{SessionId, decrypt_incoming, decrypt_incoming_session_id};

fuzz_target!(|data: &[u8]| {
    let Some((&k, ct)) = data.split_first() else {
        return;
    };
    let key = account([k % 4; 32]);
    let pair = key.x25519_key_pair();
    let by_ed = decrypt_incoming(&key, ct);
    let by_x = decrypt_incoming(&pair, ct);
    assert_eq!(by_ed, by_x, "key kinds disagree");
    let sid = decrypt_incoming_session_id(&pair, ct);
    match &by_x {
        Ok((m, a)) => {
            let expected = SessionId::from_ed25519(a).map(|s| (m.clone(), s));
            assert_eq!(sid, expected);
        }
        Err(e) => assert_eq!(sid.as_ref().err(), Some(e)),
    }
    assert_eq!(decrypt_incoming_session_id(&key, ct), sid);
    let (pk, sk) = (pair.public.to_bytes(), *pair.secret.expose_bytes());
    if let Err(d) = compare_incoming(ct, &pk, &sk) {
        panic!("{d}");
    }
});
