//! Structure-aware: a valid one-to-one message (sender, recipient, ephemeral key and message
//! from the fuzzer; the inner `M ‖ A ‖ SIG` signed honestly or with a torsion component on
//! `A` and `R`), with fuzzer edits of the inner fields `[A, R, S]` and message bits before
//! sealing (so the box opens and the signature rules are reached) and of the sealed bytes
//! after (bit flips, truncation, small-order / twist / bit-255 / swapped ephemeral keys). The
//! verdict of `decrypt_incoming` (both key kinds) must be the typed error of the first
//! failing check, computed independently from libsodium's functions
//! (`sodium_diff::incoming_theirs`); an unedited message must open to its message and
//! sender; the Session-ID form agrees with `crypto_sign_ed25519_pk_to_curve25519` up to the
//! allow-listed order-2 rule.
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use libfuzzer_sys::fuzz_target;
use oxen_fuzz::session_valid::{OneToOneCase, account, apply_sealed, edit_inner, signed_inner};
use oxen_fuzz::sodium_diff::{compare_ed_to_x, incoming_theirs};
use oxen_session::sealed_box::seal_with;
use oxen_session::{SessionId, X25519SecretKey, decrypt_incoming, decrypt_incoming_session_id};

fuzz_target!(|case: OneToOneCase| {
    let sender = account(case.sender);
    let recipient = account(case.recipient);
    let pair = recipient.x25519_key_pair();
    let message = &case.message[..case.message.len().min(256)];
    let honest = signed_inner(&sender, &pair.public, message, &case.signer);
    let mut inner = honest.clone();
    edit_inner(&mut inner, &case);
    let eph = X25519SecretKey::from_bytes(case.ephemeral);
    let Ok(mut ct) = seal_with(&eph, &pair.public, &inner) else {
        return; // the recipient key is never of small order
    };
    let sealed = ct.clone();
    for e in case.sealed_edits.iter().take(3) {
        apply_sealed(&mut ct, e);
    }
    let ours = decrypt_incoming(&pair, &ct).map(|(m, a)| (m.to_vec(), a.to_bytes()));
    assert_eq!(
        decrypt_incoming(&recipient, &ct).map(|(m, a)| (m.to_vec(), a.to_bytes())),
        ours,
        "key kinds disagree"
    );
    let (pk, sk) = (pair.public.to_bytes(), *pair.secret.expose_bytes());
    let theirs = incoming_theirs(&ct, &pk, &sk);
    assert_eq!(ours, theirs, "verdicts differ");
    if ct == sealed
        && inner == honest
        && matches!(case.signer, oxen_fuzz::session_valid::InnerSigner::Honest)
    {
        assert_eq!(
            ours,
            Ok((message.to_vec(), sender.public_key().to_bytes())),
            "valid message refused"
        );
    }
    if let Ok((m, a)) = ours {
        let sid = decrypt_incoming_session_id(&pair, &ct);
        match compare_ed_to_x(&a) {
            Ok(_) => {}
            Err(d) => panic!("{d}"),
        }
        let expected = SessionId::from_ed25519(&oxen_session::Ed25519PublicKey(a)).map(|s| (m, s));
        assert_eq!(sid.map(|(m, s)| (m.to_vec(), s)), expected);
    }
});
