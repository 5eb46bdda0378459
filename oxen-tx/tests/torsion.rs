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

use oxen_crypto::{CompressedPoint, KeyImage, Point, Scalar};
use rand_chacha::ChaCha20Rng;
use rand_core::SeedableRng;
use signers::{clsag_sign, mlsag_sign, t8};

/// A ring of `n` whose member `real` is `(p·G, pseudo + z·G)`, the pseudo-out, and the ring
/// as compressed members.
struct Setup {
    p: Scalar,
    z: Scalar,
    pseudo: Point,
    ring: Vec<(Point, Point)>,
    members: Vec<(CompressedPoint, CompressedPoint)>,
}

fn setup(rng: &mut ChaCha20Rng, n: usize, real: usize) -> Setup {
    let p = Scalar::random(rng);
    let z = Scalar::random(rng);
    let pseudo = Point::mul_base(&Scalar::random(rng));
    let ring: Vec<(Point, Point)> = (0..n)
        .map(|i| {
            if i == real {
                (Point::mul_base(&p), pseudo + Point::mul_base(&z))
            } else {
                (
                    Point::mul_base(&Scalar::random(rng)),
                    Point::mul_base(&Scalar::random(rng)),
                )
            }
        })
        .collect();
    let members = ring
        .iter()
        .map(|(a, b)| (a.compress(), b.compress()))
        .collect();
    Setup {
        p,
        z,
        pseudo,
        ring,
        members,
    }
}

#[test]
fn bare_clsag_accepts_torsioned_key_image() {
    let mut rng = ChaCha20Rng::seed_from_u64(8);
    for real in [0usize, 4, 9] {
        let Setup {
            p,
            z,
            pseudo,
            ring,
            members,
        } = setup(&mut rng, 10, real);
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
        let Setup {
            p,
            z,
            pseudo,
            ring,
            members,
        } = setup(&mut rng, 11, real);
        let matrix: Vec<Vec<Point>> = ring.iter().map(|(a, b)| vec![*a, *b - pseudo]).collect();
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
