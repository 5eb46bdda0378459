//! Account keys (spec §1): [`Seed`] → [`Ed25519SecretKey`] (`seed ‖ A`, with its expanded
//! scalar) → X25519 key pair ([`edsk_to_x`]) → [`SessionId`].
//!
//! * `ed25519_key_pair(seed)` = libsodium `crypto_sign_ed25519_seed_keypair`:
//!   `h = SHA-512(seed)`, `a = clamp(h[0..32])`, `A = a·B`; the 64-byte secret key is
//!   `seed ‖ A`.
//! * `edsk_to_x(sk)` = `crypto_sign_ed25519_sk_to_curve25519`: the same clamped `a`, as the
//!   X25519 secret. It is also "the Ed25519 private scalar" of every blinding function.
//! * `ed_to_x(A)` = `crypto_sign_ed25519_pk_to_curve25519`: in [`crate::point`]
//!   ([`crate::ed_to_x`]), with the other point rules.
//!
//! **Divergence (spec §2):** libsodium takes a 64-byte secret key's upper half as `A` without
//! checking it, so an inconsistent key signs with the wrong `A` (signatures nobody accepts).
//! [`Ed25519SecretKey::from_bytes`] recomputes `A` from the seed and refuses a key whose upper
//! half differs ([`Error::InconsistentSecretKey`]); every secret key of this crate is therefore
//! consistent, built from its seed. No vector pins this (`tests/errors.rs` does).
//!
//! The parse functions of the `oxen-keys` types as this crate reads them (its error, with the
//! [`Input`]) are here too: [`parse_ed25519_public_key`], [`parse_x25519_public_key`],
//! [`parse_x25519_secret_key`].

use curve25519_dalek::edwards::EdwardsPoint;
use curve25519_dalek::scalar::clamp_integer;
use oxen_keys::{Ed25519PublicKey, SharedSecret, X25519KeyPair, X25519PublicKey, X25519SecretKey};
use rand_core::CryptoRng;
use sha2::{Digest, Sha512};
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::error::{Error, Input};
use crate::id::SessionId;
use crate::point::Point;
use crate::scalar::SecretScalar;

/// Bytes of a seed.
pub const SEED_LEN: usize = 32;
/// Bytes of libsodium's Ed25519 secret key `seed ‖ A`.
pub const SECRET_KEY_LEN: usize = 64;

/// An Ed25519 seed: the 32 bytes an account is made from. Secret: not `Copy`, zeroized on drop,
/// printed as `Seed(..)`, compared in constant time.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct Seed([u8; SEED_LEN]);

impl Seed {
    /// Wraps 32 secret bytes.
    #[must_use]
    pub const fn from_array(bytes: [u8; SEED_LEN]) -> Seed {
        Seed(bytes)
    }

    /// Exactly 32 bytes (libsession `ed25519_key_pair(seed)`'s rule).
    ///
    /// # Errors
    /// [`Error::InvalidLength`] for [`Input::Seed`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Seed, Error> {
        bytes
            .try_into()
            .map(Seed)
            .map_err(|_| Error::InvalidLength {
                input: Input::Seed,
                len: bytes.len(),
            })
    }

    /// The seed of a new account as Session clients make it: **16 bytes of entropy followed by
    /// 16 zero bytes** (spec §1.1; the 13-word recovery phrase encodes those 16 bytes).
    #[must_use]
    pub fn from_entropy(entropy: &[u8; 16]) -> Seed {
        let mut s = [0u8; SEED_LEN];
        for (o, e) in s.iter_mut().zip(entropy) {
            *o = *e;
        }
        Seed(s)
    }

    /// 32 random bytes (libsodium `crypto_sign_ed25519_keypair`'s seed).
    pub fn generate<R: CryptoRng + ?Sized>(rng: &mut R) -> Seed {
        let mut s = Seed([0; SEED_LEN]);
        rng.fill_bytes(&mut s.0);
        s
    }

    /// The secret bytes.
    #[must_use]
    pub const fn expose_bytes(&self) -> &[u8; SEED_LEN] {
        &self.0
    }
}

