//! Typed identities: [`SessionId`] (`05 ‖ X25519 key`), [`BlindedId`] (`15`/`25 ‖ blinded
//! Ed25519 key`) and [`ServerPubkey`] (a community server's key).
//!
//! Each kind has its parse functions here and nowhere else: raw bytes (`from_bytes`), hex
//! (`from_hex`, exactly the right number of digits in either case, as oxenc's `is_hex`
//! accepts), and for the server key the reference's "32 bytes or 64 hex" form
//! ([`ServerPubkey::parse`]). All print as lower-case hex (`Display`, `to_hex`), as the
//! reference emits them. Ids are public data: `Copy`, `Hash`, `Ord`.

use alloc::string::String;
use core::fmt;
use core::str::FromStr;

use oxen_keys::codec::{from_hex_array, to_hex};
use oxen_keys::{Ed25519PublicKey, X25519PublicKey};

use crate::error::{Error, Input};
use crate::point::ConvertiblePoint;

fn hex<const N: usize>(s: &str, input: Input) -> Result<[u8; N], Error> {
    from_hex_array::<N>(s.as_bytes()).map_err(|_| Error::InvalidHex { input })
}

/// Exactly 66 hex digits (either case) starting with `prefix`: the 32 bytes after it.
///
/// # Errors
/// [`Error::InvalidHex`], then [`Error::InvalidPrefix`] (both for `input`).
fn prefixed_hex(s: &str, prefix: u8, input: Input) -> Result<[u8; 32], Error> {
    match hex::<33>(s, input)? {
        [p, key @ ..] if p == prefix => Ok(key),
        _ => Err(Error::InvalidPrefix { input }),
    }
}

/// The 33 bytes `prefix ‖ key` of an id.
fn prefixed(prefix: u8, key: &[u8; 32]) -> [u8; 33] {
    let mut out = [prefix; 33];
    for (o, b) in out.iter_mut().skip(1).zip(key) {
        *o = *b;
    }
    out
}

/// `to_bytes` and `to_hex` of an id with a fixed `PREFIX` before its key `self.0`.
macro_rules! fixed_prefix_bytes {
    ($t:ident, $layout:literal) => {
        impl $t {
            #[doc = concat!("The 33 bytes ", $layout, ".")]
            #[must_use]
            pub fn to_bytes(&self) -> [u8; 33] {
                prefixed(Self::PREFIX, self.0.as_bytes())
            }

            /// 66 lower-case hex digits.
            #[must_use]
            pub fn to_hex(&self) -> String {
                to_hex(&self.to_bytes())
            }
        }
    };
}

/// `Display` (the lower-case hex of `to_hex`), `Debug` (`Name(hex)`) and `FromStr` (`from_hex`)
/// of an id type.
macro_rules! id_text {
    ($t:ident) => {
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.to_hex())
            }
        }

        impl fmt::Debug for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($t), "({})"), self.to_hex())
            }
        }

        impl FromStr for $t {
            type Err = Error;
            fn from_str(s: &str) -> Result<$t, Error> {
                $t::from_hex(s)
            }
        }
    };
}

/// A Session ID: `0x05 ‖ X`, the account's X25519 public key (spec §1.5), shown as 66
/// lower-case hex digits.
///
/// ```
/// use oxen_session::SessionId;
///
/// let sid: SessionId = "05e08f5d73f18aeacf05a1b07a9499a7b5f4354ff50682f1bd71b288f65c6e7d09".parse()?;
/// assert_eq!(sid.to_bytes()[0], 0x05);
/// assert_eq!(SessionId::from_bytes(&sid.x25519().to_bytes())?, sid); // the bare 32-byte form
/// assert!("15e08f5d73f18aeacf05a1b07a9499a7b5f4354ff50682f1bd71b288f65c6e7d09".parse::<SessionId>().is_err());
/// # Ok::<(), oxen_session::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SessionId(X25519PublicKey);

impl SessionId {
    /// The leading byte of every Session ID.
    pub const PREFIX: u8 = 0x05;
    /// Bytes of a Session ID.
    pub const LEN: usize = 33;
    /// Hex digits of a Session ID.
    pub const HEX_LEN: usize = 66;

    /// The Session ID of an X25519 public key.
    #[must_use]
    pub const fn from_x25519(key: X25519PublicKey) -> SessionId {
        SessionId(key)
    }

