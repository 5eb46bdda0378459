//! Checker for `rct_history.json`: whole version-2 transactions of the historical RingCT types
//! 1 (Full), 2 (Simple), 3 (Bulletproof) and 4 (Bulletproof2), with their rings. Every upstream
//! stage verdict is asserted against the matching step of this crate:
//!
//! | upstream | ours |
//! |---|---|
//! | `parse_and_validate_tx_from_blob` | [`Transaction::parse_and_validate`] |
//! | `Blockchain::expand_transaction_2` | [`consensus::expand_rings`] |
//! | `verRct(rv, true)` / `verRctSemanticsSimple` | [`RctSig::verify_semantics`] |
//! | `verRct(rv, false)` / `verRctNonSemanticsSimple` | [`RctSig::verify_non_semantics`] |
//!
//! and the node's verdict ([`Transaction::verify_for_node`]) at the hard fork where the type
//! was current, which also applies the ring-size and key-image-order rules these vectors do not
//! model (rings of 5 and 11 verify as signatures but a node rejects them).
use oxen_tx::Error;
use oxen_tx::consensus::{self, ConsensusRules, KnownRings};
use oxen_tx::rct::RctType;
use oxen_tx::transaction::Transaction;
use serde_json::Value;

use crate::txs::{
    Case, cases, check_blob_fields, check_key_images_and_message, finish, h, mix_ring,
};

/// The hard fork at which a node last accepted each historical type in a version-2 prefix:
/// Borromean (1, 2) before hf10, Bulletproof (3) at hf10; Bulletproof2 (4) needs hf11, where a
/// transaction must be version 4, so a version-2 type-4 transaction is never accepted.
fn hf_for(ty: RctType) -> u8 {
    match ty {
        RctType::Full | RctType::Simple => 9,
        RctType::Bulletproof => 10,
        _ => 11,
    }
}

pub fn rct_history(v: &Value) -> Result<usize, Vec<String>> {
    let mut errs = Vec::new();
    let all = cases(v);
    let mut valid = 0;
    for (idx, c) in all.iter().enumerate() {
        let mut k = Case::new(idx, c, &mut errs);
        let blob = h(&c["tx_hex"]);
        let rings = mix_ring(&c["mix_ring"]);
        let parsed = Transaction::parse_and_validate(&blob);
        k.eq(
            parsed.is_ok(),
            c["upstream_parse_ok"].as_bool().unwrap(),
            "parse_and_validate_tx_from_blob",
        );
        // The node entry point on the blob gives the same parse verdict.
        let rules = ConsensusRules::for_hf(10).unwrap();
        let tx = match parsed {
            Ok(tx) => tx,
            Err(e) => {
                k.check(
                    consensus::verify_blob_for_node(&blob, &rules, &KnownRings::default()).is_err(),
                    format!("node accepted a blob that does not parse ({e})"),
                );
                k.check(
                    c["expected"] == false,
                    "parse failed on a case expected valid",
                );
                continue;
            }
        };
        let (_, layout) = Transaction::from_bytes_with_layout(&blob).unwrap();
        check_blob_fields(&mut k, c, &tx, &layout, &blob);
        k.eq(
            tx.rct.rct_type as u64,
            c["rct_type"].as_u64().unwrap(),
            "rct_type",
        );
        check_key_images_and_message(&mut k, c, &tx, "key_images", "pre_mlsag_hash");
        let prefix_hash = tx.prefix_hash().unwrap();
        let inputs = tx.prefix.vin.len();

        // Stage verdicts, each on its own.
        let expand = consensus::expand_rings(&tx, &rings).is_ok();
        k.eq(
            expand,
            c["upstream_expand_transaction_2"].as_bool().unwrap(),
            "expand_transaction_2",
        );
        let (sem_key, non_key) = if tx.rct.rct_type == RctType::Full {
            ("upstream_verRct_semantics", "upstream_verRct_nonsemantics")
        } else {
            (
                "upstream_verRctSemanticsSimple",
                "upstream_verRctNonSemanticsSimple",
            )
        };
        let sem = tx.rct.verify_semantics();
        k.eq(sem.is_ok(), c[sem_key].as_bool().unwrap(), sem_key);
        let non = tx
            .rct
            .verify_non_semantics(&prefix_hash, inputs, &rings, &tx.key_images());
        k.eq(non.is_ok(), c[non_key].as_bool().unwrap(), non_key);
        // A failed signature names the MLSAG and the oxen-crypto check.
        if let Err(e) = non {
            k.check(
                matches!(e, Error::MlsagInvalid { .. }),
                format!("non-semantics error is not MlsagInvalid: {e:?}"),
            );
        }
        let expected = c["expected"].as_bool().unwrap();
        k.eq(
            expected,
            sem.is_ok() && non.is_ok() && expand,
            "expected == all stages",
        );

        // The node's verdict: the stages plus the consensus input rules at the type's fork.
        let ty = tx.rct.rct_type;
        let rules = ConsensusRules::for_hf(hf_for(ty)).unwrap();
        let node = tx.verify_for_node(&rules, &KnownRings::for_tx(&tx, &rings));
        let ring = c["ring_size"].as_u64().unwrap() as usize;
        let kis = tx.key_images();
        let sorted = kis.windows(2).all(|w| w[0].as_ref() > w[1].as_ref());
        // In the node's order: hard-fork rules, then the ring shape, then the stages.
        let want: Result<(), &str> = if ty == RctType::Bulletproof2 {
            Err("TxVersionNotAllowed")
        } else if ring != 10 {
            Err("RingSizeInvalid")
        } else if !sorted {
            Err("KeyImagesUnsorted")
        } else if expected {
            Ok(())
        } else {
            Err("any")
        };
        match (&want, &node) {
            (Ok(()), Ok(())) | (Err("any"), Err(_)) => {}
            (
                Err("RingSizeInvalid"),
                Err(Error::RingSizeInvalid {
                    input: 0,
                    size,
                    expected: 10,
                }),
            ) if *size == ring => {}
            (Err("KeyImagesUnsorted"), Err(Error::KeyImagesUnsorted { .. })) => {}
            (Err("TxVersionNotAllowed"), Err(Error::TxVersionNotAllowed { .. })) => {}
            _ => k.check(false, format!("node verdict: got {node:?}, want {want:?}")),
        }
        valid += usize::from(node.is_ok());
    }
    if valid == 0 {
        errs.push("no history transaction passed the node's checks".to_owned());
    }
    finish(all.len(), errs)
}
