//! Property tests and one test per error variant.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;
use std::num::NonZeroU64;

use oxen_swarm::rules::*;
use oxen_swarm::{
    Error, Mt19937_64, Network, NodePubkey, Swarm, SwarmId, SwarmMap, SwarmSize, UserPubkey,
    calc_swarm_changes, get_new_swarm_id, sort_swarm_sizes, uniform_distribution_portable,
};
use proptest::prelude::*;

fn key(i: u32) -> NodePubkey {
    let mut k = [0u8; 32];
    k[..4].copy_from_slice(&i.to_be_bytes());
    k[31] = 0xAA;
    NodePubkey(k)
}

/// A deliberately naive transcription of upstream `calc_swarm_changes` (full `std::sort` of
/// the size list on every use, materialised excess pools, `std::map` semantics), used as a
/// differential oracle for the optimised implementation.
mod naive {
    use super::*;

    type Map = BTreeMap<u64, Vec<NodePubkey>>;

    fn uniform(mt: &mut Mt19937_64, n: usize) -> usize {
        uniform_distribution_portable(mt, NonZeroU64::new(n as u64).unwrap()) as usize
    }

    fn sizes(m: &Map) -> Vec<SwarmSize> {
        let mut v: Vec<SwarmSize> = m
            .iter()
            .map(|(&id, n)| SwarmSize {
                swarm_id: SwarmId(id),
                size: n.len(),
            })
            .collect();
        sort_swarm_sizes(&mut v);
        v
    }

    fn pool(threshold: usize, m: &Map) -> (Vec<(NodePubkey, u64)>, usize) {
        let mut p = vec![];
        let mut excess = 0;
        for (&id, n) in m {
            if n.len() > threshold {
                excess += n.len() - MIN_SWARM_SIZE;
                p.extend(n.iter().map(|&k| (k, id)));
            }
        }
        (p, excess)
    }

    fn new_id(m: &Map) -> u64 {
        let ids: Vec<SwarmId> = m.keys().map(|&i| SwarmId(i)).collect();
        get_new_swarm_id(&ids).0
    }

    fn create(m: &mut Map, mt: &mut Mt19937_64) {
        if m.values().any(|n| n.len() < MIN_SWARM_SIZE) {
            return;
        }
        loop {
            let excess: usize = m
                .values()
                .map(|n| n.len().saturating_sub(EXCESS_BASE))
                .sum();
            if excess < NEW_SWARM_SIZE + m.len() * IDEAL_SWARM_MARGIN {
                return;
            }
            let mut new = vec![];
            while new.len() < NEW_SWARM_SIZE {
                let (p, _) = pool(EXCESS_BASE, m);
                if p.is_empty() {
                    return;
                }
                let (k, id) = p[uniform(mt, p.len())];
                new.push(k);
                m.get_mut(&id).unwrap().retain(|x| *x != k);
            }
            let id = new_id(m);
            m.entry(id).or_insert(new);
        }
    }

    fn assign(nodes: Vec<NodePubkey>, m: &mut Map, mt: &mut Mt19937_64, pct: usize) -> bool {
        for k in nodes {
            let s = sizes(m);
            if s.is_empty() {
                return false;
            }
            let pi = pct * (s.len() - 1) / 100;
            let pv = s[pi].size;
            let mut upper = s.len() - 1;
            for (i, e) in s.iter().enumerate().skip(pi) {
                if e.size > pv {
                    upper = i - 1;
                    break;
                }
            }
            let r = uniform(mt, upper + 1);
            m.get_mut(&s[r].swarm_id.0).unwrap().push(k);
            create(m, mt);
        }
        true
    }

