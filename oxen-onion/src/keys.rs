//! Keys: node identities, X25519 key pairs, the Diffie-Hellman and its zero check.
//!
//! The key types and X25519 live in [`oxen_keys`] (shared with `oxen-session`) and are
//! re-exported here at their old paths, so `oxen_onion::keys::X25519SecretKey` and friends keep
//! working. [`X25519SecretKey::diffie_hellman`] returns [`oxen_keys::Error`], which converts
//! into this crate's [`Error`](crate::Error) (`ZeroSharedSecret` stays `ZeroSharedSecret`).
//! What is the onion's own stays here: [`NodeKeys`].

pub use oxen_keys::{
    Ed25519PublicKey, KEY_LEN, SharedSecret, X25519KeyPair, X25519PublicKey, X25519SecretKey,
    x25519, x25519_ladder,
};

/// A service node's keys: the X25519 pair for decryption and the Ed25519 routing address.
#[derive(Clone, Debug)]
pub struct NodeKeys {
    /// X25519 encryption key pair (`pubkey_x25519`).
    pub x25519: X25519KeyPair,
    /// Ed25519 identity (`pubkey_ed25519`).
    pub ed25519: Ed25519PublicKey,
}
