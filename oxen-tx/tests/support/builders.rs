//! Test builders for whole transactions of every RingCT type, from oxen-crypto primitives and
//! the crate's provers (oxen-core no longer signs types 1..=4; these make valid ones to verify).
#![allow(dead_code)]

use oxen_crypto::{Point, Scalar, SecretKey, SecretScalar, generate_key_image};
use oxen_tx::borromean::RangeSig;
use oxen_tx::bulletproof::Bulletproof;
use oxen_tx::commitment::{amount_times_h, commit};
use oxen_tx::prefix::{TxIn, TxOut, TxOutTarget, TxType, TxVersion};
use oxen_tx::rct::{BorromeanRangeSig, CtKey, EcdhTuple, RctSig, RctSigPrunable, RctType};
use oxen_tx::transaction::{Transaction, TransactionPrefix, absolute_to_relative_offsets};
use rand_chacha::ChaCha20Rng;
use rand_core::Rng;

use super::signers::{RawMlsag, mlsag_sign};

/// One spendable input: its ring, real index and secrets.
#[derive(Clone)]
pub struct Spend {
    pub ring: Vec<CtKey>,
    pub offsets: Vec<u64>,
    pub real: usize,
    pub p: Scalar,
    pub mask: Scalar,
    pub amount: u64,
}

impl Spend {
    pub fn key_image(&self) -> [u8; 32] {
        let sk = SecretKey::from_secret_scalar(SecretScalar::from_scalar(self.p));
        generate_key_image(&sk.public_key(), &sk).0
    }
}

/// Decodes a point from any 32-byte wire value.
pub fn pt(b: &impl AsRef<[u8]>) -> Point {
    let a: [u8; 32] = b.as_ref().try_into().unwrap();
    Point::from_bytes(&a).unwrap()
}

/// The 32 bytes of any wire value.
pub fn bytes32(b: &impl AsRef<[u8]>) -> [u8; 32] {
    b.as_ref().try_into().unwrap()
}

fn point(rng: &mut ChaCha20Rng) -> Point {
    Point::mul_base(&Scalar::random(rng))
}

/// A spend of `amount` with a ring of `ring_size` random decoys, real member at `real`.
pub fn spend(rng: &mut ChaCha20Rng, amount: u64, ring_size: usize, real: usize) -> Spend {
    let p = Scalar::random(rng);
    let mask = Scalar::random(rng);
    let ring = (0..ring_size)
        .map(|i| {
            if i == real {
                CtKey {
                    dest: Point::mul_base(&p).to_bytes().into(),
                    mask: commit(amount, &SecretScalar::from_scalar(mask))
                        .to_bytes()
                        .into(),
                }
            } else {
                CtKey {
                    dest: point(rng).to_bytes().into(),
                    mask: point(rng).to_bytes().into(),
                }
            }
        })
        .collect();
    let base = u64::from(rng.next_u32());
    let offsets = (0..ring_size as u64).map(|i| base + 7 * i + 1).collect();
    Spend {
        ring,
        offsets,
        real,
        p,
        mask,
        amount,
    }
}

