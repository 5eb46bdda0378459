//! ONS names: validation (`validate_ons_name`), lower-case normalisation, and the name hash
//! (`name_to_hash`, `name_to_base64_hash`, `name_hash_input_to_base64`).
//!
//! All hashing is libsodium `crypto_generichash`: BLAKE2b with a 32-byte output, optionally
//! keyed.

use alloc::string::String;
use core::fmt;
use core::str::FromStr;

use blake2::digest::consts::U32;
use blake2::digest::{FixedOutput, KeyInit, Update};
use blake2::{Blake2b256, Blake2bMac};

use zeroize::Zeroizing;

use crate::{Error, MappingType};

/// Maximum session and wallet name length (`SESSION_DISPLAY_NAME_MAX`, `WALLET_NAME_MAX`).
pub const SESSION_WALLET_NAME_MAX: usize = 64;

/// Maximum lokinet name length when it contains a '-' (`LOKINET_DOMAIN_NAME_MAX`: 63 + ".loki").
pub const LOKINET_NAME_MAX: usize = 68;

/// Maximum lokinet name length without a '-' (`LOKINET_DOMAIN_NAME_MAX_NOHYPHEN`: 32 + ".loki").
pub const LOKINET_NAME_MAX_NOHYPHEN: usize = 37;

/// The lokinet suffix.
pub const LOKINET_SUFFIX: &str = ".loki";

/// The lokinet names reserved by the protocol (compared after lower-casing).
pub const LOKINET_RESERVED: [&str; 3] = ["localhost.loki", "loki.loki", "snode.loki"];

/// Length of a name hash.
pub const NAME_HASH_LEN: usize = 32;

/// Length of a name hash in padded base64.
pub const NAME_HASH_BASE64_LEN: usize = 44;

/// A character class test.
type CharClass = fn(u8) -> bool;

fn alnum(c: u8) -> bool {
    c.is_ascii_digit() || c.is_ascii_lowercase()
}

/// `validate_ons_name(type, name)`: checks `name` (any bytes) for `ty`, after ASCII
/// lower-casing, rule by rule in the reference's order; returns the lower-cased name.
///
/// Upper-case input is therefore valid (`"Hello"`), but the name that is hashed and encrypted
/// with is the lower-case form that this returns. Vectors: `name_validation.json`.
///
/// # Errors
/// One variant per rule: [`Error::NameEmpty`], [`Error::NameTooLong`] (the lokinet maximum is 68
/// if the *raw* input holds a '-', else 37), and for lokinet [`Error::NameReserved`],
/// [`Error::NameTooShort`], [`Error::NameMissingLokiSuffix`], [`Error::NameReservedHyphens`];
/// then [`Error::NameBadFirstChar`], [`Error::NameBadLastChar`], [`Error::NameBadChar`].
pub fn validate_ons_name(ty: MappingType, name: &[u8]) -> Result<Name, Error> {
    let max = if ty.is_lokinet() {
        // Upstream looks for '-' in the raw input, before lower-casing (same thing for '-').
        if name.contains(&b'-') {
            LOKINET_NAME_MAX
        } else {
            LOKINET_NAME_MAX_NOHYPHEN
        }
    } else {
        SESSION_WALLET_NAME_MAX
    };
    if name.is_empty() {
        return Err(Error::NameEmpty);
    }
    if name.len() > max {
        return Err(Error::NameTooLong);
    }
    // Lower-case into a stack buffer (at most 68 bytes).
    let mut buf = [0u8; LOKINET_NAME_MAX];
    let lower = buf.get_mut(..name.len()).ok_or(Error::NameTooLong)?;
    lower.copy_from_slice(name);
    lower.make_ascii_lowercase();
    let lower: &[u8] = lower;

    let (first_ok, middle_ok): (CharClass, CharClass) = if ty.is_lokinet() {
        if LOKINET_RESERVED.iter().any(|r| r.as_bytes() == lower) {
            return Err(Error::NameReserved);
        }
        if lower.len() < "a.loki".len() {
            return Err(Error::NameTooShort);
        }
        (alnum, |c| alnum(c) || c == b'-')
    } else {
        (
            |c| alnum(c) || c == b'_',
            |c| alnum(c) || c == b'-' || c == b'_',
        )
    };
    let label = if ty.is_lokinet() {
        let label = lower
            .strip_suffix(LOKINET_SUFFIX.as_bytes())
            .ok_or(Error::NameMissingLokiSuffix)?;
        if label.len() >= 4 && label.get(2..4) == Some(b"--") && !label.starts_with(b"xn--") {
            return Err(Error::NameReservedHyphens);
        }
        label
    } else {
        lower
    };
    // A lokinet label is non-empty here (length >= 6 with the 5-byte suffix).
    let (&first, rest) = label.split_first().ok_or(Error::NameTooShort)?;
    if !first_ok(first) {
        return Err(Error::NameBadFirstChar);
    }
    let middle = match rest.split_last() {
        Some((&last, middle)) => {
            // session/wallet: only '-' can fail here (middle_ok minus first_ok), as upstream's
            // message says; lokinet: the character before ".loki" must be alphanumeric.
            if !first_ok(last) {
                return Err(Error::NameBadLastChar);
            }
            middle
        }
        None => rest,
    };
    if !middle.iter().all(|&c| middle_ok(c)) {
        return Err(Error::NameBadChar);
    }
    let len = lower.len();
    Ok(Name { buf, len })
}

