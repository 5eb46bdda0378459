//! Where the tour's lines go. The tour speaks ([`Voice::LOUD`]: every step prints what it did,
//! its size and its time); a benchmark runs the very same steps silently ([`Voice::QUIET`]), so
//! the number it measures is the tour's path and not a copy of it.

/// Whether a step prints its lines. Checked before a line's arguments are evaluated (the
/// `say!` macro), so a quiet run does no formatting at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Voice {
    loud: bool,
}

impl Voice {
    /// Every line printed to standard output (the tour).
    pub const LOUD: Voice = Voice { loud: true };
    /// Nothing printed, nothing formatted (a benchmark of the same steps).
    pub const QUIET: Voice = Voice { loud: false };

    /// Whether lines are printed.
    pub fn is_loud(self) -> bool {
        self.loud
    }
}
