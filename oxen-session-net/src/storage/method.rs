//! The storage-server methods this crate builds and verifies, and the expire modes (leaf
//! module: no other imports).

use core::fmt;

/// A storage-server request method (the `method` of a request; oxenss `RPC::names()`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// `store`: deposit a message.
    Store,
    /// `retrieve`: read messages.
    Retrieve,
    /// `delete`: delete messages by hash (oxenss `delete_msgs`).
    Delete,
    /// `delete_all`: delete every message of a namespace (or of all).
    DeleteAll,
    /// `delete_before`: delete messages stored before a time.
    DeleteBefore,
    /// `expire`: set, shorten or extend the expiry of messages by hash (oxenss `expire_msgs`).
    Expire,
    /// `expire_all`: set the expiry of every message of a namespace (or of all).
    ExpireAll,
    /// `get_expiries`: read the expiries of messages by hash.
    GetExpiries,
    /// `revoke_subaccount`: revoke subaccount tokens of the account.
    RevokeSubaccount,
    /// `unrevoke_subaccount`: lift revocations.
    UnrevokeSubaccount,
}

impl Method {
    /// Every method.
    pub const ALL: [Method; 10] = [
        Method::Store,
        Method::Retrieve,
        Method::Delete,
        Method::DeleteAll,
        Method::DeleteBefore,
        Method::Expire,
        Method::ExpireAll,
        Method::GetExpiries,
        Method::RevokeSubaccount,
        Method::UnrevokeSubaccount,
    ];

    /// The method name on the wire, which is also the first part of its signed string.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Method::Store => "store",
            Method::Retrieve => "retrieve",
            Method::Delete => "delete",
            Method::DeleteAll => "delete_all",
            Method::DeleteBefore => "delete_before",
            Method::Expire => "expire",
            Method::ExpireAll => "expire_all",
            Method::GetExpiries => "get_expiries",
            Method::RevokeSubaccount => "revoke_subaccount",
            Method::UnrevokeSubaccount => "unrevoke_subaccount",
        }
    }

    /// The method of a wire name (exact, case-sensitive, as the server's endpoint map).
    #[must_use]
    pub fn from_name(name: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.name() == name)
    }

    /// Whether a swarm member forwards the request to the others (oxenss `recursive`); for
    /// these the node's clock windows may differ for forwarded requests.
    #[must_use]
    pub const fn is_recursive(self) -> bool {
        !matches!(self, Method::Retrieve | Method::GetExpiries)
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What an `expire` request does to the expiries (`shorten` / `extend` flags; neither: set).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum ExpireMode {
    /// Set the expiry as given (signed as the empty string).
    #[default]
    Set,
    /// Only shorten (`"shorten": true`, signed as `shorten`).
    Shorten,
    /// Only extend (`"extend": true`, signed as `extend`).
    Extend,
}

impl ExpireMode {
    /// The part of the signed string: `""`, `"shorten"` or `"extend"`.
    #[must_use]
    pub const fn signed_part(self) -> &'static str {
        match self {
            ExpireMode::Set => "",
            ExpireMode::Shorten => "shorten",
            ExpireMode::Extend => "extend",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for m in Method::ALL {
            assert_eq!(Method::from_name(m.name()), Some(m));
        }
        assert_eq!(Method::from_name("delete_msgs"), None);
        assert!(!Method::Retrieve.is_recursive() && Method::Store.is_recursive());
        assert_eq!(ExpireMode::default().signed_part(), "");
    }
}
