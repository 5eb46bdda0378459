//! One growth curve as a small SVG: every series on log-log axes with its points, a legend
//! with each series' fitted growth exponent.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::ReportError;
use super::curves::{Curve, format_n};
use super::table::format_time;

const WIDTH: u32 = 940;
const HEIGHT: u32 = 480;
const LEFT: i32 = 90;
const RIGHT: i32 = 620;
const TOP: i32 = 60;
const BOTTOM: i32 = 410;

const COLORS: [RGBColor; 6] = [
    RGBColor(46, 139, 87),
    RGBColor(120, 190, 140),
    RGBColor(205, 70, 60),
    RGBColor(60, 90, 200),
    RGBColor(150, 150, 150),
    RGBColor(200, 140, 30),
];

/// Draws `curve` as an SVG document (log-log axes, decades labelled).
///
/// # Errors
/// [`ReportError::Plot`] if plotters fails.
pub fn render_curve_svg(curve: &Curve) -> Result<String, ReportError> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        draw(&root, curve).map_err(|e| ReportError::Plot(e.to_string()))?;
        root.present()
            .map_err(|e| ReportError::Plot(e.to_string()))?;
    }
    Ok(svg)
}

/// A log axis: `[lo, hi]` in log10 units, mapped onto `[p0, p1]` pixels.
struct LogAxis {
    lo: f64,
    hi: f64,
    p0: i32,
    p1: i32,
}

impl LogAxis {
    fn new(values: impl Iterator<Item = f64>, p0: i32, p1: i32) -> Self {
        let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
        for v in values.filter(|v| *v > 0.0) {
            lo = lo.min(v.log10());
            hi = hi.max(v.log10());
        }
        if !lo.is_finite() {
            (lo, hi) = (0.0, 1.0);
        }
        let lo = (lo - 0.05).floor();
        let hi = (hi + 0.05).ceil().max(lo + 1.0);
        LogAxis { lo, hi, p0, p1 }
    }

    #[allow(clippy::cast_possible_truncation)]
    fn px(&self, v: f64) -> i32 {
        let t = (v.log10() - self.lo) / (self.hi - self.lo);
        (f64::from(self.p0) + t * f64::from(self.p1 - self.p0)).round() as i32
    }

    /// Grid values: 1, 2, 5 times each decade, with whether each is a decade.
    fn ticks(&self) -> Vec<(f64, bool)> {
        let mut out = Vec::new();
        let mut d = self.lo;
        while d <= self.hi + 1e-9 {
            for (m, major) in [(1.0, true), (2.0, false), (5.0, false)] {
                let v = m * 10f64.powf(d);
                if v.log10() <= self.hi + 1e-9 {
                    out.push((v, major));
                }
            }
            d += 1.0;
        }
        out
    }
}

type DrawResult = Result<(), DrawingAreaErrorKind<std::io::Error>>;

fn draw(root: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>, c: &Curve) -> DrawResult {
    root.fill(&WHITE)?;
    let x = LogAxis::new(
        c.series.iter().flat_map(|s| s.points.iter().map(|p| p.0)),
        LEFT,
        RIGHT,
    );
    let y = LogAxis::new(
        c.series.iter().flat_map(|s| s.points.iter().map(|p| p.1)),
        BOTTOM,
        TOP,
    );
    let per = if c.kind.per_item { " (per item)" } else { "" };
    root.draw(&Text::new(
        format!("{}{per}: time vs {} (log-log)", c.group, c.kind.x_label),
        (20, 14),
        ("sans-serif", 22).into_font().color(&BLACK),
    ))?;
    let grid = |major: bool| {
        if major {
            RGBColor(190, 190, 190)
        } else {
            RGBColor(235, 235, 235)
        }
    };
    let below = ("sans-serif", 14)
        .into_font()
        .color(&BLACK)
        .pos(Pos::new(HPos::Center, VPos::Top));
    let x_span = x.hi - x.lo;
    for (v, major) in x.ticks() {
        let p = x.px(v);
        root.draw(&PathElement::new(vec![(p, TOP), (p, BOTTOM)], grid(major)))?;
        if major || x_span <= 2.0 {
            root.draw(&Text::new(
                format_n(v, c.kind.bytes),
                (p, BOTTOM + 6),
                below.clone(),
            ))?;
        }
    }
    let left_of = ("sans-serif", 14)
        .into_font()
        .color(&BLACK)
        .pos(Pos::new(HPos::Right, VPos::Center));
    for (v, major) in y.ticks() {
        let p = y.px(v);
        root.draw(&PathElement::new(vec![(LEFT, p), (RIGHT, p)], grid(major)))?;
        if major || y.hi - y.lo <= 2.0 {
            root.draw(&Text::new(format_time(v), (LEFT - 6, p), left_of.clone()))?;
        }
    }
    root.draw(&Rectangle::new([(LEFT, TOP), (RIGHT, BOTTOM)], BLACK))?;
    root.draw(&Text::new(
        c.kind.x_label.to_owned(),
        ((LEFT + RIGHT) / 2, BOTTOM + 30),
        below,
    ))?;

    let legend = ("sans-serif", 15)
        .into_font()
        .color(&BLACK)
        .pos(Pos::new(HPos::Left, VPos::Center));
    for (i, s) in c.series.iter().enumerate() {
        let color = COLORS.get(i % COLORS.len()).copied().unwrap_or(BLACK);
        let pts: Vec<(i32, i32)> = s.points.iter().map(|p| (x.px(p.0), y.px(p.1))).collect();
        root.draw(&PathElement::new(pts.clone(), color.stroke_width(2)))?;
        for p in pts {
            root.draw(&Circle::new(p, 4, color.filled()))?;
        }
        let ly = TOP + 10 + 26 * i32::try_from(i).unwrap_or(0);
        root.draw(&PathElement::new(
            vec![(RIGHT + 20, ly), (RIGHT + 50, ly)],
            color.stroke_width(3),
        ))?;
        let growth = s
            .fit()
            .map_or_else(String::new, |(_, k)| format!("  ∝ n^{k:.2}"));
        root.draw(&Text::new(
            format!("{}{growth}", s.name),
            (RIGHT + 56, ly),
            legend.clone(),
        ))?;
    }
    Ok(())
}
