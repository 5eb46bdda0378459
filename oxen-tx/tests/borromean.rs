//! Borromean range signatures: every case of `borromean.json` (upstream `verRange`), one test per
//! error variant, the reference's handling of non-reduced responses, and proptests (sign/verify
//! round trip, tampering any 32-byte field is rejected).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "harness/borromean.rs"]
mod harness;

use oxen_crypto::{Point, SecretScalar};
use oxen_tx::Error;
use oxen_tx::borromean::{BITS, RANGE_SIG_LEN, RangeSig, verify_bytes};
use oxen_tx::commitment::{Commitment, commit, h};
use proptest::prelude::*;
use rand_chacha::ChaCha20Rng;
use rand_chacha::rand_core::SeedableRng;

/// The group order `l`, little-endian.
const L: [u8; 32] = [
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
];

fn vector_file() -> serde_json::Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/borromean.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A valid signature from the vector file, with its commitment.
fn valid_case() -> (Commitment, RangeSig) {
    let json = vector_file();
    let c = &json["cases"][0];
    assert_eq!(c["expected"], true);
    let commitment = Commitment::from_bytes(
        hex::decode(c["C"].as_str().unwrap())
            .unwrap()
            .try_into()
            .unwrap(),
    );
    let sig =
        RangeSig::from_bytes(&hex::decode(c["rangesig_hex"].as_str().unwrap()).unwrap()).unwrap();
    (commitment, sig)
}

/// Little-endian 256-bit addition (`None` on overflow).
fn add_256(a: &[u8; 32], b: &[u8; 32]) -> Option<[u8; 32]> {
    let mut out = [0u8; 32];
    let mut carry = 0u16;
    for i in 0..32 {
        let s = u16::from(a[i]) + u16::from(b[i]) + carry;
        out[i] = s as u8;
        carry = s >> 8;
    }
    (carry == 0).then_some(out)
}

#[test]
fn vectors_borromean_json() {
    let n = harness::borromean(&vector_file()).unwrap_or_else(|errs| panic!("{}", errs.join("\n")));
    println!("borromean.json: {n} cases");
    assert_eq!(n, 80);
}

#[test]
fn error_length() {
    let (_, sig) = valid_case();
    let bytes = sig.to_bytes();
    for len in [0, 32, RANGE_SIG_LEN - 1, RANGE_SIG_LEN + 1] {
        let mut b = bytes.clone();
        b.resize(len, 0);
        assert_eq!(
            RangeSig::from_bytes(&b),
            Err(Error::BorromeanLength { len })
        );
        assert_eq!(
            verify_bytes(&b, &Commitment::default()),
            Err(Error::BorromeanLength { len })
        );
    }
}

#[test]
fn error_bit_commitment_invalid() {
    let (c, sig) = valid_case();
    // Not on the curve (y = 2), non-canonical y = p, negative zero (y = 1 with the sign bit).
    let mut y2 = [0u8; 32];
    y2[0] = 2;
    let mut y_p = [0xffu8; 32];
    y_p[0] = 0xed;
    y_p[31] = 0x7f;
    let mut neg_zero = [0u8; 32];
    neg_zero[0] = 1;
    neg_zero[31] = 0x80;
    for (bytes, reason) in [
        (y2, oxen_crypto::Error::InvalidPoint),
        (y_p, oxen_crypto::Error::NonCanonicalPoint),
        (neg_zero, oxen_crypto::Error::NonCanonicalPoint),
    ] {
        let mut bad = sig.clone();
        bad.ci[17] = bytes;
        assert_eq!(
            bad.verify(&c),
            Err(Error::BorromeanBitCommitmentInvalid { index: 17, reason })
        );
    }
}

#[test]
fn error_sum_mismatch() {
    let (c, sig) = valid_case();
    // C + H; and C itself non-canonically encoded is compared as bytes (never decoded).
    let c_plus_h = Commitment::from_point(&(c.decode().unwrap() + h()));
    assert_eq!(sig.verify(&c_plus_h), Err(Error::BorromeanSumMismatch));
    let mut flipped = c.to_bytes();
    flipped[0] ^= 1;
    assert_eq!(
        sig.verify(&Commitment::from_bytes(flipped)),
        Err(Error::BorromeanSumMismatch)
    );
}

#[test]
fn error_ee_not_reduced() {
    let (c, sig) = valid_case();
    for ee in [L, [0xff; 32], add_256(&sig.asig.ee, &L).unwrap()] {
        let mut bad = sig.clone();
        bad.asig.ee = ee;
        assert_eq!(bad.verify(&c), Err(Error::BorromeanEeNotReduced));
    }
}

#[test]
fn error_challenge_mismatch() {
    let (c, sig) = valid_case();
    let mut bad = sig.clone();
    bad.asig.s1[5][3] ^= 0x40;
    assert_eq!(bad.verify(&c), Err(Error::BorromeanChallengeMismatch));
}

