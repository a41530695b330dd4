//! Drawing a `plot::Figure`: in the terminal with Unicode braille (2×4
//! dots per character, one colour per curve), or as an SVG file. Both are
//! small enough to write here; a plotting crate would not break curves at
//! jumps or mark touching points the way the lesson needs.

use crate::numeric::figure::Figure;
use std::fmt::Write;

/// Colours of the curves in order: the function, then tangent, secant.
const COLOURS: [&str; 3] = ["\u{1b}[34m", "\u{1b}[31m", "\u{1b}[32m"];
const SVG_COLOURS: [&str; 3] = ["#1f5fbf", "#c0392b", "#27864a"];
const RESET: &str = "\u{1b}[0m";

/// A grid of braille cells, each remembering the last curve drawn in it.
struct Canvas {
    width: usize,
    height: usize,
    dots: Vec<u8>,
    owner: Vec<Option<usize>>,
    marks: Vec<bool>,
}

impl Canvas {
    fn new(width: usize, height: usize) -> Canvas {
        Canvas {
            width,
            height,
            dots: vec![0; width * height],
            owner: vec![None; width * height],
            marks: vec![false; width * height],
        }
    }

    /// Set the dot at pixel (px, py); (0, 0) is the top left.
    fn set(&mut self, px: i64, py: i64, curve: Option<usize>) {
        if px < 0 || py < 0 || px >= 2 * self.width as i64 || py >= 4 * self.height as i64 {
            return;
        }
        let (cx, cy) = (px as usize / 2, py as usize / 4);
        let bit = match (px % 2, py % 4) {
            (0, 0) => 0x01,
            (0, 1) => 0x02,
            (0, 2) => 0x04,
            (1, 0) => 0x08,
            (1, 1) => 0x10,
            (1, 2) => 0x20,
            (0, _) => 0x40,
            _ => 0x80,
        };
        let cell = cy * self.width + cx;
        self.dots[cell] |= bit;
        if curve.is_some() {
            self.owner[cell] = curve;
        }
    }

    fn line(&mut self, (x0, y0): (i64, i64), (x1, y1): (i64, i64), curve: Option<usize>) {
        let steps = (x1 - x0).abs().max((y1 - y0).abs()).clamp(1, 10_000);
        for s in 0..=steps {
            let x = x0 + (x1 - x0) * s / steps;
            let y = y0 + (y1 - y0) * s / steps;
            self.set(x, y, curve);
        }
    }

    fn cell(&self, cx: usize, cy: usize, colour: bool) -> String {
        let i = cy * self.width + cx;
        if self.marks[i] {
            return "●".into();
        }
        let ch = char::from_u32(0x2800 + self.dots[i] as u32).unwrap_or(' ');
        match (colour, self.owner[i]) {
            (true, Some(c)) if self.dots[i] != 0 => format!("{}{ch}{RESET}", COLOURS[c % COLOURS.len()]),
            _ => ch.to_string(),
        }
    }
}

/// The part of a segment inside the y-range (a line leaving the plot is
/// cut where it leaves, not squashed against the edge).
fn clip(a: (f64, f64), b: (f64, f64), (lo, hi): (f64, f64)) -> Option<((f64, f64), (f64, f64))> {
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    let dy = b.1 - a.1;
    for (edge, inside_above) in [(lo, true), (hi, false)] {
        if dy == 0.0 {
            let inside = if inside_above { a.1 >= edge } else { a.1 <= edge };
            if !inside {
                return None;
            }
            continue;
        }
        let t = (edge - a.1) / dy;
        let entering = (dy > 0.0) == inside_above;
        if entering { t0 = t0.max(t) } else { t1 = t1.min(t) }
    }
    (t0 <= t1).then(|| {
        let at = |t: f64| (a.0 + (b.0 - a.0) * t, a.1 + dy * t);
        (at(t0), at(t1))
    })
}

fn tick(v: f64) -> String {
    crate::engine::number::from_f64(v)
        .map_or_else(|| format!("{v}"), |q| crate::engine::number::round_decimal(&q, 3))
}

