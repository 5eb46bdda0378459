//! Optional length hiding (beyond the reference, wire-compatible; spec §11.3).
//!
//! The builder pads the control JSON of one layer with trailing JSON whitespace (spaces after
//! the closing brace). Every parser on the path reads the whole trailer as one JSON document
//! and ignores whitespace around it, so no node notices; the payload bytes the destination
//! receives are unchanged. Padding the innermost paddable layer to a bucket fixes the size
//! of every layer around it, so path hops see one of a few sizes instead of the payload size.
//!
//! * Snode destination: the destination layer's `{"headers":""}` is padded, hiding the
//!   payload length from every path hop (the destination still sees its exact payload).
//! * Server destination: the payload is encrypted for the server without framing, so the
//!   first paddable JSON is the last path hop's route. This hides the length from hops
//!   `h1..h(n-1)`; the last hop still sees the exact length of the server ciphertext. (v4
//!   bencoded payloads cannot be padded inside: pysogs requires the body to end in `e`.)

use alloc::vec::Vec;

/// Default buckets: powers of four from 1 KiB to 4 MiB, then the 10 MiB request limit.
pub const DEFAULT_BUCKETS: &[usize] = &[
    1 << 10,
    1 << 12,
    1 << 14,
    1 << 16,
    1 << 18,
    1 << 20,
    1 << 22,
    crate::MAX_REQUEST_BODY_SIZE,
];

/// Padding policy of the [`Builder`](crate::Builder).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Padding {
    /// No padding (the reference's behaviour, byte-exact with the vectors).
    #[default]
    None,
    /// Pad the padded layer's plaintext up to the smallest bucket at least as large (sorted
    /// ascending). Larger plaintexts are left unpadded.
    Buckets(&'static [usize]),
}

impl Padding {
    /// [`Padding::Buckets`] with [`DEFAULT_BUCKETS`].
    #[must_use]
    pub const fn default_buckets() -> Self {
        Padding::Buckets(DEFAULT_BUCKETS)
    }

    /// Size the padded plaintext of `len` bytes will have.
    #[must_use]
    pub fn target_len(&self, len: usize) -> usize {
        match self {
            Padding::None => len,
            Padding::Buckets(b) => b.iter().copied().find(|&b| b >= len).unwrap_or(len),
        }
    }

    /// Appends spaces to `json` so that a plaintext of `plain_len` bytes (which includes
    /// `json`) reaches [`Self::target_len`].
    pub(crate) fn pad_json(&self, json: &mut Vec<u8>, plain_len: usize) {
        let extra = self.target_len(plain_len).saturating_sub(plain_len);
        json.resize(json.len() + extra, b' ');
    }
}
