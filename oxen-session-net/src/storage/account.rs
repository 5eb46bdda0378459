//! [`AccountId`]: the account a request is for (the `pubkey` parameter, oxenss `user_pubkey`):
//! a network prefix byte and 32 key bytes.

use alloc::string::String;
use core::fmt;

use oxen_session::oxen_keys::codec::{from_hex_array, to_hex};
use oxen_session::{GroupId, SessionId};

/// The account of a swarm: `prefix ‖ key` (33 bytes, 66 hex digits). `05` accounts are
/// Session IDs (the key is X25519), `03` accounts are closed groups (the key is Ed25519); the
/// server treats other prefixes like `03` (the key verifies signatures). Public data.
///
/// ```
/// use oxen_session_net::storage::AccountId;
///
/// let hex = "03b4bcc22cbaf2ad6e7064fb48a3d3cb6170ff60f4c21d4bc35e1e5416a59915ce";
/// let account = AccountId::parse(hex).unwrap();
/// assert_eq!((account.prefix(), account.to_hex()), (0x03, hex.to_string()));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AccountId {
    prefix: u8,
    key: [u8; 32],
}

impl AccountId {
    /// An account of the given prefix and key.
    #[must_use]
    pub const fn new(prefix: u8, key: [u8; 32]) -> AccountId {
        AccountId { prefix, key }
    }

    /// The `05` account of a Session ID.
    #[must_use]
    pub const fn from_session_id(id: &SessionId) -> AccountId {
        AccountId::new(SessionId::PREFIX, id.x25519().0)
    }

    /// The `03` account of a closed group.
    #[must_use]
    pub const fn from_group_id(id: &GroupId) -> AccountId {
        AccountId::new(GroupId::PREFIX, id.public_key().0)
    }

    /// The `pubkey` parameter as the (mainnet) server reads it (`user_pubkey::load`): 66 hex
    /// digits (either case), or 33 raw bytes. `None` for anything else (the server's "Pubkey
    /// must be 66 hex digits (33 bytes) long"; testnet's prefix-less forms are not accepted).
    #[must_use]
    pub fn parse(text: &str) -> Option<AccountId> {
        let bytes: [u8; 33] = match text.len() {
            66 => from_hex_array::<33>(text.as_bytes()).ok()?,
            33 => text.as_bytes().try_into().ok()?,
            _ => return None,
        };
        let (prefix, key) = bytes.split_first()?;
        Some(AccountId::new(*prefix, key.try_into().ok()?))
    }

    /// The network prefix (`0x05` Session ID, `0x03` group, …).
    #[must_use]
    pub const fn prefix(&self) -> u8 {
        self.prefix
    }

    /// The 32 key bytes after the prefix.
    #[must_use]
    pub const fn key(&self) -> &[u8; 32] {
        &self.key
    }

    /// The 33 bytes `prefix ‖ key`.
    #[must_use]
    pub fn to_bytes(&self) -> [u8; 33] {
        let mut out = [self.prefix; 33];
        for (o, k) in out.iter_mut().skip(1).zip(self.key) {
            *o = k;
        }
        out
    }

    /// 66 lower-case hex digits (the client's spelling).
    #[must_use]
    pub fn to_hex(&self) -> String {
        to_hex(&self.to_bytes())
    }
}

impl From<SessionId> for AccountId {
    fn from(id: SessionId) -> AccountId {
        AccountId::from_session_id(&id)
    }
}

impl From<GroupId> for AccountId {
    fn from(id: GroupId) -> AccountId {
        AccountId::from_group_id(&id)
    }
}

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl fmt::Debug for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AccountId({})", self.to_hex())
    }
}
