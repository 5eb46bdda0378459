//! Bulletproofs range proofs in Oxen's original format (oxen-core `src/ringct/bulletproofs.cc`,
//! `src/ringct/rctTypes.h`; Bulletproofs v1, RingCT types Bulletproof, Bulletproof2 and CLSAG).
//!
//! One [`Bulletproof`] proves that each of 1 to [`MAX_AMOUNTS`] committed amounts lies in
//! `[0, 2^64)`. The proof is byte-compatible with the reference: [`Bulletproof::prove`] with the
//! reference's random stream reproduces its proofs byte for byte, and the verifiers accept and
//! reject exactly what `bulletproof_VERIFY` does (vectors `bulletproof_valid.json`,
//! `bulletproof_invalid.json`, `bulletproof_batch.json`). The equations are in [`notes`].
//!
//! This is **not** the `bulletproofs` crate's Ristretto protocol (tx.md §4.5): the group is raw
//! Ed25519 with cofactor 8, proof points are stored ×1/8, generators come from Keccak and
//! `hash_to_ec`, and the transcript is the reference's Keccak chain ([`transcript`]).
//!
//! ```
//! use oxen_crypto::SecretScalar;
//! use oxen_tx::bulletproof::Bulletproof;
//! use oxen_tx::commitment::commit;
//! use rand_chacha::ChaCha20Rng;
//! use rand_core::SeedableRng;
//!
//! let mut rng = ChaCha20Rng::seed_from_u64(1);
//! let masks = [SecretScalar::random(&mut rng), SecretScalar::random(&mut rng)];
//! let (proof, commitments) = Bulletproof::prove(&[5, 1 << 40], &masks, &mut rng)?;
//! assert_eq!(commitments[0], commit(5, &masks[0])); // the outPk commitments
//!
//! let bytes = proof.to_bytes();
//! assert_eq!(bytes.len(), 738);
//! let proof = Bulletproof::from_bytes(&bytes)?;
//! proof.verify(&commitments)?;
//! assert!(!proof.is_valid(&commitments[..1]));
//! assert!(Bulletproof::batch_verify(&[(&proof, &commitments[..])]).is_ok());
//! # Ok::<(), oxen_tx::Error>(())
//! ```
//!
//! # Timing
//! Proving is constant time in the amounts and masks up to the inner-product argument, whose
//! vectors are blinded by `sL`, `sR` (the reference and the dalek prover run it in variable time
//! too). Verification handles public data only and runs in variable time.

use alloc::vec::Vec;
use core::fmt;

use oxen_crypto::varint;
use rand_core::CryptoRng;

use crate::Error;
use crate::commitment::Commitment;

pub(crate) mod generators;
mod mont;
pub mod notes;
mod prover;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod torsion_tests;
pub mod transcript;
mod verifier;

/// Bits per amount (`N` in the reference; `maxN = 64`).
pub const N_BITS: usize = 64;
/// Largest number of amounts in one proof (`maxM`, `TX_BULLETPROOF_MAX_OUTPUTS`).
pub const MAX_AMOUNTS: usize = 16;
/// `maxN · maxM`: the number of `Gi` (and of `Hi`) generators.
pub const MAX_MN: usize = N_BITS * MAX_AMOUNTS;
/// `log2(N_BITS)`: the inner-product rounds of a one-amount proof.
pub const LOG_N: usize = 6;
/// Most inner-product rounds any valid proof has (`6 + log2(16)`).
pub const MAX_ROUNDS: usize = LOG_N + 4;

/// `8^{-1} mod l` (reference `rct::INV_EIGHT`).
pub const INV_EIGHT_BYTES: [u8; 32] = [
    0x79, 0x2f, 0xdc, 0xe2, 0x29, 0xe5, 0x06, 0x61, 0xd0, 0xda, 0x1c, 0x7d, 0xb3, 0x9d, 0xd3, 0x07,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x06,
];

