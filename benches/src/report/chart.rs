//! The ratio bar chart (`ratios.svg`): every paired ratio of the main build as a horizontal
//! bar on a log axis starting at 1, with its 95% interval as a whisker.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::FLOOR;
use super::ReportError;
use super::format::format_ratio;
use super::pairs::{JobKind, PairsReport};

/// One bar of the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// `operation vs other`.
    pub label: String,
    /// `a / b`, the median of the per-round ratios.
    pub ratio: f64,
    /// The 95% interval.
    pub low: f64,
    /// The 95% interval.
    pub high: f64,
    /// Whether `other` is the floor (drawn grey) or a peer.
    pub is_floor: bool,
}

/// The bars of the chart: every measured pair of the main build (not the controls), in the
/// order measured.
#[must_use]
pub fn bars(pairs: &PairsReport) -> Vec<Bar> {
    pairs
        .outcomes
        .iter()
        .filter(|o| o.job.kind == JobKind::Pair)
        .filter_map(|o| {
            let s = o.summary?;
            (s.ratio.estimate > 0.0 && s.ratio.low > 0.0).then(|| Bar {
                label: format!("{} vs {}", o.job.spec.operation, o.job.spec.b),
                ratio: s.ratio.estimate,
                low: s.ratio.low,
                high: s.ratio.high,
                is_floor: o.job.spec.b == FLOOR,
            })
        })
        .collect()
}

const ROW_H: u32 = 28;
const TOP: u32 = 78;
const BOTTOM: u32 = 56;
const LABEL_W: u32 = 420;
const WIDTH: u32 = 1200;
const RIGHT: u32 = 90;

/// Draws the bars as an SVG document: horizontal bars on a log axis, starting at ratio 1
/// (left of the line: oxen-rs faster), each labelled with its operation, peer and ratio.
///
/// # Errors
/// [`ReportError::Plot`] if plotters fails.
pub fn render_svg(bars: &[Bar], title: &str) -> Result<String, ReportError> {
    let n = u32::try_from(bars.len().max(1)).unwrap_or(u32::MAX / ROW_H);
    let height = TOP + BOTTOM + ROW_H * n;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        draw(&root, bars, title, height).map_err(|e| ReportError::Plot(e.to_string()))?;
        root.present()
            .map_err(|e| ReportError::Plot(e.to_string()))?;
    }
    Ok(svg)
}

type DrawResult = Result<(), DrawingAreaErrorKind<std::io::Error>>;

