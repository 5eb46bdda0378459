//! ECDH amount encoding (oxen-core `src/ringct/rctOps.cpp`: `ecdhEncode`, `ecdhDecode`,
//! `genCommitmentMask`, `ecdhHash`).
//!
//! The sender and the receiver share a per-output *amount key* `k` (in wallets
//! `derivation_to_scalar(8·r·A, output_index)`). From it both derive the output's commitment mask
//! `genCommitmentMask(k) = Hs("commitment_mask" || k)` and a one-time pad
//! `ecdhHash(k) = keccak("amount" || k)` whose first 8 bytes hide the amount.
//!
//! * v2 ([`EcdhAmount`], RingCT types Bulletproof2 and CLSAG): only the 8 masked amount bytes
//!   are transmitted; the mask is re-derived.
//! * v1 ([`EcdhTupleV1`], legacy types 1..3): mask and amount are transmitted as 32-byte scalars
//!   blinded by `Hs(k)` and `Hs(Hs(k))`.
//!
//! Decoding checks nothing (as in the reference): the wallet then checks that the output
//! commitment opens to the decoded values ([`crate::commitment::Commitment::opens`]).
//!
//! ```
//! use oxen_tx::commitment::commit;
//! use oxen_tx::ecdh::{AmountKey, commitment_mask, ecdh_decode, ecdh_encode};
//!
//! let k = AmountKey::from_bytes([7u8; 32]);
//! let c = commit(42, &commitment_mask(&k)); // the output commitment the sender publishes
//! let enc = ecdh_encode(42, &k);
//! let (amount, mask) = ecdh_decode(&enc, &k);
//! assert_eq!(amount, 42);
//! assert!(c.opens(amount, &mask));
//! ```

use core::fmt;

use oxen_crypto::hash::Keccak256;
use oxen_crypto::{Scalar, SecretScalar};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::commitment::h2d;

/// Domain string of the amount pad (reference `ecdhHash`: `"amount"`, no NUL).
pub const AMOUNT_DOMAIN: &[u8] = b"amount";
/// Domain string of the commitment mask (reference `genCommitmentMask`: `"commitment_mask"`,
/// no NUL).
pub const COMMITMENT_MASK_DOMAIN: &[u8] = b"commitment_mask";

/// The per-output amount key `k` shared by sender and receiver (the reference's `sharedSec`,
/// normally `derivation_to_scalar(derivation, output_index)`). Secret: zeroized on drop, never
/// printed.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct AmountKey([u8; 32]);

impl AmountKey {
    /// Wraps the 32 bytes of the key. They are only hashed, so any 32 bytes are accepted.
    #[must_use]
    pub const fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// The key of a secret scalar (the output of `derivation_to_scalar`).
    #[must_use]
    pub fn from_secret_scalar(s: &SecretScalar) -> Self {
        Self(*s.expose_bytes())
    }

    /// The 32 key bytes, borrowed.
    #[must_use]
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl fmt::Debug for AmountKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AmountKey(..)")
    }
}

/// A v2 encrypted amount: the 8 bytes serialized per output in `ecdhInfo` of RingCT types
/// Bulletproof2 and CLSAG (reference `ecdhTuple::amount`, first 8 bytes).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct EcdhAmount(pub [u8; 8]);

impl EcdhAmount {
    /// The 8 wire bytes.
    #[must_use]
    pub const fn to_bytes(&self) -> [u8; 8] {
        self.0
    }

    /// From the 8 wire bytes.
    #[must_use]
    pub const fn from_bytes(bytes: [u8; 8]) -> Self {
        Self(bytes)
    }

    /// The reference's in-memory 32-byte `ecdhTuple::amount` (bytes 8..32 zero).
    #[must_use]
    pub fn to_key(&self) -> [u8; 32] {
        let mut out = [0u8; 32];
        let (lo, _) = out.split_at_mut(8);
        lo.copy_from_slice(&self.0);
        out
    }
}

impl fmt::Debug for EcdhAmount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EcdhAmount({:016x})", u64::from_be_bytes(self.0))
    }
}

/// `ecdhHash(k) = keccak256("amount" || k)` (not reduced; only bytes 0..8 are used): the
/// amount's one-time pad, a secret, in a buffer that zeroizes itself on drop.
#[must_use]
pub fn ecdh_hash(key: &AmountKey) -> Zeroizing<[u8; 32]> {
    let mut h = Keccak256::new();
    h.update(AMOUNT_DOMAIN).update(&key.0);
    Zeroizing::new(h.finalize())
}

/// `genCommitmentMask(k) = Hs("commitment_mask" || k)`: the output's commitment mask (secret).
#[must_use]
pub fn commitment_mask(key: &AmountKey) -> SecretScalar {
    let mut h = Keccak256::new();
    h.update(COMMITMENT_MASK_DOMAIN).update(&key.0);
    h.finalize_secret_scalar()
}

