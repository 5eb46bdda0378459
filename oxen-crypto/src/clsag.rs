//! CLSAG ring signatures as used by RingCT (`RCTType::CLSAG`; oxen-core src/ringct/rctSigs.cpp
//! `CLSAG_Gen`, `proveRctCLSAGSimple`, `verRctCLSAGSimple`).
//!
//! # The equations
//!
//! Ring `(P_i, C_i)`, `i < n`; pseudo-out commitment `C_off`; message `m` (the pre-CLSAG hash);
//! key image `I = p Hp(P_l)`; commitment key image `D_full = z Hp(P_l)` where
//! `C_l - C_off = z G`; serialized `D = D_full / 8` (multiplied by `INV_EIGHT`).
//!
//! ```text
//! mu_P = Hs(pad32("CLSAG_agg_0") || P_0..P_{n-1} || C_0..C_{n-1} || I || D || C_off)
//! mu_C = Hs(pad32("CLSAG_agg_1") || the same)
//! round(L, R) = Hs(pad32("CLSAG_round") || P_0..P_{n-1} || C_0..C_{n-1} || C_off || m || L || R)
//! L_i = s_i G       + c_i mu_P P_i + c_i mu_C (C_i - C_off)
//! R_i = s_i Hp(P_i) + c_i mu_P I   + c_i mu_C (8 D)
//! c_{i+1} = round(L_i, R_i)        (indices mod n; every round rejects c = 0)
//! ```
//!
//! The signature is `(s_0..s_{n-1}, c1 = c_0, D)`; it is valid iff the chain closes:
//! `c_n = c_0`. Signing starts at the real index `l` with `L_l = alpha G`, `R_l = alpha Hp(P_l)`
//! and closes with `s_l = alpha - c_l (mu_P p + mu_C z)`. `mu_P`, `mu_C` and the rounds hash the
//! ring commitments as given (not minus `C_off`) and the serialized `D`, while `R` uses `8 D`.
//! The key image `I` is not serialized (it is the transaction input's `k_image`) and is not
//! subgroup-checked here (the blockchain checks `l I = identity` separately, see
//! [`crate::KeyImage::check_domain`]).
//!
//! Vectors: `clsag.json` (ring sizes 1, 2, 10, 11, 16; 35 valid and 55 invalid cases).
//!
//! # Wire format
//!
//! Inside `rctSigPrunable`: `s_0 || .. || s_{n-1} || c1 || D`, 32 bytes each, no count (the
//! ring size comes from the input's key offsets). See [`Clsag::from_bytes`] / [`Clsag::write`].

use alloc::vec::Vec;

use curve25519_dalek::constants::ED25519_BASEPOINT_POINT;
use curve25519_dalek::edwards::{EdwardsPoint, VartimeEdwardsPrecomputation};
use curve25519_dalek::traits::{
    Identity, IsIdentity, MultiscalarMul, VartimePrecomputedMultiscalarMul,
};
use rand_core::CryptoRng;
use subtle::{ConditionallySelectable, ConstantTimeEq, ConstantTimeGreater};
use zeroize::Zeroizing;

use crate::hash::Keccak256;
use crate::hash_to_point::{hash_to_ec, hash_to_ec_batch_vartime};
use crate::keys::ScalarBytes;
use crate::keys::{KeyImage, SecretKey};
use crate::{CompressedPoint, Error, Scalar};

/// `pad32("CLSAG_agg_0")` (src/cryptonote_config.h `hashkey::CLSAG_AGG_0`).
pub const DOMAIN_AGG_0: [u8; 32] = pad32(b"CLSAG_agg_0");
/// `pad32("CLSAG_agg_1")` (`hashkey::CLSAG_AGG_1`).
pub const DOMAIN_AGG_1: [u8; 32] = pad32(b"CLSAG_agg_1");
/// `pad32("CLSAG_round")` (`hashkey::CLSAG_ROUND`).
pub const DOMAIN_ROUND: [u8; 32] = pad32(b"CLSAG_round");

