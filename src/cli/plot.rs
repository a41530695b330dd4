//! `dcalc plot` (and `--plot` on slope, secant and tangent): the function
//! with its tangent and secant lines, drawn in the terminal or as SVG.

use super::args::{PlotArgs, PlotSize};
use super::subject::Subject;
use crate::expr::Expr;
use crate::parse::parse_value;
use crate::plot::{Curve, Figure, line, sample, y_range};
use crate::point::Point;
use crate::rates::{secant, tangent};
use crate::render::plain;

/// What to draw besides the function.
#[derive(Default)]
pub struct Overlays {
    pub tangent_at: Option<Expr>,
    pub secant: Option<(Expr, Expr)>,
}

fn number(e: &Expr) -> anyhow::Result<f64> {
    Ok(crate::precise::value(e)?)
}

/// Assemble the figure: the function over [lo, hi] (by default around
/// the marked points), the lines, the touching points.
pub fn figure(s: &Subject, overlays: &Overlays, range: Option<(f64, f64)>) -> anyhow::Result<Figure> {
    let fixed: Point = s.fixed();
    let mut marks_x: Vec<f64> = Vec::new();
    if let Some(a) = &overlays.tangent_at {
        marks_x.push(number(a)?);
    }
    if let Some((a, b)) = &overlays.secant {
        marks_x.extend([number(a)?, number(b)?]);
    }
    let (lo, hi) = range.unwrap_or_else(|| {
        match marks_x.iter().copied().reduce(f64::min).zip(marks_x.iter().copied().reduce(f64::max)) {
            Some((a, b)) => {
                let pad = ((b - a) * 0.5).max(2.0);
                (a - pad, b + pad)
            }
            None => (-5.0, 5.0),
        }
    });
    anyhow::ensure!(lo < hi, "the x-range is empty: {lo} is not less than {hi}");
    let f = crate::eval::substitute(&s.f, &fixed.exact());
    let pieces = sample(&f, &s.var, lo, hi);
    let mut curves = vec![Curve { label: format!("f({}) = {}", s.var, plain(&s.f)), pieces: pieces.clone() }];
    let mut points = Vec::new();
    if let Some(a) = &overlays.tangent_at {
        let t = tangent(&s.formula, &s.var, &fixed, a)
            .map_err(|e| anyhow::anyhow!("tangent at {}: {e}", plain(a)))?;
        let (m, c) = (number(&t.line.slope)?, number(&t.line.intercept)?);
        let text = super::numbers::line_text(&t.line, 6, crate::render::Style::Plain);
        curves.push(line(format!("tangent at {} = {}: {text}", s.var, plain(a)), m, c, lo, hi));
        points.push((number(a)?, number(&t.fa)?));
    }
    if let Some((a, b)) = &overlays.secant {
        let sec = secant(&s.formula, &s.var, &fixed, a, b).map_err(|e| anyhow::anyhow!("secant: {e}"))?;
        let (m, c) = (number(&sec.line.slope)?, number(&sec.line.intercept)?);
        let text = super::numbers::line_text(&sec.line, 6, crate::render::Style::Plain);
        curves.push(line(
            format!("secant through {} = {} and {}: {text}", s.var, plain(a), plain(b)),
            m,
            c,
            lo,
            hi,
        ));
        points.extend([(number(a)?, number(&sec.fa)?), (number(b)?, number(&sec.fb)?)]);
    }
    let y = y_range(&pieces, &points);
    Ok(Figure {
        title: format!("f({}) = {}", s.var, plain(&s.f)),
        x_range: (lo, hi),
        y_range: y,
        curves,
        points,
    })
}

/// The terminal drawing (and the SVG file, when asked for).
pub fn draw(fig: &Figure, size: &PlotSize, svg: Option<&std::path::Path>) -> anyhow::Result<String> {
    if let Some(path) = svg {
        std::fs::write(path, crate::render::plot::svg(fig))
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    }
    Ok(crate::render::plot::terminal(
        fig,
        size.width as usize,
        size.height as usize,
        colored::control::SHOULD_COLORIZE.should_colorize(),
    ))
}

/// `text` with the picture below it when `wanted` (the --plot flag).
pub fn below(text: String, wanted: bool, s: &Subject, overlays: Overlays) -> anyhow::Result<String> {
    if !wanted {
        return Ok(text);
    }
    let size = PlotSize { width: 60, height: 16 };
    Ok(format!("{text}\n\n{}", draw(&figure(s, &overlays, None)?, &size, None)?))
}

pub fn answer(text: &str, args: &PlotArgs) -> anyhow::Result<String> {
    let s = Subject::new(text, args.wrt.as_deref(), None, false)?;
    let mut overlays = Overlays::default();
    if let Some(a) = &args.tangent_at {
        overlays.tangent_at = Some(parse_value(a)?);
    }
    if let Some(ab) = &args.secant {
        let Some((a, b)) = ab.split_once(',') else {
            anyhow::bail!("--secant {ab}: give two points, A,B");
        };
        overlays.secant = Some((parse_value(a.trim())?, parse_value(b.trim())?));
    }
    let range = match (&args.from, &args.to) {
        (Some(a), Some(b)) => Some((number(&parse_value(a)?)?, number(&parse_value(b)?)?)),
        (None, None) => None,
        _ => anyhow::bail!("give both --from and --to, or neither"),
    };
    let fig = figure(&s, &overlays, range)?;
    draw(&fig, &args.size, args.svg.as_deref())
}
