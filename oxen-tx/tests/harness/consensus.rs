//! Checker for `tx_consensus.json`: CLSAG transactions around the consensus input rules. Each
//! case lists every upstream check with its own verdict (every check run even after an earlier
//! one failed); each is asserted against the matching step of this crate, then the node's
//! overall verdict ([`Transaction::verify_for_node`]) against `expected`.
use oxen_tx::Error;
use oxen_tx::commitment::Commitment;
use oxen_tx::consensus::{self, ConsensusRules, KnownRings};
use oxen_tx::rct::CtKey;
use oxen_tx::transaction::Transaction;
use serde_json::Value;

use crate::txs::{
    Case, cases, check_blob_fields, check_key_images_and_message, finish, h, mix_ring,
};

/// Our step for one upstream check, or `None` for a name this harness does not know (a
/// failure: the vector file grew a check nobody mapped).
fn our_verdict(check: &str, tx: &Transaction, rings: &[Vec<CtKey>]) -> Option<bool> {
    let rules = ConsensusRules::for_hf(21).unwrap();
    let prefix_hash = tx.prefix_hash().unwrap();
    Some(match check {
        "parse_and_validate_tx_from_blob" => tx.expand().is_ok(),
        "core::check_tx_inputs_keyimages_diff" => consensus::check_key_images_distinct(tx).is_ok(),
        "core::check_tx_inputs_ring_members_diff" => {
            consensus::check_ring_members_distinct(tx).is_ok()
        }
        "core::check_tx_inputs_keyimages_domain" => {
            consensus::check_key_images_in_prime_subgroup(tx).is_ok()
        }
        "is_canonical_bulletproof_layout" => consensus::check_bulletproof_layout(tx).is_ok(),
        "rct::verRctSemanticsSimple" => tx.rct.verify_semantics().is_ok(),
        c if c.starts_with("Blockchain::check_tx_inputs[") => {
            consensus::check_ring_shape(tx, &rules).is_ok()
        }
        "Blockchain::expand_transaction_2" => consensus::expand_rings(tx, rings).is_ok(),
        "rct::verRctNonSemanticsSimple" => tx
            .rct
            .verify_non_semantics(&prefix_hash, tx.prefix.vin.len(), rings, &tx.key_images())
            .is_ok(),
        c if c.starts_with("rct::verBulletproof(") => {
            let commitments: Vec<Commitment> =
                tx.rct.out_pk.iter().map(|c| Commitment(c.0)).collect();
            tx.rct.prunable.bulletproofs.len() == 1
                && tx.rct.prunable.bulletproofs[0].verify(&commitments).is_ok()
        }
        _ => return None,
    })
}

/// The typed error the node must give for the cases whose first failing step is known.
fn want_error(name: &str, e: &Error) -> bool {
    match name.rsplit('/').next().unwrap_or(name) {
        "outPk_torsion_resigned"
        | "outPk_torsion_not_resigned"
        | "outPk_torsion_unbalanced_resigned" => true,
        "torsion_key_image" | "torsion_key_image_not_ground" => {
            matches!(e, Error::KeyImageNotInPrimeSubgroup { input: 0 })
        }
        "duplicate_key_image" => matches!(
            e,
            Error::DuplicateKeyImage {
                first: 0,
                second: 1
            }
        ),
        "duplicate_ring_member" => matches!(e, Error::DuplicateRingMember { input: 0, .. }),
        "key_offsets_last_zero_unsigned" => {
            matches!(
                e,
                Error::DuplicateRingMember {
                    input: 0,
                    position: 9
                }
            )
        }
        "unsorted_key_images" => matches!(e, Error::KeyImagesUnsorted { input: 1 }),
        "ring_size_9" => matches!(
            e,
            Error::RingSizeInvalid {
                input: 0,
                size: 9,
                expected: 10
            }
        ),
        "ring_size_11" => matches!(
            e,
            Error::RingSizeInvalid {
                input: 0,
                size: 11,
                expected: 10
            }
        ),
        "key_offsets_empty" => matches!(e, Error::KeyOffsetsEmpty { input: 1 }),
        _ => false,
    }
}

pub fn tx_consensus(v: &Value) -> Result<usize, Vec<String>> {
    let mut errs = Vec::new();
    let all = cases(v);
    for (idx, c) in all.iter().enumerate() {
        let mut k = Case::new(idx, c, &mut errs);
        let blob = h(&c["tx_hex"]);
        let rings = mix_ring(&c["mix_ring"]);
        let Ok((tx, layout)) = Transaction::from_bytes_with_layout(&blob) else {
            k.check(false, "blob does not parse");
            continue;
        };
        check_blob_fields(&mut k, c, &tx, &layout, &blob);
        check_key_images_and_message(&mut k, c, &tx, "key_images", "pre_mlsag_hash");
        let checks = c["checks"].as_array().unwrap();
        k.check(checks.len() == 9, "nine upstream checks listed");
        let listed = checks.iter().chain(c["informational"].as_array().unwrap());
        for chk in listed {
            let name = chk["check"].as_str().unwrap();
            match our_verdict(name, &tx, &rings) {
                Some(ours) => k.eq(ours, chk["verdict"].as_bool().unwrap(), name),
                None => k.check(false, format!("unmapped upstream check {name}")),
            }
        }
        let expected = c["expected"].as_bool().unwrap();
        let all_true = checks.iter().all(|x| x["verdict"] == true);
        k.eq(expected, all_true, "expected == every check passed");
        let rules = ConsensusRules::for_hf(21).unwrap();
        let node = tx.verify_for_node(&rules, &KnownRings::for_tx(&tx, &rings));
        k.eq(node.is_ok(), expected, "node verdict");
        if let Err(e) = &node {
            k.check(
                want_error(&k.name.clone(), e),
                format!("node rejected with an unexpected error {e:?}"),
            );
        }
        // The blob entry point agrees.
        k.eq(
            consensus::verify_blob_for_node(&blob, &rules, &KnownRings::for_tx(&tx, &rings))
                .is_ok(),
            expected,
            "verify_blob_for_node",
        );
    }
    finish(all.len(), errs)
}
