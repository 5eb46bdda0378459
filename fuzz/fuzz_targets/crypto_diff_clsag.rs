//! Differential against monero-clsag: a valid CLSAG (ring of 1..=8 members for CLSAG,
//! 2..=8 for MLSAG, signed by us from a fuzzer seed), then up to 6 fuzzer-chosen edits of its
//! 32-byte fields (signature scalars and points, key image, pseudo-out, ring members,
//! message). Our verdict (decode, verify, key-image domain) must equal monero-oxide's.
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
use oxen_fuzz::diff::{clsag_ours, clsag_theirs, known_difference};
use oxen_fuzz::edit::{Edit, apply};
use oxen_fuzz::valid;

#[derive(Arbitrary, Debug)]
struct Input {
    seed: u64,
    size: u8,
    real: u8,
    edits: Vec<Edit>,
}

fuzz_target!(|inp: Input| {
    let n = usize::from(inp.size % 8) + 1;
    let mut c = valid::clsag(inp.seed, n, usize::from(inp.real));
    for e in inp.edits.iter().take(6) {
        apply(&mut c.slots, e);
    }
    let args = (c.sig_bytes(), c.ring(), c.key_image(), c.pseudo_out(), c.message());
    let ours = clsag_ours(n, &args.0, &args.1, &args.2, &args.3, &args.4);
    let theirs = clsag_theirs(n, &args.0, &args.1, &args.2, &args.3, &args.4);
    if inp.edits.is_empty() {
        assert!(ours, "our own signature must verify");
    }
    assert!(
        ours == theirs || known_difference(ours, theirs).is_some(),
        "ours {ours} theirs {theirs}: {inp:?}"
    );
});
