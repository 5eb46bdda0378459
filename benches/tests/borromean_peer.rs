//! oxen-tx's Borromean verifier against monero-oxide's `monero-borromean` (independent, agrees
//! with every upstream vector) where the reference's reading of non-reduced responses matters:
//! `s0`/`s1` replaced by `s + k·l`. Below `2^255` both accept (upstream `slide` reads the plain
//! value); at or above `2^255` upstream drops the carry out of bit 255 for some values (then the
//! signature fails) and not for others (it still verifies). Both kinds must occur here, and the
//! two implementations must agree on every one.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use oxen_tx::borromean::RangeSig;
use oxen_tx::commitment::Commitment;

/// The group order `l`, little-endian.
const L: [u8; 32] = [
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
];

/// `a + k·l`, or `None` if it does not fit 256 bits.
fn add_multiple_of_l(a: &[u8; 32], k: u32) -> Option<[u8; 32]> {
    let mut out = *a;
    for _ in 0..k {
        let mut carry = 0u16;
        for (o, l) in out.iter_mut().zip(L) {
            let s = u16::from(*o) + u16::from(l) + carry;
            *o = s as u8;
            carry = s >> 8;
        }
        if carry != 0 {
            return None;
        }
    }
    Some(out)
}

fn verdicts(sig: &RangeSig, c: &[u8; 32]) -> (bool, bool) {
    let bytes = sig.to_bytes();
    let ours = sig.verify(&Commitment::from_bytes(*c)).is_ok();
    let peer = monero_borromean::BorromeanRange::read(&mut bytes.as_slice())
        .unwrap()
        .verify(&monero_ed25519::CompressedPoint::from(*c));
    (ours, peer)
}

#[test]
fn non_reduced_responses_agree_with_monero_borromean() {
    let json: serde_json::Value =
        serde_json::from_str(include_str!("../../oxen-tx/tests/vectors/borromean.json")).unwrap();
    let (mut low_accepted, mut high_accepted, mut high_rejected) = (0, 0, 0);
    for case in json["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["expected"] == true)
        .take(2)
    {
        let c: [u8; 32] = hex::decode(case["C"].as_str().unwrap())
            .unwrap()
            .try_into()
            .unwrap();
        let sig =
            RangeSig::from_bytes(&hex::decode(case["rangesig_hex"].as_str().unwrap()).unwrap())
                .unwrap();
        for i in [0, 9, 33, 63] {
            for k in 1..16 {
                for which in 0..2 {
                    let mut s = sig.clone();
                    let field = if which == 0 {
                        &mut s.asig.s0[i]
                    } else {
                        &mut s.asig.s1[i]
                    };
                    let Some(v) = add_multiple_of_l(field, k) else {
                        continue;
                    };
                    *field = v;
                    let (ours, peer) = verdicts(&s, &c);
                    assert_eq!(ours, peer, "bit {i}, k {k}, s{which}");
                    match (v[31] & 0x80 != 0, ours) {
                        (false, true) => low_accepted += 1,
                        (false, false) => panic!("s + {k}l < 2^255 rejected"),
                        (true, true) => high_accepted += 1,
                        (true, false) => high_rejected += 1,
                    }
                }
            }
        }
    }
    println!(
        "s + k·l: {low_accepted} below 2^255 accepted; above: {high_accepted} accepted, {high_rejected} rejected"
    );
    assert!(low_accepted > 0 && high_accepted > 0 && high_rejected > 0);
}