pub(crate) fn inv_eight() -> curve25519_dalek::scalar::Scalar {
    curve25519_dalek::scalar::Scalar::from_bytes_mod_order(INV_EIGHT_BYTES)
}

/// `log2` of the padded number of amounts: the smallest `logM` with `2^logM ≥ count`, capped as
/// the reference's loop caps it (`M ≤ maxM`).
pub(crate) fn log_m(count: usize) -> usize {
    let mut log_m = 0;
    while (1usize << log_m) <= MAX_AMOUNTS && (1usize << log_m) < count {
        log_m += 1;
    }
    log_m
}

/// A Bulletproof as serialized in a transaction (reference `rct::Bulletproof` without `V`):
/// `A || S || T1 || T2 || taux || mu || varint(|L|) || L || varint(|R|) || R || a || b || t`.
///
/// Points and scalars are kept as the 32 bytes on the wire, exactly as the reference keeps them:
/// [`Bulletproof::from_bytes`] checks only the framing (what the reference's deserializer
/// rejects), and the verifiers check scalar canonicity and point decoding (what
/// `bulletproof_VERIFY` rejects), each with a typed error. A value of this type always has
/// `|L| == |R| ≥ 1`.
///
/// The commitments `V` are not part of the wire format: the verifiers take them separately,
/// either as the transaction's output commitments `C` ([`Bulletproof::verify`], which restores
/// `V = C/8` as the reference's `expand_transaction_1` does) or as `V` itself
/// ([`Bulletproof::verify_v`]).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Bulletproof {
    big_a: [u8; 32],
    big_s: [u8; 32],
    t1: [u8; 32],
    t2: [u8; 32],
    taux: [u8; 32],
    mu: [u8; 32],
    l: Vec<[u8; 32]>,
    r: Vec<[u8; 32]>,
    a: [u8; 32],
    b: [u8; 32],
    t: [u8; 32],
}

impl fmt::Debug for Bulletproof {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Bulletproof")
            .field("rounds", &self.l.len())
            .finish_non_exhaustive()
    }
}

/// Reads 32 bytes at `*pos`.
fn take32(input: &[u8], pos: &mut usize) -> Result<[u8; 32], Error> {
    let bytes = input
        .get(*pos..pos.saturating_add(32))
        .ok_or(Error::BulletproofTruncated)?;
    let mut out = [0u8; 32];
    out.copy_from_slice(bytes);
    *pos += 32;
    Ok(out)
}

/// Reads `varint(n) || n × 32 bytes`, refusing `n` larger than what remains before allocating.
fn take_keys(input: &[u8], pos: &mut usize) -> Result<Vec<[u8; 32]>, Error> {
    let rest = input.get(*pos..).ok_or(Error::BulletproofTruncated)?;
    let (n, used) = varint::read(rest)?;
    *pos += used;
    let remaining = input.len().saturating_sub(*pos);
    if n > (remaining / 32) as u64 {
        return Err(Error::BulletproofTruncated);
    }
    let n = n as usize;
    let mut keys = Vec::with_capacity(n);
    for _ in 0..n {
        keys.push(take32(input, pos)?);
    }
    Ok(keys)
}

impl Bulletproof {
    /// Reads one proof from the start of `input` and returns it with the number of bytes used
    /// (for parsers of larger structures, such as a transaction's `rctSigPrunable`).
    ///
    /// Rejects what the reference's deserializer rejects: truncation (including a count larger
    /// than the bytes that remain), a bad varint, `|L| != |R|` and empty `L`.
    ///
    /// # Errors
    /// [`Error::BulletproofTruncated`], [`Error::Crypto`] (varint), [`Error::BulletproofLrMismatch`],
    /// [`Error::BulletproofEmptyLr`].
    pub fn read(input: &[u8]) -> Result<(Self, usize), Error> {
        let mut pos = 0;
        let big_a = take32(input, &mut pos)?;
        let big_s = take32(input, &mut pos)?;
        let t1 = take32(input, &mut pos)?;
        let t2 = take32(input, &mut pos)?;
        let taux = take32(input, &mut pos)?;
        let mu = take32(input, &mut pos)?;
        let l = take_keys(input, &mut pos)?;
        let r = take_keys(input, &mut pos)?;
        if l.len() != r.len() {
            return Err(Error::BulletproofLrMismatch {
                l: l.len(),
                r: r.len(),
            });
        }
        if l.is_empty() {
            return Err(Error::BulletproofEmptyLr);
        }
        let a = take32(input, &mut pos)?;
        let b = take32(input, &mut pos)?;
        let t = take32(input, &mut pos)?;
        let proof = Self {
            big_a,
            big_s,
            t1,
            t2,
            taux,
            mu,
            l,
            r,
            a,
            b,
            t,
        };
        Ok((proof, pos))
    }

