//! The JSON control documents of each layer (spec §3–§5), as types.
//!
//! Parsing follows the oxenss lookups (keys by name, order irrelevant, the whole trailer must be
//! one JSON document, whitespace around it allowed). Emission follows nlohmann `dump()`: keys
//! sorted, no whitespace, `port` an integer: this is what makes the builder byte-exact with the
//! `onion_request.json` vectors. The optional [`Padding`](crate::Padding) appends JSON
//! whitespace after the document, which every parser ignores.

use alloc::string::String;
use alloc::vec::Vec;
use serde_json::Value;

use crate::keys::{Ed25519PublicKey, X25519PublicKey};
use crate::{EncType, Error};

/// Longest server host accepted by the builder and the node (a DNS name is at most 253).
pub const MAX_HOST_LEN: usize = 253;
/// Longest server relay target accepted by the builder and the node.
pub const MAX_TARGET_LEN: usize = 2048;
/// Longest `protocol` string accepted by the node.
pub const MAX_PROTOCOL_LEN: usize = 16;
/// Default relay port when `port` is omitted in a server route (oxenss).
pub const DEFAULT_SERVER_PORT: u16 = 443;
/// Default protocol when `protocol` is omitted in a server route (oxenss).
pub const DEFAULT_SERVER_PROTOCOL: &str = "https";
/// Path prefixes allowed for a server relay target (oxenss `is_onion_url_target_allowed`).
pub const ALLOWED_TARGET_PREFIXES: [&str; 2] = ["/loki/", "/oxen/"];
/// Required suffix of a server relay target.
pub const ALLOWED_TARGET_SUFFIX: &str = "/lsrpc";
/// The control JSON of the destination layer of a snode request: `{"headers":""}`.
pub const DESTINATION_JSON: &[u8] = br#"{"headers":""}"#;

/// Parses the whole trailer as one JSON document (nlohmann `json::parse`).
pub(crate) fn parse_json(bytes: &[u8]) -> Result<Value, Error> {
    serde_json::from_slice(bytes).map_err(|_| Error::InvalidJson)
}

fn get_str<'v>(v: &'v Value, key: &'static str) -> Result<Option<&'v str>, Error> {
    match v.get(key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(Error::WrongFieldType(key)),
    }
}

fn req_str<'v>(v: &'v Value, key: &'static str) -> Result<&'v str, Error> {
    get_str(v, key)?.ok_or(Error::MissingField(key))
}

fn get_bool(v: &Value, key: &'static str, default: bool) -> Result<bool, Error> {
    match v.get(key) {
        None => Ok(default),
        Some(Value::Bool(b)) => Ok(*b),
        Some(_) => Err(Error::WrongFieldType(key)),
    }
}

fn enc_type_oxenss(v: &Value) -> Result<EncType, Error> {
    get_str(v, "enc_type")?.map_or(Ok(EncType::AesGcm), EncType::parse_oxenss)
}

/// Writes `s` as a JSON string the way nlohmann `dump()` does (UTF-8 kept, `"` `\` and
/// control characters escaped, `\u00xx` lower-case).
pub(crate) fn write_json_string(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    for &b in s.as_bytes() {
        match b {
            b'"' => out.extend_from_slice(br#"\""#),
            b'\\' => out.extend_from_slice(br"\\"),
            0x08 => out.extend_from_slice(br"\b"),
            0x0c => out.extend_from_slice(br"\f"),
            b'\n' => out.extend_from_slice(br"\n"),
            b'\r' => out.extend_from_slice(br"\r"),
            b'\t' => out.extend_from_slice(br"\t"),
            0..=0x1f => {
                out.extend_from_slice(br"\u00");
                crate::codec::hex_into(out, &[b]);
            }
            _ => out.push(b),
        }
    }
    out.push(b'"');
}

fn write_key(out: &mut Vec<u8>, key: &str) {
    out.push(b'"');
    out.extend_from_slice(key.as_bytes());
    out.extend_from_slice(b"\":");
}

fn write_hex_field(out: &mut Vec<u8>, key: &str, bytes: &[u8; 32]) {
    write_key(out, key);
    out.push(b'"');
    crate::codec::hex_into(out, bytes);
    out.push(b'"');
}

/// The JSON the entry node reads next to the outer ciphertext:
/// `{"enc_type":T,"ephemeral_key":hex[,"hop_no":n]}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct EdgeRoute {
    /// The ephemeral key of the entry node's layer.
    pub ephemeral_key: X25519PublicKey,
    /// Scheme of the entry node's layer (default aes-gcm when omitted).
    pub enc_type: EncType,
    /// Optional starting hop number (oxenss: `max(0, int)`, default 0).
    pub hop_no: Option<u32>,
}

