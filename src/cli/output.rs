//! Output: the answer presented in the chosen format (JSON by serde, the
//! rest through the presenter's markup), colour decided once, pictures.

use super::Reply;
use super::args::{ColorChoice, Format, GlobalArgs, PlotSize};
use crate::answers::Outcome;
use crate::render::Style;
use crate::render::markup::{Tone, format};
use crate::render::present::{Options, Present};
use colored::Colorize;
use serde::Serialize;
use std::io::IsTerminal;

/// The expression style of an output format (JSON answers carry plain text).
pub fn style_of(format: Format) -> Style {
    match format {
        Format::Pretty => Style::Pretty,
        Format::Latex => Style::Latex,
        Format::Plain | Format::Json => Style::Plain,
    }
}

/// Colours, only in pretty output on a colour terminal.
fn paint(text: &str, tone: Tone) -> String {
    match tone {
        Tone::Normal => text.to_string(),
        Tone::Strong => text.bold().to_string(),
        Tone::Label => text.cyan().to_string(),
        Tone::Settled => text.green().bold().to_string(),
        Tone::Quiet => text.to_string(),
    }
}

/// An answer in the chosen format, with how it ends.
pub fn respond<A: Serialize + Present>(
    answer: &A,
    g: &GlobalArgs,
    o: &Options,
    outcome: Outcome,
    failure: Option<String>,
) -> Reply {
    let text = match g.format {
        Format::Json => serde_json::to_string(answer).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}")),
        Format::Pretty => format(&answer.markup(o), Style::Pretty, &paint),
        format_ => format(&answer.markup(o), style_of(format_), &crate::render::markup::no_paint),
    };
    Reply { text, failure, no: outcome == Outcome::No, picture: None }
}

/// A figure in the format asked for: the figure as data (JSON), pgfplots
/// code (LaTeX), or the braille drawing (and the SVG file when asked).
pub fn draw(
    fig: &crate::numeric::figure::Figure,
    size: &PlotSize,
    svg: Option<&std::path::Path>,
    g: &GlobalArgs,
) -> anyhow::Result<Reply> {
    if let Some(path) = svg {
        std::fs::write(path, crate::render::plot::svg(fig))
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    }
    let text = match g.format {
        Format::Json => serde_json::to_string(fig)?,
        Format::Latex => crate::render::plot::pgfplots(fig),
        _ => crate::render::plot::terminal(
            fig,
            size.width as usize,
            size.height as usize,
            colored::control::SHOULD_COLORIZE.should_colorize(),
        ),
    };
    Ok(Reply { text, failure: None, no: false, picture: None })
}

/// Decide colour once, the way hyperfine does. `NO_COLOR` counts only
/// when set to something (no-color.org).
pub fn decide_color(choice: ColorChoice) {
    let on = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => auto_color(
            std::io::stdout().is_terminal(),
            std::env::var_os("NO_COLOR").as_deref(),
            std::env::var("TERM").ok().as_deref(),
        ),
    };
    colored::control::set_override(on);
}

/// `--color auto`: on a terminal, unless NO_COLOR is set to something or
/// TERM is dumb.
fn auto_color(terminal: bool, no_color: Option<&std::ffi::OsStr>, term: Option<&str>) -> bool {
    terminal && no_color.is_none_or(|v| v.is_empty()) && term != Some("dumb")
}

#[cfg(test)]
mod tests {
    use super::auto_color;
    use std::ffi::OsStr;

    #[test]
    fn no_color_counts_only_when_set_to_something() {
        assert!(auto_color(true, None, Some("xterm")));
        assert!(auto_color(true, Some(OsStr::new("")), Some("xterm")));
        assert!(!auto_color(true, Some(OsStr::new("1")), Some("xterm")));
        assert!(!auto_color(true, None, Some("dumb")));
        assert!(!auto_color(false, None, None));
    }
}
