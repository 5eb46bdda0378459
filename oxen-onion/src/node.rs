//! Service-node side (spec §5): peel one layer and decide what to do with it.
//!
//! Reference: oxenss `process_onion_req_v2` (`server/https.cpp`), `sn.onion_request`
//! (`server/omq.cpp`), `process_ciphertext_v2` / `process_inner_request`
//! (`rpc/onion_processing.cpp`), `RequestHandler::process_onion_req` and
//! `wrap_proxy_response` (`rpc/request_handler.cpp`).
//!
//! Data flow: bytes → [`Frame`] / [`RelayMessage`] (typed, errors are plain 400s) →
//! decrypt (failure is the plain 400 `Invalid ciphertext`) → [`Frame`] + [`LayerRoute`]
//! (failure is the *encrypted* 200 `Invalid json`) → [`Decision`].

use alloc::string::String;
use alloc::vec::Vec;
use rand_core::CryptoRng;

use crate::bencode::RelayMessage;
use crate::control::{EdgeRoute, LayerRoute, ServerRoute};
use crate::frame::Frame;
use crate::hop::HopKey;
use crate::keys::{Ed25519PublicKey, NodeKeys, X25519PublicKey};
use crate::replay::{ReplayCache, ReplayTag};
use crate::reply::{EncryptedReply, ResponseBody, wrap_proxy_response};
use crate::{EncType, Error, MAX_REQUEST_BODY_SIZE};

/// Prefix of the plain-text 400 body for an unparsable outer request.
pub const EDGE_PARSE_ERROR_PREFIX: &str = "Error parsing onion request: ";
/// Plain-text 400 body when a layer does not decrypt.
pub const INVALID_CIPHERTEXT: &str = "Invalid ciphertext";
/// Prefix of the 400 body for an undecodable relay message.
pub const INVALID_INTERNAL_PREFIX: &str = "Invalid internal onion request: ";
/// 400 body for `hop_no > MAX_ONION_HOPS`.
pub const MAX_PATH_LENGTH_EXCEEDED: &str = "onion request max path length exceeded";
/// 413 body for an oversized request.
pub const REQUEST_TOO_LARGE: &str = "Request body too large";
/// Encrypted reply body for a bad inner layer (status 400 inside, 200 outside).
pub const INVALID_JSON_BODY: &str = "Invalid json";
/// Encrypted reply body for a disallowed server relay (status 400 inside, 200 outside).
pub const INVALID_URL_BODY: &str = "Invalid url";
/// Prefix of the 502 body when the next node is unknown.
pub const NEXT_NODE_NOT_FOUND_PREFIX: &str = "Next node not found: ";
/// Body for a rejected replay (beyond the reference; plain 400, like other path errors).
pub const REPLAYED_BODY: &str = "Replayed onion request";

/// Relay to the next node: send `message.to_bytes()` as `sn.onion_request` to `next_node`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelayToNode {
    /// Ed25519 key of the next node (if unknown, answer [`next_node_not_found`]).
    pub next_node: Ed25519PublicKey,
    /// The exact bencoded message (hop_no already incremented).
    pub message: RelayMessage,
}

/// This node is the destination: run the storage RPC on `body` and answer with
/// [`Delivery::reply`].
#[derive(Clone, Debug)]
pub struct Delivery {
    /// The request body (`inner` of the destination frame).
    pub body: Vec<u8>,
    /// `"json": true` in the request: embed JSON bodies instead of dumping them into strings.
    pub json: bool,
    /// `"base64"` (default true): base64 the encrypted reply.
    pub base64: bool,
    /// The key of this layer, which encrypts the reply.
    pub reply_key: HopKey,
}

