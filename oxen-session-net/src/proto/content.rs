//! `Content`, what every Session message carries once opened, and its small companions:
//! receipts, typing indicators, unsend requests, message-request responses, data-extraction
//! notifications and call messages (`SignalService.proto`).

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use zeroize::Zeroize;

use crate::error::Error;

use super::data_message::{DataMessage, LokiProfile};
use super::decoder::{Decode, read_message, read_repeated_uint32, read_repeated_uint64};
use super::pro::ProMessage;
use super::reader::Reader;

/// `Content.ExpirationType`: how the message's disappearing timer runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, prost::Enumeration)]
#[repr(i32)]
pub enum ExpirationType {
    /// No timer.
    Unknown = 0,
    /// The timer starts when the message is read.
    DeleteAfterRead = 1,
    /// The timer starts when the message is sent.
    DeleteAfterSend = 2,
}

/// `Content`: one of the message kinds, the disappearing settings and the signature timestamp.
#[derive(Clone, PartialEq, Eq, Zeroize, prost::Message)]
pub struct Content {
    /// 1: a visible message (text, attachments, reactions, …).
    #[prost(message, optional, tag = "1")]
    pub data_message: Option<DataMessage>,
    /// 3: a call signalling message.
    #[prost(message, optional, tag = "3")]
    pub call_message: Option<CallMessage>,
    /// 5: read receipts.
    #[prost(message, optional, tag = "5")]
    pub receipt_message: Option<ReceiptMessage>,
    /// 6: a typing indicator.
    #[prost(message, optional, tag = "6")]
    pub typing_message: Option<TypingMessage>,
    /// 8: a screenshot / media-saved notification.
    #[prost(message, optional, tag = "8")]
    pub data_extraction_notification: Option<DataExtractionNotification>,
    /// 9: a request to delete a sent message (v1.17.2: `unsendMessage`).
    #[prost(message, optional, tag = "9")]
    pub unsend_request: Option<UnsendRequest>,
    /// 10: the answer to a message request.
    #[prost(message, optional, tag = "10")]
    pub message_request_response: Option<MessageRequestResponse>,
    /// 12: [`ExpirationType`].
    #[prost(enumeration = "ExpirationType", optional, tag = "12")]
    pub expiration_type: Option<i32>,
    /// 13: the disappearing timer in seconds.
    #[prost(uint32, optional, tag = "13")]
    pub expiration_timer: Option<u32>,
    /// 15: the message's timestamp in milliseconds. Clients always set it and drop a
    /// one-to-one message whose non-zero `sigTimestamp` differs from the envelope's timestamp.
    #[prost(uint64, optional, tag = "15")]
    pub sig_timestamp: Option<u64>,
    /// 16: Session Pro data.
    #[prost(message, optional, tag = "16")]
    pub pro_message: Option<ProMessage>,
    /// 17: the Pro signature of a community message.
    #[prost(bytes = "vec", optional, tag = "17")]
    pub pro_sig_for_community_message_only: Option<Vec<u8>>,
}

impl Decode for Content {
    const NAME: &'static str = "Content";