impl core::fmt::Debug for Seed {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Seed(..)")
    }
}

/// Constant-time equality.
impl PartialEq for Seed {
    fn eq(&self, other: &Seed) -> bool {
        self.0.ct_eq(&other.0).into()
    }
}
impl Eq for Seed {}

/// `seed_for_ed_privkey`: the first 32 bytes of a 32-byte seed or a 64-byte `seed ‖ A` (not
/// checked: this only extracts the seed).
///
/// # Errors
/// [`Error::InvalidLength`] for [`Input::SeedOrSecretKey`] for other lengths.
pub fn seed_for_ed_privkey(key: &[u8]) -> Result<Seed, Error> {
    match key.len() {
        SEED_LEN | SECRET_KEY_LEN => key
            .get(..SEED_LEN)
            .and_then(|s| s.try_into().ok())
            .map(Seed),
        _ => None,
    }
    .ok_or(Error::InvalidLength {
        input: Input::SeedOrSecretKey,
        len: key.len(),
    })
}

/// An Ed25519 secret key: the seed, its expansion (the clamped scalar `a` and the nonce prefix,
/// `SHA-512(seed)`), the public key `A = a·B` and the account's X25519 public key
/// `ed_to_x(A)`, all computed once from the seed (so opening a message or printing the Session
/// ID costs no field inversion per call). Secret: not `Copy`, zeroized on drop, `Debug` shows
/// only the public key.
///
/// ```
/// use oxen_session::{Ed25519SecretKey, Seed, edsk_to_x};
///
/// let sk = Ed25519SecretKey::from_seed(Seed::from_array([7; 32]));
/// // the 64-byte form parses back (and is checked against the seed)
/// let again = Ed25519SecretKey::from_bytes(&sk.to_bytes()[..])?;
/// assert_eq!(again.public_key(), sk.public_key());
/// // X25519 key pair and Session ID of the account
/// let x = sk.x25519_key_pair();
/// assert_eq!(x.public, edsk_to_x(&sk).public_key());
/// assert_eq!(sk.session_id().x25519(), &x.public);
/// # Ok::<(), oxen_session::Error>(())
/// ```
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct Ed25519SecretKey {
    seed: Seed,
    /// `clamp(SHA-512(seed)[0..32]) ‖ SHA-512(seed)[32..64]`.
    expanded: [u8; 64],
    /// `a mod L`.
    scalar: SecretScalar,
    #[zeroize(skip)]
    public_key: Ed25519PublicKey,
    #[zeroize(skip)]
    public: Point,
    /// `ed_to_x(A)`: the X25519 public key and Session ID of the account.
    #[zeroize(skip)]
    x25519_public: X25519PublicKey,
}

impl Ed25519SecretKey {
    /// libsodium `crypto_sign_ed25519_seed_keypair(seed)`: one SHA-512, one fixed-base
    /// multiplication, and the encodings of `A` and of its X25519 form (two field inversions).
    #[must_use]
    pub fn from_seed(seed: Seed) -> Ed25519SecretKey {
        let mut h = Sha512::digest(seed.expose_bytes());
        let mut expanded = [0u8; 64];
        for (e, b) in expanded.iter_mut().zip(h.iter()) {
            *e = *b;
        }
        h.as_mut_slice().zeroize();
        let mut lower = Zeroizing::new([0u8; 32]);
        for (l, e) in lower.iter_mut().zip(expanded.iter()) {
            *l = *e;
        }
        let clamped = Zeroizing::new(clamp_integer(*lower));
        for (e, c) in expanded.iter_mut().zip(clamped.iter()) {
            *e = *c;
        }
        let scalar = SecretScalar::from_bytes_mod_order(&clamped);
        // a = clamp(..) = 2^254 + 8k < 2^255 is no multiple of L, so A is never the identity:
        // A passes the scalar-multiplication rule by construction.
        let a_point = EdwardsPoint::mul_base(scalar.expose_dalek());
        let bytes = a_point.compress().to_bytes();
        let public = Point::from_trusted(a_point, bytes);
        Ed25519SecretKey {
            seed,
            expanded,
            scalar,
            public_key: Ed25519PublicKey(bytes),
            x25519_public: public.to_x25519(),
            public,
        }
    }

