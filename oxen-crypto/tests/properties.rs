//! Property tests (round trips, invariants, tampering) and one test per error variant.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use oxen_crypto::clsag::{self, ClsagSecret, RingMember};
use oxen_crypto::*;
use proptest::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;

fn rng(seed: u64) -> ChaCha20Rng {
    ChaCha20Rng::seed_from_u64(seed)
}

/// A ring with a known opening at `l`: `C_l - C_off = z G`.
fn ring(
    rng: &mut ChaCha20Rng,
    n: usize,
    l: usize,
) -> (Vec<RingMember>, CompressedPoint, SecretKey, Scalar) {
    let (p, _) = generate_keys(rng);
    let h = Point::mul_base(&Scalar::from(99u64));
    let (mask, pseudo_mask) = (Scalar::random(rng), Scalar::random(rng));
    let ring = (0..n)
        .map(|i| {
            if i == l {
                (
                    p.public_key().compressed(),
                    (Point::mul_base(&mask) + h * Scalar::from(5u64)).compress(),
                )
            } else {
                (
                    generate_keys(rng).1.compressed(),
                    Point::mul_base(&Scalar::random(rng)).compress(),
                )
            }
        })
        .collect();
    let pseudo = (Point::mul_base(&pseudo_mask) + h * Scalar::from(5u64)).compress();
    (ring, pseudo, p, mask - pseudo_mask)
}

