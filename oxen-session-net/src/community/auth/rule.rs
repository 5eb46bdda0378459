//! Which pysogs release decides the accepted key prefixes: the released rule (`00`, `15`) or
//! the rule of the unmerged pull request 213 (`00`, `15`, `25`).

use core::fmt;

/// The accepted `X-SOGS-Pubkey` prefixes, and so which pysogs verdict the check gives.
///
/// * [`PrefixRule::Released`] (the default): session-pysogs `dev` @ `9497ddbf`, the code every
///   running community server has: `00` (unblinded) and `15` (15-blinded) keys; a `25` key is
///   refused with 400 `… must be 00- or 15- prefixed` (vectors: field `verdict`).
/// * [`PrefixRule::Pr213`]: oxen-io/session-pysogs pull request 213 @ `f5617931`, which adds
///   25-blinded ids: `00`, `15` and `25`; a `25` user's id is the header value and is never
///   refused for "blinded ids required" (vectors: field `verdict_pr213`). The pull request's
///   `REQUIRE_BLIND_V2` setting (which would treat a `15` key like a `00` key) is not
///   implemented: see the crate README, "Community servers".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum PrefixRule {
    /// `00` and `15` (session-pysogs `dev` @ `9497ddbf`).
    #[default]
    Released,
    /// `00`, `15` and `25` (session-pysogs pull request 213 @ `f5617931`).
    Pr213,
}

impl PrefixRule {
    /// Whether this rule accepts a key with this prefix byte.
    #[must_use]
    pub const fn accepts(self, prefix: u8) -> bool {
        match prefix {
            0x00 | 0x15 => true,
            0x25 => matches!(self, PrefixRule::Pr213),
            _ => false,
        }
    }

    /// The end of pysogs' refusal text: `00- or 15- prefixed` or `00-, 15-, or 25- prefixed`.
    #[must_use]
    pub const fn allowed_prefixes(self) -> &'static str {
        match self {
            PrefixRule::Released => "00- or 15- prefixed",
            PrefixRule::Pr213 => "00-, 15-, or 25- prefixed",
        }
    }
}

impl fmt::Display for PrefixRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.allowed_prefixes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_per_rule() {
        for p in 0..=255u8 {
            let released = PrefixRule::Released.accepts(p);
            let pr213 = PrefixRule::Pr213.accepts(p);
            assert_eq!(released, p == 0x00 || p == 0x15, "{p:#04x}");
            assert_eq!(pr213, released || p == 0x25, "{p:#04x}");
        }
    }
}
