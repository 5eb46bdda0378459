//! 25-word wallet seeds (`seed`, feature `mnemonic`): oxen-core's own test wallets restore to
//! their keys and addresses; every 32-byte case of oxen-mnemonic's `oxen_electrum.json`
//! restores to `sc_reduce32` of its bytes (and the rejections to the reference's errors); spend
//! keys round-trip through the words of every language; the reductions of
//! `account_base::generate(recover = true)`; the standard address.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use oxen_crypto::address::{Address, AddressKind, Network};
use oxen_crypto::base58::decode_addr;
use oxen_crypto::hash::keccak256;
use oxen_crypto::seed::{
    Language, MnemonicError, SEED_WORDS, WalletKeys, spend_secret_to_words, view_secret_from_spend,
    words_to_spend_secret,
};
use oxen_crypto::{Error, Scalar, SecretKey};
use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;
use serde_json::Value;

/// oxen-core b208672e tests/functional_tests/wallet.py:86-109 (and transfer.py:65-66): the seed,
/// its spend and view secret keys, and the address wallet RPC reports for it. The addresses
/// carry Monero's mainnet prefix 18 (the functional tests came from Monero); their keys are
/// what any network's address of the wallet holds.
const VELVET: &str = "velvet lymph giddy number token physics poetry unquoted nibs useful sabotage limits benches lifestyle eden nitrogen anvil fewest avoid batch vials washing fences goat unquoted";
const VELVET_SPEND: &str = "148d78d2aba7dbca5cd8f6abcfb0b3c009ffbdbea1ff373d50ed94d78286640e";
const VELVET_VIEW: &str = "49774391fa5e8d249fc2c5b45dadef13534bf2483dede880dac88f061e809100";
const VELVET_ADDRESS: &str = "42ey1afDFnn4886T7196doS9GPMzexD9gXpsZJDwVjeRVdFCSoHnv7KPbBeGpzJBzHRCAs9UxqeoyFQMYbqSWYTfJJQAWDm";
/// wallet.py:292-294.
const PEELED: &str = "peeled mixture ionic radar utopia puddle buying illness nuns gadget river spout cavernous bounced paradise drunk looking cottage jump tequila melting went winter adjust spout";
const PEELED_ADDRESS: &str = "44Kbx4sJ7JDRDV5aAhLJzQCjDz2ViLRduE3ijDZu3osWKBjMGkV1XPk4pfDUMqt1Aiezvephdqm6YD19GKFD9ZcXVUTp6BW";

fn hex_of(k: &SecretKey) -> String {
    hex::encode(&k.to_bytes()[..])
}

/// `(spend public, view public)` of a reference address string.
fn keys_of(address: &str) -> (Vec<u8>, Vec<u8>) {
    let (prefix, payload) = decode_addr(address).unwrap();
    assert_eq!(prefix, 18, "Monero mainnet standard prefix");
    assert_eq!(payload.len(), 64);
    (payload[..32].to_vec(), payload[32..].to_vec())
}

#[test]
fn oxen_core_test_wallets_restore_to_their_keys() {
    let (w, language) = WalletKeys::from_words(VELVET).unwrap();
    assert_eq!(language, Language::English);
    assert_eq!(hex_of(w.spend_secret()), VELVET_SPEND);
    assert_eq!(hex_of(w.view_secret()), VELVET_VIEW);
    assert_eq!(w.to_words(Language::English).unwrap().expose_str(), VELVET);
    for (words, address) in [(VELVET, VELVET_ADDRESS), (PEELED, PEELED_ADDRESS)] {
        let (w, _) = WalletKeys::from_words(words).unwrap();
        let (spend, view) = keys_of(address);
        assert_eq!(w.spend_public().as_bytes()[..], spend[..]);
        assert_eq!(w.view_public().as_bytes()[..], view[..]);
        // The same keys under Oxen's prefixes: the address string parses back to them.
        for network in Network::DISTINCT {
            let a = w.address(network);
            assert_eq!(a.kind(), AddressKind::Standard);
            let s = a.to_address_string();
            let parsed = Address::from_str_for_network(network, &s).unwrap();
            assert_eq!(parsed, a);
            assert_eq!(parsed.spend_public_key().as_bytes()[..], spend[..]);
            assert_eq!(parsed.view_public_key().as_bytes()[..], view[..]);
        }
        assert!(
            w.address(Network::Mainnet)
                .to_address_string()
                .starts_with('L')
        );
        assert!(
            w.address(Network::Testnet)
                .to_address_string()
                .starts_with('T')
        );
    }
}

