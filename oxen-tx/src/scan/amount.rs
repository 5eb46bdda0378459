//! Opening an owned output: its amount (cleartext, or RingCT ECDH v2/v1 with the amount key
//! `Hs(D || i)`), the commitment check, and with the spend secret its one-time secret and key
//! image; the payment id.

use oxen_crypto::{
    KeyDerivation, PublicKey, Scalar, SecretKey, SecretScalar, generate_key_image,
    get_subaddress_secret_key, keys::encrypt_payment_id,
};

use super::detect::Hit;
use super::report::{AmountSource, OutputRejection, PaymentId, SpendData};
use crate::commitment::Commitment;
use crate::ecdh::{AmountKey, EcdhAmount, EcdhTupleV1, ecdh_decode, ecdh_decode_v1};
use crate::extra::{ExtraField, NONCE_ENCRYPTED_PAYMENT_ID, NONCE_PAYMENT_ID};
use crate::rct::{RctSig, RctType};

/// The amount and mask of output `hit.index`, with the commitment checked for RingCT.
pub(super) fn open_amount(
    rct: &RctSig,
    cleartext: u64,
    hit: &Hit,
) -> Result<(u64, SecretScalar, AmountSource), OutputRejection> {
    if rct.rct_type == RctType::Null {
        return Ok((
            cleartext,
            SecretScalar::from_scalar(Scalar::ONE),
            AmountSource::Cleartext,
        ));
    }
    let ecdh = rct
        .ecdh_info
        .get(hit.index)
        .ok_or(OutputRejection::MissingEcdhInfo)?;
    let commitment = rct
        .out_pk
        .get(hit.index)
        .ok_or(OutputRejection::MissingCommitment)?;
    let key = AmountKey::from_secret_scalar(&hit.scalar);
    let (amount, mask, source) = if rct.rct_type.has_compact_ecdh() {
        let mut enc = [0u8; 8];
        enc.copy_from_slice(ecdh.amount.get(..8).unwrap_or(&[0; 8]));
        let (a, m) = ecdh_decode(&EcdhAmount::from_bytes(enc), &key);
        (a, m, AmountSource::EcdhV2)
    } else {
        let tuple = EcdhTupleV1 {
            mask: ecdh.mask,
            amount: ecdh.amount,
        };
        let (a, m) = ecdh_decode_v1(&tuple, &key);
        (a, m, AmountSource::EcdhV1)
    };
    if Commitment(commitment.0).opens(amount, &mask) {
        Ok((amount, mask, source))
    } else {
        Err(OutputRejection::CommitmentDoesNotOpen)
    }
}

/// `x = Hs(D || i) + b (+ m(major, minor))` and `x Hp(P)`.
pub(super) fn spend_data(
    hit: &Hit,
    output_key: &PublicKey,
    spend_secret: &SecretKey,
    view_secret: &SecretKey,
) -> SpendData {
    let mut x = hit.scalar.clone() + spend_secret.as_secret_scalar();
    if !hit.subaddress.is_main() {
        let m = get_subaddress_secret_key(view_secret, hit.subaddress.major, hit.subaddress.minor);
        x += m.as_secret_scalar();
    }
    let one_time_secret = SecretKey::from_secret_scalar(x);
    let key_image = generate_key_image(output_key, &one_time_secret);
    SpendData {
        one_time_secret,
        key_image,
    }
}

/// The payment id of the first nonce: an encrypted 8-byte one is decrypted with the main key's
/// derivation (reference wallet2 `decrypt_payment_id` with the transaction public key).
pub(super) fn payment_id(nonces: &[ExtraField], main: Option<&KeyDerivation>) -> Option<PaymentId> {
    let nonce = nonces.iter().find_map(|f| match f {
        ExtraField::Nonce(n) => Some(n.as_slice()),
        _ => None,
    })?;
    match nonce {
        [NONCE_ENCRYPTED_PAYMENT_ID, rest @ ..] => {
            let enc: [u8; 8] = rest.try_into().ok()?;
            Some(PaymentId::Short(encrypt_payment_id(enc, main?)))
        }
        [NONCE_PAYMENT_ID, rest @ ..] => rest.try_into().ok().map(PaymentId::Long),
        _ => None,
    }
}
