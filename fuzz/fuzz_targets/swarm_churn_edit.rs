//! Structure-aware churn: a valid swarm state (`calc_swarm_changes` on 0..=255 unassigned
//! nodes), then up to 8 rounds of fuzzer-chosen churn (deregister nodes, register new ones,
//! drop a whole swarm, move a node between swarms) each followed by `calc_swarm_changes` with
//! a fuzzer seed. After each round: every node is still placed exactly once (or the typed
//! error upstream throws on), nothing stays unassigned, every swarm but a lone one has at
//! least `MIN_SWARM_SIZE` nodes, and the result is deterministic for the seed.
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use oxen_swarm::rules::MIN_SWARM_SIZE;
use oxen_swarm::{Error, NodePubkey, SwarmId, SwarmMap, calc_swarm_changes};

#[derive(Arbitrary, Debug)]
enum Event {
    /// Deregister the node at this position (all nodes in map order).
    Deregister(u16),
    /// Register `n % 16` new nodes (unassigned).
    Register(u8),
    /// Drop the swarm at this position with all its nodes.
    DropSwarm(u8),
    /// Move a node to another swarm.
    Move { node: u16, swarm: u8 },
}

#[derive(Arbitrary, Debug)]
struct Input {
    initial: u8,
    seed: u64,
    rounds: Vec<(u64, Vec<Event>)>,
}

fn key(i: u32) -> NodePubkey {
    let mut k = [0u8; 32];
    k[..4].copy_from_slice(&i.to_le_bytes());
    NodePubkey(k)
}

fn nodes(map: &SwarmMap) -> Vec<NodePubkey> {
    let mut v: Vec<NodePubkey> = map.iter().flat_map(|(_, n)| n.to_vec()).collect();
    v.sort_unstable();
    v
}

fn churn(map: &mut SwarmMap, next: &mut u32, e: &Event) {
    let ids: Vec<SwarmId> = map.ids().collect();
    let all: Vec<(SwarmId, NodePubkey)> = map
        .iter()
        .flat_map(|(id, n)| n.iter().map(move |k| (id, *k)))
        .collect();
    match *e {
        Event::Deregister(i) if !all.is_empty() => {
            let (id, k) = all[usize::from(i) % all.len()];
            map.get_mut(id).unwrap().retain(|x| *x != k);
        }
        Event::Register(n) => {
            for _ in 0..n % 16 {
                map.push_node(SwarmId::UNASSIGNED, key(*next));
                *next += 1;
            }
        }
        Event::DropSwarm(s) if !ids.is_empty() => {
            map.remove(ids[usize::from(s) % ids.len()]);
        }
        Event::Move { node, swarm } if !all.is_empty() && !ids.is_empty() => {
            let (from, k) = all[usize::from(node) % all.len()];
            let to = ids[usize::from(swarm) % ids.len()];
            map.get_mut(from).unwrap().retain(|x| *x != k);
            map.push_node(to, k);
        }
        _ => {}
    }
}

fn calc_checked(map: &mut SwarmMap, seed: u64) -> bool {
    let expected = nodes(map);
    let input = map.clone();
    let result = calc_swarm_changes(map, seed);
    let mut again = input;
    assert_eq!(
        calc_swarm_changes(&mut again, seed),
        result,
        "not deterministic"
    );
    assert_eq!(&again, map);
    match result {
        Ok(()) => {
            assert_eq!(nodes(map), expected, "nodes lost or duplicated");
            assert!(map.get(SwarmId::UNASSIGNED).is_none());
            assert!(map.len() <= 1 || map.iter().all(|(_, n)| n.len() >= MIN_SWARM_SIZE));
            true
        }
        Err(Error::NoSwarmToAssign { unplaced }) => {
            assert!(unplaced > 0);
            false
        }
        Err(e) => panic!("unexpected error {e:?}"),
    }
}

fuzz_target!(|inp: Input| {
    let mut map = SwarmMap::new();
    let mut next = 0u32;
    for _ in 0..inp.initial {
        map.push_node(SwarmId::UNASSIGNED, key(next));
        next += 1;
    }
    if !calc_checked(&mut map, inp.seed) {
        return;
    }
    for (seed, events) in inp.rounds.iter().take(8) {
        for e in events.iter().take(16) {
            churn(&mut map, &mut next, e);
        }
        // empty swarms are dropped by the chain's own bookkeeping before the next calc
        let empty: Vec<SwarmId> = map
            .iter()
            .filter(|(_, n)| n.is_empty())
            .map(|(id, _)| id)
            .collect();
        for id in empty {
            map.remove(id);
        }
        if !calc_checked(&mut map, *seed) {
            return;
        }
    }
});
