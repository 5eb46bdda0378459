//! Fuzz target: the wallet scanner on arbitrary transaction bytes (and, through the seed corpus
//! of valid transactions, on their mutations). Whatever parses is scanned twice: by a fixed
//! wallet that owns nothing, and by a wallet whose spend key is derived from the transaction so
//! that output 0 is its own (`B = P0 - Hs(8aR || 0) G`), which drives the amount, commitment
//! and payment-id paths on every input. Neither may panic, and the second must report output 0.
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use libfuzzer_sys::fuzz_target;
use oxen_crypto::{PublicKey, SecretKey, derive_subaddress_public_key, generate_key_derivation};
use oxen_tx::extra::TxExtra;
use oxen_tx::scan::{Lookahead, Scanner, ViewKeys};
use oxen_tx::transaction::Transaction;

const LA: Lookahead = Lookahead { major: 1, minor: 2 };

fuzz_target!(|data: &[u8]| {
    let Ok(tx) = Transaction::from_bytes(data) else {
        return;
    };
    let a = SecretKey::from_canonical_bytes(&[3; 32]).unwrap();
    let b = SecretKey::from_canonical_bytes(&[5; 32]).unwrap();
    let mut stranger = Scanner::new(ViewKeys::new(a.clone(), b.public_key()).unwrap(), LA)
        .unwrap()
        .with_spend_secret(b)
        .unwrap();
    let s = stranger.scan(&tx);
    assert!(s.owned.is_empty() && s.rejected.is_empty());
    let _ = stranger.scan_many(core::slice::from_ref(&tx));

    // a wallet that owns output 0 by construction
    let Ok(extra) = TxExtra::parse(&tx.prefix.extra) else {
        return;
    };
    // (tx_pub_key(0) is all-zero when there is none, which is a valid point: ask for a real one)
    let Some(&r) = extra.tx_pub_keys().first() else {
        return;
    };
    let Some(p0) = tx.prefix.vout.first().and_then(|o| o.key()) else {
        return;
    };
    let Ok(d) = generate_key_derivation(&PublicKey(r), &a) else {
        return;
    };
    let Ok(big_b) = derive_subaddress_public_key(&PublicKey::from(*p0), &d, 0) else {
        return;
    };
    let Ok(keys) = ViewKeys::new(a, big_b) else {
        return;
    };
    let mut owner = Scanner::new(keys, LA).unwrap();
    let s = owner.scan(&tx);
    let first = s
        .owned
        .iter()
        .map(|o| o.index)
        .chain(s.rejected.iter().map(|o| o.index));
    assert_eq!(first.min(), Some(0), "output 0 is ours by construction");
    let _ = s.payment_id;
});
