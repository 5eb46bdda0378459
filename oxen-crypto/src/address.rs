//! Oxen wallet addresses (oxen-core `src/cryptonote_basic/cryptonote_basic_impl.cpp`:
//! `get_account_address_as_str`, `get_account_integrated_address_as_str`,
//! `get_account_address_from_str`; prefixes from `src/network_config/*.h`).
//!
//! An address string is [`base58::encode_addr`]`(prefix, spend_pub || view_pub [|| payment_id])`.
//! The prefix says the network and the kind (standard, subaddress, integrated with an 8-byte
//! payment id):
//!
//! | network | standard | integrated | subaddress | starts with |
//! |---|---|---|---|---|
//! | mainnet (and fakechain) | 114 | 115 | 116 | `L` |
//! | testnet | 156 | 157 | 158 | `T` |
//! | devnet (and localdev) | 3930 | 4442 | 5850 | `dV` |
//! | stagenet | 4888 | 5272 | 5656 | `ST` |
//!
//! Parsing ([`Address::from_str_for_network`]) checks, in the reference's order: the base58
//! envelope ([`base58::decode_addr`]), that the prefix is one of the expected network's three,
//! that the payload is exactly 64 (standard, subaddress) or 72 (integrated) bytes (trailing bytes
//! are rejected), and that both keys pass `check_key` (a canonical point encoding; no subgroup
//! check).
//!
//! ```
//! use oxen_crypto::address::{Address, Network};
//!
//! let s = "L6yyS95QQvv2Mj5Hp4QSKMMjFUz85jR9q5k3VxLmbMUwR8KVHTseVJiRnzUGHfnurr7tLSwsAUKjKK1dhTsPUUZjTVgb4KR";
//! let addr = Address::from_str_for_network(Network::Mainnet, s).unwrap();
//! assert!(!addr.is_subaddress());
//! assert_eq!(addr.payment_id(), None);
//! assert_eq!(addr.to_string(), s);
//! // The same string is not a testnet address.
//! assert!(Address::from_str_for_network(Network::Testnet, s).is_err());
//! // Without a network, the prefix picks one.
//! assert_eq!(s.parse::<Address>().unwrap().network(), Network::Mainnet);
//! ```

use alloc::string::String;
use core::fmt;
use core::str::FromStr;

use crate::base58;
use crate::{CompressedPoint, Error, Point};

/// Length of a public key in an address.
pub const KEY_LEN: usize = 32;

/// Length of the short payment id carried by an integrated address.
pub const PAYMENT_ID_LEN: usize = 8;

/// Payload length of a standard or subaddress: spend key and view key.
pub const PAYLOAD_LEN: usize = 2 * KEY_LEN;

/// Payload length of an integrated address: the keys and the payment id.
pub const INTEGRATED_PAYLOAD_LEN: usize = PAYLOAD_LEN + PAYMENT_ID_LEN;

/// The network an address belongs to (oxen-core `cryptonote::network_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Network {
    /// The main network.
    Mainnet,
    /// The public test network.
    Testnet,
    /// The development network.
    Devnet,
    /// The staging network.
    Stagenet,
    /// A local development network; uses the devnet prefixes.
    Localdev,
    /// The in-process test chain of the reference's core tests; uses the mainnet prefixes.
    Fakechain,
}

/// The three address prefixes of a network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Prefixes {
    /// Standard (primary) address prefix (`CRYPTONOTE_PUBLIC_ADDRESS_BASE58_PREFIX`).
    pub standard: u64,
    /// Integrated address prefix (`..._PUBLIC_INTEGRATED_ADDRESS_BASE58_PREFIX`).
    pub integrated: u64,
    /// Subaddress prefix (`..._PUBLIC_SUBADDRESS_BASE58_PREFIX`).
    pub subaddress: u64,
}

