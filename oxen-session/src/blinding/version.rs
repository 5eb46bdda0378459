//! Version-check blinding (spec §6): the key a client signs its "what is the latest Session
//! version" request with, unlinkable to its account, and the request signatures.
//!
//! ```text
//! seed' = BLAKE2b-256(key = "VersionCheckKey_sig", seed)      (seed: the first 32 bytes of sk)
//! (A_v, sk_v) = Ed25519 key pair of seed'
//! blind_version_sign(sk, platform, t)            = Ed25519(sk_v, decimal(t) ‖ "GET" ‖ "/session_version?platform=" ‖ platform)
//! blind_version_sign_request(sk, t, m, p, body)  = Ed25519(sk_v, decimal(t) ‖ m ‖ p ‖ body)
//! ```
//!
//! `decimal(t)` is the unsigned 64-bit timestamp in decimal without padding or sign (`0` …
//! `18446744073709551615`); the signatures are plain deterministic Ed25519
//! ([`crate::ed25519::sign_parts`]), verified with `A_v`.
//!
//! Reference: libsession `blind_version_key_pair`, `blind_version_sign`,
//! `blind_version_sign_request` (`src/blinding.cpp`). Upstream takes the 32- or 64-byte secret key
//! and hashes its first 32 bytes (the seed); here the key is an [`Ed25519SecretKey`]
//! (parse with [`Ed25519SecretKey::from_bytes`]: the vectors' `key_pair_bad_len_*` are its
//! [`crate::Error::InvalidLength`]). Vectors: `version_blinding.json` (32- and 64-byte keys, the
//! three platforms, timestamps 0 and `u64::MAX`, requests with and without a body).

use crate::ed25519::{Signature, sign_parts};
use crate::hash::blake2b;
use crate::keys::{Ed25519SecretKey, Seed};

/// The BLAKE2b key of the version-check seed hash (libsession `version_blinding_hash_key_sig`).
pub const VERSION_CHECK_HASH_KEY: &[u8; 19] = b"VersionCheckKey_sig";

/// The path `blind_version_sign` signs, before the platform name.
pub const VERSION_CHECK_PATH: &str = "/session_version?platform=";

/// A client platform, as the version check names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Platform {
    /// `android`
    Android,
    /// `desktop`
    Desktop,
    /// `ios`
    Ios,
}

impl Platform {
    /// The name in the request path.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Platform::Android => "android",
            Platform::Desktop => "desktop",
            Platform::Ios => "ios",
        }
    }
}

/// `blind_version_key_pair(sk)`: the Ed25519 key of `seed' = BLAKE2b-256(key =
/// "VersionCheckKey_sig", seed)`. Its 64-byte form is the reference's `blinded_sk`.
#[must_use]
pub fn blind_version_key_pair(key: &Ed25519SecretKey) -> Ed25519SecretKey {
    // Size 32 and a 19-byte key are always accepted: the fallback is unreachable.
    let seed =
        blake2b::<32>(VERSION_CHECK_HASH_KEY, &[key.seed().expose_bytes()]).unwrap_or([0; 32]);
    Ed25519SecretKey::from_seed(Seed::from_array(seed))
}

/// `decimal(t)`: the digits of `t` at the end of `buf`, returned as a slice of it.
fn decimal(mut t: u64, buf: &mut [u8; 20]) -> &[u8] {
    let mut start = buf.len();
    for slot in buf.iter_mut().rev() {
        // (t % 10) < 10 always fits in a u8
        *slot = b'0' + (t % 10) as u8;
        start -= 1;
        t /= 10;
        if t == 0 {
            break;
        }
    }
    buf.get(start..).unwrap_or_default()
}

/// `blind_version_sign(sk, platform, timestamp)`: signs `decimal(timestamp) ‖ "GET" ‖
/// "/session_version?platform=" ‖ platform` with [`blind_version_key_pair`].
///
/// ```
/// use oxen_session::{Ed25519SecretKey, Seed, ed25519};
/// use oxen_session::blinding::{Platform, blind_version_key_pair, blind_version_sign};
///
/// let account = Ed25519SecretKey::from_seed(Seed::from_array([1; 32]));
/// let sig = blind_version_sign(&account, Platform::Desktop, 1_700_000_000);
/// let key = blind_version_key_pair(&account);
/// let signed = b"1700000000GET/session_version?platform=desktop";
/// assert_eq!(ed25519::verify(&sig, key.public_key(), signed), Ok(()));
/// ```
#[must_use]
pub fn blind_version_sign(key: &Ed25519SecretKey, platform: Platform, timestamp: u64) -> Signature {
    let mut buf = [0u8; 20];
    sign_parts(
        &blind_version_key_pair(key),
        &[
            decimal(timestamp, &mut buf),
            b"GET",
            VERSION_CHECK_PATH.as_bytes(),
            platform.as_str().as_bytes(),
        ],
    )
}

/// `blind_version_sign_request(sk, timestamp, method, path, body)`: signs `decimal(timestamp) ‖
/// method ‖ path ‖ body` with [`blind_version_key_pair`] (no body: nothing appended).
#[must_use]
pub fn blind_version_sign_request(
    key: &Ed25519SecretKey,
    timestamp: u64,
    method: &str,
    path: &str,
    body: Option<&[u8]>,
) -> Signature {
    let mut buf = [0u8; 20];
    sign_parts(
        &blind_version_key_pair(key),
        &[
            decimal(timestamp, &mut buf),
            method.as_bytes(),
            path.as_bytes(),
            body.unwrap_or_default(),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_has_no_padding() {
        let mut buf = [0u8; 20];
        assert_eq!(decimal(0, &mut buf), b"0");
        assert_eq!(decimal(7, &mut buf), b"7");
        assert_eq!(decimal(1_700_000_000, &mut buf), b"1700000000");
        assert_eq!(decimal(u64::MAX, &mut buf), b"18446744073709551615");
        for t in [9u64, 10, 99, 100, 12_345_678_901] {
            assert_eq!(decimal(t, &mut buf), t.to_string().as_bytes());
        }
    }
}
