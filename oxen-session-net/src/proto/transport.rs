//! The outer messages of a one-to-one message: `Envelope` (what the recipient decrypts
//! from) and the `WebSocketMessage` wrapper stored on the swarm (`SignalService.proto`).

use alloc::string::String;
use alloc::vec::Vec;

use zeroize::Zeroize;

use crate::error::Error;

use super::decoder::{Decode, read_message};
use super::reader::Reader;

/// `Envelope.Type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, prost::Enumeration)]
#[repr(i32)]
pub enum EnvelopeType {
    /// A one-to-one message (sealed to the recipient's Session ID).
    SessionMessage = 6,
    /// A (legacy) closed-group message.
    ClosedGroupMessage = 7,
}

/// `Envelope`: the message type, its network timestamp and the sealed content.
#[derive(Clone, PartialEq, Eq, Zeroize, prost::Message)]
pub struct Envelope {
    /// 1, required: [`EnvelopeType`] (unknown numbers are kept).
    #[prost(enumeration = "EnvelopeType", required, tag = "1")]
    pub r#type: i32,
    /// 2: the sender (clients fill it only for closed groups; a one-to-one recipient ignores it).
    #[prost(string, optional, tag = "2")]
    pub source: Option<String>,
    /// 5, required: the message's network timestamp in milliseconds.
    #[prost(uint64, required, tag = "5")]
    pub timestamp: u64,
    /// 8: the sealed content.
    #[prost(bytes = "vec", optional, tag = "8")]
    pub content: Option<Vec<u8>>,
    /// 11: the Session Pro signature (HEAD only).
    #[prost(bytes = "vec", optional, tag = "11")]
    pub pro_sig: Option<Vec<u8>>,
}

impl Decode for Envelope {
    const NAME: &'static str = "Envelope";
    const REQUIRED: &'static [(u32, &'static str)] = &[(1, "type"), (5, "timestamp")];

    fn read_field(&mut self, number: u32, _: u32, r: &mut Reader<'_>) -> Result<bool, Error> {
        match number {
            1 => self.r#type = r.int32()?,
            2 => self.source = Some(r.string()?),
            5 => self.timestamp = r.uint64()?,
            8 => self.content = Some(r.bytes()?.to_vec()),
            11 => self.pro_sig = Some(r.bytes()?.to_vec()),
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// `WebSocketRequestMessage`: the request a stored one-to-one message pretends to be.
#[derive(Clone, PartialEq, Eq, Zeroize, prost::Message)]
pub struct WebSocketRequestMessage {
    /// 1: the verb (`"PUT"`).
    #[prost(string, optional, tag = "1")]
    pub verb: Option<String>,
    /// 2: the path (`"/api/v1/message"`).
    #[prost(string, optional, tag = "2")]
    pub path: Option<String>,
    /// 3: the body: the encoded [`Envelope`].
    #[prost(bytes = "vec", optional, tag = "3")]
    pub body: Option<Vec<u8>>,
    /// 4: the request id (`0`).
    #[prost(uint64, optional, tag = "4")]
    pub id: Option<u64>,
    /// 5: headers (unused).
    #[prost(string, repeated, tag = "5")]
    pub headers: Vec<String>,
}

impl Decode for WebSocketRequestMessage {
    const NAME: &'static str = "WebSocketRequestMessage";

    fn read_field(&mut self, number: u32, _: u32, r: &mut Reader<'_>) -> Result<bool, Error> {
        match number {
            1 => self.verb = Some(r.string()?),
            2 => self.path = Some(r.string()?),
            3 => self.body = Some(r.bytes()?.to_vec()),
            4 => self.id = Some(r.uint64()?),
            5 => self.headers.push(r.string()?),
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// `WebSocketMessage.Type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, prost::Enumeration)]
#[repr(i32)]
pub enum WebSocketMessageType {
    /// Unknown (the default when absent).
    Unknown = 0,
    /// A request: what a stored message is.
    Request = 1,
    /// A response.
    Response = 2,
}

/// `WebSocketMessage`: the form in which a one-to-one message is stored on the swarm.
#[derive(Clone, PartialEq, Eq, Zeroize, prost::Message)]
pub struct WebSocketMessage {
    /// 1: [`WebSocketMessageType`].
    #[prost(enumeration = "WebSocketMessageType", optional, tag = "1")]
    pub r#type: Option<i32>,
    /// 2: the request.
    #[prost(message, optional, tag = "2")]
    pub request: Option<WebSocketRequestMessage>,
}

impl Decode for WebSocketMessage {
    const NAME: &'static str = "WebSocketMessage";

    fn read_field(&mut self, number: u32, _: u32, r: &mut Reader<'_>) -> Result<bool, Error> {
        match number {
            1 => self.r#type = Some(r.int32()?),
            2 => self.request = Some(read_message(r)?),
            _ => return Ok(false),
        }
        Ok(true)
    }
}
