//! One interface over two range-proof systems: Oxen's Bulletproofs and, behind the `ristretto`
//! feature, the Ristretto Bulletproofs of the `bulletproofs` crate.
//!
//! Both prove that each of up to [`MAX_AMOUNTS`] 64-bit amounts hidden in a Pedersen commitment
//! lies in `[0, 2^64)`, with one aggregated proof. They are **not** interchangeable on the wire
//! (tx.md §4.5: different group, transcript, generators and byte layout): only the Oxen format
//! is consensus-valid on the Oxen chain. The trait exists so that benchmarks, tests and
//! research code can swap one for the other and compare like with like.
//!
//! | backend | type | commitment | blinding | transcript |
//! |---|---|---|---|---|
//! | Oxen (reference-compatible) | [`Bulletproof`] | [`Commitment`] (`C = mask·G + amount·H`, Ed25519) | [`oxen_crypto::SecretScalar`] | `()`: the Keccak hash chain of tx.md §4.3 is fixed by the reference |
//! | Ristretto (feature `ristretto`) | `RistrettoRangeProof` | `RistrettoCommitment` (compressed Ristretto255) | `RistrettoBlinding` | caller-owned `merlin::Transcript` |
//!
//! The Ristretto backend runs on curve25519-dalek 4 (through `bulletproofs` 5) while the rest of
//! this crate uses curve25519-dalek 5: none of the dalek 4 types appear in this module's public
//! API. Values cross at byte boundaries (`[u8; 32]` newtypes); the Ristretto newtypes accept
//! only canonical encodings. Oxen's [`Commitment`] holds wire bytes as the reference does and is
//! decoded when a proof is verified.
//!
//! # Example
//!
//! Code written against the trait runs with either backend:
//!
//! ```
//! use oxen_tx::bulletproof::Bulletproof;
//! use oxen_tx::range_proof::{RangeProof, Statement};
//! use rand_chacha::ChaCha20Rng;
//! use rand_core::SeedableRng;
//!
//! /// Proves `amounts`, round-trips the proof through bytes and verifies it twice.
//! fn prove_and_check<P: RangeProof>(
//!     new_transcript: impl Fn() -> P::Transcript,
//!     blindings: &[P::Blinding],
//! ) -> bool {
//!     let mut rng = ChaCha20Rng::seed_from_u64(7);
//!     let amounts = [5_000_000_000u64, 17];
//!     let (proof, commitments) =
//!         P::prove(&mut new_transcript(), &amounts, blindings, &mut rng).unwrap();
//!     let proof = P::from_bytes(&proof.to_bytes()).unwrap();
//!     let single = proof.verify(&mut new_transcript(), &commitments);
//!     let batch = P::batch_verify([Statement::new(&proof, &commitments, new_transcript())]);
//!     single && batch
//! }
//!
//! // Oxen's format: masks are Ed25519 scalars, the transcript is fixed by the reference.
//! let mut rng = ChaCha20Rng::seed_from_u64(1);
//! let masks = [
//!     oxen_crypto::SecretScalar::random(&mut rng),
//!     oxen_crypto::SecretScalar::random(&mut rng),
//! ];
//! assert!(prove_and_check::<Bulletproof>(|| (), &masks));
//!
//! // The `bulletproofs` crate (feature `ristretto`), with a caller-owned Merlin transcript.
//! # #[cfg(feature = "ristretto")]
//! # {
//! use oxen_tx::range_proof::{RistrettoBlinding, RistrettoRangeProof, merlin::Transcript};
//! let mut rng = ChaCha20Rng::seed_from_u64(1);
//! let blindings = [RistrettoBlinding::random(&mut rng), RistrettoBlinding::random(&mut rng)];
//! assert!(prove_and_check::<RistrettoRangeProof>(|| Transcript::new(b"example"), &blindings));
//! # }
//! ```
//!
//! [`Bulletproof`] also has inherent methods named `prove`, `verify`, `batch_verify`,
//! `to_bytes` and `from_bytes` (with typed errors and no transcript argument); method-call
//! syntax picks those, so call the trait's versions as `RangeProof::verify(&proof, ..)` or
//! through generic code as above.

use alloc::vec::Vec;

use oxen_crypto::SecretScalar;
use rand_core::CryptoRng;

use crate::Error;
use crate::bulletproof::Bulletproof;
use crate::commitment::Commitment;

