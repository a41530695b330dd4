//! The command-line layer: the only part of dcalc that prints. It parses
//! arguments, runs a command over one expression or a stream of them, and
//! decides layout and colour.

pub mod args;
mod batch;
mod commands;
pub mod generate;
pub mod heap;
mod help;
mod output;

use args::{Command, Format, GlobalArgs};
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

/// Deep (but capped) expressions recurse; give the worker room.
const STACK_BYTES: usize = 512 << 20;

/// Entry point for the binary: run on a thread with a large stack, print
/// any error once, map the outcome to grep-like exit codes.
pub fn main() -> ExitCode {
    heap::tune();
    // Under an address-space limit (ulimit -v, containers) the large stack
    // cannot be reserved: fall back to smaller ones, then to this thread.
    for bytes in [STACK_BYTES, SMALL_STACK_BYTES] {
        let worker = std::thread::Builder::new().name("dcalc".into()).stack_size(bytes).spawn(report);
        if let Ok(handle) = worker {
            return handle.join().unwrap_or_else(|_| {
                let _ = writeln!(io::stderr(), "dcalc: internal error (a panic); please report it");
                ExitCode::from(2)
            });
        }
    }
    report()
}

/// The fallback stack: enough for the nesting cap on ordinary input.
const SMALL_STACK_BYTES: usize = 32 << 20;

fn report() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            let _ = writeln!(io::stderr(), "dcalc: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe))
}

pub fn run() -> anyhow::Result<ExitCode> {
    let parsed = help::parse_args();
    let cli = match parsed {
        Ok(cli) => cli,
        Err(err) => {
            err.print()?;
            return Ok(ExitCode::from(if err.use_stderr() { 2 } else { 0 }));
        }
    };
    output::decide_color(cli.global.color);
    let mut out = BufWriter::new(io::stdout().lock());
    let g = &cli.global;
    let code = match &cli.command {
        Command::Diff(a) => each_expression(&a.expr, g, &mut out, |t| commands::diff(t, a, g))?,
        Command::Slope(a) => each_expression(&a.expr, g, &mut out, |t| commands::slope(t, a, g))?,
        Command::Secant(a) => each_expression(&a.expr, g, &mut out, |t| commands::secant(t, a, g))?,
        Command::Tangent(a) => each_expression(&a.expr, g, &mut out, |t| commands::tangent(t, a, g))?,
        Command::CheckDifferentiable(a) => {
            each_expression(&a.expr, g, &mut out, |t| commands::check(t, a, g))?
        }
        Command::Limit(a) => each_expression(&a.expr, g, &mut out, |t| commands::limit(t, a, g))?,
        Command::Grad(a) => {
            let data = commands::load_data(a.data.as_deref(), &a.expr)?;
            each_expression(&a.expr, g, &mut out, |t| commands::grad(t, a, data.clone(), g))?
        }
        Command::Descend(a) => {
            let data = commands::load_data(a.data.as_deref(), &a.expr)?;
            each_expression(&a.expr, g, &mut out, |t| commands::descend(t, a, data.clone(), g))?
        }
        Command::Plot(a) => each_expression(&a.expr, g, &mut out, |t| commands::plot(t, a, g))?,
        Command::Eval(a) => each_expression(&a.expr, g, &mut out, |t| commands::eval(t, a, g))?,
        Command::Completions { shell } => {
            out.write_all(&generate::completion(*shell))?;
            ExitCode::SUCCESS
        }
        Command::Generate { dir } => {
            generate::write_all(dir)?;
            ExitCode::SUCCESS
        }
    };
    out.flush()?;
    Ok(code)
}

