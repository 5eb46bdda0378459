//! Building a CLSAG RingCT signature (reference `genRctSimple`).

use alloc::vec::Vec;

use oxen_crypto::clsag::sign as clsag_sign;
use oxen_crypto::{
    ClsagSecret, CompressedPoint, KeyImage, PublicKey, RingMember, Scalar, SecretKey, SecretScalar,
    generate_key_image,
};
use rand_core::CryptoRng;
use subtle::{ConditionallySelectable, ConstantTimeEq};
use zeroize::Zeroize;

use super::types::{CtKey, EcdhTuple, MAX_OUTPUTS, RctSig, RctType};
use crate::Error;
use crate::bulletproof::Bulletproof;
use crate::commitment::commit;
use crate::ecdh::{AmountKey, commitment_mask, ecdh_encode};

/// One input to spend: its ring (from the chain), which member is ours and its secrets.
/// Secrets are zeroized on drop and never printed.
#[derive(Clone)]
pub struct RctInput {
    /// The ring `(P_i, C_i)`, as on the chain (Oxen consensus:
    /// [`RING_SIZE`](crate::rct::RING_SIZE) members).
    pub ring: Vec<CtKey>,
    /// Index of the real output in `ring`.
    pub real_index: usize,
    /// One-time spend secret `p` with `ring[real_index].dest = p·G`.
    pub secret_key: SecretKey,
    /// Mask `γ` of the real output's commitment `ring[real_index].mask = γ·G + amount·H`.
    pub mask: SecretScalar,
    /// The real output's amount.
    pub amount: u64,
}

impl Drop for RctInput {
    fn drop(&mut self) {
        // the mask zeroizes itself (SecretScalar)
        self.amount.zeroize();
        self.real_index.zeroize();
    }
}

impl core::fmt::Debug for RctInput {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("RctInput")
            .field("ring_size", &self.ring.len())
            .finish_non_exhaustive()
    }
}

impl RctInput {
    /// The input's key image `I = p·Hp(P)` (reference `generate_key_image`), which the
    /// transaction prefix carries and the CLSAG signs with. Constant time in the secret key
    /// and in the real index (the real member is selected by a constant-time scan of the ring).
    ///
    /// # Errors
    /// [`Error::BuilderArguments`] if `real_index` is outside the ring.
    pub fn key_image(&self) -> Result<KeyImage, Error> {
        if self.real_index >= self.ring.len() {
            return Err(Error::BuilderArguments);
        }
        let mut real = [0u8; 32];
        for (i, member) in self.ring.iter().enumerate() {
            let here = (i as u64).ct_eq(&(self.real_index as u64));
            for (r, b) in real.iter_mut().zip(member.dest.as_bytes()) {
                r.conditional_assign(b, here);
            }
        }
        Ok(generate_key_image(&PublicKey(real), &self.secret_key))
    }
}

/// One output to create.
#[derive(Clone, Debug)]
pub struct RctOutput {
    /// One-time destination key.
    pub dest: CompressedPoint,
    /// Amount.
    pub amount: u64,
    /// The per-output amount key shared with the receiver (masks and ECDH derive from it).
    pub amount_key: AmountKey,
}

/// What [`gen_rct_simple`] returns besides the signature.
#[derive(Clone)]
pub struct RctSecrets {
    /// The output commitment masks (`outSk`), each zeroized on drop.
    pub output_masks: Vec<SecretScalar>,
}

impl core::fmt::Debug for RctSecrets {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("RctSecrets { .. }")
    }
}

