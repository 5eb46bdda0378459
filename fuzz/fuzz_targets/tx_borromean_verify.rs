//! Borromean range signatures (`verRange`): decode + verify arbitrary bytes against an arbitrary
//! commitment, differentially against monero-oxide's `monero-borromean` (an independent
//! implementation that agrees with every upstream vector).
//!
//! Input: `C[32] || rangesig[6176] || edits`. Each 2-byte edit `(field, k)` adds `(k % 16)·l`
//! (mod 2^256) to 32-byte field `field % 193` of the signature: on a valid seed (the corpus holds
//! the vector proofs) this keeps `s0`/`s1` equal mod `l` while moving them across `2^255`,
//! where the reference's `slide` drops a carry (monero-project/monero#8438), so both verdicts
//! must follow the reference there too.
//!
//! Known differences: none. (monero-borromean rejects a non-reduced `ee` when reading; oxen-tx
//! parses it and rejects it in `verify`: the verdict is the same. Inputs of another length are
//! compared as "both reject".)
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use libfuzzer_sys::fuzz_target;
use oxen_tx::borromean::{RANGE_SIG_LEN, RangeSig};
use oxen_tx::commitment::Commitment;

/// The group order `l`, little-endian.
const L: [u8; 32] = [
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
];

/// `field += k·l mod 2^256`.
fn add_multiple_of_l(field: &mut [u8], k: u8) {
    for _ in 0..k {
        let mut carry = 0u16;
        for (f, l) in field.iter_mut().zip(L) {
            let s = u16::from(*f) + u16::from(l) + carry;
            *f = s as u8;
            carry = s >> 8;
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((c, rest)) = data.split_first_chunk::<32>() else {
        return;
    };
    let commitment = Commitment::from_bytes(*c);
    if rest.len() < RANGE_SIG_LEN {
        assert!(RangeSig::from_bytes(rest).is_err());
        assert!(oxen_tx::borromean::verify_bytes(rest, &commitment).is_err());
        return;
    }
    let (sig, edits) = rest.split_at(RANGE_SIG_LEN);
    let mut sig = sig.to_vec();
    for edit in edits.chunks_exact(2) {
        let field = usize::from(edit[0]) % (RANGE_SIG_LEN / 32);
        add_multiple_of_l(&mut sig[field * 32..][..32], edit[1] % 16);
    }

    let ours = RangeSig::from_bytes(&sig).expect("exact length parses");
    assert_eq!(ours.to_bytes(), sig);
    let verdict = ours.verify(&commitment);

    let theirs = monero_borromean::BorromeanRange::read(&mut sig.as_slice())
        .is_ok_and(|p| p.verify(&monero_ed25519::CompressedPoint::from(*c)));
    assert_eq!(
        verdict.is_ok(),
        theirs,
        "oxen {verdict:?}, monero-borromean {theirs}"
    );
});
