//! Blinded key pairs (spec §6): the key an account signs and receives direct messages with in
//! one community.
//!
//! With `a` the account's private scalar ([`Ed25519SecretKey::scalar`], libsodium's
//! `crypto_sign_ed25519_sk_to_curve25519`) and `A = a·B`:
//!
//! ```text
//! 15:  a' = k15·a                                A' = a'·B  (= k15·A, the true sign of A)
//! 25:  k' = k25 if A's sign bit is 0, else −k25    a' = k'·a    A' = a'·B  (= k25·|A|)
//! ```
//!
//! `k25` is computed from the account's X25519 key `X = ed_to_x(A)`, which is the same for `A`
//! and `−A`; negating it for a negative `A` makes the 25-blinded key depend on `|A|` only, so
//! anyone who knows the Session ID alone derives the same key ([`crate::blinding::blind25_id`]).
//! The negation is constant time ([`SecretScalar::conditional_negate`]). 15-blinding keeps the
//! sign of `A`, which a Session ID does not carry: see [`crate::blinding::blind15_ids`].
//!
//! `A'` is `a'·B` with the basepoint table (one fixed-base multiplication, constant time), not
//! `k·A`: the cheaper of the two equal products. libsodium writes the identity encoding when `a'`
//! is zero (its `crypto_scalarmult_ed25519_base_noclamp` returns −1, which libsession ignores);
//! so does this, so the functions are infallible like the reference's (a zero `a'` needs a
//! factor of zero modulo `L`, probability 2^-252).
//!
//! Reference: libsession `blind15_key_pair`, `blind25_key_pair` (`src/blinding.cpp`). Vectors:
//! `blind_keys.json` (`blind15_pk`, `blind15_sk`, `blind25_pk`, `blind25_sk`,
//! `blind25_k_prime`, from 32- and 64-byte keys, both signs of `A`).

use core::fmt;

use curve25519_dalek::edwards::EdwardsPoint;
use oxen_keys::Ed25519PublicKey;
use subtle::{Choice, ConstantTimeEq};
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::blinding::factor::{BlindingFactor, blind15_factor, blind25_factor};
use crate::id::{BlindedId, Blinding, ServerPubkey};
use crate::keys::Ed25519SecretKey;
use crate::scalar::SecretScalar;

/// A blinded key pair `(A', a')`: the secret scalar `a'` and its public key `A' = a'·B`, which
/// verifies standard Ed25519 signatures. Secret: not `Copy`, zeroized on drop, `Debug` shows the
/// public key only.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct BlindedKeyPair {
    #[zeroize(skip)]
    blinding: Blinding,
    #[zeroize(skip)]
    public: Ed25519PublicKey,
    secret: SecretScalar,
}

impl BlindedKeyPair {
    /// `A' = a'·B`, encoded as libsodium encodes it.
    fn from_secret(blinding: Blinding, secret: SecretScalar) -> BlindedKeyPair {
        let public = EdwardsPoint::mul_base(secret.expose_dalek())
            .compress()
            .to_bytes();
        BlindedKeyPair {
            blinding,
            public: Ed25519PublicKey(public),
            secret,
        }
    }

    /// Which blinding.
    #[must_use]
    pub const fn blinding(&self) -> Blinding {
        self.blinding
    }

    /// The blinded public key `A'`.
    #[must_use]
    pub const fn public_key(&self) -> &Ed25519PublicKey {
        &self.public
    }

    /// The blinded id `prefix ‖ A'`: what the community shows for this account, and the id
    /// others address blinded messages to.
    #[must_use]
    pub const fn id(&self) -> BlindedId {
        BlindedId::new(self.blinding, self.public)
    }

    /// The blinded secret scalar `a'`.
    #[must_use]
    pub const fn secret(&self) -> &SecretScalar {
        &self.secret
    }
}

impl ConstantTimeEq for BlindedKeyPair {
    fn ct_eq(&self, other: &BlindedKeyPair) -> Choice {
        // the public parts are public: only the secret needs the constant-time comparison
        let public = Choice::from(u8::from(
            self.blinding == other.blinding && self.public == other.public,
        ));
        public & self.secret.ct_eq(&other.secret)
    }
}

/// Constant-time equality.
impl PartialEq for BlindedKeyPair {
    fn eq(&self, other: &BlindedKeyPair) -> bool {
        self.ct_eq(other).into()
    }
}
impl Eq for BlindedKeyPair {}

impl fmt::Debug for BlindedKeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BlindedKeyPair")
            .field("blinding", &self.blinding)
            .field("public", &self.public)
            .finish_non_exhaustive()
    }
}