/// Builds a CLSAG RingCT signature (reference `genRctSimple` with
/// `RCTConfig{PaddedBulletproof, 3}`, as Oxen wallets call it) over `message` (the transaction
/// prefix hash, which must already contain the inputs' key images, see
/// [`RctInput::key_image`]).
///
/// In the reference's order: output masks `γ_k = genCommitmentMask(amount_key_k)`; one
/// aggregated bulletproof over all outputs (`outPk = 8·V`); ecdhInfo `amount ⊕ ecdhHash`;
/// pseudo-output masks random except the last, which makes `Σ α_i = Σ γ_k`; pseudo-outputs
/// `α_i·G + a_i·H`; the message [`RctSig::pre_clsag_hash`]; one CLSAG per input with
/// `z_i = γ_in,i − α_i`. All randomness comes from `rng`. Constant time in the secrets except
/// where the bulletproof prover documents otherwise.
///
/// # Errors
/// [`Error::BuilderArguments`] (no inputs, 0 or more than [`MAX_OUTPUTS`] outputs, a real index
/// outside its ring), [`Error::AmountsUnbalanced`] (`Σ in ≠ Σ out + fee`, overflow included),
/// bulletproof prover or CLSAG signer errors (e.g. a secret that does not match its ring member).
pub fn gen_rct_simple<R: CryptoRng + ?Sized>(
    message: &[u8; 32],
    inputs: &[RctInput],
    outputs: &[RctOutput],
    fee: u64,
    rng: &mut R,
) -> Result<(RctSig, RctSecrets), Error> {
    if inputs.is_empty() || outputs.is_empty() || outputs.len() > MAX_OUTPUTS {
        return Err(Error::BuilderArguments);
    }
    if inputs.iter().any(|i| i.real_index >= i.ring.len()) {
        return Err(Error::BuilderArguments);
    }
    let sum_in = inputs
        .iter()
        .try_fold(0u64, |acc, i| acc.checked_add(i.amount));
    let sum_out = outputs
        .iter()
        .try_fold(fee, |acc, o| acc.checked_add(o.amount));
    match (sum_in, sum_out) {
        (Some(a), Some(b)) if a == b => {}
        _ => return Err(Error::AmountsUnbalanced),
    }

    let amounts: Vec<u64> = outputs.iter().map(|o| o.amount).collect();
    let output_masks: Vec<SecretScalar> = outputs
        .iter()
        .map(|o| commitment_mask(&o.amount_key))
        .collect();
    let secrets = RctSecrets { output_masks };
    let (bp, commitments) = Bulletproof::prove(&amounts, &secrets.output_masks, rng)?;

    let mut rv = RctSig::null();
    rv.rct_type = RctType::Clsag;
    rv.txn_fee = fee;
    rv.out_pk = commitments
        .iter()
        .map(|c| CompressedPoint(c.to_bytes()))
        .collect();
    rv.ecdh_info = outputs
        .iter()
        .map(|o| EcdhTuple {
            mask: [0; 32],
            amount: ecdh_encode(o.amount, &o.amount_key).to_key(),
        })
        .collect();
    rv.prunable.bulletproofs.push(bp);

    // Pseudo-output masks: random, the last one balancing the output masks (all secrets,
    // each zeroized on drop).
    let sum_out_masks: SecretScalar = secrets.output_masks.iter().sum();
    let mut pseudo_masks: Vec<SecretScalar> = Vec::with_capacity(inputs.len());
    let mut acc = SecretScalar::from_scalar(Scalar::ZERO);
    for _ in 1..inputs.len() {
        let a = SecretScalar::random(rng);
        acc += &a;
        pseudo_masks.push(a);
    }
    pseudo_masks.push(sum_out_masks - acc);
    rv.prunable.pseudo_outs = inputs
        .iter()
        .zip(&pseudo_masks)
        .map(|(i, a)| CompressedPoint(commit(i.amount, a).to_bytes()))
        .collect();

    let full_message = rv.pre_clsag_hash(message, inputs.len())?;
    for ((input, a), pseudo) in inputs
        .iter()
        .zip(&pseudo_masks)
        .zip(&rv.prunable.pseudo_outs)
    {
        let ring: Vec<RingMember> = input.ring.iter().map(|m| (m.dest, m.mask)).collect();
        let z = &input.mask - a;
        let secret = ClsagSecret {
            p: &input.secret_key,
            z: &z,
            real_index: input.real_index,
        };
        let (sig, _image) = clsag_sign(&full_message, &ring, pseudo, &secret, rng)?;
        rv.prunable.clsags.push(sig);
    }
    Ok((rv, secrets))
}
