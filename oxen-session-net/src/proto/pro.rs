//! Session Pro data in a `Content`: `ProMessage` and its `ProProof` (`SignalService.proto`,
//! HEAD only). Carried and re-encoded as the client does; nothing here checks a proof.

use alloc::vec::Vec;

use zeroize::Zeroize;

use crate::error::Error;

use super::decoder::{Decode, read_message};
use super::reader::Reader;

/// `ProProof`: a Pro backend's proof for a rotating key.
#[derive(Clone, PartialEq, Eq, Zeroize, prost::Message)]
pub struct ProProof {
    /// 1: the proof format's version.
    #[prost(uint32, optional, tag = "1")]
    pub version: Option<u32>,
    /// 2: the generation index hash.
    #[prost(bytes = "vec", optional, tag = "2")]
    pub gen_index_hash: Option<Vec<u8>>,
    /// 3: the rotating Ed25519 public key.
    #[prost(bytes = "vec", optional, tag = "3")]
    pub rotating_public_key: Option<Vec<u8>>,
    /// 4: the expiry (ms).
    #[prost(uint64, optional, tag = "4")]
    pub expire_at_ms: Option<u64>,
    /// 5: the backend's signature.
    #[prost(bytes = "vec", optional, tag = "5")]
    pub sig: Option<Vec<u8>>,
}

impl Decode for ProProof {
    const NAME: &'static str = "ProProof";

    fn read_field(&mut self, number: u32, _: u32, r: &mut Reader<'_>) -> Result<bool, Error> {
        match number {
            1 => self.version = Some(r.uint32()?),
            2 => self.gen_index_hash = Some(r.bytes()?.to_vec()),
            3 => self.rotating_public_key = Some(r.bytes()?.to_vec()),
            4 => self.expire_at_ms = Some(r.uint64()?),
            5 => self.sig = Some(r.bytes()?.to_vec()),
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// `ProMessage`: the Pro proof and feature bits of a message.
#[derive(Clone, PartialEq, Eq, Zeroize, prost::Message)]
pub struct ProMessage {
    /// 1: the proof.
    #[prost(message, optional, tag = "1")]
    pub proof: Option<ProProof>,
    /// 2: profile feature bits.
    #[prost(uint64, optional, tag = "2")]
    pub profile_bitset: Option<u64>,
    /// 3: message feature bits.
    #[prost(uint64, optional, tag = "3")]
    pub message_bitset: Option<u64>,
}

impl Decode for ProMessage {
    const NAME: &'static str = "ProMessage";

    fn read_field(&mut self, number: u32, _: u32, r: &mut Reader<'_>) -> Result<bool, Error> {
        match number {
            1 => self.proof = Some(read_message(r)?),
            2 => self.profile_bitset = Some(r.uint64()?),
            3 => self.message_bitset = Some(r.uint64()?),
            _ => return Ok(false),
        }
        Ok(true)
    }
}
