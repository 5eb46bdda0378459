//! Blinded ids (spec §6): from a Session ID (what anyone can compute), from an Ed25519 key (what
//! a message's sender key proves), and the check that an id belongs to a Session ID.
//!
//! ```text
//! from a Session ID 05 ‖ X:   T = xed25519::pubkey(X)  (the positive Ed25519 point of X)
//!     blind15_id = 15 ‖ smul(k15, T)            blind15_ids = that and its negation
//!     blind25_id = 25 ‖ smul(k25, T)
//! from an Ed25519 key A:
//!     blinded15_id_from_ed = 15 ‖ smul(k15, A)           (A's own sign)
//!     blinded25_id_from_ed = 25 ‖ smul(k25, |A|)         (k25 from X = ed_to_x(A))
//! ```
//!
//! `smul` applies libsodium's scalar-multiplication rule ([`Point::decode`]: canonical, not of
//! small order, on the curve, in the prime-order subgroup; the identity result refused). Most
//! 32-byte strings are no Session ID of any account: their `T` is off the curve or carries
//! torsion, and the reference refuses them ("Cannot blind: invalid session_id (not on main
//! subgroup)"), reported here as [`Error::InvalidPoint`] for [`Input::SessionId`] with the
//! failed check. From an Ed25519 key the same refusal names [`Input::Ed25519PublicKey`].
//!
//! **The 15 sign ambiguity.** A Session ID is an X25519 key: it does not carry the sign of the
//! account's Ed25519 key `A`, and `T` is always the positive one of `±A`. 15-blinding keeps the
//! sign (`k15·A`), so the 15 id derived from a Session ID is the account's real id only when `A`
//! is positive; otherwise the real id is its negation (bit 255 flipped). [`blind15_ids`] returns
//! both and [`session_id_matches_blinded_id`] accepts either. 25-blinding multiplies `|A|` by
//! a factor that depends on the Session ID, so a 25 id is unambiguous.
//!
//! Every derivation is here once. [`blinded15_id_of`] and [`blinded25_id_of`] (crate-internal,
//! on an already decoded key) are the functions behind [`blinded15_id_from_ed`] and
//! [`blinded25_id_from_ed`] and the only ones the blinded-message sender check calls.
//!
//! Cost (all inputs of the public functions are public, so their multiplications are variable
//! time; the blinded-message sender check calls the same derivations in constant time, its
//! sender being confidential): from a Session ID, one XEd25519 map (a field inversion), one
//! decoding with the subgroup check, one multiplication; from an Ed25519 key, one decoding with
//! the subgroup check and one multiplication (25 adds the inversion of `ed_to_x`).
//!
//! Reference: libsession `blind15_id`, `blind25_id` (bytes and hex forms),
//! `blinded15_id_from_ed`, `blinded25_id_from_ed`, `session_id_matches_blinded_id`
//! (`src/blinding.cpp`). Vectors: `blind_keys.json`, `blinded_id_match.json`.

use alloc::string::String;

use oxen_keys::Ed25519PublicKey;
use oxen_keys::codec::to_hex;

use crate::blinding::factor::{BlindingFactor, blind15_factor, blind25_factor};
use crate::error::{Error, Input};
use crate::id::{BlindedId, Blinding, ServerPubkey, SessionId};
use crate::point::{ConvertiblePoint, Point};
use crate::scalar::SecretScalar;
use crate::xed25519;

/// `smul(k, T)` for the positive Ed25519 point `T` of a Session ID.
fn blind_session_id(
    session_id: &SessionId,
    k: &BlindingFactor,
    blinding: Blinding,
) -> Result<BlindedId, Error> {
    let t = xed25519::pubkey(session_id.x25519());
    let t = Point::decode(t.as_bytes()).map_err(|c| c.at(Input::SessionId))?;
    let p = t.mul_vartime(k.scalar())?;
    Ok(BlindedId::new(blinding, p.to_ed25519()))
}

