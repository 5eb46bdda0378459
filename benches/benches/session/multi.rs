//! Multi-recipient encryption (a growth curve over the number of recipients) and config
//! message encryption: ours, libsodium's composition, the floors.

use std::hint::black_box;

use blake2::digest::consts::U24;
use blake2::digest::{FixedOutput, KeyInit as _, Update};
use blake2::{Blake2b256, Blake2bMac};
use chacha20::XChaCha20;
use chacha20::cipher::{KeyIvInit, StreamCipher};
use curve25519_dalek::edwards::{CompressedEdwardsY, EdwardsPoint};
use curve25519_dalek::montgomery::MontgomeryPoint;
use oxen_session::multi::{decrypt_for_multiple, encrypt_for_multiple};
use oxen_session::{X25519KeyPair, X25519PublicKey, config};
use rand_chacha::ChaCha20Rng;
use rand_chacha::rand_core::SeedableRng;

use super::sodium;
use super::{Case, FLOOR, LIBSODIUM, OURS, case};

/// The points of the multi-recipient growth curve (a group of up to 1,000 members).
pub(crate) const RECIPIENTS: [usize; 4] = [1, 10, 100, 1000];
/// The criterion group of the curve; its pairs are `multi_encrypt_<n>`.
pub(crate) const MULTI: &str = "multi_encrypt";
/// Bytes of the message sent to every recipient (e.g. a group's key).
const MULTI_MESSAGE_LEN: usize = 64;
const DOMAIN: &[u8] = b"SessionGroupKeyGen";

/// libsession's `encrypt_for_multiple` on libsodium: per recipient, `crypto_scalarmult`,
/// `crypto_generichash` (32 bytes, keyed by the domain) of `S ‖ X ‖ Y`, and
/// `crypto_aead_xchacha20poly1305_ietf_encrypt`.
fn sodium_multi(
    m: &[u8],
    recipients: &[[u8; 32]],
    nonce: &[u8; 24],
    x: &[u8; 32],
    x_pub: &[u8; 32],
) -> Vec<Vec<u8>> {
    recipients
        .iter()
        .map(|y| {
            let s = sodium::scalarmult(x, y).expect("valid recipient");
            let mut buf = [0u8; 96];
            buf[..32].copy_from_slice(&s);
            buf[32..64].copy_from_slice(x_pub);
            buf[64..].copy_from_slice(y);
            let key = sodium::generichash::<32>(&buf, DOMAIN);
            sodium::xchacha_encrypt(m, nonce, &key)
        })
        .collect()
}

/// The floor at `n` recipients: the lifts of the `Y_i` (`y = (u − 1)/(u + 1)` for all of them
/// with one batched inversion, then a square root each: decompression), one variable-base
/// multiplication per recipient by the sender's clamped secret, and one batched inversion that
/// maps all `n` products to their Montgomery u. No hashing, no encryption: the curve work alone.
fn multi_floor(x: [u8; 32], recipients: &[[u8; 32]]) -> Vec<MontgomeryPoint> {
    let products: Vec<EdwardsPoint> = lift_ys(recipients)
        .iter()
        .map(|y| CompressedEdwardsY(*y).decompress().unwrap().mul_clamped(x))
        .collect();
    EdwardsPoint::to_montgomery_batch(&products)
}

/// `(u_i − 1)/(u_i + 1)` for every `u_i` with one inversion (Montgomery's trick), in
/// `oxen_crypto::field::FieldElement` (the floor's share of the lift; every key here has one).
fn lift_ys(us: &[[u8; 32]]) -> Vec<[u8; 32]> {
    use oxen_crypto::field::FieldElement as Fe;
    let ds: Vec<Fe> = us
        .iter()
        .map(|u| Fe::from_bytes_255(u).add(&Fe::ONE))
        .collect();
    let mut prefix = Vec::with_capacity(ds.len());
    let mut acc = Fe::ONE;
    for d in &ds {
        prefix.push(acc);
        acc = acc.mul(d);
    }
    let mut inv = acc.invert();
    let mut out = vec![[0u8; 32]; us.len()];
    for i in (0..us.len()).rev() {
        let d_inv = inv.mul(&prefix[i]);
        inv = inv.mul(&ds[i]);
        let u = Fe::from_bytes_255(&us[i]);
        out[i] = u.sub(&Fe::ONE).mul(&d_inv).to_bytes();
    }
    out
}

