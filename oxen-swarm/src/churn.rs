//! A churn simulator: a network of service nodes joining, leaving and being decommissioned
//! block after block, reassigned by [`calc_swarm_changes`] exactly as the chain does, with the
//! effect on swarm sizes and on which swarm serves a sample of user keys.
//!
//! Each block: decommissioned nodes whose time is up are recommissioned, random active nodes
//! leave (deregister) or get decommissioned, new nodes register; if anything changed, the
//! input map is rebuilt the way `service_node_list` does (active nodes in ascending pubkey
//! order under their stored swarm id, new and recommissioned nodes under
//! [`SwarmId::UNASSIGNED`]) and [`calc_swarm_changes`] runs with the seed of a random block
//! hash.
//!
//! ```
//! use oxen_swarm::churn::{ChurnConfig, ChurnSimulator};
//! let cfg = ChurnConfig { initial_nodes: 300, user_keys: 1000, ..ChurnConfig::default() };
//! let mut sim = ChurnSimulator::new(cfg).unwrap();
//! for _ in 0..20 {
//!     let r = sim.step().unwrap();
//!     assert_eq!(r.active_nodes, sim.map().node_count());
//! }
//! assert!(sim.map().iter().all(|(_, nodes)| nodes.len() >= 5));
//! ```

use alloc::collections::{BTreeMap, BTreeSet};
use alloc::vec::Vec;

use crate::{
    Error, Mt19937_64, NodePubkey, SwarmId, SwarmIndex, SwarmMap, SwarmSpace, calc_swarm_changes,
    seed_from_block_hash,
};

/// Parameters of a simulation. Rates are expected counts per block (a rate of 2.5 gives 2 or
/// 3 events, 3 with probability 0.5).
#[derive(Clone, Debug, PartialEq)]
pub struct ChurnConfig {
    /// Nodes registered in the genesis block.
    pub initial_nodes: usize,
    /// New registrations per block.
    pub joins_per_block: f64,
    /// Deregistrations (nodes leaving for good) per block.
    pub leaves_per_block: f64,
    /// Decommissions per block (the node leaves its swarm and comes back later unassigned).
    pub decommissions_per_block: f64,
    /// Blocks a decommissioned node stays out before it is recommissioned.
    pub decommission_blocks: u64,
    /// Number of random user keys whose swarm is tracked from block to block.
    pub user_keys: usize,
    /// Seed of the simulation's own randomness (keys, events, block hashes).
    pub seed: u64,
}

impl Default for ChurnConfig {
    fn default() -> Self {
        ChurnConfig {
            initial_nodes: 10_000,
            joins_per_block: 2.5,
            leaves_per_block: 2.0,
            decommissions_per_block: 0.5,
            decommission_blocks: 60,
            user_keys: 10_000,
            seed: 1,
        }
    }
}

/// What happened in one simulated block.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BlockReport {
    /// Block height (genesis = 0).
    pub height: u64,
    /// Nodes registered this block.
    pub joined: usize,
    /// Nodes deregistered this block.
    pub left: usize,
    /// Nodes decommissioned this block.
    pub decommissioned: usize,
    /// Nodes recommissioned this block.
    pub recommissioned: usize,
    /// Whether `calc_swarm_changes` ran (only when the active set changed).
    pub recomputed: bool,
    /// Active nodes after the block.
    pub active_nodes: usize,
    /// Swarms after the block.
    pub swarms: usize,
    /// Swarm ids present after but not before the block.
    pub swarms_created: usize,
    /// Swarm ids present before but not after the block.
    pub swarms_dissolved: usize,
    /// Nodes that stayed active but changed swarm.
    pub nodes_moved: usize,
    /// Tracked user keys whose responsible swarm changed.
    pub user_keys_moved: usize,
    /// Smallest swarm size after the block (0 without swarms).
    pub min_swarm_size: usize,
    /// Largest swarm size after the block.
    pub max_swarm_size: usize,
}

#[derive(Clone, Copy, Debug)]
struct NodeState {
    swarm: SwarmId,
    /// `Some(height)`: decommissioned until that height.
    decommissioned_until: Option<u64>,
}

/// Simulated node keys carry their slot in `states` in the last 4 bytes (the first 28 are
/// random, so key order is random), which makes key -> state an O(1) lookup.
fn slot_of(k: &NodePubkey) -> usize {
    let mut b = [0u8; 4];
    b.copy_from_slice(k.0.split_at(28).1);
    u32::from_be_bytes(b) as usize
}

