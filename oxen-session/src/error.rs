//! The one error type of this crate, and the small enums its variants carry.
//!
//! Every failed check of the reference (libsession-util and the libsodium 1.0.18 it calls) has
//! a variant here, so a test asserts *why* an input was refused, not only that it was. The
//! reference's exception texts map as follows (vectors in `tests/vectors/`):
//!
//! | reference text (abridged) | variant |
//! | --- | --- |
//! | "expected 32 bytes", "expected 32 or 64 bytes", "must be 32 or 33 bytes", "nonce must be 24 bytes", "Invalid nonce: expected to be 24 bytes", "Invalid key: expected less than 65 bytes", "domain size not in [1, 24]", "expected to be 33 bytes" | [`Error::InvalidLength`] with the [`Input`] |
//! | "must be hex (66 digits)", "expected 32 bytes or 64 hex" (64 non-hex characters) | [`Error::InvalidHex`] |
//! | "must start with 05", "must start with 0x15 or 0x25", "(33 with 05 prefix)" | [`Error::InvalidPrefix`] |
//! | "conversion failed; is the pubkey valid?", "Cannot blind: invalid session_id (not on main subgroup)", "Shared secret generation failed", "Sender ed25519 pubkey to x25519 pubkey conversion failed" | [`Error::InvalidPoint`] with the [`PointCheck`] that failed |
//! | a scalar multiplication by zero (libsodium's `crypto_scalarmult_ed25519*` returns -1) | [`Error::IdentityResult`] |
//! | "Sealed box encryption failed", "Crypto box encryption failed", "Unable to compute shared encrypted key: invalid pubkey?", "Decryption failed" of a sealed box whose ephemeral key is of small order | [`Error::ZeroSharedSecret`] |
//! | (none: a 64-byte key whose halves disagree; libsodium signs garbage with it) | [`Error::InconsistentSecretKey`] |
//! | "Signature verification failed", `verify` returning `false` | [`Error::InvalidSignature`] with the [`SignatureCheck`] |
//! | "Invalid size: expected between 16 and 64 bytes" | [`Error::InvalidHashSize`] |
//! | "ciphertext is too small", "too short to contain valid encrypted data", "innerBytes too short", "ciphertext is too short", "expected to be greater than 16 bytes" | [`Error::CiphertextTooShort`] |
//! | "Decryption failed", "Failed to decrypt", "Message decryption failed" | [`Error::DecryptionFailed`] |
//! | "version is not 0" | [`Error::UnsupportedVersion`] |
//! | "Both ids must start with the same 0x15 or 0x25 prefix" | [`Error::BlindedPrefixMismatch`] |
//! | "Blinded sender id does not match the actual sender" | [`Error::SenderMismatch`] |
//! | "requires either 1 or recipients.size() messages" | [`Error::MessageCountMismatch`] |
//! | "encrypt_for_multiple requires 32-byte recipients pubkeys", "privkey must be 32 bytes", "Ed25519 secret key is not the expected 64 bytes", "encrypt called with key_base != 32 bytes", "Invalid nonce: nonce must be 24 bytes" | [`Error::InvalidLength`] (recipient, secret key, symmetric key, nonce) |
//! | "Failed to convert Ed25519 key to X25519: invalid secret key" (the sender's Ed25519 key of `decrypt_for_multiple_simple_ed25519`) | [`Error::InvalidPoint`] |
//! | "XChaCha20 encryption failed!" (a message over XChaCha20-Poly1305's length limit) | [`Error::InvalidLength`] for [`Input::Message`] |
//! | (none: the junk bytes given to `encrypt_for_multiple_simple_with`, or a `pad` whose junk cannot be counted) | [`Error::InvalidLength`] for [`Input::Padding`] |
//! | Session desktop `NotEnoughWordsError`, `TooManyWordsError`, `InvalidWordsError`, `VerificationError` | [`Error::Mnemonic`] with the `oxen_mnemonic` error |
//! | (none: a seed whose upper 16 bytes are not zero has no recovery phrase) | [`Error::SeedUpperHalfNotZero`] |
//! | blinding: "Invalid ed25519_sk is not the expected 32- or 64-byte value" | [`Error::InvalidLength`] for [`Input::SeedOrSecretKey`] |
//! | blinding: "server_pk must be hex (64 digits)" | [`Error::InvalidHex`] for [`Input::ServerPubkey`] |
//! | blinding: "ed25519 pubkey to x25519 pubkey conversion failed", "Sender ed25519 pubkey to x25519 pubkey conversion failed" | [`Error::InvalidPoint`] for [`Input::Ed25519PublicKey`] |
//! | blinded messages: "Crypto aead encryption failed" (beyond XChaCha20-Poly1305's limit, where libsodium aborts first) | [`Error::InvalidLength`] for [`Input::Message`] |
//! | subaccounts: "Invalid signing value: size is wrong" | [`Error::InvalidLength`] for [`Input::SigningValue`] |
//! | subaccounts: "Invalid session ID: expected 66 hex digits starting with 03" / "… with 05" | [`Error::InvalidHex`] / [`Error::InvalidPrefix`] for [`Input::GroupId`] / [`Input::SessionId`] |
//! | subaccounts: "scalarmult failed: perhaps an invalid session id?" | [`Error::InvalidPoint`] for [`Input::SessionId`] (the member's key is not a point), [`Error::IdentityResult`] (a blind factor of zero) |
//! | subaccounts: `swarm_verify_subaccount` returning `false` | [`Error::InvalidLength`] ([`Input::SigningValue`]), [`Error::SubaccountPrefix`], [`Error::SubaccountAccess`], [`Error::InvalidSignature`] |
//!
//! "No match" in multi-recipient decryption is an `Option`, not an error.

