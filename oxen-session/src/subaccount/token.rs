//! The byte layouts of group subaccounts: [`Flags`], the public [`SubaccountToken`], the
//! member's secret [`SigningValue`] and [`BlindFactor`], and what a member sends with a request
//! ([`SubaccountAuth`]).

use alloc::string::String;
use core::fmt;
use core::ops::BitOr;

use oxen_keys::Ed25519PublicKey;
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::ed25519::Signature;
use crate::error::{Error, Input};
use crate::scalar::SecretScalar;

/// Bytes of a subaccount token `prefix ‖ flags ‖ 0 ‖ 0 ‖ kT` (oxenss
/// `SUBACCOUNT_TOKEN_LENGTH`).
pub const TOKEN_LEN: usize = 36;
/// Bytes of an admin's signing value `prefix ‖ flags ‖ 0 ‖ 0 ‖ k ‖ signature`.
pub const SIGNING_VALUE_LEN: usize = 100;

/// The permission bits of a subaccount (byte 1 of a token; oxenss `subaccount_access`).
/// Unknown bits are kept as given.
///
/// ```
/// use oxen_session::subaccount::Flags;
///
/// let f = Flags::member(true, false);
/// assert_eq!(f.bits(), 0x03);
/// assert!(f.contains(Flags::READ | Flags::WRITE) && !f.contains(Flags::DELETE));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Flags(u8);

impl Flags {
    /// No access.
    pub const NONE: Flags = Flags(0);
    /// Read (retrieve, get_expiries); libsession always sets it.
    pub const READ: Flags = Flags(0x01);
    /// Write (store, extend expiries).
    pub const WRITE: Flags = Flags(0x02);
    /// Delete (delete, delete_all, delete_before, expire_all, shorten expiries, store to a
    /// public outbox).
    pub const DELETE: Flags = Flags(0x04);
    /// The token is valid for any network prefix of the account's key, not only its own
    /// (libsession never sets it).
    pub const ANY_PREFIX: Flags = Flags(0x08);

    /// The flags byte as given.
    #[must_use]
    pub const fn from_bits(bits: u8) -> Flags {
        Flags(bits)
    }

    /// The flags byte.
    #[must_use]
    pub const fn bits(self) -> u8 {
        self.0
    }

    /// What libsession grants a member (`subacc_flags(write, del)`): read, plus write and
    /// delete as asked.
    #[must_use]
    pub const fn member(write: bool, delete: bool) -> Flags {
        let mut bits = Flags::READ.0;
        if write {
            bits |= Flags::WRITE.0;
        }
        if delete {
            bits |= Flags::DELETE.0;
        }
        Flags(bits)
    }

    /// Every bit of `required` is set.
    #[must_use]
    pub const fn contains(self, required: Flags) -> bool {
        self.0 & required.0 == required.0
    }
}

impl BitOr for Flags {
    type Output = Flags;
    fn bitor(self, rhs: Flags) -> Flags {
        Flags(self.0 | rhs.0)
    }
}

impl fmt::Debug for Flags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Flags({:#04x})", self.0)
    }
}

/// `prefix()` and `flags()`, bytes 0 and 1 of the head `prefix ‖ flags ‖ 0 ‖ 0` that a token
/// and a signing value share (and that libsession copies from one into the other).
macro_rules! head_accessors {
    () => {
        /// The network prefix the subaccount is for (byte 0; `0x03` for groups).
        #[must_use]
        pub const fn prefix(&self) -> u8 {
            self.0[0]
        }

        /// The permission bits (byte 1).
        #[must_use]
        pub const fn flags(&self) -> Flags {
            Flags(self.0[1])
        }
    };
}

/// A subaccount token `prefix ‖ flags ‖ 0 ‖ 0 ‖ kT`: what a member presents to the storage
/// server, signed by the account (the group) over these 36 bytes. Public data: `Copy`,
/// printed as hex.
///
/// ```
/// use oxen_session::subaccount::{Flags, SubaccountToken};
///
/// let t = SubaccountToken::from_hex(
///     "030300007c6be901dd20865761abb15533382f3a292f06ca38ee14e7a3ff6162971ff2ec",
/// )?;
/// assert_eq!((t.prefix(), t.flags()), (0x03, Flags::member(true, false)));
/// assert_eq!(t.to_hex().len(), 72);
/// # Ok::<(), oxen_session::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SubaccountToken(pub [u8; TOKEN_LEN]);

impl SubaccountToken {
    /// Exactly 36 bytes.
    ///
    /// # Errors
    /// [`Error::InvalidLength`] for [`Input::SubaccountToken`].
    pub fn from_bytes(bytes: &[u8]) -> Result<SubaccountToken, Error> {
        bytes
            .try_into()
            .map(SubaccountToken)
            .map_err(|_| Error::InvalidLength {
                input: Input::SubaccountToken,
                len: bytes.len(),
            })
    }

    /// Exactly 72 hex digits, either case.
    ///
    /// # Errors
    /// [`Error::InvalidHex`] for [`Input::SubaccountToken`].
    pub fn from_hex(s: &str) -> Result<SubaccountToken, Error> {
        oxen_keys::codec::from_hex_array::<TOKEN_LEN>(s.as_bytes())
            .map(SubaccountToken)
            .map_err(|_| Error::InvalidHex {
                input: Input::SubaccountToken,
            })
    }

