//! The line protocol between the report and a serving `pairs` process (`pairs --serve`), so
//! the report can alternate rounds between two processes (two builds) while each process
//! times its own routines.
//!
//! Requests, one per line: `list`, `backend`, `time <bench> <iterations>`, `quit`. Every reply
//! line starts with [`PREFIX`] (anything else a routine's setup prints to stdout is passed
//! over and logged): `oxen-pairs pair <operation> <a> <b> <flags>` per pair then `oxen-pairs
//! end` for `list` (flags: `headline`, `split`, `control` joined by commas, or `-`),
//! `oxen-pairs backend <text>`, `oxen-pairs ok <nanoseconds>`, `oxen-pairs error <message>`.

use std::io::{BufRead, Write};

use super::PairError;
use super::registry::{PairSpec, Registry};
use super::rounds::Timer;

/// Prefix of every reply line.
pub const PREFIX: &str = "oxen-pairs";

/// A request to a serving process.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    /// The registered pairs.
    List,
    /// The curve backend the process runs.
    Backend,
    /// Time `iterations` runs of a benchmark.
    Time(String, u64),
    /// End the session.
    Quit,
}

/// A reply line.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// One registered pair (in answer to `list`).
    Pair(PairSpec),
    /// End of the pair list.
    End,
    /// The backend line.
    Backend(String),
    /// Elapsed nanoseconds.
    Ok(f64),
    /// The request failed.
    Error(String),
}

impl Request {
    /// The request's line (no newline).
    #[must_use]
    pub fn to_line(&self) -> String {
        match self {
            Request::List => "list".to_owned(),
            Request::Backend => "backend".to_owned(),
            Request::Time(bench, n) => format!("time {bench} {n}"),
            Request::Quit => "quit".to_owned(),
        }
    }

    /// Parses a request line.
    #[must_use]
    pub fn parse(line: &str) -> Option<Request> {
        let mut w = line.split_whitespace();
        let r = match w.next()? {
            "list" => Request::List,
            "backend" => Request::Backend,
            "quit" => Request::Quit,
            "time" => Request::Time(w.next()?.to_owned(), w.next()?.parse().ok()?),
            _ => return None,
        };
        w.next().is_none().then_some(r)
    }
}

impl Reply {
    /// The reply's line (no newline).
    #[must_use]
    pub fn to_line(&self) -> String {
        match self {
            Reply::Pair(p) => {
                let flags: Vec<&str> = [
                    (p.headline, "headline"),
                    (p.split, "split"),
                    (p.control, "control"),
                ]
                .iter()
                .filter_map(|&(on, name)| on.then_some(name))
                .collect();
                let flags = if flags.is_empty() {
                    "-".to_owned()
                } else {
                    flags.join(",")
                };
                format!("{PREFIX} pair {} {} {} {flags}", p.operation, p.a, p.b)
            }
            Reply::End => format!("{PREFIX} end"),
            Reply::Backend(b) => format!("{PREFIX} backend {b}"),
            Reply::Ok(ns) => format!("{PREFIX} ok {ns}"),
            Reply::Error(e) => format!("{PREFIX} error {}", e.replace('\n', " ")),
        }
    }

    /// Parses a reply line; None for a line that is not one (no prefix, or malformed).
    #[must_use]
    pub fn parse(line: &str) -> Option<Reply> {
        let rest = line.strip_prefix(PREFIX)?.strip_prefix(' ')?;
        let (word, tail) = rest.split_once(' ').unwrap_or((rest, ""));
        match word {
            "end" if tail.is_empty() => Some(Reply::End),
            "backend" => Some(Reply::Backend(tail.to_owned())),
            "error" => Some(Reply::Error(tail.to_owned())),
            "ok" => tail.parse().ok().map(Reply::Ok),
            "pair" => {
                let f: Vec<&str> = tail.split(' ').collect();
                let [op, a, b, flags] = f.as_slice() else {
                    return None;
                };
                let mut spec = PairSpec::new(op, a, b);
                for flag in flags.split(',') {
                    match flag {
                        "headline" => spec.headline = true,
                        "split" => spec.split = true,
                        "control" => spec.control = true,
                        "-" => {}
                        _ => return None,
                    }
                }
                Some(Reply::Pair(spec))
            }
            _ => None,
        }
    }
}

