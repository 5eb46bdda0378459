//! Community (SOGS) request authentication (spec §16): the four `X-SOGS-*` headers a client
//! signs, and the check a community server (session-pysogs `handle_http_auth`) applies.
//!
//! Data flow, each file used by the next:
//!
//! | file | what | reference |
//! | --- | --- | --- |
//! | `codec` | header values: pysogs' hex-or-base64 decoding ([`decode_hex_or_b64`]) and its base64 ([`decode_base64`], also a post's), the encodings clients send | pysogs `utils.decode_hex_or_b64`, `decode_base64` |
//! | `timestamp` | Python's `int()` ([`parse_timestamp`]) and the inclusive ±86400 s window ([`within_window`]) | pysogs `handle_http_auth` |
//! | `headers` | header names, [`HeaderValues`] (what a server received), [`SogsHeaders`] (what a client sends), [`KeyKind`] (`00`/`15`/`25`) | pysogs header lookups (Werkzeug), session-desktop `getOpenGroupHeaders` |
//! | `request` | [`Request`] (method, decoded path, raw query, body), [`Request::from_target`], [`SignedMessage`] | pysogs' `to_verify`, `make_subrequest` |
//! | `rule` | [`PrefixRule`]: released (`00`/`15`) or pull request 213 (`00`/`15`/`25`) | pysogs `dev` @ `9497ddbf`, PR 213 @ `f5617931` |
//! | `user` | [`UserId`] (`05 ‖ ed_to_x(A)` or the blinded id), [`AuthenticatedUser`] | pysogs `session_id` |
//! | `store` | [`AuthStore`] (bans, used nonces), [`MemoryStore`] | pysogs `User.banned`, `user_request_nonces` |
//! | `client` | [`Signer`]: [`SignedRequest`] with the headers (RNG nonce, or `sign_with` a given one) | session-desktop `getOpenGroupHeaders`, libsession `blind15_sign`/`blind25_sign` |
//! | `server` | [`ServerAuth::handle_http_auth`]: the checks in pysogs' order, [`Verdict`] | pysogs `handle_http_auth` |
//! | `status` | [`Error::sogs_status`](crate::Error::sogs_status): each refusal's HTTP status | pysogs `abort_with_reason` |
//! | `onion` (feature `onion`) | a signed request as an `oxen_onion::V4Request`, and back: [`to_v4_request`], [`check_v4_request`] | pysogs `handle_v4_onionreq_plaintext` |
//!
//! The signed message (bytes, no separators):
//!
//! ```text
//! S_pk (32) ‖ nonce (16) ‖ timestamp (header text) ‖ METHOD ‖ path (URL-decoded UTF-8)
//!      ‖ ["?" ‖ raw query, if not empty] ‖ [BLAKE2b-512(body), if not empty]
//! ```
//!
//! signed with plain Ed25519 under the key in `X-SOGS-Pubkey` (for a blinded id, the blinded
//! key itself). Vectors: `tests/vectors/sogs_auth.json` (47 cases, each checked against both
//! pysogs verdicts, and reproduced byte for byte by the client where libsession signed it).

mod client;
mod codec;
mod headers;
#[cfg(feature = "onion")]
mod onion;
mod request;
pub(crate) mod rule;
mod server;
mod status;
mod store;
mod timestamp;
mod user;

pub use client::{SignedRequest, Signer};
pub use codec::{decode_base64, decode_hex_or_b64, encode_base64, encode_pubkey};
pub use headers::{
    HeaderValues, KeyKind, NONCE_HEADER, PUBKEY_HEADER, SIGNATURE_HEADER, SogsHeaders,
    TIMESTAMP_HEADER,
};
#[cfg(feature = "onion")]
pub use onion::{V4Auth, check_v4_request, to_v4_request};
pub use request::{
    BODY_HASH_LEN, DecodedTarget, NONCE_LEN, Request, SignedMessage, body_hash,
    percent_decode_path, upper_method,
};
pub use rule::PrefixRule;
pub use server::{ServerAuth, Verdict};
pub use store::{AuthStore, MemoryStore};
pub use timestamp::{TIMESTAMP_WINDOW_SECS, parse_timestamp, within_window};
pub use user::{AuthenticatedUser, UserId};