fn pad(amount: u64, key: &AmountKey) -> [u8; 8] {
    let pad = ecdh_hash(key);
    let mut out = amount.to_le_bytes();
    for (o, p) in out.iter_mut().zip(pad.iter()) {
        *o ^= p;
    }
    out
}

/// v2 encoding (reference `ecdhEncode(..., v2 = true)`): `amount ⊕ ecdhHash(k)[0..8]`. The
/// reference also zeroes the tuple's mask field, which is not serialized.
#[must_use]
pub fn ecdh_encode(amount: u64, key: &AmountKey) -> EcdhAmount {
    EcdhAmount(pad(amount, key))
}

/// v2 decoding (reference `ecdhDecode(..., v2 = true)`): returns the amount and the commitment
/// mask `genCommitmentMask(k)` (secret). Never fails: with the wrong key it returns values that
/// do not open the output commitment.
#[must_use]
pub fn ecdh_decode(enc: &EcdhAmount, key: &AmountKey) -> (u64, SecretScalar) {
    let amount = u64::from_le_bytes(enc.0) ^ u64::from_le_bytes(pad(0, key));
    (amount, commitment_mask(key))
}

/// A legacy (v1) encrypted `(mask, amount)` pair, 64 bytes on the wire as `mask || amount`
/// (RingCT types Full, Simple and Bulletproof).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct EcdhTupleV1 {
    /// `mask + Hs(k)`.
    pub mask: [u8; 32],
    /// `d2h(amount) + Hs(Hs(k))`.
    pub amount: [u8; 32],
}

impl fmt::Debug for EcdhTupleV1 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("EcdhTupleV1 { .. }")
    }
}

/// The v1 pads `Hs(k)` and `Hs(Hs(k))` (secrets).
fn v1_pads(key: &AmountKey) -> (SecretScalar, SecretScalar) {
    let hs = |data: &[u8]| {
        let mut h = Keccak256::new();
        h.update(data);
        h.finalize_secret_scalar()
    };
    let s1 = hs(&key.0);
    let s2 = hs(s1.expose_bytes());
    (s1, s2)
}

/// v1 encoding (reference `ecdhEncode(..., v2 = false)`): `mask += Hs(k)`,
/// `amount += Hs(Hs(k))` as scalars.
#[must_use]
pub fn ecdh_encode_v1(amount: u64, mask: &SecretScalar, key: &AmountKey) -> EcdhTupleV1 {
    let (s1, s2) = v1_pads(key);
    EcdhTupleV1 {
        mask: *(s1 + mask).expose_bytes(),
        amount: *(s2 + Scalar::from_u64(amount)).expose_bytes(),
    }
}

/// v1 decoding (reference `ecdhDecode(..., v2 = false)` then `h2d`): `mask -= Hs(k)`,
/// `amount -= Hs(Hs(k))`. The 32-byte fields are reduced mod `l` first (the reference's
/// `sc_sub` reads them unreduced, which gives the same result mod `l`); the amount is the first 8
/// bytes of the difference, as `h2d` reads it.
#[must_use]
pub fn ecdh_decode_v1(enc: &EcdhTupleV1, key: &AmountKey) -> (u64, SecretScalar) {
    let (s1, s2) = v1_pads(key);
    let mask = Scalar::from_bytes_mod_order(enc.mask) - s1;
    let amount = Scalar::from_bytes_mod_order(enc.amount) - s2;
    (h2d(amount.expose_bytes()), mask)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commitment::commit;
    use alloc::format;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn v2_round_trip(amount in any::<u64>(), k in any::<[u8; 32]>(), other in any::<[u8; 32]>()) {
            let key = AmountKey::from_bytes(k);
            let (a, m) = ecdh_decode(&ecdh_encode(amount, &key), &key);
            prop_assert_eq!(a, amount);
            prop_assert_eq!(&m, &commitment_mask(&key));
            prop_assume!(other != k);
            let (a2, m2) = ecdh_decode(&ecdh_encode(amount, &key), &AmountKey::from_bytes(other));
            prop_assert!(!commit(amount, &m).opens(a2, &m2));
        }

        #[test]
        fn v1_round_trip(amount in any::<u64>(), k in any::<[u8; 32]>(), m in any::<[u8; 32]>()) {
            let key = AmountKey::from_bytes(k);
            let mask = SecretScalar::from_bytes_mod_order(&m);
            let (a, m2) = ecdh_decode_v1(&ecdh_encode_v1(amount, &mask, &key), &key);
            prop_assert_eq!(a, amount);
            prop_assert_eq!(m2, mask);
        }
    }

    #[test]
    fn secrets_are_not_printed() {
        assert_eq!(
            format!("{:?}", AmountKey::from_bytes([1; 32])),
            "AmountKey(..)"
        );
    }
}
