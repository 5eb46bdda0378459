//! The paired ratios as Markdown: the A/A control and the noise it shows, the headline and
//! other ratios with their 95% intervals and verdicts, the backend split (or the line saying
//! why it was not measured), and two runs side by side.

use std::fmt::Write as _;

use super::format::{format_interval, format_noise, format_ratio3, format_time};
use super::pairs::{JobKind, Outcome, PairsReport, Split};
use crate::paired::stats::{Verdict, noise};

/// The compact cell of a paired ratio: `0.233× [0.230, 0.236]`, with ` ≈` appended when it is
/// no measurable difference; `—` without a result.
#[must_use]
pub fn ratio_cell(report: &PairsReport, o: Option<&Outcome>) -> String {
    let Some((o, s)) = o.and_then(|o| o.summary.map(|s| (o, s))) else {
        return "—".to_owned();
    };
    let mark = if report.verdict(o) == Some(Verdict::NoMeasurableDifference) {
        " ≈"
    } else {
        ""
    };
    format!(
        "{} {}{mark}",
        format_ratio3(s.ratio.estimate),
        format_interval(s.ratio.low, s.ratio.high)
    )
}

const HEADER: &str = "| operation | a vs b | a / b | 95% interval | verdict | rounds × iterations (a, b) | a per call | b per call |\n\
|---|---|---:|---|---|---:|---:|---:|\n";

fn sides(o: &Outcome) -> String {
    let s = &o.job.spec;
    match o.job.kind {
        JobKind::Control => format!("{} vs itself (A/A control)", s.a),
        JobKind::CrossControl => format!("{} vs itself in a 2nd process (A/A control)", s.a),
        JobKind::Backend => format!("{} IFMA build vs AVX2 build", s.a),
        JobKind::Code => format!("{} vs {} (both AVX2 build)", s.a, s.b),
        JobKind::Pair => format!("{} vs {}", s.a, s.b),
    }
}

fn line(report: &PairsReport, o: &Outcome) -> String {
    let op = &o.job.spec.operation;
    let Some(s) = o.summary else {
        let why = o.error.as_deref().unwrap_or("no result");
        return format!(
            "| {op} | {} | — | — | failed: {why} | — | — | — |\n",
            sides(o)
        );
    };
    let verdict = match o.job.kind {
        JobKind::Control | JobKind::CrossControl => {
            format!("noise {}", format_noise(noise(&s.ratio)))
        }
        _ => report
            .verdict(o)
            .map_or_else(|| "— (no A/A control)".to_owned(), |v| v.text().to_owned()),
    };
    let iters = o.rounds.as_ref().map_or_else(String::new, |r| {
        format!("{} × ({}, {})", s.rounds, r.iters_a, r.iters_b)
    });
    format!(
        "| {op} | {} | {} | {} | {verdict} | {iters} | {} | {} |\n",
        sides(o),
        format_ratio3(s.ratio.estimate),
        format_interval(s.ratio.low, s.ratio.high),
        format_time(s.a_ns),
        format_time(s.b_ns),
    )
}

fn table<'a>(report: &PairsReport, rows: impl Iterator<Item = &'a Outcome>) -> String {
    let mut s = String::from(HEADER);
    for o in rows {
        s.push_str(&line(report, o));
    }
    s
}

