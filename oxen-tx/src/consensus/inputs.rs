//! The consensus checks on inputs that need no chain state (oxen-core `core::check_tx_semantic`
//! and the ring-shape block of `Blockchain::check_tx_inputs`). Each function is one upstream
//! check; each error names the input.

use alloc::collections::BTreeMap;

use super::hard_fork::ConsensusRules;
use crate::Error;
use crate::prefix::TxIn;
use crate::transaction::Transaction;
use oxen_crypto::KeyImage;

/// The key offsets and key image of input `input`, or [`Error::InputNotToKey`].
pub(super) fn to_key(tx: &Transaction, input: usize) -> Result<(&[u64], &KeyImage), Error> {
    to_key_with_amount(tx, input).map(|(_, o, k)| (o, k))
}

/// The `txin_to_key` fields of input `input` (amount, key offsets, key image), or
/// [`Error::InputNotToKey`].
pub(super) fn to_key_with_amount(
    tx: &Transaction,
    input: usize,
) -> Result<(u64, &[u64], &KeyImage), Error> {
    match tx.prefix.vin.get(input) {
        Some(TxIn::ToKey {
            amount,
            key_offsets,
            key_image,
        }) => Ok((*amount, key_offsets, key_image)),
        _ => Err(Error::InputNotToKey { input }),
    }
}

/// Iterates over every input as `txin_to_key`, failing on the first that is not.
fn each_to_key(
    tx: &Transaction,
) -> impl Iterator<Item = Result<(usize, &[u64], &KeyImage), Error>> {
    (0..tx.prefix.vin.len()).map(move |i| to_key(tx, i).map(|(o, k)| (i, o, k)))
}

/// `check_tx_semantic`: a transfer (standard, stake, ONS) has at least one input; any other
/// type has none (and no outputs, `check_outs_valid`).
///
/// # Errors
/// [`Error::NoInputs`], [`Error::NonTransferWithInputsOrOutputs`].
pub fn check_input_count(tx: &Transaction) -> Result<(), Error> {
    let p = &tx.prefix;
    if p.tx_type.is_transfer() {
        if p.vin.is_empty() {
            return Err(Error::NoInputs);
        }
    } else if !p.vin.is_empty() || !p.vout.is_empty() {
        return Err(Error::NonTransferWithInputsOrOutputs);
    }
    Ok(())
}

/// `check_inputs_types_supported`: every input is a `txin_to_key` (miner transactions, whose
/// input is `txin_gen`, are validated elsewhere and rejected here).
///
/// # Errors
/// [`Error::InputNotToKey`] naming the first other input.
pub fn check_input_types(tx: &Transaction) -> Result<(), Error> {
    each_to_key(tx).try_for_each(|r| r.map(|_| ()))
}

/// `check_tx_inputs_keyimages_diff`: no key image appears twice (every input must be a
/// `txin_to_key`).
///
/// # Errors
/// [`Error::DuplicateKeyImage`] naming both inputs, [`Error::InputNotToKey`].
pub fn check_key_images_distinct(tx: &Transaction) -> Result<(), Error> {
    let mut seen = BTreeMap::new();
    for r in each_to_key(tx) {
        let (i, _, ki) = r?;
        if let Some(first) = seen.insert(ki.0, i) {
            return Err(Error::DuplicateKeyImage { first, second: i });
        }
    }
    Ok(())
}

/// `check_tx_inputs_ring_members_diff`: within an input, no output is referenced twice, i.e. no
/// relative key offset after the first is 0 (the first is an absolute index and may be 0).
///
/// # Errors
/// [`Error::DuplicateRingMember`] naming the input and the offset, [`Error::InputNotToKey`].
pub fn check_ring_members_distinct(tx: &Transaction) -> Result<(), Error> {
    for r in each_to_key(tx) {
        let (input, offsets, _) = r?;
        if let Some(position) = offsets.iter().skip(1).position(|o| *o == 0) {
            return Err(Error::DuplicateRingMember {
                input,
                position: position + 1,
            });
        }
    }
    Ok(())
}

/// `check_tx_inputs_keyimages_domain`: every key image `I` satisfies `l·I == identity`, i.e.
/// lies in the prime-order subgroup. CLSAG and MLSAG verification do not check this, and a
/// signer that grinds its nonce gets a valid signature over `I + T` for a torsion point `T`:
/// without this check one output could be spent up to 8 times.
///
/// # Errors
/// [`Error::KeyImageInvalid`] (does not decode; the reference throws),
/// [`Error::KeyImageNotInPrimeSubgroup`], [`Error::InputNotToKey`].
pub fn check_key_images_in_prime_subgroup(tx: &Transaction) -> Result<(), Error> {
    for r in each_to_key(tx) {
        let (input, _, ki) = r?;
        match ki.check_domain() {
            Ok(_) => {}
            Err(oxen_crypto::Error::NotTorsionFree) => {
                return Err(Error::KeyImageNotInPrimeSubgroup { input });
            }
            Err(_) => return Err(Error::KeyImageInvalid { input }),
        }
    }
    Ok(())
}

/// The ring-shape block of `Blockchain::check_tx_inputs`, input by input: a `txin_to_key`,
/// key offsets non-empty, exactly [`ConsensusRules::ring_size`] ring members, and key images strictly
/// descending in byte (memcmp) order (an equal key image counts as unsorted).
///
/// # Errors
/// [`Error::InputNotToKey`], [`Error::KeyOffsetsEmpty`], [`Error::RingSizeInvalid`],
/// [`Error::KeyImagesUnsorted`], for the first input that fails.
pub fn check_ring_shape(tx: &Transaction, rules: &ConsensusRules) -> Result<(), Error> {
    let mut last: Option<&KeyImage> = None;
    for r in each_to_key(tx) {
        let (input, offsets, ki) = r?;
        if offsets.is_empty() {
            return Err(Error::KeyOffsetsEmpty { input });
        }
        if offsets.len() != rules.ring_size() {
            return Err(Error::RingSizeInvalid {
                input,
                size: offsets.len(),
                expected: rules.ring_size(),
            });
        }
        if last.is_some_and(|prev| ki.0 >= prev.0) {
            return Err(Error::KeyImagesUnsorted { input });
        }
        last = Some(ki);
    }
    Ok(())
}
