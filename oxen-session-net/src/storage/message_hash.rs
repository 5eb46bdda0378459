//! The hash a storage node files a message under ([`message_hash`]): what `store` answers with,
//! what `retrieve` lists beside each message, and what `last_hash`, `delete`, `expire` and
//! `get_expiries` name (session-storage-server `86163875`, `computeMessageHash` and
//! `compute_hash_blake2b_b64` in `oxenss/rpc/request_handler.cpp`):
//!
//! ```text
//! hash = base64(BLAKE2b-256(prefix ‖ key ‖ ns ‖ data)) without its "=" padding   43 characters
//! ```
//!
//! `prefix ‖ key` is the 33-byte account ([`AccountId::to_bytes`]), `ns` the namespace in
//! decimal as the signed strings write it (nothing for namespace 0, `-11` for −11), `data` the
//! stored bytes (the request's `data` after base64 decoding). Neither the timestamp nor the
//! expiry is hashed (older servers hashed both): storing the same bytes again in the same
//! namespace gives the same hash, which the server answers with `"already": true`.

use alloc::string::String;
use alloc::vec::Vec;

use oxen_session::hash::blake2b;
use oxen_session::oxen_keys::codec::to_base64;

use super::account::AccountId;
use super::namespace::Namespace;

/// The hash a storage node files `data` under in `namespace` of `account` (oxenss
/// `computeMessageHash`): unpadded standard base64 of BLAKE2b-256 over the 33 account bytes,
/// the namespace as signed strings write it, and the data. Always
/// [`MESSAGE_HASH_LEN`](super::MESSAGE_HASH_LEN) characters, and accepted by
/// [`is_message_hash`](super::is_message_hash).
///
/// ```
/// use oxen_session_net::storage::{is_message_hash, message_hash, AccountId, Namespace};
///
/// let bob = AccountId::parse("05ffba630924aa1224bb930dde21c0d11bf004608f2812217f8ac812d6c7e3ad48").unwrap();
/// let hash = message_hash(&bob, Namespace::DEFAULT, b"hello");
/// assert_eq!(hash, "tse7cPdGXVWduXXcEKR/FS0RYFBYv/dQ0HmjzQMyqQo");
/// assert!(is_message_hash(&hash));
/// ```
#[must_use]
pub fn message_hash(account: &AccountId, namespace: Namespace, data: &[u8]) -> String {
    let mut ns = Vec::with_capacity(6);
    namespace.push_signed(&mut ns);
    let account = account.to_bytes();
    // 32 is a valid BLAKE2b size and there is no key: `blake2b` cannot fail here
    let hash: [u8; 32] = blake2b(&[], &[&account, &ns, data]).unwrap_or_default();
    let mut text = to_base64(&hash);
    while text.ends_with('=') {
        text.pop();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::{MESSAGE_HASH_LEN, is_message_hash};

    fn account(hex: &str) -> AccountId {
        AccountId::parse(hex).unwrap()
    }

    /// The storage server's own regression value (`unit_test/service_node.cpp`, "service
    /// nodes - message hashing": a stored one-to-one message in namespace 0).
    #[test]
    fn storage_server_regression_value() {
        let pk = account("05ffba630924aa1224bb930dde21c0d11bf004608f2812217f8ac812d6c7e3ad48");
        let data = oxen_session::oxen_keys::codec::from_base64(
            b"CAES1gIKA1BVVBIPL2FwaS92MS9tZXNzYWdlGrsCCAYovfqZv4YvQq8CVwutUBbhRzZw80TvR6uTYMKg9DSag\
              rtpeEpY31L7VxawfS8aSya0SiDa4J025SkjP13YX8g5pxgQ8Z6hgfNArMqr/tSijJ9miVKVDJ63YWE85O8kyW\
              F8tdtZR5j0Vxb+JH5U8Rg1bp7ftKk3OSf7JJMcrUUrDnctQHe540zJ2OTDJ03DfubkX5NmKqEu5nhXGxeeDv3\
              mTiL63fjtCvZYcikfjf6Nh1AX++HTgJ9SGoEIMastGUorFrmmXb2sbjHxNiJn0Radj/VzcA9VxYwBW5+AbGQ2\
              d9+vvm7X+8vh+jIenJfjxf+8CWER+9adNfb4YUH07I+godNCV0O0J05gzqfKdT7J8MBZzFBtKrbk8oCagPpTs\
              q/wZyYFKFKKD+q+zh704dYBILvs5yXUA96pIAA=",
        )
        .unwrap();
        assert_eq!(data.len(), 347);
        assert_eq!(
            message_hash(&pk, Namespace::DEFAULT, &data),
            "4sMyAuaZlMwww3oFvfhazfw7ASx/7TDtO+TVc8aAjHs"
        );
    }

    /// Other namespaces are hashed as their decimal text (values from Python's
    /// `hashlib.blake2b(digest_size=32)`, an independent implementation).
    #[test]
    fn namespace_is_hashed_in_decimal() {
        let group = account(&alloc::format!("03{}", "ab".repeat(32)));
        assert_eq!(
            message_hash(&group, Namespace(-11), b"hello"),
            "xoY29bQpabCcQPYtpxwxzpR8NFeIO0GLBQ8q6enpzR0"
        );
        assert_eq!(
            message_hash(&group, Namespace::GROUP_INFO, b"hello"),
            "ghfYluFTtyid5G8pcLCl5v0jNXAJo4cXnYWVUv/O2+Y"
        );
        // and each input changes the hash
        let h = message_hash(&group, Namespace::DEFAULT, b"hello");
        assert_ne!(h, message_hash(&group, Namespace(10), b"hello"));
        assert_ne!(h, message_hash(&group, Namespace::DEFAULT, b"hellp"));
        let other = account(&alloc::format!("05{}", "ab".repeat(32)));
        assert_ne!(h, message_hash(&other, Namespace::DEFAULT, b"hello"));
    }

    #[test]
    fn always_a_valid_message_hash() {
        let pk = account(&alloc::format!("05{}", "00".repeat(32)));
        for len in [0, 1, 2, 3, 100] {
            let h = message_hash(&pk, Namespace(i16::MIN), &alloc::vec![7; len]);
            assert_eq!(h.len(), MESSAGE_HASH_LEN);
            assert!(is_message_hash(&h));
        }
    }
}
