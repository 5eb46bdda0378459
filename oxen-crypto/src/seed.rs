//! 25-word wallet seeds (feature `mnemonic`): a wallet's spend secret key as words and back, and
//! the wallet the words restore, its view key and standard address, exactly as oxen-core's
//! wallet restores it (`wallet2::generate` → `account_base::generate(recovery_key, recover =
//! true, two_random = false)`, src/cryptonote_basic/account.cpp:165-188 @ b208672e).
//!
//! ```text
//! words --oxen_mnemonic::words_to_wallet_seed--> k (32 bytes, any value)
//! b = sc_reduce32(k)                  spend secret: generate_keys(recover = true), crypto.cpp:170-172
//! a = sc_reduce32(keccak256(b))       view secret: keccak of the *reduced* spend key (account.cpp:176),
//!                                     then generate_keys(recover = !two_random = true), account.cpp:181-185
//! B = b G, A = a G                    address = base58(prefix || B || A || checksum)
//! words shown by the wallet = bytes_to_words(b)   (wallet2::get_seed encodes m_spend_secret_key)
//! ```
//!
//! So the only reduction on the spend side is `sc_reduce32` of the decoded bytes; a seed whose
//! bytes are `>= l` (no wallet makes one: `random_scalar` is reduced) restores the reduced key,
//! and the restored wallet shows other words than the ones typed. The view key is never decoded
//! from words: it is a function of the spend key. The word scheme itself (word lists, checksum,
//! prefixes, case folding, languages, errors) is `oxen-mnemonic`'s; nothing of it is
//! re-implemented here.
//!
//! Secrets stay in secret types: the words in [`Phrase`], the keys in [`SecretKey`],
//! [`WalletKeys`] redacts them in `Debug`. The key arithmetic is constant time; the word
//! scheme is not (it is string processing: see oxen-mnemonic's threat model).
//!
//! ```
//! use oxen_crypto::address::Network;
//! use oxen_crypto::seed::{Language, WalletKeys};
//!
//! // oxen-core tests/functional_tests/wallet.py:86-107 (keys of this seed).
//! let words = "velvet lymph giddy number token physics poetry unquoted nibs useful sabotage \
//!              limits benches lifestyle eden nitrogen anvil fewest avoid batch vials washing \
//!              fences goat unquoted";
//! let (wallet, language) = WalletKeys::from_words(words)?;
//! assert_eq!(language, Language::English);
//! assert_eq!(
//!     hex::encode(&wallet.view_secret().to_bytes()[..]),
//!     "49774391fa5e8d249fc2c5b45dadef13534bf2483dede880dac88f061e809100"
//! );
//! assert_eq!(wallet.to_words(Language::English)?.expose_str(), words);
//! let address = wallet.address(Network::Mainnet).to_address_string();
//! assert!(address.starts_with('L'));
//! # Ok::<(), oxen_crypto::Error>(())
//! ```

use core::fmt;

use zeroize::ZeroizeOnDrop;

use crate::Error;
use crate::address::{Address, AddressKind, Network};
use crate::hash::Keccak256;
use crate::keys::{PublicKey, SecretKey, generate_keys_recover};

pub use oxen_mnemonic::{Error as MnemonicError, Language, Phrase};

/// Words of a seed with its checksum word (`WALLET_SEED_WORDS` of oxen-mnemonic).
pub const SEED_WORDS: usize = oxen_mnemonic::WALLET_SEED_WORDS;

/// The 25 words of a spend secret key in `language`, with the checksum word (oxen-core
/// `ElectrumWords::bytes_to_words` of the key, as `wallet2::get_seed` shows it). Every
/// language oxen-core encodes ([`Language::ENCODABLE`]).
///
/// # Errors
/// [`Error::Mnemonic`] with `LanguageNotEncodable` for [`Language::EnglishOld`] (oxen-core
/// only decodes it).
pub fn spend_secret_to_words(spend: &SecretKey, language: Language) -> Result<Phrase, Error> {
    Ok(oxen_mnemonic::bytes_to_words(
        &spend.to_bytes()[..],
        language,
    )?)
}

