//! Keys: node identities, X25519 key pairs, the Diffie-Hellman and its zero check.
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
use crate::codec;

/// Bytes of every key handled here.
pub const KEY_LEN: usize = 32;

/// A service node's Ed25519 identity key: its routing address in `destination`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Ed25519PublicKey(pub [u8; KEY_LEN]);

/// An X25519 public key (node encryption key or a layer's ephemeral key).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct X25519PublicKey(pub [u8; KEY_LEN]);

macro_rules! key_common {
    ($t:ident) => {
        impl $t {
            /// The 32 key bytes.
            #[must_use]
            pub const fn to_bytes(&self) -> [u8; KEY_LEN] {
                self.0
            }
            /// The 32 key bytes, borrowed.
            #[must_use]
            pub const fn as_bytes(&self) -> &[u8; KEY_LEN] {
                &self.0
            }
            /// Exactly 32 raw bytes.
            ///
            /// # Errors
            /// [`Error::InvalidKeyLength`] for any other length.
            pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
                bytes
                    .try_into()
                    .map(Self)
                    .map_err(|_| Error::InvalidKeyLength)
            }
            /// Exactly 64 hex digits, either case (oxenss `from_hex`).
            ///
            /// # Errors
            /// [`Error::InvalidHexKey`] otherwise.
            pub fn from_hex(hex: &str) -> Result<Self, Error> {
                codec::hex32(hex.as_bytes()).map(Self)
            }
            /// Lower-case hex, as emitted in the control JSON.
            #[must_use]
            pub fn to_hex(&self) -> alloc::string::String {
                codec::to_hex(&self.0)
            }
        }
        impl core::fmt::Debug for $t {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                write!(f, concat!(stringify!($t), "({})"), self.to_hex())
            }
        }
        impl From<[u8; KEY_LEN]> for $t {
            fn from(b: [u8; KEY_LEN]) -> Self {
                Self(b)
            }
        }
    };
}
key_common!(Ed25519PublicKey);
key_common!(X25519PublicKey);

impl X25519PublicKey {
    /// libsession `parse_x25519_pubkey`, used only by the destination parser
    /// ([`crate::server`]): 32 raw bytes, 64 hex digits, 43 base64 characters (or 44 ending in
    /// `=`), or 52 base32z characters. **Anything else silently becomes the all-zero key**, as
    /// upstream; the following Diffie-Hellman then fails with [`Error::ZeroSharedSecret`]
    /// (vectors `server_parser.json` `*/bad-ephemeral`, `*/valid-b64-key`, `*/valid-b32z-key`).
    #[must_use]
    pub fn parse_lenient(s: &[u8]) -> Self {
        let decoded = match s.len() {
            32 => s.try_into().ok(),
            64 => codec::hex32(s).ok(),
            43 => codec::from_base64(s)
                .ok()
                .and_then(|v| v.get(..32)?.try_into().ok()),
            44 if s.last() == Some(&b'=') => codec::from_base64(s)
                .ok()
                .and_then(|v| v.get(..32)?.try_into().ok()),
            52 => codec::from_base32z(s).and_then(|v| v.get(..32)?.try_into().ok()),
            _ => None,
        };
        Self(decoded.unwrap_or([0u8; KEY_LEN]))
    }
}

/// An X25519 secret: 32 bytes stored unclamped, as libsodium `crypto_box_keypair` stores them
/// (clamping happens inside every multiplication). Zeroized on drop, never printed.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct X25519SecretKey([u8; KEY_LEN]);

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

    /// The secret bytes (for persisting a node key; handle with care).
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
/// for tests and benchmarks of [`x25519`].
#[must_use]
pub fn x25519_ladder(scalar: &[u8; KEY_LEN], u: &[u8; KEY_LEN]) -> SharedSecret {
    SharedSecret(MontgomeryPoint(*u).mul_clamped(*scalar).to_bytes())
}

/// A peer's X25519 public key together with its Edwards lift (computed once), so that repeated
/// Diffie-Hellmans with the same node skip the square root of the lift. `None` for a key on
/// the twist, which goes through the Montgomery ladder instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LiftedPublicKey {
    pub(crate) key: X25519PublicKey,
    edwards: Option<EdwardsPoint>,
}

impl LiftedPublicKey {
    pub(crate) fn new(key: X25519PublicKey) -> Self {
        Self {
            edwards: MontgomeryPoint(key.0).to_edwards(0),
            key,
        }
    }
}

