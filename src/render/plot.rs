//! Drawing a `plot::Figure`: in the terminal with Unicode braille (2×4
//! dots per character, one colour per curve), or as an SVG file. Both are
//! small enough to write here; a plotting crate would not break curves at
//! jumps or mark touching points the way the lesson needs.

use crate::numeric::figure::{CurveKind, Figure};
use std::fmt::Write;

const RESET: &str = "\u{1b}[0m";

/// How a kind of curve is drawn, so that curves stay apart without colour
/// too: a terminal colour, an SVG colour, a dash pattern (dots on, dots
/// off; None for solid) and the legend's swatch.
struct Style {
    ansi: &'static str,
    svg: &'static str,
    dash: Option<(i64, i64)>,
    svg_dash: &'static str,
    swatch: &'static str,
}

fn style(kind: CurveKind) -> Style {
    match kind {
        CurveKind::Function | CurveKind::Loss => {
            Style { ansi: "\u{1b}[34m", svg: "#1f5fbf", dash: None, svg_dash: "", swatch: "───" }
        }
        CurveKind::Derivative => {
            Style {
                ansi: "\u{1b}[35m", svg: "#8e44ad", dash: Some((6, 3)), svg_dash: "10,4", swatch: "╍╍╍"
            }
        }
        CurveKind::Tangent => {
            Style {
                ansi: "\u{1b}[31m", svg: "#c0392b", dash: Some((3, 3)), svg_dash: "6,4", swatch: "╌╌╌"
            }
        }
        CurveKind::Secant => {
            Style {
                ansi: "\u{1b}[32m", svg: "#27864a", dash: Some((1, 2)), svg_dash: "2,3", swatch: "┈┈┈"
            }
        }
    }
}

/// A grid of braille cells, each remembering the last curve drawn in it.
struct Canvas {
    width: usize,
    height: usize,
    dots: Vec<u8>,
    owner: Vec<Option<CurveKind>>,
    /// A marked point in the cell: ● closed, ○ open.
    marks: Vec<Option<char>>,
}

impl Canvas {
    fn new(width: usize, height: usize) -> Canvas {
        Canvas {
            width,
            height,
            dots: vec![0; width * height],
            owner: vec![None; width * height],
            marks: vec![None; width * height],
        }
    }

