//! One test per `Error` variant (and `Input`) that the one-to-one, sealed-box, ONS-response and
//! push-notification modules produce, each reached through the public API, in the step order of
//! the reference. (`tests/errors.rs` covers the foundation's.)
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use chacha20poly1305::XChaCha20Poly1305;
use chacha20poly1305::aead::{AeadInOut, KeyInit};
use curve25519_dalek::constants::{ED25519_BASEPOINT_POINT, EIGHT_TORSION};
use curve25519_dalek::edwards::EdwardsPoint;
use curve25519_dalek::scalar::Scalar;
use oxen_ons::encryption::encrypt_with_nonce;
use oxen_session::one_to_one::encrypt_for_recipient_with;
use oxen_session::sealed_box::{box_open_easy, seal_open, seal_with};
use oxen_session::*;
use sha2::{Digest, Sha512};

fn key(b: u8) -> Ed25519SecretKey {
    Ed25519SecretKey::from_seed(Seed::from_array([b; 32]))
}

fn eph() -> X25519SecretKey {
    X25519SecretKey::from_bytes([0x77; 32])
}

/// A message from `sender` to `bob` whose inner `M ‖ A ‖ SIG` is `inner`, sealed correctly.
fn sealed_inner(inner: &[u8], bob: &Ed25519SecretKey) -> Vec<u8> {
    seal_with(&eph(), &bob.x25519_key_pair().public, inner).unwrap()
}

/// The small-order u values (X25519's all-zero outputs), canonical or not, then with bit 255.
fn small_order_u() -> Vec<[u8; 32]> {
    let mut out = Vec::new();
    for t in EIGHT_TORSION {
        out.push(t.to_montgomery().to_bytes());
    }
    let mut p = [0xff; 32];
    p[31] = 0x7f;
    for low in [0xec, 0xed, 0xee] {
        p[0] = low; // p - 1, p, p + 1
        out.push(p);
    }
    let with_bit: Vec<[u8; 32]> = out
        .iter()
        .map(|u| {
            let mut v = *u;
            v[31] |= 0x80;
            v
        })
        .collect();
    out.extend(with_bit);
    out
}

#[test]
fn ciphertext_too_short_at_every_length_check() {
    let bob = key(2);
    let short = |len, min| Err::<(), _>(Error::CiphertextTooShort { len, min });
    for len in [0, 47, 48, 143] {
        assert_eq!(
            decrypt_incoming(&bob, &vec![0; len]).map(|_| ()),
            short(len, 144)
        );
        assert_eq!(
            decrypt_incoming_session_id(&bob.x25519_key_pair(), &vec![0; len]).map(|_| ()),
            short(len, 144)
        );
    }
    assert_eq!(
        seal_open(&bob.x25519_key_pair(), &[0; 47]).map(|_| ()),
        short(47, 48)
    );
    assert_eq!(
        box_open_easy(
            &BoxKey::beforenm(&bob.x25519_key_pair().public, &eph()).unwrap(),
            &[0; 24],
            &[0; 15]
        )
        .map(|_| ()),
        short(15, 16)
    );
    assert_eq!(
        decrypt_ons_response("abc", &[0; 15], &[0; 24]).map(|_| ()),
        short(15, 16)
    );
    // the length is checked before the nonce, as upstream
    assert_eq!(
        decrypt_ons_response("abc", &[0; 15], &[0; 3]).map(|_| ()),
        short(15, 16)
    );
    assert_eq!(
        decrypt_push_notification(&[0; 39], &[0; 32]).map(|_| ()),
        short(39, 40)
    );
    // the payload is checked before the key, as upstream
    assert_eq!(
        decrypt_push_notification(&[0; 39], &[0; 3]).map(|_| ()),
        short(39, 40)
    );
    // an inner payload shorter than A ‖ SIG cannot be: 144 bytes outside means 96 inside
    let ct = encrypt_for_recipient_with(&key(1), &bob.session_id(), b"", &eph()).unwrap();
    assert_eq!(ct.len(), 144);
    assert!(decrypt_incoming(&bob, &ct).is_ok());
}

