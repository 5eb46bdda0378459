//! One-to-one messages and Ed25519: ours, libsodium's composition (what libsession-util
//! calls), RustCrypto's (`crypto_box` sealed box + `ed25519-dalek`), and the floors.

use std::hint::black_box;

use curve25519_dalek::edwards::{CompressedEdwardsY, EdwardsPoint};
use curve25519_dalek::montgomery::MontgomeryPoint;
use curve25519_dalek::scalar::Scalar;
use ed25519_dalek::{Signer as _, Verifier as _};
use oxen_session::oxen_keys::LiftedPublicKey;
use oxen_session::{
    Ed25519SecretKey, Seed, X25519KeyPair, decrypt_incoming, ed25519, encrypt_for_recipient,
};
use rand_chacha::ChaCha20Rng;
use rand_chacha::rand_core::SeedableRng;
use rand_chacha_03::rand_core::SeedableRng as _;
use sha2::{Digest, Sha512};

use super::sodium;
use super::{Case, FLOOR, LIBSODIUM, OURS, RUSTCRYPTO, case};

/// ed25519-dalek (curve25519-dalek 5, the same build as ours).
pub(crate) const DALEK: &str = "ed25519-dalek";

/// Bytes of the one-to-one message (a typical Session protobuf message).
pub(crate) const MESSAGE_LEN: usize = 128;

/// An account: ours, and the same key as libsodium and ed25519-dalek hold it.
pub(crate) struct Account {
    pub(crate) ours: Ed25519SecretKey,
    pub(crate) x25519: X25519KeyPair,
    pub(crate) sodium_sk: [u8; 64],
    pub(crate) ed_pk: [u8; 32],
    pub(crate) x_pk: [u8; 32],
    pub(crate) x_sk: [u8; 32],
    pub(crate) dalek: ed25519_dalek::SigningKey,
}

pub(crate) fn account(seed: [u8; 32]) -> Account {
    let ours = Ed25519SecretKey::from_seed(Seed::from_array(seed));
    let (ed_pk, sodium_sk) = sodium::sign_seed_keypair(&seed);
    assert_eq!(&ed_pk, ours.public_key().as_bytes());
    let x25519 = ours.x25519_key_pair();
    let x_sk = sodium::sk_to_curve25519(&sodium_sk);
    assert_eq!(&x_sk, x25519.secret.expose_bytes());
    let x_pk = sodium::pk_to_curve25519(&ed_pk).expect("account key converts");
    assert_eq!(&x_pk, x25519.public.as_bytes());
    Account {
        ours,
        x25519,
        sodium_sk,
        ed_pk,
        x_pk,
        x_sk,
        dalek: ed25519_dalek::SigningKey::from_bytes(&seed),
    }
}

/// libsession's `encrypt_for_recipient` on libsodium: `crypto_sign_detached(M ‖ A ‖ Y)`, then
/// `crypto_box_seal(M ‖ A ‖ SIG, Y)`.
pub(crate) fn sodium_encrypt(sender: &Account, y: &[u8; 32], m: &[u8]) -> Vec<u8> {
    let mut buf = Vec::with_capacity(m.len() + 96);
    buf.extend_from_slice(m);
    buf.extend_from_slice(&sender.ed_pk);
    buf.extend_from_slice(y);
    let sig = sodium::sign_detached(&sender.sodium_sk, &buf);
    buf.truncate(m.len() + 32);
    buf.extend_from_slice(&sig);
    sodium::box_seal(&buf, y)
}

/// libsession's `decrypt_incoming(x25519_pubkey, x25519_seckey, ct)` on libsodium:
/// `crypto_box_seal_open`, then `crypto_sign_verify_detached` over `M ‖ A ‖ Y`.
pub(crate) fn sodium_decrypt(x_pk: &[u8; 32], x_sk: &[u8; 32], ct: &[u8]) -> (Vec<u8>, [u8; 32]) {
    let mut buf = sodium::box_seal_open(ct, x_pk, x_sk).expect("opens");
    let sig: [u8; 64] = buf[buf.len() - 64..].try_into().unwrap();
    buf.truncate(buf.len() - 64);
    let a: [u8; 32] = buf[buf.len() - 32..].try_into().unwrap();
    buf.extend_from_slice(x_pk);
    assert!(sodium::verify_detached(&sig, &buf, &a));
    buf.truncate(buf.len() - 64);
    (buf, a)
}

