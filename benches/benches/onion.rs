//! Benchmarks for oxen-onion: building a 3-hop request (1 KiB and 64 KiB) per enc type, the
//! crypto floor of a build, peeling one layer at a node, reply encryption/decryption, and
//! the peer `sphinx-packet` 0.8 (create 3 hops, process one hop) for comparison. Also the two
//! X25519 methods (Montgomery ladder vs Edwards form on the vector backend).
//!
//! Run: `cargo bench -p oxen-benches --bench onion -- --warm-up-time 1 --measurement-time 3`
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use oxen_benches::harness::{id, iter, iter_batched};
use oxen_onion::hop::TAG_LEN;
use oxen_onion::keys::{x25519, x25519_ladder};
use oxen_onion::node::{self, Decision};
use oxen_onion::reply::ResponseBody;
use oxen_onion::{
    Builder, Ed25519PublicKey, EncType, Hop, HopKey, NodeKeys, X25519KeyPair, X25519SecretKey,
};
use rand_chacha::ChaCha20Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};

const ENC_TYPES: [EncType; 2] = [EncType::AesGcm, EncType::XChaCha20];

pub(crate) fn node(rng: &mut ChaCha20Rng, tag: u8) -> NodeKeys {
    NodeKeys {
        x25519: X25519KeyPair::generate(rng),
        ed25519: Ed25519PublicKey([tag; 32]),
    }
}

pub(crate) fn hop(k: &NodeKeys) -> Hop {
    Hop {
        ed25519: k.ed25519,
        x25519: k.x25519.public,
    }
}

pub(crate) struct Net {
    pub(crate) path: Vec<NodeKeys>,
    dest: NodeKeys,
}

pub(crate) fn net(rng: &mut ChaCha20Rng) -> Net {
    Net {
        path: (1..=3).map(|i| node(rng, i)).collect(),
        dest: node(rng, 9),
    }
}

pub(crate) fn builder(n: &Net, t: EncType) -> Builder {
    Builder::new(t)
        .path(&n.path.iter().map(hop).collect::<Vec<_>>())
        .snode_destination(hop(&n.dest))
}

/// Payload sizes of the build and peel growth curves (aes-gcm, the default), 1 KiB to 1 MiB.
const PAYLOADS: [usize; 4] = [1 << 10, 1 << 14, 1 << 18, 1 << 20];

fn bench_build(c: &mut Criterion) {
    let mut rng = ChaCha20Rng::seed_from_u64(1);
    let n = net(&mut rng);
    let payload = vec![0x5au8; 1024];
    for t in ENC_TYPES {
        let mut g = c.benchmark_group(format!("onion_build_3hop_1k_{}", t.as_str()));
        let b = builder(&n, t);
        g.bench_function("oxen", |bch| {
            iter(bch, || b.build(black_box(&payload), &mut rng).unwrap())
        });
        g.finish();
    }
    let b = builder(&n, EncType::AesGcm);
    let mut g = c.benchmark_group("onion_build");
    for size in PAYLOADS {
        let payload = vec![0x5au8; size];
        g.bench_function(id("oxen", Some(size)), |bch| {
            iter(bch, || b.build(black_box(&payload), &mut rng).unwrap())
        });
    }
    g.finish();
    let mut g = c.benchmark_group("onion_peel");
    for size in PAYLOADS {
        let (req, _) = b.build(&vec![0x5au8; size], &mut rng).unwrap();
        g.bench_function(id("oxen", Some(size)), |bch| {
            iter(bch, || {
                node::peel_edge(&n.path[0], black_box(req.as_bytes()), &mut rng).unwrap()
            })
        });
    }
    g.finish();
}

/// The operations a 3-hop + destination build cannot avoid, for 1 KiB aes-gcm: 4 ephemeral
/// secrets drawn, 4 fixed-base and 4 variable-base scalar multiplications in Edwards form
/// (peer keys lifted once, as the builder caches them), one batched map to Montgomery u, and 4
/// AEAD encryptions of the layer sizes in place into preallocated buffers. The key derivation
/// hash is left out (the u bytes key the AEAD directly), so this is a strict lower bound.
pub(crate) struct BuildFloor {
    rng: ChaCha20Rng,
    bufs: Vec<Vec<u8>>,
    lifts: Vec<curve25519_dalek::edwards::EdwardsPoint>,
}

