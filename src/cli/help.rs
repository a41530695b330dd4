//! Help text built at run time: the function list comes from the function
//! table (so it cannot go stale), each subcommand ends with examples, and
//! the man pages get EXAMPLES, EXIT STATUS and ENVIRONMENT sections.

use super::args::Cli;
use clap::{CommandFactory, FromArgMatches};

/// Examples for each subcommand: (command line, what it shows).
pub const EXAMPLES: &[(&str, &[(&str, &str)])] = &[
    (
        "diff",
        &[
            ("dcalc diff \"x^3\"", "3*x^2"),
            ("dcalc diff \"(w*x + b - y)^2\" --wrt w", "2*x*(w*x + b - y)"),
            ("dcalc diff \"sin(x)\" --at 1", "cos(1)  # ~0.54030230586814"),
            ("dcalc diff \"x^2\" --steps", "the rules applied, in order"),
            ("dcalc diff \"x^3\" | dcalc diff -", "6*x (plain output pipes back in)"),
        ],
    ),
    (
        "slope",
        &[
            ("dcalc slope \"x^2\" --at 3", "the difference quotients from both sides, the limit 6"),
            ("dcalc slope \"(w*2 + b - 5)^2\" --wrt w --at w=1,b=0", "nudge w, hold b: -12"),
        ],
    ),
    (
        "secant",
        &[
            ("dcalc secant \"x^2\" --from 1 --to 4", "average rate 5, y = 5*x - 4"),
            ("dcalc secant \"x^2\" --at 1 --h 3", "the same, the lesson's way"),
        ],
    ),
    (
        "tangent",
        &[
            ("dcalc tangent \"x^2\" --at 3", "y = 6*x - 9"),
            ("dcalc tangent \"sin(x)\" --at 0 --plot", "with a picture"),
        ],
    ),
    (
        "eval",
        &[
            ("dcalc eval \"x^2\" --at 1/3", "1/9"),
            ("dcalc eval \"x/x\" --at 0", "error: undefined at 0; its limit there is 1"),
        ],
    ),
    (
        "limit",
        &[
            ("dcalc limit \"sin(x)/x\" --at 0", "1"),
            ("dcalc limit \"(1+1/x)^x\" --at inf", "e"),
            ("dcalc limit \"x*ln(x)\" --at 0 --side right", "0"),
            ("dcalc limit \"abs(x)/x\" --at 0", "does not exist: left -1, right 1 (exit 1)"),
        ],
    ),
    (
        "check-differentiable",
        &[
            ("dcalc check-differentiable \"abs(x)\" --at 0", "corner (exit 1)"),
            (
                "dcalc check-differentiable \"if x < 1 then x^2 else 2x - 1\" --at 1",
                "differentiable, f'(1) = 2",
            ),
            ("dcalc check-differentiable \"abs(x-1) + relu(x+2)\" --on -3..3", "x = -2 and x = 1"),
        ],
    ),
    (
        "grad",
        &[
            ("dcalc grad \"x^2*y + y^3\"", "d/dx: 2*x*y, d/dy: x^2 + 3*y^2"),
            ("dcalc grad \"(w*2 + b - 5)^2\" --at w=1,b=0", "d/dw: -12, d/db: -6"),
        ],
    ),
    (
        "descend",
        &[(
            "dcalc descend \"(w*x + b - y)^2\" --data points.csv --from w=0,b=0 --rate 0.05 --iterations 2000",
            "gradient descent over a CSV file",
        )],
    ),
    (
        "plot",
        &[
            ("dcalc plot \"x^2\" --from -2 --to 4 --tangent-at 3", "braille in the terminal"),
            ("dcalc plot \"sin(x)\" --secant 0,2 --svg plot.svg", "and an SVG file"),
        ],
    ),
];

const EXIT_STATUS: &str = "Exit status, as grep: 0 success (and \"yes\" for check-differentiable), \
1 a \"no\" answer (not differentiable, the limit does not exist), 2 any error (usage, parse, domain, \
could not decide).";

const ENVIRONMENT: &str = "NO_COLOR: when set to a non-empty value, no colour (--color auto). \
TERM=dumb: no colour (--color auto). Colour is only ever used in --format pretty on a terminal. \
DCALC_THREADS: how many threads answer the lines of - (default: every core); 1 answers each line \
as it arrives, for a program that waits for each answer.";

