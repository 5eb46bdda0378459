//! The rules that depend on the hard-fork version (and nothing else of the chain): allowed
//! transaction versions and types (`Blockchain::check_tx_inputs`), the two-output minimum, the
//! RingCT types each fork allows (`Blockchain::check_tx_outputs`, the parts that need no block
//! height) and the ring size.

use crate::Error;
use crate::prefix::{TxIn, TxType, TxVersion};
use crate::rct::{RING_SIZE, RctType};
use crate::transaction::Transaction;

/// First and last hard fork of the Oxen chain this crate knows (oxen-core `hf::hf7` ..
/// `hf::hf21_eth`; the chain starts at 7).
pub const HARD_FORKS: core::ops::RangeInclusive<u8> = 7..=21;

/// The consensus parameters of one hard fork.
///
/// Ring size: current oxen-core requires exactly [`RING_SIZE`] members in every input at every
/// hard fork ("from hard fork 7 ... always"; the chain starts at hf 7; `TX_OUTPUT_DECOYS` is
/// the same on mainnet, testnet and devnet). Loki's code before January 2019 required the
/// *smallest* ring of a transaction to be exactly 10 at hf 7 and 8 (others could be larger) and
/// every ring exactly 10 from hf 9; nodes today apply the current rule to the whole chain, so
/// [`ConsensusRules::for_hf`] gives 10 for every fork.
///
/// Built only through [`ConsensusRules::for_hf`] (the Oxen networks) or
/// [`ConsensusRules::for_test_network`] (a private test chain with another ring size); both
/// validate their arguments, so every value of this type is a set of rules a node can apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConsensusRules {
    hf_version: u8,
    ring_size: usize,
}

/// The smallest ring [`ConsensusRules::for_test_network`] accepts: every RingCT type can sign
/// it (an MLSAG needs two columns: `MLSAG_Gen`/`MLSAG_Ver`; a CLSAG would take one).
pub const MIN_TEST_RING_SIZE: usize = 2;

impl ConsensusRules {
    /// The rules of hard fork `hf_version` (7..=21) of the Oxen networks.
    ///
    /// # Errors
    /// [`Error::HardForkUnknown`] outside [`HARD_FORKS`].
    pub fn for_hf(hf_version: u8) -> Result<Self, Error> {
        Self::for_test_network(hf_version, RING_SIZE)
    }

    /// The rules of hard fork `hf_version` on a test chain whose inputs have `ring_size`
    /// members instead of [`RING_SIZE`] (e.g. a private regtest chain that builds transactions
    /// faster with small rings). Every other rule is hard fork `hf_version`'s.
    ///
    /// ```
    /// use oxen_tx::Error;
    /// use oxen_tx::consensus::ConsensusRules;
    ///
    /// let rules = ConsensusRules::for_test_network(21, 4)?;
    /// assert_eq!((rules.hf_version(), rules.ring_size()), (21, 4));
    /// assert_eq!(
    ///     ConsensusRules::for_test_network(21, 1),
    ///     Err(Error::TestRingSizeInvalid { size: 1 })
    /// );
    /// assert_eq!(ConsensusRules::for_test_network(21, 10), ConsensusRules::for_hf(21));
    /// # Ok::<(), Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::HardForkUnknown`] outside [`HARD_FORKS`], [`Error::TestRingSizeInvalid`] below
    /// [`MIN_TEST_RING_SIZE`].
    pub fn for_test_network(hf_version: u8, ring_size: usize) -> Result<Self, Error> {
        if !HARD_FORKS.contains(&hf_version) {
            return Err(Error::HardForkUnknown { hf: hf_version });
        }
        if ring_size < MIN_TEST_RING_SIZE {
            return Err(Error::TestRingSizeInvalid { size: ring_size });
        }
        Ok(Self {
            hf_version,
            ring_size,
        })
    }

    /// The hard-fork version of the block (or pool) the transaction goes into.
    #[must_use]
    pub const fn hf_version(&self) -> u8 {
        self.hf_version
    }

