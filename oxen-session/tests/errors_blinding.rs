//! One test per `Error` variant (and `Input`, `PointCheck`) that community blinding and blinded
//! direct messages produce (spec §6, §7), each reached through the public API; the foundation's
//! variants are in `tests/errors.rs`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use curve25519_dalek::constants::{ED25519_BASEPOINT_POINT, EIGHT_TORSION};
use curve25519_dalek::scalar::Scalar;
use oxen_session::blinded_dm::{
    decrypt_from_blinded_recipient as decrypt, encrypt_for_blinded_recipient_with as encrypt,
};
use oxen_session::blinding::*;
use oxen_session::*;

fn key(b: u8) -> Ed25519SecretKey {
    Ed25519SecretKey::from_seed(Seed::from_array([b; 32]))
}

const SERVER: ServerPubkey = ServerPubkey([0x5e; 32]);

/// Alice's 25 id, Bob's 25 id, and a message from Alice to Bob.
fn message() -> (BlindedId, BlindedId, Vec<u8>) {
    let a = blind25_key_pair(&key(1), &SERVER).id();
    let b = blind25_key_pair(&key(2), &SERVER).id();
    let ct = encrypt(&key(1), &SERVER, &b, b"hello", &[4; 24]).unwrap();
    (a, b, ct)
}

#[test]
fn ciphertext_too_short_at_both_steps() {
    let (a, b, ct) = message();
    assert_eq!(
        decrypt(&key(2), &SERVER, &a, &b, &ct[..40]).err(),
        Some(Error::CiphertextTooShort { len: 40, min: 41 })
    );
    assert_eq!(
        decrypt(&key(2), &SERVER, &a, &b, &ct[..72]).err(),
        Some(Error::CiphertextTooShort { len: 72, min: 73 })
    );
    assert_eq!(
        decrypt(&key(2), &SERVER, &a, &b, &[]).err(),
        Some(Error::CiphertextTooShort { len: 0, min: 41 })
    );
}

#[test]
fn decryption_failed() {
    let (a, b, mut ct) = message();
    assert!(decrypt(&key(2), &SERVER, &a, &b, &ct).is_ok());
    // the wrong reader, a changed tag byte
    assert_eq!(
        decrypt(&key(3), &SERVER, &a, &b, &ct).err(),
        Some(Error::DecryptionFailed)
    );
    let tag = ct.len() - 30;
    ct[tag] ^= 1;
    assert_eq!(
        decrypt(&key(2), &SERVER, &a, &b, &ct).err(),
        Some(Error::DecryptionFailed)
    );
}

#[test]
fn unsupported_version() {
    let (a, b, mut ct) = message();
    ct[0] = 0x2a;
    assert_eq!(
        decrypt(&key(2), &SERVER, &a, &b, &ct).err(),
        Some(Error::UnsupportedVersion { version: 0x2a })
    );
}

#[test]
fn blinded_prefix_mismatch() {
    let (_, b, ct) = message();
    let a15 = blind15_key_pair(&key(1), &SERVER).id();
    assert_eq!(
        decrypt(&key(2), &SERVER, &a15, &b, &ct).err(),
        Some(Error::BlindedPrefixMismatch)
    );
}

#[test]
fn sender_mismatch() {
    // 15 keys do not depend on the server: another server's key opens the message, and the
    // sender id recomputed under it differs (decrypt_from_blinded_recipient.json
    // b15_wrong_server)
    let a = blind15_key_pair(&key(1), &SERVER).id();
    let b = blind15_key_pair(&key(2), &SERVER).id();
    let ct = encrypt(&key(1), &SERVER, &b, b"hello", &[4; 24]).unwrap();
    assert_eq!(
        decrypt(&key(2), &ServerPubkey([0x5f; 32]), &a, &b, &ct).err(),
        Some(Error::SenderMismatch)
    );
}

#[test]
fn invalid_point_of_each_blinding_input() {
    let at = |input, check| Error::InvalidPoint { input, check };
    // a Session ID whose Ed25519 point has an order-4 component
    let p = ED25519_BASEPOINT_POINT * Scalar::from(5u8) + EIGHT_TORSION[2];
    let sid = SessionId::from_x25519(X25519PublicKey(p.to_montgomery().to_bytes()));
    assert_eq!(
        blind15_id(&sid, &SERVER),
        Err(at(Input::SessionId, PointCheck::NotInSubgroup))
    );
    assert_eq!(
        session_id_matches_blinded_id(&sid, &blind25_key_pair(&key(1), &SERVER).id(), &SERVER),
        Err(at(Input::SessionId, PointCheck::NotInSubgroup))
    );
    // u = 0 maps to y = -1: small order
    let zero = SessionId::from_x25519(X25519PublicKey([0; 32]));
    assert_eq!(
        blind25_id(&zero, &SERVER),
        Err(at(Input::SessionId, PointCheck::SmallOrder))
    );
    // Ed25519 keys: the two rules report their own first failure
    let mut non_canonical = [0xff; 32];
    non_canonical[0] = 0xf6; // y = p + 9: passes the conversion rule only
    non_canonical[31] = 0x7f;
    let nc = Ed25519PublicKey(non_canonical);
    assert_eq!(
        blinded15_id_from_ed(&nc, &SERVER),
        Err(at(Input::Ed25519PublicKey, PointCheck::NonCanonical))
    );
    assert_eq!(
        blinded25_id_from_ed(&nc, &SERVER),
        Err(at(Input::Ed25519PublicKey, PointCheck::NonCanonical))
    );
    let mut two = [0; 32];
    two[0] = 2;
    assert_eq!(
        blinded25_id_from_ed(&Ed25519PublicKey(two), &SERVER),
        Err(at(Input::Ed25519PublicKey, PointCheck::NotOnCurve))
    );
    // a recipient id of small order
    let mut identity = [0; 32];
    identity[0] = 1;
    let bad = BlindedId::new(Blinding::Blind15, Ed25519PublicKey(identity));
    assert_eq!(
        encrypt(&key(1), &SERVER, &bad, b"", &[0; 24]).err(),
        Some(at(Input::BlindedId, PointCheck::SmallOrder))
    );
}

