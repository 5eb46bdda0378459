//! Fuzz target: transaction parsing. Whatever parses must re-serialize to the same bytes and
//! hash without panicking.
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use libfuzzer_sys::fuzz_target;
use oxen_tx::transaction::Transaction;

fuzz_target!(|data: &[u8]| {
    if let Ok((tx, layout)) = Transaction::from_bytes_with_layout(data) {
        let (blob, layout2) = tx.to_bytes_with_layout().expect("a parsed tx serializes");
        assert_eq!(blob, data, "re-serialization differs");
        assert_eq!(layout, layout2);
        let _ = tx.hash();
        let _ = tx.hash_components();
        let _ = tx.expand();
        let _ = tx.prefix_hash().expect("prefix hash");
    }
});
