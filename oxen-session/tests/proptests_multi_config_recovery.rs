//! Property tests of multi-recipient encryption (plain and bencoded, with and without junk),
//! config encryption and the recovery phrase: round trips, every recipient finds its message,
//! a non-recipient finds nothing, tampering is refused, arbitrary input never panics.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use oxen_session::config::{self, KeyBase};
use oxen_session::multi::{
    self, decrypt_for_multiple, decrypt_for_multiple_simple, decrypt_for_multiple_simple_ed25519,
    decrypt_for_multiple_simple_ed25519_sk, encrypt_for_multiple, encrypt_for_multiple_simple,
    encrypt_for_multiple_simple_ed25519_with, encrypt_for_multiple_simple_with,
};
use oxen_session::recovery::{
    SessionEntropy, account_from_phrase, mn_encode, phrase_from_seed, seed_from_phrase,
};
use oxen_session::*;
use proptest::prelude::*;
use rand::SeedableRng;

fn pair(seed: u8, i: usize) -> X25519KeyPair {
    let mut b = [seed; 32];
    b[1] = u8::try_from(i % 256).unwrap();
    b[2] = u8::try_from(i / 256).unwrap();
    X25519KeyPair::from_secret(X25519SecretKey::from_bytes(b))
}

fn bytes(max: usize) -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u8>(), 0..max)
}

