//! Finding which outputs of one transaction are ours: the transaction keys from tx_extra, one
//! derivation per key, then for each output `P - Hs(D || i) G` looked up in the subaddress table.
//!
//! Curve work per transaction: one constant-time variable-base multiplication per transaction
//! key (the derivation `8 a R`), and per output and candidate key one fixed-base multiplication
//! and one subtraction; the candidate points of many transactions are encoded in one batch
//! (one field inversion).

use alloc::vec::Vec;

use oxen_crypto::{
    CompressedPoint, KeyDerivation, Point, PublicKey, SecretScalar, derivation_to_scalar,
    generate_key_derivation,
};

use super::keys::ViewKeys;
use super::report::{TxIssue, TxKeyUsed};
use super::subaddress::{SubaddressIndex, SubaddressTable};
use crate::extra::{ExtraField, parse_tx_extra};
use crate::prefix::{TransactionPrefix, TxOutTarget};

/// The transaction keys of one transaction and their derivations with our view secret.
pub(super) struct Derivations {
    /// Derivations of the decodable main keys, with their position among the main keys.
    pub main: Vec<(usize, KeyDerivation)>,
    /// Derivation of the additional key of each output (None if absent or undecodable).
    pub additional: Vec<Option<KeyDerivation>>,
    /// The encrypted payment id nonce and the 32-byte one, as found.
    pub fields: Vec<ExtraField>,
}

/// An output found to be ours by its key.
pub(super) struct Hit {
    pub index: usize,
    pub subaddress: SubaddressIndex,
    pub tx_key: TxKeyUsed,
    /// `Hs(D || i)`: the one-time key offset and the amount key.
    pub scalar: SecretScalar,
}

/// Parses tx_extra (keeping what parsed before a failure) and computes the derivations.
fn derivations(
    keys: &ViewKeys,
    prefix: &TransactionPrefix,
    issues: &mut Vec<TxIssue>,
) -> Derivations {
    let fields = match parse_tx_extra(&prefix.extra) {
        Ok(fields) => fields,
        Err(e) => {
            issues.push(TxIssue::ExtraPartiallyParsed {
                offset: e.offset,
                error: e.error,
            });
            e.parsed
        }
    };
    let mut main_keys: Vec<[u8; 32]> = Vec::new();
    let mut additional_keys: Option<&Vec<[u8; 32]>> = None;
    for f in &fields {
        match f {
            // the same key twice gives the same derivation: compute it once
            ExtraField::PubKey(k) if !main_keys.contains(k) => main_keys.push(*k),
            ExtraField::AdditionalPubKeys(k) if additional_keys.is_none() => {
                additional_keys = Some(k);
            }
            _ => {}
        }
    }
    if main_keys.is_empty() {
        issues.push(TxIssue::NoTxPublicKey);
    }
    let view = keys.view_secret();
    let mut main = Vec::with_capacity(main_keys.len());
    for (i, k) in main_keys.iter().enumerate() {
        match generate_key_derivation(&PublicKey(*k), view) {
            Ok(d) => main.push((i, d)),
            Err(_) => issues.push(TxIssue::TxPublicKeyInvalid { index: i }),
        }
    }
    let outputs = prefix.vout.len();
    let additional_keys = additional_keys.map(Vec::as_slice).unwrap_or_default();
    if !additional_keys.is_empty() && additional_keys.len() != outputs {
        issues.push(TxIssue::AdditionalKeysCount {
            keys: additional_keys.len(),
            outputs,
        });
    }
    let additional = additional_keys
        .iter()
        .take(outputs)
        .enumerate()
        .map(
            |(i, k)| match generate_key_derivation(&PublicKey(*k), view) {
                Ok(d) => Some(d),
                Err(_) => {
                    issues.push(TxIssue::AdditionalKeyInvalid { index: i });
                    None
                }
            },
        )
        .collect();
    let fields = fields
        .into_iter()
        .filter(|f| matches!(f, ExtraField::Nonce(_)))
        .collect();
    Derivations {
        main,
        additional,
        fields,
    }
}

/// One candidate of an output: the key it was tried with, `Hs(D || i)` and the encoding of
/// `P - Hs(D || i) G` (a subaddress spend key if the output is ours with that key).
pub(super) struct Candidate {
    pub index: usize,
    pub tx_key: TxKeyUsed,
    pub scalar: SecretScalar,
    pub encoded: CompressedPoint,
}

/// What one transaction needs before the table lookup: its candidates, derivations and issues.
pub(super) struct Prepared {
    pub derivations: Derivations,
    pub candidates: Vec<Candidate>,
    pub issues: Vec<TxIssue>,
}

/// A candidate before its point is encoded: output index, key used, `Hs(D || i)`.
type Unencoded = (usize, TxKeyUsed, SecretScalar);

/// Derivations and candidates of every transaction of `prefixes`; the candidate points of all of
/// them are encoded in one batch (one field inversion for the lot).
pub(super) fn prepare(keys: &ViewKeys, prefixes: &[&TransactionPrefix]) -> Vec<Prepared> {
    let mut points: Vec<Point> = Vec::new();
    let mut pending: Vec<(Prepared, Vec<Unencoded>)> = Vec::with_capacity(prefixes.len());
    for prefix in prefixes {
        let mut issues = Vec::new();
        let d = derivations(keys, prefix, &mut issues);
        let mut cands = Vec::new();
        for (i, out) in prefix.vout.iter().enumerate() {
            let TxOutTarget::ToKey(key) = &out.target else {
                issues.push(TxIssue::OutputNotToKey { index: i });
                continue;
            };
            let Ok(p) = key.decompress() else {
                issues.push(TxIssue::OutputKeyInvalid { index: i });
                continue;
            };
            let idx = i as u64;
            let additional = d
                .additional
                .get(i)
                .and_then(Option::as_ref)
                .map(|der| (TxKeyUsed::Additional, der));
            let main = d.main.iter().map(|(n, der)| (TxKeyUsed::Main(*n), der));
            for (used, der) in main.chain(additional) {
                let s = derivation_to_scalar(der, idx);
                points.push(p - s.mul_base());
                cands.push((i, used, s));
            }
        }
        pending.push((
            Prepared {
                derivations: d,
                candidates: Vec::new(),
                issues,
            },
            cands,
        ));
    }
    let mut encoded = Point::compress_batch(&points).into_iter();
    pending
        .into_iter()
        .map(|(mut prep, cands)| {
            prep.candidates = cands
                .into_iter()
                .zip(encoded.by_ref())
                .map(|((index, tx_key, scalar), encoded)| Candidate {
                    index,
                    tx_key,
                    scalar,
                    encoded,
                })
                .collect();
            prep
        })
        .collect()
}

/// The candidates found in the table: at most one per output (the first key that finds it).
pub(super) fn find_outputs(
    prep: Prepared,
    table: &SubaddressTable,
) -> (Vec<Hit>, Derivations, Vec<TxIssue>) {
    let mut hits: Vec<Hit> = Vec::new();
    for c in prep.candidates {
        if hits.last().is_some_and(|h| h.index == c.index) {
            continue; // already found with an earlier key
        }
        if let Some(subaddress) = table.lookup(&c.encoded) {
            hits.push(Hit {
                index: c.index,
                subaddress,
                tx_key: c.tx_key,
                scalar: c.scalar,
            });
        }
    }
    (hits, prep.derivations, prep.issues)
}
