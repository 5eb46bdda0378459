//! A community post (spec `session.md` §14.4, vectors `sogs_post.json`): the JSON body of
//! `POST /room/<token>/message` as Session desktop builds it (`OpenGroupMessageV2`
//! `signWithBlinding` / `sign`, `toJson`), keys in this order:
//!
//! ```text
//! {"data": base64(pad(C)), "timestamp": <network ms>, "signature": base64(sig), "files": [ids…]}
//! ```
//!
//! `files` is written when the caller gives a list (desktop passes one, possibly empty, with
//! every message it sends; the vectors' posts without attachments leave it out). The signature
//! covers the padded bytes, not their base64:
//!
//! * [`Signer::Blinded15`] (a server with blinding, the usual case):
//!   `oxen_session::blinding::blind15_sign_desktop`, an Ed25519 signature under the account's
//!   15-blinded key for that server (its id `15 ‖ kA`), with desktop's nonce;
//! * [`Signer::Unblinded`]: `oxen_session::curve25519_sign::sign` with the account's X25519
//!   secret (curve25519-js), the Ed25519 key's sign bit in the signature's top bit.
//!
//! The content is padded in the legacy form by default ([`crate::padding`]); HEAD's desktop
//! pads community posts through libsession (`encryptForCommunity`), which [`Post::new_bytes`]
//! offers with [`Form::Libsession`].

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;

use oxen_session::blinding::blind15_sign_desktop;
use oxen_session::oxen_keys::codec::to_base64;
use oxen_session::{
    BlindedId, Ed25519SecretKey, ServerPubkey, SessionId, Signature, curve25519_sign, ed25519,
    edsk_to_x,
};
use zeroize::Zeroizing;

use crate::error::Error;
use crate::padding::{Form, pad_with};
use crate::proto::{Content, encode};

/// How a post is signed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signer<'a> {
    /// Under the account's 15-blinded key for this server (`signWithBlinding`).
    Blinded15(&'a ServerPubkey),
    /// With the account's X25519 key, curve25519-js style (`sign`), for servers without
    /// blinding.
    Unblinded,
}

/// A signed community post.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Post {
    /// The padded content (what is signed, and sent in base64).
    pub data: Vec<u8>,
    /// The network timestamp in milliseconds.
    pub timestamp: u64,
    /// The signature over [`Post::data`].
    pub signature: Signature,
    /// The ids of uploaded files to attach, if a list is given.
    pub files: Option<Vec<String>>,
}

impl Post {
    /// Encodes, pads (legacy form) and signs `content`.
    ///
    /// ```
    /// use oxen_session_net::community::{Post, Signer};
    /// use oxen_session_net::oxen_session::{blinding, Ed25519SecretKey, Seed, ServerPubkey};
    /// use oxen_session_net::proto::{Content, DataMessage};
    ///
    /// let account = Ed25519SecretKey::from_seed(Seed::from_array([1; 32]));
    /// let server = ServerPubkey([2; 32]);
    /// let content = Content {
    ///     data_message: Some(DataMessage { body: Some("hi all".into()), ..Default::default() }),
    ///     sig_timestamp: Some(1_700_000_000_000),
    ///     ..Default::default()
    /// };
    /// let post = Post::new(&account, Signer::Blinded15(&server), &content, 1_700_000_000_000, None);
    /// assert!(post.to_json().starts_with("{\"data\":\""));
    /// // the server checks it against the id the account posts under
    /// post.verify_blinded(&blinding::blind15_key_pair(&account, &server).id())?;
    /// # Ok::<(), oxen_session_net::Error>(())
    /// ```
    #[must_use]
    pub fn new(
        key: &Ed25519SecretKey,
        signer: Signer<'_>,
        content: &Content,
        timestamp: u64,
        files: Option<Vec<String>>,
    ) -> Post {
        let bytes = Zeroizing::new(encode(content));
        Post::new_bytes(key, signer, &bytes, Form::Legacy, timestamp, files)
    }

    /// Pads an encoded content in `form` and signs it.
    #[must_use]
    pub fn new_bytes(
        key: &Ed25519SecretKey,
        signer: Signer<'_>,
        content: &[u8],
        form: Form,
        timestamp: u64,
        files: Option<Vec<String>>,
    ) -> Post {
        let data = pad_with(form, content);
        let signature = match signer {
            Signer::Blinded15(server) => blind15_sign_desktop(key, server, &data),
            Signer::Unblinded => curve25519_sign::sign(&edsk_to_x(key), &data),
        };
        Post {
            data,
            timestamp,
            signature,
            files,
        }
    }

    /// The request body, `toJson()` serialised by `JSON.stringify`: `data`, `timestamp`,
    /// `signature`, then `files` if given.
    #[must_use]
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(self.data.len() * 4 / 3 + 160);
        out.push_str("{\"data\":\"");
        out.push_str(&to_base64(&self.data));
        // writing to a String cannot fail
        let _ = write!(out, "\",\"timestamp\":{},\"signature\":\"", self.timestamp);
        out.push_str(&to_base64(self.signature.as_bytes()));
        out.push('"');
        if let Some(files) = &self.files {
            out.push_str(",\"files\":[");
            for (i, f) in files.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_json_string(&mut out, f);
            }
            out.push(']');
        }
        out.push('}');
        out
    }

    /// Checks a blinded post against the poster's 15-blinded id (a plain Ed25519 verification
    /// under its key, libsodium's rules).
    ///
    /// # Errors
    /// `Error::Session` with `InvalidSignature` and the rule that failed.
    pub fn verify_blinded(&self, poster: &BlindedId) -> Result<(), Error> {
        Ok(ed25519::verify(&self.signature, poster.key(), &self.data)?)
    }

    /// Checks an unblinded post against the poster's Session ID (curve25519-js `verify`).
    ///
    /// # Errors
    /// `Error::Session` with `InvalidSignature` and the rule that failed.
    pub fn verify_unblinded(&self, poster: &SessionId) -> Result<(), Error> {
        Ok(curve25519_sign::verify(
            &self.signature,
            poster.x25519(),
            &self.data,
        )?)
    }
}

/// A JSON string as `JSON.stringify` writes it: `"` and `\` escaped, the control characters as
/// `\b \t \n \f \r` or `\u00XX`, everything else as it is.
fn push_json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings_escape_as_json_stringify() {
        let mut out = String::new();
        push_json_string(&mut out, "a\"b\\c\u{1}\n\u{7f}é");
        assert_eq!(out, "\"a\\\"b\\\\c\\u0001\\n\u{7f}é\"");
    }
}
