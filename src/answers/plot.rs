//! `plot` (and `--plot` on slope, secant and tangent): the figure as data —
//! the function cut at poles and jumps, its tangent and secant lines, the
//! points where they touch, round ticks. Drawing it is `render::plot`'s.

use super::{Answered, Failure, Subject};
use crate::analysis::rates::{secant, tangent};
use crate::engine::expr::Expr;
use crate::engine::parse::parse_value;
use crate::engine::point::Point;
use crate::numeric::figure::{Curve, CurveKind, Figure, Mark, line, sample, ticks, y_range};
use crate::render::plain;

/// What to draw besides the function.
#[derive(Default, Clone)]
pub struct Overlays {
    pub tangent_at: Option<Expr>,
    pub secant: Option<(Expr, Expr)>,
}

fn number(e: &Expr) -> Answered<f64> {
    Ok(crate::numeric::precise::value(e)?)
}

/// Assemble the figure: the function over [lo, hi] (by default around the
/// marked points), the lines, the touching points.
pub fn figure(s: &Subject, overlays: &Overlays, range: Option<(f64, f64)>) -> Answered<Figure> {
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
    if lo >= hi {
        return Err(Failure::Other(format!("the x-range is empty: {lo} is not less than {hi}")));
    }
    let f = crate::numeric::eval::substitute(s.f(), &fixed.exact());
    let pieces = sample(&f, &s.var, lo, hi);
    let label = format!("f({}) = {}", s.var, plain(s.f()));
    let mut curves = vec![Curve { kind: CurveKind::Function, label: label.clone(), pieces: pieces.clone() }];
    let mut points = Vec::new();
    let text = |l: &crate::analysis::rates::Line| {
        crate::render::present::line_text(l, 6, crate::render::Style::Plain)
    };
    if let Some(a) = &overlays.tangent_at {
        let t = tangent(&s.formula, &s.var, &fixed, a)
            .map_err(|e| Failure::Other(format!("tangent at {}: {e}", plain(a))))?;
        let (m, c) = (number(&t.line.slope)?, number(&t.line.intercept)?);
        let name = format!("tangent at {} = {}: {}", s.var, plain(a), text(&t.line));
        curves.push(line(CurveKind::Tangent, name, m, c, lo, hi));
        points.push((number(a)?, number(&t.fa)?));
    }
    if let Some((a, b)) = &overlays.secant {
        let sec =
            secant(&s.formula, &s.var, &fixed, a, b).map_err(|e| Failure::Other(format!("secant: {e}")))?;
        let (m, c) = (number(&sec.line.slope)?, number(&sec.line.intercept)?);
        let name = format!("secant through {} = {} and {}: {}", s.var, plain(a), plain(b), text(&sec.line));
        curves.push(line(CurveKind::Secant, name, m, c, lo, hi));
        points.extend([(number(a)?, number(&sec.fa)?), (number(b)?, number(&sec.fb)?)]);
    }
    let y = y_range(&pieces, &points);
    let marks = points.iter().map(|&(x, y)| Mark { kind: "closed", x, y }).collect();
    Ok(Figure {
        title: label,
        x_range: (lo, hi),
        y_range: y,
        curves,
        points,
        marks,
        x_ticks: ticks(lo, hi),
        y_ticks: ticks(y.0, y.1),
    })
}

/// The figure for `dcalc plot`.
pub fn plot(
    input: &str,
    wrt: Option<&str>,
    tangent_at: Option<&str>,
    secant_ab: Option<&str>,
    range: (Option<&str>, Option<&str>),
) -> Answered<Figure> {
    let s = Subject::new(input, wrt, None, false)?;
    let mut overlays = Overlays::default();
    if let Some(a) = tangent_at {
        overlays.tangent_at = Some(parse_value(a)?);
    }
    if let Some(ab) = secant_ab {
        let Some((a, b)) = ab.split_once(',') else {
            return Err(Failure::Other(format!("{ab}: give the secant's two points as A,B")));
        };
        overlays.secant = Some((parse_value(a.trim())?, parse_value(b.trim())?));
    }
    let range = match range {
        (Some(a), Some(b)) => Some((number(&parse_value(a)?)?, number(&parse_value(b)?)?)),
        (None, None) => None,
        _ => return Err(Failure::Other("give both ends of the x-range, or neither".into())),
    };
    figure(&s, &overlays, range)
}