/// Key generation and Diffie-Hellman for several layers at once (the builder's hot path):
/// for each secret `a_i` and peer `B_i`, returns `(A_i = X25519(a_i, 9), S_i = X25519(a_i, B_i))`.
/// All 2n results are computed in Edwards form and mapped to Montgomery u with one batched
/// field inversion. Constant time in the secrets; the all-zero S is rejected.
pub(crate) fn keygen_and_dh_batch(
    secrets: &[X25519SecretKey],
    peers: &[&LiftedPublicKey],
) -> Result<alloc::vec::Vec<(X25519PublicKey, SharedSecret)>, Error> {
    let n = secrets.len();
    let mut eds: alloc::vec::Vec<EdwardsPoint> = alloc::vec::Vec::with_capacity(2 * n);
    eds.extend(secrets.iter().map(|s| EdwardsPoint::mul_base_clamped(s.0)));
    // ladder results are shared secrets, each zeroized on drop
    let mut ladder: alloc::vec::Vec<Option<SharedSecret>> = alloc::vec::Vec::with_capacity(n);
    for (s, peer) in secrets.iter().zip(peers) {
        match &peer.edwards {
            Some(p) => {
                eds.push(p.mul_clamped(s.0));
                ladder.push(None);
            }
            None => {
                eds.push(EdwardsPoint::default());
                ladder.push(Some(x25519_ladder(&s.0, peer.key.as_bytes())));
            }
        }
    }
    let mut us = EdwardsPoint::to_montgomery_batch(&eds);
    eds.zeroize();
    let (pubs, dhs) = us.split_at(n.min(us.len()));
    let mut out = alloc::vec::Vec::with_capacity(n);
    let mut all_ok = subtle::Choice::from(1u8);
    for ((p, d), l) in pubs.iter().zip(dhs).zip(ladder) {
        let shared = l.unwrap_or_else(|| SharedSecret(d.to_bytes()));
        all_ok &= !shared.0.ct_eq(&[0u8; KEY_LEN]);
        out.push((X25519PublicKey(p.to_bytes()), shared));
    }
    us.zeroize();
    if !bool::from(all_ok) || out.len() != n {
        return Err(Error::ZeroSharedSecret);
    }
    Ok(out)
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
pub struct SharedSecret([u8; KEY_LEN]);

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
}

impl core::fmt::Debug for SharedSecret {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("SharedSecret(..)")
    }
}

/// A service node's keys: the X25519 pair for decryption and the Ed25519 routing address.
#[derive(Clone, Debug)]
pub struct NodeKeys {
    /// X25519 encryption key pair (`pubkey_x25519`).
    pub x25519: X25519KeyPair,
    /// Ed25519 identity (`pubkey_ed25519`).
    pub ed25519: Ed25519PublicKey,
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
    fn batch_matches_single_and_rejects_low_order() {
        let secrets: alloc::vec::Vec<X25519SecretKey> = (1..=4u8)
            .map(|b| X25519SecretKey::from_bytes([b; 32]))
            .collect();
        let mut two = [0u8; 32];
        two[0] = 2; // on the twist: ladder fallback
        let peers: alloc::vec::Vec<LiftedPublicKey> = [
            X25519SecretKey::from_bytes([9; 32]).public_key(),
            X25519PublicKey(two),
            X25519SecretKey::from_bytes([8; 32]).public_key(),
            X25519SecretKey::from_bytes([7; 32]).public_key(),
        ]
        .into_iter()
        .map(LiftedPublicKey::new)
        .collect();
        assert!(peers[1].edwards.is_none());
        let refs: alloc::vec::Vec<&LiftedPublicKey> = peers.iter().collect();
        let out = keygen_and_dh_batch(&secrets, &refs).unwrap();
        for ((s, p), (a, shared)) in secrets.iter().zip(&peers).zip(&out) {
            assert_eq!(*a, s.public_key());
            assert_eq!(shared, &x25519_ladder(&s.0, p.key.as_bytes()));
        }
        let zero = LiftedPublicKey::new(X25519PublicKey([0; 32]));
        let refs = [&peers[0], &zero];
        assert_eq!(
            keygen_and_dh_batch(&secrets[..2], &refs).unwrap_err(),
            Error::ZeroSharedSecret
        );
    }

    #[test]
    fn zero_shared_secret_rejected() {
        let sk = X25519SecretKey::from_bytes([9u8; 32]);
        assert_eq!(
            sk.diffie_hellman(&X25519PublicKey([0u8; 32])).unwrap_err(),
            Error::ZeroSharedSecret
        );
    }
}
