//! Property tests of the foundation: signatures round-trip and every byte change of signature,
//! key or message is refused; XEd25519 likewise; ids parse what they print; keys and the point
//! rules agree with each other.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use oxen_session::ed25519::{sign, sign_parts, verify, verify_parts};
use oxen_session::point::{ConvertiblePoint, Point};
use oxen_session::*;
use proptest::prelude::*;

fn key(seed: [u8; 32]) -> Ed25519SecretKey {
    Ed25519SecretKey::from_seed(Seed::from_array(seed))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn ed25519_round_trip_and_any_byte_change_is_refused(
        seed in any::<[u8; 32]>(),
        message in proptest::collection::vec(any::<u8>(), 0..200),
        at in any::<usize>(),
        bit in 0u8..8,
    ) {
        let sk = key(seed);
        let sig = sign(&sk, &message);
        prop_assert_eq!(verify(&sig, sk.public_key(), &message), Ok(()));

        let mut s = sig.to_bytes();
        s[at % 64] ^= 1 << bit;
        prop_assert!(verify(&Signature(s), sk.public_key(), &message).is_err());

        let mut a = sk.public_key().to_bytes();
        a[at % 32] ^= 1 << bit;
        prop_assert!(verify(&sig, &Ed25519PublicKey(a), &message).is_err());

        let mut m = message.clone();
        if m.is_empty() {
            m.push(0);
        } else {
            let i = at % m.len();
            m[i] ^= 1 << bit;
        }
        prop_assert!(verify(&sig, sk.public_key(), &m).is_err());
    }

    #[test]
    fn signing_parts_is_signing_the_concatenation(
        seed in any::<[u8; 32]>(),
        a in proptest::collection::vec(any::<u8>(), 0..80),
        b in proptest::collection::vec(any::<u8>(), 0..80),
    ) {
        let sk = key(seed);
        let whole = [a.clone(), b.clone()].concat();
        let sig = sign_parts(&sk, &[&a, &b]);
        prop_assert_eq!(sig, sign(&sk, &whole));
        prop_assert_eq!(verify_parts(&sig, sk.public_key(), &[&a[..], &b[..]]), Ok(()));
    }

    #[test]
    fn secret_key_bytes_round_trip_and_any_change_is_refused(seed in any::<[u8; 32]>(), at in 0usize..64, bit in 0u8..8) {
        let sk = key(seed);
        let bytes = *sk.to_bytes();
        let again = Ed25519SecretKey::from_bytes(&bytes).unwrap();
        prop_assert_eq!(again.public_key(), sk.public_key());
        prop_assert_eq!(again.scalar(), sk.scalar());
        let mut bad = bytes;
        bad[at] ^= 1 << bit;
        prop_assert_eq!(Ed25519SecretKey::from_bytes(&bad).err(), Some(Error::InconsistentSecretKey));
    }

    #[test]
    fn account_keys_agree(seed in any::<[u8; 32]>()) {
        let sk = key(seed);
        let x = sk.x25519_key_pair();
        // ed_to_x(A) = X25519(edsk_to_x, 9), for A and for -A
        prop_assert_eq!(ed_to_x(sk.public_key()).unwrap(), x.public);
        prop_assert_eq!(x.secret.public_key(), x.public);
        let mut neg = sk.public_key().to_bytes();
        neg[31] ^= 0x80;
        prop_assert_eq!(ed_to_x(&Ed25519PublicKey(neg)).unwrap(), x.public);
        // XEd25519 recovers |A| from the Session ID
        let mut abs = sk.public_key().to_bytes();
        abs[31] &= 0x7f;
        prop_assert_eq!(xed25519::pubkey(&x.public), Ed25519PublicKey(abs));
        prop_assert_eq!(sk.session_id(), SessionId::from_ed25519(sk.public_key()).unwrap());
        // A is a valid scalar-multiplication point, a·B
        prop_assert_eq!(Point::decode(sk.public_key().as_bytes()).unwrap(), *sk.public_point());
        prop_assert_eq!(Point::mul_base(sk.scalar()).unwrap(), *sk.public_point());
    }

    #[test]
    fn xed25519_round_trip_and_any_byte_change_is_refused(
        seed in any::<[u8; 32]>(),
        z in any::<[u8; 32]>(),
        message in proptest::collection::vec(any::<u8>(), 0..100),
        at in any::<usize>(),
        bit in 0u8..8,
    ) {
        let x = edsk_to_x(&key(seed));
        let u = x.public_key();
        let mut z64 = [0u8; 64];
        z64[..32].copy_from_slice(&z);
        let sig = xed25519::sign_with(&x, &message, &z64);
        prop_assert_eq!(xed25519::verify(&sig, &u, &message), Ok(()));
        let mut s = sig.to_bytes();
        s[at % 64] ^= 1 << bit;
        prop_assert!(xed25519::verify(&Signature(s), &u, &message).is_err());
        let mut m = message.clone();
        m.push(1);
        prop_assert!(xed25519::verify(&sig, &u, &m).is_err());
        let mut u2 = u.to_bytes();
        u2[at % 31] ^= 1 << bit; // bit 255 is ignored by pubkey(), so change a lower byte
        prop_assert!(xed25519::verify(&sig, &X25519PublicKey(u2), &message).is_err());
    }

    #[test]
    fn xed25519_signs_with_any_secret(x in any::<[u8; 32]>(), message in proptest::collection::vec(any::<u8>(), 0..50)) {
        // unclamped secrets too (the documented divergence: libsession's signature would not verify)
        let x = X25519SecretKey::from_bytes(x);
        let sig = xed25519::sign_with(&x, &message, &[7; 64]);
        prop_assert_eq!(xed25519::verify(&sig, &x.public_key(), &message), Ok(()));
    }

    #[test]
    fn ids_parse_what_they_print(key in any::<[u8; 32]>(), blind25 in any::<bool>()) {
        let sid = SessionId::from_x25519(X25519PublicKey(key));
        prop_assert_eq!(SessionId::from_hex(&sid.to_hex()), Ok(sid));
        prop_assert_eq!(SessionId::from_hex(&sid.to_hex().to_uppercase()), Ok(sid));
        prop_assert_eq!(sid.to_string().parse::<SessionId>(), Ok(sid));
        prop_assert_eq!(SessionId::from_bytes(&sid.to_bytes()), Ok(sid));
        prop_assert_eq!(SessionId::from_bytes(&key), Ok(sid));

        let blinding = if blind25 { Blinding::Blind25 } else { Blinding::Blind15 };
        let bid = BlindedId::new(blinding, Ed25519PublicKey(key));
        prop_assert_eq!(BlindedId::from_hex(&bid.to_hex()), Ok(bid));
        prop_assert_eq!(BlindedId::from_bytes(&bid.to_bytes()), Ok(bid));
        prop_assert_eq!(bid.to_bytes()[0], blinding.prefix());
        prop_assert_ne!(bid.with_flipped_sign(), bid);
        prop_assert_eq!(bid.with_flipped_sign().with_flipped_sign(), bid);

        let spk = ServerPubkey(key);
        prop_assert_eq!(ServerPubkey::from_hex(&spk.to_hex()), Ok(spk));
        prop_assert_eq!(ServerPubkey::parse(spk.to_hex().to_uppercase().as_bytes()), Ok(spk));
        prop_assert_eq!(ServerPubkey::parse(&key), Ok(spk));
    }

    #[test]
    fn point_rules_are_nested(bytes in any::<[u8; 32]>()) {
        // scalar-mult rule = conversion rule + canonical; both agree on the X25519 key
        match (Point::decode(&bytes), ConvertiblePoint::decode(&bytes)) {
            (Ok(p), Ok(c)) => prop_assert_eq!(p.to_x25519(), c.to_x25519()),
            (Err(PointCheck::NonCanonical), Ok(c)) => prop_assert_eq!(c.to_point(), Err(PointCheck::NonCanonical)),
            (Err(e), Err(f)) => prop_assert_eq!(e, f),
            (p, c) => prop_assert!(false, "rules disagree: {:?} {:?}", p, c),
        }
    }
}
