//! Front door: `decrypt_from_blinded_recipient` on arbitrary bytes. Input: byte 0 picks the
//! local account (seed `[b % 4; 32]`), byte 1 the other party (`[4 + b % 4; 32]`), byte 2 the
//! blinding (bit 0: 15/25), the role (bit 1: local is the sender) and raw ids (bit 2: the next
//! 64 bytes are the two ids' keys, with the chosen prefix); then the server key (32 bytes) and
//! the ciphertext. Checks: no panic, typed errors; an opened message names a Session ID that
//! the sender id belongs to (`session_id_matches_blinded_id`).
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
use oxen_session::blinded_dm::decrypt_from_blinded_recipient;
use oxen_session::blinding::{blind15_key_pair, blind25_key_pair, session_id_matches_blinded_id};
use oxen_session::{BlindedId, Blinding, Ed25519PublicKey, ServerPubkey};

fuzz_target!(|data: &[u8]| {
    let [l, o, flags, rest @ ..] = data else {
        return;
    };
    let local = account([l % 4; 32]);
    let other = account([4 + o % 4; 32]);
    let blinding = if flags & 1 == 0 {
        Blinding::Blind15
    } else {
        Blinding::Blind25
    };
    let (raw, rest) = if flags & 4 != 0 {
        let Some((raw, rest)) = rest.split_first_chunk::<64>() else {
            return;
        };
        (Some(*raw), rest)
    } else {
        (None, rest)
    };
    let Some((server, ct)) = rest.split_first_chunk::<32>() else {
        return;
    };
    let server = ServerPubkey(*server);
    let id = |k: &oxen_session::Ed25519SecretKey| match blinding {
        Blinding::Blind15 => blind15_key_pair(k, &server).id(),
        _ => blind25_key_pair(k, &server).id(),
    };
    let (mut sender_id, mut recipient_id) = (id(&other), id(&local));
    if flags & 2 != 0 {
        (sender_id, recipient_id) = (recipient_id, sender_id);
    }
    if let Some(raw) = raw {
        let key = |b: &[u8]| Ed25519PublicKey(b.try_into().unwrap());
        sender_id = BlindedId::new(blinding, key(&raw[..32]));
        recipient_id = BlindedId::new(blinding, key(&raw[32..]));
    }
    if let Ok((_m, sid)) =
        decrypt_from_blinded_recipient(&local, &server, &sender_id, &recipient_id, ct)
    {
        assert_eq!(
            session_id_matches_blinded_id(&sid, &sender_id, &server),
            Ok(true)
        );
    }
});