/// The largest number of amounts one proof covers, in both backends (Oxen's
/// `TX_BULLETPROOF_MAX_OUTPUTS`, src/cryptonote_config.h).
pub const MAX_AMOUNTS: usize = crate::bulletproof::MAX_AMOUNTS;

/// Bits proven per amount (amounts are `u64`).
pub const AMOUNT_BITS: usize = crate::bulletproof::N_BITS;

/// An aggregated range proof over `1..=MAX_AMOUNTS` amounts.
///
/// Implementors: [`Bulletproof`] (Oxen's format) and, with the
/// `ristretto` feature, `RistrettoRangeProof`.
pub trait RangeProof: Sized {
    /// An output commitment as it crosses the API: a canonical 32-byte point encoding.
    type Commitment: Clone + Eq + core::fmt::Debug;
    /// A secret blinding factor (the commitment's mask).
    type Blinding;
    /// The transcript that binds a proof to its context. The prover and the verifier must
    /// start from transcripts in the same state.
    type Transcript;

    /// Short name of the backend, as used in benchmark group names (`oxen`, `ristretto`).
    const BACKEND: &'static str;

    /// Proves that every `amounts[i]` is in `[0, 2^64)` and returns the proof with the
    /// commitments to `(amounts[i], blindings[i])`, in order.
    ///
    /// # Errors
    /// [`Error::RangeProofAmountCount`] unless `1 <= amounts.len() <= MAX_AMOUNTS`,
    /// [`Error::RangeProofBlindingCount`] if `blindings.len() != amounts.len()`, and any
    /// backend-specific rejection of a blinding factor.
    fn prove<R: CryptoRng>(
        transcript: &mut Self::Transcript,
        amounts: &[u64],
        blindings: &[Self::Blinding],
        rng: &mut R,
    ) -> Result<(Self, Vec<Self::Commitment>), Error>;

    /// Verifies this proof for `commitments` (variable time: everything here is public).
    #[must_use]
    fn verify(&self, transcript: &mut Self::Transcript, commitments: &[Self::Commitment]) -> bool;

    /// Verifies every statement; `true` only if all of them hold. The Oxen backend folds the
    /// whole batch into one multi-exponentiation; the Ristretto backend checks them one by one
    /// (`bulletproofs` 5 has no batch verifier for range proofs).
    #[must_use]
    fn batch_verify<'a>(statements: impl IntoIterator<Item = Statement<'a, Self>>) -> bool
    where
        Self: 'a;

    /// The proof's wire encoding.
    fn to_bytes(&self) -> Vec<u8>;

    /// Parses a proof from its wire encoding.
    ///
    /// # Errors
    /// The backend's encoding error when `bytes` is not a well-formed proof.
    fn from_bytes(bytes: &[u8]) -> Result<Self, Error>;
}

/// One proof to check in [`RangeProof::batch_verify`]: the proof, the commitments it covers and
/// the verifier's transcript for it.
pub struct Statement<'a, P: RangeProof> {
    /// The proof.
    pub proof: &'a P,
    /// The commitments the proof covers, in the prover's order.
    pub commitments: &'a [P::Commitment],
    /// The verifier's transcript, in the state the prover's transcript was in before proving.
    pub transcript: P::Transcript,
}

impl<'a, P: RangeProof> Statement<'a, P> {
    /// Bundles a proof, its commitments and the verifier's transcript.
    pub fn new(proof: &'a P, commitments: &'a [P::Commitment], transcript: P::Transcript) -> Self {
        Statement {
            proof,
            commitments,
            transcript,
        }
    }
}

/// The checks every backend's prover shares: amount count in range, one blinding per amount.
fn check_counts(amounts: usize, blindings: usize) -> Result<(), Error> {
    if amounts == 0 || amounts > MAX_AMOUNTS {
        return Err(Error::RangeProofAmountCount {
            count: amounts,
            max: MAX_AMOUNTS,
        });
    }
    if blindings != amounts {
        return Err(Error::RangeProofBlindingCount { amounts, blindings });
    }
    Ok(())
}

/// Oxen's Bulletproofs (tx.md §4), delegating to [`Bulletproof`]. Commitments are the
/// transaction's output commitments `C = mask·G + amount·H` (the proof itself commits to
/// `V = C/8`); the transcript is the reference's Keccak hash chain, so the caller's is `()`.
impl RangeProof for Bulletproof {
    type Commitment = Commitment;
    type Blinding = SecretScalar;
    type Transcript = ();
    const BACKEND: &'static str = "oxen";

