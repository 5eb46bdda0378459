//! Routing side: user pubkey parsing (oxen-storage-server `oxenss/common/pubkey.cpp`), the
//! 64-bit swarm-space fold and the closest-swarm lookup (`oxenss/snode/swarm.cpp`).

use alloc::vec::Vec;

use crate::{Error, SwarmId};

/// A position on the 2^64 swarm ring (`pubkey_to_swarm_space` result).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Default)]
pub struct SwarmSpace(pub u64);

/// Which network's parsing rules apply (`is_mainnet` in the storage server).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub enum Network {
    /// Mainnet: only prefixed keys (66 hex / 33 bytes).
    #[default]
    Mainnet,
    /// Testnet/devnet: additionally unprefixed keys (64 hex / 32 bytes), given netid `05`.
    Testnet,
}

/// Length of a prefixed user pubkey in hex (`USER_PUBKEY_SIZE_HEX`).
pub const USER_PUBKEY_SIZE_HEX: usize = 66;
/// Length of a prefixed user pubkey in raw bytes (`USER_PUBKEY_SIZE_BYTES`).
pub const USER_PUBKEY_SIZE_BYTES: usize = 33;

/// A user (account) pubkey as the storage server holds it: a one-byte network id followed by
/// a 32-byte key (`oxen::user_pubkey`).
///
/// The netid is *not* used for swarm mapping; any value is accepted by
/// [`UserPubkey::load`] (upstream does the same).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct UserPubkey {
    netid: u8,
    key: [u8; 32],
}

impl UserPubkey {
    /// Session ID prefix: an X25519 key (`05…`).
    pub const NETID_SESSION: u8 = 0x05;
    /// Closed group prefix: an Ed25519 key (`03…`).
    pub const NETID_GROUP: u8 = 0x03;
    /// Blinded Session ID prefix (`15…`).
    pub const NETID_BLINDED: u8 = 0x15;

    /// A key from its parts.
    #[must_use]
    pub const fn new(netid: u8, key: [u8; 32]) -> Self {
        UserPubkey { netid, key }
    }

    /// `user_pubkey::load(pk)`, upstream-exact: 66 hex characters (either case; netid = first
    /// byte) or 33 raw bytes; on [`Network::Testnet`] also 64 hex / 32 raw bytes with netid 5.
    ///
    /// # Errors
    /// [`Error::InvalidHex`] for a hex-sized input with a non-hex character,
    /// [`Error::InvalidUserPubkeyLength`] for any other length.
    pub fn load(input: &[u8], network: Network) -> Result<Self, Error> {
        let testnet = network == Network::Testnet;
        if input.len() == USER_PUBKEY_SIZE_HEX && crate::hex::is_hex(input) {
            return Self::from_hex_bytes(input, network);
        }
        if input.len() == USER_PUBKEY_SIZE_BYTES {
            return Self::from_bytes(input, network);
        }
        if testnet && input.len() == USER_PUBKEY_SIZE_HEX - 2 && crate::hex::is_hex(input) {
            return Self::from_hex_bytes(input, network);
        }
        if testnet && input.len() == USER_PUBKEY_SIZE_BYTES - 1 {
            return Self::from_bytes(input, network);
        }
        // Name the failed check: a hex-sized input failed the hex test, anything else the
        // length test.
        if input.len() == USER_PUBKEY_SIZE_HEX || (testnet && input.len() == 64) {
            return Self::from_hex_bytes(input, network);
        }
        Err(Error::InvalidUserPubkeyLength { len: input.len() })
    }

    /// Parses the hex form only (66 characters; 64 too on testnet).
    ///
    /// # Errors
    /// [`Error::InvalidUserPubkeyLength`] or [`Error::InvalidHex`].
    pub fn from_hex(s: &str, network: Network) -> Result<Self, Error> {
        Self::from_hex_bytes(s.as_bytes(), network)
    }

    fn from_hex_bytes(s: &[u8], network: Network) -> Result<Self, Error> {
        let mut key = [0u8; 32];
        match s.len() {
            USER_PUBKEY_SIZE_HEX => {
                let (pre, rest) = s.split_at(2);
                let mut netid = [0u8; 1];
                crate::hex::decode_into(pre, &mut netid, 0)?;
                crate::hex::decode_into(rest, &mut key, 2)?;
                let [netid] = netid;
                Ok(UserPubkey { netid, key })
            }
            64 if network == Network::Testnet => {
                crate::hex::decode_into(s, &mut key, 0)?;
                Ok(UserPubkey {
                    netid: Self::NETID_SESSION,
                    key,
                })
            }
            len => Err(Error::InvalidUserPubkeyLength { len }),
        }
    }