/// The simulator. See the [module docs](self).
#[derive(Clone, Debug)]
pub struct ChurnSimulator {
    cfg: ChurnConfig,
    rng: Mt19937_64,
    height: u64,
    /// Registered nodes (active or decommissioned) in ascending pubkey order.
    nodes: BTreeSet<NodePubkey>,
    /// Node states by slot (see `slot_of`); slots of departed nodes are never reused.
    states: Vec<NodeState>,
    decommissioned: Vec<NodePubkey>,
    active: usize,
    map: SwarmMap,
    index: SwarmIndex,
    /// (swarm space, current swarm) of every tracked user key.
    user_keys: Vec<(u64, u64)>,
}

fn random_key(rng: &mut Mt19937_64) -> [u8; 32] {
    let mut k = [0u8; 32];
    for chunk in k.chunks_exact_mut(8) {
        chunk.copy_from_slice(&rng.next_u64().to_le_bytes());
    }
    k
}

/// Number of events for an expected count `rate`.
fn draw_count(rng: &mut Mt19937_64, rate: f64) -> usize {
    if rate.is_nan() || rate <= 0.0 {
        return 0;
    }
    let whole = rate as u64;
    let frac = rate - whole as f64;
    let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
    usize::try_from(whole + u64::from(u < frac)).unwrap_or(usize::MAX)
}

impl ChurnSimulator {
    /// Registers `cfg.initial_nodes` nodes in a genesis block and assigns them.
    ///
    /// # Errors
    /// Whatever [`calc_swarm_changes`] returns (not expected for this input).
    pub fn new(cfg: ChurnConfig) -> Result<Self, Error> {
        let rng = Mt19937_64::new(cfg.seed);
        let mut sim = ChurnSimulator {
            cfg,
            rng,
            height: 0,
            nodes: BTreeSet::new(),
            states: Vec::new(),
            decommissioned: Vec::new(),
            active: 0,
            map: SwarmMap::new(),
            index: SwarmIndex::default(),
            user_keys: Vec::new(),
        };
        for _ in 0..sim.cfg.initial_nodes {
            sim.register();
        }
        sim.user_keys = (0..sim.cfg.user_keys)
            .map(|_| {
                let space = crate::pubkey_to_swarm_space(&random_key(&mut sim.rng));
                (space.0, u64::MAX)
            })
            .collect();
        sim.recompute()?;
        Ok(sim)
    }

    /// Registers a new node (unassigned); false if the slot space is exhausted.
    fn register(&mut self) -> bool {
        let Ok(slot) = u32::try_from(self.states.len()) else {
            return false;
        };
        let mut k = random_key(&mut self.rng);
        if let Some(tail) = k.get_mut(28..) {
            tail.copy_from_slice(&slot.to_be_bytes());
        }
        self.states.push(NodeState {
            swarm: SwarmId::UNASSIGNED,
            decommissioned_until: None,
        });
        self.nodes.insert(NodePubkey(k));
        self.active += 1;
        true
    }

    fn state(&self, k: &NodePubkey) -> Option<&NodeState> {
        self.states.get(slot_of(k))
    }

    fn state_mut(&mut self, k: &NodePubkey) -> Option<&mut NodeState> {
        self.states.get_mut(slot_of(k))
    }

    /// The current assignment.
    #[must_use]
    pub fn map(&self) -> &SwarmMap {
        &self.map
    }

    /// The current height.
    #[must_use]
    pub fn height(&self) -> u64 {
        self.height
    }

    /// Swarm size → number of swarms of that size.
    #[must_use]
    pub fn size_distribution(&self) -> BTreeMap<usize, usize> {
        let mut d = BTreeMap::new();
        for (_, nodes) in self.map.iter() {
            *d.entry(nodes.len()).or_insert(0) += 1;
        }
        d
    }

    /// A random active node (nearest at or after a random key, wrapping), if any.
    fn random_active(&mut self) -> Option<NodePubkey> {
        if self.active == 0 {
            return None;
        }
        let probe = NodePubkey(random_key(&mut self.rng));
        self.nodes
            .range(probe..)
            .chain(self.nodes.range(..probe))
            .find(|k| {
                self.state(k)
                    .is_some_and(|s| s.decommissioned_until.is_none())
            })
            .copied()
    }

