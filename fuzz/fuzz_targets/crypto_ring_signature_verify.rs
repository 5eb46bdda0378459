//! CryptoNote ring signature verification on arbitrary bytes: never panics.
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use libfuzzer_sys::fuzz_target;
use oxen_crypto::{KeyImage, PublicKey, Signature, verify_ring_signature};

fuzz_target!(|data: &[u8]| {
    let Some((&n, rest)) = data.split_first() else {
        return;
    };
    let n = usize::from(n % 17);
    if rest.len() < 64 {
        return;
    }
    let msg: [u8; 32] = rest[..32].try_into().unwrap();
    let ki = KeyImage(rest[32..64].try_into().unwrap());
    let members = &rest[64..];
    let (pubs, sigs): (Vec<_>, Vec<_>) = members
        .chunks_exact(96)
        .take(n)
        .map(|c| {
            (
                PublicKey(c[..32].try_into().unwrap()),
                Signature::from_slice(&c[32..]).unwrap(),
            )
        })
        .unzip();
    let _ = verify_ring_signature(&msg, &ki, &pubs, &sigs);
});
