//! ONS records built from `oxen-ons` values (feature `ons`): the ONS cases of `tx_extra.json`
//! rebuilt byte for byte by the builders, every `update_signature.json` case as an update record
//! (hash from the record, the vector's Ed25519 signature in it, bytes parse back to the same
//! record), both signature forms, and each builder error.
#![cfg(feature = "ons")]
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use oxen_crypto::CompressedPoint;
use oxen_ons::ed25519_dalek::SigningKey;
use oxen_ons::{
    Ed25519Owner, EncryptedValue, MappingType, MoneroOwner, NameHash, Owner, OwnerSignature,
};
use oxen_tx::Error;
use oxen_tx::extra::{ExtraField, OxenNameSystem, TxExtra};
use serde_json::Value;

/// Loads a vector file: oxen-tx's own from `tests/vectors/`, oxen-ons' `update_signature.json`
/// (used here through the record builders) from `tests/ons_vectors/`, outside the directory the
/// vector harness requires to hold only oxen-tx's known files.
fn load(name: &str) -> Value {
    let dir = if name == "update_signature.json" {
        "ons_vectors"
    } else {
        "vectors"
    };
    let path = format!("{}/tests/{dir}/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn h32(v: &Value) -> [u8; 32] {
    hex::decode(v.as_str().unwrap())
        .unwrap()
        .try_into()
        .unwrap()
}

fn owner(v: &Value) -> Option<Owner> {
    match v["type"].as_str()? {
        "ed25519" => Some(Owner::Ed25519(Ed25519Owner(h32(&v["ed25519"])))),
        "monero" => Some(Owner::Monero(MoneroOwner {
            spend: CompressedPoint(h32(&v["spend_public_key"])),
            view: CompressedPoint(h32(&v["view_public_key"])),
            is_subaddress: v["is_subaddress"].as_bool().unwrap(),
        })),
        t => panic!("owner type {t}"),
    }
}

/// Parses `bytes` as a one-field extra and returns the record, asserting the round trip.
fn parse_one(bytes: &[u8]) -> OxenNameSystem {
    let extra = TxExtra::parse(bytes).unwrap();
    match extra.fields() {
        [ExtraField::OxenNameSystem(r)] => r.clone(),
        other => panic!("not one ONS field: {other:?}"),
    }
}

#[test]
fn tx_extra_ons_cases_rebuilt_byte_exact() {
    let v = load("tx_extra.json");
    let mut rebuilt = 0;
    for c in v["cases"].as_array().unwrap() {
        let name = c["name"].as_str().unwrap();
        if c["kind"] != "field" || !name.starts_with("ons_") {
            continue;
        }
        let bytes = hex::decode(c["bytes"].as_str().unwrap()).unwrap();
        let f = &c["fields"][0];
        let ty = MappingType::from_u16(f["mapping_type"].as_u64().unwrap() as u16).unwrap();
        let name_hash = NameHash(h32(&f["name_hash"]));
        let prev = h32(&f["prev_txid"]);
        let value = f["encrypted_value"]
            .as_str()
            .map(|s| EncryptedValue::from_slice(&hex::decode(s).unwrap()).unwrap());
        let own = f.get("owner").and_then(owner);
        let backup = f.get("backup_owner").and_then(owner);
        let record = if name.starts_with("ons_buy") {
            OxenNameSystem::buy(
                ty,
                &name_hash,
                &value.unwrap(),
                &own.unwrap(),
                backup.as_ref(),
                &prev,
            )
        } else if name == "ons_renew" {
            OxenNameSystem::renew(ty, &name_hash, &prev).unwrap()
        } else {
            let s = &f["signature"];
            let data: [u8; 64] = hex::decode(s["data"].as_str().unwrap())
                .unwrap()
                .try_into()
                .unwrap();
            let sig = match s["type"].as_str().unwrap() {
                "ed25519" => OwnerSignature::Ed25519(data),
                _ => OwnerSignature::Monero(oxen_crypto::Signature::from_bytes(&data)),
            };
            OxenNameSystem::update(
                ty,
                &name_hash,
                &sig,
                value.as_ref(),
                own.as_ref(),
                backup.as_ref(),
                &prev,
            )
            .unwrap()
        };
        assert_eq!(record.to_extra_bytes(), bytes, "{name}");
        assert_eq!(parse_one(&bytes), record, "{name}");
        assert_eq!(record.typed_owner(), own, "{name}");
        assert_eq!(record.typed_backup_owner(), backup, "{name}");
        rebuilt += 1;
    }
    assert_eq!(rebuilt, 4, "the four ONS field cases of tx_extra.json");
}

#[test]
fn update_signature_cases_as_update_records() {
    let v = load("update_signature.json");
    let cases = v["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 24);
    for (i, c) in cases.iter().enumerate() {
        let value = hex::decode(c["encrypted_value"].as_str().unwrap()).unwrap();
        let value = EncryptedValue::from_slice(&value).unwrap();
        let own = owner(&c["owner"]);
        let backup = owner(&c["backup_owner"]);
        let prev = h32(&c["prev_txid"]);
        let sk = SigningKey::from_bytes(&h32(&c["ed25519_seed"]));
        assert_eq!(sk.verifying_key().to_bytes(), h32(&c["ed25519_pubkey"]));
        let hash = h32(&c["signature_hash"]);
        let sig = oxen_ons::owner::sign_ed25519(&hash, &sk);
        let expected_sig: [u8; 64] = hex::decode(c["ed25519_signature"].as_str().unwrap())
            .unwrap()
            .try_into()
            .unwrap();
        assert_eq!(sig, OwnerSignature::Ed25519(expected_sig), "case {i}");
        let ty = MappingType::Session;
        let nh = NameHash([i as u8; 32]);
        let built = OxenNameSystem::update(
            ty,
            &nh,
            &sig,
            Some(&value),
            own.as_ref(),
            backup.as_ref(),
            &prev,
        );
        if value.is_empty() && own.is_none() && backup.is_none() {
            assert_eq!(built, Err(Error::OnsUpdateChangesNothing), "case {i}");
            continue;
        }
        let record = built.unwrap();
        // the hash the record says its signer signs is the vector's
        assert_eq!(record.update_signature_hash().unwrap(), hash, "case {i}");
        let bytes = record.to_extra_bytes();
        // the vector's signature bytes sit in the record: type 1, then the 64 bytes
        let pos = bytes
            .windows(65)
            .position(|w| w[0] == 1 && w[1..] == expected_sig)
            .expect("signature in the record");
        assert!(pos > 0);
        let parsed = parse_one(&bytes);
        assert_eq!(parsed, record, "case {i}");
        assert_eq!(parsed.typed_signature().unwrap(), Some(sig));
        assert_eq!(parsed.typed_owner(), own);
        assert_eq!(parsed.typed_backup_owner(), backup);
        assert_eq!(parsed.update_signature_hash().unwrap(), hash);
        // the signer is the record's owner in these vectors only when it is the ed25519 key
        assert!(oxen_ons::verify_ons_signature(
            &hash,
            &sig,
            &Owner::Ed25519(Ed25519Owner(sk.verifying_key().to_bytes()))
        ));
    }
}

#[test]
fn monero_signature_form_round_trips() {
    use rand::SeedableRng;
    let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(7);
    let (b, big_b) = oxen_crypto::generate_keys(&mut rng);
    let (_, big_a) = oxen_crypto::generate_keys(&mut rng);
    let wallet = Owner::Monero(MoneroOwner {
        spend: big_b.compressed(),
        view: big_a.compressed(),
        is_subaddress: false,
    });
    let new_owner = Owner::Ed25519(Ed25519Owner([5; 32]));
    let value = EncryptedValue::new(MappingType::Lokinet, &[3; 72]).unwrap();
    let nh = NameHash::of("scan.loki").unwrap();
    let prev = [8u8; 32];
    let hash =
        oxen_ons::update_signature_hash(value.as_bytes(), Some(&new_owner), None, &prev).unwrap();
    let sig = oxen_ons::owner::sign_monero(&hash, &big_b, &b, &mut rng).unwrap();
    let r = OxenNameSystem::update(
        MappingType::Lokinet,
        &nh,
        &sig,
        Some(&value),
        Some(&new_owner),
        None,
        &prev,
    )
    .unwrap();
    assert_eq!(r.fields, 0x0d);
    let parsed = parse_one(&r.to_extra_bytes());
    assert_eq!(parsed.typed_signature().unwrap(), Some(sig));
    assert_eq!(parsed.update_signature_hash().unwrap(), hash);
    assert!(oxen_ons::verify_update(
        &hash,
        &parsed.typed_signature().unwrap().unwrap(),
        &wallet,
        None
    ));
    assert_eq!(parsed.typed_mapping_type().unwrap(), MappingType::Lokinet);
}

#[test]
fn builder_errors() {
    let nh = NameHash([1; 32]);
    let o = Owner::Ed25519(Ed25519Owner([2; 32]));
    let v = EncryptedValue::new(MappingType::Session, &[0; 73]).unwrap();
    // like the reference's builders, owner == backup owner is built (consensus rejects it)
    let b = OxenNameSystem::buy(MappingType::Session, &nh, &v, &o, Some(&o), &[0; 32]);
    assert_eq!(b.fields, 0x0b);
    let sig = OwnerSignature::Ed25519([0; 64]);
    let empty = EncryptedValue::from_slice(&[]).unwrap();
    assert_eq!(
        OxenNameSystem::update(
            MappingType::Session,
            &nh,
            &sig,
            Some(&empty),
            None,
            None,
            &[1; 32]
        ),
        Err(Error::OnsUpdateChangesNothing)
    );
    assert_eq!(
        OxenNameSystem::renew(MappingType::Session, &nh, &[1; 32]),
        Err(Error::OnsRenewNotLokinet)
    );
    assert_eq!(
        OxenNameSystem::renew(MappingType::Lokinet5Years, &nh, &[0; 32]),
        Err(Error::OnsRenewWithoutPrevTxid)
    );
    // a hand-made record whose value is over 113 bytes
    let mut r = OxenNameSystem::renew(MappingType::Lokinet, &nh, &[1; 32]).unwrap();
    r.fields = 8;
    r.encrypted_value = Some(vec![0; 114]);
    assert_eq!(
        r.update_signature_hash(),
        Err(Error::OnsValueTooLong { len: 114 })
    );
    // a hand-made signature type the parser never produces
    r.fields = 4;
    r.signature = Some(oxen_tx::extra::GenericSignature {
        sig_type: 2,
        data: oxen_tx::extra::Bytes64([0; 64]),
    });
    assert_eq!(r.typed_signature(), Err(Error::ExtraOnsInvalid));
    r.mapping_type = 6;
    assert_eq!(r.typed_mapping_type(), Err(Error::ExtraOnsInvalid));
}
