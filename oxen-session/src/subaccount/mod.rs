//! Group subaccounts (spec §11, §17; libsession-util `src/config/groups/keys.cpp`): how a
//! closed group's admin lets a member act on the group's swarm without the group's key, and
//! how the member signs storage requests with what it was given.
//!
//! Data flow, each file used by the next and nothing derived twice:
//!
//! | file | what | reference (`Keys::…`) |
//! | --- | --- | --- |
//! | `token` | [`Flags`], [`SubaccountToken`] (36 bytes, public), [`SigningValue`] (100 bytes, secret), [`BlindFactor`] (secret), [`SubaccountAuth`] | the byte layouts of `swarm_make_subaccount` / `swarm_subaccount_token` |
//! | `admin` | [`blind_factor`], [`subaccount_token`], [`make_subaccount`] (the admin's side) | `subaccount_blind_factor`, `swarm_subaccount_token`, `swarm_make_subaccount` |
//! | `member` | [`subaccount_sign`] (the member signs a request), [`verify_subaccount`] (the member checks what it was given) | `swarm_subaccount_sign`, `swarm_verify_subaccount` |
//!
//! The storage server's check of a token presented with a request (revocation, prefix, flags
//! per endpoint, the token signature, then the request signature under the token's key) is
//! request logic and lives in `oxen-session-net` (`storage::auth`); it verifies with
//! [`crate::ed25519::verify`] and reads tokens through [`SubaccountToken`].
//!
//! # Construction
//!
//! `c`/`C` is the group's Ed25519 key (group id `03 ‖ C`); the member has Session ID
//! `05 ‖ X`, Ed25519 seed, scalar `s` and key `S`, and `T = |S|` (bit 255 cleared), which
//! the admin computes from `X` alone as [`crate::xed25519::pubkey`]`(X)`:
//!
//! ```text
//! mask  = BLAKE2b-256(key = "SessionGroupSubaccountMask", message = group seed)
//! k     = reduce64(BLAKE2b-512(key = mask, 0x05 ‖ X ‖ 0x03 ‖ C))     the blind factor
//! token = 0x03 ‖ flags ‖ 0x00 ‖ 0x00 ‖ k·T                            36 bytes, public
//! value = 0x03 ‖ flags ‖ 0x00 ‖ 0x00 ‖ k ‖ Ed25519-sign_c(token)     100 bytes, the member's secret
//! ```
//!
//! `flags`: read `0x01` (always set), write `0x02`, delete `0x04`, any-prefix `0x08`. The member
//! signs a request `M` as the key `k·T` with the scalar `k·t`, `t = ±s` (negated when `S` had bit
//! 255 set, so that `t·B = T`), and a nonce of its own:
//!
//! ```text
//! r = reduce64(BLAKE2b-512(key = "SubaccountSig",
//!                          BLAKE2b-256(key = "SubaccountSeed", message = member seed) ‖ kT ‖ M))
//! R = r·B     S = r + reduce64(SHA-512(R ‖ kT ‖ M))·(k·t)      (the crate's Schnorr core)
//! ```
//!
//! The signature is an ordinary Ed25519 signature under `kT`, so the storage server verifies it
//! like any other, after checking the admin's signature over the token.
//!
//! # Reference quirks kept
//!
//! * The signing value carries `k` as given: the member multiplies `T` by `k` with bit 255
//!   cleared (`crypto_scalarmult_ed25519_noclamp`) but forms `k·t` from all 256 bits
//!   (`crypto_core_ed25519_scalar_mul`). The two agree for every value an admin makes (`k` is
//!   reduced); for a value whose `k` has bit 255 set the signature does not verify under the
//!   token's key, as upstream.
//! * [`verify_subaccount`] checks the flags before the signature and requires read, as
//!   upstream, and refuses a prefix other than `03` unless any-prefix is set.
//!
//! Vectors: `session-net/subaccount.json` (`token`, `signing_value`, `blind_factor`,
//! `subaccount`, `subaccount_sig`, `signature`, `libsession_verify` for all four flag
//! requirements, and the refused calls).

mod admin;
mod member;
mod token;

pub use admin::{MASK_HASH_KEY, blind_factor, make_subaccount, subaccount_token};
pub use member::{SEED_HASH_KEY, SIG_HASH_KEY, subaccount_sign, verify_subaccount};
pub use token::{
    BlindFactor, Flags, SIGNING_VALUE_LEN, SigningValue, SubaccountAuth, SubaccountToken, TOKEN_LEN,
};