/// `8^-1 mod l`, little-endian (`rct::INV_EIGHT`).
pub const INV_EIGHT: [u8; 32] = [
    0x79, 0x2f, 0xdc, 0xe2, 0x29, 0xe5, 0x06, 0x61, 0xd0, 0xda, 0x1c, 0x7d, 0xb3, 0x9d, 0xd3, 0x07,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x06,
];

#[allow(clippy::indexing_slicing)] // const evaluation only, bounds checked by the loop
const fn pad32(s: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    let mut i = 0;
    while i < s.len() && i < 32 {
        out[i] = s[i];
        i += 1;
    }
    out
}

/// A CLSAG signature: one response per ring member, the challenge `c1` entering index 0, and
/// the commitment key image `D` as serialized (already divided by 8).
///
/// The scalars are kept as their wire bytes ([`ScalarBytes`]): the reference's transaction
/// parser does not check them, its verifier does (`sc_check` in `verRctCLSAGSimple`), and so do
/// [`Clsag::read`] and [`Clsag::verify`] here. One type serves the parser and the verifier.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Clsag {
    /// Responses `s_0..s_{n-1}` (checked canonical by [`Clsag::verify`]).
    pub s: Vec<ScalarBytes>,
    /// The challenge entering index 0 (upstream `c1`; checked canonical by [`Clsag::verify`]).
    pub c1: ScalarBytes,
    /// `D = z Hp(P_l) / 8` as serialized (decoded and checked by the verifier).
    #[cfg_attr(feature = "serde", serde(rename = "D"))]
    pub d: CompressedPoint,
}

/// A ring member: the one-time output key `P_i` and its amount commitment `C_i`, as encoded
/// on the chain.
pub type RingMember = (CompressedPoint, CompressedPoint);

impl Clsag {
    /// The encoded length for a ring of `ring_size` members: `32 (n + 2)`.
    #[must_use]
    pub const fn encoded_len(ring_size: usize) -> usize {
        32 * (ring_size + 2)
    }

    /// Decodes `s_0..s_{n-1} || c1 || D` for a ring of `ring_size` members from the start of
    /// `bytes`; returns the signature and the bytes read. Like the reference's parser it checks
    /// no scalar and no point: [`Clsag::verify`] checks the scalars (`sc_check`) and `D`.
    ///
    /// # Errors
    /// [`Error::RingTooSmall`] for `ring_size == 0`, [`Error::InvalidLength`] if `bytes` is
    /// too short.
    pub fn read(bytes: &[u8], ring_size: usize) -> Result<(Clsag, usize), Error> {
        if ring_size == 0 {
            return Err(Error::RingTooSmall);
        }
        let len = ring_size
            .checked_add(2)
            .and_then(|k| k.checked_mul(32))
            .ok_or(Error::InvalidLength)?;
        let body = bytes.get(..len).ok_or(Error::InvalidLength)?;
        let mut chunks = body.chunks_exact(32).map(|c| {
            let mut a = [0u8; 32];
            a.copy_from_slice(c);
            a
        });
        let mut s = Vec::with_capacity(ring_size);
        for chunk in chunks.by_ref().take(ring_size) {
            s.push(ScalarBytes(chunk));
        }
        let c1 = ScalarBytes(chunks.next().ok_or(Error::InvalidLength)?);
        let d = CompressedPoint(chunks.next().ok_or(Error::InvalidLength)?);
        Ok((Clsag { s, c1, d }, len))
    }

    /// Decodes a signature that must fill `bytes` exactly.
    ///
    /// # Errors
    /// As [`Clsag::read`], and [`Error::InvalidLength`] for trailing bytes.
    pub fn from_bytes(bytes: &[u8], ring_size: usize) -> Result<Clsag, Error> {
        let (sig, used) = Clsag::read(bytes, ring_size)?;
        if used != bytes.len() {
            return Err(Error::InvalidLength);
        }
        Ok(sig)
    }