use core::fmt;

/// Which input a length, hex, prefix or point check refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Input {
    /// A 32-byte Ed25519 seed (libsession `ed25519_seed`).
    Seed,
    /// An Ed25519 secret key given as a 32-byte seed or the 64-byte `seed ‖ A` (libsession
    /// `ed25519_privkey` / `ed25519_sk`).
    SeedOrSecretKey,
    /// The 64-byte Ed25519 secret key `seed ‖ A` only (libsession `ed25519_seckey`, the
    /// Ed25519 overloads of multi-recipient encryption).
    Ed25519SecretKey,
    /// A 32-byte Ed25519 public key (an account key, a sender key inside a message).
    Ed25519PublicKey,
    /// A 32-byte X25519 secret key.
    X25519SecretKey,
    /// A 32-byte X25519 public key (a multi-recipient recipient or sender).
    X25519PublicKey,
    /// A Session ID: 33 bytes `05 ‖ X`, or the bare 32-byte `X`; 66 hex digits.
    SessionId,
    /// A blinded id: 33 bytes `15 ‖ P` or `25 ‖ P`; 66 hex digits.
    BlindedId,
    /// A community server's 32-byte public key; 64 hex digits.
    ServerPubkey,
    /// A 64-byte signature `R ‖ S`.
    Signature,
    /// A nonce (24 bytes for XChaCha20-Poly1305; multi-recipient encryption takes the first 24
    /// of a longer one).
    Nonce,
    /// A 32-byte symmetric key (a config `key_base`, a push notification `enc_key`).
    SymmetricKey,
    /// A config encryption domain (1 to 24 bytes).
    Domain,
    /// A BLAKE2b key (at most 64 bytes).
    HashKey,
    /// The decrypted value of an ONS lookup (a 33-byte Session ID).
    OnsValue,
    /// A plaintext longer than XChaCha20-Poly1305 can encrypt (just under 256 GiB; libsodium's
    /// "XChaCha20 encryption failed!").
    Message,
    /// The padding of the bencoded multi-recipient form: junk bytes of the wrong length given
    /// to `encrypt_for_multiple_simple_with`, or a `pad` whose junk size overflows.
    Padding,
    /// A group id: `03 ‖ C`, the group's Ed25519 key; 66 hex digits.
    GroupId,
    /// A group subaccount token `prefix ‖ flags ‖ 0 ‖ 0 ‖ kT` (36 bytes).
    SubaccountToken,
    /// The admin's 100-byte signing value `prefix ‖ flags ‖ 0 ‖ 0 ‖ k ‖ signature` of a
    /// group subaccount.
    SigningValue,
}

