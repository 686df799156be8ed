//! EPP frames as XML (RFC 5730–5733): a small writer on quick-xml, where every value and attribute is
//! escaped by quick-xml itself, and a strict reader that turns a registry's answer into a tree of
//! elements by local name. Nothing from the registry is trusted: no DTD, bounded size and depth, the
//! root must be `<epp>` in the EPP namespace, and text is kept as data, never interpreted.
use quick_xml::Reader;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

pub const EPP_NS: &str = "urn:ietf:params:xml:ns:epp-1.0";
pub const DOMAIN_NS: &str = "urn:ietf:params:xml:ns:domain-1.0";
pub const CONTACT_NS: &str = "urn:ietf:params:xml:ns:contact-1.0";
pub const HOST_NS: &str = "urn:ietf:params:xml:ns:host-1.0";

/// A frame being written: `<epp><command>…</command></epp>` or `<epp><hello/></epp>`.
pub struct Frame {
    w: Writer<Vec<u8>>,
    command: bool,
}

impl Frame {
    fn open(command: bool) -> Self {
        let mut f = Self { w: Writer::new(Vec::new()), command };
        f.ev(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), Some("no"))));
        f.start("epp", &[("xmlns", EPP_NS)]);
        if command {
            f.start("command", &[]);
        }
        f
    }

    /// `<epp><command>`; the caller writes the command element, [`Frame::finish`] adds the clTRID.
    pub fn command() -> Self {
        Self::open(true)
    }

    /// `<epp><hello/></epp>`, which the server answers with its greeting.
    pub fn hello() -> Vec<u8> {
        let mut f = Self::open(false);
        f.empty("hello", &[]);
        f.finish("")
    }

    fn ev(&mut self, e: Event) {
        self.w.write_event(e).expect("writing XML into memory cannot fail");
    }

    pub fn start(&mut self, name: &str, attrs: &[(&str, &str)]) -> &mut Self {
        self.ev(Event::Start(BytesStart::new(name).with_attributes(attrs.iter().copied())));
        self
    }

    pub fn end(&mut self, name: &str) -> &mut Self {
        self.ev(Event::End(BytesEnd::new(name)));
        self
    }

    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> &mut Self {
        self.ev(Event::Empty(BytesStart::new(name).with_attributes(attrs.iter().copied())));
        self
    }

    /// `<name attrs>value</name>`, the value escaped.
    pub fn text(&mut self, name: &str, attrs: &[(&str, &str)], value: &str) -> &mut Self {
        self.start(name, attrs);
        self.ev(Event::Text(BytesText::new(value)));
        self.end(name)
    }

    /// Closes the frame; a command gets its client transaction id.
    pub fn finish(mut self, cl_trid: &str) -> Vec<u8> {
        if self.command {
            self.text("clTRID", &[], cl_trid);
            self.end("command");
        }
        self.end("epp");
        self.w.into_inner()
    }
}

/// An element of an answer: local name (prefix dropped), attributes, text, children.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Node {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub text: String,
    pub children: Vec<Node>,
}

impl Node {
    /// The first child called `name`.
    pub fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    /// Every child called `name`.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// Follows a path of child names.
    pub fn path(&self, names: &[&str]) -> Option<&Node> {
        names.iter().try_fold(self, |n, name| n.child(name))
    }

    /// The text at a path, if the element is there.
    pub fn text_at(&self, names: &[&str]) -> Option<String> {
        self.path(names).map(|n| n.text.clone())
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// More nesting than this is no EPP answer.
const MAX_DEPTH: usize = 32;

fn local(name: &str) -> String {
    name.rsplit(':').next().unwrap_or_default().to_owned()
}

fn element(e: &BytesStart) -> Result<Node, String> {
    let mut attrs = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|e| format!("bad attribute: {e}"))?;
        let key = a.key.as_ref().to_owned();
        let value = a.normalized_value(quick_xml::XmlVersion::Implicit1_0).map_err(|e| format!("bad attribute value: {e}"))?.into_owned();
        // Namespace declarations keep their prefix (`xmlns:domain`), so they cannot pose as attributes.
        attrs.push((if key.starts_with("xmlns") { key } else { local(&key) }, value));
    }
    Ok(Node { name: local(e.name().as_ref()), attrs, ..Node::default() })
}