    /// Parses a proof that fills `bytes` exactly.
    ///
    /// # Errors
    /// As [`Bulletproof::read`], and [`Error::BulletproofTrailingBytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        let (proof, used) = Self::read(bytes)?;
        if used != bytes.len() {
            return Err(Error::BulletproofTrailingBytes);
        }
        Ok(proof)
    }

    /// Appends the wire encoding to `out`.
    pub fn write(&self, out: &mut Vec<u8>) {
        out.reserve(self.serialized_len());
        for k in [
            &self.big_a,
            &self.big_s,
            &self.t1,
            &self.t2,
            &self.taux,
            &self.mu,
        ] {
            out.extend_from_slice(k);
        }
        for keys in [&self.l, &self.r] {
            varint::write(out, keys.len() as u64);
            for k in keys {
                out.extend_from_slice(k);
            }
        }
        for k in [&self.a, &self.b, &self.t] {
            out.extend_from_slice(k);
        }
    }

    /// The wire encoding (674 bytes for one amount, 738 for two, 930 for sixteen).
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.write(&mut out);
        out
    }

    /// Length of the wire encoding.
    #[must_use]
    pub fn serialized_len(&self) -> usize {
        32 * (9 + self.l.len() + self.r.len())
            + varint::encoded_len(self.l.len() as u64)
            + varint::encoded_len(self.r.len() as u64)
    }

    /// Number of inner-product rounds, `|L|` (`6 + log2(M)` in a valid proof).
    #[must_use]
    pub fn rounds(&self) -> usize {
        self.l.len()
    }

    /// The number of amounts this proof's size covers, `2^(|L| - 6)`, or 0 when `|L|` is outside
    /// `6..=10` (reference `n_bulletproof_max_amounts`).
    #[must_use]
    pub fn max_amounts(&self) -> usize {
        if (LOG_N..=MAX_ROUNDS).contains(&self.l.len()) {
            1 << (self.l.len() - LOG_N)
        } else {
            0
        }
    }

    /// The 32-byte fields in the order `get_pre_clsag_hash` hashes them:
    /// `A, S, T1, T2, taux, mu, L..., R..., a, b, t` (no lengths, no `V`).
    pub fn keys(&self) -> impl Iterator<Item = &[u8; 32]> {
        [
            &self.big_a,
            &self.big_s,
            &self.t1,
            &self.t2,
            &self.taux,
            &self.mu,
        ]
        .into_iter()
        .chain(self.l.iter())
        .chain(self.r.iter())
        .chain([&self.a, &self.b, &self.t])
    }

    /// `A` (×1/8), as on the wire.
    #[must_use]
    pub fn point_a(&self) -> &[u8; 32] {
        &self.big_a
    }
    /// `S` (×1/8), as on the wire.
    #[must_use]
    pub fn point_s(&self) -> &[u8; 32] {
        &self.big_s
    }
    /// `T1` (×1/8), as on the wire.
    #[must_use]
    pub fn point_t1(&self) -> &[u8; 32] {
        &self.t1
    }
    /// `T2` (×1/8), as on the wire.
    #[must_use]
    pub fn point_t2(&self) -> &[u8; 32] {
        &self.t2
    }
    /// `taux`, as on the wire.
    #[must_use]
    pub fn taux(&self) -> &[u8; 32] {
        &self.taux
    }
    /// `mu`, as on the wire.
    #[must_use]
    pub fn mu(&self) -> &[u8; 32] {
        &self.mu
    }
    /// The inner-product `L` points (×1/8), as on the wire.
    #[must_use]
    pub fn l(&self) -> &[[u8; 32]] {
        &self.l
    }
    /// The inner-product `R` points (×1/8), as on the wire.
    #[must_use]
    pub fn r(&self) -> &[[u8; 32]] {
        &self.r
    }
    /// The final inner-product scalar `a`, as on the wire.
    #[must_use]
    pub fn a(&self) -> &[u8; 32] {
        &self.a
    }
    /// The final inner-product scalar `b`, as on the wire.
    #[must_use]
    pub fn b(&self) -> &[u8; 32] {
        &self.b
    }
    /// `t = <l, r>`, as on the wire.
    #[must_use]
    pub fn t(&self) -> &[u8; 32] {
        &self.t
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Bulletproof {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.to_bytes())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Bulletproof {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Bulletproof;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("Bulletproof bytes")
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Bulletproof, E> {
                Bulletproof::from_bytes(v).map_err(E::custom)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Bulletproof, A::Error> {
                let mut bytes = Vec::new();
                while let Some(b) = seq.next_element::<u8>()? {
                    bytes.push(b);
                }
                Bulletproof::from_bytes(&bytes).map_err(serde::de::Error::custom)
            }
        }
        d.deserialize_bytes(V)
    }
}