    /// `05 ‖ ed_to_x(A)`: the Session ID of an account's Ed25519 public key.
    ///
    /// # Errors
    /// [`Error::InvalidPoint`] for [`Input::Ed25519PublicKey`] when `A` cannot be converted
    /// (see [`crate::ed_to_x`]).
    pub fn from_ed25519(public: &Ed25519PublicKey) -> Result<SessionId, Error> {
        ConvertiblePoint::decode(public.as_bytes())
            .map(|p| SessionId(p.to_x25519()))
            .map_err(|c| c.at(Input::Ed25519PublicKey))
    }

    /// 33 bytes starting `0x05`, or the bare 32-byte X25519 key (libsession's `session_id` /
    /// `recipient_pubkey` arguments accept both).
    ///
    /// # Errors
    /// [`Error::InvalidLength`] for any other length, [`Error::InvalidPrefix`] for 33 bytes
    /// not starting `0x05` (both for [`Input::SessionId`]).
    pub fn from_bytes(bytes: &[u8]) -> Result<SessionId, Error> {
        match bytes {
            [Self::PREFIX, rest @ ..] if rest.len() == 32 => X25519PublicKey::from_bytes(rest),
            [_, rest @ ..] if rest.len() == 32 => {
                return Err(Error::InvalidPrefix {
                    input: Input::SessionId,
                });
            }
            _ => X25519PublicKey::from_bytes(bytes),
        }
        .map(SessionId)
        .map_err(|_| Error::InvalidLength {
            input: Input::SessionId,
            len: bytes.len(),
        })
    }

    /// Exactly 66 hex digits (either case) starting `05`.
    ///
    /// # Errors
    /// [`Error::InvalidHex`], then [`Error::InvalidPrefix`] (both for [`Input::SessionId`]).
    pub fn from_hex(s: &str) -> Result<SessionId, Error> {
        prefixed_hex(s, Self::PREFIX, Input::SessionId).map(|x| SessionId(X25519PublicKey(x)))
    }

    /// The account's X25519 public key (the 32 bytes after the prefix).
    #[must_use]
    pub const fn x25519(&self) -> &X25519PublicKey {
        &self.0
    }
}

fixed_prefix_bytes!(SessionId, "`05 ‖ X`");
id_text!(SessionId);

/// The two community blindings (spec §6), named by the prefix byte of their ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Blinding {
    /// 15-blinding: `k15·A`, the factor depends on the server key only (prefix `0x15`).
    Blind15,
    /// 25-blinding: `k25·|A|`, the factor depends on the server and the Session ID (prefix
    /// `0x25`).
    Blind25,
}

impl Blinding {
    /// The id prefix byte: `0x15` or `0x25`.
    #[must_use]
    pub const fn prefix(self) -> u8 {
        match self {
            Blinding::Blind15 => 0x15,
            Blinding::Blind25 => 0x25,
        }
    }

    /// The blinding of a prefix byte, if it is `0x15` or `0x25`.
    #[must_use]
    pub const fn from_prefix(prefix: u8) -> Option<Blinding> {
        match prefix {
            0x15 => Some(Blinding::Blind15),
            0x25 => Some(Blinding::Blind25),
            _ => None,
        }
    }
}

/// A blinded id: `0x15 ‖ P` or `0x25 ‖ P`, where `P` is the blinded Ed25519 public key (which
/// verifies standard Ed25519 signatures). 66 lower-case hex digits.
///
/// A 15-blinded id derived from a Session ID alone cannot know the sign of the account's
/// Ed25519 key, so the same account has two 15 ids, `P` and `−P` (bit 255 flipped):
/// [`BlindedId::with_flipped_sign`] gives the other one (spec §6–§7).
///
/// ```
/// use oxen_session::{BlindedId, Blinding};
///
/// let id: BlindedId = "15aa5c4de6e1c5e7bd5e95ec3e7fb3bb0d6c7c86c2e6f6c70f3ec1a5db1a35e0a8".parse()?;
/// assert_eq!(id.blinding(), Blinding::Blind15);
/// let other = id.with_flipped_sign();
/// assert_eq!(other.to_hex(), "15aa5c4de6e1c5e7bd5e95ec3e7fb3bb0d6c7c86c2e6f6c70f3ec1a5db1a35e028");
/// assert_eq!(other.with_flipped_sign(), id);
/// # Ok::<(), oxen_session::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BlindedId {
    blinding: Blinding,
    key: Ed25519PublicKey,
}

impl BlindedId {
    /// Bytes of a blinded id.
    pub const LEN: usize = 33;
    /// Hex digits of a blinded id.
    pub const HEX_LEN: usize = 66;

