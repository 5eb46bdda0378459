//! Wallet scanning: which outputs of a transaction are ours, to which subaddress, for how much,
//! unlocked when (the receive side of oxen-core's `wallet2::process_new_transaction`).
//!
//! For a view key `a` and spend key `B`, an output `i` with one-time key `P` of a transaction
//! with public key `R` (tx_extra tag 0x01; or the output's additional key, tag 0x04) is ours iff
//!
//! ```text
//! D = 8 a R                  (one derivation per transaction key)
//! P - Hs(D || varint(i)) G   is a subaddress spend key D(major, minor) in our table
//! ```
//!
//! Its amount is decoded with the amount key `Hs(D || i)` (RingCT ECDH v2 or v1; in clear for
//! coinbase and pre-RingCT outputs) and a RingCT output is credited only if
//! `commit(amount, mask)` equals its commitment; otherwise it is reported as
//! [`OutputRejection::CommitmentDoesNotOpen`]; an output whose one-time key was already
//! credited (the burning bug) is reported as [`OutputRejection::OutputKeySeen`] (the scanner
//! keeps the keys: [`Scanner::with_seen_output_keys`]). With the spend secret `b`, each owned output's
//! one-time secret `x = Hs(D || i) + b (+ m)` and key image `x Hp(P)` are computed.
//!
//! Module map: `keys` ([`ViewKeys`]), `subaddress` ([`SubaddressTable`] with [`Lookahead`]),
//! `detect` (derivations and table lookups), `amount` (ECDH, commitment, key image, payment
//! id), `report` (the result types), `scanner` ([`Scanner`]).
//!
//! ```
//! use oxen_crypto::{derive_public_key, generate_key_derivation, generate_keys, PublicKey};
//! use oxen_tx::scan::{Lookahead, Scanner, SubaddressIndex, ViewKeys};
//! use oxen_tx::transaction::{Transaction, TransactionPrefix, TxIn, TxOut, TxOutTarget};
//! use oxen_tx::transaction::{TxType, TxVersion};
//! use oxen_tx::rct::RctSig;
//! use rand::SeedableRng;
//!
//! let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(1);
//! let (a, _) = generate_keys(&mut rng);
//! let (b, big_b) = generate_keys(&mut rng);
//! // a coinbase output of 5 OXEN to the main address (R = r G, P = Hs(8rA || 0) G + B)
//! let (r, big_r) = generate_keys(&mut rng);
//! let d = generate_key_derivation(&a.public_key(), &r)?;
//! let p = derive_public_key(&d, 0, &big_b)?;
//! let mut extra = vec![0x01];
//! extra.extend_from_slice(big_r.as_bytes());
//! let tx = Transaction {
//!     prefix: TransactionPrefix {
//!         version: TxVersion::V4,
//!         tx_type: TxType::Standard,
//!         unlock_time: 0,
//!         output_unlock_times: vec![60],
//!         vin: vec![TxIn::Gen { height: 10 }],
//!         vout: vec![TxOut { amount: 5_000_000_000, target: TxOutTarget::ToKey(p.compressed()) }],
//!         extra,
//!     },
//!     signatures: vec![],
//!     rct: RctSig::null(),
//! };
//!
//! let mut scanner = Scanner::new(ViewKeys::new(a, big_b)?, Lookahead { major: 2, minor: 10 })?
//!     .with_spend_secret(b)?;
//! let found = scanner.scan(&tx);
//! assert!(found.issues.is_empty());
//! let out = &found.owned[0];
//! assert_eq!(out.subaddress, SubaddressIndex::MAIN);
//! assert_eq!((out.amount, out.unlock_time), (5_000_000_000, 60));
//! let spend = out.spend.as_ref().unwrap();
//! assert_eq!(PublicKey::from(out.output_key), spend.one_time_secret.public_key());
//! # Ok::<(), oxen_tx::Error>(())
//! ```

mod amount;
mod detect;
mod keys;
mod report;
mod scanner;
mod subaddress;

pub use keys::ViewKeys;
pub use report::{
    AmountSource, OutputRejection, OwnedOutput, PaymentId, RejectedOutput, SpendData, TxIssue,
    TxKeyUsed, TxScan,
};
pub use scanner::{BATCH, Scanner};
pub use subaddress::{Lookahead, SubaddressIndex, SubaddressTable};
