//! Fuzz target: tx_extra parsing. A parsed extra keeps its bytes; every field's typed
//! serialization parses back to the same field; failures report a sane position.
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use libfuzzer_sys::fuzz_target;
use oxen_tx::extra::{TxExtra, sort_tx_extra};

fuzz_target!(|data: &[u8]| {
    match TxExtra::parse(data) {
        Ok(extra) => {
            assert_eq!(extra.as_bytes(), data);
            let mut joined = Vec::new();
            for (i, f) in extra.fields().iter().enumerate() {
                joined.extend_from_slice(extra.field_bytes(i).unwrap());
                // Padding must stay last, so check it only where it was.
                let typed = f.to_bytes().expect("a parsed field serializes");
                let back = TxExtra::parse(&typed).expect("typed serialization parses");
                assert_eq!(back.fields(), std::slice::from_ref(f));
            }
            assert_eq!(joined, data);
            let _ = sort_tx_extra(data).expect("sort of a parsed extra");
            let _ = (
                extra.payment_id(),
                extra.encrypted_payment_id(),
                extra.burned_amount(),
            );
        }
        Err(e) => {
            assert!(e.offset < data.len());
            assert_eq!(e.parsed.len(), e.field_index);
        }
    }
});
