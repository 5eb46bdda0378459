//! Front door: multi-recipient decryption, plain (`decrypt_for_multiple`) and bencoded (the
//! three `decrypt_for_multiple_simple*` overloads), on arbitrary bytes. Input: byte 0 (bit 7:
//! plain form; bit 0: keys are X25519 `(y, X)`, else the recipient's Ed25519 seed and the
//! sender's Ed25519 key), byte 1 the domain length, 32 + 32 key bytes, the domain, then for
//! the plain form 4 split lengths, a 24-byte nonce and the ciphertexts, and for the bencoded
//! form the encoding. Checks: no panic; the bencoded overloads agree (X25519 pair, Ed25519 key
//! with the sender's X25519 key, both Ed25519 keys; "no result" is `None`); a found message
//! comes from the first ciphertext that opens.
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
use oxen_session::{Ed25519PublicKey, X25519KeyPair, X25519PublicKey, X25519SecretKey, ed_to_x};

fuzz_target!(|data: &[u8]| {
    let [mode, dlen, rest @ ..] = data else {
        return;
    };
    let Some((r, rest)) = rest.split_first_chunk::<32>() else {
        return;
    };
    let Some((s, rest)) = rest.split_first_chunk::<32>() else {
        return;
    };
    let dlen = usize::from(dlen % 72).min(rest.len());
    let (domain, rest) = rest.split_at(dlen);
    let (pair, sender_x, ed) = if mode & 1 == 1 {
        let pair = X25519KeyPair::from_secret(X25519SecretKey::from_bytes(*r));
        (pair, X25519PublicKey(*s), None)
    } else {
        let recipient = account(*r);
        let sender = Ed25519PublicKey(*s);
        let Ok(sender_x) = ed_to_x(&sender) else {
            let got = decrypt_for_multiple_simple_ed25519(rest, &recipient, &sender, domain);
            assert!(got.is_err());
            return;
        };
        (
            recipient.x25519_key_pair(),
            sender_x,
            Some((recipient, sender)),
        )
    };
    if mode & 0x80 == 0 {
        let a = decrypt_for_multiple_simple(rest, &pair, &sender_x, domain);
        if let Some((recipient, sender)) = ed {
            let b = decrypt_for_multiple_simple_ed25519_sk(rest, &recipient, &sender_x, domain);
            let c = decrypt_for_multiple_simple_ed25519(rest, &recipient, &sender, domain);
            assert_eq!(a, b);
            assert_eq!(Ok(a), c);
        }
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
        let Ok(found) = decrypt_for_multiple(&cts, nonce, &pair, &sender_x, domain) else {
            return; // a small-order sender or an over-long domain: typed refusals
        };
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
    }
});
