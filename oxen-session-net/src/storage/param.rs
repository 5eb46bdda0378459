//! The names of request parameters and the JSON kinds the server expects of them, as the
//! errors of this crate name them (leaf module: no other imports).

use core::fmt;

/// A request parameter (a key of `params`), spelled as the storage server reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Param {
    /// `before` (delete_before).
    Before,
    /// `data` (store).
    Data,
    /// `expiry` (store, expire, expire_all).
    Expiry,
    /// `extend` (expire).
    Extend,
    /// `lastHash` (retrieve; old spelling).
    LastHashCamel,
    /// `last_hash` (retrieve).
    LastHash,
    /// `max_count` (retrieve).
    MaxCount,
    /// `max_size` (retrieve).
    MaxSize,
    /// `messages` (delete, expire, get_expiries).
    Messages,
    /// `namespace`.
    Namespace,
    /// `pubKey` (store, retrieve; old spelling).
    PubkeyCamel,
    /// `pubkey`.
    Pubkey,
    /// `pubkey_ed25519`.
    PubkeyEd25519,
    /// `required` (delete).
    Required,
    /// `revoke` (revoke_subaccount).
    Revoke,
    /// `shorten` (expire).
    Shorten,
    /// `sig_timestamp` (store).
    SigTimestamp,
    /// `signature`.
    Signature,
    /// `subaccount`.
    Subaccount,
    /// `subaccount_sig`.
    SubaccountSig,
    /// `timestamp`.
    Timestamp,
    /// `ttl` (store).
    Ttl,
    /// `unrevoke` (unrevoke_subaccount).
    Unrevoke,
}

impl Param {
    /// Every parameter, in declaration order ([`Param::index`]); the order the server loads
    /// them in is per endpoint.
    pub const ALL: [Param; 23] = [
        Param::Before,
        Param::Data,
        Param::Expiry,
        Param::Extend,
        Param::LastHashCamel,
        Param::LastHash,
        Param::MaxCount,
        Param::MaxSize,
        Param::Messages,
        Param::Namespace,
        Param::PubkeyCamel,
        Param::Pubkey,
        Param::PubkeyEd25519,
        Param::Required,
        Param::Revoke,
        Param::Shorten,
        Param::SigTimestamp,
        Param::Signature,
        Param::Subaccount,
        Param::SubaccountSig,
        Param::Timestamp,
        Param::Ttl,
        Param::Unrevoke,
    ];

    /// The JSON key.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Param::Before => "before",
            Param::Data => "data",
            Param::Expiry => "expiry",
            Param::Extend => "extend",
            Param::LastHashCamel => "lastHash",
            Param::LastHash => "last_hash",
            Param::MaxCount => "max_count",
            Param::MaxSize => "max_size",
            Param::Messages => "messages",
            Param::Namespace => "namespace",
            Param::PubkeyCamel => "pubKey",
            Param::Pubkey => "pubkey",
            Param::PubkeyEd25519 => "pubkey_ed25519",
            Param::Required => "required",
            Param::Revoke => "revoke",
            Param::Shorten => "shorten",
            Param::SigTimestamp => "sig_timestamp",
            Param::Signature => "signature",
            Param::Subaccount => "subaccount",
            Param::SubaccountSig => "subaccount_sig",
            Param::Timestamp => "timestamp",
            Param::Ttl => "ttl",
            Param::Unrevoke => "unrevoke",
        }
    }

    /// The parameter of a JSON key, if the server reads it for some endpoint.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Param> {
        Param::ALL.into_iter().find(|p| p.name() == name)
    }

    /// Index into [`Param::ALL`].
    #[must_use]
    pub const fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Param {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What JSON a parameter must hold (the server's `type_desc`, used in its "expected …" texts).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ParamKind {
    /// `true` / `false`.
    Boolean,
    /// A non-negative integer (`uint64_t`).
    PositiveInteger,
    /// Any integer (`int`, `int64_t`).
    Integer,
    /// An integer or the string `"all"` (`namespace_var`).
    IntegerOrAll,
    /// An integer in −32768..=32767 (`namespace_id`).
    Namespace,
    /// A non-negative integer, epoch milliseconds.
    Timestamp,
    /// A string or an array of strings.
    StringArray,
    /// A non-negative integer or an array of them.
    TimestampArray,
    /// A string.
    String,
}

impl ParamKind {
    /// The server's wording (`type_desc`).
    #[must_use]
    pub const fn describe(self) -> &'static str {
        match self {
            ParamKind::Boolean => "boolean",
            ParamKind::PositiveInteger => "positive integer",
            ParamKind::Integer => "integer",
            ParamKind::IntegerOrAll => "integer or \"all\"",
            ParamKind::Namespace => "16-bit integer",
            ParamKind::Timestamp => "integer timestamp (in milliseconds)",
            ParamKind::StringArray => "string array",
            ParamKind::TimestampArray => "timestamp array",
            ParamKind::String => "string",
        }
    }
}

impl fmt::Display for ParamKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_indices_agree() {
        for (i, p) in Param::ALL.into_iter().enumerate() {
            assert_eq!(p.index(), i);
            assert_eq!(Param::from_name(p.name()), Some(p));
        }
        assert_eq!(Param::from_name("Pubkey"), None);
        assert_eq!(ParamKind::Namespace.to_string(), "16-bit integer");
    }
}