impl BuildFloor {
    pub(crate) fn new(n: &Net, rng: ChaCha20Rng) -> Self {
        use curve25519_dalek::montgomery::MontgomeryPoint;
        let t = EncType::AesGcm;
        // plaintext sizes of the four layers: destination, hop3, hop2, hop1
        let mut sizes = vec![4 + 1024 + 14];
        for _ in 0..3 {
            let prev = *sizes.last().unwrap();
            sizes.push(4 + prev + t.overhead() + 186);
        }
        let bufs: Vec<Vec<u8>> = sizes.iter().map(|&s| vec![0u8; s]).collect();
        let lifts = [&n.dest, &n.path[2], &n.path[1], &n.path[0]]
            .iter()
            .map(|k| {
                MontgomeryPoint(k.x25519.public.to_bytes())
                    .to_edwards(0)
                    .unwrap()
            })
            .collect();
        BuildFloor { rng, bufs, lifts }
    }

    pub(crate) fn run(&mut self) {
        use curve25519_dalek::edwards::EdwardsPoint;
        let t = EncType::AesGcm;
        let mut eds = Vec::with_capacity(8);
        for lift in &self.lifts {
            let mut sk = [0u8; 32];
            self.rng.fill_bytes(&mut sk);
            eds.push(EdwardsPoint::mul_base_clamped(sk));
            eds.push(lift.mul_clamped(sk));
        }
        let us = EdwardsPoint::to_montgomery_batch(&eds);
        for (buf, u) in self.bufs.iter_mut().zip(us.chunks_exact(2)) {
            let key = HopKey::from_raw(t, u[1].to_bytes());
            let tag: [u8; TAG_LEN] = key.seal_in_place(&[7u8; 12], buf).unwrap();
            black_box((tag, u[0]));
        }
    }
}

fn bench_floor(c: &mut Criterion) {
    let mut rng = ChaCha20Rng::seed_from_u64(2);
    let n = net(&mut rng);
    let mut floor = BuildFloor::new(&n, rng);
    let mut g = c.benchmark_group("onion_build_3hop_1k_aes-gcm");
    g.bench_function("floor", |b| iter(b, || floor.run()));
    g.finish();
}

fn bench_peel_and_reply(c: &mut Criterion) {
    let mut rng = ChaCha20Rng::seed_from_u64(3);
    let n = net(&mut rng);
    for t in ENC_TYPES {
        let mut g = c.benchmark_group(format!("onion_peel_{}", t.as_str()));
        let (req, _) = builder(&n, t).build(&[0x5au8; 1024], &mut rng).unwrap();
        g.bench_function("oxen", |b| {
            iter(b, || {
                node::peel_edge(&n.path[0], black_box(req.as_bytes()), &mut rng).unwrap()
            })
        });
        g.finish();
    }

    let body = ResponseBody::Text("x".repeat(1024));
    let mut cases = Vec::new();
    for t in ENC_TYPES {
        let (req, dec) = builder(&n, t).build(b"{}", &mut rng).unwrap();
        let mut cur = req.into_bytes();
        let mut k = 0;
        let del = loop {
            let keys = n.path.get(k).unwrap_or(&n.dest);
            let d = if k == 0 {
                node::peel_edge(keys, &cur, &mut rng)
            } else {
                node::peel_relay(keys, &cur, &mut rng)
            };
            match d.unwrap() {
                Decision::RelayToNode(r) => cur = r.message.to_bytes(),
                Decision::Deliver(d) => break d,
                Decision::ForwardToServer(_) => unreachable!(),
            }
            k += 1;
        };
        let mut enc = c.benchmark_group(format!("reply_encrypt_{}", t.as_str()));
        enc.bench_function("oxen", |b| {
            iter(b, || del.reply(&mut rng, 200, black_box(&body)).unwrap())
        });
        enc.finish();
        let reply = del.reply(&mut rng, 200, &body).unwrap();
        cases.push((t, dec, reply));
    }
    for (t, dec, reply) in &cases {
        let mut dg = c.benchmark_group(format!("reply_decrypt_{}", t.as_str()));
        dg.bench_function("oxen", |b| {
            iter(b, || dec.handle_reply(200, black_box(&reply.body)).unwrap())
        });
        dg.finish();
    }
}