impl Delivery {
    /// Wraps and encrypts the RPC result (oxenss `wrap_proxy_response`). The transport status
    /// is always 200, whatever `status` is.
    ///
    /// # Errors
    /// Only for aes-cbc without the `legacy-aes-cbc` feature.
    pub fn reply<R: CryptoRng + ?Sized>(
        &self,
        rng: &mut R,
        status: u16,
        body: &ResponseBody,
    ) -> Result<NodeReply, Error> {
        let plain = wrap_proxy_response(status, body, self.json);
        let ct = EncryptedReply::encrypt(&self.reply_key, rng, &plain)?;
        let body = if self.base64 {
            ct.to_base64().into_bytes()
        } else {
            ct.as_bytes().to_vec()
        };
        Ok(NodeReply { status: 200, body })
    }
}

/// Relay to an HTTP(S) server: POST `payload` (this layer's whole plaintext) to
/// `route.url()` with `Content-Type: application/octet-stream`, and pass the server's status
/// and body back unchanged (the server encrypted the body).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerForward {
    /// Host, port, protocol, target (already checked with [`ServerRoute::is_allowed`]).
    pub route: ServerRoute,
    /// The whole decrypted layer `[N][blob]{json}`.
    pub payload: Vec<u8>,
}

/// What to do with a request that peeled cleanly.
#[derive(Clone, Debug)]
pub enum Decision {
    /// Relay to the next service node.
    RelayToNode(RelayToNode),
    /// Deliver to this node's storage RPC.
    Deliver(Delivery),
    /// Forward to an HTTP(S) server.
    ForwardToServer(ServerForward),
}

/// A reply a node sends back: transport status and body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeReply {
    /// HTTP status (or the first OMQ part, as decimal).
    pub status: u16,
    /// Body bytes.
    pub body: Vec<u8>,
}

/// Why a node refused a request, kept in the reference's classes: plain-text errors with
/// their status, and the encrypted 200 replies for a bad layer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rejection {
    /// 400 plain `Error parsing onion request: …` (entry node, before decryption).
    EdgeParse(Error),
    /// 413 plain `Request body too large`.
    TooLarge(usize),
    /// 400 plain `Invalid internal onion request: …` (relay message undecodable).
    InvalidInternal(Error),
    /// 400 plain `onion request max path length exceeded` (relay `hop_no > 15`).
    MaxPathLength,
    /// 400 plain `Invalid ciphertext` (short, bad tag, zero DH, bad padding).
    InvalidCiphertext(Error),
    /// 400 plain: the layer's Diffie-Hellman was seen before, under this or any alias of its
    /// ephemeral key (only with a [`ReplayCache`]).
    Replayed,
    /// 200 + encrypted `{"body":"Invalid json","status":400}`: the layer decrypted but its
    /// frame or JSON is unusable.
    InvalidJson {
        /// The check that failed.
        error: Error,
        /// The reply body (base64 of the encrypted wrapped response).
        reply: Vec<u8>,
    },
    /// 200 + encrypted `{"body":"Invalid url","status":400}`: disallowed server relay.
    InvalidUrl {
        /// The reply body (base64 of the encrypted wrapped response).
        reply: Vec<u8>,
    },
}

impl Rejection {
    /// Transport status of the answer.
    #[must_use]
    pub fn http_status(&self) -> u16 {
        match self {
            Rejection::TooLarge(_) => 413,
            Rejection::InvalidJson { .. } | Rejection::InvalidUrl { .. } => 200,
            _ => 400,
        }
    }

    /// Whether the body is encrypted for the client (only the two 200 classes).
    #[must_use]
    pub fn is_encrypted(&self) -> bool {
        matches!(
            self,
            Rejection::InvalidJson { .. } | Rejection::InvalidUrl { .. }
        )
    }

    /// The answer's body. Plain-text bodies carry this crate's error text after the
    /// reference's fixed prefix (the reference's nlohmann text is not reproduced).
    #[must_use]
    pub fn body(&self) -> Vec<u8> {
        use alloc::string::ToString;
        let text: String = match self {
            Rejection::EdgeParse(e) => [EDGE_PARSE_ERROR_PREFIX, &e.to_string()].concat(),
            Rejection::TooLarge(_) => REQUEST_TOO_LARGE.into(),
            Rejection::InvalidInternal(e) => [INVALID_INTERNAL_PREFIX, &e.to_string()].concat(),
            Rejection::MaxPathLength => MAX_PATH_LENGTH_EXCEEDED.into(),
            Rejection::InvalidCiphertext(_) => INVALID_CIPHERTEXT.into(),
            Rejection::Replayed => REPLAYED_BODY.into(),
            Rejection::InvalidJson { reply, .. } | Rejection::InvalidUrl { reply } => {
                return reply.clone();
            }
        };
        text.into_bytes()
    }