    /// Simulates one block.
    ///
    /// # Errors
    /// Whatever [`calc_swarm_changes`] returns.
    pub fn step(&mut self) -> Result<BlockReport, Error> {
        self.height += 1;
        let height = self.height;
        let mut report = BlockReport {
            height,
            ..BlockReport::default()
        };

        // Recommissions: back in, unassigned (decommission reset the swarm id, HF13+).
        let states = &mut self.states;
        let mut back = 0;
        self.decommissioned.retain(|k| {
            let Some(st) = states.get_mut(slot_of(k)) else {
                return false;
            };
            match st.decommissioned_until {
                Some(until) if until <= height => {
                    st.decommissioned_until = None;
                    st.swarm = SwarmId::UNASSIGNED;
                    back += 1;
                    false
                }
                Some(_) => true,
                None => false,
            }
        });
        self.active += back;
        report.recommissioned = back;

        for _ in 0..draw_count(&mut self.rng, self.cfg.leaves_per_block) {
            if let Some(k) = self.random_active() {
                self.nodes.remove(&k);
                if let Some(st) = self.state_mut(&k) {
                    st.swarm = SwarmId::UNASSIGNED;
                }
                self.active -= 1;
                report.left += 1;
            }
        }
        for _ in 0..draw_count(&mut self.rng, self.cfg.decommissions_per_block) {
            let until = height + self.cfg.decommission_blocks;
            if let Some(k) = self.random_active()
                && let Some(st) = self.state_mut(&k)
            {
                st.decommissioned_until = Some(until);
                st.swarm = SwarmId::UNASSIGNED;
                self.decommissioned.push(k);
                self.active -= 1;
                report.decommissioned += 1;
            }
        }
        for _ in 0..draw_count(&mut self.rng, self.cfg.joins_per_block) {
            if self.register() {
                report.joined += 1;
            }
        }

        let changed =
            report.joined + report.left + report.decommissioned + report.recommissioned > 0;
        if changed {
            let before: Vec<u64> = self.index.ids().to_vec();
            report.nodes_moved = self.recompute()?;
            report.recomputed = true;
            let after = self.index.ids();
            report.swarms_created = after
                .iter()
                .filter(|i| before.binary_search(i).is_err())
                .count();
            report.swarms_dissolved = before
                .iter()
                .filter(|i| after.binary_search(i).is_err())
                .count();
            if report.swarms_created + report.swarms_dissolved > 0 {
                report.user_keys_moved = self.reroute_user_keys();
            }
        }
        report.active_nodes = self.active;
        report.swarms = self.map.len();
        report.min_swarm_size = self.map.iter().map(|(_, n)| n.len()).min().unwrap_or(0);
        report.max_swarm_size = self.map.iter().map(|(_, n)| n.len()).max().unwrap_or(0);
        Ok(report)
    }

    /// Builds the chain's input map, runs `calc_swarm_changes`, stores the result; returns how
    /// many previously assigned nodes changed swarm.
    fn recompute(&mut self) -> Result<usize, Error> {
        // Pre-create the known swarms (so pushes never shift the swarm vector), push every
        // active node in ascending pubkey order, then drop swarms left empty (the chain's map
        // only has keys that some active node carries).
        let mut swarms: Vec<crate::Swarm> = self
            .map
            .iter()
            .map(|(swarm_id, nodes)| crate::Swarm {
                swarm_id,
                nodes: Vec::with_capacity(nodes.len() + 2),
            })
            .collect();
        swarms.push(crate::Swarm {
            swarm_id: SwarmId::UNASSIGNED,
            nodes: Vec::new(),
        });
        let mut map = SwarmMap::from_swarms(swarms)?;
        for k in &self.nodes {
            if let Some(st) = self.state(k)
                && st.decommissioned_until.is_none()
            {
                map.push_node(st.swarm, *k);
            }
        }
        map.swarms.retain(|s| !s.nodes.is_empty());
        let block_hash = random_key(&mut self.rng);
        calc_swarm_changes(&mut map, seed_from_block_hash(&block_hash))?;
        let mut moved = 0;
        for (id, members) in map.iter() {
            for k in members {
                if let Some(st) = self.states.get_mut(slot_of(k)) {
                    if st.swarm != id && st.swarm != SwarmId::UNASSIGNED {
                        moved += 1;
                    }
                    st.swarm = id;
                }
            }
        }
        self.index = SwarmIndex::from_map(&map);
        self.map = map;
        if self.height == 0 {
            self.reroute_user_keys();
        }
        Ok(moved)
    }

    /// Re-resolves every tracked user key; returns how many changed swarm.
    fn reroute_user_keys(&mut self) -> usize {
        let index = &self.index;
        let update = |entry: &mut (u64, u64)| -> usize {
            let new = index
                .get_swarm(SwarmSpace(entry.0))
                .map_or(u64::MAX, |s| s.0);
            let moved = usize::from(new != entry.1);
            entry.1 = new;
            moved
        };
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            self.user_keys.par_iter_mut().map(update).sum()
        }
        #[cfg(not(feature = "parallel"))]
        {
            self.user_keys.iter_mut().map(update).sum()
        }
    }
}