/// `multi_encrypt_<n>` for every point of [`RECIPIENTS`] (criterion: `multi_encrypt/<imp>/<n>`).
pub(crate) fn multi_cases() -> Vec<Case> {
    let mut rng = ChaCha20Rng::seed_from_u64(0x6d75);
    let sender = X25519KeyPair::generate(&mut rng);
    let nonce = [0x6eu8; 24];
    let message = [0x4bu8; MULTI_MESSAGE_LEN];
    let mut v = Vec::new();
    for n in RECIPIENTS {
        let members: Vec<X25519KeyPair> =
            (0..n).map(|_| X25519KeyPair::generate(&mut rng)).collect();
        let publics: Vec<X25519PublicKey> = members.iter().map(|m| m.public).collect();
        let raw: Vec<[u8; 32]> = publics.iter().map(X25519PublicKey::to_bytes).collect();
        // libsodium's ciphertexts are ours, byte for byte; the last member opens its own
        let ours = encrypt_for_multiple(&[&message], &publics, &nonce, &sender, DOMAIN).unwrap();
        let theirs = sodium_multi(
            &message,
            &raw,
            &nonce,
            sender.secret.expose_bytes(),
            sender.public.as_bytes(),
        );
        assert_eq!(ours.to_vecs(), theirs);
        let last = members.last().unwrap();
        let opened = decrypt_for_multiple(&ours, &nonce, last, &sender.public, DOMAIN).unwrap();
        assert_eq!(opened.as_deref().map(|m| &m[..]), Some(&message[..]));

        let mut c = case(&format!("{MULTI}_{n}"))
            .curve(MULTI, n)
            .criterion(&[OURS, FLOOR]);
        {
            let (sender, publics) = (sender.clone(), publics.clone());
            c.add(OURS, move || {
                black_box(
                    encrypt_for_multiple(&[&message], black_box(&publics), &nonce, &sender, DOMAIN)
                        .unwrap(),
                );
            });
        }
        {
            let (x, x_pub, raw) = (
                *sender.secret.expose_bytes(),
                sender.public.to_bytes(),
                raw.clone(),
            );
            c.add(LIBSODIUM, move || {
                black_box(sodium_multi(&message, black_box(&raw), &nonce, &x, &x_pub));
            });
        }
        {
            let x = *sender.secret.expose_bytes();
            c.add(FLOOR, move || {
                black_box(multi_floor(black_box(x), black_box(&raw)));
            });
        }
        v.push(c);
    }
    v
}

/// libsession's `config::encrypt` on libsodium: two `crypto_generichash` and the AEAD.
fn sodium_config_encrypt(m: &[u8], key_base: &[u8; 32], domain: &[u8]) -> Vec<u8> {
    let mut kin = Vec::with_capacity(32 + 8 + domain.len());
    kin.extend_from_slice(key_base);
    kin.extend_from_slice(&(m.len() as u64).to_be_bytes());
    kin.extend_from_slice(domain);
    let key = sodium::generichash::<32>(&kin, &[]);
    let mut nkey = config::NONCE_KEY_PREFIX.to_vec();
    nkey.extend_from_slice(domain);
    let nonce = sodium::generichash::<24>(m, &nkey);
    let mut out = sodium::xchacha_encrypt(m, &nonce, &key);
    out.extend_from_slice(&nonce);
    out
}

/// libsession's `config::decrypt` on libsodium.
fn sodium_config_decrypt(c: &[u8], key_base: &[u8; 32], domain: &[u8]) -> Vec<u8> {
    let (body, nonce) = c.split_at(c.len() - 24);
    let mut kin = Vec::with_capacity(32 + 8 + domain.len());
    kin.extend_from_slice(key_base);
    kin.extend_from_slice(&((c.len() - 40) as u64).to_be_bytes());
    kin.extend_from_slice(domain);
    let key = sodium::generichash::<32>(&kin, &[]);
    sodium::xchacha_decrypt(body, nonce.try_into().unwrap(), &key).expect("opens")
}

