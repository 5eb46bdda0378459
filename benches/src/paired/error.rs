//! Why a paired measurement failed.

/// Why a paired measurement failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PairError {
    /// No registered benchmark has this id (`operation/implementation`).
    UnknownBenchmark(String),
    /// A registered name is empty or holds whitespace (names travel in a line protocol).
    InvalidName(String),
    /// Two groups or two routines claim the same benchmark id.
    Duplicate(String),
    /// A group's setup did not provide a routine for a benchmark the registry's pairs name.
    Missing(String),
    /// A timing came back zero, negative or not finite.
    BadTiming(String),
    /// A serving process sent something that is not the protocol.
    Protocol(String),
    /// Starting or talking to a serving process failed (the I/O error's text).
    Io(String),
    /// A serving process answered with an error.
    Remote(String),
}

impl std::fmt::Display for PairError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PairError::UnknownBenchmark(id) => write!(f, "no paired benchmark {id:?}"),
            PairError::InvalidName(n) => write!(f, "invalid benchmark name {n:?}"),
            PairError::Duplicate(id) => write!(f, "benchmark {id:?} registered twice"),
            PairError::Missing(id) => write!(f, "no routine for benchmark {id:?}"),
            PairError::BadTiming(id) => write!(f, "{id}: the timing is not a positive number"),
            PairError::Protocol(l) => write!(f, "unexpected line from a pairs process: {l:?}"),
            PairError::Io(e) => write!(f, "pairs process: {e}"),
            PairError::Remote(e) => write!(f, "pairs process reported: {e}"),
        }
    }
}

impl std::error::Error for PairError {}

impl From<std::io::Error> for PairError {
    fn from(e: std::io::Error) -> Self {
        PairError::Io(e.to_string())
    }
}
