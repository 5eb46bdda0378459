//! Fuzz target: the node's verdict (`Transaction::verify_for_node`) on valid vector
//! transactions (tx_consensus.json's CLSAG transaction, rct_history.json's types 1..=4) with
//! fuzzer-chosen field mutations (`arbitrary`): key images (incl. `+ T8`), key offsets, input
//! amounts, input order, fee, commitments, pseudo-outputs, signature scalars, ring members,
//! versions, types, range-proof bytes and the hard fork. Never panics; the verdict from the
//! re-serialized blob agrees; mutations that keep the checks before the signatures passing reach
//! the CLSAG/MLSAG verifiers (counted: `reached signatures` on stderr at every power of two from
//! 256 runs, with the number of blocks that had a collision).
//!
//! Then the block (`verify_block_for_node`): the mutated transaction followed by up to three
//! more vector transactions, with fuzzer-chosen block mutations (copy one transaction's key
//! image into another, or into another input of the same one; repeat a transaction; put up to
//! two on chain). The first rule failure in block order, by a naive scan here, must be exactly
//! the block's error (`TransactionOnChain`, or `KeyImageConflict` / `TransactionRepeated` /
//! `DuplicateKeyImage` at the later index); without one, the block is accepted iff every
//! transaction is accepted alone, and a refused block names one whose single verdict it is.
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use oxen_crypto::Point;
use oxen_tx::Error;
use oxen_tx::consensus::{
    BlockError, ChainState, ConsensusRules, KnownRings, verify_block_for_node,
};
use oxen_tx::prefix::{TxIn, TxType, TxVersion};
use oxen_tx::rct::{CtKey, RctType};
use oxen_tx::transaction::Transaction;

/// A point of order 8.
const T8: &str = "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa";

struct Base {
    tx: Transaction,
    rings: Vec<Vec<CtKey>>,
    hf: u8,
}

fn hex32(s: &str) -> [u8; 32] {
    let mut out = [0u8; 32];
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap();
    }
    out
}

fn bases() -> &'static [Base] {
    static BASES: OnceLock<Vec<Base>> = OnceLock::new();
    BASES.get_or_init(|| {
        let mut out = Vec::new();
        for (file, names) in [
            (
                include_str!("../../oxen-tx/tests/vectors/tx_consensus.json"),
                &["public/valid_2in_2out"][..],
            ),
            (
                include_str!("../../oxen-tx/tests/vectors/rct_history.json"),
                &[
                    "full_1in_2out_r10",
                    "simple_2in_3out_r10",
                    "bp_1in_2out_r10",
                    "bp2_1in_2out_r10",
                ][..],
            ),
        ] {
            let v: serde_json::Value = serde_json::from_str(file).unwrap();
            for c in v["cases"].as_array().unwrap() {
                if !names.contains(&c["name"].as_str().unwrap()) {
                    continue;
                }
                let hex = c["tx_hex"].as_str().unwrap();
                let blob: Vec<u8> = (0..hex.len() / 2)
                    .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap())
                    .collect();
                let tx = Transaction::from_bytes(&blob).unwrap();
                let rings = c["mix_ring"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| {
                        r.as_array()
                            .unwrap()
                            .iter()
                            .map(|m| CtKey {
                                dest: hex32(m["dest"].as_str().unwrap()).into(),
                                mask: hex32(m["mask"].as_str().unwrap()).into(),
                            })
                            .collect()
                    })
                    .collect();
                let hf = match tx.rct.rct_type {
                    RctType::Full | RctType::Simple => 9,
                    RctType::Bulletproof => 10,
                    RctType::Bulletproof2 => 11,
                    _ => 21,
                };
                out.push(Base { tx, rings, hf });
            }
        }
        assert_eq!(out.len(), 5);
        out
    })
}

