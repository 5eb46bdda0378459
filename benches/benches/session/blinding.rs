//! Community blinding and blinded direct messages: ours against their floors (the target) and
//! against libsodium's composition as libsession-util writes it (`crypto_generichash`,
//! `crypto_core_ed25519_scalar_*`, `crypto_scalarmult_ed25519[_base]_noclamp`,
//! `crypto_sign_ed25519_pk_to_curve25519`).
//!
//! The floors (curve25519-dalek 5, same build as ours), each the curve work the reference's
//! verdict and output need, in the cheapest form dalek offers (on its vector backends the
//! constant-time multiplication is its fastest single multiplication):
//!
//! | operation | floor |
//! |---|---|
//! | `blind15_id`, `blind25_id` (from a Session ID) | lift of `X` (the XEd25519 map and decompression: an inversion and a square root), the subgroup check (one multiplication by `L`), `k·T`, its encoding |
//! | `blinded15_id_from_ed` | decompress `A`, the subgroup check, `k15·A`, its encoding |
//! | `blinded25_id_from_ed` | the same plus `A`'s Montgomery u (the Session ID that `k25` hashes: an inversion) |
//! | `blind15_sign`, `blind25_sign` | `A' = a'·B` encoded (hashed into the nonce), then `R = r·B` encoded: two fixed-base multiplications, two inversions |
//! | `blinded_dm_encrypt_*` | `A' = a'·B`; decompress the recipient, its subgroup check, `ka·P`; one batched encoding of `A'` and the shared point |
//! | `blinded_dm_decrypt_*` | `A'` encoded (the role decision compares it); decompress the remote key, its subgroup check, `ka·P` encoded; the sender check: decompress `A`, its subgroup check, `A`'s Montgomery u (the Session ID returned, and `k25`), `k·A` encoded |
//!
//! Hashing (BLAKE2b, SHA-512) and the AEAD are not in the floors.

use std::hint::black_box;

use curve25519_dalek::edwards::{CompressedEdwardsY, EdwardsPoint};
use curve25519_dalek::montgomery::MontgomeryPoint;
use curve25519_dalek::scalar::Scalar;
use oxen_session::blinded_dm::{
    decrypt_from_blinded_recipient, encrypt_for_blinded_recipient_with,
};
use oxen_session::blinding::{
    blind15_id, blind15_key_pair, blind15_sign, blind25_id, blind25_key_pair, blind25_sign,
    blinded15_id_from_ed, blinded25_id_from_ed,
};
use oxen_session::{BlindedId, Blinding, ServerPubkey, ed25519};

use super::one_to_one::{Account, account};
use super::sodium;
use super::{Case, FLOOR, LIBSODIUM, OURS, case};

/// The blinding operations (each paired with its floor and libsodium; read by the pairs target).
#[allow(dead_code)]
pub(crate) const OPERATIONS: [&str; 10] = [
    "blind15_id",
    "blind25_id",
    "blinded15_id_from_ed",
    "blinded25_id_from_ed",
    "blind15_sign",
    "blind25_sign",
    "blinded_dm_encrypt_15",
    "blinded_dm_encrypt_25",
    "blinded_dm_decrypt_15",
    "blinded_dm_decrypt_25",
];
const SERVER: [u8; 32] = [0x53; 32];
const MESSAGE: [u8; 128] = [0x6d; 128];
const NONCE: [u8; 24] = [0x4e; 24];

// ---- libsodium's composition (libsession-util src/blinding.cpp, session_encrypt.cpp) ----

fn s_k15() -> [u8; 32] {
    sodium::scalar_reduce(&sodium::generichash::<64>(&SERVER, &[]))
}

fn s_k25(x: &[u8; 32]) -> [u8; 32] {
    let mut buf = [0u8; 65];
    buf[0] = 5;
    buf[1..33].copy_from_slice(x);
    buf[33..].copy_from_slice(&SERVER);
    sodium::scalar_reduce(&sodium::generichash::<64>(&buf, &[]))
}