/// libsession's `decrypt_incoming(ed25519_privkey, ct)` on libsodium: the X25519 pair from the
/// Ed25519 key (`crypto_sign_ed25519_sk_to_curve25519`, `crypto_scalarmult_base`), then as
/// [`sodium_decrypt`].
pub(crate) fn sodium_decrypt_ed(sk: &[u8; 64], ct: &[u8]) -> (Vec<u8>, [u8; 32]) {
    let x_sk = sodium::sk_to_curve25519(sk);
    let x_pk = sodium::scalarmult_base(&x_sk);
    sodium_decrypt(&x_pk, &x_sk, ct)
}

/// The same composition with RustCrypto: `ed25519-dalek` signs `M ‖ A ‖ Y`, `crypto_box` seals.
fn rustcrypto_encrypt(
    sender: &Account,
    y: &crypto_box::PublicKey,
    m: &[u8],
    rng: &mut rand_chacha_03::ChaCha20Rng,
) -> Vec<u8> {
    let mut buf = Vec::with_capacity(m.len() + 96);
    buf.extend_from_slice(m);
    buf.extend_from_slice(&sender.ed_pk);
    buf.extend_from_slice(y.as_bytes());
    let sig = sender.dalek.sign(&buf);
    buf.truncate(m.len() + 32);
    buf.extend_from_slice(&sig.to_bytes());
    y.seal(rng, &buf).unwrap()
}

/// `crypto_box` opens, `ed25519-dalek` verifies.
fn rustcrypto_decrypt(sk: &crypto_box::SecretKey, ct: &[u8]) -> Vec<u8> {
    let mut buf = sk.unseal(ct).unwrap();
    let sig = ed25519_dalek::Signature::from_slice(&buf[buf.len() - 64..]).unwrap();
    buf.truncate(buf.len() - 64);
    let a: [u8; 32] = buf[buf.len() - 32..].try_into().unwrap();
    buf.extend_from_slice(sk.public_key().as_bytes());
    let vk = ed25519_dalek::VerifyingKey::from_bytes(&a).unwrap();
    vk.verify(&buf, &sig).unwrap();
    buf.truncate(buf.len() - 64);
    buf
}

/// The floor of `encrypt_for_recipient`: the curve operations no implementation can skip.
/// `R = r·B` (the signature's nonce point) and `E = e·B` (the ephemeral key) with the
/// basepoint table, the lift of the recipient's `Y` to an Edwards point (an inversion and a
/// square root), `S = e·Y`, and one batched inversion that encodes all three (R compressed,
/// E and S as their y; the Montgomery u would cost the same).
fn encrypt_floor(r: &Scalar, e: [u8; 32], y: &[u8; 32]) -> [CompressedEdwardsY; 3] {
    let big_r = EdwardsPoint::mul_base(r);
    let big_e = EdwardsPoint::mul_base_clamped(e);
    let lifted = MontgomeryPoint(*y).to_edwards(0).unwrap();
    EdwardsPoint::compress_batch(&[big_r, big_e, lifted.mul_clamped(e)])
}

/// The floor of `decrypt_incoming`: the shared secret `S = y·E` (the lift of `E`, one
/// variable-base multiplication, its Montgomery u: an inversion, needed before the box opens),
/// then the signature check (decompress `A`, the double-base multiplication `[s]B − [k]A`, its
/// encoding: an inversion).
fn decrypt_floor(y: [u8; 32], e: &[u8; 32], a: &CompressedEdwardsY, k: &Scalar, s: &Scalar) {
    let shared = MontgomeryPoint(*e)
        .to_edwards(0)
        .unwrap()
        .mul_clamped(y)
        .to_montgomery();
    black_box(shared);
    let minus_a = -a.decompress().unwrap();
    black_box(EdwardsPoint::vartime_double_scalar_mul_basepoint(k, &minus_a, s).compress());
}

