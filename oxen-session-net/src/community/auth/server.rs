//! The server side: session-pysogs `handle_http_auth` (`sogs/routes/auth.py`), its checks in
//! its order, each refusal a typed [`Error`] with pysogs' status ([`Error::sogs_status`]) and
//! plain-text body (`Display`).
//!
//! | step | check | refusal |
//! | --- | --- | --- |
//! | 1 | all four headers absent or empty: an anonymous request | ([`Verdict::Anonymous`], 200) |
//! | 1 | 1–3 absent or empty | [`Error::SogsMissingHeaders`] 400 |
//! | 2 | pubkey: 33 bytes, hex or base64 (`codec`) | [`Error::SogsPubkeyEncoding`] 400 |
//! | 2 | prefix `00`/`15` (with [`PrefixRule::Pr213`]: also `25`) | [`Error::SogsPubkeyPrefix`] 400 |
//! | 2 | `crypto_core_ed25519_is_valid_point` on the 32-byte key | [`Error::SogsPubkeyNotAPoint`] 400 |
//! | 2 | a `00` key on a server requiring blinded ids | [`Error::SogsBlindedIdRequired`] 400 |
//! | 3 | nonce: 16 bytes, hex or base64 | [`Error::SogsNonceEncoding`] 400 |
//! | 3 | signature: 64 bytes, hex or base64 | [`Error::SogsSignatureEncoding`] 400 |
//! | 3 | timestamp: an integer (Python's `int()`) | [`Error::SogsTimestampNotInteger`] 400 |
//! | 4 | `now − 86400 ≤ ts ≤ now + 86400` | [`Error::SogsTimestampOutOfWindow`] 425 |
//! | 5 | the user is not banned (before the signature: a banned user gets 403 either way) | [`Error::SogsBanned`] 403 |
//! | 6 | the nonce is new; it is recorded now, so a request failing step 7 burns it | [`Error::SogsNonceReused`] 425 |
//! | 7 | Ed25519 (libsodium 1.0.18 rules) of the signed message under the header's key | [`Error::SogsSignatureInvalid`] 401 |
//!
//! `crypto_core_ed25519_is_valid_point` (libsodium: canonical, not of small order, decodes, on
//! the curve, `ge25519_is_on_main_subgroup`) is exactly `oxen_session`'s scalar-multiplication
//! rule, [`Point::decode`], check for check and in the same order (the "on the curve" check is
//! implied by decoding); so the prime-order subgroup plus the point of order 2 passes, as in
//! libsodium (`oxen_session::point`). The user id of a `00` key is then `05 ‖ ed_to_x(A)`,
//! which cannot fail for such a point.
//!
//! Cost: the point check (one variable-base multiplication by `L`) and one Ed25519
//! verification (which decodes the key again); the body is hashed once, nothing else is
//! allocated unless the method is not upper case.

use core::time::Duration;

use oxen_session::ed25519::{self, Signature};
use oxen_session::point::Point;
use oxen_session::{BlindedId, Blinding, Ed25519PublicKey, ServerPubkey, SessionId};

use super::codec::decode_hex_or_b64;
use super::headers::{HeaderValues, KeyKind};
use super::request::{NONCE_LEN, Request, SignedMessage};
use super::rule::PrefixRule;
use super::store::AuthStore;
use super::timestamp::{TIMESTAMP_WINDOW_SECS, parse_timestamp, within_window};
use super::user::{AuthenticatedUser, UserId};
use crate::Error;

/// The outcome of a request pysogs lets through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// No `X-SOGS-*` header at all: the request continues without a user (pysogs
    /// `g.user = None`).
    Anonymous,
    /// Authenticated: the user and the checked values.
    User(AuthenticatedUser),
}

impl Verdict {
    /// The user, if authenticated.
    #[must_use]
    pub const fn user(&self) -> Option<&AuthenticatedUser> {
        match self {
            Verdict::Anonymous => None,
            Verdict::User(u) => Some(u),
        }
    }
}

/// A community server's authentication settings: its key (the X25519 key clients blind with
/// and sign over), whether it requires blinded ids, and the prefix rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ServerAuth {
    server_pubkey: ServerPubkey,
    require_blind_keys: bool,
    prefix_rule: PrefixRule,
}

impl ServerAuth {
    /// pysogs' defaults: blinded ids required (`REQUIRE_BLIND_KEYS = True`), the released
    /// prefix rule.
    #[must_use]
    pub const fn new(server_pubkey: ServerPubkey) -> ServerAuth {
        ServerAuth {
            server_pubkey,
            require_blind_keys: true,
            prefix_rule: PrefixRule::Released,
        }
    }

    /// Sets pysogs' `REQUIRE_BLIND_KEYS` (refuse `00` keys).
    #[must_use]
    pub const fn require_blind_keys(mut self, require: bool) -> ServerAuth {
        self.require_blind_keys = require;
        self
    }

