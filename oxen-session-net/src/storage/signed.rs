//! The exact bytes each request signs, built once for both sides: the client signs them, the
//! node verifies the request signature over them (oxenss `verify_signature` with
//! `concatenate_sig_message_parts`; spec §12, §15, §18).
//!
//! | method | signed bytes |
//! | --- | --- |
//! | `store` | `"store" ‖ ns ‖ sig_timestamp` |
//! | `retrieve` | `"retrieve" ‖ ns ‖ timestamp` |
//! | `delete` | `"delete" ‖ hash₁ ‖ hash₂ ‖ …` |
//! | `delete_all` | `"delete_all" ‖ ns′ ‖ timestamp` |
//! | `delete_before` | `"delete_before" ‖ ns′ ‖ before` |
//! | `expire_all` | `"expire_all" ‖ ns′ ‖ expiry` |
//! | `expire` | `"expire" ‖ ("" \| "shorten" \| "extend") ‖ expiry₁ ‖ … ‖ hash₁ ‖ …` |
//! | `get_expiries` | `"get_expiries" ‖ timestamp ‖ hash₁ ‖ …` |
//! | `revoke_subaccount`, `unrevoke_subaccount` | method ‖ timestamp ‖ token₁ ‖ … (36 raw bytes each) |
//!
//! Integers and times (epoch milliseconds) in decimal without padding; `ns` is empty for
//! namespace 0, else decimal (may be negative); `ns′` is the same plus `all`. Hashes and
//! tokens in the order sent: reordering them breaks the signature.

use alloc::vec::Vec;

use oxen_session::subaccount::{SubaccountToken, TOKEN_LEN};

use super::decimal::push_i64;
use super::method::{ExpireMode, Method};
use super::namespace::{Namespace, NamespaceOrAll};

/// Room for a decimal `i64`.
const INT_LEN: usize = 20;

fn start(method: Method, extra: usize) -> Vec<u8> {
    let mut v = Vec::with_capacity(method.name().len() + extra);
    v.extend_from_slice(method.name().as_bytes());
    v
}

fn hashes_len<S: AsRef<str>>(hashes: &[S]) -> usize {
    hashes.iter().map(|h| h.as_ref().len()).sum()
}

fn push_hashes<S: AsRef<str>>(out: &mut Vec<u8>, hashes: &[S]) {
    for h in hashes {
        out.extend_from_slice(h.as_ref().as_bytes());
    }
}

/// `"store" ‖ ns ‖ sig_timestamp`.
#[must_use]
pub fn store(namespace: Namespace, sig_timestamp_ms: i64) -> Vec<u8> {
    let mut v = start(Method::Store, 2 * INT_LEN);
    namespace.push_signed(&mut v);
    push_i64(&mut v, sig_timestamp_ms);
    v
}

/// `"retrieve" ‖ ns ‖ timestamp`.
#[must_use]
pub fn retrieve(namespace: Namespace, timestamp_ms: i64) -> Vec<u8> {
    let mut v = start(Method::Retrieve, 2 * INT_LEN);
    namespace.push_signed(&mut v);
    push_i64(&mut v, timestamp_ms);
    v
}

/// `"delete" ‖ hash₁ ‖ hash₂ ‖ …` (no time: a hash is deleted once).
#[must_use]
pub fn delete<S: AsRef<str>>(hashes: &[S]) -> Vec<u8> {
    let mut v = start(Method::Delete, hashes_len(hashes));
    push_hashes(&mut v, hashes);
    v
}

fn ns_time(method: Method, namespace: NamespaceOrAll, time_ms: i64) -> Vec<u8> {
    let mut v = start(method, 2 * INT_LEN);
    namespace.push_signed(&mut v);
    push_i64(&mut v, time_ms);
    v
}

/// `"delete_all" ‖ ns′ ‖ timestamp`.
#[must_use]
pub fn delete_all(namespace: NamespaceOrAll, timestamp_ms: i64) -> Vec<u8> {
    ns_time(Method::DeleteAll, namespace, timestamp_ms)
}

