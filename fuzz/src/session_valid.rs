//! Valid `oxen-session` objects for the structure-aware targets, and the edits applied to
//! them: a one-to-one message (the signed inner message `M ‖ A ‖ SIG`, sealed to the
//! recipient with a given ephemeral key) whose inner fields are edited *before* sealing (so the
//! box opens and the signature checks are reached) and whose sealed bytes are edited *after*
//! (bit flips, truncation, ephemeral keys of small order, on the twist, with bit 255 set, or
//! another message's).

use dalek4::constants::{ED25519_BASEPOINT_POINT, EIGHT_TORSION};
use dalek4::edwards::CompressedEdwardsY;
use dalek4::scalar::Scalar;
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use oxen_session::{Ed25519SecretKey, Seed, X25519PublicKey, X25519SecretKey};
use sha2::{Digest, Sha512};

use crate::edit::{Edit, apply};

/// An account from a fuzzer seed.
#[must_use]
pub fn account(seed: [u8; 32]) -> Ed25519SecretKey {
    Ed25519SecretKey::from_seed(Seed::from_array(seed))
}

/// The X25519 encodings that give libsodium's all-zero output: the seven of its small-order
/// list (`0`, `1`, the two order-8 `u`, `p − 1`, `p`, `p + 1`), bit 255 clear.
#[must_use]
pub fn small_order_u() -> [[u8; 32]; 7] {
    let p_plus = |d: i16| {
        let mut b = [0xffu8; 32];
        b[0] = (0xed + d) as u8;
        b[31] = 0x7f;
        b
    };
    let mut one = [0u8; 32];
    one[0] = 1;
    [
        [0; 32],
        one,
        EIGHT_TORSION[1].to_montgomery().to_bytes(),
        EIGHT_TORSION[3].to_montgomery().to_bytes(),
        p_plus(-1),
        p_plus(0),
        p_plus(1),
    ]
}

/// An edit of the sealed bytes `E ‖ tag ‖ c`.
#[derive(Arbitrary, Clone, Debug)]
pub enum SealedEdit {
    /// Flip one bit anywhere.
    FlipBit(u16),
    /// Drop the last `n % 16 + 1` bytes.
    Truncate(u8),
    /// Append `n % 8 + 1` bytes.
    Extend(u8),
    /// `E` := a small-order `u` (`k % 7`), with bit 255 set if `high`.
    SmallOrderEphemeral { k: u8, high: bool },
    /// Set bit 255 of `E` (same X25519 output, another nonce).
    EphemeralHighBit,
    /// `E` := arbitrary bytes (about half are on the twist).
    EphemeralBytes([u8; 32]),
    /// `E` := the ephemeral key of another message (`X25519(seed, 9)`).
    OtherEphemeral([u8; 32]),
    /// `E` := `E + p` where that fits in 255 bits (`E < 19`; rarely applies), else `E` with
    /// its top byte's bit 254 flipped.
    EphemeralPlusP,
}

/// Applies a sealed-bytes edit.
pub fn apply_sealed(ct: &mut Vec<u8>, e: &SealedEdit) {
    let set_e = |ct: &mut Vec<u8>, e: &[u8; 32]| {
        if let Some(head) = ct.get_mut(..32) {
            head.copy_from_slice(e);
        }
    };
    match e {
        SealedEdit::FlipBit(b) => {
            let bit = usize::from(*b) % (8 * ct.len().max(1));
            if let Some(x) = ct.get_mut(bit / 8) {
                *x ^= 1 << (bit % 8);
            }
        }
        SealedEdit::Truncate(n) => ct.truncate(ct.len().saturating_sub(usize::from(n % 16) + 1)),
        SealedEdit::Extend(n) => ct.extend(std::iter::repeat_n(*n, usize::from(n % 8) + 1)),
        SealedEdit::SmallOrderEphemeral { k, high } => {
            let mut u = small_order_u()[usize::from(k % 7)];
            u[31] |= u8::from(*high) << 7;
            set_e(ct, &u);
        }
        SealedEdit::EphemeralHighBit => {
            if let Some(x) = ct.get_mut(31) {
                *x ^= 0x80;
            }
        }
        SealedEdit::EphemeralBytes(b) => set_e(ct, b),
        SealedEdit::OtherEphemeral(seed) => {
            set_e(
                ct,
                X25519SecretKey::from_bytes(*seed).public_key().as_bytes(),
            );
        }
        SealedEdit::EphemeralPlusP => {
            if let Some(head) = ct.get_mut(..32) {
                let mut u: [u8; 32] = head.try_into().unwrap_or([0; 32]);
                if u[1..].iter().all(|&b| b == 0) && u[0] < 19 {
                    u[0] += 0xed;
                    u[1..31].fill(0xff);
                    u[31] = 0x7f;
                } else {
                    u[31] ^= 0x40;
                }
                head.copy_from_slice(&u);
            }
        }
    }
}

