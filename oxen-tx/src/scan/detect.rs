//! Finding which outputs of one transaction are ours: the transaction keys from tx_extra, one
//! derivation per key, then for each output `P - Hs(D || i) G` looked up in the subaddress table.
//!
//! Curve work per transaction: one constant-time variable-base multiplication per transaction
//! key (the derivation `8 a R`), and per output and candidate key one fixed-base multiplication
//! and one subtraction; the candidate points of the whole transaction are encoded in one batch
//! (one field inversion).

use alloc::vec::Vec;

use oxen_crypto::{
    CompressedPoint, KeyDerivation, Point, PublicKey, SecretScalar, derivation_to_scalar,
    generate_key_derivation,
};

use super::keys::ViewKeys;
use super::report::{TxIssue, TxKeyUsed};
use super::subaddress::{SubaddressIndex, SubaddressTable};
use crate::extra::{ExtraField, TxExtra};
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
pub(super) fn derivations(
    keys: &ViewKeys,
    prefix: &TransactionPrefix,
    issues: &mut Vec<TxIssue>,
) -> Derivations {
    let fields = match TxExtra::parse(&prefix.extra) {
        Ok(e) => e.fields().to_vec(),
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

/// The outputs whose `P - Hs(D || i) G` is in the table, for every candidate derivation.
pub(super) fn find_outputs(
    prefix: &TransactionPrefix,
    d: &Derivations,
    table: &SubaddressTable,
    issues: &mut Vec<TxIssue>,
) -> Vec<Hit> {
    let mut candidates: Vec<(usize, TxKeyUsed, SecretScalar)> = Vec::new();
    let mut points: Vec<Point> = Vec::new();
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
            candidates.push((i, used, s));
        }
    }
    let encoded: Vec<CompressedPoint> = Point::compress_batch(&points);
    let mut hits: Vec<Hit> = Vec::new();
    for ((index, tx_key, scalar), enc) in candidates.into_iter().zip(&encoded) {
        if hits.last().is_some_and(|h| h.index == index) {
            continue; // already found with an earlier key
        }
        if let Some(subaddress) = table.lookup(enc) {
            hits.push(Hit {
                index,
                subaddress,
                tx_key,
                scalar,
            });
        }
    }
    hits
}
