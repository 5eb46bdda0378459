//! Decoding a message as the client's generated code does (protobufjs 7.4 `decoder.js`, the
//! `decode` functions `pbjs --target static-module` writes): read tags until the message's end,
//! dispatch on the field number alone, skip unknown fields by their wire type, and check the
//! required fields once the message is read.

use alloc::vec::Vec;

use crate::error::Error;

use super::reader::Reader;

/// A message this crate decodes as the Session client does. Implemented by every message of
/// [`crate::proto`]; [`decode`] is the entry point.
pub trait Decode: prost::Message + Default {
    /// The message's name in `SignalService.proto` (reported by
    /// [`Error::ProtobufMissingRequired`]).
    const NAME: &'static str;

    /// The required fields in declaration order: field number and protobufjs's (camelCase)
    /// name. protobufjs checks them in this order after reading the message.
    const REQUIRED: &'static [(u32, &'static str)] = &[];

    /// Reads field `number` with its declared type, whatever `wire_type` says (protobufjs looks
    /// at the wire type only to tell a packed repeated number from an unpacked one). Returns
    /// `false` for a field number the message does not declare; the caller then skips it.
    ///
    /// # Errors
    /// The read errors of [`Reader`], or those of a nested message.
    fn read_field(
        &mut self,
        number: u32,
        wire_type: u32,
        r: &mut Reader<'_>,
    ) -> Result<bool, Error>;
}

/// Decodes a whole input as `T`, the client's verdict and values.
///
/// ```
/// use oxen_session_net::proto::{decode, TypingMessage};
/// use oxen_session_net::Error;
///
/// let typing: TypingMessage = decode(&[0x08, 0x01, 0x10, 0x09])?;
/// assert_eq!((typing.timestamp, typing.action), (1, 9)); // unknown enum values are kept
/// assert_eq!(
///     decode::<TypingMessage>(&[0x08, 0x01]),
///     Err(Error::ProtobufMissingRequired { message: "TypingMessage", field: "action" })
/// );
/// # Ok::<(), Error>(())
/// ```
///
/// # Errors
/// The first failure protobufjs meets, in its order: [`Error::ProtobufTruncated`],
/// [`Error::ProtobufLengthPastEnd`], [`Error::ProtobufVarintTooLong`],
/// [`Error::ProtobufInvalidWireType`], [`Error::ProtobufMissingRequired`].
pub fn decode<T: Decode>(bytes: &[u8]) -> Result<T, Error> {
    let mut r = Reader::new(bytes);
    read_until(&mut r, bytes.len())
}

/// `T.decode(reader, length)` for a nested message: its length, then its fields. The end is
/// not checked against the input's: reads past the input fail, and a field that runs past the
/// message's end ends the message there.
///
/// # Errors
/// As [`decode`].
pub fn read_message<T: Decode>(r: &mut Reader<'_>) -> Result<T, Error> {
    let length = r.uint32()? as usize;
    let end = r.pos().saturating_add(length);
    read_until(r, end)
}

/// Appends one occurrence of a repeated `uint64` field: packed (wire type 2: a length, then
/// values until the position reaches its end) or a single value.
///
/// # Errors
/// The read errors of [`Reader`].
pub fn read_repeated_uint64(
    wire_type: u32,
    r: &mut Reader<'_>,
    into: &mut Vec<u64>,
) -> Result<(), Error> {
    if wire_type == 2 {
        let end = (r.uint32()? as usize).saturating_add(r.pos());
        while r.pos() < end {
            into.push(r.uint64()?);
        }
        Ok(())
    } else {
        into.push(r.uint64()?);
        Ok(())
    }
}

/// As [`read_repeated_uint64`] for a repeated `uint32` field.
///
/// # Errors
/// The read errors of [`Reader`].
pub fn read_repeated_uint32(
    wire_type: u32,
    r: &mut Reader<'_>,
    into: &mut Vec<u32>,
) -> Result<(), Error> {
    if wire_type == 2 {
        let end = (r.uint32()? as usize).saturating_add(r.pos());
        while r.pos() < end {
            into.push(r.uint32()?);
        }
        Ok(())
    } else {
        into.push(r.uint32()?);
        Ok(())
    }
}

/// The message loop: fields until the position reaches `end`, then the required fields.
fn read_until<T: Decode>(r: &mut Reader<'_>, end: usize) -> Result<T, Error> {
    let mut message = T::default();
    let mut seen = 0u64;
    while r.pos() < end {
        let tag = r.uint32()?;
        let (number, wire_type) = (tag >> 3, tag & 7);
        if message.read_field(number, wire_type, r)? {
            if let Some(k) = T::REQUIRED.iter().position(|(n, _)| *n == number) {
                seen |= 1 << k;
            }
        } else {
            r.skip_type(wire_type)?;
        }
    }
    for (k, (_, field)) in T::REQUIRED.iter().enumerate() {
        if seen & (1 << k) == 0 {
            return Err(Error::ProtobufMissingRequired {
                message: T::NAME,
                field,
            });
        }
    }
    Ok(message)
}
