//! Poly1305 (RFC 8439 §2.5), the 64-bit "donna" formulation: 130-bit accumulator in three limbs
//! of 44/44/42 bits, products in `u128`. Constant time: no branch or index depends on the key or
//! the message.
//!
//! Why not the `poly1305` crate: its AVX2 backend precomputes four powers of `r` per key, which
//! costs about 0.9 µs, for a message of two to six blocks here (ONS values are at most 113
//! bytes and every value has a fresh one-time key). This scalar code does such a message in a
//! few tens of nanoseconds. It is checked against RFC 8439's test vector, against the `poly1305`
//! crate on random inputs, and end to end by the reference's encryption vectors.

use zeroize::{Zeroize, ZeroizeOnDrop};

const MASK44: u64 = 0xfff_ffff_ffff;
const MASK42: u64 = 0x3ff_ffff_ffff;

/// The two little-endian halves of a 16-byte block.
fn halves(b: &[u8; 16]) -> (u64, u64) {
    let (lo, hi) = b.split_at(8);
    let lo: [u8; 8] = lo.try_into().unwrap_or_default();
    let hi: [u8; 8] = hi.try_into().unwrap_or_default();
    (u64::from_le_bytes(lo), u64::from_le_bytes(hi))
}

/// A one-time authenticator state.
#[derive(Zeroize, ZeroizeOnDrop)]
pub(crate) struct Poly1305 {
    r: [u64; 3],
    h: [u64; 3],
    pad: [u64; 2],
}

impl Poly1305 {
    /// Starts with the 32-byte one-time key `r || s` (r clamped).
    pub(crate) fn new(key: &[u8; 32]) -> Self {
        let (r, s) = key.split_at(16);
        let (t0, t1) = halves(r.try_into().unwrap_or(&[0; 16]));
        let (p0, p1) = halves(s.try_into().unwrap_or(&[0; 16]));
        Self {
            r: [
                t0 & 0xffc_0fff_ffff,
                ((t0 >> 44) | (t1 << 20)) & 0xfff_ffc0_ffff,
                (t1 >> 24) & 0x00f_ffff_fc0f,
            ],
            h: [0; 3],
            pad: [p0, p1],
        }
    }

    /// Absorbs one 16-byte block; `hibit` is `1 << 40` for a full block (the 2^128 bit), 0 for
    /// an already-terminated final block.
    fn block(&mut self, m: &[u8; 16], hibit: u64) {
        let [r0, r1, r2] = self.r;
        let (s1, s2) = (r1 * 20, r2 * 20);
        let [mut h0, mut h1, mut h2] = self.h;
        let (t0, t1) = halves(m);
        h0 += t0 & MASK44;
        h1 += ((t0 >> 44) | (t1 << 20)) & MASK44;
        h2 += ((t1 >> 24) & MASK42) | hibit;
        let m = |a: u64, b: u64| u128::from(a) * u128::from(b);
        let d0 = m(h0, r0) + m(h1, s2) + m(h2, s1);
        let mut d1 = m(h0, r1) + m(h1, r0) + m(h2, s2);
        let mut d2 = m(h0, r2) + m(h1, r1) + m(h2, r0);
        let mut c = (d0 >> 44) as u64;
        h0 = d0 as u64 & MASK44;
        d1 += u128::from(c);
        c = (d1 >> 44) as u64;
        h1 = d1 as u64 & MASK44;
        d2 += u128::from(c);
        c = (d2 >> 42) as u64;
        h2 = d2 as u64 & MASK42;
        h0 += c * 5;
        c = h0 >> 44;
        h0 &= MASK44;
        h1 += c;
        self.h = [h0, h1, h2];
    }

    /// Absorbs `data` zero-padded to a multiple of 16 bytes, each block with the 2^128 bit (the
    /// RFC 8439 AEAD layout).
    pub(crate) fn update_padded(&mut self, data: &[u8]) {
        let (blocks, rest) = data.as_chunks::<16>();
        for b in blocks {
            self.block(b, 1 << 40);
        }
        if !rest.is_empty() {
            let mut b = [0u8; 16];
            for (d, s) in b.iter_mut().zip(rest) {
                *d = *s;
            }
            self.block(&b, 1 << 40);
        }
    }

