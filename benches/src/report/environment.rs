//! What the report says about the machine and the build: CPU, the curve25519-dalek backend
//! this binary was built for and the CPU runs, the date.

/// What the report says about the machine and build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Environment {
    /// CPU model from `/proc/cpuinfo`.
    pub cpu: String,
    /// Logical CPUs available.
    pub cpus: usize,
    /// curve25519-dalek 5 backend in use by oxen-rs, with how it was chosen.
    pub dalek_backend: String,
    /// When the report was written (UTC, `YYYY-MM-DD HH:MM`).
    pub date: String,
    /// How the measurements were taken (`quick` or `full` criterion settings, or `existing`).
    pub mode: String,
    /// The backend the AVX2 build's bench binaries reported, when that build ran.
    pub avx2_backend: Option<String>,
}

impl Environment {
    /// Describes this machine and this build.
    #[must_use]
    pub fn detect(mode: &str) -> Self {
        Environment {
            cpu: cpu_model(),
            cpus: std::thread::available_parallelism().map_or(1, usize::from),
            dalek_backend: dalek_backend(),
            date: utc_now(),
            mode: mode.to_owned(),
            avx2_backend: None,
        }
    }
}

/// The `model name` line of `/proc/cpuinfo`, or `unknown`.
#[must_use]
pub fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".to_owned())
}

/// The environment variable that replaces the detected backend in every backend line (for
/// testing the report's paths on any machine: `OXEN_BENCH_BACKEND=AVX2` makes an IFMA machine
/// report as one without IFMA, so the backend split is not measured). The line then says it
/// was overridden and what was detected; the code that runs is unchanged.
pub const BACKEND_OVERRIDE_ENV: &str = "OXEN_BENCH_BACKEND";

/// The curve25519-dalek 5 field backend that runs here: the build-time
/// `curve25519_dalek_backend` cfg (set in `.cargo/config.toml`) combined with the CPU's
/// features, as dalek selects at run time; or the [`BACKEND_OVERRIDE_ENV`] override.
#[must_use]
pub fn dalek_backend() -> String {
    with_override(
        detected_backend(),
        std::env::var(BACKEND_OVERRIDE_ENV).ok().as_deref(),
    )
}

/// `detected`, or the override (when set and not blank) marked as such.
#[must_use]
pub fn with_override(detected: String, over: Option<&str>) -> String {
    match over.map(str::trim).filter(|o| !o.is_empty()) {
        Some(o) => format!("{o} (overridden by {BACKEND_OVERRIDE_ENV}; detected: {detected})"),
        None => detected,
    }
}

/// The backend detected from the build cfg and the CPU (see [`dalek_backend`]).
#[must_use]
pub fn detected_backend() -> String {
    let build = if cfg!(curve25519_dalek_backend = "avx512") {
        "avx512"
    } else if cfg!(curve25519_dalek_backend = "simd") {
        "simd"
    } else if cfg!(curve25519_dalek_backend = "serial") {
        "serial"
    } else if cfg!(curve25519_dalek_backend = "fiat") {
        "fiat"
    } else {
        "default"
    };
    let (ifma, avx2) = cpu_simd();
    let simd_build = cfg!(target_arch = "x86_64")
        && cfg!(target_pointer_width = "64")
        && matches!(build, "avx512" | "simd" | "default");
    let running = if build == "avx512" && ifma && simd_build {
        "AVX-512 IFMA"
    } else if build == "default"
        && cfg!(all(
            target_feature = "avx512ifma",
            target_feature = "avx512vl"
        ))
    {
        "AVX-512 IFMA (compile-time target features)"
    } else if simd_build && avx2 {
        "AVX2"
    } else if build == "fiat" {
        "fiat-crypto (serial)"
    } else {
        "serial"
    };
    format!(
        "{running} (build cfg curve25519_dalek_backend = {build}; CPU: avx512ifma+avx512vl {}, avx2 {})",
        yes_no(ifma),
        yes_no(avx2)
    )
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

#[cfg(target_arch = "x86_64")]
fn cpu_simd() -> (bool, bool) {
    (
        std::arch::is_x86_feature_detected!("avx512ifma")
            && std::arch::is_x86_feature_detected!("avx512vl"),
        std::arch::is_x86_feature_detected!("avx2"),
    )
}

#[cfg(not(target_arch = "x86_64"))]
fn cpu_simd() -> (bool, bool) {
    (false, false)
}

/// Now, UTC, as `YYYY-MM-DD HH:MM`.
#[must_use]
pub fn utc_now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    format_utc(secs)
}

/// Seconds since the Unix epoch as `YYYY-MM-DD HH:MM` (UTC, proleptic Gregorian).
#[must_use]
pub fn format_utc(secs: u64) -> String {
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rem = secs % 86_400;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}",
        rem / 3600,
        rem % 3600 / 60
    )
}