/// Parses an answer strictly into its root element, which must be `<epp xmlns="urn:ietf:params:xml:ns:epp-1.0">`.
pub fn parse(bytes: &[u8]) -> Result<Node, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "the answer is not UTF-8".to_owned())?;
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(true);
    let mut stack: Vec<Node> = Vec::new();
    let mut root = None;
    loop {
        let event = reader.read_event().map_err(|e| format!("malformed XML at byte {}: {e}", reader.error_position()))?;
        match event {
            Event::Start(e) => {
                if stack.len() >= MAX_DEPTH || root.is_some() {
                    return Err("the answer nests too deep or has more than one root".into());
                }
                stack.push(element(&e)?);
            }
            Event::Empty(e) => close(&mut stack, &mut root, element(&e)?)?,
            Event::End(_) => {
                let node = stack.pop().ok_or("an end tag without its start")?;
                close(&mut stack, &mut root, node)?;
            }
            Event::Text(t) => append(&mut stack, &t.xml10_content())?,
            Event::CData(t) => append(&mut stack, &t.xml10_content())?,
            Event::GeneralRef(r) => {
                let name = r.to_string();
                let ch = match r.resolve_char_ref().map_err(|e| e.to_string())? {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_predefined_entity(&name).ok_or_else(|| format!("unknown entity &{name};"))?.to_owned(),
                };
                append(&mut stack, &ch)?;
            }
            Event::DocType(_) => return Err("the answer carries a DTD".into()),
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
    }
    let root = root.ok_or("the answer is empty")?;
    if !stack.is_empty() {
        return Err("the answer ends inside an element".into());
    }
    if root.name != "epp" || root.attr("xmlns") != Some(EPP_NS) {
        return Err("the answer is not an EPP frame".into());
    }
    Ok(root)
}

fn close(stack: &mut [Node], root: &mut Option<Node>, node: Node) -> Result<(), String> {
    match stack.last_mut() {
        Some(parent) => parent.children.push(node),
        None if root.is_none() => *root = Some(node),
        None => return Err("the answer has more than one root".into()),
    }
    Ok(())
}

fn append(stack: &mut [Node], text: &str) -> Result<(), String> {
    match stack.last_mut() {
        Some(n) => n.text.push_str(text),
        None if text.trim().is_empty() => {}
        None => return Err("text outside the root element".into()),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_escaped() {
        let mut f = Frame::command();
        f.start("check", &[]).start("domain:check", &[("xmlns:domain", DOMAIN_NS)]).text("domain:name", &[], "a<b>&\"c").end("domain:check").end("check");
        let s = String::from_utf8(f.finish("t1")).unwrap();
        assert!(s.contains("<domain:name>a&lt;b&gt;&amp;&quot;c</domain:name>"), "{s}");
        let n = parse(s.as_bytes()).unwrap();
        assert_eq!(n.text_at(&["command", "check", "check", "name"]).unwrap(), "a<b>&\"c");
    }

    #[test]
    fn strict_parsing() {
        assert!(parse(b"<epp xmlns=\"urn:ietf:params:xml:ns:epp-1.0\"><response/></epp>").is_ok());
        for bad in [
            &b"<epp><response/></epp>"[..],
            b"<other xmlns=\"urn:ietf:params:xml:ns:epp-1.0\"/>",
            b"<!DOCTYPE epp [<!ENTITY x \"y\">]><epp xmlns=\"urn:ietf:params:xml:ns:epp-1.0\"/>",
            b"<epp xmlns=\"urn:ietf:params:xml:ns:epp-1.0\"><a></b></epp>",
            b"<epp xmlns=\"urn:ietf:params:xml:ns:epp-1.0\"><a>&x;</a></epp>",
            b"<epp xmlns=\"urn:ietf:params:xml:ns:epp-1.0\"><a>",
            b"",
        ] {
            assert!(parse(bad).is_err(), "{}", String::from_utf8_lossy(bad));
        }
    }
}
