//! [`Scanner`]: one transaction ([`Scanner::scan`]) or many ([`Scanner::scan_many`], parallel
//! with the feature `parallel`), growing the subaddress table as outputs are found.
//!
//! Three stages: prepare (derivations and candidate points, batched; no table needed), look up
//! (in transaction order, growing the table), open (amounts, commitments, key images).

use alloc::vec::Vec;

use oxen_crypto::{PublicKey, SecretKey};

use super::amount::{open_amount, payment_id, spend_data};
use super::detect::{Derivations, Hit, Prepared, find_outputs, prepare};
use super::keys::{ViewKeys, check_spend_secret};
use super::report::{OwnedOutput, RejectedOutput, TxIssue, TxScan};
use super::subaddress::{Lookahead, SubaddressTable};
use crate::Error;
use crate::transaction::Transaction;

/// A wallet scanner: view-only keys, an optional spend secret, and the subaddress table.
#[derive(Clone)]
pub struct Scanner {
    keys: ViewKeys,
    spend_secret: Option<SecretKey>,
    table: SubaddressTable,
}

impl core::fmt::Debug for Scanner {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Scanner")
            .field("keys", &self.keys)
            .field("has_spend_secret", &self.spend_secret.is_some())
            .field("subaddresses", &self.table.len())
            .finish()
    }
}

impl Scanner {
    /// A view-only scanner with a subaddress table of `lookahead.major x lookahead.minor`.
    ///
    /// # Errors
    /// A decoding error if the spend public key does not decode.
    pub fn new(keys: ViewKeys, lookahead: Lookahead) -> Result<Self, Error> {
        let table = SubaddressTable::new(keys.spend_public(), keys.view_secret(), lookahead)?;
        Ok(Self {
            keys,
            spend_secret: None,
            table,
        })
    }

    /// Adds the spend secret `b`, so owned outputs come with their one-time secret and key
    /// image.
    ///
    /// # Errors
    /// [`Error::ScanSpendKeyMismatch`] if `b G` is not the spend public key.
    pub fn with_spend_secret(mut self, spend_secret: SecretKey) -> Result<Self, Error> {
        check_spend_secret(&self.keys, &spend_secret)?;
        self.spend_secret = Some(spend_secret);
        Ok(self)
    }

    /// The keys.
    #[must_use]
    pub const fn keys(&self) -> &ViewKeys {
        &self.keys
    }

    /// The subaddress table.
    #[must_use]
    pub const fn table(&self) -> &SubaddressTable {
        &self.table
    }

    /// Scans one transaction and grows the table past any subaddress it paid.
    pub fn scan(&mut self, tx: &Transaction) -> TxScan {
        self.scan_many(core::slice::from_ref(tx))
            .pop()
            .unwrap_or_else(|| self.open(tx, Vec::new(), None, Vec::new()))
    }

    /// Scans transactions in order (a block, a range of blocks) and returns what
    /// [`Scanner::scan`] on each in turn returns. The curve work (derivations, candidate points
    /// and their encoding, in batches of [`BATCH`] transactions) and the opening of the owned
    /// outputs run in parallel with the feature `parallel`; in between, the table lookups run in
    /// transaction order, growing the table as they go, so a payment to a subaddress that only
    /// an earlier transaction of the same call brought into the table is found.
    pub fn scan_many(&mut self, txs: &[Transaction]) -> Vec<TxScan> {
        let prepared = self.prepare_all(txs);
        let mut found = Vec::with_capacity(txs.len());
        for prep in prepared {
            let (hits, d, issues) = find_outputs(prep, &self.table);
            for h in &hits {
                self.table.observe(self.keys.view_secret(), h.subaddress);
            }
            found.push((hits, d, issues));
        }
        self.open_all(txs, found)
    }

    #[cfg(feature = "parallel")]
    fn prepare_all(&self, txs: &[Transaction]) -> Vec<Prepared> {
        use rayon::prelude::*;
        txs.par_chunks(BATCH)
            .flat_map_iter(|chunk| self.prepare_chunk(chunk))
            .collect()
    }

    #[cfg(not(feature = "parallel"))]
    fn prepare_all(&self, txs: &[Transaction]) -> Vec<Prepared> {
        txs.chunks(BATCH)
            .flat_map(|chunk| self.prepare_chunk(chunk))
            .collect()
    }

    fn prepare_chunk(&self, chunk: &[Transaction]) -> Vec<Prepared> {
        let prefixes: Vec<_> = chunk.iter().map(|t| &t.prefix).collect();
        prepare(&self.keys, &prefixes)
    }

    #[cfg(feature = "parallel")]
    fn open_all(&self, txs: &[Transaction], found: Vec<Found>) -> Vec<TxScan> {
        use rayon::prelude::*;
        txs.par_iter()
            .zip(found)
            .map(|(tx, (hits, d, issues))| self.open(tx, hits, Some(&d), issues))
            .collect()
    }

    #[cfg(not(feature = "parallel"))]
    fn open_all(&self, txs: &[Transaction], found: Vec<Found>) -> Vec<TxScan> {
        txs.iter()
            .zip(found)
            .map(|(tx, (hits, d, issues))| self.open(tx, hits, Some(&d), issues))
            .collect()
    }

    /// Opens the owned outputs of one transaction and assembles its report.
    fn open(
        &self,
        tx: &Transaction,
        hits: Vec<Hit>,
        d: Option<&Derivations>,
        issues: Vec<TxIssue>,
    ) -> TxScan {
        let prefix = &tx.prefix;
        let mut owned = Vec::new();
        let mut rejected = Vec::new();
        for hit in &hits {
            let Some(out) = prefix.vout.get(hit.index) else {
                continue; // hits come from vout indices
            };
            let output_key = out.key().copied().unwrap_or_default();
            match open_amount(&tx.rct, out.amount, hit) {
                Ok((amount, mask, amount_source)) => owned.push(OwnedOutput {
                    index: hit.index,
                    subaddress: hit.subaddress,
                    output_key,
                    amount,
                    mask,
                    unlock_time: prefix.get_unlock_time(hit.index),
                    amount_source,
                    tx_key: hit.tx_key,
                    spend: self.spend_secret.as_ref().map(|b| {
                        spend_data(
                            hit,
                            &PublicKey::from(output_key),
                            b,
                            self.keys.view_secret(),
                        )
                    }),
                }),
                Err(reason) => rejected.push(RejectedOutput {
                    index: hit.index,
                    subaddress: hit.subaddress,
                    reason,
                }),
            }
        }
        let payment_id = d.and_then(|d| payment_id(&d.fields, d.main.first().map(|(_, der)| der)));
        TxScan {
            tx_type: prefix.tx_type,
            is_coinbase: prefix.is_miner_tx(),
            payment_id,
            owned,
            rejected,
            issues,
        }
    }
}

/// Transactions per batch of candidate encodings (one field inversion per batch; also the unit
/// of parallel work).
pub const BATCH: usize = 64;

/// A transaction after the table lookup.
type Found = (Vec<Hit>, Derivations, Vec<TxIssue>);
