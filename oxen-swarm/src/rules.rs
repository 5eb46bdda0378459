//! Swarm constants, copied from oxen-core `src/cryptonote_core/service_node_rules.h`.

/// A swarm with fewer nodes than this is "starving" (`MIN_SWARM_SIZE`).
pub const MIN_SWARM_SIZE: usize = 5;
/// Margin above [`MIN_SWARM_SIZE`] that a healthy swarm keeps (`IDEAL_SWARM_MARGIN`).
pub const IDEAL_SWARM_MARGIN: usize = 2;
/// Ideal swarm size, `MIN_SWARM_SIZE + IDEAL_SWARM_MARGIN` (`IDEAL_SWARM_SIZE`).
pub const IDEAL_SWARM_SIZE: usize = MIN_SWARM_SIZE + IDEAL_SWARM_MARGIN;
/// Nodes above this count in a swarm are "excess" (`EXCESS_BASE`).
pub const EXCESS_BASE: usize = MIN_SWARM_SIZE;
/// Size of a freshly created swarm (`NEW_SWARM_SIZE`).
pub const NEW_SWARM_SIZE: usize = IDEAL_SWARM_SIZE;
/// Declared upstream (`MAX_SWARM_SIZE`) but **not used** by the algorithm: swarms can and do
/// grow beyond it. Kept for reference only.
pub const MAX_SWARM_SIZE: usize = 10;
/// Declared upstream (`SWARM_BUFFER`) but **not used** by the algorithm.
pub const SWARM_BUFFER: usize = 5;
/// New registrations go into the lowest 25% of swarms by size
/// (`FILL_SWARM_LOWER_PERCENTILE`).
pub const FILL_SWARM_LOWER_PERCENTILE: usize = 25;
/// Nodes of a dissolved swarm go to the smallest swarms
/// (`DECOMMISSIONED_REDISTRIBUTION_LOWER_PERCENTILE`).
pub const DECOMMISSIONED_REDISTRIBUTION_LOWER_PERCENTILE: usize = 0;
/// Starving swarms steal from swarms above the 75th percentile
/// (`STEALING_SWARM_UPPER_PERCENTILE`).
pub const STEALING_SWARM_UPPER_PERCENTILE: usize = 75;
