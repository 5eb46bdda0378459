//! Structure-aware and differential: 1 to 3 valid Bulletproofs (1 to 4 amounts each, proved
//! by us from a fuzzer seed), then fuzzer-chosen edits of their 32-byte fields (A, S, T1, T2,
//! taux, mu, L, R, a, b, t and the output commitments). Checks: a proof and its commitments
//! re-parse; single verify of each; the batch verdict equals the AND of the single verdicts;
//! and each single verdict equals monero-bulletproofs' (the same construction byte for byte,
//! see `oxen_fuzz::diff`). Uses only `oxen_tx::bulletproof::Bulletproof` and
//! `oxen_tx::commitment`.
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use oxen_fuzz::diff::bulletproof_theirs;
use oxen_fuzz::edit::{Edit, apply};
use oxen_fuzz::valid;
use oxen_tx::bulletproof::Bulletproof;
use oxen_tx::commitment::Commitment;

#[derive(Arbitrary, Debug)]
struct Input {
    seed: u64,
    /// Amounts of each proof (1..=4 used per proof, 1..=3 proofs).
    proofs: Vec<Vec<u64>>,
    /// (which proof, edit).
    edits: Vec<(u8, Edit)>,
}

fuzz_target!(|inp: Input| {
    let mut cases: Vec<(Vec<[u8; 32]>, usize)> = inp
        .proofs
        .iter()
        .take(3)
        .enumerate()
        .filter(|(_, a)| !a.is_empty())
        .map(|(i, a)| valid::bulletproof(inp.seed.wrapping_add(i as u64), &a[..a.len().min(4)]))
        .collect();
    if cases.is_empty() {
        return;
    }
    for (which, e) in inp.edits.iter().take(6) {
        let k = usize::from(*which) % cases.len();
        apply(&mut cases[k].0, e);
    }
    let mut parsed: Vec<(Bulletproof, Vec<Commitment>)> = Vec::new();
    let mut singles = Vec::new();
    for (slots, rounds) in &cases {
        let (wire, cs) = valid::bulletproof_parts(slots, *rounds);
        let proof = Bulletproof::from_bytes(&wire).expect("edits keep the framing");
        assert_eq!(proof.to_bytes(), wire);
        let ours = proof.verify(&cs).is_ok();
        let raw: Vec<[u8; 32]> = cs.iter().map(|c| c.0).collect();
        let theirs = bulletproof_theirs(&wire, &raw, inp.seed);
        assert_eq!(
            ours, theirs,
            "single verdict differs from monero-bulletproofs"
        );
        if inp.edits.is_empty() {
            assert!(ours, "our own proof must verify");
        }
        singles.push(ours);
        parsed.push((proof, cs));
    }
    let items: Vec<(&Bulletproof, &[Commitment])> =
        parsed.iter().map(|(p, c)| (p, c.as_slice())).collect();
    let batch = Bulletproof::batch_verify(&items).is_ok();
    assert_eq!(batch, singles.iter().all(|&s| s), "batch != AND of singles");
});
