//! Varint decoding: only canonical encodings decode, and they re-encode to the same bytes.
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use libfuzzer_sys::fuzz_target;
use oxen_crypto::varint;

fuzz_target!(|data: &[u8]| {
    if let Ok((v, n)) = varint::read(data) {
        let mut out = Vec::new();
        varint::write(&mut out, v);
        assert_eq!(&out[..], &data[..n]);
        assert_eq!(varint::encoded_len(v), n);
    }
});