    /// The id of a blinded key.
    #[must_use]
    pub const fn new(blinding: Blinding, key: Ed25519PublicKey) -> BlindedId {
        BlindedId { blinding, key }
    }

    /// 33 bytes starting `0x15` or `0x25`.
    ///
    /// # Errors
    /// [`Error::InvalidLength`], then [`Error::InvalidPrefix`] (both for [`Input::BlindedId`]).
    pub fn from_bytes(bytes: &[u8]) -> Result<BlindedId, Error> {
        let bytes: &[u8; 33] = bytes.try_into().map_err(|_| Error::InvalidLength {
            input: Input::BlindedId,
            len: bytes.len(),
        })?;
        Self::from_array(bytes)
    }

    /// Exactly 66 hex digits (either case) starting `15` or `25`.
    ///
    /// # Errors
    /// [`Error::InvalidHex`], then [`Error::InvalidPrefix`] (both for [`Input::BlindedId`]).
    pub fn from_hex(s: &str) -> Result<BlindedId, Error> {
        Self::from_array(&hex::<33>(s, Input::BlindedId)?)
    }

    fn from_array(bytes: &[u8; 33]) -> Result<BlindedId, Error> {
        let (prefix, key) = bytes.split_first().ok_or(Error::InvalidLength {
            input: Input::BlindedId,
            len: 0,
        })?;
        let blinding = Blinding::from_prefix(*prefix).ok_or(Error::InvalidPrefix {
            input: Input::BlindedId,
        })?;
        let key = Ed25519PublicKey::from_bytes(key).map_err(|_| Error::InvalidLength {
            input: Input::BlindedId,
            len: bytes.len(),
        })?;
        Ok(BlindedId { blinding, key })
    }

    /// Which blinding (the prefix).
    #[must_use]
    pub const fn blinding(&self) -> Blinding {
        self.blinding
    }

    /// The blinded Ed25519 public key (the 32 bytes after the prefix).
    #[must_use]
    pub const fn key(&self) -> &Ed25519PublicKey {
        &self.key
    }

    /// The same id with bit 255 of the key flipped: `−P` for a valid point `P`. For a 15 id
    /// this is the account's other possible id (the reference's `blind15_id` hex form returns
    /// both); 25 ids have no such ambiguity.
    #[must_use]
    pub const fn with_flipped_sign(&self) -> BlindedId {
        let mut key = self.key.0;
        key[31] ^= 0x80;
        BlindedId {
            blinding: self.blinding,
            key: Ed25519PublicKey(key),
        }
    }

    /// The 33 bytes `prefix ‖ P`.
    #[must_use]
    pub fn to_bytes(&self) -> [u8; 33] {
        prefixed(self.blinding.prefix(), self.key.as_bytes())
    }

    /// 66 lower-case hex digits.
    #[must_use]
    pub fn to_hex(&self) -> String {
        to_hex(&self.to_bytes())
    }
}

id_text!(BlindedId);

/// A community (SOGS) server's 32-byte public key: the input of the blinding factors.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ServerPubkey(pub [u8; 32]);

impl ServerPubkey {
    /// Exactly 32 raw bytes (libsession's byte-form `server_pk`).
    ///
    /// # Errors
    /// [`Error::InvalidLength`] for [`Input::ServerPubkey`].
    pub fn from_bytes(bytes: &[u8]) -> Result<ServerPubkey, Error> {
        bytes
            .try_into()
            .map(ServerPubkey)
            .map_err(|_| Error::InvalidLength {
                input: Input::ServerPubkey,
                len: bytes.len(),
            })
    }

    /// Exactly 64 hex digits, either case (libsession's hex-form `server_pk`).
    ///
    /// # Errors
    /// [`Error::InvalidHex`] for [`Input::ServerPubkey`].
    pub fn from_hex(s: &str) -> Result<ServerPubkey, Error> {
        hex::<32>(s, Input::ServerPubkey).map(ServerPubkey)
    }

    /// 32 raw bytes or 64 hex digits (either case), the form `blind15_sign` /
    /// `blind25_sign` accept ("expected 32 bytes or 64 hex").
    ///
    /// # Errors
    /// [`Error::InvalidHex`] for 64 bytes that are not hex digits, [`Error::InvalidLength`] for
    /// any other length (both for [`Input::ServerPubkey`]).
    pub fn parse(bytes: &[u8]) -> Result<ServerPubkey, Error> {
        if bytes.len() == 64 {
            from_hex_array::<32>(bytes)
                .map(ServerPubkey)
                .map_err(|_| Error::InvalidHex {
                    input: Input::ServerPubkey,
                })
        } else {
            Self::from_bytes(bytes)
        }
    }

