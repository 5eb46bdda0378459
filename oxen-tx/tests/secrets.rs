//! Secret-bearing types of oxen-tx: compile-time `!Copy` / `ZeroizeOnDrop`, runtime `Debug`
//! redaction of amount keys, masks and the builder's inputs and outputs.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use oxen_crypto::{CompressedPoint, SecretKey, SecretScalar};
use oxen_tx::commitment::commit;
use oxen_tx::ecdh::{
    AmountKey, EcdhTupleV1, commitment_mask, ecdh_decode, ecdh_decode_v1, ecdh_encode,
    ecdh_encode_v1, ecdh_hash,
};
use oxen_tx::rct::{CtKey, RctInput, RctSecrets};
use oxen_vector_harness::assert_debug_redacted;
use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;
use static_assertions::{assert_impl_all, assert_not_impl_any};
use zeroize::{Zeroize, ZeroizeOnDrop};

assert_not_impl_any!(AmountKey: Copy);
assert_not_impl_any!(RctInput: Copy);
assert_not_impl_any!(RctSecrets: Copy);
assert_impl_all!(AmountKey: Zeroize, ZeroizeOnDrop, core::fmt::Debug);
assert_impl_all!(RctInput: core::fmt::Debug);
assert_impl_all!(RctSecrets: core::fmt::Debug);
// the wire forms stay Copy (they are public)
assert_impl_all!(EcdhTupleV1: Copy);

#[cfg(feature = "ristretto")]
mod ristretto {
    use oxen_tx::range_proof::RistrettoBlinding;
    use static_assertions::{assert_impl_all, assert_not_impl_any};
    use zeroize::{Zeroize, ZeroizeOnDrop};
    assert_not_impl_any!(RistrettoBlinding: Copy);
    assert_impl_all!(RistrettoBlinding: Zeroize, ZeroizeOnDrop);
}

fn rng() -> ChaCha20Rng {
    ChaCha20Rng::seed_from_u64(0x7a)
}

#[test]
fn amount_keys_and_masks_are_redacted() {
    let k = AmountKey::from_bytes([0x3c; 32]);
    assert_eq!(format!("{k:?}"), "AmountKey(..)");
    assert_debug_redacted(&format!("{k:?}"), k.as_bytes());
    let mask = commitment_mask(&k);
    assert_debug_redacted(&format!("{mask:?}"), mask.expose_bytes());
    let (amount, decoded) = ecdh_decode(&ecdh_encode(77, &k), &k);
    assert_eq!(amount, 77);
    assert_eq!(decoded, mask);
    assert_debug_redacted(&format!("{:?}", (amount, &decoded)), decoded.expose_bytes());
    // the v1 mask too, and the wire tuple prints nothing of the pads
    let enc = ecdh_encode_v1(5, &mask, &k);
    let (_, m1) = ecdh_decode_v1(&enc, &k);
    assert_eq!(m1, mask);
    assert_debug_redacted(&format!("{m1:?}"), m1.expose_bytes());
    assert_debug_redacted(&format!("{enc:?}"), &enc.mask);
    // the amount pad comes back in a zeroizing buffer
    let pad = ecdh_hash(&k);
    assert_eq!(pad.len(), 32);
}

#[test]
fn builder_inputs_and_secrets_are_redacted() {
    let mut r = rng();
    let secret_key = SecretKey::random(&mut r);
    let mask = SecretScalar::random(&mut r);
    let real = CtKey {
        dest: secret_key.public_key().compressed(),
        mask: CompressedPoint(commit(1000, &mask).to_bytes()),
    };
    let (key_bytes, mask_bytes) = (*secret_key.to_bytes(), *mask.expose_bytes());
    let input = RctInput {
        ring: vec![real],
        real_index: 0,
        secret_key,
        mask: mask.clone(),
        amount: 1000,
    };
    let dbg = format!("{input:#?}");
    assert_debug_redacted(&dbg, &key_bytes);
    assert_debug_redacted(&dbg, &mask_bytes);
    assert!(!dbg.contains("1000"), "{dbg} shows the amount");
    let secrets = RctSecrets {
        output_masks: vec![mask.clone()],
    };
    assert_eq!(format!("{secrets:?}"), "RctSecrets { .. }");
    assert_debug_redacted(&format!("{secrets:?}"), &mask_bytes);
}

#[test]
fn key_image_selects_the_real_member() {
    let mut r = rng();
    let keys: Vec<SecretKey> = (0..4).map(|_| SecretKey::random(&mut r)).collect();
    let ring: Vec<CtKey> = keys
        .iter()
        .map(|k| CtKey {
            dest: k.public_key().compressed(),
            mask: CompressedPoint([0; 32]),
        })
        .collect();
    for (l, k) in keys.iter().enumerate() {
        let input = RctInput {
            ring: ring.clone(),
            real_index: l,
            secret_key: k.clone(),
            mask: SecretScalar::random(&mut r),
            amount: 1,
        };
        assert_eq!(
            input.key_image().unwrap(),
            oxen_crypto::generate_key_image(&k.public_key(), k)
        );
    }
    let out_of_range = RctInput {
        ring,
        real_index: 4,
        secret_key: keys[0].clone(),
        mask: SecretScalar::random(&mut r),
        amount: 1,
    };
    assert_eq!(
        out_of_range.key_image().unwrap_err(),
        oxen_tx::Error::BuilderArguments
    );
}
