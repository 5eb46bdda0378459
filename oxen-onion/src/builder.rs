//! Client side: building an onion request (spec §4; libsession `Builder::build`,
//! `src/onionreq/builder.cpp`).
//!
//! ```text
//! blob_0 = Enc_{a0→D}( frame(payload, {"headers":""}) )      snode destination
//!        = Enc_{a0→D}( payload )                              server destination
//! for k = n..1:  blob = Enc_{a_k→h_k}( frame(blob, route_k) ) route_n = final route,
//!                                                              route_k = next hop + A_{k+1}
//! request = frame(blob, {"enc_type":T,"ephemeral_key":hex(A_1)})
//! ```
//!
//! RNG draw order (fixes the bytes): `sk(dest), nonce(dest), sk(h_n), nonce(h_n), …,
//! sk(h_1), nonce(h_1)`.

use alloc::string::String;
use alloc::vec::Vec;
use rand_core::CryptoRng;

use crate::control::{
    DESTINATION_JSON, EdgeRoute, MAX_HOST_LEN, MAX_TARGET_LEN, NodeRoute, ServerRoute,
};
use crate::frame::{Frame, LENGTH_PREFIX_LEN};
use crate::hop::{HopKey, TAG_LEN, XCHACHA20_NONCE_LEN};
use crate::keys::{Ed25519PublicKey, X25519KeyPair, X25519PublicKey, X25519SecretKey};
use crate::padding::Padding;
use crate::reply::ReplyDecryptor;
use crate::{EncType, Error, MAX_ONION_HOPS, MAX_REQUEST_BODY_SIZE};
use oxen_keys::{LiftedPublicKey, keygen_and_dh_batch};

/// Number of path hops Session uses (libsession default).
pub const DEFAULT_PATH_LEN: usize = 3;

/// One service node: its routing address and its encryption key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Hop {
    /// `pubkey_ed25519` (routing address).
    pub ed25519: Ed25519PublicKey,
    /// `pubkey_x25519` (encryption key).
    pub x25519: X25519PublicKey,
}

/// `http` or `https` for a server destination.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Protocol {
    /// Plain HTTP (default port 80).
    Http,
    /// HTTPS (default port 443).
    #[default]
    Https,
}

impl Protocol {
    /// `http` / `https`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Protocol::Http => "http",
            Protocol::Https => "https",
        }
    }
    /// Port used when none is given: 443 for https, otherwise 80 (libsession).
    #[must_use]
    pub const fn default_port(self) -> u16 {
        match self {
            Protocol::Http => 80,
            Protocol::Https => 443,
        }
    }
}

/// An HTTP(S) server destination (libsession `set_server_destination`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ServerDestination {
    /// Host name or address.
    pub host: String,
    /// Target path, `/oxen/v4/lsrpc` (v4) or `/loki/v3/lsrpc` (v3).
    pub target: String,
    /// Protocol.
    pub protocol: Protocol,
    /// Port; `None` means the protocol's default.
    pub port: Option<u16>,
    /// The server's X25519 key.
    pub x25519: X25519PublicKey,
}

/// Where the request goes after the path.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Destination {
    /// A service node (storage RPC); the last path hop relays to it.
    Snode(Hop),
    /// An HTTP(S) server; the last path hop POSTs its whole plaintext to it.
    Server(ServerDestination),
}

impl Destination {
    fn x25519(&self) -> &X25519PublicKey {
        match self {
            Destination::Snode(h) => &h.x25519,
            Destination::Server(s) => &s.x25519,
        }
    }
}

/// A built onion request: the exact bytes to POST to the entry node (`/onion_req/v2`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OnionRequest(Vec<u8>);

impl OnionRequest {
    /// The request bytes.
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
    /// The request bytes, owned.
    #[must_use]
    pub fn into_bytes(self) -> Vec<u8> {
        self.0
    }
    /// Wraps bytes received from elsewhere (no validation: the node's
    /// [`peel_edge`](crate::node::peel_edge) does that).
    #[must_use]
    pub fn from_bytes(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }
}

/// Builder of onion requests (libsession `Builder`).
#[derive(Clone, Debug)]
pub struct Builder {
    enc_type: EncType,
    path: Vec<Hop>,
    destination: Option<Destination>,
    padding: Padding,
    start_hop_no: Option<u32>,
    /// Edwards lifts of the path keys and of the destination key, computed when they are set.
    path_lifts: Vec<LiftedPublicKey>,
    dest_lift: Option<LiftedPublicKey>,
}

impl Builder {
    /// An empty builder for `enc_type` (aes-gcm or xchacha20; aes-cbc is refused at build).
    #[must_use]
    pub fn new(enc_type: EncType) -> Self {
        Self {
            enc_type,
            path: Vec::new(),
            destination: None,
            padding: Padding::None,
            start_hop_no: None,
            path_lifts: Vec::new(),
            dest_lift: None,
        }
    }

