//! `sogs_post.json`: community posts byte for byte (padded data, signature, the JSON body in the
//! client's key order), blinded (desktop's 15 signer, verified under the blinded id) and
//! unblinded (curve25519-js, the Ed25519 sign bit carried in the signature, verified with the
//! Session ID and, bit cleared, as plain Ed25519).

use oxen_session::{
    BlindedId, Ed25519SecretKey, Seed, ServerPubkey, SessionId, Signature, ed25519,
};
use oxen_session_net::community::{Post, Signer};
use oxen_session_net::padding::{Form, pad};
use oxen_session_net::proto::{self, Content};
use oxen_session_net::{Error, oxen_session};
use oxen_vector_harness::CheckResult;
use serde_json::Value;

use crate::msg_support::{bytes, each, eq, num, ok, s};

pub fn sogs_post(v: &Value) -> CheckResult {
    each(v, |c| {
        let key = Ed25519SecretKey::from_seed(Seed::from_bytes(&bytes(c, "user_seed")).unwrap());
        eq(
            "session id",
            key.session_id().to_hex().as_str(),
            s(c, "user_session_id"),
        )?;
        eq(
            "ed25519 key",
            hex::encode(key.public_key().as_bytes()).as_str(),
            s(c, "user_ed25519_pk"),
        )?;
        let content = bytes(c, "content");
        let padded = pad(&content);
        eq("padded", hex::encode(&padded).as_str(), s(c, "padded"))?;
        let files = c["files"].as_array().map(|a| {
            a.iter()
                .map(|f| f.as_str().expect("file id").to_owned())
                .collect::<Vec<_>>()
        });
        let timestamp = num(c, "timestamp");
        let blinded = c["blinded"].as_bool().expect("blinded flag");
        let server = if blinded {
            Some(ok(
                "server key",
                ServerPubkey::from_hex(s(c, "server_pk")).map_err(Error::from),
            )?)
        } else {
            None
        };
        let signer = server.as_ref().map_or(Signer::Unblinded, Signer::Blinded15);
        let post = Post::new_bytes(
            &key,
            signer,
            &content,
            Form::Legacy,
            timestamp,
            files.clone(),
        );
        eq(
            "signature",
            post.signature.to_hex().as_str(),
            s(c, "signature_hex"),
        )?;
        eq("body", post.to_json().as_str(), s(c, "body"))?;
        // the body parses to the vector's JSON object, in the same key order
        let parsed: Value = serde_json::from_str(&post.to_json()).unwrap();
        eq("json", &parsed, &c["json"])?;
        // and reads back as the same post
        eq(
            "post from the body",
            ok("from_json", Post::from_json(s(c, "body").as_bytes()))?,
            post.clone(),
        )?;
        // the same post from the decoded Content
        let decoded: Content = ok("content", proto::decode(&content))?;
        eq(
            "post from Content",
            Post::new(&key, signer, &decoded, timestamp, files),
            post.clone(),
        )?;
        if blinded {
            let id: BlindedId = ok(
                "blinded id",
                s(c, "blinded_id").parse().map_err(Error::from),
            )?;
            ok("verify blinded", post.verify_blinded(&id))?;
            eq("blinded id key", id.key().to_bytes(), {
                oxen_session::blinding::blind15_key_pair(&key, server.as_ref().unwrap())
                    .public_key()
                    .to_bytes()
            })
        } else {
            let sid: SessionId = ok(
                "session id",
                s(c, "user_session_id").parse().map_err(Error::from),
            )?;
            ok("verify unblinded", post.verify_unblinded(&sid))?;
            let mut plain = post.signature.to_bytes();
            let bit = num(c, "ed25519_sign_bit_in_signature") as u8;
            eq("carried sign bit", plain[63] >> 7, bit)?;
            eq("sign bit of A", key.public_key().as_bytes()[31] >> 7, bit)?;
            plain[63] &= 0x7f;
            ok(
                "plain Ed25519 verification",
                ed25519::verify(&Signature::from(plain), key.public_key(), &padded)
                    .map_err(Error::from),
            )
        }
    })
}
