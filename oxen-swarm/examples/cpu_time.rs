//! Timings of the benchmarked operations that hold up on a loaded machine (criterion measures
//! wall time, which includes time spent waiting for a core): for the long calls, the thread's
//! scheduler CPU time (`/proc/thread-self/schedstat`, Linux; tick resolution, so summed over
//! all runs); for the short ones, the minimum wall time over many runs (the least disturbed).
//!
//! `cargo run --release -p oxen-swarm --example cpu_time`
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::hint::black_box;
use std::time::Instant;

use oxen_swarm::{Mt19937_64, NodePubkey, SwarmId, SwarmIndex, SwarmMap, SwarmSpace};

fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .expect("/proc/thread-self/schedstat (Linux with schedstats)")
}

fn random_key(mt: &mut Mt19937_64) -> NodePubkey {
    let mut k = [0u8; 32];
    for c in k.chunks_exact_mut(8) {
        c.copy_from_slice(&mt.next_u64().to_le_bytes());
    }
    NodePubkey(k)
}

fn new_network(n: usize, mt: &mut Mt19937_64) -> SwarmMap {
    let mut keys: Vec<NodePubkey> = (0..n).map(|_| random_key(mt)).collect();
    keys.sort_unstable();
    keys.into_iter().map(|k| (SwarmId::UNASSIGNED, k)).collect()
}

/// Mean on-CPU time (summed over all runs), minimum and median wall time per call (input
/// cloned outside the timed region).
fn measure(name: &str, input: &SwarmMap, seed: u64, runs: usize) {
    let mut cpu = 0u64;
    let mut wall = Vec::new();
    for _ in 0..runs {
        let mut m = input.clone();
        let (c0, w0) = (cpu_ns(), Instant::now());
        oxen_swarm::calc_swarm_changes(&mut m, black_box(seed)).unwrap();
        wall.push(w0.elapsed().as_nanos() as u64);
        cpu += cpu_ns() - c0;
        black_box(m);
    }
    wall.sort_unstable();
    println!(
        "{name}: mean on-CPU {:.1} µs, min wall {:.1} µs, median wall {:.1} µs ({runs} runs)",
        cpu as f64 / runs as f64 / 1e3,
        wall[0] as f64 / 1e3,
        wall[runs / 2] as f64 / 1e3
    );
}

fn main() {
    let mut mt = Mt19937_64::new(2024);
    measure(
        "calc_swarm_changes_2000_new",
        &new_network(2000, &mut mt),
        0x1234_5678,
        41,
    );
    let big = new_network(10_000, &mut mt);
    measure("calc_swarm_changes_10000_new", &big, 0x1234_5678, 15);

    // typical block: one leaves, one registers, at 10,000 nodes
    let mut steady = big.clone();
    oxen_swarm::calc_swarm_changes(&mut steady, 1).unwrap();
    let mut nodes: Vec<(NodePubkey, SwarmId)> = steady
        .iter()
        .flat_map(|(id, ns)| ns.iter().map(move |k| (*k, id)))
        .collect();
    nodes.remove(4321);
    nodes.push((random_key(&mut mt), SwarmId::UNASSIGNED));
    nodes.sort_unstable();
    let block: SwarmMap = nodes.into_iter().map(|(k, id)| (id, k)).collect();
    measure(
        "calc_swarm_changes_typical_block_10000",
        &block,
        0xdead_beef,
        1001,
    );

    // lookups: 1000 swarms, 1024 queries per batch, oxen index vs plain binary search
    let mut ids: Vec<u64> = (0..1000).map(|_| mt.next_u64()).collect();
    ids.sort_unstable();
    let index = SwarmIndex::new(ids.iter().map(|&i| SwarmId(i)));
    let queries: Vec<u64> = (0..1024).map(|_| mt.next_u64()).collect();
    let (mut t_oxen, mut t_bs) = (Vec::new(), Vec::new());
    for _ in 0..301 {
        let c0 = Instant::now();
        for _ in 0..20 {
            let mut acc = 0u64;
            for &q in black_box(&queries) {
                acc ^= index.get_swarm(SwarmSpace(q)).unwrap().0;
            }
            black_box(acc);
        }
        let c1 = Instant::now();
        for _ in 0..20 {
            let mut acc = 0usize;
            for &q in black_box(&queries) {
                acc ^= match ids.binary_search(&q) {
                    Ok(i) | Err(i) => i,
                };
            }
            black_box(acc);
        }
        let c2 = Instant::now();
        t_oxen.push((c1 - c0).as_nanos() as u64);
        t_bs.push((c2 - c1).as_nanos() as u64);
    }
    t_oxen.sort_unstable();
    t_bs.sort_unstable();
    let per = |v: &[u64]| v[0] as f64 / (20.0 * 1024.0);
    println!(
        "swarm_lookup_1000 (min wall of 301 batches): oxen {:.2} ns/lookup, binary-search {:.2} ns/lookup (ratio {:.2})",
        per(&t_oxen),
        per(&t_bs),
        per(&t_oxen) / per(&t_bs)
    );
}