    /// Appends a path hop (the first added is the entry/guard node).
    #[must_use]
    pub fn hop(mut self, hop: Hop) -> Self {
        self.path.push(hop);
        self.path_lifts.push(LiftedPublicKey::new(hop.x25519));
        self
    }

    /// Replaces the path.
    #[must_use]
    pub fn path(mut self, hops: &[Hop]) -> Self {
        self.path = hops.to_vec();
        self.path_lifts = hops
            .iter()
            .map(|h| LiftedPublicKey::new(h.x25519))
            .collect();
        self
    }

    /// libsession `set_snode_destination`.
    #[must_use]
    pub fn snode_destination(mut self, hop: Hop) -> Self {
        self.dest_lift = Some(LiftedPublicKey::new(hop.x25519));
        self.destination = Some(Destination::Snode(hop));
        self
    }

    /// libsession `set_server_destination`.
    #[must_use]
    pub fn server_destination(mut self, server: ServerDestination) -> Self {
        self.dest_lift = Some(LiftedPublicKey::new(server.x25519));
        self.destination = Some(Destination::Server(server));
        self
    }

    /// Pads the request to a size bucket (beyond the reference, wire-compatible; see
    /// [`Padding`]).
    #[must_use]
    pub fn padding(mut self, padding: Padding) -> Self {
        self.padding = padding;
        self
    }

    /// Emits `"hop_no":n` in the outer JSON so that the path does not start at 0 (spec §11.4;
    /// the edge honours it). `n + path length` must stay within [`MAX_ONION_HOPS`].
    #[must_use]
    pub fn start_hop_no(mut self, n: u32) -> Self {
        self.start_hop_no = Some(n);
        self
    }

    fn check(&self, payload_len: usize) -> Result<&Destination, Error> {
        if self.enc_type == EncType::AesCbc {
            return Err(Error::UnsupportedEncType);
        }
        let n = self.path.len();
        if n == 0 || n > MAX_ONION_HOPS as usize {
            return Err(Error::InvalidPathLength(n));
        }
        if let Some(h) = self.start_hop_no
            && h.saturating_add(n as u32) > MAX_ONION_HOPS
        {
            return Err(Error::InvalidPathLength(n));
        }
        if payload_len > MAX_REQUEST_BODY_SIZE {
            return Err(Error::TooBig(payload_len));
        }
        let d = self
            .destination
            .as_ref()
            .ok_or(Error::MissingField("destination"))?;
        if let Destination::Server(s) = d {
            if s.host.len() > MAX_HOST_LEN {
                return Err(Error::FieldTooLong("host"));
            }
            if s.target.len() > MAX_TARGET_LEN {
                return Err(Error::FieldTooLong("target"));
            }
            if s.host.is_empty()
                || s.host
                    .bytes()
                    .any(|b| b <= b' ' || b"/?#@\"\\".contains(&b))
            {
                return Err(Error::InvalidHost);
            }
        }
        Ok(d)
    }

