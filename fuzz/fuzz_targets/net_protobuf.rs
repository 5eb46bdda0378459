//! Fuzz the client's protobuf decoding: the first byte picks one of the message types, the rest
//! is decoded as protobufjs 7.4 decodes it. Never panics; whatever decodes re-encodes to bytes
//! that decode to the same message (inputs under 4096 bytes: no decoded string reaches
//! protobufjs's 8192-unit chunk flush, which can change a long string on a second decoding).
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use libfuzzer_sys::fuzz_target;
use oxen_session_net::proto::*;

fn check<T: Decode + PartialEq + core::fmt::Debug>(bytes: &[u8]) {
    if let Ok(m) = decode::<T>(bytes) {
        let again = encode(&m);
        if bytes.len() < 4096 {
            assert_eq!(decode::<T>(&again), Ok(m));
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let [which, bytes @ ..] = data else { return };
    match which % 26 {
        0 => check::<Content>(bytes),
        1 => check::<DataMessage>(bytes),
        2 => check::<Envelope>(bytes),
        3 => check::<WebSocketMessage>(bytes),
        4 => check::<WebSocketRequestMessage>(bytes),
        5 => check::<TypingMessage>(bytes),
        6 => check::<ReceiptMessage>(bytes),
        7 => check::<UnsendRequest>(bytes),
        8 => check::<MessageRequestResponse>(bytes),
        9 => check::<DataExtractionNotification>(bytes),
        10 => check::<CallMessage>(bytes),
        11 => check::<LokiProfile>(bytes),
        12 => check::<Quote>(bytes),
        13 => check::<Preview>(bytes),
        14 => check::<Reaction>(bytes),
        15 => check::<CommunityInvitation>(bytes),
        16 => check::<AttachmentPointer>(bytes),
        17 => check::<GroupUpdateMessage>(bytes),
        18 => check::<GroupUpdateInviteMessage>(bytes),
        19 => check::<GroupUpdatePromoteMessage>(bytes),
        20 => check::<GroupUpdateInfoChangeMessage>(bytes),
        21 => check::<GroupUpdateMemberChangeMessage>(bytes),
        22 => check::<GroupUpdateInviteResponseMessage>(bytes),
        23 => check::<GroupUpdateDeleteMemberContentMessage>(bytes),
        24 => check::<ProMessage>(bytes),
        _ => check::<ProProof>(bytes),
    }
});
