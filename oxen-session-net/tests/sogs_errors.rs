//! One test per community (SOGS) error variant, with its status and body, and the order of the
//! checks where two failures meet (the first in pysogs' order wins).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::time::Duration;

use curve25519_dalek::constants::{ED25519_BASEPOINT_POINT, EIGHT_TORSION};
use oxen_session::{Ed25519SecretKey, PointCheck, Seed, ServerPubkey, SignatureCheck};
use oxen_session_net::Error;
use oxen_session_net::community::auth::{
    HeaderValues, KeyKind, MemoryStore, PrefixRule, Request, ServerAuth, SignedRequest, Signer,
    UserId, Verdict, encode_base64,
};

const NOW: u64 = 1_710_752_294;
const SERVER: ServerPubkey = ServerPubkey([0x42; 32]);

fn account(n: u8) -> Ed25519SecretKey {
    Ed25519SecretKey::from_seed(Seed::from_array([n; 32]))
}

fn signed(kind: KeyKind, nonce: u8) -> SignedRequest {
    Signer::new(&account(1), SERVER, kind)
        .sign_with(
            &[nonce; 16],
            NOW,
            "POST",
            "/room/x/message",
            b"{\"data\":\"x\"}",
        )
        .unwrap()
}

fn open() -> ServerAuth {
    ServerAuth::new(SERVER)
        .require_blind_keys(false)
        .prefix_rule(PrefixRule::Pr213)
}

/// The server check on `signed` with header values replaced by `edit`.
fn check_with<'a>(
    auth: &ServerAuth,
    signed: &'a SignedRequest,
    store: &mut MemoryStore,
    edit: impl FnOnce(&mut HeaderValues<'a>),
) -> Result<Verdict, Error> {
    let target = Request::from_target(&signed.target).unwrap();
    let request = Request::new(&signed.method, &target, &signed.body);
    let mut h = signed.headers.values();
    edit(&mut h);
    auth.handle_http_auth(&h, &request, Duration::from_secs(NOW), store)
}

fn check<'a>(
    signed: &'a SignedRequest,
    edit: impl FnOnce(&mut HeaderValues<'a>),
) -> Result<Verdict, Error> {
    check_with(&open(), signed, &mut MemoryStore::new(), edit)
}

fn refused(r: Result<Verdict, Error>, want: Error, status: u16, body: &str) {
    assert_eq!(r, Err(want));
    assert_eq!(want.sogs_status(), Some(status), "{want:?}");
    assert_eq!(want.to_string(), body, "{want:?}");
}

fn hex33(prefix: u8, key: &[u8; 32]) -> String {
    let mut v = vec![prefix];
    v.extend_from_slice(key);
    hex::encode(v)
}

#[test]
fn accepted_for_every_kind() {
    for kind in [KeyKind::Unblinded, KeyKind::Blind15, KeyKind::Blind25] {
        let s = signed(kind, 1);
        let v = check(&s, |_| {}).unwrap();
        let user = v.user().unwrap();
        assert_eq!(user.kind, kind);
        assert_eq!(user.id, Signer::new(&account(1), SERVER, kind).user_id());
        assert_eq!(user.timestamp, NOW as i64);
        assert_eq!(user.nonce, [1; 16]);
    }
    // an unblinded user is filed under its Session ID
    let s = signed(KeyKind::Unblinded, 2);
    let v = check(&s, |_| {}).unwrap();
    assert_eq!(
        v.user().unwrap().id,
        UserId::Unblinded(account(1).session_id())
    );
}

#[test]
fn anonymous_when_all_four_are_absent_or_empty() {
    let s = signed(KeyKind::Blind15, 1);
    assert_eq!(
        check(&s, |h| *h = HeaderValues::default()),
        Ok(Verdict::Anonymous)
    );
    assert_eq!(
        check(&s, |h| {
            *h = HeaderValues {
                pubkey: Some(""),
                nonce: Some(""),
                timestamp: None,
                signature: Some(""),
            }
        }),
        Ok(Verdict::Anonymous)
    );
}

