//! Property tests of one-to-one messages, the sealed box, ONS responses and push notifications:
//! round trips (random and deterministic ephemeral keys; recipients given as Session ID, X25519
//! key or lifted key; opened with the Ed25519 key or an X25519 pair, also a bare X25519 account),
//! any changed byte of the ciphertext or of the signed inner message refused, and no panic on
//! arbitrary input.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use chacha20poly1305::XChaCha20Poly1305;
use chacha20poly1305::aead::{AeadInOut, KeyInit};
use oxen_session::one_to_one::{deterministic_ephemeral, encrypt_for_recipient_with};
use oxen_session::oxen_keys::LiftedPublicKey;
use oxen_session::sealed_box::{seal_open, seal_with};
use oxen_session::*;
use proptest::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;

fn key(seed: [u8; 32]) -> Ed25519SecretKey {
    Ed25519SecretKey::from_seed(Seed::from_array(seed))
}

fn message() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u8>(), 0..300)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn round_trip_every_form(
        a in any::<[u8; 32]>(),
        b in any::<[u8; 32]>(),
        rng_seed in any::<u64>(),
        m in message(),
    ) {
        let (alice, bob) = (key(a), key(b));
        let pair = bob.x25519_key_pair();
        let sid = bob.session_id();
        let mut rng = ChaCha20Rng::seed_from_u64(rng_seed);
        let cts = [
            encrypt_for_recipient(&alice, &sid, &m, &mut rng).unwrap(),
            encrypt_for_recipient(&alice, &pair.public, &m, &mut rng).unwrap(),
            encrypt_for_recipient(&alice, &LiftedPublicKey::new(pair.public), &m, &mut rng)
                .unwrap(),
            encrypt_for_recipient_deterministic(&alice, &sid, &m).unwrap(),
        ];
        for ct in &cts {
            prop_assert_eq!(ct.len(), m.len() + 144);
            let (p, sender) = decrypt_incoming(&bob, ct).unwrap();
            prop_assert_eq!(&p[..], &m[..]);
            prop_assert_eq!(&sender, alice.public_key());
            let (p, sender_sid) = decrypt_incoming_session_id(&pair, ct).unwrap();
            prop_assert_eq!(&p[..], &m[..]);
            prop_assert_eq!(sender_sid, alice.session_id());
            // nobody else opens it
            prop_assert_eq!(decrypt_incoming(&alice, ct).err(), Some(Error::DecryptionFailed));
        }
        // the signed inner message is sign_for_recipient's
        let opened = seal_open(&pair, &cts[3]).unwrap();
        prop_assert_eq!(&opened[..], &sign_for_recipient(&alice, &sid, &m)[..]);
    }

    #[test]
    fn deterministic_is_with_the_derived_ephemeral(
        a in any::<[u8; 32]>(),
        b in any::<[u8; 32]>(),
        m in message(),
        other in any::<u8>(),
    ) {
        let (alice, bob) = (key(a), key(b));
        let y = bob.x25519_key_pair().public;
        let ct = encrypt_for_recipient_deterministic(&alice, &y, &m).unwrap();
        prop_assert_eq!(&encrypt_for_recipient_deterministic(&alice, &y, &m).unwrap(), &ct);
        let e = deterministic_ephemeral(&alice, &y, &m);
        prop_assert_eq!(&encrypt_for_recipient_with(&alice, &y, &m, &e).unwrap(), &ct);
        // a different message gives a different ephemeral key
        let mut m2 = m.clone();
        m2.push(other);
        let ct2 = encrypt_for_recipient_deterministic(&alice, &y, &m2).unwrap();
        prop_assert_ne!(&ct2[..32], &ct[..32]);
    }

    #[test]
    fn bare_x25519_accounts_receive(
        a in any::<[u8; 32]>(),
        x in any::<[u8; 32]>(),
        e in any::<[u8; 32]>(),
        m in message(),
    ) {
        // a recipient that only has an X25519 pair (secret stored unclamped, as libsodium does)
        let alice = key(a);
        let pair = X25519KeyPair::from_secret(X25519SecretKey::from_bytes(x));
        let ct = encrypt_for_recipient_with(
            &alice, &pair.public, &m, &X25519SecretKey::from_bytes(e),
        ).unwrap();
        let (p, sender) = decrypt_incoming(&pair, &ct).unwrap();
        prop_assert_eq!((&p[..], &sender), (&m[..], alice.public_key()));
    }

    #[test]
    fn any_changed_ciphertext_byte_is_refused(
        a in any::<[u8; 32]>(),
        b in any::<[u8; 32]>(),
        m in message(),
        at in any::<usize>(),
        bit in 0u8..8,
    ) {
        let (alice, bob) = (key(a), key(b));
        let ct = encrypt_for_recipient_deterministic(&alice, &bob.session_id(), &m).unwrap();
        let mut bad = ct.clone();
        bad[at % ct.len()] ^= 1 << bit;
        // a changed E is another key (small order only with negligible probability)
        prop_assert_eq!(decrypt_incoming(&bob, &bad).err(), Some(Error::DecryptionFailed));
        let cut = at % ct.len();
        let err = decrypt_incoming(&bob, &ct[..cut]).err().unwrap();
        prop_assert!(matches!(
            err,
            Error::DecryptionFailed | Error::CiphertextTooShort { min: 144, .. }
        ), "{err:?}");
    }

    #[test]
    fn any_changed_signed_byte_is_refused(
        a in any::<[u8; 32]>(),
        b in any::<[u8; 32]>(),
        m in message(),
        at in any::<usize>(),
        bit in 0u8..8,
    ) {
        // M, A or SIG changed, then sealed correctly: the signature check refuses it
        let (alice, bob) = (key(a), key(b));
        let pair = bob.x25519_key_pair();
        let mut signed = sign_for_recipient(&alice, &pair.public, &m);
        let i = at % signed.len();
        signed[i] ^= 1 << bit;
        let ct = seal_with(&X25519SecretKey::from_bytes([1; 32]), &pair.public, &signed).unwrap();
        let err = decrypt_incoming(&bob, &ct).err().unwrap();
        prop_assert!(matches!(err, Error::InvalidSignature(_)), "{err:?}");
    }

    #[test]
    fn arbitrary_input_never_panics(
        b in any::<[u8; 32]>(),
        ct in proptest::collection::vec(any::<u8>(), 0..400),
        key_bytes in proptest::collection::vec(any::<u8>(), 0..40),
        name in "[a-zA-Z0-9-]{0,20}",
    ) {
        let bob = key(b);
        let r1 = decrypt_incoming(&bob, &ct);
        let r2 = decrypt_incoming_session_id(&bob.x25519_key_pair(), &ct);
        // random bytes never open (a forgery of a 16-byte tag)
        prop_assert!(r1.is_err() && r2.is_err());
        let _ = seal_open(&bob.x25519_key_pair(), &ct);
        let _ = decrypt_push_notification(&ct, &key_bytes);
        let (c, n) = ct.split_at(ct.len() / 2);
        let _ = decrypt_ons_response(&name, c, n);
        let _ = decrypt_ons_response(&name, &ct, &key_bytes);
    }

    #[test]
    fn push_strips_trailing_zeros_unless_all_zero(
        k in any::<[u8; 32]>(),
        nonce in any::<[u8; 24]>(),
        body in proptest::collection::vec(0u8..3, 0..80),
        pad in 0usize..40,
    ) {
        let mut plain = body.clone();
        plain.resize(body.len() + pad, 0);
        let mut ct = plain.clone();
        let tag = XChaCha20Poly1305::new(&k.into())
            .encrypt_inout_detached(&nonce.into(), &[], ct.as_mut_slice().into())
            .unwrap();
        let payload = [&nonce[..], &ct, &tag].concat();
        let got = decrypt_push_notification(&payload, &k).unwrap();
        // model: drop trailing zeros; if nothing is left, the plaintext is returned whole
        let mut want = plain.clone();
        while want.last() == Some(&0) {
            want.pop();
        }
        if want.is_empty() {
            want = plain;
        }
        prop_assert_eq!(&got[..], &want[..]);
    }

    #[test]
    fn ons_responses_open_with_their_lower_case_name(
        name in "[a-z0-9][a-z0-9-]{0,30}",
        x in any::<[u8; 32]>(),
        nonce in any::<[u8; 24]>(),
        flip in any::<usize>(),
    ) {
        let sid = SessionId::from_x25519(X25519PublicKey(x));
        let k = oxen_ons::name_to_encryption_key(&name).unwrap();
        let record = oxen_ons::encryption::encrypt_with_nonce(&k, &sid.to_bytes(), &nonce)
            .unwrap();
        let ct = &record.as_bytes()[..49];
        prop_assert_eq!(decrypt_ons_response(&name, ct, &nonce), Ok(sid));
        let mut bad = ct.to_vec();
        bad[flip % 49] ^= 1;
        prop_assert_eq!(decrypt_ons_response(&name, &bad, &nonce), Err(Error::DecryptionFailed));
        let upper = name.to_uppercase();
        if upper != name {
            prop_assert_eq!(decrypt_ons_response(&upper, ct, &nonce), Err(Error::DecryptionFailed));
        }
    }
}
