//! RingCT signatures (reference `src/ringct/rctTypes.h`, `src/ringct/rctSigs.cpp`): the wire
//! format of every RingCT type oxen-core parses (0..=5), and for type CLSAG (5) the signing
//! message, the semantic and non-semantic verifiers and a builder (`genRctSimple`).
//!
//! # Notes: what a CLSAG transaction proves
//!
//! For inputs `i` with ring `(P_ij, C_ij)`, pseudo-output commitments `C'_i`, outputs with
//! commitments `C_k = γ_k·G + a_k·H` and fee `f`:
//!
//! * **balance** (`verRctSemanticsSimple`): `Σ_i C'_i == Σ_k C_k + f·H`, compared as point
//!   encodings. With `C'_i = α_i·G + a_i·H` and `Σ α_i = Σ γ_k` (the builder makes the last
//!   pseudo mask the difference), this holds iff `Σ a_i = Σ a_k + f` (mod l).
//! * **range** (same function): one aggregated Bulletproof over `V_k = C_k / 8` shows every
//!   `a_k < 2^64`, which rules out the wrap-around mod l.
//! * **ownership** (`verRctNonSemanticsSimple`): input `i`'s CLSAG over ring `P_ij` and
//!   commitment offsets `C_ij − C'_i` shows knowledge of `x` with `P_il = x·G`, `I_i = x·Hp(P_il)`
//!   and of `z` with `C_il − C'_i = z·G`, for some hidden `l`, signing
//!   `m = keccak(prefix_hash || keccak(rctSigBase) || keccak(bulletproof fields))`
//!   ([`RctSig::pre_clsag_hash`]).
//!
//! # Wire layout (types 4 and 5)
//! ```text
//! base     = varint(type) varint(fee) ecdhInfo[outputs]: 8 bytes each   outPk[outputs]: 32 each
//! prunable = varint(nbp) Bulletproof*nbp
//!            CLSAG[inputs]: s[ring]:32 each || c1 || D      (type 5)
//!            | MG[inputs]: ss[ring][2]:32 each || cc        (types 2..4)
//!            pseudoOuts[inputs]: 32 each                     (types 3..5)
//! ```
//! Types 1 and 2 carry Borromean range signatures (6176 bytes per output) instead of
//! Bulletproofs, 64-byte ecdhInfo, and type 2 its pseudoOuts in the base; type 1 has one MG of
//! `inputs + 1` rows. Type 3 writes `nbp` as a 4-byte little-endian integer.
//!
//! # Module map
//! `types` (the wire structs), `codec` (base and prunable read/write), `message`
//! ([`RctSig::pre_clsag_hash`]), `semantics` (counts, balance, [`RctSig::verify_semantics`]),
//! `verify_clsag` ([`RctSig::verify_non_semantics`] for CLSAG) and `build`
//! ([`gen_rct_simple`]).

mod build;
mod codec;
mod message;
mod semantics;
mod types;
mod verify_clsag;
mod verify_mlsag;

pub use build::{RctInput, RctOutput, RctSecrets, gen_rct_simple};
pub use types::{
    BORROMEAN_RANGE_SIG_LEN, BorromeanRangeSig, CtKey, EcdhTuple, MAX_OUTPUTS, RING_SIZE, RctSig,
    RctSigPrunable, RctType,
};

#[cfg(test)]
#[path = "rct_tests.rs"]
pub(crate) mod tests;
