//! `dcalc descend`: gradient descent with the symbolic gradient, shown as a
//! table of iterations (thinned to about 20 rows), with a clear stop when
//! it converges or diverges.

use super::args::{DescendArgs, Format, GlobalArgs};
use super::grad::parameters;
use crate::data::Data;
use crate::descent::{Objective, Step, Stop, descend};
use crate::number;
use crate::parse::parse_value;
use crate::point::parse_point;
use serde_json::json;

/// Rows shown when --every is not given.
const ROWS: u64 = 20;
/// Significant digits in the table.
const TABLE_DIGITS: u32 = 10;

pub struct Answer {
    pub text: String,
    pub failure: Option<String>,
}

pub fn answer(text: &str, args: &DescendArgs, global: &GlobalArgs) -> anyhow::Result<Answer> {
    let loss = crate::parse(text)?;
    let data = args.data.as_deref().map(Data::load).transpose()?;
    let params = parameters(text, &loss, &args.wrt, data.as_ref())?;
    let rate = rate(&args.rate)?;
    let start = start(&args.from, &params)?;
    let objective = Objective::new(&loss, params.clone(), data)?;
    let (steps, stop) = descend(&objective, start, rate, args.iterations as usize, args.tolerance);
    let every = args
        .every
        .unwrap_or_else(|| if args.iterations <= ROWS { 1 } else { args.iterations.div_ceil(ROWS) });
    let shown: Vec<&Step> = steps
        .iter()
        .enumerate()
        .filter(|(i, _)| (*i as u64).is_multiple_of(every) || *i == steps.len() - 1)
        .map(|(_, s)| s)
        .collect();
    let last = steps.last().ok_or_else(|| anyhow::anyhow!("no iterations"))?;
    let failure = match &stop {
        Stop::Diverged(why) => Some(format!(
            "descend {text}: the iteration diverges ({why}): the rate {} is too large; try a smaller one, such as {}",
            args.rate,
            number::round_decimal(&number::from_f64(rate / 2.0).unwrap_or_default(), 6)
        )),
        _ => None,
    };
    let text = match global.format {
        Format::Json => json_text(text, &params, rate, &shown, last, &stop),
        _ => table(&params, &shown, last, &stop, args, global.digits),
    };
    Ok(Answer { text, failure })
}

fn rate(text: &str) -> anyhow::Result<f64> {
    let value = parse_value(text)?;
    let r = crate::precise::value(&value)?;
    if !(r > 0.0 && r.is_finite()) {
        anyhow::bail!("--rate {text}: the rate must be a positive number");
    }
    Ok(r)
}

fn start(from: &str, params: &[String]) -> anyhow::Result<Vec<f64>> {
    let point = parse_point(from, params.first().map_or("x", String::as_str))?;
    let approx = point.approximate()?;
    params
        .iter()
        .map(|p| {
            approx
                .get(p)
                .copied()
                .ok_or_else(|| anyhow::anyhow!("--from gives no value for the parameter {p}"))
        })
        .collect()
}

fn num(v: f64, digits: u32) -> String {
    match number::from_f64(v) {
        Some(q) => number::round_decimal(&q, digits),
        None => super::output::json_number(v).to_string().trim_matches('"').to_string(),
    }
}

fn table(
    params: &[String],
    shown: &[&Step],
    last: &Step,
    stop: &Stop,
    args: &DescendArgs,
    digits: u32,
) -> String {
    let mut header = vec!["iteration".to_string()];
    header.extend(params.iter().cloned());
    header.push("loss".into());
    header.extend(params.iter().map(|p| format!("dL/d{p}")));
    let rows: Vec<Vec<String>> = shown
        .iter()
        .map(|s| {
            let mut row = vec![s.iteration.to_string()];
            row.extend(s.point.iter().map(|v| num(*v, TABLE_DIGITS)));
            row.push(num(s.loss, TABLE_DIGITS));
            row.extend(s.gradient.iter().map(|g| num(*g, TABLE_DIGITS)));
            row
        })
        .collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|c| rows.iter().map(|r| r[c].len()).chain([header[c].len()]).max().unwrap_or(0))
        .collect();
    let line = |cells: &[String]| {
        cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    let mut out = vec![line(&header)];
    out.extend(rows.iter().map(|r| line(r)));
    let point: Vec<String> =
        params.iter().zip(&last.point).map(|(p, v)| format!("{p} = {}", num(*v, digits))).collect();
    let how = match stop {
        Stop::Iterations => format!("after {} iterations", args.iterations),
        Stop::Converged => {
            format!("converged at iteration {}: gradient norm below {:e}", last.iteration, args.tolerance)
        }
        Stop::Diverged(_) => format!("stopped at iteration {}: diverging", last.iteration),
    };
    out.push(format!("final: {}; loss = {} ({how})", point.join(", "), num(last.loss, digits)));
    out.join("\n")
}

fn json_text(input: &str, params: &[String], rate: f64, shown: &[&Step], last: &Step, stop: &Stop) -> String {
    let obj = |s: &Step| {
        let point: serde_json::Map<String, serde_json::Value> =
            params.iter().zip(&s.point).map(|(p, v)| (p.clone(), super::output::json_number(*v))).collect();
        let grad: serde_json::Map<String, serde_json::Value> = params
            .iter()
            .zip(&s.gradient)
            .map(|(p, v)| (p.clone(), super::output::json_number(*v)))
            .collect();
        json!({"iteration": s.iteration, "point": point, "loss": super::output::json_number(s.loss), "gradient": grad})
    };
    let stop = match stop {
        Stop::Iterations => "iterations",
        Stop::Converged => "converged",
        Stop::Diverged(_) => "diverged",
    };
    let mut fin = obj(last);
    fin["stop"] = json!(stop);
    json!({
        "input": input,
        "wrt": params,
        "rate": rate,
        "iterations": shown.iter().map(|s| obj(s)).collect::<Vec<_>>(),
        "final": fin,
    })
    .to_string()
}