/// `V = C / 8` for each output commitment (reference `expand_transaction_1`:
/// `V[i] = scalarmultKey(outPk[i].mask, INV_EIGHT)`): the encodings the transcript hashes and
/// the points themselves, so the verifier does not decode `V` a second time. Commitments are
/// public, so the multiplication runs in variable time; the encodings share one inversion.
fn commitments_to_v(
    commitments: &[Commitment],
) -> Result<(Vec<[u8; 32]>, Vec<curve25519_dalek::edwards::EdwardsPoint>), Error> {
    use curve25519_dalek::edwards::EdwardsPoint;
    use curve25519_dalek::scalar::Scalar;
    let inv8 = inv_eight();
    let points = commitments
        .iter()
        .map(|c| {
            oxen_crypto::Point::from_bytes(&c.0)
                .map(|p| {
                    EdwardsPoint::vartime_double_scalar_mul_basepoint(
                        &inv8,
                        &p.to_dalek(),
                        &Scalar::ZERO,
                    )
                })
                .map_err(|_| Error::BulletproofInvalidPoint("commitment"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let bytes = EdwardsPoint::compress_batch_alloc(&points)
        .into_iter()
        .map(|c| c.to_bytes())
        .collect();
    Ok((bytes, points))
}

impl Bulletproof {
    /// Proves that each `amounts[j]` is in `[0, 2^64)` for the commitments
    /// `C_j = masks[j]·G + amounts[j]·H`, which are returned with the proof (the transaction's
    /// `outPk`; the proof itself commits to `V_j = C_j / 8`). Reference `bulletproof_PROVE`.
    ///
    /// The randomness is drawn from `rng` exactly as the reference draws it (`alpha`,
    /// `sL[0..MN]`, `sR[0..MN]`, `rho`, `tau1`, `tau2`, each by rejection sampling 32 bytes with
    /// the top 3 bits cleared), so the reference's random stream reproduces its proofs byte for
    /// byte (vectors `bulletproof_valid.json`).
    ///
    /// # Errors
    /// [`Error::BulletproofAmountsMasksMismatch`], [`Error::BulletproofNoAmounts`],
    /// [`Error::BulletproofTooManyAmounts`] (more than [`MAX_AMOUNTS`]).
    pub fn prove<R: CryptoRng + ?Sized>(
        amounts: &[u64],
        masks: &[oxen_crypto::SecretScalar],
        rng: &mut R,
    ) -> Result<(Self, Vec<Commitment>), Error> {
        prover::prove(amounts, masks, rng)
    }

    /// Verifies the proof for the output commitments `C` (the transaction's `outPk` masks),
    /// restoring `V = C / 8` as the reference's `expand_transaction_1` does, then running
    /// [`Bulletproof::verify_v`]. Variable time.
    ///
    /// # Errors
    /// [`Error::BulletproofInvalidPoint`] (`"commitment"`) for an undecodable commitment, else
    /// as [`Bulletproof::verify_v`].
    pub fn verify(&self, commitments: &[Commitment]) -> Result<(), Error> {
        let (v, v_points) = commitments_to_v(commitments)?;
        verifier::verify_batch(&[verifier::Statement {
            proof: self,
            v: &v,
            v_points: Some(&v_points),
        }])
    }

    /// True iff [`Bulletproof::verify`] succeeds.
    #[must_use]
    pub fn is_valid(&self, commitments: &[Commitment]) -> bool {
        self.verify(commitments).is_ok()
    }

    /// Verifies the proof for the commitments `V` (each `C / 8`, the reference struct's `V`
    /// field, hashed as given), as the reference's `bulletproof_VERIFY` does. Variable time.
    ///
    /// # Errors
    /// The first failed check, in the reference's order:
    /// [`Error::BulletproofNonCanonicalScalar`] (`taux`, `mu`, `a`, `b`, `t` not below `l`),
    /// [`Error::BulletproofNoAmounts`] (empty `V`), [`Error::BulletproofTooManyAmounts`],
    /// [`Error::BulletproofZeroChallenge`], [`Error::BulletproofWrongRoundCount`]
    /// (`|L| != 6 + log2(M)`), [`Error::BulletproofInvalidPoint`] (an encoding
    /// `ge_frombytes_vartime` rejects), [`Error::BulletproofVerification`] (the equations do
    /// not hold).
    pub fn verify_v(&self, v: &[[u8; 32]]) -> Result<(), Error> {
        verifier::verify_batch(&[verifier::Statement {
            proof: self,
            v,
            v_points: None,
        }])
    }

    /// Verifies many proofs with one multiscalar multiplication (reference `bulletproof_VERIFY`
    /// over a vector, as `verRctSemanticsSimple` uses it): `Ok` iff every proof is valid for its
    /// output commitments. An empty batch is valid. With the `parallel` feature the per-proof
    /// work runs on rayon's pool. Variable time.
    ///
    /// The random weights are derived by hashing every proof and commitment (through each
    /// proof's transcript), so the result is deterministic and no proof can be chosen after its
    /// weights are known.
    ///
    /// # Errors
    /// As [`Bulletproof::verify`], for the first proof that fails a check; if every proof passes
    /// the checks but the combined equation fails, [`Error::BulletproofVerification`].
    pub fn batch_verify(items: &[(&Bulletproof, &[Commitment])]) -> Result<(), Error> {
        let vs = items
            .iter()
            .map(|(_, c)| commitments_to_v(c))
            .collect::<Result<Vec<_>, _>>()?;
        let statements: Vec<verifier::Statement<'_>> = items
            .iter()
            .zip(&vs)
            .map(|((proof, _), (v, v_points))| verifier::Statement {
                proof,
                v,
                v_points: Some(v_points),
            })
            .collect();
        verifier::verify_batch(&statements)
    }

    /// As [`Bulletproof::batch_verify`], with each proof's `V` given directly (see
    /// [`Bulletproof::verify_v`]).
    ///
    /// # Errors
    /// As [`Bulletproof::batch_verify`].
    pub fn batch_verify_v(items: &[(&Bulletproof, &[[u8; 32]])]) -> Result<(), Error> {
        let statements: Vec<verifier::Statement<'_>> = items
            .iter()
            .map(|(proof, v)| verifier::Statement {
                proof,
                v,
                v_points: None,
            })
            .collect();
        verifier::verify_batch(&statements)
    }
}
