//! Tour section: oxen-tx RingCT transactions.
//!
//! Builds a 2-in/2-out CLSAG transaction (rings of 10, one aggregated Bulletproof), serializes
//! it, parses it back, verifies it (the RingCT part alone, then the node's verdict), decodes the
//! outputs as their receivers would and shows that a one-bit change is rejected. Then the
//! 2017 CryptoNote key-image attack: a CLSAG over a torsioned key image `I + T8` that the RingCT
//! verifier accepts (as upstream's does) and the node's verdict rejects.

use oxen_crypto::{Point, Scalar, SecretKey, SecretScalar};
use oxen_tx::commitment::{Commitment, commit};
use oxen_tx::consensus::{ConsensusRules, KnownRings};
use oxen_tx::ecdh::{AmountKey, EcdhAmount, ecdh_decode};
use oxen_tx::extra::TxExtra;
use oxen_tx::prefix::TxIn;
use oxen_tx::rct::{CtKey, RING_SIZE, RctInput, RctOutput};
use oxen_tx::transaction::{Transaction, build_clsag_transaction};
use rand::Rng;

use crate::timed;

// The test signers of oxen-tx (CLSAG/MLSAG over any key image, grinding for a torsioned one).
#[path = "../../oxen-tx/tests/support/signers.rs"]
mod signers;

/// A random point encoding (a decoy key or commitment).
fn random_point<R: rand::CryptoRng>(rng: &mut R) -> [u8; 32] {
    Point::mul_base(&Scalar::random(rng)).to_bytes()
}