#[derive(Arbitrary, Debug)]
enum Mutation {
    KeyImage {
        input: u8,
        bytes: [u8; 32],
    },
    KeyImageTorsion {
        input: u8,
    },
    KeyImageCopy {
        from: u8,
        to: u8,
    },
    KeyOffset {
        input: u8,
        pos: u8,
        value: u64,
    },
    KeyOffsetsTruncate {
        input: u8,
        len: u8,
    },
    InputAmount {
        input: u8,
        amount: u64,
    },
    SwapInputs {
        a: u8,
        b: u8,
    },
    Fee(u64),
    OutPk {
        output: u8,
        bytes: [u8; 32],
    },
    OutPkTorsion {
        output: u8,
    },
    PseudoOut {
        input: u8,
        bytes: [u8; 32],
    },
    SigByte {
        sig: u8,
        pos: u16,
        xor: u8,
    },
    RingMember {
        input: u8,
        member: u8,
        dest: [u8; 32],
        mask: [u8; 32],
    },
    RingDrop {
        input: u8,
    },
    Version(u8),
    TxType(u8),
    RctType(u8),
    RangeProofByte {
        pos: u16,
        xor: u8,
    },
    EcdhByte {
        output: u8,
        pos: u8,
        xor: u8,
    },
    UnlockTime(u64),
    Hf(u8),
}

/// A change to the block around the mutated transaction.
#[derive(Arbitrary, Debug)]
enum BlockMutation {
    /// Key image of input `from_input` of transaction `from` into input `to_input` of `to`.
    CopyKeyImage {
        from: u8,
        from_input: u8,
        to: u8,
        to_input: u8,
    },
    /// A copy of transaction `tx` inserted at position `at`.
    Repeat { tx: u8, at: u8 },
}

#[derive(Arbitrary, Debug)]
struct Input {
    base: u8,
    mutations: Vec<Mutation>,
    /// Bases of the other transactions of the block (up to 3).
    others: Vec<u8>,
    block: Vec<BlockMutation>,
    /// Transactions of the final block (up to 2) the chain already holds.
    on_chain: Vec<u8>,
}

/// The block's rings, and the hashes of the transactions the chain holds.
struct Chain {
    known: KnownRings,
    held: Vec<[u8; 32]>,
}

impl ChainState for Chain {
    fn transaction_on_chain(&self, tx_hash: &[u8; 32]) -> bool {
        self.held.contains(tx_hash)
    }
    fn ring(&self, amount: u64, offsets: &[u64]) -> Option<Vec<CtKey>> {
        self.known.ring(amount, offsets)
    }
    fn key_image_spent(&self, k: &oxen_crypto::KeyImage) -> bool {
        self.known.key_image_spent(k)
    }
    fn key_image_blacklisted(&self, k: &oxen_crypto::KeyImage) -> bool {
        self.known.key_image_blacklisted(k)
    }
    fn key_image_stake_locked(&self, k: &oxen_crypto::KeyImage) -> bool {
        self.known.key_image_stake_locked(k)
    }
    fn key_image_in_pool(&self, k: &oxen_crypto::KeyImage) -> bool {
        self.known.key_image_in_pool(k)
    }
}

fn pick<T>(v: &mut [T], i: u8) -> Option<&mut T> {
    let n = v.len();
    if n == 0 {
        None
    } else {
        v.get_mut(usize::from(i) % n)
    }
}

fn key_image_of(vin: &mut TxIn) -> Option<&mut oxen_crypto::KeyImage> {
    match vin {
        TxIn::ToKey { key_image, .. } => Some(key_image),
        _ => None,
    }
}