/// `"delete_before" ‖ ns′ ‖ before`.
#[must_use]
pub fn delete_before(namespace: NamespaceOrAll, before_ms: i64) -> Vec<u8> {
    ns_time(Method::DeleteBefore, namespace, before_ms)
}

/// `"expire_all" ‖ ns′ ‖ expiry`.
#[must_use]
pub fn expire_all(namespace: NamespaceOrAll, expiry_ms: i64) -> Vec<u8> {
    ns_time(Method::ExpireAll, namespace, expiry_ms)
}

/// `"expire" ‖ mode ‖ expiry₁ ‖ … ‖ hash₁ ‖ …` (one expiry for all hashes, or one each).
#[must_use]
pub fn expire<S: AsRef<str>>(mode: ExpireMode, expiries_ms: &[i64], hashes: &[S]) -> Vec<u8> {
    let mut v = start(
        Method::Expire,
        mode.signed_part().len() + expiries_ms.len() * INT_LEN + hashes_len(hashes),
    );
    v.extend_from_slice(mode.signed_part().as_bytes());
    for e in expiries_ms {
        push_i64(&mut v, *e);
    }
    push_hashes(&mut v, hashes);
    v
}

/// `"get_expiries" ‖ timestamp ‖ hash₁ ‖ …`.
#[must_use]
pub fn get_expiries<S: AsRef<str>>(timestamp_ms: i64, hashes: &[S]) -> Vec<u8> {
    let mut v = start(Method::GetExpiries, INT_LEN + hashes_len(hashes));
    push_i64(&mut v, timestamp_ms);
    push_hashes(&mut v, hashes);
    v
}

fn tokens(method: Method, timestamp_ms: i64, tokens: &[SubaccountToken]) -> Vec<u8> {
    let mut v = start(method, INT_LEN + tokens.len() * TOKEN_LEN);
    push_i64(&mut v, timestamp_ms);
    for t in tokens {
        v.extend_from_slice(t.as_bytes());
    }
    v
}

/// `"revoke_subaccount" ‖ timestamp ‖ token₁ ‖ …` (raw 36-byte tokens).
#[must_use]
pub fn revoke_subaccount(timestamp_ms: i64, revoked: &[SubaccountToken]) -> Vec<u8> {
    tokens(Method::RevokeSubaccount, timestamp_ms, revoked)
}

/// `"unrevoke_subaccount" ‖ timestamp ‖ token₁ ‖ …` (raw 36-byte tokens).
#[must_use]
pub fn unrevoke_subaccount(timestamp_ms: i64, unrevoked: &[SubaccountToken]) -> Vec<u8> {
    tokens(Method::UnrevokeSubaccount, timestamp_ms, unrevoked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_of_the_spec() {
        assert_eq!(store(Namespace(0), 17), b"store17");
        assert_eq!(store(Namespace(-11), 17), b"store-1117");
        assert_eq!(retrieve(Namespace(2), 5), b"retrieve25");
        assert_eq!(delete(&["a", "b"]), b"deleteab");
        assert_eq!(delete_all(NamespaceOrAll::All, 9), b"delete_allall9");
        assert_eq!(delete_before(Namespace(0).into(), 9), b"delete_before9");
        assert_eq!(expire_all(Namespace(3).into(), 9), b"expire_all39");
        assert_eq!(
            expire(ExpireMode::Extend, &[1, 2], &["h"]),
            b"expireextend12h"
        );
        assert_eq!(get_expiries(4, &["x", "y"]), b"get_expiries4xy");
        let t = SubaccountToken([7; 36]);
        let r = revoke_subaccount(3, &[t]);
        assert_eq!(&r[..18], b"revoke_subaccount3");
        assert_eq!(&r[18..], &[7; 36]);
        assert!(unrevoke_subaccount(3, &[]).starts_with(b"unrevoke_subaccount3"));
    }
}