    /// A key from its seed (32 bytes) or libsodium's 64-byte `seed ‖ A` (libsession's
    /// `ed25519_privkey` arguments accept both). A 64-byte key must be consistent.
    ///
    /// # Errors
    /// [`Error::InvalidLength`] for [`Input::SeedOrSecretKey`] unless 32 or 64 bytes;
    /// [`Error::InconsistentSecretKey`] if the upper half is not the seed's public key.
    pub fn from_bytes(key: &[u8]) -> Result<Ed25519SecretKey, Error> {
        let seed = seed_for_ed_privkey(key)?;
        let sk = Self::from_seed(seed);
        match key.get(SEED_LEN..) {
            Some(upper) if !upper.is_empty() && upper != sk.public_key().as_bytes() => {
                Err(Error::InconsistentSecretKey)
            }
            _ => Ok(sk),
        }
    }

    /// A key from libsodium's 64-byte `seed ‖ A` only (libsession `to_curve25519_seckey`'s
    /// `ed25519_seckey`, the Ed25519 overloads of multi-recipient encryption).
    ///
    /// # Errors
    /// [`Error::InvalidLength`] for [`Input::Ed25519SecretKey`] unless 64 bytes;
    /// [`Error::InconsistentSecretKey`] as [`Ed25519SecretKey::from_bytes`].
    pub fn from_keypair_bytes(key: &[u8]) -> Result<Ed25519SecretKey, Error> {
        if key.len() != SECRET_KEY_LEN {
            return Err(Error::InvalidLength {
                input: Input::Ed25519SecretKey,
                len: key.len(),
            });
        }
        Self::from_bytes(key)
    }

    /// A new random key (libsodium `crypto_sign_ed25519_keypair`).
    pub fn generate<R: CryptoRng + ?Sized>(rng: &mut R) -> Ed25519SecretKey {
        Self::from_seed(Seed::generate(rng))
    }

    /// The public key `A`.
    #[must_use]
    pub const fn public_key(&self) -> &Ed25519PublicKey {
        &self.public_key
    }

    /// `A` as a point (it passes the scalar-multiplication rule by construction).
    #[must_use]
    pub const fn public_point(&self) -> &Point {
        &self.public
    }

    /// The seed.
    #[must_use]
    pub const fn seed(&self) -> &Seed {
        &self.seed
    }

    /// libsodium's 64-byte secret key `seed ‖ A` (what libsession passes around as
    /// `ed25519_sk`; blind15 signing hashes it whole).
    #[must_use]
    pub fn to_bytes(&self) -> Zeroizing<[u8; SECRET_KEY_LEN]> {
        let mut out = Zeroizing::new([0u8; SECRET_KEY_LEN]);
        for (o, b) in out.iter_mut().zip(
            self.seed
                .expose_bytes()
                .iter()
                .chain(self.public.as_bytes()),
        ) {
            *o = *b;
        }
        out
    }

    /// The private scalar `a mod L` (the clamped `edsk_to_x` value, reduced): what signing and
    /// every blinding function multiply by.
    #[must_use]
    pub const fn scalar(&self) -> &SecretScalar {
        &self.scalar
    }

    /// The clamped scalar bytes `a` as libsodium stores them (not reduced modulo `L`).
    pub(crate) fn clamped_bytes(&self) -> &[u8] {
        self.expanded.get(..32).unwrap_or_default()
    }

    /// The signing nonce prefix, `SHA-512(seed)[32..64]`.
    pub(crate) fn nonce_prefix(&self) -> &[u8] {
        self.expanded.get(32..).unwrap_or_default()
    }

    /// The account's X25519 key pair: secret [`edsk_to_x`], public `ed_to_x(A)` (equal to
    /// X25519(secret, 9); computed once, from `A`, when the key was made).
    #[must_use]
    pub fn x25519_key_pair(&self) -> X25519KeyPair {
        X25519KeyPair {
            secret: edsk_to_x(self),
            public: self.x25519_public,
        }
    }