fn apply(tx: &mut Transaction, rings: &mut Vec<Vec<CtKey>>, hf: &mut u8, m: &Mutation) {
    let vin = &mut tx.prefix.vin;
    match *m {
        Mutation::KeyImage { input, bytes } => {
            if let Some(k) = pick(vin, input).and_then(key_image_of) {
                *k = bytes.into();
            }
        }
        Mutation::KeyImageTorsion { input } => {
            if let Some(k) = pick(vin, input).and_then(key_image_of) {
                if let Ok(p) = Point::from_bytes(&k.0) {
                    *k = (p + Point::from_bytes(&hex32(T8)).unwrap())
                        .to_bytes()
                        .into();
                }
            }
        }
        Mutation::KeyImageCopy { from, to } => {
            let src = pick(vin, from).and_then(|v| key_image_of(v).copied());
            if let (Some(src), Some(dst)) = (src, pick(vin, to).and_then(key_image_of)) {
                *dst = src;
            }
        }
        Mutation::KeyOffset { input, pos, value } => {
            if let Some(TxIn::ToKey { key_offsets, .. }) = pick(vin, input) {
                if let Some(o) = pick(key_offsets, pos) {
                    *o = value;
                }
            }
        }
        Mutation::KeyOffsetsTruncate { input, len } => {
            if let Some(TxIn::ToKey { key_offsets, .. }) = pick(vin, input) {
                key_offsets.truncate(usize::from(len % 12));
            }
        }
        Mutation::InputAmount { input, amount } => {
            if let Some(TxIn::ToKey { amount: a, .. }) = pick(vin, input) {
                *a = amount;
            }
        }
        Mutation::SwapInputs { a, b } => {
            // Rings follow their inputs (the chain finds them by their offsets).
            let n = vin.len();
            if n > 0 {
                let (a, b) = (usize::from(a) % n, usize::from(b) % n);
                vin.swap(a, b);
                if a < rings.len() && b < rings.len() {
                    rings.swap(a, b);
                }
            }
        }
        Mutation::Fee(f) => tx.rct.txn_fee = f,
        Mutation::OutPk { output, bytes } => {
            if let Some(c) = pick(&mut tx.rct.out_pk, output) {
                *c = bytes.into();
            }
        }
        Mutation::OutPkTorsion { output } => {
            if let Some(c) = pick(&mut tx.rct.out_pk, output) {
                if let Ok(p) = Point::from_bytes(&c.0) {
                    *c = (p + Point::from_bytes(&hex32(T8)).unwrap())
                        .to_bytes()
                        .into();
                }
            }
        }
        Mutation::PseudoOut { input, bytes } => {
            let p = if tx.rct.rct_type == RctType::Simple {
                &mut tx.rct.pseudo_outs
            } else {
                &mut tx.rct.prunable.pseudo_outs
            };
            if let Some(c) = pick(p, input) {
                *c = bytes.into();
            }
        }
        Mutation::SigByte { sig, pos, xor } => xor_signature_byte(tx, sig, pos, xor),
        Mutation::RingMember {
            input,
            member,
            dest,
            mask,
        } => {
            if let Some(r) = pick(rings, input) {
                if let Some(m) = pick(r, member) {
                    *m = CtKey {
                        dest: dest.into(),
                        mask: mask.into(),
                    };
                }
            }
        }
        Mutation::RingDrop { input } => {
            if let Some(r) = pick(rings, input) {
                r.pop();
            }
        }
        Mutation::Version(v) => {
            if let Ok(v) = TxVersion::try_from(u64::from(v % 5)) {
                tx.prefix.version = v;
            }
        }
        Mutation::TxType(t) => {
            if let Ok(t) = TxType::try_from(u64::from(t % 10)) {
                tx.prefix.tx_type = t;
            }
        }
        Mutation::RctType(t) => {
            if let Ok(t) = RctType::try_from(u64::from(t % 6)) {
                tx.rct.rct_type = t;
            }
        }
        Mutation::RangeProofByte { pos, xor } => xor_range_proof_byte(tx, pos, xor),
        Mutation::EcdhByte { output, pos, xor } => {
            if let Some(e) = pick(&mut tx.rct.ecdh_info, output) {
                e.amount[usize::from(pos) % 32] ^= xor;
            }
        }
        Mutation::UnlockTime(t) => tx.prefix.unlock_time = t,
        Mutation::Hf(h) => *hf = 7 + h % 15,
    }
}

