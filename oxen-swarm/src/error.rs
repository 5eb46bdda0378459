//! The one error type of this crate.

/// Everything that can go wrong in `oxen-swarm`.
///
/// Each variant names the check that failed, so a test can assert the exact rejection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// A user pubkey had a length that `user_pubkey::load` does not accept on this network
    /// (mainnet: 66 hex characters or 33 raw bytes; testnet additionally 64 hex / 32 raw).
    #[error("user pubkey has invalid length {len}")]
    InvalidUserPubkeyLength {
        /// Length of the rejected input, in bytes (hex characters for hex input).
        len: usize,
    },
    /// A hex-length user pubkey (or node pubkey) contained a character that is not a hex digit.
    #[error("non-hex character at position {position}")]
    InvalidHex {
        /// Byte offset of the first offending character.
        position: usize,
    },
    /// A key parsed fine but carries a network prefix other than the one required (for
    /// example a Session ID must start with `05`).
    #[error("network prefix 0x{found:02x}, expected 0x{expected:02x}")]
    UnexpectedPrefix {
        /// The prefix the caller required.
        expected: u8,
        /// The prefix found in the input.
        found: u8,
    },
    /// A node pubkey was not exactly 32 bytes (64 hex characters).
    #[error("node pubkey has invalid length {len}")]
    InvalidNodePubkeyLength {
        /// Length of the rejected input.
        len: usize,
    },
    /// Swarm entries given to [`crate::SwarmMap::from_swarms`] (or deserialised) were not in
    /// strictly ascending swarm-id order (a duplicate id or an out-of-order id).
    #[error("swarm id at entry {index} is not strictly greater than the previous one")]
    SwarmIdsNotAscending {
        /// Index of the first entry that breaks the order.
        index: usize,
    },
    /// `calc_swarm_changes` dissolved every swarm while nodes still had to be placed.
    ///
    /// Upstream (`assign_snodes` in oxen-core `service_node_swarm.cpp`) calls
    /// `sorted_swarm_sizes.at(0)` on an empty vector here and throws `std::out_of_range`; the
    /// map is left as it was at that moment. Vector: last `single_calls` entry of
    /// `calc_swarm_changes.json`.
    #[error("no swarm left to assign {unplaced} node(s) to (upstream throws std::out_of_range)")]
    NoSwarmToAssign {
        /// Number of nodes (of the dissolved swarm being reassigned) that could not be placed.
        unplaced: usize,
    },
}