    pub fn calc(m: &mut Map, seed: u64) -> bool {
        if m.is_empty() {
            return true;
        }
        let mut mt = Mt19937_64::new(seed);
        let unassigned = m.remove(&u64::MAX).unwrap_or_default();
        if m.is_empty() {
            m.insert(0, vec![]);
        }
        assign(unassigned, m, &mut mt, FILL_SWARM_LOWER_PERCENTILE);
        let s = sizes(m);
        for sw in &s {
            if sw.size >= MIN_SWARM_SIZE {
                break;
            }
            let mut insufficient;
            loop {
                let pi = STEALING_SWARM_UPPER_PERCENTILE * (s.len() - 1) / 100;
                let pv = s[pi].size.wrapping_sub(1).max(MIN_SWARM_SIZE);
                let (p, excess) = pool(pv, m);
                let deficit = MIN_SWARM_SIZE.wrapping_sub(m[&sw.swarm_id.0].len());
                insufficient = excess < deficit;
                if insufficient {
                    break;
                }
                let (k, id) = p[uniform(&mut mt, p.len())];
                m.get_mut(&id).unwrap().retain(|x| *x != k);
                let poor = m.get_mut(&sw.swarm_id.0).unwrap();
                poor.push(k);
                if poor.len() >= MIN_SWARM_SIZE {
                    break;
                }
            }
            if insufficient {
                break;
            }
        }
        create(m, &mut mt);
        if m.len() > 1 {
            while let Some((&id, _)) = m.iter().find(|(_, n)| n.len() < MIN_SWARM_SIZE) {
                let nodes = m.remove(&id).unwrap();
                if !assign(
                    nodes,
                    m,
                    &mut mt,
                    DECOMMISSIONED_REDISTRIBUTION_LOWER_PERCENTILE,
                ) {
                    return false;
                }
            }
        }
        true
    }
}

/// Arbitrary small networks with distinct node keys: (swarm id, size) list plus unassigned
/// count. Ids are drawn from a small set so collisions with generated ids and clusters occur.
fn network() -> impl Strategy<Value = (SwarmMap, u64)> {
    let id = prop_oneof![
        any::<u64>(),
        0u64..64,
        Just(u64::MAX - 1),
        Just(u64::MAX),
        Just(1u64 << 63)
    ];
    (
        proptest::collection::vec((id, 0usize..14), 0..40),
        0usize..60,
        any::<u64>(),
    )
        .prop_map(|(swarms, unassigned, seed)| {
            let mut m = SwarmMap::new();
            let mut next = 0u32;
            for (id, size) in swarms {
                for _ in 0..size {
                    m.push_node(SwarmId(id), key(next));
                    next += 1;
                }
            }
            for _ in 0..unassigned {
                m.push_node(SwarmId::UNASSIGNED, key(next));
                next += 1;
            }
            (m, seed)
        })
}

fn sorted_nodes(m: &SwarmMap) -> Vec<NodePubkey> {
    let mut v: Vec<NodePubkey> = m.iter().flat_map(|(_, n)| n.iter().copied()).collect();
    v.sort_unstable();
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn calc_keeps_every_node_once_and_is_deterministic((input, seed) in network()) {
        let mut a = input.clone();
        let ra = calc_swarm_changes(&mut a, seed);
        let mut b = input.clone();
        let rb = calc_swarm_changes(&mut b, seed);
        prop_assert_eq!(ra, rb);
        prop_assert_eq!(&a, &b);
        match ra {
            Ok(()) => {
                prop_assert_eq!(sorted_nodes(&a), sorted_nodes(&input));
                prop_assert!(a.get(SwarmId::UNASSIGNED).is_none());
                prop_assert!(a.len() <= 1 || a.iter().all(|(_, n)| n.len() >= MIN_SWARM_SIZE));
            }
            Err(e) => {
                let expected_kind = matches!(e, Error::NoSwarmToAssign { unplaced } if unplaced > 0);
                prop_assert!(expected_kind, "unexpected error {:?}", e);
            }
        }
    }

    #[test]
    fn calc_matches_naive_transcription((input, seed) in network()) {
        let mut fast = input.clone();
        let r = calc_swarm_changes(&mut fast, seed);
        let mut slow: BTreeMap<u64, Vec<NodePubkey>> =
            input.iter().map(|(id, n)| (id.0, n.to_vec())).collect();
        let ok = naive::calc(&mut slow, seed);
        prop_assert_eq!(r.is_ok(), ok);
        let slow: BTreeMap<SwarmId, Vec<NodePubkey>> =
            slow.into_iter().map(|(k, v)| (SwarmId(k), v)).collect();
        prop_assert_eq!(fast, SwarmMap::from(slow));
    }

    #[test]
    fn new_swarm_id_is_fresh(ids in proptest::collection::btree_set(0u64..u64::MAX - 1, 1..50)) {
        let ids: Vec<SwarmId> = ids.into_iter().map(SwarmId).collect();
        let id = get_new_swarm_id(&ids);
        prop_assert!(id <= SwarmId::MAX_ID);
        prop_assert!(!ids.contains(&id));
    }
}

