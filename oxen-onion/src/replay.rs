//! Node-side replay cache (beyond the reference, wire-compatible; spec §11.6).
//!
//! Session onion requests have no replay protection: a captured request re-sent to the entry
//! node is processed again. Honest clients draw a fresh ephemeral key for every layer, so a
//! node may refuse any layer whose Diffie-Hellman it already accepted within a time window.
//!
//! # What is remembered: the DH, not the key bytes
//!
//! The cache is keyed on a [`ReplayTag`], a domain-separated BLAKE2b-256 hash of the X25519
//! output S = X25519(b, A), **not** on the 32 bytes of the ephemeral key A. Many byte strings
//! name the same DH, and a cache on the raw bytes lets each of them replay the request:
//!
//! * X25519 ignores bit 255 of the peer's u-coordinate (RFC 7748 §5), so `A` and
//!   `A ^ (1 << 255)` give the same S;
//! * u and u + p (for u < 19, where u + p still fits in 255 bits) are the same field element;
//! * the clamped scalar is a multiple of the cofactor 8, so A and A plus any small-order point
//!   give the same S.
//!
//! For aes-gcm (HMAC of S) and aes-cbc (S itself) every such alias also gives the same layer
//! key, so the replayed layer decrypts and would be processed again. xchacha20 hashes the raw
//! public-key bytes into its key, so its aliases fail to decrypt anyway; keying on S refuses
//! them the same way, for every enc type. Only S is hashed (not the enc type): two layers with
//! the same S come from the same ephemeral point, which an honest client never reuses, so no
//! fresh request oxen-storage-server would accept is refused (up to a 2⁻²⁵⁶ hash collision).
//! The tag is a one-way hash, so the cache's memory does not reveal any layer key.
//!
//! # Memory bound and eviction
//!
//! At most `capacity` tags are remembered. Each costs one `([u8; 32], u64)` entry (40 bytes)
//! in an insertion-order queue whose allocation never exceeds `capacity` entries, plus one
//! entry in a B-tree map (40 bytes of key and value plus node overhead, under 100 bytes per
//! entry at the B-tree's minimum fill): under 140 bytes per tag, **under 9 MiB at the default
//! capacity of 65 536**. A tag is forgotten `window` time units after it was recorded; when
//! the cache is full, the oldest tag is forgotten first. That favours availability over
//! replay protection: a flood of fresh, valid requests (each costing the sender a DH and a
//! valid ciphertext for this node) can push a tag out early and re-open its replay.
//!
//! Only an authenticated layer enters the cache ([`crate::node`] inserts after decryption),
//! so a forgery carrying someone else's ephemeral key cannot block the real request. The
//! exception is aes-cbc, which has no MAC: a random ciphertext has valid padding about once
//! in 256 tries, so an attacker who saw a layer's ephemeral key could make the node remember
//! its tag before the real layer arrives. That layer would be refused as a replay; aes-cbc is
//! legacy and off in any node that disables the `legacy-aes-cbc` feature.
//!
//! Time is passed in by the caller (any monotonic unit, e.g. seconds), never read from a
//! clock here, so tests are deterministic.

use alloc::collections::{BTreeMap, VecDeque};
use blake2::{Blake2b256, Digest};

use crate::Error;
use crate::keys::{SharedSecret, X25519KeyPair, X25519PublicKey};

/// Default window: 10 minutes in seconds.
pub const DEFAULT_REPLAY_WINDOW: u64 = 600;
/// Default capacity (tags remembered at once); see the module docs for the memory bound.
pub const DEFAULT_REPLAY_CAPACITY: usize = 65_536;
/// Domain separation of [`ReplayTag`]'s hash.
pub const REPLAY_TAG_DOMAIN: &[u8] = b"oxen-onion replay tag v1";

/// What the replay cache remembers of a layer: BLAKE2b-256(domain ‖ S), the same for every
/// byte string that names the same Diffie-Hellman (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReplayTag([u8; 32]);

impl ReplayTag {
    /// The tag of a layer whose X25519 output is `s`.
    #[must_use]
    pub fn from_shared_secret(s: &SharedSecret) -> Self {
        let mut h = Blake2b256::new();
        h.update(REPLAY_TAG_DOMAIN);
        h.update(s.expose_bytes());
        Self(h.finalize().into())
    }

    /// The tag of a layer for the node `keys` with ephemeral key `ephemeral` (one X25519).
    ///
    /// # Errors
    /// [`Error::ZeroSharedSecret`] for a low-order ephemeral key (such a layer never decrypts).
    pub fn for_layer(keys: &X25519KeyPair, ephemeral: &X25519PublicKey) -> Result<Self, Error> {
        keys.secret
            .diffie_hellman(ephemeral)
            .map(|s| Self::from_shared_secret(&s))
            .map_err(Error::from)
    }

