//! The protobuf messages Session clients send and read (spec `session.md` §14.2), encoded and
//! decoded byte for byte as the desktop client's code does (protobufjs 7.4 static code
//! compiled from `protos/SignalService.proto`, package `SessionProtos`; the package name never
//! reaches the wire).
//!
//! The structs are written in Rust with `#[derive(prost::Message)]` (no `protoc`, no build
//! script), one per message of the schema, every field declared (nested messages included, so
//! a missing required field is found anywhere in the tree). Field names are the schema's in
//! snake case; enums are `i32` fields with a Rust enum beside them (prost's convention), so an
//! unknown number is kept.
//!
//! **Encoding** is prost's ([`encode`], or `prost::Message::encode_to_vec`), which writes what
//! protobufjs writes for every value these structs can hold: fields in field-number order; a
//! field that is `Some` is written even when it holds its default (`body: ""` → `0a00`); a
//! required field is a plain value, so one left at its default is written as that default (the
//! first value of its enum, `0`, `""`), as protobufjs writes a missing required field; repeated
//! numbers unpacked, one tag per value.
//!
//! **Decoding** is [`decode`], the client's verdict, through [`reader::Reader`] (protobufjs's
//! reader, quirks included) and one [`Decode`] impl per message (protobufjs's generated
//! `decode`): a known field is read with its declared type whatever its wire type (so `0805` as
//! a `DataMessage` is a 5-byte string past the end); a field that appears twice keeps the last
//! value (a message too: it is replaced, not merged); unknown fields are skipped and lost on
//! re-encoding; a missing required field anywhere is [`crate::Error::ProtobufMissingRequired`];
//! strings are decoded leniently ([`utf8`]); truncation, a length past the end and a varint of
//! more than ten bytes are errors; `uint64` covers the full range.
//!
//! prost's own `Message::decode` also exists on these structs (the derive provides it) but
//! gives prost's verdict, not the client's: it refuses wire-type mismatches and invalid UTF-8,
//! merges repeated messages and does not check required fields. Use [`decode`].
//!
//! ```
//! use oxen_session_net::proto::{self, Content, DataMessage};
//!
//! let content = Content {
//!     data_message: Some(DataMessage { body: Some("hello from a bot".into()), ..Default::default() }),
//!     sig_timestamp: Some(1_700_000_000_000),
//!     ..Default::default()
//! };
//! let bytes = proto::encode(&content);
//! assert_eq!(hex::encode(&bytes), "0a120a1068656c6c6f2066726f6d206120626f747880d095ffbc31");
//! assert_eq!(proto::decode::<Content>(&bytes)?, content);
//! # Ok::<(), oxen_session_net::Error>(())
//! ```

use alloc::vec::Vec;
use core::fmt;

mod content;
mod data_message;
pub mod decoder;
mod group_update;
mod pro;
pub mod reader;
mod transport;
pub mod utf8;

pub use content::{
    CallMessage, CallType, Content, DataExtractionNotification, DataExtractionType, ExpirationType,
    MessageRequestResponse, ReceiptMessage, ReceiptType, TypingAction, TypingMessage,
    UnsendRequest,
};
pub use data_message::{
    AttachmentPointer, CommunityInvitation, DataMessage, EXPIRATION_TIMER_UPDATE, LokiProfile,
    Preview, Quote, Reaction, ReactionAction, VOICE_MESSAGE,
};
pub use decoder::{Decode, decode};
pub use group_update::{
    GroupInfoChangeType, GroupMemberChangeType, GroupUpdateDeleteMemberContentMessage,
    GroupUpdateInfoChangeMessage, GroupUpdateInviteMessage, GroupUpdateInviteResponseMessage,
    GroupUpdateMemberChangeMessage, GroupUpdateMemberLeftMessage,
    GroupUpdateMemberLeftNotificationMessage, GroupUpdateMessage, GroupUpdatePromoteMessage,
};
pub use pro::{ProMessage, ProProof};
pub use transport::{
    Envelope, EnvelopeType, WebSocketMessage, WebSocketMessageType, WebSocketRequestMessage,
};

/// Encodes a message as the client does (prost's encoding; see the module documentation).
#[must_use]
pub fn encode<T: prost::Message>(message: &T) -> Vec<u8> {
    message.encode_to_vec()
}

/// `Debug` of a key-bearing field: whether it is set, never its bytes.
struct Redacted<'a, T>(&'a T);

impl fmt::Debug for Redacted<'_, Option<Vec<u8>>> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(_) => f.write_str("Some(..)"),
            None => f.write_str("None"),
        }
    }
}

impl fmt::Debug for Redacted<'_, Vec<u8>> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("..")
    }
}
