//! Transaction (de)serialization (reference `serialization::serialize` of a `transaction`,
//! `tx_to_blob`).

use alloc::vec::Vec;

use oxen_crypto::Signature;

use super::types::{BlobLayout, Transaction};
use crate::Error;
use crate::codec::{Reader, check_fits};
use crate::prefix::{TransactionPrefix, TxVersion};
use crate::rct::{RctSig, RctType};

impl Transaction {
    /// Parses a transaction blob, consuming all of it (reference `serialization::serialize` into a
    /// `transaction`, the first half of `parse_and_validate_tx_from_blob`).
    ///
    /// No point, scalar or signature is validated here; see
    /// [`Transaction::expand`] for the reference's post-parse checks.
    ///
    /// # Errors
    /// The check that failed: [`Error::Truncated`], [`Error::CountTooLarge`],
    /// [`Error::TrailingBytes`], [`Error::TxVersionInvalid`], [`Error::RctTypeInvalid`], ...
    pub fn from_bytes(blob: &[u8]) -> Result<Self, Error> {
        Self::from_bytes_with_layout(blob).map(|(tx, _)| tx)
    }

    /// As [`Transaction::from_bytes`], also returning the blob's layout.
    ///
    /// # Errors
    /// As [`Transaction::from_bytes`].
    pub fn from_bytes_with_layout(blob: &[u8]) -> Result<(Self, BlobLayout), Error> {
        let mut r = Reader::new(blob);
        let prefix = TransactionPrefix::read(&mut r)?;
        let prefix_size = r.position();
        let mut unprunable_size = 0;
        let mut signatures = Vec::new();
        let mut rct = RctSig::null();
        if prefix.version == TxVersion::V1 {
            unprunable_size = prefix_size;
            if !prefix.vin.is_empty() {
                signatures.reserve_exact(prefix.vin.len());
                for input in &prefix.vin {
                    let n = check_fits(input.signature_count() as u64, 64, r.remaining())?;
                    let mut sigs = Vec::with_capacity(n);
                    for _ in 0..n {
                        sigs.push(Signature::from_bytes(&r.array()?));
                    }
                    signatures.push(sigs);
                }
            }
        } else if !prefix.vin.is_empty() {
            let inputs = prefix.vin.len();
            let outputs = prefix.vout.len();
            rct = RctSig::read_base(&mut r, inputs, outputs)?;
            unprunable_size = r.position();
            if rct.rct_type != RctType::Null {
                rct.read_prunable(&mut r, inputs, outputs, prefix.rct_ring_size())?;
            }
        }
        if r.remaining() != 0 {
            return Err(Error::TrailingBytes);
        }
        let layout = BlobLayout {
            prefix_size,
            unprunable_size,
            total_size: blob.len(),
        };
        Ok((
            Self {
                prefix,
                signatures,
                rct,
            },
            layout,
        ))
    }

    /// Serializes the transaction (reference `tx_to_blob`).
    ///
    /// # Errors
    /// The reference serializer's consistency checks: [`Error::UnlockTimesMismatch`],
    /// [`Error::SignatureCountMismatch`], [`Error::RctCountMismatch`], ...
    pub fn to_bytes(&self) -> Result<Vec<u8>, Error> {
        self.to_bytes_with_layout().map(|(b, _)| b)
    }

    /// As [`Transaction::to_bytes`], also returning the layout.
    ///
    /// # Errors
    /// As [`Transaction::to_bytes`].
    pub fn to_bytes_with_layout(&self) -> Result<(Vec<u8>, BlobLayout), Error> {
        let mut out = Vec::new();
        self.prefix.write(&mut out)?;
        let prefix_size = out.len();
        let mut unprunable_size = 0;
        let vin = &self.prefix.vin;
        if self.prefix.version == TxVersion::V1 {
            unprunable_size = prefix_size;
            let expected = !self.signatures.is_empty();
            if expected && self.signatures.len() != vin.len() {
                return Err(Error::SignatureCountMismatch);
            }
            for (i, input) in vin.iter().enumerate() {
                let n = input.signature_count();
                if !expected {
                    if n > 0 {
                        return Err(Error::SignatureCountMismatch);
                    }
                    continue;
                }
                let sigs = self
                    .signatures
                    .get(i)
                    .ok_or(Error::SignatureCountMismatch)?;
                if sigs.len() != n {
                    return Err(Error::SignatureCountMismatch);
                }
                for s in sigs {
                    out.extend_from_slice(&s.to_bytes());
                }
            }
        } else if !vin.is_empty() {
            self.rct
                .write_base(&mut out, vin.len(), self.prefix.vout.len())?;
            unprunable_size = out.len();
            if self.rct.rct_type != RctType::Null {
                self.rct.write_prunable(
                    &mut out,
                    vin.len(),
                    self.prefix.vout.len(),
                    self.prefix.rct_ring_size(),
                )?;
            }
        }
        let total_size = out.len();
        Ok((
            out,
            BlobLayout {
                prefix_size,
                unprunable_size,
                total_size,
            },
        ))
    }
}
