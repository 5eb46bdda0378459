//! The 13-word recovery phrase of a Session account (spec `mnemonic.md` §5; session-desktop @
//! 1380d1eb `ts/session/crypto/mnemonic.ts` `mnEncode`/`mnDecode`, `ts/util/accountManager.ts`
//! `generateKeypair`):
//!
//! ```text
//! phrase  --mn_decode-->  16 bytes of entropy  --‖ 16 zero bytes-->  Seed  -->  Ed25519 key
//!                                                                           -->  Session ID
//! ```
//!
//! The word scheme (lists, checksum word, Session's exact decoding rules, including its silent
//! truncation of an overflowing word triple) is `oxen_mnemonic`'s ([`mn_encode`],
//! [`mn_decode`]): this module only joins it to the account keys of [`crate::keys`], and
//! reports a refused phrase as [`Error::Mnemonic`] with the mnemonic crate's variant (word
//! count, unknown word, checksum word).
//!
//! Only seeds made from 16 bytes of entropy (upper 16 bytes zero) have a phrase:
//! [`phrase_from_seed`] refuses any other with [`Error::SeedUpperHalfNotZero`] (an account
//! created from a full 32-byte seed cannot be shown as words).
//!
//! Pass the phrase as `mnDecode` receives it: Session's restore screen trims surrounding
//! whitespace first (JavaScript `trim()`); [`account_from_phrase`] does not, so a leading or
//! trailing space is refused as an extra word, as `mnDecode` refuses it.
//!
//! Vectors: `session_recovery.json` (`shared/vectors/mnemonic/`), every case, with the keys
//! and Session ID of each accepted phrase.

use subtle::{Choice, ConstantTimeEq};
use zeroize::Zeroizing;

use crate::error::Error;
use crate::keys::{Ed25519SecretKey, Seed};

pub use oxen_mnemonic::{Phrase, SESSION_ENTROPY_BYTES, SessionEntropy, mn_decode, mn_encode};

/// The seed of the phrase's account: the phrase's 16 bytes, then 16 zero bytes.
///
/// # Errors
/// [`Error::Mnemonic`] with the `oxen_mnemonic` error of `mnDecode`'s refusal
/// (`NotEnoughWords`, `TooManyWords`, `UnknownWord`, `InvalidChecksum`).
pub fn seed_from_phrase(phrase: &str) -> Result<Seed, Error> {
    let entropy = mn_decode(phrase)?;
    Ok(seed_from_entropy(&entropy))
}

/// The account key of a recovery phrase (its Session ID is
/// [`Ed25519SecretKey::session_id`]).
///
/// ```
/// use oxen_session::recovery::{account_from_phrase, phrase_from_seed};
///
/// let phrase = "randomly tarnished gasp noises junk both session gifts library template echo nearby library";
/// let account = account_from_phrase(phrase)?;
/// assert_eq!(
///     account.session_id().to_hex(),
///     "051648c2afb34c6bb905c71321d7515a388f6f9ce99e9d90f84446086ac7a45966"
/// );
/// assert_eq!(phrase_from_seed(account.seed())?.expose_str(), phrase);
/// # Ok::<(), oxen_session::Error>(())
/// ```
///
/// # Errors
/// As [`seed_from_phrase`].
pub fn account_from_phrase(phrase: &str) -> Result<Ed25519SecretKey, Error> {
    seed_from_phrase(phrase).map(Ed25519SecretKey::from_seed)
}

/// The seed of 16 bytes of entropy ([`Seed::from_entropy`]).
#[must_use]
pub fn seed_from_entropy(entropy: &SessionEntropy) -> Seed {
    Seed::from_entropy(entropy.expose_bytes())
}

/// The recovery phrase of a seed whose upper 16 bytes are zero (every account a Session client
/// creates): `mnEncode` of its lower 16 bytes.
///
/// # Errors
/// [`Error::SeedUpperHalfNotZero`] otherwise (checked in constant time; the verdict is the
/// only thing that depends on the seed).
pub fn phrase_from_seed(seed: &Seed) -> Result<Phrase, Error> {
    let (lower, upper) = seed.expose_bytes().split_at(SESSION_ENTROPY_BYTES);
    let upper_zero: Choice = upper.ct_eq(&[0u8; SESSION_ENTROPY_BYTES]);
    if !bool::from(upper_zero) {
        return Err(Error::SeedUpperHalfNotZero);
    }
    let mut entropy = Zeroizing::new([0u8; SESSION_ENTROPY_BYTES]);
    for (e, b) in entropy.iter_mut().zip(lower) {
        *e = *b;
    }
    Ok(mn_encode(&SessionEntropy::from_bytes(*entropy)))
}

/// A new account as Session clients create one: 16 random bytes of entropy, shown to the user
/// as its recovery phrase, and the account key of that phrase.
#[must_use]
pub fn new_account<R: rand_core::CryptoRng + ?Sized>(rng: &mut R) -> (Ed25519SecretKey, Phrase) {
    let mut entropy = Zeroizing::new([0u8; SESSION_ENTROPY_BYTES]);
    rng.fill_bytes(entropy.as_mut_slice());
    let entropy = SessionEntropy::from_bytes(*entropy);
    (
        Ed25519SecretKey::from_seed(seed_from_entropy(&entropy)),
        mn_encode(&entropy),
    )
}