    /// Status and body together.
    #[must_use]
    pub fn to_reply(&self) -> NodeReply {
        NodeReply {
            status: self.http_status(),
            body: self.body(),
        }
    }
}

/// 502 plain `Next node not found: <hex>`, for a [`RelayToNode`] whose node is unknown.
#[must_use]
pub fn next_node_not_found(node: &Ed25519PublicKey) -> NodeReply {
    NodeReply {
        status: 502,
        body: [NEXT_NODE_NOT_FOUND_PREFIX, &node.to_hex()]
            .concat()
            .into_bytes(),
    }
}

/// Peels a request body arriving at the entry node (HTTPS `POST /onion_req/v2` or QUIC
/// `onion_req`; oxenss `process_onion_req_v2` then `process_ciphertext_v2`).
///
/// `rng` is drawn from only to encrypt an `Invalid json`/`Invalid url` reply.
///
/// # Errors
/// A [`Rejection`] in the reference's class.
pub fn peel_edge<R: CryptoRng + ?Sized>(
    keys: &NodeKeys,
    body: &[u8],
    rng: &mut R,
) -> Result<Decision, Rejection> {
    peel_edge_inner(keys, body, None, rng)
}

/// [`peel_edge`] with a replay check on the layer's Diffie-Hellman ([`ReplayTag`]) at time
/// `now` (seconds, or any monotonic unit matching the cache's window).
///
/// # Errors
/// As [`peel_edge`], plus [`Rejection::Replayed`].
pub fn peel_edge_with_replay_cache<R: CryptoRng + ?Sized>(
    keys: &NodeKeys,
    body: &[u8],
    cache: &mut ReplayCache,
    now: u64,
    rng: &mut R,
) -> Result<Decision, Rejection> {
    peel_edge_inner(keys, body, Some((cache, now)), rng)
}

fn peel_edge_inner<R: CryptoRng + ?Sized>(
    keys: &NodeKeys,
    body: &[u8],
    replay: Option<(&mut ReplayCache, u64)>,
    rng: &mut R,
) -> Result<Decision, Rejection> {
    if body.len() > MAX_REQUEST_BODY_SIZE {
        return Err(Rejection::TooLarge(body.len()));
    }
    let frame = Frame::from_bytes(body).map_err(Rejection::EdgeParse)?;
    let route = EdgeRoute::from_json(frame.json).map_err(Rejection::EdgeParse)?;
    let hop_no = route.hop_no.unwrap_or(0);
    process_ciphertext(
        keys,
        frame.blob,
        &route.ephemeral_key,
        route.enc_type,
        hop_no,
        replay,
        rng,
    )
}

/// Peels a relay message from the previous node (OMQ `sn.onion_request`; oxenss
/// `decode_onion_data`, the `hop_no` check, then `process_ciphertext_v2`).
///
/// # Errors
/// A [`Rejection`] in the reference's class.
pub fn peel_relay<R: CryptoRng + ?Sized>(
    keys: &NodeKeys,
    message: &[u8],
    rng: &mut R,
) -> Result<Decision, Rejection> {
    peel_relay_inner(keys, message, None, rng)
}

/// [`peel_relay`] with a replay check.
///
/// # Errors
/// As [`peel_relay`], plus [`Rejection::Replayed`].
pub fn peel_relay_with_replay_cache<R: CryptoRng + ?Sized>(
    keys: &NodeKeys,
    message: &[u8],
    cache: &mut ReplayCache,
    now: u64,
    rng: &mut R,
) -> Result<Decision, Rejection> {
    peel_relay_inner(keys, message, Some((cache, now)), rng)
}

