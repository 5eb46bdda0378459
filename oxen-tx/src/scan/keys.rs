//! The keys a scanner holds: the view-only pair (view secret, spend public) and, optionally,
//! the spend secret.

use oxen_crypto::{PublicKey, SecretKey};

use crate::Error;

/// A view-only wallet: the view secret `a` (secret, zeroized, never printed) and the spend
/// public key `B`. It finds outputs and decodes amounts; it cannot spend or compute key images.
#[derive(Clone)]
pub struct ViewKeys {
    view_secret: SecretKey,
    spend_public: PublicKey,
}

impl ViewKeys {
    /// The pair `(a, B)`.
    ///
    /// # Errors
    /// A decoding error if `B` does not decode.
    pub fn new(view_secret: SecretKey, spend_public: PublicKey) -> Result<Self, Error> {
        spend_public.decompress()?;
        Ok(Self {
            view_secret,
            spend_public,
        })
    }

    /// The view secret `a`.
    #[must_use]
    pub const fn view_secret(&self) -> &SecretKey {
        &self.view_secret
    }

    /// The spend public key `B`.
    #[must_use]
    pub const fn spend_public(&self) -> &PublicKey {
        &self.spend_public
    }

    /// The view public key `A = a G`.
    #[must_use]
    pub fn view_public(&self) -> PublicKey {
        self.view_secret.public_key()
    }
}

impl core::fmt::Debug for ViewKeys {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ViewKeys")
            .field("spend_public", &self.spend_public)
            .finish_non_exhaustive()
    }
}

/// Checks that `b G = B`.
pub(super) fn check_spend_secret(keys: &ViewKeys, spend_secret: &SecretKey) -> Result<(), Error> {
    if spend_secret.public_key() == keys.spend_public {
        Ok(())
    } else {
        Err(Error::ScanSpendKeyMismatch)
    }
}
