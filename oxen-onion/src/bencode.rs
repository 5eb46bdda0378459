//! The bencoded messages: the OMQ relay message between nodes (spec §5.2) and the v4 server
//! request/response lists (spec §5.6).
//!
//! The decoder is a small stream consumer in the style of oxenc `bt_dict_consumer`: string
//! lengths are checked against the remaining input before slicing (nothing is allocated from
//! a length prefix), nesting is bounded by [`MAX_BENCODE_DEPTH`].

use alloc::string::String;
use alloc::vec::Vec;

use crate::control::itoa;
use crate::keys::X25519PublicKey;
use crate::{EncType, Error, MAX_ONION_HOPS};

/// Deepest list/dict nesting the decoder skips over.
pub const MAX_BENCODE_DEPTH: usize = 32;
/// Most header pairs accepted in a v4 request or response meta.
pub const MAX_V4_HEADERS: usize = 256;

/// Cursor over bencoded bytes.
struct Reader<'a> {
    rest: &'a [u8],
    depth: usize,
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<u8> {
        self.rest.first().copied()
    }

    fn expect(&mut self, b: u8) -> Result<(), Error> {
        match self.rest.split_first() {
            Some((&c, rest)) if c == b => {
                self.rest = rest;
                Ok(())
            }
            _ => Err(Error::InvalidBencode),
        }
    }

    /// Decimal digits up to `end`; canonical (no leading zero unless "0", no "-0").
    fn number(&mut self, end: u8, allow_negative: bool) -> Result<i64, Error> {
        let pos = self
            .rest
            .iter()
            .position(|&c| c == end)
            .ok_or(Error::InvalidBencode)?;
        let (digits, rest) = self.rest.split_at(pos);
        let (neg, abs) = match digits.split_first() {
            Some((b'-', abs)) if allow_negative => (true, abs),
            _ => (false, digits),
        };
        if abs.is_empty() || abs.len() > 18 || !abs.iter().all(u8::is_ascii_digit) {
            return Err(Error::InvalidBencode);
        }
        if (abs.len() > 1 && abs.first() == Some(&b'0')) || (neg && abs == b"0") {
            return Err(Error::InvalidBencode);
        }
        let mut n: i64 = 0;
        for &d in abs {
            n = n * 10 + i64::from(d - b'0');
        }
        self.rest = rest.get(1..).ok_or(Error::InvalidBencode)?;
        Ok(if neg { -n } else { n })
    }

    fn string(&mut self) -> Result<&'a [u8], Error> {
        let len = self.number(b':', false)?;
        let len = usize::try_from(len).map_err(|_| Error::InvalidBencode)?;
        if len > self.rest.len() {
            return Err(Error::InvalidBencode);
        }
        let (s, rest) = self.rest.split_at(len);
        self.rest = rest;
        Ok(s)
    }

    fn integer(&mut self) -> Result<i64, Error> {
        self.expect(b'i')?;
        self.number(b'e', true)
    }

    fn skip_value(&mut self) -> Result<(), Error> {
        match self.peek() {
            Some(b'i') => self.integer().map(|_| ()),
            Some(b'0'..=b'9') => self.string().map(|_| ()),
            Some(c @ (b'l' | b'd')) => {
                self.depth += 1;
                if self.depth > MAX_BENCODE_DEPTH {
                    return Err(Error::InvalidBencode);
                }
                self.expect(c)?;
                while self.peek() != Some(b'e') {
                    if c == b'd' {
                        self.string()?;
                    }
                    self.skip_value()?;
                }
                self.expect(b'e')?;
                self.depth -= 1;
                Ok(())
            }
            _ => Err(Error::InvalidBencode),
        }
    }
}

fn write_string(out: &mut Vec<u8>, s: &[u8]) {
    out.extend_from_slice(itoa(s.len() as u64).as_bytes());
    out.push(b':');
    out.extend_from_slice(s);
}

