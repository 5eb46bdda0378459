//! BLAKE2b as libsodium's `crypto_generichash_blake2b` computes it, and libsession's
//! `hash::hash` with its size and key rules (spec §3, vectors `hash.json`).
//!
//! `Bk(n, key, msg)`: BLAKE2b with an `n`-byte output (the output length is a parameter of the
//! hash, so a 32-byte hash is **not** a truncated 64-byte one) and an optional key of up to 64
//! bytes; an empty key is the same as no key. libsodium allows `16 ≤ n ≤ 64`, and so does
//! every function here. [`Blake2b::with_personal`] adds the 16-byte personalisation of
//! `crypto_generichash_blake2b_init_salt_personal` (XEd25519's nonce).
//!
//! Every other module hashes through this one: [`blake2b`] for a fixed output size over a
//! list of parts (no concatenation buffer), [`Blake2b`] to stream.

use alloc::vec::Vec;

use blake2::Blake2bVarCore;
use blake2::digest::block_api::{UpdateCore, VariableOutputCore};
use blake2::digest::block_buffer::LazyBuffer;
use blake2::digest::consts::U128;
use zeroize::{Zeroize, Zeroizing};

use crate::error::{Error, Input};

/// Smallest output size (`crypto_generichash_blake2b_BYTES_MIN`).
pub const HASH_MIN: usize = 16;
/// Largest output size (`crypto_generichash_blake2b_BYTES_MAX`).
pub const HASH_MAX: usize = 64;
/// Longest key (`crypto_generichash_blake2b_KEYBYTES_MAX`).
pub const KEY_MAX: usize = 64;
/// Length of a personalisation string (`crypto_generichash_blake2b_PERSONALBYTES`).
pub const PERSONAL_LEN: usize = 16;

/// A BLAKE2b computation in progress (libsodium `crypto_generichash_blake2b_state`). Its state
/// and buffered input (the key block of a keyed hash included) are zeroized on drop.
#[derive(Clone)]
pub struct Blake2b {
    core: Blake2bVarCore,
    buffer: LazyBuffer<U128>,
    size: usize,
}

impl Blake2b {
    /// `crypto_generichash_blake2b_init(key, size)`; an empty key is no key.
    ///
    /// # Errors
    /// [`Error::InvalidHashSize`] unless `16 ≤ size ≤ 64`; [`Error::InvalidLength`] for
    /// [`Input::HashKey`] if the key is longer than 64 bytes.
    pub fn new(size: usize, key: &[u8]) -> Result<Blake2b, Error> {
        Self::init(size, key, &[])
    }

    /// `crypto_generichash_blake2b_init_salt_personal(key, size, no salt, personal)`.
    ///
    /// # Errors
    /// As [`Blake2b::new`].
    pub fn with_personal(
        size: usize,
        key: &[u8],
        personal: &[u8; PERSONAL_LEN],
    ) -> Result<Blake2b, Error> {
        Self::init(size, key, personal)
    }

    fn init(size: usize, key: &[u8], personal: &[u8]) -> Result<Blake2b, Error> {
        if !(HASH_MIN..=HASH_MAX).contains(&size) {
            return Err(Error::InvalidHashSize { size });
        }
        let too_long = Error::InvalidLength {
            input: Input::HashKey,
            len: key.len(),
        };
        if key.len() > KEY_MAX {
            return Err(too_long);
        }
        let buffer = if key.is_empty() {
            LazyBuffer::default()
        } else {
            // the key, zero-padded to a block, is the first block of the message
            let mut block = Zeroizing::new([0u8; 128]);
            block
                .get_mut(..key.len())
                .ok_or(too_long)?
                .copy_from_slice(key);
            LazyBuffer::try_new(block.as_slice()).map_err(|_| too_long)?
        };
        Ok(Blake2b {
            core: Blake2bVarCore::new_with_params(&[], personal, key.len(), size),
            buffer,
            size,
        })
    }

    /// Absorbs `data`.
    pub fn update(&mut self, data: &[u8]) {
        let Blake2b { core, buffer, .. } = self;
        buffer.digest_blocks(data, |blocks| core.update_blocks(blocks));
    }

