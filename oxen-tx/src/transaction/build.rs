//! Building a CLSAG transaction (the wallet flow around the reference's `genRctSimple`).

use alloc::vec::Vec;

use super::types::Transaction;
use crate::Error;
use crate::prefix::{
    TransactionPrefix, TxIn, TxOut, TxOutTarget, TxType, TxVersion, absolute_to_relative_offsets,
};
use crate::rct::{RctInput, RctOutput, RctSecrets, gen_rct_simple};

/// Builds a complete v4 standard transaction spending `inputs` with CLSAG RingCT (the wallet
/// flow around the reference's `genRctSimple`): each input is given with the absolute global
/// output indices of its ring members (ascending, in ring order); outputs become
/// `txout_to_key` with amount 0 and per-output unlock time 0; `extra` is copied as is (normally
/// `0x01 || tx public key`).
///
/// Inputs are ordered by key image, strictly decreasing in `memcmp` order, as consensus requires.
/// All randomness comes from `rng`.
///
/// # Errors
/// As [`gen_rct_simple`]; [`Error::BuilderArguments`] if an input's offsets do not
/// match its ring size or two inputs share a key image.
pub fn build_clsag_transaction<R: rand_core::CryptoRng + ?Sized>(
    inputs: Vec<(RctInput, Vec<u64>)>,
    outputs: &[RctOutput],
    fee: u64,
    extra: Vec<u8>,
    rng: &mut R,
) -> Result<(Transaction, RctSecrets), Error> {
    let mut keyed = Vec::with_capacity(inputs.len());
    for (input, offsets) in inputs {
        if offsets.len() != input.ring.len() {
            return Err(Error::BuilderArguments);
        }
        keyed.push((input.key_image()?, input, offsets));
    }
    keyed.sort_by_key(|k| core::cmp::Reverse(k.0));
    if keyed.windows(2).any(|w| matches!(w, [a, b] if a.0 == b.0)) {
        return Err(Error::BuilderArguments);
    }
    let prefix = TransactionPrefix {
        version: TxVersion::V4,
        tx_type: TxType::Standard,
        unlock_time: 0,
        output_unlock_times: alloc::vec![0; outputs.len()],
        vin: keyed
            .iter()
            .map(|(ki, _, offsets)| TxIn::ToKey {
                amount: 0,
                key_offsets: absolute_to_relative_offsets(offsets),
                key_image: *ki,
            })
            .collect(),
        vout: outputs
            .iter()
            .map(|o| TxOut {
                amount: 0,
                target: TxOutTarget::ToKey(o.dest),
            })
            .collect(),
        extra,
    };
    let message = prefix.hash()?;
    let inputs: Vec<RctInput> = keyed.into_iter().map(|(_, i, _)| i).collect();
    let (rct, secrets) = gen_rct_simple(&message, &inputs, outputs, fee, rng)?;
    Ok((
        Transaction {
            prefix,
            signatures: Vec::new(),
            rct,
        },
        secrets,
    ))
}
