//! Tour section: a wallet finds its outputs. The receiving wallet is restored from its 25 seed
//! words (spend key, view key, address, as oxen-core's restore). A CLSAG transaction pays one output to a
//! subaddress and the change to the main address (one additional key per output); a view-only
//! scanner finds both, names the subaddress and decodes amounts and unlock times; with the spend
//! key it computes the key images, and a later transaction spending the subaddress output
//! carries exactly that key image and verifies. Then an ONS update record for the name of the
//! oxen-ons section goes into tx_extra and is parsed back.

use oxen_crypto::address::Network;
use oxen_crypto::seed::{Language, WalletKeys};
use oxen_crypto::{
    CompressedPoint, Point, PublicKey, Scalar, SecretKey, SecretScalar, derivation_to_scalar,
    derive_public_key, generate_key_derivation, get_subaddress,
};
use oxen_ons::owner::{Ed25519Owner, sign_ed25519};
use oxen_ons::{MappingType, NameHash, Owner, SessionId, Value, encrypt};
use oxen_tx::commitment::commit;
use oxen_tx::ecdh::AmountKey;
use oxen_tx::extra::{ExtraField, OxenNameSystem, TxExtra};
use oxen_tx::rct::{CtKey, RING_SIZE, RctInput, RctOutput};
use oxen_tx::scan::{Lookahead, OwnedOutput, Scanner, SubaddressIndex, ViewKeys};
use oxen_tx::transaction::{Transaction, build_clsag_transaction};

use crate::timed;

/// A ring of 10 around `real` at index 3: decoys are random keys and commitments.
fn ring_around<R: rand::CryptoRng>(rng: &mut R, real: CtKey) -> Vec<CtKey> {
    let mut p = || CompressedPoint(Point::mul_base(&Scalar::random(rng)).to_bytes());
    (0..RING_SIZE)
        .map(|i| {
            if i == 3 {
                real
            } else {
                CtKey {
                    dest: p(),
                    mask: p(),
                }
            }
        })
        .collect()
}

/// An input of `amount` that a random one-time key owns.
fn foreign_input<R: rand::CryptoRng>(rng: &mut R, amount: u64) -> RctInput {
    let secret_key = SecretKey::random(rng);
    let mask = SecretScalar::random(rng);
    let real = CtKey {
        dest: secret_key.public_key().compressed(),
        mask: CompressedPoint(commit(amount, &mask).to_bytes()),
    };
    RctInput {
        ring: ring_around(rng, real),
        real_index: 3,
        secret_key,
        mask,
        amount,
    }
}

