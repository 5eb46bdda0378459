//! Plaintext ONS values, typed: Session IDs, wallet addresses and lokinet addresses, with their
//! binary forms (what is encrypted) and their human forms (`mapping_value::validate`,
//! `to_readable_value`).

use alloc::string::String;
use core::fmt;
use core::str::FromStr;

use oxen_crypto::CompressedPoint;
use oxen_crypto::address::{Address, AddressKind, Network, PaymentId};
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::name::hex_val;
use crate::{Error, MappingType};

/// Binary length of a Session ID: 0x05 and a 32-byte X25519 key.
pub const SESSION_ID_LEN: usize = 33;

/// The first byte of a Session ID.
pub const SESSION_ID_PREFIX: u8 = 0x05;

/// Binary length of a lokinet value (an ed25519 public key).
pub const LOKINET_VALUE_LEN: usize = 32;

/// Binary length of a wallet value without payment id: type byte, spend key, view key.
pub const WALLET_VALUE_LEN: usize = 65;

/// Binary length of a wallet value with an 8-byte payment id.
pub const WALLET_VALUE_LEN_INTEGRATED: usize = 73;

/// The largest plaintext (`mapping_value` buffer minus the encryption overhead).
pub const MAX_PLAINTEXT_LEN: usize = WALLET_VALUE_LEN_INTEGRATED;

/// Wallet value type byte: primary address (`ONS_WALLET_TYPE_PRIMARY`).
pub const WALLET_TYPE_PRIMARY: u8 = 0;
/// Wallet value type byte: subaddress (`ONS_WALLET_TYPE_SUBADDRESS`).
pub const WALLET_TYPE_SUBADDRESS: u8 = 1;
/// Wallet value type byte: integrated address (`ONS_WALLET_TYPE_INTEGRATED`).
pub const WALLET_TYPE_INTEGRATED: u8 = 2;

/// The z-base-32 alphabet (`oxenc::to_base32z`).
const BASE32Z: &[u8; 32] = b"ybndrfg8ejkmcpqxot1uwisza345h769";

fn base32z_val(c: u8) -> Option<u8> {
    BASE32Z
        .iter()
        .position(|&a| a == c)
        .and_then(|p| u8::try_from(p).ok())
}

/// A plaintext value in its binary form (at most 73 bytes), as encrypted and decrypted.
///
/// Treated as a secret (the record is encrypted so that only who knows the name reads it): not
/// `Copy`, zeroized on drop, `Debug` prints only the length, constant-time equality of the
/// contents. [`Value`], the typed form a lookup returns for display, is an ordinary value.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct Plaintext {
    buf: [u8; MAX_PLAINTEXT_LEN],
    len: usize,
}

/// Constant time in the contents (the lengths are compared first; they are public).
impl PartialEq for Plaintext {
    fn eq(&self, other: &Plaintext) -> bool {
        self.as_bytes().ct_eq(other.as_bytes()).into()
    }
}
impl Eq for Plaintext {}

impl Plaintext {
    /// Wraps up to 73 bytes.
    ///
    /// # Errors
    /// [`Error::EncryptedValueLength`] if longer (it could not be stored encrypted).
    pub fn from_slice(bytes: &[u8]) -> Result<Self, Error> {
        let mut buf = [0u8; MAX_PLAINTEXT_LEN];
        buf.get_mut(..bytes.len())
            .ok_or(Error::EncryptedValueLength)?
            .copy_from_slice(bytes);
        Ok(Self {
            buf,
            len: bytes.len(),
        })
    }

    /// The bytes.
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }

    pub(crate) fn as_mut_bytes(&mut self) -> &mut [u8] {
        self.buf.get_mut(..self.len).unwrap_or(&mut [])
    }

    /// The length.
    #[must_use]
    pub const fn len(&self) -> usize {
        self.len
    }

    /// True if empty.
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl fmt::Debug for Plaintext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Plaintext(<{} bytes redacted>)", self.len)
    }
}

/// A Session ID: `05` followed by a 32-byte X25519 public key. Human form: 66 hex characters.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct SessionId([u8; SESSION_ID_LEN]);