    /// The account's X25519 public key `ed_to_x(A)` (computed once, when the key was made).
    #[must_use]
    pub const fn x25519_public_key(&self) -> &X25519PublicKey {
        &self.x25519_public
    }

    /// The account's Session ID, `05 ‖ ed_to_x(A)`.
    #[must_use]
    pub fn session_id(&self) -> SessionId {
        SessionId::from_x25519(self.x25519_public)
    }
}

impl core::fmt::Debug for Ed25519SecretKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Ed25519SecretKey")
            .field("public", self.public_key())
            .finish_non_exhaustive()
    }
}

/// libsession `ed25519_key_pair(seed)`: the key of a 32-byte seed.
///
/// # Errors
/// [`Error::InvalidLength`] for [`Input::Seed`] unless exactly 32 bytes (vectors `keys.json`
/// `key_pair_bad_seed_len_*`).
pub fn ed25519_key_pair(seed: &[u8]) -> Result<Ed25519SecretKey, Error> {
    Seed::from_bytes(seed).map(Ed25519SecretKey::from_seed)
}

/// `edsk_to_x(sk)` = `crypto_sign_ed25519_sk_to_curve25519` (libsession
/// `to_curve25519_seckey`): the clamped `SHA-512(seed)[0..32]` as the X25519 secret key.
#[doc(alias = "to_curve25519_seckey")]
#[doc(alias = "crypto_sign_ed25519_sk_to_curve25519")]
#[must_use]
pub fn edsk_to_x(key: &Ed25519SecretKey) -> X25519SecretKey {
    let mut b = Zeroizing::new([0u8; 32]);
    b.copy_from_slice(key.clamped_bytes());
    X25519SecretKey::from_bytes(*b)
}

/// X25519 Diffie-Hellman `crypto_scalarmult(secret, public)` with libsodium's check (the
/// all-zero output is refused, in constant time), reporting in this crate's error. The one
/// X25519 every module of this crate uses (`oxen-keys`' Edwards-form X25519).
///
/// # Errors
/// [`Error::ZeroSharedSecret`] when `public` is zero or of small order (its multiple by the
/// clamped secret is the point at infinity).
pub fn diffie_hellman(
    secret: &X25519SecretKey,
    public: &X25519PublicKey,
) -> Result<SharedSecret, Error> {
    secret
        .diffie_hellman(public)
        .map_err(|_| Error::ZeroSharedSecret)
}

/// A 32-byte Ed25519 public key, read as this crate reads it (no point check: each use applies
/// its own, see [`crate::point`]).
///
/// # Errors
/// [`Error::InvalidLength`] for [`Input::Ed25519PublicKey`].
pub fn parse_ed25519_public_key(bytes: &[u8]) -> Result<Ed25519PublicKey, Error> {
    Ed25519PublicKey::from_bytes(bytes).map_err(|_| Error::InvalidLength {
        input: Input::Ed25519PublicKey,
        len: bytes.len(),
    })
}

/// A 32-byte X25519 public key (any value: libsodium's X25519 accepts every u and refuses only
/// an all-zero result).
///
/// # Errors
/// [`Error::InvalidLength`] for [`Input::X25519PublicKey`].
pub fn parse_x25519_public_key(bytes: &[u8]) -> Result<X25519PublicKey, Error> {
    X25519PublicKey::from_bytes(bytes).map_err(|_| Error::InvalidLength {
        input: Input::X25519PublicKey,
        len: bytes.len(),
    })
}

/// A 32-byte X25519 secret key (stored as given; clamped inside every multiplication).
///
/// # Errors
/// [`Error::InvalidLength`] for [`Input::X25519SecretKey`].
pub fn parse_x25519_secret_key(bytes: &[u8]) -> Result<X25519SecretKey, Error> {
    let b: &[u8; 32] = bytes.try_into().map_err(|_| Error::InvalidLength {
        input: Input::X25519SecretKey,
        len: bytes.len(),
    })?;
    Ok(X25519SecretKey::from_bytes(*b))
}
