//! Front door: multi-recipient decryption, plain (`decrypt_for_multiple`) and bencoded (the
//! three `decrypt_for_multiple_simple*` overloads), on arbitrary bytes. Input: byte 0 picks
//! the recipient (seed `[b % 4; 32]`) and byte 1 the sender (`[4 + b % 4; 32]`) and the
//! domain; then, for the plain form, a 24-byte nonce and ciphertexts split at the lengths
//! byte 2.. gives, and for the bencoded form the rest as the encoding. Checks: no panic; the
//! three bencoded overloads agree (X25519 pair, Ed25519 key with the sender's X25519 key, both
//! Ed25519 keys); "no result" is `None`; a found message decrypts again from the plain form.
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
use oxen_session::multi::{
    decrypt_for_multiple, decrypt_for_multiple_simple, decrypt_for_multiple_simple_ed25519,
    decrypt_for_multiple_simple_ed25519_sk,
};

const DOMAINS: [&[u8]; 3] = [b"", b"SessionGroupKickedMessage", b"kick"];

fuzz_target!(|data: &[u8]| {
    let [r, s, rest @ ..] = data else {
        return;
    };
    let recipient = account([r % 4; 32]);
    let sender = account([4 + s % 4; 32]);
    let pair = recipient.x25519_key_pair();
    let sender_x = sender.x25519_key_pair().public;
    let domain = DOMAINS[usize::from(s >> 4) % 3];
    if r & 0x80 == 0 {
        let a = decrypt_for_multiple_simple(rest, &pair, &sender_x, domain);
        let b = decrypt_for_multiple_simple_ed25519_sk(rest, &recipient, &sender_x, domain);
        let c = decrypt_for_multiple_simple_ed25519(rest, &recipient, sender.public_key(), domain);
        assert_eq!(a, b);
        assert_eq!(Ok(a.clone()), c);
    } else {
        let Some((lens, rest)) = rest.split_first_chunk::<4>() else {
            return;
        };
        let Some((nonce, mut body)) = rest.split_first_chunk::<24>() else {
            return;
        };
        let mut cts = Vec::new();
        for &l in lens {
            let (ct, tail) = body.split_at(usize::from(l).min(body.len()));
            cts.push(ct);
            body = tail;
        }
        cts.push(body);
        let found = decrypt_for_multiple(&cts, nonce, &pair, &sender_x, domain).unwrap();
        if let Some(m) = found {
            // the first ciphertext that opens is the one returned
            let first = cts.iter().position(|ct| {
                decrypt_for_multiple([ct], nonce, &pair, &sender_x, domain)
                    .unwrap()
                    .is_some()
            });
            let again =
                decrypt_for_multiple([cts[first.unwrap()]], nonce, &pair, &sender_x, domain);
            assert_eq!(again.unwrap(), Some(m));
        }
        // a short nonce is a typed refusal
        assert!(decrypt_for_multiple(&cts, &nonce[..23], &pair, &sender_x, domain).is_err());
    }
});
