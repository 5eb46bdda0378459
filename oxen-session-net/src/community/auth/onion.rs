//! The v4 onion request to a community server (feature `onion`): a [`SignedRequest`] as the
//! `oxen_onion::V4Request` the onion [`Builder`](oxen_onion::Builder) carries to a server
//! destination, and, on the server, a decrypted `V4Request` back into the inputs of
//! [`ServerAuth::handle_http_auth`].
//!
//! pysogs' `handle_v4_onionreq_plaintext` makes the v4 request a Flask sub-request
//! (`make_subrequest`): the `endpoint` is split at its first `?`; the path is percent-decoded
//! strictly (`unquote(path, errors='strict')`: a path that does not decode to UTF-8 fails the
//! whole v4 request with 400 `Invalid v4 onion request`); the query goes into `QUERY_STRING`,
//! which Werkzeug reads back as its Latin-1 bytes (a character above `U+00FF` fails the v4
//! request); the headers become `HTTP_*` names ([`HeaderValues::from_pairs`]); a missing body
//! is empty. The auth check then runs on that sub-request (`user_reauth=True`).
//!
//! `oxen_onion::V4Request::from_bytes` keeps the headers in its JSON map's order (sorted by
//! name), not the order sent, so when one request carries the same header under two spellings
//! (`X-SOGS-Nonce` and `x-sogs-nonce`) the one kept may differ from pysogs' (which keeps the
//! later in the JSON text). Session clients send each header once.

use alloc::borrow::{Cow, ToOwned};
use alloc::vec::Vec;
use core::time::Duration;

use oxen_onion::V4Request;

use super::client::SignedRequest;
use super::headers::HeaderValues;
use super::request::{Request, percent_decode_path};
use super::server::{ServerAuth, Verdict};
use super::store::AuthStore;
use crate::Error;

/// The v4 request a client sends through an onion path to the server: `{"method", "endpoint",
/// "headers"}` with the four `X-SOGS-*` headers, and the body when it is not empty.
///
/// Add a `Content-Type` header for a body the server parses (`application/json` for JSON:
/// pysogs reads `request.json` only with it), e.g.
/// `v4.headers.push(("Content-Type".into(), "application/json".into()))`.
#[must_use]
pub fn to_v4_request(signed: &SignedRequest) -> V4Request {
    V4Request {
        method: signed.method.clone(),
        endpoint: signed.target.clone(),
        headers: signed
            .headers
            .pairs()
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
        body: (!signed.body.is_empty()).then(|| signed.body.clone()),
    }
}

/// A decrypted v4 request as pysogs' sub-request sees it: the auth headers and the request the
/// signature covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct V4Auth<'a> {
    method: &'a str,
    path: Cow<'a, str>,
    query: Cow<'a, [u8]>,
    body: &'a [u8],
    headers: HeaderValues<'a>,
}

impl<'a> V4Auth<'a> {
    /// pysogs' `make_subrequest` on a v4 request (module documentation).
    ///
    /// # Errors
    /// [`Error::SogsEndpoint`] if the endpoint does not start with `/`,
    /// [`Error::SogsPathEncoding`] if its path does not decode to UTF-8,
    /// [`Error::SogsQueryEncoding`] if its query has a character above `U+00FF`: pysogs answers
    /// each with 400 `Invalid v4 onion request`.
    pub fn from_v4_request(v4: &'a V4Request) -> Result<V4Auth<'a>, Error> {
        if !v4.endpoint.starts_with('/') {
            return Err(Error::SogsEndpoint);
        }
        let (path, query) = v4
            .endpoint
            .split_once('?')
            .unwrap_or((v4.endpoint.as_str(), ""));
        Ok(V4Auth {
            method: &v4.method,
            path: percent_decode_path(path)?,
            query: latin1_bytes(query)?,
            body: v4.body.as_deref().unwrap_or_default(),
            headers: HeaderValues::from_pairs(&v4.headers),
        })
    }

    /// The `X-SOGS-*` header values.
    #[must_use]
    pub const fn headers(&self) -> &HeaderValues<'a> {
        &self.headers
    }

    /// The request the signature covers.
    #[must_use]
    pub fn request(&self) -> Request<'_> {
        Request {
            method: self.method,
            path: &self.path,
            query: &self.query,
            body: self.body,
        }
    }
}

/// Werkzeug's `QUERY_STRING.encode("latin1")`: one byte per character up to `U+00FF`.
fn latin1_bytes(query: &str) -> Result<Cow<'_, [u8]>, Error> {
    if query.is_ascii() {
        return Ok(Cow::Borrowed(query.as_bytes()));
    }
    query
        .chars()
        .map(|c| u8::try_from(u32::from(c)).map_err(|_| Error::SogsQueryEncoding))
        .collect::<Result<Vec<u8>, Error>>()
        .map(Cow::Owned)
}

/// The server's verdict on a decrypted v4 request (after `OnionReqParser` and
/// `V4Request::from_bytes`): [`V4Auth::from_v4_request`], then
/// [`ServerAuth::handle_http_auth`].
///
/// # Errors
/// Those of the two steps.
pub fn check_v4_request<S: AuthStore + ?Sized>(
    server: &ServerAuth,
    v4: &V4Request,
    now: Duration,
    store: &mut S,
) -> Result<Verdict, Error> {
    let auth = V4Auth::from_v4_request(v4)?;
    server.handle_http_auth(auth.headers(), &auth.request(), now, store)
}