/// The error variant each oxen-core message of `oxen_electrum.json` names.
fn reference_error(msg: &str) -> MnemonicError {
    use MnemonicError as M;
    match msg {
        "Invalid seed: unexpected number of words" => M::WrongWordCount,
        "Invalid seed: language not found" => M::LanguageNotFound,
        "Invalid seed: invalid checksum" => M::InvalidChecksum,
        "Invalid seed: mumble mumble" => M::TripleOverflow,
        "Invalid seed: wrong output size" => M::WrongOutputSize,
        "unknown language (bytes_to_words returns false)" => M::LanguageNotEncodable,
        other => panic!("unmapped message {other:?}"),
    }
}

/// Every case of the 32-byte API (no `len`) of oxen-mnemonic's copy of the shared vector file:
/// accepted words restore to `sc_reduce32(seed)` with the view key of that key; the wallet's
/// words (op `both`) are the vector's words; refused words and the refused encoding give the
/// reference's error.
#[test]
fn every_wallet_seed_vector_restores_as_upstream() {
    let file: Value = serde_json::from_str(include_str!(
        "../../oxen-mnemonic/tests/vectors/oxen_electrum.json"
    ))
    .unwrap();
    let (mut accepted, mut refused) = (0, 0);
    for c in file["cases"].as_array().unwrap() {
        if c.get("len").is_some() {
            continue; // the general form, not a wallet seed
        }
        let name = c["name"].as_str().unwrap();
        let language = c
            .get("language")
            .map(|l| Language::from_name(l.as_str().unwrap()).unwrap());
        if c["op"] == "encode" {
            let err = reference_error(c["error"].as_str().unwrap());
            let key = SecretKey::from_canonical_bytes(&[1; 32]).unwrap();
            assert_eq!(
                spend_secret_to_words(&key, language.unwrap()).map(|_| ()),
                Err(Error::Mnemonic(err)),
                "{name}"
            );
            refused += 1;
            continue;
        }
        let words = c["words"].as_str().unwrap();
        let got = WalletKeys::from_words(words);
        if let Some(msg) = c.get("error") {
            let want = Error::Mnemonic(reference_error(msg.as_str().unwrap()));
            assert_eq!(got.map(|_| ()).err(), Some(want), "{name}");
            assert_eq!(
                words_to_spend_secret(words).map(|_| ()),
                Err(want),
                "{name}"
            );
            refused += 1;
            continue;
        }
        let seed: [u8; 32] = hex::decode(c["seed_hex"].as_str().unwrap())
            .unwrap()
            .try_into()
            .unwrap();
        let (w, lang) = got.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(Some(lang), language, "{name}");
        let reduced = Scalar::from_bytes_mod_order(seed).to_bytes();
        assert_eq!(w.spend_secret().to_bytes()[..], reduced[..], "{name}");
        let view = Scalar::from_bytes_mod_order(keccak256(&reduced)).to_bytes();
        assert_eq!(w.view_secret().to_bytes()[..], view[..], "{name}");
        assert_eq!(w.spend_public(), w.spend_secret().public_key());
        assert_eq!(w.view_public(), w.view_secret().public_key());
        if c["op"] == "both" && reduced == seed {
            let phrase = w.to_words(lang).unwrap();
            assert_eq!(phrase.expose_str(), words, "{name}");
            assert_eq!(phrase.word_count(), SEED_WORDS);
        }
        accepted += 1;
    }
    // 82 accepted (45 both ways, 37 decode only) and 32 refused 32-byte cases in the public file.
    assert!(
        accepted >= 80 && refused >= 30,
        "{accepted} accepted, {refused} refused"
    );
}

/// Spend secret -> 25 words -> the same wallet, in every language oxen-core encodes; the
/// language is found again.
#[test]
fn spend_secret_round_trips_in_every_language() {
    let mut rng = ChaCha20Rng::seed_from_u64(25);
    for language in Language::ENCODABLE {
        for _ in 0..4 {
            let spend = SecretKey::random(&mut rng);
            let wallet = WalletKeys::from_spend_secret(spend.clone());
            let words = spend_secret_to_words(&spend, language).unwrap();
            assert_eq!(words.word_count(), SEED_WORDS);
            assert_eq!(wallet.to_words(language).unwrap(), words);
            let (restored, found) = WalletKeys::from_words(words.expose_str()).unwrap();
            assert_eq!(found, language);
            assert_eq!(restored.spend_secret(), &spend);
            assert_eq!(restored.view_secret(), wallet.view_secret());
            assert_eq!(
                restored.address(Network::Mainnet),
                wallet.address(Network::Mainnet)
            );
            // 24 words (no checksum word) restore the same key.
            let w24: Vec<&str> = words.expose_str().split(' ').take(24).collect();
            assert_eq!(words_to_spend_secret(&w24.join(" ")).unwrap().0, spend);
        }
    }
}

