//! The consensus checks on outputs and the range-proof layout that need no chain state
//! (oxen-core `check_outs_valid`, `check_money_overflow`, the output loop of
//! `Blockchain::check_tx_outputs`, `is_canonical_bulletproof_layout`).

use crate::Error;
use crate::bulletproof::MAX_AMOUNTS;
use crate::prefix::{TxIn, TxOutTarget, TxVersion};
use crate::transaction::Transaction;
use oxen_crypto::Point;

/// The output rules of `core::check_tx_semantic` and `Blockchain::check_tx_outputs`:
/// a non-transfer has no outputs; from v3 one unlock time per output; every output a
/// `txout_to_key` whose key decodes (`check_key`); amounts non-zero in v1 and zero from v2
/// (RingCT); from v2 one `outPk` per output; input and output amount sums fit 64 bits.
///
/// # Errors
/// [`Error::NonTransferWithInputsOrOutputs`], [`Error::UnlockTimesMismatch`],
/// [`Error::OutputNotToKey`], [`Error::OutputAmountInvalid`], [`Error::OutputKeyInvalid`],
/// [`Error::RctCountMismatch`], [`Error::AmountOverflow`], [`Error::InputNotToKey`].
pub fn check_outputs(tx: &Transaction) -> Result<(), Error> {
    let p = &tx.prefix;
    if !p.tx_type.is_transfer() && !p.vout.is_empty() {
        return Err(Error::NonTransferWithInputsOrOutputs);
    }
    if p.version >= TxVersion::V3 && p.vout.len() != p.output_unlock_times.len() {
        return Err(Error::UnlockTimesMismatch);
    }
    for (output, out) in p.vout.iter().enumerate() {
        let TxOutTarget::ToKey(key) = &out.target else {
            return Err(Error::OutputNotToKey);
        };
        let v1 = p.version == TxVersion::V1;
        if (v1 && out.amount == 0) || (!v1 && out.amount != 0) {
            return Err(Error::OutputAmountInvalid { output });
        }
        if !Point::check_key(&key.0) {
            return Err(Error::OutputKeyInvalid { output });
        }
    }
    if p.version >= TxVersion::V2 && tx.rct.out_pk.len() != p.vout.len() {
        return Err(Error::RctCountMismatch);
    }
    let mut sum_in = 0u64;
    for (input, vin) in p.vin.iter().enumerate() {
        let TxIn::ToKey { amount, .. } = vin else {
            return Err(Error::InputNotToKey { input });
        };
        sum_in = sum_in.checked_add(*amount).ok_or(Error::AmountOverflow)?;
    }
    p.vout
        .iter()
        .try_fold(0u64, |acc, o| acc.checked_add(o.amount))
        .ok_or(Error::AmountOverflow)?;
    Ok(())
}

/// `is_canonical_bulletproof_layout` (RingCT types 3..=5; other types pass): exactly one
/// Bulletproof, over `1..=16` amounts (`|V|`, restored one per output).
///
/// # Errors
/// [`Error::BulletproofLayoutNotCanonical`].
pub fn check_bulletproof_layout(tx: &Transaction) -> Result<(), Error> {
    if !tx.rct.rct_type.is_bulletproof() {
        return Ok(());
    }
    let n = tx.rct.out_pk.len();
    if tx.rct.prunable.bulletproofs.len() != 1 || n == 0 || n > MAX_AMOUNTS {
        return Err(Error::BulletproofLayoutNotCanonical);
    }
    Ok(())
}
