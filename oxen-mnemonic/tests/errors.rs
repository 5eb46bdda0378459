//! One test per error variant (the smallest input that raises it, and the check order that
//! decides which error a doubly bad input gets), plus the upstream quirks the decoders keep.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use oxen_mnemonic::*;

/// The 25-word English seed of 32 bytes 0x01..0x20 (oxen_electrum.json "English #10").
const SEED: &str = "object anxiety asked stockpile saucepan skew ailments journal listen elite chlorine dotted kernels thaw vapidly pram mouth paradise unfit elite guarded biplane vivid aspire ask";

/// A Session phrase (session_recovery.json "#0").
const PHRASE: &str =
    "randomly tarnished gasp noises junk both session gifts library template echo nearby library";

fn words(s: &str) -> Vec<&str> {
    s.split(' ').collect()
}

#[test]
fn unknown_language() {
    assert_eq!(Language::from_name("Klingon"), Err(Error::UnknownLanguage));
    // Names are compared exactly, as upstream's `bytes_to_words` does.
    assert_eq!(Language::from_name("english"), Err(Error::UnknownLanguage));
    assert_eq!("".parse::<Language>(), Err(Error::UnknownLanguage));
}

#[test]
fn language_not_encodable() {
    assert_eq!(
        bytes_to_words(&[0; 32], Language::EnglishOld),
        Err(Error::LanguageNotEncodable)
    );
}

#[test]
fn invalid_input_length() {
    for len in [0, 1, 3, 5, 31, 33] {
        assert_eq!(
            bytes_to_words(&vec![0; len], Language::English),
            Err(Error::InvalidInputLength),
            "{len}"
        );
    }
    // The length is checked before the language, as upstream.
    assert_eq!(
        bytes_to_words(&[0; 3], Language::EnglishOld),
        Err(Error::InvalidInputLength)
    );
}

#[test]
fn invalid_expected_length() {
    for len in [0, 1, 2, 3, 6, 30, 33] {
        assert_eq!(
            words_to_bytes(SEED, len).map(|_| ()),
            Err(Error::InvalidExpectedLength),
            "{len}"
        );
    }
}

#[test]
fn wrong_word_count() {
    let w = words(SEED);
    for n in [0, 1, 11, 13, 23, 26, 27] {
        let text = w
            .iter()
            .cycle()
            .take(n)
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(
            words_to_wallet_seed(&text).map(|_| ()),
            Err(Error::WrongWordCount),
            "{n} words"
        );
    }
    // Only ASCII white space separates: U+00A0 and U+3000 join words.
    let joined = SEED.replace(' ', "\u{a0}");
    assert_eq!(
        words_to_wallet_seed(&joined).map(|_| ()),
        Err(Error::WrongWordCount)
    );
    // The count comes before the words: 26 unknown words are a count error.
    let junk = vec!["qqqq"; 26].join(" ");
    assert_eq!(
        words_to_wallet_seed(&junk).map(|_| ()),
        Err(Error::WrongWordCount)
    );
}

#[test]
fn language_not_found() {
    let mut w = words(SEED);
    w[5] = "qqqqq";
    assert_eq!(
        words_to_wallet_seed(&w.join(" ")).map(|_| ()),
        Err(Error::LanguageNotFound)
    );
    // Without a checksum word, prefixes are not enough.
    let cut: Vec<String> = words(SEED)[..24]
        .iter()
        .map(|w| w[..3].to_owned())
        .collect();
    assert_eq!(
        words_to_wallet_seed(&cut.join(" ")).map(|_| ()),
        Err(Error::LanguageNotFound)
    );
    // 12 unknown words: the language check comes before the size check.
    let junk = ["qqqq"; 12].join(" ");
    assert_eq!(
        words_to_wallet_seed(&junk).map(|_| ()),
        Err(Error::LanguageNotFound)
    );
}

#[test]
fn invalid_checksum() {
    let mut w = words(SEED);
    w[24] = "abbey";
    assert_eq!(
        words_to_wallet_seed(&w.join(" ")).map(|_| ()),
        Err(Error::InvalidChecksum)
    );
    w.swap(0, 1);
    w[24] = "ask";
    assert_eq!(
        words_to_wallet_seed(&w.join(" ")).map(|_| ()),
        Err(Error::InvalidChecksum)
    );
    // Session: the wrong checksum word, or a non-word in its place.
    let mut p = words(PHRASE);
    p[12] = "abbey";
    assert_eq!(mn_decode(&p.join(" ")), Err(Error::InvalidChecksum));
    p[12] = "qqqqq";
    assert_eq!(mn_decode(&p.join(" ")), Err(Error::InvalidChecksum));
    // A checksum word shorter than the prefix does not match it.
    p[12] = "li";
    assert_eq!(mn_decode(&p.join(" ")), Err(Error::InvalidChecksum));
    p[12] = "libzzz";
    assert!(mn_decode(&p.join(" ")).is_ok());
}

/// oxen_electrum.json "word triple whose value exceeds 32 bits": first triple `(w, w, w - 1)`.
#[test]
fn triple_overflow() {
    let text = "building building bugs nautical nuns hiker unhappy elite paper fibula germs smuggled hounded already iceberg cuisine keyboard pigment weekday goodbye slid obliged pebbles dagger nuns";
    assert_eq!(
        words_to_wallet_seed(text).map(|_| ()),
        Err(Error::TripleOverflow)
    );
    // Without the checksum word too.
    let data = words(text)[..24].join(" ");
    assert_eq!(
        words_to_wallet_seed(&data).map(|_| ()),
        Err(Error::TripleOverflow)
    );
    // The largest value that fits, 2^32 - 1, encodes and decodes; (0, 0, 1625) is over.
    let max = bytes_to_words(&[0xff; 4], Language::English).unwrap();
    assert_eq!(
        words_to_bytes(max.expose_str(), 4)
            .unwrap()
            .0
            .expose_bytes(),
        &[0xff; 4]
    );
    let w = Language::English.words();
    let over = format!("{} {} {}", w[0], w[0], w[1625]);
    assert_eq!(
        words_to_bytes(&over, 4).map(|_| ()),
        Err(Error::TripleOverflow)
    );
}

