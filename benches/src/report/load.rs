//! What else the machine ran while a paired pass measured.
//!
//! Pairing cancels drift that both sides of a pair share, but not work on the other logical
//! CPU: on this 2-vCPU machine a busy sibling slows a routine with a large working set more
//! than a small one (2026-12-07, `bp_verify_1x64` oxen vs monero-bulletproofs, the same binary:
//! 0.466× and 0.465× with the second CPU idle, 0.469×, 0.420× and 0.460× with a fuzzer on it;
//! monero-bulletproofs peaks at 540 KiB of heap, ours at 109 KiB). So the pass records how
//! many CPUs' worth of other work ran beside it, and the report prints it.
//!
//! Linux only (`/proc/stat` and `/proc/<pid>/stat`); elsewhere the figure is `None`.
//!
//! ```text
//! other = (machine busy ticks − ticks of this process and its measuring children) / (HZ · wall)
//! ```

use std::time::Instant;

/// Clock ticks per second of `/proc` CPU times (`USER_HZ`: 100 on every Linux architecture
/// Rust targets).
pub const USER_HZ: f64 = 100.0;
/// Above this many CPUs of other work the pass is not called quiet.
pub const QUIET_BELOW: f64 = 0.10;

/// Busy ticks of the whole machine: the `cpu` line of `/proc/stat` (user, nice, system, irq,
/// softirq, steal; not idle or iowait).
#[must_use]
pub fn parse_machine_busy(proc_stat: &str) -> Option<u64> {
    let line = proc_stat.lines().find(|l| l.starts_with("cpu "))?;
    let f: Vec<u64> = line
        .split_whitespace()
        .skip(1)
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    // user nice system idle iowait irq softirq steal ...
    let pick = |i: usize| f.get(i).copied();
    Some(pick(0)? + pick(1)? + pick(2)? + pick(5)? + pick(6)? + pick(7).unwrap_or(0))
}

/// User + system ticks of one process from its `/proc/<pid>/stat` line (fields 14 and 15,
/// counted after the parenthesised command name, which may hold spaces).
#[must_use]
pub fn parse_process_ticks(stat: &str) -> Option<u64> {
    let (_, rest) = stat.rsplit_once(')')?;
    let f: Vec<&str> = rest.split_whitespace().collect();
    // after ")": state(3) ppid(4) ... utime(14) stime(15) → indices 11 and 12
    let utime: u64 = f.get(11)?.parse().ok()?;
    let stime: u64 = f.get(12)?.parse().ok()?;
    Some(utime + stime)
}

fn machine_busy() -> Option<u64> {
    parse_machine_busy(&std::fs::read_to_string("/proc/stat").ok()?)
}

fn process_ticks(pid: u32) -> Option<u64> {
    parse_process_ticks(&std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?)
}

/// CPUs of other work, from the two counters' increases over `seconds` of wall time (never
/// below zero: the two counters are read a few microseconds apart, so ours may exceed the
/// machine's by a tick; the subtraction saturates).
#[must_use]
pub fn other_cpus(machine_ticks: u64, own_ticks: u64, seconds: f64) -> Option<f64> {
    if seconds <= 0.0 {
        return None;
    }
    #[allow(clippy::cast_precision_loss)]
    let ticks = machine_ticks.saturating_sub(own_ticks) as f64;
    Some(ticks / USER_HZ / seconds)
}

/// A reading taken when measuring starts.
#[derive(Debug, Clone)]
pub struct LoadProbe {
    at: Instant,
    machine: Option<u64>,
    own: Option<u64>,
}

fn own_ticks(pids: &[u32]) -> Option<u64> {
    let mut t = process_ticks(std::process::id())?;
    for &p in pids {
        t += process_ticks(p)?;
    }
    Some(t)
}

impl LoadProbe {
    /// Reads the counters now; `pids` are the measuring child processes.
    #[must_use]
    pub fn start(pids: &[u32]) -> Self {
        LoadProbe {
            at: Instant::now(),
            machine: machine_busy(),
            own: own_ticks(pids),
        }
    }

    /// CPUs of other work since [`LoadProbe::start`] (the same `pids`, still running).
    #[must_use]
    pub fn other_cpus(&self, pids: &[u32]) -> Option<f64> {
        let machine = machine_busy()?.checked_sub(self.machine?)?;
        let own = own_ticks(pids)?.checked_sub(self.own?)?;
        other_cpus(machine, own, self.at.elapsed().as_secs_f64())
    }
}

/// One line for the report: the figure and whether the pass was quiet.
#[must_use]
pub fn describe(other: Option<f64>) -> String {
    match other {
        Some(c) if c < QUIET_BELOW => format!(
            "other work on the machine during the pass: {c:.2} CPUs (quiet: below {QUIET_BELOW:.2})"
        ),
        Some(c) => format!(
            "other work on the machine during the pass: {c:.2} CPUs; ratios of routines with \
             large working sets move with it (BENCHMARKS.md, bp_verify_1x64): compare runs \
             measured on a quiet machine"
        ),
        None => "other work on the machine during the pass: not measured (no /proc)".to_owned(),
    }
}