/// The floor of config encryption and decryption: the key hash, the nonce hash (encryption; on
/// decryption the nonce is read) and the XChaCha20 keystream over the message (the AEAD without
/// its Poly1305 tag), with the same primitive crates.
fn config_floor(m: &[u8], key_base: &[u8; 32], domain: &[u8], out: &mut [u8], hash_nonce: bool) {
    let mut h = Blake2b256::default();
    h.update(key_base);
    h.update(&(m.len() as u64).to_be_bytes());
    h.update(domain);
    let key: [u8; 32] = h.finalize_fixed().into();
    let nonce: [u8; 24] = if hash_nonce {
        let mut nkey = [0u8; 64];
        let p = config::NONCE_KEY_PREFIX.len();
        nkey[..p].copy_from_slice(config::NONCE_KEY_PREFIX);
        nkey[p..p + domain.len()].copy_from_slice(domain);
        let mut n = <Blake2bMac<U24>>::new_from_slice(&nkey[..p + domain.len()]).unwrap();
        n.update(m);
        n.finalize_fixed().into()
    } else {
        [0x11; 24]
    };
    let mut c = XChaCha20::new((&key).into(), (&nonce).into());
    let mut block0 = [0u8; 64];
    c.apply_keystream(&mut block0);
    out[..m.len()].copy_from_slice(m);
    c.apply_keystream(&mut out[..m.len()]);
    black_box(&block0);
}

/// `config_encrypt`, `config_decrypt`: a user-profile config padded to 256 bytes.
pub(crate) fn config_cases() -> Vec<Case> {
    let key_base = [0x6bu8; 32];
    let kb = config::KeyBase::from_array(key_base);
    let message = config::pad_message(&[0x64u8; 150], config::ENCRYPT_DATA_OVERHEAD).to_vec();
    assert_eq!(message.len() + config::ENCRYPT_DATA_OVERHEAD, 256);
    let ct = config::encrypt(&message, &kb, config::USER_PROFILE).unwrap();
    assert_eq!(
        sodium_config_encrypt(&message, &key_base, config::USER_PROFILE),
        ct
    );
    assert_eq!(
        sodium_config_decrypt(&ct, &key_base, config::USER_PROFILE),
        message
    );

    let mut enc = case("config_encrypt");
    {
        let (kb, m) = (kb.clone(), message.clone());
        enc.add(OURS, move || {
            black_box(config::encrypt(black_box(&m), &kb, config::USER_PROFILE).unwrap());
        });
    }
    {
        let m = message.clone();
        enc.add(LIBSODIUM, move || {
            black_box(sodium_config_encrypt(
                black_box(&m),
                &key_base,
                config::USER_PROFILE,
            ));
        });
    }
    {
        let m = message.clone();
        let mut out = vec![0u8; m.len()];
        enc.add(FLOOR, move || {
            config_floor(
                black_box(&m),
                &key_base,
                config::USER_PROFILE,
                &mut out,
                true,
            );
        });
    }
    let mut dec = case("config_decrypt");
    {
        let ct = ct.clone();
        dec.add(OURS, move || {
            black_box(config::decrypt(black_box(&ct), &kb, config::USER_PROFILE).unwrap());
        });
    }
    {
        let ct = ct.clone();
        dec.add(LIBSODIUM, move || {
            black_box(sodium_config_decrypt(
                black_box(&ct),
                &key_base,
                config::USER_PROFILE,
            ));
        });
    }
    {
        let mut out = vec![0u8; message.len()];
        dec.add(FLOOR, move || {
            config_floor(
                black_box(&ct[..ct.len() - 40]),
                &key_base,
                config::USER_PROFILE,
                &mut out,
                false,
            );
        });
    }
    vec![enc, dec]
}