/// The paired section of a report: method and noise, the control and headline ratios, the
/// other ratios, and the backend split.
#[must_use]
pub fn markdown_pairs(r: &PairsReport) -> String {
    let st = &r.settings;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Every ratio below is `a time / b time` (below 1: `a` is faster), measured in pairs: the \
         two sides alternate in rounds of about {} ms each (the order drawn at random every \
         round), the ratio is the median of the per-round ratios and the interval its bootstrap \
         95% interval. {} rounds per pair after {} warm-up rounds; {} for this pass.",
        st.side_target.as_millis(),
        if st.min_rounds >= st.max_rounds {
            st.max_rounds.to_string()
        } else {
            format!("{}–{}", st.min_rounds, st.max_rounds)
        },
        st.warmup_rounds,
        super::run::format_duration(std::time::Duration::from_secs_f64(r.seconds.max(0.0)))
    );
    let _ = writeln!(s, "\n- machine: {}; {}", r.cpu, r.date);
    let _ = writeln!(s, "- {}", super::load::describe(r.other_cpus));
    let spread = r
        .outcomes
        .iter()
        .filter_map(|o| o.rounds.as_ref().map(|x| x.processes.len()))
        .max()
        .unwrap_or(0);
    if spread > 1 {
        let _ = writeln!(
            s,
            "- headline pairs within the main build: rounds spread over {spread} fresh processes \
             of it (a routine's speed can depend on its process); their ratio is the mean of the \
             processes' medians, the interval a two-level bootstrap (processes, then rounds)"
        );
    }
    let _ = writeln!(
        s,
        "- main build (every ratio unless marked): {}",
        r.main_backend
    );
    if let Some(o) = &r.other_backend {
        let _ = writeln!(s, "- AVX2 build: {o}");
    }
    match r.noise() {
        Some(n) => {
            let _ = writeln!(
                s,
                "- A/A control (first and last): noise {}; a ratio whose interval overlaps \
                 1 {} is \"no measurable difference\" (≈ in the tables)",
                format_noise(n),
                format_noise(n)
            );
        }
        None => {
            let _ = writeln!(s, "- A/A control: not measured, so no verdicts");
        }
    }
    let headline = r.outcomes.iter().filter(|o| {
        o.job.kind == JobKind::Control || (o.job.kind == JobKind::Pair && o.job.spec.headline)
    });
    let _ = writeln!(s, "\n### Headline ratios\n");
    s.push_str(&table(r, headline));
    let others: Vec<&Outcome> = r
        .outcomes
        .iter()
        .filter(|o| o.job.kind == JobKind::Pair && !o.job.spec.headline)
        .collect();
    if !others.is_empty() {
        let _ = writeln!(s, "\n### Other paired ratios\n");
        s.push_str(&table(r, others.into_iter()));
    }
    let _ = writeln!(s, "\n### Backend split\n");
    s.push_str(&markdown_split(r));
    s
}

/// The backend split: per `split` pair the ratio in the main build, the backend alone (main
/// build against AVX2 build, same routine, alternating processes) and the code alone (both
/// sides in the AVX2 build), each with its interval; or the one line saying why not.
#[must_use]
pub fn markdown_split(r: &PairsReport) -> String {
    if let Split::NotMeasured(why) = &r.split {
        return format!("{why}\n");
    }
    let mut s = String::new();
    let _ = writeln!(
        s,
        "`a / b` = backend × code: the backend factor is our routine in the IFMA build against \
         the same routine in the AVX2 build (two processes, alternating round by round; judged \
         against the A/A control across two processes), the code factor both sides in the AVX2 \
         build.\n"
    );
    s.push_str("| operation | a vs b | a / b (main build) | backend: IFMA / AVX2 | code: a / b, both AVX2 |\n|---|---|---|---|---|\n");
    if let Some(c) = r
        .outcomes
        .iter()
        .find(|o| o.job.kind == JobKind::CrossControl)
    {
        let _ = writeln!(
            s,
            "| {} | A/A across processes | — | {} | — |",
            c.job.spec.operation,
            ratio_cell(r, Some(c))
        );
    }
    for code in r.outcomes.iter().filter(|o| o.job.kind == JobKind::Code) {
        let p = &code.job.spec;
        let main = r.find(JobKind::Pair, &p.operation, &p.a, &p.b);
        let backend = r
            .outcomes
            .iter()
            .find(|o| o.job.kind == JobKind::Backend && o.job.a.1 == p.a_id());
        let _ = writeln!(
            s,
            "| {} | {} vs {} | {} | {} | {} |",
            p.operation,
            p.a,
            p.b,
            ratio_cell(r, main),
            ratio_cell(r, backend),
            ratio_cell(r, Some(code))
        );
    }
    s
}