/// `blind15_id(session_id, server_pk)`: `15 ‖ k15·T`, the account's 15 id **if** its Ed25519 key
/// is positive (see [`blind15_ids`] for both possibilities).
///
/// # Errors
/// [`Error::InvalidPoint`] for [`Input::SessionId`] when `T` fails the scalar-multiplication
/// rule (vectors `blind15_id_arbitrary_u_*`, `u_zero`, `u_minus_one`).
pub fn blind15_id(session_id: &SessionId, server: &ServerPubkey) -> Result<BlindedId, Error> {
    blind_session_id(session_id, &blind15_factor(server), Blinding::Blind15)
}

/// Both 15 ids an account with this Session ID may have: `[15 ‖ k15·T, 15 ‖ −k15·T]` (the
/// second is the first with bit 255 flipped), as the reference's hex form of `blind15_id`
/// returns them. The account's real id (its [`crate::blinding::blind15_key_pair`]) is the first
/// when its Ed25519 key is positive, the second otherwise.
///
/// ```
/// use oxen_session::{Ed25519SecretKey, Seed, ServerPubkey};
/// use oxen_session::blinding::{blind15_ids, blind15_key_pair};
///
/// let server = ServerPubkey([9; 32]);
/// for seed in 0..8 {
///     let account = Ed25519SecretKey::from_seed(Seed::from_array([seed; 32]));
///     let ids = blind15_ids(&account.session_id(), &server)?;
///     assert!(ids.contains(&blind15_key_pair(&account, &server).id()));
/// }
/// # Ok::<(), oxen_session::Error>(())
/// ```
///
/// # Errors
/// As [`blind15_id`].
pub fn blind15_ids(session_id: &SessionId, server: &ServerPubkey) -> Result<[BlindedId; 2], Error> {
    let id = blind15_id(session_id, server)?;
    Ok([id, id.with_flipped_sign()])
}

/// `blind25_id(session_id, server_pk)`: `25 ‖ k25·T`, the account's 25 id.
///
/// # Errors
/// As [`blind15_id`].
pub fn blind25_id(session_id: &SessionId, server: &ServerPubkey) -> Result<BlindedId, Error> {
    blind_session_id(
        session_id,
        &blind25_factor(session_id, server),
        Blinding::Blind25,
    )
}

/// The hex form of [`blind15_ids`] (libsession's `blind15_id(string_view, string_view)`):
/// `session_id` 66 hex digits starting `05`, `server` 64 hex digits, either case; returns both
/// ids in lower-case hex.
///
/// # Errors
/// In the reference's order: [`Error::InvalidHex`] for [`Input::SessionId`],
/// [`Error::InvalidPrefix`] for [`Input::SessionId`], [`Error::InvalidHex`] for
/// [`Input::ServerPubkey`]; then as [`blind15_id`].
pub fn blind15_id_hex(session_id: &str, server: &str) -> Result<[String; 2], Error> {
    let session_id = SessionId::from_hex(session_id)?;
    let server = ServerPubkey::from_hex(server)?;
    let [a, b] = blind15_ids(&session_id, &server)?;
    Ok([a.to_hex(), b.to_hex()])
}

/// The hex form of [`blind25_id`] (libsession's `blind25_id(string_view, string_view)`).
///
/// # Errors
/// As [`blind15_id_hex`].
pub fn blind25_id_hex(session_id: &str, server: &str) -> Result<String, Error> {
    let session_id = SessionId::from_hex(session_id)?;
    let server = ServerPubkey::from_hex(server)?;
    Ok(blind25_id(&session_id, &server)?.to_hex())
}

/// How the id derivations from an Ed25519 key multiply: in variable time when every input is
/// public (the public API), in constant time when the key is confidential (the sender of a
/// blinded message, whose `k25` is derived from its Session ID, which blinding hides).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Timing {
    /// `Point::mul_vartime`.
    Vartime,
    /// `Point::mul`.
    Constant,
}