/// The spend secret key 25 (or 24) words restore, in any language oxen-core decodes, with the
/// language that matched: `ElectrumWords::words_to_bytes` (oxen-mnemonic's
/// `words_to_wallet_seed`), then `sc_reduce32` of the 32 bytes (`generate_keys(recover =
/// true)`).
///
/// # Errors
/// [`Error::Mnemonic`] with oxen-core's reason, checked in its order: `WrongWordCount`,
/// `LanguageNotFound` (a word in no list, e.g. words of two languages), `InvalidChecksum`,
/// `TripleOverflow`, `WrongOutputSize` (12 words).
pub fn words_to_spend_secret(words: &str) -> Result<(SecretKey, Language), Error> {
    let (seed, language) = oxen_mnemonic::words_to_wallet_seed(words)?;
    let (spend, _) = generate_keys_recover(seed.expose_bytes());
    Ok((spend, language))
}

/// The view secret key of a deterministic wallet: `sc_reduce32(keccak256(b))` of the (reduced)
/// spend secret `b` (`account_base::generate`, account.cpp:176-185). Constant time; the digest
/// is zeroized.
#[must_use]
pub fn view_secret_from_spend(spend: &SecretKey) -> SecretKey {
    let mut h = Keccak256::new();
    h.update(&spend.to_bytes()[..]);
    SecretKey::from_secret_scalar(h.finalize_secret_scalar())
}

/// A deterministic wallet's keys, as a restored oxen-core wallet holds them: the spend and view
/// secret keys and their public keys. Not `Copy`; the secrets zeroize on drop; `Debug` shows
/// only the public keys.
#[derive(Clone)]
pub struct WalletKeys {
    spend: SecretKey,
    view: SecretKey,
    spend_public: PublicKey,
    view_public: PublicKey,
}

// Every secret field is a `SecretKey`, which zeroizes itself on drop.
impl ZeroizeOnDrop for WalletKeys {}

impl fmt::Debug for WalletKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WalletKeys")
            .field("spend_public", &self.spend_public)
            .field("view_public", &self.view_public)
            .finish_non_exhaustive()
    }
}

impl WalletKeys {
    /// `account_base::generate(recovery_key, recover = true, two_random = false)`: spend
    /// secret `sc_reduce32(recovery_key)`, view secret [`view_secret_from_spend`] of it.
    #[must_use]
    pub fn from_recovery_key(recovery_key: &[u8; 32]) -> Self {
        let (spend, spend_public) = generate_keys_recover(recovery_key);
        Self::from_reduced_spend(spend, spend_public)
    }

    /// The wallet of a spend secret key (already reduced, as every [`SecretKey`] is).
    #[must_use]
    pub fn from_spend_secret(spend: SecretKey) -> Self {
        let spend_public = spend.public_key();
        Self::from_reduced_spend(spend, spend_public)
    }

    fn from_reduced_spend(spend: SecretKey, spend_public: PublicKey) -> Self {
        let view = view_secret_from_spend(&spend);
        let view_public = view.public_key();
        Self {
            spend,
            view,
            spend_public,
            view_public,
        }
    }

    /// Restores a wallet from its 25 (or 24) words in any language, as oxen-core's wallet
    /// restore does ([`words_to_spend_secret`], then [`WalletKeys::from_spend_secret`]).
    /// Returns the language that matched.
    ///
    /// # Errors
    /// As [`words_to_spend_secret`].
    pub fn from_words(words: &str) -> Result<(Self, Language), Error> {
        let (spend, language) = words_to_spend_secret(words)?;
        Ok((Self::from_spend_secret(spend), language))
    }

    /// The wallet's 25 words in `language` (`wallet2::get_seed`: the words of the reduced
    /// spend secret key).
    ///
    /// # Errors
    /// As [`spend_secret_to_words`].
    pub fn to_words(&self, language: Language) -> Result<Phrase, Error> {
        spend_secret_to_words(&self.spend, language)
    }

    /// The spend secret key `b`.
    #[must_use]
    pub const fn spend_secret(&self) -> &SecretKey {
        &self.spend
    }

    /// The view secret key `a`.
    #[must_use]
    pub const fn view_secret(&self) -> &SecretKey {
        &self.view
    }

    /// The spend public key `B = b G`.
    #[must_use]
    pub const fn spend_public(&self) -> PublicKey {
        self.spend_public
    }

    /// The view public key `A = a G`.
    #[must_use]
    pub const fn view_public(&self) -> PublicKey {
        self.view_public
    }

    /// The wallet's standard (primary) address on `network` (`get_account_address_as_str`:
    /// the network's standard prefix, `B`, `A`).
    #[must_use]
    pub fn address(&self, network: Network) -> Address {
        Address::new(
            network,
            AddressKind::Standard,
            self.spend_public.compressed(),
            self.view_public.compressed(),
        )
    }
}