    fn read_field(&mut self, number: u32, _: u32, r: &mut Reader<'_>) -> Result<bool, Error> {
        match number {
            1 => self.data_message = Some(read_message(r)?),
            3 => self.call_message = Some(read_message(r)?),
            5 => self.receipt_message = Some(read_message(r)?),
            6 => self.typing_message = Some(read_message(r)?),
            8 => self.data_extraction_notification = Some(read_message(r)?),
            9 => self.unsend_request = Some(read_message(r)?),
            10 => self.message_request_response = Some(read_message(r)?),
            12 => self.expiration_type = Some(r.int32()?),
            13 => self.expiration_timer = Some(r.uint32()?),
            15 => self.sig_timestamp = Some(r.uint64()?),
            16 => self.pro_message = Some(read_message(r)?),
            17 => self.pro_sig_for_community_message_only = Some(r.bytes()?.to_vec()),
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// `ReceiptMessage.Type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, prost::Enumeration)]
#[repr(i32)]
pub enum ReceiptType {
    /// Read receipts.
    Read = 1,
}

/// `ReceiptMessage`: the timestamps of the messages read.
#[derive(Clone, PartialEq, Eq, Zeroize, prost::Message)]
pub struct ReceiptMessage {
    /// 1, required: [`ReceiptType`].
    #[prost(enumeration = "ReceiptType", required, tag = "1")]
    pub r#type: i32,
    /// 2: the timestamps (ms) of the messages read; written unpacked, one tag per value.
    #[prost(uint64, repeated, packed = "false", tag = "2")]
    pub timestamp: Vec<u64>,
}

impl Decode for ReceiptMessage {
    const NAME: &'static str = "ReceiptMessage";
    const REQUIRED: &'static [(u32, &'static str)] = &[(1, "type")];

    fn read_field(&mut self, number: u32, wire: u32, r: &mut Reader<'_>) -> Result<bool, Error> {
        match number {
            1 => self.r#type = r.int32()?,
            2 => read_repeated_uint64(wire, r, &mut self.timestamp)?,
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// `TypingMessage.Action`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, prost::Enumeration)]
#[repr(i32)]
pub enum TypingAction {
    /// Typing started.
    Started = 0,
    /// Typing stopped.
    Stopped = 1,
}

/// `TypingMessage`: a typing indicator.
#[derive(Clone, PartialEq, Eq, Zeroize, prost::Message)]
pub struct TypingMessage {
    /// 1, required: the time (ms).
    #[prost(uint64, required, tag = "1")]
    pub timestamp: u64,
    /// 2, required: [`TypingAction`].
    #[prost(enumeration = "TypingAction", required, tag = "2")]
    pub action: i32,
}

impl Decode for TypingMessage {
    const NAME: &'static str = "TypingMessage";
    const REQUIRED: &'static [(u32, &'static str)] = &[(1, "timestamp"), (2, "action")];

    fn read_field(&mut self, number: u32, _: u32, r: &mut Reader<'_>) -> Result<bool, Error> {
        match number {
            1 => self.timestamp = r.uint64()?,
            2 => self.action = r.int32()?,
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// `UnsendRequest`: delete a message the sender sent.
#[derive(Clone, PartialEq, Eq, Zeroize, prost::Message)]
pub struct UnsendRequest {
    /// 1, required: the message's timestamp (ms).
    #[prost(uint64, required, tag = "1")]
    pub timestamp: u64,
    /// 2, required: the message's author (Session ID hex).
    #[prost(string, required, tag = "2")]
    pub author: String,
}

impl Decode for UnsendRequest {
    const NAME: &'static str = "UnsendRequest";
    const REQUIRED: &'static [(u32, &'static str)] = &[(1, "timestamp"), (2, "author")];

    fn read_field(&mut self, number: u32, _: u32, r: &mut Reader<'_>) -> Result<bool, Error> {
        match number {
            1 => self.timestamp = r.uint64()?,
            2 => self.author = r.string()?,
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// `MessageRequestResponse`: accepting a message request, with the accepter's profile.
#[derive(Clone, PartialEq, Eq, Zeroize, prost::Message)]
#[prost(skip_debug)]
pub struct MessageRequestResponse {
    /// 1, required: whether the request was approved.
    #[prost(bool, required, tag = "1")]
    pub is_approved: bool,
    /// 2: the key of the accepter's avatar (redacted in `Debug`).
    #[prost(bytes = "vec", optional, tag = "2")]
    pub profile_key: Option<Vec<u8>>,
    /// 3: the accepter's profile.
    #[prost(message, optional, tag = "3")]
    pub profile: Option<LokiProfile>,
}

impl fmt::Debug for MessageRequestResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MessageRequestResponse")
            .field("is_approved", &self.is_approved)
            .field("profile_key", &super::Redacted(&self.profile_key))
            .field("profile", &self.profile)
            .finish()
    }
}

impl Decode for MessageRequestResponse {
    const NAME: &'static str = "MessageRequestResponse";
    const REQUIRED: &'static [(u32, &'static str)] = &[(1, "isApproved")];

    fn read_field(&mut self, number: u32, _: u32, r: &mut Reader<'_>) -> Result<bool, Error> {
        match number {
            1 => self.is_approved = r.bool()?,
            2 => self.profile_key = Some(r.bytes()?.to_vec()),
            3 => self.profile = Some(read_message(r)?),
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// `DataExtractionNotification.Type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, prost::Enumeration)]
#[repr(i32)]
pub enum DataExtractionType {
    /// A screenshot was taken.
    Screenshot = 1,
    /// Media was saved.
    MediaSaved = 2,
}

/// `DataExtractionNotification`: the recipient took a screenshot or saved media.
#[derive(Clone, PartialEq, Eq, Zeroize, prost::Message)]
pub struct DataExtractionNotification {
    /// 1, required: [`DataExtractionType`].
    #[prost(enumeration = "DataExtractionType", required, tag = "1")]
    pub r#type: i32,
    /// 2: when (ms).
    #[prost(uint64, optional, tag = "2")]
    pub timestamp: Option<u64>,
}

impl Decode for DataExtractionNotification {
    const NAME: &'static str = "DataExtractionNotification";
    const REQUIRED: &'static [(u32, &'static str)] = &[(1, "type")];

    fn read_field(&mut self, number: u32, _: u32, r: &mut Reader<'_>) -> Result<bool, Error> {
        match number {
            1 => self.r#type = r.int32()?,
            2 => self.timestamp = Some(r.uint64()?),
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// `CallMessage.Type` (declared with `PRE_OFFER` first, so that is the default).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, prost::Enumeration)]
#[repr(i32)]
pub enum CallType {
    /// Pre-offer.
    PreOffer = 6,
    /// Offer.
    Offer = 1,
    /// Answer.
    Answer = 2,
    /// Provisional answer.
    ProvisionalAnswer = 3,
    /// ICE candidates.
    IceCandidates = 4,
    /// End of call.
    EndCall = 5,
}

/// `CallMessage`: WebRTC call signalling.
#[derive(Clone, PartialEq, Eq, Zeroize, prost::Message)]
pub struct CallMessage {
    /// 1, required: [`CallType`].
    #[prost(enumeration = "CallType", required, tag = "1")]
    pub r#type: i32,
    /// 2: SDP descriptions.
    #[prost(string, repeated, tag = "2")]
    pub sdps: Vec<String>,
    /// 3: SDP m-line indexes (written unpacked).
    #[prost(uint32, repeated, packed = "false", tag = "3")]
    pub sdp_m_line_indexes: Vec<u32>,
    /// 4: SDP mids.
    #[prost(string, repeated, tag = "4")]
    pub sdp_mids: Vec<String>,
    /// 5, required: the call's UUID.
    #[prost(string, required, tag = "5")]
    pub uuid: String,
}

impl Decode for CallMessage {
    const NAME: &'static str = "CallMessage";
    const REQUIRED: &'static [(u32, &'static str)] = &[(1, "type"), (5, "uuid")];

    fn read_field(&mut self, number: u32, wire: u32, r: &mut Reader<'_>) -> Result<bool, Error> {
        match number {
            1 => self.r#type = r.int32()?,
            2 => self.sdps.push(r.string()?),
            3 => read_repeated_uint32(wire, r, &mut self.sdp_m_line_indexes)?,
            4 => self.sdp_mids.push(r.string()?),
            5 => self.uuid = r.string()?,
            _ => return Ok(false),
        }
        Ok(true)
    }
}
