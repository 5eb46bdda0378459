//! `hash.json`: libsession `hash::hash` (BLAKE2b, sizes 16–64, keys up to 64 bytes, the empty
//! key equal to none).

use oxen_session::hash::hash as blake2b_hash;
use oxen_session::{Error, Input};
use oxen_vector_harness::CheckResult;
use serde_json::Value;

use crate::support::{bytes, each, eq, fails_with, num, ok, opt_s, s};

pub fn hash(v: &Value) -> CheckResult {
    each(v, |c| {
        if s(c, "kind") != "hash" {
            return Err("unknown kind".into());
        }
        let size = num(c, "size");
        let message = bytes(c, "message");
        let key = opt_s(c, "key").map(|_| bytes(c, "key"));
        let got = blake2b_hash(size, &message, key.as_deref());
        match opt_s(c, "error") {
            None => eq("hash", ok("hash", got)?, bytes(c, "hash")),
            Some(_) => {
                let want = if (16..=64).contains(&size) {
                    Error::InvalidLength {
                        input: Input::HashKey,
                        len: key.as_ref().map_or(0, Vec::len),
                    }
                } else {
                    Error::InvalidHashSize { size }
                };
                fails_with(got, want)
            }
        }
    })
}
