//! Why a report could not be built.

use std::path::PathBuf;

/// Why the report could not be built.
#[derive(Debug)]
pub enum ReportError {
    /// Reading a file or directory failed.
    Io(PathBuf, std::io::Error),
    /// A criterion JSON file did not parse.
    Json(PathBuf, serde_json::Error),
    /// The criterion directory holds no estimates at all.
    NoEstimates(PathBuf),
    /// Drawing the chart failed.
    Plot(String),
}

impl std::fmt::Display for ReportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReportError::Io(p, e) => write!(f, "{}: {e}", p.display()),
            ReportError::Json(p, e) => write!(f, "{}: invalid criterion JSON: {e}", p.display()),
            ReportError::NoEstimates(p) => write!(
                f,
                "{}: no criterion estimates (run `cargo bench -p oxen-benches` first)",
                p.display()
            ),
            ReportError::Plot(e) => write!(f, "drawing the chart: {e}"),
        }
    }
}

impl std::error::Error for ReportError {}
