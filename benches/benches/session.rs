//! Benchmarks for oxen-session, each operation beside **libsodium** doing the same composition
//! (the C library libsession-util calls, through `libsodium-sys-stable`: its own C code and
//! assembly, built from its bundled source), RustCrypto peers where they fit (`crypto_box`'s
//! sealed box and `ed25519-dalek`), and a **floor**: the curve operations the function cannot
//! avoid, with curve25519-dalek 5 in the same build as ours.
//!
//! | operation | floor (curve25519-dalek 5, same build) |
//! |---|---|
//! | `encrypt_for_recipient` | `r·B`, `e·B` (basepoint table), lift of `Y`, `e·Y`, one batched encoding of the three |
//! | `encrypt_for_recipient_lifted` | the same without the lift (the recipient given as a `LiftedPublicKey`) |
//! | `decrypt_incoming_*` | lift of `E`, `y·E` and its Montgomery u; decompress `A`, `[s]B − [k]A`, its encoding |
//! | `ed25519_sign` / `_verify` | `r·B` encoded / decompress `A`, `[s]B − [k]A` encoded |
//! | `multi_encrypt_<n>` | per recipient the lift of `Y_i` and `x·Y_i`; one batched Montgomery map |
//! | `config_encrypt` / `_decrypt` | the two BLAKE2b (one on decryption) and the XChaCha20 keystream |
//! | blinding, blinded DMs | see `session/blinding.rs` |
//!
//! Ids `operation/implementation` (`oxen`, `libsodium`, `rustcrypto`, `ed25519-dalek`,
//! `floor`); the multi-recipient curve is `multi_encrypt/<implementation>/<recipients>`. The
//! paired ratios (`src/pairs/session.rs`) use these very closures ([`cases`]).
//!
//! To keep the report's quick run within its budget, its criterion pass times ours everywhere,
//! libsodium for the one-to-one messages, and ours and the floor along the multi-recipient
//! curve; the other implementations (floors, ed25519-dalek, RustCrypto, libsodium elsewhere)
//! are measured in the paired pass where a pair names them (it prints both sides' time per
//! call). `OXEN_SESSION_ALL=1` times every implementation here.
//!
//! Run: `cargo bench -p oxen-benches --bench session -- --warm-up-time 1 --measurement-time 3`
//! (`OXEN_SESSION_ALL=1 cargo bench ...` for every implementation).
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "session/blinding.rs"]
pub(crate) mod blinding;
#[path = "session/multi.rs"]
mod multi;
#[path = "session/one_to_one.rs"]
mod one_to_one;
#[path = "session/sodium.rs"]
mod sodium;

use criterion::{Criterion, criterion_group, criterion_main};
use oxen_benches::harness::{id, iter};
pub(crate) use oxen_benches::report::{FLOOR, OURS};

/// libsodium's composition (C).
pub(crate) const LIBSODIUM: &str = "libsodium";
/// RustCrypto's composition (`crypto_box` + `ed25519-dalek`).
pub(crate) const RUSTCRYPTO: &str = "rustcrypto";

/// A timed body.
pub(crate) type Body = Box<dyn FnMut()>;

/// One operation: every implementation of it (`oxen`, the peers, `floor`).
pub(crate) struct Case {
    /// The operation (the pair's name; for a curve point `group_<n>`).
    pub(crate) op: String,
    /// For a point of a growth curve: the criterion group and the parameter.
    pub(crate) curve: Option<(&'static str, usize)>,
    /// `(implementation, body)`.
    pub(crate) imps: Vec<(&'static str, Body)>,
    /// The implementations the report's criterion pass times (the others are measured in the
    /// paired pass only, which prints their time per call too; `OXEN_SESSION_ALL=1` times
    /// every one).
    pub(crate) in_criterion: &'static [&'static str],
}

impl Case {
    /// Which implementations the criterion pass times (default: ours).
    pub(crate) fn criterion(mut self, imps: &'static [&'static str]) -> Case {
        self.in_criterion = imps;
        self
    }

    /// Adds an implementation; its result is passed through `black_box`.
    pub(crate) fn add<O>(&mut self, imp: &'static str, mut f: impl FnMut() -> O + 'static) {
        self.imps.push((
            imp,
            Box::new(move || {
                std::hint::black_box(f());
            }),
        ));
    }

    pub(crate) fn curve(mut self, group: &'static str, n: usize) -> Case {
        self.curve = Some((group, n));
        self
    }
}

pub(crate) fn case(op: &str) -> Case {
    Case {
        op: op.to_owned(),
        curve: None,
        imps: Vec::new(),
        in_criterion: &[OURS],
    }
}

/// Every case, in report order.
pub(crate) fn cases() -> Vec<Case> {
    let mut v = one_to_one::cases();
    v.extend(blinding::cases());
    v.extend(multi::multi_cases());
    v.extend(multi::config_cases());
    v
}

/// Whether the criterion pass times `imp` (of a case whose list is `in_criterion`): in the memory build only ours (libsodium
/// allocates in C, where the counting allocator does not see it, and floors allocate nothing);
/// in the timing build the case's list, or every implementation with `OXEN_SESSION_ALL=1`.
fn timed(in_criterion: &[&str], imp: &str) -> bool {
    if cfg!(feature = "memory") {
        return imp == OURS;
    }
    std::env::var_os("OXEN_SESSION_ALL").is_some_and(|v| v == "1") || in_criterion.contains(&imp)
}

fn benches(c: &mut Criterion) {
    eprintln!("libsodium {}", sodium::version());
    for mut k in cases() {
        let in_criterion = k.in_criterion;
        k.imps.retain(|(imp, _)| timed(in_criterion, imp));
        match k.curve {
            Some((group, n)) => {
                let mut g = c.benchmark_group(group);
                for (imp, f) in &mut k.imps {
                    g.bench_function(id(imp, Some(n)), |b| iter(b, &mut *f));
                }
                g.finish();
            }
            None => {
                let mut g = c.benchmark_group(&k.op);
                for (imp, f) in &mut k.imps {
                    g.bench_function(*imp, |b| iter(b, &mut *f));
                }
                g.finish();
            }
        }
    }
}

criterion_group! {
    name = group;
    config = oxen_benches::harness::config();
    targets = benches
}
criterion_main!(group);