    /// The token made of its parts (reserved bytes zero).
    #[must_use]
    pub fn new(prefix: u8, flags: Flags, key: &Ed25519PublicKey) -> SubaccountToken {
        let mut t = [0u8; TOKEN_LEN];
        t[0] = prefix;
        t[1] = flags.bits();
        t[4..].copy_from_slice(key.as_bytes());
        SubaccountToken(t)
    }

    head_accessors!();

    /// The subaccount's Ed25519 key `kT` (bytes 4..36), under which its requests are signed.
    #[must_use]
    pub fn key(&self) -> Ed25519PublicKey {
        let mut k = [0u8; 32];
        k.copy_from_slice(&self.0[4..]);
        Ed25519PublicKey(k)
    }

    /// The 36 bytes.
    #[must_use]
    pub const fn as_bytes(&self) -> &[u8; TOKEN_LEN] {
        &self.0
    }

    /// 72 lower-case hex digits.
    #[must_use]
    pub fn to_hex(&self) -> String {
        oxen_keys::codec::to_hex(&self.0)
    }
}

impl fmt::Debug for SubaccountToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SubaccountToken({})", self.to_hex())
    }
}

impl fmt::Display for SubaccountToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

/// The admin's signing value `prefix ‖ flags ‖ 0 ‖ 0 ‖ k ‖ Ed25519-sign_c(token)` (100
/// bytes): what a member keeps to act on the group's swarm. Secret (it holds the blind factor
/// `k`, half of the member's signing scalar): not `Copy`, zeroized on drop, `Debug` prints
/// `SigningValue(..)`, constant-time equality, raw bytes only through
/// [`SigningValue::expose_bytes`].
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct SigningValue([u8; SIGNING_VALUE_LEN]);

impl SigningValue {
    /// Exactly 100 bytes (libsession's "Invalid signing value: size is wrong").
    ///
    /// # Errors
    /// [`Error::InvalidLength`] for [`Input::SigningValue`].
    pub fn from_bytes(bytes: &[u8]) -> Result<SigningValue, Error> {
        let mut v = SigningValue([0; SIGNING_VALUE_LEN]);
        if bytes.len() != SIGNING_VALUE_LEN {
            return Err(Error::InvalidLength {
                input: Input::SigningValue,
                len: bytes.len(),
            });
        }
        v.0.copy_from_slice(bytes);
        Ok(v)
    }

    pub(super) fn from_parts(head: [u8; 4], k: &[u8; 32], signature: &Signature) -> SigningValue {
        let mut v = SigningValue([0; SIGNING_VALUE_LEN]);
        v.0[..4].copy_from_slice(&head);
        v.0[4..36].copy_from_slice(k);
        v.0[36..].copy_from_slice(signature.as_bytes());
        v
    }

    head_accessors!();

    /// The first four bytes, shared with the token.
    pub(super) fn head(&self) -> [u8; 4] {
        [self.0[0], self.0[1], self.0[2], self.0[3]]
    }

    /// `k` as given (bytes 4..36; secret).
    pub(super) fn k_bytes(&self) -> &[u8; 32] {
        self.0[4..36].try_into().unwrap_or(&[0; 32])
    }

    /// The admin's signature over the token (bytes 36..100; public: it travels as
    /// `subaccount_sig`).
    #[must_use]
    pub fn token_signature(&self) -> Signature {
        let mut s = [0u8; 64];
        s.copy_from_slice(&self.0[36..]);
        Signature(s)
    }

    /// The 100 secret bytes.
    #[must_use]
    pub const fn expose_bytes(&self) -> &[u8; SIGNING_VALUE_LEN] {
        &self.0
    }
}

impl fmt::Debug for SigningValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SigningValue(..)")
    }
}

/// Constant-time equality.
impl PartialEq for SigningValue {
    fn eq(&self, other: &SigningValue) -> bool {
        self.0.ct_eq(&other.0).into()
    }
}
impl Eq for SigningValue {}

/// The blind factor `k` of a member in a group (reduced modulo `L`). Secret: not `Copy`,
/// zeroized on drop (the inner [`SecretScalar`]), `Debug` prints `BlindFactor(..)`,
/// constant-time equality.
#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct BlindFactor(pub(super) SecretScalar);

impl BlindFactor {
    /// The canonical 32 bytes (bytes 4..36 of the signing value).
    #[must_use]
    pub const fn expose_bytes(&self) -> &[u8; 32] {
        self.0.expose_bytes()
    }
}

impl fmt::Debug for BlindFactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BlindFactor(..)")
    }
}

/// What a member sends with a request signed through its subaccount
/// (`swarm_subaccount_sign`'s `swarm_auth`): `subaccount`, `subaccount_sig`, `signature`.
/// Public data.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct SubaccountAuth {
    /// The token, with the member's `kT` (`subaccount`).
    pub token: SubaccountToken,
    /// The admin's signature over the token (`subaccount_sig`).
    pub token_signature: Signature,
    /// The member's signature over the request (`signature`), under `kT`.
    pub signature: Signature,
}
