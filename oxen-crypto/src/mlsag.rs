//! MLSAG ring signatures (pre-CLSAG RingCT: `RCTType` Simple/Bulletproof/Bulletproof2/Full;
//! oxen-core src/ringct/rctSigs.cpp `MLSAG_Ver`, `verRctMGSimple`).
//!
//! oxen-core only verifies MLSAGs; signing ([`sign_simple`], Monero's `MLSAG_Gen` /
//! `proveRctMGSimple`) is provided for tests and wallets.
//!
//! # The equations
//!
//! A key matrix `pk[i][j]` (column `i < cols` = ring member, row `j < rows`); the first
//! `ds_rows` rows are linkable with key images `II[j]`. With `c_0 = cc`, for each column:
//!
//! ```text
//! L_ij = ss[i][j] G + c_i pk[i][j]
//! R_ij = ss[i][j] Hp(pk[i][j]) + c_i II[j]                   (j < ds_rows)
//! c_{i+1} = Hs(m || [pk[i][j] || L_ij || R_ij]_{j<ds} || [pk[i][j] || L_ij]_{j>=ds})
//! ```
//!
//! valid iff every `c_{i+1} != 0` and `c_cols = cc`. Simple RingCT uses two rows,
//! `(P_i, C_i - pseudo_out)` (the difference re-encoded), `ds_rows = 1`. Vectors: `mlsag.json`.

use alloc::vec::Vec;

use curve25519_dalek::edwards::EdwardsPoint;
use curve25519_dalek::traits::{Identity, MultiscalarMul, VartimeMultiscalarMul};
use rand_core::CryptoRng;
use subtle::{ConditionallySelectable, ConstantTimeEq, ConstantTimeGreater};
use zeroize::Zeroizing;

use crate::clsag::RingMember;
use crate::hash::Keccak256;
use crate::hash_to_point::{hash_to_ec, hash_to_ec_batch_vartime};
use crate::keys::KeyImage;
use crate::keys::ScalarBytes;
use crate::{CompressedPoint, Error, Point, Scalar};

/// An MLSAG signature: `ss[column][row]` and the initial challenge `cc`. The key images are not
/// serialized (they come from the transaction inputs).
///
/// The scalars are kept as their wire bytes ([`ScalarBytes`]): the reference's transaction
/// parser does not check them, `MLSAG_Ver` does (`sc_check`), and so does [`Mlsag::verify`].
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Mlsag {
    /// Responses, one row vector per column (ring member; checked canonical by
    /// [`Mlsag::verify`]).
    pub ss: Vec<Vec<ScalarBytes>>,
    /// The challenge entering column 0 (checked canonical by [`Mlsag::verify`]).
    pub cc: ScalarBytes,
}

impl Mlsag {
    /// Decodes `ss` (`cols x rows` scalars, column-major, no counts) `|| cc` from the start of
    /// `bytes`; returns the signature and the bytes read. Like the reference's parser it checks
    /// no scalar ([`Mlsag::verify`] does).
    ///
    /// # Errors
    /// [`Error::RingTooSmall`] for zero columns or rows, [`Error::InvalidLength`].
    pub fn read(bytes: &[u8], cols: usize, rows: usize) -> Result<(Mlsag, usize), Error> {
        if cols == 0 || rows == 0 {
            return Err(Error::RingTooSmall);
        }
        let len = cols
            .checked_mul(rows)
            .and_then(|k| k.checked_add(1))
            .and_then(|k| k.checked_mul(32))
            .ok_or(Error::InvalidLength)?;
        let body = bytes.get(..len).ok_or(Error::InvalidLength)?;
        let mut scalars = body.chunks_exact(32).map(|c| {
            let mut a = [0u8; 32];
            a.copy_from_slice(c);
            ScalarBytes(a)
        });
        let mut ss = Vec::with_capacity(cols);
        for _ in 0..cols {
            ss.push(scalars.by_ref().take(rows).collect::<Vec<_>>());
        }
        let cc = scalars.next().ok_or(Error::InvalidLength)?;
        Ok((Mlsag { ss, cc }, len))
    }

    /// Appends the wire encoding `ss || cc`.
    pub fn write(&self, out: &mut Vec<u8>) {
        for col in &self.ss {
            for s in col {
                out.extend_from_slice(s.as_bytes());
            }
        }
        out.extend_from_slice(self.cc.as_bytes());
    }