/// The OMQ `sn.onion_request` message a node sends to the next hop:
/// `d 4:data <blob> 8:enc_type <name> 13:ephemeral_key <32 bytes> 6:hop_no i<n>e e`.
///
/// Reference: oxenss `encode_onion_data` / `decode_onion_data` (`oxenss/server/omq.cpp`).
#[derive(Clone, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RelayMessage {
    /// The next layer's ciphertext.
    pub data: Vec<u8>,
    /// Scheme of the next layer.
    pub enc_type: EncType,
    /// Ephemeral key of the next layer (32 raw bytes on the wire).
    pub ephemeral_key: X25519PublicKey,
    /// Hop number (sender's received hop_no + 1).
    pub hop_no: u32,
}

impl RelayMessage {
    /// Exact bencoding, keys in sorted order (oxenss `encode_onion_data`).
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.data.len() + 96);
        out.extend_from_slice(b"d4:data");
        write_string(&mut out, &self.data);
        out.extend_from_slice(b"8:enc_type");
        write_string(&mut out, self.enc_type.as_str().as_bytes());
        out.extend_from_slice(b"13:ephemeral_key32:");
        out.extend_from_slice(self.ephemeral_key.as_bytes());
        out.extend_from_slice(b"6:hop_noi");
        out.extend_from_slice(itoa(u64::from(self.hop_no)).as_bytes());
        out.extend_from_slice(b"ee");
        out
    }

    /// oxenss `decode_onion_data`: a dict consumed in key order; keys before a wanted key are
    /// skipped; `data` and `ephemeral_key` (exactly 32 bytes) required, `enc_type` optional
    /// (default aes-gcm), `hop_no` optional and raised to 1 if below 1. Then the
    /// `hop_no > MAX_ONION_HOPS` check of `sn.onion_request`.
    ///
    /// # Errors
    /// [`Error::InvalidBencode`], [`Error::MissingField`], [`Error::InvalidKeyLength`],
    /// [`Error::UnknownEncType`], [`Error::MaxPathLengthExceeded`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        let mut r = Reader {
            rest: bytes,
            depth: 0,
        };
        r.expect(b'd')?;
        let mut data = None;
        let mut enc_type = None;
        let mut ephemeral_key = None;
        let mut hop_no = None;
        let mut last_key: Option<&[u8]> = None;
        while r.peek() != Some(b'e') {
            let key = r.string()?;
            if last_key.is_some_and(|k| k >= key) {
                // a stream consumer only moves forward: keys must be strictly ascending
                return Err(Error::InvalidBencode);
            }
            last_key = Some(key);
            match key {
                b"data" => data = Some(r.string()?),
                b"enc_type" => {
                    let s = core::str::from_utf8(r.string()?).map_err(|_| Error::UnknownEncType)?;
                    enc_type = Some(EncType::parse_oxenss(s)?);
                }
                b"ephemeral_key" => {
                    ephemeral_key = Some(X25519PublicKey::from_bytes(r.string()?)?);
                }
                b"hop_no" => hop_no = Some(r.integer()?),
                _ => r.skip_value()?,
            }
        }
        r.expect(b'e')?;
        if !r.rest.is_empty() {
            return Err(Error::InvalidBencode);
        }
        let data = data.ok_or(Error::MissingField("data"))?.to_vec();
        let ephemeral_key = ephemeral_key.ok_or(Error::MissingField("ephemeral_key"))?;
        let hop_no = hop_no.unwrap_or(1).max(1);
        if hop_no > i64::from(MAX_ONION_HOPS) {
            return Err(Error::MaxPathLengthExceeded);
        }
        Ok(Self {
            data,
            enc_type: enc_type.unwrap_or_default(),
            ephemeral_key,
            hop_no: u32::try_from(hop_no).map_err(|_| Error::MaxPathLengthExceeded)?,
        })
    }
}

/// Header list of a v4 request or response: name/value pairs in the order given.
pub type Headers = Vec<(String, String)>;

fn write_headers(out: &mut Vec<u8>, headers: &Headers) {
    out.push(b'{');
    for (i, (k, v)) in headers.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        crate::control::write_json_string(out, k);
        out.push(b':');
        crate::control::write_json_string(out, v);
    }
    out.push(b'}');
}