    /// Sets the prefix rule ([`PrefixRule::Pr213`] accepts 25-blinded ids).
    #[must_use]
    pub const fn prefix_rule(mut self, rule: PrefixRule) -> ServerAuth {
        self.prefix_rule = rule;
        self
    }

    /// The server's key.
    #[must_use]
    pub const fn server_pubkey(&self) -> &ServerPubkey {
        &self.server_pubkey
    }

    /// session-pysogs `handle_http_auth`: the server's verdict on a request's `X-SOGS-*`
    /// headers, with the checks in pysogs' order (module documentation). `now` is the
    /// server's clock since the Unix epoch; `store` answers for bans and records the nonce.
    ///
    /// # Errors
    /// The first check that fails, as its `Error::Sogs*` variant (status:
    /// [`Error::sogs_status`], body: its `Display`).
    pub fn handle_http_auth<S: AuthStore + ?Sized>(
        &self,
        headers: &HeaderValues<'_>,
        request: &Request<'_>,
        now: Duration,
        store: &mut S,
    ) -> Result<Verdict, Error> {
        // 1. presence
        let missing = headers.missing();
        if missing == 4 {
            return Ok(Verdict::Anonymous);
        }
        let (Some(pubkey), Some(nonce), Some(timestamp_text), Some(signature), 0) = (
            headers.pubkey,
            headers.nonce,
            headers.timestamp,
            headers.signature,
            missing,
        ) else {
            return Err(Error::SogsMissingHeaders { missing });
        };
        // 2. the key and the user id
        let (kind, key, id) = self.check_pubkey(pubkey)?;
        // 3. the other values' forms
        let nonce = decode_hex_or_b64::<NONCE_LEN>(nonce).ok_or(Error::SogsNonceEncoding)?;
        let signature = decode_hex_or_b64::<64>(signature).ok_or(Error::SogsSignatureEncoding)?;
        let timestamp = parse_timestamp(timestamp_text).ok_or(Error::SogsTimestampNotInteger)?;
        // 4. the window
        if !within_window(timestamp, now) {
            return Err(Error::SogsTimestampOutOfWindow);
        }
        // 5. bans, before the signature
        if store.is_banned(&id) {
            return Err(Error::SogsBanned);
        }
        // 6. the nonce, recorded before the signature
        let keep_until = timestamp.saturating_add(TIMESTAMP_WINDOW_SECS.cast_signed());
        if !store.record_nonce(&id, &nonce, keep_until) {
            return Err(Error::SogsNonceReused);
        }
        // 7. the signature
        let message = SignedMessage::new(&self.server_pubkey, &nonce, timestamp_text, request);
        let (parts, n) = message.parts();
        ed25519::verify_parts(
            &Signature(signature),
            &key,
            parts.get(..n).unwrap_or_default(),
        )
        .map_err(|e| match e {
            oxen_session::Error::InvalidSignature(check) => Error::SogsSignatureInvalid(check),
            // verify_parts reports only InvalidSignature; kept total without a panic
            _ => Error::SogsSignatureInvalid(oxen_session::SignatureCheck::Equation),
        })?;
        Ok(Verdict::User(AuthenticatedUser {
            id,
            kind,
            key,
            nonce,
            timestamp,
        }))
    }

    /// Step 2: decode, prefix, `crypto_core_ed25519_is_valid_point`, blinding required; the
    /// user id.
    fn check_pubkey(&self, value: &str) -> Result<(KeyKind, Ed25519PublicKey, UserId), Error> {
        let bytes = decode_hex_or_b64::<33>(value).ok_or(Error::SogsPubkeyEncoding)?;
        let (&prefix, key) = bytes.split_first().ok_or(Error::SogsPubkeyEncoding)?;
        let kind = KeyKind::from_prefix(prefix)
            .filter(|_| self.prefix_rule.accepts(prefix))
            .ok_or(Error::SogsPubkeyPrefix {
                prefix,
                rule: self.prefix_rule,
            })?;
        let key: [u8; 32] = key.try_into().map_err(|_| Error::SogsPubkeyEncoding)?;
        let point = Point::decode(&key).map_err(Error::SogsPubkeyNotAPoint)?;
        let key = Ed25519PublicKey(key);
        let id = match kind {
            KeyKind::Blind25 => UserId::Blinded(BlindedId::new(Blinding::Blind25, key)),
            KeyKind::Blind15 => UserId::Blinded(BlindedId::new(Blinding::Blind15, key)),
            KeyKind::Unblinded if self.require_blind_keys => {
                return Err(Error::SogsBlindedIdRequired);
            }
            KeyKind::Unblinded => UserId::Unblinded(SessionId::from_x25519(point.to_x25519())),
        };
        Ok((kind, key, id))
    }
}
