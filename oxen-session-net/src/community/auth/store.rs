//! What the check needs from the server's database: whether a user is banned, and whether a
//! nonce was used before ([`AuthStore`]), with a simple in-memory implementation
//! ([`MemoryStore`]).
//!
//! pysogs keeps nonces in `user_request_nonces`, whose `nonce` column is `UNIQUE` on its own
//! (`sogs/schema.sqlite`, `schema.pgsql`): a nonce used by **any** user is refused, not only
//! one used by the same user. The trait passes the user so that a store may choose; the
//! in-memory store follows the schema.
//!
//! How long a nonce must be kept: a request with timestamp `ts` passes the window only while
//! `now ≤ ts + 86400`, so its nonce is kept until then ([`AuthStore::record_nonce`]'s
//! `keep_until`). pysogs keeps it until 24 h after *receipt*, so a request timestamped in the
//! future could be replayed after its row expired and before its timestamp leaves the window;
//! [`MemoryStore::prune`] never drops a nonce that early (a stricter, documented divergence).

use alloc::collections::{BTreeMap, BTreeSet};

use super::request::NONCE_LEN;
use super::user::UserId;

/// The server's record of bans and used nonces, as the check consults it (pysogs' `User`
/// model and `user_request_nonces` table).
pub trait AuthStore {
    /// Whether `user` is banned from the server (pysogs `user.banned`, the global ban).
    fn is_banned(&mut self, user: &UserId) -> bool;

    /// Records that `user` used `nonce`; `false` if the nonce was already recorded (the
    /// request is then refused with 425). Called before the signature is checked: a request
    /// that then fails still used its nonce, as in pysogs. `keep_until` (unix seconds) is the
    /// last second at which the same request could pass the timestamp window.
    fn record_nonce(&mut self, user: &UserId, nonce: &[u8; NONCE_LEN], keep_until: i64) -> bool;
}

impl<S: AuthStore + ?Sized> AuthStore for &mut S {
    fn is_banned(&mut self, user: &UserId) -> bool {
        (**self).is_banned(user)
    }
    fn record_nonce(&mut self, user: &UserId, nonce: &[u8; NONCE_LEN], keep_until: i64) -> bool {
        (**self).record_nonce(user, nonce, keep_until)
    }
}

/// One recorded nonce: who used it and until when it must be kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct NonceRecord {
    user: [u8; 33],
    keep_until: i64,
}

/// An in-memory [`AuthStore`]: a set of banned user ids and the used nonces (unique across
/// users, as pysogs' schema makes them). Call [`MemoryStore::prune`] now and then (e.g. once a
/// minute) so that memory stays bounded by one window's worth of requests.
#[derive(Clone, Debug, Default)]
pub struct MemoryStore {
    banned: BTreeSet<[u8; 33]>,
    nonces: BTreeMap<[u8; NONCE_LEN], NonceRecord>,
}

impl MemoryStore {
    /// An empty store.
    #[must_use]
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }

    /// Bans `user` (pysogs `User.ban` without a timeout).
    pub fn ban(&mut self, user: &UserId) {
        self.banned.insert(user.to_bytes());
    }

    /// Lifts a ban.
    pub fn unban(&mut self, user: &UserId) {
        self.banned.remove(&user.to_bytes());
    }

    /// Whether `nonce` is recorded, and for which user (33-byte id).
    #[must_use]
    pub fn nonce_user(&self, nonce: &[u8; NONCE_LEN]) -> Option<[u8; 33]> {
        self.nonces.get(nonce).map(|r| r.user)
    }

    /// Recorded nonces.
    #[must_use]
    pub fn nonce_count(&self) -> usize {
        self.nonces.len()
    }

    /// Forgets the nonces whose requests can no longer pass the window at `now_secs` (unix
    /// seconds): those with `keep_until < now_secs`.
    pub fn prune(&mut self, now_secs: i64) {
        self.nonces.retain(|_, r| r.keep_until >= now_secs);
    }
}

impl AuthStore for MemoryStore {
    fn is_banned(&mut self, user: &UserId) -> bool {
        self.banned.contains(&user.to_bytes())
    }

    fn record_nonce(&mut self, user: &UserId, nonce: &[u8; NONCE_LEN], keep_until: i64) -> bool {
        if self.nonces.contains_key(nonce) {
            return false;
        }
        self.nonces.insert(
            *nonce,
            NonceRecord {
                user: user.to_bytes(),
                keep_until,
            },
        );
        true
    }
}
