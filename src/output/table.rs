//! One look for every table, decided here and not by the commands: columns aligned, money and counts
//! right-aligned, and on a terminal a header rule and lists cut to the terminal's width (free-text columns
//! lose their tail to `…`); piped, plain aligned columns that nothing cuts.
use std::borrow::Cow;
use std::cell::Cell;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// What the tables of this result look like; [`with_layout`] sets it while a result is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// The terminal's width when stdout is one: lists are cut to it and get a rule under the header.
    /// `None` when piped: nothing is cut and nothing decorated.
    pub width: Option<usize>,
    /// The header line of lists (`--no-headers` drops it).
    pub headers: bool,
}

impl Default for Layout {
    fn default() -> Self {
        Self { width: None, headers: true }
    }
}

thread_local! {
    static LAYOUT: Cell<Layout> = Cell::new(Layout::default());
}

/// Runs `render` (a result's `human()`) with the tables laid out as `layout` says.
pub fn with_layout<R>(layout: Layout, render: impl FnOnce() -> R) -> R {
    let before = LAYOUT.replace(layout);
    let result = render();
    LAYOUT.set(before);
    result
}

/// Between two columns.
const GAP: usize = 2;
/// A cut column keeps at least this many characters (and its header's).
const MIN_WIDTH: usize = 8;

/// Rows of cells; a cell may have several lines.
#[derive(Debug, Clone, Default)]
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    /// A list (cut to fit, numbers right-aligned); else fields of one item, shown in full.
    list: bool,
}

/// A list: one row per item under a header.
pub fn list<I, S>(header: I) -> Table
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    Table { header: header.into_iter().map(Into::into).collect(), rows: Vec::new(), list: true }
}

/// One item: a field per row.
pub fn fields<'a>(rows: impl IntoIterator<Item = (&'a str, String)>) -> Table {
    Table { header: Vec::new(), rows: rows.into_iter().map(|(k, v)| vec![format!("{k}:"), v]).collect(), list: false }
}

impl Table {
    pub fn add_row<S: Into<String>>(&mut self, row: impl IntoIterator<Item = S>) -> &mut Self {
        self.rows.push(row.into_iter().map(Into::into).collect());
        self
    }

    fn columns(&self) -> usize {
        self.rows.iter().map(Vec::len).chain([self.header.len()]).max().unwrap_or(0)
    }

    fn cells(&self, column: usize) -> impl Iterator<Item = &str> {
        self.rows.iter().map(move |r| r.get(column).map_or("", String::as_str))
    }

    fn render(&self, layout: Layout) -> String {
        let n = self.columns();
        let header = (layout.headers && self.list).then_some(&self.header);
        let right: Vec<bool> = (0..n).map(|c| self.list && numeric(self.cells(c))).collect();
        let mut widths: Vec<usize> =
            (0..n).map(|c| self.cells(c).chain(header.and_then(|h| h.get(c)).map(String::as_str)).map(width).max().unwrap_or(0)).collect();
        if let (Some(room), true) = (layout.width, self.list) {
            let heading = |c: usize| header.and_then(|h| h.get(c)).map_or(0, |h| h.width());
            let floors: Vec<usize> = (0..n).map(|c| MIN_WIDTH.max(heading(c))).collect();
            let free: Vec<bool> = (0..n).map(|c| c > 0 && !right[c] && !dates(self.cells(c))).collect();
            shrink(&mut widths, &floors, &free, room);
        }
        let mut out = String::new();
        if let Some(h) = header {
            out += &row(h, &widths, &right);
            if layout.width.is_some() {
                out += &"─".repeat(total(&widths));
                out.push('\n');
            }
        }
        for r in &self.rows {
            out += &row(r, &widths, &right);
        }
        out
    }
}

/// The table as text, each line ending with a newline; laid out as [`with_layout`] says.
pub fn text(t: &Table) -> String {
    t.render(LAYOUT.get())
}

/// One row as lines (as many as its tallest cell), each cell cut and padded to its column's width.
fn row(cells: &[String], widths: &[usize], right: &[bool]) -> String {
    let lines: Vec<Vec<&str>> = cells.iter().map(|c| c.split('\n').collect()).collect();
    let height = lines.iter().map(Vec::len).max().unwrap_or(1);
    let mut out = String::new();
    for i in 0..height {
        let mut line = String::new();
        for (c, &w) in widths.iter().enumerate() {
            let content = cut(lines.get(c).and_then(|l| l.get(i)).copied().unwrap_or(""), w);
            let pad = " ".repeat(w - content.width());
            let gap = if c + 1 < widths.len() { GAP } else { 0 };
            if right[c] {
                line += &format!("{pad}{content}{:gap$}", "");
            } else {
                line += &format!("{content}{pad}{:gap$}", "");
            }
        }
        out += line.trim_end();
        out.push('\n');
    }
    out
}

/// The widest line of a cell, in terminal columns.
fn width(cell: &str) -> usize {
    cell.split('\n').map(UnicodeWidthStr::width).max().unwrap_or(0)
}

fn total(widths: &[usize]) -> usize {
    widths.iter().sum::<usize>() + GAP * widths.len().saturating_sub(1)
}

/// Narrows the widest free columns, one character at a time, until the table fits `room` or none of them
/// can give more (a table of keys, numbers and dates only stays as wide as it is).
fn shrink(widths: &mut [usize], floors: &[usize], free: &[bool], room: usize) {
    while total(widths) > room {
        let Some(c) = (0..widths.len()).filter(|&c| free[c] && widths[c] > floors[c]).max_by_key(|&c| widths[c]) else {
            break;
        };
        widths[c] -= 1;
    }
}