#[test]
fn missing_headers() {
    let s = signed(KeyKind::Blind15, 1);
    for (n, edit) in [
        (
            1u8,
            (|h: &mut HeaderValues<'_>| h.signature = None) as fn(&mut HeaderValues<'_>),
        ),
        (2, |h| {
            h.nonce = None;
            h.timestamp = Some("");
        }),
        (3, |h| {
            h.nonce = None;
            h.timestamp = None;
            h.pubkey = Some("");
        }),
    ] {
        refused(
            check(&s, edit),
            Error::SogsMissingHeaders { missing: n },
            400,
            &format!("Invalid authentication headers: missing {n}/4 required X-SOGS-* headers"),
        );
    }
}

#[test]
fn pubkey_encoding() {
    let s = signed(KeyKind::Blind15, 1);
    let body = "Invalid authentication: X-SOGS-Pubkey is not a valid 66-hex digit id";
    let short = s.headers.pubkey[..64].to_owned();
    let not_hex = format!("zz{}", &s.headers.pubkey[2..]);
    let padded_b64 = encode_base64(&[0x15; 32]); // 32 bytes, 44 characters with "="
    let spaced = format!("15 {}", &s.headers.pubkey[3..]);
    for bad in [&short, &not_hex, &padded_b64, &spaced, &" ".to_owned()] {
        refused(
            check(&s, |h| h.pubkey = Some(bad)),
            Error::SogsPubkeyEncoding,
            400,
            body,
        );
    }
    // the base64 form of the same 33 bytes is accepted
    let b64 = encode_base64(&hex::decode(&s.headers.pubkey).unwrap());
    assert!(check(&s, |h| h.pubkey = Some(&b64)).is_ok());
}

#[test]
fn pubkey_prefix_per_rule() {
    let s25 = signed(KeyKind::Blind25, 1);
    let released = ServerAuth::new(SERVER).require_blind_keys(false);
    refused(
        check_with(&released, &s25, &mut MemoryStore::new(), |_| {}),
        Error::SogsPubkeyPrefix {
            prefix: 0x25,
            rule: PrefixRule::Released,
        },
        400,
        "Invalid authentication: X-SOGS-Pubkey must be 00- or 15- prefixed",
    );
    assert!(check(&s25, |_| {}).is_ok()); // Pr213
    let s = signed(KeyKind::Unblinded, 1);
    let as_05 = format!("05{}", &s.headers.pubkey[2..]);
    refused(
        check(&s, |h| h.pubkey = Some(&as_05)),
        Error::SogsPubkeyPrefix {
            prefix: 0x05,
            rule: PrefixRule::Pr213,
        },
        400,
        "Invalid authentication: X-SOGS-Pubkey must be 00-, 15-, or 25- prefixed",
    );
}

#[test]
fn pubkey_not_a_point_names_each_libsodium_check() {
    let s = signed(KeyKind::Blind15, 1);
    let body = "Invalid authentication: given X-SOGS-Pubkey is not a valid Ed25519 pubkey";
    let mut non_canonical = [0xff; 32]; // y = 2^255 - 1 >= p
    non_canonical[31] = 0x7f;
    let mut not_on_curve = [0; 32];
    not_on_curve[0] = 2; // y = 2 has no x
    let mut identity = [0; 32];
    identity[0] = 1;
    let torsion = (ED25519_BASEPOINT_POINT + EIGHT_TORSION[1])
        .compress()
        .to_bytes();
    for (key, check_failed) in [
        (non_canonical, PointCheck::NonCanonical),
        (identity, PointCheck::SmallOrder),
        (not_on_curve, PointCheck::NotOnCurve),
        (torsion, PointCheck::NotInSubgroup),
    ] {
        for prefix in [0x00, 0x15, 0x25] {
            let value = hex33(prefix, &key);
            refused(
                check(&s, |h| h.pubkey = Some(&value)),
                Error::SogsPubkeyNotAPoint(check_failed),
                400,
                body,
            );
        }
    }
    // libsodium's subgroup check lets an order-2 component through: such a key passes step 2
    // (here the request then fails its signature, step 7)
    let order2 = (ED25519_BASEPOINT_POINT + EIGHT_TORSION[4])
        .compress()
        .to_bytes();
    let value = hex33(0x00, &order2);
    assert!(matches!(
        check(&s, |h| h.pubkey = Some(&value)),
        Err(Error::SogsSignatureInvalid(_))
    ));
}

