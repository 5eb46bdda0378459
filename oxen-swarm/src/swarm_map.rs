//! Swarm ids, service-node pubkeys and the ordered swarm map (`swarm_snode_map_t`).

use alloc::collections::BTreeMap;
use alloc::vec::Vec;

use crate::Error;

/// A swarm id: a position on the 2^64 ring (`swarm_id_t` in oxen-core).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct SwarmId(pub u64);

impl SwarmId {
    /// `UNASSIGNED_SWARM_ID` (2^64 − 1): the map key holding newly registered and
    /// recommissioned nodes (storage server: `INVALID_SWARM_ID`).
    pub const UNASSIGNED: SwarmId = SwarmId(u64::MAX);
    /// `MAX_ID` (2^64 − 2): the top of the swarm-id ring; 0 and `MAX_ID` are one apart.
    pub const MAX_ID: SwarmId = SwarmId(u64::MAX - 1);

    /// The id as an integer.
    #[must_use]
    pub const fn get(self) -> u64 {
        self.0
    }
}

impl From<u64> for SwarmId {
    fn from(v: u64) -> Self {
        SwarmId(v)
    }
}

impl From<SwarmId> for u64 {
    fn from(v: SwarmId) -> Self {
        v.0
    }
}

impl core::fmt::Display for SwarmId {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Display::fmt(&self.0, f)
    }
}

/// A service node's 32-byte (Ed25519) public key, as stored in the swarm map.
///
/// Node order on chain is ascending byte (memcmp) order, which is this type's `Ord`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct NodePubkey(pub [u8; 32]);

impl NodePubkey {
    /// Parses 64 hex characters (either case).
    ///
    /// # Errors
    /// [`Error::InvalidNodePubkeyLength`] or [`Error::InvalidHex`].
    pub fn from_hex(s: &str) -> Result<Self, Error> {
        let s = s.as_bytes();
        if s.len() != 64 {
            return Err(Error::InvalidNodePubkeyLength { len: s.len() });
        }
        let mut out = [0u8; 32];
        crate::hex::decode_into(s, &mut out, 0)?;
        Ok(NodePubkey(out))
    }

    /// The key bytes.
    #[must_use]
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl core::fmt::Debug for NodePubkey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("NodePubkey(")?;
        crate::hex::write_hex(f, &self.0)?;
        f.write_str(")")
    }
}

impl core::fmt::Display for NodePubkey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        crate::hex::write_hex(f, &self.0)
    }
}

impl From<[u8; 32]> for NodePubkey {
    fn from(v: [u8; 32]) -> Self {
        NodePubkey(v)
    }
}

/// One swarm: its id and its nodes, in the exact vector order upstream keeps.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Swarm {
    /// The swarm id.
    pub swarm_id: SwarmId,
    /// The member nodes. Order matters to `calc_swarm_changes` (pools are built in this order).
    pub nodes: Vec<NodePubkey>,
}

/// The swarm map (`swarm_snode_map_t = std::map<swarm_id_t, std::vector<crypto::public_key>>`):
/// swarms in strictly ascending id order, each with an ordered node list.
///
/// Stored flat (a sorted `Vec`), so iteration and the scans of `calc_swarm_changes` are
/// cache-friendly; lookups by id are binary searches.
///
/// With the `serde` feature it serialises as a sequence of `{"swarm_id": u64, "nodes": [..]}`
/// (node keys as hex strings in human-readable formats, bytes otherwise), the layout of the
/// `calc_swarm_changes.json` vectors; deserialising checks the id order.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct SwarmMap {
    pub(crate) swarms: Vec<Swarm>,
}

impl SwarmMap {
    /// An empty map.
    #[must_use]
    pub const fn new() -> Self {
        SwarmMap { swarms: Vec::new() }
    }

    /// Builds a map from swarms already in strictly ascending id order.
    ///
    /// # Errors
    /// [`Error::SwarmIdsNotAscending`] naming the first entry out of order (or duplicated).
    pub fn from_swarms(swarms: Vec<Swarm>) -> Result<Self, Error> {
        for (i, w) in swarms.windows(2).enumerate() {
            if let [a, b] = w
                && a.swarm_id >= b.swarm_id
            {
                return Err(Error::SwarmIdsNotAscending { index: i + 1 });
            }
        }
        Ok(SwarmMap { swarms })
    }

    /// Number of swarms (including an `UNASSIGNED` entry if present).
    #[must_use]
    pub fn len(&self) -> usize {
        self.swarms.len()
    }