/// Serves requests from `input` until `quit` or end of input, answering on `output`: the
/// `pairs` binary's `--serve` mode. `backend` is the line reported for `backend`.
///
/// # Errors
/// An I/O error on either stream.
pub fn serve(
    registry: &mut Registry,
    backend: &str,
    input: impl BufRead,
    mut output: impl Write,
) -> std::io::Result<()> {
    for line in input.lines() {
        let line = line?;
        let replies = match Request::parse(&line) {
            Some(Request::Quit) => break,
            Some(Request::List) => registry
                .pairs()
                .iter()
                .cloned()
                .map(Reply::Pair)
                .chain([Reply::End])
                .collect(),
            Some(Request::Backend) => vec![Reply::Backend(backend.to_owned())],
            Some(Request::Time(bench, n)) => vec![match registry.time(&bench, n) {
                Ok(ns) => Reply::Ok(ns),
                Err(e) => Reply::Error(e.to_string()),
            }],
            None => vec![Reply::Error(format!("unknown request {line:?}"))],
        };
        for r in replies {
            writeln!(output, "{}", r.to_line())?;
        }
        output.flush()?;
    }
    Ok(())
}

/// The report's end of the protocol over any pair of streams; lines without the prefix are
/// kept in [`Conn::stray`].
pub struct Conn<R, W> {
    reader: R,
    writer: W,
    /// Lines the process printed that were not replies (setup output), for the log.
    pub stray: Vec<String>,
}

impl<R: BufRead, W: Write> Conn<R, W> {
    /// A connection reading replies from `reader` and writing requests to `writer`.
    pub fn new(reader: R, writer: W) -> Self {
        Conn {
            reader,
            writer,
            stray: Vec::new(),
        }
    }

    /// Sends a request.
    ///
    /// # Errors
    /// [`PairError::Io`].
    pub fn send(&mut self, r: &Request) -> Result<(), PairError> {
        writeln!(self.writer, "{}", r.to_line())?;
        self.writer.flush()?;
        Ok(())
    }

    /// The next reply line (stray lines are kept aside).
    ///
    /// # Errors
    /// [`PairError::Io`] at end of stream, [`PairError::Protocol`] for a prefixed line that
    /// does not parse.
    pub fn reply(&mut self) -> Result<Reply, PairError> {
        loop {
            let mut line = String::new();
            if self.reader.read_line(&mut line)? == 0 {
                return Err(PairError::Io("the process closed its output".to_owned()));
            }
            let line = line.trim_end_matches(['\n', '\r']);
            if line.starts_with(PREFIX) {
                return Reply::parse(line).ok_or_else(|| PairError::Protocol(line.to_owned()));
            }
            self.stray.push(line.to_owned());
        }
    }

    /// The registered pairs.
    ///
    /// # Errors
    /// As [`Conn::reply`], or [`PairError::Protocol`] for an unexpected reply.
    pub fn list(&mut self) -> Result<Vec<PairSpec>, PairError> {
        self.send(&Request::List)?;
        let mut out = Vec::new();
        loop {
            match self.reply()? {
                Reply::Pair(p) => out.push(p),
                Reply::End => return Ok(out),
                Reply::Error(e) => return Err(PairError::Remote(e)),
                other => return Err(PairError::Protocol(other.to_line())),
            }
        }
    }

    /// The backend line.
    ///
    /// # Errors
    /// As [`Conn::list`].
    pub fn backend(&mut self) -> Result<String, PairError> {
        self.send(&Request::Backend)?;
        match self.reply()? {
            Reply::Backend(b) => Ok(b),
            Reply::Error(e) => Err(PairError::Remote(e)),
            other => Err(PairError::Protocol(other.to_line())),
        }
    }

    /// Asks the process to end.
    ///
    /// # Errors
    /// [`PairError::Io`].
    pub fn quit(&mut self) -> Result<(), PairError> {
        self.send(&Request::Quit)
    }
}

impl<R: BufRead, W: Write> Timer for Conn<R, W> {
    fn time(&mut self, bench: &str, iters: u64) -> Result<f64, PairError> {
        self.send(&Request::Time(bench.to_owned(), iters))?;
        match self.reply()? {
            Reply::Ok(ns) => Ok(ns),
            Reply::Error(e) => Err(PairError::Remote(e)),
            other => Err(PairError::Protocol(other.to_line())),
        }
    }
}