/// Runs this section of the tour.
pub fn run() {
    println!("\n== oxen-tx scan: a wallet finds, opens and later spends its outputs");
    let mut rng = rand::rng();
    // The receiving wallet as its owner keeps it: 25 words (a new wallet's spend key in
    // words), from which it is restored before scanning.
    let words = WalletKeys::from_spend_secret(SecretKey::random(&mut rng))
        .to_words(Language::English)
        .unwrap();
    let first_two: Vec<&str> = words.expose_str().split(' ').take(2).collect();
    let ((wallet, language), t_restore) =
        timed(|| WalletKeys::from_words(words.expose_str()).unwrap());
    assert_eq!(language, Language::English);
    println!(
        "  receiving wallet restored from its 25 words (\"{} {} ...\")          {t_restore:>10.2?}",
        first_two[0], first_two[1]
    );
    println!(
        "    address {}",
        wallet.address(Network::Mainnet).to_address_string()
    );
    let a = wallet.view_secret().clone();
    let b = wallet.spend_secret().clone();
    let big_b = b.public_key();
    let sub = SubaddressIndex::new(3, 7);
    let (sub_spend, sub_view) = get_subaddress(&big_b, &a, sub.major, sub.minor).unwrap();
    let (main_spend, main_view) = get_subaddress(&big_b, &a, 0, 0).unwrap();
    // The main address's keys are the restored wallet's.
    assert_eq!(
        (main_spend, main_view),
        (wallet.spend_public(), wallet.view_public())
    );

    // Sender: 1.5 OXEN to the subaddress, the rest to the main address (as change would).
    let fee = 20_000_000;
    let amounts = [1_500_000_000u64, 2_480_000_000];
    let r = SecretKey::random(&mut rng);
    let mut extra = vec![0x01];
    extra.extend_from_slice(r.public_key().as_bytes());
    extra.extend_from_slice(&[0x04, 2]);
    let mut outputs = Vec::new();
    for (i, (spend, view, is_sub)) in [(sub_spend, sub_view, true), (main_spend, main_view, false)]
        .into_iter()
        .enumerate()
    {
        let ri = SecretKey::random(&mut rng);
        let big_ri = if is_sub {
            PublicKey::from_point(&(spend.decompress().unwrap() * ri.as_secret_scalar()))
        } else {
            ri.public_key()
        };
        extra.extend_from_slice(big_ri.as_bytes());
        let d = generate_key_derivation(&view, &ri).unwrap();
        outputs.push(RctOutput {
            dest: derive_public_key(&d, i as u64, &spend)
                .unwrap()
                .compressed(),
            amount: amounts[i],
            amount_key: AmountKey::from_secret_scalar(&derivation_to_scalar(&d, i as u64)),
        });
    }
    let input = foreign_input(&mut rng, amounts[0] + amounts[1] + fee);
    let offsets: Vec<u64> = (0..RING_SIZE as u64).map(|i| 5000 + 7 * i).collect();
    let (tx, _) =
        build_clsag_transaction(vec![(input, offsets)], &outputs, fee, extra, &mut rng).unwrap();
    let blob = tx.to_bytes().unwrap();
    let tx = Transaction::parse_and_validate(&blob).unwrap();
    println!("  transaction: 2 outputs, {} bytes", blob.len());

    // View-only wallet: table of 50 x 200 subaddresses.
    let keys = ViewKeys::new(a.clone(), big_b).unwrap();
    let (scanner, t_table) = timed(|| Scanner::new(keys, Lookahead::default()).unwrap());
    let mut scanner = scanner;
    println!(
        "  view-only scanner, {} subaddresses in its table               {t_table:>10.2?}",
        scanner.table().len()
    );
    let (found, t_scan) = timed(|| scanner.scan(&tx));
    assert!(found.issues.is_empty() && found.rejected.is_empty());
    assert_eq!(found.owned.len(), 2);
    println!(
        "  scanned view-only ({:?} tx; includes growing the table)       {t_scan:>10.2?}",
        found.tx_type
    );
    for o in &found.owned {
        assert_eq!(o.amount, amounts[o.index]);
        assert!(o.spend.is_none());
        println!(
            "    output {}: {} to subaddress ({}, {}), unlock time {}, commitment opens",
            o.index,
            oxen(o.amount),
            o.subaddress.major,
            o.subaddress.minor,
            o.unlock_time
        );
    }
    assert_eq!(found.owned[0].subaddress, sub);
    assert_eq!(found.owned[1].subaddress, SubaddressIndex::MAIN);
    println!(
        "    the table grew past (3, 7): account 3 now has {} addresses",
        scanner.table().minor_end(3)
    );

    // With the spend key: one-time secrets and key images.
    let mut full = Scanner::new(ViewKeys::new(a, big_b).unwrap(), Lookahead::default())
        .unwrap()
        .with_spend_secret(b)
        .unwrap();
    let (found, t_full) = timed(|| full.scan(&tx));
    println!("  scanned with the spend key                                    {t_full:>10.2?}");
    let mine: &OwnedOutput = &found.owned[0];
    let spend = mine.spend.as_ref().unwrap();
    println!(
        "    output 0 key image {}",
        hex::encode(spend.key_image.as_bytes())
    );

    // Later: spend the subaddress output; the new transaction carries that key image.
    let real = CtKey {
        dest: mine.output_key,
        mask: tx.rct.out_pk[0],
    };
    let input = RctInput {
        ring: ring_around(&mut rng, real),
        real_index: 3,
        secret_key: spend.one_time_secret.clone(),
        mask: mine.mask.clone(),
        amount: mine.amount,
    };
    let ring = input.ring.clone();
    let to = RctOutput {
        dest: CompressedPoint(Point::mul_base(&Scalar::random(&mut rng)).to_bytes()),
        amount: mine.amount - fee,
        amount_key: AmountKey::from_bytes([9; 32]),
    };
    let offsets: Vec<u64> = (0..RING_SIZE as u64).map(|i| 9000 + 11 * i).collect();
    let (spend_tx, _) =
        build_clsag_transaction(vec![(input, offsets)], &[to], fee, vec![0x01; 33], &mut rng)
            .unwrap();
    assert_eq!(spend_tx.key_images(), vec![spend.key_image]);
    spend_tx.verify_ringct_only(&[ring]).unwrap();
    println!("    a later spend of it carries that key image and verifies (CLSAG, ring 10)");

    ons_update_record();
}

/// Formats atomic units as OXEN.
fn oxen(atomic: u64) -> String {
    format!(
        "{}.{:09} OXEN",
        atomic / 1_000_000_000,
        atomic % 1_000_000_000
    )
}

/// The owner of the oxen-ons section's name points it at a new Session ID: the update record.
fn ons_update_record() {
    let mut rng = rand::rng();
    let owner_key = oxen_ons::ed25519_dalek::SigningKey::from_bytes(&[7u8; 32]);
    let new_owner = Owner::Ed25519(Ed25519Owner([0x42; 32]));
    let session =
        SessionId::parse("05d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a72")
            .unwrap();
    let value = encrypt("oxen_tour", &Value::Session(session), &mut rng).unwrap();
    let prev_txid = [0x5au8; 32];
    let hash =
        oxen_ons::update_signature_hash(value.as_bytes(), Some(&new_owner), None, &prev_txid)
            .unwrap();
    let sig = sign_ed25519(&hash, &owner_key);
    let name = NameHash::of("oxen_tour").unwrap();
    let record = OxenNameSystem::update(
        MappingType::Session,
        &name,
        &sig,
        Some(&value),
        Some(&new_owner),
        None,
        &prev_txid,
    )
    .unwrap();
    let bytes = record.to_extra_bytes();
    let parsed = TxExtra::parse(&bytes).unwrap();
    let [ExtraField::OxenNameSystem(back)] = parsed.fields() else {
        panic!("one ONS field");
    };
    assert_eq!(back, &record);
    assert_eq!(back.update_signature_hash().unwrap(), hash);
    assert!(oxen_ons::verify_ons_signature(
        &hash,
        &back.typed_signature().unwrap().unwrap(),
        &Owner::Ed25519(Ed25519Owner(owner_key.verifying_key().to_bytes()))
    ));
    println!(
        "  ONS update record for oxen_tour: tx_extra field 0x7a, {} bytes, fields {:#04x} \
         (owner, signature, value)",
        bytes.len(),
        back.fields
    );
    println!(
        "    parsed back: name hash {}, new ed25519 owner {}…, signature verifies against the owner",
        NameHash(back.name_hash),
        match back.typed_owner() {
            Some(Owner::Ed25519(k)) => hex::encode(&k.0[..8]),
            other => format!("{other:?}"),
        }
    );
}
