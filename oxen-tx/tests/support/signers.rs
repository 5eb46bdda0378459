//! Test signers built from oxen-crypto primitives (variable time: tests only).
#![allow(dead_code)]
//!
//! * [`mlsag_sign`]: Monero's generic `MLSAG_Gen` over any key matrix (oxen-core no longer
//!   signs MLSAGs; oxen-crypto has only the simple two-row signer), for the type-1 matrix with
//!   its amount row and for the attack below.
//! * [`clsag_sign`]: `CLSAG_Gen` with an explicit key image.
//!
//! Randomness comes from a scalar source (`|| Scalar::random(&mut rng)`), so this file needs
//! no RNG crate and the benches and the tour include it too.
//!
//! Both accept a key image offset by a point `T` of order 8 (`I + T8`). The verifier's `R` at
//! the real index then carries an extra `c·T8` (MLSAG) or `c·mu_P·T8` (CLSAG), so the signer
//! re-draws its nonces until that term vanishes (about 1 try in 8): the signature then verifies,
//! which is the 2017 CryptoNote key-image bug that only the node's subgroup check stops.
use oxen_crypto::clsag::{DOMAIN_AGG_0, DOMAIN_AGG_1, DOMAIN_ROUND, INV_EIGHT};
use oxen_crypto::hash::Keccak256;
use oxen_crypto::{CompressedPoint, Point, Scalar, hash_to_ec};

/// A point of order 8 (the one `tx_consensus.json` uses as `T8`).
pub const T8: [u8; 32] =
    hex_literal("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa");

const fn hex_literal(s: &str) -> [u8; 32] {
    let b = s.as_bytes();
    let mut out = [0u8; 32];
    let mut i = 0;
    while i < 32 {
        let hi = (b[2 * i] as char).to_digit(16).unwrap() as u8;
        let lo = (b[2 * i + 1] as char).to_digit(16).unwrap() as u8;
        out[i] = hi << 4 | lo;
        i += 1;
    }
    out
}

pub fn t8() -> Point {
    Point::from_bytes(&T8).unwrap()
}

/// An MLSAG as raw parts: `ss[column][row]` and `cc`.
pub struct RawMlsag {
    pub ss: Vec<Vec<Scalar>>,
    pub cc: Scalar,
}

/// `MLSAG_Gen`: `matrix[column][row]` public keys, `secrets[row]` with
/// `matrix[real][row] = secrets[row]·G`, the first `ds_rows` rows linkable. Returns the
/// signature and the key images `II[j] = x_j·Hp(pk[real][j])`, the first one plus `torsion`
/// when given (then the nonces are ground until the signature verifies).
pub fn mlsag_sign(
    message: &[u8; 32],
    matrix: &[Vec<Point>],
    secrets: &[Scalar],
    real: usize,
    ds_rows: usize,
    torsion: Option<Point>,
    random: &mut impl FnMut() -> Scalar,
) -> (RawMlsag, Vec<CompressedPoint>) {
    let cols = matrix.len();
    let rows = secrets.len();
    let enc: Vec<Vec<[u8; 32]>> = matrix
        .iter()
        .map(|c| c.iter().map(Point::to_bytes).collect())
        .collect();
    let hp: Vec<Vec<Point>> = enc
        .iter()
        .map(|c| c.iter().take(ds_rows).map(hash_to_ec).collect())
        .collect();
    let mut images: Vec<Point> = (0..ds_rows).map(|j| hp[real][j] * secrets[j]).collect();
    if let Some(t) = torsion {
        images[0] = images[0] + t;
    }
    let round = |i: usize, l: &[Point], r: &[Point]| {
        let mut h = Keccak256::new();
        h.update(message);
        for j in 0..rows {
            h.update(&enc[i][j]).update(&l[j].to_bytes());
            if j < ds_rows {
                h.update(&r[j].to_bytes());
            }
        }
        h.finalize_scalar()
    };
    loop {
        let alpha: Vec<Scalar> = (0..rows).map(|_| random()).collect();
        let l: Vec<Point> = alpha.iter().map(Point::mul_base).collect();
        let r: Vec<Point> = (0..ds_rows).map(|j| hp[real][j] * alpha[j]).collect();
        let mut ss: Vec<Vec<Scalar>> = (0..cols)
            .map(|_| (0..rows).map(|_| random()).collect())
            .collect();
        let mut c = round(real, &l, &r);
        let mut cc = if (real + 1).is_multiple_of(cols) {
            c
        } else {
            Scalar::ZERO
        };
        let mut i = (real + 1) % cols;
        while i != real {
            let l: Vec<Point> = (0..rows)
                .map(|j| Point::mul_base(&ss[i][j]) + matrix[i][j] * c)
                .collect();
            let r: Vec<Point> = (0..ds_rows)
                .map(|j| hp[i][j] * ss[i][j] + images[j] * c)
                .collect();
            c = round(i, &l, &r);
            i = (i + 1) % cols;
            if i == 0 {
                cc = c;
            }
        }
        // c is now the challenge entering the real column.
        for j in 0..rows {
            ss[real][j] = alpha[j] - c * secrets[j];
        }
        let ok = torsion.is_none_or(|t| (t * c).is_identity());
        if ok {
            let images = images.iter().map(Point::compress).collect();
            return (RawMlsag { ss, cc }, images);
        }
    }
}

