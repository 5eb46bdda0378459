//! Differential comparisons of `oxen-session` with libsodium ([`crate::sodium`]): the same
//! bytes through our function and through the C function the reference calls; the verdicts
//! (and outputs) must agree, except where [`known_difference`] names an entry of the
//! allow-list below.
//!
//! | ours | libsodium | compared |
//! | --- | --- | --- |
//! | `sealed_box::seal_open` | `crypto_box_seal_open` | opens or not, the plaintext; our refusal is the first failing check (`CiphertextTooShort` below 48 bytes, `ZeroSharedSecret` exactly when libsodium's `crypto_scalarmult_curve25519(y, E)` fails, else `DecryptionFailed`) |
//! | `ed25519::verify` | `crypto_sign_ed25519_verify_detached` | accepted or not |
//! | `ed_to_x` | `crypto_sign_ed25519_pk_to_curve25519` | the X25519 key or a refusal |
//! | `Point::decode` + `Point::mul` | `crypto_scalarmult_ed25519_noclamp` | the product or a refusal (our scalar is libsodium's 255-bit integer reduced mod `L`) |
//!
//! # Which libsodium: 1.0.18 (the reference) against 1.0.22 (bundled)
//!
//! libsession-util pins libsodium 1.0.18; `libsodium-sys-stable` 1.24.3 bundles
//! 1.0.22-stable. Read side by side (the 1.0.18-RELEASE tag against the bundled tarball),
//! the code behind these four functions differs in one rule only:
//!
//! * `ge25519_is_on_main_subgroup` (the subgroup check of `crypto_sign_ed25519_pk_to_curve25519`
//!   and `crypto_scalarmult_ed25519*`) tested `X(L·P) = 0` up to 1.0.20, which also holds for
//!   `L·P = T2 = (0, −1)`: a point of the prime-order subgroup plus the point of order 2
//!   passes. From 1.0.21 (ChangeLog 1.0.20-stable: "`crypto_core_ed25519_is_valid_point()`
//!   now properly rejects small-order points that are not in the main subgroup") it also
//!   requires `Y = Z`, so such points are refused. `oxen-session` keeps 1.0.18's rule
//!   (its `point.rs`, `tests/order2.rs`): allow-list entry
//!   [`SodiumDifference::Order2ComponentRefused`].
//!
//! Unchanged between the two (so no entry): `crypto_sign_ed25519_verify_detached` (open.c
//! gained only a memory fence; `sc25519_is_canonical`, `ge25519_is_canonical`,
//! `ge25519_has_small_order`, `ge25519_frombytes_negate_vartime` and
//! `ge25519_double_scalarmult_vartime` are unchanged: still cofactorless, `R` compared as
//! bytes, small-order `R` and `A` refused); `ge25519_frombytes` (its square root is computed
//! as `u·(uv)^((p−5)/8)` instead of `u·v³·(uv⁷)^((p−5)/8)`, the same value); the sealed box
//! (`crypto_box_seal_open`, `crypto_box_beforenm`, X25519 with the small-order list and the
//! all-zero check; only zeroization and a length limit on sealing changed). libsodium's
//! `master` branch (not released in 1.0.22) rewrites verification (cofactored equation, `R`
//! decoded, small-order `R` and `A` checked after decoding): a future `libsodium-sys-stable`
//! built from it would need entries; `sodium::tests::the_bundled_library_is_1_0_22` and
//! [`tests::bundled_verify_keeps_the_1_0_18_rules`] fail first.

use dalek4::constants::{ED25519_BASEPOINT_POINT, EIGHT_TORSION};
use dalek4::edwards::CompressedEdwardsY;
use oxen_session::point::Point;
use oxen_session::sealed_box;
use oxen_session::{
    Ed25519PublicKey, Error, PointCheck, SecretScalar, Signature, SignatureCheck, X25519KeyPair,
    X25519PublicKey, X25519SecretKey,
};

use crate::sodium;

/// An accepted disagreement between `oxen-session` (libsodium 1.0.18's rules) and the bundled
/// libsodium 1.0.22.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SodiumDifference {
    /// The point is `P + T2` with `P` of prime order and `T2 = (0, −1)` the point of order 2.
    /// libsodium ≤ 1.0.20's `ge25519_is_on_main_subgroup` accepts it (`X(L·P) = 0`), and so
    /// do the reference and we (`ed_to_x`, `Point::decode`); libsodium ≥ 1.0.21 refuses it.
    /// Allowed only as "we accept, libsodium refuses".
    Order2ComponentRefused,
}

