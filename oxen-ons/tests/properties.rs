//! Property tests: encryption round trips for every type and random names, name validation
//! against an independent model of the rules (on mutations of valid names), wallet value <->
//! address string round trips, value parsers on mutated readable values, and owner signatures.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use oxen_crypto::address::{AddressKind, Network, PaymentId};
use oxen_crypto::{CompressedPoint, Point, Scalar};
use oxen_ons::encryption::is_heavy;
use oxen_ons::owner::{MoneroOwner, sign_monero};
use oxen_ons::*;
use proptest::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;

/// The spec's rules written independently (regular-expression style), on the lower-cased name.
fn model_valid(ty: MappingType, raw: &[u8]) -> bool {
    let max = if ty.is_lokinet() {
        if raw.contains(&b'-') { 68 } else { 37 }
    } else {
        64
    };
    if raw.is_empty() || raw.len() > max {
        return false;
    }
    let n = raw.to_ascii_lowercase();
    let an = |c: &u8| c.is_ascii_lowercase() || c.is_ascii_digit();
    if ty.is_lokinet() {
        // ^[a-z0-9]([a-z0-9-]*[a-z0-9])?\.loki$ minus the reserved names and "??--" labels.
        if [&b"localhost.loki"[..], b"loki.loki", b"snode.loki"].contains(&&n[..]) {
            return false;
        }
        let Some(label) = n.strip_suffix(b".loki") else {
            return false;
        };
        if label.is_empty() {
            return false;
        }
        if label.len() >= 4 && &label[2..4] == b"--" && !label.starts_with(b"xn--") {
            return false;
        }
        an(&label[0]) && an(&label[label.len() - 1]) && label.iter().all(|c| an(c) || *c == b'-')
    } else {
        // ^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?$
        let edge = |c: &u8| an(c) || *c == b'_';
        edge(&n[0]) && edge(&n[n.len() - 1]) && n.iter().all(|c| edge(c) || *c == b'-')
    }
}

fn any_type() -> impl Strategy<Value = MappingType> {
    proptest::sample::select(MappingType::ALL.to_vec())
}

/// Valid names of every shape (plain, `_`/`-` inside, lokinet, punycode, longest), each then
/// edited at 1 to 3 positions (replace, insert, delete), with the bytes the rules care about
/// or any byte: mutations of valid inputs reach every rule, where uniform random bytes stop
/// at the first character check.
fn mutated_valid_name() -> impl Strategy<Value = Vec<u8>> {
    const VALID: &[&str] = &[
        "alice",
        "a",
        "_x_",
        "my-name_2",
        "abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz01",
        "site.loki",
        "xn--bcher-kva.loki",
        "a-b-c.loki",
        "abcdefghijklmnopqrstuvwxyz0123456.loki",
    ];
    let edit = (
        any::<usize>(),
        prop_oneof![
            prop::sample::select(b"aZ09-_.xnlok\x00\x80 ".to_vec()),
            any::<u8>()
        ],
        0u8..3,
    );
    (
        prop::sample::select(VALID),
        prop::collection::vec(edit, 1..=3),
    )
        .prop_map(|(name, edits)| {
            let mut n = name.as_bytes().to_vec();
            for (at, byte, op) in edits {
                let i = at % (n.len() + 1);
                match op {
                    0 if i < n.len() => n[i] = byte,
                    1 => n.insert(i, byte),
                    _ if i < n.len() => {
                        n.remove(i);
                    }
                    _ => n.push(byte),
                }
            }
            n
        })
}

/// Names built from the characters the rules care about, in either case.
fn name_like() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        mutated_valid_name(),
        "[a-zA-Z0-9_.-]{0,70}".prop_map(String::into_bytes),
        "[a-zA-Z0-9-]{0,64}(\\.loki|\\.LOKI|\\.lok|loki)?".prop_map(String::into_bytes),
        "(xn|XN|ab|a)?--[a-z0-9-]{0,8}\\.loki".prop_map(String::into_bytes),
        "(localhost|loki|snode|LocalHost|SNODE)\\.(loki|Loki)".prop_map(String::into_bytes),
    ]
}