/// A CLSAG as raw parts.
pub struct RawClsag {
    pub s: Vec<Scalar>,
    pub c1: Scalar,
    pub d: CompressedPoint,
}

/// `CLSAG_Gen` for ring `(P_i, C_i)`, pseudo-out `C_off`, spend secret `p`, commitment secret
/// `z` (`C_l - C_off = z·G`) at index `real`, signing with the key image `p·Hp(P_l)` plus
/// `torsion` when given (nonces ground until it verifies). Returns the signature and the key
/// image used.
#[allow(clippy::too_many_arguments)]
pub fn clsag_sign(
    message: &[u8; 32],
    ring: &[(Point, Point)],
    pseudo_out: &Point,
    p: &Scalar,
    z: &Scalar,
    real: usize,
    torsion: Option<Point>,
    random: &mut impl FnMut() -> Scalar,
) -> (RawClsag, CompressedPoint) {
    let n = ring.len();
    let hp: Vec<Point> = ring
        .iter()
        .map(|(k, _)| hash_to_ec(&k.to_bytes()))
        .collect();
    let mut image = hp[real] * *p;
    if let Some(t) = torsion {
        image = image + t;
    }
    let d_full = hp[real] * *z;
    let inv8 = Scalar::from_canonical_bytes(&INV_EIGHT).unwrap();
    let d = (d_full * inv8).compress();
    let d8 = d.decompress().unwrap().mul_by_cofactor();
    let (ib, cb) = (image.to_bytes(), pseudo_out.to_bytes());
    let agg = |domain: &[u8; 32]| {
        let mut h = Keccak256::new();
        h.update(domain);
        ring.iter().for_each(|(k, _)| {
            h.update(&k.to_bytes());
        });
        ring.iter().for_each(|(_, c)| {
            h.update(&c.to_bytes());
        });
        h.update(&ib).update(d.as_bytes()).update(&cb);
        h.finalize_scalar()
    };
    let (mu_p, mu_c) = (agg(&DOMAIN_AGG_0), agg(&DOMAIN_AGG_1));
    let round = |l: &Point, r: &Point| {
        let mut h = Keccak256::new();
        h.update(&DOMAIN_ROUND);
        ring.iter().for_each(|(k, _)| {
            h.update(&k.to_bytes());
        });
        ring.iter().for_each(|(_, c)| {
            h.update(&c.to_bytes());
        });
        h.update(&cb).update(message);
        h.update(&l.to_bytes()).update(&r.to_bytes());
        h.finalize_scalar()
    };
    loop {
        let alpha = random();
        let mut s: Vec<Scalar> = (0..n).map(|_| random()).collect();
        let mut c = round(&Point::mul_base(&alpha), &(hp[real] * alpha));
        let mut c1 = if (real + 1).is_multiple_of(n) {
            c
        } else {
            Scalar::ZERO
        };
        let mut i = (real + 1) % n;
        while i != real {
            let (cp, cc) = (c * mu_p, c * mu_c);
            let l = Point::mul_base(&s[i]) + ring[i].0 * cp + (ring[i].1 - *pseudo_out) * cc;
            let r = hp[i] * s[i] + image * cp + d8 * cc;
            c = round(&l, &r);
            i = (i + 1) % n;
            if i == 0 {
                c1 = c;
            }
        }
        s[real] = alpha - c * (mu_p * p + mu_c * z);
        let ok = torsion.is_none_or(|t| (t * (c * mu_p)).is_identity());
        if ok {
            return (RawClsag { s, c1, d }, image.compress());
        }
    }
}

impl RawMlsag {
    /// As oxen-crypto's type.
    pub fn to_mlsag(&self) -> oxen_crypto::Mlsag {
        oxen_crypto::Mlsag {
            ss: self
                .ss
                .iter()
                .map(|c| c.iter().map(|s| (*s).into()).collect())
                .collect(),
            cc: self.cc.into(),
        }
    }
}

impl RawClsag {
    /// As oxen-crypto's type.
    pub fn to_clsag(&self) -> oxen_crypto::Clsag {
        oxen_crypto::Clsag {
            s: self.s.iter().map(|s| (*s).into()).collect(),
            c1: self.c1.into(),
            d: self.d,
        }
    }
}