    /// Writes the digest to the start of `out` (`min(out.len(), size)` bytes).
    pub fn finalize_into(mut self, out: &mut [u8]) {
        let mut full = blake2::digest::Output::<Blake2bVarCore>::default();
        self.core
            .finalize_variable_core(&mut self.buffer, &mut full);
        for (o, h) in out.iter_mut().zip(full.iter().take(self.size)) {
            *o = *h;
        }
        full.as_mut_slice().zeroize();
    }

    /// The digest as `size` bytes.
    #[must_use]
    pub fn finalize(self) -> Vec<u8> {
        let mut out = alloc::vec![0u8; self.size];
        self.finalize_into(&mut out);
        out
    }
}

impl core::fmt::Debug for Blake2b {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Blake2b")
            .field("size", &self.size)
            .finish_non_exhaustive()
    }
}

/// `hash::hash(size, msg, key)` (libsession): BLAKE2b of `message` with a `size`-byte output
/// and an optional key; `Some(&[])` is the same as `None`.
///
/// ```
/// use oxen_session::hash::hash;
///
/// let h = hash(32, b"", None)?;
/// assert_eq!(h.len(), 32);
/// assert_eq!(hash(32, b"", Some(b"")), Ok(h));
/// assert!(hash(15, b"", None).is_err());
/// # Ok::<(), oxen_session::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidHashSize`] unless `16 ≤ size ≤ 64`; [`Error::InvalidLength`] for
/// [`Input::HashKey`] if the key is longer than 64 bytes (vectors `hash.json`).
pub fn hash(size: usize, message: &[u8], key: Option<&[u8]>) -> Result<Vec<u8>, Error> {
    let mut h = Blake2b::new(size, key.unwrap_or_default())?;
    h.update(message);
    Ok(h.finalize())
}

/// BLAKE2b with an `N`-byte output over the concatenation of `parts`, keyed by `key` (empty:
/// unkeyed). Wrap the result in `Zeroizing` when it is a secret.
///
/// # Errors
/// [`Error::InvalidHashSize`] unless `16 ≤ N ≤ 64`; [`Error::InvalidLength`] for
/// [`Input::HashKey`] if the key is longer than 64 bytes.
pub fn blake2b<const N: usize>(key: &[u8], parts: &[&[u8]]) -> Result<[u8; N], Error> {
    let mut h = Blake2b::new(N, key)?;
    for p in parts {
        h.update(p);
    }
    let mut out = [0u8; N];
    h.finalize_into(&mut out);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_answers() {
        // BLAKE2b-512("abc"), RFC 7693 appendix A
        let h = blake2b::<64>(&[], &[b"a", b"bc"]).unwrap();
        assert_eq!(h[..8], [0xba, 0x80, 0xa5, 0x3f, 0x98, 0x1c, 0x4d, 0x0d]);
        // a 32-byte output is its own hash, not a prefix of the 64-byte one
        let h32 = blake2b::<32>(&[], &[b"abc"]).unwrap();
        assert_ne!(h32[..], h[..32]);
    }

    #[test]
    fn streaming_equals_one_shot_at_block_boundaries() {
        let data: Vec<u8> = (0..=255u8).cycle().take(600).collect();
        for key in [&b""[..], b"k", &[7u8; 64]] {
            for cut in [0, 1, 127, 128, 129, 256, 600] {
                let mut h = Blake2b::new(40, key).unwrap();
                h.update(&data[..cut]);
                h.update(&data[cut..]);
                assert_eq!(h.finalize(), hash(40, &data, Some(key)).unwrap());
            }
        }
    }

    #[test]
    fn size_and_key_limits() {
        assert_eq!(
            Blake2b::new(65, &[]).err(),
            Some(Error::InvalidHashSize { size: 65 })
        );
        assert_eq!(
            blake2b::<8>(&[], &[]).err(),
            Some(Error::InvalidHashSize { size: 8 })
        );
        assert_eq!(
            Blake2b::new(32, &[0; 65]).err(),
            Some(Error::InvalidLength {
                input: Input::HashKey,
                len: 65
            })
        );
        assert!(Blake2b::with_personal(64, &[0; 64], b"xed25519signatur").is_ok());
    }
}