/// The figure as `height` rows of `width` braille characters, with the
/// y-axis labels on the left, x labels below and a legend.
pub fn terminal(fig: &Figure, width: usize, height: usize, colour: bool) -> String {
    let mut c = Canvas::new(width, height);
    let (x0, x1) = fig.x_range;
    let (y0, y1) = fig.y_range;
    let px = |x: f64| ((x - x0) / (x1 - x0) * (2 * width - 1) as f64).round() as i64;
    let py = |y: f64| ((y1 - y) / (y1 - y0) * (4 * height - 1) as f64).round() as i64;

    // Axes through 0 where 0 is in view.
    if y0 < 0.0 && y1 > 0.0 {
        c.line((0, py(0.0)), (2 * width as i64 - 1, py(0.0)), None);
    }
    if x0 < 0.0 && x1 > 0.0 {
        c.line((px(0.0), 0), (px(0.0), 4 * height as i64 - 1), None);
    }
    for (k, curve) in fig.curves.iter().enumerate() {
        for piece in &curve.pieces {
            for w in piece.windows(2) {
                if let Some((a, b)) = clip(w[0], w[1], (y0, y1)) {
                    c.line((px(a.0), py(a.1)), (px(b.0), py(b.1)), Some(k));
                }
            }
        }
    }
    for &(x, y) in &fig.points {
        let (cx, cy) = (px(x) / 2, py(y) / 4);
        if (0..width as i64).contains(&cx) && (0..height as i64).contains(&cy) {
            c.marks[cy as usize * width + cx as usize] = true;
        }
    }
    let labels = [tick(y1), tick(0.5 * (y0 + y1)), tick(y0)];
    let margin = labels.iter().map(String::len).max().unwrap_or(0);
    let mut out = String::new();
    for cy in 0..height {
        let label = match cy {
            0 => labels[0].clone(),
            _ if cy == height / 2 => labels[1].clone(),
            _ if cy == height - 1 => labels[2].clone(),
            _ => String::new(),
        };
        let _ = write!(out, "{label:>margin$} ┤");
        for cx in 0..width {
            out.push_str(&c.cell(cx, cy, colour));
        }
        out.push('\n');
    }
    let (left, right) = (tick(x0), tick(x1));
    let gap = (width + 2).saturating_sub(left.len() + right.len());
    let _ = writeln!(out, "{:margin$} └{}", "", "─".repeat(width));
    let _ = writeln!(out, "{:margin$}  {left}{}{right}", "", " ".repeat(gap));
    for (k, curve) in fig.curves.iter().enumerate() {
        let swatch =
            if colour { format!("{}──{RESET}", COLOURS[k % COLOURS.len()]) } else { "──".into() };
        let _ = writeln!(out, "{:margin$}  {swatch} {}", "", curve.label);
    }
    if !fig.points.is_empty() {
        let _ = writeln!(out, "{:margin$}  ●  where the lines touch the curve", "");
    }
    out.trim_end().to_string()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The figure as a standalone SVG document: title, axes, tick labels, one
/// path per curve (its pieces as separate subpaths), marked points, legend.
pub fn svg(fig: &Figure) -> String {
    let (w, h, m) = (640.0, 420.0, 50.0);
    let (x0, x1) = fig.x_range;
    let (y0, y1) = fig.y_range;
    let sx = |x: f64| m + (x - x0) / (x1 - x0) * (w - 2.0 * m);
    let sy = |y: f64| h - m - (y - y0) / (y1 - y0) * (h - 2.0 * m);
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(out, r#"<title>{}</title>"#, escape(&fig.title));
    let _ = writeln!(out, r#"<rect width="{w}" height="{h}" fill="white"/>"#);
    let _ = writeln!(
        out,
        r#"<text x="{}" y="24" text-anchor="middle" font-size="15">{}</text>"#,
        w / 2.0,
        escape(&fig.title)
    );
    let _ = writeln!(
        out,
        r#"<defs><clipPath id="plot"><rect x="{m}" y="{m}" width="{}" height="{}"/></clipPath></defs>"#,
        w - 2.0 * m,
        h - 2.0 * m
    );
    let _ = writeln!(
        out,
        r##"<rect x="{m}" y="{m}" width="{}" height="{}" fill="none" stroke="#999"/>"##,
        w - 2.0 * m,
        h - 2.0 * m
    );
    if y0 < 0.0 && y1 > 0.0 {
        let _ = writeln!(
            out,
            r##"<line class="axis" x1="{m}" y1="{0}" x2="{1}" y2="{0}" stroke="#666"/>"##,
            sy(0.0),
            w - m
        );
    }
    if x0 < 0.0 && x1 > 0.0 {
        let _ = writeln!(
            out,
            r##"<line class="axis" x1="{0}" y1="{m}" x2="{0}" y2="{1}" stroke="#666"/>"##,
            sx(0.0),
            h - m
        );
    }
    for i in 0..=4 {
        let (xv, yv) = (x0 + (x1 - x0) * i as f64 / 4.0, y0 + (y1 - y0) * i as f64 / 4.0);
        let _ = writeln!(
            out,
            r#"<text x="{:.1}" y="{}" text-anchor="middle">{}</text>"#,
            sx(xv),
            h - m + 16.0,
            tick(xv)
        );
        let _ = writeln!(
            out,
            r#"<text x="{}" y="{:.1}" text-anchor="end">{}</text>"#,
            m - 6.0,
            sy(yv) + 4.0,
            tick(yv)
        );
    }
    for (k, curve) in fig.curves.iter().enumerate() {
        let mut d = String::new();
        for piece in &curve.pieces {
            for (i, (x, y)) in piece.iter().enumerate() {
                let _ = write!(d, "{}{:.2},{:.2} ", if i == 0 { "M" } else { "L" }, sx(*x), sy(*y));
            }
        }
        let colour = SVG_COLOURS[k % SVG_COLOURS.len()];
        let _ = writeln!(
            out,
            r#"<path class="curve" d="{}" fill="none" stroke="{colour}" stroke-width="2" clip-path="url(#plot)"><title>{}</title></path>"#,
            d.trim_end(),
            escape(&curve.label)
        );
        let _ = writeln!(
            out,
            r#"<text x="{}" y="{}" fill="{colour}">{}</text>"#,
            m + 8.0,
            m + 16.0 + 16.0 * k as f64,
            escape(&curve.label)
        );
    }
    for &(x, y) in &fig.points {
        let _ = writeln!(out, r#"<circle cx="{:.2}" cy="{:.2}" r="4" fill="black"/>"#, sx(x), sy(y));
    }
    out.push_str("</svg>\n");
    out
}

/// The figure as pgfplots code for a LaTeX document (`\usepackage{pgfplots}`):
/// one `\addplot` per unbroken piece, the touching points as marks.
pub fn pgfplots(fig: &Figure) -> String {
    let mut out = String::new();
    let (x0, x1) = fig.x_range;
    let (y0, y1) = fig.y_range;
    let ticks = |t: &[f64]| t.iter().map(|v| format!("{v}")).collect::<Vec<_>>().join(",");
    let _ = writeln!(out, "\\begin{{tikzpicture}}");
    let _ = writeln!(
        out,
        "\\begin{{axis}}[axis lines=middle, xmin={x0}, xmax={x1}, ymin={y0}, ymax={y1}, xtick={{{}}}, ytick={{{}}}, \
         legend pos=outer north east, title={{{}}}]",
        ticks(&fig.x_ticks),
        ticks(&fig.y_ticks),
        escape_tex(&fig.title)
    );
    for curve in &fig.curves {
        for (i, piece) in curve.pieces.iter().enumerate() {
            let coords: Vec<String> = piece
                .iter()
                .step_by(4)
                .chain(piece.last())
                .map(|(x, y)| format!("({x:.6},{y:.6})"))
                .collect();
            let style = match curve.kind {
                crate::numeric::figure::CurveKind::Function => "thick, blue",
                crate::numeric::figure::CurveKind::Derivative => "thick, purple",
                crate::numeric::figure::CurveKind::Tangent => "red, dashed",
                crate::numeric::figure::CurveKind::Secant => "teal, dotted",
                crate::numeric::figure::CurveKind::Loss => "thick, orange",
            };
            let forget = if i == 0 { "" } else { "forget plot, " };
            let _ = writeln!(out, "\\addplot[{forget}{style}] coordinates {{{}}};", coords.join(" "));
            if i == 0 {
                let _ = writeln!(out, "\\addlegendentry{{{}}}", escape_tex(&curve.label));
            }
        }
    }
    for mark in &fig.marks {
        let _ = writeln!(
            out,
            "\\addplot[only marks, mark=*, forget plot] coordinates {{({},{})}};",
            mark.x, mark.y
        );
    }
    let _ = writeln!(out, "\\end{{axis}}");
    let _ = write!(out, "\\end{{tikzpicture}}");
    out
}

fn escape_tex(s: &str) -> String {
    s.replace('\\', "\\textbackslash{}")
        .replace('_', "\\_")
        .replace('^', "\\^{}")
        .replace('#', "\\#")
        .replace('%', "\\%")
        .replace('&', "\\&")
}
