//! Churn simulation: `cargo run --release -p oxen-swarm --example churn -- [nodes] [blocks]
//! [joins/block] [leaves/block] [decommissions/block] [user keys]`
//! (defaults: 10000 1000 2.5 2 0.5 10000).
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::time::Instant;

use oxen_swarm::churn::{ChurnConfig, ChurnSimulator};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize, default: f64| -> f64 {
        args.get(i)
            .map(|s| s.parse().unwrap_or_else(|_| panic!("bad argument {s:?}")))
            .unwrap_or(default)
    };
    let cfg = ChurnConfig {
        initial_nodes: arg(0, 10_000.0) as usize,
        joins_per_block: arg(2, 2.5),
        leaves_per_block: arg(3, 2.0),
        decommissions_per_block: arg(4, 0.5),
        user_keys: arg(5, 10_000.0) as usize,
        ..ChurnConfig::default()
    };
    let blocks = arg(1, 1000.0) as u64;
    println!("config: {cfg:?}, blocks: {blocks}");

    let t = Instant::now();
    let mut sim = ChurnSimulator::new(cfg.clone()).unwrap();
    println!(
        "genesis: {} nodes -> {} swarms in {:.1?}",
        cfg.initial_nodes,
        sim.map().len(),
        t.elapsed()
    );

    let t = Instant::now();
    let mut recomputed = 0u64;
    let mut keys_moved_total = 0usize;
    let mut keys_moved_max = 0usize;
    let mut blocks_with_key_moves = 0u64;
    let mut nodes_moved_total = 0usize;
    let (mut created, mut dissolved) = (0usize, 0usize);
    let (mut min_seen, mut max_seen) = (usize::MAX, 0usize);
    for _ in 0..blocks {
        let r = sim.step().unwrap();
        assert_eq!(r.active_nodes, sim.map().node_count());
        recomputed += u64::from(r.recomputed);
        keys_moved_total += r.user_keys_moved;
        keys_moved_max = keys_moved_max.max(r.user_keys_moved);
        blocks_with_key_moves += u64::from(r.user_keys_moved > 0);
        nodes_moved_total += r.nodes_moved;
        created += r.swarms_created;
        dissolved += r.swarms_dissolved;
        min_seen = min_seen.min(r.min_swarm_size);
        max_seen = max_seen.max(r.max_swarm_size);
    }
    let elapsed = t.elapsed();
    println!(
        "{blocks} blocks in {elapsed:.2?} ({:.1?}/block); calc_swarm_changes ran in {recomputed} blocks",
        elapsed / u32::try_from(blocks.max(1)).unwrap_or(u32::MAX)
    );
    println!(
        "final: {} active nodes in {} swarms; swarms created {created}, dissolved {dissolved}; swarm sizes seen {min_seen}..={max_seen}",
        sim.map().node_count(),
        sim.map().len()
    );
    println!("swarm size distribution (size: swarms):");
    for (size, count) in sim.size_distribution() {
        println!("  {size:>3}: {count:>5} {}", "#".repeat(count.div_ceil(10)));
    }
    println!(
        "user keys ({} tracked): {keys_moved_total} swarm changes in total, {:.3} per block, max {keys_moved_max} in one block, {blocks_with_key_moves} blocks with any change",
        cfg.user_keys,
        keys_moved_total as f64 / blocks.max(1) as f64
    );
    println!(
        "service nodes moved between swarms (excluding joins/leaves): {nodes_moved_total} ({:.3} per block)",
        nodes_moved_total as f64 / blocks.max(1) as f64
    );
}