impl EdgeRoute {
    /// oxenss `process_onion_req_v2` parsing of the outer JSON: `ephemeral_key` a string of
    /// 64 hex digits (any case), `enc_type` optional (oxenss names), `hop_no` optional number.
    ///
    /// # Errors
    /// [`Error::InvalidJson`], [`Error::MissingField`], [`Error::WrongFieldType`],
    /// [`Error::InvalidHexKey`], [`Error::UnknownEncType`].
    pub fn from_json(json: &[u8]) -> Result<Self, Error> {
        let v = parse_json(json)?;
        let ephemeral_key = X25519PublicKey::from_hex(req_str(&v, "ephemeral_key")?)?;
        let enc_type = enc_type_oxenss(&v)?;
        let hop_no = match v.get("hop_no") {
            None => None,
            // nlohmann get<int>() converts any number (and bool); clamp to 0.. as oxenss does
            // with max(0, n); values beyond u32 saturate instead of wrapping.
            Some(Value::Number(n)) => Some(if let Some(u) = n.as_u64() {
                u32::try_from(u).unwrap_or(u32::MAX)
            } else if n.as_i64().is_some() {
                0
            } else {
                let f = n.as_f64().unwrap_or(0.0);
                if f >= 1.0 {
                    f.min(f64::from(u32::MAX)) as u32
                } else {
                    0
                }
            }),
            Some(Value::Bool(b)) => Some(u32::from(*b)),
            Some(_) => return Err(Error::WrongFieldType("hop_no")),
        };
        Ok(Self {
            ephemeral_key,
            enc_type,
            hop_no,
        })
    }

    /// Canonical JSON (sorted keys, compact).
    #[must_use]
    pub fn to_json(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(128);
        out.extend_from_slice(b"{\"enc_type\":\"");
        out.extend_from_slice(self.enc_type.as_str().as_bytes());
        out.extend_from_slice(b"\",");
        write_hex_field(&mut out, "ephemeral_key", self.ephemeral_key.as_bytes());
        if let Some(h) = self.hop_no {
            out.extend_from_slice(b",\"hop_no\":");
            out.extend_from_slice(itoa(u64::from(h)).as_bytes());
        }
        out.push(b'}');
        out
    }
}

pub(crate) fn itoa(n: u64) -> String {
    use core::fmt::Write;
    let mut s = String::new();
    let _ = write!(s, "{n}");
    s
}

/// Relay to the next service node: `{"destination":hex,"enc_type":T,"ephemeral_key":hex}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NodeRoute {
    /// Ed25519 key of the next node.
    pub destination: Ed25519PublicKey,
    /// Ephemeral key of the next node's layer.
    pub ephemeral_key: X25519PublicKey,
    /// Scheme of the next node's layer.
    pub enc_type: EncType,
}

impl NodeRoute {
    /// Canonical JSON (sorted keys, compact).
    #[must_use]
    pub fn to_json(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(200);
        out.push(b'{');
        write_hex_field(&mut out, "destination", self.destination.as_bytes());
        out.extend_from_slice(b",\"enc_type\":\"");
        out.extend_from_slice(self.enc_type.as_str().as_bytes());
        out.extend_from_slice(b"\",");
        write_hex_field(&mut out, "ephemeral_key", self.ephemeral_key.as_bytes());
        out.push(b'}');
        out
    }
}

/// Relay to an HTTP(S) server. The builder emits it with the destination layer's
/// `ephemeral_key`/`enc_type` and `"method":"POST"`; the node reads host/target/port/protocol
/// and the server reads ephemeral_key/enc_type.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ServerRoute {
    /// Host name or address (at most [`MAX_HOST_LEN`] bytes).
    pub host: String,
    /// Request target, e.g. `/oxen/v4/lsrpc` (at most [`MAX_TARGET_LEN`] bytes).
    pub target: String,
    /// TCP port.
    pub port: u16,
    /// `http` or `https` (anything else is rejected by the node with "Invalid url").
    pub protocol: String,
    /// The destination layer's ephemeral key and scheme (read only by the server).
    pub ephemeral_key: Option<(X25519PublicKey, EncType)>,
}

impl ServerRoute {
    /// Canonical JSON of libsession's final route:
    /// `{"enc_type","ephemeral_key","host","method":"POST","port","protocol","target"}`.
    #[must_use]
    pub fn to_json(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(200 + self.host.len() + self.target.len());
        out.push(b'{');
        if let Some((k, t)) = &self.ephemeral_key {
            out.extend_from_slice(b"\"enc_type\":\"");
            out.extend_from_slice(t.as_str().as_bytes());
            out.extend_from_slice(b"\",");
            write_hex_field(&mut out, "ephemeral_key", k.as_bytes());
            out.push(b',');
        }
        write_key(&mut out, "host");
        write_json_string(&mut out, &self.host);
        out.extend_from_slice(b",\"method\":\"POST\",\"port\":");
        out.extend_from_slice(itoa(u64::from(self.port)).as_bytes());
        out.push(b',');
        write_key(&mut out, "protocol");
        write_json_string(&mut out, &self.protocol);
        out.push(b',');
        write_key(&mut out, "target");
        write_json_string(&mut out, &self.target);
        out.push(b'}');
        out
    }