fn valid_key() -> impl Strategy<Value = CompressedPoint> {
    any::<[u8; 32]>().prop_map(|b| Point::mul_base(&Scalar::from_bytes_mod_order(b)).compress())
}

fn wallet() -> impl Strategy<Value = WalletValue> {
    let kind = prop_oneof![
        Just(AddressKind::Standard),
        Just(AddressKind::Subaddress),
        any::<[u8; 8]>().prop_map(|p| AddressKind::Integrated(PaymentId(p))),
    ];
    (kind, valid_key(), valid_key()).prop_map(|(kind, spend, view)| WalletValue {
        kind,
        spend,
        view,
    })
}

fn value_of(ty: MappingType) -> BoxedStrategy<Value> {
    match ty {
        MappingType::Session => any::<[u8; 32]>()
            .prop_map(|k| Value::Session(SessionId::from_x25519(k)))
            .boxed(),
        MappingType::Wallet => wallet().prop_map(Value::Wallet).boxed(),
        _ => any::<[u8; 32]>()
            .prop_map(|k| Value::Lokinet(LokinetAddress(k)))
            .boxed(),
    }
}

fn typed_value() -> impl Strategy<Value = (MappingType, Value)> {
    any_type().prop_flat_map(|t| value_of(t).prop_map(move |v| (t, v)))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn encrypt_decrypt_round_trip(
        (ty, value) in typed_value(),
        name in "\\PC{0,40}",
        seed: u64,
    ) {
        let name = name.to_ascii_lowercase();
        let mut rng = ChaCha20Rng::seed_from_u64(seed);
        let enc = encrypt(&name, &value, &mut rng).unwrap();
        let db = ty.db_type();
        prop_assert!(EncryptedValue::new(ty, enc.as_bytes()).is_ok());
        prop_assert!(!is_heavy(db, enc.len()));
        prop_assert_eq!(decrypt(&name, db, enc.as_bytes()), Ok(value));
        if db != ty {
            // decrypt() only takes the stored types (upstream rejects the multi-year ones).
            prop_assert_eq!(decrypt(&name, ty, enc.as_bytes()), Err(Error::DecryptType));
        }
        // Any other name fails to authenticate.
        let other = format!("{name}x");
        prop_assert_eq!(decrypt_raw(&other, db, enc.as_bytes()), Err(Error::DecryptAuth));
        // Any single flipped bit fails.
        let mut bytes = enc.as_bytes().to_vec();
        let bit = (seed as usize) % (bytes.len() * 8);
        bytes[bit / 8] ^= 1 << (bit % 8);
        prop_assert_eq!(decrypt_raw(&name, db, &bytes), Err(Error::DecryptAuth));
    }

    #[test]
    fn validation_matches_model_and_normal_form(ty in any_type(), raw in name_like()) {
        let got = validate_ons_name(ty, &raw);
        prop_assert_eq!(got.is_ok(), model_valid(ty, &raw), "{:?}", got);
        if let Ok(name) = got {
            // Never accepts a name whose normalised form is invalid.
            prop_assert_eq!(name.as_str().as_bytes(), &raw.to_ascii_lowercase()[..]);
            prop_assert_eq!(validate_ons_name(ty, name.as_str().as_bytes()), Ok(name));
            prop_assert!(model_valid(ty, name.as_str().as_bytes()));
            prop_assert_eq!(NameHash::of(name.as_str()), Ok(name.hash()));
        }
    }

    #[test]
    fn wallet_value_address_round_trip(
        w in wallet(),
        net in proptest::sample::select(Network::ALL.to_vec()),
    ) {
        let s = w.to_address(net).to_string();
        prop_assert_eq!(WalletValue::parse(net, &s), Ok(w));
        let v = Value::Wallet(w);
        prop_assert_eq!(v.to_readable_value(net), s.clone());
        prop_assert_eq!(Value::parse(net, MappingType::Wallet, &s), Ok(v));
        let bin = w.to_plaintext();
        prop_assert_eq!(WalletValue::from_bytes(bin.as_bytes()), Ok(w));
        prop_assert_eq!(bin.len(), if w.kind == AddressKind::Standard || w.kind == AddressKind::Subaddress { 65 } else { 73 });
        // The owner of the same address keeps the subaddress flag from the prefix.
        let owner = Owner::parse(net, &s).unwrap();
        prop_assert_eq!(owner, Owner::from_address(&w.to_address(net)));
    }

    #[test]
    fn readable_values_round_trip((ty, value) in typed_value()) {
        let shown = value.to_readable_value(Network::Testnet);
        prop_assert_eq!(Value::parse(Network::Testnet, ty, &shown), Ok(value));
        prop_assert_eq!(Value::from_bytes(ty, value.to_plaintext().as_bytes()), Ok(value));
    }

    #[test]
    fn value_parsers_on_mutated_readable_values(
        (ty, value) in typed_value(),
        edits in prop::collection::vec(
            (any::<usize>(), prop::sample::select(b"0569afAFybndrfg8ejkm1LT.-x".to_vec())),
            1..=3,
        ),
    ) {
        // a valid human form with 1-3 characters replaced: anything that still parses shows
        // and re-parses as itself, and the binary form round-trips
        let mut s = value.to_readable_value(Network::Testnet).into_bytes();
        for (at, b) in edits {
            let i = at % s.len();
            s[i] = b;
        }
        let text = String::from_utf8(s).unwrap();
        if let Ok(v) = Value::parse(Network::Testnet, ty, &text) {
            prop_assert_eq!(Value::parse(Network::Testnet, ty, &v.to_readable_value(Network::Testnet)), Ok(v));
            prop_assert_eq!(Value::from_bytes(ty, v.to_plaintext().as_bytes()), Ok(v));
        }
    }

    #[test]
    fn name_hash_forms(name in "[a-z0-9_-]{0,40}") {
        let h = NameHash::of(&name).unwrap();
        let b64 = h.to_base64();
        prop_assert_eq!(b64.len(), 44);
        prop_assert_eq!(NameHash::from_input(b64.as_bytes()), Ok(h));
        prop_assert_eq!(NameHash::from_input(&b64.as_bytes()[..43]), Ok(h));
        prop_assert_eq!(NameHash::from_input(&h.0), Ok(h));
        prop_assert_eq!(NameHash::from_input(hex::encode_upper(h.0).as_bytes()), Ok(h));
    }
}

