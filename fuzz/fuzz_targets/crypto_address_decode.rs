//! Fuzz the base58 decoder, the address envelope and address parsing: never panic, and whatever
//! decodes re-encodes to the same string (the encodings are canonical).
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use libfuzzer_sys::fuzz_target;
use oxen_crypto::address::{Address, Network};
use oxen_crypto::base58;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = core::str::from_utf8(data) else {
        // Arbitrary bytes still go through the byte-level decoder via a lossy string.
        let _ = base58::decode(&String::from_utf8_lossy(data));
        return;
    };
    if let Ok(bytes) = base58::decode(s) {
        assert_eq!(base58::encode(&bytes), s);
    }
    if let Ok((tag, payload)) = base58::decode_addr(s) {
        assert_eq!(base58::encode_addr(tag, &payload), s);
    }
    if let Ok(addr) = s.parse::<Address>() {
        assert_eq!(addr.to_string(), s);
        assert_eq!(Address::from_str_for_network(addr.network(), s), Ok(addr));
    }
    for net in Network::ALL {
        if let Ok(addr) = Address::from_str_for_network(net, s) {
            assert_eq!(addr.network(), net);
            assert_eq!(addr.to_string(), s);
        }
    }
});