fn scalar(b: u8) -> Scalar {
    Scalar::from_bytes_mod_order_wide(&[b; 64])
}

/// `encrypt_for_recipient`, `decrypt_incoming` (X25519 pair, Ed25519 key), Ed25519 sign and
/// verify.
pub(crate) fn cases() -> Vec<Case> {
    let alice = account([0xa1; 32]);
    let bob = account([0xb0; 32]);
    let bob_sid = bob.ours.session_id();
    let message = [0x4du8; MESSAGE_LEN];
    let mut rng = ChaCha20Rng::seed_from_u64(0x5e55);

    // Every implementation opens every other's message.
    let ct = encrypt_for_recipient(&alice.ours, &bob_sid, &message, &mut rng).unwrap();
    assert_eq!(sodium_decrypt(&bob.x_pk, &bob.x_sk, &ct).0, message);
    let sodium_ct = sodium_encrypt(&alice, &bob.x_pk, &message);
    let (m, from) = decrypt_incoming(&bob.x25519, &sodium_ct).unwrap();
    assert_eq!((&m[..], from.as_bytes()), (&message[..], &alice.ed_pk));
    let bob_box = crypto_box::SecretKey::from(bob.x_sk);
    let mut rng03 = rand_chacha_03::ChaCha20Rng::seed_from_u64(3);
    let rc_ct = rustcrypto_encrypt(&alice, &bob_box.public_key(), &message, &mut rng03);
    assert_eq!(decrypt_incoming(&bob.ours, &rc_ct).unwrap().0[..], message);
    assert_eq!(rustcrypto_decrypt(&bob_box, &ct), message);

    let mut v = Vec::new();

    // encrypt_for_recipient (to a Session ID, as a client addresses a contact)
    let mut c = case("encrypt_for_recipient").criterion(&[OURS, LIBSODIUM]);
    {
        let (sender, sid) = (alice.ours.clone(), bob_sid);
        let mut rng = ChaCha20Rng::seed_from_u64(1);
        c.add(OURS, move || {
            black_box(encrypt_for_recipient(&sender, black_box(&sid), &message, &mut rng).unwrap());
        });
    }
    {
        let (sender, y) = (account([0xa1; 32]), bob.x_pk);
        c.add(LIBSODIUM, move || {
            black_box(sodium_encrypt(&sender, black_box(&y), &message));
        });
    }
    {
        let sender = account([0xa1; 32]);
        let y = bob_box.public_key();
        let mut rng = rand_chacha_03::ChaCha20Rng::seed_from_u64(4);
        c.add(RUSTCRYPTO, move || {
            black_box(rustcrypto_encrypt(
                &sender,
                black_box(&y),
                &message,
                &mut rng,
            ));
        });
    }
    {
        let (r, e, y) = (scalar(7), [0x42; 32], bob.x_pk);
        c.add(FLOOR, move || {
            black_box(encrypt_floor(black_box(&r), black_box(e), black_box(&y)));
        });
    }
    v.push(c);

    // the same to a contact whose key was lifted once (LiftedPublicKey): no lift per message
    let mut c = case("encrypt_for_recipient_lifted");
    {
        let sender = alice.ours.clone();
        let lifted = LiftedPublicKey::new(bob.x25519.public);
        let mut rng = ChaCha20Rng::seed_from_u64(2);
        c.add(OURS, move || {
            encrypt_for_recipient(&sender, black_box(&lifted), &message, &mut rng).unwrap()
        });
    }
    {
        let (sender, y) = (account([0xa1; 32]), bob.x_pk);
        c.add(LIBSODIUM, move || {
            sodium_encrypt(&sender, black_box(&y), &message)
        });
    }
    {
        let (r, e) = (scalar(7), [0x42; 32]);
        let lifted = MontgomeryPoint(bob.x_pk).to_edwards(0).unwrap();
        c.add(FLOOR, move || {
            let big_r = EdwardsPoint::mul_base(black_box(&r));
            let big_e = EdwardsPoint::mul_base_clamped(black_box(e));
            EdwardsPoint::compress_batch(&[big_r, big_e, black_box(lifted).mul_clamped(e)])
        });
    }
    v.push(c);

    // decrypt_incoming, both key kinds
    let k = {
        let mut h = Sha512::new();
        h.update(&ct[..32]);
        Scalar::from_bytes_mod_order_wide(&h.finalize().into())
    };
    let floor_inputs = (
        *bob.x25519.secret.expose_bytes(),
        <[u8; 32]>::try_from(&ct[..32]).unwrap(),
        CompressedEdwardsY(alice.ed_pk),
        k,
        scalar(9),
    );
    for (op, ed) in [
        ("decrypt_incoming_x25519", false),
        ("decrypt_incoming_ed25519", true),
    ] {
        let mut c = case(op).criterion(&[OURS, LIBSODIUM]);
        {
            let (key, pair, ct) = (bob.ours.clone(), bob.x25519.clone(), ct.clone());
            c.add(OURS, move || {
                if ed {
                    black_box(decrypt_incoming(&key, black_box(&ct)).unwrap());
                } else {
                    black_box(decrypt_incoming(&pair, black_box(&ct)).unwrap());
                }
            });
        }
        {
            let (sk, x_pk, x_sk, ct) = (bob.sodium_sk, bob.x_pk, bob.x_sk, ct.clone());
            c.add(LIBSODIUM, move || {
                if ed {
                    black_box(sodium_decrypt_ed(&sk, black_box(&ct)));
                } else {
                    black_box(sodium_decrypt(&x_pk, &x_sk, black_box(&ct)));
                }
            });
        }
        if !ed {
            let (sk, ct) = (bob_box.clone(), ct.clone());
            c.add(RUSTCRYPTO, move || {
                black_box(rustcrypto_decrypt(&sk, black_box(&ct)));
            });
        }
        let (y, e, a, k, s) = floor_inputs;
        c.add(FLOOR, move || {
            decrypt_floor(black_box(y), black_box(&e), &a, &k, &s);
        });
        v.push(c);
    }

    // Ed25519 (libsodium 1.0.18 rules) against ed25519-dalek and libsodium
    let sig = ed25519::sign(&alice.ours, &message);
    let mut c = case("ed25519_sign");
    {
        let key = alice.ours.clone();
        c.add(OURS, move || {
            black_box(ed25519::sign(&key, black_box(&message)))
        });
    }
    {
        let key = alice.dalek.clone();
        c.add(DALEK, move || black_box(key.sign(black_box(&message))));
    }
    {
        let sk = alice.sodium_sk;
        c.add(LIBSODIUM, move || {
            black_box(sodium::sign_detached(&sk, black_box(&message)))
        });
    }
    {
        // R = r·B and its encoding
        let r = scalar(5);
        c.add(FLOOR, move || {
            black_box(EdwardsPoint::mul_base(black_box(&r)).compress())
        });
    }
    v.push(c);
    let mut c = case("ed25519_verify");
    {
        let a = *alice.ours.public_key();
        c.add(OURS, move || {
            ed25519::verify(&sig, black_box(&a), black_box(&message)).unwrap()
        });
    }
    {
        // from the key's bytes, as ours and libsodium take it (VerifyingKey::from_bytes
        // decompresses A: without it the call would skip a tenth of the work)
        let a = alice.ed_pk;
        let s = ed25519_dalek::Signature::from_bytes(sig.as_bytes());
        c.add(DALEK, move || {
            let vk = ed25519_dalek::VerifyingKey::from_bytes(black_box(&a)).unwrap();
            vk.verify(black_box(&message), &s).unwrap();
        });
    }
    {
        let (pk, s) = (alice.ed_pk, sig.to_bytes());
        c.add(LIBSODIUM, move || {
            assert!(sodium::verify_detached(&s, black_box(&message), &pk));
        });
    }
    {
        // decompress A, [s]B − [k]A, encode
        let (a, k, s) = (CompressedEdwardsY(alice.ed_pk), scalar(3), scalar(4));
        c.add(FLOOR, move || {
            let minus_a = -a.decompress().unwrap();
            black_box(
                EdwardsPoint::vartime_double_scalar_mul_basepoint(&k, &minus_a, &s).compress(),
            )
        });
    }
    v.push(c);
    v
}