/// `text` if it fits `width`, else its head and `…`.
fn cut(text: &str, width: usize) -> Cow<'_, str> {
    if text.width() <= width {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut used = 0;
    for ch in text.chars() {
        let w = ch.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(ch);
        used += w;
    }
    out.push('…');
    Cow::Owned(out)
}

/// A column of numbers or amounts (`3`, `128.00`, `-64.00`), dashes and empty cells aside.
fn numeric<'a>(cells: impl Iterator<Item = &'a str>) -> bool {
    every_given(cells, is_number)
}

/// A column of dates or timestamps (`2026-01-01`, `2026-12-02T01:39:05Z`), dashes and empty cells aside.
fn dates<'a>(cells: impl Iterator<Item = &'a str>) -> bool {
    every_given(cells, |s| {
        let b = s.as_bytes();
        b.len() >= 10 && b[4] == b'-' && b[7] == b'-' && [0, 1, 2, 3, 5, 6, 8, 9].iter().all(|&i| b[i].is_ascii_digit())
    })
}

/// Whether every cell but dashes and empty ones passes `test`, and there is at least one.
fn every_given<'a>(cells: impl Iterator<Item = &'a str>, test: impl Fn(&str) -> bool) -> bool {
    let mut any = false;
    for cell in cells.filter(|c| !c.is_empty() && *c != "-") {
        if !test(cell) {
            return false;
        }
        any = true;
    }
    any
}

fn is_number(s: &str) -> bool {
    let unsigned = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, "0"));
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    digits(int) && digits(frac)
}

/// An optional value as a cell: a dash for nothing.
pub fn opt<T: std::fmt::Display>(v: &Option<T>) -> String {
    v.as_ref().map_or_else(|| "-".to_owned(), ToString::to_string)
}

pub fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn members() -> Table {
        let mut t = list(["number", "name", "email", "since", "shares", "assets"]);
        t.add_row(["10001", "Erika Mustermann", "erika@example.org", "2026-01-01", "2", "128.00"]);
        t.add_row(["10002", "Max", "max@example.org", "-", "12", "-64.00"]);
        t
    }

    fn at(width: Option<usize>, headers: bool, t: &Table) -> String {
        with_layout(Layout { width, headers }, || text(t))
    }

    #[test]
    fn piped_lists_are_plain_with_numbers_right_aligned() {
        assert_eq!(
            at(None, true, &members()),
            "number  name              email              since       shares  assets\n \
              10001  Erika Mustermann  erika@example.org  2026-01-01       2  128.00\n \
              10002  Max               max@example.org    -               12  -64.00\n"
        );
        assert_eq!(at(None, false, &members()).lines().count(), 2);
    }

    #[test]
    fn on_a_terminal_free_text_is_cut_to_fit() {
        let out = at(Some(60), true, &members());
        let rule = "─".repeat(60);
        assert_eq!(
            out,
            format!(
                "number  name         email        since       shares  assets\n{rule}\n \
                 10001  Erika Must…  erika@exam…  2026-01-01       2  128.00\n \
                 10002  Max          max@exampl…  -               12  -64.00\n"
            )
        );
        assert!(out.lines().all(|l| l.width() <= 60), "{out}");
        // Wide enough: nothing is cut.
        assert_eq!(at(Some(200), true, &members()).lines().nth(2).unwrap(), at(None, true, &members()).lines().nth(1).unwrap());
    }

    #[test]
    fn keys_numbers_and_dates_are_never_cut() {
        let out = at(Some(10), true, &members());
        for whole in ["10001", "2026-01-01", "128.00", "-64.00"] {
            assert!(out.contains(whole), "{out}");
        }
        assert!(out.contains("Erika M…") && out.contains("erika@e…"), "free text goes down to {MIN_WIDTH} columns: {out}");
    }

    #[test]
    fn width_is_counted_in_terminal_columns() {
        assert_eq!(cut("Müller-Lüdenscheidt", 8), "Müller-…");
        assert_eq!(cut("日本語のテキスト", 7), "日本語…");
        assert_eq!(cut("short", 8), "short");
        let mut t = list(["id", "name"]);
        t.add_row(["1", "Jürgen"]).add_row(["22", "Bo"]);
        assert_eq!(at(None, true, &t), "id  name\n 1  Jürgen\n22  Bo\n");
    }

    #[test]
    fn a_column_is_numeric_when_every_given_cell_is_a_number() {
        assert!(numeric(["3", "-", "", "-64.00", "+1.5"].into_iter()));
        assert!(!numeric(["3", "12.00/month"].into_iter()));
        assert!(!numeric(["-", ""].into_iter()));
        assert!(!is_number(".5") && !is_number("1e3") && !is_number("-") && is_number("0"));
    }

    #[test]
    fn multi_line_cells_and_fields() {
        let mut t = list(["server", "problem"]);
        t.add_row(["h1", "failed:\nline two"]);
        assert_eq!(at(None, true, &t), "server  problem\nh1      failed:\n        line two\n");
        let f = fields([("number", "10001".to_owned()), ("reverse charge", "no".to_owned())]);
        assert_eq!(at(Some(10), false, &f), "number:          10001\nreverse charge:  no\n", "fields are shown whole, without a header");
        assert_eq!(at(Some(80), false, &list(["id"])), "", "no header and no rows: nothing");
    }
}