/// A valid v2 transaction of MLSAG type `ty` (1..=4) spending `spends` (sorted here by key
/// image, descending) into outputs of `amounts`, with fee `fee` (inputs must balance).
/// With `torsion`, input 0 (a simple type) spends with the key image `I + torsion`, signed by
/// grinding (the key-image attack). Returns the transaction and its rings in input order.
pub fn mlsag_tx(
    rng: &mut ChaCha20Rng,
    ty: RctType,
    mut spends: Vec<Spend>,
    amounts: &[u64],
    fee: u64,
    torsion: Option<Point>,
) -> (Transaction, Vec<Vec<CtKey>>) {
    spends.sort_by_key(|s| core::cmp::Reverse(s.key_image()));
    let image = |i: usize, s: &Spend| match torsion {
        Some(t) if i == 0 => (pt(&s.key_image()) + t).to_bytes(),
        _ => s.key_image(),
    };
    let n_out = amounts.len();
    let out_masks: Vec<Scalar> = (0..n_out).map(|_| Scalar::random(rng)).collect();
    let mut rv = RctSig::null();
    rv.rct_type = ty;
    rv.txn_fee = fee;
    let mut prunable = RctSigPrunable::default();
    if ty.is_bulletproof() {
        let secret_masks: Vec<SecretScalar> = out_masks
            .iter()
            .map(|m| SecretScalar::from_scalar(*m))
            .collect();
        let (bp, commitments) = Bulletproof::prove(amounts, &secret_masks, rng).unwrap();
        rv.out_pk = commitments.iter().map(|c| c.to_bytes().into()).collect();
        prunable.bulletproofs.push(bp);
    } else {
        for (a, m) in amounts.iter().zip(&out_masks) {
            let (c, sig) = RangeSig::prove(*a, &SecretScalar::from_scalar(*m), rng);
            rv.out_pk.push(c.to_bytes().into());
            prunable
                .range_sigs
                .push(BorromeanRangeSig::from_bytes(&sig.to_bytes()).unwrap());
        }
    }
    rv.ecdh_info = (0..n_out)
        .map(|_| {
            let mut e = EcdhTuple::default();
            rng.fill_bytes(&mut e.amount[..8]);
            if !ty.has_compact_ecdh() {
                rng.fill_bytes(&mut e.amount);
                rng.fill_bytes(&mut e.mask);
            }
            e
        })
        .collect();
    // Pseudo-outputs (simple types): masks random but the last balances the output masks.
    let mut pseudo_masks = Vec::new();
    if ty != RctType::Full {
        let total: Scalar = out_masks.iter().sum();
        let mut acc = Scalar::ZERO;
        for _ in 1..spends.len() {
            let a = Scalar::random(rng);
            acc += a;
            pseudo_masks.push(a);
        }
        pseudo_masks.push(total - acc);
        let pseudo: Vec<_> = spends
            .iter()
            .zip(&pseudo_masks)
            .map(|(s, m)| {
                commit(s.amount, &SecretScalar::from_scalar(*m))
                    .to_bytes()
                    .into()
            })
            .collect();
        if ty == RctType::Simple {
            rv.pseudo_outs = pseudo;
        } else {
            prunable.pseudo_outs = pseudo;
        }
    }
    rv.prunable = prunable;
    let mut extra = vec![0x01];
    extra.extend_from_slice(&point(rng).to_bytes());
    // Bulletproof2 became valid at hf 11, where transactions are version 4.
    let v4 = ty == RctType::Bulletproof2;
    let prefix = TransactionPrefix {
        version: if v4 { TxVersion::V4 } else { TxVersion::V2 },
        tx_type: TxType::Standard,
        unlock_time: 0,
        output_unlock_times: if v4 { vec![0; n_out] } else { Vec::new() },
        vin: spends
            .iter()
            .enumerate()
            .map(|(i, s)| TxIn::ToKey {
                amount: 0,
                key_offsets: absolute_to_relative_offsets(&s.offsets),
                key_image: image(i, s).into(),
            })
            .collect(),
        vout: (0..n_out)
            .map(|_| TxOut {
                amount: 0,
                target: TxOutTarget::ToKey(point(rng).to_bytes().into()),
            })
            .collect(),
        extra,
    };
    let message = rv
        .pre_clsag_hash(&prefix.hash().unwrap(), spends.len())
        .unwrap();
    if ty == RctType::Full {
        // One MLSAG: rows = inputs + the amount row; every ring has the real member at the
        // same column.
        let real = spends[0].real;
        let cols = spends[0].ring.len();
        let mut out = amount_times_h(fee);
        for c in &rv.out_pk {
            out += &pt(&c);
        }
        let matrix: Vec<Vec<Point>> = (0..cols)
            .map(|i| {
                let mut col: Vec<Point> = spends.iter().map(|s| pt(&s.ring[i].dest)).collect();
                let sum = spends.iter().fold(-out, |acc, s| acc + pt(&s.ring[i].mask));
                col.push(sum);
                col
            })
            .collect();
        let mut secrets: Vec<Scalar> = spends.iter().map(|s| s.p).collect();
        let in_masks: Scalar = spends.iter().map(|s| s.mask).sum();
        let out_sum: Scalar = out_masks.iter().sum();
        secrets.push(in_masks - out_sum);
        let (sig, _) = mlsag_sign(
            &message,
            &matrix,
            &secrets,
            real,
            spends.len(),
            None,
            &mut || Scalar::random(rng),
        );
        rv.prunable.mgs.push(mg(&sig));
    } else {
        for (i, (s, pm)) in spends.iter().zip(&pseudo_masks).enumerate() {
            let po = pt(&commit(s.amount, &SecretScalar::from_scalar(*pm)).to_bytes());
            let matrix: Vec<Vec<Point>> = s
                .ring
                .iter()
                .map(|m| vec![pt(&m.dest), pt(&m.mask) - po])
                .collect();
            let t = if i == 0 { torsion } else { None };
            let (sig, _) = mlsag_sign(
                &message,
                &matrix,
                &[s.p, s.mask - *pm],
                s.real,
                1,
                t,
                &mut || Scalar::random(rng),
            );
            rv.prunable.mgs.push(mg(&sig));
        }
    }
    let rings = spends.iter().map(|s| s.ring.clone()).collect();
    (
        Transaction {
            prefix,
            signatures: Vec::new(),
            rct: rv,
        },
        rings,
    )
}

