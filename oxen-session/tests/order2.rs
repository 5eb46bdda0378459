//! Regression: points with an order-2 component.
//!
//! libsodium 1.0.18's `ge25519_is_on_main_subgroup` tests only that the X coordinate of `L·P`
//! is zero, so it accepts `P + T2` for `P` in the prime-order subgroup and `T2 = (0, −1)` the
//! point of order 2 (`L·(P + T2) = T2`, whose X is zero). Both rules that use it
//! (`crypto_scalarmult_ed25519*`, `crypto_sign_ed25519_pk_to_curve25519`) therefore accept
//! such keys, and libsession blinds, converts and encrypts to them. Every expected value below
//! was printed by the compiled reference (`tests/oracle/blinded_probe.cpp`, libsession-util
//! 8762e9d3 with its libsodium-internal); none of the vector files has such a point.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use oxen_session::blinded_dm::{
    decrypt_from_blinded_recipient, encrypt_for_blinded_recipient_with,
};
use oxen_session::blinding::{blind15_id, blind25_id, blinded15_id_from_ed, blinded25_id_from_ed};
use oxen_session::point::{ConvertiblePoint, Point};
use oxen_session::*;

fn h32(s: &str) -> [u8; 32] {
    hex::decode(s).unwrap().try_into().unwrap()
}

fn account(b: u8) -> Ed25519SecretKey {
    Ed25519SecretKey::from_seed(Seed::from_array([b; 32]))
}

/// The Ed25519 key of seed 0x11… plus `T2`.
const A_PLUS_T2: &str = "1db54dcd8bd44b54c5ec9742b9ea1b192fddb548e5fe94507adf5ccd368878c8";

#[test]
fn an_order_2_component_passes_both_rules() {
    let a2 = h32(A_PLUS_T2);
    assert_eq!(
        ed_to_x(&Ed25519PublicKey(a2)).unwrap().to_bytes(),
        h32("015cfa9a29cc6914751692f9c21db6278f1cf1c2cba652ea255611aff45ad41e")
    );
    let p = Point::decode(&a2).unwrap();
    let mul = |k: u8| {
        *p.mul(&SecretScalar::from_bytes_mod_order(&[
            k, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0,
        ]))
        .unwrap()
        .as_bytes()
    };
    assert_eq!(
        mul(3),
        h32("d6a38f3637bd3a3850a57dfdbbd12ced892e39364bf7ea80d015c8658f5dae23")
    );
    assert_eq!(
        mul(4),
        h32("32cb8b8458362d106b8418069d455ef7c40ec5a783337382e94b4d2a805227c2")
    );
}

#[test]
fn of_the_38_encodings_with_y_at_least_p_the_conversion_takes_y_9() {
    // y = p + 9 (either sign) is 9 with an order-2 component: crypto_sign_ed25519_pk_to_curve25519
    // accepts it (the only one of the 38), crypto_scalarmult_ed25519 refuses it (canonical check).
    for sign in [0, 0x80] {
        let mut e = [0xff; 32];
        e[0] = 0xed + 9;
        e[31] = 0x7f | sign;
        assert_eq!(
            ed_to_x(&Ed25519PublicKey(e)).unwrap().to_bytes(),
            h32("faffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff1f")
        );
        let c = ConvertiblePoint::decode(&e).unwrap();
        assert_eq!(c.to_point(), Err(PointCheck::NonCanonical));
        assert_eq!(Point::decode(&e), Err(PointCheck::NonCanonical));
    }
}

#[test]
fn blinded_ids_of_such_a_key_and_of_its_session_id() {
    let server = ServerPubkey([0x44; 32]);
    let a2 = Ed25519PublicKey(h32(A_PLUS_T2));
    assert_eq!(
        blinded15_id_from_ed(&a2, &server).unwrap().to_hex(),
        "15c059eabfac31dcd21d96f83eed6b4343f909c565ce3086491e3e72b73097e0e2"
    );
    assert_eq!(
        blinded25_id_from_ed(&a2, &server).unwrap().to_hex(),
        "253fb1dcb76f558688bfa5f0d3343c87f938f83f24c888924ae0e5458c81183b7c"
    );
    let sid = SessionId::from_ed25519(&a2).unwrap();
    assert_eq!(
        blind15_id(&sid, &server).unwrap().to_hex(),
        "15c059eabfac31dcd21d96f83eed6b4343f909c565ce3086491e3e72b73097e062"
    );
    assert_eq!(
        blind25_id(&sid, &server).unwrap().to_hex(),
        "253fb1dcb76f558688bfa5f0d3343c87f938f83f24c888924ae0e5458c81183b7c"
    );
}

