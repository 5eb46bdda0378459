//! Fuzz the control JSON parsers (the outer edge JSON and a decrypted layer's routing JSON).
//! Never panics; what parses re-emits canonically and parses back to the same value.
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use libfuzzer_sys::fuzz_target;
use oxen_onion::control::{EdgeRoute, LayerRoute};

fuzz_target!(|data: &[u8]| {
    if let Ok(r) = EdgeRoute::from_json(data) {
        assert_eq!(EdgeRoute::from_json(&r.to_json()).unwrap(), r);
    }
    match LayerRoute::from_json(data) {
        Ok(LayerRoute::Node(n)) => {
            assert_eq!(
                LayerRoute::from_json(&n.to_json()).unwrap(),
                LayerRoute::Node(n)
            );
        }
        Ok(LayerRoute::Server(s)) => {
            assert!(s.host.len() <= oxen_onion::control::MAX_HOST_LEN);
            let again = LayerRoute::from_json(&s.to_json()).unwrap();
            assert_eq!(again, LayerRoute::Server(s));
        }
        Ok(d @ LayerRoute::Destination { .. }) => {
            assert_eq!(LayerRoute::from_json(&d.to_json()).unwrap(), d);
        }
        Err(_) => {}
    }
});