/// `blind25_key_pair`: `X = ed_to_x(A)`, `k25`, negated for a negative `A`, `a' = k'·a`,
/// `A' = a'·B`. Returns `(A', a')`.
fn s_blind25_pair(sk: &[u8; 64]) -> ([u8; 32], [u8; 32]) {
    let a_pub: [u8; 32] = sk[32..].try_into().unwrap();
    let x = sodium::pk_to_curve25519(&a_pub).unwrap();
    let mut k = s_k25(&x);
    if a_pub[31] & 0x80 != 0 {
        // -k mod L
        k = sodium::scalar_mul(&k, &minus_one());
    }
    let a = sodium::sk_to_curve25519(sk);
    let a_prime = sodium::scalar_mul(&k, &a);
    (sodium::ed25519_base_noclamp(&a_prime).unwrap(), a_prime)
}

/// `blind15_key_pair`: `a' = k15·a`, `A' = a'·B`.
fn s_blind15_pair(sk: &[u8; 64]) -> ([u8; 32], [u8; 32]) {
    let a = sodium::sk_to_curve25519(sk);
    let a_prime = sodium::scalar_mul(&s_k15(), &a);
    (sodium::ed25519_base_noclamp(&a_prime).unwrap(), a_prime)
}

fn minus_one() -> [u8; 32] {
    (-Scalar::ONE).to_bytes()
}

/// `S = r + reduce64(SHA-512(R ‖ A' ‖ M))·a'` with `R = r·B`.
fn s_schnorr(r: &[u8; 32], a_pub: &[u8; 32], a_prime: &[u8; 32], m: &[u8]) -> [u8; 64] {
    let big_r = sodium::ed25519_base_noclamp(r).unwrap();
    let mut buf = Vec::with_capacity(64 + m.len());
    buf.extend_from_slice(&big_r);
    buf.extend_from_slice(a_pub);
    buf.extend_from_slice(m);
    let hram = sodium::scalar_reduce(&sodium::sha512(&buf));
    let s = sodium::scalar_add(&sodium::scalar_mul(&hram, a_prime), r);
    let mut sig = [0u8; 64];
    sig[..32].copy_from_slice(&big_r);
    sig[32..].copy_from_slice(&s);
    sig
}

fn s_blind15_sign(sk: &[u8; 64], m: &[u8]) -> [u8; 64] {
    let (a_pub, a_prime) = s_blind15_pair(sk);
    let hrh = sodium::sha512(sk);
    let mut buf = Vec::with_capacity(64 + m.len());
    buf.extend_from_slice(&hrh[32..]);
    buf.extend_from_slice(&a_pub);
    buf.extend_from_slice(m);
    let r = sodium::scalar_reduce(&sodium::sha512(&buf));
    s_schnorr(&r, &a_pub, &a_prime, m)
}

fn s_blind25_sign(sk: &[u8; 64], m: &[u8]) -> [u8; 64] {
    let (a_pub, a_prime) = s_blind25_pair(sk);
    let h = sodium::generichash::<32>(&sk[..32], b"SessCommBlind25_seed");
    let mut buf = Vec::with_capacity(64 + m.len());
    buf.extend_from_slice(&h);
    buf.extend_from_slice(&a_pub);
    buf.extend_from_slice(m);
    let r = sodium::scalar_reduce(&sodium::generichash::<64>(&buf, b"SessCommBlind25_sig"));
    s_schnorr(&r, &a_pub, &a_prime, m)
}

/// The local blinded key and the scalar of the shared secret: `(A', ka)`.
fn s_local(sk: &[u8; 64], blinding: Blinding) -> ([u8; 32], [u8; 32]) {
    match blinding {
        Blinding::Blind15 => (s_blind15_pair(sk).0, sodium::sk_to_curve25519(sk)),
        _ => s_blind25_pair(sk),
    }
}

fn s_shared_key(
    ka: &[u8; 32],
    remote: &[u8; 32],
    sender: &[u8; 32],
    recipient: &[u8; 32],
) -> [u8; 32] {
    let s = sodium::ed25519_noclamp(ka, remote).expect("valid remote key");
    let mut buf = [0u8; 96];
    buf[..32].copy_from_slice(&s);
    buf[32..64].copy_from_slice(sender);
    buf[64..].copy_from_slice(recipient);
    sodium::generichash::<32>(&buf, &[])
}

