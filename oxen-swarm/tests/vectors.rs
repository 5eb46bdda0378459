//! Vector harness: every `*.json` in `OXEN_VECTORS_DIR` (default `tests/vectors`), dispatched
//! on file name; fails on an unknown file, on any mismatch (naming file and case) and when no
//! case ran.
//! Run on the crate's own directory, a known file missing or yielding fewer cases than its
//! row in `KNOWN` fails, naming the file; on another `OXEN_VECTORS_DIR` the absent files are
//! listed (rules and their tests in `oxen-vector-harness`).
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;
use std::num::NonZeroU64;

use oxen_swarm::{
    Error, Mt19937_64, Network, NodePubkey, Swarm, SwarmId, SwarmIndex, SwarmMap, SwarmSize,
    SwarmSpace, UserPubkey, calc_swarm_changes, get_new_swarm_id, get_swarm_by_pk,
    seed_from_block_hash, sort_swarm_sizes, uniform_distribution_portable,
};
use oxen_vector_harness::{Known, collect, known, run_vector_dir};
use serde_json::Value;

type Failures = Vec<String>;

fn u64v(v: &Value) -> u64 {
    v.as_u64().unwrap_or_else(|| panic!("not a u64: {v}"))
}

fn parse_map(v: &Value) -> SwarmMap {
    let swarms = v
        .as_array()
        .unwrap()
        .iter()
        .map(|s| Swarm {
            swarm_id: SwarmId(u64v(&s["swarm_id"])),
            nodes: s["nodes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| NodePubkey::from_hex(n.as_str().unwrap()).unwrap())
                .collect(),
        })
        .collect();
    SwarmMap::from_swarms(swarms).unwrap()
}

fn swarm_space(j: &Value, fails: &mut Failures) -> usize {
    let cases = j["cases"].as_array().unwrap();
    for (i, c) in cases.iter().enumerate() {
        let input = c["input"].as_str().unwrap();
        let got = UserPubkey::load(input.as_bytes(), Network::Mainnet);
        if c["valid"].as_bool().unwrap() {
            let want_key = hex::decode(c["pubkey"].as_str().unwrap()).unwrap();
            match got {
                Ok(pk)
                    if u64::from(pk.netid()) == u64v(&c["netid"])
                        && pk.key()[..] == want_key[..]
                        && pk.swarm_space() == SwarmSpace(u64v(&c["swarm_space"]))
                        && pk.to_string() == input.to_ascii_lowercase() => {}
                other => fails.push(format!("swarm_space.json case {i}: got {other:?}")),
            }
        } else if got.is_ok() {
            fails.push(format!("swarm_space.json case {i}: accepted invalid input"));
        }
    }
    cases.len()
}

fn swarm_lookup(j: &Value, fails: &mut Failures) -> usize {
    let mut n = 0;
    for (i, c) in j["cases"].as_array().unwrap().iter().enumerate() {
        let ids: Vec<SwarmId> = c["swarm_ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| SwarmId(u64v(x)))
            .collect();
        let index = SwarmIndex::new(ids.iter().copied());
        for (k, l) in c["lookups"].as_array().unwrap().iter().enumerate() {
            n += 1;
            let pk = UserPubkey::load(l["pubkey"].as_str().unwrap().as_bytes(), Network::Mainnet)
                .unwrap();
            let want = l["expected_swarm_id"].as_u64().map(SwarmId);
            let space_ok = pk.swarm_space() == SwarmSpace(u64v(&l["swarm_space"]));
            let a = index.get_swarm_by_pk(&pk);
            let b = get_swarm_by_pk(&ids, &pk);
            if !space_ok || a != want || b != want {
                fails.push(format!(
                    "swarm_lookup.json case {i} lookup {k}: want {want:?}, index {a:?}, slice {b:?}, space ok {space_ok}"
                ));
            }
        }
    }
    n
}

fn new_swarm_id(j: &Value, fails: &mut Failures) -> usize {
    let mut n = 0;
    for (i, c) in j["cases"].as_array().unwrap().iter().enumerate() {
        n += 1;
        let ids: Vec<SwarmId> = c["existing_ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| SwarmId(u64v(x)))
            .collect();
        let got = get_new_swarm_id(&ids);
        let want = SwarmId(u64v(&c["expected_new_id"]));
        // also through the map
        let map: SwarmMap = SwarmMap::from_swarms(
            ids.iter()
                .map(|&swarm_id| Swarm {
                    swarm_id,
                    nodes: vec![],
                })
                .collect(),
        )
        .unwrap();
        if got != want || map.new_swarm_id() != want {
            fails.push(format!(
                "new_swarm_id.json case {i}: got {got}, want {want}"
            ));
        }
    }
    for (s, seq) in j["sequences"].as_array().unwrap().iter().enumerate() {
        let mut ids = BTreeSet::new();
        for (k, op) in seq["ops"].as_array().unwrap().iter().enumerate() {
            n += 1;
            match op["op"].as_str().unwrap() {
                "add" => {
                    let sorted: Vec<SwarmId> = ids.iter().copied().map(SwarmId).collect();
                    let got = get_new_swarm_id(&sorted).0;
                    let want = u64v(&op["expected_new_id"]);
                    if got != want {
                        fails.push(format!(
                            "new_swarm_id.json sequence {s} op {k}: got {got}, want {want}"
                        ));
                    }
                    ids.insert(want);
                }
                "remove_index" => {
                    let idx = usize::try_from(u64v(&op["index"])).unwrap();
                    let id = *ids.iter().nth(idx).unwrap();
                    if id != u64v(&op["id"]) {
                        fails.push(format!(
                            "new_swarm_id.json sequence {s} op {k}: id mismatch"
                        ));
                    }
                    ids.remove(&id);
                }
                other => panic!("unknown op {other}"),
            }
        }
        let final_ids: Vec<u64> = seq["final_ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(u64v)
            .collect();
        if ids.iter().copied().collect::<Vec<_>>() != final_ids {
            fails.push(format!("new_swarm_id.json sequence {s}: final ids differ"));
        }
    }
    n
}

fn uniform(j: &Value, fails: &mut Failures) -> usize {
    let mut n = 0;
    for (i, c) in j["cases"].as_array().unwrap().iter().enumerate() {
        let seed = u64v(&c["seed"]);
        let mut mt = Mt19937_64::new(seed);
        for (k, want) in c["mt19937_64_first8"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
        {
            n += 1;
            let got = mt.next_u64();
            if got != u64v(want) {
                fails.push(format!(
                    "uniform_distribution_portable.json case {i} output {k}: got {got}"
                ));
            }
        }
        let mut mt = Mt19937_64::new(seed);
        for (k, d) in c["draws"].as_array().unwrap().iter().enumerate() {
            n += 1;
            let bound = NonZeroU64::new(u64v(&d["n"])).unwrap();
            let got = uniform_distribution_portable(&mut mt, bound);
            if got != u64v(&d["expected"]) {
                fails.push(format!(
                    "uniform_distribution_portable.json case {i} draw {k}: got {got}"
                ));
            }
        }
    }
    n
}

fn pairs(v: &Value) -> Vec<SwarmSize> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|p| SwarmSize {
            swarm_id: SwarmId(u64v(&p[0])),
            size: usize::try_from(u64v(&p[1])).unwrap(),
        })
        .collect()
}

fn size_sort(j: &Value, fails: &mut Failures) -> usize {
    let cases = j["cases"].as_array().unwrap();
    for (i, c) in cases.iter().enumerate() {
        let mut v = pairs(&c["input"]);
        sort_swarm_sizes(&mut v);
        if v != pairs(&c["expected"]) {
            fails.push(format!("swarm_size_sort.json case {i} (n = {})", v.len()));
        }
        // The map route gives the same permutation.
        let map = SwarmMap::from_swarms(
            pairs(&c["input"])
                .iter()
                .map(|p| Swarm {
                    swarm_id: p.swarm_id,
                    nodes: vec![NodePubkey::default(); p.size],
                })
                .collect(),
        )
        .unwrap();
        if oxen_swarm::calc_swarm_sizes(&map) != pairs(&c["expected"]) {
            fails.push(format!(
                "swarm_size_sort.json case {i}: calc_swarm_sizes differs"
            ));
        }
    }
    cases.len()
}

fn check_call(what: &str, c: &Value, fails: &mut Failures) {
    let mut map = parse_map(&c["input"]);
    let seed = u64v(&c["seed"]);
    if let Some(h) = c.get("block_hash") {
        let h: [u8; 32] = hex::decode(h.as_str().unwrap())
            .unwrap()
            .try_into()
            .unwrap();
        if seed_from_block_hash(&h) != seed {
            fails.push(format!("{what}: seed_from_block_hash mismatch"));
        }
    }
    let res = calc_swarm_changes(&mut map, seed);
    match (&c["expected"], res) {
        (Value::Null, Err(Error::NoSwarmToAssign { .. })) => {
            if c.get("expected_error").is_none() {
                fails.push(format!("{what}: null expectation without expected_error"));
            }
        }
        (Value::Null, other) => fails.push(format!("{what}: expected an error, got {other:?}")),
        (exp, Ok(())) => {
            let want = parse_map(exp);
            if map != want {
                let diff = map
                    .swarms()
                    .iter()
                    .zip(want.swarms())
                    .position(|(a, b)| a != b);
                fails.push(format!(
                    "{what}: map differs (swarms got {} want {}, first differing swarm {diff:?})",
                    map.len(),
                    want.len()
                ));
            }
        }
        (_, Err(e)) => fails.push(format!("{what}: unexpected error {e}")),
    }
}

fn calc_changes(j: &Value, fails: &mut Failures) -> usize {
    let mut n = 0;
    for (s, seq) in j["sequences"].as_array().unwrap().iter().enumerate() {
        for (b, block) in seq["blocks"].as_array().unwrap().iter().enumerate() {
            n += 1;
            let what = format!(
                "calc_swarm_changes.json sequence {s} (network_size {}) block {b} ({})",
                seq["network_size"], block["note"]
            );
            check_call(&what, block, fails);
        }
    }
    for (i, c) in j["single_calls"].as_array().unwrap().iter().enumerate() {
        n += 1;
        let what = format!("calc_swarm_changes.json single_calls {i} ({})", c["note"]);
        check_call(&what, c, fails);
    }
    n
}

/// A file checker: cases checked; failures pushed.
type Check = fn(&Value, &mut Failures) -> usize;

/// Every known vector file, the fewest cases it must yield (the count when it was added), and
/// its checker. Adding a file is one row.
const KNOWN: &[Known<Check>] = &[
    known("swarm_space.json", 65, swarm_space),
    known("swarm_lookup.json", 217, swarm_lookup),
    known("new_swarm_id.json", 2055, new_swarm_id),
    known("uniform_distribution_portable.json", 528, uniform),
    known("swarm_size_sort.json", 30, size_sort),
    known("calc_swarm_changes.json", 83, calc_changes),
];

#[test]
fn vectors() {
    run_vector_dir(env!("CARGO_MANIFEST_DIR"), KNOWN, |_, check, v| {
        collect(|f| check(v, f))
    });
}
