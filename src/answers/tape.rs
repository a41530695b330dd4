//! `grad --tape --at POINT`: the gradient the way autograd computes it, as
//! a recorded forward pass and a backward pass of adjoints.

use super::{Answered, Failure};
use crate::engine::point::parse_point;
use crate::ml::autograd::{Node, record};
use serde::ser::{Serialize, SerializeMap, SerializeStruct, Serializer};
use std::collections::BTreeMap;

#[derive(Clone, Debug)]
pub struct TapeAnswer {
    pub input: String,
    pub wrt: Vec<String>,
    pub at: BTreeMap<String, String>,
    pub tape: Vec<Node>,
    /// The inputs' adjoints: the gradient.
    pub gradient: Vec<(String, f64)>,
    /// The conventions used at kinks on the tape.
    pub notes: Vec<String>,
}

struct NodeJson<'a>(&'a Node);

impl Serialize for NodeJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let n = self.0;
        let mut m = s.serialize_struct("node", 7)?;
        m.serialize_field("id", &n.id)?;
        m.serialize_field("op", &n.op)?;
        if let Some(name) = &n.name {
            m.serialize_field("name", name)?;
        }
        m.serialize_field("inputs", &n.inputs)?;
        m.serialize_field("value", &super::ser::Number(n.value))?;
        m.serialize_field("adjoint", &super::ser::Number(n.adjoint))?;
        if !n.rule.is_empty() {
            m.serialize_field("rule", &n.rule)?;
        }
        m.end()
    }
}

impl Serialize for TapeAnswer {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("input", &self.input)?;
        m.serialize_entry("wrt", &self.wrt)?;
        m.serialize_entry("at", &self.at)?;
        m.serialize_entry("tape", &self.tape.iter().map(NodeJson).collect::<Vec<_>>())?;
        let gradient: BTreeMap<&str, super::ser::Number> =
            self.gradient.iter().map(|(k, v)| (k.as_str(), super::ser::Number(*v))).collect();
        m.serialize_entry("gradient", &gradient)?;
        m.serialize_entry("notes", &self.notes)?;
        m.end()
    }
}

pub fn tape(input: &str, wrt: &[String], at: &str) -> Answered<TapeAnswer> {
    let f = crate::parse(input)?;
    let vars = super::grad::parameters(input, &f, wrt, Some(at), None)?;
    let point = parse_point(at, vars.first().map_or("x", String::as_str))?;
    let missing = point.missing(&f);
    if !missing.is_empty() {
        return Err(Failure::MissingValues { names: missing });
    }
    let values = point.approximate()?;
    let tape = record(&f, &values)?;
    let adjoint = |v: &str| tape.iter().find(|n| n.name.as_deref() == Some(v)).map_or(0.0, |n| n.adjoint);
    let gradient = vars.iter().map(|v| (v.clone(), adjoint(v))).collect();
    let mut notes: Vec<String> = Vec::new();
    for n in &tape {
        if let Some(k) = n.kink {
            let def = k.def();
            let note = format!(
                "node v{} is {} exactly at its kink, where it has no derivative: the tape uses the frameworks' convention; {}",
                n.id,
                def.name,
                def.autodiff.unwrap_or("frameworks pick one one-sided value")
            );
            notes.push(note);
        }
    }
    Ok(TapeAnswer {
        input: input.to_string(),
        wrt: vars,
        at: super::at_object(&point),
        tape,
        gradient,
        notes,
    })
}
