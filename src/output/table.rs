//! One look for every table.
use comfy_table::{ContentArrangement, Table, TableComponent, presets};

/// A list: one row per item under a header.
pub fn list<I, S>(header: I) -> Table
where
    I: IntoIterator<Item = S>,
    S: Into<comfy_table::Cell>,
{
    let mut t = Table::new();
    // Borderless columns under one rule, like ps or kubectl: easy to read and to cut.
    t.load_preset(presets::NOTHING).set_content_arrangement(ContentArrangement::Disabled).set_header(header);
    t.set_style(TableComponent::HeaderLines, '─').set_style(TableComponent::MiddleHeaderIntersections, '─');
    t.set_style(TableComponent::LeftHeaderIntersection, '─').set_style(TableComponent::RightHeaderIntersection, '─');
    t
}

/// One item: a field per row.
pub fn fields<'a>(rows: impl IntoIterator<Item = (&'a str, String)>) -> Table {
    let mut t = Table::new();
    t.load_preset(presets::NOTHING).set_content_arrangement(ContentArrangement::Disabled);
    for (k, v) in rows {
        t.add_row(vec![format!("{k}:"), v]);
    }
    t
}

/// A table as text with a trailing newline.
pub fn text(t: &Table) -> String {
    let mut s: String = t.lines().map(|l| l.trim_end().to_owned() + "\n").collect();
    if s.is_empty() {
        s.push('\n');
    }
    s
}

/// An optional value as a cell: a dash for nothing.
pub fn opt<T: std::fmt::Display>(v: &Option<T>) -> String {
    v.as_ref().map_or_else(|| "-".to_owned(), ToString::to_string)
}

pub fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.to_owned()
}
