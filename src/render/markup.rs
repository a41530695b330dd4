//! A small markup stream, numbat's way: the presenter (`present`) says
//! what an answer is made of — words, mathematics, emphasis, line breaks —
//! and a formatter here writes it as plain text (dcalc's own syntax),
//! pretty Unicode or LaTeX. Colour is the caller's: it gets each piece with
//! its tone and decides.

use super::{Style, render};
use crate::engine::expr::Expr;

/// How a piece of text should stand out (the CLI maps tones to colours).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Normal,
    /// The answer itself, or a verdict.
    Strong,
    /// A label: `d/dx`, `slope`, a rule's name.
    Label,
    /// Digits that have settled (the slope table).
    Settled,
    /// Said quietly: how an answer was found.
    Quiet,
}

#[derive(Clone, Debug)]
pub enum Piece {
    /// Words (escaped in LaTeX).
    Text(String, Tone),
    /// Mathematics: rendered in the style.
    Math(Expr, Tone),
    /// A formula given as text in each style (a table cell, an operator).
    Formula {
        plain: String,
        pretty: String,
        latex: String,
        tone: Tone,
    },
    Break,
    /// Text written as it is, in text mode (LaTeX tables, pgfplots).
    Raw(String),
    /// Pieces shown in one style only (pretty output's labels).
    Only(Style, Vec<Piece>),
}

/// An answer as the presenter lays it out.
#[derive(Clone, Debug, Default)]
pub struct Markup(pub Vec<Piece>);

impl Markup {
    pub fn new() -> Markup {
        Markup(Vec::new())
    }

    pub fn text(mut self, s: impl Into<String>) -> Markup {
        self.0.push(Piece::Text(s.into(), Tone::Normal));
        self
    }

    pub fn tone(mut self, s: impl Into<String>, tone: Tone) -> Markup {
        self.0.push(Piece::Text(s.into(), tone));
        self
    }

    pub fn math(mut self, e: &Expr) -> Markup {
        self.0.push(Piece::Math(e.clone(), Tone::Normal));
        self
    }

    pub fn math_tone(mut self, e: &Expr, tone: Tone) -> Markup {
        self.0.push(Piece::Math(e.clone(), tone));
        self
    }

    /// The same formula written three ways.
    pub fn formula(
        mut self,
        plain: impl Into<String>,
        pretty: impl Into<String>,
        latex: impl Into<String>,
    ) -> Markup {
        let (plain, pretty, latex) = (plain.into(), pretty.into(), latex.into());
        self.0.push(Piece::Formula { plain, pretty, latex, tone: Tone::Normal });
        self
    }

    pub fn formula_tone(mut self, plain: &str, pretty: &str, latex: &str, tone: Tone) -> Markup {
        self.0.push(Piece::Formula { plain: plain.into(), pretty: pretty.into(), latex: latex.into(), tone });
        self
    }

    pub fn br(mut self) -> Markup {
        self.0.push(Piece::Break);
        self
    }

    /// Text as it is (no escaping, no math mode).
    pub fn raw(mut self, s: impl Into<String>) -> Markup {
        self.0.push(Piece::Raw(s.into()));
        self
    }

    /// Words in pretty and LaTeX output only (plain says it its own way).
    pub fn text_only_styled(self, s: impl Into<String>) -> Markup {
        let words = Markup::new().text(s);
        self.only(Style::Pretty, words.clone()).only(Style::Latex, words)
    }

    /// Pieces for one style only.
    pub fn only(mut self, style: Style, other: Markup) -> Markup {
        self.0.push(Piece::Only(style, other.0));
        self
    }

    pub fn append(mut self, other: Markup) -> Markup {
        self.0.extend(other.0);
        self
    }

    /// Whether the markup is mathematics only (LaTeX then needs no `$`).
    fn all_math(&self) -> bool {
        fn math(p: &Piece) -> bool {
            match p {
                Piece::Math(..) | Piece::Formula { .. } => true,
                Piece::Only(Style::Latex, inner) => inner.iter().all(math),
                Piece::Only(..) => true,
                _ => false,
            }
        }
        self.0.iter().all(math)
    }
}

/// How the caller colours a piece: text and tone in, text out.
pub type Paint<'a> = &'a dyn Fn(&str, Tone) -> String;

/// No colour.
pub fn no_paint(s: &str, _: Tone) -> String {
    s.to_string()
}

/// Write the markup in a style.
pub fn format(m: &Markup, style: Style, paint: Paint) -> String {
    let math_only = style == Style::Latex && m.all_math();
    let mut out = String::new();
    let mut in_math = false;
    write(&m.0, style, paint, math_only, &mut in_math, &mut out);
    if in_math {
        out.push('$');
    }
    out
}

fn write(
    pieces: &[Piece],
    style: Style,
    paint: Paint,
    math_only: bool,
    in_math: &mut bool,
    out: &mut String,
) {
    for piece in pieces {
        let (text, tone, math) = match piece {
            Piece::Text(s, tone) if style == Style::Latex => (latex_escape(s), *tone, false),
            Piece::Text(s, tone) => (s.clone(), *tone, false),
            Piece::Math(e, tone) => (render(e, style), *tone, true),
            Piece::Formula { plain, pretty, latex, tone } => {
                let text = match style {
                    Style::Plain => plain,
                    Style::Pretty => pretty,
                    Style::Latex => latex,
                };
                (text.clone(), *tone, true)
            }
            Piece::Break => {
                if *in_math {
                    out.push('$');
                    *in_math = false;
                }
                out.push_str(if style == Style::Latex && !math_only { " \\\\\n" } else { "\n" });
                continue;
            }
            Piece::Raw(text) => {
                if *in_math {
                    out.push('$');
                    *in_math = false;
                }
                out.push_str(text);
                continue;
            }
            Piece::Only(only, inner) => {
                if *only == style {
                    write(inner, style, paint, math_only, in_math, out);
                }
                continue;
            }
        };
        if text.is_empty() {
            continue;
        }
        if style == Style::Latex && !math_only && math != *in_math {
            out.push('$');
            *in_math = math;
        }
        out.push_str(&paint(&text, tone));
    }
}

fn latex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '_' | '%' | '&' | '#' | '{' | '}' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '^' => out.push_str("\\^{}"),
            '~' => out.push_str("\\~{}"),
            '→' => out.push_str("$\\to$"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::parse::parse;

    #[test]
    fn three_styles_from_one_markup() {
        let m = Markup::new().text("slope at x = 3: ").math(&parse("x^2/2").unwrap());
        assert_eq!(format(&m, Style::Plain, &no_paint), "slope at x = 3: x^2/2");
        assert_eq!(format(&m, Style::Pretty, &no_paint), "slope at x = 3: x²/2");
        assert_eq!(format(&m, Style::Latex, &no_paint), "slope at x = 3: $\\frac{x^{2}}{2}$");
        let only = Markup::new().math(&parse("3x^2").unwrap());
        assert_eq!(format(&only, Style::Latex, &no_paint), "3 x^{2}");
    }
}