    /// The number of ring members every input must have.
    #[must_use]
    pub const fn ring_size(&self) -> usize {
        self.ring_size
    }

    /// `transaction_prefix::get_min_version_for_hf`: v2 for hf 7..=10, else v4.
    #[must_use]
    pub fn min_tx_version(&self) -> TxVersion {
        if (7..=10).contains(&self.hf_version) {
            TxVersion::V2
        } else {
            TxVersion::V4
        }
    }

    /// `transaction_prefix::get_max_version_for_hf`: v2 for hf 7..=8, v3 for 9..=10, else v4.
    #[must_use]
    pub fn max_tx_version(&self) -> TxVersion {
        match self.hf_version {
            7..=8 => TxVersion::V2,
            9..=10 => TxVersion::V3,
            _ => TxVersion::V4,
        }
    }

    /// `transaction_prefix::get_max_type_for_hf`.
    #[must_use]
    pub fn max_tx_type(&self) -> TxType {
        match self.hf_version {
            21.. => TxType::EthereumNewServiceNodeV2,
            15.. => TxType::OxenNameSystem,
            14.. => TxType::Stake,
            11.. => TxType::KeyImageUnlock,
            9.. => TxType::StateChange,
            _ => TxType::Standard,
        }
    }
}

/// The hard-fork rules of `Blockchain::check_tx_inputs` and `check_tx_outputs` that need no
/// chain state, in the reference's order:
///
/// 1. version within [`ConsensusRules::min_tx_version`]..=[`ConsensusRules::max_tx_version`],
///    type at most [`ConsensusRules::max_tx_type`];
/// 2. from hf 16 a transfer other than ONS, not a miner transaction, has at least 2 outputs;
/// 3. RingCT type by fork: no Bulletproof types before hf 10; no Borromean (types 1, 2) from
///    hf 11 (at hf 10 it depends on the height: the caller's); no Bulletproof2 before hf 11;
///    for v4 transfers no type 3 after hf 11 and no CLSAG before hf 16, and only CLSAG after hf
///    16 (at hf 16 itself the first 10 blocks are exempt: the caller's). (`check_tx_inputs`
///    also rejects multi-output Bulletproofs before hf 10, which rule 3 already excludes.)
///
/// # Errors
/// [`Error::TxVersionNotAllowed`], [`Error::TxTypeNotAllowed`], [`Error::TooFewOutputs`],
/// [`Error::RctTypeNotAllowed`].
pub fn check_hard_fork_rules(tx: &Transaction, rules: &ConsensusRules) -> Result<(), Error> {
    let p = &tx.prefix;
    let hf = rules.hf_version();
    if p.version < rules.min_tx_version() || p.version > rules.max_tx_version() {
        return Err(Error::TxVersionNotAllowed {
            version: p.version as u16,
            hf,
        });
    }
    if p.tx_type > rules.max_tx_type() {
        return Err(Error::TxTypeNotAllowed { hf });
    }
    let transfer = p.tx_type.is_transfer();
    if transfer
        && p.tx_type != TxType::OxenNameSystem
        && !matches!(p.vin.first(), Some(TxIn::Gen { .. }))
        && hf >= 16
        && p.vout.len() < 2
    {
        return Err(Error::TooFewOutputs);
    }
    let ty = tx.rct.rct_type;
    let v4_transfer = p.version >= TxVersion::V4 && transfer;
    let bp = ty.is_bulletproof();
    let not_allowed = (hf < 10 && (bp || !tx.rct.prunable.bulletproofs.is_empty()))
        || (hf >= 11 && matches!(ty, RctType::Full | RctType::Simple))
        || (hf < 11 && ty == RctType::Bulletproof2)
        || (hf > 11 && v4_transfer && ty == RctType::Bulletproof)
        || (hf < 16 && v4_transfer && ty == RctType::Clsag)
        || (hf > 16 && v4_transfer && ty < RctType::Clsag);
    if not_allowed {
        return Err(Error::RctTypeNotAllowed { hf });
    }
    Ok(())
}
