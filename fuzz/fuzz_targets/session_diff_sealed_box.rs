//! Differential against libsodium: `sealed_box::seal_open` against `crypto_box_seal_open`
//! (bundled libsodium 1.0.22; no rule of the sealed box changed since 1.0.18). A valid sealed
//! box (recipient, ephemeral key and message from the fuzzer) with edits of the sealed bytes
//! (bit flips, truncation, extension; ephemeral keys of small order with or without bit 255,
//! arbitrary bytes (twist points, non-canonical `u`), another message's key) and optionally a
//! recipient public key that is not `X25519(y, 9)` (libsodium takes it as given for the
//! nonce), or raw bytes. Verdicts and plaintexts must agree, and our refusal must name
//! libsodium's first failing step (`sodium_diff::compare_seal_open`).
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use oxen_fuzz::session_valid::{SealedEdit, apply_sealed};
use oxen_fuzz::sodium_diff::compare_seal_open;
use oxen_session::sealed_box::seal_with;
use oxen_session::{X25519PublicKey, X25519SecretKey};

#[derive(Arbitrary, Debug)]
struct Input {
    recipient: [u8; 32],
    /// Open with this public key instead of `X25519(y, 9)`.
    other_public: Option<[u8; 32]>,
    ephemeral: [u8; 32],
    message: Vec<u8>,
    edits: Vec<SealedEdit>,
    /// Open these bytes instead of a sealed box.
    raw: Option<Vec<u8>>,
}

fuzz_target!(|inp: Input| {
    let y = X25519SecretKey::from_bytes(inp.recipient);
    let public = y.public_key();
    let ct = match &inp.raw {
        Some(raw) => raw.clone(),
        None => {
            let Ok(mut ct) = seal_with(
                &X25519SecretKey::from_bytes(inp.ephemeral),
                &public,
                &inp.message,
            ) else {
                return;
            };
            for e in inp.edits.iter().take(3) {
                apply_sealed(&mut ct, e);
            }
            ct
        }
    };
    let pk: X25519PublicKey = inp.other_public.map_or(public, X25519PublicKey);
    if let Err(d) = compare_seal_open(&ct, &pk.to_bytes(), &inp.recipient) {
        panic!("{d}");
    }
});
