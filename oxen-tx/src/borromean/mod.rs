//! Borromean range signatures: the 64-bit range proofs of RingCT types 1 (Full) and 2 (Simple)
//! (reference `rct::rangeSig`, `rct::boroSig`, `proveRange`/`genBorromean`,
//! `verRange`/`verifyBorromean` in oxen-core `src/ringct/rctSigs.cpp`).
//!
//! # Wire format
//!
//! [`RangeSig`] is `s0[0..64] || s1[0..64] || ee || Ci[0..64]`, 32 bytes each:
//! [`RANGE_SIG_LEN`] = 6176 bytes. Parsing checks only the length (the reference reads 193 raw
//! keys); every field keeps its bytes, so [`RangeSig::to_bytes`] gives back exactly what was
//! read, including non-reduced `s0`/`s1` and undecodable `Ci`.
//!
//! # Verification equations (`verRange`)
//!
//! For the output commitment `C` (bytes), with `H` the value generator
//! ([`crate::commitment::h`]) and `Hs` = Keccak-256 reduced mod `l`:
//!
//! 1. every `Ci` decodes as the reference's `ge_frombytes_vartime` does (no subgroup check);
//! 2. `encode(Ci[0] + .. + Ci[63]) == C` (bytes; `C` itself is never decoded);
//! 3. for each bit `i`: `P1_i = Ci`, `P2_i = Ci - 2^i·H`,
//!    `LL_i = ee·P1_i + s0[i]·G`, `c_i = Hs(encode(LL_i))`, `LV_i = c_i·P2_i + s1[i]·G`;
//! 4. accept iff `Hs(encode(LV_0) || .. || encode(LV_63)) == ee` (bytes).
//!
//! A valid signature proves that each `Ci` commits to `0` or `2^i` (a ring signature over
//! `{P1_i, P2_i}` for every bit), hence `C` to an amount in `[0, 2^64)`.
//!
//! ## Scalars as the reference reads them
//!
//! * `ee` multiplies `P1_i` and must equal a reduced hash: an `ee >= l` can never verify
//!   ([`Error::BorromeanEeNotReduced`], checked before the rounds; same verdict).
//! * `s0[i]`, `s1[i]` are not checked and only multiply `G` (`ge_double_scalarmult_base_vartime`).
//!   The reference's signed-window recoding (`slide`) reads all 256 bits and drops a carry out
//!   of bit 255, so a value `s < 2^255` acts as `s mod l` (a non-reduced `s0 = s + l` still
//!   verifies, as upstream), while some values with bit 255 set act as `s - 2^256`. The
//!   verifier reproduces this exactly (`effective_scalar`; monero-project/monero#8438).
//!
//! # Prover
//!
//! [`RangeSig::prove`] is `proveRange` for a given mask (the reference draws the bit masks and
//! returns their sum): `a_0..a_62` random, `a_63 = mask - sum`, `Ci = a_i·G + b_i·2^i·H`, then
//! `genBorromean` with the secret index `b_i`. It runs in constant time in the amount, the
//! mask and the nonces: both ring branches are computed for every bit and the published values
//! are chosen with `subtle` selection; secret scalars live in zeroizing buffers.
//!
//! ```
//! use oxen_crypto::Scalar;
//! use oxen_tx::borromean::RangeSig;
//! use oxen_tx::commitment::commit;
//! use rand_chacha::ChaCha20Rng;
//! use rand_core::SeedableRng;
//!
//! let mut rng = ChaCha20Rng::seed_from_u64(7);
//! let mask = Scalar::random(&mut rng);
//! let (c, sig) = RangeSig::prove(1_000_000, &mask, &mut rng);
//! assert_eq!(c, commit(1_000_000, &mask));
//!
//! // On the wire and back, then verified against the output commitment.
//! let sig = RangeSig::from_bytes(&sig.to_bytes())?;
//! sig.verify(&c)?;
//! assert!(sig.verify(&commit(1_000_001, &mask)).is_err());
//! # Ok::<(), oxen_tx::Error>(())
//! ```

use alloc::vec::Vec;

use crate::Error;
use crate::commitment::Commitment;

mod prove;
mod scalar;
mod table;
mod verify;

/// Number of bits a Borromean range signature covers (and of ring signatures in it).
pub const BITS: usize = 64;

/// Length of one encoded 32-byte field.
const FIELD: usize = 32;

