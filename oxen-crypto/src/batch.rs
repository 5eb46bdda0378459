//! Verifying many signatures at once (a block's worth of transaction inputs).
//!
//! With the `parallel` feature the items are verified on rayon's thread pool (as oxen-core's
//! `verRctNonSemanticsSimple` uses a thread pool); without it, one after the other. Either way
//! each item is checked exactly as by its single verifier, and the result names the first
//! failing item (lowest index). All verification here is **variable time** (public data).

#[cfg(feature = "parallel")]
use rayon::prelude::*;

use crate::clsag::{Clsag, RingMember};
use crate::keys::{KeyImage, PublicKey};
use crate::mlsag::Mlsag;
use crate::signature::{Signature, verify_signature};
use crate::{CompressedPoint, Error};

/// One CLSAG to verify (the arguments of [`Clsag::verify`]).
#[derive(Clone, Copy, Debug)]
pub struct ClsagItem<'a> {
    /// The signature.
    pub sig: &'a Clsag,
    /// The ring `(P_i, C_i)`.
    pub ring: &'a [RingMember],
    /// The input's key image.
    pub key_image: &'a KeyImage,
    /// The pseudo-output commitment.
    pub pseudo_out: &'a CompressedPoint,
    /// The pre-CLSAG message hash.
    pub message: &'a [u8; 32],
}

/// One Simple-RingCT MLSAG to verify (the arguments of [`Mlsag::verify_simple`]).
#[derive(Clone, Copy, Debug)]
pub struct MlsagItem<'a> {
    /// The signature.
    pub sig: &'a Mlsag,
    /// The ring `(P_i, C_i)`.
    pub ring: &'a [RingMember],
    /// The input's key image.
    pub key_image: &'a KeyImage,
    /// The pseudo-output commitment.
    pub pseudo_out: &'a CompressedPoint,
    /// The message hash.
    pub message: &'a [u8; 32],
}

/// One CryptoNote signature to verify (the arguments of [`verify_signature`]).
#[derive(Clone, Copy, Debug)]
pub struct SignatureItem<'a> {
    /// The signed 32-byte hash.
    pub prefix_hash: &'a [u8; 32],
    /// The signer's public key.
    pub public: &'a PublicKey,
    /// The signature.
    pub sig: &'a Signature,
}

fn first_failure<T: Sync>(
    items: &[T],
    check: impl Fn(&T) -> Result<(), Error> + Sync + Send,
) -> Result<(), (usize, Error)> {
    #[cfg(feature = "parallel")]
    let failures = items
        .par_iter()
        .enumerate()
        .filter_map(|(i, it)| check(it).err().map(|e| (i, e)))
        .min_by_key(|(i, _)| *i);
    #[cfg(not(feature = "parallel"))]
    let failures = items
        .iter()
        .enumerate()
        .find_map(|(i, it)| check(it).err().map(|e| (i, e)));
    failures.map_or(Ok(()), Err)
}

/// Verifies every CLSAG; on failure returns the lowest failing index and its error.
///
/// # Errors
/// `(index, error)` of the first item (by index) that does not verify.
pub fn verify_clsags(items: &[ClsagItem<'_>]) -> Result<(), (usize, Error)> {
    first_failure(items, |it| {
        it.sig
            .verify(it.ring, it.key_image, it.pseudo_out, it.message)
    })
}

/// Verifies every Simple-RingCT MLSAG; on failure returns the lowest failing index.
///
/// # Errors
/// `(index, error)` of the first item (by index) that does not verify.
pub fn verify_mlsags(items: &[MlsagItem<'_>]) -> Result<(), (usize, Error)> {
    first_failure(items, |it| {
        it.sig
            .verify_simple(it.message, it.ring, it.key_image, it.pseudo_out)
    })
}

/// Verifies every CryptoNote signature; on failure returns the lowest failing index.
///
/// # Errors
/// `(index, error)` of the first item (by index) that does not verify.
pub fn verify_signatures(items: &[SignatureItem<'_>]) -> Result<(), (usize, Error)> {
    first_failure(items, |it| {
        verify_signature(it.prefix_hash, it.public, it.sig)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clsag::{ClsagSecret, sign};
    use rand::SeedableRng;

    #[test]
    fn batch_finds_the_first_bad_item() {
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(8);
        let mut cases = alloc::vec::Vec::new();
        for i in 0..6usize {
            let (ring, pseudo, p, z) = crate::clsag::tests::random_ring(&mut rng, 4, i % 4);
            let secret = ClsagSecret {
                p: &p,
                z: &z,
                real_index: i % 4,
            };
            let msg = [i as u8; 32];
            let (sig, ki) = sign(&msg, &ring, &pseudo, &secret, &mut rng).unwrap();
            cases.push((sig, ring, ki, pseudo, msg));
        }
        type Case = (
            Clsag,
            alloc::vec::Vec<RingMember>,
            KeyImage,
            CompressedPoint,
            [u8; 32],
        );
        fn items(cases: &[Case]) -> alloc::vec::Vec<ClsagItem<'_>> {
            cases
                .iter()
                .map(|(sig, ring, ki, pseudo, msg)| ClsagItem {
                    sig,
                    ring,
                    key_image: ki,
                    pseudo_out: pseudo,
                    message: msg,
                })
                .collect()
        }
        assert_eq!(verify_clsags(&items(&cases)), Ok(()));
        cases[4].4 = [0xff; 32];
        cases[2].4 = [0xff; 32];
        assert_eq!(
            verify_clsags(&items(&cases)),
            Err((2, Error::SignatureMismatch))
        );
    }
}