    /// oxenss `is_onion_url_target_allowed` plus the protocol check of the server relay:
    /// protocol `http`/`https`, target starts with `/loki/` or `/oxen/`, ends with `/lsrpc`
    /// and has no `?`.
    #[must_use]
    pub fn is_allowed(&self) -> bool {
        (self.protocol == "http" || self.protocol == "https")
            && ALLOWED_TARGET_PREFIXES
                .iter()
                .any(|p| self.target.starts_with(p))
            && self.target.ends_with(ALLOWED_TARGET_SUFFIX)
            && !self.target.contains('?')
    }

    /// The URL the last hop POSTs to: `protocol://host[:port]target`, `:port` omitted when it
    /// is the protocol's default, `/` inserted if the target lacks one.
    #[must_use]
    pub fn url(&self) -> String {
        let mut s = String::with_capacity(16 + self.host.len() + self.target.len());
        s.push_str(&self.protocol);
        s.push_str("://");
        s.push_str(&self.host);
        let default = if self.protocol == "https" { 443 } else { 80 };
        if self.port != default {
            s.push(':');
            s.push_str(&itoa(u64::from(self.port)));
        }
        if !self.target.starts_with('/') {
            s.push('/');
        }
        s.push_str(&self.target);
        s
    }
}

/// What a decrypted layer's JSON tells the node to do (oxenss `process_inner_request`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum LayerRoute {
    /// Key `headers` present: this node is the destination.
    Destination {
        /// `json` flag (default false): embed a JSON response instead of a string.
        json: bool,
        /// `base64` flag (default true): base64 the encrypted reply.
        base64: bool,
    },
    /// Key `host` present: relay the whole plaintext to a server.
    Server(ServerRoute),
    /// Otherwise: relay to the next node.
    Node(NodeRoute),
}

impl LayerRoute {
    /// Canonical JSON (sorted keys, compact). The default destination flags emit exactly
    /// [`DESTINATION_JSON`], as libsession does; other flags are written out.
    #[must_use]
    pub fn to_json(&self) -> Vec<u8> {
        match self {
            LayerRoute::Destination {
                json: false,
                base64: true,
            } => DESTINATION_JSON.to_vec(),
            LayerRoute::Destination { json, base64 } => {
                let b = |v: bool| if v { "true" } else { "false" };
                alloc::format!(
                    r#"{{"base64":{},"headers":"","json":{}}}"#,
                    b(*base64),
                    b(*json)
                )
                .into_bytes()
            }
            LayerRoute::Server(s) => s.to_json(),
            LayerRoute::Node(n) => n.to_json(),
        }
    }

    /// oxenss `process_inner_request` dispatch on the decrypted layer's JSON.
    ///
    /// # Errors
    /// Any lookup failure (the node answers these with the encrypted "Invalid json").
    pub fn from_json(json: &[u8]) -> Result<Self, Error> {
        let v = parse_json(json)?;
        if v.get("headers").is_some() {
            return Ok(LayerRoute::Destination {
                json: get_bool(&v, "json", false)?,
                base64: get_bool(&v, "base64", true)?,
            });
        }
        if v.get("host").is_some() {
            let host = req_str(&v, "host")?;
            let target = req_str(&v, "target")?;
            if host.len() > MAX_HOST_LEN {
                return Err(Error::FieldTooLong("host"));
            }
            if target.len() > MAX_TARGET_LEN {
                return Err(Error::FieldTooLong("target"));
            }
            let port = match v.get("port") {
                None => DEFAULT_SERVER_PORT,
                Some(p) => p
                    .as_u64()
                    .and_then(|p| u16::try_from(p).ok())
                    .ok_or(Error::WrongFieldType("port"))?,
            };
            let protocol = get_str(&v, "protocol")?.unwrap_or(DEFAULT_SERVER_PROTOCOL);
            if protocol.len() > MAX_PROTOCOL_LEN {
                return Err(Error::FieldTooLong("protocol"));
            }
            return Ok(LayerRoute::Server(ServerRoute {
                host: host.into(),
                target: target.into(),
                port,
                protocol: protocol.into(),
                ephemeral_key: None,
            }));
        }
        let destination = Ed25519PublicKey::from_hex(req_str(&v, "destination")?)?;
        let ephemeral_key = X25519PublicKey::from_hex(req_str(&v, "ephemeral_key")?)?;
        let enc_type = enc_type_oxenss(&v)?;
        Ok(LayerRoute::Node(NodeRoute {
            destination,
            ephemeral_key,
            enc_type,
        }))
    }
}

