//! oxen-tx ECDH amount decoding, oxen-onion layer keys and X25519, oxen-ons value decryption:
//! class A a fixed secret, class B a fresh random secret per call.

use dudect_bencher::{BenchRng, Class, CtRunner};
use oxen_onion::keys::x25519;
use oxen_onion::{EncType, HopKey, Role, X25519KeyPair, X25519SecretKey};
use oxen_ons::MappingType;
use oxen_ons::encryption::{decrypt_raw, encrypt_with_nonce, name_to_encryption_key};
use oxen_tx::ecdh::{self, AmountKey, EcdhAmount};
use rand::Rng;

use crate::{draw_class, fail, samples};

/// `samples()` draws of (class, 32 secret bytes): `fixed` for class A, random for class B.
pub(crate) fn fixed_vs_random(rng: &mut BenchRng, fixed: [u8; 32]) -> Vec<(Class, [u8; 32])> {
    (0..samples())
        .map(|_| {
            let class = draw_class(rng);
            let mut b = fixed;
            if matches!(class, Class::Right) {
                rng.fill_bytes(&mut b);
            }
            (class, b)
        })
        .collect()
}

pub(crate) fn ecdh_decode(runner: &mut CtRunner, rng: &mut BenchRng) {
    let enc = EcdhAmount::from_bytes([0x5a; 8]);
    for (class, k) in fixed_vs_random(rng, [0x11; 32]) {
        let key = AmountKey::from_bytes(k);
        runner.run_one(class, || ecdh::ecdh_decode(&enc, &key));
    }
}

pub(crate) fn onion_hop_key_derive(runner: &mut CtRunner, rng: &mut BenchRng) {
    let remote = X25519KeyPair::generate(rng).public;
    for (class, s) in fixed_vs_random(rng, [0x22; 32]) {
        let local = X25519KeyPair::from_secret(X25519SecretKey::from_bytes(s));
        runner.run_one(class, || {
            HopKey::derive(EncType::XChaCha20, &local, &remote, Role::Client)
        });
    }
}

pub(crate) fn x25519_edwards(runner: &mut CtRunner, rng: &mut BenchRng) {
    // a peer key on the curve (not the twist): the Edwards-form path
    let u = X25519KeyPair::generate(rng).public;
    for (class, s) in fixed_vs_random(rng, [0x33; 32]) {
        runner.run_one(class, || x25519(&s, u.as_bytes()));
    }
}

/// A lowercase name of 16 letters from 16 random bytes.
fn name(bytes: &[u8; 32]) -> String {
    bytes
        .iter()
        .take(16)
        .map(|b| char::from(b'a' + b % 26))
        .collect()
}

pub(crate) fn ons_decrypt(runner: &mut CtRunner, rng: &mut BenchRng) {
    // a Session value (33 bytes) encrypted under each name; the name is the secret
    let mut session = [0x42u8; 33];
    session[0] = 0x05;
    let inputs: Vec<(Class, String, Vec<u8>)> = fixed_vs_random(rng, [0x44; 32])
        .into_iter()
        .map(|(class, b)| {
            let n = name(&b);
            let Ok(key) = name_to_encryption_key(&n) else {
                fail("ons name")
            };
            let Ok(enc) = encrypt_with_nonce(&key, &session, &[7; 24]) else {
                fail("ons encrypt")
            };
            (class, n, enc.as_bytes().to_vec())
        })
        .collect();
    for (class, n, enc) in inputs {
        runner.run_one(class, || decrypt_raw(&n, MappingType::Session, &enc));
    }
}
