//! X25519: secrets, key pairs, the Diffie-Hellman and its all-zero check.
//!
//! X25519 here is computed in Edwards form on curve25519-dalek's vector backend (AVX-512 IFMA
//! or AVX2 when built with `--cfg curve25519_dalek_backend="avx512"`, see the crate README),
//! mapped to the Montgomery u-coordinate. It yields the same bytes as the RFC 7748 ladder:
//! for X25519 the u-coordinate of the result does not depend on the sign chosen when lifting
//! the peer's u to an Edwards point. Public keys on the quadratic twist (which have no Edwards
//! lift) fall back to the Montgomery ladder; whether a public key lies on the twist is public.

use curve25519_dalek::edwards::EdwardsPoint;
use curve25519_dalek::montgomery::MontgomeryPoint;
use rand_core::CryptoRng;
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::Error;
use crate::public::{KEY_LEN, X25519PublicKey};

/// An X25519 secret: 32 bytes stored unclamped, as libsodium `crypto_box_keypair` stores them
/// (clamping happens inside every multiplication). Zeroized on drop, never printed.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct X25519SecretKey(pub(crate) [u8; KEY_LEN]);

impl X25519SecretKey {
    /// Wraps 32 secret bytes (e.g. a node's key from its key file).
    #[must_use]
    pub const fn from_bytes(bytes: [u8; KEY_LEN]) -> Self {
        Self(bytes)
    }

    /// Draws 32 bytes from `rng`, exactly like libsodium `crypto_box_keypair`.
    pub fn random<R: CryptoRng + ?Sized>(rng: &mut R) -> Self {
        let mut b = [0u8; KEY_LEN];
        rng.fill_bytes(&mut b);
        let s = Self(b);
        b.zeroize();
        s
    }

    /// The secret bytes (for persisting a key; handle with care).
    #[must_use]
    pub const fn expose_bytes(&self) -> &[u8; KEY_LEN] {
        &self.0
    }

    /// X25519(sk, 9), computed as a clamped fixed-base multiplication in Edwards form.
    #[must_use]
    pub fn public_key(&self) -> X25519PublicKey {
        X25519PublicKey(
            EdwardsPoint::mul_base_clamped(self.0)
                .to_montgomery()
                .to_bytes(),
        )
    }

    /// `crypto_scalarmult(sk, pk)` with libsodium's check: **the all-zero output is rejected**
    /// (compared in constant time).
    ///
    /// # Errors
    /// [`Error::ZeroSharedSecret`] when `their_public` is of low order (or zero).
    pub fn diffie_hellman(&self, their_public: &X25519PublicKey) -> Result<SharedSecret, Error> {
        let s = x25519(&self.0, their_public.as_bytes());
        if bool::from(s.0.ct_eq(&[0u8; KEY_LEN])) {
            return Err(Error::ZeroSharedSecret);
        }
        Ok(s)
    }
}

impl core::fmt::Debug for X25519SecretKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("X25519SecretKey(..)")
    }
}

/// X25519 scalar multiplication by the clamped `scalar`, Edwards form when the peer's u has a
/// lift to the curve (see the module docs), the Montgomery ladder otherwise. Constant time in
/// the scalar. The output is a shared secret (zeroized on drop), no zero check: see
/// [`X25519SecretKey::diffie_hellman`].
#[must_use]
pub fn x25519(scalar: &[u8; KEY_LEN], u: &[u8; KEY_LEN]) -> SharedSecret {
    let m = MontgomeryPoint(*u);
    match m.to_edwards(0) {
        Some(p) => {
            let product = Zeroizing::new(p.mul_clamped(*scalar));
            SharedSecret(product.to_montgomery().to_bytes())
        }
        None => x25519_ladder(scalar, u),
    }
}

/// X25519 by the RFC 7748 Montgomery ladder (x25519-dalek's method); kept as the reference
/// for tests and benchmarks of [`x25519`], and the fallback for public keys on the twist.
#[must_use]
pub fn x25519_ladder(scalar: &[u8; KEY_LEN], u: &[u8; KEY_LEN]) -> SharedSecret {
    SharedSecret(MontgomeryPoint(*u).mul_clamped(*scalar).to_bytes())
}

/// A key pair: secret plus its public key (computed once).
#[derive(Clone)]
pub struct X25519KeyPair {
    /// The secret half.
    pub secret: X25519SecretKey,
    /// X25519(secret, 9).
    pub public: X25519PublicKey,
}

impl X25519KeyPair {
    /// Derives the public key from `secret`.
    #[must_use]
    pub fn from_secret(secret: X25519SecretKey) -> Self {
        let public = secret.public_key();
        Self { secret, public }
    }

    /// libsodium `crypto_box_keypair`: 32 random bytes, public = X25519(sk, 9).
    pub fn generate<R: CryptoRng + ?Sized>(rng: &mut R) -> Self {
        Self::from_secret(X25519SecretKey::random(rng))
    }
}

impl core::fmt::Debug for X25519KeyPair {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("X25519KeyPair")
            .field("public", &self.public)
            .finish_non_exhaustive()
    }
}

/// The raw X25519 output S. Zeroized on drop, never printed, not `Copy`; constant-time
/// equality.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct SharedSecret(pub(crate) [u8; KEY_LEN]);

impl PartialEq for SharedSecret {
    fn eq(&self, other: &SharedSecret) -> bool {
        self.0.ct_eq(&other.0).into()
    }
}
impl Eq for SharedSecret {}

impl SharedSecret {
    /// The secret bytes.
    #[must_use]
    pub const fn expose_bytes(&self) -> &[u8; KEY_LEN] {
        &self.0
    }

    /// Is this the all-zero output that libsodium's `crypto_scalarmult` refuses? Constant time.
    #[must_use]
    pub fn is_zero(&self) -> subtle::Choice {
        self.0.ct_eq(&[0u8; KEY_LEN])
    }
}

impl core::fmt::Debug for SharedSecret {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("SharedSecret(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edwards_matches_ladder_including_twist_and_low_order() {
        let mut s = [7u8; 32];
        for i in 0..64u8 {
            s[0] = i;
            let mut u = [i.wrapping_mul(29); 32];
            u[31] &= 0x7f;
            assert_eq!(x25519(&s, &u), x25519_ladder(&s, &u));
        }
        // a twist point (u = 2 is on the twist) and low-order points
        let mut two = [0u8; 32];
        two[0] = 2;
        assert_eq!(x25519(&s, &two), x25519_ladder(&s, &two));
        for u in [[0u8; 32], {
            let mut one = [0u8; 32];
            one[0] = 1;
            one
        }] {
            assert_eq!(x25519(&s, &u).0, [0u8; 32]);
            assert_eq!(x25519_ladder(&s, &u).0, [0u8; 32]);
        }
    }

    #[test]
    fn zero_shared_secret_rejected() {
        let sk = X25519SecretKey::from_bytes([9u8; 32]);
        assert_eq!(
            sk.diffie_hellman(&X25519PublicKey([0u8; 32])).unwrap_err(),
            Error::ZeroSharedSecret
        );
        assert!(bool::from(x25519(&[9u8; 32], &[0u8; 32]).is_zero()));
    }
}