impl SessionId {
    /// From the 33 binary bytes, which must start with 0x05.
    ///
    /// # Errors
    /// [`Error::SessionIdLength`], [`Error::SessionIdPrefix`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        let b: [u8; SESSION_ID_LEN] = bytes.try_into().map_err(|_| Error::SessionIdLength)?;
        if b.first() != Some(&SESSION_ID_PREFIX) {
            return Err(Error::SessionIdPrefix);
        }
        Ok(Self(b))
    }

    /// From the 32-byte X25519 key (prefixes 0x05).
    #[must_use]
    pub fn from_x25519(key: [u8; 32]) -> Self {
        let mut b = [SESSION_ID_PREFIX; SESSION_ID_LEN];
        if let Some(rest) = b.get_mut(1..) {
            rest.copy_from_slice(&key);
        }
        Self(b)
    }

    /// The 33 bytes.
    #[must_use]
    pub const fn to_bytes(&self) -> [u8; SESSION_ID_LEN] {
        self.0
    }

    /// Parses the human form as `mapping_value::validate` does: exactly 66 hex characters
    /// (either case, as `oxenc::is_hex`), starting with `05`.
    ///
    /// # Errors
    /// [`Error::SessionIdLength`], [`Error::SessionIdHex`], [`Error::SessionIdPrefix`] (checked in
    /// that order, as upstream).
    pub fn parse(s: &str) -> Result<Self, Error> {
        let s = s.as_bytes();
        if s.len() != 2 * SESSION_ID_LEN {
            return Err(Error::SessionIdLength);
        }
        let mut out = [0u8; SESSION_ID_LEN];
        for (o, pair) in out.iter_mut().zip(s.chunks_exact(2)) {
            let hi = hex_val(pair.first().copied()).ok_or(Error::SessionIdHex)?;
            let lo = hex_val(pair.get(1).copied()).ok_or(Error::SessionIdHex)?;
            *o = (hi << 4) | lo;
        }
        // Upstream checks the text starts with "05" (so "05" upper or lower is the same).
        if !s.starts_with(b"05") {
            return Err(Error::SessionIdPrefix);
        }
        Ok(Self(out))
    }
}

impl fmt::Display for SessionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for SessionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SessionId({self})")
    }
}

impl FromStr for SessionId {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::parse(s)
    }
}

/// A lokinet address: a 32-byte ed25519 public key. Human form: 52 z-base-32 characters and
/// `.loki`.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct LokinetAddress(pub [u8; LOKINET_VALUE_LEN]);

impl LokinetAddress {
    /// From the 32 binary bytes.
    ///
    /// # Errors
    /// [`Error::LokinetValueLength`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        bytes
            .try_into()
            .map(Self)
            .map_err(|_| Error::LokinetValueLength)
    }

    /// Parses the human form as `mapping_value::validate` does: 57 characters ending in `.loki`,
    /// the first 52 lower-case z-base-32, the 52nd `y` or `o` (it carries one bit).
    ///
    /// # Errors
    /// [`Error::LokinetAddressFormat`], [`Error::LokinetAddressChar`],
    /// [`Error::LokinetAddressLastChar`].
    pub fn parse(s: &str) -> Result<Self, Error> {
        let s = s.as_bytes();
        let chars = match s.strip_suffix(b".loki") {
            Some(c) if s.len() == 57 => c,
            _ => return Err(Error::LokinetAddressFormat),
        };
        let mut out = [0u8; LOKINET_VALUE_LEN];
        let mut acc: u32 = 0;
        let mut bits = 0u32;
        let mut o = out.iter_mut();
        for &c in chars {
            acc = (acc << 5) | u32::from(base32z_val(c).ok_or(Error::LokinetAddressChar)?);
            bits += 5;
            if bits >= 8 {
                bits -= 8;
                if let Some(slot) = o.next() {
                    *slot = (acc >> bits) as u8;
                }
                acc &= (1 << bits) - 1;
            }
        }
        if !matches!(chars.last(), Some(b'y' | b'o')) {
            return Err(Error::LokinetAddressLastChar);
        }
        Ok(Self(out))
    }
}

impl fmt::Display for LokinetAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut acc: u32 = 0;
        let mut bits = 0u32;
        let sym = |v: u32| char::from(BASE32Z.get((v & 31) as usize).copied().unwrap_or(b'y'));
        for &b in &self.0 {
            acc = (acc << 8) | u32::from(b);
            bits += 8;
            while bits >= 5 {
                bits -= 5;
                write!(f, "{}", sym(acc >> bits))?;
                acc &= (1 << bits) - 1;
            }
        }
        if bits > 0 {
            write!(f, "{}", sym(acc << (5 - bits)))?;
        }
        f.write_str(".loki")
    }
}

impl fmt::Debug for LokinetAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "LokinetAddress({self})")
    }
}

impl FromStr for LokinetAddress {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::parse(s)
    }
}

/// A wallet value: the keys and kind of a wallet address, without its network. Binary form:
/// type byte (0 primary, 1 subaddress, 2 integrated) || spend key || view key [|| payment id].
///
/// Shown to users as the address string of a network: [`WalletValue::to_address`] and
/// [`WalletValue::parse`] use oxen-crypto's `address` module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WalletValue {
    /// Primary, subaddress, or integrated with its payment id.
    pub kind: AddressKind,
    /// Public spend key.
    pub spend: CompressedPoint,
    /// Public view key.
    pub view: CompressedPoint,
}