    /// The 32 tag bytes.
    #[must_use]
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl From<[u8; 32]> for ReplayTag {
    fn from(b: [u8; 32]) -> Self {
        Self(b)
    }
}

/// Bounded set of the tags of recently accepted layers.
#[derive(Clone, Debug)]
pub struct ReplayCache {
    window: u64,
    capacity: usize,
    seen: BTreeMap<ReplayTag, u64>,
    order: VecDeque<(ReplayTag, u64)>,
}

impl ReplayCache {
    /// A cache remembering at most `capacity` tags (at least 1) for `window` time units.
    #[must_use]
    pub fn new(window: u64, capacity: usize) -> Self {
        Self {
            window,
            capacity: capacity.max(1),
            seen: BTreeMap::new(),
            order: VecDeque::new(),
        }
    }

    /// Number of tags remembered.
    #[must_use]
    pub fn len(&self) -> usize {
        self.seen.len()
    }

    /// Whether no tag is remembered.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }

    /// The most tags remembered at once.
    #[must_use]
    pub const fn capacity(&self) -> usize {
        self.capacity
    }

    /// Forgets expired tags, and the oldest ones until at most `keep` remain.
    fn evict(&mut self, now: u64, keep: usize) {
        while let Some(&(k, t)) = self.order.front() {
            if t.saturating_add(self.window) <= now || self.order.len() > keep {
                self.order.pop_front();
                if self.seen.get(&k) == Some(&t) {
                    self.seen.remove(&k);
                }
            } else {
                break;
            }
        }
    }

    /// Whether `tag` was recorded within the window before `now`.
    #[must_use]
    pub fn contains(&self, tag: &ReplayTag, now: u64) -> bool {
        self.seen
            .get(tag)
            .is_some_and(|t| t.saturating_add(self.window) > now)
    }

    /// Records `tag` at `now`, first forgetting expired tags and, when full, the oldest one.
    ///
    /// # Errors
    /// [`Error::Replayed`] if it is already remembered within the window.
    pub fn insert(&mut self, tag: ReplayTag, now: u64) -> Result<(), Error> {
        self.evict(now, self.capacity);
        if self.contains(&tag, now) {
            return Err(Error::Replayed);
        }
        // make room first, so the queue's allocation never grows past `capacity`
        self.evict(now, self.capacity.saturating_sub(1));
        self.seen.insert(tag, now);
        self.order.push_back((tag, now));
        Ok(())
    }
}

impl Default for ReplayCache {
    fn default() -> Self {
        Self::new(DEFAULT_REPLAY_WINDOW, DEFAULT_REPLAY_CAPACITY)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_and_capacity() {
        let mut c = ReplayCache::new(10, 3);
        let k = |b| ReplayTag([b; 32]);
        c.insert(k(1), 0).unwrap();
        assert!(c.contains(&k(1), 5));
        assert_eq!(c.insert(k(1), 5), Err(Error::Replayed));
        assert!(!c.contains(&k(1), 10));
        c.insert(k(1), 10).unwrap();
        for b in 2..=4 {
            c.insert(k(b), 11).unwrap();
        }
        assert_eq!(c.len(), 3);
        assert!(!c.contains(&k(1), 11), "oldest evicted at capacity");
        assert!(c.contains(&k(4), 11));
    }

    #[test]
    fn queue_never_exceeds_capacity() {
        let mut c = ReplayCache::new(1_000, 4);
        for b in 0..=200u8 {
            c.insert(ReplayTag([b; 32]), u64::from(b)).unwrap();
            assert!(c.order.len() <= 4 && c.seen.len() <= 4);
        }
        // re-inserting after expiry leaves no stale duplicate behind
        let mut c = ReplayCache::new(2, 2);
        for t in 0..50 {
            c.insert(ReplayTag([7; 32]), t * 2).unwrap();
            assert_eq!((c.order.len(), c.seen.len()), (1, 1));
        }
    }

    #[test]
    fn tag_collapses_aliases_of_one_dh() {
        let node = X25519KeyPair::from_secret(crate::X25519SecretKey::from_bytes([5; 32]));
        let eph = crate::X25519SecretKey::from_bytes([6; 32]).public_key();
        let mut flipped = eph;
        flipped.0[31] ^= 0x80;
        let t = ReplayTag::for_layer(&node, &eph).unwrap();
        assert_eq!(ReplayTag::for_layer(&node, &flipped).unwrap(), t);
        let other = crate::X25519SecretKey::from_bytes([7; 32]).public_key();
        assert_ne!(ReplayTag::for_layer(&node, &other).unwrap(), t);
        assert_eq!(
            ReplayTag::for_layer(&node, &X25519PublicKey([0; 32])),
            Err(Error::ZeroSharedSecret)
        );
    }
}