/// The reductions of `account_base::generate(recover = true)`: the spend key is
/// `sc_reduce32` of the decoded bytes, the view key `sc_reduce32(keccak)` of the *reduced*
/// spend key; a seed of bytes `>= l` restores the reduced key, whose words differ.
#[test]
fn non_canonical_seed_bytes_are_reduced_as_upstream() {
    // oxen_electrum.json "English #9": the 32 bytes 0xff.
    let words = "foamy solved soggy foamy solved soggy foamy solved soggy foamy solved soggy foamy solved soggy foamy solved soggy foamy solved soggy foamy solved soggy soggy";
    let ff = [0xffu8; 32];
    let (w, _) = WalletKeys::from_words(words).unwrap();
    let reduced = Scalar::from_bytes_mod_order(ff).to_bytes();
    assert_eq!(w.spend_secret().to_bytes()[..], reduced[..]);
    assert_eq!(
        w.view_secret().to_bytes()[..],
        Scalar::from_bytes_mod_order(keccak256(&reduced)).to_bytes()[..]
    );
    // Not the keccak of the bytes as typed.
    assert_ne!(
        w.view_secret().to_bytes()[..],
        Scalar::from_bytes_mod_order(keccak256(&ff)).to_bytes()[..]
    );
    assert_eq!(
        view_secret_from_spend(w.spend_secret()),
        w.view_secret().clone()
    );
    let direct = WalletKeys::from_recovery_key(&ff);
    assert_eq!(direct.spend_secret(), w.spend_secret());
    assert_eq!(direct.view_secret(), w.view_secret());
    // The restored wallet shows the words of the reduced key.
    let shown = w.to_words(Language::English).unwrap();
    assert_ne!(shown.expose_str(), words);
    assert_eq!(
        WalletKeys::from_words(shown.expose_str())
            .unwrap()
            .0
            .spend_secret(),
        w.spend_secret()
    );
}

/// The reference's refusals, one per reason, as `Error::Mnemonic` with oxen-mnemonic's variant.
#[test]
fn restore_errors_are_the_references() {
    use MnemonicError as M;
    let mut words: Vec<&str> = VELVET.split(' ').collect();
    let refuse = |w: &str| WalletKeys::from_words(w).map(|_| ()).unwrap_err();
    // Wrong count: 23 and 26 words, 13 (a Session phrase).
    assert_eq!(
        refuse(&words[..23].join(" ")),
        Error::Mnemonic(M::WrongWordCount)
    );
    assert_eq!(
        refuse(&format!("{VELVET} goat")),
        Error::Mnemonic(M::WrongWordCount)
    );
    assert_eq!(
        refuse(&words[..13].join(" ")),
        Error::Mnemonic(M::WrongWordCount)
    );
    // 12 words pass the count and are refused for their size.
    assert_eq!(
        refuse(&words[..12].join(" ")),
        Error::Mnemonic(M::WrongOutputSize)
    );
    // Wrong checksum word; two words swapped.
    let mut wrong = words.clone();
    wrong[24] = "velvet";
    assert_eq!(
        refuse(&wrong.join(" ")),
        Error::Mnemonic(M::InvalidChecksum)
    );
    words.swap(0, 1);
    assert_eq!(
        refuse(&words.join(" ")),
        Error::Mnemonic(M::InvalidChecksum)
    );
    words.swap(0, 1);
    // An unknown word; a word of another language (mixed languages).
    let mut unknown = words.clone();
    unknown[3] = "zzzz";
    assert_eq!(
        refuse(&unknown.join(" ")),
        Error::Mnemonic(M::LanguageNotFound)
    );
    let mut mixed = words.clone();
    mixed[3] = "Abakus"; // German; no English word starts "aba"
    assert_eq!(
        refuse(&mixed.join(" ")),
        Error::Mnemonic(M::LanguageNotFound)
    );
    // EnglishOld is decode only.
    let key = SecretKey::from_canonical_bytes(&[2; 32]).unwrap();
    assert_eq!(
        spend_secret_to_words(&key, Language::EnglishOld).map(|_| ()),
        Err(Error::Mnemonic(M::LanguageNotEncodable))
    );
}
