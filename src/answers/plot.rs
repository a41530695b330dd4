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
    /// Secants from a to a + h for h = 1, 1/2, 1/4, 1/8, and the tangent
    /// at a that they turn into (Maple's NewtonQuotient).
    pub secants_at: Option<Expr>,
    /// f′ drawn with f.
    pub derivative: bool,
}

/// The steps h of the secants that pivot into the tangent.
const SECANT_STEPS: [(i64, i64); 4] = [(1, 1), (1, 2), (1, 4), (1, 8)];

fn number(e: &Expr) -> Answered<f64> {
    Ok(crate::numeric::precise::value(e)?)
}

/// Assemble the figure: the function over [lo, hi] (by default around the
/// marked points), the lines, the touching points.
pub fn figure(s: &Subject, overlays: &Overlays, range: Option<(f64, f64)>) -> Answered<Figure> {
    let fixed: Point = s.fixed();
    let mut marks_x: Vec<f64> = Vec::new();
    if let Some(a) = overlays.tangent_at.as_ref().or(overlays.secants_at.as_ref()) {
        marks_x.push(number(a)?);
    }
    if let Some(a) = &overlays.secants_at {
        marks_x.push(number(a)? + 1.0);
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
    let mut curves =
        vec![Curve { kind: CurveKind::Function, label: label.clone(), pieces: pieces.clone(), h: None }];
    let mut points = Vec::new();
    let mut shown = pieces.clone();
    if overlays.derivative {
        let d = crate::derivative(&f, &s.var)?;
        let d_pieces = sample(&d, &s.var, lo, hi);
        shown.extend(d_pieces.iter().cloned());
        let name = format!("f'({}) = {}", s.var, plain(&d));
        curves.push(Curve { kind: CurveKind::Derivative, label: name, pieces: d_pieces, h: None });
    }
    let text = |l: &crate::analysis::rates::Line| {
        crate::render::present::line_text(l, 6, crate::render::Style::Plain)
    };
    if let Some(a) = &overlays.secants_at {
        for (n, d) in SECANT_STEPS {
            let h = crate::engine::simplify::ratio(n, d);
            let b = crate::engine::simplify::add(vec![a.clone(), h.clone()]);
            let sec = secant(&s.formula, &s.var, &fixed, a, &b)
                .map_err(|e| Failure::Other(format!("secant with h = {}: {e}", plain(&h))))?;
            let (m, c) = (number(&sec.line.slope)?, number(&sec.line.intercept)?);
            let slope = crate::numeric::precise::digits(&sec.rate, 6).unwrap_or_else(|_| plain(&sec.rate));
            let name = format!("secant h = {}: slope {slope}", plain(&h));
            let mut curve = line(CurveKind::Secant, name, m, c, lo, hi);
            curve.h = Some(number(&h)?);
            curves.push(curve);
            points.push((number(&b)?, number(&sec.fb)?));
        }
    }
    if let Some(a) = overlays.tangent_at.as_ref().or(overlays.secants_at.as_ref()) {
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
    let y = y_range(&shown, &points);
    let mut marks: Vec<Mark> = points.iter().map(|&(x, y)| Mark { kind: "closed", x, y }).collect();
    marks.extend(discontinuities(s, &fixed, lo, hi));
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

/// Holes and jumps from the scan (the judge's verdicts): an open dot at
/// each one-sided limit the function does not take, a closed dot at its
/// value there. Corners and poles get none.
fn discontinuities(s: &Subject, fixed: &Point, lo: f64, hi: f64) -> Vec<Mark> {
    use crate::analysis::limits::Limit;
    let (Some(a), Some(b)) = (crate::engine::number::from_f64(lo), crate::engine::number::from_f64(hi))
    else {
        return Vec::new();
    };
    let (a, b) = (crate::engine::simplify::constant(a), crate::engine::simplify::constant(b));
    let found = crate::analysis::differentiability::scan::scan(&s.formula, &s.var, fixed, &a, &b, 200);
    let mut marks: Vec<Mark> = Vec::new();
    for v in found.points.iter().filter(|v| !v.continuous) {
        let Ok(x) = number(&v.at) else { continue };
        let value = v.value.as_ref().and_then(|e| number(e).ok());
        for side in [&v.left, &v.right] {
            if let Limit::Finite(l) = side
                && let Ok(y) = number(l)
                && value != Some(y)
                && !marks.iter().any(|m| m.kind == "open" && m.x == x && m.y == y)
            {
                marks.push(Mark { kind: "open", x, y });
            }
        }
        if let Some(y) = value {
            marks.push(Mark { kind: "closed", x, y });
        }
    }
    marks
}

/// What `dcalc plot` was asked to draw, as given.
pub struct PlotRequest<'a> {
    pub wrt: Option<&'a str>,
    pub tangent_at: Option<&'a str>,
    pub secant: Option<&'a str>,
    pub secants_at: Option<&'a str>,
    pub derivative: bool,
    pub range: (Option<&'a str>, Option<&'a str>),
}

/// The figure for `dcalc plot`.
pub fn plot(input: &str, r: &PlotRequest) -> Answered<Figure> {
    let s = Subject::new(input, r.wrt, None, false)?;
    let point = |a: Option<&str>| a.map(parse_value).transpose();
    let mut overlays = Overlays {
        tangent_at: point(r.tangent_at)?,
        secants_at: point(r.secants_at)?,
        derivative: r.derivative,
        ..Overlays::default()
    };
    if let Some(ab) = r.secant {
        let Some((a, b)) = ab.split_once(',') else {
            return Err(Failure::Other(format!("{ab}: give the secant's two points as A,B")));
        };
        overlays.secant = Some((parse_value(a.trim())?, parse_value(b.trim())?));
    }
    let range = match r.range {
        (Some(a), Some(b)) => Some((number(&parse_value(a)?)?, number(&parse_value(b)?)?)),
        (None, None) => None,
        _ => return Err(Failure::Other("give both ends of the x-range, or neither".into())),
    };
    figure(&s, &overlays, range)
}