const MAINNET_PREFIXES: Prefixes = Prefixes {
    standard: 114,
    integrated: 115,
    subaddress: 116,
};
const TESTNET_PREFIXES: Prefixes = Prefixes {
    standard: 156,
    integrated: 157,
    subaddress: 158,
};
const DEVNET_PREFIXES: Prefixes = Prefixes {
    standard: 3930,
    integrated: 4442,
    subaddress: 5850,
};
const STAGENET_PREFIXES: Prefixes = Prefixes {
    standard: 4888,
    integrated: 5272,
    subaddress: 5656,
};

impl Network {
    /// Every network, in declaration order.
    pub const ALL: [Network; 6] = [
        Network::Mainnet,
        Network::Testnet,
        Network::Devnet,
        Network::Stagenet,
        Network::Localdev,
        Network::Fakechain,
    ];

    /// The networks whose prefix sets are distinct; [`Address::from_str`] names one of these.
    pub const DISTINCT: [Network; 4] = [
        Network::Mainnet,
        Network::Testnet,
        Network::Devnet,
        Network::Stagenet,
    ];

    /// This network's address prefixes (localdev shares devnet's, fakechain mainnet's).
    #[must_use]
    pub const fn prefixes(self) -> Prefixes {
        match self {
            Network::Mainnet | Network::Fakechain => MAINNET_PREFIXES,
            Network::Testnet => TESTNET_PREFIXES,
            Network::Devnet | Network::Localdev => DEVNET_PREFIXES,
            Network::Stagenet => STAGENET_PREFIXES,
        }
    }

    /// The reference's lower-case name of the network.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Network::Mainnet => "mainnet",
            Network::Testnet => "testnet",
            Network::Devnet => "devnet",
            Network::Stagenet => "stagenet",
            Network::Localdev => "localdev",
            Network::Fakechain => "fakechain",
        }
    }
}

impl fmt::Display for Network {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The short (8-byte) payment id of an integrated address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PaymentId(pub [u8; PAYMENT_ID_LEN]);

/// What kind of address: the prefix says which.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AddressKind {
    /// A primary (standard) address.
    Standard,
    /// A subaddress.
    Subaddress,
    /// A primary address with an 8-byte payment id.
    Integrated(PaymentId),
}

/// An Oxen wallet address: network, kind and the two public keys.
///
/// Keys parsed from a string have passed `check_key`; [`Address::new`] does not check (as the
/// reference's `get_account_address_as_str`, which encodes any bytes), so an address built from
/// bad keys encodes but does not parse back. Use [`Address::new_checked`] to check them.
///
/// `Display` writes the address string; `FromStr` accepts any network's prefixes (use
/// [`Address::from_str_for_network`] to require one network, as the reference does).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Address {
    network: Network,
    kind: AddressKind,
    spend: CompressedPoint,
    view: CompressedPoint,
}

impl Address {
    /// An address from its parts; the keys are not checked.
    #[must_use]
    pub const fn new(
        network: Network,
        kind: AddressKind,
        spend: CompressedPoint,
        view: CompressedPoint,
    ) -> Self {
        Self {
            network,
            kind,
            spend,
            view,
        }
    }

    /// An address from its parts, checking both keys as parsing does (`crypto::check_key`: a
    /// canonical point encoding; no subgroup check).
    ///
    /// # Errors
    /// [`Error::AddressInvalidKey`] if either key fails `check_key`.
    pub fn new_checked(
        network: Network,
        kind: AddressKind,
        spend: CompressedPoint,
        view: CompressedPoint,
    ) -> Result<Self, Error> {
        if Point::check_key(spend.as_bytes()) && Point::check_key(view.as_bytes()) {
            Ok(Self::new(network, kind, spend, view))
        } else {
            Err(Error::AddressInvalidKey)
        }
    }

    /// The network.
    #[must_use]
    pub const fn network(&self) -> Network {
        self.network
    }

