//! oxen-session: key expansion, Ed25519 and XEd25519 signing, blinded key pairs and blinded
//! signatures, the sealed box (sealing, the box key, opening), multi-recipient and config key
//! derivation, blinded DM decryption.
//!
//! Class A holds a fixed secret, class B a fresh random one per call; every other input is the
//! same for both classes (message, server key, ephemeral key, sender). Each sample gets its own
//! key object, built before the timing, in both classes (so class A does not read one object
//! that stays hot in the cache while class B reads a new one each time).
//!
//! Not timed here, on purpose: the signature check inside `decrypt_incoming` and the sender
//! check of blinded messages are variable time over public data (the signature, the sender's
//! key), and a message to a fixed recipient carries a signature over that recipient's key, so
//! fixed-against-random recipients would compare different public inputs. The secret-dependent
//! part of `decrypt_incoming` is the sealed box opening (`session_sealed_box_open`); the
//! blinded DM row keeps the sender check, whose inputs (the sender's key) are the same in both
//! classes.

use dudect_bencher::{BenchRng, Class, CtRunner};
use oxen_session::blinded_dm::{
    decrypt_from_blinded_recipient, encrypt_for_blinded_recipient_with,
};
use oxen_session::blinding::{blind15_key_pair, blind15_sign, blind25_key_pair, blind25_sign};
use oxen_session::multi::encrypt_for_multiple;
use oxen_session::sealed_box::{BoxKey, seal_open, seal_with};
use oxen_session::{
    Ed25519SecretKey, Seed, ServerPubkey, X25519KeyPair, X25519SecretKey, config, ed25519, xed25519,
};

use crate::fail;
use crate::protocol::fixed_vs_random;

const MESSAGE: [u8; 64] = [0x42; 64];
const SERVER: ServerPubkey = ServerPubkey([0x53; 32]);

/// `samples()` Ed25519 keys: the fixed seed for class A, a random seed for class B.
fn keys(rng: &mut BenchRng, fixed: [u8; 32]) -> Vec<(Class, Ed25519SecretKey)> {
    fixed_vs_random(rng, fixed)
        .into_iter()
        .map(|(c, s)| (c, Ed25519SecretKey::from_seed(Seed::from_array(s))))
        .collect()
}

/// `samples()` X25519 key pairs: the fixed secret for class A, a random one for class B.
fn x25519_pairs(rng: &mut BenchRng, fixed: [u8; 32]) -> Vec<(Class, X25519KeyPair)> {
    fixed_vs_random(rng, fixed)
        .into_iter()
        .map(|(c, s)| {
            (
                c,
                X25519KeyPair::from_secret(X25519SecretKey::from_bytes(s)),
            )
        })
        .collect()
}

pub(crate) fn ed25519_key_from_seed(runner: &mut CtRunner, rng: &mut BenchRng) {
    for (class, s) in fixed_vs_random(rng, [0x11; 32]) {
        let seed = Seed::from_array(s);
        runner.run_one(class, || Ed25519SecretKey::from_seed(seed.clone()));
    }
}

pub(crate) fn ed25519_sign(runner: &mut CtRunner, rng: &mut BenchRng) {
    for (class, key) in keys(rng, [0x12; 32]) {
        runner.run_one(class, || ed25519::sign(&key, &MESSAGE));
    }
}

pub(crate) fn xed25519_sign(runner: &mut CtRunner, rng: &mut BenchRng) {
    for (class, pair) in x25519_pairs(rng, [0x13; 32]) {
        runner.run_one(class, || {
            xed25519::sign_with(&pair.secret, &MESSAGE, &[0x5a; 64])
        });
    }
}

pub(crate) fn blind15_key_pair_row(runner: &mut CtRunner, rng: &mut BenchRng) {
    for (class, key) in keys(rng, [0x14; 32]) {
        runner.run_one(class, || blind15_key_pair(&key, &SERVER));
    }
}

pub(crate) fn blind25_key_pair_row(runner: &mut CtRunner, rng: &mut BenchRng) {
    for (class, key) in keys(rng, [0x15; 32]) {
        runner.run_one(class, || blind25_key_pair(&key, &SERVER));
    }
}

