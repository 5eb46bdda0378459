//! The node's verdict on a transaction: the consensus rules oxen-core applies around the RingCT
//! signatures, and the entry points that run them all.
//!
//! A RingCT verifier alone ([`crate::rct`]) accepts things a node rejects: a key image with a
//! torsion component (the 2017 CryptoNote bug: one output spent up to 8 times), the same key
//! image twice, a ring that lists one output twice, rings of the wrong size, unsorted inputs.
//! oxen-core checks these in `core::check_tx_semantic` and `Blockchain::check_tx_inputs`
//! (src/cryptonote_core/cryptonote_core.cpp, blockchain.cpp). This module does the same, one
//! public function per upstream check, and [`Transaction::verify_for_node`] runs them all.
//!
//! # Data flow
//! ```text
//! bytes --Transaction::from_bytes--> typed tx --Transaction::expand--> admitted (parse verdict)
//!   --inputs/outputs/rules--> consensus checks (no chain state)
//!   --ChainState--> key images unspent, rings resolved (the caller's chain)
//!   --RctSig::verify_semantics--> counts, balance, range proofs
//!   --expand_rings + RctSig::verify_non_semantics--> signatures (CLSAG / MLSAG)
//! ```
//!
//! # Upstream checks and where they live
//! | upstream check | rule | here |
//! |---|---|---|
//! | `parse_and_validate_tx_from_blob` → `expand_transaction_1` | one outPk per output, outputs `txout_to_key`, types 3-5: one BP covering the outputs, `V = outPk/8` decodes | [`Transaction::expand`] |
//! | `check_tx_semantic` | transfer has inputs; other types none | [`check_input_count`] |
//! | `check_inputs_types_supported` | inputs are `txin_to_key` | [`check_input_types`] |
//! | `check_outs_valid`, `check_money_overflow`, `check_tx_outputs` (amount, key) | outputs `txout_to_key` with valid keys, amounts 0 (RingCT), no overflow | [`check_outputs`] |
//! | `check_tx_inputs_keyimages_diff` | no key image twice | [`check_key_images_distinct`] |
//! | `check_tx_inputs_ring_members_diff` | relative offsets after the first are non-zero | [`check_ring_members_distinct`] |
//! | `check_tx_inputs_keyimages_domain` | `l·I == identity` | [`check_key_images_in_prime_subgroup`] |
//! | `is_canonical_bulletproof_layout` | one BP over 1..=16 amounts | [`check_bulletproof_layout`] |
//! | `verRctSemanticsSimple` / `verRct(true)` | counts, balance, range proofs | [`crate::rct::RctSig::verify_semantics`] |
//! | `check_tx_inputs`: version/type for the hard fork, `MIN_2_OUTPUTS`; `check_tx_outputs` RingCT type for the hard fork | hard-fork rules | [`check_hard_fork_rules`] |
//! | `check_tx_inputs`: key offsets non-empty, ring size, key images strictly descending | ring shape | [`check_ring_shape`] |
//! | `check_tx_inputs`: key image spent, `check_tx_input` (ring members exist, unlocked), min age, blacklisted/locked key images | chain state | the caller: [`ChainState`] |
//! | `expand_transaction_2` | rings into the signature (type 1 transposed), signature counts | [`expand_rings`] |
//! | `verRctNonSemanticsSimple` / `verRct(false)` | every CLSAG / MLSAG | [`crate::rct::RctSig::verify_non_semantics`] |
//! | fee and weight policy, ONS, state changes, RingCT type by height | chain state | the caller: [`ChainState::check_policy`] |
//! | `BlockchainLMDB::add_spent_key` (`KEY_IMAGE_EXISTS`), `take_tx` / `prepare_handle_incoming_blocks` (duplicate tx) | within a block: no key image twice, no transaction twice | [`check_block_duplicates`], first step of [`verify_block_for_node`] |
//! | `Blockchain::have_tx` / `BlockchainDB::tx_exists` (block: before `take_tx`; pool: `core::parse_incoming_txs` `already_have`) | the transaction is not already on chain | the caller: [`ChainState::transaction_on_chain`], asked first |
//! | `tx_memory_pool::have_tx_keyimges_as_spent` | a pool transaction's key images are not pending | [`PendingKeyImages`] |

mod batch;
mod block;
mod chain;
mod hard_fork;
mod inputs;
mod node;
mod outputs;
mod pending;
mod rings;

pub use batch::verify_block_for_node;
pub use block::{BlockError, check_block_duplicates};
pub use chain::{ChainState, KnownRings};
pub use hard_fork::{ConsensusRules, HARD_FORKS, MIN_TEST_RING_SIZE, check_hard_fork_rules};
pub use inputs::{
    check_input_count, check_input_types, check_key_images_distinct,
    check_key_images_in_prime_subgroup, check_ring_members_distinct, check_ring_shape,
};
pub use node::verify_blob_for_node;
pub use outputs::{check_bulletproof_layout, check_outputs};
pub use pending::PendingKeyImages;
pub use rings::{check_expanded_rings, expand_rings};

#[cfg(doc)]
use crate::transaction::Transaction;