/// A validated, lower-cased ONS name (the form that is hashed and encrypted with). Every byte
/// is ASCII; stored inline (at most 68 bytes), so validation never allocates.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Name {
    buf: [u8; LOKINET_NAME_MAX],
    len: usize,
}

impl Name {
    /// Validates `name` for `ty` and lower-cases it ([`validate_ons_name`]).
    ///
    /// # Errors
    /// As [`validate_ons_name`].
    pub fn new(ty: MappingType, name: &str) -> Result<Self, Error> {
        validate_ons_name(ty, name.as_bytes())
    }

    /// The lower-case name.
    #[must_use]
    pub fn as_str(&self) -> &str {
        // Validation admits only ASCII, so this never falls back.
        core::str::from_utf8(self.as_bytes()).unwrap_or_default()
    }

    /// The lower-case name's bytes.
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or_default()
    }

    /// `name_to_hash(name)`: the unkeyed BLAKE2b-256 of the name.
    #[must_use]
    pub fn hash(&self) -> NameHash {
        NameHash::of_lowercase(self.as_bytes())
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Name({:?})", self.as_str())
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

/// `name_to_hash(name)`: the unkeyed BLAKE2b-256 of `name` (libsodium
/// `crypto_generichash_blake2b`), the public name hash. Does not lower-case: pass the lower-case
/// name.
///
/// The reference's keyed form `name_to_hash(name, key)` derives the value encryption key, a
/// secret: it is reached through [`crate::encryption::name_to_encryption_key`], which returns an
/// [`crate::encryption::EncryptionKey`], never plain bytes.
#[must_use]
pub fn name_to_hash(name: &[u8]) -> [u8; NAME_HASH_LEN] {
    let mut h = Blake2b256::default();
    Update::update(&mut h, name);
    h.finalize_fixed().into()
}

/// `name_to_hash(name, key)`: BLAKE2b-256 of `name` keyed with `key` (the encryption key
/// derivation), in a buffer that zeroizes itself on drop.
pub(crate) fn name_to_hash_keyed(name: &[u8], key: &[u8; 32]) -> Zeroizing<[u8; NAME_HASH_LEN]> {
    let mut out = Zeroizing::new([0u8; NAME_HASH_LEN]);
    // A 32-byte key is within BLAKE2b's 64-byte limit, so this never fails.
    if let Ok(mut h) = <Blake2bMac<U32> as KeyInit>::new_from_slice(key) {
        Update::update(&mut h, name);
        out.copy_from_slice(&h.finalize_fixed());
    }
    out
}

/// The 32-byte name hash, the public identifier of a name on chain and in the database.
///
/// `Display` writes the padded base64 form used by the database and RPC.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NameHash(pub [u8; NAME_HASH_LEN]);

impl NameHash {
    /// `name_to_hash(name)` of an already lower-case name.
    ///
    /// # Errors
    /// [`Error::NameNotLowercase`] if `name` holds A-Z (the reference only debug-asserts this).
    pub fn of(name: &str) -> Result<Self, Error> {
        require_lowercase(name)?;
        Ok(Self::of_lowercase(name.as_bytes()))
    }

    fn of_lowercase(name: &[u8]) -> Self {
        NameHash(name_to_hash(name))
    }

    /// The bytes.
    #[must_use]
    pub const fn to_bytes(&self) -> [u8; NAME_HASH_LEN] {
        self.0
    }

    /// The padded standard base64 form (`name_to_base64_hash`, 44 characters).
    #[must_use]
    pub fn to_base64(&self) -> String {
        let buf = base64_encode_32(&self.0);
        // Base64 output is ASCII, so this never falls back.
        String::from(core::str::from_utf8(&buf).unwrap_or_default())
    }

    /// `name_hash_input_to_base64` as a parser: accepts 32 raw bytes, 64 hex characters (either
    /// case), or 43-44 standard-alphabet base64 characters that decode to exactly 32 bytes
    /// (non-zero trailing bits in the last character are tolerated and dropped, as oxenc does;
    /// '-'/'_' are rejected).
    ///
    /// # Errors
    /// [`Error::NameHashInput`].
    pub fn from_input(input: &[u8]) -> Result<Self, Error> {
        if let Ok(raw) = <[u8; NAME_HASH_LEN]>::try_from(input) {
            return Ok(NameHash(raw));
        }
        if input.len() == 2 * NAME_HASH_LEN {
            let mut out = [0u8; NAME_HASH_LEN];
            for (o, pair) in out.iter_mut().zip(input.chunks_exact(2)) {
                let hi = hex_val(pair.first().copied()).ok_or(Error::NameHashInput)?;
                let lo = hex_val(pair.get(1).copied()).ok_or(Error::NameHashInput)?;
                *o = (hi << 4) | lo;
            }
            return Ok(NameHash(out));
        }
        base64_decode_32(input).map(NameHash)
    }

    /// `name_hash_input_to_base64(input)`: the canonical 44-character base64 of any accepted
    /// input form (see [`NameHash::from_input`]).
    ///
    /// # Errors
    /// [`Error::NameHashInput`].
    pub fn input_to_base64(input: &[u8]) -> Result<String, Error> {
        Self::from_input(input).map(|h| h.to_base64())
    }

    /// True for the hashes ONS transactions reject ("null name hash"): all zero, or the hash of
    /// the empty name.
    #[must_use]
    pub fn is_null(&self) -> bool {
        self.0 == [0u8; NAME_HASH_LEN] || *self == Self::of_lowercase(b"")
    }
}

impl fmt::Debug for NameHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "NameHash({self})")
    }
}

