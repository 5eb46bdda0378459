//! Vector tests: every `*.json` in `$OXEN_VECTORS_DIR` (default `tests/vectors/`), produced by the
//! reference C++ (oxen-core). Fails on an unknown file, on any mismatch and when it ran no case.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "harness/amounts.rs"]
mod amounts;
#[path = "harness/borromean.rs"]
mod borromean;
#[path = "harness/txs.rs"]
mod txs;

use std::path::PathBuf;

/// A vector-file checker: returns the number of cases checked, or the failures
/// (each naming the case index).
type Checker = fn(&serde_json::Value) -> Result<usize, Vec<String>>;

fn checker(file_name: &str) -> Option<Checker> {
    Some(match file_name {
        "commitments.json" => amounts::commitments,
        "ecdh.json" => amounts::ecdh,
        "bulletproof_valid.json" => amounts::bulletproof_valid,
        "bulletproof_invalid.json" => amounts::bulletproof_invalid,
        "bulletproof_batch.json" => amounts::bulletproof_batch,
        "borromean.json" => borromean::borromean,
        "rct_transactions.json" => txs::rct_transactions,
        "real_transactions.json" => txs::real_transactions,
        "tx_extra.json" => txs::tx_extra,
        _ => return None,
    })
}

#[test]
fn vectors() {
    let dir = std::env::var_os("OXEN_VECTORS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors")));
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read vector dir {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    entries.sort();
    let mut total = 0;
    let mut failures = Vec::new();
    for path in &entries {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(check) = checker(&name) else {
            failures.push(format!("{name}: unknown vector file"));
            continue;
        };
        let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap())
            .unwrap_or_else(|e| panic!("{name}: bad JSON: {e}"));
        match check(&json) {
            Ok(n) => {
                println!("{name}: {n} cases");
                total += n;
            }
            Err(errs) => failures.extend(errs.into_iter().map(|e| format!("{name}: {e}"))),
        }
    }
    assert!(
        failures.is_empty(),
        "{} vector failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        total > 0,
        "no vector case ran (directory {})",
        dir.display()
    );
}
