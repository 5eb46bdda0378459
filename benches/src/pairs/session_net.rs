//! oxen-session-net (the criterion rows of `benches/benches/session_net.rs`): the node-side
//! verification of signed storage requests against one Ed25519 verification (target 1.1x),
//! envelope wrapping and unwrapping against the sealed box alone (target 1.05x). The very
//! closures of that bench (its `pair_cases()`, included here as a module; the end-to-end trip
//! has no floor and is a criterion row only).

#[path = "../../benches/session_net.rs"]
#[allow(dead_code)]
mod session_net_bench;

use oxen_benches::paired::{Bench, bench, plain};

pub(crate) use session_net_bench::{
    KEY_CHECK, SEALED_BOX, UNWRAP, VERIFY_GROUP, VERIFY_MEMBER, VERIFY_STORE_USER, VERIFY_USER,
    WRAP,
};

/// Every operation of the group.
pub fn operations() -> Vec<&'static str> {
    vec![
        VERIFY_USER,
        VERIFY_GROUP,
        VERIFY_MEMBER,
        VERIFY_STORE_USER,
        WRAP,
        KEY_CHECK,
        SEALED_BOX,
        UNWRAP,
    ]
}

/// Every implementation of every case.
pub fn setup() -> Vec<Bench> {
    let mut out = Vec::new();
    for case in session_net_bench::pair_cases() {
        for (imp, f) in case.imps {
            out.push(bench(case.op, imp, plain(f)));
        }
    }
    out
}