/// The allow-list entry that covers a point encoding, if any: the encoding decodes (as
/// libsodium reads it, `y` modulo `p`) to a point whose torsion component has order exactly 2.
#[must_use]
pub fn known_difference(point: &[u8; 32]) -> Option<SodiumDifference> {
    let p = CompressedEdwardsY(*point).decompress()?;
    let order2_only = !p.is_torsion_free() && (p + p).is_torsion_free() && !p.is_small_order();
    order2_only.then_some(SodiumDifference::Order2ComponentRefused)
}

/// `P + T2` for `P = k·B` (`k ≠ 0 mod L`): the points of the allow-list entry.
#[must_use]
pub fn with_order2_component(k: u64) -> [u8; 32] {
    let p = ED25519_BASEPOINT_POINT * dalek4::scalar::Scalar::from(k.max(1));
    (p + EIGHT_TORSION[4]).compress().to_bytes()
}

/// A disagreement (the fuzz targets panic with it).
pub type Disagreement = String;

/// `Ok(None)`: same verdict; `Ok(Some(entry))`: an allowed difference; `Err`: a finding.
pub type Comparison = Result<Option<SodiumDifference>, Disagreement>;

fn point_outputs(
    what: &str,
    point: &[u8; 32],
    ours: Option<[u8; 32]>,
    theirs: Option<[u8; 32]>,
) -> Comparison {
    if ours == theirs {
        return Ok(None);
    }
    match known_difference(point) {
        Some(d @ SodiumDifference::Order2ComponentRefused)
            if ours.is_some() && theirs.is_none() =>
        {
            Ok(Some(d))
        }
        _ => Err(format!(
            "{what}({}): ours {ours:02x?}, libsodium {theirs:02x?}",
            hex(point)
        )),
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Our key pair from libsodium's arguments: `y` as given (X25519 clamps it), `Y` as given.
#[must_use]
pub fn pair(pk: &[u8; 32], sk: &[u8; 32]) -> X25519KeyPair {
    X25519KeyPair {
        secret: X25519SecretKey::from_bytes(*sk),
        public: X25519PublicKey(*pk),
    }
}

/// Ours: `sealed_box::seal_open`.
pub fn seal_open_ours(c: &[u8], pk: &[u8; 32], sk: &[u8; 32]) -> Result<Vec<u8>, Error> {
    sealed_box::seal_open(&pair(pk, sk), c).map(|m| m.to_vec())
}

/// Sealed-box opening: the same plaintext or both refuse, and our refusal names libsodium's
/// first failing step.
///
/// # Errors
/// The disagreement.
pub fn compare_seal_open(c: &[u8], pk: &[u8; 32], sk: &[u8; 32]) -> Comparison {
    let ours = seal_open_ours(c, pk, sk);
    let theirs = sodium::box_seal_open(c, pk, sk);
    let why = || {
        format!(
            "seal_open({}, pk {}): ours {ours:?}, libsodium {theirs:?}",
            hex(c),
            hex(pk)
        )
    };
    match (&ours, &theirs) {
        (Ok(a), Some(b)) if a == b => return Ok(None),
        (Err(_), None) => {}
        _ => return Err(why()),
    }
    // both refused: ours must name the step where libsodium's composition fails first
    let expected = match c.get(..32) {
        _ if c.len() < 48 => Error::CiphertextTooShort {
            len: c.len(),
            min: 48,
        },
        Some(e) => {
            let e: [u8; 32] = e.try_into().map_err(|_| why())?;
            if sodium::scalarmult_curve25519(sk, &e).is_none() {
                Error::ZeroSharedSecret
            } else {
                Error::DecryptionFailed
            }
        }
        None => return Err(why()),
    };
    if ours.as_ref().err() == Some(&expected) {
        Ok(None)
    } else {
        Err(format!("{}; expected {expected:?}", why()))
    }
}

/// Ed25519 verification: accepted by both or by neither (no allow-list entry applies).
///
/// # Errors
/// The disagreement.
pub fn compare_verify(sig: &[u8; 64], msg: &[u8], pk: &[u8; 32]) -> Comparison {
    let ours = oxen_session::ed25519::verify(&Signature(*sig), &Ed25519PublicKey(*pk), msg);
    let theirs = sodium::sign_verify_detached(sig, msg, pk);
    if ours.is_ok() == theirs {
        Ok(None)
    } else {
        Err(format!(
            "verify(sig {}, pk {}, msg {}): ours {ours:?}, libsodium {theirs}",
            hex(sig),
            hex(pk),
            hex(msg)
        ))
    }
}

/// Ed25519 → X25519 (`ed_to_x` against `crypto_sign_ed25519_pk_to_curve25519`).
///
/// # Errors
/// The disagreement.
pub fn compare_ed_to_x(ed: &[u8; 32]) -> Comparison {
    let ours = oxen_session::ed_to_x(&Ed25519PublicKey(*ed))
        .ok()
        .map(|x| x.to_bytes());
    point_outputs("ed_to_x", ed, ours, sodium::ed25519_pk_to_curve25519(ed))
}

/// Ours: `Point::decode(p)?.mul(n mod L)` with bit 255 of `n` cleared, as libsodium clears it.
#[must_use]
pub fn scalarmult_ours(n: &[u8; 32], p: &[u8; 32]) -> Option<[u8; 32]> {
    let mut k = *n;
    k[31] &= 0x7f;
    let k = SecretScalar::from_bytes_mod_order(&k);
    Point::decode(p).ok()?.mul(&k).ok().map(|q| *q.as_bytes())
}

/// Scalar multiplication (`Point::mul` against `crypto_scalarmult_ed25519_noclamp`).
///
/// # Errors
/// The disagreement.
pub fn compare_scalarmult(n: &[u8; 32], p: &[u8; 32]) -> Comparison {
    point_outputs(
        "scalarmult",
        p,
        scalarmult_ours(n, p),
        sodium::scalarmult_ed25519_noclamp(n, p),
    )
}

/// `y < p` for the 255-bit `y` (an independent model of `ge25519_is_canonical`).
#[must_use]
pub fn model_canonical(b: &[u8; 32]) -> bool {
    let mut y = *b;
    y[31] &= 0x7f;
    // p = 2^255 - 19: y >= p iff bytes 1..31 are all 0xff, byte 31 is 0x7f, byte 0 >= 0xed
    !(y[0] >= 0xed && y[1..31].iter().all(|&x| x == 0xff) && y[31] == 0x7f)
}

/// The encoding decodes (`y` modulo `p`, as ref10 reads it) to a point of small order (an
/// independent model of `ge25519_has_small_order`'s list).
#[must_use]
pub fn model_small_order(b: &[u8; 32]) -> bool {
    CompressedEdwardsY(*b)
        .decompress()
        .is_some_and(|p| p.is_small_order())
}

/// The [`SignatureCheck`] libsodium 1.0.18 fails first on a signature it refuses (model).
#[must_use]
pub fn model_signature_check(sig: &[u8; 64], pk: &[u8; 32]) -> SignatureCheck {
    let (r, s) = sig.split_at(32);
    let s: [u8; 32] = s.try_into().unwrap_or([0xff; 32]);
    let r: [u8; 32] = r.try_into().unwrap_or([0; 32]);
    if Option::<dalek4::scalar::Scalar>::from(dalek4::scalar::Scalar::from_canonical_bytes(s))
        .is_none()
    {
        return SignatureCheck::NonCanonicalS;
    }
    if model_small_order(&r) {
        return SignatureCheck::SmallOrderR;
    }
    if !model_canonical(pk) {
        return SignatureCheck::PublicKey(PointCheck::NonCanonical);
    }
    if model_small_order(pk) {
        return SignatureCheck::PublicKey(PointCheck::SmallOrder);
    }
    if CompressedEdwardsY(*pk).decompress().is_none() {
        return SignatureCheck::PublicKey(PointCheck::NotOnCurve);
    }
    SignatureCheck::Equation
}

/// The reference's `decrypt_incoming` composed from libsodium alone, with the typed verdict
/// each failing step must give: length (144), `crypto_scalarmult_curve25519(y, E)` (all
/// zero), `crypto_box_seal_open` (tag), split `M ‖ A ‖ SIG`, and
/// `crypto_sign_ed25519_verify_detached(SIG, M ‖ A ‖ Y, A)` (the failing rule from
/// [`model_signature_check`]). Returns `(M, A)`.
///
/// # Errors
/// The verdict `decrypt_incoming` must give.
pub fn incoming_theirs(
    ct: &[u8],
    pk: &[u8; 32],
    sk: &[u8; 32],
) -> Result<(Vec<u8>, [u8; 32]), Error> {
    if ct.len() < 144 {
        return Err(Error::CiphertextTooShort {
            len: ct.len(),
            min: 144,
        });
    }
    let e: [u8; 32] = ct[..32].try_into().map_err(|_| Error::DecryptionFailed)?;
    if sodium::scalarmult_curve25519(sk, &e).is_none() {
        return Err(Error::ZeroSharedSecret);
    }
    let inner = sodium::box_seal_open(ct, pk, sk).ok_or(Error::DecryptionFailed)?;
    let m_len = inner.len() - 96; // >= 0: ct has at least 144 bytes
    let a: [u8; 32] = inner[m_len..m_len + 32].try_into().unwrap_or([0; 32]);
    let sig: [u8; 64] = inner[m_len + 32..].try_into().unwrap_or([0; 64]);
    let mut covered = inner[..m_len + 32].to_vec();
    covered.extend_from_slice(pk);
    if !sodium::sign_verify_detached(&sig, &covered, &a) {
        return Err(Error::InvalidSignature(model_signature_check(&sig, &a)));
    }
    Ok((inner[..m_len].to_vec(), a))
}

/// `decrypt_incoming` with the pair `(pk, sk)` against [`incoming_theirs`]: the same message
/// and sender, or the same typed refusal.
///
/// # Errors
/// The disagreement.
pub fn compare_incoming(ct: &[u8], pk: &[u8; 32], sk: &[u8; 32]) -> Comparison {
    let ours =
        oxen_session::decrypt_incoming(&pair(pk, sk), ct).map(|(m, a)| (m.to_vec(), a.to_bytes()));
    let theirs = incoming_theirs(ct, pk, sk);
    if ours == theirs {
        Ok(None)
    } else {
        Err(format!(
            "decrypt_incoming({}, pk {}): ours {ours:02x?}, libsodium {theirs:02x?}",
            hex(ct),
            hex(pk)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{IDENTITY, L_BYTES, add_int, plus_field_prime};
    use oxen_session::{Ed25519SecretKey, Seed};

    fn account(b: u8) -> Ed25519SecretKey {
        Ed25519SecretKey::from_seed(Seed::from_array([b; 32]))
    }

    /// The one entry: `P + T2` passes our (1.0.18) subgroup check and fails 1.0.22's, in both
    /// functions that apply it, and nothing else is covered by it.
    #[test]
    fn order2_component_is_the_only_allow_listed_difference() {
        for k in 1..6 {
            let p = with_order2_component(k);
            assert_eq!(
                known_difference(&p),
                Some(SodiumDifference::Order2ComponentRefused)
            );
            assert!(
                oxen_session::ed_to_x(&Ed25519PublicKey(p)).is_ok(),
                "1.0.18 converts"
            );
            assert_eq!(sodium::ed25519_pk_to_curve25519(&p), None, "1.0.22 refuses");
            assert_eq!(
                compare_ed_to_x(&p),
                Ok(Some(SodiumDifference::Order2ComponentRefused))
            );
            let n = [3u8; 32];
            assert!(scalarmult_ours(&n, &p).is_some());
            assert_eq!(sodium::scalarmult_ed25519_noclamp(&n, &p), None);
            assert_eq!(
                compare_scalarmult(&n, &p),
                Ok(Some(SodiumDifference::Order2ComponentRefused))
            );
        }
        // not covered: a point of prime order, order-4 and order-8 components, T2 itself
        let b = ED25519_BASEPOINT_POINT;
        assert_eq!(known_difference(&b.compress().to_bytes()), None);
        for t in [1, 2, 3, 5, 6, 7] {
            let q = (b + EIGHT_TORSION[t]).compress().to_bytes();
            assert_eq!(known_difference(&q), None);
            assert_eq!(compare_ed_to_x(&q), Ok(None));
            assert_eq!(compare_scalarmult(&[5; 32], &q), Ok(None));
        }
        assert_eq!(
            known_difference(&EIGHT_TORSION[4].compress().to_bytes()),
            None
        );
        // an entry never excuses the other direction, nor different outputs
        let p = with_order2_component(2);
        assert!(point_outputs("t", &p, None, Some([1; 32])).is_err());
        assert!(point_outputs("t", &p, Some([2; 32]), Some([1; 32])).is_err());
        assert!(point_outputs("t", &IDENTITY, Some([1; 32]), None).is_err());
    }

    /// The rules libsodium's `master` branch changes (cofactored verification, `R` decoded)
    /// are still 1.0.18's in the bundled library: a signature valid only cofactored, a
    /// small-order `R` that satisfies the cofactorless equation's cofactored form, and
    /// `S + L` are all refused by both.
    #[test]
    fn bundled_verify_keeps_the_1_0_18_rules() {
        let sk = account(1);
        let pk = sk.public_key().to_bytes();
        let msg = b"rules";
        let sig = oxen_session::ed25519::sign(&sk, msg).to_bytes();
        assert!(sodium::sign_verify_detached(&sig, msg, &pk));
        assert_eq!(compare_verify(&sig, msg, &pk), Ok(None));
        // R + T (a torsion point): [S]B - [k]A = R, not R + T; the cofactored check accepts
        for (t, torsion) in EIGHT_TORSION.iter().enumerate().skip(1) {
            let r = CompressedEdwardsY(sig[..32].try_into().unwrap())
                .decompress()
                .unwrap();
            let mut bad = sig;
            bad[..32].copy_from_slice(&(r + torsion).compress().to_bytes());
            assert!(!sodium::sign_verify_detached(&bad, msg, &pk), "T{t}");
            assert_eq!(compare_verify(&bad, msg, &pk), Ok(None));
        }
        // S + L: refused (sc25519_is_canonical) by both
        let mut s_plus_l = sig;
        let s: [u8; 32] = sig[32..].try_into().unwrap();
        s_plus_l[32..].copy_from_slice(&add_int(&s, &L_BYTES));
        assert!(!sodium::sign_verify_detached(&s_plus_l, msg, &pk));
        assert_eq!(compare_verify(&s_plus_l, msg, &pk), Ok(None));
        // A = R = identity, S = 0: the equation holds, the small-order checks refuse (also
        // for A's non-canonical encoding y = p + 1)
        let mut trivial = [0u8; 64];
        trivial[..32].copy_from_slice(&IDENTITY);
        assert!(!sodium::sign_verify_detached(&trivial, msg, &IDENTITY));
        assert_eq!(compare_verify(&trivial, msg, &IDENTITY), Ok(None));
        let id_p = plus_field_prime(&IDENTITY).unwrap();
        assert_eq!(compare_verify(&trivial, msg, &id_p), Ok(None));
    }

    #[test]
    fn sealed_box_refusals_name_the_first_failing_step() {
        let bob = account(2).x25519_key_pair();
        let (pk, sk) = (bob.public.to_bytes(), *bob.secret.expose_bytes());
        let sealed =
            sealed_box::seal_with(&X25519SecretKey::from_bytes([9; 32]), &bob.public, b"m")
                .unwrap();
        assert_eq!(compare_seal_open(&sealed, &pk, &sk), Ok(None));
        assert_eq!(
            sodium::box_seal_open(&sealed, &pk, &sk).as_deref(),
            Some(&b"m"[..])
        );
        for len in [0, 31, 32, 47, 48] {
            assert_eq!(
                compare_seal_open(&sealed[..len.min(sealed.len())], &pk, &sk),
                Ok(None)
            );
        }
        let mut zero_e = sealed.clone();
        zero_e[..32].fill(0);
        assert_eq!(
            seal_open_ours(&zero_e, &pk, &sk),
            Err(Error::ZeroSharedSecret)
        );
        assert_eq!(compare_seal_open(&zero_e, &pk, &sk), Ok(None));
        let mut flipped = sealed.clone();
        flipped[31] ^= 0x80; // same X25519 output, another nonce
        assert_eq!(
            seal_open_ours(&flipped, &pk, &sk),
            Err(Error::DecryptionFailed)
        );
        assert_eq!(compare_seal_open(&flipped, &pk, &sk), Ok(None));
        // a libsodium sealed box opens with ours
        let theirs = sodium::box_seal(b"from C", &pk).unwrap();
        assert_eq!(
            seal_open_ours(&theirs, &pk, &sk).as_deref(),
            Ok(&b"from C"[..])
        );
    }
}