/// The order-8 torsion point `26e8958f...fc05` (check_key.json).
fn torsion8() -> Point {
    let b: [u8; 32] =
        hex::decode("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05")
            .unwrap()
            .try_into()
            .unwrap();
    Point::from_bytes(&b).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn point_and_scalar_round_trip(seed: u64, torsion in 0u8..8) {
        let mut r = rng(seed);
        let s = Scalar::random(&mut r);
        prop_assert_eq!(Scalar::from_canonical_bytes(&s.to_bytes()).unwrap(), s);
        let mut p = Point::mul_base(&s);
        for _ in 0..torsion {
            p += &torsion8();
        }
        let enc = p.to_bytes();
        prop_assert_eq!(Point::from_bytes(&enc).unwrap(), p);
        prop_assert_eq!(p.is_torsion_free(), torsion == 0);
        prop_assert_eq!(CompressedPoint(enc).decompress().unwrap().compress(), CompressedPoint(enc));
    }

    /// The decoder accepts exactly the encodings that decompress and re-encode to themselves.
    #[test]
    fn point_decoding_is_canonical(bytes: [u8; 32]) {
        let dalek = curve25519_dalek::edwards::CompressedEdwardsY(bytes).decompress();
        let canonical = dalek.is_some_and(|p| p.compress().to_bytes() == bytes);
        prop_assert_eq!(Point::from_bytes(&bytes).is_ok(), canonical);
    }

    #[test]
    fn scalar_decoding_is_canonical(bytes: [u8; 32]) {
        match Scalar::from_canonical_bytes(&bytes) {
            Ok(s) => prop_assert_eq!(s.to_bytes(), bytes),
            Err(e) => {
                prop_assert_eq!(e, Error::NonCanonicalScalar);
                prop_assert_ne!(Scalar::from_bytes_mod_order(bytes).to_bytes(), bytes);
            }
        }
    }

    #[test]
    fn derived_secret_matches_derived_public(seed: u64, index: u64) {
        let mut r = rng(seed);
        let (a, big_a) = generate_keys(&mut r);
        let (b, big_b) = generate_keys(&mut r);
        let (tx, big_r) = generate_keys(&mut r);
        let d = generate_key_derivation(&big_a, &tx).unwrap();
        prop_assert_eq!(generate_key_derivation(&big_r, &a).unwrap(), d);
        let p = derive_public_key(&d, index, &big_b).unwrap();
        prop_assert_eq!(derive_secret_key(&d, index, &b).public_key(), p);
        prop_assert_eq!(derive_subaddress_public_key(&p, &d, index).unwrap(), big_b);
    }

    #[test]
    fn signature_round_trip_and_tamper(seed: u64, msg: [u8; 32], flip in 0usize..512) {
        let mut r = rng(seed);
        let (sec, public) = generate_keys(&mut r);
        let sig = generate_signature(&msg, &public, &sec, &mut r).unwrap();
        prop_assert!(check_signature(&msg, &public, &sig));
        prop_assert_eq!(Signature::from_bytes(&sig.to_bytes()), sig);
        let mut bytes = sig.to_bytes();
        bytes[flip / 8] ^= 1 << (flip % 8);
        prop_assert!(!check_signature(&msg, &public, &Signature::from_bytes(&bytes)));

        let ki = generate_key_image(&public, &sec);
        let kis = generate_key_image_signature(&ki, &public, &sec, &mut r).unwrap();
        prop_assert!(check_key_image_signature(&ki, &public, &kis));
        let mut bytes = kis.to_bytes();
        bytes[flip / 8] ^= 1 << (flip % 8);
        prop_assert!(!check_key_image_signature(&ki, &public, &Signature::from_bytes(&bytes)));
    }

    #[test]
    fn ring_signature_round_trip_and_tamper(seed: u64, n in 1usize..6, l in 0usize..6, flip in 0usize..512) {
        let l = l % n;
        let mut r = rng(seed);
        let keys: Vec<_> = (0..n).map(|_| generate_keys(&mut r)).collect();
        let pubs: Vec<_> = keys.iter().map(|k| k.1).collect();
        let ki = generate_key_image(&keys[l].1, &keys[l].0);
        let msg = [3u8; 32];
        let mut sigs = generate_ring_signature(&msg, &ki, &pubs, &keys[l].0, l, &mut r).unwrap();
        prop_assert!(check_ring_signature(&msg, &ki, &pubs, &sigs));
        let j = flip % n;
        let mut bytes = sigs[j].to_bytes();
        bytes[flip / 8] ^= 1 << (flip % 8);
        sigs[j] = Signature::from_bytes(&bytes);
        prop_assert!(!check_ring_signature(&msg, &ki, &pubs, &sigs));
    }

    #[test]
    fn clsag_round_trip_and_tamper(seed: u64, n in 1usize..17, l in 0usize..17, flip in 0usize..256) {
        let l = l % n;
        let mut r = rng(seed);
        let (ring, pseudo, p, z) = ring(&mut r, n, l);
        let msg = [7u8; 32];
        let secret = ClsagSecret { p: &p, z: &z, real_index: l };
        let (sig, ki) = clsag::sign(&msg, &ring, &pseudo, &secret, &mut r).unwrap();
        prop_assert_eq!(sig.verify(&ring, &ki, &pseudo, &msg), Ok(()));
        let bytes = sig.to_bytes();
        prop_assert_eq!(&Clsag::from_bytes(&bytes, n).unwrap(), &sig);
        // tamper with any byte of the wire form
        let mut t = bytes.clone();
        let pos = (flip * 7919) % t.len();
        t[pos] ^= 1 << (flip % 8);
        let ok = Clsag::from_bytes(&t, n).map(|s| s.check(&ring, &ki, &pseudo, &msg)).unwrap_or(false);
        prop_assert!(!ok);
        // wrong message, wrong pseudo-out
        prop_assert!(!sig.check(&ring, &ki, &pseudo, &[8u8; 32]));
        prop_assert!(!sig.check(&ring, &ki, &Point::mul_base(&Scalar::ONE).compress(), &msg));
    }

    #[test]
    fn mlsag_round_trip_and_tamper(seed: u64, n in 2usize..12, l in 0usize..12, flip in 0usize..256) {
        let l = l % n;
        let mut r = rng(seed);
        let (ring, pseudo, p, z) = ring(&mut r, n, l);
        let msg = [9u8; 32];
        let secret = ClsagSecret { p: &p, z: &z, real_index: l };
        let (sig, ki) = mlsag::sign_simple(&msg, &ring, &pseudo, &secret, &mut r).unwrap();
        prop_assert_eq!(sig.verify_simple(&msg, &ring, &ki, &pseudo), Ok(()));
        let mut t = sig.to_bytes();
        let pos = (flip * 7919) % t.len();
        t[pos] ^= 1 << (flip % 8);
        let ok = Mlsag::read(&t, n, 2).map(|(s, _)| s.check_simple(&msg, &ring, &ki, &pseudo)).unwrap_or(false);
        prop_assert!(!ok);
    }
}

// ------------------------------------------------------------- one test per error variant

#[test]
fn error_varint() {
    assert_eq!(varint::read(&[0x80]), Err(Error::VarintTruncated));
    assert_eq!(varint::read(&[0x80, 0x00]), Err(Error::VarintOverlong));
    assert_eq!(varint::read(&[0xff; 10]), Err(Error::VarintOverflow));
}

#[test]
fn error_points_and_scalars() {
    let mut y_eq_p = [0xffu8; 32];
    y_eq_p[0] = 0xed;
    y_eq_p[31] = 0x7f;
    assert_eq!(Point::from_bytes(&y_eq_p), Err(Error::NonCanonicalPoint));
    let mut neg_zero = IDENTITY_BYTES;
    neg_zero[31] |= 0x80;
    assert_eq!(Point::from_bytes(&neg_zero), Err(Error::NonCanonicalPoint));
    let mut off_curve = [0u8; 32];
    off_curve[0] = 2; // y = 2 is not on the curve
    assert_eq!(Point::from_bytes(&off_curve), Err(Error::InvalidPoint));
    assert_eq!(
        Scalar::from_canonical_bytes(&[0xff; 32]),
        Err(Error::NonCanonicalScalar)
    );
    assert_eq!(
        KeyImage::from_point(&torsion8()).check_domain(),
        Err(Error::NotTorsionFree)
    );
    assert!(KeyImage::from_point(&Point::G).check_domain().is_ok());
    assert_eq!(Signature::from_slice(&[0u8; 63]), Err(Error::InvalidLength));
}

