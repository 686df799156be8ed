//! A small indenting XML writer for the documents hsadmin writes (XRechnung, pain.008): every text and
//! attribute value is escaped on the way in, so no ledger text can add markup.

/// Escapes text for XML content and attribute values; characters XML 1.0 cannot carry at all become U+FFFD.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// [`escape`], appending to `out`.
pub fn escape_into(out: &mut String, s: &str) {
    if s.bytes().all(|b| b >= 0x20 && !matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'')) {
        out.push_str(s);
        return;
    }
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

/// A small indenting XML writer: every text and attribute value goes through [`escape`].
#[derive(Default)]
pub(crate) struct Writer {
    out: String,
    open: Vec<String>,
    /// One element a line without indentation (large files such as pain.008 batches).
    flat: bool,
}

impl Writer {
    /// A writer that does not indent: each element on a line of its own, at its start.
    pub(crate) fn flat(capacity: usize) -> Self {
        Self { out: String::with_capacity(capacity), open: Vec::new(), flat: true }
    }

    pub(crate) fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }

    pub(crate) fn indent(&mut self) {
        if self.flat {
            return;
        }
        for _ in 0..self.open.len() {
            self.out.push_str("  ");
        }
    }

    pub(crate) fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            self.out.push(' ');
            self.out.push_str(k);
            self.out.push_str("=\"");
            escape_into(&mut self.out, v);
            self.out.push('"');
        }
    }

    pub(crate) fn open(&mut self, name: &str) {
        self.open_with(name, &[]);
    }

    pub(crate) fn open_with(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.start(name, attrs);
        self.out.push_str(">\n");
        self.open.push(name.to_owned());
    }

    pub(crate) fn close(&mut self) {
        let name = self.open.pop().expect("an open element");
        self.indent();
        self.out.push_str("</");
        self.out.push_str(&name);
        self.out.push_str(">\n");
    }

    pub(crate) fn empty(&mut self, name: &str) {
        self.start(name, &[]);
        self.out.push_str("/>\n");
    }

    pub(crate) fn text(&mut self, name: &str, value: &str) {
        self.text_with(name, &[], value);
    }

    pub(crate) fn text_with(&mut self, name: &str, attrs: &[(&str, &str)], value: &str) {
        self.start(name, attrs);
        self.out.push('>');
        escape_into(&mut self.out, value);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    pub(crate) fn opt_text(&mut self, name: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.text(name, v);
        }
    }

    pub(crate) fn finish(self) -> String {
        assert!(self.open.is_empty(), "unclosed elements: {:?}", self.open);
        self.out
    }
}