impl fmt::Display for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Input::Seed => "Ed25519 seed",
            Input::SeedOrSecretKey => "Ed25519 secret key (32-byte seed or 64-byte seed ‖ A)",
            Input::Ed25519SecretKey => "Ed25519 secret key (64-byte seed ‖ A)",
            Input::Ed25519PublicKey => "Ed25519 public key",
            Input::X25519SecretKey => "X25519 secret key",
            Input::X25519PublicKey => "X25519 public key",
            Input::SessionId => "Session ID",
            Input::BlindedId => "blinded id",
            Input::ServerPubkey => "server public key",
            Input::Signature => "signature",
            Input::Nonce => "nonce",
            Input::SymmetricKey => "symmetric key",
            Input::Domain => "encryption domain",
            Input::HashKey => "BLAKE2b key",
            Input::OnsValue => "decrypted ONS value",
            Input::Message => "message",
            Input::Padding => "multi-recipient padding",
            Input::GroupId => "group id",
            Input::SubaccountToken => "subaccount token",
            Input::SigningValue => "subaccount signing value",
        })
    }
}

/// Which of libsodium 1.0.18's point checks an encoding failed (`ge25519_is_canonical`,
/// `ge25519_has_small_order`, `ge25519_frombytes`, `ge25519_is_on_main_subgroup`), in the order
/// libsodium applies them. See [`crate::point`] for which checks each use applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PointCheck {
    /// The y-coordinate is not reduced (`y ≥ p`, sign bit aside).
    NonCanonical,
    /// The encoding is one of the points of order 1, 2, 4 or 8 (either sign bit).
    SmallOrder,
    /// No point on the curve has this y-coordinate.
    NotOnCurve,
    /// The point has a torsion component of order 4 or 8 (libsodium's subgroup check, which
    /// lets an order-2 component through: see [`crate::point`]).
    NotInSubgroup,
}

impl fmt::Display for PointCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PointCheck::NonCanonical => "non-canonical encoding",
            PointCheck::SmallOrder => "small order",
            PointCheck::NotOnCurve => "not on the curve",
            PointCheck::NotInSubgroup => "not in the prime-order subgroup",
        })
    }
}

impl PointCheck {
    /// This failure, attributed to `input`.
    #[must_use]
    pub const fn at(self, input: Input) -> Error {
        Error::InvalidPoint { input, check: self }
    }
}

/// Which of libsodium 1.0.18's `crypto_sign_ed25519_verify_detached` rules a signature failed,
/// in the order libsodium applies them (see [`crate::ed25519::verify`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SignatureCheck {
    /// `S ≥ L` (`sc25519_is_canonical`).
    NonCanonicalS,
    /// `R` is a small-order encoding (`ge25519_has_small_order`).
    SmallOrderR,
    /// The public key `A` is not canonical, is of small order, or does not decode.
    PublicKey(PointCheck),
    /// `[S]B − [H(R ‖ A ‖ M)]A` does not encode to the bytes of `R` (cofactorless).
    Equation,
}

impl fmt::Display for SignatureCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignatureCheck::NonCanonicalS => f.write_str("S is not reduced"),
            SignatureCheck::SmallOrderR => f.write_str("R has small order"),
            SignatureCheck::PublicKey(c) => write!(f, "public key: {c}"),
            SignatureCheck::Equation => f.write_str("the verification equation does not hold"),
        }
    }
}