impl WalletValue {
    /// Decodes the binary form.
    ///
    /// **Divergence**: upstream's `get_wallet_address_info` treats any type byte other than 1
    /// and 2 as primary and reads a payment id for type 2 whatever the length; we reject an
    /// unknown type byte and a length that does not match the type.
    ///
    /// # Errors
    /// [`Error::WalletValueLength`] unless 65 bytes with type 0/1 or 73 bytes with type 2;
    /// [`Error::WalletValueType`] for a type byte above 2.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        if bytes.len() != WALLET_VALUE_LEN && bytes.len() != WALLET_VALUE_LEN_INTEGRATED {
            return Err(Error::WalletValueLength);
        }
        let (&ty, rest) = bytes.split_first().ok_or(Error::WalletValueLength)?;
        let (keys, pid) = rest.split_at_checked(64).ok_or(Error::WalletValueLength)?;
        let (spend, view) = keys.split_at(32);
        let kind = match (ty, pid.len()) {
            (WALLET_TYPE_PRIMARY, 0) => AddressKind::Standard,
            (WALLET_TYPE_SUBADDRESS, 0) => AddressKind::Subaddress,
            (WALLET_TYPE_INTEGRATED, 8) => AddressKind::Integrated(PaymentId(
                pid.try_into().map_err(|_| Error::WalletValueLength)?,
            )),
            (0..=2, _) => return Err(Error::WalletValueLength),
            _ => return Err(Error::WalletValueType),
        };
        Ok(Self {
            kind,
            spend: CompressedPoint(spend.try_into().map_err(|_| Error::WalletValueLength)?),
            view: CompressedPoint(view.try_into().map_err(|_| Error::WalletValueLength)?),
        })
    }

    /// The binary form (65 or 73 bytes).
    #[must_use]
    pub fn to_plaintext(&self) -> Plaintext {
        let mut buf = [0u8; MAX_PLAINTEXT_LEN];
        let (ty, rest) = buf.split_at_mut(1);
        let (spend, rest) = rest.split_at_mut(32);
        let (view, pid) = rest.split_at_mut(32);
        spend.copy_from_slice(self.spend.as_bytes());
        view.copy_from_slice(self.view.as_bytes());
        let (t, len) = match self.kind {
            AddressKind::Standard => (WALLET_TYPE_PRIMARY, WALLET_VALUE_LEN),
            AddressKind::Subaddress => (WALLET_TYPE_SUBADDRESS, WALLET_VALUE_LEN),
            AddressKind::Integrated(id) => {
                pid.copy_from_slice(&id.0);
                (WALLET_TYPE_INTEGRATED, WALLET_VALUE_LEN_INTEGRATED)
            }
        };
        ty.fill(t);
        Plaintext { buf, len }
    }

    /// The address on `network` (`to_readable_value` for wallets:
    /// `get_account_address_as_str`). Keys are not checked, as upstream.
    #[must_use]
    pub fn to_address(&self, network: Network) -> Address {
        Address::new(network, self.kind, self.spend, self.view)
    }

    /// The value of an address (`mapping_value::validate` for wallets).
    #[must_use]
    pub fn from_address(address: &Address) -> Self {
        Self {
            kind: address.kind(),
            spend: address.spend_public_key(),
            view: address.view_public_key(),
        }
    }

    /// Parses an address string of `network` (`get_account_address_from_str`).
    ///
    /// # Errors
    /// [`Error::WalletAddress`] with the address error.
    pub fn parse(network: Network, s: &str) -> Result<Self, Error> {
        Address::from_str_for_network(network, s)
            .map(|a| Self::from_address(&a))
            .map_err(Error::WalletAddress)
    }
}

/// A typed plaintext value of one of the stored mapping types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Value {
    /// A Session ID ([`MappingType::Session`]).
    Session(SessionId),
    /// A wallet address ([`MappingType::Wallet`]).
    Wallet(WalletValue),
    /// A lokinet address (any lokinet type).
    Lokinet(LokinetAddress),
}

impl Value {
    /// The database type of this value (lokinet values are [`MappingType::Lokinet`]).
    #[must_use]
    pub const fn mapping_type(&self) -> MappingType {
        match self {
            Value::Session(_) => MappingType::Session,
            Value::Wallet(_) => MappingType::Wallet,
            Value::Lokinet(_) => MappingType::Lokinet,
        }
    }

    /// The binary form (what is encrypted).
    #[must_use]
    pub fn to_plaintext(&self) -> Plaintext {
        match self {
            Value::Session(s) => Plaintext::from_slice(&s.0),
            Value::Lokinet(l) => Plaintext::from_slice(&l.0),
            Value::Wallet(w) => Ok(w.to_plaintext()),
        }
        // 33 and 32 bytes always fit.
        .unwrap_or(Plaintext {
            buf: [0; MAX_PLAINTEXT_LEN],
            len: 0,
        })
    }

