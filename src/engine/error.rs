//! Errors about the user's input, carrying the span to point a caret at.

use std::fmt;
use std::ops::Range;

/// Characters of context shown either side of the caret on long inputs.
const CONTEXT: usize = 40;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub message: String,
    pub input: String,
    /// Byte range of the offending text in `input`.
    pub span: Range<usize>,
    pub help: Option<String>,
}

impl InputError {
    pub fn new(message: impl Into<String>, input: &str, span: Range<usize>) -> InputError {
        let start = floor_boundary(input, span.start.min(input.len()));
        let end = floor_boundary(input, span.end.clamp(start, input.len()));
        InputError { message: message.into(), input: input.to_string(), span: start..end, help: None }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> InputError {
        self.help = Some(help.into());
        self
    }

    /// The input line (cut to a window around the span on long inputs)
    /// and a caret line under the span.
    pub fn snippet(&self) -> (String, String) {
        let line_start = self.input[..self.span.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end =
            self.input[self.span.start..].find('\n').map_or(self.input.len(), |i| self.span.start + i);
        let line = &self.input[line_start..line_end];
        let before: Vec<char> = self.input[line_start..self.span.start].chars().collect();
        let skip = before.len().saturating_sub(CONTEXT);
        let width = self.input[self.span.start..self.span.end.min(line_end)].chars().count().max(1);
        let shown: String = line.chars().skip(skip).take(CONTEXT * 2 + width).collect();
        let prefix = if skip > 0 { "…" } else { "" };
        let suffix = if line.chars().count() > skip + CONTEXT * 2 + width { "…" } else { "" };
        let caret_at = before.len() - skip + prefix.chars().count();
        let shown = format!("{prefix}{shown}{suffix}");
        let carets = format!("{}{}", " ".repeat(caret_at), "^".repeat(width.min(CONTEXT)));
        (shown, carets)
    }
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (line, carets) = self.snippet();
        write!(f, "{}\n  {line}\n  {carets}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

impl std::error::Error for InputError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_sits_under_the_span() {
        let e = InputError::new("expected an expression", "x +* 2", 3..4);
        assert_eq!(e.to_string(), "expected an expression\n  x +* 2\n     ^");
    }

    #[test]
    fn long_inputs_are_windowed() {
        let input = format!("{}$", "x+".repeat(1000));
        let e = InputError::new("bad", &input, 2000..2001);
        let (line, carets) = e.snippet();
        assert!(line.len() < 200);
        assert_eq!(line.chars().nth(carets.len() - 1), Some('$'));
    }
}
