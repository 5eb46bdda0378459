//! [`Scanner`]: one transaction ([`Scanner::scan`]) or many ([`Scanner::scan_many`], parallel
//! with the feature `parallel`), growing the subaddress table as outputs are found.

use alloc::vec::Vec;

use oxen_crypto::{PublicKey, SecretKey};

use super::amount::{open_amount, payment_id, spend_data};
use super::detect::{derivations, find_outputs};
use super::keys::{ViewKeys, check_spend_secret};
use super::report::{OwnedOutput, RejectedOutput, TxScan};
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
        let result = self.scan_fixed(tx);
        self.observe(&result);
        result
    }

    /// Scans transactions in order (a block, a range of blocks), as [`Scanner::scan`] on each
    /// would: transactions are scanned against the current table (in parallel with the feature
    /// `parallel`); when one pays a subaddress that grows the table, the transactions after it
    /// are scanned again with the grown table.
    pub fn scan_many(&mut self, txs: &[Transaction]) -> Vec<TxScan> {
        let mut out: Vec<TxScan> = Vec::with_capacity(txs.len());
        let mut rest = txs;
        while !rest.is_empty() {
            let results = self.scan_fixed_all(rest);
            let mut consumed = 0;
            let mut grew = false;
            for r in results {
                consumed += 1;
                grew = self.observe(&r);
                out.push(r);
                if grew {
                    break;
                }
            }
            rest = rest.get(consumed..).unwrap_or_default();
            if !grew {
                break;
            }
        }
        out
    }

    #[cfg(feature = "parallel")]
    fn scan_fixed_all(&self, txs: &[Transaction]) -> Vec<TxScan> {
        use rayon::prelude::*;
        txs.par_iter().map(|tx| self.scan_fixed(tx)).collect()
    }

    #[cfg(not(feature = "parallel"))]
    fn scan_fixed_all(&self, txs: &[Transaction]) -> Vec<TxScan> {
        txs.iter().map(|tx| self.scan_fixed(tx)).collect()
    }

    /// Grows the table past every subaddress `result` paid; returns whether it grew.
    fn observe(&mut self, result: &TxScan) -> bool {
        let mut grew = false;
        for idx in result.subaddresses() {
            grew |= self.table.observe(self.keys.view_secret(), idx);
        }
        grew
    }

    /// Scans one transaction against the current table.
    fn scan_fixed(&self, tx: &Transaction) -> TxScan {
        let prefix = &tx.prefix;
        let mut issues = Vec::new();
        let d = derivations(&self.keys, prefix, &mut issues);
        let hits = find_outputs(prefix, &d, &self.table, &mut issues);
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
        let payment_id = payment_id(&d.fields, d.main.first().map(|(_, der)| der));
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