    /// Appends the wire encoding.
    pub fn write(&self, out: &mut Vec<u8>) {
        for s in &self.s {
            out.extend_from_slice(s.as_bytes());
        }
        out.extend_from_slice(self.c1.as_bytes());
        out.extend_from_slice(self.d.as_bytes());
    }

    /// The wire encoding.
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(Clsag::encoded_len(self.s.len()));
        self.write(&mut out);
        out
    }
}

/// The aggregation coefficients and the cloneable round-hash prefix.
struct Transcript {
    mu_p: Scalar,
    mu_c: Scalar,
    round: Keccak256,
}

impl Transcript {
    fn new(
        ring: &[RingMember],
        key_image: &[u8; 32],
        d: &[u8; 32],
        pseudo_out: &[u8; 32],
        message: &[u8; 32],
    ) -> Transcript {
        let agg = |domain: &[u8; 32]| {
            let mut h = Keccak256::new();
            h.update(domain);
            for (p, _) in ring {
                h.update(p.as_bytes());
            }
            for (_, c) in ring {
                h.update(c.as_bytes());
            }
            h.update(key_image).update(d).update(pseudo_out);
            h.finalize_scalar()
        };
        let mut round = Keccak256::new();
        round.update(&DOMAIN_ROUND);
        for (p, _) in ring {
            round.update(p.as_bytes());
        }
        for (_, c) in ring {
            round.update(c.as_bytes());
        }
        round.update(pseudo_out).update(message);
        Transcript {
            mu_p: agg(&DOMAIN_AGG_0),
            mu_c: agg(&DOMAIN_AGG_1),
            round,
        }
    }

    /// `round(L, R)` from the compressed `L`, `R`.
    fn challenge(&self, l: &EdwardsPoint, r: &EdwardsPoint) -> Scalar {
        let [lc, rc] = EdwardsPoint::compress_batch(&[*l, *r]);
        let mut h = self.round.clone();
        h.update(lc.as_bytes()).update(rc.as_bytes());
        h.finalize_scalar()
    }
}

/// The base point's wide variable-time table (built once per process with `std`).
#[cfg(feature = "std")]
fn g_precomputation() -> &'static VartimeEdwardsPrecomputation {
    static TABLE: std::sync::OnceLock<VartimeEdwardsPrecomputation> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| VartimeEdwardsPrecomputation::new([ED25519_BASEPOINT_POINT]))
}

/// The base point's wide variable-time table (rebuilt per call without `std`).
#[cfg(not(feature = "std"))]
fn g_precomputation() -> VartimeEdwardsPrecomputation {
    VartimeEdwardsPrecomputation::new([ED25519_BASEPOINT_POINT])
}

/// The secret inputs of [`sign`].
pub struct ClsagSecret<'a> {
    /// `p`: the spend secret of the real member's one-time key, `P_l = p G`.
    pub p: &'a SecretKey,
    /// `z`: input mask minus pseudo-out mask (mod l), so that `C_l - C_off = z G`.
    pub z: &'a Scalar,
    /// `l`: the real member's index in the ring.
    pub real_index: usize,
}

