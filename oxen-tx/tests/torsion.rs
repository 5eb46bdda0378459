//! The key-image torsion attack (the 2017 CryptoNote bug): a CLSAG and an MLSAG over `I + T8`
//! that the bare signature verifiers accept (as upstream's do); the node's subgroup check is
//! what rejects them.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "support/signers.rs"]
mod signers;

use oxen_crypto::{KeyImage, Point, Scalar};
use rand_chacha::ChaCha20Rng;
use rand_core::SeedableRng;
use signers::{clsag_sign, mlsag_sign, t8};

fn ring(
    rng: &mut ChaCha20Rng,
    n: usize,
    real: usize,
    p: &Scalar,
    c: &Point,
) -> Vec<(Point, Point)> {
    (0..n)
        .map(|i| {
            if i == real {
                (Point::mul_base(p), *c)
            } else {
                (
                    Point::mul_base(&Scalar::random(rng)),
                    Point::mul_base(&Scalar::random(rng)),
                )
            }
        })
        .collect()
}

#[test]
fn bare_clsag_accepts_torsioned_key_image() {
    let mut rng = ChaCha20Rng::seed_from_u64(8);
    for real in [0usize, 4, 9] {
        let p = Scalar::random(&mut rng);
        let z = Scalar::random(&mut rng);
        let pseudo = Point::mul_base(&Scalar::random(&mut rng));
        let c = pseudo + Point::mul_base(&z);
        let ring = ring(&mut rng, 10, real, &p, &c);
        let members: Vec<_> = ring
            .iter()
            .map(|(a, b)| (a.compress(), b.compress()))
            .collect();
        let m = [real as u8; 32];
        for torsion in [None, Some(t8())] {
            let (sig, image) = clsag_sign(&m, &ring, &pseudo, &p, &z, real, torsion, &mut || {
                Scalar::random(&mut rng)
            });
            let ki = KeyImage(image.0);
            assert_eq!(
                sig.to_clsag().verify(&members, &ki, &pseudo.compress(), &m),
                Ok(())
            );
            assert_eq!(ki.check_domain().is_ok(), torsion.is_none());
        }
    }
}

#[test]
fn bare_mlsag_accepts_torsioned_key_image() {
    let mut rng = ChaCha20Rng::seed_from_u64(9);
    for real in [0usize, 5, 10] {
        let p = Scalar::random(&mut rng);
        let z = Scalar::random(&mut rng);
        let pseudo = Point::mul_base(&Scalar::random(&mut rng));
        let c = pseudo + Point::mul_base(&z);
        let ring = ring(&mut rng, 11, real, &p, &c);
        let matrix: Vec<Vec<Point>> = ring.iter().map(|(a, b)| vec![*a, *b - pseudo]).collect();
        let members: Vec<_> = ring
            .iter()
            .map(|(a, b)| (a.compress(), b.compress()))
            .collect();
        let m = [real as u8; 32];
        for torsion in [None, Some(t8())] {
            let (sig, images) = mlsag_sign(&m, &matrix, &[p, z], real, 1, torsion, &mut || {
                Scalar::random(&mut rng)
            });
            let ki = KeyImage(images[0].0);
            assert_eq!(
                sig.to_mlsag()
                    .verify_simple(&m, &members, &ki, &pseudo.compress()),
                Ok(())
            );
            assert_eq!(ki.check_domain().is_ok(), torsion.is_none());
        }
    }
}