#[test]
fn decryption_failed_for_every_tag() {
    let (alice, bob) = (key(1), key(2));
    let ct = encrypt_for_recipient_with(&alice, &bob.session_id(), b"hello", &eph()).unwrap();
    let failed = Err::<(), _>(Error::DecryptionFailed);
    // wrong recipient, any changed byte (E, tag, body), truncated, extended
    assert_eq!(decrypt_incoming(&key(3), &ct).map(|_| ()), failed);
    for i in [0, 31, 32, 47, 48, ct.len() - 1] {
        let mut bad = ct.clone();
        bad[i] ^= 1;
        assert_eq!(decrypt_incoming(&bob, &bad).map(|_| ()), failed, "byte {i}");
    }
    assert_eq!(
        decrypt_incoming(&bob, &ct[..ct.len() - 1]).map(|_| ()),
        failed
    );
    assert_eq!(
        decrypt_incoming(&bob, &[&ct[..], &[0]].concat()).map(|_| ()),
        failed
    );

    // ONS: wrong name, a name with upper case (no record is encrypted under one), tampering
    let sid = bob.session_id().to_bytes();
    let record = encrypt_with_nonce(
        &oxen_ons::name_to_encryption_key("bob").unwrap(),
        &sid,
        &[5; 24],
    )
    .unwrap();
    let (ons_ct, nonce) = record.as_bytes().split_at(49);
    assert_eq!(
        decrypt_ons_response("bob", ons_ct, nonce),
        Ok(bob.session_id())
    );
    assert_eq!(
        decrypt_ons_response("bobb", ons_ct, nonce).map(|_| ()),
        failed
    );
    assert_eq!(
        decrypt_ons_response("Bob", ons_ct, nonce).map(|_| ()),
        failed
    );
    let mut tampered = ons_ct.to_vec();
    tampered[48] ^= 1;
    assert_eq!(
        decrypt_ons_response("bob", &tampered, nonce).map(|_| ()),
        failed
    );

    // push: wrong key, tampered
    let payload = push_payload(&[9; 32], b"note");
    assert_eq!(
        &decrypt_push_notification(&payload, &[9; 32]).unwrap()[..],
        b"note"
    );
    assert_eq!(
        decrypt_push_notification(&payload, &[8; 32]).map(|_| ()),
        failed
    );
    let mut bad = payload.clone();
    bad[30] ^= 1;
    assert_eq!(
        decrypt_push_notification(&bad, &[9; 32]).map(|_| ()),
        failed
    );
}

fn push_payload(key: &[u8; 32], m: &[u8]) -> Vec<u8> {
    let nonce = [3u8; 24];
    let mut body = m.to_vec();
    let tag = XChaCha20Poly1305::new(key.into())
        .encrypt_inout_detached(&nonce.into(), &[], body.as_mut_slice().into())
        .unwrap();
    [&nonce[..], &body, &tag].concat()
}

#[test]
fn zero_shared_secret_both_ways() {
    let (alice, bob) = (key(1), key(2));
    let pair = bob.x25519_key_pair();
    let good = encrypt_for_recipient_with(&alice, &pair.public, b"hi", &eph()).unwrap();
    for u in small_order_u() {
        let y = X25519PublicKey(u);
        assert_eq!(
            encrypt_for_recipient_with(&alice, &y, b"hi", &eph()),
            Err(Error::ZeroSharedSecret)
        );
        assert_eq!(
            encrypt_for_recipient_deterministic(&alice, &y, b"hi"),
            Err(Error::ZeroSharedSecret)
        );
        assert_eq!(
            BoxKey::beforenm(&y, &eph()).err(),
            Some(Error::ZeroSharedSecret)
        );
        // an incoming message whose ephemeral key is of small order
        let mut ct = good.clone();
        ct[..32].copy_from_slice(&u);
        assert_eq!(
            decrypt_incoming(&bob, &ct).map(|_| ()),
            Err(Error::ZeroSharedSecret)
        );
        assert_eq!(
            decrypt_incoming(&pair, &ct).map(|_| ()),
            Err(Error::ZeroSharedSecret)
        );
    }
}

#[test]
fn invalid_signature_inside_a_valid_box() {
    let (alice, bob) = (key(1), key(2));
    let fail = |c| Err::<(), _>(Error::InvalidSignature(c));
    let m = b"hello";
    let signed = sign_for_recipient(&alice, &bob.session_id(), m);
    let open = |inner: &[u8]| decrypt_incoming(&bob, &sealed_inner(inner, &bob)).map(|_| ());
    assert_eq!(open(&signed), Ok(()));
    // signed for somebody else: the equation over M ‖ A ‖ Y fails
    let other = sign_for_recipient(&alice, &key(3).session_id(), m);
    assert_eq!(open(&other), fail(SignatureCheck::Equation));
    // S + L
    let mut s_plus_l = signed.clone();
    let l: [u8; 32] = [
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde,
        0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
    ];
    let mut carry = 0u16;
    for (b, l) in s_plus_l[m.len() + 64..].iter_mut().zip(l) {
        let v = u16::from(*b) + u16::from(l) + carry;
        *b = v as u8;
        carry = v >> 8;
    }
    assert_eq!(open(&s_plus_l), fail(SignatureCheck::NonCanonicalS));
    // R of small order
    let mut small_r = signed.clone();
    small_r[m.len() + 32..m.len() + 64].copy_from_slice(&[0; 32]);
    assert_eq!(open(&small_r), fail(SignatureCheck::SmallOrderR));
    // A not on the curve
    let mut bad_a = signed.clone();
    bad_a[m.len()..m.len() + 32].copy_from_slice(&{
        let mut two = [0; 32];
        two[0] = 2;
        two
    });
    assert_eq!(
        open(&bad_a),
        fail(SignatureCheck::PublicKey(PointCheck::NotOnCurve))
    );
}

