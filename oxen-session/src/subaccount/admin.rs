//! The admin's side: the blind factor of a member, its token, and the signing value the admin
//! gives it (`Keys::subaccount_blind_factor`, `swarm_subaccount_token`,
//! `swarm_make_subaccount`).

use zeroize::Zeroizing;

use super::token::{BlindFactor, Flags, SigningValue, SubaccountToken};
use crate::ed25519;
use crate::error::{Error, Input};
use crate::hash::blake2b;
use crate::id::{GroupId, SessionId};
use crate::keys::Ed25519SecretKey;
use crate::point::Point;
use crate::scalar::SecretScalar;
use crate::xed25519;

/// The BLAKE2b key of the group's subaccount mask (libsession `seed_hash` key).
pub const MASK_HASH_KEY: &[u8] = b"SessionGroupSubaccountMask";

/// `k = reduce64(BLAKE2b-512(key = mask, 0x05 ‖ X ‖ 0x03 ‖ C))` with
/// `mask = BLAKE2b-256(key = "SessionGroupSubaccountMask", message = group seed)`
/// (`Keys::subaccount_blind_factor`): the member's blind factor in this group. Constant time
/// in the group seed.
#[must_use]
pub fn blind_factor(group: &Ed25519SecretKey, member: &SessionId) -> BlindFactor {
    // Output sizes 32 and 64 with a key of at most 64 bytes are always accepted: the
    // fallbacks are unreachable.
    let mask = Zeroizing::new(
        blake2b::<32>(MASK_HASH_KEY, &[group.seed().expose_bytes()]).unwrap_or([0; 32]),
    );
    let h = Zeroizing::new(
        blake2b::<64>(
            &mask[..],
            &[
                &[SessionId::PREFIX],
                member.x25519().as_bytes(),
                &[GroupId::PREFIX],
                group.public_key().as_bytes(),
            ],
        )
        .unwrap_or([0; 64]),
    );
    BlindFactor(SecretScalar::from_bytes_mod_order_wide(&h))
}

/// `T = |S|` of a member known by its Session ID: [`xed25519::pubkey`]`(X)`, under the
/// scalar-multiplication rule.
fn member_point(member: &SessionId) -> Result<Point, Error> {
    Point::decode(xed25519::pubkey(member.x25519()).as_bytes()).map_err(|c| c.at(Input::SessionId))
}

/// The token and blind factor (`kT` computed once).
fn token_and_factor(
    group: &Ed25519SecretKey,
    member: &SessionId,
    flags: Flags,
) -> Result<(SubaccountToken, BlindFactor), Error> {
    let t = member_point(member)?;
    let k = blind_factor(group, member);
    let kt = t.mul(&k.0)?;
    let token = SubaccountToken::new(GroupId::PREFIX, flags | Flags::READ, &kt.to_ed25519());
    Ok((token, k))
}

/// The member's token `03 ‖ flags ‖ 0 ‖ 0 ‖ k·T` (`Keys::swarm_subaccount_token`): what the
/// admin revokes to cut the member off. `flags` as given with [`Flags::READ`] added (libsession
/// passes [`Flags::member`]).
///
/// # Errors
/// [`Error::InvalidPoint`] for [`Input::SessionId`] when `X` does not give a point
/// (`xed25519::pubkey(X)` is of small order, off the curve or has an order-4/8 component:
/// libsession's "scalarmult failed: perhaps an invalid session id?"); [`Error::IdentityResult`]
/// for a blind factor of zero (probability 2^-252).
pub fn subaccount_token(
    group: &Ed25519SecretKey,
    member: &SessionId,
    flags: Flags,
) -> Result<SubaccountToken, Error> {
    token_and_factor(group, member, flags).map(|(token, _)| token)
}

/// The signing value `03 ‖ flags ‖ 0 ‖ 0 ‖ k ‖ Ed25519-sign_c(token)` the admin gives a member
/// (`Keys::swarm_make_subaccount`). `flags` as given with [`Flags::READ`] added. The signature
/// covers the token (with `kT`), not the value (with `k`).
///
/// ```
/// use oxen_session::subaccount::{Flags, make_subaccount, subaccount_sign, verify_subaccount};
/// use oxen_session::{ed25519, Ed25519SecretKey, GroupId, Seed};
///
/// let group = Ed25519SecretKey::from_seed(Seed::from_array([1; 32]));
/// let member = Ed25519SecretKey::from_seed(Seed::from_array([2; 32]));
/// let value = make_subaccount(&group, &member.session_id(), Flags::member(true, false))?;
///
/// // the member checks what it got, then signs a request with it
/// let group_id = GroupId::from_ed25519(*group.public_key());
/// verify_subaccount(&group_id, &member, &value, true, false)?;
/// let auth = subaccount_sign(&member, &value, b"retrieve111729993000455")?;
/// ed25519::verify(&auth.signature, &auth.token.key(), b"retrieve111729993000455")?;
/// ed25519::verify(&auth.token_signature, group.public_key(), auth.token.as_bytes())?;
/// # Ok::<(), oxen_session::Error>(())
/// ```
///
/// # Errors
/// As [`subaccount_token`].
pub fn make_subaccount(
    group: &Ed25519SecretKey,
    member: &SessionId,
    flags: Flags,
) -> Result<SigningValue, Error> {
    let (token, k) = token_and_factor(group, member, flags)?;
    let signature = ed25519::sign(group, token.as_bytes());
    let head = [token.0[0], token.0[1], token.0[2], token.0[3]];
    Ok(SigningValue::from_parts(head, k.expose_bytes(), &signature))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::Seed;

    #[test]
    fn token_is_the_head_of_the_value_with_kt() {
        let group = Ed25519SecretKey::from_seed(Seed::from_array([9; 32]));
        let member = Ed25519SecretKey::from_seed(Seed::from_array([8; 32]));
        let sid = member.session_id();
        let value = make_subaccount(&group, &sid, Flags::member(false, true)).unwrap();
        let token = subaccount_token(&group, &sid, Flags::member(false, true)).unwrap();
        assert_eq!(value.expose_bytes()[..4], token.0[..4]);
        assert_eq!(value.flags(), Flags::from_bits(0x05));
        assert_eq!(
            &value.expose_bytes()[4..36],
            blind_factor(&group, &sid).expose_bytes()
        );
        // kT = k·|S|
        let k = blind_factor(&group, &sid);
        let kt = member.public_point().abs().mul(&k.0).unwrap();
        assert_eq!(token.key(), kt.to_ed25519());
        // the READ bit is always added
        let t0 = subaccount_token(&group, &sid, Flags::NONE).unwrap();
        assert_eq!(t0.flags(), Flags::READ);
    }
}
