//! oxen-session (the criterion rows of `benches/benches/session.rs`): one-to-one messages
//! against libsodium's composition (the headline), RustCrypto's and the floor; Ed25519 against
//! ed25519-dalek and libsodium; community blinding and blinded DMs against their floors;
//! multi-recipient encryption at 1, 10, 100 and 1,000 recipients against its floor and
//! libsodium; config encryption. The very closures of that bench (its `cases()`, included here
//! as a module).

#[path = "../../benches/session.rs"]
#[allow(dead_code)]
mod session_bench;

use oxen_benches::paired::{Bench, bench, plain};

pub(crate) use session_bench::LIBSODIUM;

/// `encrypt_for_recipient` to a Session ID.
pub const ENCRYPT: &str = "encrypt_for_recipient";
/// `encrypt_for_recipient` to a recipient lifted once (`LiftedPublicKey`).
pub const ENCRYPT_LIFTED: &str = "encrypt_for_recipient_lifted";
/// `decrypt_incoming` with the X25519 key pair.
pub const DECRYPT_X: &str = "decrypt_incoming_x25519";
/// `decrypt_incoming` with the Ed25519 secret key.
pub const DECRYPT_ED: &str = "decrypt_incoming_ed25519";
/// Ed25519 signing.
pub const SIGN: &str = "ed25519_sign";
/// Ed25519 verification.
pub const VERIFY: &str = "ed25519_verify";
/// ed25519-dalek.
pub const DALEK: &str = "ed25519-dalek";
/// Multi-recipient encryption at each point of the curve.
pub const MULTI: [&str; 4] = [
    "multi_encrypt_1",
    "multi_encrypt_10",
    "multi_encrypt_100",
    "multi_encrypt_1000",
];
/// Config message encryption and decryption.
pub const CONFIG: [&str; 2] = ["config_encrypt", "config_decrypt"];

/// The blinding operations (each has a floor and a libsodium composition).
pub fn blinding_operations() -> Vec<&'static str> {
    session_bench::blinding::OPERATIONS.to_vec()
}

/// Every operation of the group.
pub fn operations() -> Vec<&'static str> {
    let mut v = vec![ENCRYPT, ENCRYPT_LIFTED, DECRYPT_X, DECRYPT_ED, SIGN, VERIFY];
    v.extend(session_bench::blinding::OPERATIONS);
    v.extend(MULTI);
    v.extend(CONFIG);
    v
}

/// Every implementation of every case.
pub fn setup() -> Vec<Bench> {
    let mut out = Vec::new();
    for case in session_bench::cases() {
        for (imp, f) in case.imps {
            out.push(bench(&case.op, imp, plain(f)));
        }
    }
    out
}