fn draw(
    root: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>,
    bars: &[Bar],
    title: &str,
    height: u32,
) -> DrawResult {
    root.fill(&WHITE)?;
    let x0 = i32::try_from(LABEL_W).unwrap_or(0);
    let x1 = i32::try_from(WIDTH - RIGHT).unwrap_or(0);
    let y_top = i32::try_from(TOP).unwrap_or(0);
    let y_bottom = i32::try_from(height - BOTTOM).unwrap_or(0);

    // Log axis covering every ratio and 1, extended to whole decades.
    let (mut lo, mut hi) = (0.0f64, 0.0f64);
    for b in bars {
        lo = lo.min(b.low.min(b.ratio).log10());
        hi = hi.max(b.high.max(b.ratio).log10());
    }
    let lo = (lo - 0.05).floor();
    let hi = (hi + 0.05).ceil().max(lo + 1.0);
    let px = |r: f64| -> i32 {
        let t = (r.log10() - lo) / (hi - lo);
        let p = f64::from(x0) + t * f64::from(x1 - x0);
        p.round() as i32
    };

    let title_style = ("sans-serif", 26).into_font().color(&BLACK);
    root.draw(&Text::new(title.to_owned(), (20, 14), title_style))?;
    let sub = ("sans-serif", 17).into_font().color(&RGBColor(80, 80, 80));
    root.draw(&Text::new(
        "ratio = a time / b time, paired (log scale); whiskers: 95% interval. Left of 1: a faster. Green/red: vs a peer crate; grey: vs the floor.".to_owned(),
        (20, 44),
        sub,
    ))?;

    // Zebra stripes behind every other row.
    let row_h = i32::try_from(ROW_H).unwrap_or(28);
    for i in (1..bars.len()).step_by(2) {
        let y = y_top + i32::try_from(i).unwrap_or(0) * row_h;
        root.draw(&Rectangle::new(
            [(10, y), (x1 + 80, y + row_h)],
            RGBColor(246, 246, 246).filled(),
        ))?;
    }

    // Grid: decades labelled, 2 and 5 between them faint.
    let tick_font = ("sans-serif", 16)
        .into_font()
        .color(&BLACK)
        .pos(Pos::new(HPos::Center, VPos::Top));
    let mut decade = lo;
    while decade <= hi + 1e-9 {
        for (m, major) in [(1.0, true), (2.0, false), (5.0, false)] {
            let r = m * 10f64.powf(decade);
            if r.log10() > hi + 1e-9 {
                continue;
            }
            let x = px(r);
            let color = if major {
                RGBColor(190, 190, 190)
            } else {
                RGBColor(230, 230, 230)
            };
            root.draw(&PathElement::new(vec![(x, y_top), (x, y_bottom)], color))?;
            if major || hi - lo <= 2.0 {
                root.draw(&Text::new(
                    tick_label(r),
                    (x, y_bottom + 6),
                    tick_font.clone(),
                ))?;
            }
        }
        decade += 1.0;
    }
    let one = px(1.0);
    root.draw(&PathElement::new(
        vec![(one, y_top - 6), (one, y_bottom + 2)],
        BLACK.stroke_width(2),
    ))?;
    let axis_font = ("sans-serif", 17)
        .into_font()
        .color(&BLACK)
        .pos(Pos::new(HPos::Center, VPos::Top));
    root.draw(&Text::new(
        "a time / b time (a: oxen-rs)".to_owned(),
        ((x0 + x1) / 2, y_bottom + 28),
        axis_font,
    ))?;

    let label_font = ("sans-serif", 17)
        .into_font()
        .color(&BLACK)
        .pos(Pos::new(HPos::Right, VPos::Center));
    let value_right = ("sans-serif", 16)
        .into_font()
        .color(&BLACK)
        .pos(Pos::new(HPos::Left, VPos::Center));
    let value_left = ("sans-serif", 16)
        .into_font()
        .color(&BLACK)
        .pos(Pos::new(HPos::Right, VPos::Center));
    for (i, b) in bars.iter().enumerate() {
        let i = i32::try_from(i).unwrap_or(0);
        let y = y_top + i * row_h;
        let mid = y + row_h / 2;
        root.draw(&Text::new(
            b.label.clone(),
            (x0 - 10, mid),
            label_font.clone(),
        ))?;
        let end = px(b.ratio);
        let color = if b.is_floor {
            RGBColor(150, 150, 150)
        } else if b.ratio <= 1.0 {
            RGBColor(46, 139, 87)
        } else {
            RGBColor(205, 70, 60)
        };
        let (l, r) = if end < one {
            (end, one)
        } else {
            (one, end.max(one + 1))
        };
        root.draw(&Rectangle::new(
            [(l, y + 5), (r, y + row_h - 5)],
            color.filled(),
        ))?;
        let (wl, wh) = (px(b.low), px(b.high));
        root.draw(&PathElement::new(
            vec![(wl, mid), (wh, mid)],
            BLACK.stroke_width(2),
        ))?;
        for x in [wl, wh] {
            root.draw(&PathElement::new(vec![(x, mid - 5), (x, mid + 5)], BLACK))?;
        }
        let text = format_ratio(b.ratio);
        if end < one {
            root.draw(&Text::new(text, (l.min(wl) - 5, mid), value_left.clone()))?;
        } else {
            root.draw(&Text::new(text, (r.max(wh) + 5, mid), value_right.clone()))?;
        }
    }
    Ok(())
}

fn tick_label(r: f64) -> String {
    if r >= 1.0 {
        format!("{r:.0}×")
    } else {
        let s = format!("{r:.3}");
        format!("{}×", s.trim_end_matches('0'))
    }
}
