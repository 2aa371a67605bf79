//! Just enough XML for what Plex answers in XML: a small, bounded element tree over quick-xml.
//!
//! The PMS answers XML unless JSON is asked for, and plex.tv sometimes sends errors as XML. Any
//! server can send any body, so the reader is linear in the body and capped in what it builds:
//! depth, elements and attributes are limited, attribute names are not checked for duplicates
//! (quick-xml's check is quadratic; the first of a repeated name wins, as for JSON keys), only
//! the predefined entities and character references are expanded, and DTDs are skipped.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::fmt;

/// Deeper documents are rejected rather than walked (Plex's are 3 levels deep).
pub const MAX_DEPTH: usize = 64;
/// Elements in one document (Plex sends tens).
pub const MAX_ELEMENTS: usize = 10_000;
/// Attributes on one element (Plex sends about 20).
pub const MAX_ATTRIBUTES_PER_ELEMENT: usize = 256;
/// Attributes in one document.
pub const MAX_ATTRIBUTES: usize = 100_000;

/// Why an XML body could not be read. Never quotes the body: it may hold a token.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum XmlError {
    /// Not well-formed XML (or an unknown entity) near this byte offset.
    Malformed {
        /// Byte offset into the body.
        offset: u64,
    },
    /// No root element.
    NoRoot,
    /// An end tag without a start tag.
    Unbalanced,
    /// More than 64 nested elements.
    TooDeep,
    /// More than 10,000 elements.
    TooManyElements,
    /// More than 256 attributes on an element, or 100,000 in all.
    TooManyAttributes,
}

impl fmt::Display for XmlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Malformed { offset } => write!(f, "malformed XML near byte {offset}"),
            Self::NoRoot => f.write_str("no root element"),
            Self::Unbalanced => f.write_str("unbalanced end tag"),
            Self::TooDeep => write!(f, "nested deeper than {MAX_DEPTH} elements"),
            Self::TooManyElements => write!(f, "more than {MAX_ELEMENTS} elements"),
            Self::TooManyAttributes => {
                write!(f, "more than {MAX_ATTRIBUTES_PER_ELEMENT} attributes on an element or {MAX_ATTRIBUTES} in all")
            }
        }
    }
}

impl std::error::Error for XmlError {}

/// One XML element with its attributes, child elements and text.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Element>,
    pub text: String,
}

impl Element {
    /// The value of attribute `name`, if present (the first one when repeated).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// Child elements called `name`.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }
}

/// What the reader did: proof that its work is linear in the body.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Work {
    /// Events read from quick-xml.
    pub events: usize,
    /// Attributes read.
    pub attributes: usize,
}

impl Work {
    /// Events plus attributes: every step the reader took.
    pub fn steps(&self) -> usize {
        self.events + self.attributes
    }
}

struct Parser<'a> {
    reader: Reader<&'a [u8]>,
    work: Work,
    elements: usize,
}

impl Parser<'_> {
    fn malformed(&self) -> XmlError {
        XmlError::Malformed { offset: self.reader.buffer_position() }
    }

    fn start(&mut self, e: &BytesStart<'_>) -> Result<Element, XmlError> {
        self.elements += 1;
        if self.elements > MAX_ELEMENTS {
            return Err(XmlError::TooManyElements);
        }
        let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
        let mut attrs = Vec::new();
        let mut attributes = e.attributes();
        attributes.with_checks(false);
        for attr in attributes {
            self.work.attributes += 1;
            if attrs.len() >= MAX_ATTRIBUTES_PER_ELEMENT || self.work.attributes > MAX_ATTRIBUTES {
                return Err(XmlError::TooManyAttributes);
            }
            let attr = attr.map_err(|_| self.malformed())?;
            let key = String::from_utf8_lossy(attr.key.local_name().as_ref()).into_owned();
            let value = attr.unescape_value().map_err(|_| self.malformed())?.into_owned();
            attrs.push((key, value));
        }
        Ok(Element { name, attrs, ..Element::default() })
    }

    fn root(&mut self) -> Result<Element, XmlError> {
        let mut stack: Vec<Element> = Vec::new();
        loop {
            let event = self.reader.read_event().map_err(|_| self.malformed())?;
            self.work.events += 1;
            match event {
                Event::Start(e) => {
                    if stack.len() >= MAX_DEPTH {
                        return Err(XmlError::TooDeep);
                    }
                    let element = self.start(&e)?;
                    stack.push(element);
                }
                Event::Empty(e) => {
                    let element = self.start(&e)?;
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(element),
                        None => return Ok(element),
                    }
                }
                Event::End(_) => {
                    let Some(done) = stack.pop() else { return Err(XmlError::Unbalanced) };
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(done),
                        None => return Ok(done),
                    }
                }
                Event::Text(t) => {
                    if let Some(current) = stack.last_mut() {
                        let text = t.unescape().map_err(|_| self.malformed())?;
                        current.text.push_str(&text);
                    }
                }
                Event::CData(t) => {
                    if let Some(current) = stack.last_mut() {
                        current.text.push_str(&String::from_utf8_lossy(&t));
                    }
                }
                Event::Eof => return Err(XmlError::NoRoot),
                _ => {}
            }
        }
    }
}

