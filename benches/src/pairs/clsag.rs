//! CLSAG at ring size 10 (the criterion rows `clsag_sign_10`, `clsag_verify_10`): ours against
//! monero-clsag and the floor, with the inputs and timed functions of
//! `benches/benches/crypto.rs` (included here as a module, so both measure the same code).

#[path = "../../benches/crypto.rs"]
#[allow(dead_code)]
mod crypto_bench;

use std::rc::Rc;

use oxen_benches::paired::{Bench, bench, plain};
use oxen_benches::report::{FLOOR, OURS};
use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;
use rand_chacha_03::rand_core::SeedableRng as SeedableRng03;

/// CLSAG signing, ring size 10.
pub const SIGN: &str = "clsag_sign_10";
/// CLSAG verification, ring size 10.
pub const VERIFY: &str = "clsag_verify_10";
/// The peer crate.
pub const PEER: &str = "monero-clsag";

/// The routines of both operations (one ring, one signature, as the criterion rows).
pub fn setup() -> Vec<Bench> {
    let mut rng = ChaCha20Rng::seed_from_u64(0xbe7c);
    let fl = crypto_bench::floor_input(&mut rng);
    let input = Rc::new(crypto_bench::clsag_input(&mut rng, 10));
    let prepared = crypto_bench::peer::prepare(&input);
    let (sig, image) = crypto_bench::oxen_sign(&input, &mut rng);
    let peer_in = crypto_bench::peer::verify_input(&input, &sig, &image);
    assert!(
        crypto_bench::peer::verify(&peer_in),
        "monero-clsag rejects our CLSAG"
    );
    let mut sign_rng = ChaCha20Rng::seed_from_u64(1);
    let mut rng03 = rand_chacha_03::ChaCha20Rng::seed_from_u64(9);
    let sign_in = Rc::clone(&input);
    let verify_in = Rc::clone(&input);
    vec![
        bench(
            SIGN,
            OURS,
            plain(move || crypto_bench::oxen_sign(&sign_in, &mut sign_rng)),
        ),
        bench(
            SIGN,
            PEER,
            plain(move || crypto_bench::peer::sign(&prepared, &mut rng03)),
        ),
        bench(
            VERIFY,
            OURS,
            plain(move || {
                assert!(sig.check(&verify_in.ring, &image, &verify_in.pseudo, &verify_in.msg));
            }),
        ),
        bench(
            VERIFY,
            PEER,
            plain(move || assert!(crypto_bench::peer::verify(&peer_in))),
        ),
        bench(
            VERIFY,
            FLOOR,
            plain(move || crypto_bench::floor(&input.ring, &fl.0, &fl.1)),
        ),
    ]
}
