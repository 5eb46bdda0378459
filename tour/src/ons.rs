//! Tour section: oxen-ons. Registers a name locally (validate, hash, encrypt a Session ID and
//! build the owner's update signature), then resolves it (decrypt by name) and shows what goes
//! on chain.

use oxen_crypto::address::Network;
use oxen_ons::owner::{Ed25519Owner, sign_ed25519};
use oxen_ons::{
    EncryptedValue, MappingType, NameHash, Owner, SessionId, Value, decrypt, encrypt,
    update_signature_hash, validate_ons_name, verify_ons_signature,
};

/// Runs this section of the tour.
pub fn run() {
    println!("\n== oxen-ons: register a Session name, then resolve it");
    let mut rng = rand::rng();

    // 1. The user types a name; validation lower-cases it and checks every rule.
    let typed = "Oxen_Tour";
    let (name, t) = crate::timed(|| validate_ons_name(MappingType::Session, typed.as_bytes()));
    let name = name.expect("valid session name");
    assert_eq!(name.as_str(), "oxen_tour");
    println!("validate {typed:?} -> {:?} ({t:?})", name.as_str());
    assert!(validate_ons_name(MappingType::Lokinet, b"ab--cd.loki").is_err());

    // 2. The public name hash (the on-chain and database key).
    let (hash, t) = crate::timed(|| name.hash());
    assert_eq!(hash, NameHash::of("oxen_tour").unwrap());
    println!("name hash {hash} ({t:?})");

    // 3. Encrypt the Session ID under a key only someone knowing the name can derive.
    let session_id =
        SessionId::parse("05d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a72")
            .unwrap();
    let value = Value::Session(session_id);
    let (stored, t) = crate::timed(|| encrypt(name.as_str(), &value, &mut rng));
    let stored = stored.unwrap();
    assert_eq!(stored.len(), 73);
    assert!(EncryptedValue::new(MappingType::Session, stored.as_bytes()).is_ok());
    println!(
        "encrypted value, {} bytes on chain ({t:?}):\n  {}",
        stored.len(),
        hex::encode(stored.as_bytes())
    );

    // 4. Later, the owner (an ed25519 key) updates the record: sign the update hash.
    let owner_key = ed25519_dalek_key();
    let owner = Owner::Ed25519(Ed25519Owner(owner_key.verifying_key().to_bytes()));
    let prev_txid = [0x5au8; 32];
    let (sig_hash, t) =
        crate::timed(|| update_signature_hash(stored.as_bytes(), None, None, &prev_txid));
    let sig_hash = sig_hash.unwrap();
    let sig = sign_ed25519(&sig_hash, &owner_key);
    assert!(verify_ons_signature(&sig_hash, &sig, &owner));
    println!(
        "update signature hash {} ({t:?}), ed25519 signature verifies",
        hex::encode(sig_hash)
    );

    // 5. Resolve: anyone who knows the name decrypts; the wrong name fails.
    let (resolved, t) =
        crate::timed(|| decrypt("oxen_tour", MappingType::Session, stored.as_bytes()));
    let resolved = resolved.unwrap();
    assert_eq!(resolved, value);
    println!(
        "resolve oxen_tour -> {} ({t:?})",
        resolved.to_readable_value(Network::Mainnet)
    );
    assert!(decrypt("oxen_tours", MappingType::Session, stored.as_bytes()).is_err());
    println!("resolve with a wrong name fails, as it must");
}

/// A fixed ed25519 owner key for the tour.
fn ed25519_dalek_key() -> oxen_ons::ed25519_dalek::SigningKey {
    oxen_ons::ed25519_dalek::SigningKey::from_bytes(&[7u8; 32])
}
