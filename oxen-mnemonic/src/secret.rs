//! The secret types: a phrase (the words *are* the key) and the bytes it encodes.
//!
//! None is `Copy`; each zeroizes its memory on drop, prints only its name in `Debug`, compares
//! in constant time (`subtle`; the lengths, which are public, first), and hands out its contents
//! only through `expose_*`.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop};

/// A seed phrase or recovery phrase as text: the words joined by single ASCII spaces.
///
/// The encoders build it in a buffer of the exact final size, so no reallocation leaves a copy
/// behind.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct Phrase(String);

impl Phrase {
    /// Wraps text built by this crate's encoders.
    pub(crate) fn from_string(s: String) -> Phrase {
        Phrase(s)
    }

    /// The words, joined by single spaces. Whoever sees this text can spend the wallet or take
    /// over the Session account.
    #[must_use]
    pub fn expose_str(&self) -> &str {
        &self.0
    }

    /// The number of words (public: 25 for a wallet seed, 13 for a Session phrase).
    #[must_use]
    pub fn word_count(&self) -> usize {
        self.0.split(' ').count()
    }
}

impl PartialEq for Phrase {
    fn eq(&self, other: &Phrase) -> bool {
        self.0.as_bytes().ct_eq(other.0.as_bytes()).into()
    }
}
impl Eq for Phrase {}

impl fmt::Debug for Phrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Phrase(..)")
    }
}

/// Secret bytes of any length: what oxen-core's general decoder
/// ([`words_to_bytes`](crate::words_to_bytes)) returns.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct SecretBytes(Vec<u8>);

impl SecretBytes {
    /// Wraps a buffer filled by a decoder (allocated at its final size).
    pub(crate) fn from_vec(v: Vec<u8>) -> SecretBytes {
        SecretBytes(v)
    }

    /// The bytes.
    #[must_use]
    pub fn expose_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The length (public).
    #[must_use]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True if there are no bytes.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl PartialEq for SecretBytes {
    fn eq(&self, other: &SecretBytes) -> bool {
        self.0.ct_eq(&other.0).into()
    }
}
impl Eq for SecretBytes {}

impl fmt::Debug for SecretBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretBytes(..)")
    }
}

/// Defines a fixed-size secret byte array type.
macro_rules! secret_array {
    ($(#[$doc:meta])* $name:ident, $len:expr) => {
        $(#[$doc])*
        #[derive(Clone, Zeroize, ZeroizeOnDrop)]
        pub struct $name([u8; $len]);

        impl $name {
            /// Wraps the bytes (e.g. fresh random entropy, or a key to show as words).
            #[must_use]
            pub fn from_bytes(bytes: [u8; $len]) -> $name {
                $name(bytes)
            }

            /// The bytes.
            #[must_use]
            pub fn expose_bytes(&self) -> &[u8; $len] {
                &self.0
            }
        }

        impl PartialEq for $name {
            fn eq(&self, other: &$name) -> bool {
                self.0.ct_eq(&other.0).into()
            }
        }
        impl Eq for $name {}

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(concat!(stringify!($name), "(..)"))
            }
        }
    };
}

secret_array!(
    /// The 32 bytes a 25-word (or 24-word) Oxen wallet seed encodes: oxen-core's
    /// `crypto::secret_key`, the wallet's spend secret key as stored (the view key and the
    /// address are derived from it by `oxen-crypto`, not here).
    WalletSeed,
    32
);

secret_array!(
    /// The 16 bytes of entropy a 13-word Session recovery phrase encodes. Session's 32-byte
    /// Ed25519 seed is these bytes followed by 16 zero bytes (derived in `oxen-session`, not
    /// here).
    SessionEntropy,
    16
);

impl WalletSeed {
    /// Copies a slice of exactly 32 bytes into a new value.
    pub(crate) fn from_slice(bytes: &[u8]) -> Option<WalletSeed> {
        if bytes.len() != 32 {
            return None;
        }
        let mut out = WalletSeed([0; 32]);
        out.0.copy_from_slice(bytes);
        Some(out)
    }
}
