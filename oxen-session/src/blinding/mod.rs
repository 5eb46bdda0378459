//! Community blinding (spec §6): the keys and ids an account uses in one community (SOGS) so
//! that communities cannot link it to its Session ID or to its ids elsewhere.
//!
//! Data flow, each file used by the next and nothing derived twice:
//!
//! | file | what | reference (`src/blinding.cpp`) |
//! | --- | --- | --- |
//! | `factor` | [`BlindingFactor`]: `k15 = H(S)`, `k25 = H(05 ‖ X ‖ S)` | `blind15_factor`, `blind25_factor` |
//! | `key_pair` | [`BlindedKeyPair`] `(A', a')`, [`Blind25KeyPair`] (also `k'`) | `blind15_key_pair`, `blind25_key_pair` |
//! | `id` | ids from a Session ID ([`blind15_id`], [`blind15_ids`], [`blind25_id`], hex forms) and from an Ed25519 key ([`blinded15_id_from_ed`], [`blinded25_id_from_ed`]); [`session_id_matches_blinded_id`] | `blind15_id`, `blind25_id`, `blinded15_id_from_ed`, `blinded25_id_from_ed`, `session_id_matches_blinded_id` |
//! | `sign` | [`blind15_sign`], [`blind25_sign`] (Ed25519 under `A'`); [`blind15_sign_desktop`] (Session desktop's nonce) | `blind15_sign`, `blind25_sign`; desktop `blindedED25519Signature` |
//! | `version` | [`blind_version_key_pair`], [`blind_version_sign`], [`blind_version_sign_request`] | same names |
//!
//! Blinded direct messages, which use these keys and ids, are [`crate::blinded_dm`].
//!
//! # Factors
//!
//! `S` is the server's public key ([`ServerPubkey`](crate::ServerPubkey)), `a`/`A` the account's Ed25519 scalar and
//! key, `X` its X25519 key (Session ID `05 ‖ X`):
//!
//! ```text
//! k15 = reduce64(BLAKE2b-512(S))          A'15 = k15·A    = (k15·a)·B
//! k25 = reduce64(BLAKE2b-512(05 ‖ X ‖ S))  A'25 = k25·|A| = (±k25·a)·B
//! ```
//!
//! # The 15 sign ambiguity
//!
//! A Session ID does not carry the sign of `A`. 15-blinding keeps it, so from a Session ID
//! alone an account has two possible 15 ids, `15 ‖ k15·|A|` and its negation ([`blind15_ids`]);
//! the account itself uses `15 ‖ k15·A` ([`blind15_key_pair`], [`blinded15_id_from_ed`]).
//! Consequences, all as the reference behaves (vectors `blinded_id_match.json` `b15_neg_*`,
//! `decrypt_from_blinded_recipient.json` notes):
//!
//! * to decide whether a 15 id belongs to a Session ID, try both forms
//!   ([`session_id_matches_blinded_id`] does);
//! * to write to a 15-blinded user, address the id the user posts under (its key-pair form);
//!   a message addressed to the id derived from its Session ID is unreadable for an account
//!   whose `A` is negative (the shared secret differs in sign), in every client built on the
//!   reference.
//!
//! 25-blinding has no such ambiguity (its factor depends on the Session ID and multiplies
//! `|A|`), which is why it replaced 15.

mod factor;
mod id;
mod key_pair;
mod sign;
mod version;

pub use factor::{BlindingFactor, blind15_factor, blind25_factor};
pub use id::{
    blind15_id, blind15_id_hex, blind15_ids, blind25_id, blind25_id_hex, blinded15_id_from_ed,
    blinded25_id_from_ed, session_id_matches_blinded_id, session_id_matches_blinded_id_hex,
};
pub(crate) use id::{blinded15_id_of, blinded25_id_of};
pub use key_pair::{Blind25KeyPair, BlindedKeyPair, blind15_key_pair, blind25_key_pair};
pub(crate) use key_pair::{blind15_secret, blind25_secret};
pub use sign::{
    BLIND25_SEED_HASH_KEY, BLIND25_SIG_HASH_KEY, blind15_sign, blind15_sign_desktop, blind25_sign,
};
pub use version::{
    Platform, VERSION_CHECK_HASH_KEY, VERSION_CHECK_PATH, blind_version_key_pair,
    blind_version_sign, blind_version_sign_request,
};