/// Signs (`proveRctCLSAGSimple` + `CLSAG_Gen`, non-multisig).
///
/// * `message`: the 32-byte pre-CLSAG hash (oxen-tx computes it);
/// * `ring`: the members `(P_i, C_i)` as on the chain;
/// * `pseudo_out`: the pseudo-output commitment `C_off`;
/// * `secret`: `p`, `z` and the real index `l`.
///
/// Returns the signature and the key image `I = p Hp(P_l)`.
///
/// Constant time in `p`, `z`, `alpha` and the real index: each of the `n - 1` decoy rounds
/// selects its member with a constant-time scan over the whole ring, the responses are written
/// with `conditional_assign` at every index, and all scalar multiplications are
/// constant-time ones. (The ring itself and the message are public.)
///
/// # Errors
/// [`Error::RingTooSmall`], [`Error::RealIndexOutOfRange`], decoding errors for the ring or the
/// pseudo-out, [`Error::SecretKeyMismatch`] if `P_l != p G` or `C_l - C_off != z G`.
pub fn sign<R: CryptoRng + ?Sized>(
    message: &[u8; 32],
    ring: &[RingMember],
    pseudo_out: &CompressedPoint,
    secret: &ClsagSecret<'_>,
    rng: &mut R,
) -> Result<(Clsag, KeyImage), Error> {
    let n = ring.len();
    if n == 0 {
        return Err(Error::RingTooSmall);
    }
    if secret.real_index >= n {
        return Err(Error::RealIndexOutOfRange);
    }
    let c_off = pseudo_out.decompress()?.0;
    let mut p_pts = Vec::with_capacity(n);
    let mut c_pts = Vec::with_capacity(n);
    let mut hp = Vec::with_capacity(n);
    for (p, c) in ring {
        p_pts.push(p.decompress()?.0);
        c_pts.push(c.decompress()?.0 - c_off);
        hp.push(hash_to_ec(p.as_bytes()).0);
    }
    let l = secret.real_index as u64;
    let is = |i: usize| (i as u64).ct_eq(&l);
    // The real member, selected without a secret-indexed access.
    let mut p_l = EdwardsPoint::identity();
    let mut c_l = EdwardsPoint::identity();
    let mut hp_l = EdwardsPoint::identity();
    for (i, ((p, c), h)) in p_pts.iter().zip(&c_pts).zip(&hp).enumerate() {
        p_l.conditional_assign(p, is(i));
        c_l.conditional_assign(c, is(i));
        hp_l.conditional_assign(h, is(i));
    }
    // borrowed, not copied: the secrets stay only in their zeroizing owners
    let p_sec = &secret.p.as_scalar().0;
    let z = &secret.z.0;
    let ok = EdwardsPoint::mul_base(p_sec).ct_eq(&p_l) & EdwardsPoint::mul_base(z).ct_eq(&c_l);
    if !bool::from(ok) {
        return Err(Error::SecretKeyMismatch);
    }
    let image = hp_l * p_sec;
    let d_full = hp_l * z;
    let inv8 = curve25519_dalek::Scalar::from_bytes_mod_order(INV_EIGHT);
    let [image_c, d_c] = EdwardsPoint::compress_batch(&[image, d_full * inv8]);
    let (image_b, d_b) = (image_c.to_bytes(), d_c.to_bytes());
    let t = Transcript::new(ring, &image_b, &d_b, pseudo_out.as_bytes(), message);

    let alpha = Zeroizing::new(Scalar::random(rng).0);
    let mut c = t.challenge(&EdwardsPoint::mul_base(&alpha), &(hp_l * *alpha));
    // c is now c_{l+1}; c1 = c_0.
    let mut c1 = Scalar::ZERO;
    let n64 = n as u64;
    c1.conditional_assign(&c, (l + 1).ct_eq(&n64));
    let mut s = Zeroizing::new(Vec::with_capacity(n));
    for _ in 0..n {
        s.push(Scalar::random(rng));
    }
    for j in 1..n as u64 {
        // idx = (l + j) mod n, without division
        let raw = l + j;
        let wrap = raw.ct_gt(&(n64 - 1));
        let idx = u64::conditional_select(&raw, &raw.wrapping_sub(n64), wrap);
        let mut p_i = EdwardsPoint::identity();
        let mut c_i = EdwardsPoint::identity();
        let mut h_i = EdwardsPoint::identity();
        let mut s_i = Scalar::ZERO;
        for (k, (((p, cc), h), sk)) in p_pts.iter().zip(&c_pts).zip(&hp).zip(s.iter()).enumerate() {
            let here = (k as u64).ct_eq(&idx);
            p_i.conditional_assign(p, here);
            c_i.conditional_assign(cc, here);
            h_i.conditional_assign(h, here);
            s_i.conditional_assign(sk, here);
        }
        let a = c.0 * t.mu_p.0;
        let b = c.0 * t.mu_c.0;
        let big_l =
            EdwardsPoint::mul_base(&s_i.0) + EdwardsPoint::multiscalar_mul([a, b], [p_i, c_i]);
        let big_r = EdwardsPoint::multiscalar_mul([s_i.0, a, b], [h_i, image, d_full]);
        c = t.challenge(&big_l, &big_r);
        // c is c_{idx+1}
        c1.conditional_assign(&c, (idx + 1).ct_eq(&n64));
    }
    // c = c_l
    let s_l = Scalar(*alpha - c.0 * (t.mu_p.0 * p_sec + t.mu_c.0 * z));
    for (k, sk) in s.iter_mut().enumerate() {
        sk.conditional_assign(&s_l, is(k));
    }
    Ok((
        Clsag {
            s: s.iter().map(|x| ScalarBytes::from(*x)).collect(),
            c1: c1.into(),
            d: CompressedPoint(d_b),
        },
        KeyImage(image_b),
    ))
}

