//! The scanner on every parseable transaction of `rct_transactions.json` (12),
//! `real_transactions.json` (3) and `rct_history.json` (164 of 165; one does not parse).
//!
//! None of these vectors carries a recipient's view or spend key (they hold tx keys, rings and
//! commitments only), so the expected results are built from the vector data with the reference
//! functions (oxen-crypto's `generate_key_derivation`, `derive_subaddress_public_key`,
//! `get_subaddress_secret_key`), never with the scanner:
//!
//! * a random wallet owns nothing in any of them, and sees the vector's transaction type;
//! * a wallet whose spend key is *chosen* so that output 0 is its own (`B = P0 - Hs(8aR || 0) G`,
//!   at the main address, or minus `m(1, 2) G` at subaddress (1, 2)) finds exactly output 0 at
//!   that index; its amount key is not the sender's, so a RingCT output is reported as not
//!   opening, and a cleartext (coinbase) output is credited with the vector's amount and
//!   unlock time.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use oxen_crypto::{
    PublicKey, SecretKey, derive_subaddress_public_key, generate_key_derivation,
    get_subaddress_secret_key,
};
use oxen_tx::extra::TxExtra;
use oxen_tx::rct::RctType;
use oxen_tx::scan::{AmountSource, Lookahead, OutputRejection, Scanner, SubaddressIndex, ViewKeys};
use oxen_tx::transaction::Transaction;
use rand::SeedableRng;
use serde_json::Value;

fn load(name: &str) -> Vec<Value> {
    let path = format!("{}/tests/vectors/{name}", env!("CARGO_MANIFEST_DIR"));
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v["cases"].as_array().unwrap().clone()
}

/// (name, tx, vector's unlock_time / type if given).
fn all_txs() -> Vec<(String, Transaction, Option<u64>, Option<u64>)> {
    let mut out = Vec::new();
    for (file, field) in [
        ("rct_transactions.json", "tx_hex"),
        ("real_transactions.json", "blob_hex"),
        ("rct_history.json", "tx_hex"),
    ] {
        for c in load(file) {
            let name = format!("{file}/{}", c["name"].as_str().unwrap());
            let blob = hex::decode(c[field].as_str().unwrap()).unwrap();
            let parse_ok = c
                .get("upstream_parse_ok")
                .map(|v| v.to_string().to_lowercase().contains("true"))
                .unwrap_or(true);
            let tx = Transaction::parse_and_validate(&blob);
            assert_eq!(tx.is_ok(), parse_ok, "{name}");
            let num = |k: &str| {
                c.get(k).map(|v| match v {
                    Value::String(s) => s.parse().unwrap(),
                    v => v.as_u64().unwrap(),
                })
            };
            if let Ok(tx) = tx {
                out.push((name, tx, num("unlock_time"), num("type")));
            }
        }
    }
    out
}

const LA: Lookahead = Lookahead { major: 3, minor: 4 };

#[test]
fn every_vector_transaction_scans() {
    let txs = all_txs();
    assert_eq!(txs.len(), 12 + 3 + 164);
    let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(11);
    let a = SecretKey::random(&mut rng);
    let stranger = Scanner::new(
        ViewKeys::new(a.clone(), SecretKey::random(&mut rng).public_key()).unwrap(),
        LA,
    )
    .unwrap();
    let (mut credited, mut not_opening) = (0, 0);
    for (name, tx, unlock, ty) in &txs {
        let s = stranger.clone().scan(tx);
        assert!(s.owned.is_empty() && s.rejected.is_empty(), "{name}");
        if let Some(ty) = ty {
            assert_eq!(s.tx_type as u64, *ty, "{name}");
        }

        // expected results from the reference functions
        let r = TxExtra::parse(&tx.prefix.extra).unwrap().tx_pub_key(0);
        let d = generate_key_derivation(&PublicKey(r), &a).unwrap();
        let p0 = PublicKey::from(*tx.prefix.vout[0].key().unwrap());
        let main_b = derive_subaddress_public_key(&p0, &d, 0).unwrap();
        let m = get_subaddress_secret_key(&a, 1, 2);
        let sub_b = PublicKey::from_point(
            &(main_b.decompress().unwrap() - m.as_secret_scalar().mul_base()),
        );
        for (b, idx) in [
            (main_b, SubaddressIndex::MAIN),
            (sub_b, SubaddressIndex::new(1, 2)),
        ] {
            let mut w = Scanner::new(ViewKeys::new(a.clone(), b).unwrap(), LA).unwrap();
            let s = w.scan(tx);
            assert!(s.issues.is_empty(), "{name}: {:?}", s.issues);
            if tx.rct.rct_type == RctType::Null {
                assert!(s.rejected.is_empty(), "{name}");
                assert_eq!(s.owned.len(), 1, "{name}");
                let o = &s.owned[0];
                assert_eq!((o.index, o.subaddress), (0, idx), "{name}");
                assert_eq!(o.amount, tx.prefix.vout[0].amount, "{name}");
                assert_eq!(o.amount_source, AmountSource::Cleartext);
                assert_eq!(Some(o.unlock_time), *unlock, "{name}");
                credited += 1;
            } else {
                assert!(s.owned.is_empty(), "{name}");
                assert_eq!(s.rejected.len(), 1, "{name}");
                let r = &s.rejected[0];
                assert_eq!((r.index, r.subaddress), (0, idx), "{name}");
                assert_eq!(r.reason, OutputRejection::CommitmentDoesNotOpen, "{name}");
                not_opening += 1;
            }
        }
    }
    // one coinbase (oxen_fuzz_TX1), seen at two indices; the rest RingCT
    assert_eq!(credited, 2);
    assert_eq!(not_opening, 2 * (txs.len() - 1));
}

#[test]
fn real_coinbase_amount_and_unlock() {
    let txs = all_txs();
    let (_, tx, unlock, _) = txs.iter().find(|t| t.0.ends_with("oxen_fuzz_TX1")).unwrap();
    assert!(tx.prefix.is_miner_tx());
    assert_eq!(*unlock, Some(1_338_409));
    assert_eq!(tx.prefix.get_unlock_time(0), 1_338_409);
}
