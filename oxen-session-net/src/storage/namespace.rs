//! Storage namespaces (oxenss `namespace_id`, `namespace_var`; spec §12, §18): which ones
//! anyone may write to or read from, which survive a revocation, and how each is written in a
//! signed string.

use alloc::vec::Vec;
use core::fmt;

use super::decimal::push_i64;

/// A storage namespace: a signed 16-bit integer; `0` is the default (one-to-one messages).
///
/// ```
/// use oxen_session_net::storage::Namespace;
///
/// assert!(Namespace::DEFAULT.is_public_inbox()); // anyone may store to 0, 10, -30, …
/// assert!(Namespace(-21).is_public_outbox()); // anyone may read -1, -21, -41, …
/// assert!(Namespace::GROUP_REVOKED_RETRIEVABLE.is_unrevocable()); // -11, -111, -211, …
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Namespace(pub i16);

impl Namespace {
    /// `0`: one-to-one messages (a public inbox).
    pub const DEFAULT: Namespace = Namespace(0);
    /// `2`: the user profile config.
    pub const USER_PROFILE: Namespace = Namespace(2);
    /// `3`: the contacts config.
    pub const CONTACTS: Namespace = Namespace(3);
    /// `4`: the volatile conversation info config.
    pub const CONVO_INFO_VOLATILE: Namespace = Namespace(4);
    /// `5`: the user groups config.
    pub const USER_GROUPS: Namespace = Namespace(5);
    /// `11`: a closed group's messages.
    pub const GROUP_MESSAGES: Namespace = Namespace(11);
    /// `12`: a closed group's keys.
    pub const GROUP_KEYS: Namespace = Namespace(12);
    /// `13`: a closed group's info config.
    pub const GROUP_INFO: Namespace = Namespace(13);
    /// `14`: a closed group's members config.
    pub const GROUP_MEMBERS: Namespace = Namespace(14);
    /// `-10`: legacy closed groups (unauthenticated store and retrieve).
    pub const LEGACY_CLOSED: Namespace = Namespace(-10);
    /// `-11`: messages a removed group member may still read with a revoked token.
    pub const GROUP_REVOKED_RETRIEVABLE: Namespace = Namespace(-11);

    /// Divisible by 10 (`is_public_inbox_namespace`): anyone may store without a signature.
    #[must_use]
    pub const fn is_public_inbox(self) -> bool {
        self.0 % 10 == 0
    }

    /// Negative of the form `−(20k + 1)` (`is_public_outbox_namespace`): anyone may
    /// retrieve; storing needs write *and* delete access (a store replaces what is there).
    #[must_use]
    pub const fn is_public_outbox(self) -> bool {
        self.0 < 0 && (-(self.0 as i32)) % 20 == 1
    }

    /// A public outbox or `−10` (`is_noauth_retrieve_namespace`): retrieve needs no signature.
    #[must_use]
    pub const fn is_noauth_retrieve(self) -> bool {
        self.0 == Namespace::LEGACY_CLOSED.0 || self.is_public_outbox()
    }

    /// Negative with `−n mod 100 = 11` (`is_unrevocable_namespace`): a revoked token may
    /// still retrieve from it.
    #[must_use]
    pub const fn is_unrevocable(self) -> bool {
        self.0 < 0 && (-(self.0 as i32)) % 100 == 11
    }

    /// Appends the namespace as signed strings write it: nothing for `0`, else decimal.
    pub fn push_signed(self, out: &mut Vec<u8>) {
        if self.0 != 0 {
            push_i64(out, i64::from(self.0));
        }
    }
}

impl fmt::Display for Namespace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl From<i16> for Namespace {
    fn from(n: i16) -> Namespace {
        Namespace(n)
    }
}

/// One namespace or all of them (oxenss `namespace_var`: `delete_all`, `delete_before`,
/// `expire_all`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NamespaceOrAll {
    /// One namespace.
    One(Namespace),
    /// `"all"`.
    All,
}

impl NamespaceOrAll {
    /// Appends the namespace as signed strings write it (`signature_value`): nothing for `0`,
    /// `all`, else decimal.
    pub fn push_signed(self, out: &mut Vec<u8>) {
        match self {
            NamespaceOrAll::One(ns) => ns.push_signed(out),
            NamespaceOrAll::All => out.extend_from_slice(b"all"),
        }
    }
}

impl Default for NamespaceOrAll {
    fn default() -> NamespaceOrAll {
        NamespaceOrAll::One(Namespace::DEFAULT)
    }
}

impl From<Namespace> for NamespaceOrAll {
    fn from(ns: Namespace) -> NamespaceOrAll {
        NamespaceOrAll::One(ns)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_follow_the_server_rules() {
        for n in i16::MIN..=i16::MAX {
            let ns = Namespace(n);
            let m = i32::from(n);
            assert_eq!(ns.is_public_inbox(), m % 10 == 0);
            assert_eq!(ns.is_public_outbox(), m < 0 && (-m) % 20 == 1);
            assert_eq!(ns.is_unrevocable(), m < 0 && (-m) % 100 == 11);
            assert_eq!(
                ns.is_noauth_retrieve(),
                m == -10 || (m < 0 && (-m) % 20 == 1)
            );
        }
        let mut s = Vec::new();
        Namespace(0).push_signed(&mut s);
        NamespaceOrAll::All.push_signed(&mut s);
        Namespace(-32768).push_signed(&mut s);
        assert_eq!(s, b"all-32768");
    }
}