/// Every function of the table, a line each.
pub fn function_list() -> String {
    let mut out = String::from("Functions:\n");
    for def in crate::engine::functions::Function::all() {
        // Two-argument entries name their arguments in the help line.
        let (signature, text) = match def.help.split_once(": ") {
            Some((sig, text)) if sig.starts_with(def.name) => (sig.to_string(), text),
            _ if def.arity == [2] => (format!("{}(a, b)", def.name), def.help),
            _ => (format!("{}(u)", def.name), def.help),
        };
        out.push_str(&format!("  {signature:<17} {text}\n"));
    }
    out
}

fn examples_text(list: &[(&str, &str)]) -> String {
    let mut out = String::from("Examples:\n");
    for (cmd, what) in list {
        out.push_str(&format!("  {cmd}\n      {what}\n"));
    }
    out
}

/// The command line, parsed. The generated texts only show in help, so a
/// run that parses cleanly does without them: building them and then
/// dropping clap's whole definition was a third of a cold start's
/// instructions. Anything else (help, version, a usage error) is parsed
/// again with the full definition, so every message is what it was.
pub fn parse_args() -> Result<Cli, clap::Error> {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // Left to the OS at exit, like the run's last answer.
    let lean = Box::leak(Box::new(lean_command()));
    if let Ok(cli) = lean.try_get_matches_from_mut(&args).and_then(|m| Cli::from_arg_matches(&m)) {
        return Ok(cli);
    }
    command().try_get_matches_from(&args).and_then(|m| Cli::from_arg_matches(&m))
}

/// What adds a subcommand's options to its definition.
type AddOptions = fn(clap::Command) -> clap::Command;

/// The command line definition a clean parse needs: the global options and
/// the subcommands, each subcommand's options built only when it is named
/// (clap's `defer`), no texts. Building every subcommand's options was a
/// fifth of a cold start. A subcommand missing here, like anything that
/// does not parse, goes to the full definition; a test checks that the two
/// agree.
fn lean_command() -> clap::Command {
    use super::args::*;
    use clap::Args;
    let subcommands: [(&str, AddOptions); 10] = [
        ("diff", DiffArgs::augment_args),
        ("slope", SlopeArgs::augment_args),
        ("secant", SecantArgs::augment_args),
        ("tangent", TangentArgs::augment_args),
        ("eval", EvalArgs::augment_args),
        ("limit", LimitArgs::augment_args),
        ("check-differentiable", CheckArgs::augment_args),
        ("grad", GradArgs::augment_args),
        ("descend", DescendArgs::augment_args),
        ("plot", PlotArgs::augment_args),
    ];
    GlobalArgs::augment_args(clap::Command::new("dcalc"))
        .subcommands(subcommands.map(|(name, options)| clap::Command::new(name).defer(options)))
}

/// The command line definition with the generated texts added.
pub fn command() -> clap::Command {
    let about = format!(
        "Derivatives from the shell: exact, explained, scriptable.\n\n\
         Expressions use ^ or ** for powers, implicit multiplication (2x, 3sin(x), (x+1)(x-1)), \
         piecewise functions (if x < 1 then x^2 else 2x - 1) and # comments. Implicit \
         multiplication binds tighter than /, so 1/2x is 1/(2x). An expression is defined where \
         it is as typed: x/x is undefined at 0.\n\n{}\n{EXIT_STATUS}\n\n{ENVIRONMENT}",
        function_list()
    );
    let mut cmd = Cli::command().long_about(about);
    for (name, list) in EXAMPLES {
        let text = examples_text(list);
        cmd = cmd.mut_subcommand(*name, |sub| sub.after_help(text.clone()).after_long_help(text));
    }
    cmd
}