/// Upstream reads `s0`/`s1` as raw integers below `2^255`: adding `l` changes nothing, so the
/// signature still verifies (reference parity; the bytes, and so the transaction hash, differ).
#[test]
fn non_reduced_responses_verify_like_upstream() {
    let (c, sig) = valid_case();
    for i in [0, 31, 63] {
        let mut s = sig.clone();
        s.asig.s0[i] = add_256(&sig.asig.s0[i], &L).unwrap();
        s.asig.s1[i] = add_256(&sig.asig.s1[i], &L).unwrap();
        assert!(s.asig.s0[i][31] & 0x80 == 0);
        assert_eq!(s.verify(&c), Ok(()), "s + l at bit {i}");
        assert_ne!(s.to_bytes(), sig.to_bytes());
    }
}

/// The bit commitments carry no subgroup check (upstream neither): torsion that cancels in the
/// sum is caught only by the ring signatures.
#[test]
fn torsioned_bit_commitments_cancel_in_sum_but_fail_rings() {
    let (c, sig) = valid_case();
    // A point of order 2: (0, -1).
    let mut t2 = [0xffu8; 32];
    t2[0] = 0xec;
    t2[31] = 0x7f;
    let t2 = Point::from_bytes(&t2).unwrap();
    let mut bad = sig.clone();
    bad.ci[0] = (Point::from_bytes(&sig.ci[0]).unwrap() + t2).to_bytes();
    bad.ci[1] = (Point::from_bytes(&sig.ci[1]).unwrap() - t2).to_bytes();
    assert_eq!(bad.verify(&c), Err(Error::BorromeanChallengeMismatch));
}

#[test]
fn prove_edge_amounts() {
    let mut rng = ChaCha20Rng::seed_from_u64(10);
    for amount in [0, 1, 1 << 63, u64::MAX] {
        let mask = SecretScalar::random(&mut rng);
        let (c, sig) = RangeSig::prove(amount, &mask, &mut rng);
        assert_eq!(c, commit(amount, &mask));
        assert_eq!(sig.verify(&c), Ok(()));
        assert_eq!(sig.ci.len(), BITS);
    }
}

#[test]
fn debug_is_short() {
    let (_, sig) = valid_case();
    let text = format!("{sig:?} {:?}", sig.asig);
    assert!(text.len() < 200, "{text}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// prove -> bytes -> parse -> verify, for random amounts (and the edges) and masks.
    #[test]
    fn sign_verify_round_trip(
        amount in prop_oneof![Just(0u64), Just(u64::MAX), any::<u64>()],
        seed in any::<u64>(),
    ) {
        let mut rng = ChaCha20Rng::seed_from_u64(seed);
        let mask = SecretScalar::random(&mut rng);
        let (c, sig) = RangeSig::prove(amount, &mask, &mut rng);
        prop_assert_eq!(c, commit(amount, &mask));
        let bytes = sig.to_bytes();
        prop_assert_eq!(bytes.len(), RANGE_SIG_LEN);
        let parsed = RangeSig::from_bytes(&bytes).unwrap();
        prop_assert_eq!(&parsed, &sig);
        prop_assert_eq!(parsed.verify(&c), Ok(()));
        prop_assert!(parsed.verify(&commit(amount.wrapping_add(1), &mask)).is_err());
    }

    /// Changing any one 32-byte field of a valid signature makes it fail.
    #[test]
    fn tamper_any_field_rejected(
        field in 0usize..RANGE_SIG_LEN / 32,
        byte in 0usize..32,
        delta in 1u8..=255,
    ) {
        let (c, sig) = valid_case();
        let mut bytes = sig.to_bytes();
        bytes[field * 32 + byte] ^= delta;
        prop_assert!(verify_bytes(&bytes, &c).is_err());
    }
}

/// `s0[i] + k·l` at or above `2^255`: the reference's `slide` drops the carry out of bit 255 for
/// some of these values (the signature then fails) and not for others (it still verifies). A
/// verifier that reduces `s0` mod `l` would accept all of them; one that rejects non-reduced
/// values would reject all. (Each verdict is checked against monero-borromean in
/// `benches/tests/borromean_peer.rs`.)
#[test]
fn responses_above_2_255_follow_ref10_slide() {
    let (c, sig) = valid_case();
    let (mut accepted, mut rejected) = (0, 0);
    for i in [0, 9, 33, 63] {
        let mut v = sig.asig.s0[i];
        while let Some(next) = add_256(&v, &L) {
            v = next;
            if v[31] & 0x80 == 0 {
                continue;
            }
            let mut s = sig.clone();
            s.asig.s0[i] = v;
            match s.verify(&c) {
                Ok(()) => accepted += 1,
                Err(e) => {
                    assert_eq!(e, Error::BorromeanChallengeMismatch);
                    rejected += 1;
                }
            }
        }
    }
    assert!(
        accepted > 0 && rejected > 0,
        "{accepted} accepted, {rejected} rejected"
    );
}