/// How the inner message is signed.
#[derive(Arbitrary, Clone, Debug)]
pub enum InnerSigner {
    /// `sign_for_recipient` (the sender's own key and nonce).
    Honest,
    /// The sender's scalar `a` with `A' = a·B + T_t` (a torsion component) hashed as the key,
    /// and `R = r·B + T_u` for a fuzzer nonce `r`: valid under the cofactorless equation only
    /// when `T_u = −k·T_t`.
    Torsion { t: u8, u: u8, r: [u8; 32] },
}

/// A one-to-one message to build and edit.
#[derive(Arbitrary, Clone, Debug)]
pub struct OneToOneCase {
    pub sender: [u8; 32],
    pub recipient: [u8; 32],
    pub ephemeral: [u8; 32],
    pub message: Vec<u8>,
    pub signer: InnerSigner,
    /// Edits of the inner fields `[A, R, S]` before sealing.
    pub inner_edits: Vec<Edit>,
    /// Flips of message bits after signing (bit index modulo the message length).
    pub message_flips: Vec<u16>,
    /// Drop this many bytes (mod 8) from the end of the inner plaintext before sealing.
    pub inner_truncate: u8,
    /// Edits of the sealed bytes.
    pub sealed_edits: Vec<SealedEdit>,
}

/// The inner message `M ‖ A ‖ SIG` signed for `recipient_x` (over `M ‖ A ‖ Y`).
#[must_use]
pub fn signed_inner(
    sender: &Ed25519SecretKey,
    recipient_x: &X25519PublicKey,
    message: &[u8],
    signer: &InnerSigner,
) -> Vec<u8> {
    match signer {
        InnerSigner::Honest => oxen_session::sign_for_recipient(sender, recipient_x, message),
        InnerSigner::Torsion { t, u, r } => {
            let a = Scalar::from_bytes_mod_order(*sender.scalar().expose_bytes());
            let a_point = ED25519_BASEPOINT_POINT * a + EIGHT_TORSION[usize::from(t % 8)];
            let a_bytes = a_point.compress().to_bytes();
            let r = Scalar::from_bytes_mod_order(*r);
            let r_point = ED25519_BASEPOINT_POINT * r + EIGHT_TORSION[usize::from(u % 8)];
            let r_bytes = r_point.compress().to_bytes();
            let mut h = Sha512::new();
            h.update(r_bytes);
            h.update(a_bytes);
            h.update(message);
            h.update(a_bytes);
            h.update(recipient_x.as_bytes());
            let k = Scalar::from_bytes_mod_order_wide(&h.finalize().into());
            let s = r + k * a;
            let mut out = message.to_vec();
            out.extend_from_slice(&a_bytes);
            out.extend_from_slice(&r_bytes);
            out.extend_from_slice(s.as_bytes());
            out
        }
    }
}

/// Applies the inner edits of `case` to a signed inner message (`[A, R, S]` are its last 96
/// bytes), then the message flips, then the truncation.
pub fn edit_inner(inner: &mut Vec<u8>, case: &OneToOneCase) {
    let n = inner.len();
    if n >= 96 {
        let field =
            |i: usize| -> [u8; 32] { inner[n - 96 + 32 * i..n - 64 + 32 * i].try_into().unwrap() };
        let mut slots = [field(0), field(1), field(2)];
        for e in case.inner_edits.iter().take(3) {
            apply(&mut slots, e);
        }
        for (i, s) in slots.iter().enumerate() {
            inner[n - 96 + 32 * i..n - 64 + 32 * i].copy_from_slice(s);
        }
        let m_len = n - 96;
        for f in case.message_flips.iter().take(2) {
            if m_len > 0 {
                let bit = usize::from(*f) % (8 * m_len);
                inner[bit / 8] ^= 1 << (bit % 8);
            }
        }
    }
    inner.truncate(n.saturating_sub(usize::from(case.inner_truncate % 8)));
}

/// The decompressed point of an encoding, for the targets' consistency checks.
#[must_use]
pub fn decodes(b: &[u8; 32]) -> bool {
    CompressedEdwardsY(*b).decompress().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_order_u_give_the_all_zero_output() {
        for u in small_order_u() {
            for high in [0, 0x80] {
                let mut e = u;
                e[31] |= high;
                assert_eq!(crate::sodium::scalarmult_curve25519(&[7; 32], &e), None);
            }
        }
    }

    #[test]
    fn honest_and_torsion_signers_agree_without_torsion() {
        let sender = account([1; 32]);
        let y = account([2; 32]).x25519_key_pair().public;
        let honest = signed_inner(&sender, &y, b"m", &InnerSigner::Honest);
        // the torsion signer with T = identity and its own nonce is a valid signature too
        let t = signed_inner(
            &sender,
            &y,
            b"m",
            &InnerSigner::Torsion {
                t: 0,
                u: 0,
                r: [5; 32],
            },
        );
        assert_eq!(honest[..33], t[..33]);
        for inner in [honest, t] {
            let sig: [u8; 64] = inner[33..].try_into().unwrap();
            let mut covered = inner[..33].to_vec();
            covered.extend_from_slice(y.as_bytes());
            assert!(crate::sodium::sign_verify_detached(
                &sig,
                &covered,
                sender.public_key().as_bytes()
            ));
        }
    }
}
