//! Group subaccounts: the secret types (`SigningValue`, `BlindFactor`), one test per error
//! variant the `subaccount` module produces, and proptests (token and value round trips, every
//! member's signature verifies under its token key, a changed byte of a signing value is
//! refused by `verify_subaccount` or makes the member's signature invalid).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use oxen_session::subaccount::{
    BlindFactor, Flags, SigningValue, SubaccountToken, blind_factor, make_subaccount,
    subaccount_sign, subaccount_token, verify_subaccount,
};
use oxen_session::*;
use oxen_vector_harness::assert_debug_redacted;
use proptest::prelude::*;
use static_assertions::{assert_impl_all, assert_not_impl_any};
use zeroize::{Zeroize, ZeroizeOnDrop};

assert_not_impl_any!(SigningValue: Copy);
assert_not_impl_any!(BlindFactor: Copy);
assert_impl_all!(SigningValue: Zeroize, ZeroizeOnDrop, core::fmt::Debug, Eq);
assert_impl_all!(BlindFactor: Zeroize, ZeroizeOnDrop, core::fmt::Debug, Eq);
// public values stay Copy
assert_impl_all!(SubaccountToken: Copy);
assert_impl_all!(Flags: Copy);
assert_impl_all!(GroupId: Copy);

fn key(b: u8) -> Ed25519SecretKey {
    Ed25519SecretKey::from_seed(Seed::from_array([b; 32]))
}

fn gid(group: &Ed25519SecretKey) -> GroupId {
    GroupId::from_ed25519(*group.public_key())
}

#[test]
fn signing_values_and_blind_factors_are_redacted_compared_and_wiped() {
    let (group, member) = (key(1), key(2));
    let value = make_subaccount(&group, &member.session_id(), Flags::member(true, true)).unwrap();
    assert_eq!(format!("{value:?}"), "SigningValue(..)");
    assert_debug_redacted(&format!("{value:#?}"), &value.expose_bytes()[4..36]);
    assert_eq!(
        value,
        SigningValue::from_bytes(value.expose_bytes()).unwrap()
    );
    let other = make_subaccount(&group, &key(3).session_id(), Flags::READ).unwrap();
    assert_ne!(value, other);
    let k = blind_factor(&group, &member.session_id());
    assert_eq!(format!("{k:?}"), "BlindFactor(..)");
    assert_debug_redacted(&format!("{k:#?}"), k.expose_bytes());
    let mut wiped = value.clone();
    wiped.zeroize();
    assert_eq!(wiped.expose_bytes(), &[0u8; 100]);
    let mut k2 = k.clone();
    k2.zeroize();
    assert_eq!(k2.expose_bytes(), &[0u8; 32]);
}

// ---- one test per error variant ----

#[test]
fn invalid_length_signing_value_and_token() {
    assert_eq!(
        SigningValue::from_bytes(&[0; 99]).err(),
        Some(Error::InvalidLength {
            input: Input::SigningValue,
            len: 99
        })
    );
    assert_eq!(
        SubaccountToken::from_bytes(&[0; 37]),
        Err(Error::InvalidLength {
            input: Input::SubaccountToken,
            len: 37
        })
    );
}

#[test]
fn invalid_hex_token_and_group_id() {
    assert_eq!(
        SubaccountToken::from_hex(&"0".repeat(71)),
        Err(Error::InvalidHex {
            input: Input::SubaccountToken
        })
    );
    assert_eq!(
        SubaccountToken::from_hex(&"g".repeat(72)),
        Err(Error::InvalidHex {
            input: Input::SubaccountToken
        })
    );
    assert_eq!(
        GroupId::from_hex(&"03".repeat(32)),
        Err(Error::InvalidHex {
            input: Input::GroupId
        })
    );
}

#[test]
fn invalid_prefix_group_id() {
    let hex = format!("05{}", "ab".repeat(32));
    assert_eq!(
        GroupId::from_hex(&hex),
        Err(Error::InvalidPrefix {
            input: Input::GroupId
        })
    );
    let ok = format!("03{}", "AB".repeat(32));
    assert_eq!(GroupId::from_hex(&ok).unwrap().to_hex(), ok.to_lowercase());
}

#[test]
fn invalid_point_member_session_id() {
    // X = 0 (bit 255 set): xed25519::pubkey gives y = -1, a point of small order
    let mut x = [0u8; 32];
    x[31] = 0x80;
    let sid = SessionId::from_x25519(X25519PublicKey(x));
    assert_eq!(
        subaccount_token(&key(1), &sid, Flags::READ),
        Err(Error::InvalidPoint {
            input: Input::SessionId,
            check: PointCheck::SmallOrder
        })
    );
    assert_eq!(
        make_subaccount(&key(1), &sid, Flags::READ).err(),
        Some(Error::InvalidPoint {
            input: Input::SessionId,
            check: PointCheck::SmallOrder
        })
    );
    // u = 2 maps to a y with no x: not on the curve
    let mut two = [0u8; 32];
    two[0] = 2;
    let got = subaccount_token(
        &key(1),
        &SessionId::from_x25519(X25519PublicKey(two)),
        Flags::READ,
    );
    assert!(matches!(
        got,
        Err(Error::InvalidPoint {
            input: Input::SessionId,
            ..
        })
    ));
}

#[test]
fn identity_result_for_a_zero_blind_factor() {
    let (group, member) = (key(1), key(2));
    let value = make_subaccount(&group, &member.session_id(), Flags::READ).unwrap();
    let mut b = *value.expose_bytes();
    b[4..36].fill(0);
    // bit 255 alone is cleared before the multiplication: still zero
    b[35] = 0x80;
    let zero = SigningValue::from_bytes(&b).unwrap();
    assert_eq!(
        verify_subaccount(&gid(&group), &member, &zero, false, false),
        Err(Error::IdentityResult)
    );
    assert_eq!(
        subaccount_sign(&member, &zero, b"m").err(),
        Some(Error::IdentityResult)
    );
}