fn peel_relay_inner<R: CryptoRng + ?Sized>(
    keys: &NodeKeys,
    message: &[u8],
    replay: Option<(&mut ReplayCache, u64)>,
    rng: &mut R,
) -> Result<Decision, Rejection> {
    if message.len() > MAX_REQUEST_BODY_SIZE {
        return Err(Rejection::TooLarge(message.len()));
    }
    let m = RelayMessage::from_bytes(message).map_err(|e| match e {
        Error::MaxPathLengthExceeded => Rejection::MaxPathLength,
        e => Rejection::InvalidInternal(e),
    })?;
    process_ciphertext(
        keys,
        &m.data,
        &m.ephemeral_key,
        m.enc_type,
        m.hop_no,
        replay,
        rng,
    )
}

/// oxenss `process_ciphertext_v2` + `process_inner_request` + the dispatch of
/// `RequestHandler::process_onion_req`.
fn process_ciphertext<R: CryptoRng + ?Sized>(
    keys: &NodeKeys,
    ciphertext: &[u8],
    ephemeral_key: &X25519PublicKey,
    enc_type: EncType,
    hop_no: u32,
    replay: Option<(&mut ReplayCache, u64)>,
    rng: &mut R,
) -> Result<Decision, Rejection> {
    let s = keys
        .x25519
        .secret
        .diffie_hellman(ephemeral_key)
        .map_err(|e| Rejection::InvalidCiphertext(e.into()))?;
    // The replay check is on the DH (every alias of the ephemeral key gives the same S),
    // before any decryption work.
    let tag = ReplayTag::from_shared_secret(&s);
    if let Some((cache, now)) = &replay
        && cache.contains(&tag, *now)
    {
        return Err(Rejection::Replayed);
    }
    let key = HopKey::from_shared_secret(enc_type, &s, ephemeral_key, &keys.x25519.public)
        .map_err(Rejection::InvalidCiphertext)?;
    drop(s);
    let plaintext = key
        .decrypt(ciphertext)
        .map_err(Rejection::InvalidCiphertext)?;
    // Only an authenticated layer enters the cache, so a forged packet carrying someone
    // else's ephemeral key cannot block the real one.
    if let Some((cache, now)) = replay {
        cache.insert(tag, now).map_err(|_| Rejection::Replayed)?;
    }

    let encrypted_error = |body: &str, rng: &mut R| -> Result<Vec<u8>, Rejection> {
        let plain = wrap_proxy_response(400, &ResponseBody::Text(body.into()), false);
        EncryptedReply::encrypt(&key, rng, &plain)
            .map(|r| r.to_base64().into_bytes())
            .map_err(Rejection::InvalidCiphertext)
    };

    let parsed =
        Frame::from_bytes(&plaintext).and_then(|f| Ok((f, LayerRoute::from_json(f.json)?)));
    let (frame, route) = match parsed {
        Ok(p) => p,
        Err(error) => {
            return Err(Rejection::InvalidJson {
                error,
                reply: encrypted_error(INVALID_JSON_BODY, rng)?,
            });
        }
    };
    match route {
        LayerRoute::Destination { json, base64 } => Ok(Decision::Deliver(Delivery {
            body: frame.blob.to_vec(),
            json,
            base64,
            reply_key: key,
        })),
        LayerRoute::Node(next) => Ok(Decision::RelayToNode(RelayToNode {
            next_node: next.destination,
            message: RelayMessage {
                data: frame.blob.to_vec(),
                enc_type: next.enc_type,
                ephemeral_key: next.ephemeral_key,
                hop_no: hop_no.saturating_add(1),
            },
        })),
        LayerRoute::Server(route) => {
            if !route.is_allowed() {
                return Err(Rejection::InvalidUrl {
                    reply: encrypted_error(INVALID_URL_BODY, rng)?,
                });
            }
            Ok(Decision::ForwardToServer(ServerForward {
                route,
                payload: plaintext,
            }))
        }
    }
}