    /// Set the dot at pixel (px, py); (0, 0) is the top left.
    fn set(&mut self, px: i64, py: i64, curve: Option<CurveKind>) {
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

    /// A segment; `phase` carries a dash pattern on from the segment before.
    fn line(
        &mut self,
        (x0, y0): (i64, i64),
        (x1, y1): (i64, i64),
        curve: Option<CurveKind>,
        phase: &mut i64,
    ) {
        let steps = (x1 - x0).abs().max((y1 - y0).abs()).clamp(1, 10_000);
        let dash = curve.and_then(|k| style(k).dash);
        for s in 0..=steps {
            let x = x0 + (x1 - x0) * s / steps;
            let y = y0 + (y1 - y0) * s / steps;
            let on = dash.is_none_or(|(on, off)| (*phase).rem_euclid(on + off) < on);
            if on {
                self.set(x, y, curve);
            }
            if s < steps {
                *phase += 1;
            }
        }
    }

    fn cell(&self, cx: usize, cy: usize, colour: bool) -> String {
        let i = cy * self.width + cx;
        if let Some(mark) = self.marks[i] {
            return mark.to_string();
        }
        let ch = char::from_u32(0x2800 + self.dots[i] as u32).unwrap_or(' ');
        match (colour, self.owner[i]) {
            (true, Some(k)) if self.dots[i] != 0 => format!("{}{ch}{RESET}", style(k).ansi),
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
        c.line((0, py(0.0)), (2 * width as i64 - 1, py(0.0)), None, &mut 0);
    }
    if x0 < 0.0 && x1 > 0.0 {
        c.line((px(0.0), 0), (px(0.0), 4 * height as i64 - 1), None, &mut 0);
    }
    for curve in &fig.curves {
        let mut phase = 0;
        for piece in &curve.pieces {
            for w in piece.windows(2) {
                if let Some((a, b)) = clip(w[0], w[1], (y0, y1)) {
                    c.line((px(a.0), py(a.1)), (px(b.0), py(b.1)), Some(curve.kind), &mut phase);
                }
            }
        }
    }
    // Closed dots drawn last: a value the function takes wins its cell.
    let mut marks: Vec<&crate::numeric::figure::Mark> = fig.marks.iter().collect();
    marks.sort_by_key(|m| m.kind == "closed");
    for m in marks {
        let (cx, cy) = (px(m.x) / 2, py(m.y) / 4);
        if (0..width as i64).contains(&cx) && (0..height as i64).contains(&cy) {
            c.marks[cy as usize * width + cx as usize] = Some(if m.kind == "open" { '○' } else { '●' });
        }
    }
    // y ticks at their rows (round values), x ticks under their columns.
    let mut row_labels = vec![String::new(); height];
    for &t in &fig.y_ticks {
        let row = (py(t) / 4).clamp(0, height as i64 - 1) as usize;
        row_labels[row] = tick(t);
    }
    let margin = row_labels.iter().map(String::len).max().unwrap_or(0);
    let mut out = String::new();
    for (cy, label) in row_labels.iter().enumerate() {
        let _ = write!(out, "{label:>margin$} ┤");
        for cx in 0..width {
            out.push_str(&c.cell(cx, cy, colour));
        }
        out.push('\n');
    }
    let mut axis = vec![' '; width + 2];
    let mut next_free = 0;
    for &t in &fig.x_ticks {
        let label: Vec<char> = tick(t).chars().collect();
        let centre = (px(t) / 2) as usize + 1;
        let start = centre.saturating_sub(label.len() / 2);
        if start < next_free || start + label.len() > axis.len() {
            continue;
        }
        axis[start..start + label.len()].copy_from_slice(&label);
        next_free = start + label.len() + 1;
    }
    let _ = writeln!(out, "{:margin$} └{}", "", "─".repeat(width));
    let _ = writeln!(out, "{:margin$} {}", "", axis.iter().collect::<String>().trim_end());
    for curve in &fig.curves {
        let st = style(curve.kind);
        let swatch = if colour { format!("{}{}{RESET}", st.ansi, st.swatch) } else { st.swatch.into() };
        let _ = writeln!(out, "{:margin$}  {swatch} {}", "", curve.label);
    }
    if fig.marks.iter().any(|m| m.kind == "closed") {
        let _ = writeln!(out, "{:margin$}  ●   a value the function takes", "");
    }
    if fig.marks.iter().any(|m| m.kind == "open") {
        let _ = writeln!(out, "{:margin$}  ○   a limit it does not take (a hole, a jump's end)", "");
    }
    out.trim_end().to_string()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The figure as a standalone SVG document: title, axes, round tick
/// labels, one path per curve (its pieces as separate subpaths, a dash
/// pattern by kind), open and closed dots, and the legend below the plot
/// (never on a curve).
pub fn svg(fig: &Figure) -> String {
    let (w, plot_h, m) = (640.0, 420.0, 50.0);
    let legend_rows = fig.curves.len() + usize::from(!fig.marks.is_empty());
    let h = plot_h + 12.0 + 18.0 * legend_rows as f64;
    let (x0, x1) = fig.x_range;
    let (y0, y1) = fig.y_range;
    let sx = |x: f64| m + (x - x0) / (x1 - x0) * (w - 2.0 * m);
    let sy = |y: f64| plot_h - m - (y - y0) / (y1 - y0) * (plot_h - 2.0 * m);
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
    let (pw, ph) = (w - 2.0 * m, plot_h - 2.0 * m);
    let _ = writeln!(
        out,
        r#"<defs><clipPath id="plot"><rect x="{m}" y="{m}" width="{pw}" height="{ph}"/></clipPath></defs>"#
    );
    let _ =
        writeln!(out, r##"<rect x="{m}" y="{m}" width="{pw}" height="{ph}" fill="none" stroke="#999"/>"##);
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
            plot_h - m
        );
    }
    for &t in &fig.x_ticks {
        let x = sx(t);
        let _ = writeln!(
            out,
            r##"<line x1="{x:.1}" y1="{0}" x2="{x:.1}" y2="{1}" stroke="#999"/>"##,
            plot_h - m,
            plot_h - m + 4.0
        );
        let _ = writeln!(
            out,
            r#"<text x="{x:.1}" y="{}" text-anchor="middle">{}</text>"#,
            plot_h - m + 16.0,
            tick(t)
        );
    }
    for &t in &fig.y_ticks {
        let y = sy(t);
        let _ =
            writeln!(out, r##"<line x1="{0}" y1="{y:.1}" x2="{m}" y2="{y:.1}" stroke="#999"/>"##, m - 4.0);
        let _ =
            writeln!(out, r#"<text x="{}" y="{:.1}" text-anchor="end">{}</text>"#, m - 6.0, y + 4.0, tick(t));
    }
    for (k, curve) in fig.curves.iter().enumerate() {
        let mut d = String::new();
        for piece in &curve.pieces {
            for (i, (x, y)) in piece.iter().enumerate() {
                let _ = write!(d, "{}{:.2},{:.2} ", if i == 0 { "M" } else { "L" }, sx(*x), sy(*y));
            }
        }
        let st = style(curve.kind);
        let dash = if st.svg_dash.is_empty() {
            String::new()
        } else {
            format!(r#" stroke-dasharray="{}""#, st.svg_dash)
        };
        let _ = writeln!(
            out,
            r#"<path class="curve {kind}" d="{}" fill="none" stroke="{}" stroke-width="2"{dash} clip-path="url(#plot)"><title>{}</title></path>"#,
            d.trim_end(),
            st.svg,
            escape(&curve.label),
            kind = format!("{:?}", curve.kind).to_lowercase()
        );
        let ly = plot_h + 6.0 + 18.0 * k as f64;
        let _ = writeln!(
            out,
            r#"<line x1="{m}" y1="{ly}" x2="{}" y2="{ly}" stroke="{}" stroke-width="2"{dash}/><text x="{}" y="{}">{}</text>"#,
            m + 30.0,
            st.svg,
            m + 38.0,
            ly + 4.0,
            escape(&curve.label)
        );
    }
    for mark in &fig.marks {
        let fill = if mark.kind == "open" { "white" } else { "black" };
        let _ = writeln!(
            out,
            r#"<circle class="{}" cx="{:.2}" cy="{:.2}" r="4" fill="{fill}" stroke="black" stroke-width="1.5"/>"#,
            mark.kind,
            sx(mark.x),
            sy(mark.y)
        );
    }
    let ly = plot_h + 6.0 + 18.0 * fig.curves.len() as f64;
    let mut lx = m + 15.0;
    for (kind, fill, words) in
        [("closed", "black", "a value the function takes"), ("open", "white", "a limit it does not take")]
    {
        if fig.marks.iter().any(|mark| mark.kind == kind) {
            let _ = writeln!(
                out,
                r#"<circle cx="{lx}" cy="{ly}" r="4" fill="{fill}" stroke="black" stroke-width="1.5"/><text x="{}" y="{}">{words}</text>"#,
                lx + 23.0,
                ly + 4.0
            );
            lx += 215.0;
        }
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
        let style = if mark.kind == "open" { "mark=*, mark options={fill=white}" } else { "mark=*" };
        let _ = writeln!(
            out,
            "\\addplot[only marks, {style}, forget plot] coordinates {{({},{})}};",
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
