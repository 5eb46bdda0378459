//! Fuzz message padding: both forms pad to their sizes and unpad back to the input; `unpad` of
//! arbitrary bytes follows the client's rule (walk back over zeros; `0x80` strips, any other
//! byte keeps the input whole, nothing left is an error). Never panics.
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use libfuzzer_sys::fuzz_target;
use oxen_session_net::Error;
use oxen_session_net::padding::{BLOCK, Form, pad_with, padded_len, unpad};

fuzz_target!(|data: &[u8]| {
    for form in [Form::Legacy, Form::Libsession] {
        let padded = pad_with(form, data);
        assert_eq!(Some(padded.len()), padded_len(form, data.len()));
        let tail = if form == Form::Legacy { BLOCK - 1 } else { 0 };
        assert_eq!(padded.len() % BLOCK, tail);
        assert_eq!(unpad(&padded).unwrap(), data);
    }
    let zeros = data.iter().rev().take_while(|&&b| b == 0).count();
    let rest = &data[..data.len() - zeros];
    let want = match rest.last() {
        None => Err(Error::InvalidPadding),
        Some(0x80) => Ok(&rest[..rest.len() - 1]),
        Some(_) => Ok(data),
    };
    assert_eq!(unpad(data), want);
});