#[test]
fn error_signatures() {
    let mut r = rng(1);
    let (sec, public) = generate_keys(&mut r);
    let msg = [1u8; 32];
    let zero_c = Signature {
        c: [0; 32],
        r: [1; 32],
    };
    assert_eq!(
        verify_signature(&msg, &public, &zero_c),
        Err(Error::ChallengeZero)
    );
    // r = -c a makes R = cA + rG the identity
    let c = Scalar::from(5u64);
    let rr = -(c * sec.as_scalar());
    let sig = Signature {
        c: c.to_bytes(),
        r: rr.to_bytes(),
    };
    assert_eq!(verify_signature(&msg, &public, &sig), Err(Error::IdentityR));
    let good = generate_signature(&msg, &public, &sec, &mut r).unwrap();
    assert_eq!(
        verify_signature(&[2u8; 32], &public, &good),
        Err(Error::SignatureMismatch)
    );
    let (_, other) = generate_keys(&mut r);
    assert_eq!(
        generate_signature(&msg, &other, &sec, &mut r),
        Err(Error::SecretKeyMismatch)
    );
}

#[test]
fn error_rings() {
    let mut r = rng(2);
    let (ring, pseudo, p, z) = ring(&mut r, 3, 1);
    let msg = [0u8; 32];
    let secret = ClsagSecret {
        p: &p,
        z: &z,
        real_index: 1,
    };
    assert_eq!(
        clsag::sign(&msg, &[], &pseudo, &secret, &mut r).unwrap_err(),
        Error::RingTooSmall
    );
    let far = ClsagSecret {
        p: &p,
        z: &z,
        real_index: 3,
    };
    assert_eq!(
        clsag::sign(&msg, &ring, &pseudo, &far, &mut r).unwrap_err(),
        Error::RealIndexOutOfRange
    );
    let wrong = ClsagSecret {
        p: &p,
        z: &Scalar::ONE,
        real_index: 1,
    };
    assert_eq!(
        clsag::sign(&msg, &ring, &pseudo, &wrong, &mut r).unwrap_err(),
        Error::SecretKeyMismatch
    );
    let (sig, ki) = clsag::sign(&msg, &ring, &pseudo, &secret, &mut r).unwrap();
    assert_eq!(
        sig.verify(&ring[..2], &ki, &pseudo, &msg),
        Err(Error::RingLengthMismatch)
    );
    assert_eq!(
        sig.verify(&[], &ki, &pseudo, &msg),
        Err(Error::RingTooSmall)
    );
    assert_eq!(
        sig.verify(&ring, &KeyImage(IDENTITY_BYTES), &pseudo, &msg),
        Err(Error::IdentityKeyImage)
    );
    let mut small_d = sig.clone();
    small_d.d = torsion8().compress();
    assert_eq!(
        small_d.verify(&ring, &ki, &pseudo, &msg),
        Err(Error::IdentityD)
    );
    assert_eq!(
        Clsag::from_bytes(&sig.to_bytes()[1..], 3),
        Err(Error::InvalidLength)
    );
    // a ring member that does not decode
    let mut bad = ring.clone();
    bad[2].0 = CompressedPoint([0xff; 32]);
    assert!(matches!(
        sig.verify(&bad, &ki, &pseudo, &msg),
        Err(Error::NonCanonicalPoint | Error::InvalidPoint)
    ));
    assert_eq!(
        mlsag::sign_simple(&msg, &ring[..1], &pseudo, &secret, &mut r).unwrap_err(),
        Error::RingTooSmall
    );
}

/// A zero `c1` cannot close the chain (a zero round challenge, `Error::ChallengeZero`, is
/// infeasible to forge in a CLSAG; it is exercised through `check_signature`'s `c = 0` above).
#[test]
fn error_zero_c1_is_rejected() {
    let mut r = rng(3);
    let (ring, pseudo, p, z) = ring(&mut r, 2, 0);
    let msg = [0u8; 32];
    let secret = ClsagSecret {
        p: &p,
        z: &z,
        real_index: 0,
    };
    let (mut sig, ki) = clsag::sign(&msg, &ring, &pseudo, &secret, &mut r).unwrap();
    sig.c1 = Scalar::ZERO.into();
    assert!(sig.verify(&ring, &ki, &pseudo, &msg).is_err());
}