    /// Builds the request (libsession `Builder::build`), drawing keys and nonces from `rng`
    /// in the reference order. Returns the request and what the client needs to read the
    /// reply.
    ///
    /// **Divergence:** for server destinations libsession truncates the payload at its first
    /// NUL byte (it passes `payload.data()` as a C string). This builder encrypts the whole
    /// payload; vector `server-v4-nul-truncation` is checked as a documented divergence.
    ///
    /// # Errors
    /// [`Error::UnsupportedEncType`] (aes-cbc), [`Error::InvalidPathLength`] (0 or > 15 hops),
    /// [`Error::MissingField`] (`destination` not set), [`Error::TooBig`],
    /// [`Error::FieldTooLong`]/[`Error::InvalidHost`] for a bad server, and
    /// [`Error::ZeroSharedSecret`] if a hop's key is of low order.
    pub fn build<R: CryptoRng + ?Sized>(
        &self,
        payload: &[u8],
        rng: &mut R,
    ) -> Result<(OnionRequest, ReplyDecryptor), Error> {
        let dest = self.check(payload.len())?;
        let dest_lift = self
            .dest_lift
            .as_ref()
            .ok_or(Error::MissingField("destination"))?;
        let t = self.enc_type;
        let nonce_len = t.nonce_len();
        let n = self.path.len();

        // All randomness first, in the reference's draw order: sk(dest), nonce(dest), sk(hn),
        // nonce(hn), ..., sk(h1), nonce(h1). Layer i = 0 is the destination, i = n - k + 1 is
        // path hop k (1-based).
        let mut secrets = Vec::with_capacity(n + 1);
        let mut nonces = Vec::with_capacity(n + 1);
        for _ in 0..=n {
            secrets.push(X25519SecretKey::random(rng));
            let mut nonce = [0u8; XCHACHA20_NONCE_LEN];
            rng.fill_bytes(nonce.get_mut(..nonce_len).ok_or(Error::InvalidKeyLength)?);
            nonces.push(nonce);
        }
        // Then the 2(n+1) scalar multiplications, mapped to Montgomery in one batch.
        let peers: Vec<&LiftedPublicKey> = core::iter::once(dest_lift)
            .chain(self.path_lifts.iter().rev())
            .collect();
        let dh = keygen_and_dh_batch(secrets.iter().zip(peers.iter().copied()))?;
        let mut layers = dh.iter().zip(&peers).zip(&nonces);

        // Destination layer.
        let (((final_pub, s0), _), _) = layers.next().ok_or(Error::InvalidPathLength(n))?;
        let nonce0 = nonces.first().ok_or(Error::InvalidPathLength(n))?;
        let dest_key = HopKey::from_shared_secret(t, s0, final_pub, dest.x25519())?;
        let nonce0 = nonce0.get(..nonce_len).ok_or(Error::InvalidKeyLength)?;
        let mut blob = match dest {
            Destination::Snode(_) => {
                let mut json = DESTINATION_JSON.to_vec();
                let plain_len = LENGTH_PREFIX_LEN + payload.len() + json.len();
                self.padding.pad_json(&mut json, plain_len);
                seal_frame(
                    &dest_key,
                    nonce0,
                    &Frame {
                        blob: payload,
                        json: &json,
                    },
                )?
            }
            Destination::Server(_) => seal(&dest_key, nonce0, payload)?,
        };

        // Path layers, last hop first.
        let mut prev_pub = *final_pub;
        for (k, (((a_pub, s), peer), nonce)) in
            self.path.iter().enumerate().rev().map(|x| x.0).zip(layers)
        {
            let mut json = if k + 1 == n {
                match dest {
                    Destination::Snode(d) => NodeRoute {
                        destination: d.ed25519,
                        ephemeral_key: prev_pub,
                        enc_type: t,
                    }
                    .to_json(),
                    Destination::Server(sd) => ServerRoute {
                        host: sd.host.clone(),
                        target: sd.target.clone(),
                        port: sd.port.unwrap_or(sd.protocol.default_port()),
                        protocol: sd.protocol.as_str().into(),
                        ephemeral_key: Some((prev_pub, t)),
                    }
                    .to_json(),
                }
            } else {
                let next = self.path.get(k + 1).ok_or(Error::InvalidPathLength(k))?;
                NodeRoute {
                    destination: next.ed25519,
                    ephemeral_key: prev_pub,
                    enc_type: t,
                }
                .to_json()
            };
            if k + 1 == n && matches!(dest, Destination::Server(_)) {
                // Server destination: the last hop's layer is the first one whose JSON we can
                // pad (the server receives this whole plaintext and ignores the whitespace).
                let plain_len = LENGTH_PREFIX_LEN + blob.len() + json.len();
                self.padding.pad_json(&mut json, plain_len);
            }
            let key = HopKey::from_shared_secret(t, s, a_pub, peer.key())?;
            let nonce = nonce.get(..nonce_len).ok_or(Error::InvalidKeyLength)?;
            blob = seal_frame(
                &key,
                nonce,
                &Frame {
                    blob: &blob,
                    json: &json,
                },
            )?;
            prev_pub = *a_pub;
        }

        let outer = EdgeRoute {
            ephemeral_key: prev_pub,
            enc_type: t,
            hop_no: self.start_hop_no,
        };
        let request = Frame {
            blob: &blob,
            json: &outer.to_json(),
        }
        .to_bytes()?;
        let path = self.path.iter().map(|h| h.ed25519).collect();
        let final_secret = secrets
            .into_iter()
            .next()
            .ok_or(Error::InvalidPathLength(n))?;
        let final_pair = X25519KeyPair {
            secret: final_secret,
            public: *final_pub,
        };
        let reply = ReplyDecryptor::new(final_pair, *dest.x25519(), dest_key, path);
        Ok((OnionRequest(request), reply))
    }
}

/// Encrypts `plaintext` into `nonce ‖ ct ‖ tag`.
fn seal(key: &HopKey, nonce: &[u8], plaintext: &[u8]) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(nonce.len() + plaintext.len() + TAG_LEN);
    out.extend_from_slice(nonce);
    out.extend_from_slice(plaintext);
    finish_seal(key, out, nonce)
}

/// Encrypts `frame` into `nonce ‖ ct ‖ tag`, framing directly into the output buffer.
fn seal_frame(key: &HopKey, nonce: &[u8], frame: &Frame<'_>) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(nonce.len() + frame.encoded_len() + TAG_LEN);
    out.extend_from_slice(nonce);
    frame.write_to(&mut out)?;
    finish_seal(key, out, nonce)
}

fn finish_seal(key: &HopKey, mut out: Vec<u8>, nonce: &[u8]) -> Result<Vec<u8>, Error> {
    let body = out.get_mut(nonce.len()..).ok_or(Error::InvalidKeyLength)?;
    let tag = key.seal_in_place(nonce, body)?;
    out.extend_from_slice(&tag);
    Ok(out)
}
