//! MLSAG verification against monero-mlsag (`benches/benches/tx_verify.rs`), Borromean range
//! signature verification against monero-borromean and its floor
//! (`benches/benches/tx_borromean.rs`), and the swarm lookup against a plain binary search
//! (`benches/benches/swarm.rs`), with those benches' fixtures (included here as modules).

#[path = "../../benches/swarm.rs"]
#[allow(dead_code)]
mod swarm_bench;
#[path = "../../benches/tx_borromean.rs"]
#[allow(dead_code)]
mod tx_borromean_bench;
#[path = "../../benches/tx_verify.rs"]
#[allow(dead_code)]
pub(crate) mod tx_verify_bench;

use std::hint::black_box;
use std::rc::Rc;

use oxen_benches::paired::{Bench, bench, plain};
use oxen_benches::report::{FLOOR, OURS};

/// MLSAG (simple) verification, ring 11.
pub const MLSAG: &str = "mlsag_simple_verify_r11";
/// monero-oxide's MLSAG.
pub const MLSAG_PEER: &str = "monero-mlsag";
/// Borromean range signature verification.
pub const BORROMEAN: &str = "borromean_verify";
/// monero-oxide's Borromean range signatures.
pub const BORROMEAN_PEER: &str = "monero-borromean";
/// 1024 lookups in a network of 1000 swarms.
pub const LOOKUP: &str = "swarm_lookup_1000";
/// A plain binary search over the sorted swarm ids.
pub const BINARY_SEARCH: &str = "binary-search";

/// MLSAG: ours and monero-mlsag.
pub fn mlsag_setup() -> Vec<Bench> {
    let m = Rc::new(tx_verify_bench::MlsagInput::new());
    let peer = Rc::clone(&m);
    vec![
        bench(MLSAG, OURS, plain(move || m.verify())),
        bench(
            MLSAG,
            MLSAG_PEER,
            plain(move || assert!(tx_verify_bench::peer::verify(black_box(&peer.peer)))),
        ),
    ]
}

/// Borromean: ours, monero-borromean and the floor.
pub fn borromean_setup() -> Vec<Bench> {
    let f = Rc::new(tx_borromean_bench::Fixture::new());
    let (peer, floor) = (Rc::clone(&f), Rc::clone(&f));
    vec![
        bench(
            BORROMEAN,
            OURS,
            plain(move || black_box(&f.ours).verify(black_box(&f.commitment)).unwrap()),
        ),
        bench(
            BORROMEAN,
            BORROMEAN_PEER,
            plain(move || assert!(black_box(&peer.peer).verify(black_box(&peer.peer_c)))),
        ),
        bench(BORROMEAN, FLOOR, plain(move || floor.floor())),
    ]
}

/// The swarm lookup: ours and the binary search.
pub fn lookup_setup() -> Vec<Bench> {
    let l = Rc::new(swarm_bench::Lookup::new());
    let b = Rc::clone(&l);
    vec![
        bench(LOOKUP, OURS, plain(move || l.oxen())),
        bench(LOOKUP, BINARY_SEARCH, plain(move || b.binary_search())),
    ]
}
