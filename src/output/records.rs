//! Results as records for scripts: CSV (RFC 4180), TSV, or one key a line (`-o name`, for `xargs`: the
//! first field of each item, which every result type makes its key). Any
//! result works: a list is one record per item, anything else one record; nested objects become dotted
//! columns (`amount.cents`), lists in a cell are JSON text.
use serde_json::{Map, Value};

/// The output formats of `-o`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table for people (the default)
    Table,
    /// One JSON document (the same as --json)
    Json,
    /// Comma-separated values with a header line (unless --no-headers)
    Csv,
    /// Tab-separated values with a header line (unless --no-headers)
    Tsv,
    /// Only the name or id of each item, one a line
    Name,
}

/// Renders `value` in `format` (csv, tsv or name), with a header line of column names unless `headers` is
/// false; ends with a newline unless empty.
pub fn render(value: &Value, format: Format, headers: bool) -> String {
    let items: Vec<Map<String, Value>> = match value {
        Value::Array(a) => a.iter().map(flat).collect(),
        other => vec![flat(other)],
    };
    match format {
        // Every result type puts its key first: a member's number, a package's name, a job's id.
        Format::Name => items.iter().filter_map(|i| i.values().next().map(|v| cell(v) + "\n")).collect(),
        Format::Csv => table(&items, ",", csv_field, headers),
        Format::Tsv => table(&items, "\t", tsv_field, headers),
        Format::Table | Format::Json => unreachable!("rendered elsewhere"),
    }
}

fn table(items: &[Map<String, Value>], sep: &str, field: fn(&str) -> String, headers: bool) -> String {
    let mut columns: Vec<String> = Vec::new();
    for i in items {
        for k in i.keys() {
            if !columns.contains(k) {
                columns.push(k.clone());
            }
        }
    }
    if columns.is_empty() {
        return String::new();
    }
    let mut out = if headers { columns.iter().map(|c| field(c)).collect::<Vec<_>>().join(sep) + "\n" } else { String::new() };
    for i in items {
        out += &columns.iter().map(|c| field(&i.get(c).map(cell).unwrap_or_default())).collect::<Vec<_>>().join(sep);
        out.push('\n');
    }
    out
}

/// An item as one level of columns: nested objects as `outer.inner`.
fn flat(v: &Value) -> Map<String, Value> {
    let mut out = Map::new();
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                match v {
                    Value::Object(_) => {
                        for (inner, x) in flat(v) {
                            out.insert(format!("{k}.{inner}"), x);
                        }
                    }
                    other => {
                        out.insert(k.clone(), other.clone());
                    }
                }
            }
        }
        other => {
            out.insert("value".into(), other.clone());
        }
    }
    out
}

fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_owned() }
}

/// TSV has no quoting: tabs, newlines and backslashes are escaped as `\t`, `\n`, `\\`.
fn tsv_field(s: &str) -> String {
    s.replace('\\', "\\\\").replace('\t', "\\t").replace('\n', "\\n").replace('\r', "\\r")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lists_become_records() {
        let v = json!([{"number": 10001, "name": "Erika, \"E\"", "money": {"cents": 5, "amount": "0.05"}, "tags": [1]}, {"number": 10002, "name": "Max\tM"}]);
        assert_eq!(render(&v, Format::Csv, true), "number,name,money.cents,money.amount,tags\n10001,\"Erika, \"\"E\"\"\",5,0.05,[1]\n10002,Max\tM,,,\n");
        assert_eq!(render(&v, Format::Tsv, true), "number\tname\tmoney.cents\tmoney.amount\ttags\n10001\tErika, \"E\"\t5\t0.05\t[1]\n10002\tMax\\tM\t\t\t\n");
        assert_eq!(render(&v, Format::Name, true), "10001\n10002\n");
        assert_eq!(render(&json!([{"number": 10001}]), Format::Name, true), "10001\n");
        assert_eq!(render(&json!([]), Format::Csv, true), "");
        assert_eq!(render(&v, Format::Csv, false), "10001,\"Erika, \"\"E\"\"\",5,0.05,[1]\n10002,Max\tM,,,\n", "--no-headers");
        assert_eq!(render(&v, Format::Tsv, false).lines().count(), 2);
    }
}
