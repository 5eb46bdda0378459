#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

extern crate alloc;

mod assignment;
pub mod churn;
mod error;
mod hex;
pub mod random;
pub mod rules;
mod std_sort;
mod swarm_map;
mod swarm_space;

pub use assignment::{
    SwarmSize, calc_swarm_changes, calc_swarm_sizes, get_new_swarm_id, sort_swarm_sizes,
};
pub use error::Error;
pub use random::{Mt19937_64, seed_from_block_hash, uniform_distribution_portable};
pub use swarm_map::{NodePubkey, Swarm, SwarmId, SwarmMap};
pub use swarm_space::{
    Network, SwarmIndex, SwarmSpace, USER_PUBKEY_SIZE_BYTES, USER_PUBKEY_SIZE_HEX, UserPubkey,
    get_swarm_by_pk, get_swarm_by_space, pubkey_to_swarm_space,
};
