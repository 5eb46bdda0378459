//! A serving `pairs` process (`pairs --serve`) started by the report: one per build, so a
//! pair across builds alternates its rounds between two processes.

use std::io::BufReader;
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use super::PairError;
use super::protocol::Conn;
use super::rounds::Timer;

/// A running `pairs --serve` process and the connection to it.
pub struct Served {
    /// Which build it is (`main`, `avx2`, `main #2`), for the log.
    pub label: String,
    child: Child,
    conn: Conn<BufReader<ChildStdout>, ChildStdin>,
}

impl Served {
    /// Starts `exe --serve`, its stderr going to `stderr` (a log file, or null).
    ///
    /// # Errors
    /// [`PairError::Io`] when it cannot start.
    pub fn spawn(exe: &Path, label: &str, stderr: Stdio) -> Result<Self, PairError> {
        let mut child = Command::new(exe)
            .arg("--serve")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .map_err(|e| PairError::Io(format!("{}: {e}", exe.display())))?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(PairError::Io("no pipes to the pairs process".to_owned()));
        };
        Ok(Served {
            label: label.to_owned(),
            child,
            conn: Conn::new(BufReader::new(stdout), stdin),
        })
    }

    /// The process id (to count its CPU time beside the machine's).
    #[must_use]
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The connection (list, backend, stray lines).
    pub fn conn(&mut self) -> &mut Conn<BufReader<ChildStdout>, ChildStdin> {
        &mut self.conn
    }
}

impl Timer for Served {
    fn time(&mut self, bench: &str, iters: u64) -> Result<f64, PairError> {
        self.conn.time(bench, iters)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        if self.conn.quit().is_err() {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}