/// The wire form of a test CLSAG.
pub fn clsag_wire(sig: &super::signers::RawClsag) -> oxen_crypto::Clsag {
    sig.to_clsag()
}

/// The wire form of a test MLSAG.
pub fn mg(sig: &RawMlsag) -> oxen_crypto::Mlsag {
    sig.to_mlsag()
}

/// `n_in` spends (ring 10, random real index; for type Full the same index for all) that fund
/// outputs `amounts` plus `fee`.
pub fn spends_for(
    rng: &mut ChaCha20Rng,
    ty: RctType,
    n_in: usize,
    amounts: &[u64],
    fee: u64,
) -> Vec<Spend> {
    let total: u64 = amounts.iter().sum::<u64>() + fee;
    let mut ins: Vec<u64> = (1..n_in)
        .map(|_| u64::from(rng.next_u32() % 1000))
        .collect();
    ins.push(total - ins.iter().sum::<u64>());
    let shared = (rng.next_u32() % 10) as usize;
    ins.iter()
        .map(|a| {
            let real = if ty == RctType::Full {
                shared
            } else {
                (rng.next_u32() % 10) as usize
            };
            spend(rng, *a, 10, real)
        })
        .collect()
}

/// A valid v4 CLSAG transaction (`build_clsag_transaction`, ring 10) with `n_in` inputs and
/// `n_out` outputs, its rings in input order, and the spends (input order) with the output
/// masks.
pub fn clsag_tx(
    seed: u64,
    n_in: usize,
    n_out: usize,
) -> (Transaction, Vec<Vec<CtKey>>, Vec<Spend>, Vec<Scalar>) {
    use rand_core::SeedableRng;
    let mut rng = ChaCha20Rng::seed_from_u64(seed);
    let fee = CLSAG_FEE;
    let amounts: Vec<u64> = (0..n_out).map(|_| u64::from(rng.next_u32()) << 8).collect();
    let spends = spends_for(&mut rng, RctType::Clsag, n_in, &amounts, fee);
    clsag_tx_with(&mut rng, spends, &amounts, fee)
}

/// The fee of [`clsag_tx`] and [`clsag_tx_spending`].
pub const CLSAG_FEE: u64 = 20_000_000;

/// A valid v4 CLSAG transaction spending exactly `spends` (e.g. one already spent by another
/// transaction: a double spend that is valid on its own) into `n_out` outputs that take
/// everything but [`CLSAG_FEE`]. Returns what [`clsag_tx`] returns.
pub fn clsag_tx_spending(
    seed: u64,
    spends: Vec<Spend>,
    n_out: usize,
) -> (Transaction, Vec<Vec<CtKey>>, Vec<Spend>, Vec<Scalar>) {
    use rand_core::SeedableRng;
    let mut rng = ChaCha20Rng::seed_from_u64(seed);
    let total: u64 = spends.iter().map(|s| s.amount).sum::<u64>() - CLSAG_FEE;
    let mut amounts: Vec<u64> = (1..n_out)
        .map(|_| u64::from(rng.next_u32() % 1000))
        .collect();
    amounts.push(total - amounts.iter().sum::<u64>());
    clsag_tx_with(&mut rng, spends, &amounts, CLSAG_FEE)
}