fn read_headers(v: Option<&serde_json::Value>) -> Result<Headers, Error> {
    match v {
        None => Ok(Vec::new()),
        Some(serde_json::Value::Object(m)) => {
            if m.len() > MAX_V4_HEADERS {
                return Err(Error::FieldTooLong("headers"));
            }
            m.iter()
                .map(|(k, v)| match v {
                    serde_json::Value::String(s) => Ok((k.clone(), s.clone())),
                    _ => Err(Error::WrongFieldType("headers")),
                })
                .collect()
        }
        Some(_) => Err(Error::WrongFieldType("headers")),
    }
}

/// Parses a v4 list `l <meta> [<body>] e` of one or two strings.
fn read_v4_list(bytes: &[u8]) -> Result<(&[u8], Option<&[u8]>), Error> {
    let mut r = Reader {
        rest: bytes,
        depth: 0,
    };
    r.expect(b'l')?;
    let meta = r.string()?;
    let body = if r.peek() == Some(b'e') {
        None
    } else {
        Some(r.string()?)
    };
    r.expect(b'e')?;
    if !r.rest.is_empty() {
        return Err(Error::InvalidBencode);
    }
    Ok((meta, body))
}

/// A v4 onion request to a server (session-pysogs `/oxen/v4/lsrpc`):
/// `l <len>:{"method","endpoint","headers"} [<len>:<body>] e`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct V4Request {
    /// HTTP method.
    pub method: String,
    /// Endpoint path; must start with `/`.
    pub endpoint: String,
    /// Request headers, in order.
    pub headers: Headers,
    /// Body (sent only for POST and PUT).
    pub body: Option<Vec<u8>>,
}

impl V4Request {
    /// Encodes the request; the meta JSON keys are in the order method, endpoint, headers (as
    /// Session clients emit them, see `onion_request.json` `server-v4-*`).
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut meta = Vec::with_capacity(64 + self.endpoint.len());
        meta.extend_from_slice(b"{\"method\":");
        crate::control::write_json_string(&mut meta, &self.method);
        meta.extend_from_slice(b",\"endpoint\":");
        crate::control::write_json_string(&mut meta, &self.endpoint);
        meta.extend_from_slice(b",\"headers\":");
        write_headers(&mut meta, &self.headers);
        meta.push(b'}');
        let mut out = Vec::with_capacity(meta.len() + 16 + self.body.as_ref().map_or(0, Vec::len));
        out.push(b'l');
        write_string(&mut out, &meta);
        if let Some(b) = &self.body {
            write_string(&mut out, b);
        }
        out.push(b'e');
        out
    }

    /// Parses a v4 request as a server does (pysogs `handle_v4_onion_request`).
    ///
    /// # Errors
    /// [`Error::InvalidBencode`], [`Error::InvalidJson`], [`Error::MissingField`],
    /// [`Error::WrongFieldType`] (also for an endpoint not starting with `/`).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        let (meta, body) = read_v4_list(bytes)?;
        let v = crate::control::parse_json(meta)?;
        let s = |k: &'static str| match v.get(k) {
            Some(serde_json::Value::String(s)) => Ok(s.clone()),
            Some(_) => Err(Error::WrongFieldType(k)),
            None => Err(Error::MissingField(k)),
        };
        let method = s("method")?;
        let endpoint = s("endpoint")?;
        if !endpoint.starts_with('/') {
            return Err(Error::WrongFieldType("endpoint"));
        }
        Ok(Self {
            method,
            endpoint,
            headers: read_headers(v.get("headers"))?,
            body: body.map(<[u8]>::to_vec),
        })
    }
}

/// A v4 server reply: always two strings, `l <len>:{"code":N,"headers":{..}} <len>:<body> e`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct V4Response {
    /// HTTP status code.
    pub code: u16,
    /// Response headers (lower-case names), in order.
    pub headers: Headers,
    /// Response body.
    pub body: Vec<u8>,
}