#[test]
fn monero_owner_signature() {
    let mut rng = ChaCha20Rng::seed_from_u64(7);
    let (spend_sec, spend_pub) = oxen_crypto::generate_keys(&mut rng);
    let (_, view_pub) = oxen_crypto::generate_keys(&mut rng);
    let owner = Owner::Monero(MoneroOwner {
        spend: spend_pub.compressed(),
        view: view_pub.compressed(),
        is_subaddress: false,
    });
    let hash = update_signature_hash(&[1; 73], None, Some(&owner), &[9; 32]).unwrap();
    let sig = sign_monero(&hash, &spend_pub, &spend_sec, &mut rng).unwrap();
    assert!(verify_ons_signature(&hash, &sig, &owner));
    // Wrong hash, wrong owner type.
    let mut other = hash;
    other[0] ^= 1;
    assert!(!verify_ons_signature(&other, &sig, &owner));
    let ed = Owner::Ed25519(owner::Ed25519Owner(spend_pub.to_bytes()));
    assert!(!verify_ons_signature(&hash, &sig, &ed));
    // The wrong secret is refused before signing.
    let (wrong_sec, _) = oxen_crypto::generate_keys(&mut rng);
    assert!(matches!(
        sign_monero(&hash, &spend_pub, &wrong_sec, &mut rng),
        Err(Error::WalletAddress(_))
    ));
}

/// The legacy scheme end to end (two argon2id derivations of 256 MiB: about two seconds).
#[test]
fn heavy_round_trip() {
    let sid = SessionId::from_x25519([0x42; 32]);
    let enc = encrypt_heavy("legacy", &sid).unwrap();
    assert_eq!(enc.len(), 49);
    assert_eq!(enc.nonce(MappingType::Session), [0; 24]);
    assert_eq!(
        decrypt("legacy", MappingType::Session, enc.as_bytes()),
        Ok(Value::Session(sid))
    );
}