    /// Parses the raw form only (33 bytes; 32 too on testnet).
    ///
    /// # Errors
    /// [`Error::InvalidUserPubkeyLength`].
    pub fn from_bytes(b: &[u8], network: Network) -> Result<Self, Error> {
        if let Some((&netid, rest)) = b.split_first()
            && let Ok(key) = <[u8; 32]>::try_from(rest)
        {
            return Ok(UserPubkey { netid, key });
        }
        if network == Network::Testnet
            && let Ok(key) = <[u8; 32]>::try_from(b)
        {
            return Ok(UserPubkey {
                netid: Self::NETID_SESSION,
                key,
            });
        }
        Err(Error::InvalidUserPubkeyLength { len: b.len() })
    }

    /// Parses a Session ID: a mainnet user pubkey whose prefix must be `05`.
    ///
    /// # Errors
    /// As [`UserPubkey::load`], plus [`Error::UnexpectedPrefix`] for another netid.
    pub fn parse_session_id(s: &str) -> Result<Self, Error> {
        let pk = Self::load(s.as_bytes(), Network::Mainnet)?;
        pk.expect_netid(Self::NETID_SESSION)
    }

    /// Returns `self` if its netid is `expected`.
    ///
    /// # Errors
    /// [`Error::UnexpectedPrefix`].
    pub fn expect_netid(self, expected: u8) -> Result<Self, Error> {
        if self.netid == expected {
            Ok(self)
        } else {
            Err(Error::UnexpectedPrefix {
                expected,
                found: self.netid,
            })
        }
    }

    /// The network id byte (`type()` upstream).
    #[must_use]
    pub const fn netid(&self) -> u8 {
        self.netid
    }

    /// The 32-byte key without the prefix.
    #[must_use]
    pub const fn key(&self) -> &[u8; 32] {
        &self.key
    }

    /// The prefixed raw form (33 bytes).
    #[must_use]
    pub fn to_prefixed_bytes(&self) -> [u8; 33] {
        let mut out = [0u8; 33];
        let (pre, rest) = out.split_at_mut(1);
        pre.copy_from_slice(&[self.netid]);
        rest.copy_from_slice(&self.key);
        out
    }

    /// This key's position on the ring, see [`pubkey_to_swarm_space`].
    #[must_use]
    pub fn swarm_space(&self) -> SwarmSpace {
        pubkey_to_swarm_space(&self.key)
    }
}

impl core::fmt::Display for UserPubkey {
    /// The prefixed hex form (66 lowercase hex characters).
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        crate::hex::write_hex(f, &[self.netid])?;
        crate::hex::write_hex(f, &self.key)
    }
}

/// `pubkey_to_swarm_space(pk)` (storage server `swarm.cpp`, and libsession's old client code):
/// XOR of the four big-endian 8-byte words of the 32-byte key (netid excluded).
#[must_use]
pub fn pubkey_to_swarm_space(key: &[u8; 32]) -> SwarmSpace {
    let mut res = 0u64;
    for word in key.chunks_exact(8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        res ^= u64::from_be_bytes(w);
    }
    SwarmSpace(res)
}

/// First index with `ids[i] >= v` (C++ `std::lower_bound`), branch-free.
#[inline]
fn lower_bound(ids: &[u64], v: u64) -> usize {
    let mut base = 0usize;
    let mut size = ids.len();
    while size > 1 {
        let half = size / 2;
        let mid = base + half;
        // `mid < ids.len()` always (base + size <= len and half < size).
        base = if ids.get(mid).is_some_and(|&x| x < v) {
            mid
        } else {
            base
        };
        size -= half;
    }
    base + usize::from(ids.get(base).is_some_and(|&x| x < v))
}

/// The closest swarm to `v` on the ring among `ids` (sorted ascending, any length).
#[inline]
fn closest(ids: &[u64], v: u64) -> Option<u64> {
    let (&first, _) = ids.split_first()?;
    let &last = ids.last()?;
    if ids.len() == 1 {
        return Some(first);
    }
    let r = lower_bound(ids, v);
    // Wrap: past the end goes to the first id; the left neighbour of index 0 is the last id.
    let right = ids.get(r).copied().unwrap_or(first);
    let left = match r.checked_sub(1) {
        Some(l) => ids.get(l).copied().unwrap_or(last),
        None => last,
    };
    let dright = right.wrapping_sub(v);
    let dleft = v.wrapping_sub(left);
    // Tie goes LEFT (upstream `dright < dleft ? right : left`).
    Some(if dright < dleft { right } else { left })
}

