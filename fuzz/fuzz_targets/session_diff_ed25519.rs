//! Differential against libsodium: `ed25519::verify` against
//! `crypto_sign_ed25519_verify_detached` (bundled 1.0.22, whose verification rules are
//! 1.0.18's). A valid signature (ours, or a Schnorr signature with torsion components on `A`
//! and `R` that the cofactorless equation accepts or not), then fuzzer edits of `[R, S, A]`
//! (bit flips, `S + l`, `y + p`, sign flips, torsion, identity, zero, other points, swaps)
//! and of message bits, or raw bytes. The verdicts must agree; a refusal names the first
//! failing rule (`sodium_diff::model_signature_check`).
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use dalek4::constants::{ED25519_BASEPOINT_POINT, EIGHT_TORSION};
use dalek4::scalar::Scalar;
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use oxen_fuzz::edit::{Edit, apply};
use oxen_fuzz::session_valid::account;
use oxen_fuzz::sodium_diff::{compare_verify, model_signature_check};
use oxen_session::{Ed25519PublicKey, Error, Signature};
use sha2::{Digest, Sha512};

#[derive(Arbitrary, Debug)]
struct Input {
    key: [u8; 32],
    message: Vec<u8>,
    /// Sign with `A' = A + T_t` and `R = r·B + T_u` instead of honestly.
    torsion: Option<(u8, u8, [u8; 32])>,
    edits: Vec<Edit>,
    message_flips: Vec<u16>,
    raw: Option<([u8; 32], [u8; 32], [u8; 32])>,
}

fuzz_target!(|inp: Input| {
    let sk = account(inp.key);
    let mut msg = inp.message.clone();
    let (r, s, a) = if let Some(raw) = inp.raw {
        raw
    } else if let Some((t, u, r)) = inp.torsion {
        let a = Scalar::from_bytes_mod_order(*sk.scalar().expose_bytes());
        let a_bytes = (ED25519_BASEPOINT_POINT * a + EIGHT_TORSION[usize::from(t % 8)])
            .compress()
            .to_bytes();
        let r = Scalar::from_bytes_mod_order(r);
        let r_bytes = (ED25519_BASEPOINT_POINT * r + EIGHT_TORSION[usize::from(u % 8)])
            .compress()
            .to_bytes();
        let k = Scalar::from_bytes_mod_order_wide(
            &Sha512::new()
                .chain_update(r_bytes)
                .chain_update(a_bytes)
                .chain_update(&msg)
                .finalize()
                .into(),
        );
        (r_bytes, (r + k * a).to_bytes(), a_bytes)
    } else {
        let sig = oxen_session::ed25519::sign(&sk, &msg).to_bytes();
        (
            sig[..32].try_into().unwrap(),
            sig[32..].try_into().unwrap(),
            sk.public_key().to_bytes(),
        )
    };
    let mut slots = [r, s, a];
    for e in inp.edits.iter().take(4) {
        apply(&mut slots, e);
    }
    for f in inp.message_flips.iter().take(2) {
        if !msg.is_empty() {
            let bit = usize::from(*f) % (8 * msg.len());
            msg[bit / 8] ^= 1 << (bit % 8);
        }
    }
    let [r, s, a] = slots;
    let mut sig = [0u8; 64];
    sig[..32].copy_from_slice(&r);
    sig[32..].copy_from_slice(&s);
    if let Err(d) = compare_verify(&sig, &msg, &a) {
        panic!("{d}");
    }
    if let Err(e) = oxen_session::ed25519::verify(&Signature(sig), &Ed25519PublicKey(a), &msg) {
        assert_eq!(e, Error::InvalidSignature(model_signature_check(&sig, &a)));
    }
});