/// Runs this section of the tour.
pub fn run() {
    println!("\n== oxen-tx: a 2-in/2-out CLSAG RingCT transaction");
    let mut rng = rand::rng();

    // Two owned outputs to spend, each hidden in a ring of 10 (9 decoys).
    let fee = 20_000_000; // 0.02 OXEN
    let in_amounts = [4_000_000_000u64, 5_520_000_000];
    let out_amounts = [7_000_000_000u64, 2_500_000_000];
    let mut rings = Vec::new();
    let inputs: Vec<(RctInput, Vec<u64>)> = in_amounts
        .iter()
        .map(|&amount| {
            let real_index = (rng.next_u32() as usize) % RING_SIZE;
            let secret_key = SecretKey::random(&mut rng);
            let mask = SecretScalar::random(&mut rng);
            let ring: Vec<CtKey> = (0..RING_SIZE)
                .map(|i| {
                    if i == real_index {
                        CtKey {
                            dest: secret_key.public_key().compressed(),
                            mask: commit(amount, &mask).to_bytes().into(),
                        }
                    } else {
                        CtKey {
                            dest: random_point(&mut rng).into(),
                            mask: random_point(&mut rng).into(),
                        }
                    }
                })
                .collect();
            rings.push(ring.clone());
            let first = u64::from(rng.next_u32());
            let offsets = (0..RING_SIZE as u64).map(|i| first + 101 * i).collect();
            (
                RctInput {
                    ring,
                    real_index,
                    secret_key,
                    mask,
                    amount,
                },
                offsets,
            )
        })
        .collect();
    let outputs: Vec<RctOutput> = out_amounts
        .iter()
        .map(|&amount| {
            let mut k = [0u8; 32];
            rng.fill_bytes(&mut k);
            RctOutput {
                dest: random_point(&mut rng).into(),
                amount,
                amount_key: AmountKey::from_bytes(k),
            }
        })
        .collect();
    let tx_pubkey = random_point(&mut rng);
    let mut extra = vec![0x01];
    extra.extend_from_slice(&tx_pubkey);

    let (built, t_build) =
        timed(|| build_clsag_transaction(inputs.clone(), &outputs, fee, extra, &mut rng));
    let (tx, _secrets) = built.expect("build");
    // The builder orders inputs by key image: put the rings in the same order.
    let ordered_rings: Vec<Vec<CtKey>> = tx
        .prefix
        .vin
        .iter()
        .map(|vin| {
            let ki = vin.key_image().expect("txin_to_key");
            let pos = inputs
                .iter()
                .position(|(i, _)| &i.key_image().expect("key image") == ki)
                .expect("input");
            rings[pos].clone()
        })
        .collect();
    println!("  built (genRctSimple: 1 Bulletproof over 2 outputs + 2 CLSAGs)   {t_build:>10.2?}");

    let (blob, t_ser) = timed(|| tx.to_bytes().expect("serialize"));
    println!(
        "  serialized: {} bytes                                          {t_ser:>10.2?}",
        blob.len()
    );

    let (parsed, t_parse) = timed(|| Transaction::parse_and_validate(&blob).expect("parse"));
    assert_eq!(parsed, tx, "parse(serialize(tx)) == tx");
    assert_eq!(
        parsed.to_bytes().expect("re-serialize"),
        blob,
        "byte-exact round trip"
    );
    println!("  parsed back, byte-exact round trip                            {t_parse:>10.2?}");

    let (hash, t_hash) = timed(|| parsed.hash().expect("hash"));
    println!("  tx hash {}   {t_hash:>10.2?}", hex::encode(hash));

    let (verdict, t_verify) = timed(|| parsed.verify_ringct_only(&ordered_rings));
    verdict.expect("valid transaction");
    println!("  verified: balance + Bulletproof + 2 CLSAGs (ring 10)           {t_verify:>10.2?}");
    let (again, t_warm) = timed(|| parsed.verify_ringct_only(&ordered_rings));
    again.expect("still valid");
    println!("  verified again (generator tables now cached)                  {t_warm:>10.2?}");
    // What a node runs: the consensus rules around the signatures (key images in the
    // prime-order subgroup, distinct, inputs sorted; distinct ring members; ring size 10; the
    // hard fork's versions and types), the chain state (here: rings known, nothing spent),
    // then semantics and signatures.
    let rules = ConsensusRules::for_hf(21).expect("hf 21");
    let chain = KnownRings::for_tx(&parsed, &ordered_rings);
    let (node, t_node) = timed(|| parsed.verify_for_node(&rules, &chain));
    node.expect("a node accepts it");
    println!("  node verdict (verify_for_node at hf 21): accepted             {t_node:>10.2?}");

    // The receivers decode their amounts and check them against the commitments.
    for (k, o) in outputs.iter().enumerate() {
        let enc =
            EcdhAmount::from_bytes(parsed.rct.ecdh_info[k].amount[..8].try_into().expect("8"));
        let (amount, mask) = ecdh_decode(&enc, &o.amount_key);
        assert_eq!(amount, o.amount);
        assert!(Commitment(parsed.rct.out_pk[k].0).opens(amount, &mask));
        println!("  output {k}: receiver decodes {amount} atomic units, commitment opens");
    }
    let extra = TxExtra::parse(&parsed.prefix.extra).expect("extra");
    assert_eq!(extra.tx_pub_key(0), tx_pubkey);
    println!(
        "  tx_extra: {} field(s), tx pubkey {}…",
        extra.fields().len(),
        &hex::encode(tx_pubkey)[..16]
    );

    // One flipped bit anywhere in the signature part is rejected.
    let mut bad = blob.clone();
    let last = bad.len() - 104; // inside the last CLSAG's c1
    bad[last] ^= 0x04;
    let rejected =
        Transaction::parse_and_validate(&bad).and_then(|t| t.verify_ringct_only(&ordered_rings));
    assert!(rejected.is_err());
    println!(
        "  one bit flipped in the CLSAGs: rejected ({})",
        rejected.expect_err("rejected")
    );
    torsioned_key_image(&mut rng);
}

