//! Bulletproof parsing and verification on arbitrary bytes: `k = data[0] % 18` commitments `V`
//! (32 bytes each) follow, the rest is a proof. Nothing may panic; a parsed proof re-serializes
//! to the bytes it was read from; verification returns a verdict for any input.
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use libfuzzer_sys::fuzz_target;
use oxen_tx::bulletproof::Bulletproof;
use oxen_tx::commitment::Commitment;

fuzz_target!(|data: &[u8]| {
    let Some((&k, rest)) = data.split_first() else {
        return;
    };
    let k = usize::from(k % 18);
    if rest.len() < 32 * k {
        return;
    }
    let (vs, proof_bytes) = rest.split_at(32 * k);
    let v: Vec<[u8; 32]> = vs.chunks_exact(32).map(|c| c.try_into().unwrap()).collect();
    let Ok((proof, used)) = Bulletproof::read(proof_bytes) else {
        let _ = Bulletproof::from_bytes(proof_bytes);
        return;
    };
    assert_eq!(proof.to_bytes(), proof_bytes[..used]);
    assert_eq!(proof.serialized_len(), used);
    let _ = proof.max_amounts();
    let single = proof.verify_v(&v);
    let batch = Bulletproof::batch_verify_v(&[(&proof, &v), (&proof, &v)]);
    assert_eq!(single.is_ok(), batch.is_ok());
    let cs: Vec<Commitment> = v.iter().map(|b| Commitment::from_bytes(*b)).collect();
    let _ = proof.verify(&cs);
});