    /// Absorbs the whole message `data` (NaCl secretbox): full blocks, then a final partial block
    /// terminated by a 1 byte.
    pub(crate) fn update_unpadded(&mut self, data: &[u8]) {
        let (blocks, rest) = data.as_chunks::<16>();
        for b in blocks {
            self.block(b, 1 << 40);
        }
        if !rest.is_empty() {
            let mut b = [0u8; 16];
            for (d, s) in b.iter_mut().zip(rest) {
                *d = *s;
            }
            if let Some(end) = b.get_mut(rest.len()) {
                *end = 1;
            }
            self.block(&b, 0);
        }
    }

    /// The 16-byte tag: `(h mod p) + s mod 2^128`.
    pub(crate) fn finalize(mut self) -> [u8; 16] {
        let [mut h0, mut h1, mut h2] = self.h;
        let mut c = h1 >> 44;
        h1 &= MASK44;
        h2 += c;
        c = h2 >> 42;
        h2 &= MASK42;
        h0 += c * 5;
        c = h0 >> 44;
        h0 &= MASK44;
        h1 += c;
        c = h1 >> 44;
        h1 &= MASK44;
        h2 += c;
        c = h2 >> 42;
        h2 &= MASK42;
        h0 += c * 5;
        c = h0 >> 44;
        h0 &= MASK44;
        h1 += c;

        // g = h + 5 - 2^130; keep g if it did not borrow (h >= p), else h.
        let mut g0 = h0 + 5;
        c = g0 >> 44;
        g0 &= MASK44;
        let mut g1 = h1 + c;
        c = g1 >> 44;
        g1 &= MASK44;
        let mut g2 = (h2 + c).wrapping_sub(1 << 42);
        let keep_g = (g2 >> 63).wrapping_sub(1);
        g0 &= keep_g;
        g1 &= keep_g;
        g2 &= keep_g;
        let keep_h = !keep_g;
        h0 = (h0 & keep_h) | g0;
        h1 = (h1 & keep_h) | g1;
        h2 = (h2 & keep_h) | g2;

        let [t0, t1] = self.pad;
        h0 += t0 & MASK44;
        c = h0 >> 44;
        h0 &= MASK44;
        h1 += (((t0 >> 44) | (t1 << 20)) & MASK44) + c;
        c = h1 >> 44;
        h1 &= MASK44;
        h2 += ((t1 >> 24) & MASK42) + c;
        h2 &= MASK42;

        let lo = h0 | (h1 << 44);
        let hi = (h1 >> 20) | (h2 << 24);
        let mut out = [0u8; 16];
        let (a, b) = out.split_at_mut(8);
        a.copy_from_slice(&lo.to_le_bytes());
        b.copy_from_slice(&hi.to_le_bytes());
        self.h.zeroize();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::poly1305::universal_hash::KeyInit;
    use proptest::prelude::*;

    #[test]
    fn rfc8439_2_5_2() {
        let key: [u8; 32] =
            hex::decode("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b")
                .unwrap()
                .try_into()
                .unwrap();
        let mut p = Poly1305::new(&key);
        p.update_unpadded(b"Cryptographic Forum Research Group");
        assert_eq!(
            hex::encode(p.finalize()),
            "a8061dc1305136c6c22b8baf0c0127a9"
        );
    }

    #[test]
    fn wraps_near_p() {
        // RFC 8439 A.3 #5/#6-style edge: h reaches p exactly.
        let mut key = [0u8; 32];
        key[0] = 2;
        let mut p = Poly1305::new(&key);
        p.update_unpadded(&[0xff; 16]);
        assert_eq!(
            hex::encode(p.finalize()),
            "03000000000000000000000000000000"
        );
    }

    proptest! {
        #[test]
        fn matches_poly1305_crate(key: [u8; 32], data in proptest::collection::vec(any::<u8>(), 0..200)) {
            let mut ours = Poly1305::new(&key);
            ours.update_unpadded(&data);
            let theirs = ::poly1305::Poly1305::new((&key).into()).compute_unpadded(&data);
            prop_assert_eq!(&ours.finalize()[..], &theirs[..]);

            let mut padded = data.clone();
            padded.resize(data.len().div_ceil(16) * 16, 0);
            let mut ours = Poly1305::new(&key);
            ours.update_padded(&data);
            let mut full = ::poly1305::Poly1305::new((&key).into());
            let theirs = if padded.is_empty() {
                full.compute_unpadded(&[])
            } else {
                // Whole blocks only: padded and unpadded agree.
                full = ::poly1305::Poly1305::new((&key).into());
                full.compute_unpadded(&padded)
            };
            prop_assert_eq!(&ours.finalize()[..], &theirs[..]);
        }
    }
}
