//! The member's side: signing a request through the subaccount (`Keys::swarm_subaccount_sign`)
//! and checking a signing value (`Keys::swarm_verify_subaccount`).

use subtle::Choice;
use zeroize::Zeroizing;

use super::token::{Flags, SigningValue, SubaccountAuth, SubaccountToken};
use crate::ed25519::{self, Signature, sign_with_nonce};
use crate::error::Error;
use crate::hash::blake2b;
use crate::id::GroupId;
use crate::keys::Ed25519SecretKey;
use crate::point::Point;
use crate::scalar::{SecretScalar, reduce64};

/// The BLAKE2b key of the member's nonce seed, `BLAKE2b-256(key, message = member seed)`.
pub const SEED_HASH_KEY: &[u8] = b"SubaccountSeed";
/// The BLAKE2b key of the member's nonce `r = reduce64(BLAKE2b-512(key, seedhash ‖ kT ‖ M))`.
pub const SIG_HASH_KEY: &[u8] = b"SubaccountSig";

/// `k` as `crypto_scalarmult_ed25519_noclamp` reads it: bit 255 cleared, then (for a point of
/// the prime-order subgroup, as `|S|` is) its residue modulo `L`.
fn k_for_multiplication(k: &[u8; 32]) -> SecretScalar {
    let mut cleared = Zeroizing::new(*k);
    if let Some(top) = cleared.last_mut() {
        *top &= 0x7f;
    }
    SecretScalar::from_bytes_mod_order(&cleared)
}

/// `kT` of the member whose key is `member`: `T = |S|`, multiplied by `k` (bit 255 cleared).
fn blinded_key(member: &Ed25519SecretKey, value: &SigningValue) -> Result<Point, Error> {
    member
        .public_point()
        .abs()
        .mul(&k_for_multiplication(value.k_bytes()))
}

/// Signs `message` through the subaccount of `value` (`Keys::swarm_subaccount_sign`, binary
/// form): the token `value[0..4] ‖ kT`, the admin's signature (`value[36..100]`), and the
/// member's signature over `message` under `kT` with the scalar `k·(±s)` and the nonce
/// `reduce64(BLAKE2b-512(key = "SubaccountSig", BLAKE2b-256(key = "SubaccountSeed", seed) ‖ kT
/// ‖ M))` (module docs). Constant time in the member's key, `k` and the nonce.
///
/// Nothing here checks the value (its flags, prefix or the admin's signature):
/// [`verify_subaccount`] does, and the storage server checks all of it again.
///
/// # Errors
/// [`Error::IdentityResult`] when `k` (bit 255 cleared) is a multiple of `L` (libsession's
/// "scalarmult failed"). A value of the wrong length does not parse ([`SigningValue::from_bytes`]).
pub fn subaccount_sign(
    member: &Ed25519SecretKey,
    value: &SigningValue,
    message: &[u8],
) -> Result<SubaccountAuth, Error> {
    let kt = blinded_key(member, value)?;
    let mut token = SubaccountToken::new(0, Flags::NONE, &kt.to_ed25519());
    token.0[..4].copy_from_slice(&value.head());

    // t = ±s so that t·B = |S|: negate when S had bit 255 set (a public bit; still selected in
    // constant time, as libsession does)
    let negative = Choice::from(member.public_key().as_bytes()[31] >> 7);
    let mut t = member.scalar().clone();
    t.conditional_negate(negative);
    // k·t from all 256 bits of k (crypto_core_ed25519_scalar_mul reduces its inputs whole)
    let k_full = SecretScalar::from_bytes_mod_order(value.k_bytes());
    let kt_scalar = &k_full * &t;

    // Output sizes 32 and 64 with keys of at most 64 bytes are always accepted: the fallbacks
    // are unreachable.
    let seed_hash = Zeroizing::new(
        blake2b::<32>(SEED_HASH_KEY, &[member.seed().expose_bytes()]).unwrap_or([0; 32]),
    );
    let r_hash = Zeroizing::new(
        blake2b::<64>(SIG_HASH_KEY, &[&seed_hash[..], kt.as_bytes(), message]).unwrap_or([0; 64]),
    );
    let r = reduce64(&r_hash);
    let signature = sign_with_nonce(&r, &kt_scalar, kt.as_bytes(), &[message]);
    Ok(SubaccountAuth {
        token,
        token_signature: value.token_signature(),
        signature,
    })
}