/// The destination-server (libsession `OnionReqParser`) view of the JSON it receives.
pub(crate) fn server_metadata(json: &[u8]) -> Result<(X25519PublicKey, EncType), Error> {
    let v = parse_json(json)?;
    let enc_type = match v.get("enc_type") {
        None => EncType::AesGcm,
        Some(Value::String(s)) => EncType::parse_libsession(s)?,
        Some(_) => return Err(Error::WrongFieldType("enc_type")),
    };
    let key = match v.get("ephemeral_key") {
        None => return Err(Error::MissingField("ephemeral_key")),
        Some(Value::String(s)) => X25519PublicKey::parse_lenient(s.as_bytes()),
        Some(_) => return Err(Error::WrongFieldType("ephemeral_key")),
    };
    Ok((key, enc_type))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_match_spec() {
        let k = X25519PublicKey([1; 32]);
        let e = Ed25519PublicKey([2; 32]);
        for (t, relay, outer) in [(EncType::AesGcm, 186, 105), (EncType::XChaCha20, 188, 107)] {
            let r = NodeRoute {
                destination: e,
                ephemeral_key: k,
                enc_type: t,
            };
            assert_eq!(r.to_json().len(), relay);
            let o = EdgeRoute {
                ephemeral_key: k,
                enc_type: t,
                hop_no: None,
            };
            assert_eq!(o.to_json().len(), outer);
            assert_eq!(EdgeRoute::from_json(&o.to_json()).unwrap(), o);
        }
        assert_eq!(DESTINATION_JSON.len(), 14);
    }

    #[test]
    fn escapes_like_nlohmann() {
        let mut v = Vec::new();
        write_json_string(&mut v, "a\"\\\n\x01é");
        assert_eq!(v, "\"a\\\"\\\\\\n\\u0001é\"".as_bytes());
    }

    #[test]
    fn url_rules() {
        let mut r = ServerRoute {
            host: "h".into(),
            target: "/oxen/v4/lsrpc".into(),
            port: 443,
            protocol: "https".into(),
            ephemeral_key: None,
        };
        assert!(r.is_allowed());
        assert_eq!(r.url(), "https://h/oxen/v4/lsrpc");
        r.port = 8080;
        assert_eq!(r.url(), "https://h:8080/oxen/v4/lsrpc");
        r.target = "/oxen/v4/lsrpc?x".into();
        assert!(!r.is_allowed());
        r.target = "/loki/v3".into();
        assert!(!r.is_allowed());
        r.target = "/loki/v3/lsrpc".into();
        r.protocol = "ftp".into();
        assert!(!r.is_allowed());
    }

    #[test]
    fn layer_route_round_trip() {
        for r in [
            LayerRoute::Destination {
                json: false,
                base64: true,
            },
            LayerRoute::Destination {
                json: true,
                base64: false,
            },
            LayerRoute::Node(NodeRoute {
                destination: Ed25519PublicKey([1; 32]),
                ephemeral_key: X25519PublicKey([2; 32]),
                enc_type: EncType::XChaCha20,
            }),
            LayerRoute::Server(ServerRoute {
                host: "h\"x".into(),
                target: "/oxen/v4/lsrpc".into(),
                port: 8080,
                protocol: "http".into(),
                ephemeral_key: None,
            }),
        ] {
            assert_eq!(LayerRoute::from_json(&r.to_json()).unwrap(), r);
        }
        assert_eq!(
            LayerRoute::Destination {
                json: false,
                base64: true
            }
            .to_json(),
            DESTINATION_JSON
        );
    }

    #[test]
    fn layer_route_errors() {
        assert_eq!(
            LayerRoute::from_json(b"[]"),
            Err(Error::MissingField("destination"))
        );
        assert_eq!(
            LayerRoute::from_json(br#"{"headers":"","json":"yes"}"#),
            Err(Error::WrongFieldType("json"))
        );
        assert_eq!(LayerRoute::from_json(b""), Err(Error::InvalidJson));
        assert_eq!(
            LayerRoute::from_json(br#"{"host":"x"}"#),
            Err(Error::MissingField("target"))
        );
        let long = alloc::format!(r#"{{"host":"{}","target":"/"}}"#, "a".repeat(300));
        assert_eq!(
            LayerRoute::from_json(long.as_bytes()),
            Err(Error::FieldTooLong("host"))
        );
    }
}