/// `k·P` with the chosen timing.
fn multiply(p: &Point, k: &BlindingFactor, timing: Timing) -> Result<Point, Error> {
    match timing {
        Timing::Vartime => p.mul_vartime(k.scalar()),
        Timing::Constant => p.mul(&SecretScalar::from_dalek(*k.scalar())),
    }
}

/// `15 ‖ k15·A` for a decoded key `A`: the derivation behind [`blinded15_id_from_ed`] and the
/// blinded-message sender check.
pub(crate) fn blinded15_id_of(
    a: &Point,
    k15: &BlindingFactor,
    timing: Timing,
) -> Result<BlindedId, Error> {
    let p = multiply(a, k15, timing)?;
    Ok(BlindedId::new(Blinding::Blind15, p.to_ed25519()))
}

/// `25 ‖ k25·|A|` for a key `A` that passed the conversion rule, with its Session ID
/// `05 ‖ ed_to_x(A)` (from which `k25` is computed): the derivation behind
/// [`blinded25_id_from_ed`] and the blinded-message sender check.
pub(crate) fn blinded25_id_of(
    a: &ConvertiblePoint,
    server: &ServerPubkey,
    timing: Timing,
) -> Result<(BlindedId, SessionId), Error> {
    let session_id = SessionId::from_x25519(a.to_x25519());
    let k25 = blind25_factor(&session_id, server);
    let abs = a
        .to_point()
        .map_err(|c| c.at(Input::Ed25519PublicKey))?
        .abs();
    let p = multiply(&abs, &k25, timing)?;
    Ok((
        BlindedId::new(Blinding::Blind25, p.to_ed25519()),
        session_id,
    ))
}

/// `blinded15_id_from_ed(A, server_pk)`: `15 ‖ k15·A`, the 15 id of the account with Ed25519 key
/// `A` (its sign kept: this is the id the account itself uses). The Session ID of `A` is
/// [`SessionId::from_ed25519`].
///
/// # Errors
/// [`Error::InvalidPoint`] for [`Input::Ed25519PublicKey`] when `A` fails the
/// scalar-multiplication rule (vectors `blinded15_id_from_ed_*`).
pub fn blinded15_id_from_ed(
    public: &Ed25519PublicKey,
    server: &ServerPubkey,
) -> Result<BlindedId, Error> {
    let a = Point::decode(public.as_bytes()).map_err(|c| c.at(Input::Ed25519PublicKey))?;
    blinded15_id_of(&a, &blind15_factor(server), Timing::Vartime)
}

/// `blinded25_id_from_ed(A, server_pk)`: `25 ‖ k25·|A|` with `k25` from `X = ed_to_x(A)`, the
/// 25 id of the account with Ed25519 key `A` (equal for `A` and `−A`).
///
/// # Errors
/// [`Error::InvalidPoint`] for [`Input::Ed25519PublicKey`] when `A` fails the conversion rule
/// (the reference's "ed25519 pubkey to x25519 pubkey conversion failed"; vectors
/// `blinded25_id_from_ed_*`).
pub fn blinded25_id_from_ed(
    public: &Ed25519PublicKey,
    server: &ServerPubkey,
) -> Result<BlindedId, Error> {
    let a =
        ConvertiblePoint::decode(public.as_bytes()).map_err(|c| c.at(Input::Ed25519PublicKey))?;
    blinded25_id_of(&a, server, Timing::Vartime).map(|(id, _)| id)
}

