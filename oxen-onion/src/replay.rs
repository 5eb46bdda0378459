//! Node-side replay cache (beyond the reference, wire-compatible; spec §11.6).
//!
//! Session onion requests have no replay protection: a captured request re-sent to the entry
//! node is processed again. Honest clients draw a fresh ephemeral key for every layer, so a
//! node may refuse any layer whose ephemeral key it already accepted within a time window.
//! Memory is bounded: at most `capacity` keys, each forgotten `window` time units after it
//! was seen; when full, the oldest key is forgotten first (this favours availability: a
//! flood of fresh requests can push a key out early, re-opening its replay).
//!
//! Time is passed in by the caller (any monotonic unit, e.g. seconds), never read from a
//! clock here, so tests are deterministic.

use alloc::collections::{BTreeMap, VecDeque};

use crate::Error;
use crate::keys::X25519PublicKey;

/// Default window: 10 minutes in seconds.
pub const DEFAULT_REPLAY_WINDOW: u64 = 600;
/// Default capacity (keys remembered at once): 32 bytes + overhead each, a few MiB in all.
pub const DEFAULT_REPLAY_CAPACITY: usize = 65_536;

/// Bounded set of recently accepted ephemeral keys.
#[derive(Clone, Debug)]
pub struct ReplayCache {
    window: u64,
    capacity: usize,
    seen: BTreeMap<[u8; 32], u64>,
    order: VecDeque<([u8; 32], u64)>,
}

impl ReplayCache {
    /// A cache remembering at most `capacity` keys (at least 1) for `window` time units.
    #[must_use]
    pub fn new(window: u64, capacity: usize) -> Self {
        Self {
            window,
            capacity: capacity.max(1),
            seen: BTreeMap::new(),
            order: VecDeque::new(),
        }
    }

    /// Number of keys remembered.
    #[must_use]
    pub fn len(&self) -> usize {
        self.seen.len()
    }

    /// Whether no key is remembered.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }

    fn evict(&mut self, now: u64) {
        while let Some(&(k, t)) = self.order.front() {
            if t.saturating_add(self.window) <= now || self.order.len() > self.capacity {
                self.order.pop_front();
                if self.seen.get(&k) == Some(&t) {
                    self.seen.remove(&k);
                }
            } else {
                break;
            }
        }
    }

    /// Whether `key` was accepted within the window before `now` (no state change other than
    /// what the window already implies).
    #[must_use]
    pub fn contains(&self, key: &X25519PublicKey, now: u64) -> bool {
        self.seen
            .get(key.as_bytes())
            .is_some_and(|t| t.saturating_add(self.window) > now)
    }

    /// Records `key` at `now`.
    ///
    /// # Errors
    /// [`Error::Replayed`] if it is already remembered within the window.
    pub fn insert(&mut self, key: X25519PublicKey, now: u64) -> Result<(), Error> {
        self.evict(now);
        if self.contains(&key, now) {
            return Err(Error::Replayed);
        }
        self.seen.insert(key.to_bytes(), now);
        self.order.push_back((key.to_bytes(), now));
        self.evict(now);
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
        let k = |b| X25519PublicKey([b; 32]);
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
}