#[test]
fn wrong_output_size() {
    let twelve = words(SEED)[..12].join(" ");
    assert_eq!(
        words_to_wallet_seed(&twelve).map(|_| ()),
        Err(Error::WrongOutputSize)
    );
    // The general form returns the 16 bytes of the half seed.
    let (b, _) = words_to_bytes(&twelve, 32).unwrap();
    assert_eq!(b.expose_bytes(), &(1..=16).collect::<Vec<u8>>()[..]);
}

#[test]
fn not_enough_words() {
    let p = words(PHRASE);
    for n in [1, 3, 11, 12] {
        assert_eq!(
            mn_decode(&p[..n].join(" ")),
            Err(Error::NotEnoughWords),
            "{n}"
        );
    }
    assert_eq!(mn_decode(""), Err(Error::NotEnoughWords));
    // A tab does not separate: 12 pieces.
    assert_eq!(
        mn_decode(&PHRASE.replacen(' ', "\t", 1)),
        Err(Error::NotEnoughWords)
    );
}

#[test]
fn too_many_words() {
    assert_eq!(mn_decode(&format!(" {PHRASE}")), Err(Error::TooManyWords));
    assert_eq!(mn_decode(&format!("{PHRASE} ")), Err(Error::TooManyWords));
    assert_eq!(
        mn_decode(&format!("{PHRASE} abbey")),
        Err(Error::TooManyWords)
    );
    // The count comes before the words.
    assert_eq!(mn_decode(&["qq"; 14].join(" ")), Err(Error::TooManyWords));
}

#[test]
fn unknown_word() {
    let mut p = words(PHRASE);
    p[4] = "qqqqq";
    assert_eq!(mn_decode(&p.join(" ")), Err(Error::UnknownWord));
    // Case-sensitive, unlike oxen-core.
    let upper = PHRASE.to_uppercase();
    assert_eq!(mn_decode(&upper), Err(Error::UnknownWord));
    assert!(words_to_bytes(&upper, 16).is_ok());
    // Two letters are not a prefix.
    let mut p = words(PHRASE);
    p[0] = "ra";
    assert_eq!(mn_decode(&p.join(" ")), Err(Error::UnknownWord));
    // Words come before the checksum.
    p[12] = "qqqqq";
    assert_eq!(mn_decode(&p.join(" ")), Err(Error::UnknownWord));
}

/// Upstream's half form when `3L/8` is not a multiple of 3: the words past the last whole
/// triple must be list words but give no bytes (L = 12: 4 words, 4 bytes; L = 4: 1 word, 0
/// bytes).
#[test]
fn half_form_drops_words_past_the_last_triple() {
    let w = Language::English.words();
    let (b, l) = words_to_bytes(&format!("{} {} {} {}", w[1], w[2], w[3], w[4]), 12).unwrap();
    let (b2, _) = words_to_bytes(&format!("{} {} {} {}", w[1], w[2], w[3], w[9]), 12).unwrap();
    assert_eq!((b.len(), l), (4, Language::English));
    assert_eq!(b, b2);
    let (b, _) = words_to_bytes(w[7], 4).unwrap();
    assert!(b.is_empty());
    assert_eq!(
        words_to_bytes("qqqq", 4).map(|_| ()),
        Err(Error::LanguageNotFound)
    );
}

/// Every word's 3-prefix of this French seed is an English prefix, but the English checksum
/// fails: the search goes on (upstream's `fallback` only chooses the error) and French wins.
#[test]
fn checksum_failure_keeps_searching() {
    let fr = "vieux statue valoir borgne geler moins perle froid ruine projet citation notre revue foin tacler visite filet olive poutre redevenir parole aborder iris niche vieux";
    let en = Language::English.words();
    assert!(fr.split(' ').all(|w| en.iter().any(|e| e[..3] == w[..3])));
    let (seed, lang) = words_to_wallet_seed(fr).unwrap();
    assert_eq!(lang, Language::French);
    assert_eq!(
        hex::encode(seed.expose_bytes()),
        "e7f9a0141afb962a02f2fd727628d2661118a88c1f772047597125e27e970d23"
    );
}

/// Upstream's first-match rule: this French seed (of the bytes below) also reads as an English
/// seed whose checksum holds, and English is tried first, so oxen-core restores other bytes.
/// Kept (it is the wallet's verdict); measured on random French seeds, about 2 in 10,000 are
/// affected (README, "Ambiguous seeds").
#[test]
fn french_seed_read_as_english() {
    let fr = "tuer stagiaire rouge record radar trame remuer autant rideau sembler stand surprendre butiner queue paille pondre pirate havre soigner podium ville pirate acquis duper duper";
    let bytes =
        hex::decode("c17928ed44171c3261b688b605300003f110cde66d996abd2d7e324a0684d240").unwrap();
    assert_eq!(
        bytes_to_words(&bytes, Language::French)
            .unwrap()
            .expose_str(),
        fr
    );
    let (seed, lang) = words_to_wallet_seed(fr).unwrap();
    assert_eq!(lang, Language::English);
    assert_ne!(&seed.expose_bytes()[..], &bytes[..]);
}
