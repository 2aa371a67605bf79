//! Just enough XML for what Plex answers in XML: a small element tree over quick-xml.
//!
//! The PMS answers XML unless JSON is asked for, and plex.tv sometimes sends errors as XML.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// Deeper documents are rejected rather than walked (Plex's are 3 levels deep).
const MAX_DEPTH: usize = 64;

/// One XML element with its attributes, child elements and text.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Element>,
    pub text: String,
}

impl Element {
    /// The value of attribute `name`, if present.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// Child elements called `name`.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }
}

fn start(e: &BytesStart<'_>) -> Result<Element, String> {
    let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
    let mut attrs = Vec::new();
    for attr in e.attributes() {
        let attr = attr.map_err(|err| err.to_string())?;
        let key = String::from_utf8_lossy(attr.key.local_name().as_ref()).into_owned();
        let value = attr.unescape_value().map_err(|err| err.to_string())?.into_owned();
        attrs.push((key, value));
    }
    Ok(Element { name, attrs, ..Element::default() })
}

/// Parses `bytes` into the root element.
pub(crate) fn parse(bytes: &[u8]) -> Result<Element, String> {
    let mut reader = Reader::from_reader(bytes);
    let mut stack: Vec<Element> = Vec::new();
    loop {
        let event = reader.read_event().map_err(|e| e.to_string())?;
        match event {
            Event::Start(e) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(format!("nested deeper than {MAX_DEPTH} elements"));
                }
                stack.push(start(&e)?);
            }
            Event::Empty(e) => {
                let element = start(&e)?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(element),
                    None => return Ok(element),
                }
            }
            Event::End(_) => {
                let Some(done) = stack.pop() else { return Err("unbalanced end tag".into()) };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(done),
                    None => return Ok(done),
                }
            }
            Event::Text(t) => {
                if let Some(current) = stack.last_mut() {
                    current.text.push_str(&t.unescape().map_err(|e| e.to_string())?);
                }
            }
            Event::CData(t) => {
                if let Some(current) = stack.last_mut() {
                    current.text.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::Eof => return Err("no root element".into()),
            _ => {}
        }
    }
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
        assert!(parse(b"").is_err());
        assert!(parse(b"</a>").is_err());
        let bomb = "<a>".repeat(100);
        assert!(parse(bomb.as_bytes()).is_err());
    }
}