    /// Decodes a binary value of type `ty` (any lokinet type reads a lokinet value).
    ///
    /// # Errors
    /// [`SessionId::from_bytes`], [`LokinetAddress::from_bytes`], [`WalletValue::from_bytes`].
    pub fn from_bytes(ty: MappingType, bytes: &[u8]) -> Result<Self, Error> {
        Ok(match ty {
            MappingType::Session => Value::Session(SessionId::from_bytes(bytes)?),
            MappingType::Wallet => Value::Wallet(WalletValue::from_bytes(bytes)?),
            _ => Value::Lokinet(LokinetAddress::from_bytes(bytes)?),
        })
    }

    /// Parses the human form of a value of type `ty` (`mapping_value::validate`): 66-hex Session
    /// ID, wallet address of `network`, or `<52 base32z>.loki`.
    ///
    /// # Errors
    /// As [`SessionId::parse`], [`WalletValue::parse`], [`LokinetAddress::parse`].
    pub fn parse(network: Network, ty: MappingType, s: &str) -> Result<Self, Error> {
        Ok(match ty {
            MappingType::Session => Value::Session(SessionId::parse(s)?),
            MappingType::Wallet => Value::Wallet(WalletValue::parse(network, s)?),
            _ => Value::Lokinet(LokinetAddress::parse(s)?),
        })
    }

    /// The human form (`to_readable_value`): hex Session ID, the wallet address on `network`, or
    /// the `.loki` address.
    #[must_use]
    pub fn to_readable_value(&self, network: Network) -> String {
        use alloc::string::ToString;
        match self {
            Value::Session(s) => s.to_string(),
            Value::Wallet(w) => w.to_address(network).to_string(),
            Value::Lokinet(l) => l.to_string(),
        }
    }
}

#[cfg(feature = "serde")]
mod serde_impls {
    use super::*;
    use alloc::borrow::Cow;

    macro_rules! via_str {
        ($t:ty) => {
            impl serde::Serialize for $t {
                fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    s.collect_str(self)
                }
            }
            impl<'de> serde::Deserialize<'de> for $t {
                fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    let s = <Cow<'de, str>>::deserialize(d)?;
                    s.parse().map_err(serde::de::Error::custom)
                }
            }
        };
    }
    via_str!(SessionId);
    via_str!(LokinetAddress);
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn lokinet_text() {
        let s = "zbpyuy13rrafqet6kqrbxd54zbd11zzwknoib4xtyaaxywci3dmy.loki";
        let a = LokinetAddress::parse(s).unwrap();
        assert_eq!(
            hex::encode(a.0),
            "b85a098259213057223e5388178f7ab847295ef450a150e9f10630f05195c8d6"
        );
        assert_eq!(a.to_string(), s);
    }

    #[test]
    fn value_errors() {
        assert_eq!(SessionId::parse("05"), Err(Error::SessionIdLength));
        assert_eq!(SessionId::parse(&"0g".repeat(33)), Err(Error::SessionIdHex));
        assert_eq!(
            SessionId::parse(&"03".repeat(33)),
            Err(Error::SessionIdPrefix)
        );
        assert_eq!(SessionId::from_bytes(&[5; 32]), Err(Error::SessionIdLength));
        assert_eq!(SessionId::from_bytes(&[3; 33]), Err(Error::SessionIdPrefix));
        let base = "zbpyuy13rrafqet6kqrbxd54zbd11zzwknoib4xtyaaxywci3dm";
        assert_eq!(
            LokinetAddress::parse(&format!("{base}y.snode")),
            Err(Error::LokinetAddressFormat)
        );
        assert_eq!(
            LokinetAddress::parse(&format!("{base}l.loki")),
            Err(Error::LokinetAddressChar)
        );
        assert_eq!(
            LokinetAddress::parse(&format!("{base}n.loki")),
            Err(Error::LokinetAddressLastChar)
        );
        assert_eq!(
            LokinetAddress::from_bytes(&[0; 33]),
            Err(Error::LokinetValueLength)
        );
        assert_eq!(
            WalletValue::from_bytes(&[0; 64]),
            Err(Error::WalletValueLength)
        );
        assert_eq!(
            WalletValue::from_bytes(&[2; 65]),
            Err(Error::WalletValueLength)
        );
        assert_eq!(
            WalletValue::from_bytes(&[0; 73]),
            Err(Error::WalletValueLength)
        );
        assert_eq!(
            WalletValue::from_bytes(&[3; 65]),
            Err(Error::WalletValueType)
        );
        assert_eq!(
            WalletValue::parse(Network::Mainnet, ""),
            Err(Error::WalletAddress(oxen_crypto::Error::AddressTooShort))
        );
    }
}
