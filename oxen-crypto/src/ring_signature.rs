//! CryptoNote ring signatures for pre-RingCT inputs (`generate_ring_signature` /
//! `check_ring_signature`, src/crypto/crypto.cpp).
//!
//! For each member `i`: `L_i = c_i P_i + r_i G`, `R_i = r_i Hp(P_i) + c_i I`; the signature is
//! valid iff `sum(c_i) = Hs(M || L_0 || R_0 || L_1 || R_1 || ...) (mod l)`. The pairs are
//! interleaved, although the upstream comment says "L0..Ln-1 R0..Rn-1" (vectors:
//! `ring_signature.json`).

use alloc::vec::Vec;

use curve25519_dalek::edwards::VartimeEdwardsPrecomputation;
use curve25519_dalek::traits::VartimePrecomputedMultiscalarMul;
use rand_core::CryptoRng;
use subtle::{ConditionallySelectable, ConstantTimeEq};
use zeroize::Zeroizing;

use crate::hash::Keccak256;
use crate::hash_to_point::{hash_to_ec, hash_to_ec_batch_vartime};
use crate::keys::{KeyImage, PublicKey, SecretKey};
use crate::signature::Signature;
use crate::{Error, Point, Scalar};

/// Reference `generate_ring_signature(prefix_hash, I, pubs, x, s)`.
///
/// Constant time in the secret key and in the real index `s`: every member goes through the same
/// computation, the real one with `c_s = 0` (so `L_s = q G`, `R_s = q Hp(P_s)` as in the
/// reference), and `c_s`, `r_s` are then set with constant-time selection.
///
/// # Errors
/// [`Error::RingTooSmall`] for an empty ring, [`Error::RealIndexOutOfRange`],
/// a decoding error if `I` or a ring member does not decode (the reference aborts the process
/// there), [`Error::SecretKeyMismatch`] if `pubs[s] != x G`.
pub fn generate_ring_signature<R: CryptoRng + ?Sized>(
    prefix_hash: &[u8; 32],
    key_image: &KeyImage,
    pubs: &[PublicKey],
    secret: &SecretKey,
    real_index: usize,
    rng: &mut R,
) -> Result<Vec<Signature>, Error> {
    if pubs.is_empty() {
        return Err(Error::RingTooSmall);
    }
    if real_index >= pubs.len() {
        return Err(Error::RealIndexOutOfRange);
    }
    // The real member, selected without a secret-indexed access.
    let is = |i: usize| (i as u64).ct_eq(&(real_index as u64));
    let mut real_pub = [0u8; 32];
    for (i, p) in pubs.iter().enumerate() {
        for (d, b) in real_pub.iter_mut().zip(p.as_bytes()) {
            d.conditional_assign(b, is(i));
        }
    }
    if !bool::from(secret.public_key().as_bytes().ct_eq(&real_pub)) {
        return Err(Error::SecretKeyMismatch);
    }
    let image = key_image.decompress()?;
    let mut c = Zeroizing::new(Vec::with_capacity(pubs.len()));
    let mut r = Zeroizing::new(Vec::with_capacity(pubs.len()));
    let mut points = Vec::with_capacity(2 * pubs.len());
    for (i, p) in pubs.iter().enumerate() {
        let pt = p.decompress()?;
        let ci = Scalar::conditional_select(&Scalar::random(rng), &Scalar::ZERO, is(i));
        let ri = Scalar::random(rng);
        let hp = hash_to_ec(p.as_bytes());
        points.push(Point::multiscalar_mul(&[ci, ri], &[pt, Point::G]));
        points.push(Point::multiscalar_mul(&[ri, ci], &[hp, image]));
        c.push(ci);
        r.push(ri);
    }
    let mut h = Keccak256::new();
    h.update(prefix_hash);
    for p in Point::compress_batch(&points) {
        h.update(p.as_bytes());
    }
    let sum: Scalar = c.iter().sum();
    let c_real = h.finalize_scalar() - sum;
    let r_real = c_real * secret.as_secret_scalar();
    Ok(c.iter()
        .zip(r.iter())
        .enumerate()
        .map(|(i, (ci, ri))| {
            let ci = Scalar::conditional_select(ci, &c_real, is(i));
            // the real response q - c_s x is public; its intermediate is a zeroizing secret
            let ri = Scalar::conditional_select(ri, (ri - &r_real).expose_scalar(), is(i));
            Signature::from_scalars(&ci, &ri)
        })
        .collect())
}

/// [`check_ring_signature`] with the reason for a rejection. Variable time (public inputs).
///
/// # Errors
/// [`Error::RingTooSmall`] (empty ring), [`Error::RingLengthMismatch`], decoding errors of `I`
/// and the members, [`Error::NonCanonicalScalar`], [`Error::SignatureMismatch`].
pub fn verify_ring_signature(
    prefix_hash: &[u8; 32],
    key_image: &KeyImage,
    pubs: &[PublicKey],
    sigs: &[Signature],
) -> Result<(), Error> {
    if pubs.is_empty() {
        return Err(Error::RingTooSmall);
    }
    if sigs.len() != pubs.len() {
        return Err(Error::RingLengthMismatch);
    }
    let image = key_image.decompress()?;
    let mut points = Vec::with_capacity(2 * pubs.len());
    let mut sum = Scalar::ZERO;
    // I is the same in every R_i: give it a wide precomputed table.
    let i_table = VartimeEdwardsPrecomputation::new([image.0]);
    let keys: Vec<[u8; 32]> = pubs.iter().map(|p| p.0).collect();
    let hps = hash_to_ec_batch_vartime(&keys);
    for ((p, sig), hp) in pubs.iter().zip(sigs).zip(hps) {
        let (c, r) = sig.scalars()?;
        let pt = p.decompress()?;
        points.push(Point::vartime_double_scalar_mul_basepoint(&c, &pt, &r));
        points.push(Point(i_table.vartime_mixed_multiscalar_mul(
            [c.0],
            [r.0],
            [hp.0],
        )));
        sum += c;
    }
    let mut h = Keccak256::new();
    h.update(prefix_hash);
    for p in Point::compress_batch(&points) {
        h.update(p.as_bytes());
    }
    if h.finalize_scalar().ct_eq(&sum).into() {
        Ok(())
    } else {
        Err(Error::SignatureMismatch)
    }
}

/// Reference `check_ring_signature(prefix_hash, I, pubs, sigs)`. Vectors: `ring_signature.json`.
/// Variable time.
#[must_use]
pub fn check_ring_signature(
    prefix_hash: &[u8; 32],
    key_image: &KeyImage,
    pubs: &[PublicKey],
    sigs: &[Signature],
) -> bool {
    verify_ring_signature(prefix_hash, key_image, pubs, sigs).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::{generate_key_image, generate_keys};
    use rand::SeedableRng;

    #[test]
    fn sign_verify_all_positions() {
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(3);
        for n in [1usize, 2, 5] {
            let keys: Vec<_> = (0..n).map(|_| generate_keys(&mut rng)).collect();
            let pubs: Vec<_> = keys.iter().map(|k| k.1).collect();
            for (s, (sec, public)) in keys.iter().enumerate() {
                let ki = generate_key_image(public, sec);
                let msg = [s as u8; 32];
                let sig = generate_ring_signature(&msg, &ki, &pubs, sec, s, &mut rng).unwrap();
                assert_eq!(verify_ring_signature(&msg, &ki, &pubs, &sig), Ok(()));
                assert!(!check_ring_signature(&[9; 32], &ki, &pubs, &sig));
            }
        }
    }
}