/// XORs one byte of signature `sig`'s wire encoding (CLSAG or MLSAG), decoded back in place.
fn xor_signature_byte(tx: &mut Transaction, sig: u8, pos: u16, xor: u8) {
    let p = &mut tx.rct.prunable;
    if let Some(c) = pick(&mut p.clsags, sig) {
        let n = c.s.len() + 2;
        let k = usize::from(pos) % (32 * n);
        let (word, byte) = (k / 32, k % 32);
        match word {
            w if w < c.s.len() => c.s[w].0[byte] ^= xor,
            w if w == c.s.len() => c.c1.0[byte] ^= xor,
            _ => c.d.0[byte] ^= xor,
        }
    } else if let Some(m) = pick(&mut p.mgs, sig) {
        let rows = m.ss.first().map_or(0, Vec::len);
        let n = m.ss.len() * rows + 1;
        let k = usize::from(pos) % (32 * n);
        let (word, byte) = (k / 32, k % 32);
        if word + 1 == n {
            m.cc.0[byte] ^= xor;
        } else if rows > 0 {
            m.ss[word / rows][word % rows].0[byte] ^= xor;
        }
    }
}

/// XORs one byte of the range proof (the Bulletproof or a Borromean signature), keeping it
/// parseable.
fn xor_range_proof_byte(tx: &mut Transaction, pos: u16, xor: u8) {
    let p = &mut tx.rct.prunable;
    if let Some(bp) = p.bulletproofs.first_mut() {
        let mut bytes = bp.to_bytes();
        let i = usize::from(pos) % bytes.len();
        bytes[i] ^= xor;
        if let Ok(b) = oxen_tx::bulletproof::Bulletproof::from_bytes(&bytes) {
            *bp = b;
        }
    } else if let Some(rs) = p.range_sigs.first_mut() {
        let mut bytes = rs.as_bytes().to_vec();
        let i = usize::from(pos) % bytes.len();
        bytes[i] ^= xor;
        if let Ok(b) = oxen_tx::rct::BorromeanRangeSig::from_bytes(&bytes) {
            *rs = b;
        }
    }
}

static RUNS: AtomicU64 = AtomicU64::new(0);
static REACHED: AtomicU64 = AtomicU64::new(0);
static COLLISIONS: AtomicU64 = AtomicU64::new(0);

fuzz_target!(|input: Input| {
    let bases = bases();
    let base = &bases[usize::from(input.base) % bases.len()];
    let mut tx = base.tx.clone();
    let mut rings = base.rings.clone();
    let mut hf = base.hf;
    for m in input.mutations.iter().take(6) {
        apply(&mut tx, &mut rings, &mut hf, m);
    }
    let rules = ConsensusRules::for_hf(hf).unwrap();
    let known = KnownRings::for_tx(&tx, &rings);
    let single = (tx.clone(), rings.clone());
    let verdict = tx.verify_for_node(&rules, &known);
    let reached = matches!(
        verdict,
        Ok(()) | Err(Error::ClsagInvalid { .. } | Error::MlsagInvalid { .. })
    );
    let runs = RUNS.fetch_add(1, Ordering::Relaxed) + 1;
    let hits = REACHED.fetch_add(u64::from(reached), Ordering::Relaxed) + u64::from(reached);
    if runs.is_power_of_two() && runs >= 1 << 8 {
        let collisions = COLLISIONS.load(Ordering::Relaxed);
        eprintln!(
            "tx_node_verify: {runs} runs, reached signatures {hits}, blocks with a collision {collisions}"
        );
    }
    // The verdict from the wire agrees whenever the mutated transaction round-trips.
    if let Ok(blob) = tx.to_bytes() {
        if let Ok(back) = Transaction::from_bytes(&blob) {
            if back == tx {
                let again = oxen_tx::consensus::verify_blob_for_node(&blob, &rules, &known);
                assert_eq!(again.map(|_| ()), verdict, "blob verdict differs");
            }
        }
    }
    check_block(single, &input, &rules);
});

