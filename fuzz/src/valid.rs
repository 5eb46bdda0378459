//! Valid objects built from a fuzzer seed with our own signers and provers: the starting
//! points that the structure-aware and differential targets then edit field by field.

use oxen_crypto::{
    ClsagSecret, CompressedPoint, KeyImage, Point, RingMember, Scalar, SecretKey, SecretScalar,
};
use oxen_tx::bulletproof::Bulletproof;
use oxen_tx::commitment::Commitment;

use crate::rng;

/// Which ring signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RingKind {
    /// CLSAG (rings of 1 or more).
    Clsag,
    /// Simple-RingCT MLSAG (rings of 2 or more).
    Mlsag,
}

/// A ring signature's public inputs and signature, as 32-byte slots:
/// `[message, key_image, pseudo_out, sig scalars and points…, P_0.., C_0..]`.
#[derive(Clone, Debug)]
pub struct RingCase {
    /// Ring size.
    pub n: usize,
    /// The slots (see the type docs); the signature part is the wire encoding in 32-byte words.
    pub slots: Vec<[u8; 32]>,
    /// How many slots the signature has (CLSAG `n + 2`, MLSAG `2n + 1`).
    pub sig_words: usize,
}

impl RingCase {
    /// The message.
    #[must_use]
    pub fn message(&self) -> [u8; 32] {
        self.slots[0]
    }
    /// The key image.
    #[must_use]
    pub fn key_image(&self) -> [u8; 32] {
        self.slots[1]
    }
    /// The pseudo-output commitment.
    #[must_use]
    pub fn pseudo_out(&self) -> [u8; 32] {
        self.slots[2]
    }
    /// The signature's wire bytes.
    #[must_use]
    pub fn sig_bytes(&self) -> Vec<u8> {
        self.slots[3..3 + self.sig_words].concat()
    }
    /// The ring `(P_i, C_i)`.
    #[must_use]
    pub fn ring(&self) -> Vec<([u8; 32], [u8; 32])> {
        let base = 3 + self.sig_words;
        (0..self.n)
            .map(|i| (self.slots[base + i], self.slots[base + self.n + i]))
            .collect()
    }
}

/// A ring of `n` members with a real member at `real`: `(ring, p, z, pseudo_out)` such that
/// `P_real = p G` and `C_real - pseudo_out = z G`.
fn ring(seed: u64, n: usize, real: usize) -> (Vec<RingMember>, SecretKey, Scalar, CompressedPoint) {
    let mut r = rng(seed);
    let p = SecretKey::random(&mut r);
    let z = Scalar::random(&mut r);
    let ring: Vec<RingMember> = (0..n)
        .map(|i| {
            let pk = if i == real {
                p.public_key().compressed()
            } else {
                Point::mul_base(&Scalar::random(&mut r)).compress()
            };
            (pk, Point::mul_base(&Scalar::random(&mut r)).compress())
        })
        .collect();
    let c_real = ring[real].1.decompress().unwrap();
    let pseudo = (c_real - Point::mul_base(&z)).compress();
    (ring, p, z, pseudo)
}

fn ring_case(
    n: usize,
    message: [u8; 32],
    image: KeyImage,
    pseudo: CompressedPoint,
    sig: &[u8],
    ring: &[RingMember],
) -> RingCase {
    let mut slots = vec![message, image.0, pseudo.0];
    slots.extend(
        sig.chunks_exact(32)
            .map(|c| <[u8; 32]>::try_from(c).unwrap()),
    );
    slots.extend(ring.iter().map(|(p, _)| p.0));
    slots.extend(ring.iter().map(|(_, c)| c.0));
    RingCase {
        n,
        sig_words: sig.len() / 32,
        slots,
    }
}

