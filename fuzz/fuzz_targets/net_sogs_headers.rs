//! Fuzz the community server's auth check (`ServerAuth::handle_http_auth`) on arbitrary header
//! values, and the v4 onion request path in front of it (`V4Request::from_bytes` then
//! `check_v4_request`). Never panics; every refusal has a pysogs status; an accepted request
//! is the one that was signed.
//!
//! Input: `flags ‖ fields`, the fields separated by `\n`: pubkey, nonce, timestamp, signature,
//! method, target, and the body (the rest, newlines included). `flags`: bit 0 blinded ids
//! required, bit 1 pull request 213's prefix rule, bit 2 banned, bit 3 nonce already used,
//! bits 4-5 the key kind (signed mode), bit 6 signed mode, bit 7 v4 mode.
//!
//! * plain mode: the header values as given (a field `-` or a missing field is an absent
//!   header), checked against the request `method target body` with the vectors' server key
//!   and clock (`fuzz/corpus/net_sogs_headers` holds the `sogs_auth.json` cases in this form);
//! * signed mode: a request `method target body` is signed by a fixed account with the key
//!   kind, then every header field given replaces the signed value (`-`: removed). If the check
//!   accepts under the account's key, the values decode to the signed bytes and the timestamp
//!   text is unchanged; if it accepts under another key (a whole signed set from the seeds),
//!   the message verifies under that key;
//! * v4 mode: the bytes after `flags` are a v4 request, parsed and checked.
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use oxen_onion::V4Request;
use oxen_session_net::community::auth::{
    AuthStore, HeaderValues, KeyKind, PrefixRule, Request, ServerAuth, SignedMessage, Signer,
    UserId, Verdict, check_v4_request, decode_hex_or_b64,
};
use oxen_session_net::oxen_session::ed25519::{self, Signature};
use oxen_session_net::oxen_session::{Ed25519SecretKey, Seed, ServerPubkey};

/// The vectors' server key and clock.
const SERVER: [u8; 32] = [
    0x89, 0x05, 0x88, 0xd4, 0x6b, 0xbd, 0xf7, 0xf6, 0xf7, 0x1f, 0x0f, 0x48, 0xed, 0xa5, 0x6f, 0x12,
    0x7e, 0x97, 0xc5, 0x3a, 0x8c, 0x3b, 0xfe, 0x42, 0x01, 0xa1, 0x11, 0x35, 0x0e, 0x5e, 0xed, 0x60,
];
const NOW: u64 = 1_710_752_294;

struct FlagStore {
    banned: bool,
    nonce_used: bool,
}

impl AuthStore for FlagStore {
    fn is_banned(&mut self, _: &UserId) -> bool {
        self.banned
    }
    fn record_nonce(&mut self, _: &UserId, _: &[u8; 16], _: i64) -> bool {
        !self.nonce_used
    }
}

fn field<'a>(parts: &[&'a [u8]], i: usize) -> Option<Option<&'a str>> {
    let p = parts.get(i)?;
    Some(if *p == b"-" {
        None
    } else {
        core::str::from_utf8(p).ok()
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let rule = if flags & 2 != 0 {
        PrefixRule::Pr213
    } else {
        PrefixRule::Released
    };
    let auth = ServerAuth::new(ServerPubkey(SERVER))
        .require_blind_keys(flags & 1 != 0)
        .prefix_rule(rule);
    let mut store = FlagStore {
        banned: flags & 4 != 0,
        nonce_used: flags & 8 != 0,
    };
    let now = Duration::from_secs(NOW);

    if flags & 0x80 != 0 {
        if let Ok(v4) = V4Request::from_bytes(rest) {
            if let Err(e) = check_v4_request(&auth, &v4, now, &mut store) {
                assert!(e.sogs_status().is_some(), "{e:?}");
            }
        }
        return;
    }

    let parts: Vec<&[u8]> = rest.splitn(7, |&b| b == b'\n').collect();
    let text = |i: usize, default: &'static str| {
        parts
            .get(i)
            .and_then(|p| core::str::from_utf8(p).ok())
            .unwrap_or(default)
    };
    let method = text(4, "GET");
    let target_text = text(5, "/");
    let body = parts.get(6).copied().unwrap_or_default();
    let Ok(target) = Request::from_target(target_text) else {
        return;
    };
    let request = Request::new(method, &target, body);

    if flags & 0x40 == 0 {
        let h = HeaderValues {
            pubkey: field(&parts, 0).flatten(),
            nonce: field(&parts, 1).flatten(),
            timestamp: field(&parts, 2).flatten(),
            signature: field(&parts, 3).flatten(),
        };
        if let Err(e) = auth.handle_http_auth(&h, &request, now, &mut store) {
            assert!(e.sogs_status().is_some(), "{e:?}");
        }
        return;
    }

    let kind = match (flags >> 4) & 3 {
        0 => KeyKind::Unblinded,
        1 => KeyKind::Blind15,
        _ => KeyKind::Blind25,
    };
    let account = Ed25519SecretKey::from_seed(Seed::from_array([7; 32]));
    let signer = Signer::new(&account, ServerPubkey(SERVER), kind);
    let Ok(signed) = signer.sign_with(&[0x5a; 16], NOW, method, target_text, body) else {
        return;
    };
    let mut h = signed.headers.values();
    for (i, slot) in [
        &mut h.pubkey,
        &mut h.nonce,
        &mut h.timestamp,
        &mut h.signature,
    ]
    .into_iter()
    .enumerate()
    {
        if let Some(v) = field(&parts, i) {
            *slot = v;
        }
    }
    match auth.handle_http_auth(&h, &request, now, &mut store) {
        Ok(Verdict::User(user)) => {
            let key = decode_hex_or_b64::<33>(h.pubkey.unwrap()).unwrap();
            if &key == signer.pubkey() {
                // our account's key: only the signed nonce, signature and timestamp text pass
                // (other spellings of the same bytes aside); nobody else can sign for it
                assert_eq!(decode_hex_or_b64::<16>(h.nonce.unwrap()), Some([0x5a; 16]));
                assert_eq!(
                    decode_hex_or_b64::<64>(h.signature.unwrap()),
                    decode_hex_or_b64::<64>(&signed.headers.signature)
                );
                assert_eq!(h.timestamp, Some(signed.headers.timestamp.as_str()));
                assert_eq!(user.kind, kind);
            } else {
                // another complete, validly signed set (the seeds hold the vectors' requests):
                // the message verifies under that key, checked here on the concatenation
                let nonce = decode_hex_or_b64::<16>(h.nonce.unwrap()).unwrap();
                let sig = decode_hex_or_b64::<64>(h.signature.unwrap()).unwrap();
                let message = SignedMessage::new(
                    auth.server_pubkey(),
                    &nonce,
                    h.timestamp.unwrap(),
                    &request,
                )
                .to_vec();
                assert!(ed25519::verify(&Signature(sig), &user.key, &message).is_ok());
                assert_eq!(&key[1..], user.key.as_bytes());
            }
        }
        Ok(Verdict::Anonymous) => assert_eq!(h.missing(), 4),
        Err(e) => assert!(e.sogs_status().is_some(), "{e:?}"),
    }
});
