//! Structure-aware: a valid blinded DM (sender, recipient, server, 15/25 blinding, nonce and
//! message from the fuzzer), then edits of the ciphertext (bit flips, truncation, version
//! byte) and of the ids (field edits of their keys: torsion, small order, `y + p`, sign flip,
//! swap, another account's id). Checks: the unedited message opens for both parties with the
//! sender's Session ID; with the ids intact, the verdict is the first failing check of the
//! module docs (length 41, version, length 73, tag); with edited ids, only the documented
//! typed errors, and anything that opens is the original message from the original sender.
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use oxen_fuzz::edit::{Edit, apply};
use oxen_fuzz::session_valid::account;
use oxen_session::blinded_dm::{
    decrypt_from_blinded_recipient, encrypt_for_blinded_recipient_with,
};
use oxen_session::blinding::{blind15_key_pair, blind25_key_pair};
use oxen_session::{BlindedId, Blinding, Ed25519PublicKey, Error, Input as In, ServerPubkey};

#[derive(Arbitrary, Debug)]
enum CtEdit {
    FlipBit(u16),
    Truncate(u8),
    Version(u8),
}

#[derive(Arbitrary, Debug)]
struct Input {
    sender: [u8; 32],
    recipient: [u8; 32],
    server: [u8; 32],
    blind25: bool,
    nonce: [u8; 24],
    message: Vec<u8>,
    ct_edits: Vec<CtEdit>,
    /// Edits of the keys of `[sender id, recipient id]`.
    id_edits: Vec<Edit>,
    /// Open as the sender instead of the recipient.
    as_sender: bool,
}

fuzz_target!(|inp: Input| {
    let (alice, bob) = (account(inp.sender), account(inp.recipient));
    let server = ServerPubkey(inp.server);
    let (blinding, a_id, b_id) = if inp.blind25 {
        (
            Blinding::Blind25,
            blind25_key_pair(&alice, &server).id(),
            blind25_key_pair(&bob, &server).id(),
        )
    } else {
        (
            Blinding::Blind15,
            blind15_key_pair(&alice, &server).id(),
            blind15_key_pair(&bob, &server).id(),
        )
    };
    let message = &inp.message[..inp.message.len().min(512)];
    let ct =
        encrypt_for_blinded_recipient_with(&alice, &server, &b_id, message, &inp.nonce).unwrap();
    let original = (message.to_vec(), alice.session_id());
    for k in [&bob, &alice] {
        let opened = decrypt_from_blinded_recipient(k, &server, &a_id, &b_id, &ct)
            .map(|(m, s)| (m.to_vec(), s));
        assert_eq!(opened, Ok(original.clone()), "valid DM refused");
    }
    let mut edited = ct.clone();
    for e in inp.ct_edits.iter().take(3) {
        match *e {
            CtEdit::FlipBit(b) => {
                let bit = usize::from(b) % (8 * edited.len().max(1));
                if let Some(x) = edited.get_mut(bit / 8) {
                    *x ^= 1 << (bit % 8);
                }
            }
            CtEdit::Truncate(n) => edited.truncate(edited.len().saturating_sub(usize::from(n))),
            CtEdit::Version(v) => {
                if let Some(x) = edited.first_mut() {
                    *x = v;
                }
            }
        }
    }
    let mut slots = [a_id.key().to_bytes(), b_id.key().to_bytes()];
    for e in inp.id_edits.iter().take(2) {
        apply(&mut slots, e);
    }
    let sender_id = BlindedId::new(blinding, Ed25519PublicKey(slots[0]));
    let recipient_id = BlindedId::new(blinding, Ed25519PublicKey(slots[1]));
    let key = if inp.as_sender { &alice } else { &bob };
    let got = decrypt_from_blinded_recipient(key, &server, &sender_id, &recipient_id, &edited)
        .map(|(m, s)| (m.to_vec(), s));
    if sender_id == a_id && recipient_id == b_id {
        let len = edited.len();
        let expected = if len < 41 {
            Err(Error::CiphertextTooShort { len, min: 41 })
        } else if edited[0] != 0 {
            Err(Error::UnsupportedVersion { version: edited[0] })
        } else if len < 73 {
            Err(Error::CiphertextTooShort { len, min: 73 })
        } else if edited != ct {
            Err(Error::DecryptionFailed)
        } else {
            Ok(original)
        };
        assert_eq!(got, expected);
    } else {
        match got {
            Ok(o) => assert_eq!(o, original, "edited ids opened something else"),
            Err(
                Error::CiphertextTooShort { .. }
                | Error::BlindedPrefixMismatch
                | Error::InvalidPoint {
                    input: In::BlindedId | In::Ed25519PublicKey,
                    ..
                }
                | Error::UnsupportedVersion { .. }
                | Error::DecryptionFailed
                | Error::SenderMismatch
                | Error::IdentityResult,
            ) => {}
            Err(e) => panic!("unexpected {e:?}"),
        }
    }
});