/// A valid ring signature (CLSAG or Simple-RingCT MLSAG) over a ring of `n` members.
#[must_use]
pub fn ring_signature(kind: RingKind, seed: u64, n: usize, real: usize) -> RingCase {
    let real = real % n;
    let (ring, p, z, pseudo) = ring(seed, n, real);
    let message = rng(seed ^ 1)
        .next_u64()
        .to_le_bytes()
        .repeat(4)
        .try_into()
        .unwrap();
    let secret = ClsagSecret {
        p: &p,
        z: &SecretScalar::from_scalar(z),
        real_index: real,
    };
    let mut r = rng(seed ^ 2);
    let (sig, image) = match kind {
        RingKind::Clsag => oxen_crypto::clsag::sign(&message, &ring, &pseudo, &secret, &mut r)
            .map(|(s, i)| (s.to_bytes(), i)),
        RingKind::Mlsag => {
            oxen_crypto::mlsag::sign_simple(&message, &ring, &pseudo, &secret, &mut r)
                .map(|(s, i)| (s.to_bytes(), i))
        }
    }
    .unwrap();
    ring_case(n, message, image, pseudo, &sig, &ring)
}

/// A valid CLSAG over a ring of `n` (1..) members.
#[must_use]
pub fn clsag(seed: u64, n: usize, real: usize) -> RingCase {
    ring_signature(RingKind::Clsag, seed, n, real)
}

/// A valid Simple-RingCT MLSAG over a ring of `n` (2..) members.
#[must_use]
pub fn mlsag(seed: u64, n: usize, real: usize) -> RingCase {
    ring_signature(RingKind::Mlsag, seed, n, real)
}

/// A valid Bulletproof for `amounts` (1..=16) with masks from `seed`, as slots
/// `[A, S, T1, T2, taux, mu, L.., R.., a, b, t, C_0..]` plus the number of rounds.
#[must_use]
pub fn bulletproof(seed: u64, amounts: &[u64]) -> (Vec<[u8; 32]>, usize) {
    let mut r = rng(seed);
    let masks: Vec<SecretScalar> = amounts
        .iter()
        .map(|_| SecretScalar::random(&mut r))
        .collect();
    let (proof, commitments) = Bulletproof::prove(amounts, &masks, &mut r).unwrap();
    let mut slots = vec![
        *proof.point_a(),
        *proof.point_s(),
        *proof.point_t1(),
        *proof.point_t2(),
        *proof.taux(),
        *proof.mu(),
    ];
    slots.extend_from_slice(proof.l());
    slots.extend_from_slice(proof.r());
    slots.extend([*proof.a(), *proof.b(), *proof.t()]);
    slots.extend(commitments.iter().map(|c| c.0));
    (slots, proof.l().len())
}

/// The Bulletproof wire bytes and the commitments of [`bulletproof`]-shaped slots.
#[must_use]
pub fn bulletproof_parts(slots: &[[u8; 32]], rounds: usize) -> (Vec<u8>, Vec<Commitment>) {
    let mut wire = slots[..6].concat();
    let varint = |out: &mut Vec<u8>| {
        let (buf, len) = oxen_crypto::varint::encode(rounds as u64);
        out.extend_from_slice(&buf[..len]);
    };
    varint(&mut wire);
    wire.extend(slots[6..6 + rounds].concat());
    varint(&mut wire);
    wire.extend(slots[6 + rounds..6 + 2 * rounds].concat());
    wire.extend(slots[6 + 2 * rounds..9 + 2 * rounds].concat());
    let cs = slots[9 + 2 * rounds..]
        .iter()
        .map(|c| Commitment::from_bytes(*c))
        .collect();
    (wire, cs)
}

use rand_chacha::rand_core::Rng as _;

#[cfg(test)]
mod tests {
    use super::*;
    use oxen_crypto::Clsag;

    #[test]
    fn builders_are_valid() {
        for n in 1..4 {
            let c = clsag(n as u64, n, 0);
            let sig = Clsag::from_bytes(&c.sig_bytes(), n).unwrap();
            let ring: Vec<RingMember> = c
                .ring()
                .into_iter()
                .map(|(p, c)| (CompressedPoint(p), CompressedPoint(c)))
                .collect();
            sig.verify(
                &ring,
                &KeyImage(c.key_image()),
                &CompressedPoint(c.pseudo_out()),
                &c.message(),
            )
            .unwrap();
        }
        let (slots, rounds) = bulletproof(3, &[1, 2]);
        let (wire, cs) = bulletproof_parts(&slots, rounds);
        Bulletproof::from_bytes(&wire).unwrap().verify(&cs).unwrap();
    }
}