/// The 2017 CryptoNote key-image bug: a CLSAG over `I + T8` (`T8` of order 8) verifies once
/// the signer grinds its nonce (about 1 try in 8), so the signature check alone would let one
/// output be spent up to 8 times; the node's `l·I == identity` check rejects it.
fn torsioned_key_image<R: rand::CryptoRng>(rng: &mut R) {
    println!("\n  -- the torsioned key image attack (CLSAG over I + T8)");
    let amount = 1_000_000_000u64;
    let fee = 20_000_000;
    let real_index = (rng.next_u32() as usize) % RING_SIZE;
    let secret_key = SecretKey::random(rng);
    let mask = Scalar::random(rng);
    let ring: Vec<CtKey> = (0..RING_SIZE)
        .map(|i| {
            if i == real_index {
                CtKey {
                    dest: secret_key.public_key().0.into(),
                    mask: commit(amount, &SecretScalar::from_scalar(mask))
                        .to_bytes()
                        .into(),
                }
            } else {
                CtKey {
                    dest: random_point(rng).into(),
                    mask: random_point(rng).into(),
                }
            }
        })
        .collect();
    let p = *secret_key.as_secret_scalar().expose_scalar();
    let input = RctInput {
        ring: ring.clone(),
        real_index,
        secret_key,
        mask: SecretScalar::from_scalar(mask),
        amount,
    };
    let offsets = (0..RING_SIZE as u64).map(|i| 5000 + 13 * i).collect();
    let outputs: Vec<RctOutput> = [600_000_000u64, amount - fee - 600_000_000]
        .iter()
        .map(|&a| {
            let mut k = [0u8; 32];
            rng.fill_bytes(&mut k);
            RctOutput {
                dest: random_point(rng).into(),
                amount: a,
                amount_key: AmountKey::from_bytes(k),
            }
        })
        .collect();
    let (mut tx, secrets) =
        build_clsag_transaction(vec![(input, offsets)], &outputs, fee, vec![], rng).expect("build");
    let rings = vec![ring.clone()];
    // Replace the key image by I + T8 and sign again over the new message, grinding.
    let image = tx.key_images()[0].decompress().expect("key image") + signers::t8();
    if let TxIn::ToKey { key_image, .. } = &mut tx.prefix.vin[0] {
        *key_image = image.to_bytes().into();
    }
    let message = tx
        .rct
        .pre_clsag_hash(&tx.prefix_hash().expect("hash"), 1)
        .expect("message");
    let points: Vec<(Point, Point)> = ring
        .iter()
        .map(|m| {
            (
                m.dest.decompress().expect("P"),
                m.mask.decompress().expect("C"),
            )
        })
        .collect();
    let pseudo = tx.rct.prunable.pseudo_outs[0]
        .decompress()
        .expect("pseudo-out");
    let pseudo_mask: Scalar = secrets
        .output_masks
        .iter()
        .map(|m| *m.expose_scalar())
        .sum();
    let mut tries = 0u32;
    let (sig, _) = signers::clsag_sign(
        &message,
        &points,
        &pseudo,
        &p,
        &(mask - pseudo_mask),
        real_index,
        Some(signers::t8()),
        &mut || {
            tries += 1;
            Scalar::random(rng)
        },
    );
    tx.rct.prunable.clsags[0] = sig.to_clsag();
    println!("  signed over I + T8 (scalars drawn while grinding: {tries})");
    let bare = tx.verify_ringct_only(&rings);
    println!(
        "  bare RingCT check (verify_ringct_only): {bare:?}  <- accepts, like upstream's verifier"
    );
    assert_eq!(bare, Ok(()));
    let rules = ConsensusRules::for_hf(21).expect("hf 21");
    let node = tx.verify_for_node(&rules, &KnownRings::for_tx(&tx, &rings));
    println!("  node verdict (verify_for_node): {node:?}");
    assert!(matches!(
        node,
        Err(oxen_tx::Error::KeyImageNotInPrimeSubgroup { input: 0 })
    ));
}
