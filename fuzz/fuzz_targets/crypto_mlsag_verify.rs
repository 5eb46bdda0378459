//! MLSAG (Simple RingCT) decoding and verification on arbitrary bytes: never panics.
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use libfuzzer_sys::fuzz_target;
use oxen_crypto::{CompressedPoint, KeyImage, Mlsag};

fuzz_target!(|data: &[u8]| {
    let Some((&n, rest)) = data.split_first() else {
        return;
    };
    let n = usize::from(n % 17);
    let head = 96 + 64 * n;
    if rest.len() < head {
        return;
    }
    let msg: [u8; 32] = rest[..32].try_into().unwrap();
    let ki = KeyImage(rest[32..64].try_into().unwrap());
    let pseudo = CompressedPoint(rest[64..96].try_into().unwrap());
    let ring: Vec<_> = rest[96..head]
        .chunks_exact(64)
        .map(|c| {
            (
                CompressedPoint(c[..32].try_into().unwrap()),
                CompressedPoint(c[32..].try_into().unwrap()),
            )
        })
        .collect();
    if let Ok((sig, used)) = Mlsag::read(&rest[head..], n, 2) {
        assert_eq!(sig.to_bytes(), &rest[head..head + used]);
        let _ = sig.verify_simple(&msg, &ring, &ki, &pseudo);
    }
});
