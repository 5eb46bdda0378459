//! Session desktop's recovery phrase (`ts/session/crypto/mnemonic.ts`, `mnEncode` /
//! `mnDecode`): 16 bytes of entropy <-> 13 English words.
//!
//! Encoding is the common one (identical to oxen-core's English encoding of the same bytes).
//! Decoding has its own rules, checked in this order:
//!
//! 1. **Split** on every single ASCII space, with no trimming: a leading, trailing or doubled
//!    space adds an empty piece; tabs and newlines do not separate.
//! 2. **Count**: fewer than 12 pieces, or exactly 12 (checksum word missing):
//!    [`Error::NotEnoughWords`]; more than 13: [`Error::TooManyWords`].
//! 3. **Words**: the first 3 characters of each of the 12 data words, case-sensitive, must be
//!    the first 3 letters of an English list word ([`Error::UnknownWord`]); the rest of the
//!    word is ignored.
//! 4. **Triples** in exact arithmetic, kept mod 2^32: an overflowing triple is accepted and
//!    silently truncated (oxen-core refuses it), so re-encoding gives other words.
//! 5. **Checksum**: the 13th word's first 3 characters must equal those of the data word the
//!    checksum selects ([`Error::InvalidChecksum`]); the 13th word is not itself looked up.
//!
//! Session's restore screen trims the text (JavaScript `trim()`) before `mnDecode`; this
//! module is `mnDecode` itself. The key derivation from the entropy (Ed25519 seed = entropy
//! ‖ 16 zero bytes, Session ID) belongs to `oxen-session`.

use zeroize::Zeroizing;

use crate::checksum::checksum_index;
use crate::encode::encode_with;
use crate::secret::{Phrase, SessionEntropy};
use crate::triple::decode_triple_session;
use crate::{Error, Language};

/// Bytes of entropy behind a Session recovery phrase.
pub const SESSION_ENTROPY_BYTES: usize = 16;

/// Words of a Session recovery phrase (12 data words and the checksum word).
pub const SESSION_PHRASE_WORDS: usize = 13;

/// Data words of a Session recovery phrase.
const DATA_WORDS: usize = SESSION_PHRASE_WORDS - 1;

/// The 13-word recovery phrase of 16 bytes of entropy: Session desktop's `mnEncode` (English,
/// with the checksum word).
///
/// ```
/// use oxen_mnemonic::{mn_decode, mn_encode, SessionEntropy};
/// let entropy = SessionEntropy::from_bytes([0xff; 16]);
/// let phrase = mn_encode(&entropy);
/// assert_eq!(
///     phrase.expose_str(),
///     "foamy solved soggy foamy solved soggy foamy solved soggy foamy solved soggy solved"
/// );
/// assert_eq!(mn_decode(phrase.expose_str())?, entropy);
/// # Ok::<(), oxen_mnemonic::Error>(())
/// ```
#[must_use]
pub fn mn_encode(entropy: &SessionEntropy) -> Phrase {
    encode_with(Language::English.list(), entropy.expose_bytes())
}

/// The 16 bytes of entropy of a 13-word recovery phrase, with Session desktop's exact rules:
/// `mnDecode` (see the module docs for the order of checks). Case-sensitive: upper case is
/// refused. Pass the text trimmed, as Session's restore screen does.
///
/// ```
/// use oxen_mnemonic::{mn_decode, Error};
/// let phrase = "ran tar gas noi jun bot ses gif lib tem ech nea lib";
/// let entropy = mn_decode(phrase)?;
/// assert_eq!(entropy.expose_bytes()[..4], [0x7f, 0x01, 0xfd, 0x7c]);
/// assert_eq!(mn_decode(&phrase.to_uppercase()), Err(Error::UnknownWord));
/// # Ok::<(), oxen_mnemonic::Error>(())
/// ```
///
/// # Errors
/// [`Error::NotEnoughWords`], [`Error::TooManyWords`], [`Error::UnknownWord`],
/// [`Error::InvalidChecksum`], in that order.
pub fn mn_decode(phrase: &str) -> Result<SessionEntropy, Error> {
    // Count first, without collecting (stops one piece past the limit).
    let count = phrase.split(' ').take(SESSION_PHRASE_WORDS + 1).count();
    if count > SESSION_PHRASE_WORDS {
        return Err(Error::TooManyWords);
    }
    if count < SESSION_PHRASE_WORDS {
        return Err(Error::NotEnoughWords);
    }
    let list = Language::English.list();
    let mut pieces = phrase.split(' ');
    let mut indices = Zeroizing::new([0u16; DATA_WORDS]);
    for slot in indices.iter_mut() {
        let word = pieces.next().ok_or(Error::NotEnoughWords)?;
        *slot = list.find_prefix_exact(word).ok_or(Error::UnknownWord)?;
    }
    let checksum_word = pieces.next().ok_or(Error::NotEnoughWords)?;
    let mut out = Zeroizing::new([0u8; SESSION_ENTROPY_BYTES]);
    let (triples, _) = indices.as_chunks::<3>();
    for (triple, dst) in triples.iter().zip(out.chunks_exact_mut(4)) {
        let x = Zeroizing::new(decode_triple_session(*triple));
        dst.copy_from_slice(&x.to_le_bytes());
    }
    let expected = checksum_index(list, indices.as_slice())
        .and_then(|ci| indices.get(ci))
        .map(|&i| list.word_prefix(i));
    if expected != Some(crate::word_list::prefix(checksum_word, list.prefix_len)) {
        return Err(Error::InvalidChecksum);
    }
    Ok(SessionEntropy::from_bytes(*out))
}
