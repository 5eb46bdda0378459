//! ONS mapping types, their burn amounts and expiry (oxen-core `src/oxen_economy.h`,
//! `oxen_name_system.cpp`: `parse_ons_type`, `validate_mapping_type`, `expiry_blocks`,
//! `mapping_type_allowed`, `burn_needed`).

use core::fmt;
use core::str::FromStr;

use oxen_crypto::address::Network;

use crate::Error;

/// One OXEN in atomic units.
pub const COIN: u64 = 1_000_000_000;

/// Blocks per day (2-minute blocks) on every network (`BLOCKS_PER_DAY`).
pub const BLOCKS_PER_DAY: u64 = 720;

/// Days in a registration "year" (`REGISTRATION_YEAR_DAYS`: 368, to absorb block-time drift).
pub const REGISTRATION_YEAR_DAYS: u64 = 368;

/// What a name maps to (`ons::mapping_type`). The wire and database value is the `u16`
/// discriminant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u16)]
pub enum MappingType {
    /// A Session ID (from HF15).
    Session = 0,
    /// A wallet address (from HF18).
    Wallet = 1,
    /// A lokinet address, one year (from HF16). The only lokinet type stored in the database.
    Lokinet = 2,
    /// A lokinet address bought or renewed for two years.
    Lokinet2Years = 3,
    /// A lokinet address bought or renewed for five years.
    Lokinet5Years = 4,
    /// A lokinet address bought or renewed for ten years.
    Lokinet10Years = 5,
}

/// The kind of ONS transaction a type is named for (`ons::ons_tx_type`), for
/// [`MappingType::validate_mapping_type`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OnsTxType {
    /// A lookup (RPC query).
    Lookup,
    /// A purchase.
    Buy,
    /// An update of value or owners.
    Update,
    /// A renewal (lokinet only).
    Renew,
}

impl MappingType {
    /// Every type, in numeric order.
    pub const ALL: [MappingType; 6] = [
        MappingType::Session,
        MappingType::Wallet,
        MappingType::Lokinet,
        MappingType::Lokinet2Years,
        MappingType::Lokinet5Years,
        MappingType::Lokinet10Years,
    ];

    /// The numeric value.
    #[must_use]
    pub const fn as_u16(self) -> u16 {
        self as u16
    }

    /// The type with numeric value `v` (`parse_ons_type(uint16_t)`; serialization rejects `v >= 6`).
    ///
    /// # Errors
    /// [`Error::UnknownMappingType`] for `v >= 6`.
    pub const fn from_u16(v: u16) -> Result<Self, Error> {
        match v {
            0 => Ok(MappingType::Session),
            1 => Ok(MappingType::Wallet),
            2 => Ok(MappingType::Lokinet),
            3 => Ok(MappingType::Lokinet2Years),
            4 => Ok(MappingType::Lokinet5Years),
            5 => Ok(MappingType::Lokinet10Years),
            _ => Err(Error::UnknownMappingType),
        }
    }