#[test]
fn blinded_ids_required() {
    let required = ServerAuth::new(SERVER); // pysogs' default
    let s = signed(KeyKind::Unblinded, 1);
    refused(
        check_with(&required, &s, &mut MemoryStore::new(), |_| {}),
        Error::SogsBlindedIdRequired,
        400,
        "Invalid authentication: this server requires the use of blinded ids",
    );
    assert!(
        check_with(
            &required,
            &signed(KeyKind::Blind15, 2),
            &mut MemoryStore::new(),
            |_| {}
        )
        .is_ok()
    );
    // a 25 key never meets the requirement check, under the rule that accepts it
    let pr213 = required.prefix_rule(PrefixRule::Pr213);
    assert!(
        check_with(
            &pr213,
            &signed(KeyKind::Blind25, 3),
            &mut MemoryStore::new(),
            |_| {}
        )
        .is_ok()
    );
}

#[test]
fn nonce_encoding() {
    let s = signed(KeyKind::Blind15, 1);
    let body = "Invalid authentication: X-SOGS-Nonce must be 16 bytes (encoded as base64 or hex)";
    let b15 = encode_base64(&[1; 15]);
    let b17 = encode_base64(&[1; 17]);
    let hex15 = hex::encode([1; 15]);
    let url_alphabet = "_____________________w==";
    for bad in [
        b15.as_str(),
        &b17,
        &hex15,
        url_alphabet,
        "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
    ] {
        refused(
            check(&s, |h| h.nonce = Some(bad)),
            Error::SogsNonceEncoding,
            400,
            body,
        );
    }
    // hex and unpadded base64 spellings of the same nonce verify
    let hex16 = hex::encode([1u8; 16]);
    assert!(check(&s, |h| h.nonce = Some(&hex16)).is_ok());
    let unpadded = s.headers.nonce.trim_end_matches('=').to_owned();
    let s2 = signed(KeyKind::Blind15, 1);
    assert!(check(&s2, |h| h.nonce = Some(&unpadded)).is_ok());
}

#[test]
fn signature_encoding() {
    let s = signed(KeyKind::Blind15, 1);
    let short = encode_base64(&[1; 63]);
    for bad in [
        &short,
        &s.headers.signature[..80].to_owned(),
        &hex::encode([1; 63]),
    ] {
        refused(
            check(&s, |h| h.signature = Some(bad)),
            Error::SogsSignatureEncoding,
            400,
            "Invalid authentication: X-SOGS-Signature is not base64[88]",
        );
    }
    // the hex form of the same signature verifies
    let hex = hex::encode(
        oxen_session_net::community::auth::decode_hex_or_b64::<64>(&s.headers.signature).unwrap(),
    );
    assert!(check(&s, |h| h.signature = Some(&hex)).is_ok());
}

#[test]
fn timestamp_not_an_integer() {
    let s = signed(KeyKind::Blind15, 1);
    for bad in ["1710752294.5", "", " ", "0x10", "1e9", "١٧١٠٧٥٢٢٩٤"] {
        let want = if bad.is_empty() {
            Error::SogsMissingHeaders { missing: 1 }
        } else {
            Error::SogsTimestampNotInteger
        };
        assert_eq!(check(&s, |h| h.timestamp = Some(bad)), Err(want), "{bad:?}");
    }
    refused(
        check(&s, |h| h.timestamp = Some("17.0")),
        Error::SogsTimestampNotInteger,
        400,
        "Invalid authentication: X-SOGS-Timestamp is not a valid timestamp",
    );
    // Python's int() forms parse (the signature then fails: it covers the text as sent)
    for odd in [
        " 1710752294 ",
        "+1710752294",
        "1_710_752_294",
        "01710752294",
    ] {
        assert!(
            matches!(
                check(&s, |h| h.timestamp = Some(odd)),
                Err(Error::SogsSignatureInvalid(_))
            ),
            "{odd:?}"
        );
    }
}

#[test]
fn timestamp_out_of_window() {
    let body = "Invalid authentication: X-SOGS-Timestamp is too far from current time";
    for ts in [NOW - 86_401, NOW + 86_401] {
        let s = Signer::new(&account(1), SERVER, KeyKind::Blind15)
            .sign_with(&[9; 16], ts, "GET", "/capabilities", b"")
            .unwrap();
        refused(
            check(&s, |_| {}),
            Error::SogsTimestampOutOfWindow,
            425,
            body,
        );
    }
    let s = signed(KeyKind::Blind15, 1);
    for huge in ["99999999999999999999999", "-5"] {
        // integers beyond the window are 425, not 400
        assert_eq!(
            check(&s, |h| h.timestamp = Some(huge)),
            Err(Error::SogsTimestampOutOfWindow)
        );
    }
}

