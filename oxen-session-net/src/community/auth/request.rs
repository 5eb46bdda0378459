//! The request a signature covers, and the signed message itself (spec §16):
//!
//! ```text
//! S_pk (32) ‖ nonce (16) ‖ timestamp text ‖ METHOD ‖ path (URL-decoded, UTF-8)
//!      ‖ ["?" ‖ query, when the query is not empty] ‖ [BLAKE2b-512(body), when the body is not empty]
//! ```
//!
//! The pieces are what pysogs' Flask request reports: `request.method` (Werkzeug upper-cases
//! it), `request.path` (percent-decoded), `request.query_string` (raw bytes, *not* decoded,
//! without the `?`), `request.data`. A `?` followed by nothing signs nothing: Flask cannot tell
//! `/rooms?` from `/rooms` (vector `empty_query_question_mark_signed`).
//!
//! A request target as a client writes it (`/room/%F0%9F%8D%8D%20x?limit=25`, or an onion
//! request's `endpoint`) becomes those pieces with [`Request::from_target`]: split at the first
//! `?`, the path percent-decoded as pysogs' onion sub-request does (`urllib.parse.unquote(path,
//! errors='strict')`: `%XX` with two hex digits becomes that byte, any other `%` stays, and the
//! result must be UTF-8).

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use oxen_session::ServerPubkey;
use oxen_session::hash::blake2b;
use oxen_session::oxen_keys::codec::hex_digit_value;

use crate::Error;

/// Bytes of the `X-SOGS-Nonce` value.
pub const NONCE_LEN: usize = 16;
/// Bytes of the body hash in the signed message (BLAKE2b-512, unkeyed).
pub const BODY_HASH_LEN: usize = 64;

/// An HTTP request as the community server sees it, borrowed: the inputs of the signed
/// message besides the headers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Request<'a> {
    /// The method (`GET`, `POST`, …). pysogs signs it upper-cased (Werkzeug's
    /// `request.method`), so `get` and `GET` sign the same bytes.
    pub method: &'a str,
    /// The URL-decoded path (`/room/🍍 x`), as the web framework reports it.
    pub path: &'a str,
    /// The raw query string after the `?` (not decoded), empty when there is none.
    pub query: &'a [u8],
    /// The body; empty when there is none (no body hash is signed then).
    pub body: &'a [u8],
}

/// A request whose path had to be decoded: owns the decoded path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodedTarget<'a> {
    /// The URL-decoded path.
    pub path: Cow<'a, str>,
    /// The raw query string after the first `?`, empty if none.
    pub query: &'a str,
}

impl<'a> Request<'a> {
    /// The request of a decoded target: `method`, the target's path and query, `body`.
    #[must_use]
    pub fn new(method: &'a str, target: &'a DecodedTarget<'_>, body: &'a [u8]) -> Request<'a> {
        Request {
            method,
            path: &target.path,
            query: target.query.as_bytes(),
            body,
        }
    }

    /// Splits a request target (`path[?query]`, as sent) into the decoded path and the raw
    /// query: pysogs' `make_subrequest` (the onion request's `endpoint`) and its test client.
    ///
    /// ```
    /// use oxen_session_net::community::auth::Request;
    ///
    /// let t = Request::from_target("/room/%F0%9F%8D%8D%20x?limit=25&a=%20")?;
    /// assert_eq!(t.path, "/room/🍍 x");
    /// assert_eq!(t.query, "limit=25&a=%20"); // the query is signed as sent
    /// # Ok::<(), oxen_session_net::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::SogsEndpoint`] if the target does not start with `/` (pysogs refuses such a v4
    /// endpoint); [`Error::SogsPathEncoding`] if the decoded path is not UTF-8.
    pub fn from_target(target: &'a str) -> Result<DecodedTarget<'a>, Error> {
        if !target.starts_with('/') {
            return Err(Error::SogsEndpoint);
        }
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        Ok(DecodedTarget {
            path: percent_decode_path(path)?,
            query,
        })
    }
}