    /// The reference's name (`mapping_type_str`): `session`, `wallet`, `lokinet`,
    /// `lokinet_2years`, `lokinet_5years`, `lokinet_10years`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            MappingType::Session => "session",
            MappingType::Wallet => "wallet",
            MappingType::Lokinet => "lokinet",
            MappingType::Lokinet2Years => "lokinet_2years",
            MappingType::Lokinet5Years => "lokinet_5years",
            MappingType::Lokinet10Years => "lokinet_10years",
        }
    }

    /// `is_lokinet_type`: any of the four lokinet types.
    #[must_use]
    pub const fn is_lokinet(self) -> bool {
        matches!(
            self,
            MappingType::Lokinet
                | MappingType::Lokinet2Years
                | MappingType::Lokinet5Years
                | MappingType::Lokinet10Years
        )
    }

    /// `db_mapping_type`: the type a record is stored under (multi-year lokinet buys are stored
    /// as [`MappingType::Lokinet`]).
    #[must_use]
    pub const fn db_type(self) -> Self {
        if self.is_lokinet() {
            MappingType::Lokinet
        } else {
            self
        }
    }

    /// Registration years of a lokinet type (1, 2, 5, 10); `None` for session and wallet.
    #[must_use]
    pub const fn years(self) -> Option<u64> {
        match self {
            MappingType::Lokinet => Some(1),
            MappingType::Lokinet2Years => Some(2),
            MappingType::Lokinet5Years => Some(5),
            MappingType::Lokinet10Years => Some(10),
            MappingType::Session | MappingType::Wallet => None,
        }
    }

    /// Parses `"0"`..`"5"` or a type name (`parse_ons_type(std::string)`), ASCII
    /// case-insensitively.
    ///
    /// **Divergence**: upstream means to lower-case the input but adds `'A' - 'a'` (-32)
    /// instead of +32, so upper-case input never matches a name (`"Session"`, `"LOKINET"` are
    /// rejected; `mapping_types.json` records that) and, worse, `"P"`..`"U"` become `"0"`..`"5"`
    /// and parse as types 0..5. We lower-case correctly: `"Session"` is a session, `"P"` is
    /// nothing. The vector harness checks every lower-case vector exactly and every upper-case one
    /// against the correctly lower-cased input.
    ///
    /// # Errors
    /// [`Error::UnknownMappingType`].
    pub fn parse_ons_type(input: &str) -> Result<Self, Error> {
        let t = match input.as_bytes() {
            b"0" => MappingType::Session,
            b"1" => MappingType::Wallet,
            b"2" => MappingType::Lokinet,
            b"3" => MappingType::Lokinet2Years,
            b"4" => MappingType::Lokinet5Years,
            b"5" => MappingType::Lokinet10Years,
            _ => {
                return Self::ALL
                    .into_iter()
                    .find(|t| t.as_str().eq_ignore_ascii_case(input))
                    .ok_or(Error::UnknownMappingType);
            }
        };
        Ok(t)
    }

    /// The wallet/RPC parser `validate_mapping_type(str, hf, txtype)`: ASCII case-insensitive;
    /// `session` (not for renewals); from HF16 `lokinet`, and for buys and renewals
    /// `lokinet_1y`/`lokinet_1years` (= lokinet), `lokinet_2y`/`_2years`, `lokinet_5y`/`_5years`,
    /// `lokinet_10y`/`_10years`; from HF18 `wallet` (any transaction kind, renewals included, as
    /// upstream).
    ///
    /// # Errors
    /// [`Error::MappingTypeNotAllowed`].
    pub fn validate_mapping_type(input: &str, hf: u8, tx: OnsTxType) -> Result<Self, Error> {
        let is = |s: &str| input.eq_ignore_ascii_case(s);
        let mut found = None;
        if tx != OnsTxType::Renew && is("session") {
            found = Some(MappingType::Session);
        } else if hf >= 16 {
            if is("lokinet") {
                found = Some(MappingType::Lokinet);
            } else if matches!(tx, OnsTxType::Buy | OnsTxType::Renew) {
                found = if is("lokinet_1y") || is("lokinet_1years") {
                    Some(MappingType::Lokinet)
                } else if is("lokinet_2y") || is("lokinet_2years") {
                    Some(MappingType::Lokinet2Years)
                } else if is("lokinet_5y") || is("lokinet_5years") {
                    Some(MappingType::Lokinet5Years)
                } else if is("lokinet_10y") || is("lokinet_10years") {
                    Some(MappingType::Lokinet10Years)
                } else {
                    None
                };
            }
        }
        if hf >= 18 && is("wallet") {
            found = Some(MappingType::Wallet);
        }
        found.ok_or(Error::MappingTypeNotAllowed)
    }

    /// `mapping_type_allowed(hf, type)`: session from HF15, lokinet types from HF16, wallet from
    /// HF18.
    #[must_use]
    pub const fn allowed(self, hf: u8) -> bool {
        match self {
            MappingType::Session => hf >= 15,
            MappingType::Wallet => hf >= 18,
            _ => hf >= 16,
        }
    }

    /// `burn_needed(hf, type)`: the exact burn of a buy or renewal, in atomic units. The basic
    /// fee is 20 OXEN before HF16, 15 OXEN at HF16-17 and 7 OXEN from HF18; multi-year lokinet
    /// types pay 2x, 4x and 6x. (Updates burn nothing.)
    #[must_use]
    pub const fn burn_needed(self, hf: u8) -> u64 {
        let basic = if hf >= 18 {
            7 * COIN
        } else if hf >= 16 {
            15 * COIN
        } else {
            20 * COIN
        };
        let factor = match self {
            MappingType::Session | MappingType::Wallet | MappingType::Lokinet => 1,
            MappingType::Lokinet2Years => 2,
            MappingType::Lokinet5Years => 4,
            MappingType::Lokinet10Years => 6,
        };
        basic * factor
    }

    /// `expiry_blocks(nettype, type)`: how long a registration lasts, in blocks; `None` (never)
    /// for session and wallet. Lokinet: `720 * 368 * years`; testnet shortens 1/2/5 years to
    /// 1/2/5 days (10 years unchanged); fakechain to 2/4/10/20 blocks.
    #[must_use]
    pub const fn expiry_blocks(self, network: Network) -> Option<u64> {
        let Some(years) = self.years() else {
            return None;
        };
        let blocks = BLOCKS_PER_DAY * REGISTRATION_YEAR_DAYS * years;
        Some(match network {
            Network::Testnet if years != 10 => blocks / REGISTRATION_YEAR_DAYS,
            Network::Fakechain => blocks / (BLOCKS_PER_DAY * REGISTRATION_YEAR_DAYS / 2),
            _ => blocks,
        })
    }
}