    /// True if there are no swarms at all.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.swarms.is_empty()
    }

    /// Total number of node entries over all swarms.
    #[must_use]
    pub fn node_count(&self) -> usize {
        self.swarms.iter().map(|s| s.nodes.len()).sum()
    }

    /// The swarms in ascending id order.
    #[must_use]
    pub fn swarms(&self) -> &[Swarm] {
        &self.swarms
    }

    /// Consumes the map into its swarms (ascending id order).
    #[must_use]
    pub fn into_swarms(self) -> Vec<Swarm> {
        self.swarms
    }

    /// Iterates `(id, nodes)` in ascending id order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (SwarmId, &[NodePubkey])> + '_ {
        self.swarms.iter().map(|s| (s.swarm_id, s.nodes.as_slice()))
    }

    /// The swarm ids in ascending order.
    pub fn ids(&self) -> impl ExactSizeIterator<Item = SwarmId> + '_ {
        self.swarms.iter().map(|s| s.swarm_id)
    }

    fn position(&self, id: SwarmId) -> Result<usize, usize> {
        self.swarms.binary_search_by(|s| s.swarm_id.cmp(&id))
    }

    /// The nodes of swarm `id`.
    #[must_use]
    pub fn get(&self, id: SwarmId) -> Option<&[NodePubkey]> {
        let i = self.position(id).ok()?;
        self.swarms.get(i).map(|s| s.nodes.as_slice())
    }

    /// Mutable access to the nodes of swarm `id`.
    pub fn get_mut(&mut self, id: SwarmId) -> Option<&mut Vec<NodePubkey>> {
        let i = self.position(id).ok()?;
        self.swarms.get_mut(i).map(|s| &mut s.nodes)
    }

    /// Appends `node` to swarm `id` (creating the swarm if absent, like `map[id].push_back`),
    /// the way `service_node_list` builds the input map: active nodes in ascending pubkey
    /// order pushed to their stored swarm id, new and recommissioned ones to
    /// [`SwarmId::UNASSIGNED`].
    pub fn push_node(&mut self, id: SwarmId, node: NodePubkey) {
        match self.position(id) {
            Ok(i) => {
                if let Some(s) = self.swarms.get_mut(i) {
                    s.nodes.push(node);
                }
            }
            Err(i) => self.swarms.insert(
                i,
                Swarm {
                    swarm_id: id,
                    nodes: alloc::vec![node],
                },
            ),
        }
    }

    /// Inserts or replaces swarm `id`, returning the previous node list.
    pub fn insert(&mut self, id: SwarmId, nodes: Vec<NodePubkey>) -> Option<Vec<NodePubkey>> {
        match self.position(id) {
            Ok(i) => self
                .swarms
                .get_mut(i)
                .map(|s| core::mem::replace(&mut s.nodes, nodes)),
            Err(i) => {
                self.swarms.insert(
                    i,
                    Swarm {
                        swarm_id: id,
                        nodes,
                    },
                );
                None
            }
        }
    }

    /// Removes swarm `id`, returning its nodes.
    pub fn remove(&mut self, id: SwarmId) -> Option<Vec<NodePubkey>> {
        let i = self.position(id).ok()?;
        Some(self.swarms.remove(i).nodes)
    }

    /// The swarm that `node` belongs to (linear scan).
    #[must_use]
    pub fn swarm_of(&self, node: &NodePubkey) -> Option<SwarmId> {
        self.swarms
            .iter()
            .find(|s| s.nodes.contains(node))
            .map(|s| s.swarm_id)
    }

    /// `get_new_swarm_id(map)` for this map's key set (see [`crate::get_new_swarm_id`]).
    #[must_use]
    pub fn new_swarm_id(&self) -> SwarmId {
        SwarmId(crate::assignment::new_swarm_id_sorted(
            self.swarms.iter().map(|s| s.swarm_id.0),
        ))
    }
}

impl From<BTreeMap<SwarmId, Vec<NodePubkey>>> for SwarmMap {
    fn from(m: BTreeMap<SwarmId, Vec<NodePubkey>>) -> Self {
        SwarmMap {
            swarms: m
                .into_iter()
                .map(|(swarm_id, nodes)| Swarm { swarm_id, nodes })
                .collect(),
        }
    }
}

impl From<SwarmMap> for BTreeMap<SwarmId, Vec<NodePubkey>> {
    fn from(m: SwarmMap) -> Self {
        m.swarms
            .into_iter()
            .map(|s| (s.swarm_id, s.nodes))
            .collect()
    }
}

impl FromIterator<(SwarmId, NodePubkey)> for SwarmMap {
    /// Collects `(swarm, node)` pairs, appending nodes in iteration order.
    fn from_iter<I: IntoIterator<Item = (SwarmId, NodePubkey)>>(iter: I) -> Self {
        let mut m = SwarmMap::new();
        for (id, node) in iter {
            m.push_node(id, node);
        }
        m
    }
}

#[cfg(feature = "serde")]
mod serde_impls {
    use super::{NodePubkey, Swarm, SwarmMap};
    use alloc::vec::Vec;
    use serde::de::{Error as _, SeqAccess, Visitor};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    impl Serialize for NodePubkey {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            if s.is_human_readable() {
                s.collect_str(self)
            } else {
                s.serialize_bytes(&self.0)
            }
        }
    }

    struct KeyVisitor;

    impl<'de> Visitor<'de> for KeyVisitor {
        type Value = NodePubkey;

        fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
            f.write_str("a 32-byte node pubkey (64 hex characters or 32 bytes)")
        }

        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<NodePubkey, E> {
            NodePubkey::from_hex(v).map_err(E::custom)
        }

        fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<NodePubkey, E> {
            <[u8; 32]>::try_from(v)
                .map(NodePubkey)
                .map_err(|_| E::invalid_length(v.len(), &self))
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<NodePubkey, A::Error> {
            let mut out = [0u8; 32];
            for (i, b) in out.iter_mut().enumerate() {
                *b = seq
                    .next_element()?
                    .ok_or_else(|| A::Error::invalid_length(i, &self))?;
            }
            if seq.next_element::<u8>()?.is_some() {
                return Err(A::Error::invalid_length(33, &self));
            }
            Ok(NodePubkey(out))
        }
    }

    impl<'de> Deserialize<'de> for NodePubkey {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            if d.is_human_readable() {
                d.deserialize_str(KeyVisitor)
            } else {
                d.deserialize_bytes(KeyVisitor)
            }
        }
    }

    impl Serialize for SwarmMap {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(self.swarms.iter())
        }
    }

    impl<'de> Deserialize<'de> for SwarmMap {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let swarms = Vec::<Swarm>::deserialize(d)?;
            SwarmMap::from_swarms(swarms).map_err(D::Error::custom)
        }
    }
}