fn s_dm_encrypt(sk: &[u8; 64], recipient: &BlindedId, m: &[u8]) -> Vec<u8> {
    let (a_pub, ka) = s_local(sk, recipient.blinding());
    let r = recipient.key().as_bytes();
    let key = s_shared_key(&ka, r, &a_pub, r);
    let mut inner = m.to_vec();
    inner.extend_from_slice(&sk[32..]);
    let mut out = vec![0u8];
    out.extend_from_slice(&sodium::xchacha_encrypt(&inner, &NONCE, &key));
    out.extend_from_slice(&NONCE);
    out
}

/// The recipient's side: key, open, then the sender check (`ed_to_x(A)`, the blinded id of `A`).
fn s_dm_decrypt(
    sk: &[u8; 64],
    sender: &BlindedId,
    recipient: &BlindedId,
    c: &[u8],
) -> (Vec<u8>, [u8; 32]) {
    let blinding = recipient.blinding();
    let (_, ka) = s_local(sk, blinding);
    let (sp, rp) = (sender.key().as_bytes(), recipient.key().as_bytes());
    let key = s_shared_key(&ka, sp, sp, rp);
    let nonce: [u8; 24] = c[c.len() - 24..].try_into().unwrap();
    let mut m = sodium::xchacha_decrypt(&c[1..c.len() - 24], &nonce, &key).expect("opens");
    let a: [u8; 32] = m[m.len() - 32..].try_into().unwrap();
    let x = sodium::pk_to_curve25519(&a).unwrap();
    let id = match blinding {
        Blinding::Blind15 => sodium::ed25519_noclamp(&s_k15(), &a).unwrap(),
        _ => {
            let mut abs = a;
            abs[31] &= 0x7f;
            sodium::ed25519_noclamp(&s_k25(&x), &abs).unwrap()
        }
    };
    assert_eq!(&id, sp);
    m.truncate(m.len() - 32);
    (m, x)
}

// ---- the floors ----

/// `k·P` for a public key given as bytes: decompress, subgroup check (one multiplication by
/// `L`), multiply.
fn decoded_times(p: &CompressedEdwardsY, k: &Scalar) -> EdwardsPoint {
    let p = p.decompress().unwrap();
    assert!(p.is_torsion_free());
    p * k
}

fn floor_id_from_sid(x: &[u8; 32], k: &Scalar) -> CompressedEdwardsY {
    let t = MontgomeryPoint(*x).to_edwards(0).unwrap();
    assert!(t.is_torsion_free());
    (t * k).compress()
}

fn floor_sign(a_prime: &Scalar, r: &Scalar) -> [CompressedEdwardsY; 2] {
    [
        EdwardsPoint::mul_base(a_prime).compress(),
        EdwardsPoint::mul_base(r).compress(),
    ]
}

fn floor_dm_encrypt(
    a_prime: &Scalar,
    remote: &CompressedEdwardsY,
    ka: &Scalar,
) -> [CompressedEdwardsY; 2] {
    let own = EdwardsPoint::mul_base(a_prime);
    EdwardsPoint::compress_batch(&[own, decoded_times(remote, ka)])
}

fn floor_dm_decrypt(
    a_prime: &Scalar,
    remote: &CompressedEdwardsY,
    ka: &Scalar,
    a: &CompressedEdwardsY,
    k: &Scalar,
) {
    black_box(EdwardsPoint::mul_base(a_prime).compress());
    black_box(decoded_times(remote, ka).compress());
    let a = a.decompress().unwrap();
    assert!(a.is_torsion_free());
    black_box(a.to_montgomery());
    black_box((a * k).compress());
}

fn sc(b: u8) -> Scalar {
    Scalar::from_bytes_mod_order_wide(&[b; 64])
}

