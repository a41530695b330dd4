//! Training data from CSV: a header row naming the columns, then numbers.

use std::fmt;
use std::path::Path;

/// Columns of numbers by header name.
#[derive(Debug, Clone)]
pub struct Data {
    pub names: Vec<String>,
    pub columns: Vec<Vec<f64>>,
    pub rows: usize,
    /// Where the data came from (the file's path), for messages.
    pub source: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DataError(pub String);

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DataError {}

impl Data {
    pub fn load(path: &Path) -> Result<Data, DataError> {
        let file = std::fs::File::open(path).map_err(|e| DataError(format!("{}: {e}", path.display())))?;
        Data::read(file, &path.display().to_string())
    }

    pub fn read(input: impl std::io::Read, label: &str) -> Result<Data, DataError> {
        // Flexible: a ragged row gets dcalc's own message, with its line.
        let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).flexible(true).from_reader(input);
        let err = |m: String| DataError(format!("{label}: {m}"));
        let headers = reader.headers().map_err(|e| err(e.to_string()))?.clone();
        let names: Vec<String> = headers.iter().map(str::to_string).collect();
        if names.iter().all(String::is_empty) {
            return Err(err("the file is empty: the first line must name the columns".into()));
        }
        if let Some((first, again)) = duplicate(&names) {
            let name = &names[first];
            let (a, b) = (first + 1, again + 1);
            return Err(err(format!(
                "the column name '{name}' appears twice (columns {a} and {b}): rename one"
            )));
        }
        let mut columns = vec![Vec::new(); names.len()];
        for (i, record) in reader.records().enumerate() {
            let record = record.map_err(|e| err(e.to_string()))?;
            let line = record.position().map_or(i as u64 + 2, csv::Position::line);
            if record.len() != names.len() {
                let (got, want) = (record.len(), names.len());
                return Err(err(format!(
                    "line {line} has {got} field{}, but the header names {want} columns ({})",
                    if got == 1 { "" } else { "s" },
                    names.join(", ")
                )));
            }
            for (c, cell) in record.iter().enumerate() {
                columns[c].push(
                    cell_value(cell).map_err(|why| {
                        err(format!("line {line}, column '{}': '{cell}' is {why}", names[c]))
                    })?,
                );
            }
        }
        let rows = columns.first().map_or(0, Vec::len);
        if rows == 0 {
            return Err(err("the file has a header but no rows of data".into()));
        }
        Ok(Data { names, columns, rows, source: label.to_string() })
    }

    /// The first of `names` that is also a column: a parameter the data
    /// would silently override.
    pub fn shadowing<'a>(&self, names: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
        names.into_iter().find(|n| self.column(n).is_some())
    }

    pub fn column(&self, name: &str) -> Option<&[f64]> {
        self.names.iter().position(|n| n == name).map(|i| self.columns[i].as_slice())
    }
}

/// A cell's number: finite, since a NaN or an infinity in the data would
/// make every loss and gradient NaN (and look like a bad rate).
fn cell_value(cell: &str) -> Result<f64, &'static str> {
    match cell.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        Ok(_) => Err("not a finite number (NaN and infinities cannot be averaged)"),
        Err(_) if cell.is_empty() => Err("empty: every cell needs a number"),
        Err(_) => Err("not a number"),
    }
}

/// The positions of the first name that appears twice.
fn duplicate(names: &[String]) -> Option<(usize, usize)> {
    let mut seen = std::collections::HashMap::new();
    for (i, n) in names.iter().enumerate() {
        if let Some(&first) = seen.get(n.as_str()) {
            return Some((first, i));
        }
        seen.insert(n.as_str(), i);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_columns_by_name() {
        let d = Data::read("x,y\n1,3\n2, 5\n".as_bytes(), "t").unwrap();
        assert_eq!(d.column("y"), Some(&[3.0, 5.0][..]));
        assert_eq!(d.rows, 2);
    }

    #[test]
    fn errors_name_the_row_and_column() {
        let e = Data::read("x,y\n1,3\n2,abc\n".as_bytes(), "t").unwrap_err();
        assert_eq!(e.0, "t: line 3, column 'y': 'abc' is not a number");
        assert!(Data::read("".as_bytes(), "t").is_err());
        assert!(Data::read("x,y\n".as_bytes(), "t").is_err());
        let e = Data::read("x,y\n1,2\n1\n".as_bytes(), "t").unwrap_err();
        assert_eq!(e.0, "t: line 3 has 1 field, but the header names 2 columns (x, y)");
        let e = Data::read("x,y\n1,2\n3,NaN\n".as_bytes(), "t").unwrap_err();
        assert_eq!(
            e.0,
            "t: line 3, column 'y': 'NaN' is not a finite number (NaN and infinities cannot be averaged)"
        );
        let e = Data::read("x,y\n-inf,2\n".as_bytes(), "t").unwrap_err();
        assert!(e.0.starts_with("t: line 2, column 'x': '-inf' is not a finite number"), "{}", e.0);
        let e = Data::read("x,y\n1,\n".as_bytes(), "t").unwrap_err();
        assert_eq!(e.0, "t: line 2, column 'y': '' is empty: every cell needs a number");
    }

    #[test]
    fn a_column_named_twice_is_an_error() {
        let e = Data::read("x,y,x\n1,2,3\n".as_bytes(), "t").unwrap_err();
        assert_eq!(e.0, "t: the column name 'x' appears twice (columns 1 and 3): rename one");
    }

    #[test]
    fn finds_parameters_the_data_would_override() {
        let d = Data::read("x,w\n1,2\n".as_bytes(), "t").unwrap();
        assert_eq!(d.shadowing(["b", "w"]), Some("w"));
        assert_eq!(d.shadowing(["b"]), None);
    }
}
