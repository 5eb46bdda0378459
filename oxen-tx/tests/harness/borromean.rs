//! Checker for `borromean.json` (upstream `verRange` on standalone Borromean range proofs).
use oxen_crypto::SecretScalar;
use oxen_tx::Error;
use oxen_tx::borromean::{RANGE_SIG_LEN, RangeSig};
use oxen_tx::commitment::{Commitment, commit};
use serde_json::Value;

/// The rejection each tampered variant must hit (the stage `verRange` fails at), by name suffix.
fn expected_error(name: &str) -> Option<Error> {
    let (_, kind) = name.rsplit_once('/')?;
    Some(match kind {
        "neg_Ci" | "neg_C_plus_H" => Error::BorromeanSumMismatch,
        "neg_s0" | "neg_s1" | "neg_ee" | "neg_Ci_swapped" | "neg_s0_noncanonical" => {
            Error::BorromeanChallengeMismatch
        }
        _ => return None,
    })
}

/// Checks every case: parse, byte-exact re-serialization, the commitment opens with
/// `(amount, mask)` for valid proofs, `verify` == `upstream_verRange` == `expected`, and the
/// failing stage of every tampered variant.
pub fn borromean(json: &Value) -> Result<usize, Vec<String>> {
    let cases = json["cases"].as_array().expect("cases array");
    let mut failures = Vec::new();
    for (i, c) in cases.iter().enumerate() {
        let name = c["name"].as_str().expect("name");
        let hex_field = |k: &str| hex::decode(c[k].as_str().expect(k)).expect(k);
        let bytes = hex_field("rangesig_hex");
        let commitment = Commitment::from_bytes(hex_field("C").try_into().expect("C"));
        let upstream = c["upstream_verRange"].as_bool().expect("upstream_verRange");
        let expected = c["expected"].as_bool().expect("expected");
        let mut fail = |msg: String| failures.push(format!("case {i} ({name}): {msg}"));
        if upstream != expected {
            fail("upstream_verRange != expected".into());
        }
        if bytes.len() != RANGE_SIG_LEN {
            fail(format!("rangesig is {} bytes", bytes.len()));
            continue;
        }
        let sig = match RangeSig::from_bytes(&bytes) {
            Ok(sig) => sig,
            Err(e) => {
                fail(format!("parse: {e}"));
                continue;
            }
        };
        if sig.to_bytes() != bytes {
            fail("re-serialization differs".into());
        }
        let verdict = sig.verify(&commitment);
        if verdict.is_ok() != upstream {
            fail(format!(
                "verify = {verdict:?}, upstream_verRange = {upstream}"
            ));
        }
        if oxen_tx::borromean::verify_bytes(&bytes, &commitment) != verdict {
            fail("verify_bytes differs from verify".into());
        }
        match expected_error(name) {
            Some(err) if verdict != Err(err) => fail(format!("verify = {verdict:?}, want {err:?}")),
            None if upstream => {
                // A valid proof: (amount, mask) opens C.
                let amount: u64 = c["amount"]
                    .as_str()
                    .expect("amount")
                    .parse()
                    .expect("amount");
                let mask = SecretScalar::from_canonical_bytes(
                    &hex_field("mask").try_into().expect("mask"),
                )
                .expect("mask");
                if commit(amount, &mask) != commitment {
                    fail("commit(amount, mask) != C".into());
                }
            }
            None => fail("tampered case of unknown kind".into()),
            Some(_) => {}
        }
    }
    if failures.is_empty() {
        Ok(cases.len())
    } else {
        Err(failures)
    }
}
