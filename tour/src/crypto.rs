//! Tour section: oxen-crypto. Keys, a one-time output key and its recovered secret, the key
//! image, and a CLSAG over a ring of 16, with timings.

use oxen_crypto::clsag::{self, ClsagSecret, RingMember};
use oxen_crypto::*;

use crate::timed;

/// Runs this section of the tour.
pub fn run() {
    println!("\n== oxen-crypto: keys, stealth outputs, key images, CLSAG");
    let mut rng = rand::rng();

    // Recipient's view (a, A) and spend (b, B) keys; the sender's transaction key (r, R).
    let ((a, big_a), t) = timed(|| generate_keys(&mut rng));
    println!(
        "view key pair generated in {t:?}: A = {}",
        hex::encode(big_a.as_bytes())
    );
    let (b, big_b) = generate_keys(&mut rng);
    let (r, big_r) = generate_keys(&mut rng);

    // Sender: derivation 8rA and the one-time output key P = Hs(8rA || 0) G + B.
    let (d_sender, t_der) = timed(|| generate_key_derivation(&big_a, &r).unwrap());
    let (p, t_pub) = timed(|| derive_public_key(&d_sender, 0, &big_b).unwrap());
    println!(
        "derivation in {t_der:?}, one-time key P = {} in {t_pub:?}",
        hex::encode(p.as_bytes())
    );

    // Recipient: same derivation from aR; recovers x with x G = P.
    let d_recipient = generate_key_derivation(&big_r, &a).unwrap();
    assert_eq!(
        &d_sender, &d_recipient,
        "both sides derive the same 8rA = 8aR"
    );
    let (x, t_sec) = timed(|| derive_secret_key(&d_recipient, 0, &b));
    assert_eq!(x.public_key(), p, "recovered output secret opens P");
    println!("recipient recovered the output secret in {t_sec:?} (x G == P checked)");

    let (image, t_ki) = timed(|| generate_key_image(&p, &x));
    assert!(
        image.check_domain().is_ok(),
        "key image in the prime-order subgroup"
    );
    println!(
        "key image I = {} in {t_ki:?}",
        hex::encode(image.as_bytes())
    );

    // A ring of 16 with our output at index 11; amounts hidden in Pedersen commitments.
    let h = Point::from_bytes(
        &hex::decode("8b655970153799af2aeadc9ff1add0ea6c7251d54154cfa92c173a0dd39c1f94")
            .unwrap()
            .try_into()
            .unwrap(),
    )
    .unwrap();
    let amount = Scalar::from(42_000_000_000u64);
    let (mask, pseudo_mask) = (
        SecretScalar::random(&mut rng),
        SecretScalar::random(&mut rng),
    );
    let real = 11;
    let ring: Vec<RingMember> = (0..16)
        .map(|i| {
            if i == real {
                (p.compressed(), (mask.mul_base() + h * amount).compress())
            } else {
                let decoy = generate_keys(&mut rng).1;
                let c = Point::mul_base(&Scalar::random(&mut rng)) + h * Scalar::from(7u64);
                (decoy.compressed(), c.compress())
            }
        })
        .collect();
    let pseudo_out = (pseudo_mask.mul_base() + h * amount).compress();
    let message = hash::keccak256(b"oxen-rs tour pre-CLSAG message");
    let z = mask - pseudo_mask;
    let secret = ClsagSecret {
        p: &x,
        z: &z,
        real_index: real,
    };
    let ((sig, signed_image), t_sign) =
        timed(|| clsag::sign(&message, &ring, &pseudo_out, &secret, &mut rng).unwrap());
    assert_eq!(signed_image, image, "CLSAG key image equals x Hp(P)");
    let (ok, t_verify) = timed(|| sig.verify(&ring, &image, &pseudo_out, &message));
    assert_eq!(ok, Ok(()));
    println!(
        "CLSAG over 16 members: {} bytes, signed in {t_sign:?}, verified in {t_verify:?}",
        sig.to_bytes().len()
    );
    let tampered = sig.check(&ring, &image, &pseudo_out, &hash::keccak256(b"other"));
    assert!(!tampered);
    println!("the same CLSAG over another message is rejected");
}