/// roff for the extra man page sections.
pub fn man_sections(examples: &[(&str, &str)]) -> String {
    let escape = |s: &str| s.replace('\\', "\\\\").replace('-', "\\-");
    let mut out = String::from(".SH EXAMPLES\n");
    for (cmd, what) in examples {
        out.push_str(&format!(".TP\n.B {}\n{}\n", escape(cmd), escape(what)));
    }
    out.push_str(&format!(".SH \"EXIT STATUS\"\n{}\n", escape(EXIT_STATUS)));
    out.push_str(&format!(".SH ENVIRONMENT\n{}\n", escape(ENVIRONMENT)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A command line split as a shell would (double quotes), up to a pipe.
    fn words(line: &str) -> Vec<String> {
        let (mut out, mut word, mut quoted) = (Vec::new(), String::new(), false);
        for c in line.chars() {
            match c {
                '"' => quoted = !quoted,
                '|' if !quoted => break,
                ' ' if !quoted => out.extend((!word.is_empty()).then(|| std::mem::take(&mut word))),
                _ => word.push(c),
            }
        }
        out.extend((!word.is_empty()).then_some(word));
        out
    }

    const MORE: &[&str] = &[
        "dcalc --format json diff x^2",
        "dcalc diff x^2 --format latex --color never --digits 5",
        "dcalc --digits 7 --color always diff - --wrt x",
        "dcalc diff \"sin(x)\" --order 3 --notation leibniz",
        "dcalc diff x^2 --check 2*x",
        "dcalc diff x^2 --definition",
        "dcalc diff x^2 --steps --definition",
        "dcalc diff x^2 --order 101",
        "dcalc diff -x --at -1",
        "dcalc slope x^2 --at 1 --rows 15 --plot --wrt x",
        "dcalc secant x^2 --from -1 --to 2 --plot",
        "dcalc secant x^2 --from 1",
        "dcalc secant x^2 --from 1 --h 2",
        "dcalc tangent x^2 --at -2 --wrt x",
        "dcalc eval x --at x=2,y=3",
        "dcalc limit 1/x --at 0 --side left",
        "dcalc limit 1/x --at 0 --side up",
        "dcalc check-differentiable abs(x) --on -1..1 --max-points 10",
        "dcalc check-differentiable abs(x)",
        "dcalc grad x*y --wrt x,y --at x=1,y=2 --tape",
        "dcalc grad x*y --order 2 --at x=1,y=2",
        "dcalc grad x*y --tape",
        "dcalc descend (w-3)^2 --from w=0 --rate 0.1 --iterations 50 --optimizer adam --betas 0.8,0.99",
        "dcalc descend (w-3)^2 --from w=0 --optimizer momentum --momentum 0.5 --every 5 --tolerance 1e-9",
        "dcalc descend (w*x-y)^2 --from w=0 --data d.csv --batch-size 2 --seed 3 --wrt w --plot",
        "dcalc plot x^2 --from -1 --to 1 --derivative --width 40 --height 10 --size small",
        "dcalc plot x^2 --secant 0,1 --tangent-at 1 --svg a.svg",
        "dcalc diff",
        "dcalc",
        "dcalc --version",
        "dcalc diff --help",
        "dcalc completions bash",
        "dcalc generate out",
        "dcalc dif x",
        "dcalc diff x --bogus",
        "dcalc --format yaml diff x",
        "dcalc diff x y",
    ];

    /// The lean definition may refuse what the full one takes (the full one
    /// then parses it) but never take a line differently, or take one the
    /// full definition refuses.
    #[test]
    fn the_lean_definition_parses_as_the_full_one() {
        let examples = EXAMPLES.iter().flat_map(|(_, lines)| lines.iter().map(|(line, _)| *line));
        let mut agreed = 0;
        for line in examples.chain(MORE.iter().copied()) {
            let args = words(line);
            let full = command().try_get_matches_from(&args).and_then(|m| Cli::from_arg_matches(&m));
            let lean = lean_command().try_get_matches_from(&args).and_then(|m| Cli::from_arg_matches(&m));
            match (lean, full) {
                (Ok(lean), Ok(full)) => {
                    assert_eq!(format!("{lean:?}"), format!("{full:?}"), "{line}");
                    agreed += 1;
                }
                (Ok(lean), Err(e)) => {
                    panic!("{line}: the lean definition takes it ({lean:?}), the full one says {e}")
                }
                (Err(_), _) => {}
            }
        }
        assert!(agreed >= 40, "only {agreed} lines parsed by both");
    }

    /// A subcommand missing from the lean definition, or misspelt there,
    /// would only ever be parsed the slow way: the lists must match.
    #[test]
    fn the_lean_definition_has_every_subcommand() {
        let names = |cmd: clap::Command, hidden: bool| -> Vec<String> {
            let subs = cmd.get_subcommands().filter(|s| hidden || !s.is_hide_set());
            subs.map(|s| s.get_name().to_string()).collect()
        };
        assert_eq!(names(lean_command(), true), names(command(), false));
    }
}
