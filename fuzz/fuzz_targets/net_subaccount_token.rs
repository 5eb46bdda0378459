//! Fuzz group subaccount tokens and signing values on arbitrary bytes: the token parsers
//! (bytes, hex) round-trip; a signing value is checked by libsession's rule
//! (`verify_subaccount`) for a fixed group and member, and used to sign; the node reads the
//! bytes as a `subaccount` (hex and base64) in a `retrieve`. Never panics; when the check
//! passes, the token the member sends carries the group's valid signature, and the request
//! signature verifies under the token's key exactly when `k` has bit 255 clear (the reference
//! quirk kept: the point multiplication clears it, the scalar product does not).
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use libfuzzer_sys::fuzz_target;
use oxen_session_net::oxen_session::oxen_keys::codec::{to_base64, to_hex};
use oxen_session_net::oxen_session::subaccount::{
    SigningValue, SubaccountToken, subaccount_sign, verify_subaccount,
};
use oxen_session_net::oxen_session::{Ed25519SecretKey, GroupId, Seed, ed25519};
use oxen_session_net::storage::{NodeContext, verify_request};

fn key(hex: &str) -> Ed25519SecretKey {
    let mut seed = [0u8; 32];
    for (i, b) in seed.iter_mut().enumerate() {
        *b = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap();
    }
    Ed25519SecretKey::from_seed(Seed::from_array(seed))
}

fuzz_target!(|data: &[u8]| {
    // the group and member of subaccount.json's first case (its values make the seeds)
    let group = key("e2bdb04726aace208ef904fde8ee85d1af1ec4dfdeb580c81cd9ebd3d2a263b7");
    let member = key("51dcb8d2db818c10d00b8c5f264d957045fc8397e49dfb769a2b87c82e22076a");
    let gid = GroupId::from_ed25519(*group.public_key());

    if let Ok(t) = SubaccountToken::from_bytes(data) {
        assert_eq!(SubaccountToken::from_hex(&t.to_hex()).unwrap(), t);
        assert_eq!(t.key().0[..], data[4..]);
    }
    if let Ok(text) = core::str::from_utf8(data) {
        if let Ok(t) = SubaccountToken::from_hex(text) {
            assert_eq!(t.to_hex(), text.to_ascii_lowercase());
        }
    }
    let (value_bytes, message) = data.split_at(data.len().min(100));
    if let Ok(value) = SigningValue::from_bytes(value_bytes) {
        let flags = value.flags();
        let checked = verify_subaccount(&gid, &member, &value, false, false);
        if let Ok(auth) = subaccount_sign(&member, &value, message) {
            assert_eq!(auth.token.as_bytes()[..4], value_bytes[..4]);
            assert_eq!(auth.token.flags(), flags);
            if checked.is_ok() {
                ed25519::verify(
                    &auth.token_signature,
                    group.public_key(),
                    auth.token.as_bytes(),
                )
                .unwrap();
                let sig_ok = ed25519::verify(&auth.signature, &auth.token.key(), message).is_ok();
                assert_eq!(sig_ok, value_bytes[35] & 0x80 == 0);
            }
        }
    }
    // the node reads the bytes as a token and a token signature
    for token in [
        to_hex(data),
        to_base64(data),
        String::from_utf8_lossy(data).into_owned(),
    ] {
        let body = serde_json::json!({
            "method": "retrieve",
            "params": {
                "pubkey": gid.to_hex(),
                "namespace": 11,
                "timestamp": 1_729_993_000_455u64,
                "subaccount": token,
                "subaccount_sig": to_base64(&[data, &[0; 64]].concat()[..64]),
                "signature": to_base64(&[0; 64]),
            }
        })
        .to_string();
        let verdict = verify_request(body.as_bytes(), &NodeContext::at(1_729_993_000_455));
        if let Err(r) = verdict {
            assert!(matches!(r.status().code(), 400 | 401));
        }
    }
});
