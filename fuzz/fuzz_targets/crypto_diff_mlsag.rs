//! Differential against monero-mlsag: a valid MLSAG (ring of 1..=8 members for CLSAG, 2..=9 for
//! MLSAG, signed by us from a fuzzer seed), then up to 6 fuzzer-chosen edits of its 32-byte
//! fields (signature scalars and points, key image, pseudo-out, ring members, message). Our
//! verdict (decode, verify, key-image domain) must equal monero-oxide's
//! (`oxen_fuzz::diff::ring_differential`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use oxen_fuzz::diff::{RingInput, ring_differential};
use oxen_fuzz::valid::RingKind;

fuzz_target!(|inp: RingInput| ring_differential(RingKind::Mlsag, &inp));