    /// [`Bulletproof::prove`] (reference `bulletproof_PROVE`), after the trait's count checks.
    fn prove<R: CryptoRng>(
        _transcript: &mut (),
        amounts: &[u64],
        blindings: &[SecretScalar],
        rng: &mut R,
    ) -> Result<(Self, Vec<Commitment>), Error> {
        check_counts(amounts.len(), blindings.len())?;
        Bulletproof::prove(amounts, blindings, rng)
    }

    /// [`Bulletproof::is_valid`].
    fn verify(&self, _transcript: &mut (), commitments: &[Commitment]) -> bool {
        self.is_valid(commitments)
    }

    /// [`Bulletproof::batch_verify`]: one multi-exponentiation for the whole batch.
    fn batch_verify<'a>(statements: impl IntoIterator<Item = Statement<'a, Self>>) -> bool {
        let items: Vec<(&Bulletproof, &[Commitment])> = statements
            .into_iter()
            .map(|s| (s.proof, s.commitments))
            .collect();
        Bulletproof::batch_verify(&items).is_ok()
    }

    /// [`Bulletproof::to_bytes`] (the reference's binary serialization, without `V`).
    fn to_bytes(&self) -> Vec<u8> {
        Bulletproof::to_bytes(self)
    }

    /// [`Bulletproof::from_bytes`].
    ///
    /// # Errors
    /// As [`Bulletproof::from_bytes`].
    fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        Bulletproof::from_bytes(bytes)
    }
}

#[cfg(feature = "ristretto")]
pub use ristretto::{RistrettoBlinding, RistrettoCommitment, RistrettoRangeProof};

/// The `merlin` crate, re-exported so callers build the Ristretto backend's
/// [`Transcript`](merlin::Transcript) with the version this crate uses.
#[cfg(feature = "ristretto")]
pub use merlin;

#[cfg(feature = "ristretto")]
mod ristretto {
    //! The `bulletproofs` 5 crate behind [`RangeProof`]. curve25519-dalek 4 stays in here.

    use alloc::vec::Vec;
    use std::sync::OnceLock;

    use bulletproofs::{BulletproofGens, PedersenGens, ProofError};
    use curve25519_dalek_4::ristretto::CompressedRistretto;
    use curve25519_dalek_4::scalar::Scalar as Scalar4;
    use merlin::Transcript;
    use rand_core::CryptoRng;
    use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

    use super::{AMOUNT_BITS, MAX_AMOUNTS, RangeProof, Statement, check_counts};
    use crate::Error;

