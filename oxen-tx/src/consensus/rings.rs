//! Rings into the signature: oxen-core `Blockchain::expand_transaction_2` and the consistency
//! checks `Blockchain::check_tx_inputs` runs on its result.

use alloc::vec::Vec;

use super::inputs::to_key;
use crate::Error;
use crate::prefix::TxVersion;
use crate::rct::{CtKey, RctType};
use crate::transaction::Transaction;

/// `expand_transaction_2`: whether the rings (`rings[input][member]`, as the chain returns them)
/// can be put into the transaction's RingCT signature. Requires a v2+ transaction, at least one
/// ring and a non-empty first ring; type Full: no ring longer than the first (the reference
/// transposes them into one matrix) and every input a `txin_to_key` (its key image becomes
/// `II[input]`); types 2..=4: one MLSAG per input ("Bad MGs size"); CLSAG: one CLSAG per input.
/// Type Null and unknown types fail.
///
/// # Errors
/// [`Error::RctTypeUnsupported`] (v1, type Null), [`Error::RingShapeInvalid`] (no rings, empty
/// first ring, a Full ring longer than the first), [`Error::RctCountMismatch`] (signature
/// count), [`Error::InputNotToKey`].
pub fn expand_rings(tx: &Transaction, rings: &[Vec<CtKey>]) -> Result<(), Error> {
    if tx.prefix.version < TxVersion::V2 || tx.rct.rct_type == RctType::Null {
        return Err(Error::RctTypeUnsupported);
    }
    let first = match rings.first() {
        Some(r) if !r.is_empty() => r.len(),
        _ => return Err(Error::RingShapeInvalid { input: 0 }),
    };
    let inputs = tx.prefix.vin.len();
    let p = &tx.rct.prunable;
    match tx.rct.rct_type {
        RctType::Full => {
            if let Some(input) = rings.iter().position(|r| r.len() > first) {
                return Err(Error::RingShapeInvalid { input });
            }
        }
        RctType::Clsag if p.clsags.len() != inputs => return Err(Error::RctCountMismatch),
        RctType::Simple | RctType::Bulletproof | RctType::Bulletproof2 if p.mgs.len() != inputs => {
            return Err(Error::RctCountMismatch);
        }
        _ => {}
    }
    // Every input's key image goes into its signature (`var::get<txin_to_key>`).
    (0..inputs).try_for_each(|input| to_key(tx, input).map(|_| ()))
}

/// What `Blockchain::check_tx_inputs` checks after [`expand_rings`]: one ring per input; type
/// Full: every ring as long as the first (the matrix is rectangular) and one MLSAG; other types:
/// one signature per input.
///
/// # Errors
/// [`Error::RctCountMismatch`], [`Error::RingShapeInvalid`].
pub fn check_expanded_rings(tx: &Transaction, rings: &[Vec<CtKey>]) -> Result<(), Error> {
    let inputs = tx.prefix.vin.len();
    if rings.len() != inputs {
        return Err(Error::RctCountMismatch);
    }
    let p = &tx.rct.prunable;
    if tx.rct.rct_type == RctType::Full {
        let first = rings.first().map_or(0, Vec::len);
        if let Some(input) = rings.iter().position(|r| r.len() != first) {
            return Err(Error::RingShapeInvalid { input });
        }
        if p.mgs.len() != 1 {
            return Err(Error::RctCountMismatch);
        }
    } else if p.mgs.len() + p.clsags.len() != inputs {
        return Err(Error::RctCountMismatch);
    }
    Ok(())
}