/// `get_swarm_by_pk(all_swarms, pk)` (storage server `swarm.cpp`): the swarm whose id is
/// closest to the key's swarm space on the 2^64 ring; on an exact tie the left (lower, or the
/// top id across the wrap) swarm wins; a single swarm is returned without any distance
/// computation; `None` for no swarms.
///
/// `sorted_ids` must be sorted ascending (as the storage server keeps them); see
/// [`SwarmIndex`] for a type that guarantees it.
#[must_use]
pub fn get_swarm_by_pk(sorted_ids: &[SwarmId], pk: &UserPubkey) -> Option<SwarmId> {
    get_swarm_by_space(sorted_ids, pk.swarm_space())
}

/// [`get_swarm_by_pk`] for an already folded swarm-space value.
#[must_use]
pub fn get_swarm_by_space(sorted_ids: &[SwarmId], v: SwarmSpace) -> Option<SwarmId> {
    let (&first, _) = sorted_ids.split_first()?;
    let &last = sorted_ids.last()?;
    if sorted_ids.len() == 1 {
        return Some(first);
    }
    let r = sorted_ids.partition_point(|id| id.0 < v.0);
    let right = sorted_ids.get(r).copied().unwrap_or(first);
    let left = match r.checked_sub(1) {
        Some(l) => sorted_ids.get(l).copied().unwrap_or(last),
        None => last,
    };
    let dright = right.0.wrapping_sub(v.0);
    let dleft = v.0.wrapping_sub(left.0);
    Some(if dright < dleft { right } else { left })
}

/// A lookup index over a set of swarm ids: answers key → swarm in O(log n) with no
/// allocation per query.
///
/// The ring is precomputed into segments: between neighbours `a < b` a value `v` goes to `b`
/// exactly when `b − v < v − a`, i.e. `v > a + (b − a) / 2` (ties go left), and likewise
/// across the wrap; so each swarm owns one contiguous range (two for the range holding 0) and
/// a query finds the last segment start `<= v` and loads its owner. Swarm ids are spread
/// evenly over the ring (new ids halve the largest gap), so a radix table on the top bits of
/// `v` narrows the search to a handful of starts first; within a bucket a binary search keeps
/// the worst case O(log n). Agrees with
/// [`get_swarm_by_pk`] everywhere (vectors `swarm_lookup.json`, and a proptest against a
/// brute-force nearest-on-ring search).
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct SwarmIndex {
    ids: Vec<u64>,
    /// Ascending segment starts; `starts[0] == 0` when non-empty.
    starts: Vec<u64>,
    /// `owners[i]` serves `[starts[i], starts[i + 1])`.
    owners: Vec<u64>,
    /// `buckets[b]` = number of starts below `b << shift` (length `2^bits + 1`).
    buckets: Vec<u32>,
    /// `64 - bits`.
    shift: u32,
}

/// At most 2^16 radix buckets (256 KiB); beyond that buckets just hold more starts.
const MAX_BUCKET_BITS: u32 = 16;

impl SwarmIndex {
    /// Builds the index from any collection of ids (sorted and deduplicated here).
    pub fn new(ids: impl IntoIterator<Item = SwarmId>) -> Self {
        let mut ids: Vec<u64> = ids.into_iter().map(|i| i.0).collect();
        ids.sort_unstable();
        ids.dedup();
        Self::from_sorted_unique(ids)
    }

    fn from_sorted_unique(ids: Vec<u64>) -> Self {
        let (Some(&first), Some(&last)) = (ids.first(), ids.last()) else {
            return SwarmIndex::default();
        };
        let mut segs: Vec<(u64, u64)> = Vec::with_capacity(ids.len() + 2);
        // Whoever owns 0 (computed directly), then the start of every "right" half.
        segs.push((0, closest(&ids, 0).unwrap_or(first)));
        for w in ids.windows(2) {
            if let [a, b] = *w {
                segs.push((a + (b - a) / 2 + 1, b));
            }
        }
        if ids.len() > 1 {
            let gap = first.wrapping_sub(last);
            segs.push((last.wrapping_add(gap / 2).wrapping_add(1), first));
        }
        // Stable: the explicit owner of 0 stays ahead of a wrap start that landed on 0.
        segs.sort_by_key(|&(start, _)| start);
        segs.dedup_by_key(|&mut (start, _)| start);
        let (starts, owners): (Vec<u64>, Vec<u64>) = segs.into_iter().unzip();
        // Radix table: about two buckets per start.
        let bits = (usize::BITS - starts.len().leading_zeros()).clamp(1, MAX_BUCKET_BITS);
        let shift = 64 - bits;
        let nb = 1usize << bits;
        let mut buckets = Vec::with_capacity(nb + 1);
        let mut i = 0usize;
        for b in 0..nb {
            let lo = (b as u64) << shift;
            while starts.get(i).is_some_and(|&s| s < lo) {
                i += 1;
            }
            buckets.push(u32::try_from(i).unwrap_or(u32::MAX));
        }
        buckets.push(u32::try_from(starts.len()).unwrap_or(u32::MAX));
        if starts.len() >= u32::MAX as usize {
            // Beyond u32 positions the table cannot describe the starts: plain search only.
            buckets.clear();
        }
        SwarmIndex {
            ids,
            starts,
            owners,
            buckets,
            shift,
        }
    }