/// A 25-blinded key pair and its sign-adjusted factor `k'` (`±k25`, so that `a' = k'·a`).
/// Secret: not `Copy`, zeroized on drop, `Debug` shows the public key only.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct Blind25KeyPair {
    key_pair: BlindedKeyPair,
    k_prime: SecretScalar,
}

impl Blind25KeyPair {
    /// The key pair `(A', a')`.
    #[must_use]
    pub const fn key_pair(&self) -> &BlindedKeyPair {
        &self.key_pair
    }

    /// `k'`: `k25`, negated when the account's Ed25519 key has sign bit 1 (libsession's
    /// `k_prime` out-parameter). Secret: it reveals that sign, which the Session ID hides.
    #[must_use]
    pub const fn k_prime(&self) -> &SecretScalar {
        &self.k_prime
    }

    /// The blinded id `25 ‖ A'`.
    #[must_use]
    pub const fn id(&self) -> BlindedId {
        self.key_pair.id()
    }
}

impl ConstantTimeEq for Blind25KeyPair {
    fn ct_eq(&self, other: &Blind25KeyPair) -> Choice {
        self.key_pair.ct_eq(&other.key_pair) & self.k_prime.ct_eq(&other.k_prime)
    }
}

/// Constant-time equality.
impl PartialEq for Blind25KeyPair {
    fn eq(&self, other: &Blind25KeyPair) -> bool {
        self.ct_eq(other).into()
    }
}
impl Eq for Blind25KeyPair {}

impl fmt::Debug for Blind25KeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Blind25KeyPair")
            .field("public", self.key_pair.public_key())
            .finish_non_exhaustive()
    }
}

/// `blind15_key_pair(sk, S)`: `a' = k15·a`, `A' = a'·B`.
///
/// ```
/// use oxen_session::{Ed25519SecretKey, Seed, ServerPubkey};
/// use oxen_session::blinding::{blind15_key_pair, blinded15_id_from_ed};
///
/// let account = Ed25519SecretKey::from_seed(Seed::from_array([1; 32]));
/// let server = ServerPubkey([2; 32]);
/// let pair = blind15_key_pair(&account, &server);
/// // the id others compute from the account's Ed25519 key
/// assert_eq!(pair.id(), blinded15_id_from_ed(account.public_key(), &server)?);
/// # Ok::<(), oxen_session::Error>(())
/// ```
#[must_use]
pub fn blind15_key_pair(key: &Ed25519SecretKey, server: &ServerPubkey) -> BlindedKeyPair {
    blind15_key_pair_with(key, &blind15_factor(server))
}

/// [`blind15_key_pair`] with `k15` already computed.
fn blind15_key_pair_with(key: &Ed25519SecretKey, k15: &BlindingFactor) -> BlindedKeyPair {
    BlindedKeyPair::from_secret(Blinding::Blind15, blind15_secret(key, k15))
}

/// The secret `a' = k15·a` of the 15-blinded key pair (its public key not computed).
pub(crate) fn blind15_secret(key: &Ed25519SecretKey, k15: &BlindingFactor) -> SecretScalar {
    key.scalar() * &SecretScalar::from_dalek(*k15.scalar())
}

/// The secret `a' = k'·a` of the 25-blinded key pair and `k'` (its public key not computed).
pub(crate) fn blind25_secret(
    key: &Ed25519SecretKey,
    server: &ServerPubkey,
) -> (SecretScalar, SecretScalar) {
    let k25 = blind25_factor(&key.session_id(), server);
    let mut k_prime = SecretScalar::from_dalek(*k25.scalar());
    let negative = key.public_key().as_bytes().last().map_or(0, |b| b >> 7);
    k_prime.conditional_negate(Choice::from(negative));
    (key.scalar() * &k_prime, k_prime)
}

/// `blind25_key_pair(sk, S)`: `k' = ±k25` (the sign of `A`), `a' = k'·a`, `A' = a'·B`; also
/// returns `k'`.
///
/// ```
/// use oxen_session::{Ed25519SecretKey, Seed, ServerPubkey};
/// use oxen_session::blinding::{blind25_id, blind25_key_pair};
///
/// let account = Ed25519SecretKey::from_seed(Seed::from_array([1; 32]));
/// let server = ServerPubkey([2; 32]);
/// let pair = blind25_key_pair(&account, &server);
/// // anyone who knows the Session ID computes the same id
/// assert_eq!(pair.id(), blind25_id(&account.session_id(), &server)?);
/// # Ok::<(), oxen_session::Error>(())
/// ```
#[must_use]
pub fn blind25_key_pair(key: &Ed25519SecretKey, server: &ServerPubkey) -> Blind25KeyPair {
    let (secret, k_prime) = blind25_secret(key, server);
    Blind25KeyPair {
        key_pair: BlindedKeyPair::from_secret(Blinding::Blind25, secret),
        k_prime,
    }
}
