//! Each command as wiring: its arguments become a request to the core
//! (`crate::answers`), and the answer goes to the presenter. No
//! computation and no prose here.

use super::Reply;
use super::args::{
    CheckArgs, DescendArgs, DiffArgs, EvalArgs, GlobalArgs, GradArgs, LimitArgs, OptimizerName, PlotArgs,
    SecantArgs, SideChoice, SlopeArgs, TangentArgs,
};
use super::output::{draw, respond};
use crate::answers::plot::{Overlays, figure};
use crate::answers::rates::Interval;
use crate::answers::{self, Answered, Outcome, Subject};
use crate::ml::data::Data;
use crate::ml::descent::Optimizer;
use crate::render::present::{self, Options};

/// A core failure as an error for the CLI: worded by the presenter, the
/// input error kept whole so its caret and column survive.
trait IntoCli<T> {
    fn cli(self) -> anyhow::Result<T>;
}

impl<T> IntoCli<T> for Answered<T> {
    fn cli(self) -> anyhow::Result<T> {
        self.map_err(|f| match f {
            answers::Failure::Input(e) => anyhow::Error::from(e),
            other => anyhow::anyhow!(present::failure_text(&other)),
        })
    }
}

fn options(g: &GlobalArgs, notation: present::Notation) -> Options {
    Options { digits: g.digits, notation }
}

pub fn diff(text: &str, a: &DiffArgs, g: &GlobalArgs) -> anyhow::Result<Reply> {
    let o = options(g, a.notation.into());
    if let Some(given) = &a.check {
        let answer = answers::learn::grade(text, a.wrt.as_deref(), a.order, given).cli()?;
        let outcome = if answer.correct { Outcome::Yes } else { Outcome::No };
        return Ok(respond(&answer, g, &o, outcome, None));
    }
    if a.steps {
        let answer = answers::learn::steps(text, a.wrt.as_deref(), a.order).cli()?;
        return Ok(respond(&answer, g, &o, Outcome::Yes, None));
    }
    if a.definition {
        let answer = answers::learn::definition(text, a.wrt.as_deref(), a.at.as_deref(), g.digits).cli()?;
        return Ok(respond(&answer, g, &o, Outcome::Yes, None));
    }
    let answer = answers::diff::diff(text, a.wrt.as_deref(), a.order, a.at.as_deref(), g.digits).cli()?;
    let reply = respond(&answer, g, &o, Outcome::Yes, None);
    super::release(answer);
    Ok(reply)
}

pub fn eval(text: &str, a: &EvalArgs, g: &GlobalArgs) -> anyhow::Result<Reply> {
    let answer = answers::eval::eval(text, a.at.as_deref(), g.digits).cli()?;
    Ok(respond(&answer, g, &options(g, Default::default()), Outcome::Yes, None))
}

pub fn limit(text: &str, a: &LimitArgs, g: &GlobalArgs) -> anyhow::Result<Reply> {
    let side = match a.side {
        None => answers::limit::Side::Both,
        Some(SideChoice::Left) => answers::limit::Side::Left,
        Some(SideChoice::Right) => answers::limit::Side::Right,
    };
    let answer = answers::limit::limit(text, &a.at, side, a.wrt.as_deref()).cli()?;
    let failure = present::limit_failure(&answer);
    Ok(respond(&answer, g, &options(g, Default::default()), answer.outcome(), failure))
}

pub fn check(text: &str, a: &CheckArgs, g: &GlobalArgs) -> anyhow::Result<Reply> {
    let o = options(g, Default::default());
    match (&a.at, &a.on) {
        (Some(at), _) => {
            let answer = answers::check::at_point(text, at, a.wrt.as_deref()).cli()?;
            let failure = present::check_failure(&answer);
            Ok(respond(&answer, g, &o, answer.outcome(), failure))
        }
        (None, Some(on)) => {
            let answer = answers::check::on_interval(text, on, a.wrt.as_deref(), a.max_points).cli()?;
            let failure = present::scan_failure(&answer);
            Ok(respond(&answer, g, &o, answer.outcome(), failure))
        }
        (None, None) => anyhow::bail!("give a point with --at or an interval with --on"),
    }
}

pub fn slope(text: &str, a: &SlopeArgs, g: &GlobalArgs) -> anyhow::Result<Reply> {
    let answer = answers::rates::slope(text, &a.at, a.wrt.as_deref(), a.rows, g.digits)
        .cli()
        .map_err(|e| e.context(format!("slope of {text} at {}", a.at)))?;
    let failure = present::slope_failure(&answer);
    // The secants pivot into the tangent: the picture of the slope's limit.
    let overlays = Overlays { secants_at: Some(answer.subject.a()), ..Overlays::default() };
    let picture = plot_below(a.plot && failure.is_none(), &answer.subject, &overlays, g)?;
    Ok(respond(&answer, g, &options(g, Default::default()), answer.outcome(), failure).with_picture(picture))
}