    /// The index of the swarms of a swarm map (an `UNASSIGNED` entry, if any, is skipped:
    /// the storage server never routes to `INVALID_SWARM_ID`).
    #[must_use]
    pub fn from_map(map: &crate::SwarmMap) -> Self {
        Self::from_sorted_unique(
            map.ids()
                .filter(|&i| i != SwarmId::UNASSIGNED)
                .map(|i| i.0)
                .collect(),
        )
    }

    /// Number of swarms.
    #[must_use]
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True if there are no swarms.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The ids, ascending.
    #[must_use]
    pub fn ids(&self) -> &[u64] {
        &self.ids
    }

    /// The swarm responsible for `pk` ([`get_swarm_by_pk`] semantics).
    #[must_use]
    pub fn get_swarm_by_pk(&self, pk: &UserPubkey) -> Option<SwarmId> {
        self.get_swarm(pk.swarm_space())
    }

    /// The swarm responsible for a swarm-space value ([`get_swarm_by_pk`] semantics).
    #[inline]
    #[must_use]
    pub fn get_swarm(&self, v: SwarmSpace) -> Option<SwarmId> {
        let b = (v.0 >> self.shift) as usize;
        let i = match (self.buckets.get(b), self.buckets.get(b.saturating_add(1))) {
            // Every start before `lo` is below `b << shift <= v`, every start from `hi` on
            // is at or above `(b + 1) << shift > v`.
            (Some(&lo), Some(&hi)) => {
                let (lo, hi) = (lo as usize, hi as usize);
                lo + self
                    .starts
                    .get(lo..hi)
                    .map_or(0, |s| s.partition_point(|&s| s <= v.0))
            }
            _ => self.starts.partition_point(|&s| s <= v.0),
        };
        self.owners.get(i.wrapping_sub(1)).copied().map(SwarmId)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Brute force: minimise (clockwise distance to the id, tie -> smaller left distance) by
    /// scanning every id.
    fn brute(ids: &[u64], v: u64) -> Option<u64> {
        if ids.len() <= 1 {
            return ids.first().copied();
        }
        // nearest id at or above v (cyclically) and nearest strictly below v (cyclically)
        let right = ids.iter().copied().min_by_key(|&x| x.wrapping_sub(v))?;
        let left = ids
            .iter()
            .copied()
            .filter(|&x| x != right || ids.len() == 1)
            .min_by_key(|&x| v.wrapping_sub(x))?;
        let dr = right.wrapping_sub(v);
        let dl = v.wrapping_sub(left);
        Some(if dr < dl { right } else { left })
    }

    proptest! {
        #[test]
        fn lookup_matches_brute_force(
            mut ids in proptest::collection::vec(
                prop_oneof![any::<u64>(), Just(0u64), Just(u64::MAX), Just(u64::MAX - 1), 0u64..16, (u64::MAX - 16)..=u64::MAX],
                0..40,
            ),
            v in any::<u64>(),
            near in any::<proptest::sample::Index>(),
            delta in -3i64..=3,
        ) {
            ids.sort_unstable();
            ids.dedup();
            let n = ids.len().max(1);
            let i = near.index(n);
            let a = ids.get(i).copied().unwrap_or(v);
            let b = ids.get((i + 1) % n).copied().unwrap_or(v);
            // the decision point between neighbours (inner or across the wrap)
            let mid = a.wrapping_add(b.wrapping_sub(a) / 2);
            let probes = [
                v,
                a.wrapping_add_signed(delta),
                mid.wrapping_add_signed(delta),
                0,
                u64::MAX,
            ];
            let idx = SwarmIndex::new(ids.iter().map(|&i| SwarmId(i)));
            let sids: Vec<SwarmId> = ids.iter().map(|&i| SwarmId(i)).collect();
            for p in probes {
                let want = brute(&ids, p);
                prop_assert_eq!(idx.get_swarm(SwarmSpace(p)).map(|s| s.0), want);
                prop_assert_eq!(get_swarm_by_space(&sids, SwarmSpace(p)).map(|s| s.0), want);
                prop_assert_eq!(closest(&ids, p), want);
            }
        }

        #[test]
        fn hex_round_trip(netid in any::<u8>(), key in any::<[u8; 32]>()) {
            let pk = UserPubkey::new(netid, key);
            let s = alloc::format!("{pk}");
            prop_assert_eq!(UserPubkey::load(s.as_bytes(), Network::Mainnet), Ok(pk));
            prop_assert_eq!(UserPubkey::load(s.to_uppercase().as_bytes(), Network::Mainnet), Ok(pk));
            prop_assert_eq!(UserPubkey::load(&pk.to_prefixed_bytes(), Network::Mainnet), Ok(pk));
        }
    }

    #[test]
    fn empty_and_single_index() {
        for idx in [SwarmIndex::default(), SwarmIndex::new([])] {
            for v in [0, 1, u64::MAX] {
                assert_eq!(idx.get_swarm(SwarmSpace(v)), None);
            }
        }
        let one = SwarmIndex::new([SwarmId(u64::MAX)]);
        for v in [0, 1 << 63, u64::MAX] {
            assert_eq!(one.get_swarm(SwarmSpace(v)), Some(SwarmId(u64::MAX)));
        }
    }

    #[test]
    fn clustered_ids_match_slice_lookup() {
        // Every id in one radix bucket: the in-bucket search does all the work.
        let ids: Vec<SwarmId> = (0..3000u64).map(|i| SwarmId(i * 3)).collect();
        let idx = SwarmIndex::new(ids.iter().copied());
        for v in (0..9100u64).chain([u64::MAX, u64::MAX / 2, 1 << 40]) {
            assert_eq!(
                idx.get_swarm(SwarmSpace(v)),
                get_swarm_by_space(&ids, SwarmSpace(v)),
                "v = {v}"
            );
        }
    }

    #[test]
    fn midpoint_ties_go_left() {
        let idx = SwarmIndex::new([SwarmId(100), SwarmId(200)]);
        assert_eq!(idx.get_swarm(SwarmSpace(150)), Some(SwarmId(100)));
        assert_eq!(idx.get_swarm(SwarmSpace(151)), Some(SwarmId(200)));
        // wrap midpoint between 200 and 100 (via 2^64) goes to the top id (200)
        let wrap_mid = 200u64.wrapping_add((u64::MAX - 200 + 100).div_ceil(2));
        assert_eq!(idx.get_swarm(SwarmSpace(wrap_mid)), Some(SwarmId(200)));
        assert_eq!(idx.get_swarm(SwarmSpace(wrap_mid + 1)), Some(SwarmId(100)));
    }

    #[test]
    fn error_invalid_length() {
        assert_eq!(
            UserPubkey::load(b"05", Network::Mainnet),
            Err(Error::InvalidUserPubkeyLength { len: 2 })
        );
        assert_eq!(
            UserPubkey::load(&[0u8; 32], Network::Mainnet),
            Err(Error::InvalidUserPubkeyLength { len: 32 })
        );
        assert!(UserPubkey::load(&[0u8; 32], Network::Testnet).is_ok());
        assert_eq!(
            UserPubkey::from_hex(&"00".repeat(32), Network::Mainnet),
            Err(Error::InvalidUserPubkeyLength { len: 64 })
        );
        assert_eq!(
            UserPubkey::from_hex(&"00".repeat(32), Network::Testnet).map(|k| k.netid()),
            Ok(5)
        );
    }

    #[test]
    fn error_invalid_hex() {
        let mut s = alloc::string::String::from("05");
        s.push_str(&"ab".repeat(31));
        s.push_str("zz");
        assert_eq!(
            UserPubkey::load(s.as_bytes(), Network::Mainnet),
            Err(Error::InvalidHex { position: 64 })
        );
        assert_eq!(
            UserPubkey::from_hex(&s, Network::Mainnet),
            Err(Error::InvalidHex { position: 64 })
        );
    }

    #[test]
    fn error_unexpected_prefix() {
        let s = alloc::format!("03{}", "11".repeat(32));
        assert_eq!(
            UserPubkey::parse_session_id(&s),
            Err(Error::UnexpectedPrefix {
                expected: 5,
                found: 3
            })
        );
        let s = alloc::format!("05{}", "11".repeat(32));
        assert_eq!(UserPubkey::parse_session_id(&s).map(|k| k.netid()), Ok(5));
    }
}