impl TryFrom<u16> for MappingType {
    type Error = Error;
    fn try_from(v: u16) -> Result<Self, Error> {
        Self::from_u16(v)
    }
}

impl From<MappingType> for u16 {
    fn from(t: MappingType) -> u16 {
        t.as_u16()
    }
}

impl fmt::Display for MappingType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for MappingType {
    type Err = Error;
    /// As [`MappingType::parse_ons_type`].
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::parse_ons_type(s)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for MappingType {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for MappingType {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <alloc::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip() {
        for t in MappingType::ALL {
            assert_eq!(MappingType::from_u16(t.as_u16()), Ok(t));
            assert_eq!(t.as_str().parse::<MappingType>(), Ok(t));
        }
        assert_eq!(MappingType::from_u16(6), Err(Error::UnknownMappingType));
        assert_eq!(MappingType::from_u16(7), Err(Error::UnknownMappingType));
    }

    #[test]
    fn error_unknown_mapping_type() {
        // The upstream bug maps "P".."U" to "0".."5"; we do not.
        for s in ["P", "Q", "U", "6", "", "lokinet_1y", "sessio"] {
            assert_eq!(
                MappingType::parse_ons_type(s),
                Err(Error::UnknownMappingType),
                "{s}"
            );
        }
        assert_eq!(
            MappingType::parse_ons_type("Session"),
            Ok(MappingType::Session)
        );
    }

    #[test]
    fn error_mapping_type_not_allowed() {
        assert_eq!(
            MappingType::validate_mapping_type("session", 18, OnsTxType::Renew),
            Err(Error::MappingTypeNotAllowed)
        );
        assert_eq!(
            MappingType::validate_mapping_type("wallet", 17, OnsTxType::Buy),
            Err(Error::MappingTypeNotAllowed)
        );
        assert_eq!(
            MappingType::validate_mapping_type("LOKINET_2Y", 16, OnsTxType::Buy),
            Ok(MappingType::Lokinet2Years)
        );
    }
}