    /// The 32 bytes.
    #[must_use]
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// 64 lower-case hex digits.
    #[must_use]
    pub fn to_hex(&self) -> String {
        to_hex(&self.0)
    }
}

id_text!(ServerPubkey);

/// A closed group's id: `0x03 ‖ C`, the group's Ed25519 public key (spec §11), shown as 66
/// lower-case hex digits. Storage requests for the group's swarm are made for this account.
///
/// ```
/// use oxen_session::{Ed25519SecretKey, GroupId, Seed};
///
/// let group = Ed25519SecretKey::from_seed(Seed::from_array([3; 32]));
/// let id = GroupId::from_ed25519(*group.public_key());
/// assert!(id.to_hex().starts_with("03"));
/// assert_eq!(id.to_hex().parse::<GroupId>()?, id);
/// # Ok::<(), oxen_session::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GroupId(Ed25519PublicKey);

impl GroupId {
    /// The leading byte of every group id.
    pub const PREFIX: u8 = 0x03;
    /// Bytes of a group id.
    pub const LEN: usize = 33;

    /// The group id of the group's Ed25519 public key `C` (no point check: the key is used as
    /// bytes, each use applies its own rule).
    #[must_use]
    pub const fn from_ed25519(key: Ed25519PublicKey) -> GroupId {
        GroupId(key)
    }

    /// Exactly 66 hex digits (either case) starting `03` (libsession's `session_id_pk(id, "03")`,
    /// "Invalid session ID: expected 66 hex digits starting with 03").
    ///
    /// # Errors
    /// [`Error::InvalidHex`], then [`Error::InvalidPrefix`] (both for [`Input::GroupId`]).
    pub fn from_hex(s: &str) -> Result<GroupId, Error> {
        prefixed_hex(s, Self::PREFIX, Input::GroupId).map(|c| GroupId(Ed25519PublicKey(c)))
    }

    /// The group's Ed25519 public key `C` (the 32 bytes after the prefix).
    #[must_use]
    pub const fn public_key(&self) -> &Ed25519PublicKey {
        &self.0
    }
}

fixed_prefix_bytes!(GroupId, "`03 ‖ C`");
id_text!(GroupId);

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;
    use alloc::string::ToString;

    #[test]
    fn every_id_prints_and_parses_alike() {
        let key = [0xabu8; 32];
        let hex = |prefix: &str| format!("{prefix}{}", "ab".repeat(32));
        let sid = SessionId::from_x25519(X25519PublicKey(key));
        let gid = GroupId::from_ed25519(Ed25519PublicKey(key));
        let bid = BlindedId::new(Blinding::Blind25, Ed25519PublicKey(key));
        let spk = ServerPubkey(key);
        assert_eq!(
            [
                sid.to_string(),
                gid.to_string(),
                bid.to_string(),
                spk.to_string()
            ],
            [hex("05"), hex("03"), hex("25"), hex("")]
        );
        assert_eq!(format!("{sid:?}"), format!("SessionId({})", hex("05")));
        assert_eq!(format!("{gid:?}"), format!("GroupId({})", hex("03")));
        assert_eq!(format!("{bid:?}"), format!("BlindedId({})", hex("25")));
        assert_eq!(format!("{spk:?}"), format!("ServerPubkey({})", hex("")));
        assert_eq!(hex("05").to_uppercase().parse(), Ok(sid));
        assert_eq!(hex("03").parse(), Ok(gid));
        assert_eq!(hex("25").parse(), Ok(bid));
        assert_eq!(hex("").parse(), Ok(spk));
    }

    #[test]
    fn prefixed_hex_checks_the_digits_before_the_prefix() {
        let input = Input::GroupId;
        let key = "ab".repeat(32);
        assert_eq!(
            prefixed_hex(&format!("03{key}"), 0x03, input),
            Ok([0xab; 32])
        );
        assert_eq!(
            prefixed_hex(&format!("05{key}"), 0x03, input),
            Err(Error::InvalidPrefix { input })
        );
        // a wrong prefix and a bad digit: the digits are refused first
        assert_eq!(
            prefixed_hex(&format!("05{}g", &key[1..]), 0x03, input),
            Err(Error::InvalidHex { input })
        );
        assert_eq!(
            prefixed_hex(&key, 0x03, input),
            Err(Error::InvalidHex { input })
        );
    }
}
