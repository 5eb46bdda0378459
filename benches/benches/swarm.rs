//! Benchmarks for oxen-swarm: swarm assignment (`calc_swarm_changes`) and key -> swarm lookup.
//!
//! Run: `cargo bench -p oxen-benches --bench swarm -- --warm-up-time 1 --measurement-time 3`
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use oxen_benches::harness::{id, iter, iter_batched};
use oxen_swarm::{
    Mt19937_64, NodePubkey, SwarmId, SwarmIndex, SwarmMap, SwarmSpace, calc_swarm_changes,
};

fn random_key(mt: &mut Mt19937_64) -> NodePubkey {
    let mut k = [0u8; 32];
    for chunk in k.chunks_exact_mut(8) {
        chunk.copy_from_slice(&mt.next_u64().to_le_bytes());
    }
    NodePubkey(k)
}

/// `n` new registrations (ascending pubkey order) into an empty network.
fn new_network(n: usize, mt: &mut Mt19937_64) -> SwarmMap {
    let mut keys: Vec<NodePubkey> = (0..n).map(|_| random_key(mt)).collect();
    keys.sort_unstable();
    keys.into_iter().map(|k| (SwarmId::UNASSIGNED, k)).collect()
}

/// A steady network of `n` nodes, then one leaves and one registers: the input map of the
/// next block, rebuilt the way service_node_list builds it (ascending pubkey order).
fn typical_block(n: usize, mt: &mut Mt19937_64) -> SwarmMap {
    let mut map = new_network(n, mt);
    calc_swarm_changes(&mut map, 1).unwrap();
    let mut nodes: Vec<(NodePubkey, SwarmId)> = map
        .iter()
        .flat_map(|(id, ns)| ns.iter().map(move |k| (*k, id)))
        .collect();
    let leaving = (mt.next_u64() % n as u64) as usize;
    nodes.remove(leaving);
    nodes.push((random_key(mt), SwarmId::UNASSIGNED));
    nodes.sort_unstable();
    nodes.into_iter().map(|(k, id)| (id, k)).collect()
}

fn bench_calc(c: &mut Criterion) {
    let mut mt = Mt19937_64::new(2024);
    // The growth curve vs network size: every node newly registered (the heaviest case).
    let mut g = c.benchmark_group("calc_swarm_changes");
    g.sample_size(10);
    for n in [1000usize, 5000, 20000] {
        let input = new_network(n, &mut mt);
        g.bench_function(id("oxen", Some(n)), |b| {
            iter_batched(
                b,
                || input.clone(),
                |mut m| {
                    calc_swarm_changes(&mut m, black_box(0x1234_5678)).unwrap();
                    m
                },
                BatchSize::LargeInput,
            );
        });
    }
    g.finish();
    let input = typical_block(10000, &mut mt);
    let mut g = c.benchmark_group("calc_swarm_changes_typical_block_10000");
    g.bench_function("oxen", |b| {
        iter_batched(
            b,
            || input.clone(),
            |mut m| {
                calc_swarm_changes(&mut m, black_box(0xdead_beef)).unwrap();
                m
            },
            BatchSize::LargeInput,
        );
    });
    g.finish();
}

/// 1000 random swarm ids (sorted, deduplicated), their index, and 1024 random keys to look up.
pub(crate) struct Lookup {
    pub(crate) ids: Vec<u64>,
    pub(crate) index: SwarmIndex,
    pub(crate) queries: Vec<u64>,
}

impl Lookup {
    pub(crate) fn new() -> Self {
        let mut mt = Mt19937_64::new(7);
        let mut ids: Vec<u64> = (0..1000).map(|_| mt.next_u64()).collect();
        ids.sort_unstable();
        ids.dedup();
        let index = SwarmIndex::new(ids.iter().map(|&i| SwarmId(i)));
        let queries: Vec<u64> = (0..1024).map(|_| mt.next_u64()).collect();
        Lookup {
            ids,
            index,
            queries,
        }
    }

    /// Every query through oxen-swarm's index.
    pub(crate) fn oxen(&self) -> u64 {
        let mut acc = 0u64;
        for &q in black_box(&self.queries) {
            acc ^= self.index.get_swarm(SwarmSpace(q)).unwrap().0;
        }
        acc
    }

    /// Every query as a plain binary search over the sorted ids.
    pub(crate) fn binary_search(&self) -> usize {
        let mut acc = 0usize;
        for &q in black_box(&self.queries) {
            acc ^= match self.ids.binary_search(&q) {
                Ok(i) | Err(i) => i,
            };
        }
        acc
    }
}

fn bench_lookup(c: &mut Criterion) {
    let l = Lookup::new();
    let mut g = c.benchmark_group("swarm_lookup_1000");
    g.throughput(criterion::Throughput::Elements(l.queries.len() as u64));
    g.bench_function("oxen", |b| iter(b, || l.oxen()));
    g.bench_function("binary-search", |b| iter(b, || l.binary_search()));
    g.finish();
}

criterion_group! {
    name = group;
    config = oxen_benches::harness::config();
    targets = bench_calc, bench_lookup
}
criterion_main!(group);