/// Every way a Session operation can fail. Variants name the failed check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An input has a length the reference refuses.
    #[error("{input} has the wrong length ({len} bytes)")]
    InvalidLength {
        /// Which input.
        input: Input,
        /// Its length in bytes (characters for text).
        len: usize,
    },
    /// A hex form is not exactly the expected number of hex digits (either case).
    #[error("{input} is not the expected number of hex digits")]
    InvalidHex {
        /// Which input.
        input: Input,
    },
    /// An input has the wrong leading byte (`05` for a Session ID, `15`/`25` for a blinded id).
    #[error("{input} has the wrong prefix")]
    InvalidPrefix {
        /// Which input.
        input: Input,
    },
    /// A point encoding failed one of libsodium's checks for its use.
    #[error("{input} is not a valid point: {check}")]
    InvalidPoint {
        /// The input the point came from.
        input: Input,
        /// The check it failed.
        check: PointCheck,
    },
    /// A scalar multiplication gave the identity: the scalar is zero modulo `L` (libsodium's
    /// `crypto_scalarmult_ed25519*` refuse this).
    #[error("scalar multiplication gave the identity")]
    IdentityResult,
    /// X25519 gave the all-zero output: the peer key is zero or of small order.
    #[error("X25519 shared secret is all zero")]
    ZeroSharedSecret,
    /// A 64-byte Ed25519 secret key whose upper half is not the public key of its seed (a
    /// divergence: libsodium would sign with it and produce signatures nobody accepts).
    #[error("Ed25519 secret key: the public half does not match the seed")]
    InconsistentSecretKey,
    /// A signature failed verification.
    #[error("invalid signature: {0}")]
    InvalidSignature(SignatureCheck),
    /// A BLAKE2b output size outside 16..=64.
    #[error("hash size {size} outside 16..=64")]
    InvalidHashSize {
        /// The size asked for.
        size: usize,
    },
    /// A ciphertext is shorter than the check at this step requires.
    #[error("ciphertext of {len} bytes is shorter than {min}")]
    CiphertextTooShort {
        /// Its length.
        len: usize,
        /// The fewest bytes this step accepts.
        min: usize,
    },
    /// Authenticated decryption failed (wrong key, tampered data).
    #[error("decryption failed")]
    DecryptionFailed,
    /// A version byte other than the supported one.
    #[error("unsupported version {version}")]
    UnsupportedVersion {
        /// The version found.
        version: u8,
    },
    /// The sender and recipient blinded ids use different blinding (`15` vs `25`).
    #[error("sender and recipient blinded ids have different prefixes")]
    BlindedPrefixMismatch,
    /// The blinded sender id does not belong to the key that signed / sent the message.
    #[error("the blinded sender id does not match the sender")]
    SenderMismatch,
    /// Multi-recipient encryption needs one message for all or one per recipient.
    #[error("{messages} messages for {recipients} recipients")]
    MessageCountMismatch {
        /// Messages given.
        messages: usize,
        /// Recipients given.
        recipients: usize,
    },
    /// A recovery phrase was refused by Session's `mnDecode` rules (the `oxen_mnemonic` error
    /// names the check: word count, unknown word, checksum word).
    #[error("recovery phrase: {0}")]
    Mnemonic(oxen_mnemonic::Error),
    /// A seed whose upper 16 bytes are not zero: it was not made from 16 bytes of entropy, so
    /// no 13-word recovery phrase encodes it.
    #[error("the seed's upper 16 bytes are not zero: it has no recovery phrase")]
    SeedUpperHalfNotZero,
    /// A subaccount signing value (or token) is for another kind of account: its prefix byte
    /// is not the group prefix `03` and its flags lack any-prefix (`0x08`).
    #[error("subaccount prefix {prefix:#04x} is not the group prefix and any-prefix is not set")]
    SubaccountPrefix {
        /// The prefix byte found.
        prefix: u8,
    },
    /// A subaccount's flags lack an access the check requires (read, write, delete).
    #[error("subaccount flags {granted:#04x} lack the required {required:#04x}")]
    SubaccountAccess {
        /// The flag bits required (`0x01` read, `0x02` write, `0x04` delete).
        required: u8,
        /// The flag bits the subaccount has.
        granted: u8,
    },
}

impl From<oxen_mnemonic::Error> for Error {
    fn from(e: oxen_mnemonic::Error) -> Error {
        Error::Mnemonic(e)
    }
}
