//! How the report writes times, byte counts and ratios.

/// A duration in nanoseconds with three significant digits and a unit (`1.23 ms`).
#[must_use]
pub fn format_time(ns: f64) -> String {
    let (v, unit) = if ns < 1e3 {
        (ns, "ns")
    } else if ns < 1e6 {
        (ns / 1e3, "µs")
    } else if ns < 1e9 {
        (ns / 1e6, "ms")
    } else {
        (ns / 1e9, "s")
    };
    format!("{} {unit}", three_digits(v))
}

fn three_digits(v: f64) -> String {
    let digits = if v >= 100.0 {
        0
    } else if v >= 10.0 {
        1
    } else {
        2
    };
    format!("{v:.digits$}")
}

/// A byte count with a binary unit (`512 B`, `3.25 KiB`, `1.50 MiB`).
#[must_use]
pub fn format_bytes(bytes: u64) -> String {
    #[allow(clippy::cast_precision_loss)]
    let b = bytes as f64;
    if b < 1024.0 {
        format!("{bytes} B")
    } else if b < 1024.0 * 1024.0 {
        format!("{} KiB", three_digits(b / 1024.0))
    } else {
        format!("{} MiB", three_digits(b / (1024.0 * 1024.0)))
    }
}

/// A ratio as `0.75×`.
#[must_use]
pub fn format_ratio(r: f64) -> String {
    format!("{}×", three_digits(r))
}

/// A ratio with three significant digits: `0.233×`, `1.02×`, `12.3×`.
#[must_use]
pub fn format_ratio3(r: f64) -> String {
    let a = r.abs();
    let digits = if a >= 100.0 {
        0
    } else if a >= 10.0 {
        1
    } else if a >= 1.0 {
        2
    } else if a >= 0.1 {
        3
    } else {
        4
    };
    format!("{r:.digits$}×")
}

/// `[low, high]` with three significant digits.
#[must_use]
pub fn format_interval(low: f64, high: f64) -> String {
    let t = |v: f64| format_ratio3(v).trim_end_matches('×').to_owned();
    format!("[{}, {}]", t(low), t(high))
}

/// A noise reach as `±0.8%`.
#[must_use]
pub fn format_noise(n: f64) -> String {
    format!("±{:.1}%", n * 100.0)
}