fn bench_x25519(c: &mut Criterion) {
    let mut rng = ChaCha20Rng::seed_from_u64(4);
    let mut sk = [0u8; 32];
    rng.fill_bytes(&mut sk);
    let peer = X25519KeyPair::generate(&mut rng).public.to_bytes();
    let mut g = c.benchmark_group("x25519_dh");
    g.bench_function("x25519-dalek", |b| {
        iter(b, || x25519_ladder(black_box(&sk), &peer))
    });
    g.bench_function("oxen", |b| iter(b, || x25519(black_box(&sk), &peer)));
    g.finish();
    let mut g = c.benchmark_group("x25519_keygen");
    g.bench_function("x25519-dalek", |b| {
        let mut nine = [0u8; 32];
        nine[0] = 9;
        iter(b, || x25519_ladder(black_box(&sk), &nine))
    });
    g.bench_function("oxen", |b| {
        iter(b, || {
            X25519SecretKey::from_bytes(black_box(sk)).public_key()
        })
    });
    g.finish();
}

/// Nym's Sphinx with a 1 KiB message over 3 hops, payload sized to carry it (as our 1 KiB
/// build): the same logical work as our 1 KiB aes-gcm build and entry-node peel.
pub(crate) struct Sphinx {
    pub(crate) builder: sphinx_packet::packet::builder::SphinxPacketBuilder<'static>,
    pub(crate) message: Vec<u8>,
    pub(crate) route: Vec<sphinx_packet::route::Node>,
    pub(crate) dest: sphinx_packet::route::Destination,
    pub(crate) delays: Vec<sphinx_packet::header::delays::Delay>,
    pub(crate) secrets: Vec<sphinx_packet::crypto::PrivateKey>,
}

impl Sphinx {
    pub(crate) fn new() -> Self {
        use sphinx_packet::constants::{
            DESTINATION_ADDRESS_LENGTH, IDENTIFIER_LENGTH, NODE_ADDRESS_LENGTH,
        };
        use sphinx_packet::crypto::{PrivateKey, PublicKey};
        use sphinx_packet::header::delays;
        use sphinx_packet::packet::builder::SphinxPacketBuilder;
        use sphinx_packet::payload::PAYLOAD_OVERHEAD_SIZE;
        use sphinx_packet::route::{Destination, DestinationAddressBytes, Node, NodeAddressBytes};

        let mut rng = ChaCha20Rng::seed_from_u64(5);
        let mut secrets = Vec::new();
        let route: Vec<Node> = (0..3u8)
            .map(|i| {
                let mut sk = [0u8; 32];
                rng.fill_bytes(&mut sk);
                let sk = PrivateKey::from(sk);
                let pk = PublicKey::from(&sk);
                secrets.push(sk);
                Node::new(
                    NodeAddressBytes::from_bytes([i + 1; NODE_ADDRESS_LENGTH]),
                    pk,
                )
            })
            .collect();
        let delays = delays::generate_from_average_duration(route.len(), Duration::from_millis(10));
        let dest = Destination::new(
            DestinationAddressBytes::from_bytes([3u8; DESTINATION_ADDRESS_LENGTH]),
            [4u8; IDENTIFIER_LENGTH],
        );
        Sphinx {
            builder: SphinxPacketBuilder::new().with_payload_size(1024 + PAYLOAD_OVERHEAD_SIZE),
            message: vec![0x5au8; 1024],
            route,
            dest,
            delays,
            secrets,
        }
    }

    pub(crate) fn build(&self) -> sphinx_packet::SphinxPacket {
        self.builder
            .build_packet(
                black_box(&self.message),
                &self.route,
                &self.dest,
                &self.delays,
            )
            .unwrap()
    }
}

fn bench_sphinx(c: &mut Criterion) {
    use sphinx_packet::SphinxPacket;
    let s = Sphinx::new();
    // Same groups as our 1 KiB aes-gcm build / entry-node peel, so the report puts them side
    // by side.
    let mut g = c.benchmark_group("onion_build_3hop_1k_aes-gcm");
    g.bench_function("sphinx-packet", |b| iter(b, || s.build()));
    g.finish();
    let bytes = s.build().to_bytes();
    let mut g = c.benchmark_group("onion_peel_aes-gcm");
    g.bench_function("sphinx-packet", |b| {
        iter_batched(
            b,
            || SphinxPacket::from_bytes(&bytes).unwrap(),
            |p| p.process(&s.secrets[0]).unwrap(),
            BatchSize::SmallInput,
        )
    });
    g.finish();
}

criterion_group! {
    name = group;
    config = oxen_benches::harness::config();
    targets = bench_build,
    bench_floor,
    bench_peel_and_reply,
    bench_x25519,
    bench_sphinx
}
criterion_main!(group);
