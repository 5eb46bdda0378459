//! Who may act on an account, as the storage server decides it (oxenss `verify_signature` in
//! `request_handler.cpp` and `signed_subaccount_token::verify` in `crypto/subaccount.cpp`;
//! spec §12, §18), each check a typed error, in the server's order:
//!
//! 1. **The account's key.** A `05` account with `pubkey_ed25519`: the key must convert to
//!    X25519 (`crypto_sign_ed25519_pk_to_curve25519`: not small order, on the curve,
//!    libsodium's subgroup check; [`Error::PubkeyEd25519Invalid`]) and equal the account's 32
//!    bytes ([`Error::PubkeyEd25519Mismatch`]); it is then the key. Otherwise the account's
//!    own 32 bytes are the key (for a `05` account without `pubkey_ed25519` that is its X25519
//!    key read as Ed25519, which fails in practice).
//! 2. **A subaccount**, if the request carries one: not revoked for this account (skipped for
//!    a `retrieve` from an unrevocable namespace; [`Error::SubaccountRevoked`]); its prefix is
//!    the account's, or it has any-prefix ([`Error::SubaccountPrefix`]); its flags contain the
//!    endpoint's access ([`Error::SubaccountAccess`]); the account key's signature over the 36
//!    token bytes verifies ([`Error::SubaccountSignature`]). The token's key `kT` is then the
//!    key.
//! 3. **The request signature** under the key, over the signed string
//!    ([`Error::RequestSignature`]).
//!
//! Every failure is the server's one `false` (401 "… signature verification failed"); the
//! variants say which check it was. Signatures are checked with libsodium 1.0.18's rules
//! ([`oxen_session::ed25519::verify`]; the server links libsodium 1.0.18, its
//! `DownloadLibSodium.cmake`). Variable time: everything here is public.

use alloc::vec::Vec;

use oxen_session::point::ConvertiblePoint;
use oxen_session::subaccount::{Flags, SubaccountToken};
use oxen_session::{Ed25519PublicKey, Signature, SignatureCheck, ed25519};

use super::account::AccountId;
use super::parsed::Credentials;
use crate::Error;

/// The subaccount tokens a node has revoked (oxenss `Database::subaccount_revoked`), asked per
/// account. Implement it for the node's store; [`NoRevocations`], and arrays, vectors and
/// slices of tokens (revoked for every account) are provided.
pub trait RevokedTokens {
    /// Whether `token` is revoked for `account`.
    fn is_revoked(&self, account: &AccountId, token: &SubaccountToken) -> bool;
}

/// No token is revoked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NoRevocations;

impl RevokedTokens for NoRevocations {
    fn is_revoked(&self, _: &AccountId, _: &SubaccountToken) -> bool {
        false
    }
}

/// These tokens are revoked (for any account).
impl RevokedTokens for [SubaccountToken] {
    fn is_revoked(&self, _: &AccountId, token: &SubaccountToken) -> bool {
        self.contains(token)
    }
}

/// These tokens are revoked (for any account).
impl<const N: usize> RevokedTokens for [SubaccountToken; N] {
    fn is_revoked(&self, account: &AccountId, token: &SubaccountToken) -> bool {
        self.as_slice().is_revoked(account, token)
    }
}

/// These tokens are revoked (for any account).
impl RevokedTokens for Vec<SubaccountToken> {
    fn is_revoked(&self, account: &AccountId, token: &SubaccountToken) -> bool {
        self.as_slice().is_revoked(account, token)
    }
}

/// The rule that failed inside `crypto_sign_verify_detached` (every error `verify` returns is
/// a signature rule).
fn rule(e: oxen_session::Error) -> SignatureCheck {
    match e {
        oxen_session::Error::InvalidSignature(c) => c,
        _ => SignatureCheck::Equation,
    }
}

/// Step 1: the key that signs for the account.
fn account_key(creds: &Credentials) -> Result<Ed25519PublicKey, Error> {
    match creds.pubkey_ed25519 {
        Some(ed) if creds.account.prefix() == 0x05 => {
            let x = ConvertiblePoint::decode(ed.as_bytes())
                .map_err(Error::PubkeyEd25519Invalid)?
                .to_x25519();
            if x.as_bytes() == creds.account.key() {
                Ok(ed)
            } else {
                Err(Error::PubkeyEd25519Mismatch)
            }
        }
        _ => Ok(Ed25519PublicKey(*creds.account.key())),
    }
}

/// oxenss `verify_signature(db, pubkey, pubkey_ed25519, subaccount, required_access,
/// skip_revoke_check, sig, message parts…)`: the three steps of the module docs.
pub(crate) fn verify_signature(
    creds: &Credentials,
    required: Flags,
    skip_revoke_check: bool,
    message: &[u8],
    revoked: &dyn RevokedTokens,
) -> Result<(), Error> {
    let mut key = account_key(creds)?;
    if let Some(sub) = &creds.subaccount {
        if !skip_revoke_check && revoked.is_revoked(&creds.account, &sub.token) {
            return Err(Error::SubaccountRevoked);
        }
        let flags = sub.token.flags();
        if sub.token.prefix() != creds.account.prefix() && !flags.contains(Flags::ANY_PREFIX) {
            return Err(Error::SubaccountPrefix {
                token: sub.token.prefix(),
            });
        }
        if !flags.contains(required) {
            return Err(Error::SubaccountAccess {
                required: required.bits(),
                granted: flags.bits(),
            });
        }
        ed25519::verify(&sub.signature, &key, sub.token.as_bytes())
            .map_err(|e| Error::SubaccountSignature(rule(e)))?;
        key = sub.token.key();
    }
    let signature: &Signature = &creds.signature;
    ed25519::verify(signature, &key, message).map_err(|e| Error::RequestSignature(rule(e)))
}