/// Large networks (> 16 swarms, where the unstable sort matters) against the naive oracle.
#[test]
fn calc_matches_naive_on_large_networks() {
    for (n, seed) in [(200u32, 1u64), (700, 2), (1500, 3)] {
        let mut m = SwarmMap::new();
        for i in 0..n {
            m.push_node(SwarmId::UNASSIGNED, key(i));
        }
        let mut fast = m.clone();
        calc_swarm_changes(&mut fast, seed).unwrap();
        // then a churn block: remove every 7th node, starve one swarm, add unassigned ones
        let mut next = BTreeMap::<NodePubkey, SwarmId>::new();
        for (id, nodes) in fast.iter() {
            for k in nodes {
                next.insert(*k, id);
            }
        }
        let victim = fast.swarms()[fast.len() / 2].swarm_id;
        let mut input = SwarmMap::new();
        for (i, (k, id)) in next.iter().enumerate() {
            if i % 7 == 0 || (*id == victim && i % 2 == 0) {
                continue;
            }
            input.push_node(*id, *k);
        }
        for i in 0..n / 20 {
            input.push_node(SwarmId::UNASSIGNED, key(n + i));
        }
        for (case, seed) in [(&m, seed), (&input, seed ^ 0xFFFF)] {
            let mut fast = case.clone();
            calc_swarm_changes(&mut fast, seed).unwrap();
            let mut slow: BTreeMap<u64, Vec<NodePubkey>> =
                case.iter().map(|(id, n)| (id.0, n.to_vec())).collect();
            assert!(naive::calc(&mut slow, seed));
            let slow: BTreeMap<SwarmId, Vec<NodePubkey>> =
                slow.into_iter().map(|(k, v)| (SwarmId(k), v)).collect();
            assert_eq!(fast, SwarmMap::from(slow), "n = {n}");
        }
    }
}

#[test]
fn mt19937_64_reference_output() {
    assert_eq!(Mt19937_64::new(5489).next_u64(), 14_514_284_786_278_117_030);
    // The C++ standard's check value: the 10000th output of a default-constructed engine.
    let mut mt = Mt19937_64::new(5489);
    let tenk = (0..10_000).map(|_| mt.next_u64()).last();
    assert_eq!(tenk, Some(9_981_545_732_273_789_042));
}

#[test]
fn seed_is_little_endian_prefix_of_block_hash() {
    let mut h = [0u8; 32];
    h[0] = 1;
    h[7] = 0x80;
    h[8] = 0xFF;
    assert_eq!(
        oxen_swarm::seed_from_block_hash(&h),
        (1u64) | (0x80u64 << 56)
    );
}

// ---- one test per error variant -------------------------------------------------------

#[test]
fn error_invalid_user_pubkey_length() {
    for bad in [
        &b""[..],
        &[5u8; 32][..],
        &[5u8; 34][..],
        &[b'0'; 64][..],
        &[b'0'; 68][..],
    ] {
        assert_eq!(
            UserPubkey::load(bad, Network::Mainnet),
            Err(Error::InvalidUserPubkeyLength { len: bad.len() })
        );
    }
}

