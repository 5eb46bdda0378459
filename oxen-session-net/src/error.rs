//! The crate's one error type: each variant names the check that failed.

/// Why a message, request or header was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A check of the Session protocol layer failed (keys, ids, sealing, signatures, blinding).
    #[error(transparent)]
    Session(#[from] oxen_session::Error),
    // ---- message formats (spec session.md §14) ----

    // ---- storage-server requests and subaccounts (§12, §15, §17, §18) ----

    // ---- community (SOGS) requests (§16) ----
}
