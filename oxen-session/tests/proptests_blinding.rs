//! Property tests of community blinding and blinded direct messages: DMs round-trip both ways
//! and either party reads them (15 and 25); any changed byte of a ciphertext or id is refused;
//! decryption of arbitrary bytes never panics; blinded signatures verify under the blinded key
//! and fail on any changed byte; the ids of every derivation agree and match their Session ID.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use oxen_session::blinded_dm::{
    decrypt_from_blinded_recipient as decrypt, encrypt_for_blinded_recipient_with as encrypt,
};
use oxen_session::blinding::*;
use oxen_session::ed25519::verify;
use oxen_session::*;
use proptest::prelude::*;

fn key(seed: [u8; 32]) -> Ed25519SecretKey {
    Ed25519SecretKey::from_seed(Seed::from_array(seed))
}

fn blinding() -> impl Strategy<Value = Blinding> {
    prop_oneof![Just(Blinding::Blind15), Just(Blinding::Blind25)]
}

/// The id a party uses (and encrypts from) under `blinding`.
fn id_of(k: &Ed25519SecretKey, server: &ServerPubkey, blinding: Blinding) -> BlindedId {
    match blinding {
        Blinding::Blind15 => blind15_key_pair(k, server).id(),
        Blinding::Blind25 => blind25_key_pair(k, server).id(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn blinded_dms_round_trip_both_ways_and_either_party_reads_them(
        a in any::<[u8; 32]>(),
        b in any::<[u8; 32]>(),
        server in any::<[u8; 32]>(),
        blinding in blinding(),
        m1 in proptest::collection::vec(any::<u8>(), 0..300),
        m2 in proptest::collection::vec(any::<u8>(), 0..300),
        nonce in any::<[u8; 24]>(),
    ) {
        let (alice, bob, server) = (key(a), key(b), ServerPubkey(server));
        let (a_id, b_id) = (id_of(&alice, &server, blinding), id_of(&bob, &server, blinding));
        let ct = encrypt(&alice, &server, &b_id, &m1, &nonce).unwrap();
        prop_assert_eq!(ct.len(), m1.len() + 73);
        for reader in [&bob, &alice] {
            let (m, from) = decrypt(reader, &server, &a_id, &b_id, &ct).unwrap();
            prop_assert_eq!(m.as_slice(), m1.as_slice());
            prop_assert_eq!(from, alice.session_id());
        }
        let reply = encrypt(&bob, &server, &a_id, &m2, &nonce).unwrap();
        for reader in [&alice, &bob] {
            let (m, from) = decrypt(reader, &server, &b_id, &a_id, &reply).unwrap();
            prop_assert_eq!(m.as_slice(), m2.as_slice());
            prop_assert_eq!(from, bob.session_id());
        }
        // the 25 id is also what anyone derives from the Session ID; a 15 id is one of two
        match blinding {
            Blinding::Blind25 => {
                prop_assert_eq!(blind25_id(&bob.session_id(), &server).unwrap(), b_id);
            }
            Blinding::Blind15 => {
                prop_assert!(blind15_ids(&bob.session_id(), &server).unwrap().contains(&b_id));
            }
        }
    }

    #[test]
    fn any_changed_byte_of_a_blinded_dm_or_its_ids_is_refused(
        a in any::<[u8; 32]>(),
        b in any::<[u8; 32]>(),
        blinding in blinding(),
        message in proptest::collection::vec(any::<u8>(), 0..100),
        at in any::<usize>(),
        bit in 0u8..8,
    ) {
        let (alice, bob, server) = (key(a), key(b), ServerPubkey([0x77; 32]));
        let (a_id, b_id) = (id_of(&alice, &server, blinding), id_of(&bob, &server, blinding));
        let ct = encrypt(&alice, &server, &b_id, &message, &[5; 24]).unwrap();
        let mut bad = ct.clone();
        bad[at % ct.len()] ^= 1 << bit;
        for reader in [&bob, &alice] {
            prop_assert!(decrypt(reader, &server, &a_id, &b_id, &bad).is_err());
        }
        // a changed id (its key bytes; the prefix byte changes the blinding or fails to parse)
        for (which, id) in [(0, a_id), (1, b_id)] {
            let mut bytes = id.to_bytes();
            bytes[1 + at % 32] ^= 1 << bit;
            let changed = BlindedId::from_bytes(&bytes).unwrap();
            let (s, r) = if which == 0 { (changed, b_id) } else { (a_id, changed) };
            prop_assert!(decrypt(&bob, &server, &s, &r, &ct).is_err());
        }
        // another server
        let other = ServerPubkey([0x78; 32]);
        prop_assert!(decrypt(&bob, &other, &a_id, &b_id, &ct).is_err());
    }

    #[test]
    fn decrypting_arbitrary_bytes_never_panics(
        seed in any::<[u8; 32]>(),
        sender in any::<[u8; 32]>(),
        recipient in any::<[u8; 32]>(),
        prefixes in any::<(bool, bool)>(),
        data in proptest::collection::vec(any::<u8>(), 0..200),
        version_zero in any::<bool>(),
    ) {
        let k = key(seed);
        let server = ServerPubkey([1; 32]);
        let pick = |p: bool| if p { Blinding::Blind15 } else { Blinding::Blind25 };
        let s = BlindedId::new(pick(prefixes.0), Ed25519PublicKey(sender));
        let r = BlindedId::new(pick(prefixes.1), Ed25519PublicKey(recipient));
        let mut data = data;
        if version_zero && !data.is_empty() {
            data[0] = 0;
        }
        let _ = decrypt(&k, &server, &s, &r, &data);
        // the local party's own id as the recipient (the shared point is then valid)
        let own = id_of(&k, &server, pick(prefixes.1));
        let _ = decrypt(&k, &server, &s, &own, &data);
    }

    #[test]
    fn blinded_signatures_verify_under_the_blinded_key_and_fail_on_any_changed_byte(
        seed in any::<[u8; 32]>(),
        server in any::<[u8; 32]>(),
        blinding in blinding(),
        message in proptest::collection::vec(any::<u8>(), 0..200),
        at in any::<usize>(),
        bit in 0u8..8,
    ) {
        let (k, server) = (key(seed), ServerPubkey(server));
        let (sig, id) = match blinding {
            Blinding::Blind15 => (blind15_sign(&k, &server, &message), blind15_key_pair(&k, &server).id()),
            Blinding::Blind25 => (blind25_sign(&k, &server, &message), blind25_key_pair(&k, &server).id()),
        };
        prop_assert_eq!(verify(&sig, id.key(), &message), Ok(()));
        // the id others compute from the Ed25519 key is the same key
        let from_ed = match blinding {
            Blinding::Blind15 => blinded15_id_from_ed(k.public_key(), &server).unwrap(),
            Blinding::Blind25 => blinded25_id_from_ed(k.public_key(), &server).unwrap(),
        };
        prop_assert_eq!(from_ed, id);

        let mut s = sig.to_bytes();
        s[at % 64] ^= 1 << bit;
        prop_assert!(verify(&Signature(s), id.key(), &message).is_err());
        let mut p = id.key().to_bytes();
        p[at % 32] ^= 1 << bit;
        prop_assert!(verify(&sig, &Ed25519PublicKey(p), &message).is_err());
        let mut m = message.clone();
        if m.is_empty() {
            m.push(0);
        } else {
            let i = at % m.len();
            m[i] ^= 1 << bit;
        }
        prop_assert!(verify(&sig, id.key(), &m).is_err());
        // the unblinded key does not verify it
        prop_assert!(verify(&sig, k.public_key(), &message).is_err());
    }

    #[test]
    fn session_ids_match_their_blinded_ids(
        seed in any::<[u8; 32]>(),
        other in any::<[u8; 32]>(),
        server in any::<[u8; 32]>(),
    ) {
        let (k, server) = (key(seed), ServerPubkey(server));
        let sid = k.session_id();
        let id15 = blind15_key_pair(&k, &server).id();
        let id25 = blind25_key_pair(&k, &server).id();
        for id in [id15, id15.with_flipped_sign(), id25] {
            prop_assert!(session_id_matches_blinded_id(&sid, &id, &server).unwrap());
            prop_assert!(
                session_id_matches_blinded_id_hex(&sid.to_hex(), &id.to_hex(), &server.to_hex())
                    .unwrap()
            );
        }
        prop_assert!(!session_id_matches_blinded_id(&sid, &id25.with_flipped_sign(), &server).unwrap());
        prop_assume!(other != seed);
        let someone_else = key(other).session_id();
        for id in [id15, id25] {
            prop_assert!(!session_id_matches_blinded_id(&someone_else, &id, &server).unwrap());
        }
        // the hex forms print what the typed forms compute
        let [h0, h1] = blind15_id_hex(&sid.to_hex(), &server.to_hex()).unwrap();
        let [t0, t1] = blind15_ids(&sid, &server).unwrap();
        prop_assert_eq!((h0, h1), (t0.to_hex(), t1.to_hex()));
        prop_assert_eq!(blind25_id_hex(&sid.to_hex(), &server.to_hex()).unwrap(), id25.to_hex());
    }

    #[test]
    fn blinded_secret_keys_are_their_public_keys(
        seed in any::<[u8; 32]>(),
        server in any::<[u8; 32]>(),
    ) {
        let (k, server) = (key(seed), ServerPubkey(server));
        let p15 = blind15_key_pair(&k, &server);
        let p25 = blind25_key_pair(&k, &server);
        for pair in [&p15, p25.key_pair()] {
            let public = point::Point::mul_base(pair.secret()).unwrap();
            prop_assert_eq!(public.to_ed25519(), *pair.public_key());
        }
        // a' = k'·a and k' = ±k25
        prop_assert_eq!(p25.key_pair().secret(), &(k.scalar() * p25.k_prime()));
        let k25 = blind25_factor(&k.session_id(), &server).to_bytes();
        let k25 = SecretScalar::from_bytes_mod_order(&k25);
        let negative = k.public_key().as_bytes()[31] >> 7 == 1;
        prop_assert_eq!(p25.k_prime(), &if negative { -&k25 } else { k25 });
        // a version-check key is unrelated to the account and deterministic
        let v = blind_version_key_pair(&k);
        prop_assert_ne!(v.public_key(), k.public_key());
        prop_assert_eq!(*v.public_key(), *blind_version_key_pair(&k).public_key());
    }
}