/// libsession's `Keys::swarm_verify_subaccount(group_id, member_sk, value, write, del)`: does
/// `value` grant the member read (always required), write and delete as asked, for the group,
/// signed by the group's key? In libsession's order: the prefix is `03` or any-prefix is set;
/// the flags contain the requirement; then `kT` is recomputed from the member's key and the
/// group's signature over `value[0..4] ‖ kT` is verified. Variable time in the public parts;
/// the multiplication by `k` is constant time.
///
/// A wrong-length value is refused where it is parsed ([`SigningValue::from_bytes`],
/// [`Error::InvalidLength`] for [`crate::Input::SigningValue`]); upstream returns `false` for it.
///
/// # Errors
/// [`Error::SubaccountPrefix`], [`Error::SubaccountAccess`], [`Error::IdentityResult`] (`k`
/// is a multiple of `L`: upstream throws "scalarmult failed"), [`Error::InvalidSignature`]
/// (the group did not sign this token). Every one but [`Error::IdentityResult`] is upstream's
/// `false`.
pub fn verify_subaccount(
    group: &GroupId,
    member: &Ed25519SecretKey,
    value: &SigningValue,
    write: bool,
    delete: bool,
) -> Result<(), Error> {
    let flags = value.flags();
    if value.prefix() != GroupId::PREFIX && !flags.contains(Flags::ANY_PREFIX) {
        return Err(Error::SubaccountPrefix {
            prefix: value.prefix(),
        });
    }
    let required = Flags::member(write, delete);
    if !flags.contains(required) {
        return Err(Error::SubaccountAccess {
            required: required.bits(),
            granted: flags.bits(),
        });
    }
    let kt = blinded_key(member, value)?;
    let mut signed = [0u8; 36];
    signed[..4].copy_from_slice(&value.head());
    signed[4..].copy_from_slice(kt.as_bytes());
    let signature: Signature = value.token_signature();
    ed25519::verify(&signature, group.public_key(), &signed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::Seed;
    use crate::subaccount::make_subaccount;

    #[test]
    fn signature_verifies_under_the_token_key_and_checks_fail_in_order() {
        let group = Ed25519SecretKey::from_seed(Seed::from_array([4; 32]));
        let gid = GroupId::from_ed25519(*group.public_key());
        for seed in 0u8..8 {
            // both signs of S occur among these members
            let member = Ed25519SecretKey::from_seed(Seed::from_array([seed; 32]));
            let value =
                make_subaccount(&group, &member.session_id(), Flags::member(true, false)).unwrap();
            let auth = subaccount_sign(&member, &value, b"msg").unwrap();
            ed25519::verify(&auth.signature, &auth.token.key(), b"msg").unwrap();
            assert_eq!(
                verify_subaccount(&gid, &member, &value, true, false),
                Ok(())
            );
            assert_eq!(
                verify_subaccount(&gid, &member, &value, true, true),
                Err(Error::SubaccountAccess {
                    required: 0x07,
                    granted: 0x03
                })
            );
        }
        let member = Ed25519SecretKey::from_seed(Seed::from_array([1; 32]));
        let value = make_subaccount(&group, &member.session_id(), Flags::NONE).unwrap();
        let mut bytes = *value.expose_bytes();
        bytes[0] = 0x05;
        let other = SigningValue::from_bytes(&bytes).unwrap();
        assert_eq!(
            verify_subaccount(&gid, &member, &other, false, false),
            Err(Error::SubaccountPrefix { prefix: 0x05 })
        );
        // k = 0: the reference's scalar multiplication fails
        bytes[0] = 0x03;
        bytes[4..36].fill(0);
        let zero = SigningValue::from_bytes(&bytes).unwrap();
        assert_eq!(
            verify_subaccount(&gid, &member, &zero, false, false),
            Err(Error::IdentityResult)
        );
        assert_eq!(
            subaccount_sign(&member, &zero, b"m").err(),
            Some(Error::IdentityResult)
        );
    }
}