#[test]
fn invalid_point_of_the_inner_sender_key() {
    // a crafted message whose inner sender key fails the conversion rule; the ciphertext is
    // built with the sender's own decryption (role sender) as the reference would open it
    use chacha20poly1305::aead::{AeadInOut, KeyInit};
    use chacha20poly1305::{XChaCha20Poly1305, XNonce};
    let a = blind25_key_pair(&key(1), &SERVER);
    let b = blind25_key_pair(&key(2), &SERVER).id();
    // the 25 shared key of a → b: BLAKE2b-256(a'·B' ‖ A' ‖ B')
    let b_point = point::Point::decode(b.key().as_bytes()).unwrap();
    let s = b_point.mul(a.key_pair().secret()).unwrap();
    let k = hash::blake2b::<32>(
        &[],
        &[s.as_bytes(), a.id().key().as_bytes(), b.key().as_bytes()],
    )
    .unwrap();
    let mut inner = b"hi".to_vec();
    let mut two = [0; 32];
    two[0] = 2; // y = 2 is not on the curve
    inner.extend_from_slice(&two);
    let tag = XChaCha20Poly1305::new((&k).into())
        .encrypt_inout_detached(&XNonce::from([9; 24]), &[], inner.as_mut_slice().into())
        .unwrap();
    let ct = [&[0u8][..], &inner, &tag, &[9; 24]].concat();
    assert_eq!(
        decrypt(&key(2), &SERVER, &a.id(), &b, &ct).err(),
        Some(Error::InvalidPoint {
            input: Input::Ed25519PublicKey,
            check: PointCheck::NotOnCurve
        })
    );
}

#[test]
fn hex_forms_refuse_in_the_reference_order() {
    let sid = key(1).session_id().to_hex();
    let server = SERVER.to_hex();
    let bid = blind15_key_pair(&key(1), &SERVER).id().to_hex();
    let m = session_id_matches_blinded_id_hex;
    assert_eq!(m(&sid, &bid, &server), Ok(true));
    let hex = |input| Err(Error::InvalidHex { input });
    let prefix = |input| Err(Error::InvalidPrefix { input });
    // the Session ID first, even when everything else is wrong too
    assert_eq!(m(&sid[..64], "x", "y"), hex(Input::SessionId));
    assert_eq!(
        m(&format!("06{}", &sid[2..]), "x", "y"),
        prefix(Input::SessionId)
    );
    // then the blinded id's second character (a string shorter than 2: upstream reads out
    // of bounds; refused here)
    assert_eq!(m(&sid, "", "y"), prefix(Input::BlindedId));
    assert_eq!(m(&sid, "1", "y"), prefix(Input::BlindedId));
    assert_eq!(
        m(&sid, &format!("16{}", &bid[2..]), "y"),
        prefix(Input::BlindedId)
    );
    // then the server key, then the first character
    assert_eq!(
        m(&sid, &format!("95{}", &bid[2..]), "y"),
        hex(Input::ServerPubkey)
    );
    assert_eq!(
        m(&sid, &format!("95{}", &bid[2..]), &server),
        prefix(Input::BlindedId)
    );
    // divergence: a blinded id that is not 66 characters (upstream: false)
    assert_eq!(m(&sid, &bid[..64], &server), hex(Input::BlindedId));
    assert_eq!(m(&sid, &format!("{bid}00"), &server), hex(Input::BlindedId));
    assert_eq!(m(&sid, "15", &server), hex(Input::BlindedId));
    // exact text: upper case and non-hex ids of the right length do not match
    assert_eq!(m(&sid, &bid.to_uppercase(), &server), Ok(false));
    assert_eq!(m(&sid, &format!("{}zz", &bid[..64]), &server), Ok(false));
    // the hex id forms
    assert_eq!(
        blind15_id_hex(&sid, &server[..62]).err(),
        Some(Error::InvalidHex {
            input: Input::ServerPubkey
        })
    );
    assert_eq!(
        blind25_id_hex(&sid.to_uppercase(), &server.to_uppercase()).unwrap(),
        blind25_key_pair(&key(1), &SERVER).id().to_hex()
    );
}

#[test]
fn the_message_input_names_itself() {
    // XChaCha20-Poly1305's 256 GiB limit cannot be reached in a test; the variant it
    // produces is InvalidLength (tested above) with this input
    assert_eq!(
        Error::InvalidLength {
            input: Input::Message,
            len: 1 << 40
        }
        .to_string(),
        "message has the wrong length (1099511627776 bytes)"
    );
}
