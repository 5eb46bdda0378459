//! Fuzz the storage node's verdict (`oxen_session_net::storage::verify_request`): arbitrary
//! bodies, or a body made of an arbitrary method string and arbitrary `params` bytes, under a
//! fuzzer-chosen clock, forwarding flag, hard-fork state and revocation set. Never panics; the
//! verdict is typed: a refusal has one of the server's statuses and a reply text, names its
//! endpoint once the method is known, and an accepted request reads back its signed bytes.
//!
//! Input: `flags ‖ clock offset (2 bytes, LE) ‖ rest`. `flags & 1`: the rest is
//! `method length (1 byte) ‖ method ‖ params`; otherwise the rest is the whole body.
//! `flags & 2`: forwarded; `flags & 4`: before the multi-expiry hard fork; `flags & 8`: every
//! token revoked. With a known method, `verify_params` on the method and params must give the
//! body's verdict whenever the params alone are a JSON object.
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use libfuzzer_sys::fuzz_target;
use oxen_session_net::Error;
use oxen_session_net::oxen_session::subaccount::SubaccountToken;
use oxen_session_net::storage::{
    AccountId, Method, NoRevocations, NodeContext, NodeRequest, RevokedTokens, verify_params,
    verify_request,
};

const NOW: i64 = 1_729_993_000_455;

struct AllRevoked;
impl RevokedTokens for AllRevoked {
    fn is_revoked(&self, _: &AccountId, _: &SubaccountToken) -> bool {
        true
    }
}

fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let Some((clock, rest)) = rest.split_first_chunk::<2>() else {
        return;
    };
    let mut split = None;
    let body: Vec<u8> = if flags & 1 == 1 {
        let Some((&n, rest)) = rest.split_first() else {
            return;
        };
        let n = usize::from(n).min(rest.len());
        let (method, params) = rest.split_at(n);
        let method = String::from_utf8_lossy(method);
        split = Method::from_name(&method).map(|m| (m, params));
        let mut b = format!("{{\"method\":{},\"params\":", json_string(&method)).into_bytes();
        b.extend_from_slice(params);
        b.push(b'}');
        b
    } else {
        rest.to_vec()
    };
    let revoked: &dyn RevokedTokens = if flags & 8 != 0 {
        &AllRevoked
    } else {
        &NoRevocations
    };
    let node = NodeContext {
        now_ms: NOW + i64::from(i16::from_le_bytes(*clock)) * 10,
        forwarded: flags & 2 != 0,
        revoked,
        multi_expiry: flags & 4 == 0,
    };
    let verdict = verify_request(&body, &node);
    if let Some((method, params)) = split {
        let apart = verify_params(method, params, &node);
        // when the params alone are one JSON object, the body is exactly method + params: the
        // verdicts agree (other params bytes may still make a valid body, e.g. with a second
        // `params` key, which the parse of the params alone refuses)
        let parse_failed = |r: &oxen_session_net::storage::Rejection| {
            matches!(r.error(), Error::InvalidJson | Error::NoParams)
        };
        if !matches!(&apart, Err(r) if parse_failed(r)) {
            assert_eq!(
                apart
                    .as_ref()
                    .map(|r| r.signed_message())
                    .map_err(|r| (r.status(), r.message())),
                verdict
                    .as_ref()
                    .map(|r| r.signed_message())
                    .map_err(|r| (r.status(), r.message()))
            );
        }
    }
    match verdict {
        Ok(request) => {
            let unsigned = match &request {
                NodeRequest::Store(s) => s.credentials.is_none(),
                NodeRequest::Retrieve(r) => r.credentials.is_none(),
                _ => false,
            };
            assert_eq!(request.signed_message().is_none(), unsigned);
            assert!(Method::ALL.contains(&request.method()));
        }
        Err(r) => {
            assert!(matches!(r.status().code(), 400 | 401 | 403 | 406));
            assert!(!r.message().is_empty());
            let body_level = matches!(
                r.error(),
                Error::InvalidJson | Error::NoMethod | Error::NoParams | Error::UnknownMethod
            );
            assert_eq!(r.method().is_none(), body_level);
        }
    }
});
