//! `grad --order 2`: the Hessian, every second partial derivative, exact
//! and symmetric, with values at a point (exact) or over data (the mean).

use super::{Answered, Failure, Value};
use crate::engine::expr::Expr;
use crate::engine::point::parse_point;
use crate::ml::data::Data;
use crate::numeric::eval::substitute;
use crate::numeric::tape::{Column, Tape};
use crate::render::plain;
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::collections::{BTreeMap, HashMap};

#[derive(Clone, Debug)]
pub struct HessianAnswer {
    pub input: String,
    pub wrt: Vec<String>,
    /// Row i, column j: ∂²f/∂wrt[i]∂wrt[j].
    pub hessian: Vec<Vec<Expr>>,
    pub at: Option<BTreeMap<String, String>>,
    pub values: Option<Vec<Vec<Value>>>,
}

impl HessianAnswer {
    /// `(row name, column name, i, j)` for every entry, row by row.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &str, usize, usize)> {
        let n = self.wrt.len();
        (0..n * n).map(move |k| (self.wrt[k / n].as_str(), self.wrt[k % n].as_str(), k / n, k % n))
    }

    /// `{row: {column: cell}}`, the JSON shape of every matrix here.
    fn by_name<T, U>(&self, rows: &[Vec<T>], cell: impl Fn(&T) -> U) -> BTreeMap<&str, BTreeMap<&str, U>> {
        let names = || self.wrt.iter().map(String::as_str);
        names().zip(rows).map(|(r, row)| (r, names().zip(row).map(|(c, x)| (c, cell(x))).collect())).collect()
    }
}

impl Serialize for HessianAnswer {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("input", &self.input)?;
        m.serialize_entry("wrt", &self.wrt)?;
        m.serialize_entry("hessian", &self.by_name(&self.hessian, plain))?;
        if let (Some(at), Some(values)) = (&self.at, &self.values) {
            m.serialize_entry("at", at)?;
            let number = |v: &Value| serde_json::to_value(v).map(|j| j["value"].clone()).unwrap_or_default();
            m.serialize_entry("values", &self.by_name(values, number))?;
            m.serialize_entry("exact", &self.by_name(values, |v: &Value| v.exact.as_ref().map(plain)))?;
        }
        m.end()
    }
}

pub fn hessian(
    input: &str,
    wrt: &[String],
    at: Option<&str>,
    data: Option<Data>,
    digits: u32,
) -> Answered<HessianAnswer> {
    let f = crate::parse(input)?;
    let vars = super::grad::parameters(input, &f, wrt, at, data.as_ref())?;
    let first: Vec<Expr> = vars.iter().map(|v| crate::derivative(&f, v)).collect::<Result<_, _>>()?;
    // The upper triangle, mirrored: the matrix is symmetric by construction
    // (the tests check each mixed entry against the other order's value).
    let mut hessian: Vec<Vec<Expr>> = vec![Vec::with_capacity(vars.len()); vars.len()];
    for i in 0..vars.len() {
        for j in 0..vars.len() {
            let entry = if j < i { hessian[j][i].clone() } else { crate::derivative(&first[i], &vars[j])? };
            hessian[i].push(entry);
        }
    }
    let mut answer =
        HessianAnswer { input: input.to_string(), wrt: vars.clone(), hessian, at: None, values: None };
    let Some(at) = at else { return Ok(answer) };
    let point = parse_point(at, vars.first().map_or("x", String::as_str))?;
    let values = match data {
        Some(data) => over_data(&answer, &point, &data, digits)?,
        None => {
            let missing = point.missing(&f);
            if !missing.is_empty() {
                return Err(Failure::MissingValues { names: missing });
            }
            let values: HashMap<String, Expr> = point.values.iter().cloned().collect();
            let exact = |e: &Expr| -> Answered<Value> { Ok(Value::of(&substitute(e, &values), digits)?) };
            answer.hessian.iter().map(|row| row.iter().map(exact).collect()).collect::<Answered<_>>()?
        }
    };
    answer.at = Some(super::at_object(&point));
    answer.values = Some(values);
    Ok(answer)
}

/// The mean of every entry over the rows, compiled once.
fn over_data(
    answer: &HessianAnswer,
    point: &crate::engine::point::Point,
    data: &Data,
    digits: u32,
) -> Answered<Vec<Vec<Value>>> {
    let params = super::grad::parameter_values(point, &answer.wrt)?;
    let mut inputs = answer.wrt.clone();
    inputs.extend(data.names.iter().cloned());
    let cells: Vec<Expr> = answer.hessian.iter().flatten().cloned().collect();
    let tape = Tape::compile(&cells, &inputs);
    let n = answer.wrt.len();
    let input =
        |i: usize| if i < n { Column::Scalar(params[i]) } else { Column::Values(&data.columns[i - n]) };
    let means = tape.means(data.rows, &input, &mut Default::default());
    Ok(means.chunks(n).map(|row| row.iter().map(|v| Value::approximate(*v, digits)).collect()).collect())
}