#[test]
fn banned_before_the_signature() {
    let auth = open();
    let s = signed(KeyKind::Blind15, 1);
    let mut store = MemoryStore::new();
    store.ban(&Signer::new(&account(1), SERVER, KeyKind::Blind15).user_id());
    refused(
        check_with(&auth, &s, &mut store, |_| {}),
        Error::SogsBanned,
        403,
        "Banned",
    );
    // a bad signature gets 403 too, and the nonce is not burnt
    let bad = encode_base64(&[3; 64]);
    assert_eq!(
        check_with(&auth, &s, &mut store, |h| h.signature = Some(&bad)),
        Err(Error::SogsBanned)
    );
    assert_eq!(store.nonce_count(), 0);
    store.unban(&Signer::new(&account(1), SERVER, KeyKind::Blind15).user_id());
    assert!(check_with(&auth, &s, &mut store, |_| {}).is_ok());
}

#[test]
fn nonce_reuse() {
    let auth = open();
    let mut store = MemoryStore::new();
    let s = signed(KeyKind::Blind15, 1);
    assert!(check_with(&auth, &s, &mut store, |_| {}).is_ok());
    refused(
        check_with(&auth, &s, &mut store, |_| {}),
        Error::SogsNonceReused,
        425,
        "Invalid authentication: X-SOGS-Nonce cannot be reused",
    );
    // a request failing its signature burns its nonce
    let s2 = signed(KeyKind::Blind15, 2);
    let bad = encode_base64(&[3; 64]);
    assert!(matches!(
        check_with(&auth, &s2, &mut store, |h| h.signature = Some(&bad)),
        Err(Error::SogsSignatureInvalid(_))
    ));
    assert_eq!(
        check_with(&auth, &s2, &mut store, |_| {}),
        Err(Error::SogsNonceReused)
    );
    // pysogs' nonce column is UNIQUE across users: another account cannot use it either
    let other = Signer::new(&account(2), SERVER, KeyKind::Blind15)
        .sign_with(&[1; 16], NOW, "GET", "/capabilities", b"")
        .unwrap();
    assert_eq!(
        check_with(&auth, &other, &mut store, |_| {}),
        Err(Error::SogsNonceReused)
    );
}

#[test]
fn nonces_are_kept_until_their_timestamp_leaves_the_window() {
    let auth = open();
    let mut store = MemoryStore::new();
    // timestamped one hour ahead: kept until NOW + 3600 + 86400
    let s = Signer::new(&account(1), SERVER, KeyKind::Blind15)
        .sign_with(&[5; 16], NOW + 3600, "GET", "/capabilities", b"")
        .unwrap();
    assert!(check_with(&auth, &s, &mut store, |_| {}).is_ok());
    let later = (NOW + 3600 + 86_400) as i64;
    store.prune(later);
    assert_eq!(store.nonce_count(), 1);
    let target = Request::from_target(&s.target).unwrap();
    let request = Request::new(&s.method, &target, &s.body);
    // a replay at the last second of the window is still refused
    assert_eq!(
        auth.handle_http_auth(
            &s.headers.values(),
            &request,
            Duration::from_secs(later as u64),
            &mut store
        ),
        Err(Error::SogsNonceReused)
    );
    store.prune(later + 1);
    assert_eq!(store.nonce_count(), 0);
    // and after it the window refuses the replay
    assert_eq!(
        auth.handle_http_auth(
            &s.headers.values(),
            &request,
            Duration::from_secs(later as u64 + 1),
            &mut store
        ),
        Err(Error::SogsTimestampOutOfWindow)
    );
}