pub(crate) fn blind15_sign_row(runner: &mut CtRunner, rng: &mut BenchRng) {
    for (class, key) in keys(rng, [0x16; 32]) {
        runner.run_one(class, || blind15_sign(&key, &SERVER, &MESSAGE));
    }
}

pub(crate) fn blind25_sign_row(runner: &mut CtRunner, rng: &mut BenchRng) {
    for (class, key) in keys(rng, [0x17; 32]) {
        runner.run_one(class, || blind25_sign(&key, &SERVER, &MESSAGE));
    }
}

/// `crypto_box_beforenm(E, y)`: the recipient's secret `y`, a fixed ephemeral `E`.
pub(crate) fn box_key(runner: &mut CtRunner, rng: &mut BenchRng) {
    let ephemeral = X25519KeyPair::generate(rng).public;
    for (class, pair) in x25519_pairs(rng, [0x18; 32]) {
        runner.run_one(class, || BoxKey::beforenm(&ephemeral, &pair.secret));
    }
}

/// Sealing to a fixed recipient with the fixed or a random ephemeral secret.
pub(crate) fn sealed_box_seal(runner: &mut CtRunner, rng: &mut BenchRng) {
    let recipient = X25519KeyPair::generate(rng).public;
    for (class, pair) in x25519_pairs(rng, [0x19; 32]) {
        runner.run_one(class, || seal_with(&pair.secret, &recipient, &MESSAGE));
    }
}

/// Opening, by the fixed or a random recipient, a box sealed to it with the same ephemeral key
/// (so `E` and the lengths are the same in both classes).
pub(crate) fn sealed_box_open(runner: &mut CtRunner, rng: &mut BenchRng) {
    let ephemeral = X25519SecretKey::from_bytes([0x2a; 32]);
    let inputs: Vec<(Class, X25519KeyPair, Vec<u8>)> = x25519_pairs(rng, [0x1a; 32])
        .into_iter()
        .map(|(c, pair)| {
            let Ok(sealed) = seal_with(&ephemeral, &pair.public, &MESSAGE) else {
                fail("seal")
            };
            (c, pair, sealed)
        })
        .collect();
    for (class, pair, sealed) in inputs {
        runner.run_one(class, || seal_open(&pair, &sealed));
    }
}

/// The sender's secret of a multi-recipient message to one fixed recipient.
pub(crate) fn multi_encrypt_key(runner: &mut CtRunner, rng: &mut BenchRng) {
    let recipient = [X25519KeyPair::generate(rng).public];
    for (class, sender) in x25519_pairs(rng, [0x1b; 32]) {
        runner.run_one(class, || {
            encrypt_for_multiple(&[&MESSAGE], &recipient, &[7; 24], &sender, b"ct")
        });
    }
}

/// The key base of a config message.
pub(crate) fn config_encrypt_key(runner: &mut CtRunner, rng: &mut BenchRng) {
    for (class, k) in fixed_vs_random(rng, [0x1c; 32]) {
        let key = config::KeyBase::from_array(k);
        runner.run_one(class, || {
            config::encrypt(&MESSAGE, &key, config::USER_PROFILE)
        });
    }
}

/// A 25-blinded DM from a fixed sender, opened by the fixed or a random recipient.
pub(crate) fn blinded_dm_decrypt(runner: &mut CtRunner, rng: &mut BenchRng) {
    let sender = Ed25519SecretKey::from_seed(Seed::from_array([0x1d; 32]));
    let sender_id = blind25_key_pair(&sender, &SERVER).id();
    let inputs: Vec<_> = keys(rng, [0x1e; 32])
        .into_iter()
        .map(|(c, key)| {
            let id = blind25_key_pair(&key, &SERVER).id();
            let Ok(ct) =
                encrypt_for_blinded_recipient_with(&sender, &SERVER, &id, &MESSAGE, &[9; 24])
            else {
                fail("blinded encrypt")
            };
            (c, key, id, ct)
        })
        .collect();
    for (class, key, id, ct) in inputs {
        runner.run_one(class, || {
            decrypt_from_blinded_recipient(&key, &SERVER, &sender_id, &id, &ct)
        });
    }
}
