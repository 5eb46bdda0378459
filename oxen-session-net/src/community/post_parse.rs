//! Reading a community post back from its JSON: the body a client posts ([`Post::to_json`],
//! session-desktop `OpenGroupMessageV2.toJson`) or one message of a room listing (pysogs
//! `GET /room/<token>/messages/…`, `message_single`'s object), so that a reader can check the
//! poster's signature ([`Post::verify_blinded`], [`Post::verify_unblinded`]) and decode the
//! content.
//!
//! | key | client body | room listing | read as |
//! | --- | --- | --- | --- |
//! | `data` | base64 of the padded content | the same (`null` for a deleted message) | pysogs `utils.decode_base64` (the `=` completion, then `b64decode(validate=True)`) |
//! | `signature` | base64, 64 bytes | the same | likewise, then exactly 64 bytes |
//! | `timestamp` | network time, ms | — | a non-negative integer |
//! | `posted` | — | server time, seconds (a float) | desktop's `Math.floor(posted * 1000)`, used only without `timestamp` |
//! | `files` | file ids, if given | — | strings, or non-negative integers kept as their decimal text |
//!
//! Every other key (`id`, `session_id`, `seqno`, `edited`, `reactions`, `whisper*`, …) is
//! ignored: the poster's id comes from the listing's `session_id` and is the caller's to parse
//! (`oxen_session::BlindedId`, `SessionId`). A repeated key counts once, the last one (as
//! Python's and JavaScript's JSON readers keep it).

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use oxen_session::Signature;
use serde_json::{Map, Value};

use crate::community::auth::decode_base64;
use crate::community::post::Post;
use crate::error::Error;

impl Post {
    /// Reads a post from the JSON a client posts or a room listing returns (see the table of
    /// the module documentation). The inverse of [`Post::to_json`]: `from_json(to_json(p))`
    /// is `p`.
    ///
    /// ```
    /// use oxen_session_net::community::Post;
    /// use oxen_session_net::Error;
    ///
    /// let sig = "A".repeat(86) + "==";
    /// // the body a client posts
    /// let body = format!(r#"{{"data":"CAES","timestamp":1700000000123,"signature":"{sig}"}}"#);
    /// let post = Post::from_json(body.as_bytes())?;
    /// assert_eq!((post.data.as_slice(), post.timestamp), (&[8, 1, 18][..], 1_700_000_000_123));
    /// assert_eq!(Post::from_json(post.to_json().as_bytes())?, post);
    /// // a message of a room listing: `posted` in seconds, the poster in `session_id`
    /// let listed = format!(
    ///     r#"{{"id":1,"session_id":"15…","posted":1700000000.1234,"seqno":7,"data":"CAES","signature":"{sig}"}}"#
    /// );
    /// assert_eq!(Post::from_json(listed.as_bytes())?.timestamp, 1_700_000_000_123);
    /// // a deleted message
    /// let deleted = br#"{"id":1,"seqno":8,"data":null}"#;
    /// assert_eq!(Post::from_json(deleted), Err(Error::PostMissingData));
    /// # Ok::<(), Error>(())
    /// ```
    ///
    /// # Errors
    /// In this order: [`Error::PostNotJson`]; [`Error::PostMissingData`], [`Error::PostData`];
    /// [`Error::PostMissingSignature`], [`Error::PostSignature`];
    /// [`Error::PostMissingTimestamp`], [`Error::PostTimestamp`]; [`Error::PostFiles`].
    pub fn from_json(json: &[u8]) -> Result<Post, Error> {
        let Ok(Value::Object(post)) = serde_json::from_slice::<Value>(json) else {
            return Err(Error::PostNotJson);
        };
        let data = base64_field(&post, "data")
            .ok_or(Error::PostMissingData)?
            .ok_or(Error::PostData)?;
        let signature = base64_field(&post, "signature")
            .ok_or(Error::PostMissingSignature)?
            .and_then(|s| <[u8; 64]>::try_from(s).ok())
            .map(Signature)
            .ok_or(Error::PostSignature)?;
        let timestamp = timestamp(&post)?;
        let files = files(&post)?;
        Ok(Post {
            data,
            timestamp,
            signature,
            files,
        })
    }
}

/// A key's value, `None` for an absent key or `null`.
fn field<'a>(post: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    post.get(key).filter(|v| !v.is_null())
}

/// `None` if the key is absent; `Some(None)` if its value is not a string of base64.
fn base64_field(post: &Map<String, Value>, key: &str) -> Option<Option<Vec<u8>>> {
    field(post, key).map(|v| v.as_str().and_then(decode_base64))
}

/// `timestamp` (milliseconds), else `posted` (seconds) as desktop converts it.
fn timestamp(post: &Map<String, Value>) -> Result<u64, Error> {
    if let Some(t) = field(post, "timestamp") {
        return t.as_u64().ok_or(Error::PostTimestamp);
    }
    let posted = field(post, "posted").ok_or(Error::PostMissingTimestamp)?;
    let ms = posted
        .as_f64()
        .map(|s| (s * 1000.0).floor())
        .ok_or(Error::PostTimestamp)?;
    // 2^64 as a float: the first value that does not fit
    if !(0.0..18_446_744_073_709_551_616.0).contains(&ms) {
        return Err(Error::PostTimestamp);
    }
    // in range and integral: the conversion is exact
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Ok(ms as u64)
}

/// `files`, if given: each id a string, or a non-negative integer kept as its decimal text.
fn files(post: &Map<String, Value>) -> Result<Option<Vec<String>>, Error> {
    let Some(files) = field(post, "files") else {
        return Ok(None);
    };
    let ids = files.as_array().ok_or(Error::PostFiles)?;
    ids.iter()
        .map(|id| match id {
            Value::String(s) => Ok(s.clone()),
            Value::Number(n) if n.is_u64() => Ok(n.to_string()),
            _ => Err(Error::PostFiles),
        })
        .collect::<Result<Vec<String>, Error>>()
        .map(Some)
}