    /// The wire encoding.
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.write(&mut out);
        out
    }

    /// Generic `MLSAG_Ver(message, pk, sig, ds_rows)` with the key images `II` (one per linkable
    /// row). `pk[i]` is column `i`. **Variable time.**
    ///
    /// # Errors
    /// [`Error::RingTooSmall`] (fewer than 2 columns, no rows), [`Error::RingLengthMismatch`]
    /// (non-rectangular matrix, `|II| != ds_rows`, `ds_rows > rows`, `ss` shape),
    /// [`Error::NonCanonicalScalar`] (an `ss` entry, then `cc`), [`Error::IdentityKeyImage`], decoding errors, [`Error::ChallengeZero`],
    /// [`Error::SignatureMismatch`].
    pub fn verify(
        &self,
        message: &[u8; 32],
        pk: &[Vec<CompressedPoint>],
        key_images: &[KeyImage],
        ds_rows: usize,
    ) -> Result<(), Error> {
        let cols = pk.len();
        if cols < 2 {
            return Err(Error::RingTooSmall);
        }
        let rows = pk.first().map_or(0, Vec::len);
        if rows == 0 {
            return Err(Error::RingTooSmall);
        }
        if pk.iter().any(|c| c.len() != rows)
            || key_images.len() != ds_rows
            || ds_rows > rows
            || self.ss.len() != cols
            || self.ss.iter().any(|c| c.len() != rows)
        {
            return Err(Error::RingLengthMismatch);
        }
        let ss_all = self
            .ss
            .iter()
            .map(|col| col.iter().map(ScalarBytes::to_scalar).collect())
            .collect::<Result<Vec<Vec<Scalar>>, _>>()?;
        let cc = self.cc.to_scalar()?;
        if key_images.iter().any(|k| k.compressed().is_identity()) {
            return Err(Error::IdentityKeyImage);
        }
        let images = key_images
            .iter()
            .map(|k| k.decompress().map(|p| p.0))
            .collect::<Result<Vec<_>, _>>()?;
        // Hp of every linkable key, all columns at once.
        let linkable: Vec<[u8; 32]> = pk
            .iter()
            .flat_map(|col| col.iter().take(ds_rows).map(|k| k.0))
            .collect();
        let hps = hash_to_ec_batch_vartime(&linkable);
        let mut hps = hps.iter();
        let mut c = cc;
        let mut points = Vec::with_capacity(2 * rows);
        for (col, ss) in pk.iter().zip(&ss_all) {
            points.clear();
            for (j, (key, s)) in col.iter().zip(ss).enumerate() {
                let kp = key.decompress()?.0;
                points.push(EdwardsPoint::vartime_double_scalar_mul_basepoint(
                    &c.0, &kp, &s.0,
                ));
                if let Some(image) = images.get(j) {
                    let hp = hps
                        .next()
                        .map_or_else(|| hash_to_ec(key.as_bytes()).0, |p| p.0);
                    points.push(EdwardsPoint::vartime_multiscalar_mul(
                        [s.0, c.0],
                        [hp, *image],
                    ));
                }
            }
            let enc = EdwardsPoint::compress_batch_alloc(&points);
            let mut h = Keccak256::new();
            h.update(message);
            let mut enc_iter = enc.iter();
            for (j, key) in col.iter().enumerate() {
                h.update(key.as_bytes());
                let take = if j < ds_rows { 2 } else { 1 };
                for e in enc_iter.by_ref().take(take) {
                    h.update(e.as_bytes());
                }
            }
            c = h.finalize_scalar();
            if bool::from(c.is_zero()) {
                return Err(Error::ChallengeZero);
            }
        }
        if c == cc {
            Ok(())
        } else {
            Err(Error::SignatureMismatch)
        }
    }

    /// `verRctMGSimple`: two rows `(P_i, C_i - pseudo_out)`, one key image. **Variable time.**
    ///
    /// # Errors
    /// Decoding errors of `pseudo_out` and the commitments, then as [`Mlsag::verify`].
    pub fn verify_simple(
        &self,
        message: &[u8; 32],
        ring: &[RingMember],
        key_image: &KeyImage,
        pseudo_out: &CompressedPoint,
    ) -> Result<(), Error> {
        let pk = simple_matrix(ring, pseudo_out)?;
        self.verify(message, &pk, core::slice::from_ref(key_image), 1)
    }

    /// [`Mlsag::verify_simple`] as a boolean. Variable time.
    #[must_use]
    pub fn check_simple(
        &self,
        message: &[u8; 32],
        ring: &[RingMember],
        key_image: &KeyImage,
        pseudo_out: &CompressedPoint,
    ) -> bool {
        self.verify_simple(message, ring, key_image, pseudo_out)
            .is_ok()
    }
}