impl fmt::Display for NameHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let buf = base64_encode_32(&self.0);
        f.write_str(core::str::from_utf8(&buf).map_err(|_| fmt::Error)?)
    }
}

impl FromStr for NameHash {
    type Err = Error;
    /// As [`NameHash::from_input`] (hex or base64 text).
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::from_input(s.as_bytes())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for NameHash {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for NameHash {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <alloc::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Rejects names holding A-Z (hashing and encryption need the lower-case name).
pub(crate) fn require_lowercase(name: &str) -> Result<(), Error> {
    if name.bytes().any(|c| c.is_ascii_uppercase()) {
        Err(Error::NameNotLowercase)
    } else {
        Ok(())
    }
}

pub(crate) fn hex_val(c: Option<u8>) -> Option<u8> {
    match c? {
        c @ b'0'..=b'9' => Some(c - b'0'),
        c @ b'a'..=b'f' => Some(c - b'a' + 10),
        c @ b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn b64_val(c: u8) -> Option<u32> {
    let v = match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    };
    Some(u32::from(v))
}

/// Standard padded base64 of 32 bytes: 44 characters, one '='.
fn base64_encode_32(bytes: &[u8; NAME_HASH_LEN]) -> [u8; NAME_HASH_BASE64_LEN] {
    let mut out = [b'='; NAME_HASH_BASE64_LEN];
    let sym = |v: u32| B64.get((v & 63) as usize).copied().unwrap_or(b'=');
    let mut o = out.iter_mut();
    for chunk in bytes.chunks(3) {
        let b0 = u32::from(chunk.first().copied().unwrap_or(0));
        let b1 = u32::from(chunk.get(1).copied().unwrap_or(0));
        let b2 = u32::from(chunk.get(2).copied().unwrap_or(0));
        let n = (b0 << 16) | (b1 << 8) | b2;
        // A chunk of k bytes gives k + 1 symbols; padding stays '='.
        for (i, slot) in (0..=chunk.len()).zip(o.by_ref()) {
            *slot = sym(n >> (18 - 6 * i));
        }
        if chunk.len() < 3 {
            break;
        }
    }
    out
}

/// The base64 branch of `name_hash_input_to_base64`: 43 or 44 characters, `oxenc::is_base64`
/// (standard alphabet; at most two '=' at the end; total length a multiple of 4 when padded),
/// decoding to exactly 32 bytes. Trailing bits of the last symbol are ignored, as
/// `oxenc::from_base64` ignores them.
fn base64_decode_32(input: &[u8]) -> Result<[u8; NAME_HASH_LEN], Error> {
    // 43 symbols carry 258 bits: 32 bytes and 2 spare bits. 44 characters must end in one '='
    // (44 symbols would be 33 bytes; "==" leaves 42 symbols = 31 bytes).
    let symbols = match input.len() {
        43 => input,
        44 => match input.split_last() {
            Some((b'=', s)) => s,
            _ => return Err(Error::NameHashInput),
        },
        _ => return Err(Error::NameHashInput),
    };
    let mut out = [0u8; NAME_HASH_LEN];
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    let mut o = out.iter_mut();
    for &c in symbols {
        acc = (acc << 6) | b64_val(c).ok_or(Error::NameHashInput)?;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            if let Some(slot) = o.next() {
                *slot = (acc >> bits) as u8;
            }
            acc &= (1 << bits) - 1;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(ty: MappingType, name: &str) -> Error {
        validate_ons_name(ty, name.as_bytes()).unwrap_err()
    }

    #[test]
    fn lower_cases() {
        let n = Name::new(MappingType::Session, "Hello_World").unwrap();
        assert_eq!(n.as_str(), "hello_world");
        let n = Name::new(MappingType::Lokinet, "XN--TDA.LOKI").unwrap();
        assert_eq!(n.as_str(), "xn--tda.loki");
        assert_eq!(n.hash(), NameHash::of("xn--tda.loki").unwrap());
    }

    #[test]
    fn error_per_rule() {
        use MappingType::*;
        assert_eq!(err(Session, ""), Error::NameEmpty);
        assert_eq!(err(Lokinet, ""), Error::NameEmpty);
        assert_eq!(err(Wallet, &"a".repeat(65)), Error::NameTooLong);
        assert_eq!(
            err(Lokinet, &format!("{}.loki", "a".repeat(33))),
            Error::NameTooLong
        );
        assert!(Name::new(Lokinet, &format!("{}-b.loki", "a".repeat(61))).is_ok());
        assert_eq!(err(Lokinet, "SNode.loki"), Error::NameReserved);
        assert_eq!(err(Lokinet, "a.lok"), Error::NameTooShort);
        assert_eq!(err(Lokinet, "abcdef.lok"), Error::NameMissingLokiSuffix);
        assert_eq!(err(Lokinet, "ab--x.loki"), Error::NameReservedHyphens);
        assert!(Name::new(Lokinet, "a--b.loki").is_ok());
        assert_eq!(err(Lokinet, "-ab.loki"), Error::NameBadFirstChar);
        assert_eq!(err(Session, "-ab"), Error::NameBadFirstChar);
        assert_eq!(err(Lokinet, "ab-.loki"), Error::NameBadLastChar);
        assert_eq!(err(Wallet, "ab-"), Error::NameBadLastChar);
        assert_eq!(err(Lokinet, "a_b.loki"), Error::NameBadChar);
        assert_eq!(err(Session, "a.b"), Error::NameBadChar);
        assert_eq!(NameHash::of("Hello"), Err(Error::NameNotLowercase));
    }

    #[test]
    fn base64_forms() {
        let h = NameHash::of("hello").unwrap();
        assert_eq!(
            h.to_base64(),
            "Mk3PAn3UowqTLEQfNlol6GsXPe+kuOWJSCU0cbgbcs8="
        );
        assert_eq!(h.to_string().parse::<NameHash>(), Ok(h));
        assert_eq!(
            NameHash::from_input(b"Mk3PAn3UowqTLEQfNlol6GsXPe+kuOWJSCU0cbgbcs8"),
            Ok(h)
        );
        assert_eq!(NameHash::from_input(b""), Err(Error::NameHashInput));
        assert_eq!(
            NameHash::from_input(b"Mk3PAn3UowqTLEQfNlol6GsXPe-kuOWJSCU0cbgbcs8"),
            Err(Error::NameHashInput)
        );
        assert!(NameHash::of("").unwrap().is_null());
        assert!(NameHash([0; 32]).is_null());
        assert!(!h.is_null());
    }
}
