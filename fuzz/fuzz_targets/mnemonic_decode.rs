//! Fuzz both seed-word decoders (oxen-core's wallet-restore and general forms, Session
//! desktop's `mnDecode`) on arbitrary text: never panic; the general form refuses exactly the
//! invalid expected lengths; whatever decodes re-encodes to words that decode to the same
//! bytes (or, by upstream's first-match rule, in a language tried earlier); where both the
//! Session and the oxen-core (L = 16) decoders accept, they agree.
//!
//! Input: byte 0 chooses the expected length of the general form (`0x00..=0x7f`:
//! `4 * (b & 0x1f)`, so 0..=124 in steps of 4; `0x80..`: `b & 0x7f` as is, mostly invalid);
//! the rest is the text (as is when it is UTF-8, else its lossy UTF-8 form).
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use libfuzzer_sys::fuzz_target;
use oxen_mnemonic::{
    Error, Language, bytes_to_words, mn_decode, mn_encode, words_to_bytes, words_to_wallet_seed,
};

fn position(l: Language) -> usize {
    Language::DETECTION_ORDER
        .iter()
        .position(|&x| x == l)
        .unwrap()
}

/// EnglishOld cannot encode: its bytes are re-encoded in English.
fn encodable(l: Language) -> Language {
    if l.is_encodable() {
        l
    } else {
        Language::English
    }
}

/// `bytes` re-encoded in `lang` decode (general form, checksum word) to the same bytes in the
/// same language, or in a language tried earlier.
fn round_trip(bytes: &[u8], lang: Language) {
    let lang = encodable(lang);
    let words = bytes_to_words(bytes, lang).unwrap();
    let (again, l) = words_to_bytes(words.expose_str(), bytes.len()).unwrap();
    if l == lang {
        assert_eq!(again.expose_bytes(), bytes);
    } else {
        assert!(position(l) < position(lang), "{lang:?} re-read as {l:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&b, rest)) = data.split_first() else {
        return;
    };
    let len = if b & 0x80 == 0 {
        4 * usize::from(b & 0x1f)
    } else {
        usize::from(b & 0x7f)
    };
    let lossy;
    let text = match core::str::from_utf8(rest) {
        Ok(t) => t,
        Err(_) => {
            lossy = String::from_utf8_lossy(rest);
            &lossy
        }
    };

    let wallet = words_to_wallet_seed(text);
    if let Ok((seed, lang)) = &wallet {
        // The restore form is the general form with L = 32 plus the size check.
        let (b, l) = words_to_bytes(text, 32).unwrap();
        assert_eq!((b.expose_bytes(), l), (&seed.expose_bytes()[..], *lang));
        round_trip(seed.expose_bytes(), *lang);
    }

    let valid_len = len > 0 && len % 4 == 0;
    match words_to_bytes(text, len) {
        Ok((bytes, lang)) => {
            assert!(valid_len);
            assert!(bytes.len() <= len && bytes.len() % 4 == 0);
            if !bytes.is_empty() {
                round_trip(bytes.expose_bytes(), lang);
            }
        }
        Err(e) => assert_eq!(e == Error::InvalidExpectedLength, !valid_len),
    }

    if let Ok(entropy) = mn_decode(text) {
        // Canonical re-encoding decodes to the same bytes (an overflowing triple, truncated,
        // re-encodes to other words but the same bytes).
        let again = mn_encode(&entropy);
        assert_eq!(mn_decode(again.expose_str()).unwrap(), entropy);
        if let Ok((b, l)) = words_to_bytes(text, 16) {
            assert_eq!(
                (b.expose_bytes(), l),
                (&entropy.expose_bytes()[..], Language::English)
            );
        }
    }
});
