//! Fuzz target: MLSAG verification at transaction level (RingCT types 1..=4): decode a RingCT
//! signature and verify its MLSAGs (the type-1 matrix with the amount row, or one simple MLSAG
//! per input) against rings and key images taken from the input. Never panics; a signature
//! that decodes re-serializes to the same bytes.
//!
//! Input: `n_in, n_out, ring_size, len (u16 LE)`, `len` bytes of RingCT signature (base +
//! prunable), the 32-byte prefix hash, then per input a key image and `ring_size` members
//! `(P, C)` (cycled when short). Seeds: the rct_history.json transactions in this layout.
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use libfuzzer_sys::fuzz_target;
use oxen_tx::rct::{CtKey, RctSig, RctType};

fuzz_target!(|data: &[u8]| {
    let [n_in, n_out, ring, lo, hi, rest @ ..] = data else {
        return;
    };
    let inputs = usize::from(*n_in % 4).max(1);
    let outputs = usize::from(*n_out % 6);
    let ring = usize::from(*ring % 17);
    let len = usize::from(u16::from_le_bytes([*lo, *hi]));
    let Some((rct, tail)) = rest.split_at_checked(len) else {
        return;
    };
    let Ok(rv) = RctSig::from_bytes(rct, inputs, outputs, ring) else {
        return;
    };
    if !matches!(
        rv.rct_type,
        RctType::Full | RctType::Simple | RctType::Bulletproof | RctType::Bulletproof2
    ) {
        return;
    }
    assert_eq!(rv.to_bytes(inputs, outputs, ring).unwrap(), rct);
    let mut chunks = tail
        .chunks_exact(32)
        .map(|c| <[u8; 32]>::try_from(c).unwrap())
        .cycle();
    let Some(message) = chunks.next() else {
        return;
    };
    let mut key_images = Vec::new();
    let mut rings = Vec::new();
    for _ in 0..inputs {
        key_images.push(chunks.next().unwrap().into());
        rings.push(
            (0..ring)
                .map(|_| CtKey {
                    dest: chunks.next().unwrap().into(),
                    mask: chunks.next().unwrap().into(),
                })
                .collect::<Vec<_>>(),
        );
    }
    let _ = rv.verify_non_semantics(&message, inputs, &rings, &key_images);
    let _ = rv.verify_semantics();
});