#[test]
fn error_invalid_hex() {
    let s = format!("05{}g", "0".repeat(63));
    assert_eq!(
        UserPubkey::load(s.as_bytes(), Network::Mainnet),
        Err(Error::InvalidHex { position: 65 })
    );
    let s = format!("x{}", "0".repeat(63));
    assert_eq!(
        NodePubkey::from_hex(&s),
        Err(Error::InvalidHex { position: 0 })
    );
}

#[test]
fn error_unexpected_prefix() {
    let s = format!("15{}", "ab".repeat(32));
    assert_eq!(
        UserPubkey::parse_session_id(&s),
        Err(Error::UnexpectedPrefix {
            expected: 0x05,
            found: 0x15
        })
    );
    assert_eq!(
        UserPubkey::load(s.as_bytes(), Network::Mainnet)
            .unwrap()
            .expect_netid(UserPubkey::NETID_BLINDED)
            .map(|k| k.netid()),
        Ok(0x15)
    );
}

#[test]
fn error_invalid_node_pubkey_length() {
    assert_eq!(
        NodePubkey::from_hex("abcd"),
        Err(Error::InvalidNodePubkeyLength { len: 4 })
    );
}

#[test]
fn error_swarm_ids_not_ascending() {
    let sw = |id| Swarm {
        swarm_id: SwarmId(id),
        nodes: vec![],
    };
    assert_eq!(
        SwarmMap::from_swarms(vec![sw(1), sw(3), sw(2)]),
        Err(Error::SwarmIdsNotAscending { index: 2 })
    );
    assert_eq!(
        SwarmMap::from_swarms(vec![sw(1), sw(1)]),
        Err(Error::SwarmIdsNotAscending { index: 1 })
    );
}

#[test]
fn error_no_swarm_to_assign() {
    // Upstream throws std::out_of_range here (vector: calc_swarm_changes.json, last
    // single_calls entry): both swarms starve, the first is dissolved into the second, which
    // then starves too and is dissolved with nowhere to go.
    let mut m = SwarmMap::new();
    m.insert(SwarmId(1), vec![key(0), key(1)]);
    m.insert(SwarmId(2), vec![key(2), key(3)]);
    assert_eq!(
        calc_swarm_changes(&mut m, 42),
        Err(Error::NoSwarmToAssign { unplaced: 4 })
    );
    assert!(m.is_empty());
    // Empty starving swarms dissolve without any node to place: no error, empty map.
    let mut m = SwarmMap::new();
    m.insert(SwarmId(1), vec![]);
    m.insert(SwarmId(2), vec![]);
    assert_eq!(calc_swarm_changes(&mut m, 42), Ok(()));
    assert!(m.is_empty());
}

#[test]
fn lone_swarm_is_never_dissolved() {
    let mut m = SwarmMap::new();
    m.insert(SwarmId(77), vec![key(0), key(1)]);
    calc_swarm_changes(&mut m, 5).unwrap();
    assert_eq!(m.get(SwarmId(77)), Some(&[key(0), key(1)][..]));
}

#[cfg(feature = "serde")]
#[test]
fn serde_round_trip_and_rejections() {
    let mut m = SwarmMap::new();
    m.insert(SwarmId(7), vec![key(1), key(2)]);
    m.insert(SwarmId(u64::MAX), vec![key(3)]);
    let json = serde_json::to_string(&m).unwrap();
    assert!(json.starts_with(r#"[{"swarm_id":7,"nodes":[""#), "{json}");
    assert!(json.contains(&format!("\"{}\"", key(1))));
    let back: SwarmMap = serde_json::from_str(&json).unwrap();
    assert_eq!(back, m);
    let unsorted = r#"[{"swarm_id":9,"nodes":[]},{"swarm_id":8,"nodes":[]}]"#;
    let err = serde_json::from_str::<SwarmMap>(unsorted).unwrap_err();
    assert!(err.to_string().contains("entry 1"), "{err}");
    let badkey = r#"[{"swarm_id":9,"nodes":["abcd"]}]"#;
    assert!(serde_json::from_str::<SwarmMap>(badkey).is_err());
}