/// The `(start, end)` of each entry's bytes in a `_simple` encoding (the crate's own writer).
fn entry_spans(encoded: &[u8]) -> Vec<(usize, usize)> {
    let mut at = 7 + 24 + 4;
    let mut spans = Vec::new();
    while encoded[at] != b'e' {
        let colon = at + encoded[at..].iter().position(|&b| b == b':').unwrap();
        let len: usize = std::str::from_utf8(&encoded[at..colon])
            .unwrap()
            .parse()
            .unwrap();
        spans.push((colon + 1, colon + 1 + len));
        at = colon + 1 + len;
    }
    spans
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn multi_round_trip_every_recipient_and_no_one_else(
        key_seed in 1u8..255,
        n in 1usize..7,
        per_recipient in any::<bool>(),
        msgs in proptest::collection::vec(bytes(80), 7),
        domain in bytes(80),
        nonce in proptest::collection::vec(any::<u8>(), 24..40),
    ) {
        let sender = pair(key_seed, 1000);
        let members: Vec<X25519KeyPair> = (0..n).map(|i| pair(key_seed, i)).collect();
        let publics: Vec<X25519PublicKey> = members.iter().map(|m| m.public).collect();
        let messages: Vec<Vec<u8>> = if per_recipient { msgs[..n].to_vec() } else { msgs[..1].to_vec() };
        let cts = encrypt_for_multiple(&messages, &publics, &nonce, &sender, &domain).unwrap();
        prop_assert_eq!(cts.len(), n);
        for (i, m) in members.iter().enumerate() {
            let want = &messages[if per_recipient { i } else { 0 }];
            prop_assert_eq!(cts.get(i).unwrap().len(), want.len() + multi::MESSAGE_OVERHEAD);
            let got = decrypt_for_multiple(&cts, &nonce, m, &sender.public, &domain).unwrap();
            prop_assert_eq!(got.as_deref(), Some(want));
        }
        let outsider = pair(key_seed, 999);
        prop_assert_eq!(decrypt_for_multiple(&cts, &nonce, &outsider, &sender.public, &domain), Ok(None));
        // another sender key, another domain, another nonce: no result
        let other = pair(key_seed, 998).public;
        prop_assert_eq!(decrypt_for_multiple(&cts, &nonce, &members[0], &other, &domain), Ok(None));
        let mut d2 = domain.clone();
        d2.insert(0, 0xff);
        prop_assert_eq!(decrypt_for_multiple(&cts, &nonce, &members[0], &sender.public, &d2), Ok(None));
        let mut n2 = nonce.clone();
        n2[0] ^= 1;
        prop_assert_eq!(decrypt_for_multiple(&cts, &n2, &members[0], &sender.public, &domain), Ok(None));
        // only the first 24 bytes of the nonce and 64 of the domain count
        let mut n3 = nonce[..24].to_vec();
        n3.extend_from_slice(b"anything");
        let mut d3 = domain.clone();
        if d3.len() >= 64 {
            d3.extend_from_slice(b"ignored");
        }
        prop_assert_eq!(encrypt_for_multiple(&messages, &publics, &n3, &sender, &d3).unwrap(), cts);
    }

    #[test]
    fn multi_tampering_is_refused(
        key_seed in 1u8..255,
        n in 1usize..5,
        msgs in proptest::collection::vec(bytes(60), 5),
        at in any::<usize>(),
        bit in 0u8..8,
    ) {
        let sender = pair(key_seed, 1000);
        let members: Vec<X25519KeyPair> = (0..n).map(|i| pair(key_seed, i)).collect();
        let publics: Vec<X25519PublicKey> = members.iter().map(|m| m.public).collect();
        let cts = encrypt_for_multiple(&msgs[..n], &publics, &[9; 24], &sender, b"d").unwrap();
        let victim = at % n;
        let mut vecs = cts.to_vecs();
        let len = vecs[victim].len();
        vecs[victim][(at / n) % len] ^= 1 << bit;
        for (i, m) in members.iter().enumerate() {
            let got = decrypt_for_multiple(&vecs, &[9; 24], m, &sender.public, b"d").unwrap();
            if i == victim {
                prop_assert_eq!(got, None);
            } else {
                prop_assert_eq!(got.as_deref(), Some(&msgs[i]));
            }
        }
        // truncated below the tag size: skipped, never an error
        vecs[victim].truncate(at % 16);
        prop_assert_eq!(decrypt_for_multiple(&vecs, &[9; 24], &members[victim], &sender.public, b"d"), Ok(None));
    }

    #[test]
    fn simple_round_trip_with_and_without_junk(
        key_seed in 1u8..255,
        n in 0usize..7,
        message in bytes(50),
        pad in 0usize..8,
        rng_seed in any::<u64>(),
        use_ed in any::<bool>(),
    ) {
        let sender_ed = Ed25519SecretKey::from_seed(Seed::from_array([key_seed; 32]));
        let sender = sender_ed.x25519_key_pair();
        let members: Vec<X25519KeyPair> = (0..n).map(|i| pair(key_seed, i)).collect();
        let publics: Vec<X25519PublicKey> = members.iter().map(|m| m.public).collect();
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(rng_seed);
        let encoded = encrypt_for_multiple_simple(&[&message], &publics, &sender, b"dom", None, pad, &mut rng).unwrap();

        // the RNG gave the nonce, then each junk entry in turn (one draw per entry, as
        // upstream's randombytes_buf): replaying them through `_with` gives the same bytes
        let mut replay = rand_chacha::ChaCha20Rng::seed_from_u64(rng_seed);
        let mut nonce = [0u8; 24];
        rand::Rng::fill_bytes(&mut replay, &mut nonce);
        let junk_len = multi::junk_len(&[&message], n, pad).unwrap();
        let mut junk = vec![0u8; junk_len];
        for entry in junk.chunks_mut(message.len().max(1)) {
            rand::Rng::fill_bytes(&mut replay, entry);
        }
        let again = if use_ed {
            encrypt_for_multiple_simple_ed25519_with(&[&message], &publics, &sender_ed, b"dom", &nonce, pad, &junk)
        } else {
            encrypt_for_multiple_simple_with(&[&message], &publics, &sender, b"dom", &nonce, pad, &junk)
        };
        prop_assert_eq!(again.unwrap(), encoded.clone());

        // entries: n ciphertexts, then junk of the message's length up to a multiple of pad
        let spans = entry_spans(&encoded);
        let expect_entries = if pad > 1 && !message.is_empty() { n.div_ceil(pad) * pad } else { n };
        prop_assert_eq!(spans.len(), expect_entries);
        for (i, (a, b)) in spans.iter().enumerate() {
            prop_assert_eq!(b - a, if i < n { message.len() + 16 } else { message.len() });
        }
        prop_assert_eq!(&encoded[7..31], &nonce[..]);

        for m in &members {
            let got = decrypt_for_multiple_simple(&encoded, m, &sender.public, b"dom");
            prop_assert_eq!(got.as_deref(), Some(&message));
        }
        let outsider = pair(key_seed, 999);
        prop_assert_eq!(decrypt_for_multiple_simple(&encoded, &outsider, &sender.public, b"dom"), None);
        // the Ed25519 overloads find the same
        let member_ed = Ed25519SecretKey::from_seed(Seed::from_array([key_seed ^ 0x55; 32]));
        let encoded_ed = encrypt_for_multiple_simple_with(
            &[&message], &[member_ed.x25519_key_pair().public], &sender, b"dom", &nonce, 0, &[],
        ).unwrap();
        let via_x = decrypt_for_multiple_simple_ed25519_sk(&encoded_ed, &member_ed, &sender.public, b"dom");
        prop_assert_eq!(via_x.as_deref(), Some(&message));
        let via_ed = decrypt_for_multiple_simple_ed25519(&encoded_ed, &member_ed, sender_ed.public_key(), b"dom");
        prop_assert_eq!(via_ed.map(|p| p.map(|p| p.to_vec())), Ok(Some(message.clone())));
    }

    #[test]
    fn simple_tampering(
        key_seed in 1u8..255,
        n in 1usize..5,
        message in bytes(40),
        at in any::<usize>(),
        bit in 0u8..8,
    ) {
        let sender = pair(key_seed, 1000);
        let members: Vec<X25519KeyPair> = (0..n).map(|i| pair(key_seed, i)).collect();
        let publics: Vec<X25519PublicKey> = members.iter().map(|m| m.public).collect();
        let junk = vec![0xa5; multi::junk_len(&[&message], n, 4).unwrap()];
        let encoded = encrypt_for_multiple_simple_with(&[&message], &publics, &sender, b"d", &[3; 24], 4, &junk).unwrap();
        let spans = entry_spans(&encoded);
        let victim = at % n;
        let pos = at % encoded.len();
        let mut bad = encoded.clone();
        bad[pos] ^= 1 << bit;
        let got = decrypt_for_multiple_simple(&bad, &members[victim], &sender.public, b"d");
        let in_nonce = (7..31).contains(&pos);
        let (own_a, own_b) = spans[victim];
        let in_own = (own_a..own_b).contains(&pos);
        let in_other_body = spans.iter().enumerate().any(|(i, (a, b))| i != victim && (*a..*b).contains(&pos));
        if in_nonce || in_own {
            prop_assert_eq!(got, None);
        } else if in_other_body {
            prop_assert_eq!(got.as_deref(), Some(&message));
        } else {
            // framing: refused, or (by coincidence) still a valid frame with our entry intact
            prop_assert!(got.is_none() || got.as_deref() == Some(&message));
        }
    }

    #[test]
    fn simple_decoding_arbitrary_bytes_never_panics(
        tail in bytes(300),
        framed in any::<bool>(),
    ) {
        let m = pair(1, 0);
        let input = if framed { [&b"d1:#24:"[..], &[0; 24], b"1:el", &tail].concat() } else { tail };
        prop_assert_eq!(decrypt_for_multiple_simple(&input, &m, &pair(2, 0).public, b"d"), None);
    }

    #[test]
    fn config_round_trip_and_tampering(
        message in bytes(1200),
        key in any::<[u8; 32]>(),
        domain in proptest::collection::vec(any::<u8>(), 1..=24),
        at in any::<usize>(),
        bit in 0u8..8,
    ) {
        let key = KeyBase::from_array(key);
        let sealed = config::encrypt(&message, &key, &domain).unwrap();
        prop_assert_eq!(sealed.len(), message.len() + config::ENCRYPT_DATA_OVERHEAD);
        prop_assert_eq!(config::encrypt(&message, &key, &domain).unwrap(), sealed.clone());
        prop_assert_eq!(config::decrypt(&sealed, &key, &domain).unwrap().to_vec(), message.clone());
        let mut bad = sealed.clone();
        bad[at % sealed.len()] ^= 1 << bit;
        prop_assert_eq!(config::decrypt(&bad, &key, &domain), Err(Error::DecryptionFailed));
        let mut other = domain.clone();
        other[0] ^= 1;
        prop_assert_eq!(config::decrypt(&sealed, &key, &other), Err(Error::DecryptionFailed));
        // a shorter input is refused for its length, never read past
        let cut = at % sealed.len();
        let got = config::decrypt(&sealed[..cut], &key, &domain);
        if cut < config::ENCRYPT_DATA_OVERHEAD {
            prop_assert_eq!(got, Err(Error::CiphertextTooShort { len: cut, min: 40 }));
        } else {
            prop_assert_eq!(got, Err(Error::DecryptionFailed));
        }
    }

    #[test]
    fn padded_sizes(size in 0usize..200_000, overhead in 0usize..300) {
        let p = config::padded_size(size, overhead).unwrap();
        let t = size + overhead;
        let chunk = if t < 5120 { 256 } else if t < 20480 { 1024 } else if t < 40960 { 2048 } else { 5120 };
        prop_assert!(p >= size);
        prop_assert_eq!((p + overhead) % chunk, 0);
        prop_assert!(p + overhead - t < chunk);
        let padded = config::pad_message(&vec![1u8; size.min(5000)], overhead);
        let want = config::padded_size(size.min(5000), overhead).unwrap();
        prop_assert_eq!(padded.len(), want);
        prop_assert!(padded[..want - size.min(5000)].iter().all(|&b| b == 0));
    }

    #[test]
    fn config_decrypt_arbitrary_bytes_never_panics(input in bytes(200), domain in bytes(30)) {
        let key = KeyBase::from_array([7; 32]);
        prop_assert!(config::decrypt(&input, &key, &domain).is_err());
    }

    #[test]
    fn recovery_round_trip(entropy in any::<[u8; 16]>(), upper in any::<[u8; 16]>()) {
        let phrase = mn_encode(&SessionEntropy::from_bytes(entropy));
        prop_assert_eq!(phrase.word_count(), 13);
        let account = account_from_phrase(phrase.expose_str()).unwrap();
        let expected = Ed25519SecretKey::from_seed(Seed::from_entropy(&entropy));
        prop_assert_eq!(account.public_key(), expected.public_key());
        prop_assert_eq!(account.session_id(), expected.session_id());
        prop_assert_eq!(&seed_from_phrase(phrase.expose_str()).unwrap(), account.seed());
        prop_assert_eq!(phrase_from_seed(account.seed()).unwrap(), phrase);
        // a seed with any non-zero upper byte has no phrase
        let mut full = [0u8; 32];
        full[..16].copy_from_slice(&entropy);
        full[16..].copy_from_slice(&upper);
        let got = phrase_from_seed(&Seed::from_array(full));
        if upper == [0; 16] {
            prop_assert!(got.is_ok());
        } else {
            prop_assert_eq!(got.err(), Some(Error::SeedUpperHalfNotZero));
        }
    }

    #[test]
    fn recovery_decoding_arbitrary_text_never_panics(text in ".{0,200}") {
        let _ = account_from_phrase(&text);
    }
}
