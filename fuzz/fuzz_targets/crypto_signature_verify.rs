//! Signature and key-image-signature verification on arbitrary bytes: never panics.
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use libfuzzer_sys::fuzz_target;
use oxen_crypto::{KeyImage, PublicKey, Signature, verify_key_image_signature, verify_signature};

fuzz_target!(|data: &[u8]| {
    if data.len() < 128 {
        return;
    }
    let msg: [u8; 32] = data[..32].try_into().unwrap();
    let public = PublicKey(data[32..64].try_into().unwrap());
    let sig = Signature::from_slice(&data[64..128]).unwrap();
    let _ = verify_signature(&msg, &public, &sig);
    let _ = verify_key_image_signature(&KeyImage(msg), &public, &sig);
});
