//! Onion requests (the criterion rows `onion_build_3hop_1k_aes-gcm`, `onion_peel_aes-gcm`,
//! `x25519_dh`, `x25519_keygen`): ours against sphinx-packet, the build floor and the
//! Montgomery ladder, with the network, floor and Sphinx fixture of `benches/benches/onion.rs`
//! (included here as a module, so both measure the same code).

#[path = "../../benches/onion.rs"]
#[allow(dead_code)]
mod onion_bench;

use std::hint::black_box;
use std::rc::Rc;

use oxen_benches::paired::{Bench, batched, bench, plain};
use oxen_benches::report::{FLOOR, OURS};
use oxen_onion::EncType;
use oxen_onion::keys::{x25519, x25519_ladder};
use oxen_onion::node;
use oxen_onion::{X25519KeyPair, X25519SecretKey};
use rand_chacha::ChaCha20Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};

/// Building a 3-hop request with a 1 KiB payload (aes-gcm).
pub const BUILD: &str = "onion_build_3hop_1k_aes-gcm";
/// Peeling the entry node's layer of such a request.
pub const PEEL: &str = "onion_peel_aes-gcm";
/// X25519 Diffie-Hellman.
pub const DH: &str = "x25519_dh";
/// X25519 key generation.
pub const KEYGEN: &str = "x25519_keygen";
/// The peer crate of build and peel.
pub const SPHINX: &str = "sphinx-packet";
/// The Montgomery ladder (x25519-dalek's method).
pub const LADDER: &str = "x25519-dalek";

/// Build and peel: ours, sphinx-packet, and the build floor.
pub fn setup() -> Vec<Bench> {
    let mut rng = ChaCha20Rng::seed_from_u64(1);
    let n = onion_bench::net(&mut rng);
    let builder = onion_bench::builder(&n, EncType::AesGcm);
    let payload = vec![0x5au8; 1024];
    // Each on its own network and RNG, seeded as in the criterion benches.
    let mut floor_rng = ChaCha20Rng::seed_from_u64(2);
    let floor_net = onion_bench::net(&mut floor_rng);
    let mut floor = onion_bench::BuildFloor::new(&floor_net, floor_rng);
    let mut peel_rng = ChaCha20Rng::seed_from_u64(3);
    let peel_net = onion_bench::net(&mut peel_rng);
    let (req, _) = onion_bench::builder(&peel_net, EncType::AesGcm)
        .build(&[0x5au8; 1024], &mut peel_rng)
        .unwrap();
    let entry = peel_net.path[0].clone();
    let sphinx = Rc::new(onion_bench::Sphinx::new());
    let packet = sphinx.build().to_bytes();
    let build_sphinx = Rc::clone(&sphinx);
    vec![
        bench(
            BUILD,
            OURS,
            plain(move || builder.build(black_box(&payload), &mut rng).unwrap()),
        ),
        bench(BUILD, SPHINX, plain(move || build_sphinx.build())),
        bench(BUILD, FLOOR, plain(move || floor.run())),
        bench(
            PEEL,
            OURS,
            plain(move || {
                node::peel_edge(&entry, black_box(req.as_bytes()), &mut peel_rng).unwrap()
            }),
        ),
        bench(
            PEEL,
            SPHINX,
            batched(
                move || sphinx_packet::SphinxPacket::from_bytes(&packet).unwrap(),
                move |p| p.process(&sphinx.secrets[0]).unwrap(),
            ),
        ),
    ]
}

/// X25519: ours (Edwards form) against the Montgomery ladder, DH and key generation (as
/// `bench_x25519`).
pub fn x25519_setup() -> Vec<Bench> {
    let mut rng = ChaCha20Rng::seed_from_u64(4);
    let mut sk = [0u8; 32];
    rng.fill_bytes(&mut sk);
    let peer = X25519KeyPair::generate(&mut rng).public.to_bytes();
    let mut nine = [0u8; 32];
    nine[0] = 9;
    vec![
        bench(
            DH,
            LADDER,
            plain(move || x25519_ladder(black_box(&sk), &peer)),
        ),
        bench(DH, OURS, plain(move || x25519(black_box(&sk), &peer))),
        bench(
            KEYGEN,
            LADDER,
            plain(move || x25519_ladder(black_box(&sk), &nine)),
        ),
        bench(
            KEYGEN,
            OURS,
            plain(move || X25519SecretKey::from_bytes(black_box(sk)).public_key()),
        ),
    ]
}
