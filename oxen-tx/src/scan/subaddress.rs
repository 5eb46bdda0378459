//! The subaddress table: every subaddress spend key `D(major, minor)` a wallet watches, keyed by
//! its encoding, with a lookahead that grows as outputs are found (reference wallet2's
//! `m_subaddresses` and `expand_subaddresses`).
//!
//! `D(0, 0) = B` (the main address) and `D(i, j) = B + Hs("SubAddr\0" || a || i || j) G`
//! otherwise ([`oxen_crypto::keys::get_subaddress`]). For each account (major index) the table
//! holds minors `0..minor_end`; it holds majors `0..major_end`. Finding an output at
//! `(i, j)` makes sure majors up to `i + lookahead.major` and, for major `i`, minors up to
//! `j + lookahead.minor` are present, so a wallet keeps seeing payments to the next subaddresses
//! it hands out.

use alloc::collections::BTreeMap;
use alloc::vec::Vec;

use oxen_crypto::{CompressedPoint, Point, PublicKey, SecretKey, get_subaddress_secret_key};

use crate::Error;

/// A subaddress index `(major, minor)`: account and address within it (reference
/// `cryptonote::subaddress_index`). `(0, 0)` is the main address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SubaddressIndex {
    /// Account index.
    pub major: u32,
    /// Address index within the account.
    pub minor: u32,
}

impl SubaddressIndex {
    /// The main address `(0, 0)`.
    pub const MAIN: SubaddressIndex = SubaddressIndex { major: 0, minor: 0 };

    /// `(major, minor)`.
    #[must_use]
    pub const fn new(major: u32, minor: u32) -> Self {
        Self { major, minor }
    }

    /// True for the main address `(0, 0)`.
    #[must_use]
    pub const fn is_main(&self) -> bool {
        self.major == 0 && self.minor == 0
    }
}

/// How far past the highest used index the table reaches (reference wallet2 defaults:
/// 50 accounts, 200 addresses per account).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Lookahead {
    /// Accounts past the highest used one.
    pub major: u32,
    /// Addresses past the highest used one, per account.
    pub minor: u32,
}

impl Default for Lookahead {
    fn default() -> Self {
        Self {
            major: 50,
            minor: 200,
        }
    }
}

/// The subaddress spend keys a wallet watches. Built from the view secret and the spend public
/// key; grows with [`SubaddressTable::observe`].
#[derive(Debug, Clone)]
pub struct SubaddressTable {
    spend_point: Point,
    lookahead: Lookahead,
    /// Minors present for each major (index = major).
    minor_end: Vec<u32>,
    map: BTreeMap<CompressedPoint, SubaddressIndex>,
}

impl SubaddressTable {
    /// The table for `(0..lookahead.major) x (0..lookahead.minor)` (at least the main address).
    ///
    /// # Errors
    /// A decoding error if the spend public key does not decode.
    pub fn new(
        spend_public: &PublicKey,
        view_secret: &SecretKey,
        lookahead: Lookahead,
    ) -> Result<Self, Error> {
        let mut t = Self {
            spend_point: spend_public.decompress()?,
            lookahead,
            minor_end: Vec::new(),
            map: BTreeMap::new(),
        };
        t.grow_to(
            view_secret,
            lookahead.major.max(1),
            lookahead.minor.max(1),
            None,
        );
        Ok(t)
    }

    /// The lookahead.
    #[must_use]
    pub const fn lookahead(&self) -> Lookahead {
        self.lookahead
    }

    /// Number of subaddresses in the table.
    #[must_use]
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True if the table is empty (never: the main address is always in it).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Majors `0..n` are in the table.
    #[must_use]
    pub fn major_end(&self) -> u32 {
        u32::try_from(self.minor_end.len()).unwrap_or(u32::MAX)
    }

    /// Minors `0..n` of `major` are in the table (0 if the major is not).
    #[must_use]
    pub fn minor_end(&self, major: u32) -> u32 {
        usize::try_from(major)
            .ok()
            .and_then(|m| self.minor_end.get(m).copied())
            .unwrap_or(0)
    }

    /// The index of a subaddress spend key, if the table holds it.
    #[must_use]
    pub fn lookup(&self, spend_key: &CompressedPoint) -> Option<SubaddressIndex> {
        self.map.get(spend_key).copied()
    }

    /// Extends the table after an output to `index` was found; returns whether it grew.
    pub fn observe(&mut self, view_secret: &SecretKey, index: SubaddressIndex) -> bool {
        let before = self.map.len();
        let majors = index
            .major
            .saturating_add(self.lookahead.major)
            .saturating_add(1);
        let minors = index
            .minor
            .saturating_add(self.lookahead.minor)
            .saturating_add(1);
        self.grow_to(
            view_secret,
            majors,
            self.lookahead.minor.max(1),
            Some((index.major, minors)),
        );
        self.map.len() != before
    }

    /// Makes majors `0..majors` present (new ones with `0..default_minors`), and for `extra =
    /// (major, minors)` minors `0..minors` of that major. Spend keys are computed, then encoded
    /// in one batch (one field inversion for all).
    fn grow_to(
        &mut self,
        view_secret: &SecretKey,
        majors: u32,
        default_minors: u32,
        extra: Option<(u32, u32)>,
    ) {
        let mut new: Vec<(SubaddressIndex, Point)> = Vec::new();
        let want = |this: &mut Self, major: u32, end: u32, new: &mut Vec<_>| {
            let Ok(slot) = usize::try_from(major) else {
                return;
            };
            while this.minor_end.len() <= slot {
                this.minor_end.push(0);
            }
            let Some(cur) = this.minor_end.get_mut(slot) else {
                return;
            };
            for minor in *cur..end {
                let idx = SubaddressIndex::new(major, minor);
                let d = if idx.is_main() {
                    this.spend_point
                } else {
                    let m = get_subaddress_secret_key(view_secret, major, minor);
                    this.spend_point + m.as_secret_scalar().mul_base()
                };
                new.push((idx, d));
            }
            *cur = (*cur).max(end);
        };
        for major in self.major_end()..majors {
            want(self, major, default_minors, &mut new);
        }
        if let Some((major, minors)) = extra {
            want(self, major, minors, &mut new);
        }
        let points: Vec<Point> = new.iter().map(|(_, p)| *p).collect();
        for ((idx, _), c) in new.iter().zip(Point::compress_batch(&points)) {
            self.map.insert(c, *idx);
        }
    }
}
