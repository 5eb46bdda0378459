//! Tour section: oxen-swarm. Assigns 1,000 simulated service nodes to swarms exactly as
//! oxen-core does (`calc_swarm_changes` from an empty network), then routes a Session ID to
//! its swarm as the storage server does.

use oxen_swarm::{
    Mt19937_64, NodePubkey, SwarmId, SwarmIndex, SwarmMap, UserPubkey, calc_swarm_changes,
    get_swarm_by_pk, seed_from_block_hash,
};

/// Runs this section of the tour.
pub fn run() {
    println!("\n== oxen-swarm: swarm assignment and Session ID routing");

    // 1,000 registrations in one block: ascending pubkey order under UNASSIGNED_SWARM_ID.
    let mut rng = Mt19937_64::new(2026);
    let mut keys: Vec<NodePubkey> = (0..1000)
        .map(|_| {
            let mut k = [0u8; 32];
            for c in k.chunks_exact_mut(8) {
                c.copy_from_slice(&rng.next_u64().to_le_bytes());
            }
            NodePubkey(k)
        })
        .collect();
    keys.sort_unstable();
    let mut map: SwarmMap = keys.iter().map(|k| (SwarmId::UNASSIGNED, *k)).collect();
    let block_hash: [u8; 32] =
        hex::decode("b0f2f7c3240615c3fa6c1259bd651aca9100ffbaf78fbdd725bdec2794af396b")
            .unwrap()
            .try_into()
            .unwrap();
    let seed = seed_from_block_hash(&block_hash);

    let (res, took) = crate::timed(|| calc_swarm_changes(&mut map, seed));
    res.unwrap();
    let sizes: Vec<usize> = map.iter().map(|(_, n)| n.len()).collect();
    let (min, max) = (
        sizes.iter().min().copied().unwrap(),
        sizes.iter().max().copied().unwrap(),
    );
    println!(
        "calc_swarm_changes: 1000 nodes -> {} swarms (sizes {min}..={max}) in {took:.2?} (seed {seed:#018x})",
        map.len()
    );
    assert_eq!(map.node_count(), 1000);
    assert!(map.get(SwarmId::UNASSIGNED).is_none());
    assert!(
        sizes
            .iter()
            .all(|&s| s >= oxen_swarm::rules::MIN_SWARM_SIZE)
    );
    let mut all: Vec<NodePubkey> = map.iter().flat_map(|(_, n)| n.to_vec()).collect();
    all.sort_unstable();
    assert_eq!(all, keys, "every node assigned exactly once");
    // Deterministic: the same block gives the same assignment.
    let mut again: SwarmMap = keys.iter().map(|k| (SwarmId::UNASSIGNED, *k)).collect();
    calc_swarm_changes(&mut again, seed).unwrap();
    assert_eq!(again, map);

    // Route a Session ID (the upstream storage-server test key) to its swarm.
    let sid = "053506f4a71324b7dd114eddbf4e311f39dde243e1f2cb97c40db1961f70ebaae8";
    let user = UserPubkey::parse_session_id(sid).unwrap();
    assert_eq!(user.swarm_space().0, 17_589_930_838_143_112_648);
    let index = SwarmIndex::from_map(&map);
    let (swarm, took) = crate::timed(|| index.get_swarm_by_pk(&user));
    let swarm = swarm.unwrap();
    let ids: Vec<SwarmId> = map.ids().collect();
    assert_eq!(get_swarm_by_pk(&ids, &user), Some(swarm));
    // It is the closest swarm on the ring.
    let space = user.swarm_space().0;
    let dist = |id: SwarmId| {
        let d = id.0.wrapping_sub(space);
        d.min(space.wrapping_sub(id.0))
    };
    assert!(ids.iter().all(|&id| dist(id) >= dist(swarm)));
    println!(
        "Session ID {sid}\n  swarm space {space} -> swarm {swarm} ({} members, ring distance {}) in {took:.2?}",
        map.get(swarm).unwrap().len(),
        dist(swarm)
    );
    let first = map.get(swarm).unwrap()[0];
    println!("  first member {first}");
}
