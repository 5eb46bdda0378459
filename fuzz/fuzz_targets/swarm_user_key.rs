//! Fuzz user-key parsing (`user_pubkey::load` on both networks, Session ID parsing): never
//! panics; every accepted key re-encodes to a form that parses back to the same key.
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use libfuzzer_sys::fuzz_target;
use oxen_swarm::{Error, Network, SwarmId, SwarmIndex, UserPubkey};

fuzz_target!(|data: &[u8]| {
    for network in [Network::Mainnet, Network::Testnet] {
        match UserPubkey::load(data, network) {
            Ok(pk) => {
                let hex = pk.to_string();
                assert_eq!(UserPubkey::load(hex.as_bytes(), Network::Mainnet), Ok(pk));
                assert_eq!(
                    UserPubkey::load(&pk.to_prefixed_bytes(), Network::Mainnet),
                    Ok(pk)
                );
                let space = pk.swarm_space();
                let index = SwarmIndex::new([SwarmId(space.0), SwarmId(!space.0)]);
                assert_eq!(index.get_swarm_by_pk(&pk), Some(SwarmId(space.0)));
            }
            Err(Error::InvalidUserPubkeyLength { len }) => assert_eq!(len, data.len()),
            Err(Error::InvalidHex { position }) => assert!(position < data.len()),
            Err(e) => panic!("unexpected error {e:?}"),
        }
    }
    if let Ok(s) = core::str::from_utf8(data) {
        match UserPubkey::parse_session_id(s) {
            Ok(pk) => assert_eq!(pk.netid(), 5),
            Err(Error::UnexpectedPrefix { expected: 5, found }) => assert_ne!(found, 5),
            Err(Error::InvalidUserPubkeyLength { .. } | Error::InvalidHex { .. }) => {}
            Err(e) => panic!("unexpected error {e:?}"),
        }
        let _ = UserPubkey::from_hex(s, Network::Testnet);
        let _ = oxen_swarm::NodePubkey::from_hex(s);
    }
});