#[test]
fn subaccount_prefix_unless_any_prefix() {
    let (group, member) = (key(1), key(2));
    let value = make_subaccount(&group, &member.session_id(), Flags::READ).unwrap();
    let mut b = *value.expose_bytes();
    b[0] = 0x05;
    let v = SigningValue::from_bytes(&b).unwrap();
    assert_eq!(
        verify_subaccount(&gid(&group), &member, &v, false, false),
        Err(Error::SubaccountPrefix { prefix: 0x05 })
    );
    // any-prefix passes the prefix check; the group signed other bytes, so the signature fails
    b[1] |= Flags::ANY_PREFIX.bits();
    let v = SigningValue::from_bytes(&b).unwrap();
    assert_eq!(
        verify_subaccount(&gid(&group), &member, &v, false, false),
        Err(Error::InvalidSignature(SignatureCheck::Equation))
    );
}

#[test]
fn subaccount_access_read_write_delete() {
    let (group, member) = (key(1), key(2));
    let sid = member.session_id();
    let value = make_subaccount(&group, &sid, Flags::member(false, true)).unwrap();
    assert_eq!(
        verify_subaccount(&gid(&group), &member, &value, true, false),
        Err(Error::SubaccountAccess {
            required: 0x03,
            granted: 0x05
        })
    );
    // read is always required
    let mut b = *value.expose_bytes();
    b[1] = Flags::DELETE.bits();
    let v = SigningValue::from_bytes(&b).unwrap();
    assert_eq!(
        verify_subaccount(&gid(&group), &member, &v, false, false),
        Err(Error::SubaccountAccess {
            required: 0x01,
            granted: 0x04
        })
    );
}

#[test]
fn invalid_signature_other_group_or_member() {
    let (group, member) = (key(1), key(2));
    let value = make_subaccount(&group, &member.session_id(), Flags::READ).unwrap();
    assert_eq!(
        verify_subaccount(&gid(&key(9)), &member, &value, false, false),
        Err(Error::InvalidSignature(SignatureCheck::Equation))
    );
    assert_eq!(
        verify_subaccount(&gid(&group), &key(8), &value, false, false),
        Err(Error::InvalidSignature(SignatureCheck::Equation))
    );
}

// ---- proptests ----

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn tokens_round_trip(bytes in proptest::array::uniform32(any::<u8>()), head in any::<[u8; 4]>()) {
        let mut b = [0u8; 36];
        b[..4].copy_from_slice(&head);
        b[4..].copy_from_slice(&bytes);
        let t = SubaccountToken::from_bytes(&b).unwrap();
        prop_assert_eq!(SubaccountToken::from_hex(&t.to_hex()).unwrap(), t);
        prop_assert_eq!(SubaccountToken::from_hex(&t.to_hex().to_uppercase()).unwrap(), t);
        prop_assert_eq!((t.prefix(), t.flags().bits()), (head[0], head[1]));
        prop_assert_eq!(t.key().0, bytes);
        prop_assert_eq!(&SubaccountToken::new(head[0], t.flags(), &t.key()).0[4..], &b[4..]);
    }

    #[test]
    fn members_sign_and_every_requirement_is_checked(
        g in any::<[u8; 32]>(),
        m in any::<[u8; 32]>(),
        write in any::<bool>(),
        delete in any::<bool>(),
        msg in proptest::collection::vec(any::<u8>(), 0..80),
    ) {
        let group = Ed25519SecretKey::from_seed(Seed::from_array(g));
        let member = Ed25519SecretKey::from_seed(Seed::from_array(m));
        let sid = member.session_id();
        let flags = Flags::member(write, delete);
        let value = make_subaccount(&group, &sid, flags).unwrap();
        let token = subaccount_token(&group, &sid, flags).unwrap();
        let auth = subaccount_sign(&member, &value, &msg).unwrap();
        prop_assert_eq!(auth.token, token);
        prop_assert!(ed25519::verify(&auth.signature, &token.key(), &msg).is_ok());
        prop_assert!(ed25519::verify(&auth.token_signature, group.public_key(), token.as_bytes()).is_ok());
        for (w, d) in [(false, false), (false, true), (true, false), (true, true)] {
            let got = verify_subaccount(&gid(&group), &member, &value, w, d);
            prop_assert_eq!(got.is_ok(), (!w || write) && (!d || delete));
        }
    }

    #[test]
    fn a_changed_byte_of_the_value_is_refused(
        g in any::<[u8; 32]>(),
        m in any::<[u8; 32]>(),
        at in 0usize..100,
        flip in 1u8..=255,
    ) {
        let group = Ed25519SecretKey::from_seed(Seed::from_array(g));
        let member = Ed25519SecretKey::from_seed(Seed::from_array(m));
        let value = make_subaccount(&group, &member.session_id(), Flags::member(true, true)).unwrap();
        let mut b = *value.expose_bytes();
        b[at] ^= flip;
        let changed = SigningValue::from_bytes(&b).unwrap();
        prop_assert!(verify_subaccount(&gid(&group), &member, &changed, false, false).is_err());
        // what the member would send no longer passes the server's two signatures
        if let Ok(auth) = subaccount_sign(&member, &changed, b"retrieve1729993000455") {
            let token_ok = ed25519::verify(&auth.token_signature, group.public_key(), auth.token.as_bytes()).is_ok();
            let sig_ok = ed25519::verify(&auth.signature, &auth.token.key(), b"retrieve1729993000455").is_ok();
            prop_assert!(!(token_ok && sig_ok));
        }
    }
}