/// Length of a [`BoroSig`] on the wire: `s0[64] || s1[64] || ee`.
pub const BORO_SIG_LEN: usize = (2 * BITS + 1) * FIELD;

/// Length of a [`RangeSig`] on the wire: `s0[64] || s1[64] || ee || Ci[64]` (6176 bytes).
pub const RANGE_SIG_LEN: usize = BORO_SIG_LEN + BITS * FIELD;

/// The 64 Borromean ring signatures of a range proof (reference `rct::boroSig`), as raw wire
/// fields: `s0`, `s1` may be non-reduced (the reference accepts that) and `ee` is checked only
/// when verifying.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct BoroSig {
    /// First-ring responses `s0[i]`.
    pub s0: [[u8; 32]; BITS],
    /// Second-ring responses `s1[i]`.
    pub s1: [[u8; 32]; BITS],
    /// The shared challenge `ee`.
    pub ee: [u8; 32],
}

/// A Borromean range signature (reference `rct::rangeSig`): the signatures and the bit
/// commitments `Ci`, as raw wire fields (points are decoded only by [`RangeSig::verify`]).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct RangeSig {
    /// The 64 ring signatures.
    pub asig: BoroSig,
    /// Bit commitments `Ci[i]` (to `0` or `2^i`); their sum is the output commitment.
    pub ci: [[u8; 32]; BITS],
}

/// `N` consecutive 32-byte fields from `chunks` (`None` if they run out).
fn take_fields<'a, const N: usize>(
    chunks: &mut impl Iterator<Item = &'a [u8]>,
) -> Option<[[u8; 32]; N]> {
    let mut out = [[0u8; 32]; N];
    for field in &mut out {
        field.copy_from_slice(chunks.next()?);
    }
    Some(out)
}

impl RangeSig {
    /// Parses exactly [`RANGE_SIG_LEN`] bytes (the reference's binary serialization of
    /// `rct::rangeSig`). Only the length is checked; see [`RangeSig::verify`].
    ///
    /// # Errors
    /// [`Error::BorromeanLength`] for any other length.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        let wrong_length = Error::BorromeanLength { len: bytes.len() };
        if bytes.len() != RANGE_SIG_LEN {
            return Err(wrong_length);
        }
        let mut chunks = bytes.chunks_exact(FIELD);
        let parsed = (|| {
            let s0 = take_fields::<BITS>(&mut chunks)?;
            let s1 = take_fields::<BITS>(&mut chunks)?;
            let [ee] = take_fields::<1>(&mut chunks)?;
            let ci = take_fields::<BITS>(&mut chunks)?;
            Some(Self {
                asig: BoroSig { s0, s1, ee },
                ci,
            })
        })();
        parsed.ok_or(wrong_length)
    }

    /// The wire bytes (byte-exact with what [`RangeSig::from_bytes`] read).
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(RANGE_SIG_LEN);
        self.write(&mut out);
        out
    }

    /// Appends the wire bytes to `out`.
    pub fn write(&self, out: &mut Vec<u8>) {
        let a = &self.asig;
        let fields = a.s0.iter().chain(&a.s1).chain([&a.ee]).chain(&self.ci);
        for field in fields {
            out.extend_from_slice(field);
        }
    }
}

impl TryFrom<&[u8]> for RangeSig {
    type Error = Error;

    fn try_from(bytes: &[u8]) -> Result<Self, Error> {
        Self::from_bytes(bytes)
    }
}

/// Parses `bytes` as a [`RangeSig`] and verifies it for `commitment` (reference `verRange`):
/// for callers that hold the wire bytes (e.g. `rct::BorromeanRangeSig::as_bytes`).
/// Variable time (public data only).
///
/// # Errors
/// [`Error::BorromeanLength`], then as [`RangeSig::verify`].
pub fn verify_bytes(bytes: &[u8], commitment: &Commitment) -> Result<(), Error> {
    RangeSig::from_bytes(bytes)?.verify(commitment)
}

/// Shows the first bytes of each part only (a full signature is 6 KiB of hex).
impl core::fmt::Debug for RangeSig {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "RangeSig {{ ee: ")?;
        for b in self.asig.ee {
            write!(f, "{b:02x}")?;
        }
        write!(f, ", .. }}")
    }
}

/// Shows `ee` only.
impl core::fmt::Debug for BoroSig {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "BoroSig {{ ee: ")?;
        for b in self.ee {
            write!(f, "{b:02x}")?;
        }
        write!(f, ", .. }}")
    }
}