thread_local! {
    /// Set while this thread answers the run's last expression (the only
    /// one, or the last line of `-`): the process exits right after it.
    static LAST_ANSWER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Mark that what this thread answers next is the run's last answer.
pub(crate) fn answering_last() {
    LAST_ANSWER.with(|last| last.set(true));
}

/// Let go of an answer once it is rendered. The run's last answer is leaked:
/// the process exits next and the OS takes the pages back at once, where
/// walking a 10,000-term derivative to free it node by node costs 5-10% of
/// the run. Every other answer is freed as usual.
pub(crate) fn release<T>(answer: T) {
    if LAST_ANSWER.with(|last| last.get()) {
        std::mem::forget(answer);
    }
}

/// A command's answer to one expression: the text for stdout and, when the
/// answer is partial (a table whose limit does not exist), why, for stderr.
pub struct Reply {
    pub text: String,
    pub failure: Option<String>,
    /// A "no" answer (not differentiable): exit status 1, like grep.
    pub no: bool,
    /// A picture drawn under the answer (`--plot`).
    pub picture: Option<String>,
}

impl Reply {
    fn with_picture(mut self, picture: Option<String>) -> Reply {
        self.picture = picture;
        self
    }

    /// The text, with the picture below it.
    fn output(&self) -> String {
        match &self.picture {
            Some(p) => format!("{}\n\n{p}", self.text),
            None => self.text.clone(),
        }
    }
}

/// Answer one expression, or with `-` every line of stdin in order, one
/// output line per input line (DESIGN.md §4): a blank or comment line gives
/// an empty line, a failing line an empty line (in JSON, an error object)
/// with its error on stderr, and the exit status is 2 if any line failed.
fn each_expression(
    expr: &str,
    global: &GlobalArgs,
    out: &mut impl Write,
    answer: impl Fn(&str) -> anyhow::Result<Reply> + Sync,
) -> anyhow::Result<ExitCode> {
    let json = global.format == Format::Json;
    // Notes are collected with the answer, so that they come out in order.
    let notes = |text: &str| -> Vec<String> {
        crate::engine::parse::glued_names(text)
            .into_iter()
            .map(|(name, function, rest)| {
                format!("note: '{name}' is one variable; did you mean {function}({rest})?")
            })
            .collect()
    };
    if expr != "-" {
        answering_last();
        for note in notes(expr) {
            let _ = writeln!(io::stderr(), "{note}");
        }
        return Ok(match answer(expr) {
            Ok(reply) => {
                writeln!(out, "{}", reply.output())?;
                match reply.failure {
                    None if reply.no => ExitCode::from(1),
                    None => ExitCode::SUCCESS,
                    Some(why) => {
                        out.flush()?;
                        let _ = writeln!(io::stderr(), "dcalc: {why}");
                        ExitCode::from(2)
                    }
                }
            }
            Err(err) if json && !is_broken_pipe(&err) => {
                writeln!(out, "{}", error_json(&err, expr, None))?;
                out.flush()?;
                let _ = writeln!(io::stderr(), "dcalc: {err:#}");
                ExitCode::from(2)
            }
            Err(err) => return Err(err),
        });
    }
    let answer =
        |text: &str| batch::Answered { notes: notes(text), reply: (!is_blank(text)).then(|| answer(text)) };
    let (mut failed, mut no) = (false, false);
    let threads = if batch::interactive() { 1 } else { batch::threads() };
    let mut stdin = io::stdin().lock();
    let mut first = 1;
    loop {
        let lines = batch::read_chunk(&mut stdin, first, batch::chunk_for(threads))?;
        if lines.is_empty() {
            break;
        }
        first += lines.len();
        let answers = batch::answer_all(&lines, threads, &answer);
        for (line, answered) in lines.iter().zip(answers) {
            for note in &answered.notes {
                let _ = writeln!(io::stderr(), "{note}");
            }
            let number = line.number;
            let (text, result) = match (&line.text, answered.reply) {
                (Err(why), _) => (String::new(), Err(anyhow::anyhow!("{why}"))),
                (Ok(_), None) => {
                    writeln!(out)?;
                    continue;
                }
                (Ok(text), Some(reply)) => (text.clone(), reply),
            };
            match result {
                Ok(reply) if reply.failure.is_none() => {
                    no |= reply.no;
                    writeln!(out, "{}", reply.output())?
                }
                Ok(reply) => {
                    let why = reply.failure.clone().unwrap_or_default();
                    failed = true;
                    writeln!(out, "{}", reply.output())?;
                    let _ = writeln!(io::stderr(), "dcalc: line {number}: {why}");
                }
                Err(err) if is_broken_pipe(&err) => return Err(err),
                Err(err) => {
                    failed = true;
                    if json {
                        writeln!(out, "{}", error_json(&err, &text, Some(number)))?;
                    } else {
                        writeln!(out)?;
                    }
                    let _ = writeln!(io::stderr(), "dcalc: line {number}: {err:#}");
                }
            }
        }
        // Each chunk's answers go out before the next is read.
        out.flush()?;
    }
    Ok(if failed {
        ExitCode::from(2)
    } else if no {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// A line with nothing to answer: blank, or only a `#` comment.
fn is_blank(text: &str) -> bool {
    let t = text.trim();
    t.is_empty() || t.starts_with('#')
}

/// `{"error": {"message", "line", "column"}, "input"}`: the column (1-based,
/// in characters) of the bad spot when the error points at one.
fn error_json(err: &anyhow::Error, input: &str, line: Option<usize>) -> serde_json::Value {
    let spot = err.chain().find_map(|e| {
        e.downcast_ref::<crate::engine::error::InputError>().or_else(|| {
            match e.downcast_ref::<crate::answers::Failure>() {
                Some(crate::answers::Failure::Input(i)) => Some(i),
                _ => None,
            }
        })
    });
    let column = spot.filter(|e| e.input == input).map(|e| e.input[..e.span.start].chars().count() + 1);
    let message = match spot {
        Some(e) => e.message.clone(),
        None => format!("{err:#}"),
    };
    serde_json::json!({
        "error": {"message": message, "line": line.unwrap_or(1), "column": column},
        "input": input,
    })
}
