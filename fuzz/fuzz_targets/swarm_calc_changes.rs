//! Fuzz `calc_swarm_changes` on arbitrary small maps (distinct node keys): never panics; the
//! result holds every input node exactly once, or is the typed error upstream throws on.
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use libfuzzer_sys::fuzz_target;
use oxen_swarm::{Error, NodePubkey, SwarmId, SwarmMap, calc_swarm_changes};

fn key(i: u32) -> NodePubkey {
    let mut k = [0u8; 32];
    k[..4].copy_from_slice(&i.to_le_bytes());
    NodePubkey(k)
}

fuzz_target!(|data: &[u8]| {
    let Some((seed, rest)) = data.split_first_chunk::<8>() else {
        return;
    };
    let seed = u64::from_le_bytes(*seed);
    let mut map = SwarmMap::new();
    let mut next = 0u32;
    // Each 3-byte record: id selector, id byte, node count (capped so runs stay fast).
    for rec in rest.chunks_exact(3).take(64) {
        let id = match rec[0] % 4 {
            0 => u64::from(rec[1]),
            1 => u64::MAX - u64::from(rec[1]), // includes UNASSIGNED and MAX_ID
            2 => u64::from(rec[1]) << 56,
            _ => u64::from(rec[1]).wrapping_mul(0x9E37_79B9_7F4A_7C15),
        };
        for _ in 0..(rec[2] % 24) {
            map.push_node(SwarmId(id), key(next));
            next += 1;
        }
        if rec[2] % 24 == 0 && map.get(SwarmId(id)).is_none() {
            map.insert(SwarmId(id), Vec::new());
        }
    }
    let mut expected: Vec<NodePubkey> = map.iter().flat_map(|(_, n)| n.to_vec()).collect();
    expected.sort_unstable();
    let input = map.clone();
    let result = calc_swarm_changes(&mut map, seed);
    match result {
        Ok(()) => {
            let mut got: Vec<NodePubkey> = map.iter().flat_map(|(_, n)| n.to_vec()).collect();
            got.sort_unstable();
            assert_eq!(got, expected, "nodes lost or duplicated");
            assert!(map.get(SwarmId::UNASSIGNED).is_none());
            assert!(map.len() <= 1 || map.iter().all(|(_, n)| n.len() >= 5));
        }
        Err(Error::NoSwarmToAssign { unplaced }) => assert!(unplaced > 0),
        Err(e) => panic!("unexpected error {e:?}"),
    }
    // Deterministic for a seed (including the state left behind by an error).
    let mut again = input;
    assert_eq!(calc_swarm_changes(&mut again, seed), result);
    assert_eq!(again, map);
});