/// The block around the mutated transaction (see the module doc).
fn check_block(first: (Transaction, Vec<Vec<CtKey>>), input: &Input, rules: &ConsensusRules) {
    let bases = bases();
    let mut block = vec![first];
    for b in input.others.iter().take(3) {
        let base = &bases[usize::from(*b) % bases.len()];
        block.push((base.tx.clone(), base.rings.clone()));
    }
    for m in input.block.iter().take(4) {
        apply_block(&mut block, m);
    }
    let mut known = KnownRings::default();
    for (tx, rings) in &block {
        known.add_tx(tx, rings);
    }
    let txs: Vec<&Transaction> = block.iter().map(|(tx, _)| tx).collect();
    let held = input.on_chain.iter().take(2);
    let held = held.filter_map(|i| txs[usize::from(*i) % txs.len()].hash().ok());
    let known = Chain {
        known,
        held: held.collect(),
    };
    let verdict = verify_block_for_node(&txs, rules, &known);
    if let Some(expected) = first_collision(&txs, &known.held) {
        assert_eq!(
            verdict,
            Err(expected),
            "block collision not reported as such"
        );
        COLLISIONS.fetch_add(1, Ordering::Relaxed);
        return;
    }
    let singles: Vec<Result<(), Error>> = txs
        .iter()
        .map(|t| t.verify_for_node(rules, &known))
        .collect();
    match verdict {
        Ok(()) => assert!(singles.iter().all(Result::is_ok), "block accepted a bad tx"),
        Err(BlockError { index, error }) => {
            assert_eq!(
                singles[index],
                Err(error),
                "block error differs from the single"
            )
        }
    }
}

fn apply_block(block: &mut Vec<(Transaction, Vec<Vec<CtKey>>)>, m: &BlockMutation) {
    let n = block.len();
    match *m {
        BlockMutation::CopyKeyImage {
            from,
            from_input,
            to,
            to_input,
        } => {
            let src = pick(&mut block[usize::from(from) % n].0.prefix.vin, from_input)
                .and_then(|v| key_image_of(v).copied());
            let dst = &mut block[usize::from(to) % n].0.prefix.vin;
            if let (Some(src), Some(dst)) = (src, pick(dst, to_input).and_then(key_image_of)) {
                *dst = src;
            }
        }
        BlockMutation::Repeat { tx, at } => {
            if n < 6 {
                let copy = block[usize::from(tx) % n].clone();
                block.insert(usize::from(at) % (n + 1), copy);
            }
        }
    }
}

/// The block's first rule failure, by a naive scan in block order: for each transaction `j`,
/// its hash among `held`; then for each of its `txin_to_key` inputs, the earliest earlier input
/// (of an earlier transaction, or of `j` itself) with the same key image; or a transaction
/// without key images equal to an earlier one.
fn first_collision(txs: &[&Transaction], held: &[[u8; 32]]) -> Option<BlockError> {
    let images = |t: &Transaction| -> Vec<(usize, [u8; 32])> {
        t.prefix
            .vin
            .iter()
            .enumerate()
            .filter_map(|(i, v)| match v {
                TxIn::ToKey { key_image, .. } => Some((i, key_image.0)),
                _ => None,
            })
            .collect()
    };
    for (j, tx) in txs.iter().enumerate() {
        if tx.hash().is_ok_and(|h| held.contains(&h)) {
            return Some(BlockError {
                index: j,
                error: Error::TransactionOnChain,
            });
        }
        let mine = images(tx);
        if mine.is_empty() {
            let id = tx.hash().ok();
            if let Some(i) = (0..j)
                .find(|&i| images(txs[i]).is_empty() && txs[i].hash().ok() == id && id.is_some())
            {
                return Some(BlockError {
                    index: j,
                    error: Error::TransactionRepeated { earlier: i },
                });
            }
            continue;
        }
        for (pos, (input, ki)) in mine.iter().enumerate() {
            for i in 0..j {
                if images(txs[i]).iter().any(|(_, k)| k == ki) {
                    let error = if txs[i] == *tx {
                        Error::TransactionRepeated { earlier: i }
                    } else {
                        Error::KeyImageConflict {
                            input: *input,
                            earlier: i,
                        }
                    };
                    return Some(BlockError { index: j, error });
                }
            }
            if let Some((first, _)) = mine[..pos].iter().find(|(_, k)| k == ki) {
                return Some(BlockError {
                    index: j,
                    error: Error::DuplicateKeyImage {
                        first: *first,
                        second: *input,
                    },
                });
            }
        }
    }
    None
}