#[test]
fn blinded_messages_to_such_an_id_are_the_references() {
    let server = ServerPubkey([0x44; 32]);
    let sender = account(0x12);
    for (prefix, want) in [
        (
            "15",
            "00e8f9db2569716cc73b82c35f47af8b9f2b8c6074a4b3de0f0ab4e2e176a12702b2b687947286d0212fc366345ade41beb68c63f81515963fca8e952e9eea0a039afa8a2d2dfc01dc8e2f",
        ),
        (
            "25",
            "00e4895d69aca34f623151a1b995610279a172cc54bf9f383a559031c024982c7cf76497acf6a736b1f48184ca1059ae78f4899522d5deacb4f8ce36b037714ca553d437541327d7c9905c",
        ),
    ] {
        let rid: BlindedId = format!("{prefix}{A_PLUS_T2}").parse().unwrap();
        let want = hex::decode(want).unwrap();
        let nonce: [u8; 24] = want[want.len() - 24..].try_into().unwrap();
        let ct = encrypt_for_blinded_recipient_with(&sender, &server, &rid, b"t2", &nonce).unwrap();
        assert_eq!(ct, want, "{prefix}");
    }
}

#[test]
fn a_15_recipient_multiplies_by_its_clamped_scalar() {
    // The sender id is the sender's real id plus T2; the ciphertext is under the key the
    // reference derives, a·(kA + T2) with a the clamped (unreduced) scalar, a multiple of 8,
    // which removes T2. The AEAD opens and the sender check refuses. Multiplying by a mod L
    // instead adds T2 whenever a mod L is odd, and the AEAD would fail.
    let server = ServerPubkey([0x44; 32]);
    let sid: BlindedId = "15e61a4bcb3469ca33df76168bff2391a0d1b423229b4549eca5dc28e113f7b2cb"
        .parse()
        .unwrap();
    let cases = [
        (
            0x52,
            "15347ba3382174ce42c94d189e75300ca9ea693629fd128e265e71cd470e412c65",
            "001215cd3d339f3e5e0ebee256ef323fb817b16ae506fa50f6b07385afc5240bafa318aaf48ca608f5b931c66d68c6c1a22fff525252525252525252525252525252525252525252525252",
        ),
        (
            0x53,
            "1564c225d0a865f329507ae159e02acc0562d69888a8d5348c1a6fecf693826815",
            "00ffe642e19e6c3088b6dcceb0c271b7fd2e7b18ef9e40394422e45c3d83335aa8fc210d51df6c3f742cde9c9875aeb5602c53535353535353535353535353535353535353535353535353",
        ),
        (
            0x54,
            "15ef7aa58ac712fc6c40ca98340eaf9f0a4e66cfb8a3990e788ecc54ae41bff30c",
            "00c409c2edcc69bcd8efdeab7e88f960392f2b4ecc9ee985d3223bf952a5a04c85a613ceb7f298533c0a982e6906ae8cd7970a545454545454545454545454545454545454545454545454",
        ),
        (
            0x55,
            "15593131e281aee7e4684172ad2ec94aad6349c361af899e0b850f5414fd22f238",
            "00376cb81da5e4329863f070915147253c07d947d5276461a0faeb8b8979e10963821d8ce52181c2ea6f8eff4a284915fb8ab5555555555555555555555555555555555555555555555555",
        ),
    ];
    let mut odd = 0;
    for (seed, rid, ct) in cases {
        let r = account(seed);
        odd += r.scalar().expose_bytes()[0] & 1;
        let rid: BlindedId = rid.parse().unwrap();
        let got =
            decrypt_from_blinded_recipient(&r, &server, &sid, &rid, &hex::decode(ct).unwrap());
        assert_eq!(
            got.map(|_| ()),
            Err(Error::SenderMismatch),
            "seed {seed:#x}"
        );
    }
    // the cases discriminate: some recipient's a mod L is odd
    assert!(odd > 0);
}