pub fn secant(text: &str, a: &SecantArgs, g: &GlobalArgs) -> anyhow::Result<Reply> {
    let interval = match (&a.from, &a.to, &a.h) {
        (Some(from), Some(to), _) => Interval::FromTo(from, to),
        (_, _, Some(h)) => Interval::AtWidth(h),
        _ => anyhow::bail!("give the interval as --from A --to B, or as --at A --h H"),
    };
    let answer = answers::rates::secant_of(text, interval, a.at.as_deref(), a.wrt.as_deref(), g.digits)
        .cli()
        .map_err(|e| e.context(format!("secant of {text}")))?;
    let overlays = Overlays { secant: Some((answer.from.clone(), answer.to.clone())), ..Overlays::default() };
    let picture = plot_below(a.plot, &answer.subject, &overlays, g)?;
    Ok(respond(&answer, g, &options(g, Default::default()), Outcome::Yes, None).with_picture(picture))
}

pub fn tangent(text: &str, a: &TangentArgs, g: &GlobalArgs) -> anyhow::Result<Reply> {
    let answer = answers::rates::tangent_at(text, &a.at, a.wrt.as_deref(), g.digits)
        .cli()
        .map_err(|e| e.context(format!("tangent to {text} at {}", a.at)))?;
    let overlays = Overlays { tangent_at: Some(answer.tangent.a.clone()), ..Overlays::default() };
    let picture = plot_below(a.plot, &answer.subject, &overlays, g)?;
    Ok(respond(&answer, g, &options(g, Default::default()), Outcome::Yes, None).with_picture(picture))
}

/// The CSV of `--data`, read once for every expression; `-` is stdin.
pub fn load_data(path: Option<&std::path::Path>, expr: &str) -> anyhow::Result<Option<Data>> {
    match path {
        None => Ok(None),
        Some(p) if p.as_os_str() == "-" => {
            if expr == "-" {
                anyhow::bail!("--data - and the expression - both read stdin: give one of them as a file");
            }
            Ok(Some(Data::read(std::io::stdin().lock(), "stdin")?))
        }
        Some(p) => Ok(Some(Data::load(p)?)),
    }
}

pub fn grad(text: &str, a: &GradArgs, data: Option<Data>, g: &GlobalArgs) -> anyhow::Result<Reply> {
    if a.tape {
        let at = a.at.as_deref().unwrap_or_default();
        let answer = answers::tape::tape(text, &a.wrt, at).cli()?;
        return Ok(respond(&answer, g, &options(g, Default::default()), Outcome::Yes, None));
    }
    if a.order == 2 {
        let answer = answers::hessian::hessian(text, &a.wrt, a.at.as_deref(), data, g.digits).cli()?;
        return Ok(respond(&answer, g, &options(g, Default::default()), Outcome::Yes, None));
    }
    let answer = answers::grad::grad(text, &a.wrt, a.at.as_deref(), data, g.digits).cli()?;
    Ok(respond(&answer, g, &options(g, Default::default()), Outcome::Yes, None))
}

pub fn descend(text: &str, a: &DescendArgs, data: Option<Data>, g: &GlobalArgs) -> anyhow::Result<Reply> {
    let optimizer = match a.optimizer {
        OptimizerName::Sgd => Optimizer::Sgd,
        OptimizerName::Momentum => Optimizer::Momentum { momentum: a.momentum },
        OptimizerName::Adam => {
            let [beta1, beta2] = a.betas[..] else { anyhow::bail!("--betas takes two numbers: B1,B2") };
            Optimizer::Adam { beta1, beta2, eps: a.eps }
        }
    };
    let request = answers::descend::Descent {
        from: &a.from,
        rate: a.rate.as_deref(),
        iterations: a.iterations,
        wrt: &a.wrt,
        every: a.every,
        tolerance: a.tolerance,
        optimizer,
        batch: a.batch_size.map(|n| (usize::try_from(n).unwrap_or(usize::MAX), a.seed)),
    };
    let answer = answers::descend::run(text, &request, data).cli()?;
    let failure = present::divergence_text(&answer);
    let reply = respond(&answer, g, &options(g, Default::default()), answer.outcome(), failure);
    if !a.plot && a.svg.is_none() {
        return Ok(reply);
    }
    let curve = answers::descend::loss_curve(&answer);
    let size = super::args::PlotSize { width: 60, height: 16 };
    let picture = draw(&curve, &size, a.svg.as_deref(), g)?.text;
    let shown = a.plot && g.format != super::args::Format::Json;
    Ok(reply.with_picture(shown.then_some(picture)))
}

pub fn plot(text: &str, a: &PlotArgs, g: &GlobalArgs) -> anyhow::Result<Reply> {
    let request = answers::plot::PlotRequest {
        wrt: a.wrt.as_deref(),
        tangent_at: a.tangent_at.as_deref(),
        secant: a.secant.as_deref(),
        secants_at: a.secants_at.as_deref(),
        derivative: a.derivative,
        range: (a.from.as_deref(), a.to.as_deref()),
    };
    let fig = answers::plot::plot(text, &request).cli()?;
    draw(&fig, &a.size, a.svg.as_deref(), g)
}

/// The picture under a rate's answer (`--plot`).
fn plot_below(
    wanted: bool,
    s: &Subject,
    overlays: &Overlays,
    g: &GlobalArgs,
) -> anyhow::Result<Option<String>> {
    if !wanted || g.format == super::args::Format::Json {
        return Ok(None);
    }
    let size = super::args::PlotSize { width: 60, height: 16 };
    let fig = figure(s, overlays, None).cli()?;
    Ok(Some(draw(&fig, &size, None, g)?.text))
}
