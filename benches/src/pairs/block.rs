//! Block verification (the criterion rows of `block_100_clsag_2in_2out_r10` in
//! `benches/benches/tx_verify.rs`): a block of 100 CLSAG transactions (2 in, 2 out, ring 10)
//! through `verify_block_for_node` on a 1-thread and a 2-thread pool, against 100 single
//! `verify_for_node` calls on one thread. The block is built as the criterion bench builds it,
//! with oxen-tx's test builders (through that bench, included in `tx_misc`).

use std::hint::black_box;
use std::sync::Arc;

use oxen_benches::paired::{Bench, bench, plain};

use super::tx_misc::tx_verify_bench::builders;
use oxen_tx::consensus::{ConsensusRules, KnownRings, verify_block_for_node};
use oxen_tx::transaction::Transaction;

/// The block.
pub const BLOCK: &str = "block_100_clsag_2in_2out_r10";
/// `verify_block_for_node` on a 1-thread pool.
pub const BATCH_1: &str = "batch_1_thread/oxen";
/// `verify_block_for_node` on a 2-thread pool.
pub const BATCH_2: &str = "batch_2_thread/oxen";
/// 100 `verify_for_node` calls on one thread.
pub const SINGLES: &str = "sum_of_100_singles_1_thread/oxen";

/// The three ways to verify the block.
pub fn setup() -> Vec<Bench> {
    let mut known = KnownRings::default();
    let block: Vec<Transaction> = (0..100)
        .map(|i| {
            let (tx, rings, _, _) = builders::clsag_tx(1000 + i, 2, 2);
            known.add_tx(&tx, &rings);
            tx
        })
        .collect();
    let block: &'static [Transaction] = Vec::leak(block);
    let refs: Arc<Vec<&'static Transaction>> = Arc::new(block.iter().collect());
    let known = Arc::new(known);
    let rules = ConsensusRules::for_hf(21).unwrap();
    let pool = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
    };
    let one = pool(1);
    let (refs1, known1, rules1) = (Arc::clone(&refs), Arc::clone(&known), rules);
    let singles = plain(move || {
        one.install(|| {
            for tx in refs1.iter() {
                tx.verify_for_node(&rules1, &*known1).unwrap();
            }
        });
    });
    let mut out = vec![bench(BLOCK, SINGLES, singles)];
    for (threads, name) in [(1, BATCH_1), (2, BATCH_2)] {
        let p = pool(threads);
        let (refs, known, rules) = (Arc::clone(&refs), Arc::clone(&known), rules);
        out.push(bench(
            BLOCK,
            name,
            plain(move || {
                p.install(|| {
                    verify_block_for_node(black_box(refs.as_slice()), &rules, &*known).unwrap()
                })
            }),
        ));
    }
    out
}