/// A torsioned sender key `A = a·B + T` and a signature libsodium accepts: with `R = r·B` and a
/// challenge `k` that is a multiple of T's order, `[S]B − [k]A = R`. Returns the sealed message,
/// the message and `A`.
fn torsioned_sender(
    bob: &Ed25519SecretKey,
    t: EdwardsPoint,
    order: u8,
) -> (Vec<u8>, Vec<u8>, [u8; 32]) {
    let y = bob.x25519_key_pair().public;
    let a = Scalar::from_bytes_mod_order([0x21; 32]);
    let a_point = ED25519_BASEPOINT_POINT * a + t;
    let a_bytes = a_point.compress().to_bytes();
    let m = b"torsion";
    let (r_bytes, s) = (1u64..)
        .find_map(|i| {
            let r = Scalar::from(i) * Scalar::from_bytes_mod_order([0x5c; 32]);
            let r_bytes = EdwardsPoint::mul_base(&r).compress().to_bytes();
            let h = Sha512::new()
                .chain_update(r_bytes)
                .chain_update(a_bytes)
                .chain_update(m)
                .chain_update(a_bytes)
                .chain_update(y.as_bytes());
            let k = Scalar::from_bytes_mod_order_wide(&h.finalize().into());
            k.as_bytes()[0]
                .is_multiple_of(order)
                .then(|| (r_bytes, r + k * a))
        })
        .unwrap();
    let inner = [&m[..], &a_bytes, &r_bytes, s.as_bytes()].concat();
    (sealed_inner(&inner, bob), m.to_vec(), a_bytes)
}

/// An order-4 component: the signature verifies (libsodium does not ask `A`'s subgroup), but
/// `ed_to_x` refuses `A` (libsodium's subgroup test, the X coordinate of `L·A`, is not zero),
/// so the message opens and has no Session ID.
#[test]
fn invalid_point_for_a_sender_without_session_id() {
    let bob = key(2);
    let (ct, m, a_bytes) = torsioned_sender(&bob, EIGHT_TORSION[2], 4);
    let (plain, sender) = decrypt_incoming(&bob, &ct).unwrap();
    assert_eq!((&plain[..], sender.to_bytes()), (&m[..], a_bytes));
    assert_eq!(
        decrypt_incoming_session_id(&bob, &ct).map(|_| ()),
        Err(Error::InvalidPoint {
            input: Input::Ed25519PublicKey,
            check: PointCheck::NotInSubgroup
        })
    );
}

/// An order-2 component passes libsodium 1.0.18's subgroup test (the X coordinate of `L·A` is
/// zero: `tests/order2.rs`), so such a sender does get a Session ID, that of `ed_to_x(A)`
/// (first seen as a failure of the test above when it used order 2, after the point rules were
/// corrected against the compiled reference).
#[test]
fn order_two_sender_has_a_session_id() {
    let bob = key(2);
    let (ct, m, a_bytes) = torsioned_sender(&bob, EIGHT_TORSION[4], 2);
    let (plain, sid) = decrypt_incoming_session_id(&bob, &ct).unwrap();
    assert_eq!(&plain[..], &m[..]);
    let expected = oxen_session::ed_to_x(&oxen_session::Ed25519PublicKey(a_bytes)).unwrap();
    assert_eq!(sid, SessionId::from_x25519(expected));
}

#[test]
fn invalid_length_for_nonce_key_ons_value_and_recipient() {
    let len = |input, len| Error::InvalidLength { input, len };
    let k = oxen_ons::name_to_encryption_key("abc").unwrap();
    let rec = encrypt_with_nonce(&k, &[5; 33], &[1; 24]).unwrap();
    let ct = &rec.as_bytes()[..49];
    for n in [0, 23, 25] {
        assert_eq!(
            decrypt_ons_response("abc", ct, &vec![1; n]).err(),
            Some(len(Input::Nonce, n))
        );
    }
    for plain_len in [0, 32, 34, 73] {
        let rec = encrypt_with_nonce(&k, &vec![5; plain_len], &[1; 24]).unwrap();
        let ct = &rec.as_bytes()[..plain_len + 16];
        assert_eq!(
            decrypt_ons_response("abc", ct, &[1; 24]).err(),
            Some(len(Input::OnsValue, plain_len))
        );
    }
    for n in [0, 31, 33] {
        assert_eq!(
            decrypt_push_notification(&[0; 40], &vec![0; n]).err(),
            Some(len(Input::SymmetricKey, n))
        );
    }
    // the recipient's 32/33-byte rule is the Session ID parser's
    for n in [0, 31, 34] {
        assert_eq!(
            SessionId::from_bytes(&vec![5; n]),
            Err(len(Input::SessionId, n))
        );
    }
}

#[test]
fn invalid_prefix_for_ons_value_and_recipient() {
    let k = oxen_ons::name_to_encryption_key("abc").unwrap();
    let rec = encrypt_with_nonce(&k, &[0x15; 33], &[1; 24]).unwrap();
    assert_eq!(
        decrypt_ons_response("abc", &rec.as_bytes()[..49], &[1; 24]),
        Err(Error::InvalidPrefix {
            input: Input::OnsValue
        })
    );
    assert_eq!(
        SessionId::from_bytes(&[3; 33]),
        Err(Error::InvalidPrefix {
            input: Input::SessionId
        })
    );
}