    /// The kind (with the payment id of an integrated address).
    #[must_use]
    pub const fn kind(&self) -> AddressKind {
        self.kind
    }

    /// The public spend key.
    #[must_use]
    pub const fn spend_public_key(&self) -> CompressedPoint {
        self.spend
    }

    /// The public view key.
    #[must_use]
    pub const fn view_public_key(&self) -> CompressedPoint {
        self.view
    }

    /// Whether this is a subaddress (`address_parse_info::is_subaddress`).
    #[must_use]
    pub const fn is_subaddress(&self) -> bool {
        matches!(self.kind, AddressKind::Subaddress)
    }

    /// The payment id of an integrated address (`address_parse_info::payment_id`).
    #[must_use]
    pub const fn payment_id(&self) -> Option<PaymentId> {
        match self.kind {
            AddressKind::Integrated(id) => Some(id),
            _ => None,
        }
    }

    /// The base58 prefix of this address.
    #[must_use]
    pub const fn prefix(&self) -> u64 {
        let p = self.network.prefixes();
        match self.kind {
            AddressKind::Standard => p.standard,
            AddressKind::Subaddress => p.subaddress,
            AddressKind::Integrated(_) => p.integrated,
        }
    }

    /// The address string (`get_account_address_as_str` /
    /// `get_account_integrated_address_as_str`).
    #[must_use]
    pub fn to_address_string(&self) -> String {
        let mut payload = [0u8; INTEGRATED_PAYLOAD_LEN];
        let (keys, pid) = payload.split_at_mut(PAYLOAD_LEN);
        let (spend, view) = keys.split_at_mut(KEY_LEN);
        spend.copy_from_slice(self.spend.as_bytes());
        view.copy_from_slice(self.view.as_bytes());
        let len = match self.kind {
            AddressKind::Integrated(id) => {
                pid.copy_from_slice(&id.0);
                INTEGRATED_PAYLOAD_LEN
            }
            _ => PAYLOAD_LEN,
        };
        base58::encode_addr(self.prefix(), payload.get(..len).unwrap_or(&[]))
    }

    /// Parses an address of `network` (`get_account_address_from_str`).
    ///
    /// # Errors
    /// Any [`base58::decode_addr`] error; [`Error::AddressPrefix`] if the prefix is not one of
    /// `network`'s; [`Error::AddressPayloadLength`] if the payload is not exactly the keys (and
    /// payment id); [`Error::AddressInvalidKey`] if either key fails `check_key`.
    pub fn from_str_for_network(network: Network, s: &str) -> Result<Self, Error> {
        Self::parse(s, core::slice::from_ref(&network))
    }

    /// Decodes `s` and accepts the first of `networks` whose prefixes contain its tag.
    fn parse(s: &str, networks: &[Network]) -> Result<Self, Error> {
        let (tag, payload) = base58::decode_addr(s)?;
        let (network, integrated, subaddress) = networks
            .iter()
            .find_map(|&n| {
                let p = n.prefixes();
                if tag == p.standard {
                    Some((n, false, false))
                } else if tag == p.integrated {
                    Some((n, true, false))
                } else if tag == p.subaddress {
                    Some((n, false, true))
                } else {
                    None
                }
            })
            .ok_or(Error::AddressPrefix)?;
        let expected = if integrated {
            INTEGRATED_PAYLOAD_LEN
        } else {
            PAYLOAD_LEN
        };
        if payload.len() != expected {
            return Err(Error::AddressPayloadLength);
        }
        let (keys, pid) = payload.split_at(PAYLOAD_LEN);
        let (spend, view) = keys.split_at(KEY_LEN);
        let spend: [u8; KEY_LEN] = spend.try_into().map_err(|_| Error::AddressPayloadLength)?;
        let view: [u8; KEY_LEN] = view.try_into().map_err(|_| Error::AddressPayloadLength)?;
        let kind = if integrated {
            AddressKind::Integrated(PaymentId(
                pid.try_into().map_err(|_| Error::AddressPayloadLength)?,
            ))
        } else if subaddress {
            AddressKind::Subaddress
        } else {
            AddressKind::Standard
        };
        Self::new_checked(network, kind, CompressedPoint(spend), CompressedPoint(view))
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_address_string())
    }
}