/// The Simple-RingCT key matrix: column `i` = `(P_i, encode(C_i - pseudo_out))`.
fn simple_matrix(
    ring: &[RingMember],
    pseudo_out: &CompressedPoint,
) -> Result<Vec<Vec<CompressedPoint>>, Error> {
    let off = pseudo_out.decompress()?;
    let diffs = ring
        .iter()
        .map(|(_, c)| c.decompress().map(|c| c - off))
        .collect::<Result<Vec<Point>, _>>()?;
    let enc = Point::compress_batch(&diffs);
    Ok(ring
        .iter()
        .zip(enc)
        .map(|((p, _), d)| alloc::vec![*p, d])
        .collect())
}

/// Signs a Simple-RingCT MLSAG (Monero `proveRctMGSimple` + `MLSAG_Gen`; oxen-core no longer
/// signs MLSAGs). Returns the signature and the key image `p Hp(P_l)`.
///
/// Constant time in the secrets and the real index (constant-time member selection and
/// response assignment, constant-time scalar multiplications), as [`crate::clsag::sign`].
///
/// # Errors
/// [`Error::RingTooSmall`] (fewer than 2 members), [`Error::RealIndexOutOfRange`], decoding
/// errors, [`Error::SecretKeyMismatch`] if `P_l != p G` or `C_l - C_off != z G`.
pub fn sign_simple<R: CryptoRng + ?Sized>(
    message: &[u8; 32],
    ring: &[RingMember],
    pseudo_out: &CompressedPoint,
    secret: &crate::clsag::ClsagSecret<'_>,
    rng: &mut R,
) -> Result<(Mlsag, KeyImage), Error> {
    let cols = ring.len();
    if cols < 2 {
        return Err(Error::RingTooSmall);
    }
    if secret.real_index >= cols {
        return Err(Error::RealIndexOutOfRange);
    }
    let pk = simple_matrix(ring, pseudo_out)?;
    let mut pts = Vec::with_capacity(cols);
    for col in &pk {
        let mut c = [EdwardsPoint::identity(); 2];
        for (slot, key) in c.iter_mut().zip(col) {
            *slot = key.decompress()?.0;
        }
        let mut b = [[0u8; 32]; 2];
        for (slot, key) in b.iter_mut().zip(col) {
            *slot = key.0;
        }
        pts.push((c, b, hash_to_ec(&b[0]).0));
    }
    let l = secret.real_index as u64;
    let n64 = cols as u64;
    let is = |i: usize| (i as u64).ct_eq(&l);
    let mut real = (
        [EdwardsPoint::identity(); 2],
        [[0u8; 32]; 2],
        EdwardsPoint::identity(),
    );
    for (i, (c, b, h)) in pts.iter().enumerate() {
        for r in 0..2 {
            if let (Some(dst), Some(src)) = (real.0.get_mut(r), c.get(r)) {
                dst.conditional_assign(src, is(i));
            }
            if let (Some(dst), Some(src)) = (real.1.get_mut(r), b.get(r)) {
                for (d, s) in dst.iter_mut().zip(src) {
                    d.conditional_assign(s, is(i));
                }
            }
        }
        real.2.conditional_assign(h, is(i));
    }
    let xx = [&secret.p.as_scalar().0, &secret.z.0];
    let [real_p, real_c] = real.0;
    let ok =
        EdwardsPoint::mul_base(xx[0]).ct_eq(&real_p) & EdwardsPoint::mul_base(xx[1]).ct_eq(&real_c);
    if !bool::from(ok) {
        return Err(Error::SecretKeyMismatch);
    }
    let image_pt = real.2 * xx[0];
    let image = image_pt.compress().to_bytes();
    let alpha0 = Zeroizing::new(Scalar::random(rng).0);
    let alpha1 = Zeroizing::new(Scalar::random(rng).0);
    let round = |keys: &[[u8; 32]; 2], pts: &[EdwardsPoint; 3]| {
        let enc = EdwardsPoint::compress_batch(pts);
        let [l0, r0, l1] = enc;
        let [k0, k1] = keys;
        let mut h = Keccak256::new();
        h.update(message)
            .update(k0)
            .update(l0.as_bytes())
            .update(r0.as_bytes())
            .update(k1)
            .update(l1.as_bytes());
        h.finalize_scalar()
    };
    let mut c = round(
        &real.1,
        &[
            EdwardsPoint::mul_base(&alpha0),
            real.2 * *alpha0,
            EdwardsPoint::mul_base(&alpha1),
        ],
    );
    let mut cc = Scalar::ZERO;
    cc.conditional_assign(&c, (l + 1).ct_eq(&n64));
    let mut ss: Zeroizing<Vec<[Scalar; 2]>> = Zeroizing::new(
        (0..cols)
            .map(|_| [Scalar::random(rng), Scalar::random(rng)])
            .collect(),
    );
    for j in 1..n64 {
        let raw = l + j;
        let idx = u64::conditional_select(&raw, &raw.wrapping_sub(n64), raw.ct_gt(&(n64 - 1)));
        let mut cur = (
            [EdwardsPoint::identity(); 2],
            [[0u8; 32]; 2],
            EdwardsPoint::identity(),
        );
        let mut s = [Scalar::ZERO; 2];
        for (k, ((c2, b, h), sk)) in pts.iter().zip(ss.iter()).enumerate() {
            let here = (k as u64).ct_eq(&idx);
            for r in 0..2 {
                if let (Some(dst), Some(src)) = (cur.0.get_mut(r), c2.get(r)) {
                    dst.conditional_assign(src, here);
                }
                if let (Some(dst), Some(src)) = (cur.1.get_mut(r), b.get(r)) {
                    for (d, sb) in dst.iter_mut().zip(src) {
                        d.conditional_assign(sb, here);
                    }
                }
                if let (Some(dst), Some(src)) = (s.get_mut(r), sk.get(r)) {
                    dst.conditional_assign(src, here);
                }
            }
            cur.2.conditional_assign(h, here);
        }
        let [p0, p1] = cur.0;
        let [s0, s1] = s;
        c = round(
            &cur.1,
            &[
                EdwardsPoint::mul_base(&s0.0) + p0 * c.0,
                EdwardsPoint::multiscalar_mul([s0.0, c.0], [cur.2, image_pt]),
                EdwardsPoint::mul_base(&s1.0) + p1 * c.0,
            ],
        );
        cc.conditional_assign(&c, (idx + 1).ct_eq(&n64));
    }
    let s_real = [Scalar(*alpha0 - c.0 * xx[0]), Scalar(*alpha1 - c.0 * xx[1])];
    for (k, sk) in ss.iter_mut().enumerate() {
        for (d, s) in sk.iter_mut().zip(&s_real) {
            d.conditional_assign(s, is(k));
        }
    }
    Ok((
        Mlsag {
            ss: ss
                .iter()
                .map(|c| c.iter().map(|s| ScalarBytes::from(*s)).collect())
                .collect(),
            cc: cc.into(),
        },
        KeyImage(image),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clsag::ClsagSecret;
    use rand::SeedableRng;

    #[test]
    fn sign_verify_simple() {
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(6);
        for n in [2usize, 3, 10] {
            for l in [0, n - 1, n / 2] {
                let (ring, pseudo, p, z) = crate::clsag::tests::random_ring(&mut rng, n, l);
                let secret = ClsagSecret {
                    p: &p,
                    z: &z,
                    real_index: l,
                };
                let msg = [l as u8; 32];
                let (sig, ki) = sign_simple(&msg, &ring, &pseudo, &secret, &mut rng).unwrap();
                assert_eq!(
                    sig.verify_simple(&msg, &ring, &ki, &pseudo),
                    Ok(()),
                    "n={n} l={l}"
                );
                let (back, used) = Mlsag::read(&sig.to_bytes(), n, 2).unwrap();
                assert_eq!((back, used), (sig.clone(), (2 * n + 1) * 32));
                assert!(!sig.check_simple(&[0xaa; 32], &ring, &ki, &pseudo));
            }
        }
    }

    /// The parser keeps a non-canonical `ss` entry or `cc` (as the reference's parser does);
    /// `MLSAG_Ver` rejects it with `NonCanonicalScalar`.
    #[test]
    fn non_canonical_scalars_parse_and_fail_verification() {
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(10);
        let (ring, pseudo, p, z) = crate::clsag::tests::random_ring(&mut rng, 2, 0);
        let secret = ClsagSecret {
            p: &p,
            z: &z,
            real_index: 0,
        };
        let (sig, ki) = sign_simple(&[2; 32], &ring, &pseudo, &secret, &mut rng).unwrap();
        for k in [0usize, 3, 4] {
            let mut bytes = sig.to_bytes();
            bytes[32 * k + 31] |= 0xf0;
            let (parsed, used) = Mlsag::read(&bytes, 2, 2).unwrap();
            assert_eq!((parsed.to_bytes(), used), (bytes.clone(), bytes.len()));
            assert_eq!(
                parsed.verify_simple(&[2; 32], &ring, &ki, &pseudo),
                Err(Error::NonCanonicalScalar)
            );
        }
    }
}