/// Parses `bytes` into the root element, with the work it took.
pub(crate) fn parse_counted(bytes: &[u8]) -> (Result<Element, XmlError>, Work) {
    let mut parser = Parser { reader: Reader::from_reader(bytes), work: Work::default(), elements: 0 };
    let root = parser.root();
    (root, parser.work)
}

/// Parses `bytes` into the root element.
pub(crate) fn parse(bytes: &[u8]) -> Result<Element, XmlError> {
    parse_counted(bytes).0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_attributes_children_and_text() {
        let root = parse(br#"<?xml version="1.0"?><errors><error code="1001" message="a &amp; b"/><error>Invalid token</error></errors>"#);
        let root = root.ok();
        let root = root.as_ref();
        assert_eq!(root.map(|r| r.name.as_str()), Some("errors"));
        let kids: Vec<_> = root.map(|r| r.children_named("error").collect()).unwrap_or_default();
        assert_eq!(kids.len(), 2);
        assert_eq!(kids[0].attr("message"), Some("a & b"));
        assert_eq!(kids[1].text, "Invalid token");
    }

    #[test]
    fn rejects_garbage_and_depth_bombs() {
        assert_eq!(parse(b""), Err(XmlError::NoRoot));
        assert!(matches!(parse(b"</a>"), Err(XmlError::Malformed { .. } | XmlError::Unbalanced)));
        let bomb = "<a>".repeat(100);
        assert_eq!(parse(bomb.as_bytes()), Err(XmlError::TooDeep));
    }

    #[test]
    fn repeated_attribute_names_are_not_an_error_and_the_first_wins() {
        let root = parse(br#"<MediaContainer token="first" token="second"/>"#);
        assert_eq!(root.as_ref().ok().and_then(|r| r.attr("token")), Some("first"));
    }

    #[test]
    fn floods_stop_at_their_caps() {
        let attrs = format!("<errors{}/>", " a=\"\"".repeat(MAX_ATTRIBUTES_PER_ELEMENT + 1));
        assert_eq!(parse(attrs.as_bytes()), Err(XmlError::TooManyAttributes));
        let elements = format!("<a>{}</a>", "<b/>".repeat(MAX_ELEMENTS));
        assert_eq!(parse(elements.as_bytes()), Err(XmlError::TooManyElements));
        let spread = format!("<a>{}</a>", format!("<b{}/>", " x=\"\"".repeat(200)).repeat(600));
        assert_eq!(parse(spread.as_bytes()), Err(XmlError::TooManyAttributes));
    }

    #[test]
    fn unknown_entities_and_dtds_are_not_expanded() {
        let bomb = br#"<!DOCTYPE a [<!ENTITY x "xxxxxxxx"><!ENTITY y "&x;&x;&x;&x;">]><a v="&y;"/>"#;
        assert!(matches!(parse(bomb), Err(XmlError::Malformed { .. })));
        let external = br#"<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>"#;
        assert!(matches!(parse(external), Err(XmlError::Malformed { .. })));
    }
}
