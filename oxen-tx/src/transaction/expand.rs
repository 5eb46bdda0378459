//! Parse admission: the reference's post-parse checks (`expand_transaction_1`) and
//! `parse_and_validate_tx_from_blob`.

use super::types::Transaction;
use crate::Error;
use crate::prefix::TxVersion;
use crate::rct::RctType;

impl Transaction {
    /// The reference's post-parse checks (`expand_transaction_1`) for a RingCT transaction that
    /// is not a miner transaction: one output commitment per output, every output a
    /// `txout_to_key`, and for Bulletproof types exactly one proof with `|L| >= 6` covering every
    /// output. Succeeds trivially for v1, miner and Null-type transactions.
    ///
    /// (The reference also restores each proof's `V = outPk / 8` here; this crate does that when
    /// it verifies, see [`crate::rct::RctSig::verify_semantics`].)
    ///
    /// # Errors
    /// [`Error::RctCountMismatch`], [`Error::OutputNotToKey`], [`Error::BulletproofCountInvalid`],
    /// [`Error::BulletproofTooSmall`].
    pub fn expand(&self) -> Result<(), Error> {
        if self.prefix.version == TxVersion::V1 || self.prefix.is_miner_tx() {
            return Ok(());
        }
        let rv = &self.rct;
        if rv.rct_type == RctType::Null {
            return Ok(());
        }
        if rv.out_pk.len() != self.prefix.vout.len() {
            return Err(Error::RctCountMismatch);
        }
        if self.prefix.vout.iter().any(|o| o.key().is_none()) {
            return Err(Error::OutputNotToKey);
        }
        if rv.rct_type.is_bulletproof() {
            let [bp] = rv.prunable.bulletproofs.as_slice() else {
                return Err(Error::BulletproofCountInvalid);
            };
            let rounds = bp.rounds();
            if rounds < 6 {
                return Err(Error::BulletproofTooSmall);
            }
            // 1 << (|L| - 6) as size_t; |L| - 6 >= 64 shifts out everything in practice, which
            // the bounded parser cannot reach (|L| <= input/32).
            let max_outputs = 1u128.checked_shl((rounds - 6) as u32).unwrap_or(0);
            if max_outputs < self.prefix.vout.len() as u128 {
                return Err(Error::BulletproofTooSmall);
            }
            // V[i] = outPk[i] * INV_EIGHT: the reference's scalarmultKey throws when outPk[i]
            // does not decode (only the Bulletproof types restore V).
            for (output, c) in rv.out_pk.iter().enumerate() {
                if c.decompress().is_err() {
                    return Err(Error::OutPkInvalid { output });
                }
            }
        }
        Ok(())
    }

    /// `from_bytes` followed by [`Transaction::expand`]: the reference's
    /// `parse_and_validate_tx_from_blob`.
    ///
    /// # Errors
    /// As the two steps.
    pub fn parse_and_validate(blob: &[u8]) -> Result<Self, Error> {
        let tx = Self::from_bytes(blob)?;
        tx.expand()?;
        Ok(tx)
    }
}