    /// Generators for 64-bit proofs of up to 16 amounts, built on first use and shared.
    fn generators() -> &'static (BulletproofGens, PedersenGens) {
        static GENS: OnceLock<(BulletproofGens, PedersenGens)> = OnceLock::new();
        GENS.get_or_init(|| {
            (
                BulletproofGens::new(AMOUNT_BITS, MAX_AMOUNTS),
                PedersenGens::default(),
            )
        })
    }

    /// A Pedersen commitment `amount·B + blinding·B_blinding` on Ristretto255 (the
    /// `bulletproofs` crate's `PedersenGens::default()`), held as its canonical 32-byte
    /// compressed encoding.
    #[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
    #[cfg_attr(
        feature = "serde",
        derive(serde::Serialize, serde::Deserialize),
        serde(try_from = "[u8; 32]", into = "[u8; 32]")
    )]
    pub struct RistrettoCommitment([u8; 32]);

    impl RistrettoCommitment {
        /// Accepts `bytes` only if they are the canonical encoding of a Ristretto point
        /// (the identity, all zeros, is one: it commits to amount 0 with blinding 0).
        ///
        /// # Errors
        /// [`Error::RistrettoInvalidCommitment`] otherwise.
        pub fn from_bytes(bytes: [u8; 32]) -> Result<Self, Error> {
            CompressedRistretto(bytes)
                .decompress()
                .map(|_| RistrettoCommitment(bytes))
                .ok_or(Error::RistrettoInvalidCommitment)
        }

        /// The 32-byte encoding.
        #[must_use]
        pub const fn to_bytes(&self) -> [u8; 32] {
            self.0
        }

        /// The 32-byte encoding, borrowed.
        #[must_use]
        pub const fn as_bytes(&self) -> &[u8; 32] {
            &self.0
        }

        /// The commitment `amount·B + blinding·B_blinding`, computed without a proof.
        #[must_use]
        pub fn commit(amount: u64, blinding: &RistrettoBlinding) -> Self {
            let blinding = Zeroizing::new(blinding.to_dalek());
            RistrettoCommitment(
                generators()
                    .1
                    .commit(Scalar4::from(amount), *blinding)
                    .compress()
                    .to_bytes(),
            )
        }
    }

    impl TryFrom<[u8; 32]> for RistrettoCommitment {
        type Error = Error;
        fn try_from(bytes: [u8; 32]) -> Result<Self, Error> {
            Self::from_bytes(bytes)
        }
    }

    impl From<RistrettoCommitment> for [u8; 32] {
        fn from(c: RistrettoCommitment) -> [u8; 32] {
            c.0
        }
    }

    /// A secret blinding factor for the Ristretto backend: a canonical scalar modulo the
    /// Ristretto255 group order, zeroized on drop, never printed.
    #[derive(Clone, Zeroize, ZeroizeOnDrop)]
    pub struct RistrettoBlinding([u8; 32]);

    impl RistrettoBlinding {
        /// Accepts `bytes` (little-endian) only if they encode a scalar below the group order.
        ///
        /// # Errors
        /// [`Error::RistrettoNonCanonicalBlinding`] otherwise.
        pub fn from_bytes(bytes: [u8; 32]) -> Result<Self, Error> {
            let bytes = Zeroizing::new(bytes);
            let scalar: Option<Scalar4> = Scalar4::from_canonical_bytes(*bytes).into();
            let mut scalar = scalar.ok_or(Error::RistrettoNonCanonicalBlinding)?;
            let blinding = RistrettoBlinding(scalar.to_bytes());
            scalar.zeroize();
            Ok(blinding)
        }

        /// A uniformly random blinding factor.
        pub fn random<R: CryptoRng>(rng: &mut R) -> Self {
            let mut wide = Zeroizing::new([0u8; 64]);
            rng.fill_bytes(wide.as_mut_slice());
            let mut scalar = Scalar4::from_bytes_mod_order_wide(&wide);
            let blinding = RistrettoBlinding(scalar.to_bytes());
            scalar.zeroize();
            blinding
        }

        /// The 32-byte little-endian encoding (secret: keep it in zeroizing storage).
        #[must_use]
        pub fn to_bytes(&self) -> Zeroizing<[u8; 32]> {
            Zeroizing::new(self.0)
        }

        fn to_dalek(&self) -> Scalar4 {
            // Canonical by construction (both constructors produce reduced scalars).
            Scalar4::from_bytes_mod_order(self.0)
        }
    }

    impl core::fmt::Debug for RistrettoBlinding {
        fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
            f.write_str("RistrettoBlinding(<secret>)")
        }
    }

    /// An aggregated 64-bit range proof from the `bulletproofs` 5 crate (Ristretto255, Merlin
    /// transcript). Encoding: `A‖S‖T1‖T2‖t_x‖t_x_blinding‖e_blinding‖(L_i‖R_i)*‖a‖b`,
    /// `32·(9 + 2·log2(64·m))` bytes for `m` aggregated amounts (rounded up to a power of two).
    ///
    /// The `bulletproofs` crate aggregates only powers of two; this backend pads the amounts
    /// with zeros committed with blinding zero (the identity point), as Oxen pads its outputs,
    /// and the verifier re-adds the same padding commitments. Callers see only their own
    /// commitments, so any count in `1..=16` works.
    #[derive(Clone)]
    pub struct RistrettoRangeProof(bulletproofs::RangeProof);

    impl core::fmt::Debug for RistrettoRangeProof {
        fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
            f.debug_tuple("RistrettoRangeProof")
                .field(&format_args!("{} bytes", self.0.to_bytes().len()))
                .finish()
        }
    }

    impl PartialEq for RistrettoRangeProof {
        fn eq(&self, other: &Self) -> bool {
            self.0.to_bytes() == other.0.to_bytes()
        }
    }

    impl Eq for RistrettoRangeProof {}

    /// Pads `commitments` with identity points up to the next power of two, as the prover did.
    fn padded_commitments(commitments: &[RistrettoCommitment]) -> Option<Vec<CompressedRistretto>> {
        if commitments.is_empty() || commitments.len() > MAX_AMOUNTS {
            return None;
        }
        let m = commitments.len().next_power_of_two();
        let mut out: Vec<CompressedRistretto> = commitments
            .iter()
            .map(|c| CompressedRistretto(c.0))
            .collect();
        // The identity point encodes as 32 zero bytes.
        out.resize(m, CompressedRistretto([0u8; 32]));
        Some(out)
    }

    impl RangeProof for RistrettoRangeProof {
        type Commitment = RistrettoCommitment;
        type Blinding = RistrettoBlinding;
        type Transcript = Transcript;
        const BACKEND: &'static str = "ristretto";

        /// Proves with `bulletproofs::RangeProof::prove_multiple_with_rng`, appending to the
        /// caller's transcript.
        fn prove<R: CryptoRng>(
            transcript: &mut Transcript,
            amounts: &[u64],
            blindings: &[RistrettoBlinding],
            rng: &mut R,
        ) -> Result<(Self, Vec<RistrettoCommitment>), Error> {
            check_counts(amounts.len(), blindings.len())?;
            let m = amounts.len().next_power_of_two();
            let mut values = amounts.to_vec();
            values.resize(m, 0);
            let mut scalars: Zeroizing<Vec<Scalar4>> =
                Zeroizing::new(blindings.iter().map(RistrettoBlinding::to_dalek).collect());
            scalars.resize(m, Scalar4::ZERO);
            let (bp_gens, pc_gens) = generators();
            let (proof, commitments) = bulletproofs::RangeProof::prove_multiple_with_rng(
                bp_gens,
                pc_gens,
                transcript,
                &values,
                &scalars,
                AMOUNT_BITS,
                &mut Rng06(rng),
            )
            .map_err(prover_error)?;
            let commitments = commitments
                .iter()
                .take(amounts.len())
                .map(|c| RistrettoCommitment(c.to_bytes()))
                .collect();
            Ok((RistrettoRangeProof(proof), commitments))
        }

        fn verify(&self, transcript: &mut Transcript, commitments: &[RistrettoCommitment]) -> bool {
            let Some(padded) = padded_commitments(commitments) else {
                return false;
            };
            let (bp_gens, pc_gens) = generators();
            self.0
                .verify_multiple(bp_gens, pc_gens, transcript, &padded, AMOUNT_BITS)
                .is_ok()
        }

        fn batch_verify<'a>(statements: impl IntoIterator<Item = Statement<'a, Self>>) -> bool {
            statements
                .into_iter()
                .all(|mut s| s.proof.verify(&mut s.transcript, s.commitments))
        }

        fn to_bytes(&self) -> Vec<u8> {
            self.0.to_bytes()
        }

        /// # Errors
        /// [`Error::RistrettoProofEncoding`] if the length is not `32·(9 + 2k)` with `k < 32`
        /// or a scalar is not canonical. Points are checked when the proof is verified.
        fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
            bulletproofs::RangeProof::from_bytes(bytes)
                .map(RistrettoRangeProof)
                .map_err(|_| Error::RistrettoProofEncoding)
        }
    }

    /// Maps a prover error. The counts are checked before proving and the bit size,
    /// aggregation size (padded to a power of two) and generator capacity are fixed here, so
    /// only an internal failure of the `bulletproofs` crate can remain.
    fn prover_error(_: ProofError) -> Error {
        Error::RistrettoProver
    }

    #[cfg(feature = "serde")]
    impl serde::Serialize for RistrettoRangeProof {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_bytes(&self.0.to_bytes())
        }
    }

    #[cfg(feature = "serde")]
    impl<'de> serde::Deserialize<'de> for RistrettoRangeProof {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let bytes: Vec<u8> = serde::Deserialize::deserialize(deserializer)?;
            <Self as RangeProof>::from_bytes(&bytes).map_err(serde::de::Error::custom)
        }
    }

    /// Lends a rand_core 0.10 RNG to code written against rand_core 0.6 (`bulletproofs` 5).
    struct Rng06<'a, R>(&'a mut R);

    impl<R: CryptoRng> rand_core_06::RngCore for Rng06<'_, R> {
        fn next_u32(&mut self) -> u32 {
            self.0.next_u32()
        }
        fn next_u64(&mut self) -> u64 {
            self.0.next_u64()
        }
        fn fill_bytes(&mut self, dest: &mut [u8]) {
            self.0.fill_bytes(dest);
        }
        fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), rand_core_06::Error> {
            self.0.fill_bytes(dest);
            Ok(())
        }
    }

    impl<R: CryptoRng> rand_core_06::CryptoRng for Rng06<'_, R> {}
}