/// Every blinding case (see [`OPERATIONS`]).
pub(crate) fn cases() -> Vec<Case> {
    let server = ServerPubkey(SERVER);
    // an account whose Ed25519 key is negative (the 15 sign rules matter) and one positive
    let (alice, bob) = (
        account_with_sign(0xa1, true),
        account_with_sign(0xb0, false),
    );
    let sid = alice.ours.session_id();
    let x = *sid.x25519().as_bytes();
    let a_pub = *alice.ours.public_key();
    let mut v = Vec::new();

    // ids from a Session ID and from an Ed25519 key
    for (op, blinding) in [
        ("blind15_id", Blinding::Blind15),
        ("blind25_id", Blinding::Blind25),
    ] {
        let t = *oxen_session::xed25519::pubkey(sid.x25519()).as_bytes();
        let k = if blinding == Blinding::Blind15 {
            s_k15()
        } else {
            s_k25(&x)
        };
        let ours = if blinding == Blinding::Blind15 {
            blind15_id(&sid, &server)
        } else {
            blind25_id(&sid, &server)
        }
        .unwrap();
        assert_eq!(
            &sodium::ed25519_noclamp(&k, &t).unwrap(),
            ours.key().as_bytes()
        );
        let mut c = case(op);
        c.add(OURS, move || match blinding {
            Blinding::Blind15 => blind15_id(black_box(&sid), &server).unwrap(),
            _ => blind25_id(black_box(&sid), &server).unwrap(),
        });
        c.add(LIBSODIUM, move || {
            let t = oxen_session::xed25519::pubkey(black_box(&sid).x25519());
            let k = if blinding == Blinding::Blind15 {
                s_k15()
            } else {
                s_k25(sid.x25519().as_bytes())
            };
            sodium::ed25519_noclamp(&k, t.as_bytes()).unwrap()
        });
        let ks = Scalar::from_canonical_bytes(k).unwrap();
        c.add(FLOOR, move || floor_id_from_sid(black_box(&x), &ks));
        v.push(c);
    }
    let mut c = case("blinded15_id_from_ed");
    c.add(OURS, move || {
        blinded15_id_from_ed(black_box(&a_pub), &server).unwrap()
    });
    c.add(LIBSODIUM, move || {
        sodium::ed25519_noclamp(&s_k15(), black_box(a_pub.as_bytes())).unwrap()
    });
    let (ca, k15) = (
        CompressedEdwardsY(a_pub.0),
        Scalar::from_canonical_bytes(s_k15()).unwrap(),
    );
    c.add(FLOOR, move || {
        decoded_times(black_box(&ca), &k15).compress()
    });
    v.push(c);
    let mut c = case("blinded25_id_from_ed");
    c.add(OURS, move || {
        blinded25_id_from_ed(black_box(&a_pub), &server).unwrap()
    });
    c.add(LIBSODIUM, move || {
        let x = sodium::pk_to_curve25519(black_box(a_pub.as_bytes())).unwrap();
        let mut abs = a_pub.0;
        abs[31] &= 0x7f;
        sodium::ed25519_noclamp(&s_k25(&x), &abs).unwrap()
    });
    let k25 = Scalar::from_canonical_bytes(s_k25(&x)).unwrap();
    c.add(FLOOR, move || {
        let a = black_box(ca).decompress().unwrap();
        assert!(a.is_torsion_free());
        black_box(a.to_montgomery());
        (a * k25).compress()
    });
    v.push(c);

    // blinded signatures
    for (op, blinding) in [
        ("blind15_sign", Blinding::Blind15),
        ("blind25_sign", Blinding::Blind25),
    ] {
        let sign = move |key: &oxen_session::Ed25519SecretKey, m: &[u8]| match blinding {
            Blinding::Blind15 => blind15_sign(key, &server, m),
            _ => blind25_sign(key, &server, m),
        };
        let s_sign = move |sk: &[u8; 64], m: &[u8]| match blinding {
            Blinding::Blind15 => s_blind15_sign(sk, m),
            _ => s_blind25_sign(sk, m),
        };
        let sig = sign(&alice.ours, &MESSAGE);
        assert_eq!(&s_sign(&alice.sodium_sk, &MESSAGE), sig.as_bytes());
        let pk = if blinding == Blinding::Blind15 {
            *blind15_key_pair(&alice.ours, &server).public_key()
        } else {
            *blind25_key_pair(&alice.ours, &server).id().key()
        };
        assert_eq!(ed25519::verify(&sig, &pk, &MESSAGE), Ok(()));
        let mut c = case(op);
        let key = alice.ours.clone();
        c.add(OURS, move || sign(&key, black_box(&MESSAGE)));
        let sk = alice.sodium_sk;
        c.add(LIBSODIUM, move || s_sign(&sk, black_box(&MESSAGE)));
        let (a_prime, r) = (sc(3), sc(4));
        c.add(FLOOR, move || {
            floor_sign(black_box(&a_prime), black_box(&r))
        });
        v.push(c);
    }

    // blinded direct messages, Alice to Bob (15: both key-pair ids)
    for blinding in [Blinding::Blind15, Blinding::Blind25] {
        let n = if blinding == Blinding::Blind15 {
            15
        } else {
            25
        };
        let (a_id, b_id) = match blinding {
            Blinding::Blind15 => (
                blind15_key_pair(&alice.ours, &server).id(),
                blind15_key_pair(&bob.ours, &server).id(),
            ),
            _ => (
                blind25_key_pair(&alice.ours, &server).id(),
                blind25_key_pair(&bob.ours, &server).id(),
            ),
        };
        let ct = encrypt_for_blinded_recipient_with(&alice.ours, &server, &b_id, &MESSAGE, &NONCE)
            .unwrap();
        assert_eq!(s_dm_encrypt(&alice.sodium_sk, &b_id, &MESSAGE), ct);
        let (m, from) =
            decrypt_from_blinded_recipient(&bob.ours, &server, &a_id, &b_id, &ct).unwrap();
        assert_eq!((&m[..], from), (&MESSAGE[..], sid));
        assert_eq!(
            s_dm_decrypt(&bob.sodium_sk, &a_id, &b_id, &ct),
            (MESSAGE.to_vec(), x)
        );

        let mut c = case(&format!("blinded_dm_encrypt_{n}"));
        let key = alice.ours.clone();
        c.add(OURS, move || {
            encrypt_for_blinded_recipient_with(&key, &server, black_box(&b_id), &MESSAGE, &NONCE)
                .unwrap()
        });
        let sk = alice.sodium_sk;
        c.add(LIBSODIUM, move || {
            s_dm_encrypt(&sk, black_box(&b_id), &MESSAGE)
        });
        let (a_prime, remote, ka) = (sc(5), CompressedEdwardsY(b_id.key().0), sc(6));
        c.add(FLOOR, move || {
            floor_dm_encrypt(&a_prime, black_box(&remote), &ka)
        });
        v.push(c);

        let mut c = case(&format!("blinded_dm_decrypt_{n}"));
        let (key, ct2) = (bob.ours.clone(), ct.clone());
        c.add(OURS, move || {
            decrypt_from_blinded_recipient(&key, &server, &a_id, &b_id, black_box(&ct2)).unwrap()
        });
        let (sk, ct2) = (bob.sodium_sk, ct.clone());
        c.add(LIBSODIUM, move || {
            s_dm_decrypt(&sk, &a_id, &b_id, black_box(&ct2))
        });
        let (remote, k) = (CompressedEdwardsY(a_id.key().0), sc(7));
        c.add(FLOOR, move || {
            floor_dm_decrypt(&a_prime, black_box(&remote), &ka, &ca, &k)
        });
        v.push(c);
    }
    v
}

/// An account from a seed byte whose Ed25519 key has the wanted sign (the first seed from
/// `b` upwards that gives it).
fn account_with_sign(b: u8, negative: bool) -> Account {
    (b..=u8::MAX)
        .map(|s| account([s; 32]))
        .find(|a| (a.ed_pk[31] >> 7 == 1) == negative)
        .unwrap()
}
