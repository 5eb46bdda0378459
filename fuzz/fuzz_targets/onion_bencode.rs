//! Fuzz the bencoded formats: the OMQ relay message and the v4 request/response lists.
//! Never panics; whatever decodes re-encodes to something that decodes to the same value.
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use libfuzzer_sys::fuzz_target;
use oxen_onion::{RelayMessage, V4Request, V4Response};

fuzz_target!(|data: &[u8]| {
    if let Ok(m) = RelayMessage::from_bytes(data) {
        assert!(m.hop_no >= 1 && m.hop_no <= oxen_onion::MAX_ONION_HOPS);
        assert!(m.data.len() <= data.len());
        assert_eq!(RelayMessage::from_bytes(&m.to_bytes()).unwrap(), m);
    }
    if let Ok(r) = V4Request::from_bytes(data) {
        assert!(r.endpoint.starts_with('/'));
        assert_eq!(V4Request::from_bytes(&r.to_bytes()).unwrap(), r);
    }
    if let Ok(r) = V4Response::from_bytes(data) {
        assert_eq!(V4Response::from_bytes(&r.to_bytes()).unwrap(), r);
    }
});
