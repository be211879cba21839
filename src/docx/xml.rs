//! A tiny XML tree for the post-processing step: parse a part that docx-rs
//! wrote, rearrange it, write it back.
//!
//! Text and attribute values are kept in their escaped (wire) form, so what
//! docx-rs escaped is written back byte for byte and nothing is unescaped and
//! re-escaped along the way.

use crate::error::{Error, Result};
use quick_xml::events::Event;
use quick_xml::Reader;

/// The declaration every part starts with.
pub(crate) const DECLARATION: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    Element(Element),
    /// Character data, already escaped.
    Text(String),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Element {
    /// The qualified name as written, e.g. `w:pPr`.
    pub name: String,
    /// Attributes in order; values already escaped.
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

impl Element {
    pub fn new(name: &str) -> Self {
        Element {
            name: name.to_string(),
            attrs: Vec::new(),
            children: Vec::new(),
        }
    }

    /// Adds an attribute, escaping a plain value.
    pub fn attr(mut self, name: &str, value: &str) -> Self {
        self.set_attr(name, value);
        self
    }

    pub fn child(mut self, child: Element) -> Self {
        self.children.push(Node::Element(child));
        self
    }

    /// Adds plain text as a child, escaping it.
    pub fn text(mut self, text: &str) -> Self {
        self.children.push(Node::Text(escape(text)));
        self
    }

    /// Sets (or replaces) an attribute, escaping a plain value.
    pub fn set_attr(&mut self, name: &str, value: &str) {
        let value = escape(value);
        match self.attrs.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = value,
            None => self.attrs.push((name.to_string(), value)),
        }
    }

    pub fn get_attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn remove_attr(&mut self, name: &str) {
        self.attrs.retain(|(n, _)| n != name);
    }

    pub fn elements_mut(&mut self) -> impl Iterator<Item = &mut Element> {
        self.children.iter_mut().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    pub fn find_mut(&mut self, name: &str) -> Option<&mut Element> {
        self.elements_mut().find(|e| e.name == name)
    }

    /// The child named `name`, created (at the end) when missing.
    pub fn find_or_insert(&mut self, name: &str) -> &mut Element {
        let index = match self
            .children
            .iter()
            .position(|n| matches!(n, Node::Element(e) if e.name == name))
        {
            Some(i) => i,
            None => {
                self.children.push(Node::Element(Element::new(name)));
                self.children.len() - 1
            }
        };
        match &mut self.children[index] {
            Node::Element(e) => e,
            Node::Text(_) => unreachable!("index points at an element"),
        }
    }

    /// Replaces the child of the same name, or appends `child`.
    pub fn put(&mut self, child: Element) {
        match self
            .children
            .iter_mut()
            .find(|n| matches!(n, Node::Element(e) if e.name == child.name))
        {
            Some(slot) => *slot = Node::Element(child),
            None => self.children.push(Node::Element(child)),
        }
    }

    /// Visits this element and every descendant, parents first.
    pub fn walk_mut(&mut self, f: &mut dyn FnMut(&mut Element)) {
        f(self);
        for child in self.elements_mut() {
            child.walk_mut(f);
        }
    }

    /// Serialises the element and its descendants.
    pub fn write(&self, out: &mut String) {
        out.push('<');
        out.push_str(&self.name);
        for (name, value) in &self.attrs {
            out.push(' ');
            out.push_str(name);
            out.push_str("=\"");
            out.push_str(value);
            out.push('"');
        }
        if self.children.is_empty() {
            out.push_str("/>");
            return;
        }
        out.push('>');
        for child in &self.children {
            match child {
                Node::Element(e) => e.write(out),
                Node::Text(t) => out.push_str(t),
            }
        }
        out.push_str("</");
        out.push_str(&self.name);
        out.push('>');
    }

    /// The whole part: declaration plus root element.
    pub fn to_part(&self) -> Vec<u8> {
        let mut out = String::with_capacity(4096);
        out.push_str(DECLARATION);
        out.push('\n');
        self.write(&mut out);
        out.into_bytes()
    }
}

/// Escapes text for content or a double-quoted attribute value.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// Parses one part into its root element.
pub(crate) fn parse(part: &[u8], name: &str) -> Result<Element> {
    let broken = |why: String| Error::new(format!("internal error: DOCX part {name}: {why}"));
    let text = std::str::from_utf8(part).map_err(|e| broken(e.to_string()))?;
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(false);
    let mut stack: Vec<Element> = vec![Element::new("#root")];
    loop {
        let event = reader
            .read_event()
            .map_err(|e| broken(format!("at byte {}: {e}", reader.buffer_position())))?;
        match event {
            Event::Start(start) => stack.push(element(&start, &broken)?),
            Event::Empty(start) => {
                let e = element(&start, &broken)?;
                push(&mut stack, Node::Element(e));
            }
            Event::End(_) => {
                let done = stack
                    .pop()
                    .filter(|_| !stack.is_empty())
                    .ok_or_else(|| broken("unbalanced end tag".into()))?;
                push(&mut stack, Node::Element(done));
            }
            Event::Text(t) => {
                let raw = String::from_utf8_lossy(&t).into_owned();
                push(&mut stack, Node::Text(raw));
            }
            Event::GeneralRef(r) => {
                let raw = String::from_utf8_lossy(&r).into_owned();
                push(&mut stack, Node::Text(format!("&{raw};")));
            }
            Event::CData(c) => {
                let raw = String::from_utf8_lossy(&c).into_owned();
                push(&mut stack, Node::Text(escape(&raw)));
            }
            Event::Eof => break,
            // Declarations, comments, processing instructions: we write our own declaration.
            _ => {}
        }
    }
    let mut root = stack
        .pop()
        .filter(|_| stack.is_empty())
        .ok_or_else(|| broken("unclosed element".into()))?;
    let mut elements = root.children.drain(..).filter_map(|n| match n {
        Node::Element(e) => Some(e),
        Node::Text(_) => None,
    });
    let first = elements
        .next()
        .ok_or_else(|| broken("no root element".into()))?;
    Ok(first)
}

fn push(stack: &mut [Element], node: Node) {
    if let Some(top) = stack.last_mut() {
        // Adjacent text and references form one text node.
        if let (Node::Text(new), Some(Node::Text(old))) = (&node, top.children.last_mut()) {
            old.push_str(new);
            return;
        }
        top.children.push(node);
    }
}

fn element(
    start: &quick_xml::events::BytesStart,
    broken: &dyn Fn(String) -> Error,
) -> Result<Element> {
    let name = String::from_utf8_lossy(start.name().as_ref()).into_owned();
    let mut e = Element::new(&name);
    for attr in start.attributes() {
        let attr = attr.map_err(|err| broken(err.to_string()))?;
        let key = String::from_utf8_lossy(attr.key.as_ref()).into_owned();
        let value = String::from_utf8_lossy(&attr.value).into_owned();
        e.attrs.push((key, value));
    }
    Ok(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_escaped_text() {
        let src =
            br#"<?xml version="1.0"?><a x="1 &amp; 2"><b/>R&amp;D &lt;x&gt; &quot;q&quot;</a>"#;
        let root = parse(src, "t").unwrap();
        let mut out = String::new();
        root.write(&mut out);
        assert_eq!(
            out,
            r#"<a x="1 &amp; 2"><b/>R&amp;D &lt;x&gt; &quot;q&quot;</a>"#
        );
    }

    #[test]
    fn rejects_broken_xml() {
        assert!(parse(b"<a><b></a>", "t").is_err());
    }
}