impl Clsag {
    /// Verifies (`verRctCLSAGSimple`). **Variable time** (all inputs are public).
    ///
    /// Checks, in the reference's order: `n >= 1` and one response per member; every `s_i`,
    /// then `c1`, canonical (`sc_check`); `I` is not the identity (byte compare); `C_off` decodes;
    /// `D` decodes and `8 D` is not the identity; `I` decodes; then the chain of rounds, each
    /// member decoding and each round challenge non-zero, must close at `c1`.
    ///
    /// # Errors
    /// [`Error::RingTooSmall`], [`Error::RingLengthMismatch`], [`Error::NonCanonicalScalar`],
    /// [`Error::IdentityKeyImage`], [`Error::IdentityD`], decoding errors,
    /// [`Error::ChallengeZero`], [`Error::SignatureMismatch`].
    pub fn verify(
        &self,
        ring: &[RingMember],
        key_image: &KeyImage,
        pseudo_out: &CompressedPoint,
        message: &[u8; 32],
    ) -> Result<(), Error> {
        let n = ring.len();
        if n == 0 {
            return Err(Error::RingTooSmall);
        }
        if self.s.len() != n {
            return Err(Error::RingLengthMismatch);
        }
        let s_all = self
            .s
            .iter()
            .map(ScalarBytes::to_scalar)
            .collect::<Result<Vec<_>, _>>()?;
        let c1 = self.c1.to_scalar()?;
        if key_image.compressed().is_identity() {
            return Err(Error::IdentityKeyImage);
        }
        let c_off = pseudo_out.decompress()?.0;
        let d8 = self.d.decompress()?.0.mul_by_cofactor();
        if d8.is_identity() {
            return Err(Error::IdentityD);
        }
        let image = key_image.decompress()?.0;
        let t = Transcript::new(
            ring,
            key_image.as_bytes(),
            self.d.as_bytes(),
            pseudo_out.as_bytes(),
            message,
        );
        // Static points get wide precomputed tables: G for L; I and 8D for R (the same in every
        // round). L uses C_i - C_off (one addition) to stay a 3-term product.
        let r_table = VartimeEdwardsPrecomputation::new([image, d8]);
        let g_table = g_precomputation();
        let keys: Vec<[u8; 32]> = ring.iter().map(|(p, _)| p.0).collect();
        let hps = hash_to_ec_batch_vartime(&keys);
        let mut c = c1;
        for (((p, cm), s), hp) in ring.iter().zip(&s_all).zip(&hps) {
            let p_pt = p.decompress()?.0;
            let c_pt = cm.decompress()?.0 - c_off;
            let hp = hp.0;
            let a = c.0 * t.mu_p.0;
            let b = c.0 * t.mu_c.0;
            let big_l = g_table.vartime_mixed_multiscalar_mul([s.0], [a, b], [p_pt, c_pt]);
            let big_r = r_table.vartime_mixed_multiscalar_mul([a, b], [s.0], [hp]);
            c = t.challenge(&big_l, &big_r);
            if bool::from(c.is_zero()) {
                return Err(Error::ChallengeZero);
            }
        }
        if c == c1 {
            Ok(())
        } else {
            Err(Error::SignatureMismatch)
        }
    }