/// Two or more runs side by side: every ratio of the first run with the same ratio in the
/// others, the change from the first, and whether the headline ratios stayed within ±5% and
/// the A/A intervals within 0.95–1.05 (the reproducibility check).
#[must_use]
pub fn markdown_compare(runs: &[PairsReport]) -> String {
    let Some(first) = runs.first() else {
        return String::new();
    };
    let mut s = String::from("| operation | a vs b | headline |");
    for i in 1..=runs.len() {
        let _ = write!(s, " run {i} |");
    }
    s.push_str(" largest change from run 1 | check |\n|---|---|---|");
    s.push_str(&"---:|".repeat(runs.len()));
    s.push_str("---:|---|\n");
    let (mut failed, mut checked) = (0usize, 0usize);
    for o in &first.outcomes {
        let same: Vec<Option<&Outcome>> = runs
            .iter()
            .map(|r| {
                r.outcomes
                    .iter()
                    .filter(|x| {
                        x.job.kind == o.job.kind && x.job.a == o.job.a && x.job.b == o.job.b
                    })
                    .nth(nth_of(first, o))
            })
            .collect();
        let estimates: Vec<Option<f64>> = same
            .iter()
            .map(|x| x.and_then(|x| x.summary.map(|s| s.ratio.estimate)))
            .collect();
        let base = estimates.first().copied().flatten();
        let change = estimates
            .iter()
            .skip(1)
            .filter_map(|e| Some((e.as_ref()? / base?) - 1.0))
            .reduce(|a, b| if a.abs() >= b.abs() { a } else { b });
        let is_control = matches!(o.job.kind, JobKind::Control | JobKind::CrossControl);
        let headline = o.job.kind == JobKind::Pair && o.job.spec.headline;
        let check = if is_control {
            checked += 1;
            let ok = same.iter().all(|x| {
                x.and_then(|x| x.summary)
                    .is_some_and(|s| s.ratio.within(0.95, 1.05))
            });
            failed += usize::from(!ok);
            if ok {
                "A/A within 0.95–1.05"
            } else {
                "A/A outside 0.95–1.05"
            }
        } else if headline {
            checked += 1;
            let ok =
                change.is_some_and(|c| c.abs() <= 0.05) && estimates.iter().all(Option::is_some);
            failed += usize::from(!ok);
            if ok { "within ±5%" } else { "outside ±5%" }
        } else {
            ""
        };
        let _ = write!(
            s,
            "| {} | {} | {} |",
            o.job.spec.operation,
            sides(o),
            if headline { "yes" } else { "" }
        );
        for (r, x) in runs.iter().zip(&same) {
            let _ = write!(s, " {} |", ratio_cell(r, *x));
        }
        let change = change.map_or_else(|| "—".to_owned(), |c| format!("{:+.1}%", c * 100.0));
        let _ = writeln!(s, " {change} | {check} |");
    }
    let _ = writeln!(
        s,
        "\n{} of {checked} checks passed (headline ratios within ±5% of run 1, A/A intervals \
         within 0.95–1.05).",
        checked - failed
    );
    for (i, r) in runs.iter().enumerate() {
        if let Some(c) = r.other_cpus.filter(|c| *c >= super::load::QUIET_BELOW) {
            let _ = writeln!(
                s,
                "\nRun {} measured beside {c:.2} CPUs of other work: a ratio that moved between \
                 runs may be that work, not the code (`load` in the report's sources).",
                i + 1
            );
        }
    }
    s
}

/// Which occurrence of its job `o` is in `r` (the A/A control runs twice).
fn nth_of(r: &PairsReport, o: &Outcome) -> usize {
    r.outcomes
        .iter()
        .take_while(|x| !std::ptr::eq(*x, o))
        .filter(|x| x.job.kind == o.job.kind && x.job.a == o.job.a && x.job.b == o.job.b)
        .count()
}
