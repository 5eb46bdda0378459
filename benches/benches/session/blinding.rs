//! Community blinding and blinded direct messages (added once `oxen-session`'s blinding lands).

use super::Case;

/// The blinding operations (their pairs: each against its floor).
pub(crate) const OPERATIONS: [&str; 0] = [];

pub(crate) fn cases() -> Vec<Case> {
    Vec::new()
}