impl FromStr for Address {
    type Err = Error;

    /// Parses an address of any network, naming the network by its prefix: mainnet, testnet,
    /// devnet or stagenet (a localdev address reads as devnet, a fakechain one as mainnet, since
    /// they share those prefixes).
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::parse(s, &Network::DISTINCT)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Address {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Address {
    /// Deserializes from the address string (as [`FromStr`]: the network comes from the prefix).
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = <alloc::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const REF_MAINNET: &str = "L6yyS95QQvv2Mj5Hp4QSKMMjFUz85jR9q5k3VxLmbMUwR8KVHTseVJiRnzUGHfnurr7tLSwsAUKjKK1dhTsPUUZjTVgb4KR";

    fn key(hex_str: &str) -> CompressedPoint {
        CompressedPoint(hex::decode(hex_str).unwrap().try_into().unwrap())
    }

    #[test]
    fn known_addresses() {
        // address.json mainnet_standard_0 / mainnet_integrated_0 / testnet_standard_0
        let spend = key("dcdb115369a6db5ba16c12a0329e6e7eab630812b428f27f0986194fd7490963");
        let view = key("7e961e9b85865260102601f09afdd7a8d7a26f9c6b4a23d85204aa2beeb84cc1");
        let std = Address::new(Network::Mainnet, AddressKind::Standard, spend, view);
        assert_eq!(
            std.to_string(),
            "LDK7PgKeDwgGKw1SyQKxrRNBrTEoF4xDfNFRMsSE7U2cHeDpgNs4HEhH4w4xAakeTQVEyxYGCw7RUdBaZjTT6DVVNo8FxvB"
        );
        let pid = PaymentId(hex::decode("fe588993f618c59d").unwrap().try_into().unwrap());
        let int = Address::new(Network::Mainnet, AddressKind::Integrated(pid), spend, view);
        let s = int.to_string();
        assert_eq!(
            s,
            "LP1nQV98qDCGKw1SyQKxrRNBrTEoF4xDfNFRMsSE7U2cHeDpgNs4HEhH4w4xAakeTQVEyxYGCw7RUdBaZjTT6DVVZSyrq2T2yP2JoBou6S"
        );
        assert_eq!(s.parse::<Address>().unwrap(), int);
        let parsed: Address = "T6TcX6VjFvxUYg2GcU37brRP48Gf4kCoZEWt8J13LY3C5FkMpDoKSLrJV9hwnT2JcZhndDtbweweXKzqaBhnJQMK2DP1maQgZ".parse().unwrap();
        assert_eq!(parsed.network(), Network::Testnet);
        assert_eq!(parsed.kind(), AddressKind::Standard);
    }

    #[test]
    fn shared_prefixes() {
        let a = Address::from_str_for_network(Network::Fakechain, REF_MAINNET).unwrap();
        assert_eq!(a.network(), Network::Fakechain);
        assert_eq!(a.to_string(), REF_MAINNET);
        assert_eq!(
            REF_MAINNET.parse::<Address>().unwrap().network(),
            Network::Mainnet
        );
    }

    #[test]
    fn error_prefix() {
        assert_eq!(
            Address::from_str_for_network(Network::Testnet, REF_MAINNET),
            Err(Error::AddressPrefix)
        );
        // Monero mainnet prefix 18.
        let monero = base58::encode_addr(18, &[0x58; 64]);
        assert_eq!(monero.parse::<Address>(), Err(Error::AddressPrefix));
    }

    #[test]
    fn error_payload_length() {
        let k = hex::decode("35d19bdfcfe38b081d6eefd92749d47bed612c22a595501c59ee9061fe2dd490")
            .unwrap();
        let mut payload = k.repeat(2);
        payload.push(0);
        assert_eq!(
            base58::encode_addr(114, &payload).parse::<Address>(),
            Err(Error::AddressPayloadLength)
        );
        assert_eq!(
            base58::encode_addr(115, &payload[..64]).parse::<Address>(),
            Err(Error::AddressPayloadLength)
        );
        assert_eq!(
            base58::encode_addr(116, &payload[..63]).parse::<Address>(),
            Err(Error::AddressPayloadLength)
        );
    }

    #[test]
    fn error_invalid_key() {
        let good = hex::decode("35d19bdfcfe38b081d6eefd92749d47bed612c22a595501c59ee9061fe2dd490")
            .unwrap();
        // y = 2 is not on the curve; ecff..ff7f with the sign bit set (p - 1 encodings aside)
        // and 0100..0080 ("negative zero") are rejected by check_key.
        let mut neg_zero = [0u8; 32];
        neg_zero[0] = 1;
        neg_zero[31] = 0x80;
        let mut y2 = [0u8; 32];
        y2[0] = 2;
        let mut y_eq_p = [0xffu8; 32];
        y_eq_p[0] = 0xed;
        y_eq_p[31] = 0x7f;
        for bad in [neg_zero, y2, y_eq_p] {
            assert_eq!(
                Address::new_checked(
                    Network::Mainnet,
                    AddressKind::Standard,
                    CompressedPoint(bad),
                    CompressedPoint::IDENTITY
                ),
                Err(Error::AddressInvalidKey)
            );
            let spend_bad = [&bad[..], &good[..]].concat();
            let view_bad = [&good[..], &bad[..]].concat();
            assert_eq!(
                base58::encode_addr(114, &spend_bad).parse::<Address>(),
                Err(Error::AddressInvalidKey)
            );
            assert_eq!(
                base58::encode_addr(114, &view_bad).parse::<Address>(),
                Err(Error::AddressInvalidKey)
            );
        }
        // The identity and small-order points are accepted (no subgroup check).
        let mut identity = [0u8; 32];
        identity[0] = 1;
        let ok = [&identity[..], &[0u8; 32]].concat();
        assert!(base58::encode_addr(114, &ok).parse::<Address>().is_ok());
    }

    fn arb_key() -> impl Strategy<Value = CompressedPoint> {
        // Any 32 bytes, as a scalar times G, give a valid key.
        any::<[u8; 32]>()
            .prop_map(|b| Point::mul_base(&crate::Scalar::from_bytes_mod_order(b)).compress())
    }

    fn arb_kind() -> impl Strategy<Value = AddressKind> {
        prop_oneof![
            Just(AddressKind::Standard),
            Just(AddressKind::Subaddress),
            any::<[u8; 8]>().prop_map(|p| AddressKind::Integrated(PaymentId(p))),
        ]
    }

    proptest! {
        #[test]
        fn round_trip(
            net in proptest::sample::select(Network::ALL.to_vec()),
            kind in arb_kind(),
            spend in arb_key(),
            view in arb_key(),
        ) {
            let a = Address::new(net, kind, spend, view);
            let s = a.to_string();
            prop_assert_eq!(Address::from_str_for_network(net, &s), Ok(a));
            let any = s.parse::<Address>().unwrap();
            prop_assert_eq!(any.network().prefixes(), net.prefixes());
            prop_assert_eq!(any.kind(), kind);
            // Same keys, another prefix of the same network: the blocks holding only key bytes
            // (blocks 1..7) are equal; the first (prefix) and the last (checksum) differ.
            let other = Address::new(net, AddressKind::Subaddress, spend, view).to_string();
            prop_assert_eq!(&other[11..88], &s[11..88]);
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,120}") {
            let _ = s.parse::<Address>();
        }
    }
}
