//! Tour section: oxen-tx RingCT transactions.
//!
//! Builds a 2-in/2-out CLSAG transaction (rings of 10, one aggregated Bulletproof), serializes
//! it, parses it back, verifies it, decodes the outputs as their receivers would and shows that a
//! one-bit change is rejected.

use oxen_crypto::{Point, Scalar, SecretKey};
use oxen_tx::commitment::{Commitment, commit};
use oxen_tx::ecdh::{AmountKey, EcdhAmount, ecdh_decode};
use oxen_tx::extra::TxExtra;
use oxen_tx::rct::{CtKey, RING_SIZE, RctInput, RctOutput};
use oxen_tx::transaction::{Transaction, build_clsag_transaction};
use rand::Rng;

use crate::timed;

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
            let mask = Scalar::random(&mut rng);
            let ring: Vec<CtKey> = (0..RING_SIZE)
                .map(|i| {
                    if i == real_index {
                        CtKey {
                            dest: secret_key.public_key().compressed(),
                            mask: commit(amount, &oxen_crypto::SecretScalar::from_scalar(mask))
                                .to_bytes()
                                .into(),
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

    let (verdict, t_verify) = timed(|| parsed.verify_rct(&ordered_rings));
    verdict.expect("valid transaction");
    println!("  verified: balance + Bulletproof + 2 CLSAGs (ring 10)           {t_verify:>10.2?}");
    let (again, t_warm) = timed(|| parsed.verify_rct(&ordered_rings));
    again.expect("still valid");
    println!("  verified again (generator tables now cached)                  {t_warm:>10.2?}");

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
    let rejected = Transaction::parse_and_validate(&bad).and_then(|t| t.verify_rct(&ordered_rings));
    assert!(rejected.is_err());
    println!(
        "  one bit flipped in the CLSAGs: rejected ({})",
        rejected.expect_err("rejected")
    );
}