/// `session_id_matches_blinded_id`: true iff `blinded_id` is an id of the account with this
/// Session ID in this community. A 15 id matches either of [`blind15_ids`] (the sign
/// ambiguity); a 25 id matches [`blind25_id`] only.
///
/// ```
/// use oxen_session::{Ed25519SecretKey, Seed, ServerPubkey};
/// use oxen_session::blinding::{blind15_key_pair, blind25_key_pair, session_id_matches_blinded_id};
///
/// let account = Ed25519SecretKey::from_seed(Seed::from_array([4; 32]));
/// let server = ServerPubkey([5; 32]);
/// let sid = account.session_id();
/// let id15 = blind15_key_pair(&account, &server).id();
/// assert!(session_id_matches_blinded_id(&sid, &id15, &server)?);
/// assert!(session_id_matches_blinded_id(&sid, &id15.with_flipped_sign(), &server)?);
/// let id25 = blind25_key_pair(&account, &server).id();
/// assert!(session_id_matches_blinded_id(&sid, &id25, &server)?);
/// assert!(!session_id_matches_blinded_id(&sid, &id25.with_flipped_sign(), &server)?);
/// # Ok::<(), oxen_session::Error>(())
/// ```
///
/// # Errors
/// As [`blind15_id`] (a Session ID no account can have).
pub fn session_id_matches_blinded_id(
    session_id: &SessionId,
    blinded_id: &BlindedId,
    server: &ServerPubkey,
) -> Result<bool, Error> {
    Ok(match blinded_id.blinding() {
        Blinding::Blind15 => blind15_ids(session_id, server)?.contains(blinded_id),
        Blinding::Blind25 => blind25_id(session_id, server)? == *blinded_id,
    })
}

/// The reference's text form of [`session_id_matches_blinded_id`], with its string rules, in
/// its order:
///
/// 1. `session_id`: 66 hex digits, either case ([`Error::InvalidHex`]), starting `05`
///    ([`Error::InvalidPrefix`]), both for [`Input::SessionId`];
/// 2. the **second** character of `blinded_id` is `5` (upstream's first-character test is
///    `c != '1' || c != '2'`, always true, so only this half checks anything), else
///    [`Error::InvalidPrefix`] for [`Input::BlindedId`];
/// 3. `server`: 64 hex digits, either case ([`Error::InvalidHex`] for [`Input::ServerPubkey`]);
/// 4. the first character of `blinded_id`: `1` or `2`, else [`Error::InvalidPrefix`] for
///    [`Input::BlindedId`] (vectors `err_blinded_prefix_9`, `_35_`, `_05`);
/// 5. **divergence**: `blinded_id` must be 66 characters, else [`Error::InvalidHex`] for
///    [`Input::BlindedId`] (upstream does not check the length: it answers `false`, and reads
///    out of bounds for a string shorter than 2 characters, which here fails step 2);
/// 6. the id(s) of the Session ID, in lower-case hex, compared with `blinded_id` as **exact
///    text**: an upper-case id never matches, a non-hex one neither (vectors
///    `b25_uppercase_no_match_*`).
///
/// # Errors
/// The steps above, then as [`blind15_id`].
pub fn session_id_matches_blinded_id_hex(
    session_id: &str,
    blinded_id: &str,
    server: &str,
) -> Result<bool, Error> {
    let session_id = SessionId::from_hex(session_id)?;
    let not_blinded = Error::InvalidPrefix {
        input: Input::BlindedId,
    };
    let bid = blinded_id.as_bytes();
    if bid.get(1) != Some(&b'5') {
        return Err(not_blinded);
    }
    let server = ServerPubkey::from_hex(server)?;
    let blinding = match bid.first() {
        Some(b'1') => Blinding::Blind15,
        Some(b'2') => Blinding::Blind25,
        _ => return Err(not_blinded),
    };
    if bid.len() != BlindedId::HEX_LEN {
        return Err(Error::InvalidHex {
            input: Input::BlindedId,
        });
    }
    let same = |id: &BlindedId| to_hex(&id.to_bytes()).as_bytes() == bid;
    Ok(match blinding {
        Blinding::Blind15 => blind15_ids(&session_id, &server)?.iter().any(same),
        Blinding::Blind25 => same(&blind25_id(&session_id, &server)?),
    })
}
