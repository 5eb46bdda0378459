//! ONS (the criterion rows of `benches/benches/ons.rs`): each operation against its floor, and
//! value encryption and decryption against the bare `chacha20poly1305` AEAD, with the very
//! closures of that bench (its `cases()`, included here as a module).

#[path = "../../benches/ons.rs"]
#[allow(dead_code)]
mod ons_bench;

use oxen_benches::paired::{Bench, bench, plain};
use oxen_benches::report::{FLOOR, OURS};

/// Every ONS operation with a floor.
pub const OPERATIONS: [&str; 10] = [
    "name_validate",
    "name_hash",
    "name_hash_base64",
    "encrypt_session",
    "decrypt_session",
    "encrypt_lokinet",
    "decrypt_lokinet",
    "encrypt_wallet",
    "decrypt_wallet",
    "update_signature_hash",
];
/// The bare AEAD crate (encryption and decryption only).
pub const AEAD: &str = "rustcrypto-aead";

/// Ours, the floor and the peers of every case.
pub fn setup() -> Vec<Bench> {
    let mut out = Vec::new();
    for case in ons_bench::cases() {
        let op = case.op;
        let (oxen, floor) = (case.oxen, case.floor);
        out.push(bench(&op, OURS, plain(oxen)));
        out.push(bench(&op, FLOOR, plain(floor)));
        for (name, f) in case.peers {
            out.push(bench(&op, name, plain(f)));
        }
    }
    out
}