#[test]
fn signature_invalid() {
    let s = signed(KeyKind::Blind15, 1);
    let body = "Invalid authentication: X-SOGS-Signature verification failed";
    let mut sig =
        oxen_session_net::community::auth::decode_hex_or_b64::<64>(&s.headers.signature).unwrap();
    sig[0] ^= 1;
    let flipped = encode_base64(&sig);
    refused(
        check(&s, |h| h.signature = Some(&flipped)),
        Error::SogsSignatureInvalid(SignatureCheck::Equation),
        401,
        body,
    );
    let s_not_reduced = encode_base64(&[0xff; 64]);
    assert_eq!(
        check(&s, |h| h.signature = Some(&s_not_reduced)),
        Err(Error::SogsSignatureInvalid(SignatureCheck::NonCanonicalS))
    );
    // the 15 key of another account
    let account2 = account(2);
    let other = Signer::new(&account2, SERVER, KeyKind::Blind15);
    let other_key = hex::encode(other.pubkey());
    assert_eq!(
        check(&s, |h| h.pubkey = Some(&other_key)),
        Err(Error::SogsSignatureInvalid(SignatureCheck::Equation))
    );
}

#[test]
fn v4_request_errors() {
    let account1 = account(1);
    let signer = Signer::new(&account1, SERVER, KeyKind::Blind15);
    let sign = |target: &str| signer.sign_with(&[1; 16], NOW, "GET", target, b"");
    assert_eq!(sign("rooms").unwrap_err(), Error::SogsEndpoint);
    assert_eq!(sign("/room/%FF").unwrap_err(), Error::SogsPathEncoding);
    assert_eq!(sign("/rooms?a=é").unwrap_err(), Error::SogsQueryEncoding);
    for e in [
        Error::SogsEndpoint,
        Error::SogsPathEncoding,
        Error::SogsQueryEncoding,
    ] {
        assert_eq!(e.sogs_status(), Some(400));
        assert_eq!(e.to_string(), "Invalid v4 onion request");
    }
    // percent escapes that are not hex pairs stay as they are
    assert_eq!(Request::from_target("/a%2g%%41").unwrap().path, "/a%2g%A");
    assert!(sign("/room/%F0%9F%8D%8D").is_ok());
}

#[test]
fn first_failure_in_pysogs_order_wins() {
    let s = signed(KeyKind::Blind15, 1);
    // a bad nonce beats a bad signature and a bad timestamp
    assert_eq!(
        check(&s, |h| {
            h.nonce = Some("x");
            h.signature = Some("y");
            h.timestamp = Some("z");
        }),
        Err(Error::SogsNonceEncoding)
    );
    // a bad signature encoding beats a bad timestamp
    assert_eq!(
        check(&s, |h| {
            h.signature = Some("y");
            h.timestamp = Some("z");
        }),
        Err(Error::SogsSignatureEncoding)
    );
    // the prefix beats the point check; the point check beats the blinding requirement
    let bad_point_05 = hex33(0x05, &[0; 32]);
    assert!(matches!(
        check(&s, |h| h.pubkey = Some(&bad_point_05)),
        Err(Error::SogsPubkeyPrefix { .. })
    ));
    let bad_point_00 = hex33(0x00, &[0; 32]);
    assert_eq!(
        check_with(&ServerAuth::new(SERVER), &s, &mut MemoryStore::new(), |h| {
            h.pubkey = Some(&bad_point_00)
        }),
        Err(Error::SogsPubkeyNotAPoint(PointCheck::SmallOrder))
    );
    // the key is checked before the nonce
    assert!(matches!(
        check(&s, |h| {
            h.pubkey = Some(&bad_point_05);
            h.nonce = Some("x");
        }),
        Err(Error::SogsPubkeyPrefix { .. })
    ));
    // the window beats a ban
    let mut store = MemoryStore::new();
    store.ban(&Signer::new(&account(1), SERVER, KeyKind::Blind15).user_id());
    assert_eq!(
        check_with(&open(), &s, &mut store, |h| h.timestamp = Some("5")),
        Err(Error::SogsTimestampOutOfWindow)
    );
}

#[test]
fn other_errors_have_no_sogs_status() {
    let e = Error::Session(oxen_session::Error::IdentityResult);
    assert_eq!(e.sogs_status(), None);
}

#[test]
fn signer_debug_shows_the_public_id_only() {
    let key = account(1);
    for kind in [KeyKind::Unblinded, KeyKind::Blind15, KeyKind::Blind25] {
        let signer = Signer::new(&key, SERVER, kind);
        let debug = format!("{signer:?}");
        oxen_vector_harness::assert_debug_redacted(&debug, &key.to_bytes()[..32]);
        oxen_vector_harness::assert_debug_redacted(&debug, key.seed().expose_bytes());
        assert!(debug.contains(&hex::encode(signer.pubkey())));
    }
}