/// [`build_clsag_transaction`](oxen_tx::transaction::build_clsag_transaction) over test spends.
fn clsag_tx_with(
    rng: &mut ChaCha20Rng,
    spends: Vec<Spend>,
    amounts: &[u64],
    fee: u64,
) -> (Transaction, Vec<Vec<CtKey>>, Vec<Spend>, Vec<Scalar>) {
    use oxen_tx::ecdh::AmountKey;
    use oxen_tx::rct::{RctInput, RctOutput};
    use oxen_tx::transaction::build_clsag_transaction;
    let inputs: Vec<(RctInput, Vec<u64>)> = spends
        .iter()
        .map(|s| {
            (
                RctInput {
                    ring: s.ring.clone(),
                    real_index: s.real,
                    secret_key: SecretKey::from_secret_scalar(SecretScalar::from_scalar(s.p)),
                    mask: SecretScalar::from_scalar(s.mask),
                    amount: s.amount,
                },
                s.offsets.clone(),
            )
        })
        .collect();
    let outputs: Vec<RctOutput> = amounts
        .iter()
        .map(|a| {
            let mut k = [0u8; 32];
            rng.fill_bytes(&mut k);
            RctOutput {
                dest: point(rng).to_bytes().into(),
                amount: *a,
                amount_key: AmountKey::from_bytes(k),
            }
        })
        .collect();
    let (tx, secrets) =
        build_clsag_transaction(inputs, &outputs, fee, vec![0x01; 33], rng).unwrap();
    let kis = tx.key_images();
    let ordered: Vec<Spend> = kis
        .iter()
        .map(|ki| {
            spends
                .iter()
                .find(|s| s.key_image() == bytes32(ki))
                .unwrap()
                .clone()
        })
        .collect();
    let rings = ordered.iter().map(|s| s.ring.clone()).collect();
    (
        tx,
        rings,
        ordered,
        secrets
            .output_masks
            .iter()
            .map(|m| *m.expose_scalar())
            .collect(),
    )
}

/// Flips bit `bit` of byte 0 of MLSAG scalar `k` (`ss` column-major, then `cc`).
pub fn flip_mg_bit(mg: &mut oxen_crypto::Mlsag, k: usize, bit: u8) {
    let rows = mg.ss[0].len();
    let cols = mg.ss.len();
    if k < cols * rows {
        mg.ss[k / rows][k % rows].0[0] ^= 1 << bit;
    } else {
        mg.cc.0[0] ^= 1 << bit;
    }
}

/// Flips the low bit of a CLSAG response.
pub fn flip_clsag_bit(sig: &mut oxen_crypto::Clsag) {
    sig.s[3].0[0] ^= 1;
}

/// The transaction's Bulletproof with `taux` changed (it still parses and fits the outputs).
pub fn tampered_bp(tx: &Transaction) -> Bulletproof {
    let mut bytes = tx.rct.prunable.bulletproofs[0].to_bytes();
    bytes[4 * 32] ^= 1;
    Bulletproof::from_bytes(&bytes).unwrap()
}

/// Output `output`'s Borromean signature with `s0[5]` changed.
pub fn tampered_range_sig(tx: &Transaction, output: usize) -> BorromeanRangeSig {
    let mut bytes = tx.rct.prunable.range_sigs[output].as_bytes().to_vec();
    bytes[5 * 32] ^= 1;
    BorromeanRangeSig::from_bytes(&bytes).unwrap()
}

/// Signs input 0 of a one-input CLSAG transaction from [`clsag_tx`] again over its current
/// prefix (after a prefix field was changed), as its owner could: `s` is its spend, the
/// pseudo-output mask is the sum of `out_masks`.
pub fn resign_one_input(tx: &mut Transaction, s: &Spend, out_masks: &[Scalar], seed: u64) {
    use rand_core::SeedableRng;
    let message = tx
        .rct
        .pre_clsag_hash(&tx.prefix_hash().unwrap(), 1)
        .unwrap();
    let ring: Vec<(Point, Point)> = s.ring.iter().map(|m| (pt(&m.dest), pt(&m.mask))).collect();
    let pseudo_mask: Scalar = out_masks.iter().sum();
    let pseudo = pt(&tx.rct.prunable.pseudo_outs[0]);
    let mut rng = ChaCha20Rng::seed_from_u64(seed);
    let (sig, _) = super::signers::clsag_sign(
        &message,
        &ring,
        &pseudo,
        &s.p,
        &(s.mask - pseudo_mask),
        s.real,
        None,
        &mut || Scalar::random(&mut rng),
    );
    tx.rct.prunable.clsags[0] = sig.to_clsag();
}