    /// [`Clsag::verify`] as a boolean (reference `verRctCLSAGSimple`). Variable time.
    #[must_use]
    pub fn check(
        &self,
        ring: &[RingMember],
        key_image: &KeyImage,
        pseudo_out: &CompressedPoint,
        message: &[u8; 32],
    ) -> bool {
        self.verify(ring, key_image, pseudo_out, message).is_ok()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::Point;
    use crate::keys::generate_keys;
    use rand::SeedableRng;

    pub(crate) fn random_ring(
        rng: &mut rand_chacha::ChaCha20Rng,
        n: usize,
        l: usize,
    ) -> (Vec<RingMember>, CompressedPoint, SecretKey, Scalar) {
        let mut ring = Vec::new();
        let (p, _) = generate_keys(rng);
        let mask = Scalar::random(rng);
        let pseudo_mask = Scalar::random(rng);
        let h = Point::mul_base(&Scalar::from(12345u64)); // any second generator
        let amount = Scalar::from(1000u64);
        for i in 0..n {
            if i == l {
                ring.push((
                    p.public_key().compressed(),
                    (Point::mul_base(&mask) + h * amount).compress(),
                ));
            } else {
                let (_, pk) = generate_keys(rng);
                ring.push((
                    pk.compressed(),
                    Point::mul_base(&Scalar::random(rng)).compress(),
                ));
            }
        }
        let pseudo = (Point::mul_base(&pseudo_mask) + h * amount).compress();
        (ring, pseudo, p, mask - pseudo_mask)
    }

    #[test]
    fn sign_verify_every_size_and_index() {
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(5);
        for n in [1usize, 2, 3, 11, 16] {
            for l in [0, n / 2, n - 1] {
                let (ring, pseudo, p, z) = random_ring(&mut rng, n, l);
                let msg = [n as u8; 32];
                let secret = ClsagSecret {
                    p: &p,
                    z: &z,
                    real_index: l,
                };
                let (sig, ki) = sign(&msg, &ring, &pseudo, &secret, &mut rng).unwrap();
                assert_eq!(sig.verify(&ring, &ki, &pseudo, &msg), Ok(()), "n={n} l={l}");
                assert_eq!(ki, crate::keys::generate_key_image(&p.public_key(), &p));
                let bytes = sig.to_bytes();
                assert_eq!(Clsag::from_bytes(&bytes, n).unwrap(), sig);
                assert!(!sig.check(&ring, &ki, &pseudo, &[0xee; 32]));
            }
        }
    }

    /// The parser keeps a non-canonical response (as the reference's parser does); the verifier
    /// rejects it with `NonCanonicalScalar` (`sc_check` in `verRctCLSAGSimple`), for `s` and `c1`.
    #[test]
    fn non_canonical_scalars_parse_and_fail_verification() {
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(9);
        let (ring, pseudo, p, z) = random_ring(&mut rng, 3, 1);
        let secret = ClsagSecret {
            p: &p,
            z: &z,
            real_index: 1,
        };
        let (sig, ki) = sign(&[1; 32], &ring, &pseudo, &secret, &mut rng).unwrap();
        for k in [0usize, 2, 3] {
            let mut bytes = sig.to_bytes();
            bytes[32 * k + 31] |= 0xf0; // >= 2^252 + ..., above l
            let parsed = Clsag::from_bytes(&bytes, 3).unwrap();
            assert_eq!(parsed.to_bytes(), bytes);
            assert_eq!(
                parsed.verify(&ring, &ki, &pseudo, &[1; 32]),
                Err(Error::NonCanonicalScalar)
            );
        }
    }
}
