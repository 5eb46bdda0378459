//! The HTTP status pysogs answers each community refusal with.

use crate::Error;

impl Error {
    /// The HTTP status session-pysogs answers this refusal with (the body is the `Display`
    /// text): 400 for malformed headers, a refused key or a bad v4 request, 401 for a failed
    /// signature, 403 for a banned user, 425 ("Too Early") for a timestamp outside the window
    /// or a reused nonce. `None` for the errors that are not a community server's.
    ///
    /// ```
    /// use oxen_session_net::Error;
    ///
    /// assert_eq!(Error::SogsNonceReused.sogs_status(), Some(425));
    /// assert_eq!(Error::SogsBanned.to_string(), "Banned");
    /// ```
    #[must_use]
    pub const fn sogs_status(&self) -> Option<u16> {
        match self {
            Error::SogsMissingHeaders { .. }
            | Error::SogsPubkeyEncoding
            | Error::SogsPubkeyPrefix { .. }
            | Error::SogsPubkeyNotAPoint(_)
            | Error::SogsBlindedIdRequired
            | Error::SogsNonceEncoding
            | Error::SogsSignatureEncoding
            | Error::SogsTimestampNotInteger
            | Error::SogsEndpoint
            | Error::SogsPathEncoding
            | Error::SogsQueryEncoding => Some(400),
            Error::SogsSignatureInvalid(_) => Some(401),
            Error::SogsBanned => Some(403),
            Error::SogsTimestampOutOfWindow | Error::SogsNonceReused => Some(425),
            _ => None,
        }
    }
}
