//! [`Scanner`]: one transaction ([`Scanner::scan`]) or many ([`Scanner::scan_many`], parallel
//! with the feature `parallel`), growing the subaddress table as outputs are found.
//!
//! Three stages: prepare (derivations and candidate points, batched; no table needed), look up
//! (in transaction order, growing the table), open (amounts, commitments, key images).

use alloc::collections::BTreeSet;
use alloc::vec::Vec;

use oxen_crypto::{CompressedPoint, PublicKey, SecretKey};

use super::amount::{open_amount, payment_id, spend_data};
use super::detect::{Derivations, Hit, Prepared, find_outputs, prepare};
use super::keys::{ViewKeys, check_spend_secret};
use super::report::{OutputRejection, OwnedOutput, RejectedOutput, TxIssue, TxScan};
use super::subaddress::{Lookahead, SubaddressTable};
use crate::Error;
use crate::transaction::Transaction;

/// A wallet scanner: view-only keys, an optional spend secret, the subaddress table, and the
/// one-time keys of the outputs it has credited (the burning-bug guard: an output whose key is
/// among them is reported as [`OutputRejection::OutputKeySeen`], not credited again).
#[derive(Clone)]
pub struct Scanner {
    keys: ViewKeys,
    spend_secret: Option<SecretKey>,
    table: SubaddressTable,
    seen: BTreeSet<CompressedPoint>,
}

impl core::fmt::Debug for Scanner {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Scanner")
            .field("keys", &self.keys)
            .field("has_spend_secret", &self.spend_secret.is_some())
            .field("subaddresses", &self.table.len())
            .field("seen_output_keys", &self.seen.len())
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
            seen: BTreeSet::new(),
        })
    }

    /// Adds one-time output keys the wallet has already credited (from earlier scans, kept by
    /// the wallet with its outputs): an output with one of these keys is reported as
    /// [`OutputRejection::OutputKeySeen`] and not credited. wallet2 keeps the same set
    /// (`m_pub_keys`).
    #[must_use]
    pub fn with_seen_output_keys(
        mut self,
        keys: impl IntoIterator<Item = CompressedPoint>,
    ) -> Self {
        self.seen.extend(keys);
        self
    }

    /// The one-time keys of every output credited so far (given or found): what a wallet
    /// stores to pass to [`Scanner::with_seen_output_keys`] next time.
    pub fn seen_output_keys(&self) -> impl ExactSizeIterator<Item = &CompressedPoint> + '_ {
        self.seen.iter()
    }

    /// Forgets a credited output key (its block left the chain in a reorganisation, as wallet2
    /// erases it from `m_pub_keys` when it detaches blocks). Returns whether it was known.
    pub fn forget_output_key(&mut self, key: &CompressedPoint) -> bool {
        self.seen.remove(key)
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

    /// Scans one transaction and grows the table past any subaddress it paid; an output whose
    /// one-time key was already credited is reported, not credited
    /// ([`OutputRejection::OutputKeySeen`]).
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
    /// an earlier transaction of the same call brought into the table is found. Last, in
    /// transaction and output order, each credited output's one-time key is checked against
    /// the keys credited before (in this call, earlier calls, or given): a repeated key is
    /// moved to `rejected` as [`OutputRejection::OutputKeySeen`].
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
        let mut scans = self.open_all(txs, found);
        for scan in &mut scans {
            self.credit_once(scan);
        }
        scans
    }

    /// The burning-bug guard (wallet2 `process_new_transaction`, `m_pub_keys`): keeps in
    /// `owned` only the outputs whose one-time key is new, and records their keys.
    fn credit_once(&mut self, scan: &mut TxScan) {
        let owned = core::mem::take(&mut scan.owned);
        for out in owned {
            if self.seen.insert(out.output_key) {
                scan.owned.push(out);
            } else {
                scan.rejected.push(RejectedOutput {
                    index: out.index,
                    subaddress: out.subaddress,
                    reason: OutputRejection::OutputKeySeen { amount: out.amount },
                });
            }
        }
        scan.rejected.sort_by_key(|r| r.index);
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