impl V4Response {
    /// Encodes the reply (pysogs `encode_response`: code first, then headers).
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut meta = Vec::with_capacity(64);
        meta.extend_from_slice(b"{\"code\":");
        meta.extend_from_slice(itoa(u64::from(self.code)).as_bytes());
        meta.extend_from_slice(b",\"headers\":");
        write_headers(&mut meta, &self.headers);
        meta.push(b'}');
        let mut out = Vec::with_capacity(meta.len() + self.body.len() + 16);
        out.push(b'l');
        write_string(&mut out, &meta);
        write_string(&mut out, &self.body);
        out.push(b'e');
        out
    }

    /// Parses a decrypted v4 reply.
    ///
    /// # Errors
    /// [`Error::InvalidBencode`] (also when the body is missing), [`Error::InvalidJson`],
    /// [`Error::MissingField`], [`Error::WrongFieldType`], [`Error::InvalidStatus`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        let (meta, body) = read_v4_list(bytes)?;
        let body = body.ok_or(Error::InvalidBencode)?;
        let v = crate::control::parse_json(meta)?;
        let code = match v.get("code") {
            None => return Err(Error::MissingField("code")),
            Some(c) => c.as_u64().ok_or(Error::WrongFieldType("code"))?,
        };
        let code = u16::try_from(code)
            .ok()
            .filter(|c| (100..=999).contains(c))
            .ok_or(Error::InvalidStatus)?;
        Ok(Self {
            code,
            headers: read_headers(v.get("headers"))?,
            body: body.to_vec(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relay_message_round_trip_and_rules() {
        let m = RelayMessage {
            data: b"abc".to_vec(),
            enc_type: EncType::XChaCha20,
            ephemeral_key: X25519PublicKey([7; 32]),
            hop_no: 3,
        };
        let b = m.to_bytes();
        assert_eq!(RelayMessage::from_bytes(&b).unwrap(), m);
        // hop_no 16 rejected, hop_no 0 raised to 1, missing fields, unsorted keys
        let mut m16 = m.clone();
        m16.hop_no = 16;
        assert_eq!(
            RelayMessage::from_bytes(&m16.to_bytes()),
            Err(Error::MaxPathLengthExceeded)
        );
        let mut m0 = m.clone();
        m0.hop_no = 0;
        assert_eq!(RelayMessage::from_bytes(&m0.to_bytes()).unwrap().hop_no, 1);
        assert_eq!(
            RelayMessage::from_bytes(b"de"),
            Err(Error::MissingField("data"))
        );
        assert_eq!(
            RelayMessage::from_bytes(b"d4:data1:xe"),
            Err(Error::MissingField("ephemeral_key"))
        );
        assert_eq!(
            RelayMessage::from_bytes(b"d13:ephemeral_key1:x4:data1:xe"),
            Err(Error::InvalidKeyLength)
        );
        assert_eq!(
            RelayMessage::from_bytes(b"d4:data99999:xe"),
            Err(Error::InvalidBencode)
        );
        assert_eq!(
            RelayMessage::from_bytes(b"d4:data1:x8:enc_type3:fooe"),
            Err(Error::UnknownEncType)
        );
        let deep = [b"d1:a".as_slice(), &[b'l'; 64], &[b'e'; 64], b"e"].concat();
        assert_eq!(RelayMessage::from_bytes(&deep), Err(Error::InvalidBencode));
    }

    #[test]
    fn v4_round_trip() {
        let r = V4Request {
            method: "POST".into(),
            endpoint: "/room/x/message".into(),
            headers: alloc::vec![("Content-Type".into(), "application/json".into())],
            body: Some(b"{}".to_vec()),
        };
        assert_eq!(V4Request::from_bytes(&r.to_bytes()).unwrap(), r);
        let resp = V4Response {
            code: 200,
            headers: Vec::new(),
            body: b"x".to_vec(),
        };
        assert_eq!(V4Response::from_bytes(&resp.to_bytes()).unwrap(), resp);
        assert_eq!(
            V4Response::from_bytes(b"l2:{}e"),
            Err(Error::InvalidBencode)
        );
        let meta = br#"{"method":"GET","endpoint":"nope"}"#;
        let bad = [b"l34:".as_slice(), meta, b"e"].concat();
        assert_eq!(meta.len(), 34);
        assert_eq!(
            V4Request::from_bytes(&bad),
            Err(Error::WrongFieldType("endpoint"))
        );
    }
}
