//! Front door: the 13-word recovery phrase (`oxen_session::recovery`) from arbitrary text.
//! Checks: no panic, typed errors (`Error::Mnemonic`); an accepted phrase gives a seed whose
//! upper 16 bytes are zero, that seed encodes back to a phrase that decodes to the same seed,
//! and `account_from_phrase` is the account of that seed.
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use libfuzzer_sys::fuzz_target;
use oxen_session::recovery::{account_from_phrase, phrase_from_seed, seed_from_phrase};
use oxen_session::{Ed25519SecretKey, Error};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match seed_from_phrase(&text) {
        Ok(seed) => {
            assert!(seed.expose_bytes()[16..].iter().all(|&b| b == 0));
            let phrase = phrase_from_seed(&seed).unwrap();
            assert_eq!(seed_from_phrase(phrase.expose_str()).unwrap(), seed);
            let account = account_from_phrase(&text).unwrap();
            assert_eq!(
                account.public_key(),
                Ed25519SecretKey::from_seed(seed).public_key()
            );
        }
        Err(Error::Mnemonic(_)) => assert!(account_from_phrase(&text).is_err()),
        Err(e) => panic!("unexpected {e:?}"),
    }
});