/// `urllib.parse.unquote(path, errors='strict')`: `%XX` (two hex digits, either case) is the
/// byte `XX`, any other `%` is kept, and the bytes must be UTF-8. Borrows when there is no `%`.
///
/// # Errors
/// [`Error::SogsPathEncoding`] if the decoded bytes are not UTF-8.
pub fn percent_decode_path(path: &str) -> Result<Cow<'_, str>, Error> {
    if !path.contains('%') {
        return Ok(Cow::Borrowed(path));
    }
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&c) = bytes.get(i) {
        let escaped = match (c, bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) => hex_digit_value(h)
                .zip(hex_digit_value(l))
                .map(|(h, l)| h << 4 | l),
            _ => None,
        };
        match escaped {
            Some(b) => {
                out.push(b);
                i += 3;
            }
            None => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out)
        .map(Cow::Owned)
        .map_err(|_| Error::SogsPathEncoding)
}

/// The method as Werkzeug reports it: `str.upper()` (Unicode upper case). Borrows when it is
/// already upper case, which every real method is.
#[must_use]
pub fn upper_method(method: &str) -> Cow<'_, str> {
    let unchanged = method.chars().all(|c| {
        let mut up = c.to_uppercase();
        up.next() == Some(c) && up.next().is_none()
    });
    if unchanged {
        Cow::Borrowed(method)
    } else {
        Cow::Owned(method.to_uppercase())
    }
}

/// `BLAKE2b-512(body)`, unkeyed (pysogs `blake2b(request.data, digest_size=64)`, libsodium
/// `crypto_generichash(64, body)`); `None` for an empty body, which signs no hash.
#[must_use]
pub fn body_hash(body: &[u8]) -> Option<[u8; BODY_HASH_LEN]> {
    if body.is_empty() {
        return None;
    }
    // a 64-byte unkeyed hash is always accepted; the fallback is unreachable
    Some(blake2b::<BODY_HASH_LEN>(&[], &[body]).unwrap_or([0; BODY_HASH_LEN]))
}

/// The signed message of one request, as borrowed parts (the server verifies over the parts
/// without concatenating them; a client signs the concatenation).
#[derive(Clone, Debug)]
pub struct SignedMessage<'a> {
    server: &'a ServerPubkey,
    nonce: &'a [u8; NONCE_LEN],
    timestamp: &'a str,
    method: Cow<'a, str>,
    path: &'a str,
    query: &'a [u8],
    body_hash: Option<[u8; BODY_HASH_LEN]>,
}

impl<'a> SignedMessage<'a> {
    /// The message pysogs verifies for `request` with these header values (`timestamp` is the
    /// header text exactly as sent).
    #[must_use]
    pub fn new(
        server: &'a ServerPubkey,
        nonce: &'a [u8; NONCE_LEN],
        timestamp: &'a str,
        request: &Request<'a>,
    ) -> SignedMessage<'a> {
        SignedMessage {
            server,
            nonce,
            timestamp,
            method: upper_method(request.method),
            path: request.path,
            query: request.query,
            body_hash: body_hash(request.body),
        }
    }

    /// The parts in order, and how many are used: the `?` and the query only for a non-empty
    /// query, the hash only for a non-empty body.
    #[must_use]
    pub fn parts(&self) -> ([&[u8]; 8], usize) {
        let has_query = !self.query.is_empty();
        let items: [Option<&[u8]>; 8] = [
            Some(&self.server.0),
            Some(self.nonce),
            Some(self.timestamp.as_bytes()),
            Some(self.method.as_bytes()),
            Some(self.path.as_bytes()),
            has_query.then_some(b"?".as_slice()),
            has_query.then_some(self.query),
            self.body_hash.as_ref().map(<[u8; BODY_HASH_LEN]>::as_slice),
        ];
        let mut out: [&[u8]; 8] = [&[]; 8];
        let mut n = 0;
        for (slot, part) in out.iter_mut().zip(items.into_iter().flatten()) {
            *slot = part;
            n += 1;
        }
        (out, n)
    }

    /// The message as one byte string (what a client signs, and the vectors'
    /// `signed_message`).
    #[must_use]
    pub fn to_vec(&self) -> Vec<u8> {
        let (parts, n) = self.parts();
        let live = parts.get(..n).unwrap_or_default();
        let mut out = Vec::with_capacity(live.iter().map(|p| p.len()).sum());
        for p in live {
            out.extend_from_slice(p);
        }
        out
    }
}
