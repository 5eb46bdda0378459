//! Transaction version and type (reference `src/cryptonote_basic/txtypes.h`).

use crate::Error;

/// Transaction version (reference `cryptonote::txversion`, a `uint16_t` enum).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[repr(u16)]
pub enum TxVersion {
    /// v1: CryptoNote ring signatures, no RingCT.
    V1 = 1,
    /// v2: RingCT.
    V2 = 2,
    /// v3: per-output unlock times and the `is_state_change` byte.
    V3 = 3,
    /// v4: per-output unlock times and a transaction type (current).
    V4 = 4,
}

impl TryFrom<u64> for TxVersion {
    type Error = Error;
    fn try_from(v: u64) -> Result<Self, Error> {
        Ok(match v {
            1 => Self::V1,
            2 => Self::V2,
            3 => Self::V3,
            4 => Self::V4,
            _ => return Err(Error::TxVersionInvalid),
        })
    }
}

/// Transaction type (reference `cryptonote::txtype`, v4 prefixes; v3 carries only
/// standard/state-change; v1 and v2 are always standard).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[repr(u16)]
pub enum TxType {
    /// 0: an ordinary transfer.
    Standard = 0,
    /// 1: a service-node state change (no inputs).
    StateChange = 1,
    /// 2: a key image unlock request.
    KeyImageUnlock = 2,
    /// 3: a stake.
    Stake = 3,
    /// 4: an Oxen Name System purchase/update.
    OxenNameSystem = 4,
    /// 5: an Ethereum service-node exit request.
    EthereumServiceNodeExitRequest = 5,
    /// 6: an Ethereum service-node exit.
    EthereumServiceNodeExit = 6,
    /// 7: an Ethereum staking requirement update.
    EthereumStakingRequirementUpdated = 7,
    /// 8: purge of a missing service node.
    EthereumPurgeMissingServiceNode = 8,
    /// 9: an Ethereum new service node (v2).
    EthereumNewServiceNodeV2 = 9,
}

impl TxType {
    /// The reference's `transaction_prefix::is_transfer`: standard, stake or ONS.
    #[must_use]
    pub fn is_transfer(self) -> bool {
        matches!(self, Self::Standard | Self::Stake | Self::OxenNameSystem)
    }
}

impl TryFrom<u64> for TxType {
    type Error = Error;
    fn try_from(v: u64) -> Result<Self, Error> {
        Ok(match v {
            0 => Self::Standard,
            1 => Self::StateChange,
            2 => Self::KeyImageUnlock,
            3 => Self::Stake,
            4 => Self::OxenNameSystem,
            5 => Self::EthereumServiceNodeExitRequest,
            6 => Self::EthereumServiceNodeExit,
            7 => Self::EthereumStakingRequirementUpdated,
            8 => Self::EthereumPurgeMissingServiceNode,
            9 => Self::EthereumNewServiceNodeV2,
            _ => return Err(Error::TxTypeInvalid),
        })
    }
}
